//! Choosing the integration response: each selection pattern is a Java
//! regular expression matched against the WHOLE selection value (the
//! status code for HTTP, MOCK and AWS service integrations; a Lambda
//! function's errorMessage, empty on success, for Lambda integrations:
//! handle-errors-in-lambda-integration.md, evidence ls-lambda-selection-pattern-*).
//! Patterns are tried in the order given; none matching, the default
//! response (no or empty pattern) applies.

use mockgate_velocity::value::regex::compile_java_regex;
use serde_json::json;

use crate::integration::IntegrationResponse;
use crate::report::Report;

/// Full-match compile: Java's `Pattern.matches` semantics.
pub fn compile_full(pattern: &str, limit: usize) -> Result<regex::Regex, String> {
    compile_java_regex(&format!("^(?:{pattern})$"), limit)
}

pub fn select<'a>(
    responses: &'a [IntegrationResponse],
    value: &str,
    against: &str,
    limit: usize,
    report: &mut Report,
) -> Option<&'a IntegrationResponse> {
    for r in responses.iter().filter(|r| !r.is_default()) {
        let pattern = r.selection_pattern.as_deref().unwrap_or_default();
        let (matched, why) = match compile_full(pattern, limit) {
            Ok(re) => {
                let m = re.is_match(value);
                (
                    m,
                    format!(
                        "{against} {value:?} {} /{pattern}/ (whole-string match)",
                        if m { "matches" } else { "does not match" }
                    ),
                )
            }
            Err(e) => (false, format!("pattern does not compile: {e}")),
        };
        report.step(json!({
            "step": "selectionPattern", "statusCode": r.status_code, "pattern": pattern,
            "value": value, "matched": matched, "why": why,
        }));
        if matched {
            return Some(r);
        }
    }
    let d = responses.iter().find(|r| r.is_default());
    if let Some(d) = d {
        report.step(json!({
            "step": "selectionPattern", "statusCode": d.status_code, "pattern": null, "value": value,
            "matched": true, "why": "no pattern matched; the default integration response (no selectionPattern) applies",
        }));
    }
    d
}

/// A pattern that can match no status code 100-599 never selects its
/// response for a status-matched integration.
pub fn never_matches_a_status(pattern: &str, limit: usize) -> bool {
    match compile_full(pattern, limit) {
        Ok(re) => !(100..600).any(|s: u32| re.is_match(&s.to_string())),
        Err(_) => false,
    }
}
