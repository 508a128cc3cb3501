//! Region discovery: which instructions one compiled function covers.
//!
//! A region starts at an entry pc and follows static edges (fall-through, `jmp rel <imm>`,
//! both sides of `jnz` with an immediate offset, `call rel <imm>` into the callee). It stops
//! at dynamic control flow (`ret`, `jmp abs`, `call abs`, relative jumps through a register),
//! at cells that are unset or do not decode, at pcs the caller excludes, and after
//! [`MAX_REGION`] instructions. An edge to a pc outside the region becomes an exit to the
//! dispatcher at that pc.
//!
//! Hint-bearing pcs are included but marked: the dispatcher runs their hints (with the
//! interpreter's hint executor) and then enters the compiled instruction, so every edge into
//! one is an exit, and one is only ever entered from the dispatcher.
//!
//! Pure: it reads instructions through a closure, so it is tested without Cranelift or a VM.

use crate::casm::{Instruction, Op1Src, Opcode, PcUpdate};
use crate::interp::CounterHint;
use crate::vm::value::felt_to_i128_signed;
use cairo_jit_runtime::cell::Cell;
use starknet_types_core::felt::Felt;
use std::collections::{BTreeMap, BTreeSet, VecDeque};

/// Most instructions per region. Cranelift's compile time grows faster than linearly, and its
/// scratch memory (about 1 KB per IR instruction, ~100 IR instructions per CASM instruction)
/// adds to the run's peak when a region compiles late: dict_squash's 88-instruction region
/// took the peak with both files written from 58 to 65 MB. At 64 the loops' speed and the
/// total compile time are unchanged (BENCHMARKS.md).
pub const MAX_REGION: usize = 64;

/// An instruction of a region.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct RegionInst {
    /// Its pc (offset in the code segment).
    pub pc: u64,
    /// The decoded instruction.
    pub inst: Instruction,
    /// The immediate cell (set) when op1 is an immediate.
    pub imm: Cell,
}

impl RegionInst {
    /// The immediate as a signed integer, when it is one that fits.
    pub fn imm_i64(&self) -> Option<i64> {
        if self.inst.op1_src != Op1Src::Imm || !self.imm.is_felt() {
            return None;
        }
        felt_to_i128_signed(&Felt::from_raw(self.imm.raw())).and_then(|v| i64::try_from(v).ok())
    }

    /// The pc after the instruction.
    pub fn next_pc(&self) -> u64 {
        self.pc + self.inst.size()
    }

    /// The static jump target (`jmp rel imm`, `jnz` with an immediate, `call rel imm`).
    pub fn static_target(&self) -> Option<u64> {
        let relative = matches!(
            (self.inst.opcode, self.inst.pc_update),
            (Opcode::Call, PcUpdate::JumpRel)
                | (Opcode::Nop, PcUpdate::JumpRel)
                | (Opcode::Nop, PcUpdate::Jnz)
        );
        if !relative {
            return None;
        }
        self.imm_i64().and_then(|d| self.pc.checked_add_signed(d))
    }

    /// The pcs control can reach statically after this instruction (dynamic flow has none).
    pub fn successors(&self) -> Vec<u64> {
        let i = &self.inst;
        match (i.opcode, i.pc_update) {
            (Opcode::Ret, _) => vec![],
            (_, PcUpdate::Regular) => vec![self.next_pc()],
            (_, PcUpdate::JumpAbs) => vec![],
            (_, PcUpdate::JumpRel) => self.static_target().into_iter().collect(),
            (_, PcUpdate::Jnz) => {
                let mut v = vec![self.next_pc()];
                v.extend(self.static_target());
                v
            }
        }
    }
}

/// A region: its entry and its instructions by pc.
#[derive(Clone, Debug, PartialEq)]
pub struct Region {
    /// The entry pc.
    pub entry: u64,
    /// The instructions, by pc.
    pub insts: BTreeMap<u64, RegionInst>,
    /// The instructions carrying hints: entered only from the dispatcher, after their hints.
    pub hints: BTreeSet<u64>,
    /// The hint pcs whose hints are a counter step compiled code runs itself
    /// ([`CounterHint`]). Discovery leaves this empty; the dispatcher, which knows the hints,
    /// fills it.
    pub counters: BTreeMap<u64, CounterHint>,
}

impl Region {
    /// Whether `pc` is an instruction of the region.
    pub fn contains(&self, pc: u64) -> bool {
        self.insts.contains_key(&pc)
    }

    /// Whether control may flow to `pc` inside compiled code (an instruction of the region
    /// without hints).
    pub fn reachable_inside(&self, pc: u64) -> bool {
        self.contains(pc) && !self.hints.contains(&pc)
    }

    /// The region cut down to the instructions on a cycle through its entry: those from which
    /// a static path inside the region leads back to the entry (the entry among them when it
    /// is on such a cycle). What the loop leaves by becomes exits. `None` when the entry is on
    /// no cycle.
    pub fn cycle_through_entry(&self) -> Option<Region> {
        let mut on: BTreeSet<u64> = BTreeSet::new();
        loop {
            let before = on.len();
            for ri in self.insts.values() {
                if !on.contains(&ri.pc) && ri.successors().iter().any(|s| *s == self.entry || on.contains(s))
                {
                    on.insert(ri.pc);
                }
            }
            if on.len() == before {
                break;
            }
        }
        on.contains(&self.entry).then(|| Region {
            entry: self.entry,
            insts: self.insts.iter().filter(|(pc, _)| on.contains(pc)).map(|(&pc, &ri)| (pc, ri)).collect(),
            hints: self.hints.intersection(&on).copied().collect(),
            counters: self
                .counters
                .iter()
                .filter(|(pc, _)| on.contains(pc))
                .map(|(&pc, &c)| (pc, c))
                .collect(),
        })
    }
}

/// Discovers the region starting at `entry`. `fetch(pc)` returns the decoded instruction and
/// its immediate (or `None` when the cell is unset or invalid); `stop(pc)` tells the pcs a
/// region must not contain (for the JIT the run's end pc and instructions already compiled
/// into another region); `has_hints(pc)` the hint-bearing pcs, which are included and marked.
/// Returns `None` when the entry itself cannot be compiled.
pub fn discover(
    entry: u64,
    fetch: impl Fn(u64) -> Option<(Instruction, Cell)>,
    stop: impl Fn(u64) -> bool,
    has_hints: impl Fn(u64) -> bool,
) -> Option<Region> {
    discover_near(entry, usize::MAX, MAX_REGION, fetch, stop, has_hints)
}

/// [`discover`] limited to the instructions at most `max_depth` static edges from the entry.
///
/// When the instructions on cycles through the entry ([`Region::cycle_through_entry`]) are at
/// most `n`, each of them is at most `n - 1` edges from the entry along a path of such
/// instructions: with `max_depth = n - 1` the cut finds the same instructions as in the whole
/// region, for the cost of discovering the entry's neighbourhood instead of the whole region.
/// (When they are more, the cut finds those of them the neighbourhood holds.)
pub fn discover_near(
    entry: u64,
    max_depth: usize,
    max_insts: usize,
    fetch: impl Fn(u64) -> Option<(Instruction, Cell)>,
    stop: impl Fn(u64) -> bool,
    has_hints: impl Fn(u64) -> bool,
) -> Option<Region> {
    if stop(entry) {
        return None;
    }
    let mut insts = BTreeMap::new();
    let mut hints = BTreeSet::new();
    // Breadth first: an instruction is first reached at its least depth.
    let mut queue = VecDeque::from([(entry, 0usize)]);
    while let Some((pc, depth)) = queue.pop_front() {
        if insts.len() >= max_insts.min(MAX_REGION) || insts.contains_key(&pc) || (pc != entry && stop(pc)) {
            continue;
        }
        let Some((inst, imm)) = fetch(pc) else { continue };
        let ri = RegionInst { pc, inst, imm };
        if depth < max_depth {
            queue.extend(ri.successors().into_iter().map(|s| (s, depth + 1)));
        }
        insts.insert(pc, ri);
        if has_hints(pc) {
            hints.insert(pc);
        }
    }
    if insts.is_empty() {
        None
    } else {
        Some(Region { entry, insts, hints, counters: BTreeMap::new() })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::casm::decode;
    use cairo_jit_runtime::felt;

    /// A program as (word, optional immediate) pairs laid out from pc 0.
    fn prog(words: &[(u64, Option<i64>)]) -> Vec<Option<Cell>> {
        let mut v = Vec::new();
        for (w, imm) in words {
            v.push(Some(Cell::felt(felt::from_u64(*w))));
            if let Some(i) = imm {
                v.push(Some(Cell::felt(felt::from_i64(*i))));
            }
        }
        v
    }

    fn fetcher(p: &[Option<Cell>]) -> impl Fn(u64) -> Option<(Instruction, Cell)> + '_ {
        move |pc| {
            let c = (*p.get(pc as usize)?)?;
            let i = decode(felt::to_canonical(c.raw())).ok()?;
            let imm = if i.size() == 2 { (*p.get(pc as usize + 1)?)? } else { Cell::UNSET };
            Some((i, imm))
        }
    }

    // Words from cairo-compile output.
    const AP_PP_IMM: u64 = 0x480680017fff8000; // [ap] = imm, ap++
    const JNZ_REL: u64 = 0x20680017fff7fff; // jmp rel imm if [ap - 1] != 0
    const JMP_REL: u64 = 0x10780017fff7fff; // jmp rel imm
    const CALL_REL: u64 = 0x1104800180018000; // call rel imm
    const RET: u64 = 0x208b7fff7fff7ffe;

    #[test]
    fn loop_with_jnz_is_one_region() {
        // 0: [ap] = 5, ap++ ; 2: jnz -2 ; 4: ret
        let p = prog(&[(AP_PP_IMM, Some(5)), (JNZ_REL, Some(-2)), (RET, None)]);
        let r = discover(0, fetcher(&p), |_| false, |_| false).unwrap();
        assert_eq!(r.insts.keys().copied().collect::<Vec<_>>(), vec![0, 2, 4]);
        assert_eq!(r.insts[&2].successors(), vec![4, 0]);
        assert!(r.insts[&4].successors().is_empty());
    }

    #[test]
    fn stops_at_excluded_pcs_and_unset_cells_and_follows_calls() {
        // 0: call rel 4 ; 2: jmp rel 10 (to 12, unset) ; 4: [ap] = 1, ap++ ; 6: ret
        let p = prog(&[(CALL_REL, Some(4)), (JMP_REL, Some(10)), (AP_PP_IMM, Some(1)), (RET, None)]);
        let r = discover(0, fetcher(&p), |_| false, |_| false).unwrap();
        // The callee is included; the return address is not (ret is dynamic).
        assert_eq!(r.insts.keys().copied().collect::<Vec<_>>(), vec![0, 4, 6]);
        assert!(r.hints.is_empty());
        let r = discover(0, fetcher(&p), |pc| pc == 4, |_| false).unwrap();
        assert_eq!(r.insts.keys().copied().collect::<Vec<_>>(), vec![0]);
        assert!(discover(4, fetcher(&p), |pc| pc == 4, |_| false).is_none());
        assert!(discover(12, fetcher(&p), |_| false, |_| false).is_none());
    }

    #[test]
    fn hint_pcs_are_included_and_marked() {
        // 0: [ap] = 5, ap++ (hint) ; 2: jnz -2 ; 4: ret
        let p = prog(&[(AP_PP_IMM, Some(5)), (JNZ_REL, Some(-2)), (RET, None)]);
        for entry in [0, 2] {
            let r = discover(entry, fetcher(&p), |_| false, |pc| pc == 0).unwrap();
            assert_eq!(r.insts.keys().copied().collect::<Vec<_>>(), vec![0, 2, 4]);
            assert_eq!(r.hints.iter().copied().collect::<Vec<_>>(), vec![0]);
            assert!(!r.reachable_inside(0));
            assert!(r.reachable_inside(2) && r.reachable_inside(4));
        }
    }

    #[test]
    fn a_loop_is_cut_to_its_cycle() {
        // 0: [ap] = 1, ap++ ; 2: [ap] = 5, ap++ (hint) ; 4: jnz -2 ; 6: [ap] = 1, ap++ ; 8: ret
        let p = prog(&[
            (AP_PP_IMM, Some(1)),
            (AP_PP_IMM, Some(5)),
            (JNZ_REL, Some(-2)),
            (AP_PP_IMM, Some(1)),
            (RET, None),
        ]);
        let r = discover(2, fetcher(&p), |_| false, |pc| pc == 2).unwrap();
        assert_eq!(r.insts.keys().copied().collect::<Vec<_>>(), vec![2, 4, 6, 8]);
        let c = r.cycle_through_entry().unwrap();
        assert_eq!(c.insts.keys().copied().collect::<Vec<_>>(), vec![2, 4]);
        assert_eq!((c.entry, c.hints.iter().copied().collect::<Vec<_>>()), (2, vec![2]));
        // Entered before the loop, the entry is on no cycle.
        let r = discover(0, fetcher(&p), |_| false, |_| false).unwrap();
        assert!(r.cycle_through_entry().is_none());
        // Straight code has none either.
        let r = discover(6, fetcher(&p), |_| false, |_| false).unwrap();
        assert!(r.cycle_through_entry().is_none());
    }

    #[test]
    fn a_near_discovery_finds_the_same_small_loop() {
        // 0..8: four `[ap] = 1, ap++` ; 8: jnz -8 (to 0) ; 10..: 50 more, then ret.
        let mut words: Vec<(u64, Option<i64>)> = (0..4).map(|_| (AP_PP_IMM, Some(1))).collect();
        words.push((JNZ_REL, Some(-8)));
        words.extend((0..50).map(|_| (AP_PP_IMM, Some(1))));
        words.push((RET, None));
        let p = prog(&words);
        let whole = discover(0, fetcher(&p), |_| false, |_| false).unwrap();
        assert_eq!(whole.insts.len(), 56);
        let cut = whole.cycle_through_entry().unwrap();
        assert_eq!(cut.insts.keys().copied().collect::<Vec<_>>(), vec![0, 2, 4, 6, 8]);
        for depth in [4, 15] {
            let near = discover_near(0, depth, MAX_REGION, fetcher(&p), |_| false, |_| false).unwrap();
            assert_eq!(near.insts.len(), depth + 1, "depth {depth}");
            let near_cut = near.cycle_through_entry().unwrap();
            assert_eq!(near_cut.insts.keys().collect::<Vec<_>>(), cut.insts.keys().collect::<Vec<_>>());
        }
        // Three edges do not reach the jump back: no cycle.
        let near = discover_near(0, 3, MAX_REGION, fetcher(&p), |_| false, |_| false).unwrap();
        assert!(near.cycle_through_entry().is_none());
    }

    #[test]
    fn region_size_is_bounded() {
        let words: Vec<(u64, Option<i64>)> = (0..1000).map(|_| (AP_PP_IMM, Some(1))).collect();
        let p = prog(&words);
        let r = discover(0, fetcher(&p), |_| false, |_| false).unwrap();
        assert_eq!(r.insts.len(), MAX_REGION);
    }
}
