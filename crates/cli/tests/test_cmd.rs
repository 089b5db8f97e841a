//! `mockgate test`: the pass, fail, bad-file and JUnit paths, end to end.

use std::path::{Path, PathBuf};
use std::process::Command;

fn mockgate() -> Command {
    Command::new(env!("CARGO_BIN_EXE_mockgate"))
}

fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// A fresh folder for one test's files.
fn scratch(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("mockgate-test-cmd-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    d
}

const MOCK: &str = r#"{
  "type": "MOCK",
  "requestTemplates": {"application/json": "{\"statusCode\": 200}"},
  "integrationResponses": {"200": {"statusCode": "200",
    "responseTemplates": {"application/json": "{\"pet\": \"$input.params('name')\", \"n\": 1}"}}}
}"#;

#[test]
fn the_examples_pass() {
    let out = mockgate()
        .arg("test")
        .arg(repo_root().join("examples/tests"))
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{stdout}\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        stdout.lines().any(|l| l == "7 passed, 0 failed"),
        "{stdout}"
    );
    assert!(!stdout.contains("FAIL"), "{stdout}");
}

#[test]
fn a_failure_prints_a_json_aware_diff_and_exits_1() {
    let d = scratch("fail");
    std::fs::write(d.join("integration.json"), MOCK).unwrap();
    std::fs::write(
        d.join("cases.yaml"),
        "- name: right\n  integration: integration.json\n  request: {queryStringParameters: {name: Rex}}\n  expect: {statusCode: 200, json: {pet: Rex, n: 1}}\n\
         - name: wrong <pet>\n  integration: integration.json\n  request: {queryStringParameters: {name: Rex}}\n  expect:\n    statusCode: 201\n    headers: {content-type: text/plain, X-Absent: null}\n    json: {pet: Max, n: 1}\n",
    )
    .unwrap();
    let junit = d.join("report.xml");
    let out = mockgate()
        .arg("test")
        .arg("--junit")
        .arg(&junit)
        .arg(&d)
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(1), "{stdout}");
    assert!(
        stdout.lines().any(|l| l == "1 passed, 1 failed"),
        "{stdout}"
    );
    assert!(stdout.contains("FAIL "), "{stdout}");
    assert!(
        stdout.contains("statusCode: expected 201, got 200"),
        "{stdout}"
    );
    assert!(
        stdout.contains("header content-type: expected \"text/plain\", got \"application/json\""),
        "{stdout}"
    );
    // The body diff is line by line over pretty-printed JSON.
    assert!(stdout.contains("-   \"pet\": \"Max\","), "{stdout}");
    assert!(stdout.contains("+   \"pet\": \"Rex\","), "{stdout}");
    assert!(stdout.contains("    \"n\": 1"), "{stdout}");

    let xml = std::fs::read_to_string(&junit).unwrap();
    assert!(xml.starts_with("<?xml version=\"1.0\""), "{xml}");
    assert!(xml.contains("tests=\"2\" failures=\"1\""), "{xml}");
    assert!(xml.contains("name=\"wrong &lt;pet&gt;\""), "{xml}");
    assert!(
        xml.contains("<failure message=\"statusCode: expected 201, got 200\">"),
        "{xml}"
    );
    assert!(
        xml.contains("header content-type: expected &quot;text/plain&quot;"),
        "{xml}"
    );
    assert!(xml.contains("name=\"right\" time="), "{xml}");
    // Every element opened is closed.
    assert_eq!(xml.matches("<testcase ").count(), 2);
    assert_eq!(xml.matches("</failure>").count(), 1);
    assert!(xml.trim_end().ends_with("</testsuites>"));
}

#[test]
fn a_passing_run_writes_junit_without_failures() {
    let d = scratch("pass");
    std::fs::write(
        d.join("one.json"),
        format!(
            r#"{{"integration": {MOCK}, "request": {{"queryStringParameters": {{"name": "Rex"}}}},
               "expect": {{"statusCode": 200, "body": "{{\"pet\": \"Rex\", \"n\": 1}}"}}}}"#
        ),
    )
    .unwrap();
    // Not a case file: found by walking, so it is skipped.
    std::fs::write(d.join("package.json"), r#"{"name": "x"}"#).unwrap();
    let junit = d.join("r.xml");
    let out = mockgate()
        .args(["test", "-q", "--junit"])
        .arg(&junit)
        .arg(&d)
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{stdout}");
    assert!(
        stdout.lines().any(|l| l == "1 passed, 0 failed"),
        "{stdout}"
    );
    let xml = std::fs::read_to_string(&junit).unwrap();
    assert!(xml.contains("tests=\"1\" failures=\"0\""), "{xml}");
    assert!(!xml.contains("<failure"), "{xml}");
}

#[test]
fn exact_body_mismatch_shows_a_line_diff() {
    let d = scratch("body");
    std::fs::write(
        d.join("c.json"),
        format!(
            r#"{{"integration": {MOCK}, "request": {{"queryStringParameters": {{"name": "Rex"}}}},
               "expect": {{"body": "{{\"pet\":\"Rex\",\"n\":1}}"}}}}"#
        ),
    )
    .unwrap();
    let out = mockgate()
        .arg("test")
        .arg(d.join("c.json"))
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(1), "{stdout}");
    assert!(stdout.contains("the same JSON value"), "{stdout}");
    assert!(stdout.contains("- {\"pet\":\"Rex\",\"n\":1}"), "{stdout}");
    assert!(
        stdout.contains("+ {\"pet\": \"Rex\", \"n\": 1}"),
        "{stdout}"
    );
}

#[test]
fn bad_files_are_failures_with_line_and_column() {
    let d = scratch("bad");
    std::fs::write(
        d.join("broken.json"),
        "{\n  \"integration\": {\n    \"type\" \"MOCK\"\n}\n",
    )
    .unwrap();
    std::fs::write(
        d.join("broken.yaml"),
        "integration:\n  type: MOCK\n  x: [1, 2\nexpect: {}\n",
    )
    .unwrap();
    std::fs::write(
        d.join("shape.yaml"),
        "integration: {type: MOCK}\nexpect: {statusCode: 200}\nrequets: {}\n",
    )
    .unwrap();
    let out = mockgate().arg("test").arg(&d).output().unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(1), "{stdout}");
    assert!(
        stdout.lines().any(|l| l == "0 passed, 3 failed"),
        "{stdout}"
    );
    assert!(
        stdout.contains("broken.json:3:12: expected `:`"),
        "{stdout}"
    );
    assert!(stdout.contains("broken.yaml:4:"), "{stdout}");
    assert!(
        stdout.contains("case 1: unknown key \"requets\""),
        "{stdout}"
    );
}

#[test]
fn usage_errors_exit_2_and_help_documents_the_format() {
    let out = mockgate().args(["test", "/no/such/dir"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let out = mockgate().args(["test", "--bogus"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let out = mockgate().args(["test", "--help"]).output().unwrap();
    let help = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success());
    for word in [
        "--junit",
        "integration:",
        "expect:",
        "json:",
        "body:",
        "headers:",
    ] {
        assert!(help.contains(word), "help lacks {word}");
    }
}

#[test]
fn cases_can_route_through_an_api_file() {
    let d = scratch("api");
    std::fs::write(
        d.join("api.yaml"),
        format!(
            "openapi: 3.0.1\npaths:\n  /pets/{{petId}}:\n    get:\n      x-amazon-apigateway-integration: {}\n  /{{proxy+}}:\n    x-amazon-apigateway-any-method:\n      x-amazon-apigateway-integration: {}\n",
            r#"{"type": "mock", "requestTemplates": {"application/json": "{\"statusCode\": 200}"}, "responses": {"default": {"statusCode": "200", "responseTemplates": {"application/json": "pet $input.params('petId')"}}}}"#,
            r#"{"type": "mock", "requestTemplates": {"application/json": "{\"statusCode\": 200}"}, "responses": {"default": {"statusCode": "200", "responseTemplates": {"application/json": "proxy $input.params('proxy')"}}}}"#,
        ),
    )
    .unwrap();
    std::fs::write(
        d.join("cases.yaml"),
        "- {name: pet, api: api.yaml, request: {httpMethod: GET, path: /pets/7}, expect: {body: pet 7}}\n\
         - {name: greedy, api: api.yaml, request: {httpMethod: DELETE, path: /pets/7}, expect: {body: proxy pets/7}}\n\
         - {name: root, api: api.yaml, request: {httpMethod: GET, path: /}, expect: {statusCode: 403}}\n\
         - {name: wrong, api: api.yaml, request: {httpMethod: GET, path: /pets/8}, expect: {body: pet 7}}\n",
    )
    .unwrap();
    let out = mockgate()
        .arg("test")
        .arg(d.join("cases.yaml"))
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(1), "{stdout}");
    assert!(
        stdout.lines().any(|l| l == "3 passed, 1 failed"),
        "{stdout}"
    );
    assert!(
        stdout.contains("FAIL ") && stdout.contains(": wrong"),
        "{stdout}"
    );
    assert!(stdout.contains("- pet 7\n    + pet 8"), "{stdout}");
}
