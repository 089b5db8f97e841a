//! JSON in, `$input.json('$')` out: the same JSON value (serde_json
//! equality), through `evaluate`, both ways a template reads a payload:
//! the request template (method request body -> integration request body)
//! and a response template (endpoint body -> method response body), with
//! templates on both sides (no passthrough).

use proptest::prelude::*;
use serde_json::{json, Value};

fn json_value() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(|n| json!(n)),
        // Doubles that print the same in Java and Rust (no exponent form).
        (-1_000_000i64..1_000_000, 1u32..1000).prop_map(|(a, b)| json!(a as f64 + 1.0 / b as f64)),
        "\\PC{0,12}".prop_map(Value::String),
        prop_oneof![
            Just("\"\\/\u{0}\u{1f}\u{2028}é😀".to_string()),
            Just(String::new())
        ]
        .prop_map(Value::String),
    ];
    leaf.prop_recursive(4, 48, 6, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
            prop::collection::vec(("[a-zA-Z_$ ]{0,6}", inner), 0..6)
                .prop_map(|kv| Value::Object(kv.into_iter().collect())),
        ]
    })
}

fn http(request_template: &str, response_template: &str) -> Value {
    json!({
        "type": "HTTP",
        "httpMethod": "POST",
        "uri": "https://example.com/echo",
        "passthroughBehavior": "NEVER",
        "requestTemplates": {"application/json": request_template},
        "integrationResponses": {"200": {"statusCode": "200",
            "responseTemplates": {"application/json": response_template}}}
    })
}

fn request(body: &str) -> Value {
    json!({"httpMethod": "POST", "path": "/", "headers": {"Content-Type": "application/json"}, "body": body})
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 500, ..ProptestConfig::default() })]

    #[test]
    fn request_template_round_trips(v in json_value()) {
        let body = v.to_string();
        let r = mockgate_gateway::evaluate(&http("$input.json('$')", "ok"), &request(&body), &json!({}));
        let sent = r["integrationRequest"]["body"].as_str().unwrap_or_default();
        let back: Value = serde_json::from_str(sent).map_err(|e| TestCaseError::fail(format!("{e}: {sent}")))?;
        prop_assert_eq!(back, v);
    }

    #[test]
    fn response_template_round_trips(v in json_value()) {
        let backend = json!({"backend": {"statusCode": 200, "headers": {"Content-Type": "application/json"}, "body": v.to_string()}});
        let r = mockgate_gateway::evaluate(&http("{}", "$input.json('$')"), &request("{}"), &backend);
        prop_assert_eq!(&r["statusCode"], 200);
        let body = r["body"].as_str().unwrap_or_default();
        let back: Value = serde_json::from_str(body).map_err(|e| TestCaseError::fail(format!("{e}: {body}")))?;
        prop_assert_eq!(back, v);
    }
}
