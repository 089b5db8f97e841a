//! One HTTP request through the API: route it, build the Lambda proxy event
//! shape evaluate() takes, run the integration, answer what API Gateway
//! would send the client.

use std::borrow::Cow;
use std::net::SocketAddr;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, RwLock};
use std::time::Instant;

use bytes::Bytes;
use http_body_util::{BodyExt, Full, Limited};
use hyper::body::Incoming;
use hyper::header::{HeaderName, HeaderValue, CONTENT_LENGTH};
use hyper::{Request, Response, StatusCode};
use indexmap::IndexMap;
use mockgate_gateway::encoding::base64_decode;
use mockgate_gateway::request::{Body as RequestBody, MultiMap};
use mockgate_gateway::{IntegrationType, MethodRequest, Options};
use serde_json::{json, Map, Value};

use super::routes::percent_decode;
use super::state::{Config, State};

/// API Gateway's payload limit (10 MB; REQUEST_TOO_LARGE, 413).
pub const MAX_BODY: usize = 10 * 1024 * 1024;

/// How long a request body may take to arrive (408 after that).
pub const BODY_READ_TIMEOUT: std::time::Duration = std::time::Duration::from_secs(30);

pub struct Shared {
    pub state: RwLock<Arc<State>>,
    pub config: Config,
    /// evaluate()'s options for this stage (no backend).
    pub options: Options,
    /// The request log; `None` with `--quiet`.
    pub log: Option<super::log::Log>,
    /// Makes each request's generated ids ($context.requestId) differ.
    pub counter: AtomicU64,
}

impl Shared {
    pub fn current(&self) -> Arc<State> {
        match self.state.read() {
            Ok(g) => g.clone(),
            Err(poisoned) => poisoned.into_inner().clone(),
        }
    }
}

/// What goes back to the client.
pub struct Answer {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

impl Answer {
    /// A gateway response: `{"message":"..."}` and x-amzn-ErrorType.
    /// Compact, as the default gateway-response body template
    /// `{"message":$context.error.messageString}` prints it (inference:
    /// the evidence, ls-mock-routing-*-missing-auth-token, recorded the
    /// body as parsed JSON only, so white space is not attested).
    pub fn gateway(status: u16, message: &str, error_type: &str) -> Answer {
        Answer {
            status,
            headers: vec![
                ("Content-Type".into(), "application/json".into()),
                ("x-amzn-ErrorType".into(), error_type.into()),
            ],
            body: json!({"message": message}).to_string().into_bytes(),
        }
    }
}

pub async fn handle(
    shared: Arc<Shared>,
    peer: SocketAddr,
    req: Request<Incoming>,
) -> Result<Response<Full<Bytes>>, std::convert::Infallible> {
    let started = Instant::now();
    let method = req.method().as_str().to_string();
    let path = req.uri().path().to_string();
    let answer = answer(&shared, peer, req).await;
    if let Some(log) = &shared.log {
        log.line(format_args!(
            "{method} {path} {} {:.2} ms",
            answer.status,
            started.elapsed().as_secs_f64() * 1000.0
        ));
    }
    Ok(to_response(answer))
}

fn to_response(a: Answer) -> Response<Full<Bytes>> {
    let mut resp = Response::new(Full::new(Bytes::from(a.body)));
    *resp.status_mut() =
        StatusCode::from_u16(a.status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    let h = resp.headers_mut();
    for (k, v) in a.headers {
        // A header the mapping produced that HTTP cannot carry is dropped
        // rather than failing the whole response.
        if let (Ok(k), Ok(v)) = (
            HeaderName::from_bytes(k.as_bytes()),
            HeaderValue::from_str(&v),
        ) {
            if k != CONTENT_LENGTH {
                h.append(k, v);
            }
        }
    }
    resp
}

async fn answer(shared: &Shared, peer: SocketAddr, req: Request<Incoming>) -> Answer {
    let declared = req
        .headers()
        .get(CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<u64>().ok());
    if declared.is_some_and(|n| n > MAX_BODY as u64) {
        return Answer::gateway(413, "Request Too Long", "RequestTooLongException");
    }
    let state = shared.current();
    let method = req.method().as_str().to_string();
    let path = req.uri().path().to_string();
    let Some(route) = state.api.route(&method, &path) else {
        return Answer::gateway(
            403,
            "Missing Authentication Token",
            "MissingAuthenticationTokenException",
        );
    };
    let integration = match &route.method.integration {
        Ok(i) => i,
        Err(e) => {
            eprintln!("mockgate serve: {e}");
            let mut a =
                Answer::gateway(500, "Internal server error", "InternalServerErrorException");
            a.headers.push(("x-mockgate-error".into(), one_line(e)));
            return a;
        }
    };
    // MOCKs share one Options; others get a copy carrying their backend.
    let mut options = Cow::Borrowed(&shared.options);
    if integration.kind != IntegrationType::Mock {
        match state.backend_for(&method, route.method_key, &route.resource.path) {
            Some(b) => options.to_mut().backend = Some(b.clone()),
            None => {
                let message = format!(
                    "mockgate serve: {method} {} has a {} integration and no canned backend answer; give one with --backend FILE (key \"{method} {}\")",
                    route.resource.path,
                    integration.kind.as_str(),
                    route.resource.path
                );
                return Answer::gateway(502, &message, "BadGatewayException");
            }
        }
    }

    let (parts, body) = req.into_parts();
    // A client that sends its headers and then dribbles (or stalls) the
    // body would hold the connection forever: the body must arrive within
    // BODY_READ_TIMEOUT (API Gateway's own integration timeout is 29 s;
    // inference: its front end bounds slow uploads too).
    let collected = tokio::time::timeout(BODY_READ_TIMEOUT, Limited::new(body, MAX_BODY).collect());
    let Ok(collected) = collected.await else {
        return Answer::gateway(408, "Request Timeout", "RequestTimeoutException");
    };
    let body = match collected {
        Ok(c) => c.to_bytes(),
        Err(e) => {
            return if e.is::<http_body_util::LengthLimitError>() {
                Answer::gateway(413, "Request Too Long", "RequestTooLongException")
            } else {
                Answer::gateway(400, "Bad request body", "BadRequestException")
            };
        }
    };

    let request = method_request(
        &parts,
        &body,
        &path,
        &route.resource.path,
        route.path_parameters,
        &shared.config,
        peer,
    );
    let seed = shared.counter.fetch_add(1, Ordering::Relaxed).to_string();
    let outcome = crate::panics::catch(|| {
        mockgate_gateway::evaluate_typed(integration, &request, &options, &seed)
    });
    match outcome {
        Ok(o) => {
            let body = if o.is_base64 {
                base64_decode(&o.body).unwrap_or_else(|_| o.body.into_bytes())
            } else {
                o.body.into_bytes()
            };
            Answer {
                status: o.status,
                headers: o.headers,
                body,
            }
        }
        Err(panic) => {
            eprintln!("mockgate serve: internal error in evaluate: {panic}");
            Answer::gateway(500, "Internal server error", "InternalServerErrorException")
        }
    }
}

fn one_line(s: &str) -> String {
    s.chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect()
}

/// The method request evaluate() runs: what `MethodRequest::from_json`
/// would build from the Lambda proxy event (v1.0) of this request
/// (CONTRACT.md), built directly to spare a JSON round trip per request.
fn method_request(
    parts: &hyper::http::request::Parts,
    body: &Bytes,
    path: &str,
    resource_path: &str,
    path_parameters: IndexMap<String, String>,
    config: &Config,
    peer: SocketAddr,
) -> MethodRequest {
    let mut headers = MultiMap::default();
    for (name, value) in &parts.headers {
        headers.insert(
            name.as_str(),
            String::from_utf8_lossy(value.as_bytes()).into_owned(),
        );
    }
    let mut query = MultiMap::default();
    for pair in parts
        .uri
        .query()
        .unwrap_or("")
        .split('&')
        .filter(|p| !p.is_empty())
    {
        let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
        // `+` stays `+` (inference: API Gateway decodes %XX escapes in
        // query values but is not a form decoder).
        query.insert(&percent_decode(k), percent_decode(v));
    }
    // A body that is not UTF-8 arrives base64-encoded in the proxy event.
    let (body, is_base64_encoded) = match std::str::from_utf8(body) {
        Ok(s) => (RequestBody::Text(s.to_string()), false),
        Err(_) => (RequestBody::Binary(body.to_vec()), true),
    };
    let user_agent = parts
        .headers
        .get(hyper::header::USER_AGENT)
        .map(|v| String::from_utf8_lossy(v.as_bytes()).into_owned());
    let request_context = match json!({
        "stage": config.stage,
        "resourcePath": resource_path,
        "httpMethod": parts.method.as_str(),
        "path": format!("/{}{}", config.stage, path),
        "protocol": "HTTP/1.1",
        "identity": {"sourceIp": peer.ip().to_string(), "userAgent": user_agent},
    }) {
        Value::Object(m) => m,
        _ => Map::new(),
    };
    MethodRequest {
        http_method: parts.method.as_str().to_string(),
        path: path.to_string(),
        resource_path: resource_path.to_string(),
        headers,
        query,
        path_params: path_parameters,
        // Proxy events carry null stageVariables when the stage has none.
        stage_variables: (!config.stage_variables.is_empty())
            .then(|| config.stage_variables.clone()),
        body,
        is_base64_encoded,
        request_context,
        is_canary_request: None,
    }
}
