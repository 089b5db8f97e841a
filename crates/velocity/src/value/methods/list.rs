//! `java.util.List` methods (ArrayList, json-smart's JSONArray), and the
//! subset Velocity 1.7's ArrayListWrapper offers on a Java array (reading
//! and `set` work; `add`/`remove`/`clear` throw
//! UnsupportedOperationException, as AbstractList's do).
//!
//! Errors read as Java 8's: `get(5)` on a 3-element list throws
//! `IndexOutOfBoundsException: Index: 5, Size: 3`, `get(-1)`
//! `ArrayIndexOutOfBoundsException: -1`.

use std::cell::RefCell;
use std::rc::Rc;

use super::super::access::CallEnv;
use super::super::ops::java_equals;
use super::super::{edit_list, List, ListKind, ListRef, Value};
use super::{check_collection_len, int_arg, void};

type R = Result<Option<Value>, String>;

/// `get(i)`/`set(i)`/`remove(i)` bounds, with Java 8's messages.
pub fn check_index(index: i32, size: usize) -> Result<usize, String> {
    if index < 0 {
        Err(format!("java.lang.ArrayIndexOutOfBoundsException: {index}"))
    } else if index as usize >= size {
        Err(format!(
            "java.lang.IndexOutOfBoundsException: Index: {index}, Size: {size}"
        ))
    } else {
        Ok(index as usize)
    }
}

/// `add(i, x)` / `addAll(i, c)` bounds: 0..=size.
fn check_insert(index: i32, size: usize) -> Result<usize, String> {
    if index < 0 || index as usize > size {
        Err(format!(
            "java.lang.IndexOutOfBoundsException: Index: {index}, Size: {size}"
        ))
    } else {
        Ok(index as usize)
    }
}

fn unsupported() -> String {
    "java.lang.UnsupportedOperationException".to_string()
}

/// The elements of a Collection argument (a list; a map is not one).
fn collection(v: &Value) -> Option<Vec<Value>> {
    match v {
        Value::List(l) => Some(l.borrow().items.clone()),
        _ => None,
    }
}

macro_rules! int {
    ($v:expr) => {
        match int_arg($v) {
            None => return Ok(None),
            Some(i) => i,
        }
    };
}

pub fn call(list: &ListRef, name: &str, args: &[Value], env: &mut CallEnv<'_>) -> R {
    let kind = list.borrow().kind;
    let fixed_size = kind == ListKind::JavaArray;
    let v = match (name, args) {
        ("size", []) => Value::Int(list.borrow().items.len() as i32),
        ("isEmpty", []) => Value::Bool(list.borrow().items.is_empty()),
        ("get", [i]) => {
            let i = int!(i);
            let l = list.borrow();
            l.items[check_index(i, l.items.len())?].clone()
        }
        ("contains", [x]) => Value::Bool(list.borrow().items.iter().any(|y| java_equals(x, y))),
        ("containsAll", [c]) => {
            let Some(c) = collection(c) else {
                return Ok(None);
            };
            let l = list.borrow();
            Value::Bool(c.iter().all(|x| l.items.iter().any(|y| java_equals(x, y))))
        }
        ("indexOf", [x]) => Value::Int(
            list.borrow()
                .items
                .iter()
                .position(|y| java_equals(x, y))
                .map_or(-1, |p| p as i32),
        ),
        ("lastIndexOf", [x]) => Value::Int(
            list.borrow()
                .items
                .iter()
                .rposition(|y| java_equals(x, y))
                .map_or(-1, |p| p as i32),
        ),
        ("set", [i, x]) => {
            let i = int!(i);
            let mut l = edit_list(list);
            let i = check_index(i, l.items.len())?;
            std::mem::replace(&mut l.items[i], x.clone())
        }
        ("subList", [from, to]) => {
            let (from, to) = (int!(from), int!(to));
            let l = list.borrow();
            if from < 0 {
                return Err(format!(
                    "java.lang.IndexOutOfBoundsException: fromIndex = {from}"
                ));
            }
            if to as i64 > l.items.len() as i64 {
                return Err(format!(
                    "java.lang.IndexOutOfBoundsException: toIndex = {to}"
                ));
            }
            if from > to {
                return Err(format!(
                    "java.lang.IllegalArgumentException: fromIndex({from}) > toIndex({to})"
                ));
            }
            // A copy, where Java returns a view that writes through
            // (approximation: writing through a subList is rare in templates).
            Value::List(Rc::new(RefCell::new(List {
                kind: ListKind::Java,
                items: l.items[from as usize..to as usize].to_vec(),
            })))
        }
        ("toJSONString", []) if kind == ListKind::Json => {
            Value::str(super::super::json::to_json_text(&Value::List(list.clone())))
        }
        // Mutators.
        ("add" | "remove" | "addAll" | "clear" | "removeAll" | "retainAll", _) if fixed_size => {
            return Err(unsupported())
        }
        ("add", [x]) => {
            let mut l = edit_list(list);
            check_collection_len(l.items.len() + 1, env)?;
            l.items.push(x.clone());
            Value::Bool(true)
        }
        ("add", [i, x]) => {
            let i = int!(i);
            let mut l = edit_list(list);
            let i = check_insert(i, l.items.len())?;
            check_collection_len(l.items.len() + 1, env)?;
            l.items.insert(i, x.clone());
            return void();
        }
        ("addAll", [c]) => {
            let Some(c) = collection(c) else {
                return Ok(None);
            };
            let mut l = edit_list(list);
            check_collection_len(l.items.len() + c.len(), env)?;
            let changed = !c.is_empty();
            l.items.extend(c);
            Value::Bool(changed)
        }
        ("addAll", [i, c]) => {
            let i = int!(i);
            let Some(c) = collection(c) else {
                return Ok(None);
            };
            let mut l = edit_list(list);
            let i = check_insert(i, l.items.len())?;
            check_collection_len(l.items.len() + c.len(), env)?;
            let changed = !c.is_empty();
            l.items.splice(i..i, c);
            Value::Bool(changed)
        }
        // remove(int) wins over remove(Object) for an Integer argument
        // (Velocity's method map ranks Object least specific).
        ("remove", [Value::Int(i)]) => {
            let mut l = edit_list(list);
            let i = check_index(*i, l.items.len())?;
            l.items.remove(i)
        }
        // (Comparisons run before the list is borrowed for writing: an
        // element may be the list itself.)
        ("remove", [x]) => {
            let found = list.borrow().items.iter().position(|y| java_equals(x, y));
            match found {
                Some(p) => {
                    edit_list(list).items.remove(p);
                    Value::Bool(true)
                }
                None => Value::Bool(false),
            }
        }
        ("removeAll" | "retainAll", [c]) => {
            let Some(c) = collection(c) else {
                return Ok(None);
            };
            let keep_listed = name == "retainAll";
            let keep: Vec<bool> = list
                .borrow()
                .items
                .iter()
                .map(|y| c.iter().any(|x| java_equals(x, y)) == keep_listed)
                .collect();
            let mut l = edit_list(list);
            let before = l.items.len();
            let mut flags = keep.into_iter();
            l.items.retain(|_| flags.next().unwrap_or(true));
            Value::Bool(l.items.len() != before)
        }
        ("clear", []) => {
            edit_list(list).items.clear();
            return void();
        }
        _ => return Ok(None),
    };
    Ok(Some(v))
}

#[cfg(test)]
mod tests {
    use super::super::super::test_support::*;

    fn abc() -> Value {
        list(vec![s("one"), s("two"), s("three")])
    }

    #[test]
    fn reading() {
        // airspeed/test_array_size, test_array_is_empty, test_array_contains_false
        assert_eq!(call(list(vec![i(1), i(2), i(3)]), "size", []), i(3));
        assert_eq!(call(list(vec![i(1)]), "isEmpty", []), b(false));
        assert_eq!(call(list(vec![]), "isEmpty", []), b(true));
        assert_eq!(
            call(list(vec![i(1), i(2), i(3)]), "contains", [i(10)]),
            b(false)
        );
        assert_eq!(
            call(list(vec![i(1), i(2), i(3)]), "contains", [i(2)]),
            b(true)
        );
        // Java equals: Integer 1 is not Long 1 nor "1"
        assert_eq!(call(list(vec![i(1)]), "contains", [l(1)]), b(false));
        assert_eq!(call(list(vec![i(1)]), "contains", [s("1")]), b(false));
        assert_eq!(
            call(list(vec![Value::Null]), "contains", [Value::Null]),
            b(true)
        );
        assert_eq!(call(abc(), "get", [i(1)]), s("two"));
        assert_eq!(call(abc(), "indexOf", [s("three")]), i(2));
        assert_eq!(call(abc(), "indexOf", [s("four")]), i(-1));
        assert_eq!(
            call(list(vec![i(1), i(2), i(1)]), "lastIndexOf", [i(1)]),
            i(2)
        );
        assert_eq!(
            call(abc(), "containsAll", [list(vec![s("one"), s("two")])]),
            b(true)
        );
        assert_eq!(
            call(abc(), "subList", [i(1), i(3)]).to_java_string(),
            "[two, three]"
        );
        assert_eq!(call(jlist(vec![s("x")]), "toJSONString", []), s("[\"x\"]"));
        assert_eq!(call(abc(), "toString", []), s("[one, two, three]"));
    }

    #[test]
    fn get_out_of_range_throws() {
        assert!(
            call_err(abc(), "get", [i(3)]).contains("IndexOutOfBoundsException: Index: 3, Size: 3")
        );
        assert!(call_err(abc(), "get", [i(-1)]).contains("ArrayIndexOutOfBoundsException: -1"));
        assert_eq!(call_opt(abc(), "get", [l(1)]), None);
        assert_eq!(call_opt(abc(), "get", [s("1")]), None);
    }

    #[test]
    fn add_and_insert() {
        // airspeed/test_array_add_item
        let l = list(vec![i(1), i(2), i(3)]);
        assert_eq!(call(l.clone(), "add", [s("string value")]), b(true));
        assert_eq!(l.to_java_string(), "[1, 2, 3, string value]");
        assert_eq!(call(l.clone(), "add", [i(0), s("first")]), s(""));
        assert_eq!(l.to_java_string(), "[first, 1, 2, 3, string value]");
        assert!(call_err(l.clone(), "add", [i(9), s("x")]).contains("Index: 9, Size: 5"));
        let l = list(vec![i(1)]);
        assert_eq!(call(l.clone(), "addAll", [list(vec![i(2), i(3)])]), b(true));
        assert_eq!(call(l.clone(), "addAll", [i(0), list(vec![i(0)])]), b(true));
        assert_eq!(l.to_java_string(), "[0, 1, 2, 3]");
        assert_eq!(call(l.clone(), "addAll", [list(vec![])]), b(false));
        assert_eq!(call_opt(l, "addAll", [map(vec![])]), None);
    }

    #[test]
    fn set_returns_previous_element() {
        // airspeed/test_array_set_item: $test_array.set(1, 'foo') prints "two"
        let l = abc();
        assert_eq!(call(l.clone(), "set", [i(1), s("foo")]), s("two"));
        assert_eq!(l.to_java_string(), "[one, foo, three]");
        assert!(call_err(l, "set", [i(3), s("x")]).contains("IndexOutOfBoundsException"));
    }

    #[test]
    fn remove_by_index_or_object() {
        let l = list(vec![s("a"), s("b"), i(7)]);
        assert_eq!(call(l.clone(), "remove", [i(0)]), s("a"));
        assert_eq!(call(l.clone(), "remove", [s("zz")]), b(false));
        assert_eq!(call(l.clone(), "remove", [s("b")]), b(true));
        assert_eq!(l.to_java_string(), "[7]");
        assert!(call_err(l.clone(), "remove", [i(5)]).contains("IndexOutOfBoundsException"));
        assert_eq!(call(l.clone(), "clear", []), s(""));
        assert_eq!(l.to_java_string(), "[]");
        let l = list(vec![i(1), i(2), i(3), i(2)]);
        assert_eq!(call(l.clone(), "removeAll", [list(vec![i(2)])]), b(true));
        assert_eq!(l.to_java_string(), "[1, 3]");
        assert_eq!(call(l.clone(), "retainAll", [list(vec![i(3)])]), b(true));
        assert_eq!(l.to_java_string(), "[3]");
    }

    #[test]
    fn equality_and_hash() {
        assert_eq!(
            call(list(vec![i(1)]), "equals", [jlist(vec![i(1)])]),
            b(true)
        );
        assert_eq!(
            call(list(vec![i(1)]), "equals", [list(vec![i(2)])]),
            b(false)
        );
        assert_eq!(call(list(vec![s("a"), s("b")]), "hashCode", []), i(4066));
    }

    #[test]
    fn arrays_are_fixed_size() {
        let a = arr(vec![s("x"), s("y")]);
        assert_eq!(call(a.clone(), "size", []), i(2));
        assert_eq!(call(a.clone(), "contains", [s("y")]), b(true));
        assert_eq!(call(a.clone(), "set", [i(0), s("z")]), s("x"));
        assert!(call_err(a.clone(), "add", [s("w")]).contains("UnsupportedOperationException"));
        assert!(call_err(a.clone(), "remove", [i(0)]).contains("UnsupportedOperationException"));
        assert_eq!(
            call(a.clone(), "equals", [arr(vec![s("z"), s("y")])]),
            b(false)
        );
        assert_eq!(call(a.clone(), "equals", [a.clone()]), b(true));
    }

    #[test]
    fn growth_is_capped() {
        let l = list(vec![i(1); 1024]);
        for _ in 0..20 {
            if let Err(e) = try_call(l.clone(), "addAll", [l.clone()]) {
                assert!(e.contains("max_loop_iterations"), "{e}");
                return;
            }
        }
        panic!("a doubling list was never stopped");
    }
}
