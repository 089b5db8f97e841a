//! TEMPORARY: the agreed mockgate-velocity API (TEAM.md) until the engine
//! lands on main. Rendering is refused with a clear error. Delete this file
//! and point `render.rs` at `mockgate_velocity` once `Template` exists.
#![allow(dead_code)]

use std::ops::Range;

pub use mockgate_velocity::{Limits, Value};

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ErrorKind {
    Syntax,
    Runtime,
    Limit { name: &'static str, value: u64 },
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Error {
    pub kind: ErrorKind,
    pub message: String,
    pub template: String,
    pub line: u32,
    pub column: u32,
    pub span: Range<usize>,
}

pub struct Provenance {
    pub output: Range<usize>,
    pub template: Range<usize>,
}

pub struct Rendered {
    pub text: String,
    pub provenance: Vec<Provenance>,
    pub warnings: Vec<Error>,
}

#[derive(Clone)]
pub struct Template {
    name: String,
}

impl Template {
    pub fn parse(name: &str, _src: &str) -> Result<Template, Vec<Error>> {
        Ok(Template {
            name: name.to_string(),
        })
    }
    pub fn render(&self, _ctx: &mut Context, _limits: &Limits) -> Result<Rendered, Error> {
        Err(Error {
            kind: ErrorKind::Runtime,
            message: "the Velocity engine has not landed yet".into(),
            template: self.name.clone(),
            line: 1,
            column: 1,
            span: 0..0,
        })
    }
}

#[derive(Default)]
pub struct Context {
    vars: Vec<(String, Value)>,
}

impl Context {
    pub fn new() -> Context {
        Context::default()
    }
    pub fn insert(&mut self, k: &str, v: Value) {
        self.vars.push((k.to_string(), v));
    }
    pub fn get(&self, k: &str) -> Option<&Value> {
        self.vars.iter().rev().find(|(n, _)| n == k).map(|(_, v)| v)
    }
}

impl std::fmt::Display for Error {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{}:{}:{}: {}",
            self.template, self.line, self.column, self.message
        )
    }
}
