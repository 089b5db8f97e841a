//! `mockgate serve` end to end: a real server on an ephemeral port,
//! answering real HTTP requests over TCP.

use std::io::{Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use serde_json::{json, Value};

fn scratch(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("mockgate-serve-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    d
}

#[path = "support/server.rs"]
mod server;
use server::Server;

impl Server {
    fn request(&self, method: &str, path: &str, body: &str) -> Reply {
        request_raw(
            self.port,
            format!(
                "{method} {path} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\nContent-Length: {}\r\n\r\n{body}",
                body.len()
            )
            .as_bytes(),
        )
    }

    fn get(&self, path: &str) -> Reply {
        self.request("GET", path, "")
    }
}

#[derive(Debug)]
struct Reply {
    status: u16,
    headers: Vec<(String, String)>,
    body: String,
}

impl Reply {
    fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
    fn json(&self) -> Value {
        serde_json::from_str(&self.body).unwrap_or_else(|e| panic!("{e}: {}", self.body))
    }
}

fn request_raw(port: u16, raw: &[u8]) -> Reply {
    let mut s = TcpStream::connect(("127.0.0.1", port)).unwrap();
    s.set_read_timeout(Some(Duration::from_secs(20))).unwrap();
    s.write_all(raw).unwrap();
    let mut buf = Vec::new();
    s.read_to_end(&mut buf).unwrap();
    let text = String::from_utf8_lossy(&buf).into_owned();
    let (head, body) = text.split_once("\r\n\r\n").unwrap_or((&text, ""));
    let mut lines = head.lines();
    let status = lines
        .next()
        .and_then(|l| l.split(' ').nth(1))
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    let headers = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(k, v)| (k.trim().to_string(), v.trim().to_string()))
        .collect();
    Reply {
        status,
        headers,
        body: body.to_string(),
    }
}

fn mock(message: &str) -> Value {
    json!({
        "type": "MOCK",
        "requestTemplates": {"application/json": "{\"statusCode\": 200}"},
        "integrationResponses": {"200": {"statusCode": "200",
            "responseTemplates": {"application/json": format!("{{\"message\": \"{message}\"}}")}}}
    })
}

/// An OpenAPI document from `{resource path: {METHOD: integration}}`.
fn openapi(resources: &Value) -> Value {
    let mut paths = serde_json::Map::new();
    for (path, methods) in resources.as_object().unwrap() {
        let mut item = serde_json::Map::new();
        for (m, integ) in methods.as_object().unwrap() {
            let key = if m == "ANY" {
                "x-amazon-apigateway-any-method".to_string()
            } else {
                m.to_lowercase()
            };
            item.insert(key, json!({"x-amazon-apigateway-integration": integ}));
        }
        paths.insert(path.clone(), Value::Object(item));
    }
    json!({"openapi": "3.0.1", "info": {"title": "t", "version": "1"}, "paths": paths})
}

#[test]
fn routing_evidence_from_api_gateway() {
    let cases: Vec<Value> = serde_json::from_str(
        &std::fs::read_to_string(
            Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/routing-evidence.json"),
        )
        .unwrap(),
    )
    .unwrap();
    assert_eq!(cases.len(), 10);
    let d = scratch("routing");
    for (i, case) in cases.iter().enumerate() {
        let id = case["id"].as_str().unwrap();
        let file = d.join(format!("api{i}.json"));
        std::fs::write(&file, openapi(&case["resources"]).to_string()).unwrap();
        let server = Server::start(&d, &["-q", file.to_str().unwrap()]);
        let method = case["request"]["httpMethod"].as_str().unwrap();
        let reply = server.request(method, case["request"]["path"].as_str().unwrap(), "");
        let expected = &case["expected"];
        assert_eq!(
            u64::from(reply.status),
            expected["statusCode"].as_u64().unwrap(),
            "{id}: {reply:?}"
        );
        let body = reply.json();
        if let Some(subset) = expected.get("body_json_subset").and_then(Value::as_object) {
            for (k, v) in subset {
                assert_eq!(&body[k], v, "{id}: {reply:?}");
            }
        }
        if let Some(whole) = expected.get("body_json") {
            assert_eq!(&body, whole, "{id}: {reply:?}");
        }
        if let Some(h) = expected.get("headers").and_then(Value::as_object) {
            for (k, v) in h {
                assert_eq!(reply.header(k), v.as_str(), "{id}: {reply:?}");
            }
        }
    }
}

#[test]
fn path_parameters_stage_and_query_reach_the_templates() {
    let d = scratch("params");
    let integ = json!({
        "type": "MOCK",
        "requestTemplates": {"application/json": "{\"statusCode\": 200}"},
        "integrationResponses": {"200": {"statusCode": "200",
            "responseParameters": {"method.response.header.X-Stage": "context.stage"},
            "responseTemplates": {"application/json":
              "{\"id\": \"$input.params('petId')\", \"proxy\": \"$input.params('rest')\", \"q\": \"$input.params('q')\", \"v\": \"$stageVariables.color\", \"resource\": \"$context.resourcePath\", \"ua\": \"$input.params('User-Agent')\"}"}}}
    });
    let file = d.join("api.json");
    std::fs::write(
        &file,
        openapi(&json!({"/pets/{petId}": {"GET": integ}, "/files/{rest+}": {"GET": integ}}))
            .to_string(),
    )
    .unwrap();
    let server = Server::start(
        &d,
        &[
            file.to_str().unwrap(),
            "--stage",
            "prod",
            "--stage-variable",
            "color=blue",
        ],
    );
    let r = server.get("/pets/7%20b?q=a%2Fb&q=last");
    assert_eq!(r.status, 200, "{r:?}");
    let b = r.json();
    assert_eq!(b["id"], "7 b");
    assert_eq!(b["q"], "last");
    assert_eq!(b["v"], "blue");
    assert_eq!(b["resource"], "/pets/{petId}");
    assert_eq!(r.header("X-Stage"), Some("prod"));
    let r = server.get("/files/a/b/c.txt");
    assert_eq!(r.json()["proxy"], "a/b/c.txt", "{r:?}");
    // The request log: method, path, status, time (written out within 50 ms).
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        let log = server.stderr();
        if log
            .lines()
            .any(|l| l.starts_with("GET /pets/7%20b 200 ") && l.ends_with(" ms"))
        {
            break;
        }
        assert!(Instant::now() < deadline, "no request log line: {log}");
        std::thread::sleep(Duration::from_millis(50));
    }
}

#[test]
fn a_hundred_concurrent_requests() {
    let d = scratch("concurrent");
    let integ = json!({
        "type": "MOCK",
        "requestTemplates": {"application/json": "{\"statusCode\": 200}"},
        "integrationResponses": {"200": {"statusCode": "200",
            "responseTemplates": {"application/json": "{\"id\": \"$input.params('id')\", \"n\": \"$input.params('n')\", \"h\": \"$input.params('X-N')\"}"}}}
    });
    let file = d.join("api.json");
    std::fs::write(
        &file,
        openapi(&json!({"/items/{id}": {"ANY": integ}})).to_string(),
    )
    .unwrap();
    let server = Server::start(&d, &["-q", file.to_str().unwrap()]);
    let port = server.port;
    let threads: Vec<_> = (0..100)
        .map(|i| {
            std::thread::spawn(move || {
                let body = format!("{{\"n\": {i}}}");
                let raw = format!(
                    "POST /items/{i}?n={i} HTTP/1.1\r\nHost: x\r\nX-N: h{i}\r\nContent-Type: application/json\r\nConnection: close\r\nContent-Length: {}\r\n\r\n{body}",
                    body.len()
                );
                (i, request_raw(port, raw.as_bytes()))
            })
        })
        .collect();
    for t in threads {
        let (i, r) = t.join().unwrap();
        assert_eq!(r.status, 200, "{r:?}");
        assert_eq!(
            r.json(),
            json!({"id": i.to_string(), "n": i.to_string(), "h": format!("h{i}")})
        );
    }
}

#[test]
fn unknown_routes_get_missing_authentication_token() {
    let d = scratch("403");
    let file = d.join("api.yaml");
    std::fs::write(&file, format!("openapi: 3.0.1\npaths:\n  /existing:\n    get:\n      x-amazon-apigateway-integration: {}\n", mock("exists"))).unwrap();
    let server = Server::start(&d, &[file.to_str().unwrap()]);
    for (m, p) in [
        ("GET", "/random"),
        ("POST", "/existing"),
        ("GET", "/"),
        ("GET", "/existing/x"),
    ] {
        let r = server.request(m, p, "");
        assert_eq!(r.status, 403, "{m} {p}: {r:?}");
        assert_eq!(r.body, "{\"message\":\"Missing Authentication Token\"}");
        assert_eq!(
            r.header("x-amzn-ErrorType"),
            Some("MissingAuthenticationTokenException")
        );
    }
    assert_eq!(server.get("/existing").json(), json!({"message": "exists"}));
}

#[test]
fn reloads_on_change_and_keeps_serving_when_broken() {
    let d = scratch("reload");
    let file = d.join("api.json");
    std::fs::write(
        &file,
        openapi(&json!({"/": {"GET": mock("one")}})).to_string(),
    )
    .unwrap();
    let server = Server::start(&d, &[file.to_str().unwrap()]);
    assert_eq!(server.get("/").json(), json!({"message": "one"}));

    // A different size makes the change visible even within one mtime tick.
    std::fs::write(
        &file,
        openapi(&json!({"/": {"GET": mock("second")}, "/new": {"GET": mock("new")}})).to_string(),
    )
    .unwrap();
    let deadline = Instant::now() + Duration::from_secs(15);
    while server.get("/").json() != json!({"message": "second"}) {
        assert!(
            Instant::now() < deadline,
            "not reloaded: {}",
            server.stderr()
        );
        std::thread::sleep(Duration::from_millis(100));
    }
    assert_eq!(server.get("/new").json(), json!({"message": "new"}));

    std::fs::write(&file, "{\"openapi\": \"3.0.1\",\n \"paths\": {\n").unwrap();
    let deadline = Instant::now() + Duration::from_secs(15);
    while !server.stderr().contains("not reloaded") {
        assert!(
            Instant::now() < deadline,
            "broken file not reported: {}",
            server.stderr()
        );
        std::thread::sleep(Duration::from_millis(100));
    }
    let log = server.stderr();
    assert!(
        log.contains("api.json:3:1"),
        "error without line:column: {log}"
    );
    assert_eq!(server.get("/").json(), json!({"message": "second"}));
}

#[test]
fn cloudformation_yaml_with_short_form_tags() {
    let d = scratch("cfn");
    let file = d.join("template.yaml");
    std::fs::write(
        &file,
        r#"AWSTemplateFormatVersion: '2010-09-09'
Resources:
  Api:
    Type: AWS::ApiGateway::RestApi
    Properties: {Name: pets}
  Pets:
    Type: AWS::ApiGateway::Resource
    Properties:
      RestApiId: !Ref Api
      ParentId: !GetAtt Api.RootResourceId
      PathPart: pets
  Pet:
    Type: AWS::ApiGateway::Resource
    Properties:
      RestApiId: !Ref Api
      ParentId: !Ref Pets
      PathPart: '{petId}'
  GetPet:
    Type: AWS::ApiGateway::Method
    Properties:
      RestApiId: !Ref Api
      ResourceId: !Ref Pet
      HttpMethod: GET
      AuthorizationType: NONE
      Integration:
        Type: MOCK
        RequestTemplates:
          application/json: '{"statusCode": 200}'
        IntegrationResponses:
          - StatusCode: '200'
            ResponseTemplates:
              application/json: '{"pet": "$input.params(''petId'')"}'
  PostPets:
    Type: AWS::ApiGateway::Method
    Properties:
      RestApiId: !Ref Api
      ResourceId: !Ref Pets
      HttpMethod: POST
      Integration:
        Type: HTTP_PROXY
        IntegrationHttpMethod: POST
        Uri: !Sub 'https://${Domain}/pets'
"#,
    )
    .unwrap();
    let backend = d.join("backend.json");
    std::fs::write(
        &backend,
        r#"{"POST /pets": {"statusCode": 201, "headers": {"X-From": "backend"}, "body": "made"}}"#,
    )
    .unwrap();

    let server = Server::start(&d, &[file.to_str().unwrap()]);
    assert_eq!(server.get("/pets/9").json(), json!({"pet": "9"}));
    // A non-MOCK integration without a canned answer: 502 saying so.
    let r = server.request("POST", "/pets", "{}");
    assert_eq!(r.status, 502, "{r:?}");
    assert!(
        r.body.contains("--backend") && r.body.contains("POST /pets"),
        "{r:?}"
    );
    drop(server);

    let server = Server::start(
        &d,
        &[
            file.to_str().unwrap(),
            "--backend",
            backend.to_str().unwrap(),
        ],
    );
    let r = server.request("POST", "/pets", "{}");
    assert_eq!(
        (r.status, r.body.as_str(), r.header("X-From")),
        (201, "made", Some("backend")),
        "{r:?}"
    );
}

#[test]
fn oversized_and_malformed_requests_do_not_hurt_the_server() {
    let d = scratch("limits");
    let file = d.join("api.json");
    std::fs::write(
        &file,
        openapi(&json!({"/": {"ANY": mock("ok")}})).to_string(),
    )
    .unwrap();
    let server = Server::start(&d, &[file.to_str().unwrap()]);
    let r = request_raw(
        server.port,
        b"POST / HTTP/1.1\r\nHost: x\r\nConnection: close\r\nContent-Length: 20000000\r\n\r\nabc",
    );
    assert_eq!(r.status, 413, "{r:?}");
    // A body that grows past 10 MB without a declared length.
    let mut raw =
        b"POST / HTTP/1.1\r\nHost: x\r\nConnection: close\r\nTransfer-Encoding: chunked\r\n\r\n"
            .to_vec();
    let chunk = vec![b'a'; 1 << 20];
    for _ in 0..11 {
        raw.extend_from_slice(format!("{:x}\r\n", chunk.len()).as_bytes());
        raw.extend_from_slice(&chunk);
        raw.extend_from_slice(b"\r\n");
    }
    raw.extend_from_slice(b"0\r\n\r\n");
    let r = request_raw(server.port, &raw);
    assert_eq!(r.status, 413, "{:?}", (r.status, &r.headers));
    // Garbage, huge headers, a non-UTF-8 body: answered or closed, never a crash.
    let _ = std::panic::catch_unwind(|| request_raw(server.port, b"\x00\x01garbage\r\n\r\n"));
    let big = format!(
        "GET / HTTP/1.1\r\nHost: x\r\nX-Big: {}\r\nConnection: close\r\n\r\n",
        "a".repeat(100_000)
    );
    let _ = std::panic::catch_unwind(|| request_raw(server.port, big.as_bytes()));
    let r = request_raw(
        server.port,
        b"POST / HTTP/1.1\r\nHost: x\r\nConnection: close\r\nContent-Length: 3\r\n\r\n\xff\xfe\x00",
    );
    assert_eq!(r.status, 200, "{r:?}");
    assert_eq!(server.get("/").json(), json!({"message": "ok"}));
}

#[test]
fn bad_api_files_fail_with_line_and_column() {
    let d = scratch("bad");
    let file = d.join("api.yaml");
    std::fs::write(&file, "openapi: 3.0.1\npaths:\n  /a: [1, 2\n").unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_mockgate"))
        .args(["serve", file.to_str().unwrap(), "--port", "0"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("api.yaml:4:1:") || err.contains("api.yaml:3:"),
        "{err}"
    );

    std::fs::write(&file, "info: {}\n").unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_mockgate"))
        .args(["serve", file.to_str().unwrap(), "--port", "0"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("neither an OpenAPI document"));

    let out = Command::new(env!("CARGO_BIN_EXE_mockgate"))
        .args(["serve"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let out = Command::new(env!("CARGO_BIN_EXE_mockgate"))
        .args(["serve", "--help"])
        .output()
        .unwrap();
    assert!(out.status.success());
    assert!(String::from_utf8_lossy(&out.stdout).contains("--stage-variable"));
}
