//! `evaluate_to_string` (and `mockgate eval`, the wasm module) write the
//! result straight from the outcome; `evaluate` builds a JSON value from the
//! same `Serialize` impls. The two texts must be the same, byte for byte
//! (key order, numbers, escapes), for every kind of result: templates with
//! provenance on both targets, passthroughs, proxies, gateway errors,
//! rejected integrations, bad input.

#[path = "../../../tests/cases/support/vtl_case.rs"]
mod vtl_case;

use serde_json::{json, Value};

fn same_text(what: &str, integration: &Value, request: &Value, options: &Value) {
    // One instant for both runs ($context.requestTime is in the results).
    let mut options = options.clone();
    if let Some(o) = options.as_object_mut() {
        o.insert("requestTimeEpoch".into(), json!(1_700_000_000_000_i64));
    }
    let options = &options;
    let value = mockgate_gateway::evaluate(integration, request, options).to_string();
    let text = mockgate_gateway::evaluate_to_string(integration, request, options);
    assert!(
        value == text,
        "{what}: the written result differs from the JSON value's text\nvalue: {value}\ntext:  {text}"
    );
}

/// The 99 AWS recordings' full evaluate inputs: request and response
/// templates, so provenance on both targets, warnings and errors.
#[test]
fn aws_recordings_write_the_same_text() {
    let dir = vtl_case::cases_dir(env!("CARGO_MANIFEST_DIR")).join("vtl");
    let mut n = 0;
    for case in vtl_case::load_all(&dir) {
        let Some(input) = &case.evaluate else {
            continue;
        };
        same_text(
            &case.id,
            &input["integration"],
            &input["request"],
            &json!({}),
        );
        n += 1;
    }
    assert!(n > 50, "only {n} cases had an evaluate section");
}

#[test]
fn every_kind_of_result_writes_the_same_text() {
    let mock = json!({"type": "MOCK",
        "requestTemplates": {"application/json": "{\"statusCode\": 200, \"q\": \"$input.params('q')\"}"},
        "integrationResponses": {"200": {"statusCode": "200",
            "responseParameters": {"method.response.header.X-A": "'1'"},
            "responseTemplates": {"application/json": "#set($context.responseOverride.header.X-A = \"2\")\n{\"id\": \"$context.requestId\", \"t\": \"\u{e9}\\\"\"}"}}}});
    let request = json!({"httpMethod": "POST", "path": "/p", "queryStringParameters": {"q": "a\"b"},
        "headers": {"Content-Type": "application/json"}, "body": "{\"a\": [1, 2.5, null]}"});
    let cases = [
        (
            "mock with both templates",
            mock.clone(),
            request.clone(),
            json!({}),
        ),
        (
            "a template that fails",
            json!({"type": "MOCK",
            "requestTemplates": {"application/json": "{\"statusCode\": 200}"},
            "integrationResponses": {"200": {"statusCode": "200",
                "responseTemplates": {"application/json": "#foreach($x in [1..3])$x#end $input.path('$.a').size() #if("}}}}),
            request.clone(),
            json!({}),
        ),
        (
            "invalid JSON output",
            json!({"type": "MOCK",
            "requestTemplates": {"application/json": "{\"statusCode\": 200}"},
            "integrationResponses": {"200": {"statusCode": "200",
                "responseTemplates": {"application/json": "{\"a\": $input.json('$.a') oops}"}}}}),
            request.clone(),
            json!({}),
        ),
        (
            "passthrough",
            json!({"type": "MOCK", "integrationResponses": {"200": {"statusCode": "200"}}}),
            request.clone(),
            json!({}),
        ),
        (
            "415",
            json!({"type": "MOCK", "passthroughBehavior": "NEVER",
            "requestTemplates": {"application/xml": "x"}}),
            request.clone(),
            json!({}),
        ),
        (
            "HTTP with a backend",
            json!({"type": "HTTP", "httpMethod": "POST",
            "uri": "https://example.com/{id}",
            "requestParameters": {"integration.request.header.X-Id": "method.request.querystring.q"},
            "requestTemplates": {"application/json": "{\"b\": $input.body}"},
            "integrationResponses": {"default": {"statusCode": "200"}}}),
            request.clone(),
            json!({"backend": {"statusCode": 201, "headers": {"X-B": "1"}, "body": "{\"ok\": true}"}}),
        ),
        (
            "AWS_PROXY",
            json!({"type": "AWS_PROXY", "httpMethod": "POST",
            "uri": "arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:123456789012:function:f/invocations"}),
            request.clone(),
            json!({"backend": {"lambdaPayload": {"statusCode": 200, "headers": {"A": "1", "a": "2"}, "body": "hi"}}}),
        ),
        (
            "a rejected integration",
            json!({"type": "MOCK",
            "integrationResponses": {"200": {"statusCode": "200", "selectionPattern": "("}}}),
            request.clone(),
            json!({}),
        ),
        ("bad input", json!({"type": 7}), request.clone(), json!({})),
        (
            "bad request",
            mock.clone(),
            json!({"headers": 3}),
            json!({}),
        ),
        (
            "bad options",
            mock.clone(),
            request.clone(),
            json!({"backend": 3}),
        ),
    ];
    for (what, integration, request, options) in &cases {
        same_text(what, integration, request, options);
    }
}
