//! mockgate-gateway: one HTTP request through one API Gateway (REST API)
//! method integration, as AWS runs it. Shapes: CONTRACT.md.
//!
//! ```text
//! let result = mockgate_gateway::evaluate(&integration_json, &request_json, &options_json);
//! ```
//!
//! Typed entry points: [`Integration::from_json`], [`MethodRequest::from_json`],
//! [`Options::from_json`], [`evaluate_typed`].

pub mod backend;
pub mod encoding;
pub mod gateway_responses;
pub mod integration;
pub mod json_lenient;
pub mod mock;
pub mod options;
pub mod overrides;
pub mod pipeline;
pub mod provenance;
pub mod proxy;
pub mod render;
pub mod report;
pub mod request;
pub mod request_parameters;
pub mod response_parameters;
pub mod result;
pub mod seed;
pub mod selection;
pub mod template_choice;
pub mod vars;

#[cfg(test)]
mod test_strings;

pub use integration::{
    Integration, IntegrationResponse, IntegrationType, PassthroughBehavior, ShapeError,
};
pub use pipeline::Options;
pub use request::MethodRequest;
pub use result::Outcome;

use report::{Diagnostic, Report, Severity};
use serde_json::json;

/// Run `request` through `integration`. All three are JSON values in the
/// contract's shapes; the result is the contract's result object. Never
/// panics on bad input: a field of the wrong shape is an error result
/// naming it.
pub fn evaluate(
    integration: &serde_json::Value,
    request: &serde_json::Value,
    options: &serde_json::Value,
) -> serde_json::Value {
    evaluate_outcome(integration, request, options).into_json()
}

/// [`evaluate`]'s result as compact JSON text, written straight from the
/// outcome (no JSON values built): the same text as
/// `evaluate(..).to_string()`, for a caller that wants the text.
pub fn evaluate_to_string(
    integration: &serde_json::Value,
    request: &serde_json::Value,
    options: &serde_json::Value,
) -> String {
    let out = evaluate_outcome(integration, request, options);
    // Writing to a String cannot fail, and every map key is a string.
    serde_json::to_string(&out).unwrap_or_default()
}

/// [`evaluate`] before its result is turned into JSON: an [`Outcome`],
/// which serialises (serde) to the contract's result object.
pub fn evaluate_outcome(
    integration: &serde_json::Value,
    request: &serde_json::Value,
    options: &serde_json::Value,
) -> Outcome {
    let integ = match Integration::from_json(integration) {
        Ok(i) => i,
        Err(e) => return input_error("integration", &e.field, &e.message),
    };
    let req = match MethodRequest::from_json(request) {
        Ok(r) => r,
        Err(e) => return input_error("request", &e.field, &e.message),
    };
    let opts = match Options::from_json(options) {
        Ok(o) => o,
        Err(e) => return input_error("options", "options", &e),
    };
    // The generated IDs derive from the request, so equal inputs give
    // equal results.
    run_seeded(&integ, &req, &opts, seed::of_request(request))
}

/// The typed pipeline. `seed` makes the generated identifiers
/// (`$context.requestId`, ...) reproducible.
pub fn evaluate_typed(
    integration: &Integration,
    request: &MethodRequest,
    options: &Options,
    seed: &str,
) -> Outcome {
    run_seeded(
        integration,
        request,
        options,
        encoding::fnv1a(seed.as_bytes()),
    )
}

fn run_seeded(
    integration: &Integration,
    request: &MethodRequest,
    options: &Options,
    seed: u64,
) -> Outcome {
    if let Some(too_large) = body_over_limit(request) {
        return too_large;
    }
    pipeline::run(integration, request, options, seed)
}

/// API Gateway's payload limit: 10 MB (api-gateway quotas, "Payload
/// size"); a larger request never reaches the integration. `mockgate
/// serve` answers the same (crates/cli/src/serve/handler.rs MAX_BODY).
pub const MAX_BODY_BYTES: usize = 10 * 1024 * 1024;

fn body_over_limit(request: &MethodRequest) -> Option<Outcome> {
    let len = match &request.body {
        request::Body::Text(s) => s.len(),
        request::Body::Binary(b) => b.len(),
    };
    if len <= MAX_BODY_BYTES {
        return None;
    }
    let mut report = Report::default();
    report.diag(
        Diagnostic::new(
            Severity::Error,
            format!("request body exceeded the body size limit ({MAX_BODY_BYTES} bytes): it is {len} bytes"),
        )
        .field("body")
        .code("request-limit"),
    );
    report.log(format!(
        "Request body of {len} bytes is over the {MAX_BODY_BYTES}-byte payload limit: 413"
    ));
    Some(Outcome {
        status: 413,
        headers: vec![
            ("Content-Type".into(), "application/json".into()),
            ("x-amzn-ErrorType".into(), "RequestTooLongException".into()),
        ],
        body: "{\"message\":\"Request Too Long\"}".into(),
        error: Some(
            json!({"type": "RequestTooLongException", "message": "Request Too Long", "field": "body", "in": "request"}),
        ),
        report,
        ..Default::default()
    })
}

fn input_error(what: &str, field: &str, message: &str) -> Outcome {
    let mut report = Report::default();
    let text = format!("{what}: {field}: {message}");
    report.diag(
        Diagnostic::new(Severity::Error, text.clone())
            .field(field)
            .code("bad-input"),
    );
    Outcome {
        status: 400,
        headers: vec![
            ("Content-Type".into(), "application/json".into()),
            ("x-amzn-ErrorType".into(), "BadRequestException".into()),
        ],
        body: format!(
            "{{\"message\": {}}}",
            serde_json::to_string(&text).unwrap_or_default()
        ),
        error: Some(
            json!({"type": "BadRequestException", "message": message, "field": field, "in": what}),
        ),
        report,
        ..Default::default()
    }
}
