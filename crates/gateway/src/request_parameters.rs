//! Integration request parameters: `integration.request.{path,querystring,
//! header}.NAME` from `method.request.{path,querystring,header,
//! multivaluequerystring,multivalueheader}.NAME`, `method.request.body[.JSONPATH]`,
//! `'static'` values, `context.X` and `stageVariables.X`
//! (api-gateway-swagger-extensions-integration-requestParameters.md).
//! A source that is absent maps nothing.

use indexmap::IndexMap;
use mockgate_velocity::Value;
use serde_json::json;

use crate::json_lenient::parse_payload;
use crate::report::Report;
use crate::request::MethodRequest;
use crate::vars::context::{java_str, lookup};
use crate::vars::jsonpath;

/// Values shared by request and response parameter mappings.
pub struct Common<'a> {
    pub context: &'a Value,
    pub stage_variables: &'a IndexMap<String, String>,
}

/// `'static'`, `context.X`, `stageVariables.X`; `None` if `src` is none of these.
pub fn common_source(src: &str, c: &Common) -> Option<Option<String>> {
    if src.len() >= 2 && src.starts_with('\'') && src.ends_with('\'') {
        return Some(Some(src[1..src.len() - 1].to_string()));
    }
    if let Some(name) = src.strip_prefix("context.") {
        return Some(
            lookup(c.context, name)
                .filter(|v| !v.is_null())
                .map(|v| java_str(&v)),
        );
    }
    if let Some(name) = src.strip_prefix("stageVariables.") {
        return Some(c.stage_variables.get(name).cloned());
    }
    None
}

/// The integration request's parameters after mapping (and later overrides).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct IntegrationParams {
    pub path: IndexMap<String, String>,
    pub querystring: IndexMap<String, Vec<String>>,
    pub header: IndexMap<String, Vec<String>>,
}

impl IntegrationParams {
    /// Set a header, replacing any of the same name in any case.
    pub fn set_header(&mut self, name: &str, values: Vec<String>) {
        if let Some(k) = self
            .header
            .keys()
            .find(|k| k.eq_ignore_ascii_case(name))
            .cloned()
        {
            self.header.shift_remove(&k);
        }
        self.header.insert(name.to_string(), values);
    }
}

fn request_source(src: &str, req: &MethodRequest, c: &Common) -> Option<Vec<String>> {
    if let Some(v) = common_source(src, c) {
        return v.map(|s| vec![s]);
    }
    if src == "method.request.body" {
        return Some(vec![req.body.text()]);
    }
    if let Some(p) = src.strip_prefix("method.request.body.") {
        let body = parse_payload(&req.body.text()).ok()?;
        let path = jsonpath::parse(&format!("$.{p}")).ok()?;
        return jsonpath::eval(&path, &body)
            .ok()
            .flatten()
            .map(|v| match v {
                serde_json::Value::String(s) => vec![s],
                other => vec![other.to_string()],
            });
    }
    let rest = src.strip_prefix("method.request.")?;
    let (loc, name) = rest.split_once('.')?;
    match loc {
        "path" => req.path_params.get(name).map(|v| vec![v.clone()]),
        "querystring" => req.query.get(name).map(|v| vec![v.to_string()]),
        "multivaluequerystring" => req.query.get_all(name).map(<[String]>::to_vec),
        "header" => req.headers.get_ci(name).map(|v| vec![v.to_string()]),
        "multivalueheader" => req.headers.get_all_ci(name).map(<[String]>::to_vec),
        _ => None,
    }
}

pub fn map(
    mappings: &IndexMap<String, String>,
    req: &MethodRequest,
    c: &Common,
    report: &mut Report,
) -> IntegrationParams {
    let mut out = IntegrationParams::default();
    for (target, src) in mappings {
        let Some(rest) = target.strip_prefix("integration.request.") else {
            continue;
        };
        let Some((loc, name)) = rest.split_once('.') else {
            continue;
        };
        let values = request_source(src, req, c);
        report.step(json!({
            "step": "requestParameter", "target": target, "source": src,
            "value": values.as_ref().map(|v| v.join(",")),
            "why": if values.is_some() { "mapped" } else { "source absent: nothing mapped" },
        }));
        let Some(values) = values else { continue };
        match loc {
            "path" => {
                out.path.insert(name.to_string(), values.join(","));
            }
            "querystring" | "multivaluequerystring" => {
                out.querystring.insert(name.to_string(), values);
            }
            "header" | "multivalueheader" => out.set_header(name, values),
            _ => {}
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn sources() {
        let req = MethodRequest::from_json(&json!({
            "path": "/p/7", "resourcePath": "/p/{id}",
            "headers": {"X-One": "1"}, "multiValueHeaders": {"X-Many": ["a", "b"]},
            "multiValueQueryStringParameters": {"t": ["x", "y"]},
            "body": "{\"a\": {\"b\": \"c\"}}"
        }))
        .unwrap();
        let ctx = Value::map(
            [("stage".to_string(), Value::str("dev"))]
                .into_iter()
                .collect(),
        );
        let sv: IndexMap<String, String> =
            [("v".to_string(), "1".to_string())].into_iter().collect();
        let c = Common {
            context: &ctx,
            stage_variables: &sv,
        };
        let m: IndexMap<String, String> = [
            ("integration.request.path.id", "method.request.path.id"),
            (
                "integration.request.header.h1",
                "method.request.header.x-one",
            ),
            (
                "integration.request.header.h2",
                "method.request.multivalueheader.X-Many",
            ),
            (
                "integration.request.querystring.t",
                "method.request.multivaluequerystring.t",
            ),
            (
                "integration.request.querystring.b",
                "method.request.body.a.b",
            ),
            ("integration.request.header.s", "'static'"),
            ("integration.request.header.st", "context.stage"),
            ("integration.request.header.sv", "stageVariables.v"),
            (
                "integration.request.header.none",
                "method.request.header.absent",
            ),
        ]
        .iter()
        .map(|(a, b)| (a.to_string(), b.to_string()))
        .collect();
        let mut r = Report::default();
        let p = map(&m, &req, &c, &mut r);
        assert_eq!(p.path.get("id").map(String::as_str), Some("7"));
        assert_eq!(p.header.get("h1").unwrap(), &["1"]);
        assert_eq!(p.header.get("h2").unwrap(), &["a", "b"]);
        assert_eq!(p.querystring.get("t").unwrap(), &["x", "y"]);
        assert_eq!(p.querystring.get("b").unwrap(), &["c"]);
        assert_eq!(p.header.get("s").unwrap(), &["static"]);
        assert_eq!(p.header.get("st").unwrap(), &["dev"]);
        assert_eq!(p.header.get("sv").unwrap(), &["1"]);
        assert!(!p.header.contains_key("none"));
        assert_eq!(r.trace.len(), 9);
    }
}
