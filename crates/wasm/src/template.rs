//! `checkTemplate` and `renderTemplate`: Velocity alone, no API Gateway
//! pipeline, for the editor's underlines and a quick "what does this print".

use mockgate_velocity::value::json::from_json;
use mockgate_velocity::{Context, Limits, Template};
use serde_json::{json, Value};
use wasm_bindgen::JsError;

use crate::diagnostics::diagnostic;
use crate::error::js_error;

/// Every parse error of `source` (severity "error"), or, when it parses,
/// its warnings (severity "warning"). Empty when all is well.
pub fn check(source: &str, name: &str) -> Value {
    let diagnostics: Vec<Value> = match Template::parse(name, source) {
        Err(errors) => errors
            .iter()
            .map(|e| diagnostic(e, "error", source))
            .collect(),
        Ok(template) => template
            .warnings()
            .iter()
            .map(|e| diagnostic(e, "warning", source))
            .collect(),
    };
    Value::Array(diagnostics)
}

/// Render `source` with the top-level keys of `variables` (a JSON object)
/// as variables: `{"name": "World"}` makes `$name`. JSON values become
/// Velocity values as API Gateway's JSON parser builds them.
/// `{text, diagnostics}`; `text` is null when parsing or rendering failed.
pub fn render(source: &str, name: &str, variables: &Value) -> Result<Value, JsError> {
    let mut ctx = Context::new();
    match variables {
        Value::Null => {}
        Value::Object(map) => {
            for (key, value) in map {
                ctx.insert(key.as_str(), from_json(value));
            }
        }
        other => {
            return Err(js_error(
                "variables",
                format!("expected a JSON object, got {other}"),
            ))
        }
    }
    let template = match Template::parse(name, source) {
        Ok(template) => template,
        Err(errors) => {
            let diagnostics: Vec<Value> = errors
                .iter()
                .map(|e| diagnostic(e, "error", source))
                .collect();
            return Ok(json!({ "text": null, "diagnostics": diagnostics }));
        }
    };
    Ok(match template.render(&mut ctx, &Limits::default()) {
        Ok(out) => {
            let warnings: Vec<Value> = out
                .warnings
                .iter()
                .map(|e| diagnostic(e, "warning", source))
                .collect();
            json!({ "text": out.text, "diagnostics": warnings })
        }
        Err(error) => json!({ "text": null, "diagnostics": [diagnostic(&error, "error", source)] }),
    })
}
