//! The 99 recordings of real API Gateway output (copied from the shared
//! conformance set into tests/data/): each template rendered with its
//! variables must give AWS's body, byte for byte (or after collapsing
//! white space where the recording says `normalized-whitespace`).
//!
//! On AWS each template ran after `#set` lines that defined its variables
//! from a parsed JSON body; those lines print nothing, so here the
//! variables go straight into the context, built the way `$util.parseJson`
//! builds them (`value::json::from_json`).

use std::rc::Rc;

use indexmap::IndexMap;
use mockgate_velocity::value::json::from_json;
use mockgate_velocity::{Context, HostObject, Limits, Template, Value};

fn normalize(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn cases() -> Vec<serde_json::Value> {
    let data = include_str!("data/vtl-aws-recorded.jsonl");
    data.lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| serde_json::from_str(l).expect("valid JSON line"))
        .collect()
}

/// Just enough of API Gateway's `$util` for the recordings' prefix.
struct Util;

impl HostObject for Util {
    fn type_name(&self) -> &str {
        "Util"
    }
    fn call(&self, name: &str, args: &[Value]) -> Result<Option<Value>, String> {
        match (name, args) {
            ("parseJson", [Value::Str(s)]) => {
                let j: serde_json::Value = serde_json::from_str(s).map_err(|e| e.to_string())?;
                Ok(Some(from_json(&j)))
            }
            _ => Ok(None),
        }
    }
}

/// The whole response template AWS ran: `#set` lines that build the
/// variables from the body through `$util.parseJson`, then the template.
/// This checks that those lines print nothing, white space included
/// (`#set(...) #set(...)\n` on one line).
#[test]
fn full_response_templates_render_as_recorded() {
    let mut failures = Vec::new();
    for case in cases() {
        let id = case["id"].as_str().unwrap();
        let template = case["response_template"].as_str().unwrap();
        let expected = case["expected"].as_str().unwrap();
        let mut path = IndexMap::new();
        path.insert(
            "body".to_string(),
            Value::str(case["request_body"].as_str().unwrap()),
        );
        let mut overrides = IndexMap::new();
        overrides.insert("path".to_string(), Value::map(path));
        let mut context = IndexMap::new();
        context.insert("requestOverride".to_string(), Value::map(overrides));
        let mut ctx = Context::new();
        ctx.insert("context", Value::map(context));
        ctx.insert("util", Value::Host(Rc::new(Util)));
        let got = match Template::parse(id, template) {
            Ok(t) => match t.render(&mut ctx, &Limits::default()) {
                Ok(r) => r.text,
                Err(e) => format!("<render error: {e}>"),
            },
            Err(errs) => format!("<parse errors: {errs:?}>"),
        };
        let ok = if case["compare"] == "normalized-whitespace" {
            normalize(&got) == normalize(expected)
        } else {
            got == expected
        };
        if !ok {
            failures.push(format!(
                "{id}\n  template: {template:?}\n  expected: {expected:?}\n  got:      {got:?}"
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "{} recordings differ:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn all_aws_recordings_render_as_recorded() {
    let mut failures = Vec::new();
    let mut total = 0;
    for case in cases() {
        total += 1;
        let id = case["id"].as_str().unwrap();
        let template = case["template"].as_str().unwrap();
        let expected = case["expected"].as_str().unwrap();
        let mut ctx = Context::new();
        for (k, v) in case["context"].as_object().unwrap() {
            // A JSON null leaves the variable undefined (#set with null).
            if !v.is_null() {
                ctx.insert(k.as_str(), from_json(v));
            }
        }
        let got = match Template::parse(id, template) {
            Ok(t) => match t.render(&mut ctx, &Limits::default()) {
                Ok(r) => r.text,
                Err(e) => format!("<render error: {e}>"),
            },
            Err(errs) => format!("<parse errors: {errs:?}>"),
        };
        let ok = if case["compare"] == "normalized-whitespace" {
            normalize(&got) == normalize(expected)
        } else {
            got == expected
        };
        if !ok {
            failures.push(format!(
                "{id}\n  template: {template:?}\n  expected: {expected:?}\n  got:      {got:?}"
            ));
        }
    }
    assert_eq!(total, 99);
    assert!(
        failures.is_empty(),
        "{} of {total} recordings differ:\n{}",
        failures.len(),
        failures.join("\n")
    );
}
