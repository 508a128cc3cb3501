//! The functions generated code calls, declared once in [`RUNTIME_FUNCTIONS`]: the JIT module
//! registers their addresses and each compiled function imports them from the same list.
//!
//! `cairo_jit_rt_exec` is the slow path of every instruction: it executes one instruction
//! with the interpreter, so deductions, pointer arithmetic, memory growth and faults behave
//! exactly as in the interpreter.

use crate::interp::{Interpreter, NoHints};
use crate::vm::{NoTrace, Relocatable, Trace, Vm, VmError};
use cairo_jit_runtime::jit::{exit, JitContext};
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
pub fn runtime_functions() -> [RtFunc; 2] {
    [
        RtFunc {
            name: "cairo_jit_rt_exec",
            addr: cairo_jit_rt_exec as *const u8,
            params: &[types::I64, types::I64],
            ret: Some(types::I32),
        },
        RtFunc {
            name: "cairo_jit_rt_felt_mul",
            addr: cairo_jit_runtime::felt::cairo_jit_rt_felt_mul as *const u8,
            params: &[types::I64, types::I64, types::I64],
            ret: None,
        },
    ]
}

/// Indices into [`runtime_functions`].
pub const RT_EXEC: usize = 0;
/// `felt_mul`.
pub const RT_FELT_MUL: usize = 1;

/// What the runtime functions reach through `JitContext::state`.
pub struct RtState<'a> {
    /// The VM.
    pub vm: &'a mut Vm,
    /// The interpreter (its code cache decodes the instruction).
    pub interp: &'a mut Interpreter,
    /// The trace, when recording.
    pub trace: Option<&'a mut Trace>,
    /// The code segment.
    pub code_seg: i64,
    /// The execution segment.
    pub exec_seg: i64,
    /// The fault of the last failed call.
    pub error: Option<VmError>,
}

/// Spare trace capacity kept available for compiled code.
pub const TRACE_CHUNK: usize = 1 << 16;

/// Compiled code is entered (and resumed after a runtime call) with at least this many spare
/// trace entries, so a straight-line run of this many instructions always fits
/// (see `lower::runs`).
pub const TRACE_SPARE: usize = 64;

impl RtState<'_> {
    /// Copies the context's registers into the VM (and the trace length into the vector).
    pub fn sync_vm(&mut self, ctx: &JitContext) {
        self.vm.ap = Relocatable::new(self.exec_seg, ctx.ap);
        self.vm.fp = Relocatable::new(self.exec_seg, ctx.fp);
        self.vm.pc = Relocatable::new(self.code_seg, ctx.pc);
        self.vm.current_step = ctx.steps;
        if let Some(t) = self.trace.as_deref_mut() {
            let base = t.as_mut_ptr() as *mut u64;
            // SAFETY: `trace_ptr` lies within the vector's allocation (it starts at
            // `base + 3 * len` and compiled code advances it by whole entries, never past
            // `trace_end = base + 3 * capacity`); both point into the same allocation.
            let n = unsafe { ctx.trace_ptr.offset_from(base) } as usize / 3;
            debug_assert!(n <= t.capacity());
            // SAFETY: entries `[len, n)` were fully written by compiled code (three u64 per
            // entry, TraceEntry is `#[repr(C)]` of three u64) and `n <= capacity`.
            unsafe { t.set_len(n) };
        }
    }

    /// Copies the VM's registers and buffers into the context; false when the VM's state is
    /// outside what compiled code assumes (registers in other segments).
    pub fn sync_ctx(&mut self, ctx: &mut JitContext) -> bool {
        let vm = &mut *self.vm;
        if vm.ap.segment != self.exec_seg || vm.fp.segment != self.exec_seg || vm.pc.segment != self.code_seg
        {
            return false;
        }
        ctx.ap = vm.ap.offset;
        ctx.fp = vm.fp.offset;
        ctx.pc = vm.pc.offset;
        ctx.steps = vm.current_step;
        if let Some(t) = self.trace.as_deref_mut() {
            if t.capacity() - t.len() < TRACE_SPARE {
                t.reserve(TRACE_CHUNK.max(t.len() / 2));
            }
            let base = t.as_mut_ptr() as *mut u64;
            // SAFETY: both offsets are within the allocation of `capacity` entries.
            unsafe {
                ctx.trace_ptr = base.add(3 * t.len());
                ctx.trace_end = base.add(3 * t.capacity());
            }
        }
        let (p, n) = vm.memory.segment_storage(self.exec_seg as usize).expect("the execution segment exists");
        ctx.exec_base = p as *mut u64;
        ctx.exec_len = n as u64;
        let (t, k) = vm.memory.segment_table();
        ctx.segs = t as *const u64;
        ctx.nsegs = k as u64;
        true
    }

    /// Executes one instruction at the VM's pc in the interpreter.
    pub fn step(&mut self) -> Result<(), VmError> {
        match self.trace.as_deref_mut() {
            Some(t) => self.interp.step(self.vm, t, &mut NoHints),
            None => self.interp.step(self.vm, &mut NoTrace, &mut NoHints),
        }
    }
}

/// Slow-path calls made (diagnostics).
pub static SLOW_CALLS: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);

/// The slow path: executes the instruction at `pc` with the interpreter.
///
/// # Safety
/// `ctx` must be the context of a running compiled region, whose `state` points to a live
/// [`RtState`].
pub unsafe extern "C" fn cairo_jit_rt_exec(ctx: *mut JitContext, pc: u64) -> u32 {
    // SAFETY: the dispatcher passes its own context, exclusively borrowed for the call, and
    // sets `state` to its `RtState` for the duration of the compiled call.
    let (ctx, st) = unsafe {
        let ctx = &mut *ctx;
        let st = &mut *(ctx.state as *mut RtState<'_>);
        (ctx, st)
    };
    ctx.pc = pc;
    SLOW_CALLS.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    st.sync_vm(ctx);
    match st.step() {
        Ok(()) => {
            if st.sync_ctx(ctx) {
                exit::CONTINUE
            } else {
                exit::VM_STATE
            }
        }
        Err(e) => {
            st.error = Some(e);
            exit::ERROR
        }
    }
}
