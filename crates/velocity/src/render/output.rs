//! The output of a render, with provenance: which template bytes produced
//! each span of output bytes.

use std::ops::Range;

use crate::syntax::ast::Span;

/// Output bytes `output` were produced by template bytes `template`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Provenance {
    pub output: Range<usize>,
    pub template: Range<usize>,
}

pub(crate) struct Output {
    pub text: String,
    pub provenance: Vec<Provenance>,
    /// Off while rendering the inside of a `"..."` string (its text becomes
    /// a value, not output).
    track: bool,
    max_bytes: usize,
}

/// The output grew past its limit.
pub(crate) struct TooLarge;

impl Output {
    pub fn new(max_bytes: usize) -> Output {
        Output {
            text: String::new(),
            provenance: Vec::new(),
            track: true,
            max_bytes,
        }
    }

    pub fn capture(max_bytes: usize) -> Output {
        Output {
            text: String::new(),
            provenance: Vec::new(),
            track: false,
            max_bytes,
        }
    }

    pub fn push(&mut self, s: &str, from: Span) -> Result<(), TooLarge> {
        if s.is_empty() {
            return Ok(());
        }
        if self.text.len() + s.len() > self.max_bytes {
            return Err(TooLarge);
        }
        let start = self.text.len();
        self.text.push_str(s);
        if self.track {
            let end = self.text.len();
            // One entry per emitted piece: each round of a loop gets its
            // own entry, so that an output position maps back exactly.
            let template = from.range();
            self.provenance.push(Provenance {
                output: start..end,
                template,
            });
        }
        Ok(())
    }
}
