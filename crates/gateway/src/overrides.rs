//! `$context.requestOverride` / `$context.responseOverride`
//! (apigateway-override-request-response-parameters.md): applied after
//! the template has rendered, replacing what the standard mappings produced.
//! Overrides set in the request template survive into the response
//! (evidence ls-mock-responseoverride-in-request-template-*).

use mockgate_velocity::Value;
use serde_json::json;

use crate::report::Report;
use crate::request_parameters::IntegrationParams;
use crate::vars::context::{lookup, string_entries};

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
