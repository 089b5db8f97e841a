//! Finding a name (`$name`, `.name`) in a map: by the slot where it was
//! found last time, else by its hash.
//!
//! A template reads the same names over and over, and mostly from maps of
//! one shape: `$elem.id` in a `#foreach` over a JSON array reads `id` from
//! each element, and JSON objects of one array list their keys in the same
//! order. So each [`Name`] remembers the index where it was last found, and
//! a lookup first compares the key at that index; a miss falls back to the
//! hash table and remembers the new index. Measured on the module,
//! probing the hash table and comparing keys byte by byte (the module's
//! `memcmp`) were a fifth of a render of photos-100.

use indexmap::map::RawEntryApiV1;
use indexmap::IndexMap;

use crate::hash::{tail_word, KeyHash};
use crate::syntax::ast::Name;

/// The value under `name` in `map`. Always inlined: a call per lookup
/// costs the module more than the lookup (opt-level `s` would not inline it).
#[inline(always)]
pub(crate) fn find<'m, V>(map: &'m IndexMap<String, V, KeyHash>, name: &Name) -> Option<&'m V> {
    if let Some((k, v)) = map.get_index(name.slot()) {
        if same_text(k, name) {
            return Some(v);
        }
    }
    let (i, _, v) = map
        .raw_entry_v1()
        .from_hash_full(name.hash, |k| same_text(k, name))?;
    name.remember_slot(i);
    Some(v)
}

/// `a == b`, comparing eight bytes at a time: the wasm module's `memcmp`
/// goes byte by byte, and this compares every key a template reads, and
/// (API Gateway's `$input`) a request body with the last one on each
/// render whose body is not the very same text.
#[inline]
pub fn same_text(a: &str, b: &str) -> bool {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    if a.len() != b.len() {
        return false;
    }
    let (mut wa, mut wb) = (a.chunks_exact(8), b.chunks_exact(8));
    let word = |w: &[u8]| u64::from_ne_bytes(w.try_into().expect("8 bytes"));
    if !(&mut wa).zip(&mut wb).all(|(x, y)| word(x) == word(y)) {
        return false;
    }
    // The last 1 to 7 bytes as one word each, not a `memcmp` call (most
    // keys are shorter than 8 bytes).
    let (ra, rb) = (wa.remainder(), wb.remainder());
    ra.is_empty() || tail_word(ra) == tail_word(rb)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn map(keys: &[&str]) -> IndexMap<String, usize, KeyHash> {
        keys.iter()
            .enumerate()
            .map(|(i, k)| (k.to_string(), i))
            .collect()
    }

    #[test]
    fn finds_names_whatever_slot_was_remembered() {
        let name = Name::new("id");
        let a = map(&["id", "owner"]);
        let b = map(&["owner", "title", "id"]);
        let empty = map(&[]);
        // The remembered slot moves with each map; a stale one (past the
        // end, or another key there) never gives a wrong answer.
        for (m, want) in [
            (&a, Some(0)),
            (&b, Some(2)),
            (&a, Some(0)),
            (&empty, None),
            (&b, Some(2)),
        ] {
            assert_eq!(find(m, &name).copied(), want);
        }
        assert_eq!(name.slot(), 2);
        assert_eq!(find(&map(&["idx", "i", "di"]), &name), None);
        assert_eq!(
            find(&map(&["x", "y", "ID"]), &name),
            None,
            "keys are case sensitive"
        );
    }

    #[test]
    fn same_text_compares_every_byte() {
        let long = "x".repeat(100);
        for (a, b) in [("", ""), ("abc", "abc"), (long.as_str(), long.as_str())] {
            assert!(same_text(a, b), "{a:?}");
        }
        let mut other = long.clone();
        other.replace_range(57..58, "y");
        let mut last = long.clone();
        last.replace_range(99..100, "y");
        for (a, b) in [
            ("abc", "abd"),
            ("abc", "ab"),
            ("abcdefgh1", "abcdefgh2"),
            (long.as_str(), other.as_str()),
            (long.as_str(), last.as_str()),
        ] {
            assert!(!same_text(a, b), "{a:?} {b:?}");
            assert!(!same_text(b, a), "{b:?} {a:?}");
        }
        // Every length up to 17 and every position in it.
        for n in 1..=17 {
            let base = "k".repeat(n);
            for i in 0..n {
                let mut other = base.clone();
                other.replace_range(i..i + 1, "j");
                assert!(!same_text(&base, &other), "{n} {i}");
            }
            assert!(same_text(&base, &base.clone()));
        }
    }
}
