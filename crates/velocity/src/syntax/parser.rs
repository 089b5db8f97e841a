//! Template text -> syntax tree: the template level (text, references,
//! directives, comments, escapes) and directive arguments.
//! Expressions live in `expr.rs`.
//!
//! The parser collects every error it can: after a bad directive it skips
//! to the end of the line and goes on, so one typo does not hide the next.

use super::ast::*;
use super::lexer::*;
use crate::error::{pos_str, Error, ErrorKind};

/// Directive names Velocity 1.7 knows; `\#name` escapes only these.
const DIRECTIVES: &[&str] = &[
    "set", "if", "elseif", "else", "end", "foreach", "define", "break", "stop", "macro",
    "evaluate", "parse", "include", "literal",
];

/// The longest `#name(...)` taken as a (literal) macro call.
const MAX_CALL_BYTES: usize = 2 * 1024;

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
enum Hash {
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

    fn warn(&mut self, span: std::ops::Range<usize>, message: impl Into<String>) {
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
    fn parse_nodes(&mut self, nodes: &mut Vec<Node>) -> Closer {
        let mut text_start = self.pos;
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
                        let blanks_only = self.b[text_start..p]
                            .iter()
                            .all(|&c| c == b' ' || c == b'\t');
                        if !blanks_only {
                            push_text(nodes, text_start, p);
                        }
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
    fn directive_word(&self, hash: usize) -> Option<(&'s str, usize)> {
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

    /// `#literal()...#end` (Velocity 1.7, deprecated in favour of
    /// `#[[...]]#`): the body is output as written. A standard 1.7
    /// directive, so assumed to run on AWS (no evidence either way).
    fn parse_literal(&mut self, p: usize, stop: usize) -> Hash {
        let q = skip_blanks(self.b, stop, self.end);
        if q + 1 >= self.end || self.b[q] != b'(' {
            return Hash::Text;
        }
        let r = skip_ws(self.b, q + 1, self.end);
        if r >= self.end || self.b[r] != b')' {
            return Hash::Text;
        }
        let body_start = gobble_line_end(self.b, r + 1, self.end);
        self.pos = body_start;
        // Parse the body only to find its #end; its nodes are not used.
        let saved_errors = self.errors.len();
        let mut body_end = None;
        let mut scratch = Vec::new();
        if self.enter(p) {
            loop {
                let before = self.pos;
                match self.parse_nodes(&mut scratch) {
                    Closer::End(s) => {
                        body_end = Some(s.start as usize);
                        break;
                    }
                    Closer::Eof => break,
                    _ => {}
                }
                if self.pos == before {
                    break;
                }
            }
            self.leave();
        }
        self.errors.truncate(saved_errors);
        let Some(body_end) = body_end else {
            self.error(
                p..stop,
                format!(
                    "#literal at {} is never closed with #end",
                    pos_str(self.src, p)
                ),
            );
            self.pos = self.end;
            return Hash::Skip;
        };
        let span = Span::new(body_start, body_end);
        if span.start == span.end {
            return Hash::Skip;
        }
        Hash::Node(Node::Text(span))
    }

    /// `#evaluate(...)`, `#parse(...)`, `#include(...)` and calls of macros.
    ///
    /// API Gateway does not run these (the issue states AWS prints them
    /// literally; no recording shows the exact output). Most plausible
    /// model (inference): Velocity 1.7 renders a call of an unknown
    /// directive/macro as its literal source text, arguments included and
    /// not interpolated. A word that is not followed by `(` is plain text
    /// (`#hashtag`, `#fff`), without a warning.
    fn unsupported_call(&mut self, p: usize, stop: usize, word: &str, known: bool) -> Hash {
        let q = skip_blanks(self.b, stop, self.end);
        if q >= self.end || self.b[q] != b'(' {
            return Hash::Word(stop);
        }
        let Some(close) = self.matching_paren(q) else {
            return Hash::Word(stop);
        };
        let span = Span::new(p, close + 1);
        self.pos = close + 1;
        let what = if known {
            format!("#{word}")
        } else {
            format!("the macro call #{word}")
        };
        self.warn(
            span.range(),
            format!("API Gateway does not run {what}; it is output as written"),
        );
        Hash::Node(Node::Verbatim {
            text: self.src[span.range()].into(),
            span,
        })
    }

    /// `#macro(...)...#end`: API Gateway does not define macros (inference,
    /// see `unsupported_call`): the whole definition is output as written.
    fn unsupported_block(&mut self, p: usize, stop: usize) -> Hash {
        let q = skip_blanks(self.b, stop, self.end);
        if q >= self.end || self.b[q] != b'(' {
            return Hash::Text;
        }
        let Some(close) = self.matching_paren(q) else {
            return Hash::Text;
        };
        // Parse the body only to find its #end (nested blocks included);
        // what it parses to is thrown away.
        self.pos = close + 1;
        let saved_errors = self.errors.len();
        let mut body = Vec::new();
        let mut end_at = None;
        if self.enter(p) {
            loop {
                match self.parse_nodes(&mut body) {
                    Closer::End(_) => {
                        end_at = Some(self.pos);
                        break;
                    }
                    Closer::Eof => break,
                    _ => {}
                }
            }
            self.leave();
        }
        self.errors.truncate(saved_errors);
        let Some(stop_at) = end_at else {
            self.error(
                p..stop,
                format!(
                    "#macro at {} is never closed with #end",
                    pos_str(self.src, p)
                ),
            );
            self.pos = self.end;
            return Hash::Skip;
        };
        let span = Span::new(p, stop_at);
        self.pos = stop_at;
        self.warn(
            p..stop,
            "API Gateway does not run #macro; the definition is output as written",
        );
        Hash::Node(Node::Verbatim {
            text: self.src[span.range()].into(),
            span,
        })
    }

    /// The `)` that closes the `(` at `open`, skipping quoted strings.
    fn matching_paren(&self, open: usize) -> Option<usize> {
        let mut depth = 0usize;
        let mut p = open;
        // Bounded, so that many unclosed `#name(` cannot make parsing
        // quadratic; a call longer than this is not taken as a call.
        let stop = self.end.min(open + MAX_CALL_BYTES);
        while p < stop {
            match self.b[p] {
                b'(' => depth += 1,
                b')' => {
                    depth -= 1;
                    if depth == 0 {
                        return Some(p);
                    }
                }
                q @ (b'"' | b'\'') => {
                    let mut r = p + 1;
                    while r < self.end && self.b[r] != q {
                        r += 1;
                    }
                    p = r;
                }
                _ => {}
            }
            p += 1;
        }
        None
    }

    /// After a bad directive: skip to the end of the line (or the `)` that
    /// closes the directive on this line) so that parsing can go on.
    fn recover(&mut self, from: usize) {
        let mut p = from;
        while p < self.end && self.b[p] != b'\n' {
            if self.b[p] == b')' {
                self.pos = gobble_line_end(self.b, p + 1, self.end);
                return;
            }
            p += 1;
        }
        self.pos = p;
    }

    /// `(` after a directive word, spaces/tabs allowed before it.
    fn open_paren(&mut self, directive: &str, p: usize, stop: usize) -> PResult<usize> {
        let q = skip_blanks(self.b, stop, self.end);
        if q < self.end && self.b[q] == b'(' {
            return Ok(q + 1);
        }
        let found = self.found(q);
        self.error(
            q..q + 1,
            format!(
                "expected '(' after {directive} at {}, found {found}",
                pos_str(self.src, p)
            ),
        );
        Err(())
    }

    /// `)` closing a directive's arguments; then the end-of-line gobbling.
    fn close_paren(&mut self, directive: &str, p: usize, at: usize) -> PResult<()> {
        let q = skip_ws(self.b, at, self.end);
        if q < self.end && self.b[q] == b')' {
            self.pos = gobble_line_end(self.b, q + 1, self.end);
            return Ok(());
        }
        let found = self.found(q);
        let hint = if q < self.end && self.b[q] == b'=' && self.b.get(q + 1) != Some(&b'=') {
            " (compare with ==)"
        } else {
            ""
        };
        self.error(
            q..q + 1,
            format!(
                "expected ')' to close {directive} at {}, found {found}{hint}",
                pos_str(self.src, p)
            ),
        );
        Err(())
    }

    fn dummy_expr(at: usize) -> Expr {
        Expr {
            kind: ExprKind::Bool(false),
            span: Span::new(at, at),
        }
    }

    /// `(condition)` of `#if` / `#elseif`; None when there is no `(` at all
    /// (the directive is then dropped, its block not parsed).
    fn parse_condition(&mut self, directive: &str, p: usize, stop: usize) -> Option<Expr> {
        let open = match self.open_paren(directive, p, stop) {
            Ok(open) => open,
            Err(()) => {
                self.pos = stop;
                return None;
            }
        };
        let res = (|| {
            let e = self.parse_expr(skip_ws(self.b, open, self.end), directive)?;
            self.close_paren(directive, p, self.pos)?;
            Ok(e)
        })();
        Some(match res {
            Ok(e) => e,
            Err(()) => {
                self.recover(stop);
                Self::dummy_expr(p)
            }
        })
    }

    fn parse_set(&mut self, p: usize, stop: usize) -> Hash {
        // Velocity 1.7's #set token includes its `(`: without one, `#set`
        // is plain text ("#set of rules").
        let q = skip_blanks(self.b, stop, self.end);
        if q >= self.end || self.b[q] != b'(' {
            return Hash::Word(stop);
        }
        let res = (|| {
            let open = self.open_paren("#set", p, stop)?;
            let q = skip_ws(self.b, open, self.end);
            self.pos = q;
            let target = if q < self.end && self.b[q] == b'$' {
                self.parse_reference(q, 0)
            } else {
                None
            };
            let Some(target) = target else {
                if self.pos == q {
                    let found = self.found(q);
                    self.error(
                        q..q + 1,
                        format!(
                            "#set at {} must assign to a reference like $name, found {found}",
                            pos_str(self.src, p)
                        ),
                    );
                }
                return Err(());
            };
            let q = skip_ws(self.b, self.pos, self.end);
            if q >= self.end || self.b[q] != b'=' || self.b.get(q + 1) == Some(&b'=') {
                let found = self.found(q);
                self.error(
                    q..q + 1,
                    format!(
                        "expected '=' in #set at {}, found {found}",
                        pos_str(self.src, p)
                    ),
                );
                return Err(());
            }
            let value = self.parse_expr(skip_ws(self.b, q + 1, self.end), "#set")?;
            self.close_paren("#set", p, self.pos)?;
            Ok((target, value))
        })();
        match res {
            Ok((target, value)) => {
                let span = Span::new(p, self.pos);
                Hash::Node(Node::Set(Box::new(Set {
                    target,
                    value,
                    span,
                })))
            }
            Err(()) => {
                self.recover(stop);
                Hash::Skip
            }
        }
    }

    fn parse_if(&mut self, p: usize, stop: usize) -> Hash {
        let Some(cond) = self.parse_condition("#if", p, stop) else {
            return Hash::Skip;
        };
        let mut branches = Vec::new();
        let mut otherwise = None;
        if !self.enter(p) {
            return Hash::Skip;
        }
        let mut body = Vec::new();
        let mut cond = Some(cond);
        loop {
            let closer = self.parse_nodes(&mut body);
            match closer {
                Closer::ElseIf(next, s) => {
                    if let Some(c) = cond.take() {
                        branches.push((c, std::mem::take(&mut body)));
                        cond = Some(next);
                    } else {
                        self.error(
                            s.range(),
                            format!("#elseif after #else in the #if at {}", pos_str(self.src, p)),
                        );
                    }
                }
                Closer::Else(s) => {
                    if let Some(c) = cond.take() {
                        branches.push((c, std::mem::take(&mut body)));
                    } else {
                        self.error(
                            s.range(),
                            format!("a second #else in the #if at {}", pos_str(self.src, p)),
                        );
                    }
                }
                Closer::End(_) | Closer::Eof => {
                    if let Closer::Eof = closer {
                        self.error(
                            p..stop,
                            format!("#if at {} is never closed with #end", pos_str(self.src, p)),
                        );
                    }
                    match cond.take() {
                        Some(c) => branches.push((c, body)),
                        None => otherwise = Some(body),
                    }
                    break;
                }
            }
        }
        self.leave();
        let span = Span::new(p, self.pos);
        Hash::Node(Node::If(Box::new(If {
            branches,
            otherwise,
            span,
        })))
    }

    /// The body of `#foreach` / `#define`, up to its `#end`.
    fn parse_block_body(&mut self, directive: &str, p: usize, stop: usize) -> Vec<Node> {
        let mut body = Vec::new();
        if !self.enter(p) {
            return body;
        }
        loop {
            match self.parse_nodes(&mut body) {
                Closer::End(_) => break,
                Closer::Eof => {
                    self.error(
                        p..stop,
                        format!(
                            "{directive} at {} is never closed with #end",
                            pos_str(self.src, p)
                        ),
                    );
                    break;
                }
                Closer::Else(s) => self.error(
                    s.range(),
                    format!(
                        "#else inside {directive} at {} has no matching #if",
                        pos_str(self.src, p)
                    ),
                ),
                Closer::ElseIf(_, s) => self.error(
                    s.range(),
                    format!(
                        "#elseif inside {directive} at {} has no matching #if",
                        pos_str(self.src, p)
                    ),
                ),
            }
        }
        self.leave();
        body
    }

    /// `$name` as a directive argument (loop variable, define name).
    fn plain_variable(&mut self, directive: &str, p: usize, at: usize) -> PResult<Box<str>> {
        let q = skip_ws(self.b, at, self.end);
        if q < self.end && self.b[q] == b'$' {
            if let Some(r) = self.parse_reference(q, 0) {
                if r.parts.is_empty() {
                    return Ok(r.name);
                }
                self.error(
                    q..self.pos,
                    format!(
                        "{directive} at {} needs a plain variable like $item here",
                        pos_str(self.src, p)
                    ),
                );
                return Err(());
            }
        }
        let found = self.found(q);
        self.error(
            q..q + 1,
            format!(
                "{directive} at {} needs a variable like $item, found {found}",
                pos_str(self.src, p)
            ),
        );
        Err(())
    }

    fn parse_foreach(&mut self, p: usize, stop: usize) -> Hash {
        // Without `(` there is no block to parse: one error, no cascade.
        let Ok(open) = self.open_paren("#foreach", p, stop) else {
            self.pos = stop;
            return Hash::Skip;
        };
        let res = (|| {
            let var = self.plain_variable("#foreach", p, open)?;
            let q = skip_ws(self.b, self.pos, self.end);
            if !word_at(self.b, q, self.end, "in") {
                let found = self.found(q);
                self.error(
                    q..q + 1,
                    format!(
                        "expected 'in' in #foreach at {}, found {found}",
                        pos_str(self.src, p)
                    ),
                );
                return Err(());
            }
            let iterable = self.parse_expr(skip_ws(self.b, q + 2, self.end), "#foreach")?;
            self.close_paren("#foreach", p, self.pos)?;
            Ok((var, iterable))
        })();
        let (var, iterable) = match res {
            Ok(v) => v,
            Err(()) => {
                self.recover(stop);
                ("".into(), Self::dummy_expr(p))
            }
        };
        let body = self.parse_block_body("#foreach", p, stop);
        let span = Span::new(p, self.pos);
        Hash::Node(Node::Foreach(Box::new(Foreach {
            var,
            iterable,
            body,
            span,
        })))
    }

    fn parse_define(&mut self, p: usize, stop: usize) -> Hash {
        // Without `(` there is no block to parse: one error, no cascade.
        let Ok(open) = self.open_paren("#define", p, stop) else {
            self.pos = stop;
            return Hash::Skip;
        };
        let res = (|| {
            let name = self.plain_variable("#define", p, open)?;
            self.close_paren("#define", p, self.pos)?;
            Ok(name)
        })();
        let name = match res {
            Ok(n) => n,
            Err(()) => {
                self.recover(stop);
                "".into()
            }
        };
        let body = self.parse_block_body("#define", p, stop);
        let span = Span::new(p, self.pos);
        Hash::Node(Node::Define(Box::new(Define { name, body, span })))
    }

    /// A reference at `dollar` (`$a`, `$!a`, `${a}`, `$a.b(1)[2]`...), with
    /// `backslashes` escaping backslashes before it. `None` with `self.pos`
    /// unchanged: not a reference, the `$` is text. `None` with `self.pos`
    /// moved: an error was reported and the text up to there is skipped.
    pub fn parse_reference(&mut self, dollar: usize, backslashes: usize) -> Option<Reference> {
        let start_pos = self.pos;
        let mut p = dollar + 1;
        let silent = p < self.end && self.b[p] == b'!';
        if silent {
            p += 1;
        }
        let formal = p < self.end && self.b[p] == b'{';
        if formal {
            p += 1;
        }
        if p >= self.end || !is_ident_start(self.b[p]) {
            return None;
        }
        let name_end = ident_end(self.b, p, self.end);
        let name: Box<str> = self.src[p..name_end].into();
        p = name_end;
        let mut parts = Vec::new();
        loop {
            // Velocity 1.7: a `.` continues a reference only before a letter.
            if p + 1 < self.end && self.b[p] == b'.' && self.b[p + 1].is_ascii_alphabetic() {
                let n_start = p + 1;
                let n_end = ident_end(self.b, n_start, self.end);
                let pname: Box<str> = self.src[n_start..n_end].into();
                if n_end < self.end && self.b[n_end] == b'(' {
                    match self.parse_args(n_end, &pname) {
                        Ok(args) => {
                            parts.push(Part::Method(pname, args, Span::new(p, self.pos)));
                            p = self.pos;
                        }
                        Err(()) => {
                            self.recover(n_end);
                            if self.pos == start_pos {
                                self.pos = n_end + 1;
                            }
                            return None;
                        }
                    }
                } else {
                    parts.push(Part::Property(pname, Span::new(p, n_end)));
                    p = n_end;
                }
            } else if p < self.end && self.b[p] == b'[' {
                // An index that does not parse ends the reference: `$a[` is
                // the reference `$a` followed by the text `[`.
                let saved_errors = self.errors.len();
                let saved_fatal = self.fatal;
                let res = self.parse_expr(skip_ws(self.b, p + 1, self.end), "an index");
                let q = skip_ws(self.b, self.pos, self.end);
                match res {
                    Ok(e) if q < self.end && self.b[q] == b']' => {
                        parts.push(Part::Index(e, Span::new(p, q + 1)));
                        p = q + 1;
                    }
                    _ => {
                        if !self.fatal || saved_fatal {
                            self.errors.truncate(saved_errors);
                        }
                        break;
                    }
                }
            } else {
                break;
            }
        }
        if formal {
            if p < self.end && self.b[p] == b'}' {
                p += 1;
            } else {
                // `${a` without `}` is text, as in Velocity.
                self.pos = start_pos;
                return None;
            }
        }
        self.pos = p;
        Some(Reference {
            name,
            silent,
            parts,
            span: Span::new(dollar - backslashes, p),
            dollar: dollar as u32,
            backslashes: backslashes as u32,
        })
    }

    /// `(a, b)` of a method call, `(` at `open`.
    fn parse_args(&mut self, open: usize, method: &str) -> PResult<Vec<Expr>> {
        let mut args = Vec::new();
        let mut q = skip_ws(self.b, open + 1, self.end);
        if q < self.end && self.b[q] == b')' {
            self.pos = q + 1;
            return Ok(args);
        }
        loop {
            let e = self.parse_expr(q, "a method argument")?;
            args.push(e);
            q = skip_ws(self.b, self.pos, self.end);
            if q < self.end && self.b[q] == b',' {
                q = skip_ws(self.b, q + 1, self.end);
                continue;
            }
            if q < self.end && self.b[q] == b')' {
                self.pos = q + 1;
                return Ok(args);
            }
            let found = self.found(q);
            self.error(
                q..q + 1,
                format!(
                    "expected ',' or ')' in the arguments of {method}() at {}, found {found}",
                    pos_str(self.src, open)
                ),
            );
            return Err(());
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
