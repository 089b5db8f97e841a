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

fn get(value: &JsValue, key: &str) -> JsValue {
    Reflect::get(value, &key.into()).unwrap()
}

fn diagnostics(value: &JsValue) -> Vec<JsValue> {
    js_sys::Array::from(value).iter().collect()
}

#[wasm_bindgen_test]
fn check_template_accepts_a_good_template() {
    let result = crate::check_template("#set($a = 1)$a", None).unwrap();
    assert!(
        diagnostics(&result).is_empty(),
        "{:?}",
        JSON::stringify(&result)
    );
}

#[wasm_bindgen_test]
fn check_template_locates_a_syntax_error() {
    // Line 2, the unclosed #if's condition.
    let source = "{\n  #if($a\n}";
    let result = crate::check_template(source, Some("request:application/json".into())).unwrap();
    let all = diagnostics(&result);
    assert!(!all.is_empty());
    let first = &all[0];
    assert_eq!(get(first, "severity").as_string().as_deref(), Some("error"));
    assert_eq!(get(first, "kind").as_string().as_deref(), Some("syntax"));
    assert_eq!(
        get(first, "template").as_string().as_deref(),
        Some("request:application/json")
    );
    let line = get(first, "line").as_f64().unwrap();
    assert!(line >= 2.0, "line {line}");
    assert!(!get(first, "message").as_string().unwrap().is_empty());
    let from = get(first, "from").as_f64().unwrap();
    let to = get(first, "to").as_f64().unwrap();
    assert!(from <= to && to <= source.len() as f64);
}

#[wasm_bindgen_test]
fn render_template_takes_variables_as_json_text_or_object() {
    let from_text = crate::render_template(
        "Hello $name!",
        JsValue::from_str(r#"{"name": "World"}"#),
        None,
    )
    .unwrap();
    assert_eq!(
        get(&from_text, "text").as_string().as_deref(),
        Some("Hello World!")
    );
    let from_object = crate::render_template(
        "#foreach($x in $xs)$x,#end",
        parse(r#"{"xs": [1, 2]}"#),
        None,
    )
    .unwrap();
    assert_eq!(
        get(&from_object, "text").as_string().as_deref(),
        Some("1,2,")
    );
}

#[wasm_bindgen_test]
fn render_template_reports_errors_as_diagnostics() {
    let result = crate::render_template("#if(", JsValue::NULL, None).unwrap();
    assert!(get(&result, "text").is_null());
    assert!(!diagnostics(&get(&result, "diagnostics")).is_empty());
}

#[wasm_bindgen_test]
fn render_template_refuses_variables_that_are_not_an_object() {
    for bad in [JsValue::from_str("[1, 2]"), JsValue::from_str("{not json")] {
        let error: JsValue = crate::render_template("x", bad, None).unwrap_err().into();
        let error: js_sys::Error = error.dyn_into().unwrap();
        assert!(String::from(error.message()).starts_with("variables: "));
    }
}

/// The AWS guide's mock integration ("Set up mock integrations in API
/// Gateway"): the request template picks 200 or 500 from `?scope=`; the 500
/// integration response is selected by the pattern `5\d{2}`.
const SEED_MOCK: &str = r#"{
  "type": "MOCK",
  "requestTemplates": {
    "application/json": "{\n  #if( $input.params('scope') == \"internal\" )\n    \"statusCode\": 200\n  #else\n    \"statusCode\": 500\n  #end\n}"
  },
  "integrationResponses": {
    "200": {"statusCode": "200", "responseTemplates": {"application/json": "{\n    \"statusCode\": 200,\n    \"message\": \"Go ahead without me.\"\n}"}},
    "500": {"statusCode": "500", "selectionPattern": "5\\d{2}", "responseTemplates": {"application/json": "{\n    \"statusCode\": 500,\n    \"message\": \"The invoked method is not supported on the API resource.\"\n}"}}
  }
}"#;

#[wasm_bindgen_test]
fn evaluate_runs_the_guides_mock_example() {
    let internal = parse(
        r#"{"httpMethod": "GET", "headers": {"Content-Type": "application/json"}, "queryStringParameters": {"scope": "internal"}}"#,
    );
    let result = crate::evaluate(parse(SEED_MOCK), internal, None).unwrap();
    assert_eq!(get(&result, "statusCode").as_f64(), Some(200.0));
    let body = get(&result, "body").as_string().unwrap();
    assert!(body.contains("Go ahead without me."), "{body}");

    let public = parse(
        r#"{"httpMethod": "GET", "headers": {"Content-Type": "application/json"}, "queryStringParameters": {"scope": "public"}}"#,
    );
    let result = crate::evaluate(parse(SEED_MOCK), public, Some(JsValue::NULL)).unwrap();
    assert_eq!(get(&result, "statusCode").as_f64(), Some(500.0));
    // The log and trace arrive as plain arrays.
    assert!(js_sys::Array::is_array(&get(&result, "log")));
    assert!(js_sys::Array::is_array(&get(&result, "trace")));
}

#[wasm_bindgen_test]
fn prepared_template_renders_input_and_util_many_times() {
    let t = crate::prepared::PreparedTemplate::new(
        "$input.params('scope') $input.path('$.a') $util.escapeJavaScript($input.json('$.s'))",
        None,
    )
    .unwrap();
    let params = parse(r#"{"querystring": {"scope": "internal"}}"#);
    for _ in 0..2 {
        let out = t
            .render(r#"{"a": 1, "s": "x'y"}"#.into(), params.clone())
            .unwrap();
        assert_eq!(out, r#"internal 1 \"x\'y\""#);
    }
    let other = t.render(r#"{"a": 2}"#.into(), JsValue::NULL).unwrap();
    assert_eq!(other, r#" 2 \"\""#);
    // The same JavaScript string again (the module keeps its text), then
    // one with the same text, then another text: each renders its own.
    let body = JsValue::from_str(r#"{"a": 3}"#);
    for b in [body.clone(), body, r#"{"a": 3}"#.into()] {
        assert_eq!(t.render(b, JsValue::NULL).unwrap(), r#" 3 \"\""#);
    }
    assert_eq!(
        t.render(r#"{"a": 4}"#.into(), JsValue::NULL).unwrap(),
        r#" 4 \"\""#
    );
    let once = crate::prepared::render_mapping(
        "$input.path('$.a')",
        r#"{"a": [1,2]}"#.into(),
        JsValue::NULL,
    )
    .unwrap();
    assert_eq!(once, "[1,2]");
    let not_text: JsValue = crate::prepared::render_mapping("x", 7.into(), JsValue::NULL)
        .unwrap_err()
        .into();
    let not_text: js_sys::Error = not_text.dyn_into().unwrap();
    assert_eq!(String::from(not_text.message()), "body: must be a string");
}

#[wasm_bindgen_test]
fn prepared_template_reads_changed_parameters_afresh() {
    // The module keeps the last parameters it read, by their JSON text: the
    // same object changed in between must not give the old values.
    let t = crate::prepared::PreparedTemplate::new("$input.params('scope')", None).unwrap();
    let params = parse(r#"{"querystring": {"scope": "internal"}}"#);
    assert_eq!(t.render("".into(), params.clone()).unwrap(), "internal");
    assert_eq!(t.render("".into(), params.clone()).unwrap(), "internal");
    let querystring = js_sys::Reflect::get(&params, &"querystring".into()).unwrap();
    js_sys::Reflect::set(&querystring, &"scope".into(), &"public".into()).unwrap();
    assert_eq!(t.render("".into(), params).unwrap(), "public");
    assert_eq!(t.render("".into(), JsValue::NULL).unwrap(), "");
}

#[wasm_bindgen_test]
fn prepared_template_errors_are_js_errors() {
    let error: JsValue = crate::prepared::PreparedTemplate::new("#if(", None)
        .err()
        .unwrap()
        .into();
    let error: js_sys::Error = error.dyn_into().unwrap();
    assert!(String::from(error.message()).starts_with("template: "));
    let bad = parse(r#"{"cookies": {}}"#);
    let t = crate::prepared::PreparedTemplate::new("x", None).unwrap();
    let error: JsValue = t.render("".into(), bad).unwrap_err().into();
    let error: js_sys::Error = error.dyn_into().unwrap();
    assert!(String::from(error.message()).contains("unknown parameter kind"));
}
