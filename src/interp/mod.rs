//! The reference interpreter: the executable specification of a CASM step.
//!
//! One step follows cairo-lang's `VirtualMachine.step` exactly: run the hints at pc, fetch and
//! decode, read dst/op0/op1, builtin auto-deduction, opcode deduction (op0, then op1), res, dst,
//! write the deduced cells (dst, op0, op1 in that order), opcode assertions, record the trace
//! entry, update fp, ap, pc.
//!
//! Instructions of the program segment are decoded once and kept in a [`CodeCache`]; code in
//! other segments is decoded on each execution. Tracing is a type parameter ([`TraceSink`]),
//! hints a [`HintHook`]: the untraced, hint-free loop compiles to no trace or hint code at all.
//! The hot path allocates nothing; every fault leaves through a cold, boxed [`VmError`].

mod ops;

use crate::casm::{self, ApUpdate, FpUpdate, Instruction, Op1Src, Opcode, PcUpdate, Reg, Res};
use crate::vm::{Relocatable, TraceSink, Value, Vm, VmError, VmErrorKind};
use cairo_jit_runtime::cell::Cell;
use cairo_jit_runtime::felt;
pub use ops::{add_cells, mul_cells, sub_cells};

/// Runs the hints attached to a program-segment pc.
pub trait HintHook {
    /// Runs the hint group `group` (an index given to [`CodeCache::set_hints`]) at the current pc.
    fn run_hints(&mut self, group: u32, vm: &mut Vm) -> Result<(), VmError>;

    /// The scope half of a counter step (group `group` of a [`CounterHint`]): `n -= 1`, and
    /// whether `n > 0` now, exactly as the hint computes them; `None`, changing nothing, when
    /// the hint itself must run (no integer `n` in scope, or `group` is no counter step).
    fn count_down(&mut self, _group: u32) -> Option<bool> {
        None
    }

    /// The counter step's `n` (group `group`), when it is an integer in `1..2^62` that
    /// compiled code may count down by itself (see [`HintHook::set_counter`]); `None` otherwise.
    fn counter(&mut self, _group: u32) -> Option<i64> {
        None
    }

    /// Sets the counter step's `n` (group `group`, the scope [`HintHook::counter`] read) to
    /// `n`, what compiled code counted it down to.
    fn set_counter(&mut self, _group: u32, _n: i64) {}
}

/// A hint pc whose hints are exactly one counter step, `n -= 1` then
/// `ids.<flag> = 1 if n > 0 else 0` (the loops of the common library's memcpy and memset),
/// where `ids.<flag>` is the cell `ap + shift + k` whenever `ap + shift` and `ap + shift + k`
/// are both valid offsets. The JIT runs such a step in compiled code: the scope's half through
/// [`HintHook::count_down`], the write of the flag inline.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct CounterHint {
    /// The hint group.
    pub group: u32,
    /// The ap-tracking correction of the flag's reference.
    pub shift: i64,
    /// The flag's offset from the corrected ap.
    pub k: i64,
}

/// No hints: a program without any.
pub struct NoHints;

impl HintHook for NoHints {
    fn run_hints(&mut self, _: u32, _: &mut Vm) -> Result<(), VmError> {
        Ok(())
    }
}

const NO_HINT: u32 = u32::MAX;

#[derive(Clone, Copy)]
struct Slot {
    decoded: bool,
    hint: u32,
    inst: Instruction,
    imm: Cell,
}

const EMPTY_INST: Instruction = Instruction {
    off0: 0,
    off1: 0,
    off2: 0,
    dst_reg: Reg::Ap,
    op0_reg: Reg::Ap,
    op1_src: Op1Src::Op0,
    res: Res::Op1,
    pc_update: PcUpdate::Regular,
    ap_update: ApUpdate::Regular,
    fp_update: FpUpdate::Regular,
    opcode: Opcode::Nop,
};

/// Decoded instructions of one segment (the program's), filled on first execution.
/// Memory is write-once, so a decoded slot never goes stale.
pub struct CodeCache {
    segment: i64,
    slots: Vec<Slot>,
}

impl CodeCache {
    /// A cache for `segment` covering offsets `[0, len)`.
    pub fn new(segment: i64, len: usize) -> Self {
        let s = Slot { decoded: false, hint: NO_HINT, inst: EMPTY_INST, imm: Cell::UNSET };
        CodeCache { segment, slots: vec![s; len] }
    }

    /// Marks `offset` as carrying the hint group `group`.
    pub fn set_hints(&mut self, offset: usize, group: u32) {
        if let Some(s) = self.slots.get_mut(offset) {
            s.hint = group;
        }
    }
}

/// The decoded instruction at `pc` and its immediate, or `None` when the cell is unset or
/// does not decode (for the JIT's region discovery).
pub fn fetch(vm: &Vm, pc: Relocatable) -> Option<(Instruction, Cell)> {
    decode_at(vm, pc).ok()
}

/// Fetches and decodes the instruction at `pc` from memory.
#[cold]
fn decode_at(vm: &Vm, pc: Relocatable) -> Result<(Instruction, Cell), VmError> {
    let c = vm.memory.cell(pc.segment, pc.offset);
    let v = Value::from_cell(c).ok_or(crate::vm::MemoryError::Unknown(pc))?;
    let word = match v {
        Value::Int(f) => f,
        Value::Ptr(_) => return Err(VmErrorKind::NotAnInstruction(v).into()),
    };
    let inst = casm::decode(felt::to_canonical(word.to_raw()))?;
    let mut imm = Cell::UNSET;
    if inst.op1_src == Op1Src::Imm {
        imm = vm.memory.cell(pc.segment, pc.offset + 1);
        if !imm.is_felt() {
            return Err(VmErrorKind::NoImmediate.into());
        }
    }
    Ok((inst, imm))
}

#[inline(always)]
fn reg_addr(base: Relocatable, off: i16) -> Result<Relocatable, VmError> {
    match base.offset.checked_add_signed(off as i64) {
        Some(o) => Ok(Relocatable::new(base.segment, o)),
        None => Err(negative_address(base, off)),
    }
}

#[cold]
fn negative_address(base: Relocatable, off: i16) -> VmError {
    VmErrorKind::NegativeAddress(base.segment, base.offset as i64 + off as i64).into()
}

#[cold]
fn unknown(addr: Relocatable) -> VmError {
    crate::vm::MemoryError::Unknown(addr).into()
}

fn value(c: Cell) -> Value {
    Value::from_cell(c).expect("a set cell")
}

/// Register offsets above this are refused (cairo-lang's `RelocatableValue.OFFSET_BITS`).
const MAX_REG_OFFSET: u64 = 1 << 47;

#[inline(always)]
fn check_reg(name: &'static str, c: Cell) -> Result<Relocatable, VmError> {
    if c.is_reloc() && (c.segment() as u64) < (1 << 15) && c.offset() < MAX_REG_OFFSET {
        Ok(Relocatable::new(c.segment(), c.offset()))
    } else {
        Err(bad_reg(name, c))
    }
}

#[cold]
fn bad_reg(name: &'static str, c: Cell) -> VmError {
    VmErrorKind::RegisterNotPointer(name, value(c)).into()
}

/// The interpreter: a code cache over the VM's program segment.
pub struct Interpreter {
    /// Decoded instructions of the program segment.
    pub code: CodeCache,
}

impl Interpreter {
    /// An interpreter whose cache covers `len` cells of `segment`.
    pub fn new(segment: i64, len: usize) -> Self {
        Interpreter { code: CodeCache::new(segment, len) }
    }

    /// Runs until pc reaches `end`, or fails with [`VmErrorKind::StepLimit`] once `max_steps`
    /// steps in all (counting earlier ones) have run without reaching it.
    pub fn run_until_pc<T: TraceSink, H: HintHook>(
        &mut self,
        vm: &mut Vm,
        end: Relocatable,
        max_steps: Option<u64>,
        trace: &mut T,
        hints: &mut H,
    ) -> Result<(), VmError> {
        let limit = max_steps.unwrap_or(u64::MAX);
        while vm.pc != end {
            if vm.current_step >= limit {
                return Err(VmErrorKind::StepLimit.into());
            }
            self.step(vm, trace, hints)?;
        }
        Ok(())
    }

    /// Runs steps for as long as pc is not `end`, fewer than `limit` steps ran and `go(pc)`
    /// allows; returns then, or with the first step's error. The JIT's dispatcher runs its cold
    /// code through this loop, `go` counting the pcs.
    #[inline(always)]
    pub fn run_while<T: TraceSink, H: HintHook>(
        &mut self,
        vm: &mut Vm,
        end: Relocatable,
        limit: u64,
        trace: &mut T,
        hints: &mut H,
        mut go: impl FnMut(Relocatable) -> bool,
    ) -> Result<(), VmError> {
        while vm.pc != end && vm.current_step < limit && go(vm.pc) {
            self.step(vm, trace, hints)?;
        }
        Ok(())
    }

    /// Runs exactly `n` steps, refusing to step at `final_pc` (cairo-lang's `run_for_steps`).
    pub fn run_for_steps<T: TraceSink, H: HintHook>(
        &mut self,
        vm: &mut Vm,
        n: u64,
        final_pc: Option<Relocatable>,
        trace: &mut T,
        hints: &mut H,
    ) -> Result<(), VmError> {
        for _ in 0..n {
            if Some(vm.pc) == final_pc {
                return Err(VmErrorKind::EndOfProgram.into());
            }
            self.step(vm, trace, hints)?;
        }
        Ok(())
    }

    /// Executes one step.
    #[inline(always)]
    pub fn step<T: TraceSink, H: HintHook>(
        &mut self,
        vm: &mut Vm,
        trace: &mut T,
        hints: &mut H,
    ) -> Result<(), VmError> {
        self.step_inner(vm, trace, Some(hints))
    }

    /// Runs the hints attached to `vm.pc`, if any: the first half of [`Interpreter::step`].
    pub fn run_hints_at<H: HintHook>(&self, vm: &mut Vm, hints: &mut H) -> Result<(), VmError> {
        let pc = vm.pc;
        if pc.segment == self.code.segment {
            if let Some(slot) = self.code.slots.get(pc.offset as usize) {
                if slot.hint != NO_HINT {
                    hints.run_hints(slot.hint, vm)?;
                }
            }
        }
        Ok(())
    }

    /// Executes the instruction at `vm.pc` without running its hints (already run by
    /// [`Interpreter::run_hints_at`]): the second half of [`Interpreter::step`].
    pub fn step_after_hints<T: TraceSink>(&mut self, vm: &mut Vm, trace: &mut T) -> Result<(), VmError> {
        self.step_inner::<T, NoHints>(vm, trace, None)
    }

    #[inline(always)]
    fn step_inner<T: TraceSink, H: HintHook>(
        &mut self,
        vm: &mut Vm,
        trace: &mut T,
        hints: Option<&mut H>,
    ) -> Result<(), VmError> {
        let pc = vm.pc;
        let (inst, imm) = if pc.segment == self.code.segment && (pc.offset as usize) < self.code.slots.len() {
            let i = pc.offset as usize;
            let slot = self.code.slots[i];
            if slot.hint != NO_HINT {
                if let Some(h) = hints {
                    h.run_hints(slot.hint, vm)?;
                }
            }
            if slot.decoded {
                (slot.inst, slot.imm)
            } else {
                let (inst, imm) = decode_at(vm, pc)?;
                let s = &mut self.code.slots[i];
                s.decoded = true;
                s.inst = inst;
                s.imm = imm;
                (inst, imm)
            }
        } else {
            decode_at(vm, pc)?
        };
        execute(vm, &inst, imm, trace)
    }
}

/// Executes a decoded instruction at `vm.pc` (hints already run).
#[inline(always)]
pub fn execute<T: TraceSink>(
    vm: &mut Vm,
    inst: &Instruction,
    imm: Cell,
    trace: &mut T,
) -> Result<(), VmError> {
    let (pc, ap, fp) = (vm.pc, vm.ap, vm.fp);
    let base = |r: Reg| if r == Reg::Ap { ap } else { fp };
    let dst_addr = reg_addr(base(inst.dst_reg), inst.off0)?;
    let mut dst = vm.memory.cell(dst_addr.segment, dst_addr.offset);
    let op0_addr = reg_addr(base(inst.op0_reg), inst.off1)?;
    let mut op0 = vm.memory.cell(op0_addr.segment, op0_addr.offset);
    let (op1_addr, mut op1) = match inst.op1_src {
        Op1Src::Imm => (Relocatable::new(pc.segment, pc.offset + 1), imm),
        Op1Src::Fp | Op1Src::Ap => {
            let a = reg_addr(base(if inst.op1_src == Op1Src::Fp { Reg::Fp } else { Reg::Ap }), inst.off2)?;
            (a, vm.memory.cell(a.segment, a.offset))
        }
        Op1Src::Op0 => {
            let a = op0_base(op0, inst.off2)?;
            (a, vm.memory.cell(a.segment, a.offset))
        }
    };

    if !op0.is_set() || !op1.is_set() {
        deduce_slow(vm, inst, pc, fp, dst_addr, op0_addr, op1_addr, &mut dst, &mut op0, &mut op1, trace)?;
        return Ok(());
    }
    // Fast path: op0 and op1 known.
    let res = compute_res(inst, op0, op1)?;
    if !dst.is_set() {
        dst = match inst.opcode {
            Opcode::AssertEq if res.is_set() => res,
            Opcode::Call => Cell::reloc(fp.segment, fp.offset),
            _ => return Err(unknown(dst_addr)),
        };
        vm.memory.write_cell(dst_addr.segment, dst_addr.offset, dst)?;
    }
    finish(vm, inst, dst, op0, op1, res, trace)
}

#[inline(always)]
fn op0_base(op0: Cell, off2: i16) -> Result<Relocatable, VmError> {
    if !op0.is_set() {
        return Err(VmErrorKind::Op0Unknown.into());
    }
    if !op0.is_reloc() {
        return Err(memory_address_not_relocatable(op0, off2));
    }
    reg_addr(Relocatable::new(op0.segment(), op0.offset()), off2)
}

#[cold]
fn memory_address_not_relocatable(op0: Cell, off2: i16) -> VmError {
    VmErrorKind::AddressOutOfRange(value(op0), off2 as i128).into()
}

/// The slow path of operand computation, when op0 or op1 is unknown: builtin auto-deduction,
/// then deduction through the opcode, exactly in cairo-lang's order.
#[cold]
#[inline(never)]
#[allow(clippy::too_many_arguments)]
fn deduce_slow<T: TraceSink>(
    vm: &mut Vm,
    inst: &Instruction,
    pc: Relocatable,
    fp: Relocatable,
    dst_addr: Relocatable,
    op0_addr: Relocatable,
    op1_addr: Relocatable,
    dst: &mut Cell,
    op0: &mut Cell,
    op1: &mut Cell,
    trace: &mut T,
) -> Result<(), VmError> {
    let mut res = Cell::UNSET;
    if !op0.is_set() {
        if let Some(v) = vm.deduce_memory_cell(op0_addr)? {
            *op0 = v.to_cell();
        }
    }
    if !op1.is_set() {
        if let Some(v) = vm.deduce_memory_cell(op1_addr)? {
            *op1 = v.to_cell();
        }
    }
    let (upd_dst, upd_op0, upd_op1) = (!dst.is_set(), !op0.is_set(), !op1.is_set());
    if upd_op0 {
        let (v, r) = deduce_op0(inst, pc, *dst, *op1)?;
        *op0 = v;
        if !res.is_set() {
            res = r;
        }
    }
    if upd_op1 {
        let (v, r) = deduce_op1(inst, *dst, *op0)?;
        *op1 = v;
        if !res.is_set() {
            res = r;
        }
    }
    if !op0.is_set() {
        return Err(unknown(op0_addr));
    }
    if !op1.is_set() {
        return Err(unknown(op1_addr));
    }
    if !res.is_set() {
        res = compute_res(inst, *op0, *op1)?;
    }
    if !dst.is_set() {
        if inst.opcode == Opcode::AssertEq && res.is_set() {
            *dst = res;
        } else if inst.opcode == Opcode::Call {
            *dst = Cell::reloc(fp.segment, fp.offset);
        }
    }
    if !dst.is_set() {
        return Err(unknown(dst_addr));
    }
    if upd_dst {
        vm.memory.write_cell(dst_addr.segment, dst_addr.offset, *dst)?;
    }
    if upd_op0 {
        vm.memory.write_cell(op0_addr.segment, op0_addr.offset, *op0)?;
    }
    if upd_op1 {
        vm.memory.write_cell(op1_addr.segment, op1_addr.offset, *op1)?;
    }
    finish(vm, inst, *dst, *op0, *op1, res, trace)
}

fn deduce_op0(inst: &Instruction, pc: Relocatable, dst: Cell, op1: Cell) -> Result<(Cell, Cell), VmError> {
    match inst.opcode {
        Opcode::Call => Ok((Cell::reloc(pc.segment, pc.offset + inst.size()), Cell::UNSET)),
        Opcode::AssertEq => match inst.res {
            Res::Add if dst.is_set() && op1.is_set() => Ok((sub_cells(dst, op1)?, dst)),
            Res::Mul if dst.is_felt() && op1.is_felt() => {
                if felt::is_zero(op1.raw()) {
                    return Err(VmErrorKind::DivByZero(value(dst)).into());
                }
                let q = felt::div(dst.raw(), op1.raw()).expect("nonzero divisor");
                Ok((Cell::felt(q), dst))
            }
            _ => Ok((Cell::UNSET, Cell::UNSET)),
        },
        _ => Ok((Cell::UNSET, Cell::UNSET)),
    }
}

fn deduce_op1(inst: &Instruction, dst: Cell, op0: Cell) -> Result<(Cell, Cell), VmError> {
    if inst.opcode != Opcode::AssertEq {
        return Ok((Cell::UNSET, Cell::UNSET));
    }
    match inst.res {
        Res::Op1 if dst.is_set() => Ok((dst, dst)),
        Res::Add if dst.is_set() && op0.is_set() => Ok((sub_cells(dst, op0)?, dst)),
        Res::Mul if dst.is_felt() && op0.is_felt() && !felt::is_zero(op0.raw()) => {
            let q = felt::div(dst.raw(), op0.raw()).expect("nonzero divisor");
            Ok((Cell::felt(q), dst))
        }
        _ => Ok((Cell::UNSET, Cell::UNSET)),
    }
}

#[inline(always)]
fn compute_res(inst: &Instruction, op0: Cell, op1: Cell) -> Result<Cell, VmError> {
    match inst.res {
        Res::Op1 => Ok(op1),
        Res::Add => add_cells(op0, op1),
        Res::Mul => mul_cells(op0, op1),
        Res::Unconstrained => Ok(Cell::UNSET),
    }
}

/// Assertions, trace entry and register updates.
#[inline(always)]
fn finish<T: TraceSink>(
    vm: &mut Vm,
    inst: &Instruction,
    dst: Cell,
    op0: Cell,
    op1: Cell,
    res: Cell,
    trace: &mut T,
) -> Result<(), VmError> {
    let (pc, ap, fp) = (vm.pc, vm.ap, vm.fp);
    match inst.opcode {
        Opcode::AssertEq => {
            if !res.is_set() {
                return Err(VmErrorKind::Unconstrained("Opcode.ASSERT_EQ").into());
            }
            if dst != res {
                return Err(assert_eq_failed(vm, dst, res));
            }
        }
        Opcode::Call => {
            let ret_pc = Cell::reloc(pc.segment, pc.offset + inst.size());
            if op0 != ret_pc {
                return Err(VmErrorKind::CallReturnPc(value(op0), value(ret_pc)).into());
            }
            let ret_fp = Cell::reloc(fp.segment, fp.offset);
            if dst != ret_fp {
                return Err(VmErrorKind::CallReturnFp(value(dst), value(ret_fp)).into());
            }
        }
        Opcode::Ret | Opcode::Nop => {}
    }
    trace.record(pc, ap, fp);

    match inst.fp_update {
        FpUpdate::Regular => {}
        FpUpdate::ApPlus2 => vm.fp = Relocatable::new(ap.segment, ap.offset + 2),
        FpUpdate::Dst => vm.fp = check_reg("fp", dst)?,
    }
    match inst.ap_update {
        ApUpdate::Regular => {}
        ApUpdate::Add => {
            if !res.is_set() {
                return Err(VmErrorKind::Unconstrained("ApUpdate.ADD").into());
            }
            vm.ap = check_reg("ap", add_cells(Cell::reloc(ap.segment, ap.offset), res)?)?;
        }
        ApUpdate::Add1 => vm.ap = Relocatable::new(ap.segment, ap.offset + 1),
        ApUpdate::Add2 => vm.ap = Relocatable::new(ap.segment, ap.offset + 2),
    }
    vm.pc = match inst.pc_update {
        PcUpdate::Regular => Relocatable::new(pc.segment, pc.offset + inst.size()),
        PcUpdate::JumpAbs => {
            if !res.is_set() {
                return Err(VmErrorKind::Unconstrained("PcUpdate.JUMP").into());
            }
            check_reg("pc", res)?
        }
        PcUpdate::JumpRel => {
            if !res.is_felt() {
                return Err(pure("jmp rel", &[res]));
            }
            check_reg("pc", add_cells(Cell::reloc(pc.segment, pc.offset), res)?)?
        }
        PcUpdate::Jnz => {
            let zero = if dst.is_felt() {
                felt::is_zero(dst.raw())
            } else {
                // A pointer is never zero (offsets are non-negative).
                false
            };
            if zero {
                Relocatable::new(pc.segment, pc.offset + inst.size())
            } else {
                check_reg("pc", add_cells(Cell::reloc(pc.segment, pc.offset), op1)?)?
            }
        }
    };
    vm.current_step += 1;
    Ok(())
}

#[cold]
fn assert_eq_failed(_vm: &Vm, dst: Cell, res: Cell) -> VmError {
    VmErrorKind::AssertEq(value(dst), value(res)).into()
}

#[cold]
pub(crate) fn pure(op: &'static str, vals: &[Cell]) -> VmError {
    let values = if vals.len() > 1 {
        format!("values: ({})", vals.iter().map(|c| py_repr(value(*c))).collect::<Vec<_>>().join(", "))
    } else {
        format!("value: {}", value(vals[0]))
    };
    VmErrorKind::PureValue { op, values }.into()
}

/// Python's `repr` of a value inside a tuple (as cairo-lang's messages print them).
fn py_repr(v: Value) -> String {
    match v {
        Value::Int(f) => f.to_string(),
        Value::Ptr(r) => format!("RelocatableValue(segment_index={}, offset={})", r.segment, r.offset),
    }
}
