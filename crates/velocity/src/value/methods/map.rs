//! `java.util.Map` methods (LinkedHashMap: insertion ordered).
//!
//! Keys: maps here hold String keys (JSON objects only have those). A
//! lookup with a non-String key (`$m.get(1)`) finds nothing, as
//! `Integer.equals(String)` is false in Java; storing under a non-String
//! key (`$m.put(1, 'x')`) stores its toString() -- an approximation that
//! prints the same (`{1=x}`).

use std::rc::Rc;

use super::super::access::CallEnv;
use super::super::entry::MapEntry;
use super::super::ops::java_equals;
use super::super::{edit_map, MapKind, MapRef, Value};
use super::{check_collection_len, void};

type R = Result<Option<Value>, String>;

/// The key a lookup argument can match: only a String can.
fn lookup_key(v: &Value) -> Option<&str> {
    match v {
        Value::Str(s) => Some(s),
        _ => None,
    }
}

/// The key a stored entry gets.
pub fn store_key(v: &Value) -> String {
    v.to_java_string()
}

pub fn call(map: &MapRef, name: &str, args: &[Value], env: &mut CallEnv<'_>) -> R {
    let v = match (name, args) {
        ("size", []) => Value::Int(map.borrow().entries.len() as i32),
        ("isEmpty", []) => Value::Bool(map.borrow().entries.is_empty()),
        ("get", [k]) => get(map, k).unwrap_or(Value::Null),
        ("getOrDefault", [k, default]) => get(map, k).unwrap_or_else(|| default.clone()),
        ("containsKey", [k]) => Value::Bool(get(map, k).is_some()),
        ("containsValue", [v]) => {
            Value::Bool(map.borrow().entries.values().any(|w| java_equals(v, w)))
        }
        ("put", [k, v]) => {
            let key = store_key(k);
            let mut m = edit_map(map);
            if !m.entries.contains_key(&key) {
                check_collection_len(m.entries.len() + 1, env)?;
            }
            m.entries.insert(key, v.clone()).unwrap_or(Value::Null)
        }
        ("putIfAbsent", [k, v]) => {
            let key = store_key(k);
            let current = map.borrow().entries.get(&key).cloned();
            match current {
                Some(existing) if !existing.is_null() => existing,
                _ => {
                    let mut m = edit_map(map);
                    check_collection_len(m.entries.len() + 1, env)?;
                    m.entries.insert(key, v.clone());
                    Value::Null
                }
            }
        }
        ("replace", [k, v]) => {
            let key = store_key(k);
            let mut m = edit_map(map);
            match m.entries.get_mut(&key) {
                Some(slot) => std::mem::replace(slot, v.clone()),
                None => Value::Null,
            }
        }
        ("putAll", [other]) => {
            let Value::Map(other) = other else {
                return Ok(None);
            };
            let added: Vec<(String, Value)> = other
                .borrow()
                .entries
                .iter()
                .map(|(k, v)| (k.clone(), v.clone()))
                .collect();
            let mut m = edit_map(map);
            check_collection_len(m.entries.len() + added.len(), env)?;
            m.entries.extend(added);
            return void();
        }
        // LinkedHashMap.remove keeps the order of the other entries.
        ("remove", [k]) => match lookup_key(k) {
            Some(k) => edit_map(map).entries.shift_remove(k).unwrap_or(Value::Null),
            None => Value::Null,
        },
        ("clear", []) => {
            edit_map(map).entries.clear();
            return void();
        }
        // keySet()/values()/entrySet() print as collections (`[a, b]`);
        // they are copies here, where Java returns views.
        ("keySet", []) => Value::list(map.borrow().entries.keys().map(Value::str).collect()),
        ("values", []) => Value::list(map.borrow().entries.values().cloned().collect()),
        ("entrySet", []) => Value::list(entries(map)),
        // json-smart's JSONObject has toJSONString(); a LinkedHashMap does not.
        ("toJSONString", []) if map.borrow().kind == MapKind::Json => {
            Value::str(super::super::json::to_json_text(&Value::Map(map.clone())))
        }
        _ => return Ok(None),
    };
    Ok(Some(v))
}

fn get(map: &MapRef, k: &Value) -> Option<Value> {
    map.borrow().entries.get(lookup_key(k)?).cloned()
}

/// The map's entries as `Map.Entry` objects.
pub fn entries(map: &MapRef) -> Vec<Value> {
    map.borrow()
        .entries
        .iter()
        .map(|(k, v)| Value::Host(Rc::new(MapEntry::new(map.clone(), k.clone(), v.clone()))))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::super::super::test_support::*;

    #[test]
    fn reading() {
        let m = map(vec![("a", i(1)), ("b", s("x"))]);
        assert_eq!(call(m.clone(), "size", []), i(2));
        assert_eq!(call(m.clone(), "isEmpty", []), b(false));
        assert_eq!(call(m.clone(), "get", [s("a")]), i(1));
        assert_eq!(call(m.clone(), "get", [s("zz")]), Value::Null);
        assert_eq!(call(m.clone(), "get", [i(1)]), Value::Null);
        assert_eq!(call(m.clone(), "getOrDefault", [s("zz"), s("d")]), s("d"));
        assert_eq!(call(m.clone(), "containsKey", [s("b")]), b(true));
        assert_eq!(call(m.clone(), "containsKey", [s("c")]), b(false));
        assert_eq!(call(m.clone(), "containsValue", [s("x")]), b(true));
        assert_eq!(call(m.clone(), "containsValue", [l(1)]), b(false));
        assert_eq!(call(m.clone(), "keySet", []).to_java_string(), "[a, b]");
        assert_eq!(call(m.clone(), "values", []).to_java_string(), "[1, x]");
        assert_eq!(
            call(m.clone(), "entrySet", []).to_java_string(),
            "[a=1, b=x]"
        );
        assert_eq!(call(m.clone(), "toString", []), s("{a=1, b=x}"));
        assert_eq!(
            call(m.clone(), "equals", [map(vec![("b", s("x")), ("a", i(1))])]),
            b(true)
        );
    }

    #[test]
    fn json_objects_have_to_json_string() {
        let m = map(vec![("a", s("x/y"))]);
        assert_eq!(call_opt(m.clone(), "toJSONString", []), None);
        if let Value::Map(r) = &m {
            r.borrow_mut().kind = super::MapKind::Json;
        }
        assert_eq!(call(m, "toJSONString", []), s("{\"a\":\"x\\/y\"}"));
    }

    #[test]
    fn put_returns_previous_value() {
        // airspeed/test_dict_put_item: "initial value - new value"
        let m = map(vec![("k", s("initial value"))]);
        assert_eq!(
            call(m.clone(), "put", [s("k"), s("new value")]),
            s("initial value")
        );
        assert_eq!(m.to_java_string(), "{k=new value}");
        assert_eq!(call(m.clone(), "put", [s("n"), i(1)]), Value::Null);
        assert_eq!(call(m.clone(), "put", [i(5), i(2)]), Value::Null);
        assert_eq!(m.to_java_string(), "{k=new value, n=1, 5=2}");
        assert_eq!(call(m.clone(), "putIfAbsent", [s("n"), i(9)]), i(1));
        assert_eq!(call(m.clone(), "putIfAbsent", [s("p"), i(9)]), Value::Null);
        assert_eq!(call(m.clone(), "replace", [s("p"), i(10)]), i(9));
        assert_eq!(call(m.clone(), "replace", [s("q"), i(10)]), Value::Null);
        assert_eq!(m.to_java_string(), "{k=new value, n=1, 5=2, p=10}");
    }

    #[test]
    fn put_all_remove_clear() {
        let m = map(vec![("a", i(1)), ("b", i(2)), ("c", i(3))]);
        assert_eq!(
            call(m.clone(), "putAll", [map(vec![("a", i(9)), ("d", i(4))])]),
            s("")
        );
        assert_eq!(m.to_java_string(), "{a=9, b=2, c=3, d=4}");
        assert_eq!(call(m.clone(), "remove", [s("b")]), i(2));
        assert_eq!(call(m.clone(), "remove", [s("zz")]), Value::Null);
        assert_eq!(m.to_java_string(), "{a=9, c=3, d=4}");
        assert_eq!(call_opt(m.clone(), "putAll", [list(vec![])]), None);
        assert_eq!(call(m.clone(), "clear", []), s(""));
        assert_eq!(m.to_java_string(), "{}");
    }

    #[test]
    fn entries_read_and_write_through() {
        let m = map(vec![("a", i(1)), ("b", i(2))]);
        let set = call(m.clone(), "entrySet", []);
        let first = call(set.clone(), "get", [i(0)]);
        assert_eq!(prop(first.clone(), "key"), Some(s("a")));
        assert_eq!(prop(first.clone(), "value"), Some(i(1)));
        assert_eq!(call(first.clone(), "getKey", []), s("a"));
        assert_eq!(call(first.clone(), "getValue", []), i(1));
        assert_eq!(call(first.clone(), "setValue", [s("z")]), i(1));
        assert_eq!(m.to_java_string(), "{a=z, b=2}");
        assert_eq!(first.to_java_string(), "a=z");
        let again = call(call(m.clone(), "entrySet", []), "get", [i(0)]);
        assert_eq!(call(first, "equals", [again]), b(true));
    }
}
