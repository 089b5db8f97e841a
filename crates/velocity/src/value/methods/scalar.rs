//! `java.lang.Integer`, `Long`, `Double` and `Boolean` methods
//! (`toString`, `equals` and `hashCode` are common to every object and
//! live in `value::access`).

use std::cmp::Ordering;

use super::super::Value;

type R = Result<Option<Value>, String>;

fn ordering(o: Ordering) -> Value {
    Value::Int(match o {
        Ordering::Less => -1,
        Ordering::Equal => 0,
        Ordering::Greater => 1,
    })
}

/// `Double.compare`: -0.0 < 0.0, NaN above everything and equal to itself.
fn double_compare(a: f64, b: f64) -> Ordering {
    match (a.is_nan(), b.is_nan()) {
        (true, true) => Ordering::Equal,
        (true, false) => Ordering::Greater,
        (false, true) => Ordering::Less,
        // total_cmp orders -0.0 before 0.0, as Double.compare does.
        (false, false) => a.total_cmp(&b),
    }
}

/// `Number.floatValue()`: the float nearest the value. It is held as a
/// double whose shortest representation is the float's, so that it prints
/// as `Float.toString` would (`1.1`, not `1.100000023841858`).
fn float_value(d: f64) -> Value {
    let f = d as f32;
    if !f.is_finite() {
        return Value::Double(f as f64);
    }
    Value::Double(format!("{f:e}").parse().unwrap_or(f as f64))
}

pub fn call_number(v: &Value, name: &str, args: &[Value]) -> R {
    let (as_i64, as_f64) = match v {
        Value::Int(i) => (*i as i64, *i as f64),
        Value::Long(l) => (*l, *l as f64),
        // Java's (long) cast of a double saturates and maps NaN to 0, as
        // Rust's `as` does.
        Value::Double(d) => (*d as i64, *d),
        _ => return Ok(None),
    };
    let out = match (name, args) {
        // (int) of a long keeps the low 32 bits; (int) of a double saturates.
        ("intValue", []) => Value::Int(match v {
            Value::Double(d) => *d as i32,
            _ => as_i64 as i32,
        }),
        ("longValue", []) => Value::Long(as_i64),
        ("doubleValue", []) => Value::Double(as_f64),
        ("floatValue", []) => float_value(as_f64),
        ("compareTo", [other]) => match (v, other) {
            (Value::Int(a), Value::Int(b)) => ordering(a.cmp(b)),
            (Value::Long(a), Value::Long(b)) => ordering(a.cmp(b)),
            (Value::Double(a), Value::Double(b)) => ordering(double_compare(*a, *b)),
            // compareTo(Integer) takes only its own class.
            (_, Value::Null) => return Err(super::npe()),
            _ => return Ok(None),
        },
        ("isNaN", []) if matches!(v, Value::Double(_)) => Value::Bool(as_f64.is_nan()),
        ("isInfinite", []) if matches!(v, Value::Double(_)) => Value::Bool(as_f64.is_infinite()),
        _ => return Ok(None),
    };
    Ok(Some(out))
}

pub fn call_bool(b: bool, name: &str, args: &[Value]) -> R {
    let out = match (name, args) {
        ("booleanValue", []) => Value::Bool(b),
        ("compareTo", [Value::Bool(o)]) => Value::Int(if b == *o {
            0
        } else if b {
            1
        } else {
            -1
        }),
        ("compareTo", [Value::Null]) => return Err(super::npe()),
        _ => return Ok(None),
    };
    Ok(Some(out))
}

#[cfg(test)]
mod tests {
    use super::super::super::test_support::*;

    #[test]
    fn number_conversions() {
        assert_eq!(call(i(5), "intValue", []), i(5));
        assert_eq!(call(i(5), "longValue", []), l(5));
        assert_eq!(call(i(5), "doubleValue", []).to_java_string(), "5.0");
        assert_eq!(call(d(2.9), "intValue", []), i(2));
        assert_eq!(call(d(-2.9), "intValue", []), i(-2));
        assert_eq!(call(d(1e20), "intValue", []), i(i32::MAX));
        assert_eq!(call(l(4294967297), "intValue", []), i(1));
        assert_eq!(call(d(1.1), "floatValue", []).to_java_string(), "1.1");
        assert_eq!(call(d(f64::NAN), "isNaN", []), b(true));
        assert_eq!(call(d(1.0), "isInfinite", []), b(false));
        assert_eq!(call_opt(i(1), "isNaN", []), None);
        // the recipe in Velocity guides: $i.doubleValue() / 2
        assert_eq!(call(i(123), "doubleValue", []).to_java_string(), "123.0");
    }

    #[test]
    fn number_compare_to_takes_its_own_class() {
        assert_eq!(call(i(1), "compareTo", [i(2)]), i(-1));
        assert_eq!(call(i(2), "compareTo", [i(2)]), i(0));
        assert_eq!(call(l(3), "compareTo", [l(2)]), i(1));
        assert_eq!(call(d(-0.0), "compareTo", [d(0.0)]), i(-1));
        assert_eq!(call_opt(i(1), "compareTo", [l(1)]), None);
        assert!(call_err(i(1), "compareTo", [Value::Null]).contains("NullPointerException"));
    }

    #[test]
    fn object_methods_on_numbers() {
        assert_eq!(call(i(1), "equals", [i(1)]), b(true));
        assert_eq!(call(i(1), "equals", [l(1)]), b(false));
        assert_eq!(call(d(1.0), "equals", [d(1.0)]), b(true));
        assert_eq!(call(i(42), "toString", []), s("42"));
        assert_eq!(call(d(1e7), "toString", []), s("1.0E7"));
        assert_eq!(call(i(42), "hashCode", []), i(42));
        assert_eq!(call(l(1 << 32), "hashCode", []), i(1));
        assert_eq!(call(d(1.5), "hashCode", []), i(1073217536));
    }

    #[test]
    fn boolean_methods() {
        assert_eq!(call(b(true), "booleanValue", []), b(true));
        assert_eq!(call(b(true), "toString", []), s("true"));
        assert_eq!(call(b(true), "equals", [b(true)]), b(true));
        assert_eq!(call(b(true), "equals", [s("true")]), b(false));
        assert_eq!(call(b(true), "compareTo", [b(false)]), i(1));
        assert_eq!(call(b(false), "compareTo", [b(true)]), i(-1));
        assert_eq!(call(b(true), "hashCode", []), i(1231));
        assert_eq!(call(b(false), "hashCode", []), i(1237));
    }
}
