//! `Map.Entry` objects, as `$map.entrySet()` yields them: `$e.key`,
//! `$e.value`, `$e.getKey()`, `$e.getValue()`, `$e.setValue(v)` (writes
//! through to the map, as a LinkedHashMap entry does), printing `k=v`.

use super::{edit_map, HostObject, MapRef, Value};

/// The host type name entries report (`java.util.Map$Entry` in Java).
pub const ENTRY_TYPE: &str = "Map.Entry";

pub struct MapEntry {
    map: MapRef,
    key: String,
    /// The value when the entry was made, for an entry whose key has since
    /// been removed from the map (a Java entry keeps its value).
    snapshot: Value,
}

impl MapEntry {
    pub fn new(map: MapRef, key: String, value: Value) -> MapEntry {
        MapEntry {
            map,
            key,
            snapshot: value,
        }
    }

    pub fn key(&self) -> &str {
        &self.key
    }

    pub fn value(&self) -> Value {
        self.map
            .borrow()
            .entries
            .get(&self.key)
            .cloned()
            .unwrap_or_else(|| self.snapshot.clone())
    }
}

impl HostObject for MapEntry {
    fn type_name(&self) -> &str {
        ENTRY_TYPE
    }

    fn property(&self, name: &str) -> Option<Value> {
        match name {
            "key" => Some(Value::str(&self.key)),
            "value" => Some(self.value()),
            _ => None,
        }
    }

    fn call(&self, name: &str, args: &[Value]) -> Result<Option<Value>, String> {
        Ok(match (name, args) {
            ("getKey", []) => Some(Value::str(&self.key)),
            ("getValue", []) => Some(self.value()),
            ("setValue", [v]) => {
                let old = self.value();
                edit_map(&self.map)
                    .entries
                    .insert(self.key.clone(), v.clone());
                Some(old)
            }
            ("toString", []) => Some(Value::str(self.display())),
            ("hashCode", []) => {
                // Map.Entry.hashCode: key.hashCode() ^ value.hashCode().
                let k = super::utf16::java_string_hash(&self.key);
                Some(Value::Int(
                    k ^ super::methods::java_hash_code(&self.value()),
                ))
            }
            ("equals", [other]) => Some(Value::Bool(match other {
                Value::Host(h) => entries_equal(self, h.as_ref()),
                _ => false,
            })),
            _ => None,
        })
    }

    fn display(&self) -> String {
        let mut s = self.key.clone();
        s.push('=');
        self.value().write_java_string(&mut s);
        s
    }
}

/// `Map.Entry.equals`: both entries, equal keys and equal values.
pub fn entries_equal(a: &dyn HostObject, b: &dyn HostObject) -> bool {
    if a.type_name() != ENTRY_TYPE || b.type_name() != ENTRY_TYPE {
        return false;
    }
    match (
        a.property("key"),
        a.property("value"),
        b.property("key"),
        b.property("value"),
    ) {
        (Some(k1), Some(v1), Some(k2), Some(v2)) => {
            super::ops::java_equals(&k1, &k2) && super::ops::java_equals(&v1, &v2)
        }
        _ => false,
    }
}
