//! The variables a template renders with. The host fills it (`$input`,
//! `$util`, `$context`...), `#set` changes it, and the host reads it back
//! after rendering (API Gateway's `$context.requestOverride`...).

use std::collections::HashMap;

use crate::value::Value;

#[derive(Clone, Default)]
pub struct Context {
    vars: HashMap<String, Value>,
}

impl Context {
    pub fn new() -> Context {
        Context::default()
    }

    /// Set a variable (replacing any previous value).
    pub fn insert(&mut self, name: impl Into<String>, value: Value) {
        self.vars.insert(name.into(), value);
    }

    pub fn get(&self, name: &str) -> Option<&Value> {
        self.vars.get(name)
    }

    pub fn remove(&mut self, name: &str) -> Option<Value> {
        self.vars.remove(name)
    }

    pub fn contains(&self, name: &str) -> bool {
        self.vars.contains_key(name)
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
