//! `mockgate serve` against hostile clients: malformed HTTP, huge headers
//! and bodies, slow clients. Each is bounded and answered with a 4xx (or
//! the connection is closed), and the server keeps serving.

use std::io::{Read, Write};
use std::net::TcpStream;
use std::path::PathBuf;
use std::time::Duration;

use serde_json::json;

#[path = "support/server.rs"]
mod server;
use server::Server;

fn start(name: &str) -> Server {
    let dir: PathBuf =
        std::env::temp_dir().join(format!("mockgate-hostile-{}-{name}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("api.json");
    let integ = json!({
        "type": "MOCK",
        "requestTemplates": {"application/json": "{\"statusCode\": 200}"},
        "integrationResponses": {"200": {"statusCode": "200",
            "responseTemplates": {"application/json": "{\"message\": \"ok\"}"}}}
    });
    let api = json!({"openapi": "3.0.1", "info": {"title": "t", "version": "1"},
        "paths": {"/": {"x-amazon-apigateway-any-method": {"x-amazon-apigateway-integration": integ}}}});
    std::fs::write(&file, api.to_string()).unwrap();
    Server::start(&dir, &[file.to_str().unwrap(), "-q"])
}

/// Send `raw`, read until the server closes: the status (0 when the server
/// closed without answering).
fn exchange(port: u16, raw: &[u8]) -> u16 {
    let mut s = TcpStream::connect(("127.0.0.1", port)).unwrap();
    s.set_read_timeout(Some(Duration::from_secs(90))).unwrap();
    // The server may answer and close before it has read everything.
    let _ = s.write_all(raw);
    let mut buf = Vec::new();
    let _ = s.read_to_end(&mut buf);
    status_of(&buf)
}

fn status_of(buf: &[u8]) -> u16 {
    let text = String::from_utf8_lossy(buf);
    text.lines()
        .next()
        .and_then(|l| l.split(' ').nth(1))
        .and_then(|s| s.parse().ok())
        .unwrap_or(0)
}

#[track_caller]
fn assert_still_serving(server: &Server) {
    let status = exchange(
        server.port,
        b"GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
    );
    assert_eq!(status, 200, "the server stopped answering");
    assert!(server_alive(server));
}

fn server_alive(server: &Server) -> bool {
    // try_wait needs &mut; a live port is the observable.
    TcpStream::connect(("127.0.0.1", server.port)).is_ok()
}

#[test]
fn malformed_http_gets_400() {
    let server = start("malformed");
    for raw in [
        &b"\x00\x01\x02garbage\r\n\r\n"[..],
        b"GET\r\n\r\n",
        b"GET / HTTP/9.9\r\nHost: x\r\n\r\n",
        b"GET / HTTP/1.1\r\nNo colon here\r\n\r\n",
        b"GET / HTTP/1.1\r\nHost: x\r\nContent-Length: -5\r\n\r\n",
        b"GET / HTTP/1.1\r\nHost: x\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\n",
        b"POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\nabc\r\n0\r\n\r\n",
    ] {
        let status = exchange(server.port, raw);
        assert!(
            (400..500).contains(&status) || status == 0,
            "{:?} got {status}",
            String::from_utf8_lossy(raw)
        );
    }
    // The request line and headers that hyper itself rejects get a 400.
    assert_eq!(exchange(server.port, b"\x00\x01\x02garbage\r\n\r\n"), 400);
    assert_still_serving(&server);
}

#[test]
fn huge_headers_get_431() {
    let server = start("headers");
    let one_big = format!(
        "GET / HTTP/1.1\r\nHost: x\r\nX-Big: {}\r\nConnection: close\r\n\r\n",
        "a".repeat(200_000)
    );
    let status = exchange(server.port, one_big.as_bytes());
    assert!((400..500).contains(&status), "one 200 KB header: {status}");
    let many: String = (0..500).map(|i| format!("X-H{i}: v\r\n")).collect();
    let many = format!("GET / HTTP/1.1\r\nHost: x\r\n{many}Connection: close\r\n\r\n");
    let status = exchange(server.port, many.as_bytes());
    assert!((400..500).contains(&status), "500 headers: {status}");
    assert_still_serving(&server);
}

#[test]
fn huge_bodies_get_413() {
    let server = start("bodies");
    // Declared over the 10 MB limit: refused before it is read.
    let status = exchange(
        server.port,
        b"POST / HTTP/1.1\r\nHost: x\r\nConnection: close\r\nContent-Length: 10485761\r\n\r\n",
    );
    assert_eq!(status, 413);
    // Actually sent: 10 MB + 1 byte.
    let mut raw =
        b"POST / HTTP/1.1\r\nHost: x\r\nConnection: close\r\nContent-Length: 10485761\r\n\r\n"
            .to_vec();
    raw.resize(raw.len() + 10 * 1024 * 1024 + 1, b'a');
    assert_eq!(exchange(server.port, &raw), 413);
    assert_still_serving(&server);
}

#[test]
fn slow_clients_are_cut_off_and_others_still_served() {
    let server = start("slow");
    // Slowloris: many connections that send half a header and stall, and
    // one that sends its headers and stalls in the body.
    let mut stalled: Vec<TcpStream> = (0..50)
        .map(|_| {
            let mut s = TcpStream::connect(("127.0.0.1", server.port)).unwrap();
            s.write_all(b"GET / HTTP/1.1\r\nHost: x\r\nX-Slow: a")
                .unwrap();
            s
        })
        .collect();
    let mut body_staller = TcpStream::connect(("127.0.0.1", server.port)).unwrap();
    body_staller
        .write_all(b"POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\nonly ten b")
        .unwrap();
    // Meanwhile everyone else is served.
    assert_still_serving(&server);
    // The server ends the stalled connections itself (its header and body
    // read timeouts); the read timeout here only keeps a broken server
    // from hanging the test.
    for s in stalled.iter_mut().take(3) {
        s.set_read_timeout(Some(Duration::from_secs(120))).unwrap();
        let mut buf = Vec::new();
        let r = s.read_to_end(&mut buf);
        assert!(r.is_ok(), "a header staller was never cut off: {r:?}");
        let status = status_of(&buf);
        assert!(
            status == 0 || (400..500).contains(&status),
            "header staller got {status}"
        );
    }
    body_staller
        .set_read_timeout(Some(Duration::from_secs(120)))
        .unwrap();
    let mut buf = Vec::new();
    let r = body_staller.read_to_end(&mut buf);
    assert!(r.is_ok(), "a body staller was never cut off: {r:?}");
    assert_eq!(status_of(&buf), 408, "{}", String::from_utf8_lossy(&buf));
    assert_still_serving(&server);
}
