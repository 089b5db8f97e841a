//! Splitting `mockgate eval` input into JSON values, one at a time.
//!
//! The input is either one JSON document (possibly spread over many lines)
//! or JSON Lines. Both are read the same way: lines are appended to a
//! pending buffer, and a tiny scanner tracks the bracket depth (outside
//! strings); when the depth is back to zero the buffer holds complete
//! values and is handed to serde_json. So a large input streams, each line
//! is scanned once, and a malformed value costs only its own lines:
//! the reader reports it with its line and column and carries on.
//!
//! Recovery rule for a value cut short (`{"integration": {` then a new
//! line): when a pending top-level object is still open and a line starts
//! with `{` in column 1, the pending value is reported as incomplete and the
//! new line starts a new value. Pretty-printed documents indent nested
//! objects, so this does not split them.

use std::io::BufRead;

/// One value of the input, or why the text there is not one.
#[derive(Debug)]
pub struct Frame {
    /// 1-based line where the value starts (for errors: where it went wrong).
    pub line: usize,
    pub value: Result<serde_json::Value, FrameError>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct FrameError {
    pub line: usize,
    pub column: usize,
    pub message: String,
}

impl std::fmt::Display for FrameError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{} at line {} column {}",
            self.message, self.line, self.column
        )
    }
}

/// Bracket depth outside of strings, carried from line to line.
#[derive(Default, Clone, Copy)]
struct Scan {
    depth: i64,
    in_string: bool,
    escaped: bool,
}

impl Scan {
    fn feed(&mut self, text: &str) {
        for b in text.bytes() {
            if self.in_string {
                if self.escaped {
                    self.escaped = false;
                } else if b == b'\\' {
                    self.escaped = true;
                } else if b == b'"' {
                    self.in_string = false;
                }
                continue;
            }
            match b {
                b'"' => self.in_string = true,
                b'{' | b'[' => self.depth += 1,
                b'}' | b']' => self.depth -= 1,
                _ => {}
            }
        }
    }
}

pub struct FrameReader<R> {
    input: R,
    /// Lines read so far.
    line_no: usize,
    /// Text of the value(s) not yet complete.
    pending: String,
    /// Line of the first character of `pending`, and its column offset
    /// (non-zero when a previous value ended on the same line).
    pending_line: usize,
    pending_col_offset: usize,
    scan: Scan,
    ready: std::collections::VecDeque<Frame>,
    done: bool,
    line_buf: String,
}

impl<R: BufRead> FrameReader<R> {
    pub fn new(input: R) -> Self {
        FrameReader {
            input,
            line_no: 0,
            pending: String::new(),
            pending_line: 1,
            pending_col_offset: 0,
            scan: Scan::default(),
            ready: Default::default(),
            done: false,
            line_buf: String::new(),
        }
    }

    /// The underlying reader, e.g. to see whether more input is buffered.
    pub fn get_ref(&self) -> &R {
        &self.input
    }

    fn read_line(&mut self) -> Option<Result<(), String>> {
        self.line_buf.clear();
        match self.input.read_line(&mut self.line_buf) {
            Ok(0) => None,
            Ok(_) => {
                self.line_no += 1;
                Some(Ok(()))
            }
            Err(e) if e.kind() == std::io::ErrorKind::InvalidData => {
                self.line_no += 1;
                Some(Err("input is not valid UTF-8".to_string()))
            }
            Err(e) => Some(Err(format!("cannot read input: {e}"))),
        }
    }

    fn reset_pending(&mut self) {
        self.pending.clear();
        self.scan = Scan::default();
        self.pending_col_offset = 0;
    }

    /// The pending text was cut short: report it and forget it.
    fn flush_incomplete(&mut self) {
        let start = self.pending_line;
        // Point after the last non-blank character of the pending text.
        let last = self.pending.trim_end();
        let (line, column) = position_of_end(last, start, self.pending_col_offset);
        self.ready.push_back(Frame {
            line: start,
            value: Err(FrameError {
                line,
                column,
                message: format!(
                    "the value starting on line {start} is not complete (EOF while parsing)"
                ),
            }),
        });
        self.reset_pending();
    }

    /// Parse the complete values in `pending`.
    fn parse_pending(&mut self) {
        let text = std::mem::take(&mut self.pending);
        let mut stream = serde_json::Deserializer::from_str(&text).into_iter::<serde_json::Value>();
        let consumed;
        loop {
            let before = stream.byte_offset();
            match stream.next() {
                None => {
                    consumed = text.len();
                    break;
                }
                Some(Ok(value)) => {
                    let start = before + leading_ws(&text[before..]);
                    let (line, _) =
                        position_at(&text, start, self.pending_line, self.pending_col_offset);
                    self.ready.push_back(Frame {
                        line,
                        value: Ok(value),
                    });
                }
                Some(Err(e)) if e.is_eof() => {
                    // Only possible when brackets balanced but a scalar or
                    // string is cut short; keep it for more input.
                    consumed = before;
                    break;
                }
                Some(Err(e)) => {
                    let start = before + leading_ws(&text[before..]);
                    let (start_line, _) =
                        position_at(&text, start, self.pending_line, self.pending_col_offset);
                    let (rel_line, rel_column) = error_position(&text, &e);
                    let line = self.pending_line + rel_line - 1;
                    let column = if rel_line == 1 {
                        rel_column + self.pending_col_offset
                    } else {
                        rel_column
                    };
                    self.ready.push_back(Frame {
                        line: start_line,
                        value: Err(FrameError {
                            line,
                            column,
                            message: bare_message(&e),
                        }),
                    });
                    // The rest of this balanced chunk cannot be trusted.
                    consumed = text.len();
                    break;
                }
            }
        }
        let rest = &text[consumed..];
        if rest.trim().is_empty() {
            self.reset_pending();
        } else {
            let (line, col) =
                position_at(&text, consumed, self.pending_line, self.pending_col_offset);
            self.pending_line = line;
            self.pending_col_offset = col - 1;
            self.pending = rest.to_string();
            self.scan = Scan::default();
            let pending = self.pending.clone();
            self.scan.feed(&pending);
        }
    }

    fn step(&mut self) {
        match self.read_line() {
            None => {
                self.done = true;
                if !self.pending.trim().is_empty() {
                    if self.scan.depth == 0 && !self.scan.in_string {
                        self.parse_pending();
                    }
                    if !self.pending.trim().is_empty() {
                        self.flush_incomplete();
                    }
                }
            }
            Some(Err(message)) => {
                // An unreadable line: report it, drop whatever was pending.
                self.reset_pending();
                self.ready.push_back(Frame {
                    line: self.line_no,
                    value: Err(FrameError {
                        line: self.line_no,
                        column: 1,
                        message,
                    }),
                });
                if self.line_buf.is_empty() && self.line_no == 0 {
                    self.done = true;
                }
            }
            Some(Ok(())) => {
                let mut line = std::mem::take(&mut self.line_buf);
                if self.line_no == 1 && line.starts_with('\u{feff}') {
                    // A byte order mark some editors write; not JSON.
                    line.drain(..'\u{feff}'.len_utf8());
                }
                if self.pending.trim().is_empty() {
                    if line.trim().is_empty() {
                        self.line_buf = line;
                        return;
                    }
                    self.reset_pending();
                    self.pending_line = self.line_no;
                } else if line.starts_with('{') && self.pending.trim_start().starts_with('{') {
                    // A new object begins in column 1 while the previous
                    // one is still open: the previous one was cut short.
                    self.flush_incomplete();
                    self.pending_line = self.line_no;
                }
                self.scan.feed(&line);
                self.pending.push_str(&line);
                self.line_buf = line;
                let unterminated_string = self.scan.in_string;
                if self.scan.depth <= 0 || unterminated_string {
                    // Strings cannot span lines in JSON, so an open string
                    // at the end of a line is an error serde will name.
                    self.parse_pending();
                    if unterminated_string && !self.pending.is_empty() {
                        self.flush_incomplete();
                    }
                }
            }
        }
    }
}

impl<R: BufRead> Iterator for FrameReader<R> {
    type Item = Frame;
    fn next(&mut self) -> Option<Frame> {
        loop {
            if let Some(frame) = self.ready.pop_front() {
                return Some(frame);
            }
            if self.done {
                return None;
            }
            self.step();
        }
    }
}

fn leading_ws(s: &str) -> usize {
    s.len() - s.trim_start().len()
}

/// Line and 1-based column (in chars) of byte `offset` of `text`, where
/// `text` starts at `first_line` with `col_offset` characters before it.
fn position_at(text: &str, offset: usize, first_line: usize, col_offset: usize) -> (usize, usize) {
    let before = &text[..offset.min(text.len())];
    let newlines = before.matches('\n').count();
    match before.rfind('\n') {
        Some(nl) => (first_line + newlines, before[nl + 1..].chars().count() + 1),
        None => (first_line, col_offset + before.chars().count() + 1),
    }
}

fn position_of_end(text: &str, first_line: usize, col_offset: usize) -> (usize, usize) {
    position_at(text, text.len(), first_line, col_offset)
}

/// serde_json's 1-based line and column of an error in `text`, with the
/// column in characters. serde counts bytes, and names a fault at a line
/// break (an unterminated string) as column 0 of the next line: that is
/// reported as just after the end of the line the break ends.
fn error_position(text: &str, e: &serde_json::Error) -> (usize, usize) {
    let (line, column) = (e.line().max(1), e.column());
    let line_text = |n: usize| text.split('\n').nth(n - 1).unwrap_or("");
    if column == 0 && line > 1 {
        let prev = line_text(line - 1).trim_end_matches('\r');
        return (line - 1, prev.chars().count() + 1);
    }
    let this = line_text(line);
    let upto = this
        .char_indices()
        .map(|(i, _)| i)
        .take_while(|&i| i < column)
        .count();
    (line, upto.max(1))
}

/// serde_json's message without its " at line L column C" suffix (we add
/// our own, counted over the whole input).
fn bare_message(e: &serde_json::Error) -> String {
    let full = e.to_string();
    match full.rfind(" at line ") {
        Some(i) => full[..i].to_string(),
        None => full,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn frames(input: &str) -> Vec<(usize, Result<serde_json::Value, FrameError>)> {
        FrameReader::new(input.as_bytes())
            .map(|f| (f.line, f.value))
            .collect()
    }

    #[test]
    fn json_lines_with_a_bad_line_in_the_middle() {
        let got = frames("{\"a\":1}\n{\"a\": }\n\n{\"a\":3}\n");
        assert_eq!(got.len(), 3);
        assert_eq!(got[0].0, 1);
        assert_eq!(got[0].1.as_ref().unwrap()["a"], 1);
        let err = got[1].1.as_ref().unwrap_err();
        assert_eq!((got[1].0, err.line, err.column), (2, 2, 7));
        assert!(err.message.contains("expected value"), "{err:?}");
        assert_eq!(got[2].0, 4);
        assert_eq!(got[2].1.as_ref().unwrap()["a"], 3);
    }

    #[test]
    fn one_pretty_document() {
        let got = frames("\n{\n  \"a\": {\n    \"b\": [1, \"}\"]\n  }\n}\n");
        assert_eq!(got.len(), 1);
        assert_eq!(got[0].0, 2);
        assert_eq!(got[0].1.as_ref().unwrap()["a"]["b"][1], "}");
    }

    #[test]
    fn error_inside_a_pretty_document_points_at_its_line() {
        let got = frames("{\n  \"a\": 1,\n  \"b\" 2\n}\n{\"c\": 3}\n");
        assert_eq!(got.len(), 2);
        let err = got[0].1.as_ref().unwrap_err();
        assert_eq!((got[0].0, err.line, err.column), (1, 3, 7));
        assert_eq!(got[1].1.as_ref().unwrap()["c"], 3);
    }

    #[test]
    fn truncated_line_does_not_swallow_the_next() {
        let got = frames("{\"a\": {\n{\"b\": 2}\n");
        assert_eq!(got.len(), 2);
        let err = got[0].1.as_ref().unwrap_err();
        assert_eq!(got[0].0, 1);
        assert!(err.message.contains("not complete"), "{err:?}");
        assert_eq!(got[1].0, 2);
        assert_eq!(got[1].1.as_ref().unwrap()["b"], 2);
    }

    #[test]
    fn unterminated_string_is_reported_on_its_line() {
        let got = frames("{\"a\": \"abc}\n{\"b\": 2}\n");
        assert_eq!(got.len(), 2, "{got:?}");
        assert!(got[0].1.is_err());
        assert_eq!(got[0].0, 1);
        assert_eq!(got[1].1.as_ref().unwrap()["b"], 2);
    }

    #[test]
    fn truncated_at_end_of_input() {
        let got = frames("{\"a\": 1}\n{\"a\": [1, 2\n");
        assert_eq!(got.len(), 2);
        let err = got[1].1.as_ref().unwrap_err();
        assert_eq!((got[1].0, err.line), (2, 2));
    }

    #[test]
    fn two_values_on_one_line_and_stray_closer() {
        let got = frames("{\"a\":1} {\"a\":2}\n}\n{\"a\":3}\n");
        assert_eq!(got.len(), 4, "{got:?}");
        assert_eq!(got[1].1.as_ref().unwrap()["a"], 2);
        let err = got[2].1.as_ref().unwrap_err();
        assert_eq!((err.line, err.column), (2, 1));
        assert_eq!(got[3].1.as_ref().unwrap()["a"], 3);
    }

    #[test]
    fn byte_order_mark_and_crlf() {
        let got = frames("\u{feff}{\"a\":1}\r\n{\"a\":2}\r\n");
        assert_eq!(got.len(), 2, "{got:?}");
        assert_eq!(got[1].1.as_ref().unwrap()["a"], 2);
        assert_eq!(got[1].0, 2);
    }

    /// Random text over JSON's structural characters: the reader never
    /// panics, always ends, and reports every non-blank line somewhere.
    #[test]
    fn random_input_never_panics() {
        let alphabet: Vec<char> = "{}[]\":, a1\\\néx".chars().collect();
        let mut seed: u64 = 0x2545_f491_4f6c_dd1d;
        for _ in 0..2000 {
            let mut text = String::new();
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            let len = (seed % 40) as usize;
            for _ in 0..len {
                seed ^= seed << 13;
                seed ^= seed >> 7;
                seed ^= seed << 17;
                text.push(alphabet[(seed % alphabet.len() as u64) as usize]);
            }
            let lines = text.lines().count();
            let got = frames(&text);
            for (line, value) in &got {
                assert!(*line >= 1 && *line <= lines.max(1), "{text:?}: {got:?}");
                if let Err(e) = value {
                    assert!(e.line >= 1 && e.line <= lines.max(1), "{text:?}: {e:?}");
                }
            }
            if !text.trim().is_empty() {
                assert!(!got.is_empty(), "{text:?} gave nothing");
            }
        }
    }

    #[test]
    fn columns_count_characters() {
        let got = frames("{\"é\": 1,,}\n");
        let err = got[0].1.as_ref().unwrap_err();
        assert_eq!((err.line, err.column), (1, 9), "{err:?}");
        // An unterminated string: the fault is at the end of its line.
        let got = frames("{\"a\": \"bc\n");
        let err = got[0].1.as_ref().unwrap_err();
        assert_eq!((err.line, err.column), (1, 10), "{err:?}");
    }

    #[test]
    fn scalars_are_values_too() {
        let got = frames("42\n\"x\"\n");
        assert_eq!(got.len(), 2);
        assert_eq!(got[0].1.as_ref().unwrap(), &serde_json::json!(42));
    }
}
