//! Every input the `evaluate` fuzz target (fuzz/, `make fuzz`) ever
//! crashed or hung on, as the three JSON documents `evaluate` takes
//! (`{"integration", "request", "options"}`), replayed without the fuzzer:
//! each must get an answer with a status code.

use std::path::Path;

#[test]
fn evaluate_regressions_answer() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../fuzz/regressions/evaluate");
    for entry in std::fs::read_dir(&dir).expect("fuzz/regressions/evaluate exists") {
        let path = entry.unwrap().path();
        if path.extension().is_none_or(|e| e != "json") {
            continue;
        }
        let doc: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
        let result =
            mockgate_gateway::evaluate(&doc["integration"], &doc["request"], &doc["options"]);
        let status = result["statusCode"].as_u64();
        assert!(
            status.is_some_and(|s| (200..600).contains(&s)),
            "{}: no status code in {result}",
            path.display()
        );
    }
}
