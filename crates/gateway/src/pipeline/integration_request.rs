//! The integration request: parameters, the request template or
//! passthrough, overrides, the MOCK status or the call to the endpoint.

use super::*;

impl Run<'_> {
    pub(super) fn non_proxy(&mut self) -> Outcome {
        let integration = self.integration;
        let req = self.req;
        let handling = integration.content_handling();
        let context = self.context_for(&integration.request_parameters);
        let common = Common {
            context: &context,
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
                    Ok((text, provenance)) => {
                        self.template_step(
                            json!({"step": "requestTemplate", "contentType": content_type, "chosen": key, "template": name, "why": why, "output": text}),
                            provenance.clone(),
                        );
                        self.request_rendered = Some(TemplateOutput {
                            name: name.clone(),
                            text: text.clone(),
                            provenance,
                        });
                        template_output = Some(text.clone());
                        template_used = Some((name.clone(), source));
                        (text, None)
                    }
                    Err(o) => return o,
                }
            }
        };

        // Overrides from the request template replace mapped parameters.
        if let Some(ctx) = self.overrides_context() {
            overrides::apply_request(&ctx, &mut iparams, &mut self.report);
        }

        let endpoint: EndpointResponse;
        let body_logged = match &body_binary {
            Some(b) => format!("[Binary Data] {}", base64_encode(b)),
            None => body.clone(),
        };
        if integration.kind == IntegrationType::Mock {
            let read = self.mock_request_json.take();
            let status = match mock::status_read(template_output.as_deref(), read) {
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
                "why": if template_output.is_some() { "statusCode read from the rendered request template" } else { "no request template: MOCK answers 200 with the default integration response" }}));
            self.report.log(format!(
                "Endpoint request body after transformations: {}",
                log_body(&body_logged)
            ));
            endpoint = EndpointResponse {
                status,
                ..Default::default()
            };
            self.mock_without_template = template_output.is_none();
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
        // A Lambda function takes a JSON payload: a body that is not JSON is
        // refused before the call with 400 "Could not parse request body
        // into json" (AWS's message for this case; the parser detail here
        // is mockgate's, and the 400 itself is inferred from that message
        // and from toqoz-2015-122ff6ce's 400 for unreadable payloads).
        if integration.is_lambda() && body_binary.is_none() && !body.trim().is_empty() {
            if let Err(e) = serde_json::from_str::<Json>(&body) {
                let msg = format!("Could not parse request body into json: {e}");
                self.report.diag(
                    Diagnostic::new(
                        Severity::Error,
                        format!("a Lambda integration's request body must be JSON: {e}"),
                    )
                    .in_template(
                        template_used
                            .as_ref()
                            .map_or("request:application/json", |t| t.0.as_str()),
                        1,
                        1,
                    )
                    .code("lambda-payload"),
                );
                let mut o = self.fail(
                    GatewayError::BadRequestBody(msg.clone()),
                    format!("Execution failed: {msg}"),
                );
                o.integration_request = Some(ir);
                return o;
            }
        }
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
    pub(super) fn integration_request(
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
            let api_id = self.context_str("apiId");
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
}
