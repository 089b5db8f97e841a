//! Rough timing of evaluate() for the playground's per-keystroke use:
//! `cargo run --release -p mockgate-gateway --example bench_evaluate`.

use std::time::Instant;

fn main() {
    let integ = serde_json::json!({"type": "MOCK", "requestTemplates": {"application/json":
        "#set($context.requestOverride.path.body = $input.body)\n{\"statusCode\": 200,}"},
        "integrationResponses": {"500": {"selectionPattern": "5\\d{2}"}, "400": {"selectionPattern": "4\\d{2}|Error.*"}, "200": {"responseTemplates": {"application/json":
        "#set($b = $util.parseJson($context.requestOverride.path.body))\n#foreach($x in $b.items)$x.name,#end $input.params('q') $context.requestId"}}}});
    let req = serde_json::json!({"httpMethod": "POST", "queryStringParameters": {"q": "v"},
        "body": "{\"items\": [{\"name\": \"a\"}, {\"name\": \"b\"}, {\"name\": \"c\"}]}"});
    let opts = serde_json::json!({});
    let n = 2000;
    let t = Instant::now();
    for _ in 0..n {
        std::hint::black_box(mockgate_gateway::evaluate(&integ, &req, &opts));
    }
    println!(
        "{:.1} µs per evaluate",
        t.elapsed().as_secs_f64() * 1e6 / n as f64
    );
}
