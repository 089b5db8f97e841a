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
    /// `track`: record provenance (off when the caller wants only text).
    /// `room`: bytes and provenance entries to make room for up front
    /// (what the template's last render produced).
    pub fn new(max_bytes: usize, track: bool, room: (usize, usize)) -> Output {
        Output {
            text: String::with_capacity(room.0.min(max_bytes)),
            provenance: Vec::with_capacity(if track { room.1.min(max_bytes) } else { 0 }),
            track,
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

    #[inline(always)]
    pub fn push(&mut self, s: &str, from: Span) -> Result<(), TooLarge> {
        if s.is_empty() {
            return Ok(());
        }
        if self.text.len() + s.len() > self.max_bytes {
            return Err(TooLarge);
        }
        let start = self.text.len();
        crate::bytes::push_str(&mut self.text, s);
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

/// `i` in decimal (as Java's `Integer/Long.toString`), written into `buf`.
#[inline]
pub(crate) fn int_text(i: i64, buf: &mut [u8; 20]) -> &str {
    let mut n = i.unsigned_abs();
    let mut at = buf.len();
    loop {
        at -= 1;
        buf[at] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    if i < 0 {
        at -= 1;
        buf[at] = b'-';
    }
    // SAFETY: only ASCII digits and '-' were written to buf[at..], and
    // ASCII is UTF-8. (Checking it again was a sixth of printing a number
    // in the module.)
    unsafe { std::str::from_utf8_unchecked(&buf[at..]) }
}

#[cfg(test)]
mod tests {
    #[test]
    fn int_text_is_decimal_as_java_prints_it() {
        for i in [
            0,
            7,
            -7,
            10,
            2147483647,
            -2147483648,
            i64::MAX,
            i64::MIN,
            1000000,
        ] {
            assert_eq!(super::int_text(i, &mut [0; 20]), i.to_string());
        }
    }
}
