//! Provenance in evaluate's result (docs/provenance.md): which template
//! bytes produced which bytes of the body or of the integration request
//! body.
//!
//! Kept as the engine's typed spans until the result is written out: a
//! rendered photos-100 request template has thousands of spans, and
//! building them as JSON objects (then copying them into the trace and
//! into the result) was most of evaluate's time.

use std::ops::Range;

use mockgate_velocity::Provenance;
use serde_json::{Map, Value as Json};

/// One template's spans, linked to the text they index.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Links {
    /// The template's name, as in diagnostics (`request:<content type>`).
    pub template: String,
    /// `body` or `integrationRequest.body`.
    pub target: &'static str,
    pub spans: Vec<Provenance>,
}

/// `[start, end]`.
pub fn range_json(r: &Range<usize>) -> Json {
    Json::Array(vec![Json::from(r.start), Json::from(r.end)])
}

/// The trace step's form: `[{output: [s, e], source: [s, e]}]`.
pub fn spans_json(spans: &[Provenance]) -> Json {
    Json::Array(
        spans
            .iter()
            .map(|p| {
                let mut m = Map::with_capacity(2);
                m.insert("output".into(), range_json(&p.output));
                m.insert("source".into(), range_json(&p.template));
                Json::Object(m)
            })
            .collect(),
    )
}

/// The result's form: `[{template, target, output: [s, e], source: [s, e]}]`.
pub fn links_json(links: &[Links]) -> Json {
    let n = links.iter().map(|l| l.spans.len()).sum();
    let mut out = Vec::with_capacity(n);
    for l in links {
        for p in &l.spans {
            let mut m = Map::with_capacity(4);
            m.insert("template".into(), Json::String(l.template.clone()));
            m.insert("target".into(), Json::String(l.target.into()));
            m.insert("output".into(), range_json(&p.output));
            m.insert("source".into(), range_json(&p.template));
            out.push(Json::Object(m));
        }
    }
    Json::Array(out)
}
