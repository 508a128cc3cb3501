//! The functions generated code calls, declared once in [`runtime_functions`]: the JIT module
//! registers their addresses and each compiled function imports them from the same list.
//!
//! Compiled code makes no call back into the VM: an instruction its fast path does not handle
//! exits to the dispatcher ([`cairo_jit_runtime::jit::exit::INTERPRET`]), which runs it with
//! the interpreter. The only runtime call is pure field arithmetic.

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
pub fn runtime_functions() -> [RtFunc; 1] {
    [RtFunc {
        name: "cairo_jit_rt_felt_mul",
        addr: cairo_jit_runtime::felt::cairo_jit_rt_felt_mul as *const u8,
        params: &[types::I64, types::I64, types::I64],
        ret: None,
    }]
}

/// Index of `felt_mul` in [`runtime_functions`].
pub const RT_FELT_MUL: usize = 0;

/// Spare trace capacity reserved at a time for compiled code.
pub const TRACE_CHUNK: usize = 1 << 16;

/// Compiled code is entered with at least this many spare trace entries and steps left before
/// the step limit, so a straight-line run of this many instructions always fits, wherever it
/// is entered (see `lower::runs`).
pub const TRACE_SPARE: usize = 64;
