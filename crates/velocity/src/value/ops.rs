//! Truthiness, equality, ordering and arithmetic as API Gateway's Velocity
//! evaluates them.
//!
//! Velocity 1.7 semantics (ASTEQNode, ASTGTNode & co., ASTMathNode,
//! ASTAddNode, MathUtils), plus the one AWS quirk the evidence shows
//! (`null == ""` is true).

use std::cmp::Ordering;
use std::rc::Rc;

use super::{ListKind, Value};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ArithOp {
    Add,
    Sub,
    Mul,
    Div,
    Mod,
}

/// `#if($v)` for a value that exists (the engine decides what an undefined
/// reference does before calling this).
///
/// Velocity 1.7 (ASTReference.evaluate): null is false, a Boolean is its
/// value, every other object is true -- including `""`, `0`, `[]` and `{}`
/// (Velocity 2.0's "empty is false" does not apply).
pub fn truthy(v: &Value) -> bool {
    match v {
        Value::Null => false,
        Value::Bool(b) => *b,
        _ => true,
    }
}

/// `==` / `eq` (and `!=` as its negation), Velocity 1.7's ASTEQNode:
///
/// 1. two numbers compare numerically whatever their classes (`1 == 1.0`);
/// 2. objects of the same class (or one a subclass of the other) use Java's
///    `equals()` (`[1] == [1]`, maps equal regardless of order);
/// 3. otherwise both sides are converted with `toString()` and those
///    strings compared (`1 == "1"` and `true == "true"` are true);
/// 4. null equals null, and -- an API Gateway quirk, evidence
///    ls-tpl-input-path-format-invalid-path-empty-body and
///    -nested-list-nested-null-list -- null equals the empty string.
///    Null against anything else is false.
pub fn equals(a: &Value, b: &Value) -> bool {
    if let (Some(x), Some(y)) = (Num::of(a), Num::of(b)) {
        return Num::compare(x, y) == Ordering::Equal;
    }
    match (a, b) {
        (Value::Null, Value::Null) => true,
        (Value::Null, Value::Str(s)) | (Value::Str(s), Value::Null) => s.is_empty(),
        (Value::Null, _) | (_, Value::Null) => false,
        _ if same_class(a, b) => java_equals(a, b),
        _ => a.to_java_string() == b.to_java_string(),
    }
}

/// Whether Velocity's "one class is assignable from the other" test holds.
fn same_class(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Bool(_), Value::Bool(_)) | (Value::Str(_), Value::Str(_)) => true,
        // ArrayList and json-smart's JSONArray (a subclass of ArrayList);
        // a String[] is unrelated to both.
        (Value::List(x), Value::List(y)) => {
            let (kx, ky) = (x.borrow().kind, y.borrow().kind);
            (kx == ListKind::JavaArray) == (ky == ListKind::JavaArray)
        }
        // LinkedHashMap and JSONObject are both HashMaps.
        (Value::Map(_), Value::Map(_)) => true,
        (Value::Host(x), Value::Host(y)) => x.type_name() == y.type_name(),
        _ => false,
    }
}

/// Java's `a.equals(b)` for the classes behind values: `Integer.equals`
/// is false for a `Long` or a `Double` of the same value, `Double.equals`
/// compares bits (NaN equals NaN, 0.0 differs from -0.0), lists compare
/// element-wise, maps compare as entry sets (order does not matter), a
/// String[] equals only itself, host objects only themselves.
/// Used by `contains`, `indexOf`, `equals()` and friends.
pub fn java_equals(a: &Value, b: &Value) -> bool {
    java_equals_depth(a, b, 0, &mut 0)
}

fn java_equals_depth(a: &Value, b: &Value, depth: usize, visits: &mut usize) -> bool {
    *visits += 1;
    if depth > super::display::MAX_DEPTH || *visits > super::display::MAX_VISITS {
        return false; // a cycle (Java overflows its stack) or a runaway walk
    }
    match (a, b) {
        (Value::Null, Value::Null) => true,
        (Value::Bool(x), Value::Bool(y)) => x == y,
        (Value::Int(x), Value::Int(y)) => x == y,
        (Value::Long(x), Value::Long(y)) => x == y,
        (Value::Double(x), Value::Double(y)) => java_double_bits(*x) == java_double_bits(*y),
        (Value::Str(x), Value::Str(y)) => x == y,
        (Value::List(x), Value::List(y)) => {
            if Rc::ptr_eq(x, y) {
                return true;
            }
            let (x, y) = (x.borrow(), y.borrow());
            if x.kind == ListKind::JavaArray || y.kind == ListKind::JavaArray {
                return false; // arrays use identity, checked above
            }
            x.items.len() == y.items.len()
                && x.items
                    .iter()
                    .zip(y.items.iter())
                    .all(|(p, q)| java_equals_depth(p, q, depth + 1, visits))
        }
        (Value::Map(x), Value::Map(y)) => {
            if Rc::ptr_eq(x, y) {
                return true;
            }
            let (x, y) = (x.borrow(), y.borrow());
            x.entries.len() == y.entries.len()
                && x.entries.iter().all(|(k, v)| {
                    y.entries
                        .get(k)
                        .is_some_and(|w| java_equals_depth(v, w, depth + 1, visits))
                })
        }
        (Value::Host(x), Value::Host(y)) => {
            std::ptr::eq(Rc::as_ptr(x) as *const (), Rc::as_ptr(y) as *const ())
                || super::entry::entries_equal(x.as_ref(), y.as_ref())
        }
        _ => false,
    }
}

/// `Double.doubleToLongBits`: every NaN collapses to one canonical NaN.
fn java_double_bits(d: f64) -> u64 {
    if d.is_nan() {
        0x7ff8_0000_0000_0000
    } else {
        d.to_bits()
    }
}

/// `<`, `<=`, `>`, `>=`. `None` when the two cannot be ordered (the
/// comparison is then false).
///
/// Velocity 1.7 orders numbers only (MathUtils.compare, across Integer,
/// Long and Double); strings, booleans, null and everything else log an
/// error and the comparison is false.
pub fn compare(a: &Value, b: &Value) -> Option<Ordering> {
    Some(Num::compare(Num::of(a)?, Num::of(b)?))
}

/// `+ - * / %`. `Ok(Value::Null)` where Velocity yields null (division by
/// zero, a non-number operand); `Err` only for what aborts rendering.
///
/// A null operand of `+` next to a string is written as its source text in
/// Velocity 1.7 (`"a" + $nope` is `a$nope`); callers that know the source
/// text should use [`arith_with_source`]. Here it is written as nothing.
pub fn arith(op: ArithOp, a: &Value, b: &Value) -> Result<Value, String> {
    arith_with_source(op, a, b, "", "")
}

/// [`arith`] with the template source text of each operand, which Velocity
/// 1.7's ASTAddNode writes in place of a null operand when the other one is
/// a string: `#set($x = "a" + $nope)` gives `a$nope`.
///
/// Velocity 1.7 semantics:
/// - `+` with a String on either side concatenates the `toString()`s
///   (ASTAddNode.handleSpecial): `"a" + 1` is `a1`, `"n=" + [1]` is `n=[1]`;
/// - otherwise both operands must be numbers, or the result is null;
/// - Integer/Long operands compute in 64 bits and the result takes the
///   larger operand type, widening Integer to Long when the value no longer
///   fits (`2147483647 + 1` is the Long 2147483648); a Long overflow gives a
///   BigInteger in Java, approximated here by a Double;
/// - a Double operand makes the operation double arithmetic;
/// - integer division truncates toward zero, `%` has the sign of the
///   dividend, as in Java;
/// - division or modulo by zero (integer or 0.0) is null, not an exception.
pub fn arith_with_source(
    op: ArithOp,
    a: &Value,
    b: &Value,
    a_source: &str,
    b_source: &str,
) -> Result<Value, String> {
    if op == ArithOp::Add && (matches!(a, Value::Str(_)) || matches!(b, Value::Str(_))) {
        let mut out = String::new();
        match a {
            Value::Null => out.push_str(a_source),
            _ => a.write_java_string(&mut out),
        }
        match b {
            Value::Null => out.push_str(b_source),
            _ => b.write_java_string(&mut out),
        }
        // `#set($s = $s + $s)` in a loop doubles a string per step; stop
        // long before memory runs out (nothing this long can be printed).
        if out.len() > super::display::MAX_TEXT {
            return Err(format!(
                "string concatenation result of {} bytes is too long (limit {} bytes)",
                out.len(),
                super::display::MAX_TEXT
            ));
        }
        return Ok(Value::str(out));
    }
    let (Some(x), Some(y)) = (Num::of(a), Num::of(b)) else {
        return Ok(Value::Null);
    };
    if matches!(op, ArithOp::Div | ArithOp::Mod) && y.is_zero() {
        return Ok(Value::Null);
    }
    Ok(match (x, y) {
        (Num::Int(_) | Num::Long(_), Num::Int(_) | Num::Long(_)) => {
            let (p, q) = (x.as_i64(), y.as_i64());
            let long_result = matches!(x, Num::Long(_)) || matches!(y, Num::Long(_));
            let r = match op {
                ArithOp::Add => p.checked_add(q),
                ArithOp::Sub => p.checked_sub(q),
                ArithOp::Mul => p.checked_mul(q),
                // Java: Long.MIN_VALUE / -1 wraps to Long.MIN_VALUE, % gives 0.
                ArithOp::Div => Some(p.wrapping_div(q)),
                ArithOp::Mod => Some(p.wrapping_rem(q)),
            };
            match r {
                Some(r) if !long_result => match i32::try_from(r) {
                    Ok(r) => Value::Int(r),
                    Err(_) => Value::Long(r),
                },
                Some(r) => Value::Long(r),
                // Java gives an exact BigInteger; the nearest thing we hold.
                None => {
                    let (p, q) = (p as f64, q as f64);
                    Value::Double(match op {
                        ArithOp::Add => p + q,
                        ArithOp::Sub => p - q,
                        _ => p * q,
                    })
                }
            }
        }
        _ => {
            let (p, q) = (x.as_f64(), y.as_f64());
            Value::Double(match op {
                ArithOp::Add => p + q,
                ArithOp::Sub => p - q,
                ArithOp::Mul => p * q,
                ArithOp::Div => p / q,
                // Rust's % on f64 is C's fmod, as Java's is.
                ArithOp::Mod => p % q,
            })
        }
    })
}

/// A value as a `java.lang.Number`, if it is one.
#[derive(Clone, Copy, Debug)]
enum Num {
    Int(i32),
    Long(i64),
    Double(f64),
}

impl Num {
    fn of(v: &Value) -> Option<Num> {
        match v {
            Value::Int(i) => Some(Num::Int(*i)),
            Value::Long(i) => Some(Num::Long(*i)),
            Value::Double(d) => Some(Num::Double(*d)),
            _ => None,
        }
    }
    fn as_i64(self) -> i64 {
        match self {
            Num::Int(i) => i as i64,
            Num::Long(i) => i,
            Num::Double(d) => d as i64,
        }
    }
    fn as_f64(self) -> f64 {
        match self {
            Num::Int(i) => i as f64,
            Num::Long(i) => i as f64,
            Num::Double(d) => d,
        }
    }
    fn is_zero(self) -> bool {
        match self {
            Num::Int(i) => i == 0,
            Num::Long(i) => i == 0,
            Num::Double(d) => d == 0.0,
        }
    }
    /// MathUtils.compare: integers as longs, anything with a double as
    /// doubles using `<` and `>` only (so NaN compares equal to everything,
    /// as in Velocity 1.7; no template arithmetic can produce a NaN).
    fn compare(x: Num, y: Num) -> Ordering {
        match (x, y) {
            (Num::Int(_) | Num::Long(_), Num::Int(_) | Num::Long(_)) => x.as_i64().cmp(&y.as_i64()),
            _ => {
                let (p, q) = (x.as_f64(), y.as_f64());
                if p < q {
                    Ordering::Less
                } else if p > q {
                    Ordering::Greater
                } else {
                    Ordering::Equal
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::test_support::*;
    use super::*;
    use ArithOp::*;

    fn ar(op: ArithOp, a: Value, b: Value) -> Value {
        arith(op, &a, &b).unwrap()
    }

    #[test]
    fn truthiness_is_velocity_1_7() {
        assert!(!truthy(&Value::Null));
        assert!(!truthy(&b(false)));
        assert!(truthy(&b(true)));
        assert!(truthy(&s("")));
        assert!(truthy(&s("false")));
        assert!(truthy(&i(0)));
        assert!(truthy(&d(0.0)));
        assert!(truthy(&list(vec![])));
        assert!(truthy(&map(vec![])));
    }

    #[test]
    fn numbers_equal_across_classes() {
        assert!(equals(&i(1), &i(1)));
        assert!(!equals(&i(1), &i(2)));
        assert!(equals(&i(1), &l(1)));
        assert!(equals(&i(2), &d(2.0)));
        assert!(!equals(&i(2), &d(2.5)));
        assert!(equals(&l(3_000_000_000), &d(3e9)));
    }

    #[test]
    fn different_classes_compare_to_strings() {
        assert!(equals(&i(1), &s("1")));
        assert!(equals(&s("1"), &i(1)));
        assert!(!equals(&d(1.0), &s("1")));
        assert!(equals(&d(1.0), &s("1.0")));
        assert!(equals(&b(true), &s("true")));
        assert!(equals(&list(vec![i(1), i(2)]), &s("[1, 2]")));
        assert!(equals(&map(vec![("a", i(1))]), &s("{a=1}")));
        assert!(!equals(&b(true), &i(1)));
    }

    #[test]
    fn same_class_uses_java_equals() {
        assert!(equals(&s("abc"), &s("abc")));
        assert!(!equals(&s("abc"), &s("ABC")));
        assert!(equals(&b(false), &b(false)));
        assert!(equals(
            &list(vec![i(1), s("a")]),
            &jlist(vec![i(1), s("a")])
        ));
        // Integer.equals(Long) is false inside a list, unlike ==.
        assert!(!equals(&list(vec![i(1)]), &list(vec![l(1)])));
        assert!(equals(
            &map(vec![("a", i(1)), ("b", i(2))]),
            &map(vec![("b", i(2)), ("a", i(1))])
        ));
        assert!(!equals(&map(vec![("a", i(1))]), &map(vec![("a", i(2))])));
    }

    #[test]
    fn null_equality_with_aws_empty_string_quirk() {
        assert!(equals(&Value::Null, &Value::Null));
        assert!(equals(&Value::Null, &s("")));
        assert!(equals(&s(""), &Value::Null));
        assert!(!equals(&Value::Null, &s("x")));
        assert!(!equals(&Value::Null, &i(0)));
        assert!(!equals(&list(vec![]), &Value::Null));
    }

    #[test]
    fn ordering_is_numeric_only() {
        assert_eq!(compare(&i(2), &i(1)), Some(Ordering::Greater));
        assert_eq!(compare(&i(1), &i(1)), Some(Ordering::Equal));
        assert_eq!(compare(&i(1), &d(1.5)), Some(Ordering::Less));
        assert_eq!(compare(&l(5_000_000_000), &i(7)), Some(Ordering::Greater));
        assert_eq!(compare(&s("a"), &s("b")), None);
        assert_eq!(compare(&s("1"), &i(0)), None);
        assert_eq!(compare(&Value::Null, &i(0)), None);
        assert_eq!(compare(&b(true), &b(false)), None);
    }

    #[test]
    fn integer_arithmetic_stays_integer_and_widens() {
        assert!(matches!(ar(Add, i(5), i(4)), Value::Int(9)));
        assert!(matches!(ar(Sub, i(5), i(7)), Value::Int(-2)));
        assert!(matches!(ar(Mul, i(5), i(4)), Value::Int(20)));
        assert!(matches!(ar(Div, i(7), i(2)), Value::Int(3)));
        assert!(matches!(ar(Div, i(-7), i(2)), Value::Int(-3)));
        assert!(matches!(ar(Mod, i(3), i(2)), Value::Int(1)));
        assert!(matches!(ar(Mod, i(-7), i(3)), Value::Int(-1)));
        assert!(matches!(
            ar(Add, i(i32::MAX), i(1)),
            Value::Long(2147483648)
        ));
        assert!(matches!(
            ar(Mul, i(100000), i(100000)),
            Value::Long(10000000000)
        ));
        assert!(matches!(ar(Add, l(1), i(1)), Value::Long(2)));
        assert!(matches!(ar(Div, l(i64::MIN), l(-1)), Value::Long(i64::MIN)));
        assert!(matches!(ar(Mod, l(i64::MIN), l(-1)), Value::Long(0)));
        assert!(matches!(ar(Add, l(i64::MAX), l(1)), Value::Double(_)));
    }

    #[test]
    fn double_arithmetic() {
        // airspeed/test_expressions_with_numbers_with_fractions: 100.0 / 50 -> 2.0
        assert_eq!(ar(Div, d(100.0), i(50)).to_java_string(), "2.0");
        assert_eq!(
            ar(Add, d(0.1), d(0.2)).to_java_string(),
            "0.30000000000000004"
        );
        assert_eq!(ar(Mul, i(3), d(0.5)).to_java_string(), "1.5");
        assert_eq!(ar(Mod, d(5.5), i(2)).to_java_string(), "1.5");
        assert_eq!(ar(Mod, d(-5.5), i(2)).to_java_string(), "-1.5");
    }

    #[test]
    fn division_by_zero_and_non_numbers_are_null() {
        assert!(ar(Div, i(1), i(0)).is_null());
        assert!(ar(Mod, i(1), i(0)).is_null());
        assert!(ar(Div, d(1.0), d(0.0)).is_null());
        assert!(ar(Div, i(1), d(-0.0)).is_null());
        assert!(ar(Sub, s("5"), i(1)).is_null());
        assert!(ar(Mul, b(true), i(1)).is_null());
        assert!(ar(Add, Value::Null, i(1)).is_null());
        assert!(ar(Add, list(vec![]), i(1)).is_null());
    }

    #[test]
    fn plus_with_a_string_concatenates() {
        assert_eq!(ar(Add, s("a"), i(1)).as_str(), Some("a1"));
        assert_eq!(ar(Add, i(1), s("a")).as_str(), Some("1a"));
        assert_eq!(
            ar(Add, s("n="), list(vec![i(1), i(2)])).as_str(),
            Some("n=[1, 2]")
        );
        assert_eq!(ar(Add, s("x"), d(1e7)).as_str(), Some("x1.0E7"));
        let v = arith_with_source(Add, &s("a"), &Value::Null, "\"a\"", "$nope").unwrap();
        assert_eq!(v.as_str(), Some("a$nope"));
        let v = arith_with_source(Add, &Value::Null, &s("b"), "$x", "'b'").unwrap();
        assert_eq!(v.as_str(), Some("$xb"));
        // only + concatenates
        assert!(ar(Sub, s("a"), s("b")).is_null());
        // runaway doubling stops with an error
        let mut x = s("0123456789abcdef");
        let err = loop {
            match arith(Add, &x, &x) {
                Ok(v) => x = v,
                Err(e) => break e,
            }
        };
        assert!(err.contains("too long"), "{err}");
    }
}
