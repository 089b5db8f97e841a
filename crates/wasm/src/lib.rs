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

/// Called by every export (cheap after the first time) rather than as a
/// `#[wasm_bindgen(start)]` function, which would be exported as `start`.
fn install_panic_hook() {
    console_error_panic_hook::set_once();
}

/// The version of mockgate this module was built from.
#[wasm_bindgen]
pub fn version() -> String {
    install_panic_hook();
    env!("CARGO_PKG_VERSION").to_string()
}

/// Run one request through one integration, as API Gateway does.
/// `options` may be left out. (Its TypeScript signature is in `types.rs`,
/// where the optional parameter can be said.)
#[wasm_bindgen(skip_typescript)]
pub fn evaluate(
    integration: JsValue,
    request: JsValue,
    options: Option<JsValue>,
) -> Result<JsValue, JsError> {
    install_panic_hook();
    let options = options.unwrap_or(JsValue::UNDEFINED);
    let integration = convert::from_js("integration", integration)?;
    let request = convert::from_js("request", request)?;
    let options = convert::from_js("options", options)?;
    let result = mockgate_gateway::evaluate(&integration, &request, &options);
    convert::to_js(&result)
}

#[cfg(all(test, target_arch = "wasm32"))]
mod tests;
