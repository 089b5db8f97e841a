//! mockgate-gateway: one HTTP request through one API Gateway (REST API)
//! method integration, as AWS runs it. Shapes: ../../shared/CONTRACT.md.

/// Run `request` through `integration`. All three are JSON values in the
/// contract's shapes; the result is the contract's result object.
pub fn evaluate(
    integration: &serde_json::Value,
    request: &serde_json::Value,
    options: &serde_json::Value,
) -> serde_json::Value {
    let _ = (integration, request, options);
    todo!("gateway::evaluate")
}
