//! `mockgate eval` end to end: the real binary on JSON Lines and JSON
//! documents (CONTRACT.md, "mockgate eval").

use std::io::Write;
use std::process::{Command, Output, Stdio};

use serde_json::{json, Value};

fn mockgate(args: &[&str], stdin: &str) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_mockgate"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn mockgate");
    let mut input = child.stdin.take().unwrap();
    let text = stdin.to_string();
    // Write from another thread so a large input cannot deadlock on a full
    // stdout pipe.
    let writer = std::thread::spawn(move || {
        let _ = input.write_all(text.as_bytes());
    });
    let out = child.wait_with_output().expect("wait for mockgate");
    writer.join().unwrap();
    out
}

fn result_lines(out: &Output) -> Vec<Value> {
    String::from_utf8(out.stdout.clone())
        .expect("stdout is UTF-8")
        .lines()
        .map(|l| {
            serde_json::from_str(l)
                .unwrap_or_else(|e| panic!("not one JSON value per line: {l:?}: {e}"))
        })
        .collect()
}

/// A MOCK integration answering 200 with `{"n": "<query parameter n>"}`:
/// its response template is the only thing that depends on the request,
/// so each output line shows which input line it belongs to.
fn echo_case(n: usize) -> Value {
    json!({
        "integration": {
            "type": "MOCK",
            "requestTemplates": {"application/json": "{\"statusCode\": 200}"},
            "integrationResponses": {
                "200": {
                    "statusCode": "200",
                    "responseTemplates": {"application/json": "{\"n\": \"$input.params('n')\"}"}
                }
            }
        },
        "request": {
            "httpMethod": "GET",
            "path": "/",
            "headers": {"Content-Type": "application/json"},
            "queryStringParameters": {"n": n.to_string()}
        }
    })
}

fn assert_echo(result: &Value, n: usize) {
    assert_eq!(result["statusCode"], 200, "case {n}: {result}");
    let body: Value = serde_json::from_str(result["body"].as_str().expect("body is a string"))
        .unwrap_or_else(|e| panic!("case {n}: body is not JSON ({e}): {result}"));
    assert_eq!(body, json!({"n": n.to_string()}), "case {n}");
}

#[test]
fn json_lines_with_a_malformed_line_in_the_middle() {
    let input = format!(
        "{}\n{{\"integration\": {{\"type\": \"MOCK\",, }}}}\n{}\n",
        echo_case(1),
        echo_case(3)
    );
    let out = mockgate(&["eval"], &input);
    let results = result_lines(&out);
    assert_eq!(results.len(), 3, "one line per input value: {results:?}");
    assert_echo(&results[0], 1);
    let error = &results[1]["error"];
    assert_eq!(error["line"], 2, "{error}");
    assert_eq!(error["column"], 33, "{error}");
    assert!(
        error["message"]
            .as_str()
            .unwrap()
            .contains("line 2 column 33"),
        "{error}"
    );
    assert_echo(&results[2], 3);
    assert_eq!(out.status.code(), Some(1));
}

#[test]
fn one_multi_line_json_document_from_a_file() {
    let dir = std::env::temp_dir().join(format!("mockgate-eval-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("case.json");
    std::fs::write(&path, serde_json::to_string_pretty(&echo_case(7)).unwrap()).unwrap();
    let out = mockgate(&["eval", path.to_str().unwrap()], "");
    let results = result_lines(&out);
    assert_eq!(results.len(), 1, "{results:?}");
    assert_echo(&results[0], 7);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn a_thousand_cases_in_one_process_in_order() {
    let mut input = String::new();
    for n in 0..1000 {
        input.push_str(&echo_case(n).to_string());
        input.push('\n');
    }
    let out = mockgate(&["eval", "-"], &input);
    let results = result_lines(&out);
    assert_eq!(results.len(), 1000);
    for (n, result) in results.iter().enumerate() {
        assert_echo(result, n);
    }
    assert_eq!(out.status.code(), Some(0));
}

#[test]
fn backend_and_options_reach_evaluate() {
    // An HTTP integration: the backend's 404 is selected by pattern "4\d{2}".
    let case = json!({
        "integration": {
            "type": "HTTP", "httpMethod": "GET", "uri": "https://example.com/",
            "integrationResponses": {
                "200": {"statusCode": "200"},
                "404": {"statusCode": "404", "selectionPattern": "4\\d{2}",
                         "responseTemplates": {"application/json": "{\"missing\": true}"}}
            }
        },
        "request": {"httpMethod": "GET", "path": "/"},
        "backend": {"statusCode": 404, "body": "nope"}
    });
    let mut with_options = case.clone();
    let backend = with_options
        .as_object_mut()
        .unwrap()
        .remove("backend")
        .unwrap();
    with_options["options"] = json!({"backend": backend});
    let out = mockgate(&["eval"], &format!("{case}\n{with_options}\n"));
    let results = result_lines(&out);
    assert_eq!(results.len(), 2);
    for r in &results {
        assert_eq!(r["statusCode"], 404, "{r}");
        assert_eq!(r["body"], "{\"missing\": true}", "{r}");
    }
    assert_eq!(out.status.code(), Some(0));
}

/// Framing only: no value here reaches evaluate.
#[test]
fn malformed_values_each_get_an_error_on_their_line() {
    let input = "{\"request\": {}}\n[1, 2]\n\n{\"integration\": \"MOCK\"}\n{\"integration\": {\n{\"integration\": {}, \"request\": 3}\n{oops}\n";
    let out = mockgate(&["eval"], input);
    let results = result_lines(&out);
    let summary: Vec<(u64, String)> = results
        .iter()
        .map(|r| {
            let e = &r["error"];
            (
                e["line"].as_u64().unwrap(),
                e["message"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    assert_eq!(summary.len(), 6, "{summary:?}");
    let expect = [
        (1, "missing \"integration\""),
        (2, "found an array"),
        (4, "\"integration\" must be an object"),
        (5, "not complete"),
        (6, "\"request\" must be an object"),
        (7, "key must be a string"),
    ];
    for ((line, message), (want_line, want)) in summary.iter().zip(expect) {
        assert_eq!(*line, want_line, "{summary:?}");
        assert!(
            message.contains(want),
            "line {line}: {message:?} should mention {want:?}"
        );
    }
    assert_eq!(out.status.code(), Some(1));
}

#[test]
fn usage_errors_and_help() {
    let out = mockgate(&["eval", "/nonexistent/cases.jsonl"], "");
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("cannot open /nonexistent/cases.jsonl"));
    for args in [
        &["--help"][..],
        &["eval", "--help"],
        &["render", "--help"],
        &["help", "eval"],
    ] {
        let out = mockgate(args, "");
        assert_eq!(out.status.code(), Some(0), "{args:?}");
        assert!(
            String::from_utf8_lossy(&out.stdout).contains("Usage: mockgate"),
            "{args:?}"
        );
    }
    let out = mockgate(&["frobnicate"], "");
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("unknown command `frobnicate`"));
}

#[test]
fn an_integration_aws_would_reject_is_reported_on_its_line() {
    // No template runs here: the integration is rejected before.
    let input = "{\"integration\": {\"type\": \"MOCK\"}}\n{\"integration\": {\"type\": \"FOO\"}}\n{\"integration\": {\"type\": \"MOCK\", \"requestTemplates\": 5}}\n";
    let out = mockgate(&["eval"], input);
    let results = result_lines(&out);
    assert_eq!(results.len(), 3, "{results:?}");
    assert!(results[0].get("error").is_none(), "{}", results[0]);
    for (i, field) in [(1, "type"), (2, "requestTemplates")] {
        let error = &results[i]["error"];
        assert_eq!(error["line"], i + 1, "{error}");
        assert_eq!(error["field"], field, "{error}");
        assert!(
            error["message"].as_str().is_some_and(|m| !m.is_empty()),
            "{error}"
        );
    }
    assert_eq!(out.status.code(), Some(1));
}

#[path = "../../../tests/cases/support/vtl_case.rs"]
mod vtl_case;

/// The 99 AWS VTL recordings as one JSON Lines batch through the binary:
/// every AWS body comes back, on its own line, in order.
#[test]
fn the_aws_vtl_recordings_as_one_batch() {
    let cases = vtl_case::load_all(&vtl_case::cases_dir(env!("CARGO_MANIFEST_DIR")).join("vtl"));
    let mut input = String::new();
    for case in &cases {
        let e = case
            .evaluate
            .as_ref()
            .expect("imported cases carry their evaluate input");
        input.push_str(
            &json!({"integration": e["integration"], "request": e["request"]}).to_string(),
        );
        input.push('\n');
    }
    let out = mockgate(&["eval"], &input);
    let results = result_lines(&out);
    assert_eq!(results.len(), cases.len());
    for (case, result) in cases.iter().zip(&results) {
        let body = result["body"]
            .as_str()
            .unwrap_or_else(|| panic!("{}: {result}", case.id));
        assert!(
            vtl_case::matches(case.compare, &case.expected, body),
            "{}:\n{}",
            case.id,
            vtl_case::diff(&case.expected, body)
        );
    }
    assert_eq!(out.status.code(), Some(0));
}
