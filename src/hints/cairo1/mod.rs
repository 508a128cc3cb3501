//! Cairo 1 hints: the typed `Hint` enum of `cairo-lang-casm`, executed against our VM.
//!
//! A Cairo 1 program carries its hints as values (`Hint::Core`, `Hint::Starknet`,
//! `Hint::External`) attached to pcs, not as Python text: [`Cairo1Hints`] holds them grouped by
//! pc (resolved once, at load time) and [`Cairo1HintProcessor`] is the [`HintHook`] that runs a
//! pc's group before its instruction, as the interpreter does for Cairo Zero hints.
//!
//! Semantics follow cairo-lang-runner's `CairoHintProcessor` and cairo-vm's
//! `Cairo1HintProcessor` (the test oracle), hint by hint: the dict manager and squash state in
//! [`dict`], `EvalCircuit`'s gate evaluation in `circuit`, the operand rules in [`operand`],
//! Starknet syscalls through a caller-provided [`SyscallHandler`]. `RandomEcPoint` yields the point cairo-vm's processor yields (its random
//! generator is seeded with a constant, so the point is a constant).
//!
//! Invariants: hints only write cells (write-once memory: writing an equal value is allowed)
//! and add segments; they never move registers.

mod circuit;
mod core_hints;
mod dict;
pub mod operand;
pub mod syscall;

pub use syscall::SyscallHandler;

use crate::interp::HintHook;
use crate::vm::{HintFailure, MemoryError, Relocatable, Value, Vm, VmError, VmErrorKind};
use cairo_lang_casm::hints::{CoreHintBase, ExternalHint, Hint, StarknetHint};
use dict::{DictManager, SquashState};
use operand::{get_ptr, int_at, set};
use starknet_types_core::felt::Felt;
use std::collections::BTreeMap;
use std::sync::{Arc, Mutex};

/// Why a Cairo 1 hint failed.
#[derive(Debug, thiserror::Error)]
pub enum Cairo1HintError {
    /// A memory fault (an inconsistent write, a validation failure).
    #[error(transparent)]
    Memory(#[from] MemoryError),
    /// A cell the hint reads is not set.
    #[error("Unknown value for memory cell at address {0}.")]
    Unknown(Relocatable),
    /// A Starknet syscall or cheatcode without a handler (or the handler's error).
    #[error("{0}")]
    Syscall(String),
    /// A hint this VM does not run.
    #[error("Unsupported Cairo 1 hint: {0}")]
    Unsupported(String),
    /// Anything else, worded as the reference processors word it.
    #[error("{0}")]
    Msg(String),
}

/// A program's Cairo 1 hints, grouped by pc (offset in the program segment).
#[derive(Debug, Default, Clone)]
pub struct Cairo1Hints {
    groups: Vec<Vec<Hint>>,
    pcs: Vec<usize>,
    /// Values `WriteRunParam` writes (`user_args[index]`), for executables.
    pub run_params: Vec<Vec<RunParam>>,
}

/// A run argument as `WriteRunParam` writes it: a value, or an array (written as a new
/// segment's start and end).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RunParam {
    /// One felt.
    Value(Felt),
    /// An array: a new segment holding its values.
    Array(Vec<RunParam>),
}

impl Cairo1Hints {
    /// Groups `hints` (pc, hints at that pc) by pc; several entries for one pc are merged in
    /// order.
    pub fn new(hints: impl IntoIterator<Item = (usize, Vec<Hint>)>) -> Self {
        let mut by_pc: BTreeMap<usize, Vec<Hint>> = BTreeMap::new();
        for (pc, hs) in hints {
            by_pc.entry(pc).or_default().extend(hs);
        }
        let (pcs, groups) = by_pc.into_iter().unzip();
        Cairo1Hints { groups, pcs, run_params: Vec::new() }
    }

    /// `(pc, group)` for every hint-bearing pc, for the code cache.
    pub fn groups(&self) -> impl Iterator<Item = (usize, u32)> + '_ {
        self.pcs.iter().enumerate().map(|(g, pc)| (*pc, g as u32))
    }

    /// The hints at `pc`.
    pub fn at(&self, pc: usize) -> &[Hint] {
        match self.pcs.binary_search(&pc) {
            Ok(i) => &self.groups[i],
            Err(_) => &[],
        }
    }

    /// Every (pc, hints) pair, in pc order.
    pub fn iter(&self) -> impl Iterator<Item = (usize, &[Hint])> {
        self.pcs.iter().copied().zip(self.groups.iter().map(Vec::as_slice))
    }
}

/// A shared syscall handler, as the run configuration holds it.
pub type SharedSyscallHandler = Arc<Mutex<dyn SyscallHandler>>;

/// Runs Cairo 1 hints: the [`HintHook`] of a Cairo 1 run.
pub struct Cairo1HintProcessor {
    hints: Arc<Cairo1Hints>,
    dicts: Option<DictManager>,
    squash: Option<SquashState>,
    excluded_arc: Option<u8>,
    /// `AllocConstantSize`'s next free address (in a segment created on first use).
    next_constant: Option<Relocatable>,
    syscalls: Option<SharedSyscallHandler>,
}

impl Cairo1HintProcessor {
    /// A processor for `hints`, serving syscalls with `syscalls` when given.
    pub fn new(hints: Arc<Cairo1Hints>, syscalls: Option<SharedSyscallHandler>) -> Self {
        Cairo1HintProcessor {
            hints,
            dicts: None,
            squash: None,
            excluded_arc: None,
            next_constant: None,
            syscalls,
        }
    }

    /// `(pc, group)` for every hint-bearing pc.
    pub fn groups(&self) -> Vec<(usize, u32)> {
        self.hints.groups().collect()
    }

    fn squash(&mut self) -> Result<&mut SquashState, Cairo1HintError> {
        self.squash.as_mut().ok_or_else(|| Cairo1HintError::Msg("no dictionary is being squashed".into()))
    }

    fn dicts(&mut self) -> Result<&mut DictManager, Cairo1HintError> {
        self.dicts.as_mut().ok_or_else(|| {
            Cairo1HintError::Msg("Trying to use a dict while dict manager was not initialized.".into())
        })
    }

    /// Executes one hint at the current pc.
    pub fn execute(&mut self, vm: &mut Vm, hint: &Hint) -> Result<(), Cairo1HintError> {
        match hint {
            Hint::Core(CoreHintBase::Core(h)) => self.core(vm, h),
            Hint::Core(CoreHintBase::Deprecated(h)) => self.deprecated(vm, h),
            Hint::Starknet(h) => self.starknet(vm, h),
            Hint::External(h) => self.external(vm, h),
        }
    }

    fn starknet(&mut self, vm: &mut Vm, h: &StarknetHint) -> Result<(), Cairo1HintError> {
        let pc = vm.pc;
        match h {
            StarknetHint::SystemCall { system } => {
                let ptr = get_ptr(vm, system)?;
                let selector = int_at(vm, ptr)?;
                let name = syscall::short_string(&selector);
                let Some(handler) = self.syscalls.clone() else {
                    return Err(Cairo1HintError::Syscall(format!(
                        "Starknet syscall {name} at pc={pc}: no syscall handler was given for this run"
                    )));
                };
                let mut handler = handler
                    .lock()
                    .map_err(|_| Cairo1HintError::Syscall("syscall handler poisoned".into()))?;
                handler
                    .syscall(vm, ptr)
                    .map_err(|e| Cairo1HintError::Syscall(format!("Starknet syscall {name} at pc={pc}: {e}")))
            }
            StarknetHint::Cheatcode { selector, input_start, input_end, output_start, output_end } => {
                let selector = Felt::from(&selector.value);
                let name = syscall::short_string(&selector);
                let Some(handler) = self.syscalls.clone() else {
                    return Err(Cairo1HintError::Syscall(format!(
                        "cheatcode {name} at pc={pc}: no syscall handler was given for this run"
                    )));
                };
                let (start, end) = (get_ptr(vm, input_start)?, get_ptr(vm, input_end)?);
                let n = end.offset.saturating_sub(start.offset);
                let input = (0..n)
                    .map(|i| int_at(vm, Relocatable::new(start.segment, start.offset + i)))
                    .collect::<Result<Vec<_>, _>>()?;
                let mut handler = handler
                    .lock()
                    .map_err(|_| Cairo1HintError::Syscall("syscall handler poisoned".into()))?;
                let out = handler
                    .cheatcode(vm, &selector, input)
                    .map_err(|e| Cairo1HintError::Syscall(format!("cheatcode {name} at pc={pc}: {e}")))?;
                let seg = vm.memory.add_segment();
                for (i, v) in out.iter().enumerate() {
                    vm.memory.insert(Relocatable::new(seg.segment, i as u64), Value::Int(*v))?;
                }
                set(vm, output_start, seg)?;
                set(vm, output_end, Relocatable::new(seg.segment, out.len() as u64))
            }
        }
    }

    fn external(&mut self, vm: &mut Vm, h: &ExternalHint) -> Result<(), Cairo1HintError> {
        match h {
            ExternalHint::AddRelocationRule { src, dst } => {
                let (s, d) = (get_ptr(vm, src)?, get_ptr(vm, dst)?);
                vm.memory.add_relocation_rule(s, d).map_err(Cairo1HintError::Memory)
            }
            ExternalHint::WriteRunParam { index, dst } => {
                let index = operand::get_usize(vm, index)?;
                let params = self.hints.run_params.get(index).cloned().ok_or_else(|| {
                    Cairo1HintError::Msg(format!("WriteRunParam: no run argument number {index}"))
                })?;
                let at = operand::cell_addr(vm, dst)?;
                write_params(vm, at, &params)
            }
            // Debugging aids of cairo-lang-runner: nothing to do for a VM.
            ExternalHint::AddMarker { .. } | ExternalHint::AddTrace { .. } => Ok(()),
        }
    }
}

/// Writes run parameters from `at` on: values in place, arrays as a new segment's start and
/// end (cairo-lang-runner's `WriteRunParam`).
fn write_params(vm: &mut Vm, at: Relocatable, params: &[RunParam]) -> Result<(), Cairo1HintError> {
    let mut stack = vec![(at, params.to_vec())];
    while let Some((mut buf, values)) = stack.pop() {
        for v in values {
            match v {
                RunParam::Value(f) => {
                    vm.memory.insert(buf, Value::Int(f))?;
                    buf.offset += 1;
                }
                RunParam::Array(items) => {
                    let seg = vm.memory.add_segment();
                    let size: u64 = items.iter().map(param_size).sum();
                    vm.memory.insert(buf, Value::Ptr(seg))?;
                    vm.memory.insert(
                        Relocatable::new(buf.segment, buf.offset + 1),
                        Value::Ptr(Relocatable::new(seg.segment, size)),
                    )?;
                    buf.offset += 2;
                    stack.push((seg, items));
                }
            }
        }
    }
    Ok(())
}

fn param_size(p: &RunParam) -> u64 {
    match p {
        RunParam::Value(_) => 1,
        RunParam::Array(_) => 2,
    }
}

impl HintHook for Cairo1HintProcessor {
    fn run_hints(&mut self, group: u32, vm: &mut Vm) -> Result<(), VmError> {
        let hints = Arc::clone(&self.hints);
        for (index, h) in hints.groups[group as usize].iter().enumerate() {
            if let Err(e) = self.execute(vm, h) {
                let message = match e {
                    Cairo1HintError::Unsupported(_) | Cairo1HintError::Syscall(_) => e.to_string(),
                    _ => format!("Got an exception while executing a hint: {e}"),
                };
                return Err(VmErrorKind::Hint(HintFailure { index, message, note: None }).into());
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests;
