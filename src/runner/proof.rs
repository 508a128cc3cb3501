//! Proof mode's end of run: cairo-lang's `check_used_cells` (every builtin's used cells fit
//! the cells the layout allocates for the step count; range-check, memory and diluted units
//! suffice) and `finalize_segments` (sizes and public memory).

use super::accessed;
use crate::builtins::{BuiltinKind, BuiltinRunner};
use crate::vm::{Memory, Trace, Vm};
use std::collections::BTreeMap;

/// A failed check: the text of cairo-lang's `InsufficientAllocatedCells`.
pub use crate::builtins::Insufficient;

/// The quantities the checks need that do not change while padding.
pub struct UsageInputs {
    /// Range of the range-checked values: instruction offsets and range-check builtin parts.
    pub rc_range: Option<(u64, u64)>,
    /// Memory holes.
    pub holes: u64,
}

/// The perm range-check limits (cairo-lang's `get_perm_range_check_limits`).
pub fn rc_limits(trace: &Trace, vm: &Vm) -> Result<Option<(u64, u64)>, String> {
    let mut r = accessed::offsets_range(trace, &vm.memory)?;
    for b in vm.builtins.runners() {
        let parts = match b.kind {
            BuiltinKind::RangeCheck => 8,
            BuiltinKind::RangeCheck96 => 6,
            _ => continue,
        };
        if let Some((lo, hi)) = crate::builtins::range_check::usage(&vm.memory, b.base.segment, parts) {
            r = Some(match r {
                None => (lo, hi),
                Some((a, b)) => (a.min(lo), b.max(hi)),
            });
        }
    }
    Ok(r)
}

/// A segment's size for the holes count: finalized when given, else used.
fn seg_size(memory: &Memory, sizes: &BTreeMap<i64, u64>, seg: i64) -> u64 {
    sizes.get(&seg).copied().unwrap_or_else(|| memory.segment_len(seg).unwrap_or(0) as u64)
}

/// cairo-lang's `get_memory_holes`: per segment, its size less the offsets accessed by
/// instructions (the whole program counts as accessed), by builtins (every cell of a builtin segment but output's, and the cells the
/// modulo builtins read) and in the zero segment.
pub fn memory_holes(
    trace: &Trace,
    vm: &Vm,
    sizes: &BTreeMap<i64, u64>,
    program: (crate::vm::Relocatable, u64),
) -> Result<u64, String> {
    let mut acc = accessed::accessed(trace, &vm.memory)?;
    acc.insert_range(program.0.segment, program.0.offset..program.0.offset + program.1);
    for b in vm.builtins.runners() {
        if b.kind == BuiltinKind::Output {
            continue;
        }
        let size = seg_size(&vm.memory, sizes, b.base.segment);
        acc.insert_range(b.base.segment, 0..size);
        if matches!(b.kind, BuiltinKind::AddMod | BuiltinKind::MulMod) {
            for a in crate::builtins::modulo::memory_accesses(&vm.memory, b.base, size) {
                acc.insert(a);
            }
        }
    }
    if let Some((z, n)) = vm.builtins.zero_segment {
        acc.insert_range(z.segment, 0..n);
    }
    Ok((0..vm.memory.num_segments() as i64)
        .map(|s| seg_size(&vm.memory, sizes, s).saturating_sub(acc.count(s)))
        .sum())
}

/// cairo-lang's `check_used_cells` at `steps` steps: `Ok(())`, or the warning's text.
pub fn check_used_cells(
    vm: &Vm,
    layout: &super::Layout,
    steps: u64,
    inputs: &UsageInputs,
) -> Result<Result<(), Insufficient>, String> {
    let runners: &[BuiltinRunner] = vm.builtins.runners();
    for b in runners {
        if let Err(e) = b.used_and_allocated(&vm.memory, steps) {
            return Ok(Err(e));
        }
    }
    // Range checks.
    let rc_units = i128::from(layout.rc_units.ok_or("RC units should not be None in proof mode.")?);
    let mut used_rc: i128 = 0;
    for b in runners {
        match b.used_perm_range_check_units(&vm.memory, steps) {
            Ok(u) => used_rc += i128::from(u),
            Err(e) => return Ok(Err(e)),
        }
    }
    let unused_rc = (rc_units - 3) * i128::from(steps) - used_rc;
    let (lo, hi) = inputs.rc_range.unwrap_or((0, 0));
    let bound = i128::from(hi) - i128::from(lo);
    if unused_rc < bound {
        return Ok(Err(Insufficient::warn(format!(
            "There are only {unused_rc} cells to fill the range checks holes, but potentially {bound} are required."
        ))));
    }
    // Memory.
    let mu = i128::from(
        layout.memory_units_per_step.ok_or("Memory units per step should not be None in proof mode.")?,
    );
    let mut builtin_units: i128 = 0;
    for b in runners {
        match b.allocated_memory_units(&vm.memory, steps) {
            Ok(u) => builtin_units += i128::from(u),
            Err(e) => return Ok(Err(e)),
        }
    }
    let total = mu * i128::from(steps);
    let frac = i128::from(layout.public_memory_fraction);
    if total % frac != 0 {
        return Err(format!("{total} is not divisible by {frac}."));
    }
    let unused_mem = total - (total / frac + 4 * i128::from(steps) + builtin_units);
    if unused_mem < i128::from(inputs.holes) {
        return Ok(Err(Insufficient::warn(format!(
            "There are only {unused_mem} cells to fill the memory address holes, but {} are required.",
            inputs.holes
        ))));
    }
    // Diluted pool.
    if let Some(pool) = layout.diluted_pool {
        let mut used: i128 = 0;
        for b in runners {
            let per = b.diluted_units_per_instance(pool.spacing, pool.n_bits);
            if per == 0 {
                continue;
            }
            match b.allocated_instances(&vm.memory, steps) {
                Ok(n) => used += i128::from(per) * i128::from(n),
                Err(e) => return Ok(Err(e)),
            }
        }
        let units = if pool.log_units_per_step >= 0 {
            (1i128 << pool.log_units_per_step) * i128::from(steps)
        } else {
            let d = 1i128 << (-pool.log_units_per_step);
            if i128::from(steps) % d != 0 {
                return Err(format!("{steps} is not divisible by {d}."));
            }
            i128::from(steps) / d
        };
        let unused = units - used;
        let bound = 1i128 << pool.n_bits;
        if unused < bound {
            return Ok(Err(Insufficient::warn(format!(
                "There are only {unused} cells to fill the diluted check holes, but potentially {bound} are required."
            ))));
        }
    }
    Ok(Ok(()))
}
