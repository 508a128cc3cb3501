//! The addresses a run's instructions accessed (pc, dst, op0, op1 of every step), recomputed
//! after the run from the trace and the final memory instead of being recorded per step:
//! memory is write-once, so an operand's address (op1's may depend on op0's value) is the same
//! now as when the step ran. cairo-lang uses them for the memory-holes count of proof mode and
//! of a Cairo PIE's execution resources.

use crate::casm::{self, Op1Src, Reg};
use crate::vm::trace::unpack;
use crate::vm::{Memory, Relocatable, Trace, Value};
use cairo_jit_runtime::felt;
use std::collections::{BTreeMap, BTreeSet};

fn add(base: Relocatable, off: i16) -> Option<Relocatable> {
    base.add_i64(i64::from(off))
}

/// Accessed offsets by segment.
pub fn accessed(trace: &Trace, memory: &Memory) -> Result<BTreeMap<i64, BTreeSet<u64>>, String> {
    let mut out: BTreeMap<i64, BTreeSet<u64>> = BTreeMap::new();
    let mut put = |r: Option<Relocatable>| {
        if let Some(r) = r {
            out.entry(r.segment).or_default().insert(r.offset);
        }
    };
    trace
        .for_each_chunk(|chunk| {
            for e in chunk {
                let (pc, ap, fp) = (unpack(e.pc), unpack(e.ap), unpack(e.fp));
                put(Some(pc));
                let Some(Value::Int(word)) = memory.get(pc) else { continue };
                let Ok(i) = casm::decode(felt::to_canonical(word.to_raw())) else { continue };
                let reg = |r: Reg| if r == Reg::Ap { ap } else { fp };
                put(add(reg(i.dst_reg), i.off0));
                let op0_addr = add(reg(i.op0_reg), i.off1);
                put(op0_addr);
                let op1 = match i.op1_src {
                    Op1Src::Imm => pc.add_u64(1),
                    Op1Src::Ap => add(ap, i.off2),
                    Op1Src::Fp => add(fp, i.off2),
                    Op1Src::Op0 => match op0_addr.and_then(|a| memory.get(a)) {
                        Some(Value::Ptr(p)) => add(p, i.off2),
                        _ => None,
                    },
                };
                put(op1);
            }
        })
        .map_err(|e| e.to_string())?;
    Ok(out)
}

/// The biased offsets' range over the trace (cairo-lang's `get_perm_range_check_limits` before
/// the builtins' share).
pub fn offsets_range(trace: &Trace, memory: &Memory) -> Result<Option<(u64, u64)>, String> {
    let mut seen = std::collections::HashSet::new();
    let mut range: Option<(u64, u64)> = None;
    trace
        .for_each_chunk(|chunk| {
            for e in chunk {
                if !seen.insert(e.pc) {
                    continue;
                }
                let Some(Value::Int(word)) = memory.get(unpack(e.pc)) else { continue };
                let w = felt::to_canonical(word.to_raw());
                for k in 0..3 {
                    let v = (w[3] >> (16 * k)) & 0xffff;
                    range = Some(match range {
                        None => (v, v),
                        Some((lo, hi)) => (lo.min(v), hi.max(v)),
                    });
                }
            }
        })
        .map_err(|e| e.to_string())?;
    Ok(range)
}
