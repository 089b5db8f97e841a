//! How values print: Java's `toString()` for each class behind a value.

use std::fmt::Write;

use super::{json, ListKind, MapKind, Value};

/// How deep nested collections print before `...` (only a collection that
/// contains itself gets there).
pub const MAX_DEPTH: usize = 200;

/// Printing stops (`...`) once this much text is written: a list built as
/// `#set($a = [$a, $a])` thirty times would otherwise print 2^30
/// elements. Far above any output limit the engine enforces.
pub const MAX_TEXT: usize = 32 << 20;

/// How many nodes equality, hashing and JSON conversion visit before
/// giving up (shared or cyclic structures could otherwise take forever).
pub const MAX_VISITS: usize = 4_000_000;

impl Value {
    /// What `$v` renders to (Java's `String.valueOf(v)`; null renders as
    /// the engine decides, not here).
    pub fn to_java_string(&self) -> String {
        let mut s = String::new();
        self.write_java_string(&mut s);
        s
    }

    /// Java's `toString()` of the object behind the value, appended to `out`.
    /// `Null` writes `null`, as `String.valueOf(null)` and as a null element
    /// inside a collection prints.
    pub fn write_java_string(&self, out: &mut String) {
        self.write_java(out, 0)
    }

    /// `depth` guards against lists and maps that contain themselves
    /// (`$l.add($l)`): Java prints a direct self-reference as
    /// `(this Collection)` / `(this Map)` and overflows its stack on longer
    /// cycles; past [`MAX_DEPTH`] levels (or [`MAX_TEXT`] bytes) this
    /// writes `...` instead.
    fn write_java(&self, out: &mut String, depth: usize) {
        if depth > MAX_DEPTH || out.len() > MAX_TEXT {
            out.push_str("...");
            return;
        }
        match self {
            Value::Null => out.push_str("null"),
            Value::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
            Value::Int(i) => {
                use std::fmt::Write;
                let _ = write!(out, "{i}");
            }
            Value::Long(i) => {
                use std::fmt::Write;
                let _ = write!(out, "{i}");
            }
            Value::Double(d) => write_java_double(*d, out),
            Value::Str(s) => out.push_str(s),
            Value::List(l) => {
                let l = l.borrow();
                match l.kind {
                    // java.util.AbstractCollection.toString: `[a, b]`.
                    ListKind::Java => {
                        out.push('[');
                        for (i, item) in l.items.iter().enumerate() {
                            if i > 0 {
                                out.push_str(", ");
                            }
                            match (item, self) {
                                (Value::List(inner), Value::List(me))
                                    if std::rc::Rc::ptr_eq(inner, me) =>
                                {
                                    out.push_str("(this Collection)")
                                }
                                _ => item.write_java(out, depth + 1),
                            }
                        }
                        out.push(']');
                    }
                    // json-smart JSONArray.toString(): compact JSON, nested
                    // values as JSON too (evidence: ls-tpl-input-path-format-
                    // path-json-list prints `[{"foo":"bar"}]`).
                    ListKind::Json => json::write_json_text(self, out),
                    // Object.toString() of a String[]: class name, '@', the
                    // identity hash in hex. On AWS the hash differs per run;
                    // here it is derived from the contents so output is
                    // reproducible (inference: nobody can depend on it).
                    ListKind::JavaArray => {
                        let mut h: u32 = 1;
                        for item in &l.items {
                            h = h
                                .wrapping_mul(31)
                                .wrapping_add(super::methods::java_hash_code(item) as u32);
                        }
                        use std::fmt::Write;
                        let _ = write!(out, "[Ljava.lang.String;@{:x}", h & 0x7fff_ffff);
                    }
                }
            }
            Value::Map(m) => {
                let kind = m.borrow().kind;
                match kind {
                    // java.util.AbstractMap.toString: `{k=v, k2=v2}`
                    // (evidence: ls-tpl-input-path-format-path-bigger-dict).
                    MapKind::Java => {
                        let m = m.borrow();
                        out.push('{');
                        for (i, (k, v)) in m.entries.iter().enumerate() {
                            if i > 0 {
                                out.push_str(", ");
                            }
                            out.push_str(k);
                            out.push('=');
                            match (v, self) {
                                (Value::Map(inner), Value::Map(me))
                                    if std::rc::Rc::ptr_eq(inner, me) =>
                                {
                                    out.push_str("(this Map)")
                                }
                                _ => v.write_java(out, depth + 1),
                            }
                        }
                        out.push('}');
                    }
                    MapKind::Json => json::write_json_text(self, out),
                }
            }
            Value::Host(h) => out.push_str(&h.display()),
        }
    }
}

/// Java's `Double.toString(d)`: the shortest decimal that reads back as the
/// same double (of at least two digits; of two equally close, the one
/// ending in an even digit), with at least one digit after the point;
/// plain notation for 1e-3 <= |d| < 1e7, otherwise computerized
/// scientific notation (`1.0E7`, `1.0E-5`).
///
/// JDKs before 19 sometimes printed one digit more than the shortest
/// (JDK-4511638, e.g. `2.0E-3` cases around powers of two); this follows
/// the specification (what JDK 19+ prints), which agrees with older JDKs
/// for every ordinary value such as prices and counts. Checked on
/// 2026-12-04 against Java 17 on 300,000 doubles: the only differences
/// were those longer JDK 17 texts and subnormals below 1e-321.
pub fn write_java_double(d: f64, out: &mut String) {
    if d.is_nan() {
        out.push_str("NaN");
        return;
    }
    if d.is_infinite() {
        out.push_str(if d > 0.0 { "Infinity" } else { "-Infinity" });
        return;
    }
    if d == 0.0 {
        out.push_str(if d.is_sign_negative() { "-0.0" } else { "0.0" });
        return;
    }
    let Decimal {
        neg,
        digits,
        len,
        exp,
    } = java_decimal(d);
    // SAFETY: `java_decimal` puts only the ASCII digits b'0'..=b'9' in
    // `digits[..len]`, and ASCII is UTF-8.
    let digits = unsafe { std::str::from_utf8_unchecked(&digits[..len]) };
    if neg {
        out.push('-');
    }
    let abs = d.abs();
    if (1e-3..1e7).contains(&abs) {
        if exp >= 0 {
            let int_len = exp as usize + 1;
            if digits.len() <= int_len {
                out.push_str(digits);
                for _ in digits.len()..int_len {
                    out.push('0');
                }
                out.push_str(".0");
            } else {
                out.push_str(&digits[..int_len]);
                out.push('.');
                out.push_str(&digits[int_len..]);
            }
        } else {
            out.push_str("0.");
            for _ in 0..(-exp - 1) {
                out.push('0');
            }
            out.push_str(digits);
        }
    } else {
        out.push_str(&digits[..1]);
        out.push('.');
        if digits.len() > 1 {
            out.push_str(&digits[1..]);
        } else {
            out.push('0');
        }
        out.push('E');
        let _ = write!(out, "{exp}");
    }
}

/// A double as decimal digits (no leading zero, at least one) times ten
/// to the power `exp` for the first digit: 1234.5 is "12345", exp 3.
struct Decimal {
    neg: bool,
    digits: [u8; 24],
    len: usize,
    exp: i32,
}

/// The decimal `Double.toString` prints for a finite, non-zero `d`.
fn java_decimal(d: f64) -> Decimal {
    // The shortest decimal that reads back as `d` (the one closest to it
    // when there are several), from zmij: "1234.5", "1e-7", "-0.001". A
    // template printing prices prints many doubles; std's `{:e}` took
    // several times as long, and a test checks that both give the same
    // digits.
    let mut mgj = zmij::Buffer::new();
    let mut decimal = decimal_of(mgj.format_finite(d).as_bytes());
    if decimal.len == 1 {
        // One digit is the shortest, but Java prints at least two and picks
        // the two-digit decimal closest to the double (JDK 19+'s
        // specification): `Double.MIN_VALUE` is 4.9E-324, not 5.0E-324.
        // `{:.1e}` is that decimal, when it reads back as the same double;
        // when it ends in 0 it is the one digit already found.
        let mut two = StackText::default();
        let _ = write!(two, "{:.1e}", d);
        let closest = decimal_of(two.bytes());
        if closest.digits[1] != b'0' && two.as_str().parse::<f64>() == Ok(d) {
            decimal = closest;
        }
    }
    decimal
}

/// A decimal's text as a [`Decimal`]: a `-` sign, digits around an
/// optional `.`, then an optional `e` and exponent ("1234.5", "0.001",
/// "1.5e300", "1e-7"), the way zmij and `{:e}` write them.
fn decimal_of(text: &[u8]) -> Decimal {
    let mut decimal = Decimal {
        neg: text.first() == Some(&b'-'),
        digits: [0; 24],
        len: 0,
        exp: 0,
    };
    // Digits before the point, and leading zeros skipped ("0.001").
    let (mut before_point, mut point, mut skipped) = (0i32, false, 0i32);
    let mut rest = text.iter();
    for &b in rest.by_ref() {
        match b {
            b'0'..=b'9' => {
                if !point {
                    before_point += 1;
                }
                if b == b'0' && decimal.len == 0 {
                    skipped += 1;
                } else if decimal.len < decimal.digits.len() {
                    decimal.digits[decimal.len] = b;
                    decimal.len += 1;
                }
            }
            b'.' => point = true,
            b'e' | b'E' => break,
            _ => {}
        }
    }
    let (mut exp, mut exp_neg) = (0i32, false);
    for &b in rest {
        match b {
            b'-' => exp_neg = true,
            b'0'..=b'9' => exp = exp * 10 + i32::from(b - b'0'),
            _ => {}
        }
    }
    if exp_neg {
        exp = -exp;
    }
    // Trailing zeros say nothing ("100.0" is the digit 1 at exponent 2).
    while decimal.len > 1 && decimal.digits[decimal.len - 1] == b'0' {
        decimal.len -= 1;
    }
    decimal.exp = before_point + exp - 1 - skipped;
    decimal
}

/// Text short enough for the stack: a double's digits and exponent
/// (`{:e}` of an f64 is at most 24 bytes: "-1.7976931348623157e308").
#[derive(Default)]
struct StackText {
    bytes: [u8; 32],
    len: usize,
}

impl StackText {
    fn bytes(&self) -> &[u8] {
        &self.bytes[..self.len]
    }

    fn as_str(&self) -> &str {
        std::str::from_utf8(self.bytes()).expect("only whole strs are written")
    }
}

impl Write for StackText {
    fn write_str(&mut self, s: &str) -> std::fmt::Result {
        let end = self.len + s.len();
        let room = self.bytes.get_mut(self.len..end).ok_or(std::fmt::Error)?;
        room.copy_from_slice(s.as_bytes());
        self.len = end;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::super::test_support::*;
    use super::*;

    fn dbl(d: f64) -> String {
        let mut s = String::new();
        write_java_double(d, &mut s);
        s
    }

    #[test]
    fn doubles_print_as_java_double_to_string() {
        assert_eq!(dbl(2.0), "2.0");
        assert_eq!(dbl(0.1), "0.1");
        assert_eq!(dbl(1.99), "1.99");
        assert_eq!(dbl(1.0), "1.0");
        assert_eq!(dbl(-1.5), "-1.5");
        assert_eq!(dbl(100.0), "100.0");
        assert_eq!(dbl(123456.789), "123456.789");
        assert_eq!(dbl(9999999.0), "9999999.0");
        assert_eq!(dbl(1e7), "1.0E7");
        assert_eq!(dbl(10000000.0), "1.0E7");
        assert_eq!(dbl(1.2345678e7), "1.2345678E7");
        assert_eq!(dbl(1e10), "1.0E10");
        assert_eq!(dbl(-1e10), "-1.0E10");
        assert_eq!(dbl(0.001), "0.001");
        assert_eq!(dbl(0.00123), "0.00123");
        assert_eq!(dbl(0.0001), "1.0E-4");
        assert_eq!(dbl(1e-5), "1.0E-5");
        assert_eq!(dbl(1.5e-7), "1.5E-7");
        assert_eq!(dbl(0.0), "0.0");
        assert_eq!(dbl(-0.0), "-0.0");
        assert_eq!(dbl(f64::NAN), "NaN");
        assert_eq!(dbl(f64::INFINITY), "Infinity");
        assert_eq!(dbl(f64::NEG_INFINITY), "-Infinity");
        assert_eq!(dbl(1.0 / 3.0), "0.3333333333333333");
        assert_eq!(dbl(f64::MAX), "1.7976931348623157E308");
        assert_eq!(dbl(0.1 + 0.2), "0.30000000000000004");
        // The longest `{:e}` texts, and the smallest subnormal.
        assert_eq!(dbl(-f64::MIN_POSITIVE), "-2.2250738585072014E-308");
        assert_eq!(dbl(-f64::MAX), "-1.7976931348623157E308");
        assert_eq!(dbl(5e-324), "4.9E-324");
    }

    /// zmij's digits are std's shortest round-trip digits (`{:e}`), but
    /// when two are equally close to the double: then std rounds the tie
    /// up, and zmij (as Java's `Double.toString` specifies) picks the one
    /// whose last digit is even.
    #[test]
    fn zmij_digits_are_the_shortest_with_ties_to_even() {
        let mut x = 0x9e37_79b9_7f4a_7c15_u64;
        let (mut checked, mut ties) = (0, 0);
        for i in 0..200_000u64 {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            let d = match i % 4 {
                0 => f64::from_bits(x),
                1 => (x % 10_000_000) as f64 / 100.0,
                2 => f64::from_bits(x % 5000),
                _ => (x % 1000) as f64 * 10f64.powi((x >> 32) as i32 % 40 - 20),
            };
            if !d.is_finite() || d == 0.0 {
                continue;
            }
            checked += 1;
            let mut buffer = zmij::Buffer::new();
            let text = buffer.format_finite(d);
            assert_eq!(text.parse::<f64>(), Ok(d), "{text} reads back");
            let z = super::decimal_of(text.as_bytes());
            let e = super::decimal_of(format!("{d:e}").as_bytes());
            let (zd, ed) = (&z.digits[..z.len], &e.digits[..e.len]);
            if (zd, z.exp) == (ed, e.exp) {
                continue;
            }
            // A tie: same length and exponent, last digits one apart, and
            // zmij's even.
            ties += 1;
            let (zl, el) = (zd[zd.len() - 1], ed[ed.len() - 1]);
            assert!(
                zd.len() == ed.len()
                    && z.exp == e.exp
                    && zd[..zd.len() - 1] == ed[..ed.len() - 1]
                    && zl.abs_diff(el) == 1
                    && (zl - b'0').is_multiple_of(2),
                "{text} vs {d:e}"
            );
        }
        assert!(
            checked > 190_000 && ties < checked / 100,
            "{checked} {ties}"
        );
    }

    #[test]
    fn double_ties_print_the_even_digit_as_java() {
        // Java 17's Double.toString on this machine printed these (and JDK
        // 19+'s specification asks for the even digit of two equally close).
        assert_eq!(dbl(-199366899973308.62), "-1.9936689997330862E14");
        assert_eq!(dbl(233115890514796.12), "2.3311589051479612E14");
    }

    #[test]
    fn scalars_print_as_java() {
        assert_eq!(i(42).to_java_string(), "42");
        assert_eq!(i(-7).to_java_string(), "-7");
        assert_eq!(l(3_000_000_000).to_java_string(), "3000000000");
        assert_eq!(d(2.0).to_java_string(), "2.0");
        assert_eq!(b(true).to_java_string(), "true");
        assert_eq!(b(false).to_java_string(), "false");
        assert_eq!(s("héllo").to_java_string(), "héllo");
        assert_eq!(Value::Null.to_java_string(), "null");
    }

    #[test]
    fn java_list_prints_elements_to_string() {
        assert_eq!(
            list(vec![i(1), s("a"), Value::Null, d(1.5)]).to_java_string(),
            "[1, a, null, 1.5]"
        );
        assert_eq!(list(vec![]).to_java_string(), "[]");
        let inner = map(vec![("k", s("v"))]);
        assert_eq!(
            list(vec![inner, list(vec![i(2)])]).to_java_string(),
            "[{k=v}, [2]]"
        );
    }

    #[test]
    fn java_map_prints_k_equals_v_in_insertion_order() {
        let m = map(vec![
            ("bigger", s("dict")),
            ("to", s("test")),
            ("with", s("separators")),
        ]);
        assert_eq!(
            m.to_java_string(),
            "{bigger=dict, to=test, with=separators}"
        );
        assert_eq!(
            map(vec![("z", i(1)), ("a", Value::Null)]).to_java_string(),
            "{z=1, a=null}"
        );
        assert_eq!(map(vec![]).to_java_string(), "{}");
    }

    #[test]
    fn json_list_prints_compact_json_with_nested_maps_as_json() {
        // ls-tpl-input-path-format-path-json-list
        let l = jlist(vec![map(vec![("foo", s("bar"))])]);
        assert_eq!(l.to_java_string(), r#"[{"foo":"bar"}]"#);
        // ls-tpl-input-path-format-path-dict-with-nested-list
        let m = map(vec![("foo", jlist(vec![map(vec![("nested", s("bar"))])]))]);
        assert_eq!(m.to_java_string(), r#"{foo=[{"nested":"bar"}]}"#);
        // numbers, booleans, null, nested plain lists inside a JSON list
        let l = jlist(vec![
            i(1),
            d(1.5),
            d(1e7),
            b(true),
            Value::Null,
            list(vec![s("x")]),
        ]);
        assert_eq!(l.to_java_string(), r#"[1,1.5,1.0E7,true,null,["x"]]"#);
        assert_eq!(jlist(vec![]).to_java_string(), "[]");
    }

    #[test]
    fn json_strings_escape_as_json_smart() {
        let l = jlist(vec![s("a\"b\\c/d\n\t\u{1}\u{2028}é")]);
        assert_eq!(l.to_java_string(), r#"["a\"b\\c\/d\n\t\u0001\u2028é"]"#);
    }

    #[test]
    fn json_kind_map_prints_compact_json() {
        let m = map(vec![("a", i(1)), ("b", jlist(vec![s("x")]))]);
        if let Value::Map(r) = &m {
            r.borrow_mut().kind = MapKind::Json;
        }
        assert_eq!(m.to_java_string(), r#"{"a":1,"b":["x"]}"#);
    }

    #[test]
    fn self_containing_collections_do_not_recurse_forever() {
        let l = list(vec![i(1)]);
        call(l.clone(), "add", [l.clone()]);
        assert_eq!(l.to_java_string(), "[1, (this Collection)]");
        let m = map(vec![]);
        call(m.clone(), "put", [s("me"), m.clone()]);
        assert_eq!(m.to_java_string(), "{me=(this Map)}");
        // an indirect cycle is cut off
        let a = list(vec![]);
        let b2 = list(vec![a.clone()]);
        call(a.clone(), "add", [b2.clone()]);
        assert!(a.to_java_string().contains("..."));
        assert!(super::super::json::to_json_text(&a).contains("null"));
        assert!(a == a.clone());
        let _ = super::super::methods::java_hash_code(&a);
        let _ = super::super::json::to_json(&a);
        // a shared structure that would print 2^40 elements stops early
        let mut big = list(vec![s("x")]);
        for _ in 0..40 {
            big = list(vec![big.clone(), big.clone()]);
        }
        assert!(big.to_java_string().len() < MAX_TEXT + 1000);
        assert!(super::super::json::to_json_text(&big).len() < MAX_TEXT + 1000);
        assert!(big == big.clone());
        let twin = list(vec![big.clone()]);
        let twin2 = list(vec![big.clone()]);
        let _ = twin == twin2; // finishes
        let _ = super::super::methods::java_hash_code(&big);
    }

    #[test]
    fn java_array_prints_like_object_to_string() {
        let a = arr(vec![s("a"), s("b")]);
        let out = a.to_java_string();
        assert!(out.starts_with("[Ljava.lang.String;@"), "{out}");
        assert_eq!(
            out,
            arr(vec![s("a"), s("b")]).to_java_string(),
            "deterministic"
        );
    }
}
