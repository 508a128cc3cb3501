//! The functions generated code calls, declared once in [`runtime_functions`]: the JIT module
//! registers their addresses and each compiled function imports them from the same list.
//! The two multiplications are registered at the address of the implementation for the CPU
//! ([`cairo_jit_runtime::felt::felt_mul_entry`]: BMI2/ADX on x86-64 CPUs that have them).
//!
//! An instruction compiled code does not handle exits to the dispatcher
//! ([`cairo_jit_runtime::jit::exit::INTERPRET`]), which runs it with the interpreter. Runtime
//! calls are field arithmetic (pure, except that `cairo_jit_rt_felt_mul_cells` writes its
//! product into the cell it is given: an unset dst compiled code checked, as the
//! instruction's last effect), the interpreter's own pointer arithmetic
//! ([`cairo_jit_rt_add_cells`], [`cairo_jit_rt_sub_cells`]) and register updates
//! ([`cairo_jit_rt_reg_add`]), all pure, and [`cairo_jit_rt_op1_unset`], the one call back into the VM:
//! the interpreter's own memory operations for a `[[reg + off1] + off2]` operand not readable
//! in place (unset, or in a sparse segment)
//! (builtin deduction, else the validated write of dst), which either complete or leave the
//! memory untouched so that the interpreter, run on the instruction after a failure, sees the
//! same state and reports the same error; [`cairo_jit_rt_hints`], which runs the hints of
//! a hint pc compiled code reached (the dispatcher's hint runner, with the context current);
//! and [`cairo_jit_rt_count_down`], the scope half of a counter step (memcpy's and memset's
//! loop hint), whose flag compiled code writes itself.

use crate::vm::{Relocatable, Vm};
use cairo_jit_runtime::cell::Cell;
use cairo_jit_runtime::jit::{exit, JitContext, COUNT_DOWN_HINTS};
use cranelift_codegen::ir::{types, Type};

/// A runtime function: its symbol, address, and signature.
pub struct RtFunc {
    /// Symbol name.
    pub name: &'static str,
    /// Address.
    pub addr: *const u8,
    /// Parameter types.
    pub params: &'static [Type],
    /// Return type.
    pub ret: Option<Type>,
}

/// Every runtime function generated code may call.
pub fn runtime_functions() -> [RtFunc; 9] {
    [
        RtFunc {
            name: "cairo_jit_rt_felt_mul",
            addr: cairo_jit_runtime::felt::felt_mul_entry() as *const u8,
            params: &[types::I64, types::I64, types::I64],
            ret: None,
        },
        RtFunc {
            name: "cairo_jit_rt_op1_unset",
            addr: cairo_jit_rt_op1_unset as *const u8,
            params: &[types::I64, types::I64, types::I64, types::I64, types::I64],
            ret: Some(types::I32),
        },
        RtFunc {
            name: "cairo_jit_rt_add_cells",
            addr: cairo_jit_rt_add_cells as *const u8,
            params: &[types::I64, types::I64, types::I64],
            ret: Some(types::I32),
        },
        RtFunc {
            name: "cairo_jit_rt_sub_cells",
            addr: cairo_jit_rt_sub_cells as *const u8,
            params: &[types::I64, types::I64, types::I64],
            ret: Some(types::I32),
        },
        RtFunc {
            name: "cairo_jit_rt_felt_div",
            addr: cairo_jit_runtime::felt::cairo_jit_rt_felt_div as *const u8,
            params: &[types::I64, types::I64, types::I64],
            ret: Some(types::I8),
        },
        RtFunc {
            name: "cairo_jit_rt_reg_add",
            addr: cairo_jit_rt_reg_add as *const u8,
            params: &[types::I64, types::I64, types::I64],
            ret: Some(types::I64),
        },
        RtFunc {
            name: "cairo_jit_rt_hints",
            addr: cairo_jit_rt_hints as *const u8,
            params: &[types::I64],
            ret: Some(types::I32),
        },
        RtFunc {
            name: "cairo_jit_rt_count_down",
            addr: cairo_jit_rt_count_down as *const u8,
            params: &[types::I64, types::I64],
            ret: Some(types::I32),
        },
        RtFunc {
            name: "cairo_jit_rt_felt_mul_cells",
            addr: cairo_jit_runtime::felt::felt_mul_cells_entry() as *const u8,
            params: &[types::I64, types::I64, types::I64],
            ret: None,
        },
    ]
}

/// Index of `felt_mul` in [`runtime_functions`].
pub const RT_FELT_MUL: usize = 0;
/// Index of `op1_unset` in [`runtime_functions`].
pub const RT_OP1_UNSET: usize = 1;
/// Index of `add_cells` in [`runtime_functions`].
pub const RT_ADD_CELLS: usize = 2;
/// Index of `sub_cells` in [`runtime_functions`].
pub const RT_SUB_CELLS: usize = 3;
/// Index of `felt_div` in [`runtime_functions`].
pub const RT_FELT_DIV: usize = 4;
/// Index of `reg_add` in [`runtime_functions`].
pub const RT_REG_ADD: usize = 5;
/// Index of `hints` in [`runtime_functions`].
pub const RT_HINTS: usize = 6;
/// Index of `count_down` in [`runtime_functions`].
pub const RT_COUNT_DOWN: usize = 7;
/// Index of `felt_mul_cells` in [`runtime_functions`].
pub const RT_FELT_MUL_CELLS: usize = 8;

/// Runs the hints at `ctx.pc` for compiled code that reached a hint pc, with the context's
/// registers and step counts current: the dispatcher's runner ([`JitContext::run_hints`]),
/// whose result it returns (0: the hints ran and the context is current again; else the exit
/// code to return with). Without a runner, returns [`exit::CONTINUE`]: the dispatcher runs the
/// hints.
///
/// # Safety
/// `ctx` is the context of the running compiled code, with `run_hints` null or a runner whose
/// requirements its `host` and `vm` meet.
pub unsafe extern "C" fn cairo_jit_rt_hints(ctx: *mut JitContext) -> u32 {
    // SAFETY: per this function's contract.
    match unsafe { (*ctx).run_hints } {
        // SAFETY: per this function's contract.
        Some(f) => unsafe { f(ctx) },
        None => exit::CONTINUE,
    }
}

/// The scope half of the counter step of hint group `group` at `ctx.pc`
/// ([`crate::interp::CounterHint`]) for compiled code, with the context's registers and step
/// counts current: the dispatcher's ([`JitContext::count_down`]), whose result it returns (1
/// or 0: `n` is still positive or reached zero, compiled code writes the flag; or
/// [`COUNT_DOWN_HINTS`], nothing changed, when the hints must run through
/// [`cairo_jit_rt_hints`]). Without a dispatcher's, returns [`COUNT_DOWN_HINTS`].
///
/// # Safety
/// `ctx` is the context of the running compiled code, with `count_down` null or a function
/// whose requirements its `host` and `vm` meet.
pub unsafe extern "C" fn cairo_jit_rt_count_down(ctx: *mut JitContext, group: u64) -> u32 {
    // SAFETY: per this function's contract.
    match unsafe { (*ctx).count_down } {
        // SAFETY: per this function's contract.
        Some(f) => unsafe { f(ctx, group) },
        None => COUNT_DOWN_HINTS,
    }
}

/// What [`cairo_jit_rt_reg_add`] returns when the register update fails.
pub const REG_ADD_FAILED: u64 = u64::MAX;

/// The offset of the register `segment:offset + *res` (`ap += res`, `jmp rel res`, the taken
/// side of `jnz`), as the interpreter computes it: the cell sum, then the register check (a
/// relocatable in a segment below 2^15 with an offset below 2^47). Returns
/// [`REG_ADD_FAILED`] when either fails (a pointer `res`, an offset out of range); the
/// interpreter then runs the instruction and reports the error. Pure.
///
/// # Safety
/// `res` points to four readable `u64`s holding a set cell.
pub unsafe extern "C" fn cairo_jit_rt_reg_add(segment: u64, offset: u64, res: *const u64) -> u64 {
    // SAFETY: per this function's contract.
    let res = Cell(unsafe { std::ptr::read_unaligned(res as *const [u64; 4]) });
    let reg = Cell::reloc(segment as i64, offset);
    match std::panic::catch_unwind(|| crate::interp::add_cells(reg, res)) {
        Ok(Ok(c))
            if c.is_reloc() && c.segment() as u64 == segment && segment < 1 << 15 && c.offset() < 1 << 47 =>
        {
            c.offset()
        }
        _ => REG_ADD_FAILED,
    }
}

/// `*out = op(*a, *b)` on cells (four words each); 0, or 1 when `op` fails (the interpreter
/// then runs the instruction and reports the error).
///
/// # Safety
/// `a` and `b` point to four readable `u64`s holding set cells, `out` to four writable ones.
unsafe fn cell_op(
    out: *mut u64,
    a: *const u64,
    b: *const u64,
    op: fn(Cell, Cell) -> Result<Cell, crate::vm::VmError>,
) -> u32 {
    // SAFETY: per this function's contract.
    let (a, b) = unsafe {
        (std::ptr::read_unaligned(a as *const [u64; 4]), std::ptr::read_unaligned(b as *const [u64; 4]))
    };
    match std::panic::catch_unwind(|| op(Cell(a), Cell(b))) {
        Ok(Ok(c)) => {
            // SAFETY: per this function's contract.
            unsafe { std::ptr::write_unaligned(out as *mut [u64; 4], c.0) };
            0
        }
        _ => 1,
    }
}

/// `*out = *a + *b` as the interpreter adds cells (compiled code adds two felts inline; this
/// is pointer plus felt). Returns 1 on an error (two pointers, an offset out of range).
///
/// # Safety
/// As [`cell_op`]: `a`, `b` readable set cells, `out` writable, four `u64`s each.
pub unsafe extern "C" fn cairo_jit_rt_add_cells(out: *mut u64, a: *const u64, b: *const u64) -> u32 {
    // SAFETY: the caller's contract is `cell_op`'s.
    unsafe { cell_op(out, a, b, crate::interp::add_cells) }
}

/// `*out = *a - *b` as the interpreter subtracts cells (pointer minus felt or pointer).
/// Returns 1 on an error.
///
/// # Safety
/// As [`cell_op`].
pub unsafe extern "C" fn cairo_jit_rt_sub_cells(out: *mut u64, a: *const u64, b: *const u64) -> u32 {
    // SAFETY: the caller's contract is `cell_op`'s.
    unsafe { cell_op(out, a, b, crate::interp::sub_cells) }
}

/// The op1 cell `seg:off` of `assert_eq dst = [[reg + off1] + off2]` that compiled code could
/// not read in place: its value when set (a sparse segment's cell); when unset, as the
/// interpreter's deduction sets it: the builtin's deduction of the cell if its segment has one
/// that deduces it, else the value of dst (`dst`, four words), written with the segment's
/// validation. On success the op1 cell is set, its value copied to `out` (four words), and 0
/// returned. Returns 1 without changing memory when the interpreter must run the instruction
/// (dst unset, nothing deducible, a validation or deduction error, a cell of the execution
/// segment, whose storage compiled code holds, or a panic).
///
/// # Safety
/// `ctx` is the context of the running compiled code, whose `vm` points to the VM, not
/// otherwise accessed during the call; `dst` and `out` point to four readable, respectively
/// writable, `u64`s.
pub unsafe extern "C" fn cairo_jit_rt_op1_unset(
    ctx: *mut JitContext,
    seg: u64,
    off: u64,
    dst: *const u64,
    out: *mut u64,
) -> u32 {
    // SAFETY: per this function's contract.
    let (vm, dst) =
        unsafe { (&mut *((*ctx).vm as *mut Vm), std::ptr::read_unaligned(dst as *const [u64; 4])) };
    let result =
        std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| op1_unset(vm, seg, off, Cell(dst))));
    match result {
        Ok(Some(c)) => {
            // SAFETY: per this function's contract.
            unsafe { std::ptr::write_unaligned(out as *mut [u64; 4], c.0) };
            0
        }
        _ => 1,
    }
}

fn op1_unset(vm: &mut Vm, seg: u64, off: u64, dst: Cell) -> Option<Cell> {
    let seg = i64::try_from(seg).ok()?;
    if seg == vm.ap.segment {
        return None;
    }
    // A set cell generated code cannot read in place (a sparse segment's).
    let current = vm.memory.cell(seg, off);
    if current.is_set() {
        return Some(current);
    }
    let addr = Relocatable::new(seg, off);
    // Deduction first, exactly as the interpreter's `deduce_slow`: it inserts the cell.
    match vm.deduce_memory_cell(addr) {
        Ok(Some(v)) => return Some(v.to_cell()),
        Ok(None) => {}
        Err(_) => return None,
    }
    if !dst.is_set() {
        return None;
    }
    vm.memory.write_cell(seg, off, dst).ok()?;
    Some(dst)
}

/// Spare trace capacity reserved at a time for compiled code.
pub const TRACE_CHUNK: usize = 1 << 16;

/// Compiled code is entered with at least this many spare trace entries and steps left before
/// the step limit, so a straight-line run of this many instructions always fits, wherever it
/// is entered (see `lower::runs`).
pub const TRACE_SPARE: usize = 64;
