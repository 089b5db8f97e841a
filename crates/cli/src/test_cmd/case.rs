//! Case files: finding them, reading them (JSON or YAML), checking their
//! shape. The format is documented in `mockgate test --help` and
//! docs/testing.md.

use std::path::{Path, PathBuf};

use serde_json::{Map, Value};

use crate::data_file::{self, DataError};

/// One test case, ready to run.
#[derive(Debug, Clone)]
pub struct TestCase {
    /// The case file, as given or found.
    pub file: String,
    pub name: String,
    pub target: Target,
    pub request: Value,
    pub options: Value,
    pub expect: Expect,
}

/// What the request runs through.
#[derive(Debug, Clone)]
pub enum Target {
    /// One method integration, in any of its three shapes.
    Integration(Value),
    /// A whole API file (as `mockgate serve` reads it): the request is
    /// routed by its `httpMethod` and `path`.
    Api(PathBuf),
}

/// What the client must get. Only what is stated is checked.
#[derive(Debug, Clone, Default)]
pub struct Expect {
    pub status: Option<u16>,
    /// Header name (any case) -> value; `None` means "must be absent".
    pub headers: Vec<(String, Option<String>)>,
    /// Exact body text.
    pub body: Option<String>,
    /// Body parsed as JSON, compared as a value (key order ignored).
    pub json: Option<Value>,
}

/// A case file that could not be used; it counts as one failed test.
#[derive(Debug, Clone)]
pub struct FileError {
    pub file: String,
    pub message: String,
}

const CASE_KEYS: &[&str] = &[
    "name",
    "integration",
    "api",
    "request",
    "backend",
    "options",
    "expect",
    "expected",
];

/// Every case file under `paths`: files as given, directories walked
/// (sorted, skipping hidden folders, node_modules and target) for
/// `*.json`, `*.yaml`, `*.yml`.
pub fn find_files(paths: &[PathBuf]) -> Result<Vec<(PathBuf, bool)>, String> {
    let mut out = Vec::new();
    for p in paths {
        let meta = std::fs::metadata(p).map_err(|e| format!("{}: {e}", p.display()))?;
        if meta.is_dir() {
            walk(p, &mut out).map_err(|e| format!("{}: {e}", p.display()))?;
        } else {
            out.push((p.clone(), true));
        }
    }
    Ok(out)
}

/// `(path, explicit)`: files found by walking are skipped quietly when
/// they are not case files (a package.json next to the cases).
fn walk(dir: &Path, out: &mut Vec<(PathBuf, bool)>) -> std::io::Result<()> {
    let mut entries: Vec<_> = std::fs::read_dir(dir)?
        .filter_map(Result::ok)
        .map(|e| e.path())
        .collect();
    entries.sort();
    for p in entries {
        let name = p.file_name().and_then(|n| n.to_str()).unwrap_or("");
        if p.is_dir() {
            if !(name.starts_with('.') || name == "node_modules" || name == "target") {
                walk(&p, out)?;
            }
        } else if matches!(
            p.extension().and_then(|e| e.to_str()),
            Some("json" | "yaml" | "yml")
        ) {
            out.push((p, false));
        }
    }
    Ok(())
}

/// Whether a parsed document looks like case(s) at all.
pub fn looks_like_cases(v: &Value) -> bool {
    match v {
        Value::Object(o) => o.contains_key("integration") || o.contains_key("api"),
        Value::Array(items) => items
            .first()
            .and_then(Value::as_object)
            .is_some_and(|o| o.contains_key("integration") || o.contains_key("api")),
        _ => false,
    }
}

pub fn read_file(path: &Path) -> Result<Value, DataError> {
    data_file::read(path)
}

/// The cases of one parsed file.
pub fn cases_of(path: &Path, doc: Value) -> Result<Vec<TestCase>, FileError> {
    let file = path.display().to_string();
    let items = match doc {
        Value::Array(items) => items,
        v @ Value::Object(_) => vec![v],
        other => {
            return Err(FileError {
                file,
                message: format!(
                    "expected a case (an object) or a list of cases, found {}",
                    kind_of(&other)
                ),
            })
        }
    };
    let mut out = Vec::with_capacity(items.len());
    for (i, item) in items.into_iter().enumerate() {
        let index = i + 1;
        let case = one_case(path, &file, index, item).map_err(|m| FileError {
            file: file.clone(),
            message: format!("case {index}: {m}"),
        })?;
        out.push(case);
    }
    Ok(out)
}

fn one_case(path: &Path, file: &str, index: usize, item: Value) -> Result<TestCase, String> {
    let Value::Object(mut o) = item else {
        return Err(format!("expected an object, found {}", kind_of(&item)));
    };
    if let Some(k) = o.keys().find(|k| !CASE_KEYS.contains(&k.as_str())) {
        return Err(format!(
            "unknown key \"{k}\" (known: {})",
            CASE_KEYS.join(", ")
        ));
    }
    let name = match o.remove("name") {
        None | Some(Value::Null) => format!("case {index}"),
        Some(Value::String(s)) => s,
        Some(other) => {
            return Err(format!(
                "\"name\" must be a string, found {}",
                kind_of(&other)
            ))
        }
    };
    let api = match o.remove("api") {
        None | Some(Value::Null) => None,
        Some(Value::String(rel)) => Some(path.parent().unwrap_or(Path::new(".")).join(rel)),
        Some(other) => {
            return Err(format!(
                "\"api\" must be a file name (an OpenAPI or CloudFormation file), found {}",
                kind_of(&other)
            ))
        }
    };
    let integration = match (o.remove("integration"), api) {
        (Some(_), Some(_)) => return Err("give \"integration\" or \"api\", not both".into()),
        (None, Some(api)) => Target::Api(api),
        (Some(v @ Value::Object(_)), None) => Target::Integration(v),
        // A path, relative to the case file: several cases can share one
        // integration kept in its own file.
        (Some(Value::String(rel)), None) => {
            let p = path.parent().unwrap_or(Path::new(".")).join(&rel);
            Target::Integration(data_file::read(&p).map_err(|e| format!("\"integration\": {e}"))?)
        }
        (Some(other), None) => {
            return Err(format!(
                "\"integration\" must be an object or a file name, found {}",
                kind_of(&other)
            ))
        }
        (None, None) => return Err("missing \"integration\" (or \"api\")".into()),
    };
    let request = object_or_empty(&mut o, "request")?;
    let mut options = object_or_empty(&mut o, "options")?;
    if let Some(b) = o.remove("backend") {
        if !b.is_null() {
            if !b.is_object() {
                return Err(format!(
                    "\"backend\" must be an object, found {}",
                    kind_of(&b)
                ));
            }
            if let Value::Object(ref mut m) = options {
                m.insert("backend".into(), b);
            }
        }
    }
    let expect_value = match (o.remove("expect"), o.remove("expected")) {
        (Some(_), Some(_)) => return Err("give \"expect\" or \"expected\", not both".into()),
        (Some(v), None) | (None, Some(v)) => v,
        (None, None) => return Err("missing \"expect\"".into()),
    };
    let expect = expect_of(expect_value)?;
    Ok(TestCase {
        file: file.to_string(),
        name,
        target: integration,
        request,
        options,
        expect,
    })
}

fn object_or_empty(o: &mut Map<String, Value>, key: &str) -> Result<Value, String> {
    match o.remove(key) {
        None | Some(Value::Null) => Ok(Value::Object(Map::new())),
        Some(v @ Value::Object(_)) => Ok(v),
        Some(other) => Err(format!(
            "\"{key}\" must be an object, found {}",
            kind_of(&other)
        )),
    }
}

const EXPECT_KEYS: &[&str] = &["statusCode", "headers", "body", "json"];

fn expect_of(v: Value) -> Result<Expect, String> {
    let Value::Object(mut o) = v else {
        return Err(format!(
            "\"expect\" must be an object, found {}",
            kind_of(&v)
        ));
    };
    if let Some(k) = o.keys().find(|k| !EXPECT_KEYS.contains(&k.as_str())) {
        return Err(format!(
            "\"expect\": unknown key \"{k}\" (known: {})",
            EXPECT_KEYS.join(", ")
        ));
    }
    let mut e = Expect::default();
    match o.remove("statusCode") {
        None | Some(Value::Null) => {}
        Some(Value::Number(n)) if n.as_u64().is_some_and(|s| (100..=599).contains(&s)) => {
            e.status = n.as_u64().map(|s| s as u16)
        }
        // "200" as YAML users often write it.
        Some(Value::String(s)) if s.parse::<u16>().is_ok_and(|s| (100..=599).contains(&s)) => {
            e.status = s.parse().ok()
        }
        Some(other) => {
            return Err(format!(
                "\"expect.statusCode\" must be a status code (100-599), found {other}"
            ))
        }
    }
    match o.remove("headers") {
        None | Some(Value::Null) => {}
        Some(Value::Object(h)) => {
            for (k, v) in h {
                let v = match v {
                    Value::Null => None,
                    Value::String(s) => Some(s),
                    Value::Number(n) => Some(n.to_string()),
                    Value::Bool(b) => Some(b.to_string()),
                    other => {
                        return Err(format!(
                            "\"expect.headers.{k}\" must be a string or null, found {}",
                            kind_of(&other)
                        ))
                    }
                };
                e.headers.push((k, v));
            }
        }
        Some(other) => {
            return Err(format!(
                "\"expect.headers\" must be an object, found {}",
                kind_of(&other)
            ))
        }
    }
    match o.remove("body") {
        None | Some(Value::Null) => {}
        Some(Value::String(s)) => e.body = Some(s),
        Some(other) => {
            return Err(format!(
                "\"expect.body\" must be a string (use \"json\" for a JSON value), found {}",
                kind_of(&other)
            ))
        }
    }
    e.json = o.remove("json");
    if e.body.is_some() && e.json.is_some() {
        return Err("\"expect\": give \"body\" or \"json\", not both".into());
    }
    Ok(e)
}

pub fn kind_of(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "a list",
        Value::Object(_) => "an object",
    }
}
