//! `java.lang.String` methods, with Java's semantics: indices count UTF-16
//! code units, out-of-range indices throw, regex methods use Java regex
//! syntax (see `value::regex`).
//!
//! `charAt` returns a one-character String where Java returns a `char`:
//! it prints the same and compares equal to the same one-letter string
//! (Velocity compares a Character and a String by their toString()).
//!
//! Java 11+ additions (`strip`, `isBlank`, `repeat`, `lines`) are not
//! offered: which JDK API Gateway runs is not documented, and Java 8 has
//! none of them (inference).

use std::rc::Rc;

use super::super::access::CallEnv;
use super::super::regex::{compile_java_regex, compile_java_regex_whole, java_replace, java_split};
use super::super::utf16::{
    byte_at_u16_ceil, byte_at_u16_floor, char_at16, java_compare, java_compare_ignore_case,
    java_string_hash, len16, substring16, u16_at_byte,
};
use super::super::{List, ListKind, Value};
use super::{check_string_len, int_arg, npe, str_arg};

type R = Result<Option<Value>, String>;

fn sioobe(detail: impl std::fmt::Display) -> String {
    format!("java.lang.StringIndexOutOfBoundsException: String index out of range: {detail}")
}

fn string_array(parts: Vec<String>) -> Value {
    Value::List(Rc::new(std::cell::RefCell::new(List {
        kind: ListKind::JavaArray,
        items: parts.into_iter().map(Value::str).collect(),
    })))
}

/// A `String`/`CharSequence` argument that must not be null.
macro_rules! text {
    ($v:expr) => {
        match str_arg($v) {
            None => return Ok(None),
            Some(None) => return Err(npe()),
            Some(Some(t)) => t,
        }
    };
}

/// `indexOf`'s first argument: a String, or an `int` code point (a code
/// point no character has is found nowhere).
macro_rules! needle {
    ($v:expr) => {
        match $v {
            Value::Str(t) => t.to_string(),
            Value::Null => return Err(npe()),
            Value::Int(cp) => match char::from_u32(*cp as u32) {
                Some(c) => c.to_string(),
                None => return Ok(Some(Value::Int(-1))),
            },
            _ => return Ok(None),
        }
    };
}

/// An `int` argument.
macro_rules! int {
    ($v:expr) => {
        match int_arg($v) {
            None => return Ok(None),
            Some(i) => i,
        }
    };
}

pub fn call(s: &Rc<str>, name: &str, args: &[Value], env: &mut CallEnv<'_>) -> R {
    let s: &str = s;
    let v =
        match (name, args) {
            ("length", []) => Value::Int(len16(s) as i32),
            ("isEmpty", []) => Value::Bool(s.is_empty()),
            ("toString" | "intern", []) => Value::str(s),
            ("hashCode", []) => Value::Int(java_string_hash(s)),
            ("equals", [o]) => Value::Bool(matches!(o, Value::Str(t) if &**t == s)),
            ("equalsIgnoreCase", [o]) => Value::Bool(match o {
                Value::Str(t) => len16(s) == len16(t) && java_compare_ignore_case(s, t) == 0,
                _ => false,
            }),
            ("compareTo", [o]) => Value::Int(java_compare(s, text!(o))),
            ("compareToIgnoreCase", [o]) => Value::Int(java_compare_ignore_case(s, text!(o))),
            ("contentEquals", [o]) => Value::Bool(s == text!(o)),
            ("charAt", [i]) => {
                let i = int!(i);
                if i < 0 || i as usize >= len16(s) {
                    return Err(sioobe(i));
                }
                Value::str(char_at16(s, i as usize))
            }
            ("codePointAt", [i]) => {
                let i = int!(i);
                if i < 0 || i as usize >= len16(s) {
                    return Err(sioobe(i));
                }
                let b = byte_at_u16_floor(s, i as usize);
                Value::Int(s[b..].chars().next().map_or(0, |c| c as i32))
            }
            ("substring", [b]) => {
                let b = int!(b);
                let len = len16(s) as i64;
                if b < 0 {
                    return Err(sioobe(b));
                }
                if len - (b as i64) < 0 {
                    return Err(sioobe(len - b as i64));
                }
                Value::str(substring16(s, b as usize, len as usize))
            }
            ("substring" | "subSequence", [b, e]) => {
                let (b, e) = (int!(b), int!(e));
                let len = len16(s) as i64;
                if b < 0 {
                    return Err(sioobe(b));
                }
                if e as i64 > len {
                    return Err(sioobe(e));
                }
                if e < b {
                    return Err(sioobe(e as i64 - b as i64));
                }
                Value::str(substring16(s, b as usize, e as usize))
            }
            ("indexOf", [t]) => Value::Int(index_of(s, &needle!(t), 0)),
            ("indexOf", [t, from]) => Value::Int(index_of(s, &needle!(t), int!(from))),
            ("lastIndexOf", [t]) => Value::Int(last_index_of(s, &needle!(t), i32::MAX)),
            ("lastIndexOf", [t, from]) => Value::Int(last_index_of(s, &needle!(t), int!(from))),
            ("contains", [t]) => Value::Bool(s.contains(text!(t))),
            ("startsWith", [p]) => Value::Bool(s.starts_with(text!(p))),
            ("startsWith", [p, off]) => {
                let (p, off) = (text!(p), int!(off));
                Value::Bool(
                    off >= 0 && off as usize <= len16(s) && {
                        let b = byte_at_u16_ceil(s, off as usize);
                        u16_at_byte(s, b) == off as usize && s[b..].starts_with(p)
                    },
                )
            }
            ("endsWith", [p]) => Value::Bool(s.ends_with(text!(p))),
            // Unicode full case mapping with the root locale, as Java's
            // toUpperCase()/toLowerCase() in an English locale ("ß" -> "SS").
            // ASCII text (most of it) by bytes: `str::to_uppercase` decodes
            // and re-encodes every character.
            ("toUpperCase", []) if s.is_ascii() => ascii_changed(s, str::make_ascii_uppercase),
            ("toLowerCase", []) if s.is_ascii() => ascii_changed(s, str::make_ascii_lowercase),
            ("toUpperCase", []) => Value::str(s.to_uppercase()),
            ("toLowerCase", []) => Value::str(s.to_lowercase()),
            // Java's trim() strips code points <= U+0020, not Unicode space.
            ("trim", []) => Value::str(s.trim_matches(|c: char| c <= ' ')),
            ("concat", [t]) => {
                let t = text!(t);
                check_string_len(s.len() + t.len(), env)?;
                Value::Str(Rc::from(format!("{s}{t}")))
            }
            ("replace", [from, to]) => {
                let (from, to) = (text!(from), text!(to));
                if from.is_empty() {
                    check_string_len(s.len() + (s.chars().count() + 1) * to.len(), env)?;
                } else if to.len() > from.len() {
                    check_string_len(s.len() / from.len() * to.len() + s.len(), env)?;
                }
                Value::str(s.replace(from, to))
            }
            ("replaceAll" | "replaceFirst", [re, rep]) => {
                let (re, rep) = (text!(re), text!(rep));
                let re = compile_java_regex(re, env.limits.max_regex_bytes).map_err(regex_error)?;
                let out = java_replace(&re, s, rep, name == "replaceAll")?;
                check_string_len(out.len(), env)?;
                Value::str(out)
            }
            ("matches", [re]) => {
                let re = compile_java_regex_whole(text!(re), env.limits.max_regex_bytes)
                    .map_err(regex_error)?;
                Value::Bool(re.try_is_match(s)?)
            }
            ("split", [re]) => {
                let re = compile_java_regex(text!(re), env.limits.max_regex_bytes)
                    .map_err(regex_error)?;
                string_array(java_split(&re, s, 0)?)
            }
            ("split", [re, limit]) => {
                let (re, limit) = (text!(re), int!(limit));
                let re = compile_java_regex(re, env.limits.max_regex_bytes).map_err(regex_error)?;
                string_array(java_split(&re, s, limit)?)
            }
            // The static String.valueOf through an instance: any object's
            // toString(); null picks valueOf(char[]), which throws.
            // The static String.join(sep, Iterable) / join(sep, a, b, ...):
            // elements must be strings (a ClassCastException otherwise).
            ("join", [sep, Value::List(items)]) => {
                let sep = text!(sep);
                let mut out = String::new();
                for (n, item) in items.borrow().items.iter().enumerate() {
                    if n > 0 {
                        out.push_str(sep);
                    }
                    match item {
                        Value::Str(t) => out.push_str(t),
                        Value::Null => out.push_str("null"),
                        _ => return Err(
                            "java.lang.ClassCastException: element is not a java.lang.CharSequence"
                                .into(),
                        ),
                    }
                    check_string_len(out.len(), env)?;
                }
                Value::str(out)
            }
            ("join", [sep, rest @ ..])
                if !rest.is_empty()
                    && rest
                        .iter()
                        .all(|v| matches!(v, Value::Str(_) | Value::Null)) =>
            {
                let sep = text!(sep);
                let parts: Vec<String> = rest.iter().map(|v| v.to_java_string()).collect();
                let out = parts.join(sep);
                check_string_len(out.len(), env)?;
                Value::str(out)
            }
            ("valueOf", [Value::Null]) => return Err(npe()),
            ("valueOf", [x]) => Value::str(x.to_java_string()),
            _ => return Ok(None),
        };
    Ok(Some(v))
}

/// A bad pattern throws PatternSyntaxException in Java.
fn regex_error(e: String) -> String {
    format!("java.util.regex.PatternSyntaxException: {e}")
}

/// Java's `indexOf(str, from)`: from < 0 counts as 0; an empty needle is
/// found at min(from, length).
fn index_of(s: &str, t: &str, from: i32) -> i32 {
    let from = from.max(0) as usize;
    let len = len16(s);
    if from > len {
        return if t.is_empty() { len as i32 } else { -1 };
    }
    let b = byte_at_u16_ceil(s, from);
    match s[b..].find(t) {
        Some(p) => u16_at_byte(s, b + p) as i32,
        None => -1,
    }
}

/// Java's `lastIndexOf(str, from)`: the last match starting at or before
/// `from`.
fn last_index_of(s: &str, t: &str, from: i32) -> i32 {
    if from < 0 {
        return -1;
    }
    let len = len16(s) as i64;
    let t_len = len16(t) as i64;
    let limit = (from as i64).min(len - t_len);
    if limit < 0 {
        return -1;
    }
    // A match starting at or before `limit` ends at or before
    // `limit + t_len` (on a character boundary, as every match does).
    let end = byte_at_u16_floor(s, (limit + t_len) as usize);
    match s[..end].rfind(t) {
        Some(p) => u16_at_byte(s, p) as i32,
        None => -1,
    }
}

/// A copy of ASCII `s` changed in place by `change`: copied once, straight
/// into the value's own string.
fn ascii_changed(s: &str, change: fn(&mut str)) -> Value {
    let mut copy: Rc<str> = Rc::from(s);
    change(Rc::get_mut(&mut copy).expect("a new Rc has no other owner"));
    Value::Str(copy)
}

#[cfg(test)]
mod tests {
    use super::super::super::test_support::*;

    #[test]
    fn length_and_emptiness() {
        assert_eq!(call(s("abc"), "length", []), i(3));
        assert_eq!(call(s("😀"), "length", []), i(2));
        assert_eq!(call(s(""), "isEmpty", []), b(true));
        assert_eq!(call(s(" "), "isEmpty", []), b(false));
    }

    #[test]
    fn substring_follows_java() {
        // airspeed/test_string_substring
        assert_eq!(call(s("something"), "substring", [i(3), i(6)]), s("eth"));
        assert_eq!(call(s("abc"), "substring", [i(1)]), s("bc"));
        assert_eq!(call(s("abc"), "substring", [i(3)]), s(""));
        assert_eq!(call(s("abc"), "substring", [i(0), i(0)]), s(""));
        assert_eq!(call(s("é😀a"), "substring", [i(1), i(3)]), s("😀"));
        assert!(call_err(s("abc"), "substring", [i(4)])
            .contains("StringIndexOutOfBoundsException: String index out of range: -1"));
        assert!(call_err(s("abc"), "substring", [i(-1)]).contains("out of range: -1"));
        assert!(call_err(s("abc"), "substring", [i(0), i(10)]).contains("out of range: 10"));
        assert!(call_err(s("abc"), "substring", [i(2), i(1)]).contains("out of range: -1"));
        // a Long is not an int: no such method
        assert_eq!(call_opt(s("abc"), "substring", [l(1)]), None);
        assert_eq!(call_opt(s("abc"), "substring", [s("1")]), None);
    }

    #[test]
    fn index_of_forms() {
        assert_eq!(call(s("hello"), "indexOf", [s("l")]), i(2));
        assert_eq!(call(s("hello"), "indexOf", [s("z")]), i(-1));
        assert_eq!(call(s("hello"), "indexOf", [s("l"), i(3)]), i(3));
        assert_eq!(call(s("hello"), "indexOf", [s("l"), i(-5)]), i(2));
        assert_eq!(call(s("hello"), "indexOf", [s(""), i(9)]), i(5));
        assert_eq!(call(s("hello"), "indexOf", [s("h"), i(9)]), i(-1));
        assert_eq!(call(s("hello"), "indexOf", [i(108)]), i(2));
        assert_eq!(call(s("😀x"), "indexOf", [s("x")]), i(2));
        assert_eq!(call(s("hello"), "lastIndexOf", [s("l")]), i(3));
        assert_eq!(call(s("hello"), "lastIndexOf", [s("l"), i(2)]), i(2));
        assert_eq!(call(s("hello"), "lastIndexOf", [s("l"), i(1)]), i(-1));
        assert_eq!(call(s("hello"), "lastIndexOf", [s("")]), i(5));
        assert_eq!(call(s("a😀a"), "lastIndexOf", [s("a")]), i(3));
        assert!(call_err(s("x"), "indexOf", [Value::Null]).contains("NullPointerException"));
    }

    #[test]
    fn searching_and_comparing() {
        // airspeed/test_string_contains_false
        assert_eq!(call(s("nofoobar123"), "contains", [s("foo")]), b(true));
        assert_eq!(call(s("abc"), "contains", [s("x")]), b(false));
        assert_eq!(call_opt(s("abc"), "contains", [i(1)]), None);
        assert!(call_err(s("abc"), "contains", [Value::Null]).contains("NullPointerException"));
        assert_eq!(call(s("abc"), "startsWith", [s("ab")]), b(true));
        assert_eq!(call(s("abc"), "startsWith", [s("bc"), i(1)]), b(true));
        assert_eq!(call(s("abc"), "startsWith", [s("bc"), i(9)]), b(false));
        assert_eq!(call(s("abc"), "endsWith", [s("bc")]), b(true));
        assert_eq!(call(s("abc"), "endsWith", [s("b")]), b(false));
        assert_eq!(call(s("abc"), "equals", [s("abc")]), b(true));
        assert_eq!(call(s("1"), "equals", [i(1)]), b(false));
        assert_eq!(call(s("ABC"), "equalsIgnoreCase", [s("abc")]), b(true));
        assert_eq!(call(s("ABC"), "equalsIgnoreCase", [Value::Null]), b(false));
        assert_eq!(call(s("a"), "compareTo", [s("c")]), i(-2));
        assert_eq!(call(s("B"), "compareToIgnoreCase", [s("a")]), i(1));
        assert_eq!(call(s("abc"), "hashCode", []), i(96354));
    }

    #[test]
    fn transforming() {
        assert_eq!(call(s("abc"), "toUpperCase", []), s("ABC"));
        assert_eq!(call(s("aZ09 {i}~"), "toUpperCase", []), s("AZ09 {I}~"));
        assert_eq!(call(s("aZ09 {I}~"), "toLowerCase", []), s("az09 {i}~"));
        assert_eq!(call(s("straße"), "toUpperCase", []), s("STRASSE"));
        assert_eq!(call(s("ÀB"), "toLowerCase", []), s("àb"));
        assert_eq!(call(s(" \t a b \n"), "trim", []), s("a b"));
        assert_eq!(call(s("\u{a0}a\u{a0}"), "trim", []), s("\u{a0}a\u{a0}"));
        assert_eq!(call(s("ab"), "concat", [s("cd")]), s("abcd"));
        assert_eq!(call(s("a.b.c"), "replace", [s("."), s("-")]), s("a-b-c"));
        assert_eq!(call(s("abc"), "replace", [s(""), s("-")]), s("-a-b-c-"));
        assert_eq!(call(s("abc"), "charAt", [i(1)]), s("b"));
        assert!(call_err(s("abc"), "charAt", [i(3)]).contains("String index out of range: 3"));
        assert_eq!(call(s("abc"), "toString", []), s("abc"));
        assert_eq!(call(s("abc"), "codePointAt", [i(0)]), i(97));
    }

    #[test]
    fn index_methods_never_panic_on_any_index() {
        let texts = ["", "a", "é", "😀", "aé😀b", "😀😀", "abcabc"];
        let needles = ["", "a", "é", "😀", "b", "bc", "😀b"];
        for t in texts {
            for n in needles {
                for k in -3..12 {
                    let _ = try_call(s(t), "indexOf", [s(n), i(k)]);
                    let _ = try_call(s(t), "lastIndexOf", [s(n), i(k)]);
                    let _ = try_call(s(t), "startsWith", [s(n), i(k)]);
                    let _ = try_call(s(t), "charAt", [i(k)]);
                    let _ = try_call(s(t), "codePointAt", [i(k)]);
                    let _ = try_call(s(t), "substring", [i(k)]);
                    for e in -1..10 {
                        let _ = try_call(s(t), "substring", [i(k), i(e)]);
                    }
                }
            }
        }
        assert_eq!(call(s("é"), "lastIndexOf", [s("a")]), i(-1));
        assert_eq!(call(s("aé"), "lastIndexOf", [s("é")]), i(1));
        assert_eq!(call(s("😀a😀"), "lastIndexOf", [s("😀"), i(2)]), i(0));
        assert_eq!(call(s("😀a😀"), "lastIndexOf", [s("😀"), i(3)]), i(3));
    }

    #[test]
    fn static_join() {
        assert_eq!(
            call(s(""), "join", [s(", "), list(vec![s("a"), s("b")])]),
            s("a, b")
        );
        assert_eq!(
            call(s(""), "join", [s("-"), s("x"), s("y"), s("z")]),
            s("x-y-z")
        );
        assert_eq!(call(s(""), "join", [s("-"), jlist(vec![])]), s(""));
        assert!(call_err(s(""), "join", [s(","), list(vec![i(1)])]).contains("ClassCastException"));
    }

    #[test]
    fn static_value_of() {
        assert_eq!(call(s(""), "valueOf", [i(5)]), s("5"));
        assert_eq!(call(s(""), "valueOf", [d(1e7)]), s("1.0E7"));
        assert_eq!(call(s(""), "valueOf", [list(vec![i(1)])]), s("[1]"));
        assert!(call_err(s(""), "valueOf", [Value::Null]).contains("NullPointerException"));
    }

    #[test]
    fn regex_methods() {
        // airspeed/test_string_replace_all
        assert_eq!(
            call(s("foobar123bab"), "replaceAll", [s("ba."), s("foo")]),
            s("foofoo123foo")
        );
        assert_eq!(
            call(s("a1b2"), "replaceFirst", [s("\\d"), s("#")]),
            s("a#b2")
        );
        assert_eq!(
            call(
                s("John Smith"),
                "replaceAll",
                [s("(\\w+) (\\w+)"), s("$2, $1")]
            ),
            s("Smith, John")
        );
        // airspeed/test_string_matches_full_date
        assert_eq!(
            call(
                s("2020-01-20T08:00:00.000Z"),
                "matches",
                [s("^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:00\\.000Z$")]
            ),
            b(true)
        );
        assert_eq!(call(s("abc1"), "matches", [s("[a-z]+")]), b(false));
        // AWS guide, $util.escapeJavaScript: .replaceAll("\\'","'") undoes \'
        assert_eq!(
            call(s("it\\'s"), "replaceAll", [s("\\\\'"), s("'")]),
            s("it's")
        );
        assert!(call_err(s("x"), "matches", [s("(x")]).contains("PatternSyntaxException"));
        assert!(call_err(s("x"), "replaceAll", [s("x"), s("$1")]).contains("No group 1"));
    }

    #[test]
    fn split_returns_a_string_array() {
        let parts = call(s("a,b,,c,,"), "split", [s(",")]);
        assert_eq!(items(&parts), vec![s("a"), s("b"), s(""), s("c")]);
        assert!(parts.to_java_string().starts_with("[Ljava.lang.String;@"));
        assert_eq!(call(parts.clone(), "size", []), i(4));
        assert_eq!(call(parts.clone(), "get", [i(3)]), s("c"));
        let parts = call(s("a,b,c"), "split", [s(","), i(2)]);
        assert_eq!(items(&parts), vec![s("a"), s("b,c")]);
        let parts = call(s("a.b"), "split", [s("\\.")]);
        assert_eq!(items(&parts), vec![s("a"), s("b")]);
    }
}
