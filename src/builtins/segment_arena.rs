//! Cairo 1's segment arena builtin, as cairo-vm's `SegmentArenaBuiltinRunner`: 3 cells per
//! instance (a dictionary's segment start, end, and index), no deduction, no validation.
//!
//! Its runner allocates two segments: first the dict infos segment, then the arena segment,
//! which starts with `[infos, 0, 0]` (the infos pointer, dictionaries created, dictionaries
//! destroyed). The pointer passed to `main` (and the builtin's base) is arena + 3.
//!
//! No cairo-lang layout has it: a run adds its runner after the layout's builtins when the
//! program's builtins list `segment_arena`.

use super::{BuiltinKind, BuiltinRunner};
use crate::vm::{Memory, MemoryError, Relocatable, Value};

/// The arena's cells before its base: `[infos, 0, 0]`.
pub const INITIAL_CELLS: u64 = 3;

/// A segment arena runner with its two segments allocated and initialised.
pub fn new_runner(memory: &mut Memory) -> Result<BuiltinRunner, MemoryError> {
    let infos = memory.add_segment();
    let arena = memory.add_segment();
    memory.insert(arena, Value::Ptr(infos))?;
    memory.insert(Relocatable::new(arena.segment, 1), Value::from(0u64))?;
    memory.insert(Relocatable::new(arena.segment, 2), Value::from(0u64))?;
    Ok(BuiltinRunner {
        kind: BuiltinKind::SegmentArena,
        included: true,
        base: Relocatable::new(arena.segment, INITIAL_CELLS),
        stop_ptr: None,
        ratio: None,
        ratio_den: 1,
    })
}
