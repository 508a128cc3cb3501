//! Builtins, as cairo-lang's builtin runners define them: each builtin's segment, its initial
//! and final stack entries, the validation and auto-deduction hooks it installs on its segment,
//! and what proof mode, the AIR inputs and Cairo PIEs read from it.
//!
//! One file per builtin holds its rules (deduction, validation, messages worded as
//! cairo-lang's); `runner` holds what all of them share ([`BuiltinRunner`], [`Builtins`]).
//!
//! Invariants: a deduction hook is a pure function of the memory (caches would only save
//! time), so deducing the same cell twice gives the same value; a validator sees the memory
//! before the write it judges.

pub mod bitwise;
pub mod ec_op;
pub mod ecdsa;
pub mod keccak;
pub mod modulo;
pub mod output;
pub mod pedersen;
pub mod poseidon;
mod poseidon_constants;
pub mod range_check;
mod runner;
pub mod segment_arena;

pub use runner::{BuiltinRunner, Builtins, Insufficient};

use std::fmt;

/// Every builtin cairo-lang knows, in the canonical order used by layouts and `%builtins`.
#[derive(Clone, Copy, PartialEq, Eq, Debug, Hash, PartialOrd, Ord)]
pub enum BuiltinKind {
    /// Program output.
    Output,
    /// Pedersen hash.
    Pedersen,
    /// 128-bit range checks.
    RangeCheck,
    /// ECDSA signature verification.
    Ecdsa,
    /// Bitwise operations.
    Bitwise,
    /// Elliptic-curve operation.
    EcOp,
    /// Keccak permutation.
    Keccak,
    /// Poseidon permutation.
    Poseidon,
    /// 96-bit range checks.
    RangeCheck96,
    /// Modular addition circuits.
    AddMod,
    /// Modular multiplication circuits.
    MulMod,
    /// Cairo 1's segment arena (dictionaries' segments): no layout has it; a run adds it after
    /// the layout's builtins when the program lists it (see [`segment_arena`]).
    SegmentArena,
}

impl BuiltinKind {
    /// All builtins, in canonical order.
    pub const ALL: [BuiltinKind; 11] = [
        BuiltinKind::Output,
        BuiltinKind::Pedersen,
        BuiltinKind::RangeCheck,
        BuiltinKind::Ecdsa,
        BuiltinKind::Bitwise,
        BuiltinKind::EcOp,
        BuiltinKind::Keccak,
        BuiltinKind::Poseidon,
        BuiltinKind::RangeCheck96,
        BuiltinKind::AddMod,
        BuiltinKind::MulMod,
    ];

    /// The name used in `%builtins` and layouts.
    pub const fn name(self) -> &'static str {
        match self {
            BuiltinKind::Output => "output",
            BuiltinKind::Pedersen => "pedersen",
            BuiltinKind::RangeCheck => "range_check",
            BuiltinKind::Ecdsa => "ecdsa",
            BuiltinKind::Bitwise => "bitwise",
            BuiltinKind::EcOp => "ec_op",
            BuiltinKind::Keccak => "keccak",
            BuiltinKind::Poseidon => "poseidon",
            BuiltinKind::RangeCheck96 => "range_check96",
            BuiltinKind::AddMod => "add_mod",
            BuiltinKind::MulMod => "mul_mod",
            BuiltinKind::SegmentArena => "segment_arena",
        }
    }

    /// The builtin of a name (the builtins of cairo-lang's layouts, and `segment_arena`).
    pub fn from_name(name: &str) -> Option<BuiltinKind> {
        Self::ALL.into_iter().chain([BuiltinKind::SegmentArena]).find(|b| b.name() == name)
    }

    /// Memory cells per instance.
    pub const fn cells_per_instance(self) -> u64 {
        match self {
            BuiltinKind::Output | BuiltinKind::RangeCheck | BuiltinKind::RangeCheck96 => 1,
            BuiltinKind::Pedersen => 3,
            BuiltinKind::Ecdsa => 2,
            BuiltinKind::Bitwise => 5,
            BuiltinKind::EcOp => 7,
            BuiltinKind::Keccak => 16,
            BuiltinKind::Poseidon => 6,
            BuiltinKind::AddMod | BuiltinKind::MulMod => 7,
            BuiltinKind::SegmentArena => 3,
        }
    }

    /// Input cells per instance (the rest are outputs the builtin deduces).
    pub const fn n_input_cells(self) -> u64 {
        match self {
            BuiltinKind::Output | BuiltinKind::RangeCheck | BuiltinKind::RangeCheck96 => 1,
            BuiltinKind::Pedersen | BuiltinKind::Ecdsa | BuiltinKind::Bitwise => 2,
            BuiltinKind::EcOp => 5,
            BuiltinKind::Keccak => 8,
            BuiltinKind::Poseidon => 3,
            BuiltinKind::AddMod | BuiltinKind::MulMod | BuiltinKind::SegmentArena => {
                Self::cells_per_instance(self)
            }
        }
    }

    /// Instances handled by one component (keccak: 16).
    pub const fn instances_per_component(self) -> u64 {
        match self {
            BuiltinKind::Keccak => 16,
            _ => 1,
        }
    }

    /// Memory units per instance beyond its cells (add_mod, mul_mod: the 15 values and offsets
    /// the instance reads).
    pub const fn additional_memory_units(self) -> u64 {
        match self {
            BuiltinKind::AddMod | BuiltinKind::MulMod => 15,
            _ => 0,
        }
    }

    /// Whether the builtin may have a ratio below one (`ratio_den`).
    pub const fn is_low_ratio(self) -> bool {
        matches!(self, BuiltinKind::RangeCheck96 | BuiltinKind::AddMod | BuiltinKind::MulMod)
    }

    /// Whether this VM can run the builtin.
    pub const fn is_supported(self) -> bool {
        true
    }
}

impl fmt::Display for BuiltinKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}
