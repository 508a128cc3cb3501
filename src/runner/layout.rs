//! Layouts: which builtins each of cairo-lang's layouts provides, in order.
//! (Ratios and the rest of the instance parameters come with proof mode.)

use crate::builtins::BuiltinKind;
use BuiltinKind::*;

/// A named layout.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Layout {
    /// cairo-lang's name for it.
    pub name: &'static str,
    /// Its builtins, in layout order (the order of their segments).
    pub builtins: &'static [BuiltinKind],
}

const ALL: &[BuiltinKind] =
    &[Output, Pedersen, RangeCheck, Ecdsa, Bitwise, EcOp, Keccak, Poseidon, RangeCheck96, AddMod, MulMod];

/// Every layout `--layout` accepts (cairo-run's list plus all_cairo).
pub const LAYOUTS: &[Layout] = &[
    Layout { name: "plain", builtins: &[] },
    Layout { name: "small", builtins: &[Output, Pedersen, RangeCheck, Ecdsa] },
    Layout { name: "dex", builtins: &[Output, Pedersen, RangeCheck, Ecdsa] },
    Layout { name: "recursive", builtins: &[Output, Pedersen, RangeCheck, Bitwise] },
    Layout { name: "starknet", builtins: &[Output, Pedersen, RangeCheck, Ecdsa, Bitwise, EcOp, Poseidon] },
    Layout { name: "recursive_large_output", builtins: &[Output, Pedersen, RangeCheck, Bitwise, Poseidon] },
    Layout { name: "all_solidity", builtins: &[Output, Pedersen, RangeCheck, Ecdsa, Bitwise, EcOp] },
    Layout {
        name: "starknet_with_keccak",
        builtins: &[Output, Pedersen, RangeCheck, Ecdsa, Bitwise, EcOp, Keccak, Poseidon],
    },
    Layout { name: "dynamic", builtins: ALL },
    Layout { name: "recursive_with_poseidon", builtins: &[Output, Pedersen, RangeCheck, Bitwise, Poseidon] },
    Layout { name: "all_cairo", builtins: ALL },
];

impl Layout {
    /// The layout of a name.
    pub fn by_name(name: &str) -> Option<&'static Layout> {
        LAYOUTS.iter().find(|l| l.name == name)
    }

    /// Every layout name, for help texts and errors.
    pub fn names() -> Vec<&'static str> {
        LAYOUTS.iter().map(|l| l.name).collect()
    }
}
