//! Errors: what went wrong, where (line, column and byte span in the
//! template), and of which kind (syntax, runtime, budget).

use std::fmt;
use std::ops::Range;

/// What kind of failure an [`Error`] reports.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ErrorKind {
    /// The template could not be parsed.
    Syntax,
    /// Rendering failed (a method threw, as on AWS, where the gateway then
    /// answers 500).
    Runtime,
    /// A [`crate::Limits`] budget was exceeded.
    Limit { name: &'static str, value: u64 },
}

/// A parse error, a runtime error or a warning, located in its template.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Error {
    pub kind: ErrorKind,
    pub message: String,
    /// The template's name.
    pub template: String,
    /// 1-based line.
    pub line: u32,
    /// 1-based column, counted in characters.
    pub column: u32,
    /// Byte span in the template source.
    pub span: Range<usize>,
}

impl Error {
    /// An error located at `span` of `src`; line and column are computed.
    pub fn at(
        kind: ErrorKind,
        message: impl Into<String>,
        template: &str,
        src: &str,
        span: Range<usize>,
    ) -> Error {
        let (line, column) = line_col(src, span.start);
        Error {
            kind,
            message: message.into(),
            template: template.to_string(),
            line,
            column,
            span,
        }
    }

    /// The source line of the error followed by a caret under its column.
    pub fn render_with_source(&self, src: &str) -> String {
        let mut start = self.span.start.min(src.len());
        while !src.is_char_boundary(start) {
            start -= 1;
        }
        let line_start = src[..start].rfind('\n').map(|i| i + 1).unwrap_or(0);
        let line_end = src[line_start..]
            .find('\n')
            .map(|i| line_start + i)
            .unwrap_or(src.len());
        let line = src[line_start..line_end].trim_end_matches('\r');
        let line_stop = line_start + line.len();
        let prefix = &src[line_start..start.min(line_stop)];
        // Keep tabs so that the caret lines up under tab-indented code.
        let pad: String = prefix
            .chars()
            .map(|c| if c == '\t' { '\t' } else { ' ' })
            .collect();
        let mut end = self.span.end.clamp(start, line_stop.max(start));
        while !src.is_char_boundary(end) {
            end += 1;
        }
        let width = src
            .get(start..end)
            .map(|s| s.chars().count())
            .unwrap_or(1)
            .max(1);
        format!("{self}\n{line}\n{pad}{}", "^".repeat(width))
    }

    pub fn is_syntax(&self) -> bool {
        self.kind == ErrorKind::Syntax
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}:{}:{}: {}",
            self.template, self.line, self.column, self.message
        )
    }
}

impl std::error::Error for Error {}

/// 1-based line and column (in characters) of byte offset `pos`.
pub fn line_col(src: &str, pos: usize) -> (u32, u32) {
    let mut pos = pos.min(src.len());
    while !src.is_char_boundary(pos) {
        pos -= 1;
    }
    let before = &src[..pos];
    let line = before.bytes().filter(|&b| b == b'\n').count() + 1;
    let line_start = before.rfind('\n').map(|i| i + 1).unwrap_or(0);
    let column = before[line_start..].chars().count() + 1;
    (line as u32, column as u32)
}

/// "3:1", for messages that point at another place in the template.
pub fn pos_str(src: &str, pos: usize) -> String {
    let (l, c) = line_col(src, pos);
    format!("{l}:{c}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_col_counts_chars_from_one() {
        let src = "ab\nçd$x";
        assert_eq!(line_col(src, 0), (1, 1));
        assert_eq!(line_col(src, 3), (2, 1));
        // 'ç' is two bytes but one column.
        assert_eq!(line_col(src, 6), (2, 3));
    }

    #[test]
    fn render_with_source_puts_caret_under_column() {
        let src = "line one\n  #if($a\nthree";
        let e = Error::at(ErrorKind::Syntax, "oops", "t", src, 11..14);
        let shown = e.render_with_source(src);
        assert_eq!(shown, "t:2:3: oops\n  #if($a\n  ^^^");
    }
}
