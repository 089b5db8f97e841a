//! The result object of CONTRACT.md.

use serde_json::{json, Map, Value as Json};

use crate::provenance::{links_json, Links};
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
    /// Which template spans produced which spans of `body` (target
    /// "body") or of `integrationRequest.body`; written out as
    /// `{template, target, output: [s, e], source: [s, e]}` (UTF-8 byte
    /// ranges).
    pub provenance: Vec<Links>,
}

fn header_map(h: &[(String, String)]) -> Json {
    let mut m = Map::new();
    for (k, v) in h {
        m.insert(k.clone(), json!(v));
    }
    Json::Object(m)
}

impl Outcome {
    /// The contract's result object, leaving the outcome as it is.
    pub fn to_json(&self) -> Json {
        self.clone().into_json()
    }

    /// The contract's result object. Takes the outcome so its texts, log
    /// and trace move into the JSON instead of being copied.
    pub fn into_json(self) -> Json {
        let mut m = Map::with_capacity(10);
        m.insert("statusCode".into(), json!(self.status));
        m.insert("headers".into(), header_map(&self.headers));
        m.insert("body".into(), Json::String(self.body));
        m.insert("isBase64Encoded".into(), json!(self.is_base64));
        m.insert(
            "integrationRequest".into(),
            match self.integration_request {
                None => Json::Null,
                Some(ir) => {
                    let mut o = Map::with_capacity(5);
                    o.insert("method".into(), ir.method.map_or(Json::Null, Json::String));
                    o.insert("uri".into(), ir.uri.map_or(Json::Null, Json::String));
                    o.insert("headers".into(), header_map(&ir.headers));
                    o.insert("body".into(), Json::String(ir.body));
                    o.insert("isBase64Encoded".into(), json!(ir.is_base64));
                    Json::Object(o)
                }
            },
        );
        m.insert(
            "log".into(),
            Json::Array(self.report.log.into_iter().map(Json::String).collect()),
        );
        m.insert("trace".into(), Json::Array(self.report.trace));
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
        m.insert("provenance".into(), links_json(&self.provenance));
        if let Some(e) = self.error {
            m.insert("error".into(), e);
        }
        Json::Object(m)
    }
}
