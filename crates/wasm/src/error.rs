//! The one place a Rust error becomes a JS `Error`.

use std::fmt::Display;
use wasm_bindgen::JsError;

/// A JS `Error` whose message is `"<what>: <err>"`, e.g.
/// `"integration: invalid type: string, expected a map"`.
pub fn js_error(what: &str, err: impl Display) -> JsError {
    JsError::new(&format!("{what}: {err}"))
}
