//! The boundary between generated code and the rest of the VM: the [`JitContext`] that
//! compiled regions read and write by fixed offsets, and their exit codes.
//!
//! Invariants while compiled code runs:
//! - `ap` and `fp` are offsets in the execution segment; `pc` (on exit) an offset in the
//!   segment of the region's code. Segment indices are constants of the compiled code.
//! - `exec_base[0..exec_len)` is the execution segment's storage (see
//!   `cairo_jit::vm::Memory::segment_storage`); unset cells are all-zero, so a store into an
//!   unset in-bounds cell needs no bookkeeping. No runtime function compiled code calls moves
//!   the storage, adds a segment or moves the segment table, except `run_hints` (hints run
//!   arbitrary code), after which compiled code reloads the context as on entry; so generated
//!   code loads `exec_base`/`exec_len`/`segs`/`nsegs` once per entry (a runtime function may
//!   move another segment's storage, so a segment's table entry is read at each access
//!   through it).
//! - `vm` points to the VM whose state this is, for the runtime functions that write memory
//!   the way the interpreter does (builtin deduction, validated writes); generated code never
//!   reads it.
//! - With tracing, `trace_ptr..trace_end` is the spare capacity of the trace vector. Compiled
//!   code stores one 16-byte entry, a *record* (see `cairo_jit::vm::trace`), per straight line
//!   of steps it runs (at most one per step), and keeps `trace_ptr` current in the context
//!   itself.
//! - `steps` counts executed steps; compiled code never runs a step once `steps == step_limit`.
//!   Compiled code counts steps in a register of its own, checked against `cnt_limit`, and
//!   writes `steps` back on exit.
//! - `lease_pc` is [`NO_LEASE`] whenever compiled code is entered; a lease `count_down` grants
//!   lasts until compiled code returns, or until a runtime function that runs hints or
//!   counter steps ends it first (see [`JitContext::lease_pc`]).

use core::mem::offset_of;

/// Registers and buffers shared with compiled code.
#[repr(C)]
#[derive(Debug)]
pub struct JitContext {
    /// ap offset (execution segment).
    pub ap: u64,
    /// fp offset (execution segment).
    pub fp: u64,
    /// pc offset (code segment): where execution continues after an exit.
    pub pc: u64,
    /// Steps executed.
    pub steps: u64,
    /// Steps allowed.
    pub step_limit: u64,
    /// Next free trace entry (16 bytes), or null without tracing; compiled code advances it
    /// in place.
    pub trace_ptr: *mut u64,
    /// End of the trace buffer's capacity.
    pub trace_end: *mut u64,
    /// The bound on compiled code's step counter (`steps`): `step_limit`, and with tracing
    /// also `steps` plus the free trace entries when that is lower. Compiled code writes at
    /// most one trace entry per step, so the bound on steps bounds its entries, until the
    /// trace buffer moves.
    pub cnt_limit: u64,
    /// The execution segment's cells.
    pub exec_base: *mut u64,
    /// Allocated cells of the execution segment.
    pub exec_len: u64,
    /// The segment table: per segment `{base address, writable cells, readable cells, _}`
    /// (32 bytes each, `cairo_jit::vm::SegDesc`); segments with validators or builtin
    /// deduction have no writable cells.
    pub segs: *const u64,
    /// Entries in the segment table.
    pub nsegs: u64,
    /// The VM (`*mut cairo_jit::vm::Vm`), for runtime functions only.
    pub vm: *mut core::ffi::c_void,
    /// The dispatcher's state for [`JitContext::run_hints`] (null when there is none), for
    /// runtime functions only.
    pub host: *mut core::ffi::c_void,
    /// Runs the hints at `pc` for compiled code that reaches a hint pc (see
    /// `cairo_jit::jit::rt::cairo_jit_rt_hints`): with the registers, `steps` and `trace_ptr`
    /// current in the context, it runs the hints and returns 0 with the context's registers
    /// and memory buffers current again (a hint may add segments and grow the execution
    /// segment; it leaves the trace and the step count alone), or returns the exit code with
    /// which compiled code must return at once.
    pub run_hints: Option<unsafe extern "C" fn(*mut JitContext) -> u32>,
    /// Runs the scope half of the counter step of hint group `group` at `pc` for compiled code
    /// that reached it
    /// (see `cairo_jit::jit::rt::cairo_jit_rt_count_down`): with the registers, `steps` and
    /// `trace_ptr` current in the context, returns 1 (`n` is still positive) or 0 (it reached
    /// zero) with the step done but for the write of the flag, which compiled code makes; or
    /// [`COUNT_DOWN_HINTS`], having changed nothing, when the hints must run through
    /// `run_hints`.
    pub count_down: Option<unsafe extern "C" fn(*mut JitContext, u64) -> u32>,
    /// The hint pc (an offset in the code segment) of the counter step whose `n` compiled code
    /// counts down itself, in `lease_n`, or [`NO_LEASE`]. `count_down` grants the lease after
    /// a step it ran, when `n` is a positive integer below 2^62; the dispatcher writes `n` back
    /// into the hints' scope and ends the lease whenever compiled code returns, and before any
    /// hint or counter step runs in the runtime. While it holds the lease, compiled code takes
    /// a step at that pc by itself when `lease_n > 0` and the step would pass `count_down`'s
    /// checks, `lease_n -= 1` then the flag `lease_n > 0`.
    pub lease_pc: u64,
    /// The leased counter (see [`JitContext::lease_pc`]).
    pub lease_n: i64,
}

/// [`JitContext::lease_pc`] when no counter is leased.
pub const NO_LEASE: u64 = u64::MAX;

/// What [`JitContext::count_down`] returns when the hints must run through `run_hints`.
pub const COUNT_DOWN_HINTS: u32 = 2;

/// Field offsets used by the code generator.
pub mod offsets {
    use super::*;
    /// `ap`.
    pub const AP: i32 = offset_of!(JitContext, ap) as i32;
    /// `fp`.
    pub const FP: i32 = offset_of!(JitContext, fp) as i32;
    /// `pc`.
    pub const PC: i32 = offset_of!(JitContext, pc) as i32;
    /// `steps`.
    pub const STEPS: i32 = offset_of!(JitContext, steps) as i32;
    /// `step_limit`.
    pub const STEP_LIMIT: i32 = offset_of!(JitContext, step_limit) as i32;
    /// `trace_ptr`.
    pub const TRACE_PTR: i32 = offset_of!(JitContext, trace_ptr) as i32;
    /// `trace_end`.
    pub const TRACE_END: i32 = offset_of!(JitContext, trace_end) as i32;
    /// `cnt_limit`.
    pub const CNT_LIMIT: i32 = offset_of!(JitContext, cnt_limit) as i32;
    /// `exec_base`.
    pub const EXEC_BASE: i32 = offset_of!(JitContext, exec_base) as i32;
    /// `exec_len`.
    pub const EXEC_LEN: i32 = offset_of!(JitContext, exec_len) as i32;
    /// `segs`.
    pub const SEGS: i32 = offset_of!(JitContext, segs) as i32;
    /// `nsegs`.
    pub const NSEGS: i32 = offset_of!(JitContext, nsegs) as i32;
    /// `lease_pc`.
    pub const LEASE_PC: i32 = offset_of!(JitContext, lease_pc) as i32;
    /// `lease_n`.
    pub const LEASE_N: i32 = offset_of!(JitContext, lease_n) as i32;
}

/// How a compiled region returned (registers in the context are current in both cases).
pub mod exit {
    /// Continue at `ctx.pc`.
    pub const CONTINUE: u32 = 0;
    /// Run the instruction at `ctx.pc` in the interpreter (a guard of its fast path failed: a
    /// deduction, a builtin segment, a pointer where a felt was expected, a fault; or the
    /// step limit or the trace capacity is near).
    pub const INTERPRET: u32 = 1;
    /// The hint runner (`JitContext::run_hints`) stopped compiled code at `ctx.pc` after
    /// bringing the VM up to date: the VM, not the context, holds the state, and the
    /// dispatcher knows why (the hints failed, or the instruction is the interpreter's).
    pub const HINTS_STOPPED: u32 = 2;
}
