//! The parser on arbitrary bytes (read as UTF-8, lossily): it must return
//! a template or errors, never panic, never hang.
#![no_main]
use libfuzzer_sys::fuzz_target;
use mockgate_velocity::Template;

fuzz_target!(|data: &[u8]| {
    let src = String::from_utf8_lossy(data);
    match Template::parse("fuzz", &src) {
        Ok(t) => assert_eq!(t.source(), &*src),
        Err(errors) => assert!(!errors.is_empty(), "parse failed without an error"),
    }
});
