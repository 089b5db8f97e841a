//! Helpers that let value tests read like the spec:
//! `assert_eq!(call(s("abc"), "substring", [i(1)]), s("bc"))`.

use std::cell::RefCell;
use std::rc::Rc;

use indexmap::IndexMap;

pub use super::Value;

use super::access::{call_method, get_property, CallEnv};
use super::{List, ListKind};
use crate::limits::Limits;

pub fn s(x: &str) -> Value {
    Value::str(x)
}
pub fn i(x: i32) -> Value {
    Value::Int(x)
}
pub fn l(x: i64) -> Value {
    Value::Long(x)
}
pub fn d(x: f64) -> Value {
    Value::Double(x)
}
pub fn b(x: bool) -> Value {
    Value::Bool(x)
}
pub fn list(items: Vec<Value>) -> Value {
    Value::list(items)
}
pub fn jlist(items: Vec<Value>) -> Value {
    Value::json_list(items)
}
/// A `String[]`, as `split` returns.
pub fn arr(items: Vec<Value>) -> Value {
    Value::List(Rc::new(RefCell::new(List {
        kind: ListKind::JavaArray,
        items,
    })))
}
pub fn map(entries: Vec<(&str, Value)>) -> Value {
    let mut m = IndexMap::new();
    for (k, v) in entries {
        m.insert(k.to_string(), v);
    }
    Value::map(m)
}

pub fn try_call<const N: usize>(
    recv: Value,
    name: &str,
    args: [Value; N],
) -> Result<Option<Value>, String> {
    let limits = Limits::default();
    let mut env = CallEnv { limits: &limits };
    call_method(&recv, name, &args, &mut env)
}

/// The method's result; panics when there is no such method or it threw.
pub fn call<const N: usize>(recv: Value, name: &str, args: [Value; N]) -> Value {
    match try_call(recv, name, args) {
        Ok(Some(v)) => v,
        Ok(None) => panic!("no method {name}"),
        Err(e) => panic!("{name} threw {e}"),
    }
}

/// `None` when there is no such method; panics when it threw.
pub fn call_opt<const N: usize>(recv: Value, name: &str, args: [Value; N]) -> Option<Value> {
    try_call(recv, name, args).unwrap_or_else(|e| panic!("{name} threw {e}"))
}

/// The exception the method threw; panics when it did not.
pub fn call_err<const N: usize>(recv: Value, name: &str, args: [Value; N]) -> String {
    match try_call(recv, name, args) {
        Err(e) => e,
        Ok(v) => panic!("{name} returned {v:?} instead of throwing"),
    }
}

pub fn prop(recv: Value, name: &str) -> Option<Value> {
    get_property(&recv, name)
}

pub fn items(v: &Value) -> Vec<Value> {
    match v {
        Value::List(l) => l.borrow().items.clone(),
        other => panic!("not a list: {other:?}"),
    }
}
