//! What evaluate says besides the response: the execution log (in the
//! spirit of the console's Test output), the step-by-step trace and the
//! diagnostics an editor can underline.

use std::sync::Arc;

use mockgate_velocity::Provenance;
use serde::ser::{Serialize, SerializeMap, Serializer};
use serde_json::Value as Json;

use crate::provenance::Spans;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Severity {
    Error,
    Warning,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Diagnostic {
    pub severity: Severity,
    /// "request:application/json", "response:200:application/json"; `None`
    /// for diagnostics about the integration itself.
    pub template: Option<String>,
    pub line: Option<u32>,
    pub column: Option<u32>,
    pub end_line: Option<u32>,
    pub end_column: Option<u32>,
    pub message: String,
    /// The integration field concerned (validation errors).
    pub field: Option<String>,
    /// A short stable code ("invalid-selection-pattern", "mock-status").
    pub code: Option<&'static str>,
}

impl Diagnostic {
    pub fn new(severity: Severity, message: impl Into<String>) -> Diagnostic {
        Diagnostic {
            severity,
            template: None,
            line: None,
            column: None,
            end_line: None,
            end_column: None,
            message: message.into(),
            field: None,
            code: None,
        }
    }
    pub fn in_template(mut self, name: &str, line: u32, column: u32) -> Diagnostic {
        self.template = Some(name.to_string());
        self.line = Some(line);
        self.column = Some(column);
        self
    }
    pub fn field(mut self, f: impl Into<String>) -> Diagnostic {
        self.field = Some(f.into());
        self
    }
    pub fn code(mut self, c: &'static str) -> Diagnostic {
        self.code = Some(c);
        self
    }

    pub fn to_json(&self) -> Json {
        // Cannot fail: see the Serialize impl below.
        serde_json::to_value(self).expect("a diagnostic is JSON")
    }
}

/// A diagnostic as the contract writes it.
impl Serialize for Diagnostic {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut m = s.serialize_map(None)?;
        m.serialize_entry(
            "severity",
            match self.severity {
                Severity::Error => "error",
                Severity::Warning => "warning",
            },
        )?;
        m.serialize_entry("template", &self.template)?;
        m.serialize_entry("line", &self.line)?;
        m.serialize_entry("column", &self.column)?;
        if let Some(l) = self.end_line {
            m.serialize_entry("endLine", &l)?;
        }
        if let Some(c) = self.end_column {
            m.serialize_entry("endColumn", &c)?;
        }
        m.serialize_entry("message", &self.message)?;
        if let Some(f) = &self.field {
            m.serialize_entry("field", f)?;
        }
        if let Some(c) = self.code {
            m.serialize_entry("code", c)?;
        }
        m.end()
    }
}

#[derive(Clone, Debug, Default)]
pub struct Report {
    pub log: Vec<String>,
    pub trace: Vec<Step>,
    pub diagnostics: Vec<Diagnostic>,
}

/// One trace step: a JSON object, and for a rendered template its
/// provenance, written as the step's last key `provenance` (kept typed
/// and shared with the result's provenance until written out).
#[derive(Clone, Debug, PartialEq)]
pub struct Step {
    pub json: Json,
    pub provenance: Option<Arc<Vec<Provenance>>>,
}

impl std::ops::Index<&str> for Step {
    type Output = Json;
    fn index(&self, key: &str) -> &Json {
        &self.json[key]
    }
}

impl Serialize for Step {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match (&self.json, &self.provenance) {
            (Json::Object(m), Some(spans)) => {
                let mut map = s.serialize_map(Some(m.len() + 1))?;
                for (k, v) in m {
                    map.serialize_entry(k, v)?;
                }
                map.serialize_entry("provenance", &Spans(spans))?;
                map.end()
            }
            _ => self.json.serialize(s),
        }
    }
}

impl Report {
    pub fn log(&mut self, line: impl Into<String>) {
        self.log.push(line.into());
    }
    pub fn step(&mut self, step: Json) {
        self.trace.push(Step {
            json: step,
            provenance: None,
        });
    }
    /// A rendered template's step, with the template's provenance.
    pub fn template_step(&mut self, step: Json, provenance: Arc<Vec<Provenance>>) {
        self.trace.push(Step {
            json: step,
            provenance: Some(provenance),
        });
    }
    pub fn diag(&mut self, d: Diagnostic) {
        if !self.diagnostics.contains(&d) {
            self.diagnostics.push(d);
        }
    }
}

/// `step` (a JSON object) with `key: value` added last. For values that
/// are JSON already (a template's provenance, the headers, a Lambda
/// event): `json!` would copy them through serde.
pub fn with_key(mut step: Json, key: &str, value: Json) -> Json {
    if let Json::Object(m) = &mut step {
        m.insert(key.into(), value);
    }
    step
}

/// A Java map's toString ({k=v, k2=v2}), as the execution log prints
/// request parameters and headers.
pub fn java_map<'a>(entries: impl IntoIterator<Item = (&'a str, String)>) -> String {
    let parts: Vec<String> = entries
        .into_iter()
        .map(|(k, v)| format!("{k}={v}"))
        .collect();
    format!("{{{}}}", parts.join(", "))
}

/// The log truncates long bodies (AWS cuts at 1000 bytes and says so:
/// "[TRUNCATED]").
pub fn log_body(body: &str) -> String {
    if body.len() <= 1000 {
        return body.to_string();
    }
    let mut end = 1000;
    while !body.is_char_boundary(end) {
        end -= 1;
    }
    format!("{} [TRUNCATED]", &body[..end])
}
