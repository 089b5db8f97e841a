//! One request through one method integration, step by step, as API
//! Gateway runs it: method request -> request parameters -> request
//! template (or passthrough / 415) -> overrides -> endpoint (MOCK status,
//! HTTP, AWS, Lambda, proxies) -> integration response selection ->
//! response parameters -> response template -> overrides -> method response.

use std::rc::Rc;

use indexmap::IndexMap;
use mockgate_velocity::{Limits, Value};
use serde_json::{json, Value as Json};

use crate::backend::{self, Backend, EndpointResponse};
use crate::encoding::{base64_decode, base64_encode, fnv1a, uri_encode};
use crate::gateway_responses::{self, GatewayError};
use crate::integration::validate::{parse_apigateway_arn, validate};
use crate::integration::{ContentHandling, Integration, IntegrationType};
use crate::json_lenient::parse_lenient;
use crate::mock;
use crate::overrides;
use crate::proxy;
use crate::render::{self, Failure};
use crate::report::{java_map, log_body, Diagnostic, Report, Severity};
use crate::request::{Body, MethodRequest};
use crate::request_parameters::{self, Common, IntegrationParams};
use crate::response_parameters;
use crate::result::{IntegrationRequest, Outcome};
use crate::selection;
use crate::template_choice::{choose_request, choose_response, RequestChoice};
use crate::vars::context::{self, Defaults};
use crate::vars::input::{InputHost, Params};
use crate::vars::util::UtilHost;

/// evaluate's `options`, typed.
#[derive(Clone, Debug)]
pub struct Options {
    pub backend: Option<Backend>,
    pub limits: Limits,
    /// `$context.requestTimeEpoch`; now when not given (a fixed instant on wasm).
    pub request_time_epoch: Option<i64>,
    pub account_id: String,
    pub api_id: String,
    pub stage: String,
    pub region: String,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            backend: None,
            limits: Limits::default(),
            request_time_epoch: None,
            account_id: "123456789012".into(),
            api_id: "a1b2c3d4e5".into(),
            stage: "test".into(),
            region: "us-east-1".into(),
        }
    }
}

impl Options {
    pub fn from_json(v: &Json) -> Result<Options, String> {
        let mut o = Options::default();
        let Some(obj) = v.as_object() else {
            return if v.is_null() {
                Ok(o)
            } else {
                Err("options: expected an object".into())
            };
        };
        if let Some(b) = obj.get("backend") {
            o.backend = backend::parse(b)?;
        }
        if let Some(t) = obj.get("requestTimeEpoch").and_then(Json::as_i64) {
            o.request_time_epoch = Some(t);
        }
        for (k, slot) in [
            ("accountId", &mut o.account_id),
            ("apiId", &mut o.api_id),
            ("stage", &mut o.stage),
            ("region", &mut o.region),
        ] {
            if let Some(s) = obj.get(k).and_then(Json::as_str) {
                *slot = s.to_string();
            }
        }
        Ok(o)
    }
}

fn now_ms() -> i64 {
    #[cfg(not(target_arch = "wasm32"))]
    {
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_millis() as i64)
            .unwrap_or(0)
    }
    #[cfg(target_arch = "wasm32")]
    {
        1_700_000_000_000
    }
}

struct Run<'a> {
    integration: &'a Integration,
    req: &'a MethodRequest,
    opts: &'a Options,
    report: Report,
    context: Value,
    stage_variables: IndexMap<String, String>,
    params: Rc<Params>,
}

pub fn run(
    integration: &Integration,
    req: &MethodRequest,
    opts: &Options,
    seed_text: &str,
) -> Outcome {
    let mut report = Report::default();

    // Validation first: an integration AWS would not have saved never runs.
    let (violations, remarks) = validate(integration, opts.limits.max_regex_bytes);
    if !violations.is_empty() {
        for v in &violations {
            let msg = match &v.detail {
                Some(d) => format!("{} ({d})", v.message),
                None => v.message.clone(),
            };
            report.diag(
                Diagnostic::new(Severity::Error, msg)
                    .field(&v.field)
                    .code("bad-request"),
            );
        }
        let first = &violations[0];
        return Outcome {
            status: 400,
            headers: vec![
                ("Content-Type".into(), "application/json".into()),
                ("x-amzn-ErrorType".into(), "BadRequestException".into()),
            ],
            body: format!(
                "{{\"message\": {}}}",
                serde_json::to_string(&first.message).unwrap_or_default()
            ),
            error: Some(
                json!({"type": "BadRequestException", "message": first.message, "field": first.field}),
            ),
            report: {
                report.log(format!(
                    "PutIntegration would fail: BadRequestException: {}",
                    first.message
                ));
                report
            },
            ..Default::default()
        };
    }
    for r in remarks {
        report.diag(
            Diagnostic::new(Severity::Warning, r.message)
                .field(r.field)
                .code("integration"),
        );
    }
    if !integration.kind.is_proxy() && !integration.is_lambda() {
        for r in &integration.integration_responses {
            if let Some(p) = r.selection_pattern.as_deref().filter(|p| !p.is_empty()) {
                if selection::never_matches_a_status(p, opts.limits.max_regex_bytes) {
                    report.diag(
                        Diagnostic::new(
                            Severity::Warning,
                            format!("selection pattern /{p}/ can never match: {} integrations match it against the whole 3-digit status code", integration.kind.as_str()),
                        )
                        .field(format!("{}.selectionPattern", r.origin))
                        .code("pattern-never-matches"),
                    );
                }
            }
        }
    }

    let seed = fnv1a(seed_text.as_bytes());
    let defaults = Defaults {
        account_id: opts.account_id.clone(),
        api_id: opts.api_id.clone(),
        stage: opts.stage.clone(),
        region: opts.region.clone(),
        request_time_epoch: opts.request_time_epoch.unwrap_or_else(now_ms),
        seed,
    };
    let context = context::build(req, &defaults);
    let params = Rc::new(Params {
        path: req.path_params.clone(),
        querystring: req.query.clone(),
        header: req.headers.clone(),
    });
    let mut run = Run {
        integration,
        req,
        opts,
        report,
        context,
        stage_variables: req.stage_variables.clone().unwrap_or_default(),
        params,
    };
    run.log_method_request();
    let request_id = run.request_id();
    let extended = context::java_str(
        &context::lookup(&run.context, "extendedRequestId").unwrap_or(Value::Null),
    );
    let mut out = if integration.kind.is_proxy() {
        run.proxy()
    } else {
        run.non_proxy()
    };
    // Headers API Gateway adds to every response (recorded:
    // ls-mock-response-headers-no-trace-id). The trace header comes back
    // from Lambda integrations but not from MOCK (same case's notes).
    let mut extra = vec![
        ("x-amzn-RequestId".to_string(), request_id),
        ("x-amz-apigw-id".to_string(), extended),
    ];
    if integration.is_lambda() {
        extra.push((
            "X-Amzn-Trace-Id".to_string(),
            format!(
                "Root=1-{:08x}-{:024x}",
                (seed >> 32) as u32,
                u128::from(seed) * 0x9e37_79b9
            ),
        ));
    }
    for (k, v) in extra {
        if !out.headers.iter().any(|(h, _)| h.eq_ignore_ascii_case(&k)) {
            out.headers.push((k, v));
        }
    }
    let headers: serde_json::Map<String, Json> = out
        .headers
        .iter()
        .map(|(k, v)| (k.clone(), json!(v)))
        .collect();
    out.report.step(json!({"step": "methodResponse", "statusCode": out.status, "headers": headers, "body": out.body}));
    out.report
        .log(format!("Method completed with status: {}", out.status));
    out
}

impl<'a> Run<'a> {
    fn request_id(&self) -> String {
        context::java_str(&context::lookup(&self.context, "requestId").unwrap_or(Value::Null))
    }

    fn log_method_request(&mut self) {
        let id = self.request_id();
        let r = self.req;
        self.report.log(format!("Execution log for request {id}"));
        self.report
            .log(format!("Starting execution for request: {id}"));
        self.report.log(format!(
            "HTTP Method: {}, Resource Path: {}",
            r.http_method, r.path
        ));
        self.report.log(format!(
            "Method request path: {}",
            java_map(r.path_params.iter().map(|(k, v)| (k.as_str(), v.clone())))
        ));
        self.report.log(format!(
            "Method request query string: {}",
            java_map(
                r.query
                    .entries
                    .iter()
                    .map(|(k, v)| (k.as_str(), v.join(",")))
            )
        ));
        self.report.log(format!(
            "Method request headers: {}",
            java_map(
                r.headers
                    .entries
                    .iter()
                    .map(|(k, v)| (k.as_str(), v.join(",")))
            )
        ));
        let body = match &r.body {
            Body::Text(s) => s.clone(),
            Body::Binary(b) => format!("[Binary Data] {}", base64_encode(b)),
        };
        self.report.log(format!(
            "Method request body before transformations: {}",
            log_body(&body)
        ));
    }

    fn stage_variables_value(&self) -> Value {
        Value::map(
            self.stage_variables
                .iter()
                .map(|(k, v)| (k.clone(), Value::str(v)))
                .collect(),
        )
    }

    fn fail(&mut self, e: GatewayError, log: String) -> Outcome {
        self.report.log(log);
        let r = gateway_responses::response(&e);
        self.report
            .step(json!({"step": "gatewayResponse", "statusCode": r.status, "body": r.body}));
        Outcome {
            status: r.status,
            headers: r.headers,
            body: r.body,
            report: std::mem::take(&mut self.report),
            ..Default::default()
        }
    }

    /// Render one mapping template; on failure, the gateway's error outcome.
    fn render(&mut self, name: &str, src: &str, payload: String) -> Result<String, Outcome> {
        let input = Rc::new(InputHost::new(payload, self.params.clone()));
        let vars = vec![
            ("input", Value::Host(input.clone())),
            ("util", Value::Host(Rc::new(UtilHost))),
            ("context", self.context.clone()),
            ("stageVariables", self.stage_variables_value()),
        ];
        match render::render(name, src, vars, &self.opts.limits) {
            Ok(out) => {
                for w in &out.rendered.warnings {
                    self.report
                        .diag(render::diagnostic(w, src, Severity::Warning));
                }
                if let Some(c) = out.context {
                    self.context = c;
                }
                let text = out.rendered.text.clone();
                self.check_json(name, src, &out.rendered);
                Ok(text)
            }
            Err(Failure::Parse(errors)) => {
                for e in &errors {
                    self.report
                        .diag(render::diagnostic(e, src, Severity::Error));
                }
                let first = errors.first().map(|e| e.to_string()).unwrap_or_default();
                Err(self.fail(
                    GatewayError::InternalServerError,
                    format!("Execution failed due to configuration error: Unable to parse the mapping template {name}: {first}"),
                ))
            }
            Err(Failure::Runtime(e)) => {
                self.report
                    .diag(render::diagnostic(&e, src, Severity::Error));
                if let Some(msg) = input.payload_error() {
                    return Err(self.fail(
                        GatewayError::BadRequestBody(msg.clone()),
                        format!("Execution failed: {msg}"),
                    ));
                }
                Err(self.fail(
                    GatewayError::InternalServerError,
                    format!("Execution failed due to configuration error: Unable to transform with the mapping template {name}: {e}"),
                ))
            }
        }
    }

    /// A JSON content type whose template output is not JSON: warn
    /// (MOCK request templates excepted: AWS reads them leniently).
    fn check_json(&mut self, name: &str, src: &str, rendered: &render::Rendered) {
        let ct = name.rsplit(':').next().unwrap_or("");
        let is_json = ct == "application/json" || ct.ends_with("+json");
        let text = rendered.text.trim();
        if !is_json || text.is_empty() {
            return;
        }
        let mock_request =
            self.integration.kind == IntegrationType::Mock && name.starts_with("request:");
        if mock_request {
            if parse_lenient(&rendered.text).is_err() {
                self.report.diag(
                    Diagnostic::new(Severity::Warning, "the MOCK request template's output cannot be read as JSON, so no statusCode can be found")
                        .in_template(name, 1, 1)
                        .code("mock-status"),
                );
            }
            return;
        }
        if let Err(e) = serde_json::from_str::<Json>(&rendered.text) {
            let offset = offset_of(&rendered.text, e.line(), e.column());
            let (line, column) = render::source_position(rendered, src, offset);
            self.report.diag(
                Diagnostic::new(
                    Severity::Warning,
                    format!(
                        "the output is not valid JSON under {ct}: {e} (output line {}, column {})",
                        e.line(),
                        e.column()
                    ),
                )
                .in_template(name, line, column)
                .code("invalid-json"),
            );
        }
    }

    fn non_proxy(&mut self) -> Outcome {
        let integration = self.integration;
        let req = self.req;
        let handling = integration.content_handling();
        let common = Common {
            context: &self.context,
            stage_variables: &self.stage_variables,
        };
        let mut iparams = request_parameters::map(
            &integration.request_parameters,
            req,
            &common,
            &mut self.report,
        );

        // The payload the request template sees / that passes through.
        let (payload_text, payload_binary): (String, Option<Vec<u8>>) = match (&req.body, handling)
        {
            (Body::Binary(b), Some(ContentHandling::ConvertToText)) => (base64_encode(b), None),
            (Body::Binary(b), _) => (String::from_utf8_lossy(b).into_owned(), Some(b.clone())),
            (Body::Text(t), Some(ContentHandling::ConvertToBinary)) => match base64_decode(t) {
                Ok(bytes) => (t.clone(), Some(bytes)),
                // "If the conversion fails, it returns a 500 response"
                // (api-gateway-payload-encodings-workflow.md).
                Err(e) => {
                    return self.fail(
                        GatewayError::InternalServerError,
                        format!("Execution failed due to configuration error: CONVERT_TO_BINARY: the request body is not base64 ({e})"),
                    )
                }
            },
            (Body::Text(t), _) => (t.clone(), None),
        };

        let content_type = req.content_type();
        let choice = choose_request(
            &integration.request_templates,
            content_type.as_deref(),
            integration.passthrough_behavior,
        );
        let mut template_output: Option<String> = None;
        let mut template_used: Option<(String, &str)> = None;
        let (body, body_binary) = match choice {
            RequestChoice::Reject { why } => {
                self.report.step(json!({"step": "requestTemplate", "contentType": content_type, "chosen": null, "why": why, "output": null}));
                return self.fail(
                    GatewayError::UnsupportedMediaType,
                    format!(
                        "Execution failed: Unsupported Media Type ({})",
                        integration.passthrough_behavior.as_str()
                    ),
                );
            }
            RequestChoice::Passthrough { why } => {
                self.report.step(json!({"step": "requestTemplate", "contentType": content_type, "chosen": null, "why": why, "output": null}));
                (payload_text, payload_binary)
            }
            RequestChoice::Template {
                content_type: key,
                source,
                why,
            } => {
                let name = format!("request:{key}");
                match self.render(&name, source, payload_text) {
                    Ok(text) => {
                        self.report.step(json!({"step": "requestTemplate", "contentType": content_type, "chosen": key, "template": name, "why": why, "output": text}));
                        template_output = Some(text.clone());
                        template_used = Some((name.clone(), source));
                        (text, None)
                    }
                    Err(o) => return o,
                }
            }
        };

        // Overrides from the request template replace mapped parameters.
        let ctx = self.context.clone();
        overrides::apply_request(&ctx, &mut iparams, &mut self.report);

        let endpoint: EndpointResponse;
        let body_logged = match &body_binary {
            Some(b) => format!("[Binary Data] {}", base64_encode(b)),
            None => body.clone(),
        };
        if integration.kind == IntegrationType::Mock {
            let status = match mock::status(template_output.as_deref()) {
                Ok(s) => s,
                Err(e) => {
                    // Point at `statusCode` in the template when it is there.
                    let (line, column) = template_used
                        .as_ref()
                        .and_then(|(_, src)| {
                            src.find("statusCode").map(|at| render::line_col(src, at))
                        })
                        .unwrap_or((1, 1));
                    self.report
                        .step(json!({"step": "mockStatus", "statusCode": null, "why": e.reason}));
                    self.report.diag(
                        Diagnostic::new(
                            Severity::Error,
                            format!("MOCK integration: {}: {}", mock::CONFIG_ERROR, e.reason),
                        )
                        .in_template(
                            template_used
                                .as_ref()
                                .map_or("request:application/json", |t| t.0.as_str()),
                            line,
                            column,
                        )
                        .code("mock-status"),
                    );
                    self.report.log(format!(
                        "Endpoint request body after transformations: {}",
                        log_body(&body)
                    ));
                    return self.fail(
                        GatewayError::InternalServerError,
                        format!(
                            "Execution failed due to configuration error: {}",
                            mock::CONFIG_ERROR
                        ),
                    );
                }
            };
            self.report.step(json!({"step": "mockStatus", "statusCode": status,
                "why": if template_output.is_some() { "statusCode read from the rendered request template" } else { "no request template: MOCK answers 200" }}));
            self.report.log(format!(
                "Endpoint request body after transformations: {}",
                log_body(&body_logged)
            ));
            endpoint = EndpointResponse {
                status,
                ..Default::default()
            };
            let ir = IntegrationRequest {
                method: None,
                uri: None,
                headers: Vec::new(),
                body: body.clone(),
                is_base64: false,
            };
            return self.respond(endpoint, Some(ir));
        }

        let ir = self.integration_request(&iparams, body.clone(), body_binary.as_deref());
        self.report.log(format!(
            "Endpoint request URI: {}",
            ir.uri.clone().unwrap_or_default()
        ));
        self.report.log(format!(
            "Endpoint request headers: {}",
            java_map(ir.headers.iter().map(|(k, v)| (k.as_str(), v.clone())))
        ));
        self.report.log(format!(
            "Endpoint request body after transformations: {}",
            log_body(&body_logged)
        ));
        self.report.log(format!(
            "Sending request to {}",
            ir.uri.clone().unwrap_or_default()
        ));
        endpoint = backend::call(self.opts.backend.as_ref(), &body);
        self.report.log(format!(
            "Received response. Status: {}, Integration latency: 0 ms",
            endpoint.status
        ));
        self.report.log(format!(
            "Endpoint response headers: {}",
            java_map(
                endpoint
                    .headers
                    .entries
                    .iter()
                    .map(|(k, v)| (k.as_str(), v.join(",")))
            )
        ));
        self.report.log(format!(
            "Endpoint response body before transformations: {}",
            log_body(&endpoint.body_text())
        ));
        self.respond(endpoint, Some(ir))
    }

    /// Method, URI (path parameters and stage variables substituted, query
    /// string appended) and headers of the request sent to the endpoint.
    fn integration_request(
        &self,
        p: &IntegrationParams,
        body: String,
        binary: Option<&[u8]>,
    ) -> IntegrationRequest {
        let integration = self.integration;
        let method = match integration.http_method.as_deref() {
            Some(m) if !m.eq_ignore_ascii_case("ANY") => m.to_ascii_uppercase(),
            _ => self.req.http_method.clone(),
        };
        let mut uri = integration.uri.clone().unwrap_or_default();
        for (k, v) in &self.stage_variables {
            uri = uri.replace(&format!("${{stageVariables.{k}}}"), v);
        }
        for (k, v) in &p.path {
            // Each segment encoded, slashes kept: a greedy {proxy+} value
            // maps onto several segments (evidence ls-http-status-passthrough-*).
            let encoded: Vec<String> = v.split('/').map(uri_encode).collect();
            let encoded = encoded.join("/");
            uri = uri.replace(&format!("{{{k}+}}"), &encoded);
            uri = uri.replace(&format!("{{{k}}}"), &encoded);
        }
        if let Ok(arn) = parse_apigateway_arn(&uri) {
            // An AWS service ARN is shown as the service endpoint it calls.
            let host = format!("https://{}.{}.amazonaws.com", arn.service, arn.region);
            uri = if arn.kind == "path" {
                format!("{host}/{}", arn.rest.trim_start_matches('/'))
            } else {
                format!("{host}/?Action={}", arn.rest)
            };
        }
        let query: Vec<String> = p
            .querystring
            .iter()
            .flat_map(|(k, vals)| {
                vals.iter()
                    .map(move |v| format!("{}={}", uri_encode(k), uri_encode(v)))
            })
            .collect();
        if !query.is_empty() {
            uri.push(if uri.contains('?') { '&' } else { '?' });
            uri.push_str(&query.join("&"));
        }
        let mut headers: Vec<(String, String)> = Vec::new();
        if !integration.kind.is_proxy() {
            // What API Gateway adds to a non-proxy endpoint request, as the
            // console's log shows it ("Endpoint request headers: {...,
            // x-amzn-apigateway-api-id=<api-id>, Accept=application/json, ...}":
            // apigateway-override-request-response-parameters.md).
            let api_id =
                context::java_str(&context::lookup(&self.context, "apiId").unwrap_or(Value::Null));
            for (k, v) in [
                ("x-amzn-apigateway-api-id", api_id.clone()),
                ("Accept", "application/json".to_string()),
                ("User-Agent", format!("AmazonAPIGateway_{api_id}")),
            ] {
                if !p.header.keys().any(|h| h.eq_ignore_ascii_case(k)) {
                    headers.push((k.to_string(), v));
                }
            }
        }
        headers.extend(p.header.iter().map(|(k, v)| (k.clone(), v.join(","))));
        IntegrationRequest {
            method: Some(method),
            uri: Some(uri),
            headers,
            body: match binary {
                Some(b) => base64_encode(b),
                None => body,
            },
            is_base64: binary.is_some(),
        }
    }

    /// From the endpoint's answer to the method response.
    fn respond(&mut self, endpoint: EndpointResponse, ir: Option<IntegrationRequest>) -> Outcome {
        let integration = self.integration;
        let lambda = integration.is_lambda();
        let (value, against) = if lambda {
            (
                endpoint.error_message.clone().unwrap_or_default(),
                "Lambda errorMessage",
            )
        } else {
            (endpoint.status.to_string(), "status code")
        };
        let limit = self.opts.limits.max_regex_bytes;
        let Some(chosen) = selection::select(
            &integration.integration_responses,
            &value,
            against,
            limit,
            &mut self.report,
        ) else {
            let mut o = self.fail(
                GatewayError::InternalServerError,
                format!("Execution failed due to configuration error: No match for output mapping and no default output mapping configured. Endpoint Response Status Code: {}", endpoint.status),
            );
            o.integration_request = ir;
            return o;
        };
        let mut status: u16 = chosen.status_code.parse().unwrap_or(500);

        // Response parameters.
        let endpoint_text = endpoint.body_text();
        let common = Common {
            context: &self.context,
            stage_variables: &self.stage_variables,
        };
        let mut headers = response_parameters::map(
            &chosen.response_parameters,
            &endpoint.headers,
            &endpoint_text,
            &common,
            &mut self.report,
        );

        // Payload conversions (api-gateway-payload-encodings-*).
        let handling = chosen
            .content_handling
            .as_deref()
            .and_then(ContentHandling::parse);
        let (payload, mut out_binary) = match (endpoint.is_binary, handling) {
            (true, Some(ContentHandling::ConvertToText)) => (base64_encode(&endpoint.body), false),
            (true, _) => (endpoint_text.clone(), true),
            (false, Some(ContentHandling::ConvertToBinary)) => {
                match base64_decode(&endpoint_text) {
                    Ok(_) => (endpoint_text.clone(), true),
                    Err(e) => {
                        let mut o = self.fail(
                        GatewayError::InternalServerError,
                        format!("Execution failed due to configuration error: CONVERT_TO_BINARY: the integration response body is not base64 ({e})"),
                    );
                        o.integration_request = ir;
                        return o;
                    }
                }
            }
            (false, _) => (endpoint_text.clone(), false),
        };

        let accept = self.req.headers.get_ci("Accept").map(str::to_string);
        let mut content_type: Option<String> = None;
        let body = match choose_response(&chosen.response_templates, accept.as_deref()) {
            None => {
                self.report.step(json!({"step": "responseTemplate", "statusCode": chosen.status_code, "chosen": null,
                    "why": "no response templates: the integration response body passes through", "output": null}));
                if out_binary {
                    base64_encode(&endpoint.body)
                } else {
                    payload
                }
            }
            Some(c) if c.source.is_empty() => {
                // "To return the response payload unmapped ... set up an empty
                // template" (request-response-data-mappings.md).
                self.report.step(json!({"step": "responseTemplate", "statusCode": chosen.status_code, "chosen": c.content_type,
                    "why": format!("{}; the template is empty, so the payload passes through", c.why), "output": null}));
                content_type = Some(c.content_type.to_string());
                payload
            }
            Some(c) => {
                let name = format!("response:{}:{}", chosen.status_code, c.content_type);
                let text = match self.render(&name, c.source, payload) {
                    Ok(t) => t,
                    Err(mut o) => {
                        o.integration_request = ir;
                        return o;
                    }
                };
                self.report.step(json!({"step": "responseTemplate", "statusCode": chosen.status_code, "chosen": c.content_type,
                    "template": name, "why": c.why, "output": text}));
                content_type = Some(c.content_type.to_string());
                out_binary = false;
                text
            }
        };

        // Overrides, from either template, applied last.
        let ctx = self.context.clone();
        if let Some(s) = overrides::response_status(&ctx, &mut self.report) {
            status = s;
        }
        for (k, v) in overrides::response_headers(&ctx, &mut self.report) {
            headers.retain(|(h, _)| !h.eq_ignore_ascii_case(&k));
            headers.push((k, v));
        }
        if !headers
            .iter()
            .any(|(h, _)| h.eq_ignore_ascii_case("Content-Type"))
        {
            // The method response's Content-Type: the template's media type,
            // else application/json (evidence ls-mock-response-headers-no-trace-id,
            // ls-testinvoke-* log "{Content-Type=application/json}").
            let ct = content_type
                .filter(|c| c != "$default")
                .unwrap_or_else(|| "application/json".into());
            headers.insert(0, ("Content-Type".into(), ct));
        }
        self.report.log(format!(
            "Method response body after transformations: {}",
            log_body(&body)
        ));
        self.report.log(format!(
            "Method response headers: {}",
            java_map(headers.iter().map(|(k, v)| (k.as_str(), v.clone())))
        ));
        self.report.log("Successfully completed execution");
        Outcome {
            status,
            headers,
            body,
            is_base64: out_binary,
            integration_request: ir,
            report: std::mem::take(&mut self.report),
            error: None,
        }
    }

    fn proxy(&mut self) -> Outcome {
        let integration = self.integration;
        let req = self.req;
        let common = Common {
            context: &self.context,
            stage_variables: &self.stage_variables,
        };
        let iparams = request_parameters::map(
            &integration.request_parameters,
            req,
            &common,
            &mut self.report,
        );
        if integration.kind == IntegrationType::AwsProxy {
            let event = proxy::lambda_event(req, &self.context, &self.stage_variables);
            let event_text = serde_json::to_string(&event).unwrap_or_default();
            self.report
                .step(json!({"step": "lambdaProxyEvent", "event": event}));
            let mut ir =
                self.integration_request(&IntegrationParams::default(), event_text.clone(), None);
            ir.method = Some("POST".into());
            self.report.log(format!(
                "Endpoint request URI: {}",
                ir.uri.clone().unwrap_or_default()
            ));
            self.report.log(format!(
                "Endpoint request body after transformations: {}",
                log_body(&event_text)
            ));
            let result: Option<Json> = match self.opts.backend.as_ref() {
                None => None,
                Some(Backend::LambdaPayload(p)) => Some(p.clone()),
                Some(Backend::LambdaError(e)) => {
                    let mut o = self.fail(
                        GatewayError::BadGateway,
                        format!("Lambda execution failed with status 200 due to customer function error: {}", e.get("errorMessage").and_then(Json::as_str).unwrap_or("")),
                    );
                    o.integration_request = Some(ir);
                    return o;
                }
                Some(Backend::Response {
                    status,
                    headers,
                    body,
                    is_binary,
                }) => Some(json!({
                    "statusCode": status,
                    "headers": headers.singles().map(|(k, v)| (k.to_string(), json!(v))).collect::<serde_json::Map<_, _>>(),
                    "body": if *is_binary { base64_encode(body) } else { String::from_utf8_lossy(body).into_owned() },
                    "isBase64Encoded": is_binary,
                })),
                Some(Backend::EchoBody | Backend::LambdaEcho) => {
                    Some(json!({"statusCode": 200, "body": event_text}))
                }
            };
            let Some(result) = result else {
                self.report.step(json!({"step": "lambdaProxyResponse", "why": "no backend given: 200 with an empty body"}));
                self.report.log("Successfully completed execution");
                return Outcome {
                    status: 200,
                    integration_request: Some(ir),
                    report: std::mem::take(&mut self.report),
                    ..Default::default()
                };
            };
            self.report.log(format!(
                "Endpoint response body before transformations: {}",
                log_body(&result.to_string())
            ));
            return match proxy::parse_lambda_response(&result) {
                Ok(p) => {
                    self.report.step(json!({"step": "lambdaProxyResponse", "statusCode": p.status, "why": "the function's response passes through"}));
                    self.report.log(format!(
                        "Method response body after transformations: {}",
                        log_body(&p.body)
                    ));
                    self.report.log("Successfully completed execution");
                    Outcome {
                        status: p.status,
                        headers: p.headers,
                        body: p.body,
                        is_base64: p.is_base64,
                        integration_request: Some(ir),
                        report: std::mem::take(&mut self.report),
                        error: None,
                    }
                }
                Err(why) => {
                    self.report.diag(
                        Diagnostic::new(
                            Severity::Error,
                            format!("Malformed Lambda proxy response: {why}"),
                        )
                        .code("malformed-proxy-response"),
                    );
                    self.report.step(
                        json!({"step": "lambdaProxyResponse", "statusCode": 502, "why": why}),
                    );
                    let mut o = self.fail(GatewayError::BadGateway, "Execution failed due to configuration error: Malformed Lambda proxy response".into());
                    o.integration_request = Some(ir);
                    o
                }
            };
        }
        // HTTP_PROXY: the method request, as is, to the endpoint.
        let mut p = iparams;
        for (k, v) in &req.path_params {
            p.path.entry(k.clone()).or_insert_with(|| v.clone());
        }
        for (k, vals) in &req.query.entries {
            p.querystring
                .entry(k.clone())
                .or_insert_with(|| vals.clone());
        }
        for (k, vals) in &req.headers.entries {
            if !p.header.keys().any(|h| h.eq_ignore_ascii_case(k)) {
                p.header.insert(k.clone(), vals.clone());
            }
        }
        let (body, binary) = match &req.body {
            Body::Text(t) => (t.clone(), None),
            Body::Binary(b) => (String::new(), Some(b.clone())),
        };
        let ir = self.integration_request(&p, body.clone(), binary.as_deref());
        self.report.log(format!(
            "Endpoint request URI: {}",
            ir.uri.clone().unwrap_or_default()
        ));
        self.report.log(format!(
            "Endpoint request body after transformations: {}",
            log_body(&ir.body)
        ));
        let e = backend::call(self.opts.backend.as_ref(), &body);
        self.report.step(json!({"step": "httpProxyResponse", "statusCode": e.status, "why": "HTTP_PROXY passes the endpoint's status, headers and body through"}));
        self.report.log(format!(
            "Received response. Status: {}, Integration latency: 0 ms",
            e.status
        ));
        let headers: Vec<(String, String)> = e
            .headers
            .entries
            .iter()
            .map(|(k, v)| (k.clone(), v.join(",")))
            .collect();
        let (body, is_base64) = if e.is_binary {
            (base64_encode(&e.body), true)
        } else {
            (e.body_text(), false)
        };
        self.report.log("Successfully completed execution");
        Outcome {
            status: u16::try_from(e.status)
                .ok()
                .filter(|s| (100..=599).contains(s))
                .unwrap_or(502),
            headers,
            body,
            is_base64,
            integration_request: Some(ir),
            report: std::mem::take(&mut self.report),
            error: None,
        }
    }
}

/// Byte offset of 1-based (line, column) in `text` (serde_json's error position).
fn offset_of(text: &str, line: usize, column: usize) -> usize {
    let mut off = 0;
    for (i, l) in text.split_inclusive('\n').enumerate() {
        if i + 1 == line {
            let col = column.saturating_sub(1);
            return off + l.char_indices().nth(col).map_or(l.len(), |(b, _)| b);
        }
        off += l.len();
    }
    text.len()
}
