//! Instruction-count bench of the per-request path `mockgate serve` takes:
//! the seed-scope workload through `evaluate_typed` N times, the
//! integration parsed once (as serve holds it).
//! `cargo build --release -p mockgate-gateway --example bench_seed_scope`, then
//! `valgrind --tool=callgrind target/release/examples/bench_seed_scope N`
//! for N = 1 and N = 201: the difference / 200 is the cost of one request.
//! A second argument `json` runs the JSON entry point `evaluate` instead.

fn main() {
    let mut args = std::env::args().skip(1);
    let n: usize = args.next().and_then(|a| a.parse().ok()).unwrap_or(1000);
    let json_entry = args.next().as_deref() == Some("json");
    let path =
        std::env::var("SEED_SCOPE").unwrap_or_else(|_| "/work/shared/bench/seed-scope.json".into());
    let text = std::fs::read_to_string(&path).expect("seed-scope workload");
    let w: serde_json::Value = serde_json::from_str(&text).expect("workload JSON");
    let opts = serde_json::json!({});
    if json_entry {
        for _ in 0..n {
            std::hint::black_box(mockgate_gateway::evaluate(
                &w["integration"],
                &w["request"],
                &opts,
            ));
        }
        return;
    }
    let integ = mockgate_gateway::Integration::from_json(&w["integration"]).expect("integration");
    let req = mockgate_gateway::MethodRequest::from_json(&w["request"]).expect("request");
    let o = mockgate_gateway::Options::from_json(&opts).expect("options");
    for i in 0..n {
        let out = mockgate_gateway::evaluate_typed(&integ, &req, &o, &i.to_string());
        assert_eq!(out.status, 200);
        std::hint::black_box(out);
    }
}
