//! Shared by the fuzz targets (and their regression replays): the fixed
//! render context, the limits, and the structured evaluate input.

use mockgate_velocity::{Context, Limits, Template, Value};

/// Tight enough that each run takes milliseconds; a run that still takes
/// seconds is a limit that is not enforced (a finding).
pub fn tight_limits() -> Limits {
    Limits {
        max_template_bytes: 64 << 10,
        max_steps: 200_000,
        max_output_bytes: 1 << 20,
        max_loop_iterations: 20_000,
        max_depth: 64,
        max_regex_bytes: 64 << 10,
        max_range_len: 20_000,
    }
}

pub fn context() -> Context {
    let mut ctx = Context::new();
    ctx.insert("name", Value::str("World"));
    ctx.insert("n", Value::Int(7));
    ctx.insert("big", Value::Long(i64::MAX));
    ctx.insert("d", Value::Double(-0.5));
    ctx.insert(
        "list",
        Value::list(vec![Value::Int(1), Value::str("two"), Value::Null]),
    );
    let json = serde_json::json!({"a": {"b": [1, 2.5, "x", null, true]}, "k": "v"});
    ctx.insert("obj", mockgate_velocity::value::json::from_json(&json));
    ctx
}

pub fn render_once(src: &str, limits: &Limits) {
    let Ok(t) = Template::parse("fuzz", src) else {
        return;
    };
    let mut ctx = context();
    if let Ok(out) = t.render(&mut ctx, limits) {
        assert!(
            out.text.len() <= limits.max_output_bytes,
            "output over the limit"
        );
    }
}

pub use eval_input::{evaluate_once, EvalInput};
mod eval_input;
