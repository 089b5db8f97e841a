//! WebAssembly glue over mockgate-gateway and mockgate-velocity, for the
//! playground. Nothing here knows API Gateway or Velocity: every export
//! converts plain JS objects to JSON values, calls the core, and converts
//! the answer back (the shapes of `mockgate eval`; TypeScript in
//! `types.rs`). Every Rust error becomes a JS `Error` through
//! [`error::js_error`].
//!
//! Panics cannot be caught on wasm32-unknown-unknown (no unwinding), so the
//! glue itself never panics; the panic hook only makes a core bug readable
//! in the console instead of a bare "unreachable".

mod convert;
mod diagnostics;
mod error;
#[cfg(any(test, target_arch = "wasm32"))]
mod pool;
mod prepared;
mod template;
mod types;

use wasm_bindgen::prelude::*;

#[cfg(target_arch = "wasm32")]
#[global_allocator]
static ALLOCATOR: pool::Pool = pool::Pool::new();

/// Called by every export (cheap after the first time) rather than as a
/// `#[wasm_bindgen(start)]` function, which would be exported as `start`.
pub(crate) fn install_panic_hook() {
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
    // The outcome goes to JS objects directly (it serialises to the same
    // shape as its JSON value), without the JSON value in between.
    let result = mockgate_gateway::evaluate_outcome(&integration, &request, &options);
    convert::to_js(&result)
}

/// The name templates are reported under when the caller gives none.
pub(crate) const DEFAULT_TEMPLATE_NAME: &str = "template";

/// Parse `source` as a Velocity template: every syntax error, or when it
/// parses, its warnings (a directive API Gateway prints literally...), with
/// positions for an editor's underlines. `[]` when all is well.
#[wasm_bindgen(js_name = checkTemplate, unchecked_return_type = "Diagnostic[]")]
pub fn check_template(
    source: &str,
    #[wasm_bindgen(unchecked_param_type = "string | null")] name: Option<String>,
) -> Result<JsValue, JsError> {
    install_panic_hook();
    let name = name.as_deref().unwrap_or(DEFAULT_TEMPLATE_NAME);
    convert::to_js(&template::check(source, name))
}

/// Render `source` alone (no API Gateway pipeline) with `variables`: a JSON
/// object, as an object or as JSON text; each key becomes a variable.
#[wasm_bindgen(js_name = renderTemplate, unchecked_return_type = "RenderResult")]
pub fn render_template(
    source: &str,
    #[wasm_bindgen(unchecked_param_type = "Record<string, unknown> | string | null")]
    variables: JsValue,
    #[wasm_bindgen(unchecked_param_type = "string | null")] name: Option<String>,
) -> Result<JsValue, JsError> {
    install_panic_hook();
    let variables = match variables.as_string() {
        Some(text) => serde_json::from_str(&text).map_err(|e| error::js_error("variables", e))?,
        None => convert::from_js("variables", variables)?,
    };
    let name = name.as_deref().unwrap_or(DEFAULT_TEMPLATE_NAME);
    convert::to_js(&template::render(source, name, &variables)?)
}

#[cfg(all(test, target_arch = "wasm32"))]
mod tests;
