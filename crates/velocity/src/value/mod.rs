//! Runtime values. Each variant stands for the Java object API Gateway's
//! Velocity (1.7) would hold, so that printing, equality and methods behave
//! as they do on AWS.
//!
//! Collections are shared and mutable, as Java references are:
//! `#set($b = $a)$b.add(1)` changes `$a` too.
//!
//! Conventions for callers (the renderer and the hosts):
//!
//! - [`access::call_method`] returns `Ok(None)` for "no such method"
//!   (Velocity then treats the reference as invalid), `Ok(Some(Value::Null))`
//!   for a method that returned null, `Ok(Some(""))` for a `void` method
//!   (Velocity 1.7 renders those as nothing), and `Err("java.lang.X: ...")`
//!   for an exception the Java method throws.
//! - [`ops::arith_with_source`] is `arith` plus the operands' source text:
//!   Velocity 1.7 writes a null operand of a string `+` as its source text
//!   (`"a" + $nope` is `a$nope`).
//! - [`ops::equals`] is Velocity's `==`; `PartialEq` on `Value` is Java's
//!   strict `equals()` (same class), mainly for tests.
//! - [`ListKind::JavaArray`] is a `String[]` (from `split`): it prints as
//!   `[Ljava.lang.String;@...` like AWS, but indexes, iterates and answers
//!   `size()`/`get()`.
//! - `$map.entrySet()` yields [`MapEntry`] host objects (`.key`, `.value`).
//! - [`json::to_json_text`] writes JSON as json-smart does on AWS
//!   (`\/` escaped, Java number formatting); [`json::to_json`] gives a
//!   `serde_json::Value`.

use std::cell::{Cell, RefCell, RefMut};
use std::fmt;
use std::rc::Rc;

use indexmap::IndexMap;

pub mod access;
mod display;
mod entry;
pub mod json;
mod methods;
pub mod ops;
pub mod regex;
mod utf16;

#[cfg(test)]
pub(crate) mod test_support;

pub use entry::MapEntry;

/// A runtime value.
#[derive(Clone)]
pub enum Value {
    /// Java `null`.
    Null,
    /// `java.lang.Boolean`.
    Bool(bool),
    /// `java.lang.Integer` (integer literals, `size()`, ...).
    Int(i32),
    /// `java.lang.Long` (Velocity widens Integer arithmetic that overflows).
    Long(i64),
    /// `java.lang.Double` (decimal literals, JSON numbers with a fraction).
    Double(f64),
    /// `java.lang.String`.
    Str(Rc<str>),
    /// `java.util.List`.
    List(ListRef),
    /// `java.util.Map` (insertion ordered, as LinkedHashMap).
    Map(MapRef),
    /// An object supplied by the host (API Gateway's `$input`, `$util`, ...).
    Host(Rc<dyn HostObject>),
}

/// Which Java class backs a list: it decides how the list prints.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum ListKind {
    /// `java.util.ArrayList`: prints `[a, b]`.
    #[default]
    Java,
    /// A JSON array from a JSON parser (json-smart's `JSONArray` on AWS):
    /// prints as compact JSON, nested values included.
    /// Evidence: conformance ls-tpl-input-path-format-* (`[{"foo":"bar"}]`).
    Json,
    /// A Java array (`String[]` from `String.split`). Velocity 1.7 wraps
    /// arrays in its `ArrayListWrapper` for method calls (`size()`,
    /// `get(i)`, `$a[i]`, `contains`, ... work; `add`/`remove` throw), but
    /// printing one calls the array's own `toString()`:
    /// `[Ljava.lang.String;@<identity hash>`.
    JavaArray,
}

/// Which Java class backs a map: it decides how the map prints.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum MapKind {
    /// `java.util.LinkedHashMap`: prints `{k=v, k2=v2}`.
    #[default]
    Java,
    /// A JSON object that prints as compact JSON.
    Json,
}

#[derive(Clone, Debug, Default)]
pub struct List {
    pub kind: ListKind,
    pub items: Vec<Value>,
}

#[derive(Clone, Debug, Default)]
pub struct Map {
    pub kind: MapKind,
    pub entries: Entries,
}

/// A map's entries, in insertion order (see `crate::hash` for the hasher).
pub type Entries = IndexMap<String, Value, crate::hash::KeyHash>;

pub type ListRef = Rc<RefCell<List>>;
pub type MapRef = Rc<RefCell<Map>>;

/// An object the host puts in the context: its properties and methods are
/// resolved by the host, not by the engine.
pub trait HostObject {
    /// The Java-ish class name, for messages ("Input", "Util").
    fn type_name(&self) -> &str;
    /// `$obj.name` (Velocity tries `getName()` / `get("name")`). `None` when
    /// there is no such property.
    fn property(&self, _name: &str) -> Option<Value> {
        None
    }
    /// `$obj.name(args)`. `Ok(None)` means "no such method" (Velocity then
    /// treats the reference as invalid); `Err` is an exception the method
    /// threw, which aborts rendering as on AWS.
    fn call(&self, name: &str, args: &[Value]) -> Result<Option<Value>, String>;
    /// What `$obj` prints (Java's toString()).
    fn display(&self) -> String {
        String::new()
    }
}

impl Value {
    pub fn str(s: impl AsRef<str>) -> Value {
        Value::Str(Rc::from(s.as_ref()))
    }
    pub fn list(items: Vec<Value>) -> Value {
        Value::List(Rc::new(RefCell::new(List {
            kind: ListKind::Java,
            items,
        })))
    }
    pub fn json_list(items: Vec<Value>) -> Value {
        Value::List(Rc::new(RefCell::new(List {
            kind: ListKind::Json,
            items,
        })))
    }
    /// A `LinkedHashMap` of `entries` (re-keyed with the engine's hasher;
    /// [`Value::map_of`] takes them as they are).
    pub fn map(entries: IndexMap<String, Value>) -> Value {
        Value::map_of(entries.into_iter().collect())
    }
    pub fn map_of(entries: Entries) -> Value {
        Value::Map(Rc::new(RefCell::new(Map {
            kind: MapKind::Java,
            entries,
        })))
    }
    pub fn empty_map() -> Value {
        Value::map_of(Entries::default())
    }
    pub fn is_null(&self) -> bool {
        matches!(self, Value::Null)
    }
    pub fn as_str(&self) -> Option<&str> {
        match self {
            Value::Str(s) => Some(s),
            _ => None,
        }
    }
}

thread_local! {
    static CHANGES: Cell<u64> = const { Cell::new(0) };
}

/// How many times any list or map has been changed on this thread so far.
/// A host that hands the same values to several reads or renders (API
/// Gateway's `$input.path` over a payload that does not change between
/// keystrokes) compares this count before and after to know whether what
/// it handed out may have been changed, and must be made afresh.
pub fn changes() -> u64 {
    CHANGES.with(Cell::get)
}

/// A list, borrowed to be changed: every change to a list goes through
/// here (or [`edit_map`]), so that [`changes`] counts it.
pub fn edit_list(l: &ListRef) -> RefMut<'_, List> {
    CHANGES.with(|c| c.set(c.get() + 1));
    l.borrow_mut()
}

/// A map, borrowed to be changed (see [`edit_list`]).
pub fn edit_map(m: &MapRef) -> RefMut<'_, Map> {
    CHANGES.with(|c| c.set(c.get() + 1));
    m.borrow_mut()
}

/// Strict equality: the same Java class and Java's `equals()` (so
/// `Int(1) != Long(1)`, `Double` compares bits, lists element-wise, maps
/// as entry sets). This is NOT Velocity's `==`: use [`ops::equals`] for
/// that.
impl PartialEq for Value {
    fn eq(&self, other: &Value) -> bool {
        ops::java_equals(self, other)
    }
}

impl fmt::Debug for Value {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Value::Null => write!(f, "null"),
            Value::Bool(b) => write!(f, "{b}"),
            Value::Int(i) => write!(f, "{i}i"),
            Value::Long(i) => write!(f, "{i}L"),
            Value::Double(d) => write!(f, "{d}d"),
            Value::Str(s) => write!(f, "{s:?}"),
            Value::List(l) => f.debug_list().entries(l.borrow().items.iter()).finish(),
            Value::Map(m) => f.debug_map().entries(m.borrow().entries.iter()).finish(),
            Value::Host(h) => write!(f, "<{}>", h.type_name()),
        }
    }
}

#[cfg(test)]
mod change_tests {
    /// Every change to a list or map must be counted (see [`super::changes`]):
    /// outside tests, the value modules borrow collections mutably only
    /// through `edit_list` / `edit_map`.
    #[test]
    fn collections_are_changed_only_through_edit() {
        let sources = [
            ("access.rs", include_str!("access.rs")),
            ("display.rs", include_str!("display.rs")),
            ("entry.rs", include_str!("entry.rs")),
            ("json.rs", include_str!("json.rs")),
            ("ops.rs", include_str!("ops.rs")),
            ("methods/mod.rs", include_str!("methods/mod.rs")),
            ("methods/list.rs", include_str!("methods/list.rs")),
            ("methods/map.rs", include_str!("methods/map.rs")),
            ("methods/scalar.rs", include_str!("methods/scalar.rs")),
            ("methods/string.rs", include_str!("methods/string.rs")),
            ("../render/eval.rs", include_str!("../render/eval.rs")),
            ("../render/scope.rs", include_str!("../render/scope.rs")),
            ("../render/foreach.rs", include_str!("../render/foreach.rs")),
        ];
        for (name, text) in sources {
            let code = text.split("#[cfg(test)]").next().unwrap_or(text);
            assert!(
                !code.contains(".borrow_mut()"),
                "{name} changes a collection without edit_list/edit_map"
            );
        }
    }

    #[test]
    fn changes_count_list_and_map_edits() {
        use super::test_support::*;
        let before = super::changes();
        let l = list(vec![i(1)]);
        call(l.clone(), "size", []);
        assert_eq!(super::changes(), before, "reading changes nothing");
        call(l.clone(), "add", [i(2)]);
        let after_add = super::changes();
        assert!(after_add > before);
        let m = map(vec![]);
        call(m.clone(), "put", [s("k"), i(1)]);
        assert!(super::changes() > after_add);
    }
}
