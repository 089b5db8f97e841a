//! `make bench`'s native half: mockgate rendering the workloads in
//! /work/shared/bench (or `$MOCKGATE_BENCH_DIR`) natively, the same work
//! the wasm module and the JavaScript peers do in bench/run.mjs:
//!
//! - `parse+render`: parse the template, render it with `$input` over the
//!   body and parameters and `$util`;
//! - `render`: the template parsed once, rendered each time;
//! - `evaluate`: the whole pipeline on `NAME.json`, its result as JSON text
//!   (`mockgate_gateway::evaluate_to_string`);
//! - `render, new body` (transform-1mb): two bodies in turn, nothing parsed
//!   of a body reused;
//! - `transform-scale`: transform-1mb's template over 0.1, 1 and 10 MB bodies.
//!
//! Prints one JSON object per line: `{"workload", "mode", "evals_per_sec"}`.
//! A plain harness (no criterion): the timing loop is the one bench/run.mjs
//! uses for wasm and the peers, so the numbers compare like with like. The
//! rate is the median of several timed batches (the machine is shared).
//! Nothing here asserts on time.

use std::hint::black_box;
use std::rc::Rc;
use std::time::{Duration, Instant};

use indexmap::IndexMap;
use mockgate_gateway::request::MultiMap;
use mockgate_gateway::vars::input::{InputHost, Params};
use mockgate_gateway::vars::util::UtilHost;
use mockgate_velocity::{Context, Limits, Template, Value};

/// The allocator of the native product, the `mockgate` binary
/// (crates/cli/src/main.rs): glibc's malloc was half of a transform render's
/// profile here (freeing the payload's many small values).
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

const WORKLOADS: [&str; 3] = ["seed-scope", "photos-100", "transform-1mb"];

fn main() {
    let dir = std::env::var("MOCKGATE_BENCH_DIR").unwrap_or_else(|_| "/work/shared/bench".into());
    let secs: f64 = std::env::var("MOCKGATE_BENCH_SECS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(1.0);
    let budget = Duration::from_secs_f64(secs);
    // `cargo bench -- <filter>`: only workloads whose name contains it.
    let filter = std::env::args().skip(1).find(|a| !a.starts_with('-'));
    for name in WORKLOADS {
        if filter.as_deref().is_some_and(|f| !name.contains(f)) {
            continue;
        }
        let t = read_json(&format!("{dir}/{name}.template.json"));
        let source = t["template"].as_str().expect("template").to_string();
        // One shared text, rendered again and again: what the wasm
        // module's PreparedTemplate gets when JavaScript passes the same
        // string (crates/wasm/src/prepared.rs).
        let body: Rc<str> = body_text(&t["body"]).into();
        // Read once and shared, as the wasm module keeps parameters whose
        // JSON is unchanged (crates/wasm/src/prepared.rs).
        let params = Rc::new(params_from_json(&t["params"]));

        bench(budget, name, "parse+render", || {
            let template = Template::parse("bench", &source).expect("parses");
            render(&template, &body, &params)
        });
        let template = Template::parse("bench", &source).expect("parses");
        bench(budget, name, "render", || render(&template, &body, &params));

        let e = read_json(&format!("{dir}/{name}.json"));
        let options = serde_json::json!({});
        // The result written as JSON text, as `mockgate eval` and the wasm
        // module write it.
        bench(budget, name, "evaluate", || {
            mockgate_gateway::evaluate_to_string(&e["integration"], &e["request"], &options).len()
        });

        if name == "transform-1mb" {
            let full: serde_json::Value = serde_json::from_str(&body).expect("body is JSON");
            // Two bodies in turn, so that nothing parsed is ever reused:
            // what a render costs when every request brings a new body
            // (bench/run.mjs measures the same for the wasm module).
            let bodies: [Rc<str>; 2] = [body.clone(), other_body(&full).into()];
            let mut turn = 0;
            bench(budget, name, "render, new body", || {
                turn += 1;
                render(&template, &bodies[turn % 2], &params)
            });
            for (label, factor) in [("0.1MB", 0.1), ("1MB", 1.0), ("10MB", 10.0)] {
                let scaled: Rc<str> = scale_items(&full, factor).into();
                bench(
                    budget,
                    "transform-scale",
                    &format!("render {label}"),
                    || render(&template, &scaled, &params),
                );
            }
        }
    }
}

/// The transform body with a different count: as large, not the same text.
/// bench/run.mjs builds the same.
fn other_body(body: &serde_json::Value) -> String {
    let mut other = body.clone();
    let count = other["meta"]["count"].as_i64().unwrap_or(0);
    other["meta"]["count"] = (count + 1).into();
    other.to_string()
}

/// The transform body with `factor` times as many items (cycled), so the
/// template's work grows with the input and nothing else changes.
/// bench/run.mjs builds the same bodies.
fn scale_items(body: &serde_json::Value, factor: f64) -> String {
    let items = body["items"].as_array().expect("items");
    let n = ((items.len() as f64) * factor).round() as usize;
    let mut scaled = body.clone();
    scaled["items"] =
        serde_json::Value::Array((0..n).map(|i| items[i % items.len()].clone()).collect());
    scaled["meta"]["count"] = n.into();
    scaled.to_string()
}

fn render(template: &Template, body: &Rc<str>, params: &Rc<Params>) -> usize {
    let mut ctx = Context::new();
    ctx.insert(
        "input",
        Value::Host(Rc::new(InputHost::new(body.clone(), params.clone()))),
    );
    ctx.insert("util", Value::Host(Rc::new(UtilHost)));
    // As the wasm module's PreparedTemplate.render: the text only.
    let out = template
        .render_text(&mut ctx, &Limits::default())
        .expect("renders");
    black_box(out.text.len())
}

/// Measure and report one figure, unless `$MOCKGATE_BENCH_MODE` names
/// another mode (so that a profile of one mode shows only its work:
/// `MOCKGATE_BENCH_MODE=render perf record ...`).
fn bench(budget: Duration, workload: &str, mode: &str, f: impl FnMut() -> usize) {
    if std::env::var("MOCKGATE_BENCH_MODE").is_ok_and(|only| only != mode) {
        return;
    }
    report(workload, mode, measure(budget, f));
}

/// Median evaluations per second over batches, after a warm-up.
///
/// `$MOCKGATE_BENCH_ITERS=N` runs `f` exactly N times instead (for
/// instruction counts under callgrind, which do not vary with the load).
fn measure(budget: Duration, mut f: impl FnMut() -> usize) -> f64 {
    if let Some(n) = std::env::var("MOCKGATE_BENCH_ITERS")
        .ok()
        .and_then(|n| n.parse::<u32>().ok())
    {
        let t = Instant::now();
        for _ in 0..n {
            black_box(f());
        }
        return f64::from(n) / t.elapsed().as_secs_f64();
    }
    let warm = Instant::now();
    let mut per_batch = 0u64;
    while warm.elapsed() < budget / 10 || per_batch == 0 {
        black_box(f());
        per_batch += 1;
    }
    // About ten batches in the budget.
    let mut rates = Vec::new();
    let start = Instant::now();
    while start.elapsed() < budget || rates.len() < 3 {
        let t = Instant::now();
        for _ in 0..per_batch {
            black_box(f());
        }
        rates.push(per_batch as f64 / t.elapsed().as_secs_f64());
    }
    rates.sort_by(|a, b| a.total_cmp(b));
    rates[rates.len() / 2]
}

fn report(workload: &str, mode: &str, evals_per_sec: f64) {
    println!(
        "{}",
        serde_json::json!({"engine": "mockgate native", "workload": workload, "mode": mode, "evals_per_sec": evals_per_sec})
    );
}

fn read_json(path: &str) -> serde_json::Value {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{path}: {e}"));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn body_text(body: &serde_json::Value) -> String {
    match body {
        serde_json::Value::String(s) => s.clone(),
        serde_json::Value::Null => String::new(),
        other => other.to_string(),
    }
}

fn params_from_json(json: &serde_json::Value) -> Params {
    let mut params = Params::default();
    let Some(object) = json.as_object() else {
        return params;
    };
    for (kind, values) in object {
        let Some(values) = values.as_object() else {
            continue;
        };
        let strings: IndexMap<String, String> = values
            .iter()
            .map(|(k, v)| {
                (
                    k.clone(),
                    v.as_str().map_or_else(|| v.to_string(), str::to_string),
                )
            })
            .collect();
        match kind.as_str() {
            "path" => params.path = strings,
            "querystring" => params.querystring = multi(strings),
            "header" => params.header = multi(strings),
            _ => {}
        }
    }
    params
}

fn multi(strings: IndexMap<String, String>) -> MultiMap {
    let mut m = MultiMap::default();
    for (k, v) in strings {
        m.insert(&k, v);
    }
    m
}
