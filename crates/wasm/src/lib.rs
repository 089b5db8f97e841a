//! WebAssembly glue over mockgate-gateway and mockgate-velocity, for the
//! playground. Nothing here knows API Gateway or Velocity: every export
//! converts plain JS objects to JSON values, calls the core, and converts
//! the answer back (shapes: /work/shared/CONTRACT.md, TypeScript in
//! `types.rs`). Every Rust error becomes a JS `Error` through
//! [`error::js_error`].
//!
//! Panics cannot be caught on wasm32-unknown-unknown (no unwinding), so the
//! glue itself never panics; the panic hook only makes a core bug readable
//! in the console instead of a bare "unreachable".

mod convert;
mod error;
mod types;

use wasm_bindgen::prelude::*;

#[wasm_bindgen(start)]
fn start() {
    console_error_panic_hook::set_once();
}

/// The version of mockgate this module was built from.
#[wasm_bindgen]
pub fn version() -> String {
    env!("CARGO_PKG_VERSION").to_string()
}

/// Run one request through one integration, as API Gateway does.
/// `options` may be `undefined`/`null`.
#[wasm_bindgen(unchecked_return_type = "EvaluateResult")]
pub fn evaluate(
    #[wasm_bindgen(unchecked_param_type = "Integration")] integration: JsValue,
    #[wasm_bindgen(unchecked_param_type = "GatewayRequest")] request: JsValue,
    #[wasm_bindgen(unchecked_param_type = "EvaluateOptions | undefined")] options: JsValue,
) -> Result<JsValue, JsError> {
    let integration = convert::from_js("integration", integration)?;
    let request = convert::from_js("request", request)?;
    let options = convert::from_js("options", options)?;
    let result = mockgate_gateway::evaluate(&integration, &request, &options);
    convert::to_js(&result)
}

#[cfg(all(test, target_arch = "wasm32"))]
mod tests;
