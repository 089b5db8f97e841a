//! Running one case through evaluate() and comparing what the client gets
//! with what the case expects.

use serde_json::Value;

use std::path::Path;

use super::case::{Expect, Target, TestCase};
use super::diff;
use crate::serve::api::Api;

/// Why a case failed: one paragraph per mismatch, ready to print.
pub type Failure = String;

pub fn run(case: &TestCase) -> Result<(), Failure> {
    let result = match &case.target {
        Target::Integration(integration) => crate::panics::catch(|| {
            mockgate_gateway::evaluate(integration, &case.request, &case.options)
        })
        .map_err(|m| format!("internal error in evaluate: {m}"))?,
        Target::Api(file) => through_api(file, case)?,
    };
    // An integration API Gateway would refuse (PutIntegration's 400) never
    // ran: report that instead of comparing its error response.
    if let Some(err) = result.get("error").filter(|e| !e.is_null()) {
        let message = err.get("message").and_then(Value::as_str).unwrap_or("");
        let field = err.get("field").and_then(Value::as_str).unwrap_or("");
        return Err(format!(
            "the integration is invalid (API Gateway would reject it): {field}: {message}\n"
        ));
    }
    compare(&case.expect, &result)
}

/// Route the case's request through a whole API, as `mockgate serve`
/// does, and evaluate the method it lands on. No route gives API
/// Gateway's 403 (so a case can expect it).
fn through_api(file: &Path, case: &TestCase) -> Result<Value, Failure> {
    let api = Api::load(file).map_err(|e| format!("\"api\": {e}\n"))?;
    let method = case
        .request
        .get("httpMethod")
        .and_then(Value::as_str)
        .unwrap_or("GET")
        .to_ascii_uppercase();
    let path = case
        .request
        .get("path")
        .and_then(Value::as_str)
        .unwrap_or("/");
    let Some(route) = api.route(&method, path) else {
        return Ok(serde_json::json!({
            "statusCode": 403,
            "headers": {"Content-Type": "application/json",
                        "x-amzn-ErrorType": "MissingAuthenticationTokenException"},
            "body": "{\"message\":\"Missing Authentication Token\"}",
        }));
    };
    let integration = route
        .method
        .integration
        .as_ref()
        .map_err(|e| format!("the integration is invalid: {e}\n"))?;
    let mut request = case.request.clone();
    if let Value::Object(r) = &mut request {
        r.entry("resourcePath")
            .or_insert_with(|| route.resource.path.clone().into());
        if !r.get("pathParameters").is_some_and(Value::is_object) {
            let params: serde_json::Map<String, Value> = route
                .path_parameters
                .iter()
                .map(|(k, v)| (k.clone(), Value::String(v.clone())))
                .collect();
            r.insert("pathParameters".into(), Value::Object(params));
        }
    }
    let request = mockgate_gateway::MethodRequest::from_json(&request)
        .map_err(|e| format!("\"request\": {e:?}\n"))?;
    let options = mockgate_gateway::Options::from_json(&case.options)
        .map_err(|e| format!("\"options\": {e}\n"))?;
    let seed = case.request.to_string();
    crate::panics::catch(|| {
        mockgate_gateway::evaluate_typed(integration, &request, &options, &seed).into_json()
    })
    .map_err(|m| format!("internal error in evaluate: {m}\n"))
}

/// Compare an evaluate() result with the expectation.
pub fn compare(expect: &Expect, result: &Value) -> Result<(), Failure> {
    let mut out = String::new();
    let status = result
        .get("statusCode")
        .and_then(Value::as_u64)
        .unwrap_or(0);
    if let Some(want) = expect.status {
        if u64::from(want) != status {
            out.push_str(&format!("statusCode: expected {want}, got {status}\n"));
        }
    }
    let headers = result.get("headers").and_then(Value::as_object);
    for (name, want) in &expect.headers {
        // HTTP header names are case-insensitive.
        let got = headers.and_then(|h| {
            h.iter()
                .find(|(k, _)| k.eq_ignore_ascii_case(name))
                .and_then(|(_, v)| v.as_str())
        });
        match (want, got) {
            (Some(w), Some(g)) if w == g => {}
            (None, None) => {}
            (Some(w), Some(g)) => {
                out.push_str(&format!("header {name}: expected {w:?}, got {g:?}\n"))
            }
            (Some(w), None) => out.push_str(&format!(
                "header {name}: expected {w:?}, got no such header\n"
            )),
            (None, Some(g)) => out.push_str(&format!(
                "header {name}: expected no such header, got {g:?}\n"
            )),
        }
    }
    let body = result.get("body").and_then(Value::as_str).unwrap_or("");
    if let Some(want) = &expect.body {
        if want != body {
            out.push_str(&diff::bodies(want, body));
        }
    }
    if let Some(want) = &expect.json {
        match serde_json::from_str::<Value>(body) {
            Ok(got) if &got == want => {}
            Ok(got) => {
                out.push_str("JSON body (- expected, + actual):\n");
                out.push_str(&diff::lines(&diff::pretty(want), &diff::pretty(&got)));
            }
            Err(e) => {
                out.push_str(&format!(
                    "body: expected JSON, but it does not parse ({e}):\n"
                ));
                out.push_str(&diff::lines(&diff::pretty(want), body));
            }
        }
    }
    // When something failed, the diagnostics usually say why.
    if !out.is_empty() {
        if let Some(diags) = result.get("diagnostics").and_then(Value::as_array) {
            for d in diags {
                let sev = d.get("severity").and_then(Value::as_str).unwrap_or("note");
                let msg = d.get("message").and_then(Value::as_str).unwrap_or("");
                let at = match (
                    d.get("template").and_then(Value::as_str),
                    d.get("line").and_then(Value::as_u64),
                    d.get("column").and_then(Value::as_u64),
                ) {
                    (Some(t), Some(l), Some(c)) => format!("{t}:{l}:{c}: "),
                    (Some(t), _, _) => format!("{t}: "),
                    _ => String::new(),
                };
                out.push_str(&format!("{sev}: {at}{msg}\n"));
            }
        }
    }
    if out.is_empty() {
        Ok(())
    } else {
        Err(out)
    }
}
