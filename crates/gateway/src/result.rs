//! The result object of CONTRACT.md.

use serde_json::Value as Json;

use serde::ser::{Serialize, SerializeMap, Serializer};

use crate::provenance::{Links, LinksSer};
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

impl Outcome {
    /// The contract's result object as a JSON value: what [`Serialize`]
    /// writes (one description of the result, for both).
    pub fn to_json(&self) -> Json {
        // Cannot fail: every map key is a string and no value refuses.
        serde_json::to_value(self).expect("an outcome is JSON")
    }

    pub fn into_json(self) -> Json {
        self.to_json()
    }
}

/// Headers as a JSON object: a repeated name keeps its first place and
/// its last value (as inserting into a JSON object does).
struct HeadersSer<'a>(&'a [(String, String)]);

impl Serialize for HeadersSer<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut unique: Vec<(&str, &str)> = Vec::with_capacity(self.0.len());
        for (k, v) in self.0 {
            match unique.iter_mut().find(|(u, _)| *u == k.as_str()) {
                Some(slot) => slot.1 = v,
                None => unique.push((k, v)),
            }
        }
        let mut m = s.serialize_map(Some(unique.len()))?;
        for (k, v) in unique {
            m.serialize_entry(k, v)?;
        }
        m.end()
    }
}

struct IntegrationRequestSer<'a>(&'a IntegrationRequest);

impl Serialize for IntegrationRequestSer<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let ir = self.0;
        let mut m = s.serialize_map(Some(5))?;
        m.serialize_entry("method", &ir.method)?;
        m.serialize_entry("uri", &ir.uri)?;
        m.serialize_entry("headers", &HeadersSer(&ir.headers))?;
        m.serialize_entry("body", &ir.body)?;
        m.serialize_entry("isBase64Encoded", &ir.is_base64)?;
        m.end()
    }
}

/// The contract's result object, written directly (no JSON values built):
/// what `mockgate eval` prints and the wasm module returns.
impl Serialize for Outcome {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut m = s.serialize_map(None)?;
        m.serialize_entry("statusCode", &self.status)?;
        m.serialize_entry("headers", &HeadersSer(&self.headers))?;
        m.serialize_entry("body", &self.body)?;
        m.serialize_entry("isBase64Encoded", &self.is_base64)?;
        m.serialize_entry(
            "integrationRequest",
            &self.integration_request.as_ref().map(IntegrationRequestSer),
        )?;
        m.serialize_entry("log", &self.report.log)?;
        m.serialize_entry("trace", &self.report.trace)?;
        m.serialize_entry("diagnostics", &self.report.diagnostics)?;
        m.serialize_entry("provenance", &LinksSer(&self.provenance))?;
        if let Some(e) = &self.error {
            m.serialize_entry("error", e)?;
        }
        m.end()
    }
}
