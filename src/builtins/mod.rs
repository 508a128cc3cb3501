//! Builtin runners: each builtin's segment, its initial and final stack entries, and the
//! validation and auto-deduction hooks it installs on its segment.
//!
//! Supported so far: output and range_check (and range_check96's validation). The other
//! builtins are known by name, so that a program using them gets a clear "not supported yet"
//! error instead of a wrong run.

mod range_check;

use crate::vm::{Memory, Relocatable, Value, Vm};
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
        }
    }

    /// The builtin of a name.
    pub fn from_name(name: &str) -> Option<BuiltinKind> {
        Self::ALL.into_iter().find(|b| b.name() == name)
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
        }
    }

    /// Whether this VM can run the builtin yet.
    pub const fn is_supported(self) -> bool {
        matches!(self, BuiltinKind::Output | BuiltinKind::RangeCheck | BuiltinKind::RangeCheck96)
    }
}

impl fmt::Display for BuiltinKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// A builtin's runner: its segment and whether the program uses it.
#[derive(Clone, Debug)]
pub struct BuiltinRunner {
    /// Which builtin.
    pub kind: BuiltinKind,
    /// Whether the program's `%builtins` names it.
    pub included: bool,
    /// The segment base.
    pub base: Relocatable,
    /// The stop pointer read by `final_stack`.
    pub stop_ptr: Option<Relocatable>,
}

impl BuiltinRunner {
    /// A runner with its segment allocated now.
    pub fn new(kind: BuiltinKind, included: bool, memory: &mut Memory) -> Self {
        let base = memory.add_segment();
        BuiltinRunner { kind, included, base, stop_ptr: None }
    }

    /// The `%builtins` pointer passed to main.
    pub fn initial_stack(&self) -> Vec<Value> {
        if self.included {
            vec![Value::Ptr(self.base)]
        } else {
            Vec::new()
        }
    }

    /// Installs validation and auto-deduction hooks on the segment.
    pub fn install(&self, vm: &mut Vm) {
        let seg = self.base.segment as usize;
        match self.kind {
            BuiltinKind::RangeCheck => vm.memory.set_validator(seg, range_check::validate_128),
            BuiltinKind::RangeCheck96 => vm.memory.set_validator(seg, range_check::validate_96),
            _ => {}
        }
    }

    /// Cells used in the segment (its effective size).
    pub fn used_cells(&self, memory: &Memory) -> u64 {
        memory.segment_len(self.base.segment).unwrap_or(0) as u64
    }

    /// Instances used.
    pub fn used_instances(&self, memory: &Memory) -> u64 {
        self.used_cells(memory).div_ceil(self.kind.cells_per_instance())
    }

    /// Reads the builtin's stop pointer below `pointer` and checks it (cairo-lang's
    /// `final_stack`); returns the pointer below what it consumed.
    pub fn final_stack(&mut self, memory: &Memory, pointer: Relocatable) -> Result<Relocatable, String> {
        if !self.included {
            self.stop_ptr = Some(self.base);
            return Ok(pointer);
        }
        let at = pointer
            .offset
            .checked_sub(1)
            .map(|o| Relocatable::new(pointer.segment, o))
            .ok_or_else(|| format!("Invalid stop pointer for {}: the stack is empty.", self.kind))?;
        let stop = memory.get_value(at).map_err(|e| e.to_string())?;
        let used = self.used_instances(memory) * self.kind.cells_per_instance();
        let expected = Relocatable::new(self.base.segment, self.base.offset + used);
        match stop {
            Value::Ptr(p) if p == expected => {
                self.stop_ptr = Some(p);
                Ok(at)
            }
            other => Err(format!(
                "Invalid stop pointer for {}. Expected: {}, found: {}",
                self.kind, expected, other
            )),
        }
    }
}
