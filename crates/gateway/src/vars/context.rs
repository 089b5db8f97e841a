//! `$context`: nested maps (so `#set($context.requestOverride.header.x = ...)`
//! works and can be read back after rendering).
//!
//! The key set and order at request time follow the AWS recording
//! ls-sqs-context-keyset-dump (18 keys; `identity` with 12 keys;
//! `requestOverride` {path, header, querystring}; `responseOverride` {header}
//! with no `status` until a template sets it). Values the request does not
//! give get realistic defaults; `request.requestContext` overrides any of
//! them (nested maps merge key by key).

use indexmap::IndexMap;
use mockgate_velocity::value::json::from_json;
use mockgate_velocity::Value;
use serde_json::Value as Json;

use crate::encoding::{clf_time, splitmix, uuid_from};
use crate::request::MethodRequest;

/// Identifiers that do not come from the request.
#[derive(Clone, Debug)]
pub struct Defaults {
    pub account_id: String,
    pub api_id: String,
    pub stage: String,
    pub region: String,
    pub request_time_epoch: i64,
    /// Seed for the request ID and the other generated identifiers.
    pub seed: u64,
}

const ID_CHARS: &[u8] = b"abcdefghijklmnopqrstuvwxyz0123456789";

fn short_id(seed: u64, len: usize) -> String {
    let mut x = seed;
    (0..len)
        .map(|_| {
            x = splitmix(x);
            ID_CHARS[(x % ID_CHARS.len() as u64) as usize] as char
        })
        .collect()
}

fn extended_id(seed: u64) -> String {
    const A: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    let mut x = seed;
    let mut s: String = (0..15)
        .map(|_| {
            x = splitmix(x);
            A[(x % A.len() as u64) as usize] as char
        })
        .collect();
    s.push('=');
    s
}

/// Build `$context` for one request.
pub fn build(req: &MethodRequest, d: &Defaults) -> Value {
    let rc = &req.request_context;
    let stage = rc
        .get("stage")
        .and_then(Json::as_str)
        .unwrap_or(&d.stage)
        .to_string();
    let api_id = rc
        .get("apiId")
        .and_then(Json::as_str)
        .unwrap_or(&d.api_id)
        .to_string();
    let domain_name = format!("{api_id}.execute-api.{}.amazonaws.com", d.region);
    let s = |x: &str| Value::str(x);

    let mut identity = IndexMap::new();
    for key in [
        "cognitoIdentityPoolId",
        "accountId",
        "cognitoIdentityId",
        "caller",
        "sourceIp",
        "principalOrgId",
        "accessKey",
        "cognitoAuthenticationType",
        "cognitoAuthenticationProvider",
        "userArn",
        "userAgent",
        "user",
    ] {
        identity.insert(key.to_string(), Value::Null);
    }
    identity.insert("sourceIp".into(), s("203.0.113.1"));
    // identity.userAgent is the User-Agent header (guide; keyset dump).
    if let Some(ua) = req.headers.get_ci("User-Agent") {
        identity.insert("userAgent".into(), s(ua));
    }

    let mut request_override = IndexMap::new();
    for k in ["path", "header", "querystring"] {
        request_override.insert(k.to_string(), Value::empty_map());
    }
    let mut response_override = IndexMap::new();
    response_override.insert("header".to_string(), Value::empty_map());

    let mut m = IndexMap::new();
    m.insert("resourceId".into(), s(&short_id(d.seed ^ 1, 6)));
    m.insert("resourcePath".into(), s(&req.resource_path));
    m.insert("httpMethod".into(), s(&req.http_method));
    m.insert("extendedRequestId".into(), s(&extended_id(d.seed ^ 2)));
    m.insert("requestTime".into(), s(&clf_time(d.request_time_epoch)));
    // $context.path includes the stage: /{stage}/root/child (guide; keyset dump).
    m.insert(
        "path".into(),
        s(&format!(
            "/{stage}{}",
            if req.path.starts_with('/') {
                req.path.clone()
            } else {
                format!("/{}", req.path)
            }
        )),
    );
    m.insert("accountId".into(), s(&d.account_id));
    m.insert("protocol".into(), s("HTTP/1.1"));
    m.insert("requestOverride".into(), Value::map(request_override));
    m.insert("stage".into(), s(&stage));
    m.insert("domainPrefix".into(), s(&api_id));
    m.insert("requestTimeEpoch".into(), Value::Long(d.request_time_epoch));
    m.insert("requestId".into(), s(&uuid_from(d.seed)));
    m.insert("identity".into(), Value::map(identity));
    m.insert("domainName".into(), s(&domain_name));
    m.insert("deploymentId".into(), s(&short_id(d.seed ^ 3, 6)));
    m.insert("responseOverride".into(), Value::map(response_override));
    m.insert("apiId".into(), s(&api_id));
    if let Some(c) = req.is_canary_request {
        m.insert("isCanaryRequest".into(), Value::Bool(c));
    }

    for (k, v) in rc {
        match (k.as_str(), v) {
            ("isCanaryRequest", _) => {}
            ("authorizer", Json::Object(o)) => {
                m.insert("authorizer".into(), authorizer(o));
            }
            (_, Json::Object(o)) => {
                if let Some(Value::Map(existing)) = m.get(k.as_str()) {
                    let mut e = existing.borrow_mut();
                    for (ik, iv) in o {
                        e.entries.insert(ik.clone(), scalar_or_json(iv));
                    }
                } else {
                    m.insert(k.clone(), scalar_or_json(v));
                }
            }
            _ => {
                m.insert(k.clone(), scalar_or_json(v));
            }
        }
    }
    Value::map(m)
}

/// `$context`'s value for the top-level string `key` (`requestId`,
/// `extendedRequestId`, `apiId`) as [`build`] would give it, without
/// building the rest: evaluate needs these for every request, the whole
/// `$context` only when something reads it.
pub fn initial(req: &MethodRequest, d: &Defaults, key: &str) -> Value {
    // `build`'s requestContext loop: a scalar key given there replaces the
    // default (a map value too: none of these defaults is a map).
    if let Some(v) = req.request_context.get(key) {
        return scalar_or_json(v);
    }
    match key {
        "requestId" => Value::str(uuid_from(d.seed)),
        "extendedRequestId" => Value::str(extended_id(d.seed ^ 2)),
        "apiId" => Value::str(&d.api_id),
        _ => lookup(&build(req, d), key).unwrap_or(Value::Null),
    }
}

/// Whether `$context` as [`build`] makes it can differ from the fresh one
/// in its override maps: `request.requestContext` can give them entries.
pub fn request_gives_overrides(req: &MethodRequest) -> bool {
    ["requestOverride", "responseOverride"]
        .iter()
        .any(|k| req.request_context.contains_key(*k))
}

fn scalar_or_json(v: &Json) -> Value {
    match v {
        Json::Object(o) => Value::map(
            o.iter()
                .map(|(k, v)| (k.clone(), scalar_or_json(v)))
                .collect(),
        ),
        Json::String(s) => Value::str(s),
        Json::Bool(b) => Value::Bool(*b),
        Json::Null => Value::Null,
        Json::Number(n) => match n.as_i64() {
            Some(i) => i32::try_from(i).map(Value::Int).unwrap_or(Value::Long(i)),
            None => Value::Double(n.as_f64().unwrap_or(0.0)),
        },
        other => from_json(other),
    }
}

/// `$context.authorizer.*`: a Lambda authorizer's context values are
/// stringified ("numKey": 1 -> "1"; guide); `claims` (Cognito) stays a map.
fn authorizer(o: &serde_json::Map<String, Json>) -> Value {
    let mut m = IndexMap::new();
    for (k, v) in o {
        let val = match v {
            Json::String(s) => Value::str(s),
            Json::Null => Value::Null,
            Json::Object(inner) => Value::map(
                inner
                    .iter()
                    .map(|(ik, iv)| {
                        (
                            ik.clone(),
                            match iv {
                                Json::String(s) => Value::str(s),
                                other => Value::str(other.to_string()),
                            },
                        )
                    })
                    .collect(),
            ),
            other => Value::str(other.to_string()),
        };
        m.insert(k.clone(), val);
    }
    Value::map(m)
}

/// Read `$context.X.Y` (for `context.X` parameter mappings).
pub fn lookup(ctx: &Value, dotted: &str) -> Option<Value> {
    let mut cur = ctx.clone();
    for part in dotted.split('.') {
        let next = match &cur {
            Value::Map(m) => m.borrow().entries.get(part).cloned(),
            _ => None,
        }?;
        cur = next;
    }
    Some(cur)
}

/// A map inside `$context` (e.g. "requestOverride.header") as name -> values.
/// A list value is a multi-value header (guide: "multivalueheader" example).
pub fn string_entries(ctx: &Value, dotted: &str) -> Vec<(String, Vec<String>)> {
    let Some(Value::Map(m)) = lookup(ctx, dotted) else {
        return Vec::new();
    };
    let m = m.borrow();
    m.entries
        .iter()
        .filter(|(_, v)| !v.is_null())
        .map(|(k, v)| {
            let vals = match v {
                Value::List(l) => l.borrow().items.iter().map(java_str).collect(),
                other => vec![java_str(other)],
            };
            (k.clone(), vals)
        })
        .collect()
}

pub fn java_str(v: &Value) -> String {
    match v {
        Value::Str(s) => s.to_string(),
        Value::Null => String::new(),
        other => other.to_java_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn defaults() -> Defaults {
        Defaults {
            account_id: "111111111111".into(),
            api_id: "abc".into(),
            stage: "testing".into(),
            region: "us-east-1".into(),
            request_time_epoch: 0,
            seed: 7,
        }
    }

    fn keys(v: &Value) -> Vec<String> {
        match v {
            Value::Map(m) => m.borrow().entries.keys().cloned().collect(),
            _ => vec![],
        }
    }

    #[test]
    fn keyset_as_recorded() {
        // ls-sqs-context-keyset-dump.
        let req = MethodRequest::from_json(&json!({"httpMethod": "POST", "path": "/sqs", "headers": {"User-Agent": "python/requests/tests"}})).unwrap();
        let c = build(&req, &defaults());
        assert_eq!(
            keys(&c),
            [
                "resourceId",
                "resourcePath",
                "httpMethod",
                "extendedRequestId",
                "requestTime",
                "path",
                "accountId",
                "protocol",
                "requestOverride",
                "stage",
                "domainPrefix",
                "requestTimeEpoch",
                "requestId",
                "identity",
                "domainName",
                "deploymentId",
                "responseOverride",
                "apiId"
            ]
        );
        assert_eq!(keys(&lookup(&c, "identity").unwrap()).len(), 12);
        assert_eq!(
            keys(&lookup(&c, "requestOverride").unwrap()),
            ["path", "header", "querystring"]
        );
        assert_eq!(keys(&lookup(&c, "responseOverride").unwrap()), ["header"]);
        assert_eq!(lookup(&c, "path").unwrap().as_str(), Some("/testing/sqs"));
        assert_eq!(
            lookup(&c, "identity.userAgent").unwrap().as_str(),
            Some("python/requests/tests")
        );
        assert!(lookup(&c, "identity.caller").unwrap().is_null());
    }

    #[test]
    fn initial_values_are_builds() {
        // `initial` must answer what `build` puts there, requestContext
        // overrides included.
        for rc in [
            json!({}),
            json!({"requestId": "given", "apiId": 5, "extendedRequestId": {"a": 1}}),
            json!({"apiId": "fromrc", "stage": "prod"}),
        ] {
            let req =
                MethodRequest::from_json(&json!({"path": "/a", "requestContext": rc})).unwrap();
            let built = build(&req, &defaults());
            for key in ["requestId", "extendedRequestId", "apiId", "stage"] {
                assert_eq!(
                    java_str(&initial(&req, &defaults(), key)),
                    java_str(&lookup(&built, key).unwrap()),
                    "{key} with requestContext {rc}"
                );
            }
        }
    }

    #[test]
    fn request_context_overrides() {
        let req = MethodRequest::from_json(&json!({"path": "/a", "requestContext": {
            "stage": "prod", "identity": {"sourceIp": "1.2.3.4"}, "authorizer": {"principalId": "me", "n": 1, "claims": {"sub": "x"}}}}))
        .unwrap();
        let c = build(&req, &defaults());
        assert_eq!(lookup(&c, "stage").unwrap().as_str(), Some("prod"));
        assert_eq!(lookup(&c, "path").unwrap().as_str(), Some("/prod/a"));
        assert_eq!(
            lookup(&c, "identity.sourceIp").unwrap().as_str(),
            Some("1.2.3.4")
        );
        assert_eq!(keys(&lookup(&c, "identity").unwrap()).len(), 12);
        assert_eq!(lookup(&c, "authorizer.n").unwrap().as_str(), Some("1"));
        assert_eq!(
            lookup(&c, "authorizer.claims.sub").unwrap().as_str(),
            Some("x")
        );
    }
}
