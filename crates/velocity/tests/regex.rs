//! Java regexes through templates: what a template author sees when a
//! pattern backtracks catastrophically or uses what mockgate's engine
//! added over the old translation (lookaround, backreferences, possessive
//! quantifiers), and that selection-style whole matching follows Java.

use mockgate_velocity::{Context, Limits, Template, Value};

fn render(src: &str, input: &str) -> Result<String, String> {
    let limits = Limits::default();
    let t = Template::parse_with_limits("t", src, &limits).map_err(|e| format!("{e:?}"))?;
    let mut ctx = Context::new();
    ctx.insert("s", Value::str(input));
    t.render(&mut ctx, &limits)
        .map(|r| r.text)
        .map_err(|e| e.to_string())
}

#[test]
fn catastrophic_backtracking_is_an_error_naming_the_limit() {
    // (a+)+b over 40 a's: about 2^40 steps in Java's engine.
    let input = "a".repeat(40);
    for src in [
        "$s.matches('(a+)+b')",
        "$s.replaceAll('(a+)+b', 'x')",
        "$s.split('(a+)+b')",
    ] {
        let e = render(src, &input).unwrap_err();
        assert!(e.contains("regex step limit"), "{src}: {e}");
        assert!(e.contains("(a+)+b"), "{src}: {e}");
    }
}

#[test]
fn java_constructs_the_translation_could_not_run() {
    assert_eq!(
        render("$s.replaceAll('(?<=\\d)(?=(\\d{3})+$)', ',')", "1234567").unwrap(),
        "1,234,567"
    );
    assert_eq!(render("$s.matches('(\\w+)-\\1')", "ab-ab").unwrap(), "true");
    assert_eq!(
        render("$s.matches('(\\w+)-\\1')", "ab-ba").unwrap(),
        "false"
    );
    assert_eq!(render("$s.matches('a*+a')", "aaa").unwrap(), "false");
    assert_eq!(
        render(
            "$s.replaceAll('\"(?:[^\"\\\\]|\\\\.)*+\"', 'S')",
            "x \"a\\\"b\" y"
        )
        .unwrap(),
        "x S y"
    );
}

#[test]
fn bad_patterns_throw_pattern_syntax_exception() {
    let e = render("$s.matches('(a')", "a").unwrap_err();
    assert!(
        e.contains("java.util.regex.PatternSyntaxException: Unclosed group near index 2"),
        "{e}"
    );
}
