//! What PutIntegration / PutIntegrationResponse reject (seed 001, the
//! GetIntegration reference), in AWS's own BadRequestException wording, so
//! the user sees the error AWS would have given when they saved the
//! integration. Nothing runs when any of these fail.
//!
//! Message texts are AWS's (as reported by AWS's API; the same strings are
//! asserted by emulators' AWS-validated tests). Where a check has no known
//! AWS text, the message says so plainly.

use super::{ContentHandling, Integration, IntegrationType, PassthroughBehavior};

/// One rejected field.
#[derive(Clone, Debug, PartialEq)]
pub struct Violation {
    /// Path of the offending field in the input ("uri", "integrationResponses.400.selectionPattern").
    pub field: String,
    /// AWS's message.
    pub message: String,
    /// Extra explanation from mockgate (e.g. the regex error), if any.
    pub detail: Option<String>,
}

/// Non-fatal remarks on a valid integration.
#[derive(Clone, Debug, PartialEq)]
pub struct Remark {
    pub field: String,
    pub message: String,
}

const MAPPING_PREFIX: &str =
    "Invalid mapping expression specified: Validation Result: warnings : [], errors : [";
const HTTP_METHODS: &[&str] = &[
    "GET", "PUT", "POST", "DELETE", "PATCH", "OPTIONS", "HEAD", "ANY",
];
const PARAM_LOCATIONS: &[&str] = &[
    "path",
    "querystring",
    "multivaluequerystring",
    "header",
    "multivalueheader",
];

fn v(field: impl Into<String>, message: impl Into<String>) -> Violation {
    Violation {
        field: field.into(),
        message: message.into(),
        detail: None,
    }
}

/// Field names in the shape the user gave (camelCase or PascalCase).
fn name(i: &Integration, camel: &'static str) -> &'static str {
    use super::Shape::CloudFormation;
    if i.shape != CloudFormation {
        return camel;
    }
    match camel {
        "type" => "Type",
        "httpMethod" => "IntegrationHttpMethod",
        "uri" => "Uri",
        "timeoutInMillis" => "TimeoutInMillis",
        "passthroughBehavior" => "PassthroughBehavior",
        "contentHandling" => "ContentHandling",
        "requestParameters" => "RequestParameters",
        "selectionPattern" => "SelectionPattern",
        "statusCode" => "StatusCode",
        "responseParameters" => "ResponseParameters",
        other => other,
    }
}

pub fn validate(i: &Integration, regex_limit: usize) -> (Vec<Violation>, Vec<Remark>) {
    let mut out = Vec::new();
    let mut remarks = Vec::new();

    match i.type_raw.as_deref() {
        None => out.push(v(
            name(i, "type"),
            "1 validation error detected: Value null at 'putIntegrationInput.type' failed to satisfy constraint: Member must not be null",
        )),
        Some(t) if IntegrationType::parse(t).is_none() => out.push(v(
            name(i, "type"),
            format!("1 validation error detected: Value '{t}' at 'putIntegrationInput.type' failed to satisfy constraint: Member must satisfy enum value set: [HTTP, AWS, MOCK, HTTP_PROXY, AWS_PROXY]"),
        )),
        _ => {}
    }
    let kind = i.type_raw.as_deref().and_then(IntegrationType::parse);

    // httpMethod: required for every type but MOCK (seed 001).
    match (&i.http_method, kind) {
        (None, Some(k)) if k != IntegrationType::Mock => {
            out.push(v(name(i, "httpMethod"), "Enumeration value for HttpMethod must be non-empty"))
        }
        (Some(m), _) if m.is_empty() && kind != Some(IntegrationType::Mock) => {
            out.push(v(name(i, "httpMethod"), "Enumeration value for HttpMethod must be non-empty"))
        }
        (Some(m), _) if !m.is_empty() && !HTTP_METHODS.contains(&m.to_ascii_uppercase().as_str()) => out.push(v(
            name(i, "httpMethod"),
            "Invalid HttpMethod specified. Valid options are GET,PUT,POST,DELETE,PATCH,OPTIONS,HEAD,ANY",
        )),
        _ => {}
    }

    match kind {
        // A `<placeholder>` URI (as in shared examples) is allowed with a
        // warning so the rest can be tried; AWS itself would reject it.
        Some(_) if i.uri.as_deref().is_some_and(is_placeholder) => remarks.push(Remark {
            field: name(i, "uri").into(),
            message: format!(
                "the uri {:?} is a placeholder; PutIntegration would reject it ({})",
                i.uri.as_deref().unwrap_or_default(),
                if matches!(
                    kind,
                    Some(IntegrationType::Http | IntegrationType::HttpProxy)
                ) {
                    "Invalid HTTP endpoint specified for URI"
                } else {
                    "Invalid ARN specified in the request"
                }
            ),
        }),
        Some(IntegrationType::Http | IntegrationType::HttpProxy)
            if !i.uri.as_deref().is_some_and(is_http_url) =>
        {
            out.push(v(name(i, "uri"), "Invalid HTTP endpoint specified for URI"));
        }
        Some(k @ (IntegrationType::Aws | IntegrationType::AwsProxy)) => match i.uri.as_deref() {
            None => out.push(v(name(i, "uri"), "Invalid ARN specified in the request")),
            Some(uri) => match parse_apigateway_arn(uri) {
                Err(ArnError::NotAnArn) => {
                    out.push(v(name(i, "uri"), "Invalid ARN specified in the request"))
                }
                Err(ArnError::NoPathOrAction) => out.push(v(
                    name(i, "uri"),
                    "AWS ARN for integration must contain path or action",
                )),
                Ok(arn) => {
                    let lambda = arn.service == "lambda" && arn.rest.contains("/functions/");
                    if k == IntegrationType::AwsProxy && !lambda && arn.service != "firehose" {
                        out.push(v(
                            name(i, "uri"),
                            "Integrations of type 'AWS_PROXY' currently only supports Lambda function and Firehose stream invocations.",
                        ));
                    }
                    if lambda
                        && i.http_method
                            .as_deref()
                            .is_some_and(|m| !m.eq_ignore_ascii_case("POST"))
                    {
                        // Accepted by PutIntegration, fails at run time: Lambda's
                        // Invoke API is POST only (GetIntegration reference:
                        // "For Lambda integrations, you must set the integration method to POST").
                        remarks.push(Remark {
                            field: name(i, "httpMethod").into(),
                            message: "Lambda integrations must use httpMethod POST; Lambda rejects other methods at run time".into(),
                        });
                    }
                }
            },
        },
        _ => {}
    }

    if let Some(t) = i.timeout_in_millis {
        if !(50..=29000).contains(&t) {
            out.push(v(
                name(i, "timeoutInMillis"),
                "Timeout should be between 50 ms and 29000 ms",
            ));
        }
    }
    if let Some(p) = &i.passthrough_raw {
        if PassthroughBehavior::parse(p).is_none() {
            let mut e = v(
                name(i, "passthroughBehavior"),
                "Invalid passthrough behavior specified",
            );
            e.detail = Some(format!(
                "'{p}' is not one of WHEN_NO_MATCH, WHEN_NO_TEMPLATES, NEVER"
            ));
            out.push(e);
        }
    }
    if let Some(c) = &i.content_handling {
        if ContentHandling::parse(c).is_none() {
            out.push(content_handling_error(name(i, "contentHandling"), c));
        }
    }

    for (key, source) in &i.request_parameters {
        let field = format!("{}.{}", name(i, "requestParameters"), key);
        if !is_integration_request_key(key) {
            out.push(v(
                &field,
                format!("{MAPPING_PREFIX}Invalid mapping expression parameter specified: {key}]"),
            ));
        } else if !is_request_source(source) {
            out.push(v(
                &field,
                format!("{MAPPING_PREFIX}Invalid mapping expression specified: {source}]"),
            ));
        }
    }

    for r in &i.integration_responses {
        let status_field = format!("{}.{}", r.origin, name(i, "statusCode"));
        if !is_status_code(&r.status_code) {
            out.push(v(
                status_field,
                format!("1 validation error detected: Value '{}' at 'statusCode' failed to satisfy constraint: Member must satisfy regular expression pattern: [1-5]\\d\\d", r.status_code),
            ));
        }
        if let Some(p) = r.selection_pattern.as_deref().filter(|p| !p.is_empty()) {
            if let Err(e) = crate::selection::compile_full(p, regex_limit) {
                let mut viol = v(
                    format!("{}.{}", r.origin, name(i, "selectionPattern")),
                    "Invalid selection pattern specified",
                );
                viol.detail = Some(e);
                out.push(viol);
            }
        }
        if let Some(c) = &r.content_handling {
            if ContentHandling::parse(c).is_none() {
                out.push(content_handling_error(
                    format!("{}.{}", r.origin, name(i, "contentHandling")),
                    c,
                ));
            }
        }
        for (key, source) in &r.response_parameters {
            let field = format!("{}.{}.{}", r.origin, name(i, "responseParameters"), key);
            if !is_method_response_key(key) {
                out.push(v(
                    &field,
                    format!(
                        "{MAPPING_PREFIX}Invalid mapping expression parameter specified: {key}]"
                    ),
                ));
            } else if !is_response_source(source) {
                out.push(v(
                    &field,
                    format!("{MAPPING_PREFIX}Invalid mapping expression specified: {source}]"),
                ));
            }
        }
    }
    if kind.is_some_and(IntegrationType::is_proxy) {
        // Proxy integrations have no mappings (override guide: "cannot be
        // used with proxy integration endpoints"; integration response guide).
        if !i.request_templates.is_empty() {
            remarks.push(Remark {
                field: "requestTemplates".into(),
                message:
                    "ignored: proxy integrations pass the request through without mapping templates"
                        .into(),
            });
        }
        if i.integration_responses
            .iter()
            .any(|r| !r.response_templates.is_empty() || !r.response_parameters.is_empty())
        {
            remarks.push(Remark {
                field: "integrationResponses".into(),
                message: "ignored: proxy integrations return the endpoint's response as is".into(),
            });
        }
    }
    if i.is_lambda() && kind == Some(IntegrationType::Aws) {
        for r in &i.integration_responses {
            let Some(p) = r.selection_pattern.as_deref().filter(|p| !p.is_empty()) else {
                continue;
            };
            let status_like = p
                .replace("\\d", "")
                .chars()
                .all(|c| c.is_ascii_digit() || "{}[]-|()?*+,".contains(c));
            if status_like {
                // Evidence ls-lambda-selection-pattern-200: a 504 response with
                // pattern "200" is never chosen for a successful invocation.
                remarks.push(Remark {
                    field: format!("{}.selectionPattern", r.origin),
                    message: format!("/{p}/ looks like a status code, but a Lambda integration matches selection patterns against the function's errorMessage"),
                });
            }
        }
    }
    if kind.is_some_and(|k| !k.is_proxy()) {
        let defaults = i
            .integration_responses
            .iter()
            .filter(|r| r.is_default())
            .count();
        if defaults > 1 {
            remarks.push(Remark {
                field: "integrationResponses".into(),
                message: "more than one default integration response (no selectionPattern); only the first is ever used".into(),
            });
        }
    }
    (out, remarks)
}

fn content_handling_error(field: impl Into<String>, value: &str) -> Violation {
    v(
        field,
        format!("1 validation error detected: Value '{value}' at 'contentHandling' failed to satisfy constraint: Member must satisfy enum value set: [CONVERT_TO_BINARY, CONVERT_TO_TEXT]"),
    )
}

fn is_placeholder(u: &str) -> bool {
    u.starts_with('<') && u.contains('>')
}

fn is_status_code(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() == 3 && (b'1'..=b'5').contains(&b[0]) && b[1].is_ascii_digit() && b[2].is_ascii_digit()
}

/// A fully formed http(s) URL with a host (seed 001: "fully formed, encoded
/// HTTP(S) URL according to the RFC-3986"). `${stageVariables.x}` may stand
/// for any part of it (stage-variables reference), so it counts as host text.
pub fn is_http_url(u: &str) -> bool {
    let lower = u.to_ascii_lowercase();
    let rest = if let Some(r) = lower.strip_prefix("https://") {
        r
    } else if let Some(r) = lower.strip_prefix("http://") {
        r
    } else {
        return lower.starts_with("${stagevariables.");
    };
    let host = rest.split(['/', '?', '#']).next().unwrap_or("");
    !host.is_empty() && !u.chars().any(|c| c.is_whitespace())
}

#[derive(Debug, PartialEq)]
pub enum ArnError {
    NotAnArn,
    NoPathOrAction,
}

#[derive(Debug, PartialEq)]
pub struct ApiGatewayArn<'a> {
    pub region: &'a str,
    pub service: &'a str,
    /// "path" or "action".
    pub kind: &'a str,
    pub rest: &'a str,
}

/// `arn:aws:apigateway:{region}:{subdomain.service|service}:path|action/{service_api}` (seed 001).
pub fn parse_apigateway_arn(uri: &str) -> Result<ApiGatewayArn<'_>, ArnError> {
    let mut parts = uri.splitn(6, ':');
    let (Some("arn"), Some(partition), Some("apigateway"), Some(region), Some(service), Some(tail)) = (
        parts.next(),
        parts.next(),
        parts.next(),
        parts.next(),
        parts.next(),
        parts.next(),
    ) else {
        return Err(ArnError::NotAnArn);
    };
    if !partition.starts_with("aws") || region.is_empty() || service.is_empty() {
        return Err(ArnError::NotAnArn);
    }
    let (kind, rest) = tail.split_once('/').ok_or(ArnError::NoPathOrAction)?;
    if kind != "path" && kind != "action" {
        return Err(ArnError::NoPathOrAction);
    }
    let service = service.rsplit('.').next().unwrap_or(service);
    Ok(ApiGatewayArn {
        region,
        service,
        kind,
        rest,
    })
}

fn is_integration_request_key(k: &str) -> bool {
    let Some(rest) = k.strip_prefix("integration.request.") else {
        return false;
    };
    PARAM_LOCATIONS.iter().any(|loc| {
        rest.strip_prefix(loc)
            .and_then(|r| r.strip_prefix('.'))
            .is_some_and(|n| !n.is_empty())
    })
}

fn is_method_response_key(k: &str) -> bool {
    k.strip_prefix("method.response.header.")
        .is_some_and(|n| !n.is_empty())
}

fn is_common_source(s: &str) -> bool {
    (s.len() >= 2 && s.starts_with('\'') && s.ends_with('\'') && !s[1..s.len() - 1].contains('\''))
        || s.strip_prefix("stageVariables.")
            .is_some_and(|n| !n.is_empty())
        || s.strip_prefix("context.").is_some_and(|n| !n.is_empty())
}

fn is_request_source(s: &str) -> bool {
    if is_common_source(s) || s == "method.request.body" || s.starts_with("method.request.body.") {
        return true;
    }
    let Some(rest) = s.strip_prefix("method.request.") else {
        return false;
    };
    PARAM_LOCATIONS.iter().any(|loc| {
        rest.strip_prefix(loc)
            .and_then(|r| r.strip_prefix('.'))
            .is_some_and(|n| !n.is_empty())
    })
}

fn is_response_source(s: &str) -> bool {
    is_common_source(s)
        || s == "integration.response.body"
        || s.strip_prefix("integration.response.body.")
            .is_some_and(|n| !n.is_empty())
        || s.strip_prefix("integration.response.header.")
            .is_some_and(|n| !n.is_empty())
        || s.strip_prefix("integration.response.multivalueheader.")
            .is_some_and(|n| !n.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn check(j: serde_json::Value) -> Vec<Violation> {
        validate(&Integration::from_json(&j).unwrap(), 1 << 20).0
    }

    #[test]
    fn required_fields_per_type() {
        let e = check(json!({"type": "HTTP", "uri": "https://example.com"}));
        assert_eq!(
            e[0].message,
            "Enumeration value for HttpMethod must be non-empty"
        );
        let e = check(json!({"type": "HTTP", "httpMethod": "GET"}));
        assert_eq!(e[0].message, "Invalid HTTP endpoint specified for URI");
        assert!(check(json!({"type": "MOCK"})).is_empty());
        let e = check(json!({"type": "FOO"}));
        assert!(e[0]
            .message
            .contains("Value 'FOO' at 'putIntegrationInput.type'"));
    }

    #[test]
    fn uri_forms() {
        assert!(is_http_url("http://httpbin.org/status/{status}"));
        assert!(!is_http_url("non-valid-http"));
        assert!(!is_http_url("https://"));
        let e = check(json!({"type": "AWS", "httpMethod": "POST", "uri": "non-valid-arn"}));
        assert_eq!(e[0].message, "Invalid ARN specified in the request");
        let e = check(
            json!({"type": "AWS", "httpMethod": "POST", "uri": "arn:aws:apigateway:us-east-1:kinesis:ListStreams"}),
        );
        assert_eq!(
            e[0].message,
            "AWS ARN for integration must contain path or action"
        );
        assert!(check(json!({"type": "AWS", "httpMethod": "POST", "uri": "arn:aws:apigateway:us-east-1:kinesis:action/ListStreams"})).is_empty());
        let e = check(
            json!({"type": "AWS_PROXY", "httpMethod": "POST", "uri": "arn:aws:apigateway:us-east-1:kinesis:action/ListStreams"}),
        );
        assert!(e[0].message.starts_with("Integrations of type 'AWS_PROXY'"));
        assert!(check(json!({"type": "AWS_PROXY", "httpMethod": "POST",
            "uri": "arn:aws:apigateway:us-west-2:lambda:path/2015-03-31/functions/arn:aws:lambda:us-west-2:123456789012:function:Calc/invocations"})).is_empty());
    }

    #[test]
    fn timeout_enum_and_mapping_values() {
        let e = check(json!({"type": "MOCK", "timeoutInMillis": 30000}));
        assert_eq!(e[0].message, "Timeout should be between 50 ms and 29000 ms");
        let e = check(json!({"type": "MOCK", "passthroughBehavior": "SOMETIMES"}));
        assert_eq!(e[0].message, "Invalid passthrough behavior specified");
        let e = check(json!({"type": "MOCK", "contentHandling": "CONVERT"}));
        assert!(e[0].message.contains("'contentHandling'"));
        let e = check(
            json!({"type": "MOCK", "requestParameters": {"integration.request.body.x": "method.request.path.a"}}),
        );
        assert!(e[0].message.ends_with(
            "Invalid mapping expression parameter specified: integration.request.body.x]"
        ));
        let e = check(
            json!({"type": "MOCK", "requestParameters": {"integration.request.path.x": "method.request.nowhere.a"}}),
        );
        assert!(e[0]
            .message
            .ends_with("Invalid mapping expression specified: method.request.nowhere.a]"));
        assert!(check(json!({"type": "MOCK", "requestParameters": {"integration.request.header.x": "'static'",
            "integration.request.querystring.y": "context.requestId", "integration.request.path.z": "stageVariables.v"}})).is_empty());
        let e = check(json!({"type": "MOCK", "integrationResponses": {"abc": {}}}));
        assert!(e[0].message.contains("[1-5]\\d\\d"));
    }

    #[test]
    fn pitfall_remarks() {
        let lambda = "arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:1:function:f/invocations";
        let i = Integration::from_json(&json!({"type": "AWS", "httpMethod": "POST", "uri": lambda,
            "integrationResponses": {"200": {}, "504": {"selectionPattern": "200"}, "400": {"selectionPattern": "4\\d{2}"}, "405": {"selectionPattern": ".*four.*"}}})).unwrap();
        let (v, r) = validate(&i, 1 << 20);
        assert!(v.is_empty());
        assert_eq!(r.len(), 2);
        assert!(r[0].message.contains("errorMessage"));
        let i = Integration::from_json(
            &json!({"type": "AWS_PROXY", "httpMethod": "POST", "uri": lambda,
            "requestTemplates": {"application/json": "x"}}),
        )
        .unwrap();
        assert!(validate(&i, 1 << 20).1[0].message.starts_with("ignored"));
    }

    #[test]
    fn arn_parts() {
        let a =
            parse_apigateway_arn("arn:aws:apigateway:us-west-2:s3:path/{bucket}/{key}").unwrap();
        assert_eq!(
            (a.region, a.service, a.kind, a.rest),
            ("us-west-2", "s3", "path", "{bucket}/{key}")
        );
    }
}

#[cfg(test)]
mod regex_tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn invalid_selection_pattern() {
        let i = Integration::from_json(&json!({"type": "MOCK", "integrationResponses": {"400": {"selectionPattern": "4(\\d"}}})).unwrap();
        let (v, _) = validate(&i, 1 << 20);
        assert_eq!(v[0].message, "Invalid selection pattern specified");
        assert_eq!(v[0].field, "integrationResponses.400.selectionPattern");
        assert!(v[0].detail.is_some());
    }
}
