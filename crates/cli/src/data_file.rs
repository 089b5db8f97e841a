//! Reading a JSON or YAML file into a `serde_json::Value`, with errors that
//! carry the file, line and column. Shared by `mockgate test` (case files)
//! and `mockgate serve` (API definitions and backend files).
//!
//! YAML short-form CloudFormation tags become the long form that JSON
//! templates use: `!Ref X` -> `{"Ref": "X"}`, `!GetAtt A.B` ->
//! `{"Fn::GetAtt": ["A", "B"]}`, any other `!Name v` -> `{"Fn::Name": v}`
//! (CloudFormation's documented short-form rule).

use std::fmt;
use std::path::Path;

use serde_json::{Map, Number, Value};

#[derive(Debug, Clone, PartialEq)]
pub struct DataError {
    pub file: String,
    /// 1-based; 0 when the problem has no position (an unreadable file).
    pub line: usize,
    pub column: usize,
    pub message: String,
}

impl fmt::Display for DataError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.line == 0 {
            write!(f, "{}: {}", self.file, self.message)
        } else {
            write!(
                f,
                "{}:{}:{}: {}",
                self.file, self.line, self.column, self.message
            )
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Syntax {
    Json,
    Yaml,
}

/// JSON for `.json`; YAML for `.yaml`/`.yml`; otherwise JSON when the
/// text starts with `{` or `[`, YAML else (YAML is a superset for most
/// purposes, but JSON's error messages are better for JSON).
pub fn syntax_for(path: &Path, text: &str) -> Syntax {
    match path.extension().and_then(|e| e.to_str()) {
        Some(e) if e.eq_ignore_ascii_case("json") => Syntax::Json,
        Some(e) if e.eq_ignore_ascii_case("yaml") || e.eq_ignore_ascii_case("yml") => Syntax::Yaml,
        _ => {
            if matches!(text.trim_start().as_bytes().first(), Some(b'{' | b'[')) {
                Syntax::Json
            } else {
                Syntax::Yaml
            }
        }
    }
}

pub fn read(path: &Path) -> Result<Value, DataError> {
    let name = path.display().to_string();
    let text = std::fs::read_to_string(path).map_err(|e| DataError {
        file: name.clone(),
        line: 0,
        column: 0,
        message: format!("cannot read: {e}"),
    })?;
    parse(&name, &text, syntax_for(path, &text))
}

pub fn parse(name: &str, text: &str, syntax: Syntax) -> Result<Value, DataError> {
    match syntax {
        Syntax::Json => serde_json::from_str(text).map_err(|e| DataError {
            file: name.to_string(),
            line: e.line(),
            // serde_json says column 0 at the end of a line (EOF); columns are 1-based.
            column: e.column().max(1),
            message: json_message(&e),
        }),
        Syntax::Yaml => {
            let v: serde_norway::Value = serde_norway::from_str(text).map_err(|e| {
                let (line, column) = e
                    .location()
                    .map(|l| (l.line(), l.column()))
                    .unwrap_or((0, 0));
                DataError {
                    file: name.to_string(),
                    line,
                    column,
                    message: yaml_message(&e),
                }
            })?;
            Ok(from_yaml(v))
        }
    }
}

/// serde_json's message ends with " at line L column C"; the position is
/// printed in front instead.
fn json_message(e: &serde_json::Error) -> String {
    let s = e.to_string();
    match s.rfind(" at line ") {
        Some(i) => s[..i].to_string(),
        None => s,
    }
}

fn yaml_message(e: &serde_norway::Error) -> String {
    let s = e.to_string();
    match s.find(" at line ") {
        Some(i) => s[..i].to_string(),
        None => s,
    }
}

fn from_yaml(v: serde_norway::Value) -> Value {
    use serde_norway::Value as Y;
    match v {
        Y::Null => Value::Null,
        Y::Bool(b) => Value::Bool(b),
        Y::Number(n) => {
            if let Some(i) = n.as_i64() {
                Value::Number(i.into())
            } else if let Some(u) = n.as_u64() {
                Value::Number(u.into())
            } else {
                n.as_f64()
                    .and_then(Number::from_f64)
                    .map(Value::Number)
                    .unwrap_or(Value::Null)
            }
        }
        Y::String(s) => Value::String(s),
        Y::Sequence(items) => Value::Array(items.into_iter().map(from_yaml).collect()),
        Y::Mapping(m) => {
            let mut out = Map::new();
            for (k, v) in m {
                let key = match from_yaml(k) {
                    Value::String(s) => s,
                    other => other.to_string(),
                };
                out.insert(key, from_yaml(v));
            }
            Value::Object(out)
        }
        Y::Tagged(t) => {
            let tag = t.tag.to_string();
            let name = tag.trim_start_matches('!').to_string();
            let inner = from_yaml(t.value);
            let mut out = Map::new();
            match name.as_str() {
                "Ref" | "Condition" => {
                    out.insert(name, inner);
                }
                // `!GetAtt Logical.Attribute` is the dotted short form of
                // `Fn::GetAtt: [Logical, Attribute]`.
                "GetAtt" => {
                    let v = match inner {
                        Value::String(s) => match s.split_once('.') {
                            Some((a, b)) => Value::Array(vec![a.into(), b.into()]),
                            None => Value::String(s),
                        },
                        other => other,
                    };
                    out.insert("Fn::GetAtt".into(), v);
                }
                _ => {
                    out.insert(format!("Fn::{name}"), inner);
                }
            }
            Value::Object(out)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn yaml_short_form_tags_become_long_form() {
        let v = parse(
            "t.yaml",
            "a: !Ref Api\nb: !GetAtt Api.RootResourceId\nc: !Sub 'x${A}'\n",
            Syntax::Yaml,
        )
        .unwrap();
        assert_eq!(
            v,
            json!({"a": {"Ref": "Api"}, "b": {"Fn::GetAtt": ["Api", "RootResourceId"]}, "c": {"Fn::Sub": "x${A}"}})
        );
    }

    #[test]
    fn errors_carry_line_and_column() {
        let e = parse("t.json", "{\n  \"a\": 1,\n  \"b\" 2\n}", Syntax::Json).unwrap_err();
        assert_eq!((e.line, e.column), (3, 7));
        assert!(e.to_string().starts_with("t.json:3:7: expected `:`"), "{e}");
        let e = parse("t.yaml", "a: 1\nb: [1, 2\nc: 3\n", Syntax::Yaml).unwrap_err();
        assert!(e.line >= 2, "{e:?}");
        assert!(e.column >= 1, "{e:?}");
    }
}
