//! evaluate's `options`: the simulated endpoint, limits, and the
//! identifiers `$context` reports.

use mockgate_velocity::Limits;
use serde_json::Value as Json;

use crate::backend::{self, Backend};

/// evaluate's `options`, typed.
#[derive(Clone, Debug)]
pub struct Options {
    pub backend: Option<Backend>,
    pub limits: Limits,
    /// `$context.requestTimeEpoch`; now when not given (a fixed instant on wasm).
    pub request_time_epoch: Option<i64>,
    pub account_id: String,
    pub api_id: String,
    pub stage: String,
    pub region: String,
    /// Whether the trace's template steps carry their provenance (the
    /// result's `provenance` list always does). `options.traceProvenance:
    /// false` leaves that copy out for a caller that never reads it: on a
    /// large template it is most of what the wasm module hands back.
    pub trace_provenance: bool,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            backend: None,
            limits: Limits::default(),
            request_time_epoch: None,
            account_id: "123456789012".into(),
            api_id: "a1b2c3d4e5".into(),
            stage: "test".into(),
            region: "us-east-1".into(),
            trace_provenance: true,
        }
    }
}

impl Options {
    pub fn from_json(v: &Json) -> Result<Options, String> {
        let mut o = Options::default();
        let Some(obj) = v.as_object() else {
            return if v.is_null() {
                Ok(o)
            } else {
                Err("options: expected an object".into())
            };
        };
        if let Some(b) = obj.get("backend") {
            o.backend = backend::parse(b)?;
        }
        if let Some(t) = obj.get("requestTimeEpoch").and_then(Json::as_i64) {
            o.request_time_epoch = Some(t);
        }
        if let Some(b) = obj.get("traceProvenance").and_then(Json::as_bool) {
            o.trace_provenance = b;
        }
        for (k, slot) in [
            ("accountId", &mut o.account_id),
            ("apiId", &mut o.api_id),
            ("stage", &mut o.stage),
            ("region", &mut o.region),
        ] {
            if let Some(s) = obj.get(k).and_then(Json::as_str) {
                *slot = s.to_string();
            }
        }
        Ok(o)
    }
}

pub(crate) fn now_ms() -> i64 {
    #[cfg(not(target_arch = "wasm32"))]
    {
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_millis() as i64)
            .unwrap_or(0)
    }
    #[cfg(target_arch = "wasm32")]
    {
        1_700_000_000_000
    }
}
