//! `options.traceProvenance: false` leaves out only the trace steps' copy
//! of provenance (docs/provenance.md): the result's own list and every
//! other field are what the default gives.

use serde_json::{json, Value};

#[test]
fn trace_provenance_false_drops_only_the_steps_copy() {
    let integration = json!({"type": "MOCK",
        "requestTemplates": {"application/json": "{\"statusCode\": 200, \"a\": \"$input.path('$.a')\"}"},
        "integrationResponses": {"200": {"statusCode": "200",
            "responseTemplates": {"application/json": "{\"b\": \"$input.body\"}"}}}});
    let request = json!({"httpMethod": "POST", "headers": {"Content-Type": "application/json"},
        "body": "{\"a\": 1}"});
    let with = mockgate_gateway::evaluate(&integration, &request, &json!({"requestTimeEpoch": 0}));
    let without = mockgate_gateway::evaluate(
        &integration,
        &request,
        &json!({"requestTimeEpoch": 0, "traceProvenance": false}),
    );

    let steps_with_provenance = |r: &Value| {
        r["trace"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|s| s.get("provenance").is_some())
            .count()
    };
    assert_eq!(
        steps_with_provenance(&with),
        2,
        "both templates' steps: {with}"
    );
    assert_eq!(steps_with_provenance(&without), 0, "{without}");
    assert!(!with["provenance"].as_array().unwrap().is_empty());

    // Everything else, the result's provenance list included, is the same.
    let mut stripped = with.clone();
    for step in stripped["trace"].as_array_mut().unwrap() {
        step.as_object_mut().unwrap().remove("provenance");
    }
    assert_eq!(stripped, without);
    // And the written text agrees with the value.
    assert_eq!(
        mockgate_gateway::evaluate_to_string(
            &integration,
            &request,
            &json!({"requestTimeEpoch": 0, "traceProvenance": false})
        ),
        without.to_string()
    );
}
