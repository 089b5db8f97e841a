//! Turn an `evaluate` fuzz artifact (raw bytes) into the JSON documents
//! `evaluate` takes, for fuzz/regressions/evaluate/ and
//! crates/gateway/tests/fuzz_regressions.rs:
//!
//!     cargo run --example evaluate_to_json -- artifacts/evaluate/crash-...
use arbitrary::{Arbitrary, Unstructured};

fn main() {
    let path = std::env::args()
        .nth(1)
        .expect("usage: evaluate_to_json ARTIFACT");
    let bytes = std::fs::read(path).expect("readable artifact");
    let u = Unstructured::new(&bytes);
    let input = mockgate_fuzz::EvalInput::arbitrary_take_rest(u).expect("decodes");
    let (integration, request, options) = input.documents();
    let doc =
        serde_json::json!({"integration": integration, "request": request, "options": options});
    println!("{}", serde_json::to_string_pretty(&doc).unwrap());
}
