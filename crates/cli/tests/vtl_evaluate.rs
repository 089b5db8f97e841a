//! The 99 AWS recordings of tests/cases/vtl/ run through the whole
//! pipeline, `mockgate_gateway::evaluate`, exactly as they were run on AWS
//! (each file's `--- evaluate` section): a MOCK integration whose request
//! template stores the body in `$context.requestOverride.path.body` and
//! whose response template parses it back, `#set`s the variables and runs
//! the template. Checks statusCode and body (exact or normalized white
//! space, per case).
//!
//! `cargo test -p mockgate-cli --test vtl_evaluate -- --nocapture` prints
//! every failure with a diff and a summary.

#[path = "../../../tests/cases/support/vtl_case.rs"]
mod vtl_case;

use serde_json::{json, Value};
use vtl_case::{cases_dir, diff, load_all, matches, run_all, VtlCase};

const RUNNER: &str = "evaluate";

/// The request template every recording used (a MOCK needs a statusCode;
/// the trailing comma is what the recordings sent, and AWS accepted it).
const REQUEST_TEMPLATE: &str = "\n            #set($context.requestOverride.path.body = $input.body)\n            {\n              \"statusCode\": 200,\n            }\n            ";

/// The evaluate input for a case without an `--- evaluate` section (a case
/// added by hand), built the way the recordings were.
fn recipe(case: &VtlCase) -> Value {
    let vars = case.variables.as_object().expect("variables object");
    let sets: Vec<String> = vars
        .keys()
        .map(|k| format!("#set(${k} = $bodyJSON.{k})"))
        .collect();
    let response_template = format!(
        "#set($body = $context.requestOverride.path.body)\n#set($bodyJSON = $util.parseJson($body)) {}\n{}",
        sets.join(" "),
        case.template
    );
    json!({
        "integration": {
            "type": "MOCK",
            "passthroughBehavior": "WHEN_NO_MATCH",
            "requestTemplates": {"application/json": REQUEST_TEMPLATE},
            "integrationResponses": {
                "200": {"statusCode": "200", "responseTemplates": {"application/json": response_template}}
            }
        },
        "request": {
            "httpMethod": "POST",
            "path": "/",
            "headers": {"Content-Type": "application/json", "Accept": "*/*"},
            "body": serde_json::to_string(&case.variables).unwrap()
        },
        "expected": {"statusCode": 200}
    })
}

fn input_of(case: &VtlCase) -> Value {
    case.evaluate.clone().unwrap_or_else(|| recipe(case))
}

/// Ok(()) when AWS's answer comes back, else what differed.
fn check(case: &VtlCase) -> Result<(), String> {
    let input = input_of(case);
    let options = json!({});
    let result = mockgate_gateway::evaluate(&input["integration"], &input["request"], &options);
    let mut problems = Vec::new();
    let want_status = &input["expected"]["statusCode"];
    if &result["statusCode"] != want_status {
        problems.push(format!(
            "    statusCode: expected {want_status}, got {}",
            result["statusCode"]
        ));
    }
    let body = result["body"].as_str().unwrap_or("");
    if !matches(case.compare, &case.expected, body) {
        problems.push(diff(&case.expected, body));
    }
    if problems.is_empty() {
        return Ok(());
    }
    let diagnostics = &result["diagnostics"];
    if diagnostics.as_array().is_some_and(|d| !d.is_empty()) {
        problems.push(format!("    diagnostics: {diagnostics}"));
    }
    Err(problems.join("\n"))
}

#[test]
fn recipe_reproduces_the_recorded_inputs() {
    // So that hand-added cases (no `--- evaluate` section) run the way the
    // recordings did.
    for case in load_all(&cases_dir(env!("CARGO_MANIFEST_DIR")).join("vtl")) {
        let recorded = case
            .evaluate
            .as_ref()
            .expect("imported cases carry their input");
        let built = recipe(&case);
        assert_eq!(built["integration"], recorded["integration"], "{}", case.id);
        let body = |v: &Value| {
            serde_json::from_str::<Value>(v["request"]["body"].as_str().unwrap()).unwrap()
        };
        assert_eq!(body(&built), body(recorded), "{}", case.id);
    }
}

#[test]
fn aws_vtl_recordings_through_evaluate() {
    let cases = load_all(&cases_dir(env!("CARGO_MANIFEST_DIR")).join("vtl"));
    run_all("vtl through evaluate", RUNNER, &cases, check);
}
