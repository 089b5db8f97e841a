//! Directive arguments and blocks: `#set`, `#if`/`#elseif`, `#foreach`,
//! `#define`, `#literal`, and the directives API Gateway prints as written.

use super::ast::*;
use super::lexer::*;
use super::parser::{Closer, Hash, PResult, Parser, MAX_CALL_BYTES};
use crate::error::pos_str;

impl<'s> Parser<'s> {
    /// `#literal()...#end` (Velocity 1.7, deprecated in favour of
    /// `#[[...]]#`): the body is output as written. A standard 1.7
    /// directive, so assumed to run on AWS (no evidence either way).
    pub(super) fn parse_literal(&mut self, p: usize, stop: usize) -> Hash {
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
    pub(super) fn unsupported_call(
        &mut self,
        p: usize,
        stop: usize,
        word: &str,
        known: bool,
    ) -> Hash {
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
    pub(super) fn unsupported_block(&mut self, p: usize, stop: usize) -> Hash {
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
    pub(super) fn matching_paren(&self, open: usize) -> Option<usize> {
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
    pub(super) fn recover(&mut self, from: usize) {
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
    pub(super) fn open_paren(&mut self, directive: &str, p: usize, stop: usize) -> PResult<usize> {
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
    pub(super) fn close_paren(&mut self, directive: &str, p: usize, at: usize) -> PResult<()> {
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

    pub(super) fn dummy_expr(at: usize) -> Expr {
        Expr {
            kind: ExprKind::Bool(false),
            span: Span::new(at, at),
        }
    }

    /// `(condition)` of `#if` / `#elseif`; None when there is no `(` at all
    /// (the directive is then dropped, its block not parsed).
    pub(super) fn parse_condition(
        &mut self,
        directive: &str,
        p: usize,
        stop: usize,
    ) -> Option<Expr> {
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

    pub(super) fn parse_set(&mut self, p: usize, stop: usize) -> Hash {
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

    pub(super) fn parse_if(&mut self, p: usize, stop: usize) -> Hash {
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
    pub(super) fn parse_block_body(&mut self, directive: &str, p: usize, stop: usize) -> Vec<Node> {
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
    pub(super) fn plain_variable(
        &mut self,
        directive: &str,
        p: usize,
        at: usize,
    ) -> PResult<Box<str>> {
        let q = skip_ws(self.b, at, self.end);
        if q < self.end && self.b[q] == b'$' {
            if let Some(r) = self.parse_reference(q, 0) {
                if r.parts.is_empty() {
                    return Ok(r.name.text);
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

    pub(super) fn parse_foreach(&mut self, p: usize, stop: usize) -> Hash {
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

    pub(super) fn parse_define(&mut self, p: usize, stop: usize) -> Hash {
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
}
