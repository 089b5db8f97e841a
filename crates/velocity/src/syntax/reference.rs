//! References: `$a`, `$!a`, `${a}`, `$a.b`, `$a.b(args)`, `$a[i]` and
//! chains of them, with Velocity 1.7's rules for where one ends.

use super::ast::*;
use super::lexer::*;
use super::parser::{PResult, Parser};
use crate::error::pos_str;

impl<'s> Parser<'s> {
    /// A reference at `dollar` (`$a`, `$!a`, `${a}`, `$a.b(1)[2]`...), with
    /// `backslashes` escaping backslashes before it. `None` with `self.pos`
    /// unchanged: not a reference, the `$` is text. `None` with `self.pos`
    /// moved: an error was reported and the text up to there is skipped.
    pub(super) fn parse_reference(
        &mut self,
        dollar: usize,
        backslashes: usize,
    ) -> Option<Reference> {
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
        let name = Name::new(&self.src[p..name_end]);
        p = name_end;
        let mut parts = Vec::new();
        loop {
            // Velocity 1.7: a `.` continues a reference only before a letter.
            if p + 1 < self.end && self.b[p] == b'.' && self.b[p + 1].is_ascii_alphabetic() {
                let n_start = p + 1;
                let n_end = ident_end(self.b, n_start, self.end);
                let pname = &self.src[n_start..n_end];
                if n_end < self.end && self.b[n_end] == b'(' {
                    match self.parse_args(n_end, pname) {
                        Ok(args) => {
                            parts.push(Part::Method(pname.into(), args, Span::new(p, self.pos)));
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
                    parts.push(Part::Property(Name::new(pname), Span::new(p, n_end)));
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
        let plain_path = backslashes == 0 && parts.iter().all(|p| matches!(p, Part::Property(..)));
        Some(Reference {
            name,
            silent,
            plain_path,
            parts,
            span: Span::new(dollar - backslashes, p),
            dollar: dollar as u32,
            backslashes: backslashes as u32,
        })
    }

    /// `(a, b)` of a method call, `(` at `open`.
    pub(super) fn parse_args(&mut self, open: usize, method: &str) -> PResult<Vec<Expr>> {
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
