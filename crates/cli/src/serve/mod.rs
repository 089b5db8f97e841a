//! `mockgate serve API_FILE`: a local mock of an API exported from API
//! Gateway, answering real HTTP requests on 127.0.0.1.

pub(crate) mod api;
mod handler;
mod log;
mod reload;
pub(crate) mod routes;
mod state;

use std::io::Write;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::atomic::AtomicU64;
use std::sync::{Arc, RwLock};
use std::time::Duration;

use hyper::server::conn::http1;
use hyper::service::service_fn;
use hyper_util::rt::{TokioIo, TokioTimer};
use indexmap::IndexMap;
use tokio::net::TcpListener;

use handler::Shared;
use state::{Config, State};

pub const HELP: &str = "\
mockgate serve: run an API exported from API Gateway as a local mock

Usage: mockgate serve API_FILE [OPTIONS]

API_FILE (JSON or YAML) is one of:
  - an OpenAPI 2 or 3 export with x-amazon-apigateway-integration on each
    operation (x-amazon-apigateway-any-method for ANY);
  - a CloudFormation template with AWS::ApiGateway::RestApi, ::Resource
    (ParentId + PathPart, with !Ref / !GetAtt Api.RootResourceId) and
    ::Method resources (or a RestApi whose Body, or a SAM
    AWS::Serverless::Api whose DefinitionBody, is an OpenAPI document).

Options:
  --port N                   port on 127.0.0.1 (default 3000; 0 picks a free
                             one). The first line on standard output is
                             `mockgate serve: http://127.0.0.1:PORT/`
  --stage NAME               $context.stage (default: test)
  --stage-variable K=V       a stage variable ($stageVariables.K); repeatable
  --backend FILE             canned answers for non-MOCK integrations: a
                             JSON/YAML map \"METHOD /resource/path\" -> backend,
                             e.g. {\"GET /pets/{petId}\": {\"statusCode\": 200,
                             \"body\": \"{...}\"}} (the backend shapes of
                             evaluate's options.backend; ANY matches any method)
  -q, --quiet                no request log
  -h, --help                 this help

Requests are routed as API Gateway does: path templates ({id}, greedy
{proxy+}), ANY, the most specific resource first, and a method not defined
on the matching resource falls through to a greedy one that defines it.
No route: 403 {\"message\":\"Missing Authentication Token\"}. URLs carry no
stage prefix (http://127.0.0.1:3000/pets/7).

MOCK integrations run for real (request template, status, selection
patterns, response template, mappings). Other integration types answer
from --backend, or 502 with a message saying which key is missing.

API_FILE and the backend file are checked twice a second and reloaded when
they change; a file that no longer loads is reported and the previous
version keeps serving. Each request is logged to standard error: method,
path, status, time. Bodies over 10 MB get 413.
";

pub fn main(args: &[String]) -> i32 {
    let mut api_file: Option<PathBuf> = None;
    let mut port: u16 = 3000;
    let mut stage = "test".to_string();
    let mut stage_variables = IndexMap::new();
    let mut backend_file: Option<PathBuf> = None;
    let mut quiet = false;
    let mut it = args.iter();
    let usage = |m: String| {
        eprintln!("mockgate serve: {m}\n\nUsage: mockgate serve API_FILE [--port N] [--stage NAME] [--stage-variable K=V ...] [--backend FILE]  (see mockgate serve --help)");
        2
    };
    while let Some(arg) = it.next() {
        let (flag, inline) = match arg.split_once('=') {
            Some((f, v)) if f.starts_with("--") => (f, Some(v.to_string())),
            _ => (arg.as_str(), None),
        };
        let mut value = |name: &str| -> Result<String, i32> {
            inline
                .clone()
                .or_else(|| it.next().cloned())
                .ok_or_else(|| usage(format!("{name} needs a value")))
        };
        match flag {
            "-h" | "--help" => {
                print!("{HELP}");
                return 0;
            }
            "-q" | "--quiet" => quiet = true,
            "--port" => match value("--port") {
                Ok(v) => match v.parse() {
                    Ok(p) => port = p,
                    Err(_) => return usage(format!("--port: `{v}` is not a port number")),
                },
                Err(code) => return code,
            },
            "--stage" => match value("--stage") {
                Ok(v) => stage = v,
                Err(code) => return code,
            },
            "--stage-variable" => match value("--stage-variable") {
                Ok(v) => match v.split_once('=') {
                    Some((k, val)) if !k.is_empty() => {
                        stage_variables.insert(k.to_string(), val.to_string());
                    }
                    _ => return usage(format!("--stage-variable: expected K=V, got `{v}`")),
                },
                Err(code) => return code,
            },
            "--backend" => match value("--backend") {
                Ok(v) => backend_file = Some(v.into()),
                Err(code) => return code,
            },
            a if a.starts_with('-') => return usage(format!("unknown option `{a}`")),
            a if api_file.is_none() => api_file = Some(a.into()),
            a => return usage(format!("unexpected argument `{a}` (one API_FILE)")),
        }
    }
    let Some(api_file) = api_file else {
        return usage("missing API_FILE".into());
    };
    let config = Config {
        api_file,
        backend_file,
        stage,
        stage_variables,
    };
    let loaded = reload::stamps(&config);
    let state = match State::load(&config) {
        Ok(s) => s,
        Err(e) => {
            eprintln!("mockgate serve: {e}");
            return 1;
        }
    };
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
    {
        Ok(r) => r,
        Err(e) => {
            eprintln!("mockgate serve: cannot start the runtime: {e}");
            return 1;
        }
    };
    let options = mockgate_gateway::Options {
        stage: config.stage.clone(),
        ..mockgate_gateway::Options::default()
    };
    let shared = Arc::new(Shared {
        state: RwLock::new(Arc::new(state)),
        options,
        config,
        log: (!quiet).then(log::Log::new),
        counter: AtomicU64::new(0),
    });
    runtime.block_on(serve(shared, port, loaded))
}

async fn serve(shared: Arc<Shared>, port: u16, loaded: reload::Stamps) -> i32 {
    let listener = match TcpListener::bind(SocketAddr::from(([127, 0, 0, 1], port))).await {
        Ok(l) => l,
        Err(e) => {
            eprintln!("mockgate serve: cannot listen on 127.0.0.1:{port}: {e}");
            return 1;
        }
    };
    let addr = match listener.local_addr() {
        Ok(a) => a,
        Err(e) => {
            eprintln!("mockgate serve: {e}");
            return 1;
        }
    };
    {
        let mut out = std::io::stdout().lock();
        let _ = writeln!(out, "mockgate serve: http://{addr}/");
        let _ = out.flush();
    }
    describe(&shared);
    tokio::spawn(reload::watch(shared.clone(), loaded));
    if shared.log.is_some() {
        let s = shared.clone();
        tokio::spawn(async move {
            let mut tick = tokio::time::interval(log::FLUSH_EVERY);
            loop {
                tick.tick().await;
                if let Some(l) = &s.log {
                    l.flush();
                }
            }
        });
    }
    loop {
        let accepted = tokio::select! {
            a = listener.accept() => a,
            _ = tokio::signal::ctrl_c() => return 0,
        };
        let (stream, peer) = match accepted {
            Ok(x) => x,
            Err(e) => {
                // Out of file descriptors and the like: wait, go on.
                eprintln!("mockgate serve: accept: {e}");
                tokio::time::sleep(Duration::from_millis(50)).await;
                continue;
            }
        };
        let _ = stream.set_nodelay(true);
        let shared = shared.clone();
        tokio::spawn(async move {
            let service = service_fn(move |req| handler::handle(shared.clone(), peer, req));
            let _ = http1::Builder::new()
                .timer(TokioTimer::new())
                // Headers: at most 64 KiB and 200 of them (API Gateway's own
                // limit is 10 KB of headers); a slow client gets 30 s.
                .max_buf_size(64 * 1024)
                .max_headers(200)
                .header_read_timeout(Duration::from_secs(30))
                .serve_connection(TokioIo::new(stream), service)
                .await;
        });
    }
}

/// The routes, once, on standard error.
pub(crate) fn describe(shared: &Shared) {
    if shared.log.is_none() {
        return;
    }
    let state = shared.current();
    for r in &state.api.resources {
        for (m, method) in &r.methods {
            let kind = match &method.integration {
                Ok(i) => i.kind.as_str().to_string(),
                Err(e) => format!("invalid: {e}"),
            };
            eprintln!("  {m:7} {}  ({kind})", r.path);
        }
    }
}
