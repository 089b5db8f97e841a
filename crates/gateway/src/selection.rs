//! Choosing the integration response: each selection pattern is a Java
//! regular expression matched against the WHOLE selection value (the
//! status code for HTTP, MOCK and AWS service integrations; a Lambda
//! function's errorMessage, empty on success, for Lambda integrations:
//! handle-errors-in-lambda-integration.md, evidence ls-lambda-selection-pattern-*).
//! Patterns are tried in the order given; none matching, the default
//! response (no or empty pattern) applies.

use std::cell::RefCell;
use std::collections::HashMap;
use std::sync::Arc;

use mockgate_velocity::value::regex::{self, compile_java_regex_whole};
use serde_json::json;

use crate::integration::IntegrationResponse;
use crate::report::Report;

/// A selection pattern compiled, or why it does not compile.
type Compiled = Result<Arc<regex::Regex>, String>;

thread_local! {
    /// Compiled patterns by size limit, then pattern: the playground
    /// evaluates the same integration on every keystroke and `mockgate
    /// serve` on every request.
    static COMPILED: RefCell<HashMap<usize, HashMap<String, Compiled>>> =
        RefCell::new(HashMap::new());
}

/// Full-match compile: Java's `Pattern.matches` semantics.
pub fn compile_full(pattern: &str, limit: usize) -> Result<Arc<regex::Regex>, String> {
    // Looked up by `&str`: no key is allocated on a hit.
    if let Some(r) = COMPILED.with(|c| c.borrow().get(&limit).and_then(|m| m.get(pattern)).cloned())
    {
        return r;
    }
    // Whole-input matching by the engine, not by wrapping the pattern in
    // `^(?:...)$`: Java's `$` also matches before a final line terminator,
    // and a pattern with an unbalanced `)` must stay an error.
    let r = compile_java_regex_whole(pattern, limit).map(Arc::new);
    COMPILED.with(|c| {
        let mut c = c.borrow_mut();
        if c.values().map(HashMap::len).sum::<usize>() >= 256 {
            c.clear();
        }
        c.entry(limit)
            .or_default()
            .insert(pattern.to_string(), r.clone());
    });
    r
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
            Ok(re) => match re.try_is_match(value) {
                Ok(m) => (
                    m,
                    format!(
                        "{against} {value:?} {} /{pattern}/ (whole-string match)",
                        if m { "matches" } else { "does not match" }
                    ),
                ),
                Err(e) => (false, format!("pattern matching stopped: {e}")),
            },
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

/// The default integration response (no or empty selectionPattern), no
/// pattern tried.
pub fn default_response<'a>(
    responses: &'a [IntegrationResponse],
    why: &str,
    report: &mut Report,
) -> Option<&'a IntegrationResponse> {
    let d = responses.iter().find(|r| r.is_default());
    if let Some(d) = d {
        report.step(json!({
            "step": "selectionPattern", "statusCode": d.status_code, "pattern": null, "value": null,
            "matched": true, "why": why,
        }));
    }
    d
}

/// A pattern that can match no status code 100-599 never selects its
/// response for a status-matched integration.
pub fn never_matches_a_status(pattern: &str, limit: usize) -> bool {
    thread_local! {
        static NEVER: RefCell<HashMap<String, bool>> = RefCell::new(HashMap::new());
    }
    if let Some(b) = NEVER.with(|n| n.borrow().get(pattern).copied()) {
        return b;
    }
    let never = match compile_full(pattern, limit) {
        Ok(re) => !(100..600).any(|s: u32| re.is_match(&s.to_string())),
        Err(_) => false,
    };
    NEVER.with(|n| {
        let mut n = n.borrow_mut();
        if n.len() >= 256 {
            n.clear();
        }
        n.insert(pattern.to_string(), never);
    });
    never
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::integration::IntegrationResponse;

    fn ir(status: &str, pattern: Option<&str>) -> IntegrationResponse {
        IntegrationResponse {
            status_code: status.into(),
            selection_pattern: pattern.map(str::to_string),
            ..Default::default()
        }
    }

    fn pick(rs: &[IntegrationResponse], v: &str) -> Option<String> {
        select(rs, v, "status code", 1 << 20, &mut Report::default()).map(|r| r.status_code.clone())
    }

    #[test]
    fn status_patterns_match_the_whole_value() {
        // peer-ls-selection-pattern-status.
        let rs = [
            ir("200", None),
            ir("400", Some("400")),
            ir("500", Some("5\\d{2}")),
        ];
        assert_eq!(pick(&rs, "200").as_deref(), Some("200"));
        assert_eq!(pick(&rs, "400").as_deref(), Some("400"));
        assert_eq!(pick(&rs, "404").as_deref(), Some("200"));
        assert_eq!(pick(&rs, "501").as_deref(), Some("500"));
        // Whole-string: "40" alone does not match 400.
        assert_eq!(pick(&[ir("400", Some("40"))], "400"), None);
    }

    #[test]
    fn lambda_error_messages() {
        // ls-lambda-selection-pattern-*: declared order, first match wins.
        let rs = [
            ir("200", Some("")),
            ir("405", Some(".*four hundred.*")),
            ir("502", Some(".+")),
            ir("504", Some("200")),
        ];
        assert_eq!(pick(&rs, "").as_deref(), Some("200"));
        assert_eq!(
            pick(
                &rs,
                "Error: Raising four hundred from within the Lambda function"
            )
            .as_deref(),
            Some("405")
        );
        assert_eq!(
            pick(
                &rs,
                "Error: Raising five hundred from within the Lambda function"
            )
            .as_deref(),
            Some("502")
        );
    }

    #[test]
    fn trace_records_each_pattern() {
        let mut r = Report::default();
        select(
            &[ir("400", Some("4\\d{2}")), ir("200", None)],
            "201",
            "status code",
            1 << 20,
            &mut r,
        );
        assert_eq!(r.trace.len(), 2);
        assert_eq!(r.trace[0]["matched"], false);
        assert_eq!(r.trace[1]["statusCode"], "200");
    }

    #[test]
    fn never_matching_patterns() {
        assert!(never_matches_a_status("Error.*", 1 << 20));
        assert!(never_matches_a_status("2\\d", 1 << 20));
        assert!(!never_matches_a_status("2\\d{2}", 1 << 20));
    }
}
