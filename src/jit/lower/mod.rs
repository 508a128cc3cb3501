//! Lowering a [`Region`] to Cranelift IR.
//!
//! One [`Lowering`] context owns the `FunctionBuilder`, a block per CASM instruction (all
//! created up front), the register variables, the exit blocks (one per exit code, shared by
//! all exits: cold, the registers as parameters) and the hint block. The function is
//! `fn(ctx: *mut JitContext, entry: u32) -> u32`: its entry block (`reenter`) loads the
//! context and dispatches with one `br_table` on `entry` (the index of an instruction of the
//! region, in pc order), through the entry check of the instruction's run (see [`RunCover`]),
//! to that instruction's block, so the dispatcher can enter a region at any of its
//! instructions and no instruction is ever compiled into two regions.
//!
//! Every instruction has the same rhythm: at the head of a straight-line run, the step-limit
//! and trace-capacity check for the whole run, and the check that the register cells the
//! run's instructions address lie inside the execution segment's allocated cells (see
//! [`RunCover`]); an inline fast path guarded at every other assumption; the trace entry;
//! register updates; a jump to the successor's block (or an exit to the dispatcher when the
//! successor is outside the region). Whenever a guard fails the
//! instruction's cold slow path exits to the dispatcher with [`exit::INTERPRET`], which runs
//! that one instruction with the interpreter (deductions, pointer arithmetic, growth of
//! memory, faults, builtins) and re-enters compiled code at the pc the interpreter reached.
//! Slow paths thus add two IR instructions each and no runtime call (with tracing, four: the
//! pc, the record id and the run position go to the region's one block that ends the trace
//! record before the step, see below), so the only values live across the
//! function are ap, fp and the step count (the context's `steps` stays that of one moment, the
//! entry's until an exit, the hint block or a counter step's block writes it). The runtime
//! calls are
//! field multiplication and division (deductions through `res = mul`), the interpreter's
//! pointer arithmetic (`add_cells`/`sub_cells`) and register updates (`reg_add`: `ap += res`,
//! `jmp rel` and `jnz` through a register), all pure, and, for a `[[reg + off1] + off2]`
//! operand unset outside the plain segments' allocated cells (a builtin's cell to deduce, a
//! validated or growing segment) or in a sparse segment, the interpreter's own memory operations
//! (`rt::cairo_jit_rt_op1_unset`), which complete or leave memory untouched for the slow path;
//! and a counter step's `rt::cairo_jit_rt_count_down` (see below).
//!
//! Computed control flow (`jmp abs`, `call abs`, `ret`, jumps through a register) exits to the
//! dispatcher with [`exit::CONTINUE`] at the new pc, computed and checked (a pointer into this
//! code segment) before any write. A run head whose step-limit or trace-capacity check fails
//! also exits with `CONTINUE` at its own pc (the dispatcher makes room, or leaves the last
//! steps before the limit to the interpreter), except at a hint pc, whose hints already ran.
//!
//! Instructions with hints have a block (an entry of the `br_table`) but no edge leads to it
//! directly: a jump or fall-through to one goes through the region's hint block, which writes
//! the registers into the context and calls `cairo_jit_rt_hints` (the dispatcher's hint
//! runner); on success the function re-enters itself through `reenter`, the block after the
//! entry that loads the context (hints may add segments and move the execution segment's
//! storage) and dispatches on the instruction's index, so that every context field stays
//! loaded once per entry; otherwise it returns the exit code the runner gave. The one other
//! way in is a counter step's block (memcpy's and memset's loop hint, see
//! [`Lowering::counter_step`]): it runs the hint itself, the scope's `n -= 1` through
//! `cairo_jit_rt_count_down` (which changes no buffer) or, once that leased `n` to compiled
//! code, inline on the context's copy, and writes the flag, then jumps to the instruction's
//! block (a run head, which checks its run); anything out of the ordinary goes to the hint
//! block instead.
//!
//! With tracing, compiled code writes one trace *record* per straight line of steps (see
//! [`crate::vm::trace`] and [`RecordPlan`]) rather than an entry per step: a record is opened
//! (written whole, with the run position where it ends, and the context's `trace_ptr`
//! advanced) at a run's head after its checks, after an instruction whose ap change is not
//! static, and at an entry anywhere else; a slow path, whose step the interpreter records,
//! cuts the open record (the trace's last entry) before its instruction, or drops it when it
//! was opened there. A trace thus costs compiled code 16 bytes a record instead of 16 a step
//! (fib_loop's loop: one record of four steps).
//!
//! Invariants:
//! - the fast path of an instruction has no side effect before its last guard, so a failed
//!   guard can always hand the whole instruction to the interpreter; the one exception is an
//!   op1 cell `op1_unset` set (deduced or written) before dst's write-once check, which is the
//!   interpreter's own first effect on that instruction: run again, it finds op1 set to the
//!   same value and ends the same way (the same dst write or the same error);
//! - the dispatcher enters with at least [`MAX_RUN`] steps left before the step limit and
//!   [`MAX_RUN`] free trace entries, so entering in the middle of a run (whose head check did
//!   not run) never oversteps either;
//! - compiled code reads or writes a register cell (`[ap + off]`, `[fp + off]`) only after a
//!   check on every path to it that the cell lies inside the execution segment's allocated
//!   cells: the instruction's own, or its run's at the run's head or at the entry (see
//!   [`RunCover`]), in which case every fast path from there to the instruction moved ap by
//!   the amounts the check assumed and left fp alone;
//! - every load lowering emits is `notrap`, its address checked first: which is what lets
//!   [`remove_dead_loads`] (run on the finished function, before Cranelift) drop the loads
//!   of cell words a path never uses.

mod felt;

use super::analysis::{Region, RegionInst};
use super::rt::RtFunc;
use crate::casm::{ApUpdate, Op1Src, Opcode, PcUpdate, Reg, Res};
use crate::interp::CounterHint;
use crate::vm::memory::SEG_DESC_SHIFT;
use crate::vm::trace::{record_pc, TraceInst, ENTRY_BYTES, RECORD_END_BITS, RECORD_ID_BITS};
use cairo_jit_runtime::cell::{TAG_MASK, TAG_RELOC, TAG_SET};
use cairo_jit_runtime::jit::{exit, offsets, COUNT_DOWN_HINTS};
use cranelift_codegen::entity::EntityRef;
use cranelift_codegen::ir::condcodes::IntCC;
use cranelift_codegen::ir::{
    types, AbiParam, Block, BlockCall, FuncRef, Function, Inst, InstBuilder, JumpTableData, MemFlagsData,
    Opcode as ClifOpcode, StackSlotData, StackSlotKind, Value, ValueDef,
};
use cranelift_frontend::{FunctionBuilder, Variable};
use std::collections::BTreeMap;

const I64: types::Type = types::I64;
const I32: types::Type = types::I32;

/// Constants of the run the code is compiled for.
#[derive(Clone, Copy, Debug)]
pub struct LowerConfig {
    /// Record trace entries.
    pub trace: bool,
    /// The code segment's index.
    pub code_seg: u64,
    /// The execution segment's index.
    pub exec_seg: u64,
    /// The code table index ([`crate::vm::trace::TraceInst`]) of the region's first
    /// instruction (the others follow in pc order): what its trace records name.
    pub id_base: u64,
}

/// With tracing, ap and fp stay below this in compiled code, so that a trace entry holds them
/// as 32-bit offsets ([`crate::vm::trace::INLINE_LIMIT`]): the dispatcher enters with
/// `ap + 2 * MAX_RUN` and fp below it, every run head checks `ap + 2 * n` against it (ap
/// grows by at most 2 per instruction; a call's fp is its ap plus 2), and the instructions
/// that set ap or fp to a computed value (`ap += imm`, `ap += res`, `ret`) keep ap below
/// `AP_SET_LIMIT` and fp below this, else take their slow path.
pub const REG_LIMIT: u64 = crate::vm::trace::INLINE_LIMIT;

/// The bound on an ap computed in a run (room for the rest of the run's increments).
const AP_SET_LIMIT: i64 = (REG_LIMIT - 2 * MAX_RUN) as i64;

/// Longest run of instructions one check covers. The dispatcher enters compiled code with at
/// least this many spare trace entries ([`super::rt::TRACE_SPARE`]), so a run's check can always pass
/// right after an entry.
pub const MAX_RUN: u64 = super::rt::TRACE_SPARE as u64;

/// The straight-line runs of a region: for each run's first instruction, its length. A run
/// starts at the region entry and at every pc some edge other than a plain fall-through leads
/// to (a jump target, the fall-through of a `jnz`, a return address), then follows
/// fall-throughs of regular instructions; it includes the control-transfer instruction that
/// ends it and is cut at [`MAX_RUN`]. Control enters a run only at its start (a slow path
/// continues at a successor, which is either the next instruction of the same run, whose room
/// the start's check already covered, or the start of another run), so checking the step limit
/// and trace capacity once per run is exact.
///
/// Instructions may overlap (a jump into another instruction's immediate decodes it as an
/// instruction): a fall-through whose target is not the next instruction in pc order after
/// its source (another instruction starts in between) also starts a run, since runs are
/// built in pc order.
pub fn runs(region: &Region) -> BTreeMap<u64, u64> {
    let mut heads: std::collections::BTreeSet<u64> = std::collections::BTreeSet::from([region.entry]);
    // Hint pcs are entered only through the `br_table`, after their hints ran.
    heads.extend(region.hints.iter().copied());
    for ri in region.insts.values() {
        let plain = ri.inst.pc_update == PcUpdate::Regular && ri.inst.opcode != Opcode::Ret;
        for s in ri.successors() {
            let adjacent = region.insts.range(ri.pc + 1..).next().map(|(&pc, _)| pc) == Some(s);
            if !(plain && s == ri.next_pc() && adjacent) {
                heads.insert(s);
            }
        }
    }
    let mut out = BTreeMap::new();
    let mut current: Option<(u64, u64)> = None;
    let mut expected_next = None;
    for ri in region.insts.values() {
        let continues = match current {
            Some((_, n)) => expected_next == Some(ri.pc) && !heads.contains(&ri.pc) && n < MAX_RUN,
            None => false,
        };
        if continues {
            if let Some((_, n)) = current.as_mut() {
                *n += 1;
            }
        } else {
            if let Some((h, n)) = current {
                out.insert(h, n);
            }
            current = Some((ri.pc, 1));
        }
        // A run only continues into the next instruction by fall-through.
        let falls_through = ri.inst.pc_update == PcUpdate::Regular && ri.inst.opcode != Opcode::Ret;
        expected_next = Some(ri.next_pc());
        if !falls_through || !region.reachable_inside(ri.next_pc()) {
            if let Some((h, n)) = current.take() {
                out.insert(h, n);
            }
        }
    }
    if let Some((h, n)) = current {
        out.insert(h, n);
    }
    out
}

/// How trace records cover an instruction of a region (see [`crate::vm::trace`]): compiled
/// code records a straight line of steps in one entry, whose steps are consecutive
/// instructions of one run (see [`runs`]) with fp unchanged and ap moved by static amounts.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RecordPlan {
    /// Its position in its run.
    pub pos: u32,
    /// What it adds to ap when it falls through, when known at compile time
    /// ([`static_ap_step`]); `None` ends a record (the next step's ap is not static).
    pub ap_step: Option<i64>,
    /// Whether control reaching it in the run's order opens a record there: the run's head,
    /// or the instruction after one whose ap change is not static.
    pub starts: bool,
    /// The end (exclusive position in the run) of a record opened at it: past the first
    /// instruction from it on whose ap change is not static, else the run's end.
    pub end: u32,
}

/// The [`RecordPlan`] of each instruction of `region`, in pc order (a run's instructions are
/// consecutive in pc order, see [`runs`]).
pub fn record_plan(region: &Region) -> Vec<RecordPlan> {
    let heads = runs(region);
    let mut out: Vec<RecordPlan> = Vec::with_capacity(region.insts.len());
    let mut run_start = 0;
    for ri in region.insts.values() {
        let pos = if heads.contains_key(&ri.pc) {
            run_start = out.len();
            0
        } else {
            (out.len() - run_start) as u32
        };
        let starts = pos == 0 || out.last().is_some_and(|p| p.ap_step.is_none());
        out.push(RecordPlan { pos, ap_step: static_ap_step(ri), starts, end: 0 });
    }
    // Ends, from the back: a record opened at `i` ends past the first non-static instruction
    // from `i` on, or at the run's end.
    let mut end = 0;
    for i in (0..out.len()).rev() {
        let last_of_run = i + 1 == out.len() || out[i + 1].pos == 0;
        if last_of_run || out[i].ap_step.is_none() {
            end = out[i].pos + 1;
        }
        out[i].end = end;
    }
    out
}

/// The code table rows ([`TraceInst`]) of `region`'s instructions (in segment `seg`), in pc
/// order: what the JIT registers for the region's records.
pub fn trace_insts(region: &Region, seg: i64) -> Vec<TraceInst> {
    region
        .insts
        .keys()
        .zip(record_plan(region))
        .map(|(&pc, p)| TraceInst {
            pc: crate::vm::trace::pack(crate::vm::Relocatable::new(seg, pc)),
            pos: p.pos,
            ap_step: p.ap_step.unwrap_or(0),
        })
        .collect()
}

/// Stores a trace record (see [`crate::vm::trace::RECORD`]) for the instruction with code
/// table index `id`, up to position `end` of its run, with the registers before its step, at
/// the context's trace pointer, and advances it.
fn write_record(b: &mut FunctionBuilder<'_>, ctx: Value, id: u64, end: u32, ap: Value, fp: Value) {
    debug_assert!(id < 1 << RECORD_ID_BITS && end < 1 << RECORD_END_BITS);
    let tp = b.ins().load(I64, flags(), ctx, offsets::TRACE_PTR);
    let w0 = b.ins().iconst(I64, record_pc(id, end) as i64);
    let apv = b.ins().ireduce(I32, ap);
    let fpv = b.ins().ireduce(I32, fp);
    b.ins().store(flags(), w0, tp, 0);
    b.ins().store(flags(), apv, tp, 8);
    b.ins().store(flags(), fpv, tp, 12);
    let next = b.ins().iadd_imm_s(tp, ENTRY_BYTES as i64);
    b.ins().store(flags(), next, ctx, offsets::TRACE_PTR);
}

/// Runtime functions imported into the function being built.
pub struct Imports {
    /// `cairo_jit_rt_felt_mul(out, a, b)`.
    pub felt_mul: FuncRef,
    /// `cairo_jit_rt_op1_unset(ctx, seg, off, dst, out) -> status`.
    pub op1_unset: FuncRef,
    /// `cairo_jit_rt_add_cells(out, a, b) -> status`.
    pub add_cells: FuncRef,
    /// `cairo_jit_rt_sub_cells(out, a, b) -> status`.
    pub sub_cells: FuncRef,
    /// `cairo_jit_rt_felt_div(out, a, b) -> divisor nonzero`.
    pub felt_div: FuncRef,
    /// `cairo_jit_rt_reg_add(segment, offset, res) -> offset or REG_ADD_FAILED`.
    pub reg_add: FuncRef,
    /// `cairo_jit_rt_hints(ctx) -> 0 or exit code`.
    pub hints: FuncRef,
    /// `cairo_jit_rt_count_down(ctx, group) -> 1, 0 or COUNT_DOWN_HINTS`.
    pub count_down: FuncRef,
    /// `cairo_jit_rt_felt_mul_cells(out, a, b)`.
    pub felt_mul_cells: FuncRef,
}

/// Returns the signature of a runtime function.
pub fn signature(
    f: &RtFunc,
    call_conv: cranelift_codegen::isa::CallConv,
) -> cranelift_codegen::ir::Signature {
    let mut sig = cranelift_codegen::ir::Signature::new(call_conv);
    for &p in f.params {
        sig.params.push(AbiParam::new(p));
    }
    if let Some(r) = f.ret {
        sig.returns.push(AbiParam::new(r));
    }
    sig
}

/// The registers compiled code changes: SSA variables, read at the head of each instruction
/// and defined before each jump to another instruction's block.
struct Vars {
    ap: Variable,
    fp: Variable,
    cnt: Variable,
}

/// Register values within one instruction.
#[derive(Clone, Copy)]
struct Regs {
    ap: Value,
    fp: Value,
    /// The step count (see [`Lowering::count_step`]).
    cnt: Value,
}

/// Context fields nothing changes while compiled code runs (no runtime call it makes moves
/// the execution segment, adds a segment or moves the segment table, except the hint runner,
/// after which the function re-enters itself): loaded once per entry, in `reenter`.
struct Env {
    cnt_limit: Value,
    base: Value,
    len: Value,
    segs: Value,
    nsegs: Value,
}

/// The lowering context of one region.
pub struct Lowering<'a, 'f> {
    b: &'a mut FunctionBuilder<'f>,
    cfg: LowerConfig,
    imp: Imports,
    ctx: Value,
    v: Vars,
    e: Env,
    blocks: BTreeMap<u64, Block>,
    /// Hint pcs: instructions with a block (an entry) that compiled code never jumps to
    /// directly (it goes through the hint block, which runs the hints first).
    hints: &'a std::collections::BTreeSet<u64>,
    /// The registers before the current instruction (what its slow path hands over).
    before: Regs,
    /// The registers as the current instruction leaves them so far.
    cur: Regs,
    scratch: cranelift_codegen::ir::StackSlot,
    /// The region's exit blocks, for [`exit::CONTINUE`] and [`exit::INTERPRET`]: cold, with
    /// parameters (pc, ap, fp, cnt), shared by every exit of that kind (see
    /// [`Lowering::exit_with`]).
    exits: [Block; 2],
    /// With tracing, the region's record fix-up block, through which slow paths exit (see
    /// [`record_fixup_block`]).
    fixup: Option<Block>,
    /// The region's hint block, when it has hint pcs (see [`hint_block`]).
    hint_blk: Option<Block>,
    /// Per counter step's hint pc, its block (see [`Lowering::counter_step`]), through which
    /// compiled code goes to that pc instead of the hint block.
    counter_blks: BTreeMap<u64, Block>,
    /// The run being lowered (see [`RunCover`]).
    run: Option<RunCover>,
    /// What the entries' checks use (see [`RunCover`]).
    entry: EntryChecks,
    /// How trace records cover each instruction (pc order).
    plan: Vec<RecordPlan>,
    /// The region's instructions.
    insts: &'a BTreeMap<u64, RegionInst>,
}

/// The values and blocks of the entries' checks (see [`RunCover`]).
struct EntryChecks {
    /// The index of the instruction entered.
    index: Value,
    /// The registers at entry.
    ap: Value,
    fp: Value,
    /// Where a failed check goes: the interpreter at the entry pc.
    bad: Block,
    /// Per run head, the block checking an entry into that run.
    run_checks: BTreeMap<u64, Block>,
    /// Per instruction (pc order), where an entry goes once checked: its block, or one that
    /// opens its trace record first (see [`RecordPlan`]).
    targets: Vec<Block>,
}

/// The cells of a run, checked once (see [`Lowering::cell_addrs`]).
///
/// Every register cell an instruction addresses must lie inside the execution segment's
/// allocated cells. Within a run (see [`runs`]) fp does not change and ap changes by
/// amounts known at compile time until an `ap += res`, so the cells of the run's instructions
/// up to that one are known offsets from the registers at the run's head. They are checked
/// there, in one comparison per register and bound (the lowest and the highest offset), and
/// the instructions ("covered") skip their own checks. Control enters a run at its head or,
/// from the dispatcher, at any of its instructions, through the run's entry check (the
/// `br_table`'s target), which checks the same way the lowest and highest offsets, over the
/// run's instructions, of the cells of the rest of the run (a superset of what the entered
/// one needs), then dispatches within the run; after hints, compiled code re-enters at a hint
/// pc, always a run head, which checks. A failed check hands the instruction to the
/// interpreter ([`exit::INTERPRET`]), which grows the segment when it writes past its
/// allocated cells, or reports the fault.
struct RunCover {
    /// The head's block that checks, filled once the run is lowered.
    check: Block,
    /// The block the check goes on to: the head's fast path.
    body: Block,
    /// The head's pc, registers and index in the region.
    pc: u64,
    regs: Regs,
    first: usize,
    /// The run's instructions lowered so far.
    insts: Vec<CoveredInst>,
}

/// An instruction of a [`RunCover`].
struct CoveredInst {
    /// Its ap's offset from the run head's; `None` (not covered) once an instruction before it
    /// in the run changed ap by an amount not known at compile time.
    delta: Option<i64>,
    /// Its own change of ap when its fast path falls through (see [`static_ap_step`]).
    ap_step: Option<i64>,
    /// The register cells it addresses, as offsets from its own registers.
    cells: Vec<(Reg, i64)>,
}

/// Of cells `(reg, off)`, the lowest and the highest offset of each register (one cell when
/// they coincide).
fn extremes(cells: &[(Reg, i64)]) -> Vec<(Reg, i64)> {
    let mut out = Vec::with_capacity(4);
    for r in [Reg::Ap, Reg::Fp] {
        let offs = cells.iter().filter(|c| c.0 == r).map(|c| c.1);
        if let (Some(lo), Some(hi)) = (offs.clone().min(), offs.max()) {
            out.push((r, lo));
            if hi != lo {
                out.push((r, hi));
            }
        }
    }
    out
}

/// How much an instruction's fast path changes ap, when known at compile time and the
/// instruction can fall through to the next one of its run: `ap++`, `ap += 2` and `ap += imm`
/// with a small immediate (the form whose fast path adds it); `None` for `ap += res`
/// otherwise.
fn static_ap_step(ri: &RegionInst) -> Option<i64> {
    let i = &ri.inst;
    if matches!(i.opcode, Opcode::Call | Opcode::Ret) {
        // They change fp (and end runs when they have fast paths).
        return None;
    }
    ap_step(i.ap_update).or_else(|| ap_add_imm(ri))
}

/// What `ap++`, `ap += 2` and no ap update add to ap; `None` for `ap += res`.
fn ap_step(u: ApUpdate) -> Option<i64> {
    match u {
        ApUpdate::Regular => Some(0),
        ApUpdate::Add1 => Some(1),
        ApUpdate::Add2 => Some(2),
        ApUpdate::Add => None,
    }
}

/// The immediate of `ap += imm` (a nop with res = op1 = imm), when small enough for its
/// fast path.
fn ap_add_imm(ri: &RegionInst) -> Option<i64> {
    let i = &ri.inst;
    let form = (i.opcode, i.pc_update, i.ap_update, i.op1_src, i.res)
        == (Opcode::Nop, PcUpdate::Regular, ApUpdate::Add, Op1Src::Imm, Res::Op1);
    ri.imm_i64().filter(|d| form && d.unsigned_abs() < 1 << 32)
}

// The tag tests of `is_set` and `is_felt` rely on the tags being the top two bits.
const TAG_SHIFT: i64 = 62;
const _: () = assert!(TAG_SET == 1 << 63 && TAG_MASK == 3 << TAG_SHIFT);

/// Removes the loads whose results nothing uses; returns how many it removed.
///
/// Lowering loads a whole cell wherever a form may need its four words, and some paths use
/// only the tag word: a product the runtime reads from the operands' cells itself
/// (`felt_mul_into`), a pointer's fourth word, a cell only tested for being set. Cranelift
/// keeps a load whose result is unused (a load may trap, to its lowering, which skips only
/// unused instructions without effects), so each would cost an instruction every time the
/// path runs. Every load lowering emits is `notrap` (the address was checked first), so
/// removing one changes nothing but time: only such loads are removed. A load whose only uses
/// were dead loads (an address) goes too: use counts, then a worklist. (Removing the unused
/// pure instructions as well changed no byte of the machine code of factorial_loop or
/// keccak_loop at threshold 0: Cranelift's lowering skips them, chains included.)
pub fn remove_dead_loads(func: &mut Function) -> usize {
    // Uses of each value (aliases resolved) by the instructions in the layout.
    let mut uses = vec![0u32; func.dfg.num_values()];
    for block in func.layout.blocks() {
        for inst in func.layout.block_insts(block) {
            for v in func.dfg.inst_values(inst) {
                uses[func.dfg.resolve_aliases(v).index()] += 1;
            }
        }
    }
    let removable = |func: &Function, inst: Inst| {
        let data = &func.dfg.insts[inst];
        data.opcode() == ClifOpcode::Load && data.memflags_trap_code(&func.dfg).is_none()
    };
    let mut dead: Vec<Inst> = Vec::new();
    for block in func.layout.blocks() {
        for inst in func.layout.block_insts(block) {
            if removable(func, inst) && func.dfg.inst_results(inst).iter().all(|&r| uses[r.index()] == 0) {
                dead.push(inst);
            }
        }
    }
    let mut removed = 0;
    while let Some(inst) = dead.pop() {
        func.layout.remove_inst(inst);
        removed += 1;
        // Its operands lose a use; a load left with none is dead in turn.
        for k in 0..func.dfg.inst_args(inst).len() {
            let v = func.dfg.resolve_aliases(func.dfg.inst_args(inst)[k]);
            uses[v.index()] -= 1;
            if uses[v.index()] == 0 {
                if let ValueDef::Result(def, _) = func.dfg.value_def(v) {
                    if func.layout.inst_block(def).is_some()
                        && removable(func, def)
                        && func.dfg.inst_results(def).iter().all(|&r| uses[r.index()] == 0)
                    {
                        dead.push(def);
                    }
                }
            }
        }
    }
    removed
}

fn flags() -> MemFlagsData {
    MemFlagsData::trusted()
}

/// Writes the registers (pc, ap, fp and the step count `cnt`) into the context, as every
/// exit does. (Trace records keep the context's trace pointer current themselves.)
fn store_state(b: &mut FunctionBuilder<'_>, ctx: Value, [pc, ap, fp, cnt]: [Value; 4]) {
    for (x, off) in [(ap, offsets::AP), (fp, offsets::FP), (pc, offsets::PC), (cnt, offsets::STEPS)] {
        b.ins().store(flags(), x, ctx, off);
    }
}

/// Builds a region's exit block for `code` (cold, parameters pc, ap, fp and the step counter):
/// it writes the registers into the context and returns `code`.
fn exit_block(b: &mut FunctionBuilder<'_>, ctx: Value, code: u32) -> Block {
    let blk = b.create_block();
    b.set_cold_block(blk);
    let regs = [(); 4].map(|()| b.append_block_param(blk, I64));
    b.switch_to_block(blk);
    store_state(b, ctx, regs);
    let c = b.ins().iconst(I32, code as i64);
    b.ins().return_(&[c]);
    blk
}

/// Builds a region's hint block (parameters pc, ap, fp, the step counter, and the index of
/// the instruction at pc): it writes the registers into the context and calls
/// `cairo_jit_rt_hints`, which runs the hints at pc; then compiled code re-enters itself at
/// that instruction through `reenter` (which reloads the context: hints may move buffers and
/// add segments), or returns the exit code the call gave.
fn hint_block(b: &mut FunctionBuilder<'_>, ctx: Value, reenter: Block, hints: FuncRef) -> Block {
    let blk = b.create_block();
    b.set_cold_block(blk);
    let regs = [(); 4].map(|()| b.append_block_param(blk, I64));
    let index = b.append_block_param(blk, I32);
    let fail = b.create_block();
    b.set_cold_block(fail);
    let code = b.append_block_param(fail, I32);
    b.switch_to_block(blk);
    store_state(b, ctx, regs);
    let call = b.ins().call(hints, &[ctx]);
    let r = b.inst_results(call)[0];
    let unchecked = b.ins().iconst(I32, 0);
    b.ins().brif(r, fail, &[r.into()], reenter, &[index.into(), unchecked.into()]);
    b.switch_to_block(fail);
    b.ins().return_(&[code]);
    blk
}

/// Builds a region's record fix-up block (cold; parameters pc, ap, fp, the step counter, and
/// the record id and run position of the instruction at pc), through which every slow path
/// of traced code leaves: the interpreter records the instruction's step itself, so the open
/// record (the trace's last entry) ends before it, or, when it was opened at this very
/// instruction, goes; then the [`exit::INTERPRET`] exit `interpret`. One block for the whole
/// region instead of four per instruction: less IR for Cranelift's register allocator.
fn record_fixup_block(b: &mut FunctionBuilder<'_>, ctx: Value, interpret: Block) -> Block {
    let blk = b.create_block();
    b.set_cold_block(blk);
    let regs = [(); 4].map(|()| b.append_block_param(blk, I64));
    let [id_here, pos] = [(); 2].map(|()| b.append_block_param(blk, I64));
    let (drop, cut) = (b.create_block(), b.create_block());
    for x in [drop, cut] {
        b.set_cold_block(x);
    }
    let args = regs.map(Into::into);
    b.switch_to_block(blk);
    let tp = b.ins().load(I64, flags(), ctx, offsets::TRACE_PTR);
    let rec = b.ins().iadd_imm_s(tp, -(ENTRY_BYTES as i64));
    let w0 = b.ins().load(I64, flags(), rec, 0);
    let id = b.ins().ushr_imm_u(w0, i64::from(RECORD_END_BITS));
    let id = b.ins().band_imm_u(id, (1 << RECORD_ID_BITS) - 1);
    let here = b.ins().icmp(IntCC::Equal, id, id_here);
    b.ins().brif(here, drop, &[], cut, &[]);
    b.switch_to_block(drop);
    b.ins().store(flags(), rec, ctx, offsets::TRACE_PTR);
    b.ins().jump(interpret, &args);
    b.switch_to_block(cut);
    // The record's end field becomes this instruction's position.
    let cleared = b.ins().band_imm_s(w0, !((1 << RECORD_END_BITS) - 1));
    let w0 = b.ins().bor(cleared, pos);
    b.ins().store(flags(), w0, rec, 0);
    b.ins().jump(interpret, &args);
    blk
}

impl<'a, 'f> Lowering<'a, 'f> {
    /// Builds the whole function: `fn(ctx: *mut JitContext, entry: u32) -> u32`, where
    /// `entry` indexes `region.insts` in pc order. Returns each instruction's block.
    pub fn build(
        b: &'a mut FunctionBuilder<'f>,
        region: &'a Region,
        cfg: LowerConfig,
        imp: Imports,
    ) -> BTreeMap<u64, Block> {
        let entry = b.create_block();
        b.append_block_params_for_function_params(entry);
        // Entered from the entry block (`checked` 1) and, after hints ran, from the hint block
        // (`checked` 0): loads the context and dispatches to the instruction of the given
        // index, through its run's entry check when `checked` (see `RunCover`).
        let reenter = b.create_block();
        b.append_block_param(reenter, I32);
        b.append_block_param(reenter, I32);
        let blocks: BTreeMap<u64, Block> = region.insts.keys().map(|&pc| (pc, b.create_block())).collect();
        let v = Vars { ap: b.declare_var(I64), fp: b.declare_var(I64), cnt: b.declare_var(I64) };
        let scratch = b.create_sized_stack_slot(StackSlotData::new(StackSlotKind::ExplicitSlot, 96, 3));
        b.switch_to_block(entry);
        let ctx = b.block_params(entry)[0];
        let index = b.block_params(entry)[1];
        let one = b.ins().iconst(I32, 1);
        b.ins().jump(reenter, &[index.into(), one.into()]);
        b.switch_to_block(reenter);
        let index = b.block_params(reenter)[0];
        let checked = b.block_params(reenter)[1];
        let load = |b: &mut FunctionBuilder<'f>, off: i32| b.ins().load(I64, flags(), ctx, off);
        let [ap, fp, _] =
            [(v.ap, offsets::AP), (v.fp, offsets::FP), (v.cnt, offsets::STEPS)].map(|(var, off)| {
                let x = load(b, off);
                b.def_var(var, x);
                x
            });
        let e = Env {
            cnt_limit: load(b, offsets::CNT_LIMIT),
            base: load(b, offsets::EXEC_BASE),
            len: load(b, offsets::EXEC_LEN),
            segs: load(b, offsets::SEGS),
            nsegs: load(b, offsets::NSEGS),
        };
        // An index outside the table (never passed by the dispatcher), or an entry whose run's
        // cells are not all inside the segment, interprets at ctx.pc.
        let bad = b.create_block();
        b.set_cold_block(bad);
        let (dispatch, checked_dispatch) = (b.create_block(), b.create_block());
        b.ins().brif(checked, checked_dispatch, &[], dispatch, &[]);
        let runs = runs(region);
        let plan = record_plan(region);
        // Where an entry goes on to the instruction once its checks passed: its block, or,
        // with tracing, where control does not open a trace record (within a record), a block
        // that opens one first.
        let targets: Vec<Block> = blocks
            .values()
            .zip(&plan)
            .enumerate()
            .map(|(i, (&blk, p))| {
                if !cfg.trace || p.starts {
                    return blk;
                }
                let open = b.create_block();
                b.switch_to_block(open);
                write_record(b, ctx, cfg.id_base + i as u64, p.end, ap, fp);
                b.ins().jump(blk, &[]);
                open
            })
            .collect();
        // Each run's entry check, filled once the run is lowered.
        let run_checks: BTreeMap<u64, Block> = runs.keys().map(|&pc| (pc, b.create_block())).collect();
        for (blk, to) in [(dispatch, false), (checked_dispatch, true)] {
            b.switch_to_block(blk);
            let mut check = run_checks[&region.entry];
            let pool = &mut b.func.dfg.value_lists;
            let targets: Vec<BlockCall> = blocks
                .keys()
                .zip(&targets)
                .map(|(pc, &blk)| {
                    if let Some(&c) = run_checks.get(pc) {
                        check = c;
                    }
                    BlockCall::new(if to { check } else { blk }, [], pool)
                })
                .collect();
            let def = BlockCall::new(bad, [], pool);
            let jt = b.create_jump_table(JumpTableData::new(def, &targets));
            b.ins().br_table(index, jt);
        }
        b.switch_to_block(bad);
        let code = b.ins().iconst(I32, exit::INTERPRET as i64);
        b.ins().return_(&[code]);
        let exits = [exit::CONTINUE, exit::INTERPRET].map(|code| exit_block(b, ctx, code));
        let fixup = cfg.trace.then(|| record_fixup_block(b, ctx, exits[1]));
        let hint_blk = (!region.hints.is_empty()).then(|| hint_block(b, ctx, reenter, imp.hints));
        let regs = Regs { ap: index, fp: index, cnt: index };
        let counter_blks: BTreeMap<u64, Block> = region
            .counters
            .keys()
            .filter(|pc| region.hints.contains(pc) && region.insts.contains_key(pc))
            .map(|&pc| {
                let blk = b.create_block();
                for _ in 0..3 {
                    b.append_block_param(blk, I64);
                }
                (pc, blk)
            })
            .collect();
        let mut l = Lowering {
            b,
            cfg,
            imp,
            ctx,
            v,
            e,
            blocks,
            hints: &region.hints,
            before: regs,
            cur: regs,
            scratch,
            exits,
            fixup,
            hint_blk,
            counter_blks,
            run: None,
            entry: EntryChecks { index, ap, fp, bad, run_checks, targets },
            plan,
            insts: &region.insts,
        };
        for (i, ri) in region.insts.values().enumerate() {
            l.instruction(ri, i, runs.get(&ri.pc).copied());
        }
        l.finish_run();
        for (pc, blk) in l.counter_blks.clone() {
            l.counter_step(pc, region.counters[&pc], blk);
        }
        l.b.seal_all_blocks();
        l.blocks
    }

    /// Fills the block `blk` (parameters ap, fp and the step counter) of the counter step `c`
    /// at hint pc `pc` ([`CounterHint`]: `n -= 1; ids.<flag> = 1 if n > 0 else 0`), through
    /// which compiled code goes to `pc`: when the flag's cell lies inside the execution
    /// segment's allocated cells and is unset, the scope's half of the step is
    /// `cairo_jit_rt_count_down`'s (with the context current, as the hint block makes it),
    /// which leases `n` to compiled code when it stays positive, so that the next steps at
    /// `pc` count it down here (`JitContext::lease_pc`); then the flag is written here and the
    /// instruction at pc follows (a run head, which checks its run).
    /// Whenever the flag's cell is elsewhere or set, or the call returns
    /// `COUNT_DOWN_HINTS` (having changed nothing), the hint block runs the hints instead, and
    /// they write the flag or give its error.
    fn counter_step(&mut self, pc: u64, c: CounterHint, blk: Block) {
        self.b.switch_to_block(blk);
        let [ap, fp, cnt] = [0, 1, 2].map(|i| self.b.block_params(blk)[i]);
        let p = self.b.ins().iconst(I64, pc as i64);
        let hints = self.b.create_block();
        self.b.set_cold_block(hints);
        // The flag's cell `ap + shift + k`, when the plan of the hint's write computes it
        // (`ap + shift` a valid offset; both are below 2^32 in magnitude, see
        // `Jit::with_counters`, so nothing wraps) and it is allocated.
        let idx = self.b.ins().iadd_imm_s(ap, c.shift + c.k);
        let mut ok = self.b.ins().icmp(IntCC::UnsignedLessThan, idx, self.e.len);
        if c.shift < 0 {
            let shifted = self.b.ins().icmp_imm_s(IntCC::UnsignedGreaterThanOrEqual, ap, -c.shift);
            ok = self.b.ins().band(ok, shifted);
        }
        self.guard(ok, hints);
        let byte = self.b.ins().ishl_imm_s(idx, 5);
        let ptr = self.b.ins().iadd(self.e.base, byte);
        let w0 = self.b.ins().load(I64, flags(), ptr, 0);
        let set = self.is_set(w0);
        self.guard_not(set, hints);
        // With this pc's counter leased (see `JitContext::lease_pc`), `n` positive and the
        // checks of `cairo_jit_rt_count_down` passing (its step bound through `cnt_limit`, at
        // most the step limit), the step is `lease_n -= 1` here; otherwise the runtime's.
        let [leased, own, call, flag] = std::array::from_fn(|_| self.b.create_block());
        self.b.set_cold_block(call);
        self.b.append_block_param(flag, I64);
        let lease = self.ctx_load(offsets::LEASE_PC);
        let mine = self.b.ins().icmp_imm_s(IntCC::Equal, lease, pc as i64);
        self.b.ins().brif(mine, leased, &[], call, &[]);
        self.b.switch_to_block(leased);
        let n = self.ctx_load(offsets::LEASE_N);
        let room = self.b.ins().iadd_imm_s(cnt, MAX_RUN as i64);
        let conds = [
            self.b.ins().icmp_imm_s(IntCC::SignedGreaterThan, n, 0),
            self.b.ins().icmp_imm_s(IntCC::UnsignedLessThan, ap, AP_SET_LIMIT),
            self.b.ins().icmp_imm_s(IntCC::UnsignedLessThan, fp, REG_LIMIT as i64),
            self.b.ins().icmp(IntCC::UnsignedLessThanOrEqual, room, self.e.cnt_limit),
        ];
        let ok = self.all(&conds);
        self.b.ins().brif(ok, own, &[], call, &[]);
        self.b.switch_to_block(own);
        let n = self.b.ins().iadd_imm_s(n, -1);
        self.b.ins().store(flags(), n, self.ctx, offsets::LEASE_N);
        let more = self.b.ins().icmp_imm_s(IntCC::SignedGreaterThan, n, 0);
        let more = self.b.ins().uextend(I64, more);
        self.b.ins().jump(flag, &[more.into()]);
        self.b.switch_to_block(call);
        store_state(self.b, self.ctx, [p, ap, fp, cnt]);
        let group = self.b.ins().iconst(I64, i64::from(c.group));
        let call = self.b.ins().call(self.imp.count_down, &[self.ctx, group]);
        let r = self.b.inst_results(call)[0];
        let run = self.b.ins().icmp_imm_s(IntCC::Equal, r, i64::from(COUNT_DOWN_HINTS));
        self.guard_not(run, hints);
        let r = self.b.ins().uextend(I64, r);
        self.b.ins().jump(flag, &[r.into()]);
        self.b.switch_to_block(flag);
        // The felt r (0 or 1): the words of 1 where r is 1, zeros where it is 0.
        let r = self.b.block_params(flag)[0];
        let mask = self.b.ins().ineg(r);
        let words: [Value; 4] = std::array::from_fn(|i| {
            let w = self.b.ins().iconst(I64, cairo_jit_runtime::felt::ONE[i] as i64);
            self.b.ins().band(w, mask)
        });
        let top = self.b.ins().bor_imm_s(words[0], TAG_SET as i64);
        self.store_cell(ptr, 0, [top, words[1], words[2], words[3]]);
        self.b.def_var(self.v.ap, ap);
        self.b.def_var(self.v.fp, fp);
        self.b.def_var(self.v.cnt, cnt);
        self.b.ins().jump(self.blocks[&pc], &[]);
        self.b.switch_to_block(hints);
        let hint_blk = self.hint_blk.expect("a counter step is a hint pc");
        let index = self.blocks.range(..pc).count();
        let i = self.b.ins().iconst(I32, index as i64);
        self.b.ins().jump(hint_blk, &[p.into(), ap.into(), fp.into(), cnt.into(), i.into()]);
    }

    /// Returns `code` ([`exit::CONTINUE`] or [`exit::INTERPRET`]) to the dispatcher, which
    /// continues at `pc` with the registers `r`: a jump to the region's exit block for `code`.
    fn exit_with(&mut self, code: u32, pc: Value, r: Regs) {
        let blk = self.exits[usize::from(code == exit::INTERPRET)];
        debug_assert!(code == exit::CONTINUE || code == exit::INTERPRET);
        self.b.ins().jump(blk, &[pc.into(), r.ap.into(), r.fp.into(), r.cnt.into()]);
    }

    fn exit_const(&mut self, code: u32, pc: u64, r: Regs) {
        let p = self.b.ins().iconst(I64, pc as i64);
        self.exit_with(code, p, r);
    }

    /// Continues at `pc` with the current instruction's registers: its block when in the
    /// region (through the hint block at a hint pc), else an exit.
    fn goto(&mut self, pc: u64) {
        let r = self.cur;
        if let Some(&blk) = self.counter_blks.get(&pc) {
            self.b.ins().jump(blk, &[r.ap.into(), r.fp.into(), r.cnt.into()]);
            return;
        }
        match (self.blocks.get(&pc), self.hint_blk) {
            (Some(_), Some(hint_blk)) if self.hints.contains(&pc) => {
                // Through the hint block, which runs the hints and re-enters there (by the
                // instruction's index: its position in pc order).
                let index = self.blocks.range(..pc).count();
                let p = self.b.ins().iconst(I64, pc as i64);
                let i = self.b.ins().iconst(I32, index as i64);
                let args = [p, r.ap, r.fp, r.cnt, i].map(Into::into);
                self.b.ins().jump(hint_blk, &args);
            }
            (Some(&blk), _) if !self.hints.contains(&pc) => {
                self.b.def_var(self.v.ap, r.ap);
                self.b.def_var(self.v.fp, r.fp);
                self.b.def_var(self.v.cnt, r.cnt);
                self.b.ins().jump(blk, &[]);
            }
            // Outside the region.
            _ => self.exit_const(exit::CONTINUE, pc, r),
        }
    }

    /// Continues in a new block when `ok` holds, else in `slow`.
    fn guard(&mut self, ok: Value, slow: Block) {
        let next = self.b.create_block();
        self.b.ins().brif(ok, next, &[], slow, &[]);
        self.b.switch_to_block(next);
    }

    /// Continues in a new block unless `bad` holds, else in `other`.
    fn guard_not(&mut self, bad: Value, other: Block) {
        let next = self.b.create_block();
        self.b.ins().brif(bad, other, &[], next, &[]);
        self.b.switch_to_block(next);
    }

    fn reg(&mut self, r: Reg) -> Value {
        match r {
            Reg::Ap => self.before.ap,
            Reg::Fp => self.before.fp,
        }
    }

    /// The address of cell `reg + off`, its cells and the `extra` ones after it checked
    /// ([`Lowering::check_cells`]).
    fn cell_addr(&mut self, r: Reg, off: i16, extra: i64, slow: Block) -> Value {
        self.check_cells(&[(r, i64::from(off)), (r, i64::from(off) + extra)], slow);
        self.reg_cell_ptr(r, off)
    }

    /// The address of cell `reg + off`, unchecked: the caller knows a check covers it.
    fn reg_cell_ptr(&mut self, r: Reg, off: i16) -> Value {
        let base = self.reg(r);
        let idx = self.b.ins().iadd_imm_s(base, off as i64);
        let byte = self.b.ins().ishl_imm_s(idx, 5);
        let base_ptr = self.e.base;
        self.b.ins().iadd(base_ptr, byte)
    }

    /// The addresses of cells `reg + off`, checked ([`Lowering::check_cells`]). The cells of a register are
    /// addressed from one pointer to the register's cell, the offsets becoming the loads' and
    /// stores' displacements.
    fn cell_addrs<const N: usize>(&mut self, cells: [(Reg, i16); N], slow: Block) -> [Value; N] {
        self.check_cells(&cells.map(|(r, off)| (r, i64::from(off))), slow);
        let mut reg_ptr: [Option<Value>; 2] = [None, None];
        cells.map(|(r, off)| {
            let k = usize::from(r == Reg::Fp);
            let p = match reg_ptr[k] {
                Some(p) => p,
                None => {
                    let reg = self.reg(r);
                    let byte = self.b.ins().ishl_imm_s(reg, 5);
                    let p = self.b.ins().iadd(self.e.base, byte);
                    reg_ptr[k] = Some(p);
                    p
                }
            };
            if off == 0 {
                p
            } else {
                self.b.ins().iadd_imm_s(p, off as i64 * 32)
            }
        })
    }

    /// The conjunction of conditions.
    fn all(&mut self, conds: &[Value]) -> Value {
        let mut acc = conds[0];
        for &c in &conds[1..] {
            acc = self.b.ins().band(acc, c);
        }
        acc
    }

    /// Requires the cells at `ptrs` to be set (as cairo-lang reads dst and op0 of every
    /// instruction), with one guard.
    fn require_set_at(&mut self, ptrs: &[Value], slow: Block) {
        let conds: Vec<Value> = ptrs
            .iter()
            .map(|&p| {
                let w0 = self.b.ins().load(I64, flags(), p, 0);
                self.is_set(w0)
            })
            .collect();
        let ok = self.all(&conds);
        self.guard(ok, slow);
    }

    /// The cell `[op0 + off2]` for a relocatable op0 cell: its index in its segment and the
    /// address of the segment's table entry ([`crate::vm::SegDesc`]), after checking the tag,
    /// the segment index and that the offset addition did not wrap.
    fn op0_cell_ref(&mut self, op0: [Value; 4], off2: i16, slow: Block) -> (Value, Value) {
        let tag = self.b.ins().icmp_imm_s(IntCC::Equal, op0[0], (TAG_SET | TAG_RELOC) as i64);
        let nsegs = self.e.nsegs;
        let seg_ok = self.b.ins().icmp(IntCC::UnsignedLessThan, op0[1], nsegs);
        let ok = self.b.ins().band(tag, seg_ok);
        let idx = self.b.ins().iadd_imm_s(op0[2], off2 as i64);
        let no_wrap = if off2 >= 0 {
            self.b.ins().icmp(IntCC::UnsignedGreaterThanOrEqual, idx, op0[2])
        } else {
            self.b.ins().icmp_imm_s(IntCC::UnsignedGreaterThanOrEqual, op0[2], -(off2 as i64))
        };
        let ok = self.b.ins().band(ok, no_wrap);
        self.guard(ok, slow);
        let segs = self.e.segs;
        let d = self.b.ins().ishl_imm_s(op0[1], SEG_DESC_SHIFT as i64);
        (idx, self.b.ins().iadd(segs, d))
    }

    /// `inline(self, other)` when `felts` holds (two felts), else the runtime's cell operation
    /// `f` on `a` and `b` (pointer arithmetic), whose failure takes the slow path. `other` is
    /// that runtime call's block, where the inline code sends the rare operands it does not
    /// handle (`f` computes the same result for felts).
    fn felt_or_runtime(
        &mut self,
        felts: Value,
        inline: impl FnOnce(&mut Self, Block) -> [Value; 4],
        f: FuncRef,
        a: [Value; 4],
        c: [Value; 4],
        slow: Block,
    ) -> [Value; 4] {
        let (fast, call, join) = (self.b.create_block(), self.b.create_block(), self.b.create_block());
        for _ in 0..4 {
            self.b.append_block_param(join, I64);
        }
        self.b.ins().brif(felts, fast, &[], call, &[]);
        self.b.switch_to_block(fast);
        let r = inline(self, call);
        self.b.ins().jump(join, &r.map(|v| v.into()));
        self.b.switch_to_block(call);
        self.b.set_cold_block(call);
        let r = self.cells_call(f, a, c, slow);
        self.b.ins().jump(join, &r.map(|v| v.into()));
        self.b.switch_to_block(join);
        self.cell_params(join)
    }

    /// The runtime's cell operation `f` on `a` and `c` (in the scratch slot); its failure
    /// takes the slow path.
    fn cells_call(&mut self, f: FuncRef, a: [Value; 4], c: [Value; 4], slow: Block) -> [Value; 4] {
        let slot = self.b.ins().stack_addr(I64, self.scratch, 0);
        self.store_cell(slot, 0, a);
        self.store_cell(slot, 32, c);
        let pa = slot;
        let pc = self.b.ins().iadd_imm_s(slot, 32);
        let out = self.b.ins().iadd_imm_s(slot, 64);
        self.call_for_cell(f, &[out, pa, pc], out, slow)
    }

    /// The offset of register `segment:offset + res` through the runtime
    /// ([`super::rt::cairo_jit_rt_reg_add`]: the interpreter's sum and register check); its
    /// failure takes the slow path.
    fn reg_add(&mut self, segment: u64, offset: Value, res: [Value; 4], slow: Block) -> Value {
        let slot = self.b.ins().stack_addr(I64, self.scratch, 0);
        self.store_cell(slot, 0, res);
        let seg = self.b.ins().iconst(I64, segment as i64);
        let f = self.imp.reg_add;
        let call = self.b.ins().call(f, &[seg, offset, slot]);
        let r = self.b.inst_results(call)[0];
        let ok = self.b.ins().icmp_imm_s(IntCC::NotEqual, r, super::rt::REG_ADD_FAILED as i64);
        self.guard(ok, slow);
        r
    }

    /// The ap after `ap += res` (`None` for the other ap updates), computed before any write
    /// of the instruction so that a failure leaves everything untouched.
    fn ap_after(&mut self, u: ApUpdate, res: [Value; 4], slow: Block) -> Option<Value> {
        (u == ApUpdate::Add).then(|| {
            let ap = self.before.ap;
            let n = self.reg_add(self.cfg.exec_seg, ap, res, slow);
            if self.cfg.trace {
                let ok = self.b.ins().icmp_imm_s(IntCC::UnsignedLessThan, n, AP_SET_LIMIT);
                self.guard(ok, slow);
            }
            n
        })
    }

    /// The bounds on the ap and the fp an instruction sets: with tracing `AP_SET_LIMIT` and
    /// `REG_LIMIT`, else the VM's bound on register offsets.
    fn set_limits(&self) -> (i64, i64) {
        if self.cfg.trace {
            (AP_SET_LIMIT, REG_LIMIT as i64)
        } else {
            (1 << 47, 1 << 47)
        }
    }

    /// A block to join the paths of an instruction at, taking the ap of `ap += res` when
    /// `u` is that update.
    fn join_block(&mut self, u: ApUpdate) -> Block {
        let done = self.b.create_block();
        if u == ApUpdate::Add {
            self.b.append_block_param(done, I64);
        }
        done
    }

    /// Jumps to `done` (from [`Lowering::join_block`]) with the new ap, if any.
    fn jump_done(&mut self, done: Block, nap: Option<Value>) {
        match nap {
            Some(n) => self.b.ins().jump(done, &[n.into()]),
            None => self.b.ins().jump(done, &[]),
        };
    }

    /// In `done`, the new ap it takes, if any.
    fn done_ap(&mut self, done: Block) -> Option<Value> {
        self.b.switch_to_block(done);
        self.b.block_params(done).first().copied()
    }

    /// Calls the runtime function `f` (which returns a status, 0 for success) and loads the
    /// cell it wrote at `out`; a nonzero status takes the slow path.
    fn call_for_cell(&mut self, f: FuncRef, args: &[Value], out: Value, slow: Block) -> [Value; 4] {
        let st = self.b.ins().call(f, args);
        let st = self.b.inst_results(st)[0];
        let ok = self.b.ins().icmp_imm_s(IntCC::Equal, st, 0);
        self.guard(ok, slow);
        self.load_cell(out, 0)
    }

    /// The four parameters of a block that takes a cell.
    fn cell_params(&mut self, blk: Block) -> [Value; 4] {
        let p = self.b.block_params(blk);
        [p[0], p[1], p[2], p[3]]
    }

    /// The address of cell `idx` of the segment whose table entry is at `desc`.
    fn seg_cell_addr(&mut self, desc: Value, idx: Value) -> Value {
        let base = self.b.ins().load(I64, flags(), desc, 0);
        let byte = self.b.ins().ishl_imm_s(idx, 5);
        self.b.ins().iadd(base, byte)
    }

    fn load_cell(&mut self, ptr: Value, off: i32) -> [Value; 4] {
        std::array::from_fn(|i| self.b.ins().load(I64, flags(), ptr, off + 8 * i as i32))
    }

    fn store_cell(&mut self, ptr: Value, off: i32, w: [Value; 4]) {
        for (i, x) in w.into_iter().enumerate() {
            self.b.ins().store(flags(), x, ptr, off + 8 * i as i32);
        }
    }

    fn const_cell(&mut self, c: [u64; 4]) -> [Value; 4] {
        c.map(|x| self.b.ins().iconst(I64, x as i64))
    }

    /// Whether a cell whose word 0 is `w0` is set: `TAG_SET` is the sign bit.
    fn is_set(&mut self, w0: Value) -> Value {
        self.b.ins().icmp_imm_s(IntCC::SignedLessThan, w0, 0)
    }

    /// Whether a cell whose word 0 is `w0` is a felt: its two tag bits (the top ones) are
    /// `TAG_SET` alone.
    fn is_felt(&mut self, w0: Value) -> Value {
        let t = self.b.ins().ushr_imm_u(w0, TAG_SHIFT);
        self.b.ins().icmp_imm_s(IntCC::Equal, t, (TAG_SET >> TAG_SHIFT) as i64)
    }

    /// Whether two cells known to be set (word 0 `w0` and `w1`) are both felts: neither has
    /// `TAG_RELOC`, so the tag bits of the two words or-ed together are `TAG_SET` alone.
    fn set_cells_are_felts(&mut self, w0: Value, w1: Value) -> Value {
        let w = self.b.ins().bor(w0, w1);
        self.is_felt(w)
    }

    fn cells_equal(&mut self, a: [Value; 4], c: [Value; 4]) -> Value {
        let mut acc = self.b.ins().icmp(IntCC::Equal, a[0], c[0]);
        for i in 1..4 {
            let e = self.b.ins().icmp(IntCC::Equal, a[i], c[i]);
            acc = self.b.ins().band(acc, e);
        }
        acc
    }

    /// Writes `val` into the cell at `ptr` if unset, else requires equality (write-once).
    /// The usual case (an unset cell) is a test of the first word and the store; the
    /// comparison of a set cell is a separate block.
    fn write_once(&mut self, ptr: Value, val: [Value; 4], slow: Block) {
        let w0 = self.b.ins().load(I64, flags(), ptr, 0);
        let set = self.is_set(w0);
        let (check, store) = (self.b.create_block(), self.b.create_block());
        self.b.ins().brif(set, check, &[], store, &[]);
        self.b.switch_to_block(check);
        let cur: [Value; 4] =
            std::array::from_fn(
                |i| if i == 0 { w0 } else { self.b.ins().load(I64, flags(), ptr, 8 * i as i32) },
            );
        let eq = self.cells_equal(cur, val);
        // Storing the very bits a set cell holds changes nothing: both paths store.
        self.b.ins().brif(eq, store, &[], slow, &[]);
        self.b.switch_to_block(store);
        self.store_cell(ptr, 0, val);
    }

    /// `op0 + imm` where op0 may be a felt (field addition) or a pointer (offset + imm, which
    /// must not leave `[0, 2^64)`, as the interpreter requires).
    fn add_imm_either(&mut self, op0: [Value; 4], imm: [Value; 4], d: i64, slow: Block) -> [Value; 4] {
        let (felt_blk, ptr_blk, join) = (self.b.create_block(), self.b.create_block(), self.b.create_block());
        for _ in 0..4 {
            self.b.append_block_param(join, I64);
        }
        let f0 = self.is_felt(op0[0]);
        self.b.ins().brif(f0, felt_blk, &[], ptr_blk, &[]);
        self.b.switch_to_block(felt_blk);
        let r = self.felt_add_inline(op0, imm, slow);
        self.b.ins().jump(join, &r.map(|v| v.into()));
        self.b.switch_to_block(ptr_blk);
        let tag = self.b.ins().icmp_imm_s(IntCC::Equal, op0[0], (TAG_SET | TAG_RELOC) as i64);
        self.guard(tag, slow);
        let off = self.b.ins().iadd_imm_s(op0[2], d);
        let no_wrap = if d >= 0 {
            self.b.ins().icmp(IntCC::UnsignedGreaterThanOrEqual, off, op0[2])
        } else {
            self.b.ins().icmp_imm_s(IntCC::UnsignedGreaterThanOrEqual, op0[2], -d)
        };
        self.guard(no_wrap, slow);
        self.b.ins().jump(join, &[op0[0].into(), op0[1].into(), off.into(), op0[3].into()]);
        self.b.switch_to_block(join);
        self.cell_params(join)
    }

    /// Counts the step (its trace entry is its record's, see [`RecordPlan`]).
    fn count_step(&mut self) {
        self.cur.cnt = self.b.ins().iadd_imm_s(self.before.cnt, 1);
    }

    /// Opens the trace record of the instruction of index `index` (when tracing), with the
    /// registers before its step.
    fn open_record(&mut self, index: usize, ap: Value, fp: Value) {
        if self.cfg.trace {
            let end = self.plan[index].end;
            write_record(self.b, self.ctx, self.cfg.id_base + index as u64, end, ap, fp);
        }
    }

    /// Ends a regular instruction: the step counted, ap update, and on to the next instruction.
    fn next_regular(&mut self, ri: &RegionInst) {
        self.next_regular_ap(ri, None);
    }

    /// [`Lowering::next_regular`] with the ap of `ap += res` already computed (`nap`).
    fn next_regular_ap(&mut self, ri: &RegionInst, nap: Option<Value>) {
        self.count_step();
        match nap {
            Some(n) => self.cur.ap = n,
            None => self.ap_update(ri.inst.ap_update),
        }
        self.goto(ri.next_pc());
    }

    /// [`Lowering::next_regular`] for an instruction with a static ap update that left `val`
    /// in its cell `cell` (a register and offset, before its step). When the next instruction
    /// is a `jnz` on that cell that this one runs into, within its run and its trace record
    /// (`jnz`'s fast path; see [`Lowering::fusable_jnz`]), its step follows here with `val`
    /// for dst: only op0's set check, whose failure goes to the `jnz`'s own block, and the test.
    fn next_regular_wrote(&mut self, ri: &RegionInst, cell: (Reg, i16), val: [Value; 4]) {
        self.count_step();
        self.ap_update(ri.inst.ap_update);
        let Some(j) = self.fusable_jnz(ri, cell) else {
            self.goto(ri.next_pc());
            return;
        };
        let i = j.inst;
        let target = j.static_target().expect("checked");
        // The `jnz`'s registers, for its step; this instruction's come back for its slow path.
        let saved = (self.before, self.cur);
        self.before = self.cur;
        // op0's cell, covered by the run's check as the `jnz`'s own block's (see `fusable_jnz`).
        let p0 = self.reg_cell_ptr(i.op0_reg, i.off1);
        let w0 = self.b.ins().load(I64, flags(), p0, 0);
        let set = self.is_set(w0);
        let (go, own) = (self.b.create_block(), self.b.create_block());
        self.b.set_cold_block(own);
        self.b.ins().brif(set, go, &[], own, &[]);
        self.b.switch_to_block(own);
        self.goto(j.pc);
        self.b.switch_to_block(go);
        self.jnz_step(&j, target, val);
        (self.before, self.cur) = saved;
    }

    /// The step of the `jnz` `j` (immediate offset to `target`, no `ap += res`) with dst `d`:
    /// counted, ap updated, on to `target` unless `d` is the felt zero.
    fn jnz_step(&mut self, j: &RegionInst, target: u64, d: [Value; 4]) {
        let zero = self.is_zero_felt(d);
        self.count_step();
        self.ap_update(j.inst.ap_update);
        let (t, f) = (self.b.create_block(), self.b.create_block());
        self.b.ins().brif(zero, t, &[], f, &[]);
        self.b.switch_to_block(t);
        self.goto(j.next_pc());
        self.b.switch_to_block(f);
        self.goto(target);
    }

    /// The instruction after `ri` when it is a `jnz` (with an immediate offset to a static
    /// target, no `ap += res`) whose dst is `ri`'s dst `cell`, and `ri` runs into it inside the
    /// region with nothing between: not a hint pc (nor a counter step), not a run head, within
    /// `ri`'s trace record, and `ri`'s cells covered by its run's check with ap at a known
    /// offset (so the `jnz`'s are too: its own block, lowered next in the same run, records
    /// them there).
    fn fusable_jnz(&self, ri: &RegionInst, cell: (Reg, i16)) -> Option<RegionInst> {
        let next = ri.next_pc();
        let j = *self.insts.get(&next)?;
        let i = j.inst;
        let is_jnz = (i.opcode, i.pc_update, i.op1_src) == (Opcode::Nop, PcUpdate::Jnz, Op1Src::Imm)
            && i.ap_update != ApUpdate::Add
            && j.static_target().is_some();
        let step = static_ap_step(ri)?;
        let same_cell = match cell.0 {
            Reg::Ap => i.dst_reg == Reg::Ap && i64::from(cell.1) == i64::from(i.off0) + step,
            Reg::Fp => i.dst_reg == Reg::Fp && cell.1 == i.off0,
        };
        let index = self.blocks.range(..next).count();
        let inside = !self.hints.contains(&next)
            && !self.counter_blks.contains_key(&next)
            && !self.entry.run_checks.contains_key(&next)
            && !self.plan[index].starts;
        let covered = self.run.as_ref().and_then(|r| r.insts.last()).is_some_and(|c| c.delta.is_some());
        (is_jnz && same_cell && inside && covered).then_some(j)
    }

    fn ap_update(&mut self, u: ApUpdate) {
        let d = ap_step(u).expect("ap += res has its own fast path or none");
        if d != 0 {
            self.cur.ap = self.b.ins().iadd_imm_s(self.before.ap, d);
        }
    }

    fn instruction(&mut self, ri: &RegionInst, index: usize, run: Option<u64>) {
        if run.is_some() {
            self.finish_run();
        }
        let blk = self.blocks[&ri.pc];
        self.b.switch_to_block(blk);
        self.before = Regs {
            ap: self.b.use_var(self.v.ap),
            fp: self.b.use_var(self.v.fp),
            cnt: self.b.use_var(self.v.cnt),
        };
        self.cur = self.before;
        let slow = self.b.create_block();
        // Step limit and trace capacity, once for the whole run of instructions starting here
        // (see `runs`): room for `n` more steps and, with tracing, `n` more trace entries, in
        // one comparison of the step counter with the context's bound on it (`cnt_limit`).
        if let Some(n) = run {
            let cnt = self.before.cnt;
            let limit = self.e.cnt_limit;
            // `cnt + n <= limit` rather than `limit - cnt >= n`, which would wrap (and pass)
            // if the counter ever exceeded the limit.
            let after = self.b.ins().iadd_imm_s(cnt, n as i64);
            let mut ok = self.b.ins().icmp(IntCC::UnsignedLessThanOrEqual, after, limit);
            if self.cfg.trace {
                // ap stays a 32-bit offset over the run (see `REG_LIMIT`); when it would not,
                // the dispatcher does not re-enter (`Jit::enterable`).
                let ap_end = self.b.ins().iadd_imm_s(self.before.ap, 2 * n as i64);
                let ap_ok = self.b.ins().icmp_imm_s(IntCC::UnsignedLessThan, ap_end, REG_LIMIT as i64);
                ok = self.b.ins().band(ok, ap_ok);
            }
            let interp = self.b.create_block();
            self.b.set_cold_block(interp);
            let go = self.b.create_block();
            self.b.ins().brif(ok, go, &[], interp, &[]);
            self.b.switch_to_block(interp);
            // The dispatcher makes room in the trace and re-enters here, or (near the step
            // limit) runs the steps in the interpreter; a hint pc, whose hints already ran,
            // is the interpreter's.
            let code = if self.hints.contains(&ri.pc) { exit::INTERPRET } else { exit::CONTINUE };
            self.exit_const(code, ri.pc, self.before);
            // The run's cells are checked in `go` once they are known (`finish_run`).
            let body = self.b.create_block();
            self.run = Some(RunCover {
                check: go,
                body,
                pc: ri.pc,
                regs: self.before,
                first: index,
                insts: Vec::new(),
            });
            self.b.switch_to_block(body);
            let (ap, fp) = (self.before.ap, self.before.fp);
            self.open_record(index, ap, fp);
        } else if self.plan[index].starts {
            let (ap, fp) = (self.before.ap, self.before.fp);
            self.open_record(index, ap, fp);
        }
        if let Some(r) = self.run.as_mut() {
            // This instruction's ap as an offset from the head's, while known.
            let delta = match r.insts.last() {
                None => Some(0),
                Some(prev) => prev.delta.zip(prev.ap_step).map(|(d, s)| d + s),
            };
            r.insts.push(CoveredInst { delta, ap_step: static_ap_step(ri), cells: Vec::new() });
        }
        if !self.fast_path(ri, slow) {
            self.b.ins().jump(slow, &[]);
        }
        self.slow_path(ri, index, slow);
    }

    /// Checks that the current instruction's cells `reg + off` lie inside the allocated
    /// execution segment, else takes `slow`; in an instruction its run covers, records them for
    /// the run's checks instead (see [`RunCover`]).
    fn check_cells(&mut self, cells: &[(Reg, i64)], slow: Block) {
        if let Some(c) = self.run.as_mut().and_then(|r| r.insts.last_mut()).filter(|c| c.delta.is_some()) {
            c.cells.extend_from_slice(cells);
            return;
        }
        let (ap, fp, len) = (self.before.ap, self.before.fp, self.e.len);
        if let Some(ok) = self.cells_inside(cells, ap, fp, len) {
            self.guard(ok, slow);
        }
    }

    /// Fills the check of the run just lowered at its head, and adds the cells of the rest of
    /// the run from each of its instructions to the entries' check (see [`RunCover`]).
    fn finish_run(&mut self) {
        let Some(run) = self.run.take() else { return };
        let RunCover { check: go, body, pc: head_pc, regs: head_regs, first, .. } = run;
        // The cells of the covered instructions from the `k`-th on, as offsets from the
        // registers of the `k`-th.
        let rest = |k: usize| -> Vec<(Reg, i64)> {
            let Some(base) = run.insts[k].delta else { return Vec::new() };
            run.insts[k..]
                .iter()
                .filter_map(|c| c.delta.map(|d| (d - base, &c.cells)))
                .flat_map(|(rel, cells)| {
                    cells.iter().map(move |&(r, off)| (r, if r == Reg::Ap { off + rel } else { off }))
                })
                .collect()
        };
        // The entry check: then on to the instruction of the index, among the run's.
        let cells: Vec<(Reg, i64)> = (0..run.insts.len()).flat_map(rest).collect();
        let check = self.entry.run_checks[&head_pc];
        self.b.switch_to_block(check);
        let (ap, fp, len, bad) = (self.entry.ap, self.entry.fp, self.e.len, self.entry.bad);
        let within = self.b.create_block();
        match self.cells_inside(&cells, ap, fp, len) {
            Some(ok) => self.b.ins().brif(ok, within, &[], bad, &[]),
            None => self.b.ins().jump(within, &[]),
        };
        self.b.switch_to_block(within);
        let local = self.b.ins().iadd_imm_s(self.entry.index, -(first as i64));
        let pool = &mut self.b.func.dfg.value_lists;
        let targets: Vec<BlockCall> = self
            .entry
            .targets
            .iter()
            .skip(first)
            .take(run.insts.len())
            .map(|&blk| BlockCall::new(blk, [], pool))
            .collect();
        let def = BlockCall::new(bad, [], pool);
        let jt = self.b.create_jump_table(JumpTableData::new(def, &targets));
        self.b.ins().br_table(local, jt);
        self.b.switch_to_block(go);
        let cells = rest(0);
        let len = self.e.len;
        match self.cells_inside(&cells, head_regs.ap, head_regs.fp, len) {
            None => {
                self.b.ins().jump(body, &[]);
            }
            Some(ok) => {
                let fail = self.b.create_block();
                self.b.set_cold_block(fail);
                self.b.ins().brif(ok, body, &[], fail, &[]);
                self.b.switch_to_block(fail);
                self.exit_const(exit::INTERPRET, head_pc, head_regs);
            }
        }
    }

    /// Whether the cells `reg + off` (registers `ap` and `fp`) lie inside the allocated
    /// execution segment: of each register's cells, the lowest and the highest are (the cells
    /// in between are then inside too; a negative index wraps and fails the unsigned check).
    /// `None` for no cells.
    fn cells_inside(&mut self, cells: &[(Reg, i64)], ap: Value, fp: Value, len: Value) -> Option<Value> {
        let mut conds = Vec::with_capacity(4);
        for (reg, off) in extremes(cells) {
            let base = if reg == Reg::Ap { ap } else { fp };
            let idx = if off == 0 { base } else { self.b.ins().iadd_imm_s(base, off) };
            conds.push(self.b.ins().icmp(IntCC::UnsignedLessThan, idx, len));
        }
        (!conds.is_empty()).then(|| self.all(&conds))
    }

    /// Emits the fast path; returns false when the instruction has none.
    fn fast_path(&mut self, ri: &RegionInst, slow: Block) -> bool {
        self.specialized(ri, slow) || self.dynamic_flow(ri, slow)
    }

    /// The fast paths of assert_eq, static jumps, `call rel`, `ret` and `ap += imm`; returns
    /// false, having emitted nothing, for other forms.
    fn specialized(&mut self, ri: &RegionInst, slow: Block) -> bool {
        let i = ri.inst;
        let ap = self.before.ap;
        match (i.opcode, i.pc_update) {
            (Opcode::AssertEq, PcUpdate::Regular)
                if i.ap_update != ApUpdate::Add && i.op1_src == Op1Src::Op0 && i.res == Res::Op1 =>
            {
                // dst = [[reg + off1] + off2]: read through the pointer when op1 is set;
                // else, as the interpreter's deduction: in a plain segment's allocated cells
                // write dst there; elsewhere (a builtin's deduction, a validated write, growth)
                // the runtime's `op1_unset`, which completes or changes nothing.
                let [p0, pd] = self.cell_addrs([(i.op0_reg, i.off1), (i.dst_reg, i.off0)], slow);
                let op0 = self.load_cell(p0, 0);
                let (idx, desc) = self.op0_cell_ref(op0, i.off2, slow);
                let read_len = self.b.ins().load(I64, flags(), desc, 16);
                let readable = self.b.ins().icmp(IntCC::UnsignedLessThan, idx, read_len);
                let [check, unset, store, call, read, done] = std::array::from_fn(|_| self.b.create_block());
                for _ in 0..4 {
                    self.b.append_block_param(read, I64);
                }
                self.b.ins().brif(readable, check, &[], unset, &[]);
                self.b.switch_to_block(check);
                let p1 = self.seg_cell_addr(desc, idx);
                let op1 = self.load_cell(p1, 0);
                let set1 = self.is_set(op1[0]);
                self.b.ins().brif(set1, read, &op1.map(|v| v.into()), unset, &[]);
                self.b.switch_to_block(unset);
                let len = self.b.ins().load(I64, flags(), desc, 8);
                let writable = self.b.ins().icmp(IntCC::UnsignedLessThan, idx, len);
                self.b.ins().brif(writable, store, &[], call, &[]);
                self.b.switch_to_block(store);
                let d = self.load_cell(pd, 0);
                let setd = self.is_set(d[0]);
                self.guard(setd, slow);
                let p1 = self.seg_cell_addr(desc, idx);
                self.store_cell(p1, 0, d);
                self.b.ins().jump(done, &[]);
                self.b.switch_to_block(call);
                self.b.set_cold_block(call);
                let out = self.b.ins().stack_addr(I64, self.scratch, 0);
                let f = self.imp.op1_unset;
                let ctx = self.ctx;
                let v = self.call_for_cell(f, &[ctx, op0[1], idx, pd, out], out, slow);
                self.b.ins().jump(read, &v.map(|v| v.into()));
                self.b.switch_to_block(read);
                let op1 = self.cell_params(read);
                self.write_once(pd, op1, slow);
                self.b.ins().jump(done, &[]);
                self.b.switch_to_block(done);
                self.next_regular(ri);
                true
            }
            (Opcode::AssertEq, PcUpdate::Regular)
                if matches!(i.op1_src, Op1Src::Ap | Op1Src::Fp) && matches!(i.res, Res::Add | Res::Mul) =>
            {
                // dst = op0 + op1 (or op0 * op1) with registers: the result, or (dst set, one
                // operand unknown) the unknown operand deduced as dst minus (divided by) the
                // other, as the interpreter's opcode deduction does (the execution segment has
                // no builtin deduction). `ap += res` is computed before any write.
                let add = i.res == Res::Add;
                let r = if i.op1_src == Op1Src::Ap { Reg::Ap } else { Reg::Fp };
                let [p1, p0, pd] =
                    self.cell_addrs([(r, i.off2), (i.op0_reg, i.off1), (i.dst_reg, i.off0)], slow);
                let op1 = self.load_cell(p1, 0);
                let op0 = self.load_cell(p0, 0);
                let s0 = self.is_set(op0[0]);
                let s1 = self.is_set(op1[0]);
                let both = self.b.ins().band(s0, s1);
                // The deduction is compiled only when an operand is a cell compilers leave for
                // it, one not written yet: `[ap + k]` or a local `[fp + k]` (k >= 0). Operands
                // below ap or fp hold what the code computed before; if one is unset after all,
                // the slow path deduces it. (The deduction is about half the IR of the
                // instruction.)
                let deduce = if i.off2 >= 0 || i.off1 >= 0 {
                    let (compute, deduce) = (self.b.create_block(), self.b.create_block());
                    let done = self.join_block(i.ap_update);
                    self.b.ins().brif(both, compute, &[], deduce, &[]);
                    self.b.switch_to_block(compute);
                    Some((deduce, done))
                } else {
                    self.guard(both, slow);
                    None
                };
                let felts = self.set_cells_are_felts(op0[0], op1[0]);
                // The result, unless a product went straight into dst's cell (see
                // `felt_mul_into`; not with `ap += res`, which needs the value first).
                let res = if add {
                    let f = self.imp.add_cells;
                    Some(self.felt_or_runtime(
                        felts,
                        |l, other| l.felt_add_inline(op0, op1, other),
                        f,
                        op0,
                        op1,
                        slow,
                    ))
                } else {
                    self.guard(felts, slow);
                    if i.ap_update == ApUpdate::Add {
                        let f = self.imp.felt_mul;
                        Some(self.felt_op(f, op0, op1))
                    } else {
                        self.felt_mul_into(p0, p1, pd, slow);
                        None
                    }
                };
                let nap = res.and_then(|res| {
                    let nap = self.ap_after(i.ap_update, res, slow);
                    self.write_once(pd, res, slow);
                    nap
                });
                let Some((deduce, done)) = deduce else {
                    self.next_regular_ap(ri, nap);
                    return true;
                };
                self.jump_done(done, nap);
                self.b.switch_to_block(deduce);
                // The known operand (when both are unknown it is an unset op1, which fails the
                // set check) and the unknown one's cell.
                let known: [Value; 4] = std::array::from_fn(|k| self.b.ins().select(s0, op0[k], op1[k]));
                let target = self.b.ins().select(s0, p1, p0);
                let d = self.load_cell(pd, 0);
                let sd = self.is_set(d[0]);
                let sk = self.is_set(known[0]);
                let ok = self.b.ins().band(sd, sk);
                self.guard(ok, slow);
                let felts = self.set_cells_are_felts(d[0], known[0]);
                let v = if add {
                    let f = self.imp.sub_cells;
                    self.felt_or_runtime(
                        felts,
                        |l, other| l.felt_sub_inline(d, known, other),
                        f,
                        d,
                        known,
                        slow,
                    )
                } else {
                    // Division by a zero operand: an error or an unknown operand.
                    self.guard(felts, slow);
                    self.felt_div(d, known, slow)
                };
                let nap = self.ap_after(i.ap_update, d, slow);
                self.store_cell(target, 0, v);
                self.jump_done(done, nap);
                let nap = self.done_ap(done);
                self.next_regular_ap(ri, nap);
                true
            }
            (Opcode::AssertEq, PcUpdate::Regular) if i.op1_src == Op1Src::Op0 && i.res == Res::Add => {
                // dst = op0 + [op0 + off2]: pointer plus the cell it points to (op1 read in
                // place when readable and set; its deduction is the interpreter's). op0 is a
                // pointer, so the sum is the runtime's.
                let [p0, pd] = self.cell_addrs([(i.op0_reg, i.off1), (i.dst_reg, i.off0)], slow);
                let op0 = self.load_cell(p0, 0);
                let (idx, desc) = self.op0_cell_ref(op0, i.off2, slow);
                let read_len = self.b.ins().load(I64, flags(), desc, 16);
                let readable = self.b.ins().icmp(IntCC::UnsignedLessThan, idx, read_len);
                self.guard(readable, slow);
                let p1 = self.seg_cell_addr(desc, idx);
                let op1 = self.load_cell(p1, 0);
                let set1 = self.is_set(op1[0]);
                self.guard(set1, slow);
                let f = self.imp.add_cells;
                let res = self.cells_call(f, op0, op1, slow);
                let nap = self.ap_after(i.ap_update, res, slow);
                self.write_once(pd, res, slow);
                self.next_regular_ap(ri, nap);
                true
            }
            (Opcode::AssertEq, PcUpdate::Regular)
                if i.op1_src != Op1Src::Op0 && i.res != Res::Unconstrained =>
            {
                // Registers with res = op1, or an immediate operand.
                let (op1, p0, pd) = match i.op1_src {
                    Op1Src::Imm => {
                        let [p0, pd] = self.cell_addrs([(i.op0_reg, i.off1), (i.dst_reg, i.off0)], slow);
                        (self.const_cell(ri.imm.0), p0, pd)
                    }
                    src => {
                        if i.res != Res::Op1 {
                            return false;
                        }
                        let r = if src == Op1Src::Ap { Reg::Ap } else { Reg::Fp };
                        let [p1, p0, pd] =
                            self.cell_addrs([(r, i.off2), (i.op0_reg, i.off1), (i.dst_reg, i.off0)], slow);
                        (self.load_cell(p1, 0), p0, pd)
                    }
                };
                let done = self.join_block(i.ap_update);
                // Whether op0's deduction (`deduce_op0_imm`) joins `done` too.
                let mut deduces = false;
                let res = match i.res {
                    Res::Op1 => {
                        let w0 = self.b.ins().load(I64, flags(), p0, 0);
                        let s0 = self.is_set(w0);
                        // An immediate is a set felt (region discovery checked it).
                        let ok = if i.op1_src == Op1Src::Imm {
                            s0
                        } else {
                            let s1 = self.is_set(op1[0]);
                            self.b.ins().band(s0, s1)
                        };
                        self.guard(ok, slow);
                        op1
                    }
                    Res::Add | Res::Mul => {
                        // An immediate operand: op0 known, or deduced from dst. Compilers
                        // deduce cells not written yet, at `[ap + k]` (k >= 0): only there is
                        // the deduction compiled (elsewhere an unset op0 takes the slow path),
                        // which keeps the IR of the common `[ap] = [fp - 3] + 1` small.
                        let op0 = self.load_cell(p0, 0);
                        if i.op0_reg == Reg::Ap && i.off1 >= 0 {
                            deduces = true;
                            let s0 = self.is_set(op0[0]);
                            let (known, deduce) = (self.b.create_block(), self.b.create_block());
                            self.b.set_cold_block(deduce);
                            self.b.ins().brif(s0, known, &[], deduce, &[]);
                            self.b.switch_to_block(deduce);
                            self.deduce_op0_imm(ri, op1, p0, pd, done, slow);
                            self.b.switch_to_block(known);
                        }
                        let f1 = self.is_felt(op1[0]);
                        let ptr_imm =
                            ri.imm_i64().filter(|d| i.res == Res::Add && d.unsigned_abs() < 1 << 32);
                        match ptr_imm {
                            // pointer + small immediate, or felt + immediate.
                            Some(d) => self.add_imm_either(op0, op1, d, slow),
                            None => {
                                let f0 = self.is_felt(op0[0]);
                                let both = self.b.ins().band(f0, f1);
                                self.guard(both, slow);
                                if i.res == Res::Add {
                                    self.felt_add_inline(op0, op1, slow)
                                } else {
                                    let f = self.imp.felt_mul;
                                    self.felt_op(f, op0, op1)
                                }
                            }
                        }
                    }
                    Res::Unconstrained => unreachable!("not matched"),
                };
                let nap = self.ap_after(i.ap_update, res, slow);
                self.write_once(pd, res, slow);
                self.jump_done(done, nap);
                let nap = self.done_ap(done);
                // `res` is what dst holds now, on every path here unless op0's deduction joins.
                if nap.is_none() && !deduces {
                    self.next_regular_wrote(ri, (i.dst_reg, i.off0), res);
                } else {
                    self.next_regular_ap(ri, nap);
                }
                true
            }
            (Opcode::Nop, PcUpdate::Jnz) if i.op1_src == Op1Src::Imm && i.ap_update != ApUpdate::Add => {
                let Some(target) = ri.static_target() else { return false };
                let [p0, pd] = self.cell_addrs([(i.op0_reg, i.off1), (i.dst_reg, i.off0)], slow);
                self.require_set_at(&[p0, pd], slow);
                let d = self.load_cell(pd, 0);
                self.jnz_step(ri, target, d);
                true
            }
            (Opcode::Nop, PcUpdate::JumpRel)
                if i.op1_src == Op1Src::Imm && i.res == Res::Op1 && i.ap_update != ApUpdate::Add =>
            {
                let Some(target) = ri.static_target() else { return false };
                let ptrs = self.cell_addrs([(i.dst_reg, i.off0), (i.op0_reg, i.off1)], slow);
                self.require_set_at(&ptrs, slow);
                self.count_step();
                self.ap_update(i.ap_update);
                self.goto(target);
                true
            }
            (Opcode::Nop, PcUpdate::Regular)
                if i.ap_update == ApUpdate::Add && i.op1_src == Op1Src::Imm && i.res == Res::Op1 =>
            {
                let Some(d) = ap_add_imm(ri) else { return false };
                let ptrs = self.cell_addrs([(i.dst_reg, i.off0), (i.op0_reg, i.off1)], slow);
                self.require_set_at(&ptrs, slow);
                let n = self.b.ins().iadd_imm_s(ap, d);
                // The new ap must stay a valid offset (cairo-lang refuses negative offsets),
                // and with tracing a 32-bit one (`REG_LIMIT`).
                let (limit, _) = self.set_limits();
                let ok = self.b.ins().icmp_imm_s(IntCC::UnsignedLessThan, n, limit);
                self.guard(ok, slow);
                self.count_step();
                self.cur.ap = n;
                self.goto(ri.next_pc());
                true
            }
            (Opcode::Call, PcUpdate::JumpRel)
                if i.op1_src == Op1Src::Imm
                    && i.dst_reg == Reg::Ap
                    && i.op0_reg == Reg::Ap
                    && i.off0 == 0
                    && i.off1 == 1 =>
            {
                let Some(target) = ri.static_target() else { return false };
                let p = self.cell_addr(Reg::Ap, 0, 1, slow);
                let c0 = self.load_cell(p, 0);
                let c1 = self.load_cell(p, 32);
                self.call_frame(ri, p, c0, c1, slow);
                self.count_step();
                self.goto(target);
                true
            }
            (Opcode::Ret, PcUpdate::JumpAbs)
                if i.dst_reg == Reg::Fp
                    && i.off0 == -2
                    && i.op1_src == Op1Src::Fp
                    && i.off2 == -1
                    && i.op0_reg == Reg::Fp
                    && i.off1 == -1
                    && i.res == Res::Op1
                    && i.ap_update == ApUpdate::Regular =>
            {
                let p = self.cell_addr(Reg::Fp, -2, 1, slow);
                let d = self.load_cell(p, 0);
                let r = self.load_cell(p, 32);
                let tag = (TAG_SET | TAG_RELOC) as i64;
                let (_, fp_limit) = self.set_limits();
                let conds = [
                    self.b.ins().icmp_imm_s(IntCC::Equal, d[0], tag),
                    self.b.ins().icmp_imm_s(IntCC::Equal, d[1], self.cfg.exec_seg as i64),
                    self.b.ins().icmp_imm_s(IntCC::UnsignedLessThan, d[2], fp_limit),
                    self.b.ins().icmp_imm_s(IntCC::Equal, r[0], tag),
                    self.b.ins().icmp_imm_s(IntCC::Equal, r[1], self.cfg.code_seg as i64),
                    self.b.ins().icmp_imm_s(IntCC::UnsignedLessThan, r[2], 1 << 47),
                ];
                let mut ok = conds[0];
                for c in &conds[1..] {
                    ok = self.b.ins().band(ok, *c);
                }
                self.guard(ok, slow);
                self.count_step();
                self.cur.fp = d[2];
                self.exit_with(exit::CONTINUE, r[2], self.cur);
                true
            }
            _ => false,
        }
    }

    /// Nop and call with computed control flow or `ap += res`: `jmp abs`, `jmp rel` and `jnz`
    /// through a register (or with an immediate too large for a static target), `call abs`,
    /// `call rel` through a register, `ap += res` with any res. Operands are read (Nop requires
    /// dst, op0 and op1 set, as the interpreter does), res, the new pc and the new ap are
    /// computed and checked before the call's writes; a jump whose target is not static exits
    /// to the dispatcher at the new pc. Returns false, having emitted nothing, for other forms.
    fn dynamic_flow(&mut self, ri: &RegionInst, slow: Block) -> bool {
        let i = ri.inst;
        let std_call = i.dst_reg == Reg::Ap && i.off0 == 0 && i.op0_reg == Reg::Ap && i.off1 == 1;
        let lowered = match (i.opcode, i.pc_update) {
            (Opcode::Nop, PcUpdate::Regular) => {
                !(i.ap_update == ApUpdate::Add && i.res == Res::Unconstrained)
            }
            (Opcode::Nop, PcUpdate::JumpAbs | PcUpdate::JumpRel) => i.res != Res::Unconstrained,
            (Opcode::Nop, PcUpdate::Jnz) => i.ap_update != ApUpdate::Add,
            (Opcode::Call, PcUpdate::JumpAbs | PcUpdate::JumpRel) => i.res == Res::Op1 && std_call,
            _ => false,
        };
        if !lowered || i.op1_src == Op1Src::Op0 {
            return false;
        }
        let call = i.opcode == Opcode::Call;
        let (pd, p0, op1) = match i.op1_src {
            Op1Src::Imm => {
                let [pd, p0] = self.cell_addrs([(i.dst_reg, i.off0), (i.op0_reg, i.off1)], slow);
                (pd, p0, self.const_cell(ri.imm.0))
            }
            src => {
                let r = if src == Op1Src::Ap { Reg::Ap } else { Reg::Fp };
                let [pd, p0, p1] =
                    self.cell_addrs([(i.dst_reg, i.off0), (i.op0_reg, i.off1), (r, i.off2)], slow);
                (pd, p0, self.load_cell(p1, 0))
            }
        };
        let d = self.load_cell(pd, 0);
        let op0 = self.load_cell(p0, 0);
        // The cells the interpreter needs set (a call writes its dst and op0).
        let mut need = vec![self.is_set(op1[0])];
        if !call {
            need.push(self.is_set(d[0]));
            need.push(self.is_set(op0[0]));
        }
        let ok = self.all(&need);
        self.guard(ok, slow);
        let res = match i.res {
            Res::Op1 => Some(op1),
            Res::Add => {
                let felts = self.set_cells_are_felts(op0[0], op1[0]);
                let f = self.imp.add_cells;
                Some(self.felt_or_runtime(
                    felts,
                    |l, other| l.felt_add_inline(op0, op1, other),
                    f,
                    op0,
                    op1,
                    slow,
                ))
            }
            Res::Mul => {
                let felts = self.set_cells_are_felts(op0[0], op1[0]);
                self.guard(felts, slow);
                let f = self.imp.felt_mul;
                Some(self.felt_op(f, op0, op1))
            }
            Res::Unconstrained => None,
        };
        // The new ap (`ap += res` first, as the interpreter updates ap before pc).
        let nap = match res {
            Some(r) => self.ap_after(i.ap_update, r, slow),
            None => None,
        };
        let static_target = ri.static_target().filter(|_| i.res == Res::Op1);
        let pc_seg = self.cfg.code_seg;
        // The new pc, when not static: `None` for fall-through and static targets.
        let npc = match (i.pc_update, res) {
            (PcUpdate::JumpAbs, Some(r)) => {
                // A pointer into this code segment (another segment is the interpreter's).
                let tag = self.b.ins().icmp_imm_s(IntCC::Equal, r[0], (TAG_SET | TAG_RELOC) as i64);
                let seg = self.b.ins().icmp_imm_s(IntCC::Equal, r[1], pc_seg as i64);
                let off = self.b.ins().icmp_imm_s(IntCC::UnsignedLessThan, r[2], 1 << 47);
                let ok = self.all(&[tag, seg, off]);
                self.guard(ok, slow);
                Some(r[2])
            }
            (PcUpdate::JumpRel, Some(r)) if static_target.is_none() => {
                let pc = self.b.ins().iconst(I64, ri.pc as i64);
                Some(self.reg_add(pc_seg, pc, r, slow))
            }
            _ => None,
        };
        if call {
            // Both cells are checked before either is written.
            self.call_frame(ri, pd, d, op0, slow);
        }
        if i.pc_update == PcUpdate::Jnz {
            // Taken unless dst is a zero felt; the taken side's pc is computed there.
            let zero = self.is_zero_felt(d);
            let (t, f) = (self.b.create_block(), self.b.create_block());
            self.b.ins().brif(zero, t, &[], f, &[]);
            self.b.switch_to_block(t);
            self.next_regular_ap(ri, None);
            self.b.switch_to_block(f);
            match ri.static_target() {
                Some(target) => {
                    self.count_step();
                    self.ap_update(i.ap_update);
                    self.goto(target);
                }
                None => {
                    let pc = self.b.ins().iconst(I64, ri.pc as i64);
                    let n = self.reg_add(pc_seg, pc, op1, slow);
                    self.count_step();
                    self.ap_update(i.ap_update);
                    self.exit_with(exit::CONTINUE, n, self.cur);
                }
            }
            return true;
        }
        self.count_step();
        match nap {
            Some(n) => self.cur.ap = n,
            None => self.ap_update(i.ap_update),
        }
        match (npc, static_target, i.pc_update) {
            (Some(n), _, _) => self.exit_with(exit::CONTINUE, n, self.cur),
            (None, Some(t), PcUpdate::JumpRel) => self.goto(t),
            _ => self.goto(ri.next_pc()),
        }
        true
    }

    /// Whether a set cell is the felt zero (a pointer never is: `jnz` falls through on zero).
    fn is_zero_felt(&mut self, d: [Value; 4]) -> Value {
        let felt = self.is_felt(d[0]);
        let lo = self.b.ins().band_imm_s(d[0], !TAG_MASK as i64);
        let o1 = self.b.ins().bor(lo, d[1]);
        let o2 = self.b.ins().bor(d[2], d[3]);
        let o = self.b.ins().bor(o1, o2);
        let z = self.b.ins().icmp_imm_s(IntCC::Equal, o, 0);
        self.b.ins().band(felt, z)
    }

    /// A call's frame: the cells `[ap]` (at `p`, holding `c0`) and `[ap + 1]` (`c1`) must be
    /// unset or hold fp and the return pc; both are checked before either is written. Then
    /// fp = ap = ap + 2.
    fn call_frame(&mut self, ri: &RegionInst, p: Value, c0: [Value; 4], c1: [Value; 4], slow: Block) {
        let fp_cell = [
            self.b.ins().iconst(I64, (TAG_SET | TAG_RELOC) as i64),
            self.b.ins().iconst(I64, self.cfg.exec_seg as i64),
            self.before.fp,
            self.b.ins().iconst(I64, 0),
        ];
        let ret = self.const_cell([TAG_SET | TAG_RELOC, self.cfg.code_seg, ri.next_pc(), 0]);
        for (c, want) in [(c0, fp_cell), (c1, ret)] {
            let set = self.is_set(c[0]);
            let eq = self.cells_equal(c, want);
            let unset = self.b.ins().bxor_imm_s(set, 1);
            let ok = self.b.ins().bor(unset, eq);
            self.guard(ok, slow);
        }
        self.store_cell(p, 0, fp_cell);
        self.store_cell(p, 32, ret);
        let nfp = self.b.ins().iadd_imm_s(self.before.ap, 2);
        self.cur.fp = nfp;
        self.cur.ap = nfp;
    }

    /// `dst = op0 + imm` (or `op0 * imm`) with op0 unset: op0 deduced as dst minus (divided
    /// by) the immediate, as the interpreter's opcode deduction does, and written; then on to
    /// `done` (res is dst, which is set, so its write-once check holds).
    fn deduce_op0_imm(
        &mut self,
        ri: &RegionInst,
        imm: [Value; 4],
        p0: Value,
        pd: Value,
        done: Block,
        slow: Block,
    ) {
        let d = self.load_cell(pd, 0);
        let sd = self.is_set(d[0]);
        self.guard(sd, slow);
        // Through the runtime, felts too: this path is rare and the inline subtraction would
        // cost every such instruction's compile time.
        let v = if ri.inst.res == Res::Add {
            let f = self.imp.sub_cells;
            self.cells_call(f, d, imm, slow)
        } else {
            // A pointer dst, or a zero immediate (division by zero): the interpreter's error.
            let fd = self.is_felt(d[0]);
            self.guard(fd, slow);
            self.felt_div(d, imm, slow)
        };
        let nap = self.ap_after(ri.inst.ap_update, d, slow);
        self.store_cell(p0, 0, v);
        self.jump_done(done, nap);
    }

    /// The slow path: exit to the dispatcher, which runs the instruction in the interpreter.
    /// With tracing, through the region's record fix-up block ([`record_fixup_block`]), given
    /// this instruction's record id and position.
    fn slow_path(&mut self, ri: &RegionInst, index: usize, slow: Block) {
        self.b.switch_to_block(slow);
        self.b.set_cold_block(slow);
        match self.fixup {
            Some(fix) => {
                let r = self.before;
                let pc = self.b.ins().iconst(I64, ri.pc as i64);
                let id = self.b.ins().iconst(I64, (self.cfg.id_base + index as u64) as i64);
                let pos = self.b.ins().iconst(I64, i64::from(self.plan[index].pos));
                let args = [pc, r.ap, r.fp, r.cnt, id, pos].map(Into::into);
                self.b.ins().jump(fix, &args);
            }
            None => self.exit_const(exit::INTERPRET, ri.pc, self.before),
        }
    }

    fn ctx_load(&mut self, off: i32) -> Value {
        self.b.ins().load(I64, flags(), self.ctx, off)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::casm::decode;
    use crate::jit::analysis::{discover, RegionInst};
    use cairo_jit_runtime::cell::Cell;
    use cairo_jit_runtime::felt;

    /// Instructions read from `cells` laid out from pc 0.
    fn fetcher(cells: &[Cell]) -> impl Fn(u64) -> Option<(crate::casm::Instruction, Cell)> + '_ {
        move |pc| {
            let c = *cells.get(pc as usize)?;
            let i = decode(felt::to_canonical(c.raw())).ok()?;
            let imm = if i.size() == 2 { *cells.get(pc as usize + 1)? } else { Cell::UNSET };
            Some((i, imm))
        }
    }

    /// Unused `notrap` loads go, with a load only a dead load used; a used load, one whose
    /// result only a block argument passes on, and a load that may trap stay.
    #[test]
    fn dead_loads_are_removed_and_live_ones_kept() {
        use cranelift_codegen::ir::{Signature, TrapCode, UserFuncName};
        use cranelift_codegen::isa::CallConv;
        use cranelift_frontend::FunctionBuilderContext;
        let mut sig = Signature::new(CallConv::SystemV);
        sig.params.push(AbiParam::new(I64));
        sig.returns.push(AbiParam::new(I64));
        let mut func = Function::with_name_signature(UserFuncName::default(), sig);
        let mut fctx = FunctionBuilderContext::new();
        let mut b = FunctionBuilder::new(&mut func, &mut fctx);
        let (entry, next) = (b.create_block(), b.create_block());
        b.append_block_params_for_function_params(entry);
        b.append_block_param(next, I64);
        b.switch_to_block(entry);
        let p = b.block_params(entry)[0];
        let used = b.ins().load(I64, flags(), p, 0);
        let _dead = b.ins().load(I64, flags(), p, 8);
        let addr = b.ins().load(I64, flags(), p, 16);
        let _dead_at_a_load = b.ins().load(I64, flags(), addr, 0);
        let trapping = MemFlagsData::new().with_trap_code(Some(TrapCode::HEAP_OUT_OF_BOUNDS));
        let _may_trap = b.ins().load(I64, trapping, p, 24);
        let passed = b.ins().load(I64, flags(), p, 32);
        b.ins().jump(next, &[passed.into()]);
        b.switch_to_block(next);
        let x = b.block_params(next)[0];
        let r = b.ins().iadd(used, x);
        b.ins().return_(&[r]);
        b.seal_all_blocks();
        let flags = cranelift_codegen::settings::Flags::new(cranelift_codegen::settings::builder());
        let isa = cranelift_native::builder().unwrap().finish(flags).unwrap();
        b.finalize(isa.frontend_config());
        let loads = |f: &Function| {
            f.layout
                .blocks()
                .flat_map(|blk| f.layout.block_insts(blk))
                .filter(|&i| f.dfg.insts[i].opcode() == ClifOpcode::Load)
                .count()
        };
        assert_eq!(loads(&func), 6);
        assert_eq!(remove_dead_loads(&mut func), 3);
        assert_eq!(loads(&func), 3);
        assert_eq!(remove_dead_loads(&mut func), 0);
    }

    /// fib_loop's loop: three assert_eq then jnz back; the call sequence before it.
    #[test]
    fn runs_start_at_jump_targets_and_end_at_transfers() {
        // 0: [ap] = 0, ap++ ; 2: [ap] = 1, ap++ ; 4: [ap] = [ap-2], ap++ (loop head, pc 4)
        // 5: [ap] = [ap-4] + [ap-3], ap++ ; 6: jnz -2 if [ap-1] != 0 (to 4) ; 8: ret
        let words: Vec<(u64, Option<i64>)> = vec![
            (0x480680017fff8000, Some(0)),
            (0x480680017fff8000, Some(1)),
            (0x48127ffe7fff8000, None),
            (0x48307ffc7ffd8000, None),
            (0x20680017fff7fff, Some(-2)),
            (0x208b7fff7fff7ffe, None),
        ];
        let mut cells = Vec::new();
        for (w, imm) in &words {
            cells.push(Cell::felt(felt::from_u64(*w)));
            if let Some(i) = imm {
                cells.push(Cell::felt(felt::from_i64(*i)));
            }
        }
        let region = discover(0, fetcher(&cells), |_| false, |_| false).unwrap();
        let _: Vec<&RegionInst> = region.insts.values().collect();
        let r = runs(&region);
        // Entry run 0..2 ends before the loop head (a jump target); the loop head's run covers
        // 4, 5 and the jnz; the jnz's fall-through (ret) starts its own run.
        assert_eq!(r.get(&0), Some(&2));
        assert_eq!(r.get(&4), Some(&3));
        assert_eq!(r.get(&8), Some(&1));
        assert_eq!(r.len(), 3);
    }

    /// A record goes on while ap moves by static amounts: an `ap += [fp - 3]` ends it, and the
    /// instruction after it opens the next.
    #[test]
    fn records_end_after_a_dynamic_ap_update() {
        // 0: [ap] = 0, ap++ ; 2: ap += [fp - 3] ; 3: [ap] = [ap - 2], ap++ ; 4: ret
        let cells: Vec<Cell> = [
            felt::from_u64(0x480680017fff8000),
            felt::from_u64(0),
            felt::from_u64(0x040b7ffd7fff7fff),
            felt::from_u64(0x48127ffe7fff8000),
            felt::from_u64(0x208b7fff7fff7ffe),
        ]
        .into_iter()
        .map(Cell::felt)
        .collect();
        let region = discover(0, fetcher(&cells), |_| false, |_| false).unwrap();
        assert_eq!(region.insts.keys().copied().collect::<Vec<_>>(), [0, 2, 3, 4]);
        let plan = record_plan(&region);
        let got: Vec<(u32, bool, u32)> = plan.iter().map(|p| (p.pos, p.starts, p.end)).collect();
        assert_eq!(got, [(0, true, 2), (1, false, 2), (2, true, 4), (3, false, 4)]);
        let rows = trace_insts(&region, 0);
        assert_eq!(rows.iter().map(|r| r.ap_step).collect::<Vec<_>>(), [1, 0, 1, 0]);
        assert_eq!(rows.iter().map(|r| r.pc).collect::<Vec<_>>(), [0, 2, 3, 4]);
    }

    /// A jump into an immediate decodes it as an instruction: the instruction the immediate's
    /// owner falls through to must still start a run (found by the property test: compiled
    /// code overstepped the step limit by looping through an unchecked fall-through).
    #[test]
    fn a_fall_through_over_an_overlapping_instruction_starts_a_run() {
        // 0: [ap] = [fp-2], ap++ ; 1: [ap] = [fp-1], ap++ ; 2: [ap] = [fp+1] + 3, ap++ (3 is
        // the immediate, also decoded as an instruction) ; 4: jnz -3 (to 1) ; 6: jnz -3 (to 3)
        let cells: Vec<Cell> = [
            felt::from_u64(0x480a7ffe7fff8000),
            felt::from_u64(0x480a7fff80008000),
            felt::from_u64(0x4826800180018000),
            felt::from_u64(3),
            felt::from_u64(0x20780017fff7fff),
            felt::from_i64(-3),
            felt::from_u64(0x20780017fff7fff),
            felt::from_i64(-3),
        ]
        .into_iter()
        .map(Cell::felt)
        .collect();
        let region = discover(0, fetcher(&cells), |_| false, |_| false).unwrap();
        assert!(region.contains(3) && region.contains(4), "{:?}", region.insts.keys());
        let r = runs(&region);
        // 2 falls through to 4 over the instruction at 3: 4 starts its own run.
        assert!(r.contains_key(&4), "{r:?}");
        // Every fall-through from an instruction of the region lands on the next instruction
        // of the same run or on a run's start.
        let mut covered = std::collections::BTreeSet::new();
        for (&h, &n) in &r {
            covered.extend(region.insts.range(h..).take(n as usize).map(|(&pc, _)| pc));
        }
        assert_eq!(covered.len(), region.insts.len(), "{r:?}");
    }
}
