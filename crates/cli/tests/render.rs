//! `mockgate render` end to end: the real binary on template files.

use std::path::PathBuf;
use std::process::Command;

fn scratch(name: &str, text: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("mockgate-render-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(name);
    std::fs::write(&path, text).unwrap();
    path
}

fn mockgate(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_mockgate"))
        .args(args)
        .output()
        .expect("run mockgate")
}

#[test]
fn renders_over_the_body_with_params_and_vars() {
    let template = scratch(
        "ok.vtl",
        "#set($v = $input.path('$.a'))\n$v $input.params('q') $n.k\n$v.b.size() #if($s == \"x\")yes#end",
    );
    let body = scratch("ok.json", "{\"a\": {\"b\": [1, 2]}}");
    let out = mockgate(&[
        "render",
        template.to_str().unwrap(),
        "--body",
        body.to_str().unwrap(),
        "--param",
        "q=hello",
        "--var",
        "n={\"k\": [1, \"two\"]}",
        "--var=s=\"x\"",
    ]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    // $input.path gives a map ({k=v}); lists print as JSON.
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        "{b=[1,2]} hello [1,\"two\"]\n2 yes"
    );
}

#[test]
fn a_template_error_shows_the_line_and_a_caret() {
    let template = scratch("bad.vtl", "ok\n  $util.parseJson(\"{bad\")\n");
    let out = mockgate(&["render", template.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("bad.vtl:2:"), "{stderr}");
    let lines: Vec<&str> = stderr.lines().collect();
    let at = lines
        .iter()
        .position(|l| l.starts_with("2 |   $util.parseJson"))
        .unwrap_or_else(|| panic!("no source line in {stderr}"));
    let caret = lines[at + 1];
    let column = caret.find('^').expect("a caret under the line") - "  | ".len() + 1;
    assert!(
        (3..=8).contains(&column),
        "caret at column {column}: {stderr}"
    );
    assert!(stderr.contains("Internal server error"), "{stderr}");
    assert!(out.stdout.is_empty());
}

#[test]
fn usage_errors_are_clear() {
    let out = mockgate(&["render"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("missing TEMPLATE_FILE"));
    let out = mockgate(&["render", "/nonexistent/t.vtl"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("cannot read /nonexistent/t.vtl"));
    let out = mockgate(&["render", "t.vtl", "--var", "x=not json"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("not JSON"));
}

#[test]
fn request_side_renders_what_the_backend_would_get() {
    let template = scratch(
        "req.vtl",
        "{\"name\": \"$input.path('$.name')\", \"h\": \"$input.params('X-Trace')\", \"q\": \"$input.params('q')\"}",
    );
    let body = scratch("req.json", "{\"name\": \"Rex\"}");
    let out = mockgate(&[
        "render",
        template.to_str().unwrap(),
        "--request",
        "--body",
        body.to_str().unwrap(),
        "--header",
        "X-Trace=abc",
        "--param=q=1",
    ]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        "{\"name\": \"Rex\", \"h\": \"abc\", \"q\": \"1\"}"
    );
}
