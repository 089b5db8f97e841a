//! `$context.requestOverride` / `$context.responseOverride`
//! (apigateway-override-request-response-parameters.md): applied after
//! the template has rendered, replacing what the standard mappings produced.
//! Overrides set in the request template survive into the response
//! (evidence ls-mock-responseoverride-in-request-template-*).

use std::cell::{Cell, RefCell};
use std::collections::HashMap;
use std::rc::Rc;

use mockgate_velocity::{MapSet, MapSetObserver, Value};
use serde_json::json;

use crate::report::Report;
use crate::request_parameters::IntegrationParams;
use crate::vars::context::{lookup, string_entries};

/// "Overrides are final. An override may only be applied to each parameter
/// once. If you try to override the same parameter multiple times, API
/// Gateway returns a 5XX response. If you must override the same parameter
/// multiple times throughout the template, we recommend creating a variable
/// and applying the override at the end of the template."
/// (apigateway-override-request-response-parameters.md; seed 004).
///
/// The rule, as built: a second `#set` (or `put`) of the same
/// `$context.requestOverride.{header,querystring,path}.X`,
/// `$context.responseOverride.header.X` or `$context.responseOverride.status`
/// in one template render stops the render (the gateway answers 500
/// Internal server error). Choices the guide leaves open, all inference:
/// - the scope is one template, as the guide's advice speaks of "the
///   template": an override set in the request template may be set again in
///   the response template (AWS applies request overrides after the request
///   template, response overrides after the response template);
/// - a `#set` whose value is null sets nothing (Velocity), so it does not
///   count; setting the same value twice does;
/// - names are compared exactly (`header.Foo` and `header.foo` are two map
///   keys, as in a Java map);
/// - `$context.requestOverride.header.put("X", v)` counts as a `#set` (it
///   is what Velocity's `#set` does on a map); `putAll` is not watched.
pub struct FinalOverrides {
    pub observer: MapSetObserver,
    /// Set when the rule stopped the render.
    pub tripped: Rc<Cell<bool>>,
}

/// The rule for one render of the template `src`, watching the override
/// maps reachable from `context` (looked up at each `#set`, so a template
/// that replaces a whole override map is still watched).
pub fn final_overrides(context: &Value, src: &str) -> FinalOverrides {
    let root = context.clone();
    let src: Rc<str> = Rc::from(src);
    // Parameter -> byte offset of its first #set (the line is worked out
    // only for the error: a loop may set many parameters).
    let first_at: RefCell<HashMap<String, usize>> = RefCell::new(HashMap::new());
    let tripped = Rc::new(Cell::new(false));
    let flag = tripped.clone();
    let observer = move |put: &MapSet<'_>| -> Result<(), String> {
        let Some(parameter) = override_parameter(&root, put) else {
            return Ok(());
        };
        let mut seen = first_at.borrow_mut();
        if let Some(&at) = seen.get(&parameter) {
            flag.set(true);
            let (first, _) = crate::render::line_col(&src, at);
            return Err(format!(
                "{parameter} was already overridden at line {first}; API Gateway allows one override per parameter (overrides are final: a second one is a 5XX)"
            ));
        }
        seen.insert(parameter, put.span.start);
        Ok(())
    };
    FinalOverrides {
        observer: Rc::new(observer),
        tripped,
    }
}

/// `$context.requestOverride.header.X` etc. when `put` assigns an
/// overridable parameter, else `None` (other keys of `responseOverride`,
/// such as the recorded `custom`, are plain map entries).
fn override_parameter(root: &Value, put: &MapSet<'_>) -> Option<String> {
    let is = |dotted: &str| matches!(lookup(root, dotted), Some(Value::Map(m)) if Rc::ptr_eq(&m, put.map));
    for dotted in [
        "requestOverride.header",
        "requestOverride.querystring",
        "requestOverride.path",
        "responseOverride.header",
    ] {
        if is(dotted) {
            return Some(format!("$context.{dotted}.{}", put.key));
        }
    }
    (put.key == "status" && is("responseOverride"))
        .then(|| "$context.responseOverride.status".to_string())
}

pub fn apply_request(ctx: &Value, params: &mut IntegrationParams, report: &mut Report) {
    for (k, vals) in string_entries(ctx, "requestOverride.path") {
        report.step(json!({"step": "override", "target": format!("integration.request.path.{k}"), "value": vals.join(",")}));
        params.path.insert(k, vals.join(","));
    }
    for (k, vals) in string_entries(ctx, "requestOverride.querystring") {
        report.step(json!({"step": "override", "target": format!("integration.request.querystring.{k}"), "value": vals.join(",")}));
        params.querystring.insert(k, vals);
    }
    for (k, vals) in string_entries(ctx, "requestOverride.header") {
        report.step(json!({"step": "override", "target": format!("integration.request.header.{k}"), "value": vals.join(",")}));
        params.set_header(&k, vals);
    }
}

/// The status `responseOverride.status` asks for, if any and valid.
/// AWS honours overrides outside the declared method responses (evidence:
/// 202, 444); values outside 100-599 are ignored (peer evidence
/// peer-ls-response-override-status-range; unverified on AWS).
pub fn response_status(ctx: &Value, report: &mut Report) -> Option<u16> {
    let v = lookup(ctx, "responseOverride.status")?;
    let n: Option<i64> = match &v {
        Value::Int(i) => Some(i64::from(*i)),
        Value::Long(l) => Some(*l),
        Value::Double(d) if d.fract() == 0.0 => Some(*d as i64),
        Value::Str(s) => s.trim().parse().ok(),
        _ => None,
    };
    match n {
        Some(n) if (100..=599).contains(&n) => {
            report.step(json!({"step": "override", "target": "status", "value": n}));
            Some(n as u16)
        }
        _ => {
            report.step(json!({"step": "override", "target": "status", "value": crate::vars::context::java_str(&v),
                "why": "ignored: not a status code between 100 and 599"}));
            None
        }
    }
}

pub fn response_headers(ctx: &Value, report: &mut Report) -> Vec<(String, String)> {
    string_entries(ctx, "responseOverride.header")
        .into_iter()
        .map(|(k, vals)| {
            report.step(json!({"step": "override", "target": format!("method.response.header.{k}"), "value": vals.join(",")}));
            (k, vals.join(","))
        })
        .collect()
}
