//! Parse + render with a small fixed context under tight limits: any
//! template either renders within the limits or fails with an error.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let src = String::from_utf8_lossy(data);
    mockgate_fuzz::render_once(&src, &mockgate_fuzz::tight_limits());
});
