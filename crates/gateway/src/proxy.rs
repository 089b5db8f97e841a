//! Proxy integrations. AWS_PROXY: API Gateway sends the Lambda proxy event
//! (v1.0) and passes the function's `{statusCode, headers,
//! multiValueHeaders, body, isBase64Encoded}` through; anything else is
//! "Malformed Lambda proxy response" (502). HTTP_PROXY: the method request
//! goes to the endpoint and its status, headers and body come back
//! unchanged (evidence ls-http-status-passthrough-http-proxy-400).

use indexmap::IndexMap;
use mockgate_velocity::Value;
use serde_json::{json, Map, Value as Json};

use crate::encoding::{base64_decode, base64_encode};
use crate::request::{Body, MethodRequest, MultiMap};

/// `$context` values as the event's requestContext holds them.
fn to_json(v: &Value) -> Json {
    match v {
        Value::Null => Json::Null,
        Value::Bool(b) => json!(b),
        Value::Int(i) => json!(i),
        Value::Long(l) => json!(l),
        Value::Double(d) => json!(d),
        Value::Str(s) => json!(s.as_ref()),
        Value::List(l) => Json::Array(l.borrow().items.iter().map(to_json).collect()),
        Value::Map(m) => Json::Object(
            m.borrow()
                .entries
                .iter()
                .map(|(k, v)| (k.clone(), to_json(v)))
                .collect(),
        ),
        Value::Host(h) => json!(h.display()),
    }
}

fn single(m: &MultiMap) -> Json {
    if m.is_empty() {
        return Json::Null;
    }
    Json::Object(
        m.singles()
            .map(|(k, v)| (k.to_string(), json!(v)))
            .collect(),
    )
}

fn multi(m: &MultiMap) -> Json {
    if m.is_empty() {
        return Json::Null;
    }
    Json::Object(
        m.entries
            .iter()
            .map(|(k, v)| (k.clone(), json!(v)))
            .collect(),
    )
}

/// The Lambda proxy event (v1.0). Empty maps are null, as AWS sends them.
pub fn lambda_event(
    req: &MethodRequest,
    context: &Value,
    stage_variables: &IndexMap<String, String>,
) -> Json {
    let mut rc = Map::new();
    if let Json::Object(all) = to_json(context) {
        for (k, v) in all {
            if k != "requestOverride" && k != "responseOverride" {
                rc.insert(k, v);
            }
        }
    }
    let (body, b64) = match &req.body {
        Body::Text(s) if s.is_empty() => (Json::Null, false),
        Body::Text(s) => (json!(s), false),
        Body::Binary(b) => (json!(base64_encode(b)), true),
    };
    json!({
        "resource": req.resource_path,
        "path": req.path,
        "httpMethod": req.http_method,
        "headers": single(&req.headers),
        "multiValueHeaders": multi(&req.headers),
        "queryStringParameters": single(&req.query),
        "multiValueQueryStringParameters": multi(&req.query),
        "pathParameters": if req.path_params.is_empty() { Json::Null } else { str_obj(&req.path_params) },
        "stageVariables": if stage_variables.is_empty() { Json::Null } else { str_obj(stage_variables) },
        "requestContext": Json::Object(rc),
        "body": body,
        "isBase64Encoded": b64,
    })
}

#[derive(Debug, PartialEq)]
pub struct ProxyResponse {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: String,
    pub is_base64: bool,
}

/// Read a Lambda proxy response; `Err` says why it is malformed.
pub fn parse_lambda_response(v: &Json) -> Result<ProxyResponse, String> {
    let o = v
        .as_object()
        .ok_or("the function's result is not a JSON object")?;
    let status = match o.get("statusCode") {
        Some(Json::Number(n)) => n.as_i64().ok_or("statusCode is not an integer")?,
        Some(Json::String(s)) => s
            .trim()
            .parse::<i64>()
            .map_err(|_| "statusCode is not an integer")?,
        None | Some(Json::Null) => return Err("statusCode is missing".into()),
        Some(_) => return Err("statusCode is not an integer".into()),
    };
    if !(100..=599).contains(&status) {
        return Err(format!("statusCode {status} is not an HTTP status code"));
    }
    let mut headers: Vec<(String, String)> = Vec::new();
    match o.get("multiValueHeaders") {
        None | Some(Json::Null) => {}
        Some(Json::Object(m)) => {
            for (k, vals) in m {
                let list = vals
                    .as_array()
                    .ok_or(format!("multiValueHeaders.{k} is not a list"))?;
                let joined: Vec<String> = list.iter().map(scalar).collect();
                headers.push((k.clone(), joined.join(",")));
            }
        }
        Some(_) => return Err("multiValueHeaders is not an object".into()),
    }
    match o.get("headers") {
        None | Some(Json::Null) => {}
        Some(Json::Object(m)) => {
            for (k, x) in m {
                if x.is_object() || x.is_array() {
                    return Err(format!("headers.{k} is not a string"));
                }
                if !headers.iter().any(|(h, _)| h.eq_ignore_ascii_case(k)) {
                    headers.push((k.clone(), scalar(x)));
                }
            }
        }
        Some(_) => return Err("headers is not an object".into()),
    }
    let is_base64 = match o.get("isBase64Encoded") {
        None | Some(Json::Null) => false,
        Some(Json::Bool(b)) => *b,
        Some(Json::String(s)) if s == "true" || s == "false" => s == "true",
        Some(_) => return Err("isBase64Encoded is not a boolean".into()),
    };
    let body = match o.get("body") {
        None | Some(Json::Null) => String::new(),
        Some(Json::String(s)) => s.clone(),
        Some(_) => {
            return Err("body is not a string (serialise it: JSON.stringify / json.dumps)".into())
        }
    };
    if is_base64 {
        base64_decode(&body)
            .map_err(|e| format!("isBase64Encoded is true but body is not base64: {e}"))?;
    }
    Ok(ProxyResponse {
        status: status as u16,
        headers,
        body,
        is_base64,
    })
}

fn str_obj(m: &IndexMap<String, String>) -> Json {
    Json::Object(m.iter().map(|(k, v)| (k.clone(), json!(v))).collect())
}

fn scalar(v: &Json) -> String {
    match v {
        Json::String(s) => s.clone(),
        other => other.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn proxy_response_shapes() {
        let r =
            parse_lambda_response(&json!({"statusCode": 201, "headers": {"A": "1"}, "body": "x"}))
                .unwrap();
        assert_eq!((r.status, r.body.as_str()), (201, "x"));
        assert_eq!(r.headers, vec![("A".to_string(), "1".to_string())]);
        assert!(parse_lambda_response(&json!({"statusCode": 200, "body": {"a": 1}})).is_err());
        assert!(parse_lambda_response(&json!("hello")).is_err());
        assert!(parse_lambda_response(&json!({"body": "x"})).is_err());
        let r = parse_lambda_response(
            &json!({"statusCode": 200, "multiValueHeaders": {"S": ["a", "b"]}}),
        )
        .unwrap();
        assert_eq!(r.headers[0].1, "a,b");
    }
}
