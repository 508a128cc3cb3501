//! Faults raised while executing an instruction, worded as cairo-lang words them.
//!
//! [`VmError`] is one pointer wide so the per-step `Result` stays in registers; the detail
//! lives in a boxed [`VmErrorKind`] built only on the (cold) error path.

use super::memory::MemoryError;
use super::value::{Relocatable, Value};
use crate::casm::DecodeError;
use thiserror::Error;

/// An execution fault. The pc and source location are added by the runner.
#[derive(Debug, Error)]
#[error(transparent)]
pub struct VmError(pub Box<VmErrorKind>);

impl VmError {
    /// The fault's kind.
    pub fn kind(&self) -> &VmErrorKind {
        &self.0
    }
}

impl<E: Into<VmErrorKind>> From<E> for VmError {
    #[cold]
    fn from(e: E) -> Self {
        VmError(Box::new(e.into()))
    }
}

/// The kinds of execution faults.
#[derive(Debug, Error)]
pub enum VmErrorKind {
    /// A memory fault (inconsistent write, unknown cell, builtin validation).
    #[error(transparent)]
    Memory(#[from] MemoryError),
    /// The word at pc is not a valid instruction.
    #[error(transparent)]
    Decode(#[from] DecodeError),
    /// The value at pc is a pointer.
    #[error("Instruction should be an int. Found: {0}")]
    NotAnInstruction(Value),
    /// An immediate instruction at the end of memory.
    #[error("op1_addr is Op1Addr.IMM, but no immediate given")]
    NoImmediate,
    /// Double dereference through an unknown op0.
    #[error("op0 must be known in double dereference.")]
    Op0Unknown,
    /// assert_eq failed.
    #[error("An ASSERT_EQ instruction failed: {0} != {1}.")]
    AssertEq(Value, Value),
    /// call's op0 is not the return pc.
    #[error(
        "Call failed to write return-pc (inconsistent op0): {0} != {1}. Did you forget to increment ap?"
    )]
    CallReturnPc(Value, Value),
    /// call's dst is not fp.
    #[error(
        "Call failed to write return-fp (inconsistent dst): {0} != {1}. Did you forget to increment ap?"
    )]
    CallReturnFp(Value, Value),
    /// op0 deduction through a multiplication by zero.
    #[error("Cannot deduce operand in '0 = ? * {0}' (possibly due to division by 0).")]
    DivByZero(Value),
    /// Arithmetic on a pointer that only felts support.
    #[error("Could not complete computation {op} of non pure {values}.")]
    PureValue {
        /// The operation.
        op: &'static str,
        /// The operands, formatted.
        values: String,
    },
    /// Adding two pointers.
    #[error("Cannot add two relocatable values: {0} + {1}.")]
    AddPointers(Relocatable, Relocatable),
    /// Subtracting pointers of different segments, or a pointer from a felt.
    #[error("Can only subtract two relocatable values of the same segment ({0} != {1}).")]
    SubSegments(i64, i64),
    /// Subtracting a pointer from a felt.
    #[error("Cannot subtract a relocatable value from a field element: {0} - {1}.")]
    SubFeltPointer(Value, Value),
    /// An unconstrained res used where a value is needed.
    #[error("Res.UNCONSTRAINED cannot be used with {0}")]
    Unconstrained(&'static str),
    /// An address computation left the supported offset range.
    #[error("Address computation out of range: {0} + {1}.")]
    AddressOutOfRange(Value, i128),
    /// A register would hold something other than a pointer.
    #[error("Register {0} must hold a relocatable value; got {1}.")]
    RegisterNotPointer(&'static str, Value),
    /// A step was attempted at the final pc.
    #[error("Error: Execution reached the end of the program.")]
    EndOfProgram,
    /// `--max_steps` ran out before the end.
    #[error("Error: End of program was not reached")]
    StepLimit,
    /// A hint failed.
    #[error("{}", .0.message)]
    Hint(HintFailure),
    /// A builtin's auto-deduction failed.
    #[error("{0}")]
    Builtin(String),
    /// A cell of a builtin segment differs from what the builtin deduces (checked at the end
    /// of the run).
    #[error("Inconsistent auto deduction rule at address {addr}. {current} != {new}.")]
    InconsistentAutoDeduction {
        /// The address.
        addr: Relocatable,
        /// The value in memory.
        current: Value,
        /// The deduced value.
        new: Value,
    },
}

/// A failed hint, as the error report needs it.
#[derive(Debug)]
pub struct HintFailure {
    /// The index of the hint among its pc's hints (its location is reported).
    pub index: usize,
    /// The error message (`Got an exception while executing a hint.`, ...).
    pub message: String,
    /// The Python-style traceback printed after the Cairo traceback, if any.
    pub note: Option<String>,
}
