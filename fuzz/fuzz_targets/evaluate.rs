//! `evaluate` on structured input: an integration of a random type with
//! templates stitched from VTL/API Gateway tokens, and random request
//! fields. It must answer (any status), never panic or hang.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|input: mockgate_fuzz::EvalInput| {
    mockgate_fuzz::evaluate_once(&input);
});
