//! The VM state both engines run over: memory, registers, step count, and the per-segment
//! builtin hooks (auto-deduction and validation).

pub mod error;
pub mod memory;
pub mod trace;
pub mod value;
pub mod zeroed;

pub use error::{HintFailure, VmError, VmErrorKind};
pub use memory::{Memory, MemoryError, SegDesc, SegmentValidator, Validator};
pub use trace::{NoTrace, Step, Trace, TraceEntry, TraceSink};
pub use value::{Relocatable, Value};

/// An auto-deduction hook: computes the value of an unset cell of a builtin's segment, or
/// `Ok(None)` when it cannot (yet).
pub type Deducer = fn(addr: Relocatable, memory: &Memory) -> Result<Option<Value>, VmError>;

/// Registers, memory and counters.
///
/// Invariant: register offsets stay below 2^47 and their segments in `[0, 2^15)`, so that a
/// trace entry packs each into a `u64` (see [`trace`]).
pub struct Vm {
    /// The memory.
    pub memory: Memory,
    /// Program counter.
    pub pc: Relocatable,
    /// Allocation pointer.
    pub ap: Relocatable,
    /// Frame pointer.
    pub fp: Relocatable,
    /// Steps executed so far.
    pub current_step: u64,
    /// Auto-deduction hooks by segment index.
    pub deducers: Vec<Option<Deducer>>,
    /// Cells written by auto-deduction (the end of the run re-checks only the others): a bit
    /// per cell of the builtin segments, not 16 bytes per deduction.
    pub deduced: crate::runner::accessed::Accessed,
    /// The builtin runners and their state (signatures, output pages, ...), which hints reach
    /// through the VM.
    pub builtins: crate::builtins::Builtins,
}

impl Vm {
    /// A VM over `memory` with all registers at `0:0`.
    pub fn new(memory: Memory) -> Self {
        let z = Relocatable::new(0, 0);
        Vm {
            memory,
            pc: z,
            ap: z,
            fp: z,
            current_step: 0,
            deducers: Vec::new(),
            deduced: Default::default(),
            builtins: crate::builtins::Builtins::default(),
        }
    }

    /// Installs an auto-deduction hook for a segment.
    pub fn set_deducer(&mut self, segment: usize, d: Deducer) {
        if self.deducers.len() <= segment {
            self.deducers.resize(segment + 1, None);
        }
        self.deducers[segment] = Some(d);
        // Compiled code must not read an unset cell of this segment without the deduction.
        self.memory.set_runtime_only(segment);
    }

    /// Tries the builtin auto-deduction of an unset cell, writing the value when found.
    #[cold]
    pub fn deduce_memory_cell(&mut self, addr: Relocatable) -> Result<Option<Value>, VmError> {
        if addr.segment < 0 {
            return Ok(None);
        }
        let Some(Some(d)) = self.deducers.get(addr.segment as usize) else { return Ok(None) };
        let v = d(addr, &self.memory)?;
        if let Some(v) = v {
            self.memory.insert(addr, v)?;
            self.deduced.insert(addr);
        }
        Ok(v)
    }
}

impl crate::program::MemoryView for Vm {
    fn ap(&self) -> Relocatable {
        self.ap
    }
    fn fp(&self) -> Relocatable {
        self.fp
    }
    fn get(&self, addr: Relocatable) -> Option<Value> {
        self.memory.get(addr).map(|v| self.memory.relocate_value(v))
    }
}
