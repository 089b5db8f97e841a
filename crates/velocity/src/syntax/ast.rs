//! The syntax tree a template parses into, once. Spans are byte offsets
//! into the template source; text nodes hold only spans, not copies.
//!
//! The tree holds no `Rc` (a `Template` is `Send + Sync`); runtime values
//! are made from literals when rendering.

use std::sync::atomic::{AtomicU32, Ordering::Relaxed};

/// A byte range of the template source.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub struct Span {
    pub start: u32,
    pub end: u32,
}

impl Span {
    pub fn new(start: usize, end: usize) -> Span {
        Span {
            start: start as u32,
            end: end as u32,
        }
    }
    pub fn range(self) -> std::ops::Range<usize> {
        self.start as usize..self.end as usize
    }
    pub fn to(self, other: Span) -> Span {
        Span {
            start: self.start,
            end: other.end,
        }
    }
}

#[derive(Debug)]
pub enum Node {
    /// Template text, output as it is in the source.
    Text(Span),
    /// Output that differs from the source at `span` (the halved
    /// backslashes of an escape, a doubled quote inside a string, a
    /// directive API Gateway prints literally).
    Verbatim { text: Box<str>, span: Span },
    /// `$a`, `$!{a.b(1)[2]}`, possibly escaped with backslashes.
    Ref(Box<Reference>),
    /// `#set($target = value)`.
    Set(Box<Set>),
    /// `#if(...)#elseif(...)#else#end`.
    If(Box<If>),
    /// `#foreach($var in iterable)...#end`.
    Foreach(Box<Foreach>),
    /// `#define($name)...#end`.
    Define(Box<Define>),
    /// `#break`.
    Break(Span),
    /// `#stop`.
    Stop(Span),
}

#[derive(Debug)]
pub struct Reference {
    pub name: Name,
    /// `$!`: renders nothing when null (AWS renders nothing anyway).
    pub silent: bool,
    pub parts: Vec<Part>,
    /// The whole reference, backslashes included.
    pub span: Span,
    /// Where the `$` is (after any backslashes).
    pub dollar: u32,
    /// How many backslashes precede the `$` (Velocity 1.7 escaping).
    pub backslashes: u32,
    /// No backslashes, and only `.properties` after the name: what the
    /// renderer may print by walking borrowed values (render/print.rs).
    pub plain_path: bool,
}

/// A variable's or property's name, with its key hash (`crate::hash`)
/// worked out once when parsing: every read of `$name` or `.name` looks it
/// up in a map, and hashing the name each time was a tenth of a render in
/// the wasm module.
#[derive(Debug)]
pub struct Name {
    pub text: Box<str>,
    pub hash: u64,
    /// Where the name was last found in a map: a hint, checked before it
    /// is used (`crate::lookup`). Atomic only so that a parsed template can
    /// be shared between threads (`mockgate serve`); the order of loads and
    /// stores does not matter.
    slot: AtomicU32,
}

impl Name {
    pub fn new(text: &str) -> Name {
        Name {
            text: text.into(),
            hash: crate::hash::key_hash(text),
            slot: AtomicU32::new(0),
        }
    }

    #[inline]
    pub(crate) fn slot(&self) -> usize {
        self.slot.load(Relaxed) as usize
    }

    #[inline]
    pub(crate) fn remember_slot(&self, i: usize) {
        self.slot.store(i as u32, Relaxed);
    }
}

impl Clone for Name {
    fn clone(&self) -> Name {
        Name::new(&self.text)
    }
}

impl PartialEq for Name {
    fn eq(&self, other: &Name) -> bool {
        self.text == other.text
    }
}

impl Eq for Name {}

impl std::fmt::Display for Name {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.text)
    }
}

impl std::ops::Deref for Name {
    type Target = str;
    fn deref(&self) -> &str {
        &self.text
    }
}

#[derive(Debug)]
pub enum Part {
    /// `.name`
    Property(Name, Span),
    /// `.name(args)`
    Method(Box<str>, Vec<Expr>, Span),
    /// `[expr]`
    Index(Expr, Span),
}

impl Part {
    pub fn span(&self) -> Span {
        match self {
            Part::Property(_, s) | Part::Method(_, _, s) | Part::Index(_, s) => *s,
        }
    }
}

#[derive(Debug)]
pub struct Set {
    pub target: Reference,
    pub value: Expr,
    pub span: Span,
}

#[derive(Debug)]
pub struct If {
    /// `#if` then each `#elseif`: condition and body.
    pub branches: Vec<(Expr, Vec<Node>)>,
    pub otherwise: Option<Vec<Node>>,
    pub span: Span,
}

#[derive(Debug)]
pub struct Foreach {
    pub var: Box<str>,
    pub iterable: Expr,
    pub body: Vec<Node>,
    pub span: Span,
}

#[derive(Debug)]
pub struct Define {
    pub name: Box<str>,
    pub body: Vec<Node>,
    pub span: Span,
}

#[derive(Debug)]
pub struct Expr {
    pub kind: ExprKind,
    pub span: Span,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BinOp {
    Or,
    And,
    Eq,
    Ne,
    Lt,
    Le,
    Gt,
    Ge,
    Add,
    Sub,
    Mul,
    Div,
    Mod,
}

#[derive(Debug)]
pub enum ExprKind {
    Int(i32),
    Long(i64),
    Double(f64),
    Bool(bool),
    Null,
    /// `'...'`, or a `"..."` with nothing to interpolate.
    Str(Box<str>),
    /// `"..."` holding references or directives: rendered as a template.
    Interpolated(Vec<Node>),
    Ref(Box<Reference>),
    List(Vec<Expr>),
    Map(Vec<(Expr, Expr)>),
    Range(Box<Expr>, Box<Expr>),
    Binary(BinOp, Box<Expr>, Box<Expr>),
    Not(Box<Expr>),
    Neg(Box<Expr>),
}
