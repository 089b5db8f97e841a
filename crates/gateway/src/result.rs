//! The result object of CONTRACT.md.

use serde_json::{json, Map, Value as Json};

use crate::report::Report;

#[derive(Clone, Debug, Default)]
pub struct IntegrationRequest {
    pub method: Option<String>,
    pub uri: Option<String>,
    pub headers: Vec<(String, String)>,
    pub body: String,
    pub is_base64: bool,
}

#[derive(Clone, Debug, Default)]
pub struct Outcome {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: String,
    pub is_base64: bool,
    pub integration_request: Option<IntegrationRequest>,
    pub report: Report,
    /// Set when the integration itself was rejected (never ran).
    pub error: Option<Json>,
    /// `{template, target, output: [s, e], source: [s, e]}` (UTF-8 byte
    /// ranges): which template span produced which span of `body`
    /// (target "body") or of `integrationRequest.body`.
    pub provenance: Vec<Json>,
}

fn header_map(h: &[(String, String)]) -> Json {
    let mut m = Map::new();
    for (k, v) in h {
        m.insert(k.clone(), json!(v));
    }
    Json::Object(m)
}

impl Outcome {
    pub fn to_json(&self) -> Json {
        let mut m = Map::new();
        m.insert("statusCode".into(), json!(self.status));
        m.insert("headers".into(), header_map(&self.headers));
        m.insert("body".into(), json!(self.body));
        m.insert("isBase64Encoded".into(), json!(self.is_base64));
        m.insert(
            "integrationRequest".into(),
            match &self.integration_request {
                None => Json::Null,
                Some(ir) => json!({
                    "method": ir.method, "uri": ir.uri, "headers": header_map(&ir.headers),
                    "body": ir.body, "isBase64Encoded": ir.is_base64,
                }),
            },
        );
        m.insert("log".into(), json!(self.report.log));
        m.insert("trace".into(), Json::Array(self.report.trace.clone()));
        m.insert(
            "diagnostics".into(),
            Json::Array(
                self.report
                    .diagnostics
                    .iter()
                    .map(|d| d.to_json())
                    .collect(),
            ),
        );
        m.insert("provenance".into(), Json::Array(self.provenance.clone()));
        if let Some(e) = &self.error {
            m.insert("error".into(), e.clone());
        }
        Json::Object(m)
    }
}
