//! A `mockgate serve` child process for the serve tests (included with
//! `#[path]` by serve.rs and serve_hostile.rs).

#![allow(dead_code)]

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};

/// A running `mockgate serve`; killed when dropped.
pub struct Server {
    child: Child,
    pub port: u16,
    stderr_file: PathBuf,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Server {
    /// Start `mockgate serve ARGS --port 0` and read the bound port from its
    /// first line; stderr goes to DIR/stderr.log.
    pub fn start(dir: &Path, args: &[&str]) -> Server {
        let stderr_file = dir.join("stderr.log");
        let mut child = Command::new(env!("CARGO_BIN_EXE_mockgate"))
            .arg("serve")
            .args(args)
            .args(["--port", "0"])
            .stdout(Stdio::piped())
            .stderr(std::fs::File::create(&stderr_file).unwrap())
            .spawn()
            .unwrap();
        let mut first = String::new();
        BufReader::new(child.stdout.take().unwrap())
            .read_line(&mut first)
            .unwrap();
        let port = first
            .trim()
            .strip_prefix("mockgate serve: http://127.0.0.1:")
            .and_then(|r| r.strip_suffix('/'))
            .and_then(|p| p.parse().ok())
            .unwrap_or_else(|| {
                panic!(
                    "first line {first:?}; stderr: {}",
                    std::fs::read_to_string(&stderr_file).unwrap_or_default()
                )
            });
        Server {
            child,
            port,
            stderr_file,
        }
    }

    pub fn stderr(&self) -> String {
        std::fs::read_to_string(&self.stderr_file).unwrap_or_default()
    }
}
