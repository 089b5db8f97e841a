//! From the endpoint's answer to the method response: selection,
//! response parameters, response template, overrides.

use super::*;

impl Run<'_> {
    /// From the endpoint's answer to the method response.
    pub(super) fn respond(
        &mut self,
        endpoint: EndpointResponse,
        ir: Option<IntegrationRequest>,
    ) -> Outcome {
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
        // "you can have a method of the mock integration return the default
        // integration response without defining the integration request
        // mapping template" (how-to-mock-integration.md): no pattern is tried.
        let chosen = if self.mock_without_template {
            selection::default_response(
                &integration.integration_responses,
                "MOCK without a request template: the default integration response (no selectionPattern) applies",
                &mut self.report,
            )
        } else {
            selection::select(
                &integration.integration_responses,
                &value,
                against,
                limit,
                &mut self.report,
            )
        };
        let Some(chosen) = chosen else {
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
        let context = self.context_for(&chosen.response_parameters);
        let common = Common {
            context: &context,
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
                let (text, provenance) = match self.render(&name, c.source, payload) {
                    Ok(t) => t,
                    Err(mut o) => {
                        o.integration_request = ir;
                        return o;
                    }
                };
                self.template_step(
                    json!({"step": "responseTemplate", "statusCode": chosen.status_code, "chosen": c.content_type,
                        "template": name, "why": c.why, "output": text}),
                    provenance.clone(),
                );
                self.response_rendered = Some(TemplateOutput {
                    name,
                    text: text.clone(),
                    provenance,
                });
                content_type = Some(c.content_type.to_string());
                out_binary = false;
                text
            }
        };

        // Overrides, from either template, applied last.
        if let Some(ctx) = self.overrides_context() {
            if let Some(s) = overrides::response_status(&ctx, &mut self.report) {
                status = s;
            }
            for (k, v) in overrides::response_headers(&ctx, &mut self.report) {
                headers.retain(|(h, _)| !h.eq_ignore_ascii_case(&k));
                headers.push((k, v));
            }
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
            provenance: Vec::new(),
        }
    }
}
