//! Byte-level scanning helpers the parser is built on: character classes,
//! identifiers, blanks, and the end-of-line "gobbling" Velocity 1.7 does
//! after directives. No regex: this runs on every keystroke in the page.

/// Velocity 1.7 identifiers start with a letter or `_`.
#[inline]
pub fn is_ident_start(b: u8) -> bool {
    b.is_ascii_alphabetic() || b == b'_'
}

/// Velocity 1.7 identifiers continue with letters, digits, `_` and `-`
/// (`$foo-bar` is one reference in 1.7; 2.0 dropped the hyphen).
#[inline]
pub fn is_ident_char(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_' || b == b'-'
}

/// End of the identifier starting at `pos` (which must be an ident start).
pub fn ident_end(bytes: &[u8], pos: usize, end: usize) -> usize {
    let mut p = pos + 1;
    while p < end && is_ident_char(bytes[p]) {
        p += 1;
    }
    p
}

/// End of a directive word (`#foreach`): letters, digits and `_`, no `-`.
pub fn word_end(bytes: &[u8], pos: usize, end: usize) -> usize {
    let mut p = pos;
    while p < end && (bytes[p].is_ascii_alphanumeric() || bytes[p] == b'_') {
        p += 1;
    }
    p
}

/// Skip spaces and tabs.
pub fn skip_blanks(bytes: &[u8], mut pos: usize, end: usize) -> usize {
    while pos < end && (bytes[pos] == b' ' || bytes[pos] == b'\t') {
        pos += 1;
    }
    pos
}

/// Skip any white space, newlines included (inside directive arguments).
pub fn skip_ws(bytes: &[u8], mut pos: usize, end: usize) -> usize {
    while pos < end && matches!(bytes[pos], b' ' | b'\t' | b'\n' | b'\r') {
        pos += 1;
    }
    pos
}

/// After the `)` of `#set`/`#if`/`#elseif`/`#foreach`/`#define` and after
/// `#else`/`#end`, Velocity 1.7 eats trailing spaces/tabs and one newline,
/// but only when a newline does follow (recordings
/// test_if_whitespace_and_newlines_ignored, test_array_literal,
/// test_new_lines_in_templates_are_permitted: `#end Off` keeps its space).
pub fn gobble_line_end(bytes: &[u8], pos: usize, end: usize) -> usize {
    let p = skip_blanks(bytes, pos, end);
    if p < end && bytes[p] == b'\n' {
        p + 1
    } else if p < end && bytes[p] == b'\r' {
        if p + 1 < end && bytes[p + 1] == b'\n' {
            p + 2
        } else {
            p + 1
        }
    } else {
        pos
    }
}

/// Whether `word` is followed by a non-word byte at `pos` (for `eq`, `and`...).
pub fn word_at(bytes: &[u8], pos: usize, end: usize, word: &str) -> bool {
    let w = word.as_bytes();
    pos + w.len() <= end
        && &bytes[pos..pos + w.len()] == w
        && (pos + w.len() == end || !is_ident_char(bytes[pos + w.len()]))
}

/// Position of the next byte the text scanner must look at: `$`, `#`, `\`
/// or (inside a string literal) `"`.
#[inline]
pub fn next_special(bytes: &[u8], pos: usize, end: usize, in_string: bool) -> usize {
    let mut p = pos;
    while p < end {
        match bytes[p] {
            b'$' | b'#' | b'\\' => return p,
            b'"' if in_string => return p,
            _ => p += 1,
        }
    }
    end
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gobbles_only_when_a_newline_follows() {
        let b = b")  \nx";
        assert_eq!(gobble_line_end(b, 1, b.len()), 4);
        let b = b")  x";
        assert_eq!(gobble_line_end(b, 1, b.len()), 1);
        let b = b") \r\nx";
        assert_eq!(gobble_line_end(b, 1, b.len()), 4);
        let b = b")\t";
        assert_eq!(gobble_line_end(b, 1, b.len()), 1);
    }

    #[test]
    fn identifiers_allow_hyphen_after_first_char() {
        let b = b"foo-bar.baz";
        assert_eq!(ident_end(b, 0, b.len()), 7);
        assert!(!is_ident_start(b'-'));
        assert!(word_at(b"eq $a", 0, 5, "eq"));
        assert!(!word_at(b"equal", 0, 5, "eq"));
    }
}
