//! Selection patterns as Java's `Pattern.matches(pattern, value)`: the
//! whole value, with java.util.regex semantics (mockgate's engine).

use mockgate_gateway::integration::IntegrationResponse;
use mockgate_gateway::report::Report;
use mockgate_gateway::selection::{compile_full, select};

fn ir(status: &str, pattern: Option<&str>) -> IntegrationResponse {
    IntegrationResponse {
        status_code: status.into(),
        selection_pattern: pattern.map(str::to_string),
        ..Default::default()
    }
}

fn pick(rs: &[IntegrationResponse], value: &str, report: &mut Report) -> Option<String> {
    select(rs, value, "errorMessage", 1 << 20, report).map(|r| r.status_code.clone())
}

#[test]
fn the_whole_value_must_match_even_before_a_final_newline() {
    // Pattern.matches("400", "400\n") is false; wrapping the pattern in
    // ^(?:...)$ would have accepted it, Java's $ matching before a final
    // line terminator.
    let rs = [ir("200", None), ir("400", Some("400"))];
    assert_eq!(
        pick(&rs, "400\n", &mut Report::default()).as_deref(),
        Some("200")
    );
    assert_eq!(
        pick(&rs, "400", &mut Report::default()).as_deref(),
        Some("400")
    );
}

#[test]
fn a_stray_parenthesis_is_a_syntax_error_not_a_different_pattern() {
    // ^(?:a)|(b)$ would compile; Java rejects "a)|(b".
    let e = compile_full("a)|(b", 1 << 20).unwrap_err();
    assert!(e.starts_with("Unmatched closing ')'"), "{e}");
}

#[test]
fn java_constructs_in_selection_patterns() {
    // Lookahead: any error message that does not start with "Validation".
    let rs = [
        ir("200", None),
        ir("500", Some("(?!Validation).+")),
        ir("400", Some("Validation.*")),
    ];
    assert_eq!(
        pick(&rs, "Validation failed", &mut Report::default()).as_deref(),
        Some("400")
    );
    assert_eq!(
        pick(&rs, "Timeout", &mut Report::default()).as_deref(),
        Some("500")
    );
}

#[test]
fn a_catastrophic_pattern_is_reported_in_the_trace() {
    let rs = [ir("200", None), ir("400", Some("(a+)+b"))];
    let mut report = Report::default();
    assert_eq!(
        pick(&rs, &"a".repeat(40), &mut report).as_deref(),
        Some("200")
    );
    let why = report.trace[0].json["why"]
        .as_str()
        .unwrap_or_default()
        .to_string();
    assert!(why.contains("regex step limit"), "{why}");
}
