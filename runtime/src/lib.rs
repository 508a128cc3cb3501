//! What cairo-jit's interpreter and its generated code share.
//!
//! This crate owns the data layouts that both engines touch directly:
//! - [`felt`]: Stark-field arithmetic on the raw Montgomery limbs of
//!   `starknet_types_core::felt::Felt` (most significant limb first), so values cross the
//!   boundary with the rest of the code at no cost;
//! - [`cell`]: the 32-byte memory cell, whose tag bits generated code tests inline.
//!
//! It has no Cranelift dependency: the interpreter calls the same functions directly.
#![warn(missing_docs)]

pub mod cell;
pub mod felt;
pub mod jit;
