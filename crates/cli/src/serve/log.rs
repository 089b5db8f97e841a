//! The request log. Lines collect in a buffer that a timer writes out
//! every 50 ms (or a request does, once 32 KiB are waiting): one `write`
//! per request on stderr was a fifth of the CPU per request under load,
//! and handing each line to a writer thread cost a wake-up per request.

use std::io::Write;
use std::sync::Mutex;
use std::time::Duration;

pub struct Log {
    pending: Mutex<Vec<u8>>,
}

const FLUSH_AT: usize = 32 * 1024;
pub const FLUSH_EVERY: Duration = Duration::from_millis(50);

impl Log {
    pub fn new() -> Log {
        Log {
            pending: Mutex::new(Vec::with_capacity(FLUSH_AT)),
        }
    }

    pub fn line(&self, args: std::fmt::Arguments<'_>) {
        let mut p = self.pending.lock().unwrap_or_else(|e| e.into_inner());
        let _ = p.write_fmt(args);
        p.push(b'\n');
        if p.len() >= FLUSH_AT {
            let _ = std::io::stderr().write_all(&p);
            p.clear();
        }
    }

    pub fn flush(&self) {
        let text = {
            let mut p = self.pending.lock().unwrap_or_else(|e| e.into_inner());
            if p.is_empty() {
                return;
            }
            std::mem::replace(&mut *p, Vec::with_capacity(FLUSH_AT))
        };
        let _ = std::io::stderr().write_all(&text);
    }
}
