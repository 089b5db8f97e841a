//! End-to-end checks of evaluate() for the steps that need no template
//! rendering: validation, passthrough and 415, parameter mapping, the
//! endpoint simulation, proxies, error responses.

use mockgate_gateway::evaluate;
use serde_json::{json, Value};

fn header<'a>(r: &'a Value, name: &str) -> Option<&'a str> {
    r["headers"]
        .as_object()?
        .iter()
        .find(|(k, _)| k.eq_ignore_ascii_case(name))
        .and_then(|(_, v)| v.as_str())
}

#[test]
fn unmapped_content_type_is_415_under_never() {
    // integration-passthrough-behaviors.md, example 1, application/xml x NEVER.
    let r = evaluate(
        &json!({"type": "HTTP", "httpMethod": "POST", "uri": "https://backend.example.com/", "passthroughBehavior": "NEVER",
                "requestTemplates": {"application/json": "{}"}, "integrationResponses": {"200": {}}}),
        &json!({"httpMethod": "POST", "headers": {"Content-Type": "application/xml"}, "body": "<a/>"}),
        &json!({}),
    );
    assert_eq!(r["statusCode"], 415);
    assert_eq!(r["body"], "{\"message\": \"Unsupported Media Type\"}");
    assert_eq!(
        header(&r, "x-amzn-ErrorType"),
        Some("UnsupportedMediaTypeException")
    );
    assert!(r["log"]
        .as_array()
        .unwrap()
        .iter()
        .any(|l| l == "Method completed with status: 415"));
}

#[test]
fn passthrough_forwards_the_body_and_maps_parameters() {
    let r = evaluate(
        &json!({"type": "HTTP", "httpMethod": "ANY", "uri": "https://backend.example.com/pets/{id}",
                "requestParameters": {"integration.request.path.id": "method.request.path.petId",
                                      "integration.request.querystring.scope": "method.request.querystring.scope",
                                      "integration.request.header.X-Static": "'fixed'",
                                      "integration.request.header.X-Stage": "context.stage",
                                      "integration.request.header.X-Missing": "method.request.header.nope"},
                "integrationResponses": {"200": {"responseParameters": {"method.response.header.X-Up": "integration.response.header.x-up",
                                                                          "method.response.header.X-Body": "integration.response.body.a.b"}}}}),
        &json!({"httpMethod": "PUT", "path": "/pets/4 2", "resourcePath": "/pets/{petId}",
                "queryStringParameters": {"scope": "a b"}, "headers": {"Content-Type": "text/plain"}, "body": "raw",
                "requestContext": {"stage": "prod"}}),
        &json!({"backend": {"statusCode": 201, "headers": {"X-Up": "u"}, "body": "{\"a\": {\"b\": [1]}}"}}),
    );
    let ir = &r["integrationRequest"];
    assert_eq!(ir["method"], "PUT");
    assert_eq!(
        ir["uri"],
        "https://backend.example.com/pets/4%202?scope=a%20b"
    );
    assert_eq!(
        ir["headers"],
        json!({"x-amzn-apigateway-api-id": "a1b2c3d4e5", "Accept": "application/json",
               "User-Agent": "AmazonAPIGateway_a1b2c3d4e5", "X-Static": "fixed", "X-Stage": "prod"})
    );
    assert_eq!(ir["body"], "raw");
    // 201 falls to the default response (status 200), body passes through.
    assert_eq!(r["statusCode"], 200);
    assert_eq!(r["body"], "{\"a\": {\"b\": [1]}}");
    assert_eq!(header(&r, "X-Up"), Some("u"));
    assert_eq!(header(&r, "X-Body"), Some("[1]"));
    assert_eq!(header(&r, "Content-Type"), Some("application/json"));
}

#[test]
fn no_default_response_is_a_configuration_error() {
    let r = evaluate(
        &json!({"type": "HTTP", "httpMethod": "GET", "uri": "https://backend.example.com/", "integrationResponses": {}}),
        &json!({}),
        &json!({"backend": {"statusCode": 404}}),
    );
    assert_eq!(r["statusCode"], 500);
    assert_eq!(r["body"], "{\"message\": \"Internal server error\"}");
    assert_eq!(
        header(&r, "x-amzn-ErrorType"),
        Some("InternalServerErrorException")
    );
    assert!(r["log"].as_array().unwrap().iter().any(|l| l.as_str().unwrap().contains(
        "No match for output mapping and no default output mapping configured. Endpoint Response Status Code: 404")));
}

#[test]
fn invalid_integration_is_rejected_before_running() {
    let r = evaluate(
        &json!({"type": "HTTP", "httpMethod": "GET", "uri": "not-a-url"}),
        &json!({}),
        &json!({}),
    );
    assert_eq!(r["statusCode"], 400);
    assert_eq!(
        r["error"]["message"],
        "Invalid HTTP endpoint specified for URI"
    );
    assert_eq!(r["error"]["field"], "uri");
    assert_eq!(r["diagnostics"][0]["severity"], "error");
    let r = evaluate(
        &json!({"type": "MOCK", "requestTemplates": "nope"}),
        &json!({}),
        &json!({}),
    );
    assert_eq!(r["error"]["field"], "requestTemplates");
    let r = evaluate(&json!({"type": "MOCK"}), &json!({"headers": 5}), &json!({}));
    assert_eq!(r["error"]["field"], "headers");
}

#[test]
fn aws_proxy_event_and_response() {
    let integ = json!({"type": "AWS_PROXY", "httpMethod": "POST",
        "uri": "arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:123456789012:function:f/invocations"});
    let req = json!({"httpMethod": "GET", "path": "/pets/42", "resourcePath": "/pets/{petId}",
        "headers": {"User-Agent": "curl/8"}, "queryStringParameters": {"q": "1"}});
    let r = evaluate(
        &integ,
        &req,
        &json!({"backend": {"statusCode": 201, "headers": {"X-A": "b"}, "body": "made"}}),
    );
    assert_eq!(r["statusCode"], 201);
    assert_eq!(r["body"], "made");
    assert_eq!(header(&r, "X-A"), Some("b"));
    let event: Value =
        serde_json::from_str(r["integrationRequest"]["body"].as_str().unwrap()).unwrap();
    assert_eq!(event["pathParameters"], json!({"petId": "42"}));
    assert_eq!(event["queryStringParameters"], json!({"q": "1"}));
    assert_eq!(event["body"], Value::Null);
    assert_eq!(event["requestContext"]["identity"]["userAgent"], "curl/8");
    assert_eq!(event["requestContext"]["path"], "/test/pets/42");
    // A body that is not a string: Malformed Lambda proxy response.
    let r = evaluate(
        &integ,
        &req,
        &json!({"backend": {"payload": {"statusCode": 200, "body": {"a": 1}}}}),
    );
    assert_eq!(r["statusCode"], 502);
    assert_eq!(r["body"], "{\"message\": \"Internal server error\"}");
    // No backend: 200, empty.
    let r = evaluate(&integ, &req, &json!({}));
    assert_eq!(
        (r["statusCode"].as_u64(), r["body"].as_str()),
        (Some(200), Some(""))
    );
}

#[test]
fn http_proxy_passes_status_through() {
    // Evidence ls-http-status-passthrough-http-proxy-400.
    let r = evaluate(
        &json!({"type": "HTTP_PROXY", "httpMethod": "POST", "uri": "https://backend.example.com/{map}",
                "requestParameters": {"integration.request.path.map": "method.request.path.map"}}),
        &json!({"httpMethod": "POST", "path": "/status/400", "resourcePath": "/{map+}", "headers": {"X-H": "1"}}),
        &json!({"backend": {"statusCode": 400, "body": "{\"status_code\": 400}"}}),
    );
    assert_eq!(r["statusCode"], 400);
    assert_eq!(r["body"], "{\"status_code\": 400}");
    assert_eq!(
        r["integrationRequest"]["uri"],
        "https://backend.example.com/status/400"
    );
    assert_eq!(r["integrationRequest"]["headers"]["X-H"], "1");
}

#[test]
fn lambda_errors_pass_through_the_default_response() {
    let r = evaluate(
        &json!({"type": "AWS", "httpMethod": "POST",
                "uri": "arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:123456789012:function:f/invocations",
                "integrationResponses": {"200": {"selectionPattern": ""}}}),
        &json!({"httpMethod": "POST", "body": "{\"a\": 1}"}),
        &json!({"backend": {"errorMessage": "boom", "errorType": "Exception"}}),
    );
    // handle-errors-in-lambda-integration.md: unmapped errors are 200.
    assert_eq!(r["statusCode"], 200);
    assert_eq!(
        r["body"],
        "{\"errorMessage\":\"boom\",\"errorType\":\"Exception\"}"
    );
    assert_eq!(r["integrationRequest"]["body"], "{\"a\": 1}");
}

#[test]
fn same_input_same_result() {
    let i = json!({"type": "AWS_PROXY", "httpMethod": "POST",
        "uri": "arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:123456789012:function:f/invocations"});
    let o = json!({"requestTimeEpoch": 1700000000000i64});
    assert_eq!(
        evaluate(&i, &json!({"path": "/a"}), &o),
        evaluate(&i, &json!({"path": "/a"}), &o)
    );
    let r = evaluate(&i, &json!({"path": "/a"}), &o);
    let event: Value =
        serde_json::from_str(r["integrationRequest"]["body"].as_str().unwrap()).unwrap();
    assert_eq!(
        event["requestContext"]["requestTime"],
        "14/Nov/2023:22:13:20 +0000"
    );
    assert_eq!(
        event["requestContext"]["requestTimeEpoch"],
        1700000000000i64
    );
}

fn mock(request_template: &str, responses: Value) -> Value {
    json!({"type": "MOCK", "requestTemplates": {"application/json": request_template}, "integrationResponses": responses})
}

#[test]
fn mock_scope_example_from_the_guide() {
    // how-to-mock-integration.md; awsdoc-mock-scope-*.
    let integ = mock(
        "{\n  #if( $input.params('scope') == \"internal\" )\n    \"statusCode\": 200\n  #else\n    \"statusCode\": 500\n  #end\n}",
        json!({"200": {"responseTemplates": {"application/json": "{\"message\": \"Go ahead without me\"}"}},
               "500": {"selectionPattern": "5\\d{2}", "responseTemplates": {"application/json": "{\"message\": \"no\"}"}}}),
    );
    let r = evaluate(
        &integ,
        &json!({"queryStringParameters": {"scope": "internal"}}),
        &json!({}),
    );
    assert_eq!(
        (r["statusCode"].as_u64(), r["body"].as_str()),
        (Some(200), Some("{\"message\": \"Go ahead without me\"}"))
    );
    let r = evaluate(
        &integ,
        &json!({"queryStringParameters": {"scope": "public"}}),
        &json!({}),
    );
    assert_eq!(
        (r["statusCode"].as_u64(), r["body"].as_str()),
        (Some(500), Some("{\"message\": \"no\"}"))
    );
    assert!(r["trace"]
        .as_array()
        .unwrap()
        .iter()
        .any(|s| s["step"] == "mockStatus" && s["statusCode"] == 500));
}

#[test]
fn mock_without_request_template_answers_the_default_response() {
    // "you can have a method of the mock integration return the default
    // integration response without defining the integration request mapping
    // template. The default integration response is the one with an
    // undefined HTTP status regex." (how-to-mock-integration.md)
    let responses = json!({
        "200": {"selectionPattern": "2\\d{2}", "responseTemplates": {"application/json": "by pattern"}},
        "418": {"responseTemplates": {"application/json": "default"}}});
    let r = evaluate(
        &json!({"type": "MOCK", "integrationResponses": responses}),
        &json!({}),
        &json!({}),
    );
    assert_eq!(
        (r["statusCode"].as_u64(), r["body"].as_str()),
        (Some(418), Some("default"))
    );
    // With a template, the status it prints is matched as usual.
    let r = evaluate(
        &mock("{\"statusCode\": 200}", responses),
        &json!({}),
        &json!({}),
    );
    assert_eq!(
        (r["statusCode"].as_u64(), r["body"].as_str()),
        (Some(200), Some("by pattern"))
    );
}

#[test]
fn mock_status_that_is_not_an_integer() {
    let r = evaluate(
        &mock("{\n  \"statusCode\": \"200\"\n}", json!({"200": {}})),
        &json!({}),
        &json!({}),
    );
    assert_eq!(r["statusCode"], 500);
    assert_eq!(r["body"], "{\"message\": \"Internal server error\"}");
    let d = &r["diagnostics"][0];
    assert_eq!(
        (
            d["template"].as_str(),
            d["line"].as_u64(),
            d["column"].as_u64()
        ),
        (Some("request:application/json"), Some(2), Some(4))
    );
    assert!(r["log"].as_array().unwrap().iter().any(|l| l
        == "Execution failed due to configuration error: statusCode should be an integer which defined in request template"));
}

#[test]
fn template_errors_are_500_with_a_located_diagnostic() {
    let r = evaluate(
        &mock(
            "{\"statusCode\": 200}",
            json!({"200": {"responseTemplates": {"application/json": "ok\n#if($a\n"}}}),
        ),
        &json!({}),
        &json!({}),
    );
    assert_eq!(r["statusCode"], 500);
    assert_eq!(r["body"], "{\"message\": \"Internal server error\"}");
    let d = &r["diagnostics"][0];
    assert_eq!(d["severity"], "error");
    assert_eq!(d["template"], "response:200:application/json");
    assert!(d["line"].as_u64().unwrap() >= 2);
}

#[test]
fn overrides_from_both_templates() {
    // ls-mock-responseoverride-in-request-template-*; override guide page.
    let r = evaluate(
        &mock(
            "#set($context.responseOverride.status = 444)\n#set($context.responseOverride.header.foo = \"bar\")\n{\"statusCode\": 200}",
            json!({"200": {"responseParameters": {"method.response.header.foo": "'mapped'"},
                           "responseTemplates": {"application/json": "$context.responseOverride.status"}}}),
        ),
        &json!({}),
        &json!({}),
    );
    assert_eq!(r["statusCode"], 444);
    assert_eq!(header(&r, "foo"), Some("bar"));
    assert_eq!(r["body"], "444");
    let r = evaluate(
        &json!({"type": "HTTP", "httpMethod": "GET", "uri": "https://backend.example.com/{id}",
                "requestTemplates": {"application/json": "#set($context.requestOverride.header.h3 = \"$input.params('h1')$input.params('h2')\")#set($context.requestOverride.path.id = 'x y')#set($context.requestOverride.querystring.q = 'v')#set($context.requestOverride.header.multi = ['a', 'b'])"},
                "integrationResponses": {"200": {}}}),
        &json!({"headers": {"h1": "A", "h2": "B"}}),
        &json!({}),
    );
    let ir = &r["integrationRequest"];
    assert_eq!(ir["headers"]["h3"], "AB");
    assert_eq!(ir["headers"]["multi"], "a,b");
    assert_eq!(ir["uri"], "https://backend.example.com/x%20y?q=v");
}

#[test]
fn overrides_are_final() {
    // "An override may only be applied to each parameter once. If you try to
    // override the same parameter multiple times, API Gateway returns a 5XX
    // response." (apigateway-override-request-response-parameters.md)
    let r = evaluate(
        &mock(
            "{\"statusCode\": 200}",
            json!({"200": {"responseTemplates": {"application/json": "#set($context.responseOverride.status = 400)\nbody\n#set($context.responseOverride.status = 404)\n"}}}),
        ),
        &json!({}),
        &json!({}),
    );
    assert_eq!(r["statusCode"], 500);
    assert_eq!(r["body"], "{\"message\": \"Internal server error\"}");
    let d = &r["diagnostics"][0];
    assert_eq!(
        (
            d["template"].as_str(),
            d["line"].as_u64(),
            d["column"].as_u64(),
            d["code"].as_str()
        ),
        (
            Some("response:200:application/json"),
            Some(3),
            Some(1),
            Some("override-twice")
        )
    );
    assert!(d["message"].as_str().unwrap().starts_with(
        "$context.responseOverride.status was already overridden at line 1; API Gateway allows one override per parameter"
    ));

    // In a loop, through an alias, and by index: still the same parameter.
    for (template, param, line) in [
        ("#foreach($i in [1, 2])\n#set($context.requestOverride.header.X = $i)\n#end", "$context.requestOverride.header.X", 2),
        ("#set($q = $context.requestOverride.querystring)\n#set($q.a = 1)\n#set($context.requestOverride.querystring['a'] = 2)", "$context.requestOverride.querystring.a", 2),
        ("#set($context.requestOverride.path.id = 'a')#set($context.requestOverride.path.id = 'a')", "$context.requestOverride.path.id", 1),
        ("$context.requestOverride.header.put('Y', 'a')\n#set($context.requestOverride.header.Y = 'b')", "$context.requestOverride.header.Y", 1),
        ("#set($context.responseOverride.header.h = 'a')\n\n#set($context.responseOverride.header.h = 'b')", "$context.responseOverride.header.h", 1),
    ] {
        let r = evaluate(
            &json!({"type": "HTTP", "httpMethod": "GET", "uri": "https://backend.example.com/{id}",
                    "requestTemplates": {"application/json": template}, "integrationResponses": {"200": {}}}),
            &json!({}),
            &json!({"backend": {"statusCode": 200, "body": "{}"}}),
        );
        assert_eq!(r["statusCode"], 500, "{template}");
        assert!(r["integrationRequest"].is_null(), "{template}");
        let msg = r["diagnostics"][0]["message"].as_str().unwrap();
        assert!(
            msg.starts_with(&format!("{param} was already overridden at line {line};")),
            "{template}: {msg}"
        );
    }

    // Not a second override: different parameters, non-override keys, a
    // null value (sets nothing), and one override per template (the guide
    // speaks of "the template"; inference).
    let r = evaluate(
        &mock(
            "#set($context.responseOverride.status = 201)#set($context.responseOverride.custom = 1)#set($context.responseOverride.custom = 2)#set($context.requestOverride.header.a = 1)#set($context.requestOverride.header.b = 1)#set($context.requestOverride.header.a = $nope){\"statusCode\": 200}",
            json!({"200": {"responseTemplates": {"application/json": "#set($context.responseOverride.status = 202)$context.responseOverride.custom"}}}),
        ),
        &json!({}),
        &json!({}),
    );
    assert_eq!(
        (r["statusCode"].as_u64(), r["body"].as_str()),
        (Some(202), Some("2"))
    );
    assert!(r["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .all(|d| d["severity"] != "error"));
}

#[test]
fn response_template_follows_accept() {
    let integ = mock(
        "{\"statusCode\": 200}",
        json!({"200": {"responseTemplates": {"application/xml": "<x/>", "application/json": "{}"}}}),
    );
    let r = evaluate(
        &integ,
        &json!({"headers": {"Accept": "application/xml"}}),
        &json!({}),
    );
    assert_eq!(
        (r["body"].as_str(), header(&r, "Content-Type")),
        (Some("<x/>"), Some("application/xml"))
    );
    let r = evaluate(&integ, &json!({}), &json!({}));
    assert_eq!(
        (r["body"].as_str(), header(&r, "Content-Type")),
        (Some("{}"), Some("application/json"))
    );
}

#[test]
fn unreadable_payload_is_400() {
    // toqoz-2015-122ff6ce.
    let r = evaluate(
        &json!({"type": "HTTP", "httpMethod": "POST", "uri": "https://backend.example.com/",
                "requestTemplates": {"application/json": "\"$input.path('$')\""}, "integrationResponses": {"200": {}}}),
        &json!({"httpMethod": "POST", "body": "{a"}),
        &json!({}),
    );
    assert_eq!(r["statusCode"], 400);
    assert_eq!(
        r["body"],
        "{\"message\": \"Could not process payloadnet.minidev.json.parser.ParseException: Unexpected End Of File position 1: null\"}"
    );
}

#[test]
fn vtl_recording_recipe() {
    // The shape of every vtl-aws-recorded case: trailing comma in the MOCK
    // template, the body carried to the response template through
    // $context.requestOverride.path.
    let r = evaluate(
        &json!({"type": "MOCK", "requestTemplates": {"application/json":
                "\n  #set($context.requestOverride.path.body = $input.body)\n  {\n    \"statusCode\": 200,\n  }\n  "},
                "integrationResponses": {"200": {"statusCode": "200", "responseTemplates": {"application/json":
                "#set($body = $context.requestOverride.path.body)\n#set($bodyJSON = $util.parseJson($body))\n$bodyJSON.a"}}}}),
        &json!({"httpMethod": "POST", "headers": {"Content-Type": "application/json", "Accept": "*/*"}, "body": "{\"a\": \"hi\"}"}),
        &json!({}),
    );
    assert_eq!(
        (r["statusCode"].as_u64(), r["body"].as_str()),
        (Some(200), Some("hi"))
    );
}

#[test]
fn content_handling_conversions() {
    // api-gateway-payload-encodings-workflow.md.
    let integ = |handling: &str, resp_handling: Value| {
        json!({"type": "HTTP", "httpMethod": "POST", "uri": "https://backend.example.com/", "contentHandling": handling,
               "requestTemplates": {"application/json": "{\"data\": \"$input.body\"}"},
               "integrationResponses": {"200": {"contentHandling": resp_handling}}})
    };
    // Binary in, CONVERT_TO_TEXT: the template sees base64.
    let r = evaluate(
        &integ("CONVERT_TO_TEXT", Value::Null),
        &json!({"body": "aGk=", "isBase64Encoded": true}),
        &json!({}),
    );
    assert_eq!(r["integrationRequest"]["body"], "{\"data\": \"aGk=\"}");
    // Text that is not base64 under CONVERT_TO_BINARY: 500.
    let passthrough = json!({"type": "HTTP", "httpMethod": "POST", "uri": "https://backend.example.com/",
        "contentHandling": "CONVERT_TO_BINARY", "integrationResponses": {"200": {}}});
    let r = evaluate(
        &passthrough,
        &json!({"headers": {"Content-Type": "text/plain"}, "body": "not base64!"}),
        &json!({}),
    );
    assert_eq!(r["statusCode"], 500);
    let r = evaluate(
        &passthrough,
        &json!({"headers": {"Content-Type": "text/plain"}, "body": "aGk="}),
        &json!({}),
    );
    assert_eq!(
        (
            r["integrationRequest"]["isBase64Encoded"].as_bool(),
            r["integrationRequest"]["body"].as_str()
        ),
        (Some(true), Some("aGk="))
    );
    // Binary out: passes through as binary; CONVERT_TO_TEXT makes it base64 text.
    let backend = json!({"backend": {"body": "aGk=", "isBase64Encoded": true}});
    let r = evaluate(&integ("CONVERT_TO_TEXT", Value::Null), &json!({}), &backend);
    assert_eq!(
        (r["isBase64Encoded"].as_bool(), r["body"].as_str()),
        (Some(true), Some("aGk="))
    );
    let r = evaluate(
        &integ("CONVERT_TO_TEXT", json!("CONVERT_TO_TEXT")),
        &json!({}),
        &backend,
    );
    assert_eq!(
        (r["isBase64Encoded"].as_bool(), r["body"].as_str()),
        (Some(false), Some("aGk="))
    );
}

#[test]
fn template_steps_carry_provenance() {
    let r = evaluate(
        &mock(
            "{\"statusCode\": 200}",
            json!({"200": {"responseTemplates": {"application/json": "a$input.params('x')b"}}}),
        ),
        &json!({"queryStringParameters": {"x": "XY"}}),
        &json!({}),
    );
    assert_eq!(r["body"], "aXYb");
    let step = r["trace"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["step"] == "responseTemplate")
        .unwrap();
    let prov = step["provenance"].as_array().unwrap();
    // "XY" (output 1..3) came from `$input.params('x')` (template 1..19).
    assert!(
        prov.iter()
            .any(|p| p["output"] == json!([1, 3]) && p["source"] == json!([1, 19])),
        "{prov:?}"
    );
}

#[test]
fn lambda_payload_must_be_json() {
    let r = evaluate(
        &json!({"type": "AWS", "httpMethod": "POST",
                "uri": "arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:123456789012:function:f/invocations",
                "integrationResponses": {"200": {}}}),
        &json!({"httpMethod": "POST", "headers": {"Content-Type": "application/x-www-form-urlencoded"}, "body": "a=b&c=d"}),
        &json!({"backend": {"payload": "never called"}}),
    );
    assert_eq!(r["statusCode"], 400);
    assert!(r["body"]
        .as_str()
        .unwrap()
        .starts_with("{\"message\": \"Could not parse request body into json: "));
    assert!(r["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .any(|d| d["code"] == "lambda-payload"));
}

fn body_links(r: &Value, target: &str) -> Vec<Value> {
    r["provenance"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|p| p["target"] == target)
        .cloned()
        .collect()
}

#[test]
fn result_provenance_links_the_client_body_and_the_request_body() {
    let r = evaluate(
        &mock(
            "{\"statusCode\": $input.params('code')}",
            json!({"200": {"responseTemplates": {"application/json": "\u{e9}$input.params('x')b"}}}),
        ),
        &json!({"queryStringParameters": {"x": "\u{fc}Y", "code": "200"}}),
        &json!({}),
    );
    assert_eq!(r["body"], "\u{e9}\u{fc}Yb");
    let body = body_links(&r, "body");
    // "üY" is output bytes 2..5 (é and ü are two bytes each), from
    // `$input.params('x')` at template bytes 2..20: UTF-8 byte offsets
    // into the client body itself.
    assert!(
        body.iter()
            .any(|p| p["template"] == "response:200:application/json"
                && p["output"] == json!([2, 5])
                && p["source"] == json!([2, 20])),
        "{body:?}"
    );
    let request = body_links(&r, "integrationRequest.body");
    // "200" in `{"statusCode": 200}` (bytes 15..18) from `$input.params('code')`.
    assert!(
        request
            .iter()
            .any(|p| p["template"] == "request:application/json"
                && p["output"] == json!([15, 18])
                && p["source"] == json!([15, 36])),
        "{request:?}"
    );
}

#[test]
fn result_provenance_leaves_out_a_body_the_template_did_not_produce() {
    // The response template fails: the client gets the gateway's 500, so
    // nothing links into that body; the request template's output is
    // still the integration request body.
    let r = evaluate(
        &mock(
            "{\"statusCode\": 200}",
            json!({"200": {"responseTemplates": {"application/json": "$util.parseJson('{')"}}}),
        ),
        &json!({}),
        &json!({}),
    );
    assert_eq!(r["statusCode"], 500);
    assert_eq!(body_links(&r, "body"), Vec::<Value>::new());
    assert!(!body_links(&r, "integrationRequest.body").is_empty());
    // No response template at all: the body passes through, no links.
    let r = evaluate(
        &mock("{\"statusCode\": 200}", json!({"200": {}})),
        &json!({}),
        &json!({}),
    );
    assert_eq!(body_links(&r, "body"), Vec::<Value>::new());
}
