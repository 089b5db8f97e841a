//! JS values <-> JSON values.

use serde::Serialize;
use wasm_bindgen::{JsError, JsValue};

use crate::error::js_error;

/// A plain JS value (object, array, string, number, boolean, null) as JSON.
/// `undefined` becomes `null`, which the core treats as "not given".
pub fn from_js(what: &str, value: JsValue) -> Result<serde_json::Value, JsError> {
    if value.is_undefined() {
        return Ok(serde_json::Value::Null);
    }
    serde_wasm_bindgen::from_value(value).map_err(|e| js_error(what, e))
}

/// A JSON value as a plain JS value. The json-compatible serializer makes
/// maps plain objects (not `Map`s) and keeps integers as numbers, so the
/// page can hand the result to `JSON.stringify` unchanged.
pub fn to_js<T: Serialize + ?Sized>(value: &T) -> Result<JsValue, JsError> {
    value
        .serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .map_err(|e| js_error("result", e))
}
