//! Expressions inside directive arguments, method arguments and indexes:
//! literals, references, lists, maps, ranges and operators, with Velocity
//! 1.7's precedence (`||` < `&&` < `== !=` < `< <= > >=` < `+ -` < `* / %`
//! < unary `! -`).

use super::ast::*;
use super::lexer::*;
use super::parser::{PResult, Parser};
use crate::error::pos_str;

impl<'s> Parser<'s> {
    /// Parse an expression starting at `at` (white space already skipped);
    /// `self.pos` ends right after it. `what` names the place for messages.
    pub fn parse_expr(&mut self, at: usize, what: &str) -> PResult<Expr> {
        self.pos = at;
        self.parse_or(what)
    }

    fn ws(&mut self) -> usize {
        self.pos = skip_ws(self.b, self.pos, self.end);
        self.pos
    }

    fn parse_or(&mut self, what: &str) -> PResult<Expr> {
        self.parse_binary(what, 0)
    }

    /// The binary operator at `q`: (operator, precedence, length).
    fn binary_op(&self, q: usize) -> Option<(BinOp, u8, usize)> {
        let r = &self.b[q.min(self.end)..self.end];
        let w = |word: &str| word_at(self.b, q, self.end, word);
        Some(match r.first()? {
            b'|' if r.starts_with(b"||") => (BinOp::Or, 1, 2),
            b'&' if r.starts_with(b"&&") => (BinOp::And, 2, 2),
            b'=' if r.starts_with(b"==") => (BinOp::Eq, 3, 2),
            b'!' if r.starts_with(b"!=") => (BinOp::Ne, 3, 2),
            b'<' if r.starts_with(b"<=") => (BinOp::Le, 4, 2),
            b'>' if r.starts_with(b">=") => (BinOp::Ge, 4, 2),
            b'<' => (BinOp::Lt, 4, 1),
            b'>' => (BinOp::Gt, 4, 1),
            b'+' => (BinOp::Add, 5, 1),
            b'-' => (BinOp::Sub, 5, 1),
            b'*' => (BinOp::Mul, 6, 1),
            b'/' => (BinOp::Div, 6, 1),
            b'%' => (BinOp::Mod, 6, 1),
            b'o' if w("or") => (BinOp::Or, 1, 2),
            b'a' if w("and") => (BinOp::And, 2, 3),
            b'e' if w("eq") => (BinOp::Eq, 3, 2),
            b'n' if w("ne") => (BinOp::Ne, 3, 2),
            b'l' if w("lt") => (BinOp::Lt, 4, 2),
            b'l' if w("le") => (BinOp::Le, 4, 2),
            b'g' if w("gt") => (BinOp::Gt, 4, 2),
            b'g' if w("ge") => (BinOp::Ge, 4, 2),
            _ => return None,
        })
    }

    /// Precedence climbing (few stack frames per nesting level): operators
    /// binding tighter than `min` are left to the caller.
    fn parse_binary(&mut self, what: &str, min: u8) -> PResult<Expr> {
        let mut left = self.parse_unary(what)?;
        // Each operator in a chain (`1 + 1 + ...`) nests the tree one level
        // deeper: it counts toward the nesting limit, so that rendering and
        // dropping the tree stay within the stack.
        let mut chain = 0;
        let res = loop {
            let save = self.pos;
            let q = self.ws();
            match self.binary_op(q) {
                Some((op, prec, len)) if prec > min => {
                    chain += 1;
                    if !self.enter(q) {
                        break Err(());
                    }
                    self.pos = skip_ws(self.b, q + len, self.end);
                    let right = match self.parse_binary(what, prec) {
                        Ok(r) => r,
                        Err(()) => break Err(()),
                    };
                    let span = left.span.to(right.span);
                    left = Expr {
                        kind: ExprKind::Binary(op, Box::new(left), Box::new(right)),
                        span,
                    };
                }
                _ => {
                    self.pos = save;
                    break Ok(left);
                }
            }
        };
        self.depth -= chain;
        res
    }

    fn parse_unary(&mut self, what: &str) -> PResult<Expr> {
        let q = self.pos;
        if !self.enter(q) {
            return Err(());
        }
        let res = self.parse_unary_inner(what, q);
        self.leave();
        res
    }

    fn parse_unary_inner(&mut self, what: &str, q: usize) -> PResult<Expr> {
        let (neg_not, len) =
            if q < self.end && self.b[q] == b'!' && self.b.get(q + 1) != Some(&b'=') {
                (Some(true), 1)
            } else if word_at(self.b, q, self.end, "not") {
                (Some(true), 3)
            } else if q < self.end
                && self.b[q] == b'-'
                && !(q + 1 < self.end && self.b[q + 1].is_ascii_digit())
            {
                (Some(false), 1)
            } else {
                (None, 0)
            };
        match neg_not {
            Some(is_not) => {
                self.pos = skip_ws(self.b, q + len, self.end);
                let inner = self.parse_unary(what)?;
                let span = Span::new(q, inner.span.end as usize);
                let kind = if is_not {
                    ExprKind::Not(Box::new(inner))
                } else {
                    ExprKind::Neg(Box::new(inner))
                };
                Ok(Expr { kind, span })
            }
            None => self.parse_primary(what),
        }
    }

    fn unexpected(&mut self, q: usize, what: &str) {
        let found = self.found(q);
        let msg = if q < self.end && matches!(self.b[q], b')' | b']' | b'}' | b',') {
            format!("unexpected {found} where an expression was expected in {what}")
        } else {
            format!("expected an expression in {what}, found {found}")
        };
        self.error(q..q + 1, msg);
    }

    fn parse_primary(&mut self, what: &str) -> PResult<Expr> {
        let q = self.pos;
        if q >= self.end {
            self.unexpected(q, what);
            return Err(());
        }
        match self.b[q] {
            b'$' => match self.parse_reference(q, 0) {
                Some(r) => {
                    let span = r.span;
                    Ok(Expr {
                        kind: ExprKind::Ref(Box::new(r)),
                        span,
                    })
                }
                None => {
                    if self.pos == q {
                        self.error(
                            q..q + 1,
                            format!("'$' must start a reference like $name in {what}"),
                        );
                    }
                    Err(())
                }
            },
            b'0'..=b'9' | b'-' => self.parse_number(q, what),
            b'"' | b'\'' => self.parse_string(q),
            b'(' => {
                self.pos = skip_ws(self.b, q + 1, self.end);
                let inner = self.parse_or(what)?;
                let r = self.ws();
                if r < self.end && self.b[r] == b')' {
                    self.pos = r + 1;
                    Ok(Expr {
                        kind: inner.kind,
                        span: Span::new(q, r + 1),
                    })
                } else {
                    let found = self.found(r);
                    self.error(
                        r..r + 1,
                        format!(
                            "expected ')' to close the '(' at {}, found {found}",
                            pos_str(self.src, q)
                        ),
                    );
                    Err(())
                }
            }
            b'[' => self.parse_list(q, what),
            b'{' => self.parse_map(q, what),
            _ => {
                for (w, kind) in [
                    ("true", ExprKind::Bool(true)),
                    ("false", ExprKind::Bool(false)),
                    ("null", ExprKind::Null),
                ] {
                    if word_at(self.b, q, self.end, w) {
                        self.pos = q + w.len();
                        return Ok(Expr {
                            kind,
                            span: Span::new(q, self.pos),
                        });
                    }
                }
                self.unexpected(q, what);
                Err(())
            }
        }
    }

    fn parse_number(&mut self, q: usize, what: &str) -> PResult<Expr> {
        let mut p = q;
        if self.b[p] == b'-' {
            p += 1;
        }
        let digits = p;
        while p < self.end && self.b[p].is_ascii_digit() {
            p += 1;
        }
        if p == digits {
            self.unexpected(q, what);
            return Err(());
        }
        let mut float = false;
        if p + 1 < self.end && self.b[p] == b'.' && self.b[p + 1].is_ascii_digit() {
            float = true;
            p += 1;
            while p < self.end && self.b[p].is_ascii_digit() {
                p += 1;
            }
        }
        if p < self.end && (self.b[p] == b'e' || self.b[p] == b'E') {
            let mut r = p + 1;
            if r < self.end && (self.b[r] == b'+' || self.b[r] == b'-') {
                r += 1;
            }
            if r < self.end && self.b[r].is_ascii_digit() {
                while r < self.end && self.b[r].is_ascii_digit() {
                    r += 1;
                }
                float = true;
                p = r;
            }
        }
        let text = &self.src[q..p];
        self.pos = p;
        let span = Span::new(q, p);
        let kind = if float {
            ExprKind::Double(text.parse().unwrap_or(f64::NAN))
        } else if let Ok(i) = text.parse::<i32>() {
            ExprKind::Int(i)
        } else if let Ok(l) = text.parse::<i64>() {
            // Velocity 1.7 reads an integer literal too big for an Integer as a Long.
            ExprKind::Long(l)
        } else {
            self.error(q..p, format!("the number {text} is too large"));
            return Err(());
        };
        Ok(Expr { kind, span })
    }

    /// `"..."` (interpolated when it holds `$` or `#`) or `'...'` (never).
    /// A doubled quote stands for one quote; backslashes are kept as they
    /// are (recording test_string_matches_full_date: `"^\d{4}"`), and in
    /// `"..."` a backslash keeps the next character inside the string.
    fn parse_string(&mut self, q: usize) -> PResult<Expr> {
        let quote = self.b[q];
        let which = (quote == b'\'') as usize;
        let mut p = if q >= self.unclosed_string[which] {
            self.end
        } else {
            q + 1
        };
        let mut doubled = false;
        loop {
            if p >= self.end {
                self.unclosed_string[which] = self.unclosed_string[which].min(q);
                let what = if quote == b'"' { "\"" } else { "'" };
                self.error(
                    q..q + 1,
                    format!(
                        "string starting with {what} at {} is never closed",
                        pos_str(self.src, q)
                    ),
                );
                return Err(());
            }
            if quote == b'"' && self.b[p] == b'\\' && p + 1 < self.end {
                // Velocity 1.7's string token takes a backslash and the
                // character after it as a pair (`"a\"b"` is one string);
                // the pair stays as written in the value.
                p += 2;
                continue;
            }
            if self.b[p] == quote {
                if p + 1 < self.end && self.b[p + 1] == quote {
                    doubled = true;
                    p += 2;
                    continue;
                }
                break;
            }
            p += 1;
        }
        let close = p;
        let inner = &self.src[q + 1..close];
        let span = Span::new(q, close + 1);
        let interpolate = quote == b'"' && (inner.contains('$') || inner.contains('#'));
        let kind = if interpolate {
            if !self.enter(q) {
                return Err(());
            }
            let (saved_end, saved_in_string) = (self.end, self.in_string);
            self.end = close;
            self.in_string = true;
            self.pos = q + 1;
            let nodes = self.parse_top();
            self.end = saved_end;
            self.in_string = saved_in_string;
            self.leave();
            ExprKind::Interpolated(nodes)
        } else if doubled {
            let one = if quote == b'"' { "\"" } else { "'" };
            let two = if quote == b'"' { "\"\"" } else { "''" };
            ExprKind::Str(inner.replace(two, one).into())
        } else {
            ExprKind::Str(inner.into())
        };
        self.pos = close + 1;
        Ok(Expr { kind, span })
    }

    /// `[a, b]` or the range `[a..b]`.
    fn parse_list(&mut self, q: usize, what: &str) -> PResult<Expr> {
        self.pos = skip_ws(self.b, q + 1, self.end);
        let mut items = Vec::new();
        if self.pos < self.end && self.b[self.pos] == b']' {
            self.pos += 1;
            return Ok(Expr {
                kind: ExprKind::List(items),
                span: Span::new(q, self.pos),
            });
        }
        loop {
            let item = self.parse_or(what)?;
            let r = self.ws();
            if items.is_empty() && self.b[r..self.end].starts_with(b"..") {
                self.pos = skip_ws(self.b, r + 2, self.end);
                let to = self.parse_or(what)?;
                let r = self.ws();
                if r < self.end && self.b[r] == b']' {
                    self.pos = r + 1;
                    return Ok(Expr {
                        kind: ExprKind::Range(Box::new(item), Box::new(to)),
                        span: Span::new(q, self.pos),
                    });
                }
                let found = self.found(r);
                self.error(
                    r..r + 1,
                    format!(
                        "expected ']' to close the range at {}, found {found}",
                        pos_str(self.src, q)
                    ),
                );
                return Err(());
            }
            items.push(item);
            if r < self.end && self.b[r] == b',' {
                self.pos = skip_ws(self.b, r + 1, self.end);
                continue;
            }
            if r < self.end && self.b[r] == b']' {
                self.pos = r + 1;
                return Ok(Expr {
                    kind: ExprKind::List(items),
                    span: Span::new(q, self.pos),
                });
            }
            let found = self.found(r);
            self.error(
                r..r + 1,
                format!(
                    "expected ',' or ']' in the list at {}, found {found}",
                    pos_str(self.src, q)
                ),
            );
            return Err(());
        }
    }

    /// `{key: value, ...}`.
    fn parse_map(&mut self, q: usize, what: &str) -> PResult<Expr> {
        self.pos = skip_ws(self.b, q + 1, self.end);
        let mut entries = Vec::new();
        if self.pos < self.end && self.b[self.pos] == b'}' {
            self.pos += 1;
            return Ok(Expr {
                kind: ExprKind::Map(entries),
                span: Span::new(q, self.pos),
            });
        }
        loop {
            let key = self.parse_or(what)?;
            let r = self.ws();
            if r >= self.end || self.b[r] != b':' {
                let found = self.found(r);
                self.error(
                    r..r + 1,
                    format!(
                        "expected ':' after the key in the map at {}, found {found}",
                        pos_str(self.src, q)
                    ),
                );
                return Err(());
            }
            self.pos = skip_ws(self.b, r + 1, self.end);
            let value = self.parse_or(what)?;
            entries.push((key, value));
            let r = self.ws();
            if r < self.end && self.b[r] == b',' {
                self.pos = skip_ws(self.b, r + 1, self.end);
                continue;
            }
            if r < self.end && self.b[r] == b'}' {
                self.pos = r + 1;
                return Ok(Expr {
                    kind: ExprKind::Map(entries),
                    span: Span::new(q, self.pos),
                });
            }
            let found = self.found(r);
            self.error(
                r..r + 1,
                format!(
                    "expected ',' or '}}' in the map at {}, found {found}",
                    pos_str(self.src, q)
                ),
            );
            return Err(());
        }
    }
}
