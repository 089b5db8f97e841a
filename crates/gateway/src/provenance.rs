//! Provenance in evaluate's result (docs/provenance.md): which template
//! bytes produced which bytes of the body or of the integration request
//! body.
//!
//! Kept as the engine's typed spans until the result is written out: a
//! rendered photos-100 request template has thousands of spans, and
//! building them as JSON objects (then copying them into the trace and
//! into the result) was most of evaluate's time.

use std::ops::Range;
use std::sync::Arc;

use mockgate_velocity::Provenance;
use serde::ser::{Serialize, SerializeMap, SerializeSeq, Serializer};

/// One template's spans, linked to the text they index.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Links {
    /// The template's name, as in diagnostics (`request:<content type>`).
    pub template: String,
    /// `body` or `integrationRequest.body`.
    pub target: &'static str,
    /// Shared with the template's trace step.
    pub spans: Arc<Vec<Provenance>>,
}

/// `[start, end]`, written directly.
struct RangeSer<'a>(&'a Range<usize>);

impl Serialize for RangeSer<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut seq = s.serialize_seq(Some(2))?;
        seq.serialize_element(&self.0.start)?;
        seq.serialize_element(&self.0.end)?;
        seq.end()
    }
}

/// A trace step's provenance: `[{output: [s, e], source: [s, e]}]`.
pub struct Spans<'a>(pub &'a [Provenance]);

impl Serialize for Spans<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut seq = s.serialize_seq(Some(self.0.len()))?;
        for p in self.0 {
            seq.serialize_element(&SpanSer(p))?;
        }
        seq.end()
    }
}

struct SpanSer<'a>(&'a Provenance);

impl Serialize for SpanSer<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut m = s.serialize_map(Some(2))?;
        m.serialize_entry("output", &RangeSer(&self.0.output))?;
        m.serialize_entry("source", &RangeSer(&self.0.template))?;
        m.end()
    }
}

/// The result's provenance: `[{template, target, output: [s, e], source: [s, e]}]`.
pub struct LinksSer<'a>(pub &'a [Links]);

impl Serialize for LinksSer<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let n = self.0.iter().map(|l| l.spans.len()).sum();
        let mut seq = s.serialize_seq(Some(n))?;
        for l in self.0 {
            for p in l.spans.iter() {
                seq.serialize_element(&LinkSer(l, p))?;
            }
        }
        seq.end()
    }
}

struct LinkSer<'a>(&'a Links, &'a Provenance);

impl Serialize for LinkSer<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut m = s.serialize_map(Some(4))?;
        m.serialize_entry("template", &self.0.template)?;
        m.serialize_entry("target", self.0.target)?;
        m.serialize_entry("output", &RangeSer(&self.1.output))?;
        m.serialize_entry("source", &RangeSer(&self.1.template))?;
        m.end()
    }
}
