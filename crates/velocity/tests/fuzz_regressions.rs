//! Every input the fuzzer (fuzz/, `make fuzz`) ever crashed or hung on,
//! replayed without the fuzzer: parse must answer, and render under the
//! fuzzer's tight limits must finish with text or an error.

use std::path::Path;

use mockgate_velocity::{Context, Limits, Template, Value};

fn inputs(target: &str) -> Vec<(String, Vec<u8>)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../fuzz/regressions")
        .join(target);
    let mut out = Vec::new();
    for entry in std::fs::read_dir(&dir).expect("fuzz/regressions exists") {
        let path = entry.unwrap().path();
        if path.is_file() && path.extension().is_none_or(|e| e != "md") {
            out.push((path.display().to_string(), std::fs::read(&path).unwrap()));
        }
    }
    out
}

/// The fuzzer's limits (fuzz/src/lib.rs `tight_limits`).
fn tight_limits() -> Limits {
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

#[test]
fn parse_regressions_answer() {
    for (name, bytes) in inputs("parse") {
        let src = String::from_utf8_lossy(&bytes);
        if let Err(errors) = Template::parse("fuzz", &src) {
            assert!(!errors.is_empty(), "{name}: failed without an error");
        }
    }
}

#[test]
fn render_regressions_answer() {
    for (name, bytes) in inputs("render").into_iter().chain(inputs("parse")) {
        let src = String::from_utf8_lossy(&bytes);
        let limits = tight_limits();
        let Ok(t) = Template::parse_with_limits("fuzz", &src, &limits) else {
            continue;
        };
        let mut ctx = Context::new();
        ctx.insert("name", Value::str("World"));
        ctx.insert("n", Value::Int(7));
        ctx.insert("list", Value::list(vec![Value::Int(1), Value::str("two")]));
        if let Ok(out) = t.render(&mut ctx, &limits) {
            assert!(
                out.text.len() <= limits.max_output_bytes,
                "{name}: output over the limit"
            );
        }
    }
}

#[test]
fn a_backslash_quote_before_a_multibyte_character_renders_as_written() {
    // fuzz/regressions/render/crash-backslash-quote-multibyte: `\"` inside a
    // string literal, then a 3-byte character, then a reference.
    let t = Template::parse("t", "#set($g = \"\\\"\u{fffd}$n\")$g").unwrap();
    let mut ctx = Context::new();
    ctx.insert("n", Value::Int(7));
    let out = t.render(&mut ctx, &Limits::default()).unwrap();
    assert_eq!(out.text, "\\\"\u{fffd}7");
}
