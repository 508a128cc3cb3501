//! Segmented, write-once memory of [`Cell`]s.
//!
//! Owns every segment's cells, temporary segments (negative indices) and their relocation rules,
//! and the per-segment validation hooks builtins install.
//!
//! Invariants:
//! - a segment's `Vec<Cell>` is exactly as long as one past its highest written offset, so its
//!   length is cairo-lang's "effective size";
//! - a set cell is never changed: writing the same value again is accepted, a different value is
//!   [`MemoryError::Inconsistent`];
//! - a cell is written only after its segment's validator (if any) accepted it.

use super::value::{Relocatable, Value};
use cairo_jit_runtime::cell::Cell;
use std::collections::BTreeMap;
use thiserror::Error;

/// Largest segment this memory will grow to, in cells (2^32 cells would be 128 GiB).
pub const MAX_SEGMENT_LEN: u64 = 1 << 32;

/// A validation hook: checks a value about to be written into a builtin's segment. It sees the
/// memory as it is before the write (a rule over several cells, like ECDSA's public key and
/// message, reads the others from it) and may hold state (ECDSA's signatures).
pub trait SegmentValidator: Send + Sync {
    /// Accepts or rejects `value` at `addr`.
    fn validate(&self, addr: Relocatable, value: &Value, memory: &Memory) -> Result<(), MemoryError>;
}

impl<F> SegmentValidator for F
where
    F: Fn(Relocatable, &Value, &Memory) -> Result<(), MemoryError> + Send + Sync,
{
    fn validate(&self, addr: Relocatable, value: &Value, memory: &Memory) -> Result<(), MemoryError> {
        self(addr, value, memory)
    }
}

/// A segment's validator, shared (memory is `Clone`).
pub type Validator = std::sync::Arc<dyn SegmentValidator>;

/// Memory faults, worded as cairo-lang words them.
#[derive(Debug, Error, Clone, PartialEq, Eq)]
pub enum MemoryError {
    /// A write of a value different from the one already in the cell.
    #[error("Inconsistent memory assignment at address {addr}. {old} != {new}.")]
    Inconsistent {
        /// The address.
        addr: Relocatable,
        /// The value already there.
        old: Value,
        /// The value written.
        new: Value,
    },
    /// A read of a cell that must be set.
    #[error("Unknown value for memory cell at address {0}.")]
    Unknown(Relocatable),
    /// An address in a segment that was never allocated.
    #[error("Address {0} is in segment {seg} which was never allocated.", seg = .0.segment)]
    NoSegment(Relocatable),
    /// A write beyond [`MAX_SEGMENT_LEN`].
    #[error("Address {0} is out of the supported range: segments hold at most 2^32 cells.")]
    OutOfRange(Relocatable),
    /// A builtin rejected a value (message as the builtin words it).
    #[error("{0}")]
    Validation(String),
    /// A bad relocation rule or a failed relocation.
    #[error("{0}")]
    Relocation(String),
}

/// The memory: segments, temporary segments and relocation rules.
#[derive(Default, Clone)]
pub struct Memory {
    segments: Vec<Vec<Cell>>,
    temp: Vec<Vec<Cell>>,
    validators: Vec<Option<Validator>>,
    relocation_rules: BTreeMap<u64, Relocatable>,
}

impl Memory {
    /// An empty memory.
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds a segment and returns its base.
    pub fn add_segment(&mut self) -> Relocatable {
        self.segments.push(Vec::new());
        self.validators.push(None);
        Relocatable::new(self.segments.len() as i64 - 1, 0)
    }

    /// Adds a temporary segment (index -1, -2, ...) and returns its base.
    pub fn add_temp_segment(&mut self) -> Relocatable {
        self.temp.push(Vec::new());
        Relocatable::new(-(self.temp.len() as i64), 0)
    }

    /// The number of (non-temporary) segments.
    pub fn num_segments(&self) -> usize {
        self.segments.len()
    }

    /// The number of temporary segments.
    pub fn num_temp_segments(&self) -> usize {
        self.temp.len()
    }

    /// A segment's effective size (one past its highest written offset).
    pub fn segment_len(&self, segment: i64) -> Option<usize> {
        self.seg(segment).map(|s| s.len())
    }

    /// Installs the validator of a segment (used by builtins).
    pub fn set_validator(&mut self, segment: usize, v: Validator) {
        self.validators[segment] = Some(v);
    }

    /// Runs a segment's validator over the cells already in it (cairo-lang's
    /// `validate_existing_memory`, for memory loaded before the builtins were installed).
    pub fn validate_existing(&self, segment: usize) -> Result<(), MemoryError> {
        let Some(v) = self.validators.get(segment).cloned().flatten() else { return Ok(()) };
        for (off, value) in self.segment_values(segment as i64) {
            v.validate(Relocatable::new(segment as i64, off), &value, self)?;
        }
        Ok(())
    }

    #[inline(always)]
    fn seg(&self, segment: i64) -> Option<&Vec<Cell>> {
        if segment >= 0 {
            self.segments.get(segment as usize)
        } else {
            self.temp.get((-segment - 1) as usize)
        }
    }

    #[inline(always)]
    fn seg_mut(&mut self, segment: i64) -> Option<&mut Vec<Cell>> {
        if segment >= 0 {
            self.segments.get_mut(segment as usize)
        } else {
            self.temp.get_mut((-segment - 1) as usize)
        }
    }

    /// The cell at `segment:offset` (unset when out of bounds or never written).
    #[inline(always)]
    pub fn cell(&self, segment: i64, offset: u64) -> Cell {
        match self.seg(segment) {
            Some(s) => s.get(offset as usize).copied().unwrap_or(Cell::UNSET),
            None => Cell::UNSET,
        }
    }

    /// The value at `addr`, if set.
    #[inline]
    pub fn get(&self, addr: Relocatable) -> Option<Value> {
        Value::from_cell(self.cell(addr.segment, addr.offset))
    }

    /// The value at `addr`, or [`MemoryError::Unknown`].
    pub fn get_value(&self, addr: Relocatable) -> Result<Value, MemoryError> {
        self.get(addr).ok_or(MemoryError::Unknown(addr))
    }

    /// Writes `cell` (which must be set) at `segment:offset`, enforcing write-once and the
    /// segment's validator.
    #[inline]
    pub fn write_cell(&mut self, segment: i64, offset: u64, cell: Cell) -> Result<(), MemoryError> {
        debug_assert!(cell.is_set());
        let s = match self.seg_mut(segment) {
            Some(s) => s,
            None => return Err(MemoryError::NoSegment(Relocatable::new(segment, offset))),
        };
        if let Some(c) = s.get_mut(offset as usize) {
            if c.is_set() {
                return if *c == cell { Ok(()) } else { Err(inconsistent(segment, offset, *c, cell)) };
            }
        }
        self.write_new(segment, offset, cell)
    }

    #[cold]
    #[inline(never)]
    fn write_new(&mut self, segment: i64, offset: u64, cell: Cell) -> Result<(), MemoryError> {
        let addr = Relocatable::new(segment, offset);
        if segment >= 0 {
            if let Some(v) = self.validators[segment as usize].clone() {
                let value = Value::from_cell(cell).expect("set cell");
                v.validate(addr, &value, self)?;
            }
        }
        if offset >= MAX_SEGMENT_LEN {
            return Err(MemoryError::OutOfRange(addr));
        }
        let s = self.seg_mut(segment).expect("checked by the caller");
        let i = offset as usize;
        if i >= s.len() {
            s.resize(i + 1, Cell::UNSET);
        }
        s[i] = cell;
        Ok(())
    }

    /// Writes `value` at `addr` (write-once, validated).
    pub fn insert(&mut self, addr: Relocatable, value: Value) -> Result<(), MemoryError> {
        self.write_cell(addr.segment, addr.offset, value.to_cell())
    }

    /// Writes consecutive values from `base`; returns the address after the last one.
    pub fn load_data(&mut self, base: Relocatable, data: &[Value]) -> Result<Relocatable, MemoryError> {
        for (i, v) in data.iter().enumerate() {
            self.insert(Relocatable::new(base.segment, base.offset + i as u64), *v)?;
        }
        Ok(Relocatable::new(base.segment, base.offset + data.len() as u64))
    }

    /// Iterates over the set cells of a segment as (offset, value).
    pub fn segment_values(&self, segment: i64) -> impl Iterator<Item = (u64, Value)> + '_ {
        self.seg(segment)
            .into_iter()
            .flat_map(|s| s.iter().enumerate())
            .filter_map(|(i, c)| Value::from_cell(*c).map(|v| (i as u64, v)))
    }

    /// The raw cells of a segment.
    pub fn segment_cells(&self, segment: i64) -> &[Cell] {
        self.seg(segment).map(|s| s.as_slice()).unwrap_or(&[])
    }

    /// Adds the rule "temporary segment `src` lives at `dst`" (applied by [`Memory::relocate_temporary`]).
    pub fn add_relocation_rule(&mut self, src: Relocatable, dst: Relocatable) -> Result<(), MemoryError> {
        if src.segment >= 0 {
            return Err(MemoryError::Relocation(format!(
                "src_ptr.segment_index must be < 0, src_ptr={src}."
            )));
        }
        if src.offset != 0 {
            return Err(MemoryError::Relocation(format!("src_ptr.offset must be 0, src_ptr={src}.")));
        }
        let k = (-src.segment) as u64;
        if self.relocation_rules.contains_key(&k) {
            return Err(MemoryError::Relocation(format!(
                "The segment with index {} already has a relocation rule.",
                src.segment
            )));
        }
        self.relocation_rules.insert(k, dst);
        Ok(())
    }

    /// The value `v` with temporary-segment pointers moved by the relocation rules.
    pub fn relocate_value(&self, v: Value) -> Value {
        match v {
            Value::Ptr(r) if r.segment < 0 => match self.relocation_rules.get(&((-r.segment) as u64)) {
                Some(d) => Value::Ptr(Relocatable::new(d.segment, d.offset + r.offset)),
                None => v,
            },
            _ => v,
        }
    }

    /// Applies the relocation rules: moves the cells of ruled temporary segments into their
    /// destinations and rewrites pointers into them everywhere (cairo-lang's `relocate_memory`).
    pub fn relocate_temporary(&mut self) -> Result<(), MemoryError> {
        if self.relocation_rules.is_empty() {
            return Ok(());
        }
        for seg in 0..self.segments.len() {
            for c in self.segments[seg].iter_mut() {
                if let Some(v @ Value::Ptr(_)) = Value::from_cell(*c) {
                    let nv = relocate_with(&self.relocation_rules, v);
                    *c = nv.to_cell();
                }
            }
        }
        let rules = std::mem::take(&mut self.relocation_rules);
        for (&k, dst) in &rules {
            let idx = (k - 1) as usize;
            let cells = std::mem::take(&mut self.temp[idx]);
            for (i, c) in cells.into_iter().enumerate() {
                if let Some(v) = Value::from_cell(c) {
                    let v = relocate_with(&rules, v);
                    self.insert(Relocatable::new(dst.segment, dst.offset + i as u64), v)?;
                }
            }
        }
        Ok(())
    }
}

fn relocate_with(rules: &BTreeMap<u64, Relocatable>, v: Value) -> Value {
    match v {
        Value::Ptr(r) if r.segment < 0 => match rules.get(&((-r.segment) as u64)) {
            Some(d) => Value::Ptr(Relocatable::new(d.segment, d.offset + r.offset)),
            None => v,
        },
        _ => v,
    }
}

#[cold]
fn inconsistent(segment: i64, offset: u64, old: Cell, new: Cell) -> MemoryError {
    MemoryError::Inconsistent {
        addr: Relocatable::new(segment, offset),
        old: Value::from_cell(old).expect("set"),
        new: Value::from_cell(new).expect("set"),
    }
}
