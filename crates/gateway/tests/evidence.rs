//! tests/cases/gateway/*.json: the pipeline evidence (AWS recordings, AWS
//! docs, peer emulators' unit tests) run through `mockgate_gateway::evaluate`.
//! Formats and the template adapter: tests/cases/README.md.
//!
//! `cargo test -p mockgate-gateway --test evidence -- --nocapture` prints a
//! scoreboard per evidence class with every failing id and a short diff.
//! The test fails when an active `aws-snapshot` case fails, or when a case
//! marked `known-failure` passes (so the list stays honest). Set
//! MOCKGATE_EVIDENCE_STRICT=1 to fail on active aws-docs and peer-unit-test
//! failures too.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde_json::{json, Map, Value};

// ------------------------------------------------------------ loading ----

fn cases_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/cases/gateway")
}

fn load_cases() -> Vec<(PathBuf, Value)> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(cases_dir())
        .expect("tests/cases/gateway exists")
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    files.sort();
    assert!(!files.is_empty(), "no cases in tests/cases/gateway");
    files
        .into_iter()
        .map(|f| {
            let text = std::fs::read_to_string(&f).unwrap();
            let v: Value = serde_json::from_str(&text)
                .unwrap_or_else(|e| panic!("{}: not JSON: {e}", f.display()));
            (f, v)
        })
        .collect()
}

// ----------------------------------------------------------- evaluate ----

fn evaluate(integration: &Value, request: &Value, options: &Value) -> Result<Value, String> {
    std::panic::catch_unwind(|| mockgate_gateway::evaluate(integration, request, options)).map_err(
        |p| {
            let msg = p
                .downcast_ref::<&str>()
                .map(|s| s.to_string())
                .or_else(|| p.downcast_ref::<String>().cloned())
                .unwrap_or_default();
            format!("evaluate panicked: {msg}")
        },
    )
}

fn integration_request_body(result: &Value) -> Result<String, String> {
    result["integrationRequest"]["body"]
        .as_str()
        .map(str::to_string)
        .ok_or_else(|| {
            format!(
                "no integrationRequest.body in the result (status {}, body {:?})",
                result["statusCode"], result["body"]
            )
        })
}

/// An invocation case: the file's integration and request, with the
/// backend the file describes. Echo backends answer with what the
/// integration request carried, so they take two passes: the first finds
/// the integration request body, the second hands it back as the backend's
/// answer (`echo-body`: an HTTP 200 application/json response with that
/// body; `lambda-echo`: a Lambda returning that body parsed as its event).
fn run_invocation(case: &Value) -> Result<Value, String> {
    let integration = &case["integration"];
    let request = &case["request"];
    match case["backend_mode"].as_str().unwrap_or("none") {
        "none" => evaluate(integration, request, &json!({})),
        "fixed" => evaluate(integration, request, &json!({"backend": case["backend"]})),
        mode @ ("echo-body" | "lambda-echo") => {
            let first = evaluate(integration, request, &json!({}))?;
            let status = first["statusCode"].as_u64().unwrap_or(0);
            if first["integrationRequest"].is_null() && status >= 400 {
                // Rejected before the backend (e.g. 415): that is the answer.
                return Ok(first);
            }
            let sent = integration_request_body(&first)?;
            let backend = if mode == "echo-body" {
                json!({"statusCode": 200, "headers": {"Content-Type": "application/json"}, "body": sent})
            } else {
                let event: Value = serde_json::from_str(if sent.is_empty() { "{}" } else { &sent })
                    .map_err(|e| format!("the Lambda event is not JSON ({e}): {sent:?}"))?;
                json!({"payload": event})
            };
            evaluate(integration, request, &json!({"backend": backend}))
        }
        other => Err(format!("unknown backend_mode `{other}`")),
    }
}

// ------------------------------------------------- the template adapter ----

/// Where a template case's output is read from.
enum Output {
    /// The integration request body (request templates).
    IntegrationRequestBody,
    /// The body the client gets (response templates).
    ResponseBody,
    /// The whole result (MOCK status cases).
    Result,
}

/// Stage variable through which `variables.vtl_vars` reach the template
/// (a stage variable is visible to every template and needs no body).
const VARS_STAGE_VARIABLE: &str = "mockgateVars";

/// Build the evaluate input a template case describes:
///
/// - `integration-request` and `any`: an HTTP integration whose
///   `application/json` request template is the case's template; the
///   output is `integrationRequest.body`. (`any` cases are $util/$input
///   behaviours that the evidence observed on the request side.)
/// - `integration-response`: an HTTP integration without request templates
///   whose backend answers 200 `application/json` with `variables.body`;
///   the default integration response has the template; the output is the
///   client's body.
/// - `mock-integration-request-body`: a MOCK integration whose request
///   "template" is `variables.rendered_request_body` (plain text, no VTL);
///   the default integration response answers 200; the output is the
///   client's status (and body).
///
/// Variables: `body` is the client's request body (request side) or the
/// backend's body (response side); an empty body is sent as no body.
/// `params.{path,querystring,header}` become the request's
/// pathParameters, queryStringParameters and headers; `headers`,
/// `httpMethod`, `path`, `resourcePath` go to the request as they are;
/// `stage` to requestContext.stage. The request carries `Content-Type:
/// application/json` unless `client_request` says there was no Content-Type
/// (AWS then applies the application/json template anyway). `vtl_vars`
/// are `#set` at the start of the template's first line from a stage
/// variable holding them as JSON, so line numbers and output are
/// unchanged. `client_request` and `body_note` are prose. A case may add
/// `adapter_request_parameters` (integration request parameter mappings
/// its notes say were in place) for the request side.
fn adapt_template_case(case: &Value) -> Result<(Value, Value, Value, Output), String> {
    let vars = &case["variables"];
    let kind = case["template_kind"].as_str().unwrap_or("");
    let template = case["template"].as_str().unwrap_or("");

    let mut request = Map::new();
    request.insert(
        "httpMethod".into(),
        vars.get("httpMethod").cloned().unwrap_or(json!("POST")),
    );
    request.insert(
        "path".into(),
        vars.get("path").cloned().unwrap_or(json!("/")),
    );
    request.insert(
        "resourcePath".into(),
        vars.get("resourcePath").cloned().unwrap_or(json!("/")),
    );
    let mut headers = Map::new();
    let no_content_type = vars["client_request"]
        .as_str()
        .is_some_and(|s| s.to_ascii_lowercase().contains("no content-type"));
    if !no_content_type {
        headers.insert("Content-Type".into(), json!("application/json"));
    }
    for source in [&vars["headers"], &vars["params"]["header"]] {
        if let Some(h) = source.as_object() {
            for (k, v) in h {
                headers.insert(k.clone(), v.clone());
            }
        }
    }
    request.insert("headers".into(), Value::Object(headers));
    if let Some(q) = vars["params"]["querystring"].as_object() {
        request.insert("queryStringParameters".into(), Value::Object(q.clone()));
    }
    if let Some(p) = vars["params"]["path"].as_object() {
        request.insert("pathParameters".into(), Value::Object(p.clone()));
    }
    if let Some(stage) = vars["stage"].as_str() {
        request.insert("requestContext".into(), json!({"stage": stage}));
    }
    let body = vars["body"].as_str().unwrap_or("");

    let mut prefix = String::new();
    if let Some(vtl_vars) = vars["vtl_vars"].as_object() {
        prefix.push_str(&format!(
            "#set($mockgateVars = $util.parseJson($stageVariables.{VARS_STAGE_VARIABLE}))"
        ));
        for k in vtl_vars.keys() {
            prefix.push_str(&format!("#set(${k} = $mockgateVars.{k})"));
        }
        request.insert(
            "stageVariables".into(),
            json!({VARS_STAGE_VARIABLE: Value::Object(vtl_vars.clone()).to_string()}),
        );
    }
    let template = format!("{prefix}{template}");
    let uri = "https://backend.example.com/";

    match kind {
        "integration-request" | "any" => {
            if !body.is_empty() {
                request.insert("body".into(), json!(body));
            }
            let mut integration = json!({
                "type": "HTTP", "httpMethod": "POST", "uri": uri,
                "passthroughBehavior": "WHEN_NO_MATCH",
                "requestTemplates": {"application/json": template},
                "integrationResponses": {"200": {"statusCode": "200"}}
            });
            if let Some(mappings) = case["adapter_request_parameters"].as_object() {
                integration["requestParameters"] = Value::Object(mappings.clone());
            }
            Ok((
                integration,
                Value::Object(request),
                json!({}),
                Output::IntegrationRequestBody,
            ))
        }
        "integration-response" => {
            let integration = json!({
                "type": "HTTP", "httpMethod": "POST", "uri": uri,
                "passthroughBehavior": "WHEN_NO_MATCH",
                "integrationResponses": {
                    "200": {"statusCode": "200", "responseTemplates": {"application/json": template}}
                }
            });
            let backend = json!({"statusCode": 200, "headers": {"Content-Type": "application/json"}, "body": body});
            Ok((
                integration,
                Value::Object(request),
                json!({"backend": backend}),
                Output::ResponseBody,
            ))
        }
        "mock-integration-request-body" => {
            let rendered = vars["rendered_request_body"]
                .as_str()
                .ok_or("no rendered_request_body")?;
            let integration = json!({
                "type": "MOCK",
                "passthroughBehavior": "WHEN_NO_MATCH",
                "requestTemplates": {"application/json": rendered},
                "integrationResponses": {"200": {"statusCode": "200"}}
            });
            Ok((
                integration,
                Value::Object(request),
                json!({}),
                Output::Result,
            ))
        }
        other => Err(format!("unknown template_kind `{other}`")),
    }
}

fn run_template(case: &Value) -> Result<(Value, Option<String>), String> {
    let (integration, request, options, output) = adapt_template_case(case)?;
    let result = evaluate(&integration, &request, &options)?;
    let text = match output {
        Output::IntegrationRequestBody => {
            if case["compare"] == "error" {
                None
            } else {
                Some(integration_request_body(&result)?)
            }
        }
        Output::ResponseBody => Some(result["body"].as_str().unwrap_or("").to_string()),
        Output::Result => None,
    };
    Ok((result, text))
}

// --------------------------------------------------------- comparing ----

/// "<uuid>", "<api-id>"...: a placeholder the evidence put where AWS
/// answered something unpredictable; any string matches it.
fn is_placeholder(s: &str) -> bool {
    s.len() > 2 && s.starts_with('<') && s.ends_with('>') && !s[1..s.len() - 1].contains(['<', '>'])
}

fn json_matches(expected: &Value, actual: &Value) -> bool {
    match (expected, actual) {
        (Value::String(e), Value::String(_)) if is_placeholder(e) => true,
        (Value::Object(e), Value::Object(a)) => {
            e.len() == a.len()
                && e.iter()
                    .all(|(k, ev)| a.get(k).is_some_and(|av| json_matches(ev, av)))
        }
        (Value::Array(e), Value::Array(a)) => {
            e.len() == a.len() && e.iter().zip(a).all(|(ev, av)| json_matches(ev, av))
        }
        (Value::Number(e), Value::Number(a)) => e.as_f64() == a.as_f64(),
        _ => expected == actual,
    }
}

fn check_json_text(what: &str, expected: &Value, actual: &str, problems: &mut Vec<String>) {
    match serde_json::from_str::<Value>(actual) {
        Ok(v) if json_matches(expected, &v) => {}
        Ok(v) => problems.push(format!("{what} (as JSON): expected {expected}, got {v}")),
        Err(e) => problems.push(format!(
            "{what} is not JSON ({e}): {actual:?}; expected {expected}"
        )),
    }
}

fn check_exact(what: &str, expected: &str, actual: &str, problems: &mut Vec<String>) {
    if expected != actual {
        problems.push(format!("{what}: expected {expected:?}, got {actual:?}"));
    }
}

fn header<'a>(headers: &'a Value, name: &str) -> Option<&'a Value> {
    headers
        .as_object()?
        .iter()
        .find(|(k, _)| k.eq_ignore_ascii_case(name))
        .map(|(_, v)| v)
}

fn check_headers(what: &str, expected: &Value, actual: &Value, problems: &mut Vec<String>) {
    for (name, want) in expected.as_object().into_iter().flatten() {
        let got = header(actual, name);
        let ok = match (want.as_str(), got) {
            (Some(w), Some(g)) if is_placeholder(w) => g.is_string(),
            (Some(w), Some(Value::String(g))) => w == g,
            // A multi-value header may come back as a list.
            (Some(w), Some(Value::Array(list))) => {
                list.iter()
                    .filter_map(Value::as_str)
                    .collect::<Vec<_>>()
                    .join(",")
                    == w
            }
            _ => false,
        };
        if !ok {
            problems.push(format!(
                "{what} {name}: expected {want}, got {}",
                got.map_or("nothing".to_string(), Value::to_string)
            ));
        }
    }
}

fn check_status(expected: &Value, result: &Value, problems: &mut Vec<String>) {
    if !expected.is_null() && !json_matches(expected, &result["statusCode"]) {
        problems.push(format!(
            "statusCode: expected {expected}, got {}",
            result["statusCode"]
        ));
    }
}

fn judge_invocation(case: &Value, result: &Value) -> Vec<String> {
    let expected = &case["expected"];
    let mut problems = Vec::new();
    check_status(&expected["statusCode"], result, &mut problems);
    let body = result["body"].as_str().unwrap_or("");
    match case["compare"].as_str().unwrap_or("") {
        "body" => check_exact(
            "body",
            expected["body"].as_str().unwrap_or(""),
            body,
            &mut problems,
        ),
        "body_json" => check_json_text("body", &expected["body_json"], body, &mut problems),
        "derived" => {
            // An exact body derived by substitution into a one-line
            // template, and (when recorded) the parsed JSON AWS returned.
            check_exact(
                "body (derived)",
                expected["body_exact_derived"].as_str().unwrap_or(""),
                body,
                &mut problems,
            );
            if !expected["body_json"].is_null() {
                check_json_text("body", &expected["body_json"], body, &mut problems);
            }
        }
        "status" => {}
        "integration_request_body" => match integration_request_body(result) {
            Ok(sent) => check_exact(
                "integrationRequest.body",
                expected["integration_request_body"].as_str().unwrap_or(""),
                &sent,
                &mut problems,
            ),
            Err(e) => problems.push(e),
        },
        other => problems.push(format!("unknown compare `{other}` for an invocation case")),
    }
    if !expected["headers"].is_null() {
        check_headers(
            "header",
            &expected["headers"],
            &result["headers"],
            &mut problems,
        );
    }
    for name in expected["headers_absent"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(Value::as_str)
    {
        if header(&result["headers"], name).is_some() {
            problems.push(format!(
                "header {name}: expected absent, got {}",
                header(&result["headers"], name).unwrap()
            ));
        }
    }
    if let Some(want) = expected["integration_request_body"].as_str() {
        if case["compare"] != "integration_request_body" {
            match integration_request_body(result) {
                Ok(sent) => check_exact("integrationRequest.body", want, &sent, &mut problems),
                Err(e) => problems.push(e),
            }
        }
    }
    problems
}

fn judge_template(case: &Value, result: &Value, text: Option<&str>) -> Vec<String> {
    let mut problems = Vec::new();
    let text = text.unwrap_or("");
    match case["compare"].as_str().unwrap_or("") {
        "output" => check_exact(
            "output",
            case["expected_output"].as_str().unwrap_or(""),
            text,
            &mut problems,
        ),
        "output_json" => {
            check_json_text("output", &case["expected_output_json"], text, &mut problems)
        }
        "output_as_json" => {
            match serde_json::from_str::<Value>(case["expected_output"].as_str().unwrap_or("")) {
                Ok(want) => check_json_text("output", &want, text, &mut problems),
                Err(e) => problems.push(format!("expected_output is not JSON: {e}")),
            }
        }
        "output_contains" => {
            for fragment in case["expected_output_contains"]
                .as_array()
                .into_iter()
                .flatten()
                .filter_map(Value::as_str)
            {
                if !text.contains(fragment) {
                    problems.push(format!("output should contain {fragment:?}: {text:?}"));
                }
            }
        }
        "error" => {
            check_status(&case["expected_status"], result, &mut problems);
            check_exact(
                "body",
                case["expected_error_body"].as_str().unwrap_or(""),
                result["body"].as_str().unwrap_or(""),
                &mut problems,
            );
        }
        "integration_request_headers" => check_headers(
            "integration request header",
            &case["expected_integration_request_headers"],
            &result["integrationRequest"]["headers"],
            &mut problems,
        ),
        "mock_status" => match &case["expected_mock_status"] {
            Value::Number(n) => check_status(&Value::Number(n.clone()), result, &mut problems),
            Value::String(s) if s.starts_with("500") => {
                check_status(&json!(500), result, &mut problems);
                check_json_text(
                    "body",
                    &json!({"message": "Internal server error"}),
                    result["body"].as_str().unwrap_or(""),
                    &mut problems,
                );
            }
            other => problems.push(format!("unsupported expected_mock_status {other}")),
        },
        other => problems.push(format!("unknown compare `{other}` for a template case")),
    }
    problems
}

/// Run one case: Ok(()) when it meets its expectation, else what differed.
fn run_case(case: &Value) -> Result<(), String> {
    let problems = match case["kind"].as_str().unwrap_or("") {
        "invocation" => {
            let result = run_invocation(case)?;
            let mut p = judge_invocation(case, &result);
            attach_diagnostics(&mut p, &result);
            p
        }
        "template" => {
            let (result, text) = run_template(case)?;
            let mut p = judge_template(case, &result, text.as_deref());
            attach_diagnostics(&mut p, &result);
            p
        }
        other => return Err(format!("cannot run kind `{other}`")),
    };
    if problems.is_empty() {
        Ok(())
    } else {
        Err(problems.join("\n      "))
    }
}

fn attach_diagnostics(problems: &mut Vec<String>, result: &Value) {
    if !problems.is_empty() {
        if let Some(d) = result["diagnostics"].as_array().filter(|d| !d.is_empty()) {
            let shown: Vec<String> = d.iter().take(3).map(Value::to_string).collect();
            problems.push(format!("diagnostics: {}", shown.join(" ")));
        }
    }
}

// -------------------------------------------------------- scoreboard ----

#[derive(Default)]
struct Score {
    passed: usize,
    failed: Vec<String>,
    known: usize,
    fixed: Vec<String>,
    skipped: usize,
}

#[test]
fn gateway_evidence() {
    let cases = load_cases();
    let previous_hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(|_| {}));
    let mut board: BTreeMap<String, Score> = BTreeMap::new();
    let mut failures = Vec::new();
    for (file, case) in &cases {
        let id = case["id"].as_str().unwrap_or("?").to_string();
        let class = case["verified_by"].as_str().unwrap_or("?").to_string();
        let score = board.entry(class.clone()).or_default();
        let status = case["status"].as_str().unwrap_or("active");
        if status == "skipped" {
            score.skipped += 1;
            continue;
        }
        match (run_case(case), status) {
            (Ok(()), "known-failure") => score.fixed.push(id),
            (Ok(()), _) => score.passed += 1,
            (Err(_), "known-failure") => score.known += 1,
            (Err(e), _) => {
                let name = file.file_name().unwrap().to_string_lossy();
                failures.push(format!("FAIL [{class}] {id} ({name})\n      {e}"));
                score.failed.push(id);
            }
        }
    }
    std::panic::set_hook(previous_hook);

    for f in &failures {
        println!("{f}\n");
    }
    println!("gateway evidence scoreboard ({} cases):", cases.len());
    for (class, s) in &board {
        println!(
            "  {class:<15} passed {:>3}  failed {:>3}  known-failure {:>3}  skipped {:>3}",
            s.passed,
            s.failed.len(),
            s.known,
            s.skipped
        );
        if !s.failed.is_empty() {
            println!("    failing: {}", s.failed.join(", "));
        }
        if !s.fixed.is_empty() {
            println!("    known failures now passing: {}", s.fixed.join(", "));
        }
    }

    let fixed: Vec<&String> = board.values().flat_map(|s| &s.fixed).collect();
    assert!(
        fixed.is_empty(),
        "cases marked known-failure now pass; remove them from tests/cases/known_failures.json (\"gateway\") and re-run tests/cases/import_conformance.py: {fixed:?}"
    );
    let strict = std::env::var("MOCKGATE_EVIDENCE_STRICT").is_ok_and(|v| v == "1");
    let failing: Vec<&String> = board
        .iter()
        .filter(|(class, _)| strict || class.as_str() == "aws-snapshot")
        .flat_map(|(_, s)| &s.failed)
        .collect();
    assert!(
        failing.is_empty(),
        "{} evidence cases fail (see the scoreboard above): {failing:?}",
        failing.len()
    );
}

// ------------------------------------------ the runner's own checks ----

#[test]
fn placeholders_match_any_string_only() {
    assert!(json_matches(
        &json!({"a": "<uuid>", "b": [1, 2.0]}),
        &json!({"b": [1.0, 2], "a": "x-1"})
    ));
    assert!(!json_matches(&json!({"a": "<uuid>"}), &json!({"a": 1})));
    assert!(!json_matches(
        &json!({"a": "x"}),
        &json!({"a": "x", "b": 1})
    ));
    assert!(!json_matches(&json!("<a><b>"), &json!("zzz")));
}

#[test]
fn headers_match_case_insensitively() {
    let mut p = Vec::new();
    check_headers(
        "h",
        &json!({"content-type": "application/json", "x-id": "<opaque>"}),
        &json!({"Content-Type": "application/json", "X-Id": "abc"}),
        &mut p,
    );
    assert!(p.is_empty(), "{p:?}");
    check_headers("h", &json!({"foo": "bar"}), &json!({"Foo": "baz"}), &mut p);
    assert_eq!(p.len(), 1);
}

#[test]
fn adapter_builds_the_request_side_with_vars_on_the_first_line() {
    let case = json!({
        "template_kind": "any",
        "template": "$util.urlEncode($x)",
        "variables": {"vtl_vars": {"x": "x=a+b"}, "params": {"header": {"H": "v"}, "path": {"id": "7"}}}
    });
    let (integration, request, options, output) = adapt_template_case(&case).unwrap();
    let t = integration["requestTemplates"]["application/json"]
        .as_str()
        .unwrap();
    assert!(
        t.ends_with("#set($x = $mockgateVars.x)$util.urlEncode($x)"),
        "{t}"
    );
    assert_eq!(t.lines().count(), 1);
    assert_eq!(request["headers"]["H"], "v");
    assert_eq!(request["headers"]["Content-Type"], "application/json");
    assert_eq!(request["pathParameters"]["id"], "7");
    assert_eq!(
        request["stageVariables"][VARS_STAGE_VARIABLE],
        "{\"x\":\"x=a+b\"}"
    );
    assert!(request.get("body").is_none());
    assert_eq!(options, json!({}));
    assert!(matches!(output, Output::IntegrationRequestBody));

    let case = json!({
        "template_kind": "integration-response",
        "template": "$input.path('$.a')",
        "variables": {"body": "{\"a\": 1}", "client_request": "POST with no body and no Content-Type header"}
    });
    let (integration, request, options, output) = adapt_template_case(&case).unwrap();
    assert!(integration.get("requestTemplates").is_none());
    assert_eq!(
        integration["integrationResponses"]["200"]["responseTemplates"]["application/json"],
        "$input.path('$.a')"
    );
    assert_eq!(options["backend"]["body"], "{\"a\": 1}");
    assert!(request["headers"].get("Content-Type").is_none());
    assert!(matches!(output, Output::ResponseBody));
}

#[test]
fn every_case_file_is_runnable_or_says_why_not() {
    for (file, case) in load_cases() {
        let status = case["status"].as_str().unwrap_or("active");
        assert!(
            matches!(status, "active" | "skipped" | "known-failure"),
            "{}",
            file.display()
        );
        if status != "active" {
            assert!(
                case["reason"].as_str().is_some_and(|r| !r.is_empty()),
                "{}: needs a reason",
                file.display()
            );
        }
        if status != "skipped" {
            match case["kind"].as_str() {
                Some("invocation") => {
                    assert!(case["integration"].is_object(), "{}", file.display())
                }
                Some("template") => {
                    adapt_template_case(&case)
                        .unwrap_or_else(|e| panic!("{}: {e}", file.display()));
                }
                other => panic!("{}: kind {other:?} cannot run", file.display()),
            }
        }
    }
}
