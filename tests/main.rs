//! Integration tests, one binary: golden results from cairo-run, the cairo-vm crate as an
//! in-process oracle, and command-line behaviour.

mod builtins;
mod cli;
mod common;
mod golden;
mod hints;
mod oracle;
mod pie;
