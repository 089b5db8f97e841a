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
    if let Some(out) = static_number_method(v, name, args)? {
        return Ok(Some(out));
    }
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
        // Static Boolean.parseBoolean / valueOf through an instance:
        // "true" in any case is true, anything else (null too) false.
        ("parseBoolean" | "valueOf", [Value::Str(t)]) => {
            Value::Bool(t.eq_ignore_ascii_case("true"))
        }
        ("parseBoolean", [Value::Null]) => Value::Bool(false),
        ("valueOf", [Value::Bool(x)]) => Value::Bool(*x),
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

/// Java's static methods of Integer, Long and Double, which Velocity lets a
/// template call through any instance: the well-known VTL idiom
/// `#set($n = 0)$n.parseInt("42")` turns a string into a number.
fn static_number_method(v: &Value, name: &str, args: &[Value]) -> Result<Option<Value>, String> {
    let text = |a: &Value| -> Result<Option<String>, String> {
        match a {
            Value::Str(t) => Ok(Some(t.to_string())),
            Value::Null => Err("java.lang.NumberFormatException: null".to_string()),
            _ => Ok(None),
        }
    };
    Ok(Some(match (v, name, args) {
        (Value::Int(_), "parseInt" | "valueOf", [a]) if !matches!(a, Value::Int(_)) => {
            let Some(t) = text(a)? else { return Ok(None) };
            Value::Int(parse_java_integer(&t, 10, i32::MIN as i64, i32::MAX as i64)? as i32)
        }
        (Value::Int(_), "parseInt" | "valueOf", [a, Value::Int(radix)]) => {
            let Some(t) = text(a)? else { return Ok(None) };
            Value::Int(
                parse_java_integer(&t, *radix as u32, i32::MIN as i64, i32::MAX as i64)? as i32,
            )
        }
        (Value::Int(_), "valueOf", [Value::Int(x)]) => Value::Int(*x),
        (Value::Int(_), "toString", [Value::Int(x)]) => Value::str(x.to_string()),
        (Value::Int(_), "toHexString", [Value::Int(x)]) => Value::str(format!("{:x}", *x as u32)),
        (Value::Int(_), "toBinaryString", [Value::Int(x)]) => {
            Value::str(format!("{:b}", *x as u32))
        }
        (Value::Int(_), "toOctalString", [Value::Int(x)]) => Value::str(format!("{:o}", *x as u32)),
        (Value::Int(_), "max", [Value::Int(a), Value::Int(b)]) => Value::Int(*a.max(b)),
        (Value::Int(_), "min", [Value::Int(a), Value::Int(b)]) => Value::Int(*a.min(b)),
        (Value::Long(_), "parseLong" | "valueOf", [a])
            if !matches!(a, Value::Int(_) | Value::Long(_)) =>
        {
            let Some(t) = text(a)? else { return Ok(None) };
            Value::Long(parse_java_integer(&t, 10, i64::MIN, i64::MAX)?)
        }
        (Value::Long(_), "valueOf", [Value::Int(x)]) => Value::Long(*x as i64),
        (Value::Long(_), "valueOf", [Value::Long(x)]) => Value::Long(*x),
        (Value::Double(_), "parseDouble" | "valueOf", [a])
            if !matches!(a, Value::Int(_) | Value::Long(_) | Value::Double(_)) =>
        {
            let Some(t) = text(a)? else { return Ok(None) };
            Value::Double(parse_java_double(&t)?)
        }
        (Value::Double(_), "valueOf", [Value::Double(x)]) => Value::Double(*x),
        _ => return Ok(None),
    }))
}

fn number_format(t: &str) -> String {
    format!("java.lang.NumberFormatException: For input string: \"{t}\"")
}

/// `Integer.parseInt(s, radix)` / `Long.parseLong`: an optional sign, then
/// digits only (no white space, no fraction); out of range is an error.
fn parse_java_integer(t: &str, radix: u32, min: i64, max: i64) -> Result<i64, String> {
    if !(2..=36).contains(&radix) {
        return Err(format!(
            "java.lang.NumberFormatException: radix {radix} out of range"
        ));
    }
    let (neg, digits) = match t.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, t.strip_prefix('+').unwrap_or(t)),
    };
    if digits.is_empty() {
        return Err(number_format(t));
    }
    let mut acc: i128 = 0;
    for c in digits.chars() {
        // Character.digit accepts any Unicode decimal digit too.
        let d = c
            .to_digit(radix)
            .or_else(|| unicode_digit(c).filter(|d| *d < radix))
            .ok_or_else(|| number_format(t))?;
        acc = acc * radix as i128 + d as i128;
        if acc > max as i128 + 1 {
            return Err(number_format(t));
        }
    }
    let value = if neg { -acc } else { acc };
    if value < min as i128 || value > max as i128 {
        return Err(number_format(t));
    }
    Ok(value as i64)
}

/// The value of a non-ASCII decimal digit (Arabic-Indic, Devanagari, ...):
/// Unicode lays out each script's digits 0-9 consecutively.
fn unicode_digit(c: char) -> Option<u32> {
    if c.is_ascii() || !c.is_numeric() {
        return None;
    }
    const ZEROS: &[u32] = &[
        0x660, 0x6F0, 0x7C0, 0x966, 0x9E6, 0xA66, 0xAE6, 0xB66, 0xBE6, 0xC66, 0xCE6, 0xD66, 0xE50,
        0xED0, 0xF20, 0x1040, 0x17E0, 0x1810, 0xFF10,
    ];
    let cp = c as u32;
    ZEROS
        .iter()
        .find(|z| (**z..**z + 10).contains(&cp))
        .map(|z| cp - z)
}

/// `Double.parseDouble`: surrounding white space (chars <= U+0020) is
/// ignored; `NaN`, `Infinity`, exponents and a trailing `d`/`f` type
/// suffix are accepted; anything else is a NumberFormatException.
fn parse_java_double(t: &str) -> Result<f64, String> {
    let trimmed = t.trim_matches(|c: char| c <= ' ');
    if trimmed.is_empty() {
        return Err("java.lang.NumberFormatException: empty String".into());
    }
    let (sign, body) = match trimmed.strip_prefix('-') {
        Some(rest) => (-1.0, rest),
        None => (1.0, trimmed.strip_prefix('+').unwrap_or(trimmed)),
    };
    match body {
        "NaN" => return Ok(f64::NAN),
        "Infinity" => return Ok(sign * f64::INFINITY),
        _ => {}
    }
    let body = body.strip_suffix(['d', 'D', 'f', 'F']).unwrap_or(body);
    let ok = !body.is_empty()
        && body
            .chars()
            .all(|c| c.is_ascii_digit() || matches!(c, '.' | 'e' | 'E' | '+' | '-'))
        && body.chars().any(|c| c.is_ascii_digit());
    if !ok {
        return Err(number_format(t));
    }
    body.parse::<f64>()
        .map(|d| sign * d)
        .map_err(|_| number_format(t))
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
    fn static_parsers_through_an_instance() {
        assert_eq!(call(i(0), "parseInt", [s("42")]), i(42));
        assert_eq!(call(i(0), "parseInt", [s("-17")]), i(-17));
        assert_eq!(call(i(0), "parseInt", [s("+5")]), i(5));
        assert_eq!(call(i(0), "parseInt", [s("ff"), i(16)]), i(255));
        assert_eq!(call(i(0), "valueOf", [s("7")]), i(7));
        assert_eq!(call(i(0), "parseInt", [s("٤٢")]), i(42));
        assert!(call_err(i(0), "parseInt", [s("4.2")]).contains("For input string: \"4.2\""));
        assert!(call_err(i(0), "parseInt", [s(" 42")]).contains("NumberFormatException"));
        assert!(call_err(i(0), "parseInt", [s("")]).contains("For input string: \"\""));
        assert!(call_err(i(0), "parseInt", [s("2147483648")]).contains("NumberFormatException"));
        assert_eq!(call(i(0), "parseInt", [s("-2147483648")]), i(i32::MIN));
        assert!(call_err(i(0), "parseInt", [Value::Null]).contains("NumberFormatException: null"));
        assert_eq!(call(l(0), "parseLong", [s("3000000000")]), l(3000000000));
        assert_eq!(call(d(0.0), "parseDouble", [s(" 1.5 ")]), d(1.5));
        assert_eq!(call(d(0.0), "parseDouble", [s("1e3")]), d(1000.0));
        assert_eq!(call(d(0.0), "parseDouble", [s("2d")]), d(2.0));
        assert_eq!(
            call(d(0.0), "parseDouble", [s("-Infinity")]),
            d(f64::NEG_INFINITY)
        );
        assert!(call_err(d(0.0), "parseDouble", [s("inf")]).contains("NumberFormatException"));
        assert!(call_err(d(0.0), "parseDouble", [s("abc")]).contains("NumberFormatException"));
        assert_eq!(call(i(0), "toHexString", [i(255)]), s("ff"));
        assert_eq!(call(i(0), "toHexString", [i(-1)]), s("ffffffff"));
        assert_eq!(call(i(0), "max", [i(3), i(9)]), i(9));
        assert_eq!(call(b(false), "parseBoolean", [s("TRUE")]), b(true));
        assert_eq!(call(b(false), "parseBoolean", [s("yes")]), b(false));
        // an int argument is not a String: no parseInt(int)
        assert_eq!(call_opt(i(0), "parseInt", [i(5)]), None);
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
