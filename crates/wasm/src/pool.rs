//! The module's allocator: small blocks from free lists, the rest from
//! std's (dlmalloc).
//!
//! A render makes and drops many small blocks (strings a method returns,
//! `Rc` boxes, the context's tables). Measured in the module (best of 7,
//! back to back): seed-scope render +6%, parse+render +6%; photos-100 and
//! transform-1mb within noise.
//! Here a freed block of up to 128 bytes goes on the free list of its
//! size class (multiples of 16) and the next request of that class takes
//! it back: a few loads and stores. Blocks on the lists are not returned
//! to dlmalloc; the module's memory never shrinks anyway, and a class's
//! list holds at most what was once in use at the same time.

use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::UnsafeCell;
use std::ptr;

const CLASS: usize = 16;
const CLASSES: usize = 8;
const MAX: usize = CLASS * CLASSES;

pub struct Pool {
    heads: UnsafeCell<[*mut u8; CLASSES]>,
}

// SAFETY: wasm32-unknown-unknown without the atomics feature has one
// thread; nothing else can reach the lists. (Natively a `Pool` is only
// made in tests, never shared.)
#[cfg(target_arch = "wasm32")]
unsafe impl Sync for Pool {}

impl Pool {
    pub const fn new() -> Pool {
        Pool {
            heads: UnsafeCell::new([ptr::null_mut(); CLASSES]),
        }
    }
}

/// The class of a small block, `None` for one std's allocator serves.
#[inline(always)]
fn class(layout: Layout) -> Option<usize> {
    (layout.size() <= MAX && layout.align() <= CLASS && layout.size() > 0)
        .then(|| (layout.size() - 1) / CLASS)
}

#[inline(always)]
fn class_layout(class: usize) -> Layout {
    // SAFETY: a non-zero multiple of 16, aligned to 16.
    unsafe { Layout::from_size_align_unchecked((class + 1) * CLASS, CLASS) }
}

unsafe impl GlobalAlloc for Pool {
    #[inline]
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let Some(c) = class(layout) else {
            return System.alloc(layout);
        };
        let heads = &mut *self.heads.get();
        let head = heads[c];
        if head.is_null() {
            return System.alloc(class_layout(c));
        }
        heads[c] = head.cast::<*mut u8>().read();
        head
    }

    #[inline]
    unsafe fn dealloc(&self, p: *mut u8, layout: Layout) {
        let Some(c) = class(layout) else {
            return System.dealloc(p, layout);
        };
        let heads = &mut *self.heads.get();
        p.cast::<*mut u8>().write(heads[c]);
        heads[c] = p;
    }

    #[inline]
    unsafe fn realloc(&self, p: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        let new = Layout::from_size_align_unchecked(new_size, layout.align());
        match (class(layout), class(new)) {
            (Some(a), Some(b)) if a == b => p,
            (None, None) => System.realloc(p, layout, new_size),
            _ => {
                let q = self.alloc(new);
                if !q.is_null() {
                    ptr::copy_nonoverlapping(p, q, layout.size().min(new_size));
                    self.dealloc(p, layout);
                }
                q
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn layout(size: usize) -> Layout {
        Layout::from_size_align(size, 8).unwrap()
    }

    /// A freed small block is the next one of its class handed out; a
    /// block of another class, or a big one, is not.
    #[test]
    fn small_blocks_are_reused_by_class() {
        let pool = Pool::new();
        unsafe {
            let a = pool.alloc(layout(20));
            pool.dealloc(a, layout(20));
            assert_eq!(pool.alloc(layout(32)), a, "20 and 32 bytes are one class");
            let b = pool.alloc(layout(24));
            assert_ne!(b, a);
            pool.dealloc(b, layout(24));
            assert_ne!(pool.alloc(layout(40)), b, "40 bytes is the next class");
            let big = pool.alloc(layout(4096));
            pool.dealloc(big, layout(4096));
            let small = pool.alloc(layout(16));
            assert_ne!(small, big);
        }
    }

    /// Growing and shrinking keeps the bytes, within a class and across
    /// classes and into big blocks.
    #[test]
    fn realloc_keeps_the_bytes() {
        let pool = Pool::new();
        unsafe {
            let mut p = pool.alloc(layout(1));
            *p = 7;
            let mut size = 1;
            for next in [5, 16, 17, 100, 128, 129, 5000, 64, 3] {
                let q = pool.realloc(p, layout(size), next);
                assert!(!q.is_null());
                for i in 0..size.min(next) {
                    assert_eq!(*q.add(i), (i % 251) as u8 ^ 7, "{size} -> {next} at {i}");
                }
                for i in 0..next {
                    *q.add(i) = (i % 251) as u8 ^ 7;
                }
                p = q;
                size = next;
            }
            pool.dealloc(p, layout(size));
        }
    }

    /// Blocks are aligned as asked, up to the class size.
    #[test]
    fn blocks_are_aligned() {
        let pool = Pool::new();
        unsafe {
            for size in [1, 8, 15, 16, 33, 128] {
                let l = Layout::from_size_align(size, 16).unwrap();
                let p = pool.alloc(l);
                assert_eq!(p as usize % 16, 0);
                pool.dealloc(p, l);
            }
            let l = Layout::from_size_align(64, 64).unwrap();
            let p = pool.alloc(l);
            assert_eq!(
                p as usize % 64,
                0,
                "over-aligned blocks go to std's allocator"
            );
            pool.dealloc(p, l);
        }
    }
}
