//! The variables a template renders with. The host fills it (`$input`,
//! `$util`, `$context`...), `#set` changes it, and the host reads it back
//! after rendering (API Gateway's `$context.requestOverride`...).

use indexmap::IndexMap;
use std::ops::Range;
use std::rc::Rc;

use crate::syntax::ast::Name;
use crate::value::{MapRef, Value};

/// One put about to happen into a map: `#set($m.key = v)`,
/// `#set($m["key"] = v)` (a `#set` of null puts nothing and is not
/// reported) or `$m.put(key, v)`.
pub struct MapSet<'a> {
    /// The map being assigned into (compare with `Rc::ptr_eq`).
    pub map: &'a MapRef,
    pub key: &'a str,
    pub value: &'a Value,
    /// The whole `#set(...)` directive, or the `put(...)` call, in bytes of
    /// the template source.
    pub span: Range<usize>,
}

/// Sees every [`MapSet`] before it happens; an `Err(message)` stops the
/// render with a runtime error carrying `message`, at the `#set`, and the
/// map is left unchanged. A host uses it for maps with rules of their own
/// (API Gateway's `$context.requestOverride`: one override per parameter).
pub type MapSetObserver = Rc<dyn Fn(&MapSet<'_>) -> Result<(), String>>;

#[derive(Clone, Default)]
pub struct Context {
    vars: IndexMap<String, Value, crate::hash::KeyHash>,
    map_set_observer: Option<MapSetObserver>,
}

impl Context {
    pub fn new() -> Context {
        Context::default()
    }

    /// Set a variable (replacing any previous value).
    pub fn insert(&mut self, name: impl Into<String>, value: Value) {
        self.vars.insert(name.into(), value);
    }

    /// [`Context::insert`] for a name that is usually there already (a loop
    /// variable, a `#set` in a loop): no new key is made for it.
    pub fn set(&mut self, name: &str, value: Value) {
        match self.vars.get_mut(name) {
            Some(slot) => *slot = value,
            None => {
                self.vars.insert(name.to_string(), value);
            }
        }
    }

    pub fn get(&self, name: &str) -> Option<&Value> {
        self.vars.get(name)
    }

    /// [`Context::get`] of a parsed name (its hash known, its last slot
    /// remembered: `crate::lookup`).
    #[inline(always)]
    pub(crate) fn get_named(&self, name: &Name) -> Option<&Value> {
        crate::lookup::find(&self.vars, name)
    }

    pub fn remove(&mut self, name: &str) -> Option<Value> {
        self.vars.swap_remove(name)
    }

    pub fn contains(&self, name: &str) -> bool {
        self.vars.contains_key(name)
    }

    /// Watch `#set`s into maps (see [`MapSet`]); replaces any earlier observer.
    pub fn observe_map_sets(&mut self, observer: MapSetObserver) {
        self.map_set_observer = Some(observer);
    }

    pub(crate) fn map_set_observer(&self) -> Option<&MapSetObserver> {
        self.map_set_observer.as_ref()
    }

    /// Names and values, in no particular order.
    pub fn iter(&self) -> impl Iterator<Item = (&str, &Value)> {
        self.vars.iter().map(|(k, v)| (k.as_str(), v))
    }
}

impl std::fmt::Debug for Context {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_map().entries(self.vars.iter()).finish()
    }
}
