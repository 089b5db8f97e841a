//! A limit exceeded on the command line says exactly what `evaluate` says
//! in Rust (and so what the wasm module and the page show, which print the
//! same result): `mockgate eval`'s line equals `evaluate`'s result.

use std::io::Write;
use std::process::{Command, Stdio};

use serde_json::{json, Value};

fn mock(request_template: &str, response_template: &str) -> Value {
    json!({
        "type": "MOCK",
        "requestTemplates": {"application/json": request_template},
        "integrationResponses": {"200": {"statusCode": "200",
            "responseTemplates": {"application/json": response_template}}}
    })
}

#[test]
fn eval_prints_the_same_limit_diagnostics_as_evaluate() {
    let request = json!({"httpMethod": "POST", "path": "/", "headers": {"Content-Type": "application/json"}, "body": "{\"a\": 1}"});
    let options = json!({"requestTimeEpoch": 1_700_000_000_000i64});
    let deep_path = format!("${}", ".a".repeat(257));
    let cases = [
        // The engine's range length limit, in a response template.
        mock("{\"statusCode\": 200}", "#set($r = [1..2000000])"),
        // The gateway's JSONPath depth limit, in a request template.
        mock(
            &format!("#set($x = $input.json('{deep_path}')){{\"statusCode\": 200}}"),
            "ok",
        ),
    ];
    let input: String = cases
        .iter()
        .map(|i| {
            json!({"integration": i, "request": request, "options": options}).to_string() + "\n"
        })
        .collect();
    let mut child = Command::new(env!("CARGO_BIN_EXE_mockgate"))
        .arg("eval")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(input.as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success());
    let lines: Vec<Value> = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), cases.len());
    let needles = [
        "range length limit (1000000)",
        "JSONPath depth limit (256 steps)",
    ];
    for ((integration, line), needle) in cases.iter().zip(&lines).zip(needles) {
        let rust = mockgate_gateway::evaluate(integration, &request, &options);
        assert_eq!(line, &rust);
        let messages: Vec<&str> = line["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .filter_map(|d| d["message"].as_str())
            .collect();
        assert!(messages.iter().any(|m| m.contains(needle)), "{messages:?}");
        assert_eq!(line["statusCode"], 500);
    }
}
