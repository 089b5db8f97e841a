//! Engine errors as the contract's `diagnostics` entries, with the extra
//! positions an editor needs to underline the faulty range.

use mockgate_velocity::error::line_col;
use mockgate_velocity::{Error, ErrorKind};
use serde_json::{json, Value};

/// `{severity, template, line, column, endLine, endColumn, from, to,
/// message, kind}`; `from`/`to` are UTF-16 offsets into `source` (what
/// CodeMirror and other JS editors count in).
pub fn diagnostic(error: &Error, severity: &str, source: &str) -> Value {
    let start = clamp(source, error.span.start);
    let end = clamp(source, error.span.end.max(error.span.start));
    let (end_line, end_column) = line_col(source, end);
    json!({
        "severity": severity,
        "template": error.template,
        "line": error.line,
        "column": error.column,
        "endLine": end_line,
        "endColumn": end_column,
        "from": utf16_len(&source[..start]),
        "to": utf16_len(&source[..end]),
        "message": error.message,
        "kind": kind(&error.kind),
    })
}

fn kind(kind: &ErrorKind) -> &'static str {
    match kind {
        ErrorKind::Syntax => "syntax",
        ErrorKind::Runtime => "runtime",
        ErrorKind::Limit { .. } => "limit",
    }
}

/// The nearest char boundary at or before `pos`, within `source`.
fn clamp(source: &str, pos: usize) -> usize {
    let mut pos = pos.min(source.len());
    while !source.is_char_boundary(pos) {
        pos -= 1;
    }
    pos
}

fn utf16_len(s: &str) -> usize {
    s.encode_utf16().count()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn error_at(source: &str, span: std::ops::Range<usize>) -> Error {
        Error::at(ErrorKind::Syntax, "unexpected", "t", source, span)
    }

    #[test]
    fn offsets_count_utf16_units_and_end_is_located() {
        // "é" is 2 bytes and 1 UTF-16 unit; "😀" is 4 bytes and 2 units.
        let source = "é😀\n#end x";
        let start = source.find("#end").unwrap();
        let d = diagnostic(&error_at(source, start..start + 4), "error", source);
        assert_eq!(d["from"], 4);
        assert_eq!(d["to"], 8);
        assert_eq!(
            (d["line"].as_u64(), d["column"].as_u64()),
            (Some(2), Some(1))
        );
        assert_eq!(
            (d["endLine"].as_u64(), d["endColumn"].as_u64()),
            (Some(2), Some(5))
        );
        assert_eq!(d["kind"], "syntax");
        assert_eq!(d["severity"], "error");
    }

    #[test]
    fn spans_past_the_end_or_inside_a_char_are_clamped() {
        let source = "a😀";
        let d = diagnostic(&error_at(source, 2..99), "warning", source);
        assert_eq!((d["from"].as_u64(), d["to"].as_u64()), (Some(1), Some(3)));
    }
}
