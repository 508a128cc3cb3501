//! What every builtin runner shares: its segment, stop pointer and layout ratio
//! ([`BuiltinRunner`], cairo-lang's `SimpleBuiltinRunner`), and the set of a run's runners with
//! the state hints reach through the VM ([`Builtins`]: ECDSA signatures, output pages and
//! attributes, the zero segment of the modulo builtins).
//!
//! Invariant: `Builtins::runners` is in layout order, which is the order of their segments.

use super::output::OutputState;
use super::{ecdsa, BuiltinKind};
use crate::runner::layout::BuiltinDef;
use crate::vm::{Deducer, Memory, Relocatable, Value, Vm, VmError};
use starknet_types_core::felt::Felt;
use std::collections::BTreeMap;
use std::sync::{Arc, Mutex};

/// A builtin's runner.
#[derive(Clone, Debug)]
pub struct BuiltinRunner {
    /// Which builtin.
    pub kind: BuiltinKind,
    /// Whether the program's `%builtins` names it (in proof mode every builtin of the layout
    /// has a runner).
    pub included: bool,
    /// The segment base.
    pub base: Relocatable,
    /// The stop pointer read by `final_stack`.
    pub stop_ptr: Option<Relocatable>,
    /// Steps per instance (`None`: dynamic). Output has no ratio.
    pub ratio: Option<u32>,
    /// The ratio's denominator.
    pub ratio_den: u32,
}

/// Why an allocation check failed: cairo-lang's `InsufficientAllocatedCells` (proof mode then
/// pads further), or, `fatal`, one of its assertions (`safe_div`'s "x is not divisible by y.").
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Insufficient {
    /// The message.
    pub message: String,
    /// An assertion, not a reason to pad further.
    pub fatal: bool,
}

impl Insufficient {
    /// Not enough cells: pad further.
    pub fn warn(message: String) -> Self {
        Insufficient { message, fatal: false }
    }
}

/// A builtin's check of one instance's inputs (see [`BuiltinRunner::instance_check`]).
pub type InstanceCheck = fn(Relocatable, &Memory) -> Result<(), VmError>;

impl BuiltinRunner {
    /// A runner with its segment allocated now.
    pub fn new(kind: BuiltinKind, def: Option<&BuiltinDef>, included: bool, memory: &mut Memory) -> Self {
        let base = memory.add_segment();
        BuiltinRunner {
            kind,
            included,
            base,
            stop_ptr: None,
            ratio: def.and_then(|d| d.ratio),
            ratio_den: def.map(|d| d.ratio_den).unwrap_or(1),
        }
    }

    /// The `%builtins` pointer passed to main.
    pub fn initial_stack(&self) -> Vec<Value> {
        if self.included {
            vec![Value::Ptr(self.base)]
        } else {
            Vec::new()
        }
    }

    /// The auto-deduction rule of the builtin's segment, if it has one.
    pub fn deducer(&self) -> Option<Deducer> {
        match self.kind {
            BuiltinKind::Pedersen => Some(super::pedersen::deduce),
            BuiltinKind::Bitwise => Some(super::bitwise::deduce),
            BuiltinKind::EcOp => Some(super::ec_op::deduce),
            BuiltinKind::Keccak => Some(super::keccak::deduce),
            BuiltinKind::Poseidon => Some(super::poseidon::deduce),
            _ => None,
        }
    }

    /// For a builtin whose deductions fail only on invalid inputs, with the same error for every
    /// output of an instance: what deducing any output of the instance at the given address
    /// gives when it fails (`Ok` otherwise). The security check runs it once per instance with
    /// unset outputs instead of deducing each ([`crate::runner::security`]).
    pub fn instance_check(&self) -> Option<InstanceCheck> {
        match self.kind {
            BuiltinKind::Bitwise => Some(super::bitwise::check_operands),
            _ => None,
        }
    }

    /// Cells used in the segment from the base on (the segment arena's base is past its
    /// three initial cells; every other base is a segment's start).
    pub fn used_cells(&self, memory: &Memory) -> u64 {
        (memory.segment_len(self.base.segment).unwrap_or(0) as u64).saturating_sub(self.base.offset)
    }

    /// Instances used.
    pub fn used_instances(&self, memory: &Memory) -> u64 {
        self.used_cells(memory).div_ceil(self.kind.cells_per_instance())
    }

    /// Instances the layout allocates after `steps` steps (cairo-lang's
    /// `get_allocated_instances`).
    pub fn allocated_instances(&self, memory: &Memory, steps: u64) -> Result<u64, Insufficient> {
        if matches!(self.kind, BuiltinKind::Output | BuiltinKind::SegmentArena) {
            return Ok(self.used_cells(memory));
        }
        let ipc = self.kind.instances_per_component();
        let Some(ratio) = self.ratio else {
            let needed = self.used_instances(memory).div_ceil(ipc);
            let components = if needed > 0 { needed.next_power_of_two() } else { 0 };
            return Ok(ipc * components);
        };
        if ratio == 0 {
            return Ok(0);
        }
        let (ratio, den) = (u64::from(ratio), u64::from(self.ratio_den));
        let min_steps = (ratio * ipc).div_ceil(den);
        if steps < min_steps {
            return Err(Insufficient::warn(format!(
                "Number of steps must be at least {min_steps} for the {} builtin.",
                self.kind
            )));
        }
        // safe_div.
        if !(steps * den).is_multiple_of(ratio) {
            return Err(Insufficient {
                message: format!("{} is not divisible by {ratio}.", steps * den),
                fatal: true,
            });
        }
        Ok(steps * den / ratio)
    }

    /// Used cells and allocated size (cairo-lang's `get_used_cells_and_allocated_size`).
    pub fn used_and_allocated(&self, memory: &Memory, steps: u64) -> Result<(u64, u64), Insufficient> {
        let used = self.used_cells(memory);
        match self.kind {
            BuiltinKind::Output => return Ok((used, used)),
            // The segment holds the three initial cells before the base.
            BuiltinKind::SegmentArena => return Ok((used, used + self.base.offset)),
            _ => {}
        }
        let size = self.kind.cells_per_instance() * self.allocated_instances(memory, steps)?;
        if used > size {
            return Err(Insufficient::warn(format!(
                "The {} builtin used {used} cells but the capacity is {size}.",
                self.kind
            )));
        }
        Ok((used, size))
    }

    /// Memory units the builtin takes from the layout's budget.
    pub fn allocated_memory_units(&self, memory: &Memory, steps: u64) -> Result<u64, Insufficient> {
        if self.kind == BuiltinKind::Output {
            return Ok(0);
        }
        let per = self.kind.cells_per_instance() + self.kind.additional_memory_units();
        Ok(per * self.allocated_instances(memory, steps)?)
    }

    /// Range-check units used (range_check builtins: `n_parts` per used cell).
    pub fn used_perm_range_check_units(&self, memory: &Memory, steps: u64) -> Result<u64, Insufficient> {
        let parts = match self.kind {
            BuiltinKind::RangeCheck => 8,
            BuiltinKind::RangeCheck96 => 6,
            _ => return Ok(0),
        };
        Ok(self.used_and_allocated(memory, steps)?.0 * parts)
    }

    /// Diluted units per instance (bitwise, keccak).
    pub fn diluted_units_per_instance(&self, spacing: u32, n_bits: u32) -> u64 {
        match self.kind {
            BuiltinKind::Bitwise => super::bitwise::diluted_units(251, spacing, n_bits),
            BuiltinKind::Keccak => (1u64 << 18) / u64::from(n_bits),
            _ => 0,
        }
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
        let used = if self.kind == BuiltinKind::Output {
            self.used_cells(memory)
        } else {
            self.used_instances(memory) * self.kind.cells_per_instance()
        };
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

/// The runners of a run and the state hints reach through the VM.
#[derive(Clone, Debug, Default)]
pub struct Builtins {
    runners: Vec<BuiltinRunner>,
    /// The output builtin's pages and attributes.
    pub output: OutputState,
    /// ECDSA signatures by public-key address (shared with the ECDSA segment's validator).
    pub signatures: Arc<Mutex<BTreeMap<Relocatable, (Felt, Felt)>>>,
    /// The segment of zeros the modulo builtins point at, and its size.
    pub zero_segment: Option<(Relocatable, u64)>,
}

impl Builtins {
    /// The runners, in layout order.
    pub fn runners(&self) -> &[BuiltinRunner] {
        &self.runners
    }

    /// The runners, mutably.
    pub fn runners_mut(&mut self) -> &mut [BuiltinRunner] {
        &mut self.runners
    }

    /// Adds a runner (in layout order).
    pub fn push(&mut self, r: BuiltinRunner) {
        self.runners.push(r);
    }

    /// The runner of `kind`, if the run has one.
    pub fn runner(&self, kind: BuiltinKind) -> Option<&BuiltinRunner> {
        self.runners.iter().find(|r| r.kind == kind)
    }

    /// The runner owning `segment`.
    pub fn runner_of_segment(&self, segment: i64) -> Option<&BuiltinRunner> {
        self.runners.iter().find(|r| r.base.segment == segment)
    }

    /// `ecdsa_builtin.add_signature(addr, (r, s))`, as the library's `verify_ecdsa_signature`
    /// hint calls it. Errors are cairo-lang's assertion messages.
    pub fn add_signature(&self, addr: Value, signature: (Felt, Felt)) -> Result<(), String> {
        let runner = self.runner(BuiltinKind::Ecdsa).ok_or("name 'ecdsa_builtin' is not defined")?;
        let addr = ecdsa::check_signature_address(runner.base, addr)?;
        let mut map = self.signatures.lock().map_err(|_| "signature table poisoned".to_string())?;
        map.insert(addr, signature);
        Ok(())
    }

    /// `output_builtin.add_page(page_id, page_start, page_size)`.
    pub fn output_add_page(&mut self, page_id: u64, page_start: Value, page_size: u64) -> Result<(), String> {
        let base = self.runner(BuiltinKind::Output).ok_or("name 'output_builtin' is not defined")?.base;
        self.output.add_page(base, page_id, page_start, page_size)
    }

    /// `output_builtin.get_state()`.
    pub fn output_get_state(&self) -> Option<super::output::OutputSnapshot> {
        let base = self.runner(BuiltinKind::Output)?.base;
        Some(super::output::OutputSnapshot { base, state: self.output.clone() })
    }

    /// `output_builtin.new_state(base)`: the runner's base moves to `base`, pages and
    /// attributes start empty.
    pub fn output_new_state(&mut self, base: Relocatable) -> Result<(), String> {
        let r = self
            .runners
            .iter_mut()
            .find(|r| r.kind == BuiltinKind::Output)
            .ok_or("name 'output_builtin' is not defined")?;
        r.base = base;
        self.output = super::output::OutputState::default();
        Ok(())
    }

    /// `output_builtin.set_state(state)`.
    pub fn output_set_state(&mut self, s: super::output::OutputSnapshot) -> Result<(), String> {
        let r = self
            .runners
            .iter_mut()
            .find(|r| r.kind == BuiltinKind::Output)
            .ok_or("name 'output_builtin' is not defined")?;
        r.base = s.base;
        self.output = s.state;
        Ok(())
    }

    /// Installs every runner's validation and deduction hooks on its segment (cairo-lang's
    /// `add_validation_rules` and `add_auto_deduction_rules`).
    pub fn install_hooks(vm: &mut Vm) {
        let hooks: Vec<(usize, BuiltinKind, Option<Deducer>)> =
            vm.builtins.runners.iter().map(|r| (r.base.segment as usize, r.kind, r.deducer())).collect();
        for (seg, kind, deducer) in hooks {
            match kind {
                BuiltinKind::RangeCheck => {
                    vm.memory.set_validator(seg, Arc::new(super::range_check::validate_128))
                }
                BuiltinKind::RangeCheck96 => {
                    vm.memory.set_validator(seg, Arc::new(super::range_check::validate_96))
                }
                BuiltinKind::Ecdsa => vm
                    .memory
                    .set_validator(seg, Arc::new(ecdsa::Validator::new(vm.builtins.signatures.clone()))),
                _ => {}
            }
            if let Some(d) = deducer {
                vm.set_deducer(seg, d);
            }
            // Builtins whose outputs programs often leave unread: stored sparsely, so an
            // output nobody reads costs no memory.
            if matches!(
                kind,
                BuiltinKind::Bitwise | BuiltinKind::EcOp | BuiltinKind::Keccak | BuiltinKind::Poseidon
            ) {
                vm.memory.set_sparse(seg);
            }
        }
    }

    /// cairo-lang's `verify_auto_deductions` (run by `end_run`): every cell of a deducing
    /// builtin's segment that was not written by the deduction itself must equal what the
    /// deduction gives.
    pub fn verify_auto_deductions(vm: &Vm) -> Result<(), VmError> {
        for r in &vm.builtins.runners {
            let Some(d) = r.deducer() else { continue };
            let seg = r.base.segment;
            // Every deducer leaves input cells alone (`input_cells_are_never_deduced`).
            let (cpi, n_in) = (r.kind.cells_per_instance(), r.kind.n_input_cells());
            let cells = vm.memory.segment_cells(seg);
            let deduced = vm.deduced.segment_bits(seg);
            // The checks that need no cell come first: most cells of a run are inputs or were
            // deduced, and loading each (a cache miss in a large segment) was most of the cost.
            let mut k = 0; // off % cpi
            for off in 0..cells.len() {
                let in_input = k < n_in;
                k = if k + 1 == cpi { 0 } else { k + 1 };
                if in_input || deduced.get(off / 64).is_some_and(|w| w & (1 << (off % 64)) != 0) {
                    continue;
                }
                let Some(cell) = cells.get(off).filter(|c| c.is_set()) else { continue };
                let addr = Relocatable::new(seg, off as u64);
                if let Some(v) = d(addr, &vm.memory)? {
                    if v.to_cell() != cell {
                        let current = Value::from_cell(cell).expect("a set cell");
                        return Err(crate::vm::VmErrorKind::InconsistentAutoDeduction {
                            addr,
                            current,
                            new: v,
                        }
                        .into());
                    }
                }
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What `verify_auto_deductions` relies on to skip input cells: no deducer deduces one,
    /// however many cells of its instance are set.
    #[test]
    fn input_cells_are_never_deduced() {
        let mut checked = 0;
        for kind in BuiltinKind::ALL {
            let mut memory = Memory::new();
            let r = BuiltinRunner::new(kind, None, true, &mut memory);
            let Some(d) = r.deducer() else { continue };
            checked += 1;
            let (cpi, n_in) = (kind.cells_per_instance(), kind.n_input_cells());
            // Two instances with every cell set (small integers), and the one after unset.
            for off in 0..2 * cpi {
                let addr = Relocatable::new(r.base.segment, off);
                memory.insert(addr, Value::Int(Felt::from(off + 1))).unwrap();
            }
            for off in 0..3 * cpi {
                if off % cpi < n_in {
                    let addr = Relocatable::new(r.base.segment, off);
                    assert!(matches!(d(addr, &memory), Ok(None)), "{kind:?} at {off}");
                }
            }
        }
        assert_eq!(checked, 5, "pedersen, bitwise, ec_op, keccak and poseidon deduce");
    }
}
