//! Errors of a run, printed as cairo-run prints them: `Error: ...` for setup problems, and for
//! execution faults `Error at pc=S:O:` with the message, the source location and the traceback.

use crate::program::{Program, TracebackEntry, VmErrorReport};
use crate::vm::{Relocatable, Vm, VmError, VmErrorKind};
use thiserror::Error;

/// An execution fault with the context needed to report it.
#[derive(Debug)]
pub struct VmFault {
    /// The pc of the faulting step.
    pub pc: Relocatable,
    /// fp at the fault.
    pub fp: Relocatable,
    /// Steps completed before the fault.
    pub step: u64,
    /// The fault.
    pub error: VmError,
    /// Calling frames as `(fp, call pc)`, most recent call last.
    pub traceback: Vec<(Relocatable, Relocatable)>,
    /// Whether the report includes the location and traceback.
    pub with_traceback: bool,
    /// The full report.
    pub message: String,
    /// A digest of the set memory cells at the fault ([`crate::vm::Memory::digest`]), so that
    /// differential tests compare the memory of faulting runs too.
    pub memory_digest: u64,
}

/// An error cairo-run does not catch: Python prints a traceback ending in the exception's
/// qualified name and message. The traceback's frames are cairo-lang's own; only its first and
/// last lines are reproduced.
#[derive(Debug)]
pub struct Uncaught {
    /// The exception's qualified class name.
    pub exception: &'static str,
    /// Its message.
    pub message: String,
}

impl std::fmt::Display for Uncaught {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.message.is_empty() {
            write!(f, "Traceback (most recent call last):\n{}", self.exception)
        } else {
            write!(f, "Traceback (most recent call last):\n{}: {}", self.exception, self.message)
        }
    }
}

/// Why a run failed.
#[derive(Debug, Error)]
pub enum RunError {
    /// A setup or end-of-run check failed (cairo-run reports these as `Error: ...`).
    #[error("Error: {0}")]
    Config(String),
    /// The program needs something this VM does not support yet.
    #[error("Error: {0}")]
    Unsupported(String),
    /// An execution fault.
    #[error("{}", .0.message)]
    Vm(Box<VmFault>),
    /// An exception cairo-run lets escape (security checks, inconsistent deductions).
    #[error("{0}")]
    Uncaught(Uncaught),
}

impl RunError {
    /// Formats an execution fault's report with the program's debug info.
    pub(crate) fn with_location(self, program: &Program, vm: &Vm) -> RunError {
        match self {
            RunError::Vm(mut f) => {
                f.message = report(program, vm, &f);
                RunError::Vm(f)
            }
            other => other,
        }
    }

    /// The pc of an execution fault.
    pub fn pc(&self) -> Option<Relocatable> {
        match self {
            RunError::Vm(f) => Some(f.pc),
            _ => None,
        }
    }

    /// The number of steps completed before an execution fault.
    pub fn step(&self) -> Option<u64> {
        match self {
            RunError::Vm(f) => Some(f.step),
            _ => None,
        }
    }

    /// The execution fault, if this is one.
    pub fn vm_error(&self) -> Option<&VmError> {
        match self {
            RunError::Vm(f) => Some(&f.error),
            _ => None,
        }
    }
}

/// `str(VmException)` for a fault, through the program's error formatter.
fn report(program: &Program, vm: &Vm, f: &VmFault) -> String {
    let fmt = program.error_formatter(Relocatable::new(0, 0));
    let entries: Vec<TracebackEntry> =
        f.traceback.iter().map(|&(fp, pc)| TracebackEntry { pc, fp }).collect();
    let (message, hint_index, notes) = match f.error.kind() {
        VmErrorKind::Hint(h) => (h.message.clone(), Some(h.index), h.note.iter().cloned().collect()),
        k => (k.to_string(), None, Vec::new()),
    };
    let report = VmErrorReport {
        pc: f.pc,
        fp: f.fp,
        message: &message,
        traceback: f.with_traceback.then_some(entries.as_slice()),
        hint_index,
        notes: &notes,
    };
    fmt.format(&report, vm)
}
