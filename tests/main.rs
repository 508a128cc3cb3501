//! Integration tests, one binary: golden results from cairo-run, the cairo-vm crate as an
//! in-process oracle, and command-line behaviour.

mod bench_cmd;
mod builtins;
#[cfg(feature = "cairo1")]
mod cairo1;
mod cli;
mod common;
mod golden;
mod hints;
mod identity;
mod jit_safety;
mod oracle;
mod pie;
mod prop_jit;
