//! Property access, indexing, method calls and iteration on values: what
//! Velocity's introspection finds on the Java object behind each value.

use super::methods::{self, java_hash_code, list::check_index, map::store_key};
use super::ops::java_equals;
use super::{edit_list, edit_map, ListKind, Value};
use crate::limits::Limits;

/// What a method call needs besides its receiver and arguments.
pub struct CallEnv<'a> {
    pub limits: &'a Limits,
}

/// `$v.name(args)`. `Ok(None)`: no such method (an invalid reference).
/// `Err`: the method threw (rendering stops, as on AWS); the message
/// starts with the Java exception class
/// (`java.lang.StringIndexOutOfBoundsException: ...`).
///
/// A `void` method returns `Ok(Some(""))` (Velocity 1.7 renders it as
/// nothing); a method that returns null gives `Ok(Some(Value::Null))`.
/// Methods on a null receiver do not exist (`Ok(None)`).
pub fn call_method(
    recv: &Value,
    name: &str,
    args: &[Value],
    env: &mut CallEnv<'_>,
) -> Result<Option<Value>, String> {
    let specific = match recv {
        Value::Null => return Ok(None),
        Value::Host(h) => return h.call(name, args),
        Value::Str(s) => methods::string::call(s, name, args, env)?,
        Value::List(l) => methods::list::call(l, name, args, env)?,
        Value::Map(m) => methods::map::call(m, name, args, env)?,
        Value::Int(_) | Value::Long(_) | Value::Double(_) => {
            methods::scalar::call_number(recv, name, args)?
        }
        Value::Bool(b) => methods::scalar::call_bool(*b, name, args)?,
    };
    if specific.is_some() {
        return Ok(specific);
    }
    // java.lang.Object's methods, on every class.
    Ok(match (name, args) {
        ("toString", []) => Some(Value::str(recv.to_java_string())),
        ("equals", [other]) => Some(Value::Bool(java_equals(recv, other))),
        ("hashCode", []) => Some(Value::Int(java_hash_code(recv))),
        _ => None,
    })
}

/// `$v.name`: Velocity tries `getName()`, `getname()`, `get("name")`,
/// `isName()`. `None`: no such property.
///
/// - a Map: `get("name")`, null when absent (Velocity 1.7's
///   MapGetExecutor; the map has no getters of its own that win);
/// - a List or String: `isEmpty()` as `.empty`; no other getters that a
///   template can use (`getClass()`/`getBytes()` are not offered);
/// - a Double: `.naN` / `.infinite` (`isNaN()` / `isInfinite()`);
/// - a host object: its own `property`.
pub fn get_property(recv: &Value, name: &str) -> Option<Value> {
    match recv {
        Value::Map(m) => Some(m.borrow().entries.get(name).cloned().unwrap_or(Value::Null)),
        Value::Host(h) => h.property(name),
        // (A Java array has no isEmpty(): Velocity wraps arrays only for
        // method calls, not for properties.)
        Value::List(l) if is_property(name, "empty") && l.borrow().kind != ListKind::JavaArray => {
            Some(Value::Bool(l.borrow().items.is_empty()))
        }
        Value::Str(s) if is_property(name, "empty") => Some(Value::Bool(s.is_empty())),
        Value::Double(d) if is_property(name, "naN") => Some(Value::Bool(d.is_nan())),
        Value::Double(d) if is_property(name, "infinite") => Some(Value::Bool(d.is_infinite())),
        _ => None,
    }
}

/// Velocity finds `isEmpty()` for both `$x.empty` and `$x.Empty`.
fn is_property(name: &str, canonical: &str) -> bool {
    let mut a = name.chars();
    let mut b = canonical.chars();
    match (a.next(), b.next()) {
        (Some(x), Some(y)) => x.eq_ignore_ascii_case(&y) && a.as_str() == b.as_str(),
        _ => false,
    }
}

/// `$v[index]`. `Ok(None)`: nothing there.
///
/// Velocity 1.7's ASTIndex calls `get(index)`: a negative Integer index
/// counts from the end (`$list[-1]` is the last element); an index still
/// out of range makes `List.get` throw, which stops rendering (Err). A
/// list has no `get(Long)` or `get(String)`, so other index types find no
/// method (`Ok(None)`). A map gives its value or null. A host object is
/// asked for `get(index)`.
pub fn get_index(recv: &Value, index: &Value) -> Result<Option<Value>, String> {
    match recv {
        Value::List(l) => {
            let Value::Int(i) = index else {
                return Ok(None);
            };
            let l = l.borrow();
            let i = from_end(*i, l.items.len());
            Ok(Some(l.items[check_index(i, l.items.len())?].clone()))
        }
        Value::Map(m) => Ok(Some(match index {
            Value::Str(k) => m.borrow().entries.get(&**k).cloned().unwrap_or(Value::Null),
            _ => Value::Null,
        })),
        Value::Host(h) => h.call("get", std::slice::from_ref(index)),
        _ => Ok(None),
    }
}

fn from_end(i: i32, len: usize) -> i32 {
    if i < 0 {
        (len as i64 + i as i64).clamp(i32::MIN as i64, i32::MAX as i64) as i32
    } else {
        i
    }
}

/// `#set($v.name = x)`. `Ok(false)`: the receiver has no such settable
/// property.
///
/// A map puts (`#set($m.k = v)` is `$m.put("k", v)`); a host object is
/// offered `setName(v)`, then `put("name", v)` (Velocity's
/// SetPropertyExecutor then PutExecutor); nothing else has setters.
pub fn set_property(recv: &Value, name: &str, v: Value) -> Result<bool, String> {
    match recv {
        Value::Map(m) => {
            edit_map(m).entries.insert(name.to_string(), v);
            Ok(true)
        }
        Value::Host(h) => {
            let mut setter = String::from("set");
            let mut chars = name.chars();
            if let Some(first) = chars.next() {
                setter.extend(first.to_uppercase());
                setter.push_str(chars.as_str());
            }
            if h.call(&setter, std::slice::from_ref(&v))?.is_some() {
                return Ok(true);
            }
            Ok(h.call("put", &[Value::str(name), v])?.is_some())
        }
        _ => Ok(false),
    }
}

/// `#set($v[index] = x)`: `set(i, x)` on a list (negative counts from the
/// end; out of range throws), `put(key, x)` on a map.
pub fn set_index(recv: &Value, index: &Value, v: Value) -> Result<bool, String> {
    match recv {
        Value::List(l) => {
            let Value::Int(i) = index else {
                return Ok(false);
            };
            let mut l = edit_list(l);
            let i = from_end(*i, l.items.len());
            let i = check_index(i, l.items.len())?;
            l.items[i] = v;
            Ok(true)
        }
        Value::Map(m) => {
            edit_map(m).entries.insert(store_key(index), v);
            Ok(true)
        }
        Value::Host(h) => Ok(h.call("put", &[index.clone(), v])?.is_some()),
        _ => Ok(false),
    }
}

/// The items `#foreach` walks, or `None` when the value is not iterable.
///
/// A list (or array) gives its elements; a map its values (Velocity 1.7
/// iterates `map.values()`); nothing else is iterable.
pub fn iterate(v: &Value) -> Option<Vec<Value>> {
    match v {
        Value::List(l) => Some(l.borrow().items.clone()),
        Value::Map(m) => Some(m.borrow().entries.values().cloned().collect()),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::super::test_support::*;
    use super::*;

    #[test]
    fn object_methods_on_every_value() {
        assert_eq!(call(list(vec![i(1), s("a")]), "toString", []), s("[1, a]"));
        assert_eq!(call(jlist(vec![s("a")]), "toString", []), s("[\"a\"]"));
        assert_eq!(
            call(map(vec![("foo", s("bar"))]), "toString", []),
            s("{foo=bar}")
        );
        assert_eq!(call(map(vec![]), "hashCode", []), i(0));
        assert_eq!(call_opt(i(1), "nope", []), None);
        assert_eq!(call_opt(Value::Null, "toString", []), None);
    }

    #[test]
    fn map_properties_are_gets() {
        // airspeed/test_dictionary_literal: $a.dog
        let m = map(vec![("dog", s("cat")), ("horse", i(15))]);
        assert_eq!(prop(m.clone(), "dog"), Some(s("cat")));
        assert_eq!(prop(m.clone(), "horse"), Some(i(15)));
        assert_eq!(prop(m.clone(), "cow"), Some(Value::Null));
        assert_eq!(prop(m.clone(), "empty"), Some(Value::Null));
    }

    #[test]
    fn boolean_getters() {
        assert_eq!(prop(list(vec![]), "empty"), Some(b(true)));
        assert_eq!(prop(list(vec![i(1)]), "Empty"), Some(b(false)));
        assert_eq!(prop(s(""), "empty"), Some(b(true)));
        assert_eq!(prop(list(vec![]), "size"), None);
        assert_eq!(prop(arr(vec![]), "empty"), None);
        assert_eq!(prop(s("x"), "length"), None);
        assert_eq!(prop(i(1), "x"), None);
        assert_eq!(prop(Value::Null, "x"), None);
    }

    #[test]
    fn indexing() {
        // airspeed/test_array_notation_int_index, _nested_indexes, _dict_index
        let a = list(vec![s("foo"), list(vec![s("bar1"), s("bar2")])]);
        assert_eq!(get_index(&a, &i(0)).unwrap(), Some(s("foo")));
        let inner = get_index(&a, &i(1)).unwrap().unwrap();
        assert_eq!(get_index(&inner, &i(1)).unwrap(), Some(s("bar2")));
        assert_eq!(
            get_index(&a, &i(-1)).unwrap().map(|v| v.to_java_string()),
            Some("[bar1, bar2]".into())
        );
        assert!(get_index(&a, &i(2))
            .unwrap_err()
            .contains("IndexOutOfBoundsException"));
        assert!(get_index(&a, &i(-3))
            .unwrap_err()
            .contains("ArrayIndexOutOfBoundsException: -1"));
        assert_eq!(get_index(&a, &l(0)).unwrap(), None);
        assert_eq!(get_index(&a, &s("0")).unwrap(), None);
        let m = map(vec![("foo", s("bar"))]);
        assert_eq!(get_index(&m, &s("foo")).unwrap(), Some(s("bar")));
        assert_eq!(get_index(&m, &s("nope")).unwrap(), Some(Value::Null));
        assert_eq!(get_index(&s("abc"), &i(0)).unwrap(), None);
        assert_eq!(get_index(&Value::Null, &i(0)).unwrap(), None);
    }

    #[test]
    fn setting_map_entries_and_list_slots() {
        // airspeed/test_dict_assign_item_via_brackets: {bar=foo}
        let m = map(vec![]);
        assert!(set_index(&m, &s("bar"), s("foo")).unwrap());
        assert_eq!(m.to_java_string(), "{bar=foo}");
        // airspeed/test_dict_assign_var_not_found: {=foo}
        let m = map(vec![]);
        assert!(set_index(&m, &s(""), s("foo")).unwrap());
        assert_eq!(m.to_java_string(), "{=foo}");
        assert!(set_property(&m, "k", i(1)).unwrap());
        assert_eq!(m.to_java_string(), "{=foo, k=1}");
        // airspeed/test_array_assign_item_via_brackets: onefoothree
        let a = list(vec![s("one"), s("two"), s("three")]);
        assert!(set_index(&a, &i(1), s("foo")).unwrap());
        assert_eq!(a.to_java_string(), "[one, foo, three]");
        assert!(set_index(&a, &i(-1), s("end")).unwrap());
        assert_eq!(a.to_java_string(), "[one, foo, end]");
        assert!(set_index(&a, &i(3), s("x")).is_err());
        assert!(!set_index(&a, &s("x"), s("x")).unwrap());
        assert!(!set_property(&a, "x", i(1)).unwrap());
        assert!(!set_property(&s("x"), "x", i(1)).unwrap());
    }

    #[test]
    fn iteration() {
        assert_eq!(iterate(&list(vec![i(1), i(2)])), Some(vec![i(1), i(2)]));
        assert_eq!(
            iterate(&map(vec![("a", i(1)), ("b", s("x"))])),
            Some(vec![i(1), s("x")])
        );
        assert_eq!(iterate(&s("abc")), None);
        assert_eq!(iterate(&Value::Null), None);
        assert_eq!(iterate(&i(3)), None);
    }

    struct Counter;
    impl super::super::HostObject for Counter {
        fn type_name(&self) -> &str {
            "Counter"
        }
        fn property(&self, name: &str) -> Option<Value> {
            (name == "n").then(|| Value::Int(3))
        }
        fn call(&self, name: &str, args: &[Value]) -> Result<Option<Value>, String> {
            Ok(match (name, args) {
                ("get", [Value::Int(i)]) => Some(Value::Int(i * 10)),
                ("setN", [_]) => Some(Value::str("")),
                _ => None,
            })
        }
        fn display(&self) -> String {
            "counter!".into()
        }
    }

    #[test]
    fn host_objects_resolve_themselves() {
        let h = Value::Host(std::rc::Rc::new(Counter));
        assert_eq!(prop(h.clone(), "n"), Some(i(3)));
        assert_eq!(prop(h.clone(), "m"), None);
        assert_eq!(get_index(&h, &i(2)).unwrap(), Some(i(20)));
        assert!(set_property(&h, "n", i(1)).unwrap());
        assert!(!set_property(&h, "m", i(1)).unwrap());
        assert_eq!(h.to_java_string(), "counter!");
        assert_eq!(call_opt(h, "size", []), None);
    }
}
