//! `mockgate render TEMPLATE_FILE`: a quick look at one mapping template.
//!
//! The template runs as the response template of an HTTP integration whose
//! backend answers 200 with the `--body` text, so `$input` reads that body
//! (as in an integration response); with `--request` it runs as the request
//! template instead, over the client's `--body`, and the output is what
//! would be sent to the backend. `--param k=v` and `--header k=v` are the
//! method request's query string and headers (`$input.params('k')`), and
//! `--var k=JSON` are `#set` before the template. Everything goes through
//! `mockgate_gateway::evaluate`, so what you see is what `eval` computes.

use std::io::{IsTerminal, Write};

use serde_json::{json, Map, Value};

pub const HELP: &str = "\
mockgate render: render one mapping template

Usage: mockgate render TEMPLATE_FILE [--request] [--body FILE] [--param k=v ...]
                       [--header k=v ...] [--var k=JSON ...]

By default the template is the application/json response template of an
HTTP integration whose backend returns 200 with the body of FILE (empty
when --body is absent): $input.body, $input.json('$.x'), $input.path('$.x')
read that body. With --request it is the application/json request
template, FILE is the client's request body, and the output is the body
that would be sent to the backend.

Options:
  --request        render as a request template (integration request)
  --body FILE      the body $input reads
  --param k=v      a method request query string parameter ($input.params('k'))
  --header k=v     a method request header ($input.params('k'))
  --var k=JSON     #set($k = JSON value) before the template runs
                   (objects behave like $util.parseJson results)
  -h, --help       this help

Prints the rendered output. On a template error, prints the message with
the template line and a caret under the column to stderr and exits 1.
";

/// Name of the stage variable that smuggles `--var` values in: a stage
/// variable is readable from any template, so no request body is needed.
const VARS_STAGE_VARIABLE: &str = "mockgateRenderVars";

#[derive(Debug)]
pub struct RenderArgs {
    pub template_path: String,
    pub body_path: Option<String>,
    pub params: Vec<(String, String)>,
    pub headers: Vec<(String, String)>,
    pub vars: Vec<(String, Value)>,
    pub request_side: bool,
}

pub fn parse_args(args: &[String]) -> Result<Option<RenderArgs>, String> {
    let mut template_path = None;
    let mut body_path = None;
    let mut params = Vec::new();
    let mut headers = Vec::new();
    let mut request_side = false;
    let mut vars = Vec::new();
    let mut it = args.iter();
    while let Some(arg) = it.next() {
        let (flag, inline) = match arg.split_once('=') {
            Some((f, v)) if f.starts_with("--") => (f, Some(v.to_string())),
            _ => (arg.as_str(), None),
        };
        let mut value = |name: &str| -> Result<String, String> {
            match inline.clone() {
                Some(v) => Ok(v),
                None => it
                    .next()
                    .cloned()
                    .ok_or_else(|| format!("{name} needs a value")),
            }
        };
        match flag {
            "-h" | "--help" => return Ok(None),
            "--body" => body_path = Some(value("--body")?),
            "--request" => request_side = true,
            "--header" => {
                let kv = value("--header")?;
                let (k, v) = kv
                    .split_once('=')
                    .ok_or_else(|| format!("--header `{kv}`: expected k=v"))?;
                headers.push((k.to_string(), v.to_string()));
            }
            "--param" => {
                let kv = value("--param")?;
                let (k, v) = kv
                    .split_once('=')
                    .ok_or_else(|| format!("--param `{kv}`: expected k=v"))?;
                params.push((k.to_string(), v.to_string()));
            }
            "--var" => {
                let kv = value("--var")?;
                let (k, v) = kv
                    .split_once('=')
                    .ok_or_else(|| format!("--var `{kv}`: expected k=JSON"))?;
                if !is_identifier(k) {
                    return Err(format!(
                        "--var `{kv}`: `{k}` is not a template variable name (letters, digits, `_`, `-`, starting with a letter)"
                    ));
                }
                let parsed: Value = serde_json::from_str(v).map_err(|e| {
                    format!("--var {k}: the value is not JSON ({e}); quote strings: --var {k}='\"text\"'")
                })?;
                vars.push((k.to_string(), parsed));
            }
            f if f.starts_with('-') && f != "-" => return Err(format!("unknown option `{f}`")),
            _ if template_path.is_none() => template_path = Some(arg.clone()),
            _ => return Err(format!("unexpected argument `{arg}` (one TEMPLATE_FILE)")),
        }
    }
    let template_path = template_path.ok_or("missing TEMPLATE_FILE")?;
    Ok(Some(RenderArgs {
        template_path,
        body_path,
        params,
        headers,
        request_side,
        vars,
    }))
}

/// Velocity identifiers: a letter, then letters, digits, `_` or `-`.
fn is_identifier(s: &str) -> bool {
    let mut chars = s.chars();
    matches!(chars.next(), Some(c) if c.is_ascii_alphabetic())
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
}

/// The `#set` prefix for `--var`s, all on the template's first line so
/// that line numbers stay the template's own (only line 1's columns shift,
/// by the prefix's length, which `Prepared::prefix_chars` undoes).
fn vars_prefix(vars: &[(String, Value)]) -> String {
    if vars.is_empty() {
        return String::new();
    }
    let mut prefix = format!(
        "#set($mockgateRenderVars = $util.parseJson($stageVariables.get('{VARS_STAGE_VARIABLE}')))"
    );
    for (k, _) in vars {
        prefix.push_str(&format!("#set(${k} = $mockgateRenderVars.get('{k}'))"));
    }
    prefix
}

pub struct Prepared {
    pub integration: Value,
    pub request: Value,
    pub options: Value,
    pub prefix_chars: usize,
}

pub fn prepare(template: &str, body: &str, args: &RenderArgs) -> Prepared {
    let prefix = vars_prefix(&args.vars);
    let mut query = Map::new();
    for (k, v) in &args.params {
        query.insert(k.clone(), Value::String(v.clone()));
    }
    let mut stage_variables = Map::new();
    if !args.vars.is_empty() {
        let vars: Map<String, Value> = args.vars.iter().cloned().collect();
        stage_variables.insert(
            VARS_STAGE_VARIABLE.to_string(),
            Value::String(Value::Object(vars).to_string()),
        );
    }
    let mut headers = Map::new();
    headers.insert("Accept".into(), json!("application/json"));
    if args.request_side {
        headers.insert("Content-Type".into(), json!("application/json"));
    }
    for (k, v) in &args.headers {
        headers.insert(k.clone(), Value::String(v.clone()));
    }
    let full_template = format!("{prefix}{template}");
    let mut request = json!({
        "httpMethod": if args.request_side { "POST" } else { "GET" },
        "path": "/",
        "resourcePath": "/",
        "headers": headers,
        "queryStringParameters": query,
        "stageVariables": stage_variables,
    });
    let (integration, options) = if args.request_side {
        if !body.is_empty() {
            request["body"] = json!(body);
        }
        let integration = json!({
            "type": "HTTP",
            "httpMethod": "POST",
            "uri": "https://backend.example.com/",
            "passthroughBehavior": "WHEN_NO_MATCH",
            "requestTemplates": {"application/json": full_template},
            "integrationResponses": {"200": {"statusCode": "200"}}
        });
        (integration, json!({}))
    } else {
        let integration = json!({
            "type": "HTTP",
            "httpMethod": "POST",
            "uri": "https://backend.example.com/",
            "passthroughBehavior": "WHEN_NO_MATCH",
            "integrationResponses": {
                "200": {
                    "statusCode": "200",
                    "responseTemplates": {"application/json": full_template}
                }
            }
        });
        let backend = json!({"statusCode": 200, "headers": {"Content-Type": "application/json"}, "body": body});
        (integration, json!({"backend": backend}))
    };
    Prepared {
        integration,
        request,
        options,
        prefix_chars: prefix.chars().count(),
    }
}

/// "  3 | the line\n    |     ^ message" for one diagnostic.
pub fn caret_report(source: &str, line: usize, column: usize, message: &str) -> String {
    let text = source.lines().nth(line.saturating_sub(1)).unwrap_or("");
    let gutter = line.to_string();
    let pad = " ".repeat(gutter.len());
    let caret_pad: String = text
        .chars()
        .take(column.saturating_sub(1))
        .map(|c| if c == '\t' { '\t' } else { ' ' })
        .collect();
    format!("{pad} |\n{gutter} | {text}\n{pad} | {caret_pad}^ {message}\n")
}

pub fn main(args: &[String]) -> i32 {
    let args = match parse_args(args) {
        Ok(Some(a)) => a,
        Ok(None) => {
            print!("{HELP}");
            return 0;
        }
        Err(e) => {
            eprintln!("mockgate render: {e}\n\nUsage: mockgate render TEMPLATE_FILE [--request] [--body FILE] [--param k=v] [--header k=v] [--var k=JSON]  (see mockgate render --help)");
            return 2;
        }
    };
    let template = match std::fs::read_to_string(&args.template_path) {
        Ok(t) => t,
        Err(e) => {
            eprintln!("mockgate render: cannot read {}: {e}", args.template_path);
            return 2;
        }
    };
    let body = match &args.body_path {
        None => String::new(),
        Some(p) => match std::fs::read_to_string(p) {
            Ok(b) => b,
            Err(e) => {
                eprintln!("mockgate render: cannot read --body {p}: {e}");
                return 2;
            }
        },
    };
    let prepared = prepare(&template, &body, &args);
    let result = match crate::panics::catch(|| {
        mockgate_gateway::evaluate(&prepared.integration, &prepared.request, &prepared.options)
    }) {
        Ok(r) => r,
        Err(m) => {
            eprintln!("mockgate render: internal error in evaluate: {m}");
            return 2;
        }
    };
    let mut failed = false;
    let stderr = std::io::stderr();
    let mut err = stderr.lock();
    for d in result["diagnostics"].as_array().into_iter().flatten() {
        let severity = d["severity"].as_str().unwrap_or("error");
        let message = d["message"].as_str().unwrap_or("");
        let mut line = d["line"].as_u64().unwrap_or(0) as usize;
        let mut column = d["column"].as_u64().unwrap_or(0) as usize;
        if severity == "error" {
            failed = true;
        }
        if line == 1 && prepared.prefix_chars > 0 {
            if column > prepared.prefix_chars {
                column -= prepared.prefix_chars;
            } else {
                // The fault is in the #set lines made from --var.
                let _ = writeln!(err, "{severity}: in --var values: {message}");
                continue;
            }
        }
        if line == 0 {
            let _ = writeln!(err, "{severity}: {message}");
            continue;
        }
        line = line.max(1);
        let _ = writeln!(
            err,
            "{severity}: {}:{line}:{column}: {message}",
            args.template_path
        );
        let _ = write!(
            err,
            "{}",
            caret_report(&template, line, column.max(1), message)
        );
    }
    if failed {
        let status = &result["statusCode"];
        let _ = writeln!(
            err,
            "(the client would get {status} {})",
            result["body"].as_str().unwrap_or("")
        );
        return 1;
    }
    let body = if args.request_side {
        result["integrationRequest"]["body"].as_str().unwrap_or("")
    } else {
        result["body"].as_str().unwrap_or("")
    };
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    let _ = out.write_all(body.as_bytes());
    if out.is_terminal() && !body.ends_with('\n') {
        let _ = out.write_all(b"\n");
    }
    let _ = out.flush();
    0
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(list: &[&str]) -> Vec<String> {
        list.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn parses_repeated_options_and_inline_values() {
        let a = parse_args(&args(&[
            "t.vtl",
            "--param",
            "a=1",
            "--param=b=x=y",
            "--var",
            "n={\"k\":[1]}",
            "--body",
            "b.json",
            "--header",
            "X-A=1",
            "--request",
        ]))
        .unwrap()
        .unwrap();
        assert!(a.request_side);
        let plain = parse_args(&args(&["t.vtl"])).unwrap().unwrap();
        assert!(!plain.request_side);
        assert_eq!(a.headers, vec![("X-A".into(), "1".into())]);
        assert_eq!(a.template_path, "t.vtl");
        assert_eq!(a.body_path.as_deref(), Some("b.json"));
        assert_eq!(
            a.params,
            vec![("a".into(), "1".into()), ("b".into(), "x=y".into())]
        );
        assert_eq!(a.vars, vec![("n".into(), json!({"k": [1]}))]);
    }

    #[test]
    fn rejects_bad_vars_clearly() {
        let e = parse_args(&args(&["t", "--var", "x=nope"])).unwrap_err();
        assert!(e.contains("not JSON"), "{e}");
        let e = parse_args(&args(&["t", "--var", "1x=1"])).unwrap_err();
        assert!(e.contains("not a template variable name"), "{e}");
        let e = parse_args(&args(&["t", "--param"])).unwrap_err();
        assert!(e.contains("needs a value"), "{e}");
        assert!(parse_args(&args(&[])).is_err());
        assert!(parse_args(&args(&["--help"])).unwrap().is_none());
    }

    #[test]
    fn vars_go_on_the_first_line() {
        let a = parse_args(&args(&["t", "--var", "x=1", "--param", "q=v"]))
            .unwrap()
            .unwrap();
        let p = prepare("A\n$x", "{}", &a);
        let t = p.integration["integrationResponses"]["200"]["responseTemplates"]
            ["application/json"]
            .as_str()
            .unwrap();
        assert_eq!(t.lines().count(), 2);
        assert!(t.ends_with("A\n$x"));
        assert_eq!(t.chars().count() - "A\n$x".chars().count(), p.prefix_chars);
        assert_eq!(p.request["queryStringParameters"]["q"], "v");
        let smuggled = p.request["stageVariables"][VARS_STAGE_VARIABLE]
            .as_str()
            .unwrap();
        assert_eq!(
            serde_json::from_str::<Value>(smuggled).unwrap(),
            json!({"x": 1})
        );
    }

    #[test]
    fn caret_sits_under_the_column() {
        let r = caret_report("one\n\tab $x(\n", 2, 5, "boom");
        assert_eq!(r, "  |\n2 | \tab $x(\n  | \t   ^ boom\n");
    }
}
