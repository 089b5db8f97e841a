//! Appending short byte runs to a string without `memory.copy`.
//!
//! The wasm module is built with bulk memory, so every copy of a length not
//! known at compile time becomes one `memory.copy` instruction, and V8
//! (Node 20) runs that as a call out of the compiled code: about 6 ns
//! whatever the length (a hand-written module timing 10 million copies of
//! 4 to 256 bytes). What a template prints is mostly short pieces (`", "`,
//! an id, a number), a few per output line, so that call was a fixed toll
//! on each of them. Runs of up to 32 bytes are copied here with a few
//! word-sized loads and stores (overlapping where the length is not a
//! multiple), which compile to plain wasm loads and stores; longer runs
//! still take `memory.copy`, which is fast per byte. The hosts' text
//! functions (`$util.escapeJavaScript`) append with it too.

use std::ptr;

/// Runs up to this long are copied word by word.
const SHORT: usize = 32;

/// Append `s` to `out`, as `out.push_str(s)` does.
#[inline(always)]
pub fn push_str(out: &mut String, s: &str) {
    // SAFETY: the bytes appended are all of `s`, valid UTF-8, so `out`
    // stays valid UTF-8.
    let v = unsafe { out.as_mut_vec() };
    if v.capacity() - v.len() < s.len() {
        grow(v, s.len());
    }
    let len = v.len();
    // SAFETY: there is room for `s.len()` bytes after `len` (just ensured),
    // `s` cannot overlap `v`'s spare capacity (it is borrowed while `out`
    // is borrowed mutably), and the bytes are written before `set_len`.
    unsafe {
        copy(s.as_ptr(), v.as_mut_ptr().add(len), s.len());
        v.set_len(len + s.len());
    }
}

/// Kept out of line: the output buffer is sized from the last render, so
/// growing it is rare, and the check above stays small where it is inlined.
#[cold]
#[inline(never)]
fn grow(v: &mut Vec<u8>, more: usize) {
    v.reserve(more);
}

/// Copy `n` bytes from `src` to `dst`.
///
/// # Safety
/// Both ranges valid for `n` bytes, and not overlapping.
#[inline(always)]
unsafe fn copy(src: *const u8, dst: *mut u8, n: usize) {
    if n > SHORT {
        ptr::copy_nonoverlapping(src, dst, n);
    } else if n >= 16 {
        // The first 16 bytes and the last 16, which overlap when n < 32.
        copy_word::<u64>(src, dst);
        copy_word::<u64>(src.add(8), dst.add(8));
        copy_word::<u64>(src.add(n - 16), dst.add(n - 16));
        copy_word::<u64>(src.add(n - 8), dst.add(n - 8));
    } else if n >= 8 {
        copy_word::<u64>(src, dst);
        copy_word::<u64>(src.add(n - 8), dst.add(n - 8));
    } else if n >= 4 {
        copy_word::<u32>(src, dst);
        copy_word::<u32>(src.add(n - 4), dst.add(n - 4));
    } else if n >= 2 {
        copy_word::<u16>(src, dst);
        copy_word::<u16>(src.add(n - 2), dst.add(n - 2));
    } else if n == 1 {
        *dst = *src;
    }
}

/// One unaligned word.
#[inline(always)]
unsafe fn copy_word<T: Copy>(src: *const u8, dst: *mut u8) {
    ptr::write_unaligned(dst.cast::<T>(), ptr::read_unaligned(src.cast::<T>()));
}

#[cfg(test)]
mod tests {
    use super::push_str;

    /// Every length around each word size and the long-run threshold, at
    /// every starting offset: the result is `push_str`'s, byte for byte.
    #[test]
    fn appends_what_push_str_appends() {
        let source: String = (0..100u8).map(|i| char::from(b'!' + i % 90)).collect();
        for prefix in 0..9 {
            for len in 0..=70 {
                for start in 0..3 {
                    let piece = &source[start..start + len];
                    let mut ours = "p".repeat(prefix);
                    let mut std = ours.clone();
                    push_str(&mut ours, piece);
                    std.push_str(piece);
                    assert_eq!(ours, std, "prefix {prefix} len {len} start {start}");
                }
            }
        }
    }

    /// Growing past the capacity keeps what was there.
    #[test]
    fn grows_when_full() {
        let mut s = String::with_capacity(4);
        for i in 0..200 {
            push_str(
                &mut s,
                if i % 2 == 0 {
                    "ab"
                } else {
                    "cdefghijklmnopqrstuvwxyz0123456789ABC"
                },
            );
        }
        let expected: String = (0..200)
            .map(|i| {
                if i % 2 == 0 {
                    "ab"
                } else {
                    "cdefghijklmnopqrstuvwxyz0123456789ABC"
                }
            })
            .collect();
        assert_eq!(s, expected);
    }

    /// Multi-byte characters are appended whole.
    #[test]
    fn keeps_utf8() {
        let mut s = String::new();
        for piece in [
            "é",
            "日本",
            "😀x",
            "a\u{10FFFF}bcdefgh",
            "ünïcödé ünïcödé ünïcödé",
        ] {
            push_str(&mut s, piece);
        }
        assert_eq!(s, "é日本😀xa\u{10FFFF}bcdefghünïcödé ünïcödé ünïcödé");
    }
}
