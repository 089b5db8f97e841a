//! Between JSON and values, as API Gateway's JSON parser builds them:
//! objects become maps that print `{k=v}`, arrays become JSON arrays that
//! print as compact JSON (evidence: conformance ls-tpl-input-path-format-*).

use std::cell::{Cell, RefCell};
use std::fmt::Write;
use std::rc::Rc;

use super::display::{write_java_double, MAX_DEPTH, MAX_TEXT, MAX_VISITS};
use super::{Entries, Map, MapKind, Value};

/// A parsed JSON document as the objects AWS's parser hands to Velocity.
///
/// - object -> `Map` (`MapKind::Java`, prints `{k=v}`, insertion order);
/// - array -> `List` (`ListKind::Json`, prints compact JSON);
/// - integer -> `Int` when it fits 32 bits, else `Long`, else `Double`
///   (json-smart: Integer, Long, then BigInteger, which we approximate
///   with a double);
/// - number with a fraction or exponent -> `Double` (json-smart's
///   `Double.parseDouble`), so `1.99` prints `1.99`, `1.0` prints `1.0`
///   and `1e7` prints `1.0E7`;
/// - string, true/false, null as themselves.
pub fn from_json(j: &serde_json::Value) -> Value {
    match j {
        serde_json::Value::Null => Value::Null,
        serde_json::Value::Bool(b) => Value::Bool(*b),
        serde_json::Value::Number(n) => {
            if let Some(i) = n.as_i64() {
                match i32::try_from(i) {
                    Ok(i) => Value::Int(i),
                    Err(_) => Value::Long(i),
                }
            } else {
                // u64 beyond i64, or a float.
                Value::Double(n.as_f64().unwrap_or(f64::NAN))
            }
        }
        serde_json::Value::String(s) => Value::str(s),
        serde_json::Value::Array(a) => Value::json_list(a.iter().map(from_json).collect()),
        serde_json::Value::Object(o) => {
            let mut entries = Entries::with_capacity_and_hasher(o.len(), Default::default());
            for (k, v) in o {
                entries.insert(k.clone(), from_json(v));
            }
            Value::Map(Rc::new(RefCell::new(Map {
                kind: MapKind::Java,
                entries,
            })))
        }
    }
}

/// JSON text read straight into the values [`from_json`] makes of it
/// (the same values, the same strictness as `serde_json::from_str`), without
/// building serde_json's tree first and converting it: for a 1 MB payload
/// that tree cost as much to build and drop as the conversion itself.
pub fn parse_json(text: &str) -> Result<Value, serde_json::Error> {
    serde_json::from_str::<JsonValue>(text).map(|v| v.0)
}

/// A [`Value`] as read from JSON by [`parse_json`].
struct JsonValue(Value);

impl<'de> serde::Deserialize<'de> for JsonValue {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<JsonValue, D::Error> {
        d.deserialize_any(JsonVisitor).map(JsonValue)
    }
}

struct JsonVisitor;

/// Room made for an object's keys at most before seeing them (a huge
/// object elsewhere must not make every small one large).
const MAX_ROOM: usize = 32;

thread_local! {
    /// How many keys the last JSON object read had.
    static LAST_MAP_LEN: Cell<usize> = const { Cell::new(0) };
}

impl<'de> serde::de::Visitor<'de> for JsonVisitor {
    type Value = Value;

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("JSON")
    }
    fn visit_unit<E: serde::de::Error>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }
    fn visit_bool<E: serde::de::Error>(self, b: bool) -> Result<Value, E> {
        Ok(Value::Bool(b))
    }
    // Numbers as from_json reads serde_json's: Integer, then Long, then
    // (beyond i64) Double.
    fn visit_i64<E: serde::de::Error>(self, i: i64) -> Result<Value, E> {
        Ok(match i32::try_from(i) {
            Ok(i) => Value::Int(i),
            Err(_) => Value::Long(i),
        })
    }
    fn visit_u64<E: serde::de::Error>(self, u: u64) -> Result<Value, E> {
        match i64::try_from(u) {
            Ok(i) => self.visit_i64(i),
            Err(_) => Ok(Value::Double(u as f64)),
        }
    }
    fn visit_f64<E: serde::de::Error>(self, d: f64) -> Result<Value, E> {
        Ok(Value::Double(d))
    }
    fn visit_str<E: serde::de::Error>(self, s: &str) -> Result<Value, E> {
        Ok(Value::str(s))
    }
    fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut seq: A) -> Result<Value, A::Error> {
        let mut items = Vec::with_capacity(seq.size_hint().unwrap_or(0));
        while let Some(JsonValue(v)) = seq.next_element()? {
            items.push(v);
        }
        Ok(Value::json_list(items))
    }
    fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<Value, A::Error> {
        // JSON text does not say how many keys an object has, but objects
        // come in arrays of one shape (photos, items): room for as many as
        // the last object read had, instead of growing each map's table
        // and entries from empty (rehashing was a twentieth of reading a
        // 1 MB body).
        let room = map
            .size_hint()
            .unwrap_or_else(|| LAST_MAP_LEN.with(Cell::get));
        let mut entries = Entries::with_capacity_and_hasher(room, Default::default());
        while let Some((k, JsonValue(v))) = map.next_entry::<String, JsonValue>()? {
            entries.insert(k, v);
        }
        LAST_MAP_LEN.with(|last| last.set(entries.len().min(MAX_ROOM)));
        Ok(Value::Map(Rc::new(RefCell::new(Map {
            kind: MapKind::Java,
            entries,
        }))))
    }
}

/// The JSON a value stands for (used for `$input.json` and by the host).
/// Doubles that JSON cannot hold (NaN, infinities) become `null`, as
/// json-smart writes infinities; a host object becomes its display string.
pub fn to_json(v: &Value) -> serde_json::Value {
    to_json_depth(v, 0, &mut 0)
}

/// Cycles and huge shared structures are cut off as `null`.
fn to_json_depth(v: &Value, depth: usize, visits: &mut usize) -> serde_json::Value {
    *visits += 1;
    if depth > MAX_DEPTH || *visits > MAX_VISITS {
        return serde_json::Value::Null;
    }
    match v {
        Value::Null => serde_json::Value::Null,
        Value::Bool(b) => serde_json::Value::Bool(*b),
        Value::Int(i) => serde_json::Value::from(*i),
        Value::Long(i) => serde_json::Value::from(*i),
        Value::Double(d) => serde_json::Number::from_f64(*d)
            .map(serde_json::Value::Number)
            .unwrap_or(serde_json::Value::Null),
        Value::Str(s) => serde_json::Value::String(s.to_string()),
        Value::List(l) => serde_json::Value::Array(
            l.borrow()
                .items
                .iter()
                .map(|x| to_json_depth(x, depth + 1, visits))
                .collect(),
        ),
        Value::Map(m) => {
            let m = m.borrow();
            let mut o = serde_json::Map::with_capacity(m.entries.len());
            for (k, v) in &m.entries {
                o.insert(k.clone(), to_json_depth(v, depth + 1, visits));
            }
            serde_json::Value::Object(o)
        }
        Value::Host(h) => serde_json::Value::String(h.display()),
    }
}

/// The compact JSON text json-smart writes for a value (`JSONValue.
/// toJSONString` with its default style): no white space, every string
/// quoted and escaped as [`write_json_string`] does, numbers as Java prints
/// them (`1.0E7`, not `10000000.0`), any map or list as a JSON object or
/// array whatever its kind.
pub fn to_json_text(v: &Value) -> String {
    let mut out = String::new();
    write_json_text(v, &mut out);
    out
}

pub fn write_json_text(v: &Value, out: &mut String) {
    write_json_depth(v, out, 0)
}

/// A collection that contains itself is cut off as `null` past
/// `MAX_DEPTH` levels (json-smart would overflow its stack).
fn write_json_depth(v: &Value, out: &mut String, depth: usize) {
    if depth > MAX_DEPTH || out.len() > MAX_TEXT {
        out.push_str("null");
        return;
    }
    match v {
        Value::Null => out.push_str("null"),
        Value::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        Value::Int(i) => {
            let _ = write!(out, "{i}");
        }
        Value::Long(i) => {
            let _ = write!(out, "{i}");
        }
        // json-smart writes a Double with its toString, except infinities,
        // which it writes as null.
        Value::Double(d) if d.is_infinite() => out.push_str("null"),
        Value::Double(d) => write_java_double(*d, out),
        Value::Str(s) => write_json_string(s, out),
        // Every list kind (ArrayList, JSONArray, array) writes as an array.
        Value::List(l) => {
            let l = l.borrow();
            out.push('[');
            for (i, item) in l.items.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                write_json_depth(item, out, depth + 1);
            }
            out.push(']');
        }
        Value::Map(m) => {
            let m = m.borrow();
            out.push('{');
            for (i, (k, v)) in m.entries.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                write_json_string(k, out);
                out.push(':');
                write_json_depth(v, out, depth + 1);
            }
            out.push('}');
        }
        // json-smart would introspect an unknown bean; a host object's
        // display string is the closest stable rendering (inference).
        Value::Host(h) => write_json_string(&h.display(), out),
    }
}

/// A JSON string literal as json-smart's default style escapes it
/// ("escape for web"): `"` `\` and `/` are backslash-escaped, `\b \f \n \r
/// \t` use their short forms, and U+0000-U+001F, U+007F-U+009F and
/// U+2000-U+20FF become `\uXXXX` with upper-case hex.
pub fn write_json_string(s: &str, out: &mut String) {
    out.push('"');
    for ch in s.chars() {
        match ch {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '/' => out.push_str("\\/"),
            '\u{8}' => out.push_str("\\b"),
            '\u{c}' => out.push_str("\\f"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\u{0}'..='\u{1f}' | '\u{7f}'..='\u{9f}' | '\u{2000}'..='\u{20ff}' => {
                let _ = write!(out, "\\u{:04X}", ch as u32);
            }
            _ => out.push(ch),
        }
    }
    out.push('"');
}

#[cfg(test)]
mod tests {
    use super::super::test_support::*;
    use super::*;

    #[test]
    fn parse_json_reads_what_from_json_makes() {
        for text in [
            "null",
            "true",
            "0",
            "-7",
            "2147483647",
            "2147483648",
            "-2147483649",
            "9223372036854775807",
            "18446744073709551615",
            "1.0",
            "1e7",
            "-0.0",
            r#""a\u00e9\n\"""#,
            r#"{"a": [1, {"b": null}], "a": 2, "c": {"d": [true, 1.5]}}"#,
            "[]",
            "{}",
            "  [1, 2]  ",
        ] {
            let direct = parse_json(text).unwrap();
            let via_tree = from_json(&serde_json::from_str(text).unwrap());
            assert_eq!(format!("{direct:?}"), format!("{via_tree:?}"), "{text}");
            assert_eq!(direct.to_java_string(), via_tree.to_java_string(), "{text}");
        }
        for bad in ["", "{", "[1,]", "{a: 1}", "1 2", "'x'"] {
            assert!(parse_json(bad).is_err(), "{bad}");
            assert!(
                serde_json::from_str::<serde_json::Value>(bad).is_err(),
                "{bad}"
            );
        }
    }

    fn parse(text: &str) -> Value {
        from_json(&serde_json::from_str(text).unwrap())
    }

    #[test]
    fn objects_become_java_maps_and_arrays_json_lists() {
        // ls-tpl-input-path-format-path-dict-response
        assert_eq!(parse(r#"{"foo": "bar"}"#).to_java_string(), "{foo=bar}");
        // ls-tpl-input-path-format-path-json-list
        assert_eq!(
            parse(r#"[{"foo": "bar"}]"#).to_java_string(),
            r#"[{"foo":"bar"}]"#
        );
        // ls-tpl-input-path-format-path-dict-with-nested-list
        assert_eq!(
            parse(r#"{"foo": [{"nested": "bar"}]}"#).to_java_string(),
            r#"{foo=[{"nested":"bar"}]}"#
        );
        // ls-tpl-input-path-format-list-list-with-nested-list: element 0
        let v = parse(r#"[[{"foo": "bar"}]]"#);
        let Value::List(l) = &v else { panic!() };
        assert_eq!(l.borrow().items[0].to_java_string(), r#"[{"foo":"bar"}]"#);
        // ls-tpl-input-path-format-list-dict-in-list: element 0 is a map
        let v = parse(r#"[{"foo": "bar"}]"#);
        let Value::List(l) = &v else { panic!() };
        assert_eq!(l.borrow().items[0].to_java_string(), "{foo=bar}");
        assert_eq!(parse("[]").to_java_string(), "[]");
        assert_eq!(
            parse(r#"{"bigger": "dict", "to": "test", "with": "separators"}"#).to_java_string(),
            "{bigger=dict, to=test, with=separators}"
        );
    }

    #[test]
    fn numbers_keep_java_types() {
        assert!(matches!(parse("1"), Value::Int(1)));
        assert!(matches!(parse("-2147483648"), Value::Int(i32::MIN)));
        assert!(matches!(parse("2147483648"), Value::Long(2147483648)));
        assert!(matches!(
            parse("9223372036854775807"),
            Value::Long(i64::MAX)
        ));
        assert!(matches!(parse("18446744073709551615"), Value::Double(_)));
        assert!(matches!(parse("1.0"), Value::Double(x) if x == 1.0));
        assert_eq!(parse("1.99").to_java_string(), "1.99");
        assert_eq!(parse("1.0").to_java_string(), "1.0");
        assert_eq!(parse("10000000.0").to_java_string(), "1.0E7");
        assert_eq!(parse("1e2").to_java_string(), "100.0");
        assert_eq!(
            parse("[1, 2.5, true, null, \"x\"]").to_java_string(),
            r#"[1,2.5,true,null,"x"]"#
        );
    }

    #[test]
    fn to_json_round_trips() {
        let text = r#"{"a":[1,2.5,"x",null,true,{"b":{}}],"c":3000000000}"#;
        let j: serde_json::Value = serde_json::from_str(text).unwrap();
        assert_eq!(to_json(&from_json(&j)), j);
        assert_eq!(to_json(&d(f64::NAN)), serde_json::Value::Null);
        assert_eq!(to_json(&s("x")), serde_json::json!("x"));
    }

    #[test]
    fn json_text_is_compact_with_java_numbers() {
        let v = map(vec![
            ("price", d(1.99)),
            ("big", d(1e7)),
            ("n", i(3)),
            ("l", list(vec![s("a/b")])),
        ]);
        assert_eq!(
            to_json_text(&v),
            r#"{"price":1.99,"big":1.0E7,"n":3,"l":["a\/b"]}"#
        );
        assert_eq!(to_json_text(&d(f64::INFINITY)), "null");
        assert_eq!(to_json_text(&Value::Null), "null");
        assert_eq!(to_json_text(&s("k\"")), r#""k\"""#);
    }
}
