//! Every limit, exceeded through `evaluate`: the answer names the limit and
//! its value (the same diagnostic the CLI, the wasm module and the page
//! show, as they all print evaluate's result). Limits that are cheap to
//! reach run under the defaults; the others under `Options::limits` set
//! low, through `evaluate_typed`.

use mockgate_gateway::{evaluate, evaluate_typed, Integration, MethodRequest, Options};
use mockgate_velocity::Limits;
use serde_json::{json, Value};

/// A MOCK integration answering 200 through `response_template`.
fn mock(response_template: &str) -> Value {
    json!({
        "type": "MOCK",
        "requestTemplates": {"application/json": "{\"statusCode\": 200}"},
        "integrationResponses": {"200": {"statusCode": "200",
            "responseTemplates": {"application/json": response_template}}}
    })
}

/// A MOCK integration whose request template (where `$input` is the
/// method request) runs `before` and then picks 200.
fn mock_request(before: &str) -> Value {
    json!({
        "type": "MOCK",
        "requestTemplates": {"application/json": format!("{before}{{\"statusCode\": 200}}")},
        "integrationResponses": {"200": {"statusCode": "200"}}
    })
}

fn run_request(before: &str, body: &str) -> Value {
    evaluate(
        &mock_request(before),
        &request(body),
        &json!({"requestTimeEpoch": 1}),
    )
}

fn request(body: &str) -> Value {
    json!({"httpMethod": "POST", "path": "/", "headers": {"Content-Type": "application/json"}, "body": body})
}

fn run(response_template: &str, body: &str) -> Value {
    evaluate(
        &mock(response_template),
        &request(body),
        &json!({"requestTimeEpoch": 1}),
    )
}

fn run_with(response_template: &str, limits: Limits) -> Value {
    let integ = Integration::from_json(&mock(response_template)).unwrap();
    let req = MethodRequest::from_json(&request("{}")).unwrap();
    let opts = Options {
        limits,
        request_time_epoch: Some(1),
        ..Options::default()
    };
    evaluate_typed(&integ, &req, &opts, "limits").to_json()
}

/// The error diagnostics' messages.
fn errors(result: &Value) -> Vec<String> {
    result["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["severity"] == "error")
        .map(|d| d["message"].as_str().unwrap().to_string())
        .collect()
}

#[track_caller]
fn assert_limit(result: &Value, needle: &str) {
    let errs = errors(result);
    assert!(
        errs.iter().any(|m| m.contains(needle)),
        "no {needle:?} in {errs:?}"
    );
}

/// A template error is the client's 500, as on AWS.
#[track_caller]
fn assert_template_limit(result: &Value, needle: &str) {
    assert_eq!(result["statusCode"], 500, "{result}");
    assert_limit(result, needle);
}

#[test]
fn template_size() {
    let big = "a".repeat((1 << 20) + 1);
    assert_template_limit(&run(&big, "{}"), "template size limit (1048576 bytes)");
}

#[test]
fn nesting_depth() {
    let deep = format!("{}x{}", "#if(true)".repeat(300), "#end".repeat(300));
    assert_template_limit(&run(&deep, "{}"), "nesting limit (256)");
}

#[test]
fn range_length() {
    assert_template_limit(
        &run("#set($r = [1..2000000])", "{}"),
        "range length limit (1000000)",
    );
}

#[test]
fn regex_size() {
    let t = "$input.body.replaceAll('(((a{1000}){1000}){1000})', 'x')";
    assert_template_limit(&run(t, "{}"), "regular expression size limit (1048576)");
}

#[test]
fn steps() {
    let limits = Limits {
        max_steps: 1000,
        ..Limits::default()
    };
    let r = run_with("#foreach($i in [1..500])#set($x = $i + 1)#end", limits);
    assert_template_limit(&r, "step limit (1000)");
}

#[test]
fn loop_iterations() {
    let limits = Limits {
        max_loop_iterations: 10,
        ..Limits::default()
    };
    assert_template_limit(
        &run_with("#foreach($i in [1..11])$i#end", limits),
        "loop iteration limit (10)",
    );
}

#[test]
fn output_size() {
    let limits = Limits {
        max_output_bytes: 100,
        ..Limits::default()
    };
    let r = run_with("#foreach($i in [1..50])abcdef#end", limits);
    assert_template_limit(&r, "output size limit (100)");
}

#[test]
fn body_size() {
    let body = "x".repeat(10 * 1024 * 1024 + 1);
    let r = run("$input.body", &body);
    assert_eq!(r["statusCode"], 413);
    assert_eq!(r["body"], "{\"message\":\"Request Too Long\"}");
    assert_limit(&r, "body size limit (10485760 bytes)");
    // At the limit it runs.
    let body = "x".repeat(10 * 1024 * 1024);
    assert_eq!(run("ok", &body)["statusCode"], 200);
}

#[test]
fn jsonpath_depth() {
    let path = format!("${}", ".a".repeat(257));
    let r = run_request(&format!("#set($x = $input.json('{path}'))"), "{}");
    assert_template_limit(&r, "JSONPath depth limit (256 steps)");
    let path = format!("${}", ".a".repeat(256));
    assert_eq!(
        run_request(&format!("#set($x = $input.json('{path}'))"), "{}")["statusCode"],
        200
    );
}

#[test]
fn jsonpath_matches() {
    // Unions multiply: 10 indices at each of 7 levels select 10^7 values
    // from a payload of 8 arrays.
    let body = format!("{}1{}", "[".repeat(8), "]".repeat(8));
    let path = format!("${}", "[0,0,0,0,0,0,0,0,0,0]".repeat(7));
    let r = run_request(&format!("#set($x = $input.json('{path}'))"), &body);
    assert_template_limit(&r, "JSONPath match limit (1000000 values)");
}

#[test]
fn jsonpath_result_size() {
    // A deep scan selects every subtree: 100 levels around a 1 MB string
    // select 100 MB from a 1 MB payload.
    let body = format!(
        "{}\"{}\"{}",
        "[".repeat(100),
        "x".repeat(1 << 20),
        "]".repeat(100)
    );
    let r = run_request("#set($x = $input.json('$..*'))", &body);
    assert_template_limit(&r, "JSONPath result size limit (16777216 bytes)");
}

#[test]
fn input_read() {
    // 300 reads of a 1 MB payload: 300 MB copied within any step limit.
    let body = format!("\"{}\"", "x".repeat(1 << 20));
    let r = run_request(
        "#foreach($i in [1..300])#set($x = $input.path('$'))#end",
        &body,
    );
    assert_template_limit(&r, "payload read limit (268435456 bytes");
    // `$input.body` is not copied per read, so it has no such bound.
    let r = run_request("#foreach($i in [1..300])#set($x = $input.body)#end", &body);
    assert_eq!(r["statusCode"], 200, "{:?}", errors(&r));
}

#[test]
fn parse_limits_come_from_options_too() {
    let limits = Limits {
        max_template_bytes: 100,
        ..Limits::default()
    };
    assert_template_limit(
        &run_with(&"a".repeat(101), limits),
        "template size limit (100 bytes)",
    );
    let limits = Limits {
        max_depth: 5,
        ..Limits::default()
    };
    let deep = format!("{}x{}", "#if(true)".repeat(10), "#end".repeat(10));
    assert_template_limit(&run_with(&deep, limits), "nesting limit (5)");
}
