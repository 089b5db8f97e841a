//! How values print: Java's `toString()` for each class behind a value.

use super::Value;

impl Value {
    /// What `$v` renders to (Java's `String.valueOf(v)`; null renders as
    /// the engine decides, not here).
    pub fn to_java_string(&self) -> String {
        let mut s = String::new();
        self.write_java_string(&mut s);
        s
    }

    pub fn write_java_string(&self, out: &mut String) {
        let _ = out;
        todo!("value::display::write_java_string")
    }
}
