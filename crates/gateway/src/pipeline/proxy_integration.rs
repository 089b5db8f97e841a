//! HTTP_PROXY and AWS_PROXY: no mappings, the request and the response
//! pass through.

use super::*;

impl Run<'_> {
    pub(super) fn proxy(&mut self) -> Outcome {
        let integration = self.integration;
        let req = self.req;
        let context = self.context_for(&integration.request_parameters);
        let common = Common {
            context: &context,
            stage_variables: &self.stage_variables,
        };
        let iparams = request_parameters::map(
            &integration.request_parameters,
            req,
            &common,
            &mut self.report,
        );
        if integration.kind == IntegrationType::AwsProxy {
            // The event carries the whole of $context as its requestContext.
            let context = self.context().clone();
            let event = proxy::lambda_event(req, &context, &self.stage_variables);
            let event_text = serde_json::to_string(&event).unwrap_or_default();
            self.report.step(with_key(
                json!({"step": "lambdaProxyEvent"}),
                "event",
                event,
            ));
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
                Ok(mut p) => {
                    self.report.step(json!({"step": "lambdaProxyResponse", "statusCode": p.status, "why": "the function's response passes through"}));
                    // REST APIs answer application/json when the function sets
                    // no Content-Type (inference; the method response default).
                    if !p
                        .headers
                        .iter()
                        .any(|(h, _)| h.eq_ignore_ascii_case("Content-Type"))
                    {
                        p.headers
                            .insert(0, ("Content-Type".into(), "application/json".into()));
                    }
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
                        provenance: Vec::new(),
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
            provenance: Vec::new(),
        }
    }
}
