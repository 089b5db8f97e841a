//! `mockgate eval [FILE]`: run each input value through
//! `mockgate_gateway::evaluate` and print one compact JSON result per line,
//! in input order (shapes: CONTRACT.md, "mockgate eval").

use std::io::{BufRead, Write};

use serde_json::{json, Map, Value};

use mockgate_gateway::Outcome;

use crate::frames::{FrameError, FrameReader};

pub const HELP: &str = "\
mockgate eval: run requests through API Gateway method integrations

Usage: mockgate eval [FILE]

Reads FILE (or standard input when FILE is absent or `-`): one JSON
document, or JSON Lines. Each value is an object:

  {\"integration\": ..., \"request\": ..., \"backend\": ..., \"options\": ...}

`integration` is required (GetIntegration JSON, an OpenAPI
x-amazon-apigateway-integration, or a CloudFormation Integration);
`request` (Lambda proxy event shape) defaults to {}; `backend` is
shorthand for options.backend.

Writes one compact JSON result per input value, one per line, in order.
A malformed value gives {\"error\": {\"line\": N, \"column\": C, \"message\": ...}}
on its line and processing goes on. An integration that API Gateway would
reject (PutIntegration's 400) gives the full result, whose \"error\" member
(type, message, field) also carries the value's line; it counts as malformed.

Exit status: 0 when every value was evaluated (whatever status code the
simulated API returned), 1 when any value was malformed or its integration
invalid, 2 on a usage
error or an unreadable FILE.
";

/// What one input value asks for, checked.
pub struct Case {
    pub integration: Value,
    pub request: Value,
    pub options: Value,
}

/// Check the outer shape of one input value. The integration itself is the
/// gateway's to validate (it names the bad field in its diagnostics).
pub fn case_from_value(value: Value) -> Result<Case, String> {
    let mut object = match value {
        Value::Object(o) => o,
        other => {
            return Err(format!(
                "expected an object with \"integration\" and \"request\", found {}",
                kind_of(&other)
            ))
        }
    };
    let integration = match object.remove("integration") {
        Some(v @ Value::Object(_)) => v,
        Some(other) => {
            return Err(format!(
                "\"integration\" must be an object, found {}",
                kind_of(&other)
            ))
        }
        None => return Err("missing \"integration\"".to_string()),
    };
    let request = match object.remove("request") {
        None | Some(Value::Null) => Value::Object(Map::new()),
        Some(v @ Value::Object(_)) => v,
        Some(other) => {
            return Err(format!(
                "\"request\" must be an object, found {}",
                kind_of(&other)
            ))
        }
    };
    let mut options = match object.remove("options") {
        None | Some(Value::Null) => Map::new(),
        Some(Value::Object(o)) => o,
        Some(other) => {
            return Err(format!(
                "\"options\" must be an object, found {}",
                kind_of(&other)
            ))
        }
    };
    match object.remove("backend") {
        None | Some(Value::Null) => {}
        Some(v @ Value::Object(_)) => {
            options.insert("backend".to_string(), v);
        }
        Some(other) => {
            return Err(format!(
                "\"backend\" must be an object, found {}",
                kind_of(&other)
            ))
        }
    }
    Ok(Case {
        integration,
        request,
        options: Value::Object(options),
    })
}

fn kind_of(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

pub fn error_object(e: &FrameError) -> Value {
    json!({"error": {"line": e.line, "column": e.column, "message": e.to_string()}})
}

/// Evaluate one case; a panic inside the core becomes an error message
/// instead of taking the whole batch down.
pub fn evaluate_case(case: &Case) -> Result<Outcome, String> {
    crate::panics::catch(|| {
        mockgate_gateway::evaluate_outcome(&case.integration, &case.request, &case.options)
    })
    .map_err(|m| format!("internal error in evaluate: {m}"))
}

/// Run every value of `input`, writing results to `out`. Returns whether
/// every value was well formed and evaluated.
pub fn run<R: BufRead + BufferState, W: Write>(input: R, out: W) -> std::io::Result<bool> {
    let mut out = std::io::BufWriter::with_capacity(64 * 1024, out);
    let mut frames = FrameReader::new(input);
    let mut all_ok = true;
    while let Some(frame) = frames.next() {
        // The outcome is written straight to the output (the same text as
        // its JSON value's, without building that value).
        let result: Result<Outcome, Value> = match frame.value {
            Err(e) => {
                all_ok = false;
                Err(error_object(&e))
            }
            Ok(value) => match case_from_value(value).and_then(|c| evaluate_case(&c)) {
                Ok(mut result) => {
                    // evaluate() reports an integration PutIntegration would
                    // reject (a field of the wrong type, an unknown type) as
                    // a result with an "error" member: the value is
                    // malformed, so say on which line it started.
                    if let Some(error) = result.error.as_mut().and_then(Value::as_object_mut) {
                        all_ok = false;
                        error.insert("line".to_string(), json!(frame.line));
                    }
                    Ok(result)
                }
                Err(message) => {
                    all_ok = false;
                    Err(error_object(&FrameError {
                        line: frame.line,
                        column: 1,
                        message,
                    }))
                }
            },
        };
        match &result {
            Ok(outcome) => serde_json::to_writer(&mut out, outcome)?,
            Err(error) => serde_json::to_writer(&mut out, error)?,
        }
        out.write_all(b"\n")?;
        // Flush when no more input is already buffered, so an interactive
        // producer (a pipe fed line by line) sees each answer promptly,
        // while a file is written in large blocks.
        if frames.get_ref().buffer_is_empty() {
            out.flush()?;
        }
    }
    out.flush()?;
    Ok(all_ok)
}

/// Lets `run` ask whether more input is waiting in memory.
pub trait BufferState {
    fn buffer_is_empty(&self) -> bool;
}

impl<R: std::io::Read> BufferState for std::io::BufReader<R> {
    fn buffer_is_empty(&self) -> bool {
        self.buffer().is_empty()
    }
}

impl BufferState for &[u8] {
    fn buffer_is_empty(&self) -> bool {
        self.is_empty()
    }
}

/// `mockgate eval` with its arguments (after the command name).
pub fn main(args: &[String]) -> i32 {
    let mut file: Option<&str> = None;
    for arg in args {
        match arg.as_str() {
            "-h" | "--help" => {
                print!("{HELP}");
                return 0;
            }
            "-" if file.is_none() => file = Some("-"),
            a if a.starts_with('-') => {
                eprintln!("mockgate eval: unknown option `{a}`\n\nUsage: mockgate eval [FILE]  (see mockgate eval --help)");
                return 2;
            }
            a if file.is_none() => file = Some(a),
            a => {
                eprintln!("mockgate eval: unexpected argument `{a}` (one FILE at most)");
                return 2;
            }
        }
    }
    let stdout = std::io::stdout();
    let result = match file {
        None | Some("-") => {
            let stdin = std::io::stdin();
            run(
                std::io::BufReader::with_capacity(64 * 1024, stdin.lock()),
                stdout.lock(),
            )
        }
        Some(path) => match std::fs::File::open(path) {
            Ok(f) => run(
                std::io::BufReader::with_capacity(64 * 1024, f),
                stdout.lock(),
            ),
            Err(e) => {
                eprintln!("mockgate eval: cannot open {path}: {e}");
                return 2;
            }
        },
    };
    match result {
        Ok(true) => 0,
        Ok(false) => 1,
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => 0,
        Err(e) => {
            eprintln!("mockgate eval: {e}");
            2
        }
    }
}
