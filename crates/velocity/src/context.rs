//! The variables a template renders with. The host fills it (`$input`,
//! `$util`, `$context`...), `#set` changes it, and the host reads it back
//! after rendering (API Gateway's `$context.requestOverride`...).

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

use crate::value::Value;

/// A small, fast hasher for variable names (every `$name` in a template
/// is a lookup here; the names come from the template author, so there
/// is nothing to defend against hash flooding).
#[derive(Default)]
struct NameHasher(u64);

impl Hasher for NameHasher {
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0.rotate_left(5) ^ b as u64).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
        }
    }
    fn finish(&self) -> u64 {
        self.0
    }
}

#[derive(Clone, Default)]
pub struct Context {
    vars: HashMap<String, Value, BuildHasherDefault<NameHasher>>,
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
