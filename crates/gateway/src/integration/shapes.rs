//! The three shapes an integration arrives in, told apart by their keys:
//!
//! 1. GetIntegration JSON (`type`, `integrationResponses` keyed by status
//!    code; the raw HAL form with `_embedded."integration:responses"` too),
//! 2. an OpenAPI `x-amazon-apigateway-integration` object (`responses`
//!    keyed by selection pattern, `default` for the default response;
//!    lower-case `type` and `passthroughBehavior`),
//! 3. a CloudFormation `AWS::ApiGateway::Method` `Integration` property
//!    (PascalCase, `IntegrationResponses` a list).
//!
//! Unknown fields are ignored (`_links`, `cacheNamespace`, ...).

use indexmap::IndexMap;
use serde_json::{Map, Value};

use super::{
    Integration, IntegrationResponse, IntegrationType, PassthroughBehavior, Shape, ShapeError,
};

const CFN_KEYS: &[&str] = &[
    "Type",
    "Uri",
    "IntegrationHttpMethod",
    "IntegrationResponses",
    "RequestTemplates",
    "RequestParameters",
    "PassthroughBehavior",
    "ContentHandling",
    "TimeoutInMillis",
];

const GET_INTEGRATION_KEYS: &[&str] = &[
    "type",
    "integrationResponses",
    "requestTemplates",
    "requestParameters",
    "httpMethod",
    "uri",
    "passthroughBehavior",
    "_embedded",
];

fn err(field: impl Into<String>, message: impl Into<String>) -> ShapeError {
    ShapeError {
        field: field.into(),
        message: message.into(),
    }
}

pub fn parse(v: &Value) -> Result<Integration, ShapeError> {
    let obj = v.as_object().ok_or_else(|| {
        err(
            "integration",
            format!(
                "expected a JSON object (GetIntegration output, an OpenAPI x-amazon-apigateway-integration object or a CloudFormation Integration property), got {}",
                json_kind(v)
            ),
        )
    })?;
    // Wrappers people paste: the OpenAPI operation's extension key, a
    // CloudFormation method resource or its Properties.
    if let Some(inner) = obj.get("x-amazon-apigateway-integration") {
        return parse(inner);
    }
    if let Some(props) = obj.get("Properties").and_then(Value::as_object) {
        if let Some(inner) = props.get("Integration") {
            return parse(inner);
        }
    }
    if let Some(inner) = obj.get("Integration") {
        if !obj.contains_key("Type") {
            return parse(inner);
        }
    }
    if CFN_KEYS.iter().any(|k| obj.contains_key(*k)) {
        return cloudformation(obj);
    }
    let lower_type = obj
        .get("type")
        .and_then(Value::as_str)
        .is_some_and(|t| t.chars().any(|c| c.is_ascii_lowercase()));
    if obj.contains_key("responses") || lower_type {
        return openapi(obj);
    }
    if GET_INTEGRATION_KEYS.iter().any(|k| obj.contains_key(*k)) {
        return get_integration(obj);
    }
    Err(err(
        "integration",
        "not an integration: expected `type` (GetIntegration or OpenAPI x-amazon-apigateway-integration) or `Type` (CloudFormation Integration property)",
    ))
}

fn json_kind(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

fn opt_str(obj: &Map<String, Value>, key: &str, path: &str) -> Result<Option<String>, ShapeError> {
    match obj.get(key) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(s)) => Ok(Some(s.clone())),
        Some(other) => Err(err(
            join(path, key),
            format!("expected a string, got {}", json_kind(other)),
        )),
    }
}

/// A status code may be written as a number in CloudFormation and OpenAPI
/// documents; AWS stores it as a string.
fn opt_status(
    obj: &Map<String, Value>,
    key: &str,
    path: &str,
) -> Result<Option<String>, ShapeError> {
    match obj.get(key) {
        Some(Value::Number(n)) => Ok(Some(n.to_string())),
        _ => opt_str(obj, key, path),
    }
}

fn opt_int(obj: &Map<String, Value>, key: &str, path: &str) -> Result<Option<i64>, ShapeError> {
    match obj.get(key) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::Number(n)) => n
            .as_i64()
            .map(Some)
            .ok_or_else(|| err(join(path, key), format!("expected an integer, got {n}"))),
        // CloudFormation templates often quote numbers.
        Some(Value::String(s)) => s
            .trim()
            .parse::<i64>()
            .map(Some)
            .map_err(|_| err(join(path, key), format!("expected an integer, got \"{s}\""))),
        Some(other) => Err(err(
            join(path, key),
            format!("expected an integer, got {}", json_kind(other)),
        )),
    }
}

fn str_map(
    obj: &Map<String, Value>,
    key: &str,
    path: &str,
) -> Result<IndexMap<String, String>, ShapeError> {
    let mut out = IndexMap::new();
    match obj.get(key) {
        None | Some(Value::Null) => {}
        Some(Value::Object(m)) => {
            for (k, v) in m {
                match v {
                    Value::String(s) => {
                        out.insert(k.clone(), s.clone());
                    }
                    // A null template / mapping is the same as none.
                    Value::Null => {}
                    other => {
                        return Err(err(
                            format!("{}.{}", join(path, key), k),
                            format!("expected a string, got {}", json_kind(other)),
                        ))
                    }
                }
            }
        }
        Some(other) => {
            return Err(err(
                join(path, key),
                format!("expected an object of strings, got {}", json_kind(other)),
            ))
        }
    }
    Ok(out)
}

fn join(path: &str, key: &str) -> String {
    if path.is_empty() {
        key.to_string()
    } else {
        format!("{path}.{key}")
    }
}

struct Common {
    type_raw: Option<String>,
    http_method: Option<String>,
    uri: Option<String>,
    request_parameters: IndexMap<String, String>,
    request_templates: IndexMap<String, String>,
    passthrough_raw: Option<String>,
    content_handling: Option<String>,
    timeout_in_millis: Option<i64>,
}

fn build(shape: Shape, c: Common, responses: Vec<IntegrationResponse>) -> Integration {
    // Unknown or missing values are reported by validate(); the pipeline
    // never runs an integration that failed validation.
    let kind = c
        .type_raw
        .as_deref()
        .and_then(IntegrationType::parse)
        .unwrap_or(IntegrationType::Mock);
    let passthrough_behavior = c
        .passthrough_raw
        .as_deref()
        .and_then(PassthroughBehavior::parse)
        .unwrap_or_default();
    Integration {
        shape,
        type_raw: c.type_raw,
        kind,
        http_method: c.http_method,
        uri: c.uri,
        request_parameters: c.request_parameters,
        request_templates: c.request_templates,
        passthrough_raw: c.passthrough_raw,
        passthrough_behavior,
        content_handling: c.content_handling,
        timeout_in_millis: c.timeout_in_millis,
        integration_responses: responses,
    }
}

fn get_integration(obj: &Map<String, Value>) -> Result<Integration, ShapeError> {
    let c = Common {
        type_raw: opt_str(obj, "type", "")?,
        http_method: opt_str(obj, "httpMethod", "")?,
        uri: opt_str(obj, "uri", "")?,
        request_parameters: str_map(obj, "requestParameters", "")?,
        request_templates: str_map(obj, "requestTemplates", "")?,
        passthrough_raw: opt_str(obj, "passthroughBehavior", "")?,
        content_handling: opt_str(obj, "contentHandling", "")?,
        timeout_in_millis: opt_int(obj, "timeoutInMillis", "")?,
    };
    let mut responses = Vec::new();
    match obj.get("integrationResponses") {
        None | Some(Value::Null) => {}
        Some(Value::Object(m)) => {
            for (status, r) in m {
                let path = format!("integrationResponses.{status}");
                responses.push(camel_response(r, &path, Some(status))?);
            }
        }
        // Lenient: a list of responses each carrying its statusCode.
        Some(Value::Array(list)) => {
            for (i, r) in list.iter().enumerate() {
                responses.push(camel_response(
                    r,
                    &format!("integrationResponses[{i}]"),
                    None,
                )?);
            }
        }
        Some(other) => {
            return Err(err(
                "integrationResponses",
                format!(
                    "expected an object keyed by status code, got {}",
                    json_kind(other)
                ),
            ))
        }
    }
    // The raw REST (HAL) form embeds the responses.
    if let Some(emb) = obj
        .get("_embedded")
        .and_then(|e| e.get("integration:responses"))
    {
        let list: Vec<&Value> = match emb {
            Value::Array(l) => l.iter().collect(),
            other => vec![other],
        };
        for (i, r) in list.into_iter().enumerate() {
            responses.push(camel_response(
                r,
                &format!("_embedded.integration:responses[{i}]"),
                None,
            )?);
        }
    }
    Ok(build(Shape::GetIntegration, c, responses))
}

fn camel_response(
    r: &Value,
    path: &str,
    key: Option<&str>,
) -> Result<IntegrationResponse, ShapeError> {
    let obj = r
        .as_object()
        .ok_or_else(|| err(path, format!("expected an object, got {}", json_kind(r))))?;
    let status = opt_status(obj, "statusCode", path)?
        .or_else(|| key.map(str::to_string))
        .ok_or_else(|| {
            err(
                join(path, "statusCode"),
                "missing: every integration response needs a statusCode",
            )
        })?;
    Ok(IntegrationResponse {
        status_code: status,
        selection_pattern: opt_str(obj, "selectionPattern", path)?,
        response_templates: str_map(obj, "responseTemplates", path)?,
        response_parameters: str_map(obj, "responseParameters", path)?,
        content_handling: opt_str(obj, "contentHandling", path)?,
        origin: path.to_string(),
    })
}

fn openapi(obj: &Map<String, Value>) -> Result<Integration, ShapeError> {
    let c = Common {
        type_raw: opt_str(obj, "type", "")?,
        http_method: opt_str(obj, "httpMethod", "")?,
        uri: opt_str(obj, "uri", "")?,
        request_parameters: str_map(obj, "requestParameters", "")?,
        request_templates: str_map(obj, "requestTemplates", "")?,
        passthrough_raw: opt_str(obj, "passthroughBehavior", "")?,
        content_handling: opt_str(obj, "contentHandling", "")?,
        timeout_in_millis: opt_int(obj, "timeoutInMillis", "")?,
    };
    let mut responses = Vec::new();
    match obj.get("responses") {
        None | Some(Value::Null) => {}
        Some(Value::Object(m)) => {
            for (pattern, r) in m {
                let path = format!("responses.{pattern}");
                let ro = r.as_object().ok_or_else(|| {
                    err(&path, format!("expected an object, got {}", json_kind(r)))
                })?;
                // The key is the selection pattern; "default" is the default
                // response (api-gateway-swagger-extensions-integration-responses.md).
                let status = opt_status(ro, "statusCode", &path)?.ok_or_else(|| {
                    err(
                        join(&path, "statusCode"),
                        "missing: every response needs a statusCode",
                    )
                })?;
                responses.push(IntegrationResponse {
                    status_code: status,
                    selection_pattern: if pattern == "default" {
                        None
                    } else {
                        Some(pattern.clone())
                    },
                    response_templates: str_map(ro, "responseTemplates", &path)?,
                    response_parameters: str_map(ro, "responseParameters", &path)?,
                    content_handling: opt_str(ro, "contentHandling", &path)?,
                    origin: path.clone(),
                });
            }
        }
        Some(other) => {
            return Err(err(
                "responses",
                format!(
                    "expected an object keyed by selection pattern, got {}",
                    json_kind(other)
                ),
            ))
        }
    }
    Ok(build(Shape::OpenApi, c, responses))
}

fn cloudformation(obj: &Map<String, Value>) -> Result<Integration, ShapeError> {
    let c = Common {
        type_raw: opt_str(obj, "Type", "")?,
        http_method: opt_str(obj, "IntegrationHttpMethod", "")?,
        uri: cfn_uri(obj)?,
        request_parameters: str_map(obj, "RequestParameters", "")?,
        request_templates: str_map(obj, "RequestTemplates", "")?,
        passthrough_raw: opt_str(obj, "PassthroughBehavior", "")?,
        content_handling: opt_str(obj, "ContentHandling", "")?,
        timeout_in_millis: opt_int(obj, "TimeoutInMillis", "")?,
    };
    let mut responses = Vec::new();
    match obj.get("IntegrationResponses") {
        None | Some(Value::Null) => {}
        Some(Value::Array(list)) => {
            for (i, r) in list.iter().enumerate() {
                let path = format!("IntegrationResponses[{i}]");
                let ro = r.as_object().ok_or_else(|| {
                    err(&path, format!("expected an object, got {}", json_kind(r)))
                })?;
                let status = opt_status(ro, "StatusCode", &path)?.ok_or_else(|| {
                    err(
                        join(&path, "StatusCode"),
                        "missing: every integration response needs a StatusCode",
                    )
                })?;
                responses.push(IntegrationResponse {
                    status_code: status,
                    selection_pattern: opt_str(ro, "SelectionPattern", &path)?,
                    response_templates: str_map(ro, "ResponseTemplates", &path)?,
                    response_parameters: str_map(ro, "ResponseParameters", &path)?,
                    content_handling: opt_str(ro, "ContentHandling", &path)?,
                    origin: path.clone(),
                });
            }
        }
        Some(other) => {
            return Err(err(
                "IntegrationResponses",
                format!(
                    "expected a list of integration responses, got {}",
                    json_kind(other)
                ),
            ))
        }
    }
    Ok(build(Shape::CloudFormation, c, responses))
}

/// `Uri` is often an intrinsic function (`Fn::Sub`, `Fn::Join`). A plain
/// `Fn::Sub` string is kept as written (its `${...}` left in place);
/// anything else is an error naming the field.
fn cfn_uri(obj: &Map<String, Value>) -> Result<Option<String>, ShapeError> {
    match obj.get("Uri") {
        Some(Value::Object(f)) => {
            if let Some(Value::String(s)) = f.get("Fn::Sub") {
                return Ok(Some(s.clone()));
            }
            if let Some(Value::Array(a)) = f.get("Fn::Sub") {
                if let Some(Value::String(s)) = a.first() {
                    return Ok(Some(s.clone()));
                }
            }
            if let Some(Value::Array(a)) = f.get("Fn::Join") {
                if let (Some(Value::String(sep)), Some(Value::Array(parts))) = (a.first(), a.get(1))
                {
                    let strs: Vec<String> = parts
                        .iter()
                        .map(|p| {
                            p.as_str()
                                .map(str::to_string)
                                .unwrap_or_else(|| "${Ref}".into())
                        })
                        .collect();
                    return Ok(Some(strs.join(sep)));
                }
            }
            Err(err(
                "Uri",
                "expected a string (or Fn::Sub / Fn::Join of strings)",
            ))
        }
        _ => opt_str(obj, "Uri", ""),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn get_integration_shape() {
        let i = parse(&json!({
            "type": "MOCK", "_links": {}, "cacheNamespace": "x",
            "requestTemplates": {"application/json": "{\"statusCode\": 200}"},
            "integrationResponses": {"200": {"selectionPattern": null, "responseTemplates": {"application/json": "ok"}},
                                     "500": {"statusCode": "500", "selectionPattern": "5\\d{2}"}}
        }))
        .unwrap();
        assert_eq!(i.shape, Shape::GetIntegration);
        assert_eq!(i.kind, IntegrationType::Mock);
        assert_eq!(i.integration_responses.len(), 2);
        assert!(i.integration_responses[0].is_default());
        assert_eq!(
            i.integration_responses[1].selection_pattern.as_deref(),
            Some("5\\d{2}")
        );
        assert_eq!(i.passthrough_behavior, PassthroughBehavior::WhenNoMatch);
    }

    #[test]
    fn openapi_shape() {
        let i = parse(&json!({
            "type": "mock", "passthroughBehavior": "when_no_templates",
            "responses": {"default": {"statusCode": "200"}, "4\\d{2}": {"statusCode": 400}}
        }))
        .unwrap();
        assert_eq!(i.shape, Shape::OpenApi);
        assert_eq!(i.passthrough_behavior, PassthroughBehavior::WhenNoTemplates);
        assert!(i.integration_responses[0].is_default());
        assert_eq!(i.integration_responses[1].status_code, "400");
        assert_eq!(
            i.integration_responses[1].selection_pattern.as_deref(),
            Some("4\\d{2}")
        );
    }

    #[test]
    fn cloudformation_shape() {
        let i = parse(&json!({
            "Type": "HTTP", "IntegrationHttpMethod": "GET", "Uri": "https://example.com/{id}",
            "IntegrationResponses": [{"StatusCode": 200}, {"StatusCode": "404", "SelectionPattern": "404"}]
        }))
        .unwrap();
        assert_eq!(i.shape, Shape::CloudFormation);
        assert_eq!(i.kind, IntegrationType::Http);
        assert_eq!(i.http_method.as_deref(), Some("GET"));
        assert_eq!(i.integration_responses[0].status_code, "200");
        assert_eq!(i.integration_responses[1].origin, "IntegrationResponses[1]");
    }

    #[test]
    fn wrong_types_name_the_field() {
        let e = parse(&json!({"type": "MOCK", "requestTemplates": {"application/json": 5}}))
            .unwrap_err();
        assert_eq!(e.field, "requestTemplates.application/json");
        let e = parse(&json!({"Type": "MOCK", "IntegrationResponses": {}})).unwrap_err();
        assert_eq!(e.field, "IntegrationResponses");
        let e = parse(&json!({"foo": 1})).unwrap_err();
        assert_eq!(e.field, "integration");
        let e = parse(&json!([1])).unwrap_err();
        assert!(e.message.contains("an array"));
        let e = parse(&json!({"type": "HTTP", "timeoutInMillis": "soon"})).unwrap_err();
        assert_eq!(e.field, "timeoutInMillis");
    }

    #[test]
    fn wrapper_key_is_unwrapped() {
        let i = parse(
            &json!({"x-amazon-apigateway-integration": {"type": "http_proxy", "uri": "http://a"}}),
        )
        .unwrap();
        assert_eq!(i.kind, IntegrationType::HttpProxy);
    }
}
