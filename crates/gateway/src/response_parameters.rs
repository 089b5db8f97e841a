//! Method response headers from `responseParameters`:
//! `method.response.header.X` <- `'static'`, `integration.response.header.Y`,
//! `integration.response.multivalueheader.Y`, `integration.response.body`,
//! `integration.response.body.JSONPATH`, `context.X`, `stageVariables.X`
//! (api-gateway-swagger-extensions-integration-response.md;
//! handle-errors-in-lambda-integration.md for body JSONPath and complex
//! values mapped as JSON strings).

use indexmap::IndexMap;
use serde_json::json;

use crate::json_lenient::parse_payload;
use crate::report::Report;
use crate::request::MultiMap;
use crate::request_parameters::{common_source, Common};
use crate::vars::jsonpath;

pub fn map(
    mappings: &IndexMap<String, String>,
    backend_headers: &MultiMap,
    backend_body: &str,
    c: &Common,
    report: &mut Report,
) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = Vec::new();
    for (target, src) in mappings {
        let Some(name) = target.strip_prefix("method.response.header.") else {
            continue;
        };
        let value = if let Some(v) = common_source(src, c) {
            v
        } else if let Some(h) = src.strip_prefix("integration.response.header.") {
            backend_headers.get_ci(h).map(str::to_string)
        } else if let Some(h) = src.strip_prefix("integration.response.multivalueheader.") {
            backend_headers.get_all_ci(h).map(|v| v.join(","))
        } else if src == "integration.response.body" {
            Some(backend_body.to_string())
        } else if let Some(p) = src.strip_prefix("integration.response.body.") {
            parse_payload(backend_body).ok().and_then(|body| {
                let path = jsonpath::parse(&format!("$.{p}")).ok()?;
                jsonpath::eval(&path, &body)
                    .ok()
                    .flatten()
                    .map(|v| match v {
                        serde_json::Value::String(s) => s,
                        serde_json::Value::Null => String::new(),
                        other => other.to_string(),
                    })
            })
        } else {
            None
        };
        report.step(json!({
            "step": "responseParameter", "target": target, "source": src, "value": value,
            "why": if value.is_some() { "mapped" } else { "source absent: header not set" },
        }));
        if let Some(v) = value {
            out.retain(|(k, _)| !k.eq_ignore_ascii_case(name));
            out.push((name.to_string(), v));
        }
    }
    out
}
