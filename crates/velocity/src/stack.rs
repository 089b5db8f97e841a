//! A guard against overflowing the native stack: the parser and renderer
//! recurse per nesting level, and frames are large in debug builds and
//! the wasm stack is small (1 MiB), so besides counting depth they check
//! how much stack they have used. Going over is the nesting-depth error.

/// Stack a parse or a render may use, in bytes.
pub const BUDGET: usize = 512 * 1024;

/// An address on the current stack frame.
#[inline(never)]
pub fn addr() -> usize {
    let marker = 0u8;
    std::hint::black_box(&marker) as *const u8 as usize
}

/// Whether more than [`BUDGET`] bytes of stack are in use since `base`.
#[inline]
pub fn exhausted(base: usize) -> bool {
    addr().abs_diff(base) > BUDGET
}
