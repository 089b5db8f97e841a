//! `mockgate test [PATH...]`: run case files (integration + request +
//! expected response) through evaluate(), print a diff for each failure and
//! a `N passed, N failed` summary; `--junit FILE` for CI.

mod case;
mod check;
pub mod diff;
mod junit;

use std::path::PathBuf;
use std::time::Instant;

pub const HELP: &str = "\
mockgate test: check mapping templates against expected responses

Usage: mockgate test [OPTIONS] [PATH...]

Runs every case in the case files at PATH (default: the current folder).
A directory is searched recursively for *.json, *.yaml and *.yml files
(hidden folders, node_modules and target are skipped; a file found this
way that has no \"integration\" or \"api\" is not a case file and is
ignored). A file
named explicitly must be a case file.

Options:
  --junit FILE     also write a JUnit XML report to FILE
  -q, --quiet      print failures and the summary only
  -h, --help       this help

A case file holds one case or a list of cases, in JSON or YAML:

  name: scope=internal gets the 200 response   # optional
  integration:           # GetIntegration JSON, an OpenAPI
    type: MOCK           # x-amazon-apigateway-integration, or a
    requestTemplates:    # CloudFormation Integration; or a file name
      application/json: '{\"statusCode\": 200}'   # (relative to this file)
    integrationResponses:
      '200':
        statusCode: '200'
        responseTemplates:
          application/json: '{\"ok\": true}'
                         # Or, instead of integration, a whole API:
                         #   api: ../api/openapi.yaml  (OpenAPI or
                         #   CloudFormation, as mockgate serve reads it);
                         #   the request is routed by httpMethod + path
                         #   (no route: API Gateway's 403)
  request:               # optional; the Lambda proxy event shape
    httpMethod: GET
    path: /pets
    queryStringParameters: {scope: internal}
    headers: {Accept: application/json}
  backend:               # optional: what a non-MOCK endpoint answers
    statusCode: 404
    body: '{\"error\": \"no such pet\"}'
  options: {}            # optional: evaluate()'s other options
  expect:                # (\"expected\" also accepted) only what is
    statusCode: 200      # stated is checked:
    headers:             #   headers: name (any case) -> value, or
      Content-Type: application/json   # null for \"must be absent\"
    json: {ok: true}     #   json: the body as a JSON value (key order
                         #   and white space ignored), or
                         #   body: the exact body text

Each failure prints what differs: the status, each header, and a line
diff of the bodies (- expected, + actual; pretty-printed JSON when both
sides are JSON), then the template diagnostics. Files that do not parse
are reported with line and column and count as one failed test.

Exit status: 0 when every case passed, 1 when any failed, 2 on a usage
error or a PATH that does not exist.
";

pub fn main(args: &[String]) -> i32 {
    let mut paths: Vec<PathBuf> = Vec::new();
    let mut junit_file: Option<PathBuf> = None;
    let mut quiet = false;
    let mut it = args.iter();
    while let Some(arg) = it.next() {
        match arg.as_str() {
            "-h" | "--help" => {
                print!("{HELP}");
                return 0;
            }
            "-q" | "--quiet" => quiet = true,
            "--junit" => match it.next() {
                Some(f) => junit_file = Some(f.into()),
                None => {
                    eprintln!("mockgate test: --junit needs a FILE");
                    return 2;
                }
            },
            a if a.starts_with("--junit=") => junit_file = Some(a["--junit=".len()..].into()),
            a if a.starts_with('-') && a != "-" => {
                eprintln!("mockgate test: unknown option `{a}` (see mockgate test --help)");
                return 2;
            }
            a => paths.push(a.into()),
        }
    }
    if paths.is_empty() {
        paths.push(".".into());
    }
    let files = match case::find_files(&paths) {
        Ok(f) => f,
        Err(e) => {
            eprintln!("mockgate test: {e}");
            return 2;
        }
    };

    let mut reports: Vec<junit::CaseReport> = Vec::new();
    for (path, explicit) in files {
        let started = Instant::now();
        let doc = match case::read_file(&path) {
            Ok(d) => d,
            Err(e) => {
                // A broken file found by walking may be a case file with a
                // typo: report it rather than skip it.
                let failure = format!("{e}\n");
                report_one(
                    &mut reports,
                    quiet,
                    path.display().to_string(),
                    "(file)".into(),
                    started,
                    Some(failure),
                );
                continue;
            }
        };
        if !explicit && !case::looks_like_cases(&doc) {
            continue;
        }
        match case::cases_of(&path, doc) {
            Err(e) => {
                report_one(
                    &mut reports,
                    quiet,
                    e.file,
                    "(file)".into(),
                    started,
                    Some(format!("{}\n", e.message)),
                );
            }
            Ok(cases) => {
                for c in cases {
                    let started = Instant::now();
                    let result = check::run(&c);
                    report_one(
                        &mut reports,
                        quiet,
                        c.file.clone(),
                        c.name.clone(),
                        started,
                        result.err(),
                    );
                }
            }
        }
    }

    let failed = reports.iter().filter(|r| r.failure.is_some()).count();
    let passed = reports.len() - failed;
    println!();
    println!("{passed} passed, {failed} failed");
    if let Some(f) = junit_file {
        if let Err(e) = std::fs::write(&f, junit::xml(&reports)) {
            eprintln!("mockgate test: cannot write {}: {e}", f.display());
            return 2;
        }
    }
    if failed > 0 {
        1
    } else {
        0
    }
}

fn report_one(
    reports: &mut Vec<junit::CaseReport>,
    quiet: bool,
    file: String,
    name: String,
    started: Instant,
    failure: Option<String>,
) {
    match &failure {
        None if !quiet => println!("ok   {file}: {name}"),
        None => {}
        Some(text) => {
            println!("FAIL {file}: {name}");
            for line in text.lines() {
                println!("    {line}");
            }
        }
    }
    reports.push(junit::CaseReport {
        file,
        name,
        seconds: started.elapsed().as_secs_f64(),
        failure,
    });
}
