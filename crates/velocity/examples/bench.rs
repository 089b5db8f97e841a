//! Rough timing of parse + render on the shared benchmark templates, with
//! a minimal `$input`/`$util` (not API Gateway's: just enough to run them).
//! `cargo run --release -p mockgate-velocity --example bench -- FILE.template.json [N]`

use std::rc::Rc;
use std::time::Instant;

use mockgate_velocity::value::json::{from_json, to_json_text};
use mockgate_velocity::{Context, HostObject, Limits, Template, Value};

struct Input {
    root: Value,
}

impl HostObject for Input {
    fn type_name(&self) -> &str {
        "Input"
    }
    fn call(&self, name: &str, args: &[Value]) -> Result<Option<Value>, String> {
        match (name, args) {
            ("path", [Value::Str(p)]) if &**p == "$" => Ok(Some(self.root.clone())),
            ("json", [Value::Str(_)]) => Ok(Some(Value::str(to_json_text(&self.root)))),
            _ => Ok(None),
        }
    }
}

struct Util;

impl HostObject for Util {
    fn type_name(&self) -> &str {
        "Util"
    }
    fn call(&self, name: &str, args: &[Value]) -> Result<Option<Value>, String> {
        match (name, args) {
            ("escapeJavaScript", [v]) => {
                Ok(Some(Value::str(v.to_java_string().replace('"', "\\\""))))
            }
            _ => Ok(None),
        }
    }
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let file = std::fs::read_to_string(&args[1]).expect("benchmark file");
    let n: usize = args.get(2).and_then(|s| s.parse().ok()).unwrap_or(100);
    let case: serde_json::Value = serde_json::from_str(&file).unwrap();
    let src = case["template"].as_str().unwrap();
    let body: serde_json::Value = serde_json::from_str(case["body"].as_str().unwrap()).unwrap();
    let root = from_json(&body);
    let limits = Limits::default();
    let start = Instant::now();
    let mut bytes = 0;
    for _ in 0..n {
        let t = Template::parse("bench", src).unwrap();
        let mut ctx = Context::new();
        ctx.insert("input", Value::Host(Rc::new(Input { root: root.clone() })));
        ctx.insert("util", Value::Host(Rc::new(Util)));
        let out = t.render(&mut ctx, &limits).unwrap();
        bytes += out.text.len();
    }
    let per = start.elapsed().as_secs_f64() / n as f64;
    println!(
        "{}: {:.3} ms per parse+render ({} output bytes each)",
        args[1],
        per * 1000.0,
        bytes / n
    );
}
