//! The hasher of the engine's maps (variable names, JSON object keys).
//!
//! Keys are short strings, hashed on every `$name` and `.property` a
//! template reads. SipHash (std's default) was a fifth of a render
//! natively, and foldhash, fast natively, multiplies 64 by 64 into 128 bits,
//! which the wasm module has to emulate. This one reads eight bytes at a
//! time with 64-bit operations only, then mixes the result with MurmurHash3's
//! 64-bit finaliser so that keys differing only in their last bytes spread
//! over the table's low bits too.
//!
//! The state starts from a per-process seed (std's RandomState, where the
//! platform has randomness), so colliding keys cannot be prepared in
//! advance against a fixed function (`mockgate serve` hashes request
//! bodies' keys).

use std::hash::{BuildHasher, Hasher};
use std::sync::OnceLock;

/// An odd constant with well-mixed bits (the 64-bit golden ratio).
const MULTIPLIER: u64 = 0x9e37_79b9_7f4a_7c15;

#[derive(Clone, Copy)]
pub struct KeyHasher(u64);

impl Hasher for KeyHasher {
    #[inline]
    fn write(&mut self, bytes: &[u8]) {
        let mut h = self.0;
        let mut words = bytes.chunks_exact(8);
        for w in &mut words {
            let w = u64::from_le_bytes(w.try_into().expect("8 bytes"));
            h = (h.rotate_left(23) ^ w).wrapping_mul(MULTIPLIER);
        }
        let rest = words.remainder();
        if !rest.is_empty() {
            h = (h.rotate_left(23) ^ tail_word(rest)).wrapping_mul(MULTIPLIER);
        }
        // The length, so that "a" and "a\0" differ.
        self.0 = (h ^ bytes.len() as u64).wrapping_mul(MULTIPLIER);
    }

    #[inline]
    fn write_u8(&mut self, i: u8) {
        self.0 = (self.0.rotate_left(23) ^ u64::from(i)).wrapping_mul(MULTIPLIER);
    }

    #[inline]
    fn write_usize(&mut self, i: usize) {
        self.0 = (self.0.rotate_left(23) ^ i as u64).wrapping_mul(MULTIPLIER);
    }

    #[inline]
    fn finish(&self) -> u64 {
        fmix64(self.0)
    }
}

/// MurmurHash3's 64-bit finaliser: every input bit reaches every output
/// bit. (The gateway's ID seed ends with it too.)
#[inline]
pub fn fmix64(mut h: u64) -> u64 {
    h ^= h >> 33;
    h = h.wrapping_mul(0xff51_afd7_ed55_8ccd);
    h ^= h >> 33;
    h = h.wrapping_mul(0xc4ce_b9fe_1a85_ec53);
    h ^ (h >> 33)
}

/// 1 to 7 bytes as one word, without copying them into a buffer (a call
/// to `memcpy` per key): two overlapping 4-byte reads when there are 4 or
/// more, else the first, middle and last byte. With the length mixed in by
/// the caller, different tails give different words: two tails of the same
/// length are equal exactly when their words are (every byte is read).
#[inline]
pub(crate) fn tail_word(rest: &[u8]) -> u64 {
    let n = rest.len();
    if n >= 4 {
        let lo = u32::from_le_bytes(rest[..4].try_into().expect("4 bytes"));
        let hi = u32::from_le_bytes(rest[n - 4..].try_into().expect("4 bytes"));
        u64::from(lo) | u64::from(hi) << 32
    } else {
        u64::from(rest[0]) | u64::from(rest[n / 2]) << 8 | u64::from(rest[n - 1]) << 16
    }
}

/// `key`'s hash as the engine's maps compute it (parsed names carry it:
/// `ast::Name`).
pub fn key_hash(key: &str) -> u64 {
    KeyHash::default().hash_one(key)
}

/// Builds [`KeyHasher`]s from the process's seed.
#[derive(Clone, Copy, Debug)]
pub struct KeyHash(u64);

impl Default for KeyHash {
    fn default() -> KeyHash {
        static SEED: OnceLock<u64> = OnceLock::new();
        KeyHash(*SEED.get_or_init(|| std::collections::hash_map::RandomState::new().hash_one(0u64)))
    }
}

impl BuildHasher for KeyHash {
    type Hasher = KeyHasher;
    #[inline]
    fn build_hasher(&self) -> KeyHasher {
        KeyHasher(self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn equal_keys_hash_equal_and_near_keys_spread() {
        let b = KeyHash::default();
        assert_eq!(b.hash_one("photos"), b.hash_one(String::from("photos")));
        assert_ne!(b.hash_one("a"), b.hash_one("a\0"));
        assert_ne!(b.hash_one(""), b.hash_one("\0"));
        // Keys that differ only in their last byte (item0000..item0999)
        // land in distinct buckets of a 1024-bucket table, nearly all.
        let buckets: HashSet<u64> = (0..1000)
            .map(|i| b.hash_one(format!("item{i:04}")) & 1023)
            .collect();
        assert!(
            buckets.len() > 550,
            "{} buckets of 1000 keys",
            buckets.len()
        );
    }
}
