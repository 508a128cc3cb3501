//! Accessed addresses and memory holes, derived after the run.
//!
//! cairo-lang marks, at every step, the pc and the dst, op0 and op1 addresses as accessed, plus
//! every program cell; a builtin segment counts as fully accessed (except output's). Memory
//! holes are the cells of each segment's used size that were not accessed. Instead of marking
//! cells on every step (a cost both engines would pay on their hot path), this module
//! recomputes the same set from the recorded trace: the registers of each step and the final,
//! write-once memory determine the three addresses exactly (op1's through op0's value).

use super::RunOutput;
use crate::builtins::BuiltinKind;
use crate::casm::{Op1Src, Reg};
use crate::vm::trace::unpack;
use crate::vm::{Relocatable, Value};
use std::collections::{HashMap, HashSet};

/// The accessed addresses, or `None` when the run recorded no trace (nothing to derive from).
pub fn accessed_addresses(run: &RunOutput, program_len: usize) -> Option<HashSet<Relocatable>> {
    if run.trace.is_empty() && run.vm.current_step > 0 {
        return None;
    }
    let mem = &run.vm.memory;
    let mut set: HashSet<Relocatable> = (0..program_len as u64)
        .map(|i| Relocatable::new(run.program_base.segment, run.program_base.offset + i))
        .collect();
    let mut decoded = HashMap::new();
    for e in &run.trace {
        let (pc, ap, fp) = (unpack(e.pc), unpack(e.ap), unpack(e.fp));
        let inst = match decoded.get(&e.pc) {
            Some(i) => *i,
            None => {
                let Some((i, _)) = crate::interp::fetch(&run.vm, pc) else { continue };
                decoded.insert(e.pc, i);
                i
            }
        };
        let reg = |r: Reg| if r == Reg::Ap { ap } else { fp };
        let at = |base: Relocatable, off: i16| base.add_i64(off as i64);
        let dst = at(reg(inst.dst_reg), inst.off0);
        let op0 = at(reg(inst.op0_reg), inst.off1);
        let op1 = match inst.op1_src {
            Op1Src::Imm => pc.add_u64(1),
            Op1Src::Ap => at(ap, inst.off2),
            Op1Src::Fp => at(fp, inst.off2),
            Op1Src::Op0 => match op0.and_then(|a| mem.get(a)) {
                Some(Value::Ptr(p)) => at(p, inst.off2),
                _ => None,
            },
        };
        set.insert(pc);
        for a in [dst, op0, op1].into_iter().flatten() {
            match mem.relocate_value(Value::Ptr(a)) {
                Value::Ptr(r) => set.insert(r),
                Value::Int(_) => false,
            };
        }
    }
    Some(set)
}

/// cairo-lang's `get_memory_holes`: per segment, used size minus accessed cells; builtin
/// segments other than output count as fully accessed. `None` without a trace.
pub fn memory_holes(run: &RunOutput, program_len: usize) -> Option<u64> {
    let accessed = accessed_addresses(run, program_len)?;
    let mut per_segment: HashMap<i64, u64> = HashMap::new();
    for a in &accessed {
        *per_segment.entry(a.segment).or_default() += 1;
    }
    let mut holes = 0;
    for seg in 0..run.vm.memory.num_segments() as i64 {
        let full = run.builtins.iter().any(|b| b.base.segment == seg && b.kind != BuiltinKind::Output);
        if full {
            continue;
        }
        let size = run.vm.memory.segment_len(seg).unwrap_or(0) as u64;
        holes += size.saturating_sub(per_segment.get(&seg).copied().unwrap_or(0));
    }
    Some(holes)
}
