//! The method request: what the client sent, read from the Lambda proxy
//! event (v1.0) shape the contract uses. Header names match
//! case-insensitively, as in HTTP; every field is optional.

use indexmap::IndexMap;
use serde_json::Value as Json;

use crate::encoding::base64_decode;

/// Ordered name -> values, looked up case-insensitively when asked to.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct MultiMap {
    pub entries: IndexMap<String, Vec<String>>,
}

impl MultiMap {
    pub fn insert(&mut self, k: &str, v: String) {
        self.entries.entry(k.to_string()).or_default().push(v);
    }
    /// Exact-name lookup: the last value (what the proxy event's
    /// single-value maps hold).
    pub fn get(&self, k: &str) -> Option<&str> {
        self.entries
            .get(k)
            .and_then(|v| v.last())
            .map(String::as_str)
    }
    pub fn get_all(&self, k: &str) -> Option<&[String]> {
        self.entries.get(k).map(Vec::as_slice)
    }
    /// Case-insensitive lookup (HTTP header names).
    pub fn get_ci(&self, k: &str) -> Option<&str> {
        self.get_all_ci(k)
            .and_then(|v| v.last())
            .map(String::as_str)
    }
    pub fn get_all_ci(&self, k: &str) -> Option<&[String]> {
        self.entries
            .iter()
            .find(|(name, _)| name.eq_ignore_ascii_case(k))
            .map(|(_, v)| v.as_slice())
    }
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }
    /// name -> last value.
    pub fn singles(&self) -> impl Iterator<Item = (&str, &str)> {
        self.entries
            .iter()
            .filter_map(|(k, v)| v.last().map(|l| (k.as_str(), l.as_str())))
    }
}

/// The method request body: text, or bytes when the client sent a binary
/// payload (`isBase64Encoded: true`).
#[derive(Clone, Debug, PartialEq)]
pub enum Body {
    Text(String),
    Binary(Vec<u8>),
}

impl Body {
    pub fn is_empty(&self) -> bool {
        match self {
            Body::Text(s) => s.is_empty(),
            Body::Binary(b) => b.is_empty(),
        }
    }
    /// The body as text (binary bytes read as UTF-8, lossily).
    pub fn text(&self) -> String {
        match self {
            Body::Text(s) => s.clone(),
            Body::Binary(b) => String::from_utf8_lossy(b).into_owned(),
        }
    }
}

#[derive(Clone, Debug)]
pub struct MethodRequest {
    pub http_method: String,
    /// The request path without the stage (as in the proxy event).
    pub path: String,
    /// The resource path template (`/pets/{petId}`); the path when not given.
    pub resource_path: String,
    pub headers: MultiMap,
    pub query: MultiMap,
    pub path_params: IndexMap<String, String>,
    /// `None` when the request had no `stageVariables` (proxy events carry null).
    pub stage_variables: Option<IndexMap<String, String>>,
    pub body: Body,
    pub is_base64_encoded: bool,
    /// `requestContext` as given: overrides what `$context` holds.
    pub request_context: serde_json::Map<String, Json>,
    /// `isCanaryRequest` when the request states it (evidence ls-mock-stagevars-canary-*).
    pub is_canary_request: Option<bool>,
}

/// A request field of the wrong type.
#[derive(Clone, Debug, PartialEq)]
pub struct RequestError {
    pub field: String,
    pub message: String,
}

fn rerr(field: &str, message: impl Into<String>) -> RequestError {
    RequestError {
        field: field.to_string(),
        message: message.into(),
    }
}

fn scalar_string(v: &Json) -> Option<String> {
    match v {
        Json::String(s) => Some(s.clone()),
        Json::Number(n) => Some(n.to_string()),
        Json::Bool(b) => Some(b.to_string()),
        _ => None,
    }
}

fn single_map(
    obj: &serde_json::Map<String, Json>,
    key: &str,
) -> Result<IndexMap<String, String>, RequestError> {
    let mut out = IndexMap::new();
    match obj.get(key) {
        None | Some(Json::Null) => {}
        Some(Json::Object(m)) => {
            for (k, v) in m {
                if v.is_null() {
                    continue;
                }
                let s = scalar_string(v)
                    .ok_or_else(|| rerr(&format!("{key}.{k}"), "expected a string"))?;
                out.insert(k.clone(), s);
            }
        }
        Some(_) => return Err(rerr(key, "expected an object of strings")),
    }
    Ok(out)
}

fn multi_map(
    obj: &serde_json::Map<String, Json>,
    key: &str,
) -> Result<IndexMap<String, Vec<String>>, RequestError> {
    let mut out = IndexMap::new();
    match obj.get(key) {
        None | Some(Json::Null) => {}
        Some(Json::Object(m)) => {
            for (k, v) in m {
                let vals = match v {
                    Json::Array(a) => a
                        .iter()
                        .map(|x| {
                            scalar_string(x).ok_or_else(|| {
                                rerr(&format!("{key}.{k}"), "expected a list of strings")
                            })
                        })
                        .collect::<Result<Vec<_>, _>>()?,
                    Json::Null => continue,
                    other => vec![scalar_string(other).ok_or_else(|| {
                        rerr(&format!("{key}.{k}"), "expected a list of strings")
                    })?],
                };
                out.insert(k.clone(), vals);
            }
        }
        Some(_) => return Err(rerr(key, "expected an object of string lists")),
    }
    Ok(out)
}

/// Merge the single- and multi-value maps of the proxy event: the
/// multi-value lists win (they hold every value); a single value missing
/// from them is added.
fn merge(single: IndexMap<String, String>, multi: IndexMap<String, Vec<String>>) -> MultiMap {
    let mut m = MultiMap::default();
    for (k, vals) in multi {
        m.entries.insert(k, vals);
    }
    for (k, v) in single {
        let existing = m
            .entries
            .iter_mut()
            .find(|(name, _)| name.eq_ignore_ascii_case(&k));
        match existing {
            Some((_, vals)) => {
                if vals.last() != Some(&v) {
                    vals.push(v);
                }
            }
            None => {
                m.entries.insert(k, vec![v]);
            }
        }
    }
    m
}

impl MethodRequest {
    pub fn from_json(v: &Json) -> Result<MethodRequest, RequestError> {
        let empty = serde_json::Map::new();
        let obj = match v {
            Json::Null => &empty,
            Json::Object(o) => o,
            _ => {
                return Err(rerr(
                    "request",
                    "expected an object in the Lambda proxy event (v1.0) shape",
                ))
            }
        };
        let get_str = |k: &str| -> Result<Option<String>, RequestError> {
            match obj.get(k) {
                None | Some(Json::Null) => Ok(None),
                Some(Json::String(s)) => Ok(Some(s.clone())),
                Some(_) => Err(rerr(k, "expected a string")),
            }
        };
        let http_method = get_str("httpMethod")?
            .unwrap_or_else(|| "GET".into())
            .to_ascii_uppercase();
        let path = get_str("path")?.unwrap_or_else(|| "/".into());
        let resource_path = get_str("resourcePath")?
            .or(get_str("resource")?)
            .unwrap_or_else(|| path.clone());
        let headers = merge(
            single_map(obj, "headers")?,
            multi_map(obj, "multiValueHeaders")?,
        );
        let query = merge(
            single_map(obj, "queryStringParameters")?,
            multi_map(obj, "multiValueQueryStringParameters")?,
        );
        let mut path_params = single_map(obj, "pathParameters")?;
        if path_params.is_empty() {
            path_params = infer_path_params(&resource_path, &path);
        }
        let stage_variables = match obj.get("stageVariables") {
            None | Some(Json::Null) => None,
            Some(_) => Some(single_map(obj, "stageVariables")?),
        };
        let is_base64_encoded = match obj.get("isBase64Encoded") {
            None | Some(Json::Null) => false,
            Some(Json::Bool(b)) => *b,
            Some(_) => return Err(rerr("isBase64Encoded", "expected a boolean")),
        };
        let body = match obj.get("body") {
            None | Some(Json::Null) => Body::Text(String::new()),
            Some(Json::String(s)) if is_base64_encoded => {
                Body::Binary(base64_decode(s).map_err(|e| {
                    rerr(
                        "body",
                        format!("isBase64Encoded is true but the body is not base64: {e}"),
                    )
                })?)
            }
            Some(Json::String(s)) => Body::Text(s.clone()),
            // A JSON body given as a value rather than a string: send its text.
            Some(other) => Body::Text(other.to_string()),
        };
        let request_context = match obj.get("requestContext") {
            None | Some(Json::Null) => serde_json::Map::new(),
            Some(Json::Object(o)) => o.clone(),
            Some(_) => return Err(rerr("requestContext", "expected an object")),
        };
        let is_canary_request = obj
            .get("isCanaryRequest")
            .or_else(|| request_context.get("isCanaryRequest"))
            .and_then(Json::as_bool);
        Ok(MethodRequest {
            http_method,
            path,
            resource_path,
            headers,
            query,
            path_params,
            stage_variables,
            body,
            is_base64_encoded,
            request_context,
            is_canary_request,
        })
    }

    /// The Content-Type's media type, lower-cased, without parameters
    /// ("application/json; charset=UTF-8" -> "application/json";
    /// request-response-data-mappings.md: "Only the MIME type is used").
    pub fn content_type(&self) -> Option<String> {
        self.headers.get_ci("Content-Type").map(media_type)
    }
}

pub fn media_type(v: &str) -> String {
    v.split(';')
        .next()
        .unwrap_or("")
        .trim()
        .to_ascii_lowercase()
}

/// When the request gives a resource path but no path parameters, read
/// them from the path (`/pets/{petId}` against `/pets/42`). A greedy
/// `{name+}` takes the rest of the path. No match: no parameters (as
/// TestInvokeMethod logs `Method request path: {}`, evidence
/// ls-testinvoke-mock-get-pets-id-bad-path).
pub fn infer_path_params(resource_path: &str, path: &str) -> IndexMap<String, String> {
    let mut out = IndexMap::new();
    let rs: Vec<&str> = resource_path.trim_matches('/').split('/').collect();
    let ps: Vec<&str> = path.trim_matches('/').split('/').collect();
    for (i, seg) in rs.iter().enumerate() {
        if let Some(name) = seg.strip_prefix('{').and_then(|s| s.strip_suffix('}')) {
            if let Some(greedy) = name.strip_suffix('+') {
                if i >= ps.len() || ps[i].is_empty() {
                    return IndexMap::new();
                }
                out.insert(greedy.to_string(), ps[i..].join("/"));
                return out;
            }
            match ps.get(i) {
                Some(p) if !p.is_empty() => {
                    out.insert(name.to_string(), p.to_string());
                }
                _ => return IndexMap::new(),
            }
        } else if ps.get(i) != Some(seg) {
            return IndexMap::new();
        }
    }
    if ps.len() != rs.len() {
        return IndexMap::new();
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn headers_case_insensitive_and_multi() {
        let r = MethodRequest::from_json(&json!({
            "headers": {"Content-Type": "application/json; charset=UTF-8", "X-Many": "b"},
            "multiValueHeaders": {"X-Many": ["a", "b"]},
        }))
        .unwrap();
        assert_eq!(
            r.headers.get_ci("content-type"),
            Some("application/json; charset=UTF-8")
        );
        assert_eq!(r.content_type().as_deref(), Some("application/json"));
        assert_eq!(
            r.headers.get_all_ci("x-many").unwrap(),
            &["a".to_string(), "b".to_string()]
        );
        assert_eq!(r.http_method, "GET");
    }

    #[test]
    fn path_params_inferred() {
        let p = infer_path_params("/pets/{petId}", "/pets/42");
        assert_eq!(p.get("petId").map(String::as_str), Some("42"));
        assert!(infer_path_params("/pets/{petId}", "/random/test").is_empty());
        let p = infer_path_params("/{proxy+}", "/a/b/c");
        assert_eq!(p.get("proxy").map(String::as_str), Some("a/b/c"));
    }

    #[test]
    fn binary_body() {
        let r =
            MethodRequest::from_json(&json!({"body": "aGk=", "isBase64Encoded": true})).unwrap();
        assert_eq!(r.body, Body::Binary(b"hi".to_vec()));
        let e = MethodRequest::from_json(&json!({"headers": []})).unwrap_err();
        assert_eq!(e.field, "headers");
    }
}
