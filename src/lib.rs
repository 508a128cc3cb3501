//! cairo-jit: a Cairo virtual machine with a reference interpreter and (soon) a Cranelift JIT,
//! producing the trace and memory that cairo-lang's `cairo-run` produces, byte for byte.
//!
//! Data flows `program` (load and validate) -> `runner` (layout, segments, entrypoint) ->
//! engine (`interp`) over a `vm` state with `builtins` and `hints` -> relocation -> `output`.
#![warn(missing_docs)]

pub mod builtins;
#[cfg(feature = "cairo1")]
pub mod cairo1;
pub mod casm;
pub mod cli;
pub mod hints;
pub mod interp;
pub mod jit;
pub mod output;
pub mod program;
pub mod runner;
#[doc(hidden)]
pub mod testing;
pub mod vm;
