//! The seed of an evaluation's generated identifiers (`$context.requestId`,
//! `x-amzn-RequestId`, ...), taken from the request as given, so that equal
//! requests give equal results (tests, and a playground that does not
//! flicker).
//!
//! The request is read as it is, value by value, its strings eight bytes
//! at a time. Writing its JSON text into FNV-1a a byte at a time, as this
//! was first done, was a fifth of evaluating a request with a 1 MB body
//! in the wasm module, and a fifth of a small one (photos-100).

use serde_json::Value;

/// An odd constant with well-mixed bits (the 64-bit golden ratio).
const MULTIPLIER: u64 = 0x9e37_79b9_7f4a_7c15;

/// The seed for `request` (the JSON value `evaluate` was given).
pub fn of_request(request: &Value) -> u64 {
    let mut h = Seed(0x6d6f_636b_6761_7465); // "mockgate"
    h.value(request);
    h.finish()
}

struct Seed(u64);

impl Seed {
    fn word(&mut self, w: u64) {
        self.0 = (self.0.rotate_left(23) ^ w).wrapping_mul(MULTIPLIER);
    }

    /// `bytes` and their length: ("ab", "c") and ("a", "bc") differ.
    fn bytes(&mut self, bytes: &[u8]) {
        let mut words = bytes.chunks_exact(8);
        for w in &mut words {
            self.word(u64::from_le_bytes(w.try_into().expect("8 bytes")));
        }
        let mut tail = [0u8; 8];
        tail[..words.remainder().len()].copy_from_slice(words.remainder());
        self.word(u64::from_le_bytes(tail));
        self.word(bytes.len() as u64);
    }

    /// Each kind of value starts with its own tag, so a string and a
    /// number with the same text differ, and so do `[[]]` and `[]`.
    fn value(&mut self, v: &Value) {
        match v {
            Value::Null => self.word(1),
            Value::Bool(b) => self.word(2 + u64::from(*b)),
            Value::Number(n) => {
                self.word(4);
                self.bytes(n.to_string().as_bytes());
            }
            Value::String(s) => {
                self.word(5);
                self.bytes(s.as_bytes());
            }
            Value::Array(items) => {
                self.word(6);
                self.word(items.len() as u64);
                items.iter().for_each(|item| self.value(item));
            }
            Value::Object(entries) => {
                self.word(7);
                self.word(entries.len() as u64);
                for (k, v) in entries {
                    self.bytes(k.as_bytes());
                    self.value(v);
                }
            }
        }
    }

    fn finish(&self) -> u64 {
        mockgate_velocity::fmix64(self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::of_request;
    use serde_json::json;
    use std::collections::HashSet;

    #[test]
    fn equal_requests_give_equal_seeds() {
        let a = json!({"httpMethod": "GET", "body": "x".repeat(1000), "headers": {"a": "1"}});
        assert_eq!(of_request(&a), of_request(&a.clone()));
    }

    /// Requests that differ anywhere (one byte of the body, a key, a kind,
    /// where a string is cut) give different seeds.
    #[test]
    fn different_requests_give_different_seeds() {
        let requests = [
            json!({}),
            json!([]),
            json!([[]]),
            json!(null),
            json!({"body": ""}),
            json!({"body": "abcdefgh"}),
            json!({"body": "abcdefgi"}),
            json!({"body": "abcdefghi"}),
            json!({"body": "bbcdefghi"}),
            json!({"body": "abcdefghi\u{0}"}),
            json!({"bodx": "abcdefghi"}),
            json!({"body": 1}),
            json!({"body": "1"}),
            json!({"body": 1.5}),
            json!({"body": true}),
            json!({"body": false}),
            json!({"a": "bc"}),
            json!({"ab": "c"}),
            json!({"a": 1, "b": 2}),
            json!({"b": 2, "a": 1}),
            json!(["ab", "c"]),
            json!(["a", "bc"]),
        ];
        let seeds: HashSet<u64> = requests.iter().map(of_request).collect();
        assert_eq!(seeds.len(), requests.len());
    }
}
