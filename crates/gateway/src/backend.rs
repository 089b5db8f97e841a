//! The integration endpoint, simulated from `options.backend`
//! (CONTRACT.md): `{statusCode, headers, body}` for HTTP and AWS service
//! integrations; `{errorMessage, errorType}` or `{payload}` for a Lambda
//! function. Two extra forms reproduce the echo endpoints the evidence was
//! recorded against: `{"kind": "echo-body"}` (answers 200 with the
//! integration request body) and `{"kind": "lambda-echo"}` (a Lambda
//! returning its event). Without a backend: 200 with an empty body.

use serde_json::Value as Json;

use crate::encoding::base64_decode;
use crate::request::MultiMap;

#[derive(Clone, Debug, PartialEq)]
pub enum Backend {
    Response {
        status: i64,
        headers: MultiMap,
        body: Vec<u8>,
        is_binary: bool,
    },
    LambdaPayload(Json),
    LambdaError(serde_json::Map<String, Json>),
    EchoBody,
    LambdaEcho,
}

/// What the endpoint answered.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct EndpointResponse {
    pub status: i64,
    pub headers: MultiMap,
    pub body: Vec<u8>,
    pub is_binary: bool,
    /// A Lambda function error's errorMessage (what selection patterns match).
    pub error_message: Option<String>,
    /// The Lambda function failed (X-Amz-Function-Error).
    pub function_error: bool,
}

impl EndpointResponse {
    pub fn body_text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }
}

pub fn parse(v: &Json) -> Result<Option<Backend>, String> {
    let o = match v {
        Json::Null => return Ok(None),
        Json::Object(o) => o,
        _ => return Err("options.backend: expected an object".into()),
    };
    match o.get("kind").and_then(Json::as_str) {
        Some("echo-body") => return Ok(Some(Backend::EchoBody)),
        Some("lambda-echo") => return Ok(Some(Backend::LambdaEcho)),
        _ => {}
    }
    if o.contains_key("errorMessage") || o.contains_key("errorType") {
        return Ok(Some(Backend::LambdaError(o.clone())));
    }
    if let Some(p) = o.get("payload") {
        return Ok(Some(Backend::LambdaPayload(p.clone())));
    }
    let status = match o.get("statusCode").or_else(|| o.get("status")) {
        None | Some(Json::Null) => 200,
        Some(Json::Number(n)) => n
            .as_i64()
            .ok_or("options.backend.statusCode: expected an integer")?,
        Some(Json::String(s)) => s
            .trim()
            .parse()
            .map_err(|_| "options.backend.statusCode: expected an integer")?,
        Some(_) => return Err("options.backend.statusCode: expected an integer".into()),
    };
    let mut headers = MultiMap::default();
    if let Some(Json::Object(h)) = o.get("multiValueHeaders") {
        for (k, vals) in h {
            for x in vals.as_array().into_iter().flatten() {
                headers.insert(k, scalar(x));
            }
        }
    }
    match o.get("headers") {
        None | Some(Json::Null) => {}
        Some(Json::Object(h)) => {
            for (k, x) in h {
                if headers.get_all_ci(k).is_none() {
                    headers.insert(k, scalar(x));
                }
            }
        }
        Some(_) => return Err("options.backend.headers: expected an object".into()),
    }
    let is_binary = o
        .get("isBase64Encoded")
        .and_then(Json::as_bool)
        .unwrap_or(false);
    let body = match o.get("body") {
        None | Some(Json::Null) => Vec::new(),
        Some(Json::String(s)) if is_binary => base64_decode(s)
            .map_err(|e| format!("options.backend.body: isBase64Encoded but not base64: {e}"))?,
        Some(Json::String(s)) => s.clone().into_bytes(),
        Some(other) => other.to_string().into_bytes(),
    };
    Ok(Some(Backend::Response {
        status,
        headers,
        body,
        is_binary,
    }))
}

fn scalar(v: &Json) -> String {
    match v {
        Json::String(s) => s.clone(),
        other => other.to_string(),
    }
}

/// Call the endpoint with the integration request body.
pub fn call(backend: Option<&Backend>, request_body: &str) -> EndpointResponse {
    let json_ct = || {
        let mut h = MultiMap::default();
        h.insert("Content-Type", "application/json".into());
        h
    };
    match backend {
        None => EndpointResponse {
            status: 200,
            ..Default::default()
        },
        Some(Backend::Response {
            status,
            headers,
            body,
            is_binary,
        }) => EndpointResponse {
            status: *status,
            headers: headers.clone(),
            body: body.clone(),
            is_binary: *is_binary,
            ..Default::default()
        },
        Some(Backend::EchoBody) => EndpointResponse {
            status: 200,
            headers: json_ct(),
            body: request_body.as_bytes().to_vec(),
            ..Default::default()
        },
        Some(Backend::LambdaEcho) => {
            // A Python Lambda `return event`: the event is the request body
            // parsed as JSON, returned re-serialised by json.dumps.
            let event = serde_json::from_str::<Json>(request_body)
                .unwrap_or(Json::Object(Default::default()));
            EndpointResponse {
                status: 200,
                headers: json_ct(),
                body: python_dumps(&event).into_bytes(),
                ..Default::default()
            }
        }
        Some(Backend::LambdaPayload(p)) => EndpointResponse {
            status: 200,
            headers: json_ct(),
            body: serde_json::to_string(p).unwrap_or_default().into_bytes(),
            ..Default::default()
        },
        Some(Backend::LambdaError(o)) => EndpointResponse {
            // A function error still arrives as 200; the error JSON is the
            // body (handle-errors-in-lambda-integration.md).
            status: 200,
            headers: json_ct(),
            body: serde_json::to_string(o).unwrap_or_default().into_bytes(),
            error_message: Some(o.get("errorMessage").map(scalar).unwrap_or_default()),
            function_error: true,
            ..Default::default()
        },
    }
}

/// Python's json.dumps default layout (", " and ": " separators, non-ASCII escaped).
pub fn python_dumps(v: &Json) -> String {
    let mut s = String::new();
    dump(v, &mut s);
    s
}

fn dump(v: &Json, out: &mut String) {
    match v {
        Json::Array(a) => {
            out.push('[');
            for (i, x) in a.iter().enumerate() {
                if i > 0 {
                    out.push_str(", ");
                }
                dump(x, out);
            }
            out.push(']');
        }
        Json::Object(o) => {
            out.push('{');
            for (i, (k, x)) in o.iter().enumerate() {
                if i > 0 {
                    out.push_str(", ");
                }
                dump(&Json::String(k.clone()), out);
                out.push_str(": ");
                dump(x, out);
            }
            out.push('}');
        }
        Json::String(s) => {
            out.push('"');
            for c in s.chars() {
                match c {
                    '"' => out.push_str("\\\""),
                    '\\' => out.push_str("\\\\"),
                    '\n' => out.push_str("\\n"),
                    '\r' => out.push_str("\\r"),
                    '\t' => out.push_str("\\t"),
                    c if (c as u32) < 0x20 || (c as u32) > 0x7e => {
                        let mut b = [0u16; 2];
                        for u in c.encode_utf16(&mut b).iter() {
                            out.push_str(&format!("\\u{:04x}", u));
                        }
                    }
                    c => out.push(c),
                }
            }
            out.push('"');
        }
        other => out.push_str(&other.to_string()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn forms() {
        let b = parse(&json!({"statusCode": 404, "headers": {"X": "1"}, "body": "nope"}))
            .unwrap()
            .unwrap();
        let r = call(Some(&b), "");
        assert_eq!(
            (r.status, r.body_text().as_str(), r.headers.get_ci("x")),
            (404, "nope", Some("1"))
        );
        let b = parse(&json!({"errorMessage": "boom", "errorType": "Exception"}))
            .unwrap()
            .unwrap();
        let r = call(Some(&b), "");
        assert_eq!(r.error_message.as_deref(), Some("boom"));
        assert_eq!(r.status, 200);
        let b = parse(&json!({"payload": "Pass"})).unwrap().unwrap();
        assert_eq!(call(Some(&b), "").body_text(), "\"Pass\"");
        let b = parse(&json!({"kind": "echo-body"})).unwrap().unwrap();
        assert_eq!(call(Some(&b), "x y").body_text(), "x y");
        let r = call(None, "x");
        assert_eq!((r.status, r.body.len()), (200, 0));
        assert!(parse(&json!({"statusCode": "abc"})).is_err());
        assert_eq!(
            python_dumps(&json!({"a": [1, "é"]})),
            "{\"a\": [1, \"\\u00e9\"]}"
        );
    }
}
