//! The permissive JSON API Gateway reads payloads with (json-smart in
//! permissive mode, judging by the 2015 recordings toqoz-2015-*): unquoted
//! keys and strings, single quotes, trailing and repeated commas; a
//! top-level text that is not JSON is a string (`a=b` -> "a=b"), but an
//! unclosed object or array is an error ("Unexpected End Of File").
//!
//! The MOCK integration reads `statusCode` from the rendered request
//! template with the same leniency (`{statusCode: 200}` from CDK, trailing
//! commas: ls-mock-cdk-unquoted-statuscode-*, vtl-aws-recorded).

use serde_json::{Map, Number, Value};

#[derive(Clone, Debug, PartialEq)]
pub struct ParseError {
    /// json-smart's message, e.g. "Unexpected End Of File position 1: null".
    pub message: String,
    /// Byte offset in the input.
    pub offset: usize,
}

/// Parse a payload: strict JSON first (exact numbers, fast); then the
/// permissive reading.
pub fn parse_payload(text: &str) -> Result<Value, ParseError> {
    if let Ok(v) = serde_json::from_str::<Value>(text) {
        return Ok(v);
    }
    parse_permissive(text)
}

/// The permissive reading alone, for a caller that already tried strict
/// JSON its own way (`$input` reads strict JSON straight into values).
pub fn parse_permissive(text: &str) -> Result<Value, ParseError> {
    let mut p = Parser {
        s: text.as_bytes(),
        src: text,
        i: 0,
        status_only: false,
        skip: false,
    };
    p.skip_ws();
    match p.peek() {
        None => Ok(Value::String(String::new())),
        Some(b'{') | Some(b'[') => {
            let v = p.value(0)?;
            p.skip_ws();
            Ok(v)
        }
        _ => {
            // A scalar that is the whole text is that scalar; anything else
            // is the text itself as a string (json-smart: "null{" -> "null{").
            let start = p.i;
            if let Ok(v) = p.value(0) {
                p.skip_ws();
                if p.peek().is_none()
                    && !matches!(v, Value::String(_) if !matches!(text.as_bytes()[start], b'"' | b'\''))
                {
                    return Ok(v);
                }
            }
            Ok(Value::String(text.trim().to_string()))
        }
    }
}

/// Parse the rendered MOCK request template leniently; only an object is
/// useful to the caller.
pub fn parse_lenient(text: &str) -> Result<Value, ParseError> {
    lenient(text, false)
}

/// [`parse_lenient`] for a caller that wants only the top-level object's
/// `statusCode` (the MOCK integration): the text is read as strictly, to
/// the same value or the same error, but inside a top-level object only
/// `statusCode`'s value is built; the other keys are there with `null`.
/// Building every value of a big output was most of reading it.
pub fn parse_lenient_status(text: &str) -> Result<Value, ParseError> {
    lenient(text, true)
}

fn lenient(text: &str, status_only: bool) -> Result<Value, ParseError> {
    let mut p = Parser {
        s: text.as_bytes(),
        src: text,
        i: 0,
        status_only,
        skip: false,
    };
    p.skip_ws();
    let v = p.value(0)?;
    p.skip_ws();
    if let Some(c) = p.peek() {
        return Err(p.unexpected(c));
    }
    Ok(v)
}

struct Parser<'a> {
    s: &'a [u8],
    src: &'a str,
    i: usize,
    /// Build only the top-level object's `statusCode` (`parse_lenient_status`).
    status_only: bool,
    /// Reading a value nobody will look at: it is checked as closely, but
    /// nothing of it is built (it reads as `null`).
    skip: bool,
}

const MAX_DEPTH: usize = 512;

impl<'a> Parser<'a> {
    fn peek(&self) -> Option<u8> {
        self.s.get(self.i).copied()
    }
    fn skip_ws(&mut self) {
        while let Some(c) = self.peek() {
            if c.is_ascii_whitespace() {
                self.i += 1;
            } else {
                break;
            }
        }
    }
    fn eof(&self, what: &str) -> ParseError {
        ParseError {
            message: format!(
                "Unexpected End Of File position {}: {}",
                self.i.saturating_sub(1),
                what
            ),
            offset: self.i,
        }
    }
    fn unexpected(&self, _c: u8) -> ParseError {
        let ch = self.src[self.i..].chars().next().unwrap_or('?');
        ParseError {
            message: format!("Unexpected character ({}) at position {}.", ch, self.i),
            offset: self.i,
        }
    }

    fn value(&mut self, depth: usize) -> Result<Value, ParseError> {
        if depth > MAX_DEPTH {
            return Err(ParseError {
                message: "Malicious payload, having non natural depths".into(),
                offset: self.i,
            });
        }
        self.skip_ws();
        match self.peek() {
            None => Err(self.eof("EOF")),
            Some(b'{') => self.object(depth),
            Some(b'[') => self.array(depth),
            Some(q @ (b'"' | b'\'')) => {
                let text = self.quoted(q)?;
                Ok(if self.skip {
                    Value::Null
                } else {
                    Value::String(text)
                })
            }
            Some(_) => self.bare(),
        }
    }

    fn object(&mut self, depth: usize) -> Result<Value, ParseError> {
        self.i += 1;
        let mut m = Map::new();
        let keep_keys = !self.skip;
        loop {
            self.skip_ws();
            match self.peek() {
                None => return Err(self.eof("null")),
                Some(b'}') => {
                    self.i += 1;
                    return Ok(if keep_keys {
                        Value::Object(m)
                    } else {
                        Value::Null
                    });
                }
                Some(b',') => {
                    self.i += 1;
                    continue;
                }
                Some(q @ (b'"' | b'\'')) => {
                    let k = self.quoted(q)?;
                    self.colon_then_value(&mut m, k, depth, keep_keys)?;
                }
                Some(c) if c == b':' || c == b']' => return Err(self.unexpected(c)),
                Some(_) => {
                    let start = self.i;
                    while let Some(c) = self.peek() {
                        if c == b':' || c == b',' || c == b'}' || c.is_ascii_whitespace() {
                            break;
                        }
                        self.i += 1;
                    }
                    if self.peek().is_none() {
                        return Err(ParseError {
                            message: format!("Unexpected End Of File position {}: null", start),
                            offset: self.i,
                        });
                    }
                    let k = if keep_keys {
                        self.src[start..self.i].to_string()
                    } else {
                        String::new()
                    };
                    self.colon_then_value(&mut m, k, depth, keep_keys)?;
                }
            }
        }
    }

    fn colon_then_value(
        &mut self,
        m: &mut Map<String, Value>,
        k: String,
        depth: usize,
        keep: bool,
    ) -> Result<(), ParseError> {
        self.skip_ws();
        match self.peek() {
            Some(b':') => self.i += 1,
            None => return Err(self.eof("null")),
            Some(c) => return Err(self.unexpected(c)),
        }
        // Reading for the status code: of the top-level object's values,
        // all but `statusCode`'s are skipped.
        let skipping = self.skip;
        if keep && self.status_only && depth == 0 {
            self.skip = k != "statusCode";
        }
        let v = self.value(depth + 1)?;
        self.skip = skipping;
        if keep {
            m.insert(k, v);
        }
        self.skip_ws();
        match self.peek() {
            Some(b',') | Some(b'}') => Ok(()),
            None => Err(self.eof("null")),
            Some(c) => Err(self.unexpected(c)),
        }
    }

    fn array(&mut self, depth: usize) -> Result<Value, ParseError> {
        self.i += 1;
        let mut items = Vec::new();
        let keep = !self.skip;
        loop {
            self.skip_ws();
            match self.peek() {
                None => return Err(self.eof("EOF")),
                Some(b']') => {
                    self.i += 1;
                    return Ok(if keep {
                        Value::Array(items)
                    } else {
                        Value::Null
                    });
                }
                Some(b',') => {
                    self.i += 1;
                }
                Some(_) => {
                    let v = self.value(depth + 1)?;
                    if keep {
                        items.push(v);
                    }
                    self.skip_ws();
                    match self.peek() {
                        Some(b',') | Some(b']') => {}
                        None => return Err(self.eof("EOF")),
                        Some(c) => return Err(self.unexpected(c)),
                    }
                }
            }
        }
    }

    fn quoted(&mut self, q: u8) -> Result<String, ParseError> {
        let start = self.i;
        self.i += 1;
        let mut out = String::new();
        loop {
            let Some(c) = self.peek() else {
                return Err(ParseError {
                    message: format!("Unexpected End Of File position {}: null", start),
                    offset: self.i,
                });
            };
            if c == q {
                self.i += 1;
                return Ok(out);
            }
            if c == b'\\' {
                self.i += 1;
                let Some(e) = self.peek() else {
                    return Err(self.eof("null"));
                };
                self.i += 1;
                if self.skip && e != b'u' {
                    // Any other escape is one character, read whole.
                    if !matches!(e, b'n' | b't' | b'r' | b'b' | b'f') {
                        self.i -= 1;
                        let ch = self.src[self.i..].chars().next().unwrap_or(e as char);
                        self.i += ch.len_utf8();
                    }
                    continue;
                }
                match e {
                    b'n' => out.push('\n'),
                    b't' => out.push('\t'),
                    b'r' => out.push('\r'),
                    b'b' => out.push('\u{8}'),
                    b'f' => out.push('\u{c}'),
                    b'u' => {
                        let hex = self
                            .src
                            .get(self.i..self.i + 4)
                            .and_then(|h| u32::from_str_radix(h, 16).ok());
                        match hex {
                            Some(h) => {
                                self.i += 4;
                                out.push(char::from_u32(h).unwrap_or('\u{fffd}'));
                            }
                            None => return Err(self.unexpected(b'u')),
                        }
                    }
                    other => {
                        // Re-read a multi-byte char whole.
                        self.i -= 1;
                        let ch = self.src[self.i..].chars().next().unwrap_or(other as char);
                        self.i += ch.len_utf8();
                        out.push(ch);
                    }
                }
                continue;
            }
            // A run of plain characters, copied whole: up to the next quote
            // or backslash (both ASCII, so the run ends on a character
            // boundary). Character by character this was most of reading a
            // big template output (node --cpu-prof, transform-1mb).
            let run = self.s[self.i..]
                .iter()
                .position(|&b| b == q || b == b'\\')
                .map_or(self.s.len(), |n| self.i + n);
            if !self.skip {
                out.push_str(&self.src[self.i..run]);
            }
            self.i = run;
        }
    }

    /// An unquoted token: true/false/null, a number, or a bare string up to
    /// the next delimiter.
    fn bare(&mut self) -> Result<Value, ParseError> {
        let start = self.i;
        while let Some(c) = self.peek() {
            if c == b',' || c == b'}' || c == b']' || c == b'\n' || c == b'\r' {
                break;
            }
            self.i += 1;
        }
        if self.skip {
            return Ok(Value::Null);
        }
        let tok = self.src[start..self.i].trim_end();
        Ok(match tok {
            "true" => Value::Bool(true),
            "false" => Value::Bool(false),
            "null" => Value::Null,
            t => number(t).unwrap_or_else(|| Value::String(t.to_string())),
        })
    }
}

fn number(t: &str) -> Option<Value> {
    let b = t.as_bytes();
    let first = *b.first()?;
    if !(first == b'-' || first.is_ascii_digit()) {
        return None;
    }
    if let Ok(i) = t.parse::<i64>() {
        return Some(Value::Number(i.into()));
    }
    let f: f64 = t.parse().ok()?;
    Number::from_f64(f).map(Value::Number)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn permissive_top_level() {
        assert_eq!(parse_payload("a=b").unwrap(), json!("a=b"));
        assert_eq!(parse_payload("\"a=b\"").unwrap(), json!("a=b"));
        assert_eq!(parse_payload("a{b").unwrap(), json!("a{b"));
        assert_eq!(parse_payload("a[").unwrap(), json!("a["));
        assert_eq!(parse_payload("null{").unwrap(), json!("null{"));
        assert_eq!(parse_payload("true{").unwrap(), json!("true{"));
        assert_eq!(parse_payload("not json").unwrap(), json!("not json"));
        assert_eq!(parse_payload("{}").unwrap(), json!({}));
        assert_eq!(parse_payload("12").unwrap(), json!(12));
    }

    #[test]
    fn unclosed_containers_fail_as_recorded() {
        // toqoz-2015-122ff6ce / toqoz-2015-2b1f2df4.
        assert_eq!(
            parse_payload("{a").unwrap_err().message,
            "Unexpected End Of File position 1: null"
        );
        assert_eq!(
            parse_payload("[a").unwrap_err().message,
            "Unexpected End Of File position 1: EOF"
        );
    }

    #[test]
    fn odd_input_never_panics() {
        for t in [
            "{é",
            "[é",
            "{'é",
            "{\"a\": é",
            "{é: 1,",
            "\"\\u12",
            "{\"a\" é}",
            "[1 é]",
            "é{",
            "{{{{",
            "]",
            "}",
            "{:}",
            "'",
        ] {
            let _ = parse_payload(t);
            let _ = parse_lenient(t);
        }
    }

    #[test]
    fn lenient_objects() {
        assert_eq!(
            parse_lenient("{statusCode: 200}").unwrap(),
            json!({"statusCode": 200})
        );
        assert_eq!(
            parse_lenient("{ statusCode: 200 }").unwrap(),
            json!({"statusCode": 200})
        );
        assert_eq!(
            parse_lenient("{'statusCode': 200, '': ''}").unwrap(),
            json!({"statusCode": 200, "": ""})
        );
        assert_eq!(
            parse_lenient("{\"statusCode\": 200 ,, }").unwrap(),
            json!({"statusCode": 200})
        );
        assert_eq!(
            parse_lenient("\n  {\n \"statusCode\": 200,\n }\n ").unwrap(),
            json!({"statusCode": 200})
        );
        assert!(parse_lenient("{\"statusCode\": 200").is_err());
        assert!(parse_lenient("{\"statusCode': 200 }").is_err());
        assert_eq!(
            parse_lenient("{\"a\": [1, 2,], \"b\": x y}").unwrap(),
            json!({"a": [1, 2], "b": "x y"})
        );
    }

    /// Reading for the status code reads every text as `parse_lenient`
    /// does: the same error at the same place, or the same top-level keys
    /// in the same order with the same `statusCode`; anything but an
    /// object is the same value. Documents are random trees written with
    /// every kind of token, whole and cut anywhere, and random token runs.
    #[test]
    fn reading_for_the_status_reads_as_the_whole_reading() {
        use crate::encoding::splitmix;
        const TOKENS: [&str; 30] = [
            "{",
            "}",
            "[",
            "]",
            ":",
            ",",
            "\"statusCode\"",
            "statusCode",
            "'statusCode'",
            "\"a\"",
            "'b'",
            "1",
            "200",
            "-5",
            "1.5",
            "true",
            "null",
            "x y",
            "\"\\u0041\"",
            "\"\\u12\"",
            "\"\\q\"",
            "\"é\\é\"",
            " ",
            "\n",
            "\"",
            "'",
            "\\",
            "\"\\n\\\"\"",
            "é",
            "'it''s'",
        ];
        fn tree(seed: &mut u64, depth: u32, out: &mut String) {
            *seed = splitmix(*seed);
            let pick = |n: u64, s: u64| (s >> 8) % n;
            match if depth > 3 {
                2 + pick(4, *seed)
            } else {
                pick(6, *seed)
            } {
                0 | 1 => {
                    let close = if pick(2, *seed >> 3) == 0 {
                        ('{', '}')
                    } else {
                        ('[', ']')
                    };
                    out.push(close.0);
                    for k in 0..pick(5, *seed >> 5) {
                        if close.0 == '{' {
                            let key = ["\"statusCode\"", "statusCode", "'k'", "\"a\""]
                                [(splitmix(*seed ^ k) % 4) as usize];
                            out.push_str(key);
                            out.push_str(": ");
                        }
                        tree(seed, depth + 1, out);
                        out.push_str(if pick(3, *seed >> 7) == 0 { ",," } else { ", " });
                    }
                    out.push(close.1);
                }
                2 => out.push_str(
                    ["200", "-1", "2.5", "1e3", "99999999999999999999"]
                        [pick(5, *seed >> 9) as usize],
                ),
                3 => out.push_str(
                    ["\"s\\\"q\\u00e9\"", "'x'", "\"\\/\\b\"", "\"\""]
                        [pick(4, *seed >> 9) as usize],
                ),
                4 => out.push_str(
                    ["true", "false", "null", "bare words"][pick(4, *seed >> 9) as usize],
                ),
                _ => out.push_str("{\"statusCode\": 201}"),
            }
        }
        let mut docs = Vec::new();
        let mut seed = 7u64;
        for _ in 0..3000 {
            let mut doc = String::new();
            tree(&mut seed, 0, &mut doc);
            seed = splitmix(seed);
            let cut = (seed % (doc.len() as u64 + 1)) as usize;
            let cut = (cut..=doc.len())
                .find(|&c| doc.is_char_boundary(c))
                .unwrap();
            docs.push(doc[..cut].to_string());
            docs.push(doc);
            seed = splitmix(seed);
            let run: String = (0..seed % 16)
                .map(|k| TOKENS[(splitmix(seed ^ k) % TOKENS.len() as u64) as usize])
                .collect();
            docs.push(format!("{{{run}"));
        }
        let (mut objects, mut errors) = (0, 0);
        for doc in &docs {
            let whole = parse_lenient(doc);
            let status = parse_lenient_status(doc);
            match (&whole, &status) {
                (Err(a), Err(b)) => {
                    assert_eq!(a, b, "{doc}");
                    errors += 1;
                }
                (Ok(Value::Object(a)), Ok(Value::Object(b))) => {
                    assert!(a.keys().eq(b.keys()), "{doc}");
                    assert_eq!(a.get("statusCode"), b.get("statusCode"), "{doc}");
                    assert!(
                        b.iter().all(|(k, v)| k == "statusCode" || v.is_null()),
                        "{doc}"
                    );
                    objects += 1;
                }
                (Ok(a), Ok(b)) => assert_eq!(a, b, "{doc}"),
                _ => panic!("{doc}: {whole:?} against {status:?}"),
            }
        }
        // The documents exercise both outcomes.
        assert!(
            objects > 1000 && errors > 1000,
            "{objects} objects, {errors} errors"
        );
    }

    /// Strings of every kind of character read back as they were written,
    /// in double quotes (JSON's escapes) and in single quotes (raw).
    #[test]
    fn quoted_strings_read_back_whole() {
        let alphabet = "ab \"'\\/\n\té€😀\u{1}";
        for text in crate::test_strings::strings(alphabet, 5000, 12, 5) {
            let doc = format!("{{\"k\": {}}}", serde_json::to_string(&text).unwrap());
            assert_eq!(
                parse_lenient(&doc).unwrap()["k"],
                Value::String(text.clone()),
                "{doc}"
            );
            if !text.contains(['\'', '\\']) {
                let raw = format!("{{'k': '{text}'}}");
                assert_eq!(
                    parse_lenient(&raw).unwrap()["k"],
                    Value::String(text),
                    "{raw}"
                );
            }
        }
        assert!(parse_lenient("{\"k\": \"no end").is_err());
    }
}
