//! Java strings are UTF-16: `length()`, `substring`, `indexOf` and
//! `charAt` count UTF-16 code units. These helpers translate between those
//! indices and byte offsets in a Rust `str`.
//!
//! A Rust `str` cannot hold a lone surrogate, so a Java index that falls
//! between the two halves of a surrogate pair (an emoji, say) is rounded
//! to a character boundary where a search is concerned, and cutting a pair
//! in half (`"😀".substring(0, 1)`) yields U+FFFD where Java would hold the
//! lone surrogate.

use std::borrow::Cow;

/// `String.length()`: UTF-16 code units.
pub fn len16(s: &str) -> usize {
    if s.is_ascii() {
        s.len()
    } else {
        s.encode_utf16().count()
    }
}

/// The UTF-16 index of byte offset `b` (a char boundary).
pub fn u16_at_byte(s: &str, b: usize) -> usize {
    let head = &s[..b];
    if head.is_ascii() {
        b
    } else {
        head.encode_utf16().count()
    }
}

/// The byte offset of UTF-16 index `idx`, rounded up to a char boundary;
/// `s.len()` when `idx` is at or past the end.
pub fn byte_at_u16_ceil(s: &str, idx: usize) -> usize {
    if s.is_ascii() {
        return idx.min(s.len());
    }
    let mut units = 0;
    for (b, c) in s.char_indices() {
        if units >= idx {
            return b;
        }
        units += c.len_utf16();
    }
    s.len()
}

/// The byte offset of UTF-16 index `idx`, rounded down to a char boundary.
pub fn byte_at_u16_floor(s: &str, idx: usize) -> usize {
    if s.is_ascii() {
        return idx.min(s.len());
    }
    let mut units = 0;
    let mut last = 0;
    for (b, c) in s.char_indices() {
        if units == idx {
            return b;
        }
        if units > idx {
            return last;
        }
        last = b;
        units += c.len_utf16();
    }
    if units <= idx {
        s.len()
    } else {
        last
    }
}

/// `s.substring(begin, end)` for indices already checked to be in range
/// (`begin <= end <= len16(s)`).
/// ASCII text is cut where it lies (the caller copies it once, into the
/// value it makes).
pub fn substring16(s: &str, begin: usize, end: usize) -> Cow<'_, str> {
    if s.is_ascii() {
        return Cow::Borrowed(&s[begin..end]);
    }
    let units: Vec<u16> = s.encode_utf16().collect();
    Cow::Owned(String::from_utf16_lossy(&units[begin..end]))
}

/// The UTF-16 code unit at `idx` (checked by the caller) as a string: a
/// `char` in Java, which Velocity prints as the character itself.
pub fn char_at16(s: &str, idx: usize) -> Cow<'_, str> {
    substring16(s, idx, idx + 1)
}

/// Java's `String.hashCode()`: `s[0]*31^(n-1) + ... + s[n-1]` over UTF-16
/// code units, in wrapping 32-bit arithmetic.
pub fn java_string_hash(s: &str) -> i32 {
    let mut h: i32 = 0;
    for u in s.encode_utf16() {
        h = h.wrapping_mul(31).wrapping_add(u as i32);
    }
    h
}

/// Java's `String.compareTo`: the difference of the first differing UTF-16
/// code units, else the difference of the lengths.
pub fn java_compare(a: &str, b: &str) -> i32 {
    let mut x = a.encode_utf16();
    let mut y = b.encode_utf16();
    loop {
        match (x.next(), y.next()) {
            (Some(p), Some(q)) if p != q => return p as i32 - q as i32,
            (Some(_), Some(_)) => {}
            (Some(_), None) => return 1 + x.count() as i32,
            (None, Some(_)) => return -1 - y.count() as i32,
            (None, None) => return 0,
        }
    }
}

/// Java's `String.compareToIgnoreCase`: per code unit, compare after
/// `Character.toUpperCase` then `Character.toLowerCase`.
pub fn java_compare_ignore_case(a: &str, b: &str) -> i32 {
    let fold = |u: u16| -> u32 {
        let c = char::from_u32(u as u32).unwrap_or('\u{fffd}');
        let up = single(c.to_uppercase()).unwrap_or(c);
        single(up.to_lowercase()).unwrap_or(up) as u32
    };
    let x: Vec<u16> = a.encode_utf16().collect();
    let y: Vec<u16> = b.encode_utf16().collect();
    for (p, q) in x.iter().zip(y.iter()) {
        if p != q {
            let (fp, fq) = (fold(*p), fold(*q));
            if fp != fq {
                return fp as i32 - fq as i32;
            }
        }
    }
    x.len() as i32 - y.len() as i32
}

fn single<I: Iterator<Item = char>>(mut it: I) -> Option<char> {
    let c = it.next()?;
    match it.next() {
        None => Some(c),
        Some(_) => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lengths_and_offsets_count_utf16_units() {
        assert_eq!(len16("abc"), 3);
        assert_eq!(len16("é"), 1);
        assert_eq!(len16("😀a"), 3);
        assert_eq!(u16_at_byte("é😀a", 6), 3);
        assert_eq!(byte_at_u16_ceil("é😀a", 1), 2);
        assert_eq!(byte_at_u16_ceil("é😀a", 2), 6);
        assert_eq!(byte_at_u16_ceil("é😀a", 3), 6);
        assert_eq!(byte_at_u16_ceil("é😀a", 9), 7);
        assert_eq!(byte_at_u16_floor("é😀a", 2), 2);
        assert_eq!(byte_at_u16_floor("é😀a", 3), 6);
        assert_eq!(byte_at_u16_floor("é😀a", 4), 7);
        assert_eq!(substring16("é😀a", 1, 4), "😀a");
        assert_eq!(substring16("😀", 0, 1), "\u{fffd}");
        assert_eq!(char_at16("abc", 1), "b");
    }

    #[test]
    fn hash_and_compare_are_javas() {
        assert_eq!(java_string_hash(""), 0);
        assert_eq!(java_string_hash("abc"), 96354);
        assert_eq!(java_string_hash("hello world"), 1794106052);
        assert_eq!(java_compare("a", "b"), -1);
        assert_eq!(java_compare("abc", "ab"), 1);
        assert_eq!(java_compare("ab", "abcd"), -2);
        assert_eq!(java_compare("b", "a"), 1);
        assert_eq!(java_compare("x", "x"), 0);
        assert_eq!(java_compare_ignore_case("ABC", "abd"), -1);
        assert_eq!(java_compare_ignore_case("Hello", "hello"), 0);
    }
}
