//! Coverage-guided differential fuzzing: any byte string is a CASM program
//! (`cairo_jit::testing::random_program`); the JIT must behave exactly as the interpreter.
//!
//! `cargo +nightly fuzz run jit_vs_interp -- -len_control=0 -max_len=512` (from the repository
//! root or `fuzz/`). The crate is built without cairo-jit's default `cairo1` feature.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Err(diff) = cairo_jit::testing::fuzz_one(data) {
        panic!("JIT and interpreter differ: {diff}");
    }
});
