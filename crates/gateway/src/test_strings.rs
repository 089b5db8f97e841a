//! Strings for tests that compare two ways of doing one thing: many short
//! strings drawn from an alphabet of the characters that matter, the same
//! on every run.

use crate::encoding::splitmix;

/// `count` strings of 0 to `max_len - 1` characters from `alphabet`.
pub(crate) fn strings(alphabet: &str, count: usize, max_len: u64, seed: u64) -> Vec<String> {
    let alphabet: Vec<char> = alphabet.chars().collect();
    let mut seed = seed;
    (0..count)
        .map(|_| {
            seed = splitmix(seed);
            (0..seed % max_len)
                .map(|k| alphabet[(splitmix(seed ^ k) % alphabet.len() as u64) as usize])
                .collect()
        })
        .collect()
}
