//! Smoke tests of the glue, run in Node by wasm-bindgen-test-runner
//! (`make test`). They check what the page relies on: plain objects out,
//! integers kept integers, `undefined` accepted, errors as JS `Error`s.

use js_sys::{Object, Reflect, JSON};
use serde_json::json;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::wasm_bindgen_test;

use crate::convert::{from_js, to_js};
use crate::error::js_error;

fn parse(json: &str) -> JsValue {
    JSON::parse(json).unwrap()
}

#[wasm_bindgen_test]
fn version_is_the_crate_version() {
    assert_eq!(crate::version(), env!("CARGO_PKG_VERSION"));
}

#[wasm_bindgen_test]
fn json_objects_become_plain_js_objects() {
    let value = to_js(&json!({"statusCode": 200, "headers": {"Content-Type": "application/json"}}))
        .unwrap();
    // A plain object, not a Map: its prototype is Object.prototype.
    let proto = Object::get_prototype_of(&value);
    let plain_proto = Object::get_prototype_of(&Object::new());
    assert!(JsValue::from(proto) == JsValue::from(plain_proto));
    assert_eq!(
        JSON::stringify(&value).unwrap(),
        r#"{"statusCode":200,"headers":{"Content-Type":"application/json"}}"#
    );
}

#[wasm_bindgen_test]
fn key_order_survives_the_round_trip() {
    let value = parse(r#"{"z": 1, "a": 2, "m": 3}"#);
    let json = from_js("request", value).unwrap();
    let keys: Vec<&String> = json.as_object().unwrap().keys().collect();
    assert_eq!(keys, ["z", "a", "m"]);
}

#[wasm_bindgen_test]
fn js_integers_stay_integers() {
    // API Gateway's selection and `statusCode` checks treat 200 and 200.0
    // differently, so a JS number that is an integer must arrive as one.
    let json = from_js("request", parse(r#"{"statusCode": 200, "ratio": 0.5}"#)).unwrap();
    assert_eq!(json, json!({"statusCode": 200, "ratio": 0.5}));
    assert!(json["statusCode"].is_i64() || json["statusCode"].is_u64());
}

#[wasm_bindgen_test]
fn undefined_and_null_are_not_given() {
    assert_eq!(
        from_js("options", JsValue::UNDEFINED).unwrap(),
        serde_json::Value::Null
    );
    assert_eq!(
        from_js("options", JsValue::NULL).unwrap(),
        serde_json::Value::Null
    );
}

#[wasm_bindgen_test]
fn values_json_cannot_hold_are_errors_naming_the_argument() {
    let function = js_sys::Function::new_no_args("return 1");
    let object = Object::new();
    Reflect::set(&object, &"f".into(), &function).unwrap();
    let error = from_js("integration", object.into()).unwrap_err();
    let error: JsValue = error.into();
    let error: js_sys::Error = error.dyn_into().expect("a JS Error");
    let message = String::from(error.message());
    assert!(message.starts_with("integration: "), "{message}");
}

#[wasm_bindgen_test]
fn rust_errors_become_js_errors() {
    let error: JsValue = js_error("template", "line 1: unexpected #end").into();
    let error: js_sys::Error = error.dyn_into().expect("a JS Error");
    assert_eq!(
        String::from(error.message()),
        "template: line 1: unexpected #end"
    );
}
