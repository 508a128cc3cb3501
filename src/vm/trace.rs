//! Per-step register trace: a compile-time choice between recording and not.
//!
//! The interpreter is generic over [`TraceSink`]; [`NoTrace`] is zero-sized so the untraced
//! loop has no trace code at all. A recorded entry packs each register as
//! `segment << 48 | offset` (the VM keeps register offsets below 2^47 and segments below 2^15,
//! as cairo-lang's `RelocatableValue` bounds them).

use super::value::Relocatable;

/// One step's registers before the step, each packed as `segment << 48 | offset`.
#[derive(Clone, Copy, PartialEq, Eq, Debug, Default)]
#[repr(C)]
pub struct TraceEntry {
    /// pc.
    pub pc: u64,
    /// ap.
    pub ap: u64,
    /// fp.
    pub fp: u64,
}

/// Packs a register value.
#[inline(always)]
pub fn pack(r: Relocatable) -> u64 {
    ((r.segment as u64) << 48) | r.offset
}

/// Unpacks a register value.
#[inline(always)]
pub fn unpack(v: u64) -> Relocatable {
    Relocatable::new((v >> 48) as i64, v & ((1 << 48) - 1))
}

/// Where the interpreter sends each step's registers.
pub trait TraceSink {
    /// Records the registers before a step.
    fn record(&mut self, pc: Relocatable, ap: Relocatable, fp: Relocatable);
}

/// Records nothing.
pub struct NoTrace;

impl TraceSink for NoTrace {
    #[inline(always)]
    fn record(&mut self, _: Relocatable, _: Relocatable, _: Relocatable) {}
}

impl TraceSink for Vec<TraceEntry> {
    #[inline(always)]
    fn record(&mut self, pc: Relocatable, ap: Relocatable, fp: Relocatable) {
        self.push(TraceEntry { pc: pack(pc), ap: pack(ap), fp: pack(fp) });
    }
}
