//! Property test: random CASM programs (every instruction form, deductions, jumps, calls,
//! memory faults, hints at random pcs) run under the interpreter and the JIT must give the same
//! outcome: trace, memory, output and print_info, or the same error at the same pc and step.
//! The fuzz target (`fuzz/`) runs the same harness on coverage-guided inputs.
//!
//! `JIT_PROP_CASES` sets the number of programs (default 400; e.g. 100000 for a long run),
//! `JIT_PROP_SEED` the seed.

use cairo_jit::testing::{fuzz_one, Outcome};
use rand::{Rng, SeedableRng};

#[test]
fn random_programs_behave_identically_under_both_engines() {
    let cases: u64 = std::env::var("JIT_PROP_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(400);
    let seed: u64 = std::env::var("JIT_PROP_SEED").ok().and_then(|v| v.parse().ok()).unwrap_or(0x5eed);
    let mut rng = rand::rngs::StdRng::seed_from_u64(seed);
    let (mut ok, mut err, mut steps) = (0u64, 0u64, 0u64);
    for case in 0..cases {
        let len = rng.random_range(16..600);
        let bytes: Vec<u8> = (0..len).map(|_| rng.random()).collect();
        match fuzz_one(&bytes) {
            Ok(o) => {
                steps += o.steps();
                if matches!(o, Outcome::Ok { .. }) {
                    ok += 1
                } else {
                    err += 1
                }
            }
            Err(d) => panic!("case {case} (seed {seed}) differs: {d}"),
        }
    }
    eprintln!("{cases} random programs: {ok} completed, {err} faulted, {steps} steps in all; all identical");
}
