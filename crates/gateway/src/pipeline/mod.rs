//! One request through one method integration, step by step, as API
//! Gateway runs it: method request -> request parameters -> request
//! template (or passthrough / 415) -> overrides -> endpoint (MOCK status,
//! HTTP, AWS, Lambda, proxies) -> integration response selection ->
//! response parameters -> response template -> overrides -> method response.

mod integration_request;
mod integration_response;
mod proxy_integration;

use std::rc::Rc;
use std::sync::Arc;

use indexmap::IndexMap;
use mockgate_velocity::{Provenance, Value};
use serde_json::{json, Value as Json};

use crate::backend::{self, Backend, EndpointResponse};
use crate::encoding::{base64_decode, base64_encode, uri_encode};
use crate::gateway_responses::{self, GatewayError};
use crate::integration::validate::{parse_apigateway_arn, validate};
use crate::integration::{ContentHandling, Integration, IntegrationType};
use crate::json_lenient::{parse_lenient_status, ParseError};
use crate::mock;
use crate::options::now_ms;
pub use crate::options::Options;
use crate::overrides;
use crate::provenance::Links;
use crate::proxy;
use crate::render::{self, Failure};
use crate::report::{java_map, log_body, with_key, Diagnostic, Report, Severity};
use crate::request::{Body, MethodRequest};
use crate::request_parameters::{self, Common, IntegrationParams};
use crate::response_parameters;
use crate::result::{IntegrationRequest, Outcome};
use crate::selection;
use crate::template_choice::{choose_request, choose_response, RequestChoice};
use crate::vars::context::{self, Defaults};
use crate::vars::input::{InputHost, Params};
use crate::vars::util::UtilHost;

struct Run<'a> {
    integration: &'a Integration,
    req: &'a MethodRequest,
    opts: &'a Options,
    report: Report,
    /// `$context`, built when first needed (a template or a parameter
    /// mapping reads it, a proxy event carries it): most of a small
    /// request's cost otherwise. `None` until then.
    context: Option<Value>,
    /// What `$context` is built from.
    defaults: Defaults,
    stage_variables: IndexMap<String, String>,
    params: Rc<Params>,
    /// A MOCK integration whose request no template mapped: AWS answers
    /// with the default integration response (how-to-mock-integration.md).
    mock_without_template: bool,
    /// The request template's output and provenance, once rendered.
    request_rendered: Option<TemplateOutput>,
    /// The response template's output and provenance, once rendered.
    response_rendered: Option<TemplateOutput>,
    /// A MOCK request template's output as the lenient reader read it for
    /// the JSON warning, kept for the status code (`mock::status_read`):
    /// reading a big output was a fifth of such an evaluation, and it was
    /// read twice.
    mock_request_json: Option<Result<serde_json::Value, ParseError>>,
}

/// One rendered mapping template: its name, output and the engine's
/// provenance (output byte range -> template byte range).
struct TemplateOutput {
    name: String,
    text: String,
    provenance: Arc<Vec<Provenance>>,
}

pub fn run(integration: &Integration, req: &MethodRequest, opts: &Options, seed: u64) -> Outcome {
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

    let defaults = Defaults {
        account_id: opts.account_id.clone(),
        api_id: opts.api_id.clone(),
        stage: opts.stage.clone(),
        region: opts.region.clone(),
        request_time_epoch: opts.request_time_epoch.unwrap_or_else(now_ms),
        seed,
    };
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
        context: None,
        defaults,
        stage_variables: req.stage_variables.clone().unwrap_or_default(),
        params,
        mock_without_template: false,
        request_rendered: None,
        mock_request_json: None,
        response_rendered: None,
    };
    let request_id = run.request_id();
    run.log_method_request(&request_id);
    let extended = run.context_str("extendedRequestId");
    let mut out = if integration.kind.is_proxy() {
        run.proxy()
    } else {
        run.non_proxy()
    };
    out.provenance = run.result_provenance(&out);
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
    let mut step = json!({"step": "methodResponse", "statusCode": out.status});
    step = with_key(step, "headers", Json::Object(headers));
    step = with_key(step, "body", Json::String(out.body.clone()));
    out.report.step(step);
    out.report
        .log(format!("Method completed with status: {}", out.status));
    out
}

impl<'a> Run<'a> {
    /// The result's top-level provenance: template spans linked to byte
    /// ranges of the final client body and integration request body. Only
    /// when that body is exactly the template's output (not after a
    /// base64 conversion, not when a gateway error replaced it), so the
    /// offsets always index the text the result carries.
    fn result_provenance(&mut self, out: &Outcome) -> Vec<Links> {
        let mut links = Vec::new();
        let link = |t: TemplateOutput, target: &'static str| Links {
            template: t.name,
            target,
            spans: t.provenance,
        };
        if let Some(t) = self.response_rendered.take() {
            if !out.is_base64 && out.body == t.text {
                links.push(link(t, "body"));
            }
        }
        if let (Some(t), Some(ir)) = (self.request_rendered.take(), &out.integration_request) {
            if !ir.is_base64 && ir.body == t.text {
                links.push(link(t, "integrationRequest.body"));
            }
        }
        links
    }

    /// A rendered template's trace step, with its provenance unless the
    /// options leave that copy out.
    fn template_step(&mut self, step: Json, provenance: Arc<Vec<Provenance>>) {
        if self.opts.trace_provenance {
            self.report.template_step(step, provenance);
        } else {
            self.report.step(step);
        }
    }

    fn request_id(&self) -> String {
        self.context_str("requestId")
    }

    /// `$context`, built now if not yet.
    fn context(&mut self) -> &Value {
        self.context
            .get_or_insert_with(|| context::build(self.req, &self.defaults))
    }

    /// `$context.KEY` (a top-level string: `requestId`, `apiId`...) as
    /// text, without building `$context` when it is not built yet.
    fn context_str(&self, key: &str) -> String {
        let v = match &self.context {
            Some(c) => context::lookup(c, key).unwrap_or(Value::Null),
            None => context::initial(self.req, &self.defaults, key),
        };
        context::java_str(&v)
    }

    /// `$context` when it may hold overrides to apply: once built (a
    /// template may have set some), or when the request's requestContext
    /// gives some. An unbuilt `$context` holds none: nothing read it.
    fn overrides_context(&mut self) -> Option<Value> {
        if self.context.is_none() && !context::request_gives_overrides(self.req) {
            return None;
        }
        Some(self.context().clone())
    }

    /// `$context` for parameter mappings: built when one of `mappings`
    /// reads `context.X`; `Null` otherwise (never looked at).
    fn context_for(&mut self, mappings: &IndexMap<String, String>) -> Value {
        if self.context.is_some() || mappings.values().any(|src| src.contains("context.")) {
            self.context().clone()
        } else {
            Value::Null
        }
    }

    fn log_method_request(&mut self, id: &str) {
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
    // The error is the finished gateway response, returned once per request.
    #[allow(clippy::result_large_err)]
    fn render(
        &mut self,
        name: &str,
        src: &str,
        payload: String,
    ) -> Result<(String, Arc<Vec<Provenance>>), Outcome> {
        let input = Rc::new(InputHost::new(payload, self.params.clone()));
        let mut vars = vec![
            ("input", Value::Host(input.clone())),
            ("util", Value::Host(Rc::new(UtilHost))),
            ("stageVariables", self.stage_variables_value()),
        ];
        // A template can reach `$context` only by naming it (the engine has
        // no #evaluate), so one whose text never says "context" renders the
        // same without it, and cannot set an override.
        let rule = if src.contains("context") {
            let context = self.context().clone();
            vars.push(("context", context.clone()));
            Some(overrides::final_overrides(&context, src))
        } else {
            None
        };
        let (observer, tripped) = match rule {
            Some(r) => (Some(r.observer), Some(r.tripped)),
            None => (None, None),
        };
        match render::render(name, src, vars, observer, &self.opts.limits) {
            Ok(out) => {
                for w in &out.rendered.warnings {
                    self.report
                        .diag(render::diagnostic(w, src, Severity::Warning));
                }
                if let Some(c) = out.context {
                    self.context = Some(c);
                }
                self.check_json(name, src, &out.rendered);
                // Which template bytes produced which output bytes, for the
                // page's hover links.
                Ok((out.rendered.text, Arc::new(out.rendered.provenance)))
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
                let mut d = render::diagnostic(&e, src, Severity::Error);
                if tripped.is_some_and(|t| t.get()) {
                    d.code = Some("override-twice");
                    self.report.diag(d);
                    return Err(self.fail(
                        GatewayError::InternalServerError,
                        format!("Execution failed due to configuration error: {e}"),
                    ));
                }
                self.report.diag(d);
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
    /// (MOCK request templates excepted: AWS reads them leniently). A MOCK
    /// request template's reading is kept in `mock_request_json` for the
    /// status code (integration_request.rs), so the output is read once.
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
            // Read as the status code needs it (only `statusCode` built):
            // the warning needs only whether it reads at all.
            let read = parse_lenient_status(&rendered.text);
            let unreadable = read.is_err();
            self.mock_request_json = Some(read);
            if unreadable {
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
