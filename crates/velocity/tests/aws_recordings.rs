//! The 99 AWS recordings of tests/cases/vtl/, rendered from the WHOLE
//! response template AWS ran (each case's `--- evaluate` section): `#set`
//! lines that build the variables from the body through `$util.parseJson`,
//! then the template. This checks that those lines print nothing, white
//! space included (`#set(...) #set(...)\n` on one line), which the bare
//! templates of tests/cases.rs cannot show.

#[path = "../../../tests/cases/support/vtl_case.rs"]
mod vtl_case;

use std::rc::Rc;

use indexmap::IndexMap;
use mockgate_velocity::value::json::from_json;
use mockgate_velocity::{Context, HostObject, Limits, Template, Value};
use vtl_case::{cases_dir, diff, load_all, matches, run_all, VtlCase};

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

fn check(case: &VtlCase) -> Result<(), String> {
    let input = case.evaluate.as_ref().ok_or("no --- evaluate section")?;
    let template = input["integration"]["integrationResponses"]["200"]["responseTemplates"]
        ["application/json"]
        .as_str()
        .ok_or("no response template in --- evaluate")?;
    let body = input["request"]["body"].as_str().unwrap_or("");
    // What the request template left behind: the body in
    // $context.requestOverride.path.body.
    let path = IndexMap::from([("body".to_string(), Value::str(body))]);
    let overrides = IndexMap::from([("path".to_string(), Value::map(path))]);
    let context = IndexMap::from([("requestOverride".to_string(), Value::map(overrides))]);
    let mut ctx = Context::new();
    ctx.insert("context", Value::map(context));
    ctx.insert("util", Value::Host(Rc::new(Util)));
    let parsed = Template::parse(&case.id, template).map_err(|e| format!("    parse: {e:?}"))?;
    let out = parsed
        .render(&mut ctx, &Limits::default())
        .map_err(|e| format!("    render: {e}"))?;
    if matches(case.compare, &case.expected, &out.text) {
        Ok(())
    } else {
        Err(diff(&case.expected, &out.text))
    }
}

#[test]
fn full_response_templates_render_as_recorded() {
    let cases = load_all(&cases_dir(env!("CARGO_MANIFEST_DIR")).join("vtl"));
    assert_eq!(cases.len(), 99, "the 99 AWS recordings");
    run_all("vtl full response templates", "engine-full", &cases, check);
}
