//! Template text -> syntax tree: the template level (text, references,
//! directives, comments, escapes) and directive arguments.
//! Directives live in `directives.rs`, references in `reference.rs`,
//! expressions in `expr.rs`.
//!
//! The parser collects every error it can: after a bad directive it skips
//! to the end of the line and goes on, so one typo does not hide the next.

use super::ast::*;
use super::lexer::*;
use crate::error::{Error, ErrorKind};

/// Directive names Velocity 1.7 knows; `\#name` escapes only these.
const DIRECTIVES: &[&str] = &[
    "set", "if", "elseif", "else", "end", "foreach", "define", "break", "stop", "macro",
    "evaluate", "parse", "include", "literal",
];

/// The longest `#name(...)` taken as a (literal) macro call.
pub(super) const MAX_CALL_BYTES: usize = 2 * 1024;

/// After this many errors the parser stops (the rest would mostly be noise).
const MAX_ERRORS: usize = 50;

/// What ended a block of nodes.
pub(crate) enum Closer {
    Eof,
    End(Span),
    Else(Span),
    ElseIf(Expr, Span),
}

pub(crate) struct Parser<'s> {
    pub src: &'s str,
    pub b: &'s [u8],
    pub pos: usize,
    pub end: usize,
    pub name: &'s str,
    pub errors: Vec<Error>,
    pub warnings: Vec<Error>,
    pub depth: usize,
    pub max_depth: usize,
    /// Parsing the inside of a `"..."` literal: `""` stands for `"`.
    pub in_string: bool,
    /// The depth limit was hit: stop parsing, report nothing more.
    pub fatal: bool,
    /// A `"` (index 0) or `'` (1) string opened at or before this position
    /// found no closing quote: later ones will not either.
    pub unclosed_string: [usize; 2],
    stack_base: usize,
}

pub(crate) type PResult<T> = Result<T, ()>;

/// What a `#` starts.
pub(super) enum Hash {
    /// Not special: `#` is text.
    Text,
    /// `#word` that is not a directive: text up to this position.
    Word(usize),
    /// Consumed (a comment); nothing to output.
    Skip,
    Node(Node),
    Close(Closer),
}

impl<'s> Parser<'s> {
    pub fn new(name: &'s str, src: &'s str, max_depth: usize) -> Parser<'s> {
        Parser {
            src,
            b: src.as_bytes(),
            pos: 0,
            end: src.len(),
            name,
            errors: Vec::new(),
            warnings: Vec::new(),
            depth: 0,
            max_depth,
            in_string: false,
            fatal: false,
            unclosed_string: [usize::MAX; 2],
            stack_base: crate::stack::addr(),
        }
    }

    pub fn error(&mut self, span: std::ops::Range<usize>, message: impl Into<String>) {
        if self.fatal {
            return;
        }
        if self.errors.len() >= MAX_ERRORS {
            self.fatal = true;
            self.pos = self.end;
            return;
        }
        self.errors.push(Error::at(
            ErrorKind::Syntax,
            message,
            self.name,
            self.src,
            span,
        ));
    }

    pub(super) fn warn(&mut self, span: std::ops::Range<usize>, message: impl Into<String>) {
        self.warnings.push(Error::at(
            ErrorKind::Syntax,
            message,
            self.name,
            self.src,
            span,
        ));
    }

    /// Enter one nesting level; false (and a fatal error) past the limit.
    pub fn enter(&mut self, at: usize) -> bool {
        self.depth += 1;
        if self.depth > self.max_depth || crate::stack::exhausted(self.stack_base) {
            if !self.fatal {
                let value = self.max_depth as u64;
                let mut e = Error::at(
                    ErrorKind::Syntax,
                    format!("template nests directives or expressions deeper than the nesting limit ({value})"),
                    self.name,
                    self.src,
                    at..at + 1,
                );
                e.kind = ErrorKind::Limit {
                    name: "max_depth",
                    value,
                };
                self.errors.push(e);
            }
            self.fatal = true;
            self.pos = self.end;
            return false;
        }
        true
    }

    pub fn leave(&mut self) {
        self.depth -= 1;
    }

    /// A short description of what is at `pos`, for "found ..." messages.
    pub fn found(&self, pos: usize) -> String {
        if pos >= self.end {
            return if self.in_string {
                "the end of the string".into()
            } else {
                "the end of the template".into()
            };
        }
        match self.src[pos..].chars().next().unwrap_or(' ') {
            '\n' | '\r' => "a line break".into(),
            c => format!("'{c}'"),
        }
    }

    /// Parse the whole template (or a string literal's inside).
    pub fn parse_top(&mut self) -> Vec<Node> {
        let mut nodes = Vec::new();
        loop {
            match self.parse_nodes(&mut nodes) {
                Closer::Eof => return nodes,
                Closer::End(s) => {
                    self.error(s.range(), "#end has no matching #if, #foreach or #define")
                }
                Closer::Else(s) => self.error(s.range(), "#else has no matching #if"),
                Closer::ElseIf(_, s) => self.error(s.range(), "#elseif has no matching #if"),
            }
        }
    }

    /// Parse nodes into `nodes` until a block closer or the end.
    pub(super) fn parse_nodes(&mut self, nodes: &mut Vec<Node>) -> Closer {
        let mut text_start = self.pos;
        // Where Velocity 1.7's lexer would start its current token, when
        // that is inside the pending text (after a lone backslash run).
        let mut token_start = self.pos;
        loop {
            let p = next_special(self.b, self.pos, self.end, self.in_string);
            self.pos = p;
            if p >= self.end {
                push_text(nodes, text_start, p);
                return Closer::Eof;
            }
            match self.b[p] {
                b'$' => match self.parse_reference(p, 0) {
                    Some(r) => {
                        push_text(nodes, text_start, p);
                        nodes.push(Node::Ref(Box::new(r)));
                        text_start = self.pos;
                    }
                    None => {
                        if self.pos == p {
                            self.pos = p + 1;
                        } else {
                            // An error was reported and the rest skipped.
                            push_text(nodes, text_start, p);
                            text_start = self.pos;
                        }
                    }
                },
                b'#' => match self.parse_hash(p) {
                    Hash::Node(n @ Node::Set(_)) => {
                        // Velocity 1.7's #set token starts with any spaces/
                        // tabs before it, but only where a new token starts
                        // (after a directive, a reference, or at the very
                        // start): `#set(..) #set(..)` prints nothing between
                        // them, while indentation after a line break is part
                        // of the text before and stays (recordings: the
                        // `#set(...) #set(...)` prefix of every AWS case;
                        // test_multiline_dict_in_set_statement keeps it).
                        // (A run of backslashes that escapes nothing is a
                        // token of its own too: `\ #set` eats the blank.)
                        let from = token_start.max(text_start);
                        let blanks_only = self.b[from..p].iter().all(|&c| c == b' ' || c == b'\t');
                        push_text(nodes, text_start, if blanks_only { from } else { p });
                        nodes.push(n);
                        text_start = self.pos;
                    }
                    Hash::Text => self.pos = p + 1,
                    Hash::Word(stop) => {
                        // `#word` that is no directive: text, but a token
                        // of its own (what follows starts a new token).
                        push_text(nodes, text_start, stop);
                        self.pos = stop;
                        text_start = stop;
                    }
                    Hash::Skip => {
                        push_text(nodes, text_start, p);
                        text_start = self.pos;
                    }
                    Hash::Node(n) => {
                        push_text(nodes, text_start, p);
                        nodes.push(n);
                        text_start = self.pos;
                    }
                    Hash::Close(c) => {
                        push_text(nodes, text_start, p);
                        return c;
                    }
                },
                b'\\' => {
                    let mut q = p;
                    while q < self.end && self.b[q] == b'\\' {
                        q += 1;
                    }
                    let n = q - p;
                    if q < self.end && self.b[q] == b'$' {
                        self.pos = q;
                        if let Some(r) = self.parse_reference(q, n) {
                            push_text(nodes, text_start, p);
                            nodes.push(Node::Ref(Box::new(r)));
                            text_start = self.pos;
                            continue;
                        }
                        if self.pos != q {
                            push_text(nodes, text_start, p);
                            text_start = self.pos;
                            continue;
                        }
                    } else if q < self.end && self.b[q] == b'#' {
                        if let Some(word_stop) = self.escapable_directive(q) {
                            // Velocity 1.7: 2k+1 backslashes print k and the
                            // directive as text; 2k print k and run it.
                            push_text(nodes, text_start, p);
                            let half = "\\".repeat(n / 2);
                            if n % 2 == 1 {
                                let text = format!("{half}{}", &self.src[q..word_stop]);
                                nodes.push(Node::Verbatim {
                                    text: text.into(),
                                    span: Span::new(p, word_stop),
                                });
                                self.pos = word_stop;
                            } else {
                                // Pairs print as one backslash before a
                                // directive Velocity 1.7 registers; before
                                // `#set` (grammar, not a registered
                                // directive) they stay as written.
                                let is_set = matches!(self.directive_word(q), Some(("set", _)));
                                let text = if is_set { "\\".repeat(n) } else { half };
                                nodes.push(Node::Verbatim {
                                    text: text.into(),
                                    span: Span::new(p, q),
                                });
                                self.pos = q;
                            }
                            text_start = self.pos;
                            continue;
                        }
                    }
                    self.pos = q;
                    token_start = q;
                }
                b'"' if !(p + 1 < self.end && self.b[p + 1] == b'"') => {
                    // A lone quote inside a string literal is the second
                    // half of a `\"` pair: text as written. (Taking it for
                    // `""` skipped a byte, into the middle of a following
                    // multi-byte character; found by the render fuzz target.)
                    self.pos = p + 1;
                }
                b'"' => {
                    // Only reached inside a string literal: `""` is one quote.
                    push_text(nodes, text_start, p);
                    nodes.push(Node::Verbatim {
                        text: "\"".into(),
                        span: Span::new(p, p + 2),
                    });
                    self.pos = p + 2;
                    text_start = self.pos;
                }
                _ => self.pos = p + 1,
            }
        }
    }

    /// `#name` or `#{name}` at `hash` that `\` may escape: the end of the
    /// directive word, or None.
    fn escapable_directive(&self, hash: usize) -> Option<usize> {
        let (word, stop) = self.directive_word(hash)?;
        if DIRECTIVES.contains(&word) {
            Some(stop)
        } else {
            None
        }
    }

    /// The directive word after `#` (`#foreach`, `#{end}`, the `else` of
    /// `#elsewhere`), and where it stops.
    pub(super) fn directive_word(&self, hash: usize) -> Option<(&'s str, usize)> {
        let p = hash + 1;
        if p < self.end && self.b[p] == b'{' {
            let w = word_end(self.b, p + 1, self.end);
            if w > p + 1 && w < self.end && self.b[w] == b'}' {
                return Some((&self.src[p + 1..w], w + 1));
            }
            return None;
        }
        if p >= self.end || !self.b[p].is_ascii_alphabetic() {
            return None;
        }
        let w = word_end(self.b, p, self.end);
        let word = &self.src[p..w];
        // Velocity 1.7's lexer matches `#else`, `#elseif` and `#end` as
        // tokens of their own, so `#end.` and `#endhello` are `#end` + text.
        for kw in ["elseif", "else", "end"] {
            if word.starts_with(kw) && word != kw && !(kw == "else" && word.starts_with("elseif")) {
                return Some((&self.src[p..p + kw.len()], p + kw.len()));
            }
        }
        Some((word, w))
    }

    fn parse_hash(&mut self, p: usize) -> Hash {
        let next = if p + 1 < self.end { self.b[p + 1] } else { 0 };
        match next {
            b'#' => {
                // `##` comment: through the end of the line, newline included.
                let mut q = p + 2;
                while q < self.end && self.b[q] != b'\n' {
                    q += 1;
                }
                self.pos = (q + 1).min(self.end);
                return Hash::Skip;
            }
            b'*' => {
                match self.src[p + 2..self.end].find("*#") {
                    Some(i) => self.pos = p + 2 + i + 2,
                    None => {
                        self.error(p..p + 2, "block comment #* is never closed with *#");
                        self.pos = self.end;
                    }
                }
                return Hash::Skip;
            }
            b'[' if p + 2 < self.end && self.b[p + 2] == b'[' => {
                // `#[[ unparsed ]]#`: the inside is output as it is.
                match self.src[p + 3..self.end].find("]]#") {
                    Some(i) => {
                        let inner = Span::new(p + 3, p + 3 + i);
                        self.pos = p + 3 + i + 3;
                        if inner.start == inner.end {
                            return Hash::Skip;
                        }
                        return Hash::Node(Node::Text(inner));
                    }
                    None => {
                        self.error(p..p + 3, "unparsed block #[[ is never closed with ]]#");
                        self.pos = self.end;
                        return Hash::Skip;
                    }
                }
            }
            _ => {}
        }
        let Some((word, stop)) = self.directive_word(p) else {
            return Hash::Text;
        };
        let dspan = Span::new(p, stop);
        match word {
            "set" => self.parse_set(p, stop),
            "if" => self.parse_if(p, stop),
            "elseif" => match self.parse_condition("#elseif", p, stop) {
                Some(cond) => Hash::Close(Closer::ElseIf(cond, dspan)),
                None => Hash::Skip,
            },
            "else" => {
                self.pos = gobble_line_end(self.b, stop, self.end);
                Hash::Close(Closer::Else(dspan))
            }
            "end" => {
                self.pos = gobble_line_end(self.b, stop, self.end);
                Hash::Close(Closer::End(dspan))
            }
            "foreach" => self.parse_foreach(p, stop),
            "define" => self.parse_define(p, stop),
            "break" => {
                self.pos = stop;
                Hash::Node(Node::Break(dspan))
            }
            "stop" => {
                self.pos = stop;
                Hash::Node(Node::Stop(dspan))
            }
            "macro" => self.unsupported_block(p, stop),
            "literal" => self.parse_literal(p, stop),
            "evaluate" | "parse" | "include" => self.unsupported_call(p, stop, word, true),
            _ => self.unsupported_call(p, stop, word, false),
        }
    }
}

fn push_text(nodes: &mut Vec<Node>, start: usize, end: usize) {
    if end > start {
        if let Some(Node::Text(s)) = nodes.last_mut() {
            if s.end as usize == start {
                s.end = end as u32;
                return;
            }
        }
        nodes.push(Node::Text(Span::new(start, end)));
    }
}
