//! CASM instructions: the decoded form, the decoder (with every invalid encoding rejected and
//! explained), and the encoder used by tests and fuzzers.
//!
//! Invariant: an [`Instruction`] returned by [`decode`] is internally consistent (`size` is 2
//! exactly when op1 is an immediate, call implies ap += 2 and fp = ap + 2, ret implies fp = dst,
//! jnz implies an unconstrained res), so the engines never re-validate it.

mod decode;
pub mod disasm;
mod instruction;

pub use decode::{decode, encode, DecodeError};
pub use instruction::{ApUpdate, FpUpdate, Instruction, Op1Src, Opcode, PcUpdate, Reg, Res};
