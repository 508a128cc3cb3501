//! The addresses a run's instructions accessed (pc, dst, op0, op1 of every step), recomputed
//! after the run from the trace and the final memory instead of being recorded per step:
//! memory is write-once, so an operand's address (op1's may depend on op0's value) is the same
//! now as when the step ran. cairo-lang uses them for the memory-holes count of proof mode and
//! of a Cairo PIE's execution resources.

use crate::casm::{self, Op1Src, Reg};
use crate::vm::trace::unpack;
use crate::vm::zeroed::ZeroedBuf;
use crate::vm::{Memory, Relocatable, Trace, Value};
use cairo_jit_runtime::felt;

fn add(base: Relocatable, off: i16) -> Option<Relocatable> {
    base.add_i64(i64::from(off))
}

/// A set of addresses in non-negative segments: a bit per cell (lazily mapped, so a sparse
/// high offset costs address space, not memory). Addresses in temporary segments are not
/// kept: nothing counts them.
#[derive(Default)]
pub struct Accessed {
    bits: Vec<ZeroedBuf<u64>>,
}

impl Accessed {
    fn words(&mut self, segment: i64, min_words: usize) -> Option<&mut ZeroedBuf<u64>> {
        let seg = usize::try_from(segment).ok()?;
        if self.bits.len() <= seg {
            self.bits.resize_with(seg + 1, ZeroedBuf::new);
        }
        let w = &mut self.bits[seg];
        w.grow(min_words);
        Some(w)
    }

    /// Adds an address.
    pub fn insert(&mut self, r: Relocatable) {
        let i = (r.offset / 64) as usize;
        if let Some(w) = self.words(r.segment, i + 1) {
            w[i] |= 1 << (r.offset % 64);
        }
    }

    /// Whether the set holds `r`.
    pub fn contains(&self, r: Relocatable) -> bool {
        let Ok(seg) = usize::try_from(r.segment) else { return false };
        let i = (r.offset / 64) as usize;
        self.bits.get(seg).and_then(|w| w.get(i)).is_some_and(|x| x & (1 << (r.offset % 64)) != 0)
    }

    /// The set's bits for `segment`: offset `o` is in the set when bit `o % 64` of word
    /// `o / 64` is (words past the end are all zero).
    pub fn segment_bits(&self, segment: i64) -> &[u64] {
        usize::try_from(segment).ok().and_then(|s| self.bits.get(s)).map_or(&[], |w| &w[..])
    }

    /// Adds the offsets `range` of `segment`.
    pub fn insert_range(&mut self, segment: i64, range: std::ops::Range<u64>) {
        if range.is_empty() {
            return;
        }
        let Some(w) = self.words(segment, range.end.div_ceil(64) as usize) else { return };
        let mut o = range.start;
        while o < range.end {
            if o.is_multiple_of(64) && range.end - o >= 64 {
                w[(o / 64) as usize] = u64::MAX;
                o += 64;
            } else {
                w[(o / 64) as usize] |= 1 << (o % 64);
                o += 1;
            }
        }
    }

    /// How many offsets of `segment` are in the set.
    pub fn count(&self, segment: i64) -> u64 {
        let Ok(seg) = usize::try_from(segment) else { return 0 };
        self.bits.get(seg).map_or(0, |w| w.iter().map(|x| u64::from(x.count_ones())).sum())
    }
}

/// The addresses the trace's instructions accessed.
pub fn accessed(trace: &Trace, memory: &Memory) -> Result<Accessed, String> {
    let mut out = Accessed::default();
    let mut put = |r: Option<Relocatable>| {
        if let Some(r) = r {
            out.insert(r);
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn contains_what_was_inserted_only() {
        let mut s = Accessed::default();
        let r = |seg, off| Relocatable::new(seg, off);
        for a in [r(2, 0), r(2, 63), r(2, 64), r(5, 100_000)] {
            s.insert(a);
        }
        s.insert(r(-1, 3)); // temporary segments are not kept
        for a in [r(2, 0), r(2, 63), r(2, 64), r(5, 100_000)] {
            assert!(s.contains(a), "{a}");
        }
        for a in [r(2, 1), r(2, 65), r(0, 0), r(5, 99_999), r(9, 0), r(-1, 3)] {
            assert!(!s.contains(a), "{a}");
        }
        assert_eq!(s.count(2), 3);
    }
}
