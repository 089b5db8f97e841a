//! evaluate() never panics and always answers with a status, whatever the
//! integration, request and templates (deterministic pseudo-random inputs).

use mockgate_gateway::evaluate;
use serde_json::{json, Value};

const FRAGMENTS: &[&str] = &[
    "$input.body",
    "$input.json('$')",
    "$input.json('$.a[0]')",
    "$input.path('$..b')",
    "$input.params()",
    "$input.params('x')",
    "$util.parseJson($input.body)",
    "$util.base64Decode('@@')",
    "$util.urlDecode('%zz')",
    "$util.escapeJavaScript($input.body)",
    "#set($context.responseOverride.status = 599)",
    "#set($context.responseOverride.status = 'x')",
    "#set($context.requestOverride.header.h = [1, 2])",
    "#set($context.responseOverride.header.H = $null)",
    "{\"statusCode\": 200}",
    "{statusCode: \"404\"}",
    "#if(",
    "#end",
    "$!{",
    "#foreach($x in $input.path('$'))$x#end",
    "{'statusCode': 4e2}",
    "é\u{1}\"'",
    "\n",
    "$context.identity.sourceIp",
    "$stageVariables.v",
    "#set($context = 1)",
    "$input.json('[?(@.a)]')",
];

const BODIES: &[&str] = &[
    "",
    "{}",
    "{\"a\": [1, {\"b\": 2}]}",
    "{a",
    "[a",
    "a=b",
    "null",
    "\"s\"",
    "é",
];

fn rng(seed: &mut u64) -> usize {
    *seed ^= *seed << 13;
    *seed ^= *seed >> 7;
    *seed ^= *seed << 17;
    (*seed >> 16) as usize
}

fn template(seed: &mut u64) -> String {
    (0..rng(seed) % 5)
        .map(|_| FRAGMENTS[rng(seed) % FRAGMENTS.len()])
        .collect::<Vec<_>>()
        .join(" ")
}

#[test]
fn evaluate_always_answers() {
    let types = [
        "MOCK",
        "HTTP",
        "AWS",
        "HTTP_PROXY",
        "AWS_PROXY",
        "mock",
        "BOGUS",
    ];
    let uris = [
        "https://backend.example.com/{p}",
        "arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:1:function:f/invocations",
        "arn:aws:apigateway:us-east-1:sqs:path/1/q",
        "nope",
    ];
    let backends = [
        json!(null),
        json!({"statusCode": 404, "body": "{\"x\": 1}"}),
        json!({"errorMessage": "Malformed é", "errorType": "E"}),
        json!({"payload": {"statusCode": "abc", "body": 1}}),
        json!({"kind": "echo-body"}),
        json!({"body": "aGk=", "isBase64Encoded": true}),
    ];
    let mut seed = 0x2545_f491_4f6c_dd1du64;
    // MOCKGATE_FUZZ_ITERS=100000 for a longer sweep.
    let iters: usize = std::env::var("MOCKGATE_FUZZ_ITERS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(1500);
    for i in 0..iters {
        let t = types[rng(&mut seed) % types.len()];
        let integ = json!({
            "type": t, "httpMethod": "POST", "uri": uris[rng(&mut seed) % uris.len()],
            "passthroughBehavior": (["WHEN_NO_MATCH", "NEVER", "WHEN_NO_TEMPLATES"][rng(&mut seed) % 3]),
            "requestTemplates": {"application/json": template(&mut seed)},
            "requestParameters": {"integration.request.path.p": "method.request.body.a"},
            "integrationResponses": {
                "200": {"statusCode": "200", "responseTemplates": {"application/json": template(&mut seed)}},
                "400": {"statusCode": "400", "selectionPattern": (["4\\d{2}", "Malformed.*", "(", ""][rng(&mut seed) % 4]),
                        "responseParameters": {"method.response.header.X": "integration.response.body.x"}}
            }
        });
        let req = json!({
            "httpMethod": "POST", "path": "/a/b", "resourcePath": "/a/{p}",
            "headers": {"Content-Type": (["application/json", "text/plain; charset=utf-8", ""][rng(&mut seed) % 3])},
            "body": BODIES[rng(&mut seed) % BODIES.len()],
        });
        let opts =
            json!({"backend": backends[rng(&mut seed) % backends.len()], "requestTimeEpoch": 0});
        let r = std::panic::catch_unwind(|| evaluate(&integ, &req, &opts))
            .unwrap_or_else(|_| panic!("case {i} panicked:\n{integ}\n{req}\n{opts}"));
        let status = r["statusCode"]
            .as_u64()
            .unwrap_or_else(|| panic!("case {i}: no status in {r}"));
        assert!((100..600).contains(&status), "case {i}: status {status}");
        assert!(
            r["body"].is_string() && r["log"].is_array() && r["diagnostics"].is_array(),
            "case {i}: {r}"
        );
        let _: &Value = &r["trace"];
    }
}
