//! Segmented, write-once memory of [`Cell`]s.
//!
//! Owns every segment's cells, temporary segments (negative indices) and their relocation rules,
//! and the per-segment validation hooks builtins install.
//!
//! Invariants:
//! - a segment's [`ZeroedBuf`] may be longer than its used part: it grows geometrically and
//!   the cells past the highest written offset are unset (zero, and never touched, so they cost
//!   address space but no memory). The effective size (cairo-lang's
//!   "used size": one past the highest written offset) is therefore the index of the last set
//!   cell plus one, computed on demand by [`Memory::segment_len`]; nothing is tracked per write.
//!   Generated code relies on this: a store to an in-bounds unset cell needs no bookkeeping;
//! - a set cell is never changed: writing the same value again is accepted, a different value is
//!   [`MemoryError::Inconsistent`];
//! - a cell is written only after its segment's validator (if any) accepted it;
//! - a sparse segment ([`Memory::set_sparse`]) has an empty flat buffer, so every access to
//!   it misses the flat fast paths and goes through its `Sparse` storage; generated code
//!   sees it with `len == read_len == 0`.

use super::value::{Relocatable, Value};
use super::zeroed::{AllocFailed, ZeroedBuf};
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
    /// The system refused the memory a write needs (its segment's storage up to the address:
    /// a write far past a segment's end, on a machine whose overcommit policy refuses a
    /// mapping that large).
    #[error("Cannot allocate memory for address {addr}: its segment would need {bytes} bytes.")]
    OutOfMemory {
        /// The address.
        addr: Relocatable,
        /// The size of the storage asked for.
        bytes: usize,
    },
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

/// Where a segment's cells are, for generated code: `cells[0..len)` may be read and written
/// in place, `cells[0..read_len)` read in place when set. A segment with a validator or with
/// auto-deduction (a builtin's) has `len == 0`, so generated code leaves every write to it and
/// every read of an unset cell (a deduction) to the runtime, which validates and deduces; its
/// set cells are final and read in place. A sparse segment has `read_len == 0` as well: every
/// access to it is the runtime's.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
#[repr(C, align(32))]
pub struct SegDesc {
    /// Address of the first cell.
    pub base: usize,
    /// Cells generated code may read and write.
    pub len: u64,
    /// Cells generated code may read when they are set (`>= len`).
    pub read_len: u64,
}

/// `size_of::<SegDesc>()` as a shift, for generated code indexing the table.
pub const SEG_DESC_SHIFT: u32 = 5;
const _: () = assert!(std::mem::size_of::<SegDesc>() == 1 << SEG_DESC_SHIFT);
const _: () =
    assert!(std::mem::offset_of!(SegDesc, len) == 8 && std::mem::offset_of!(SegDesc, read_len) == 16);

/// The memory: segments, temporary segments and relocation rules.
#[derive(Default)]
pub struct Memory {
    segments: Vec<ZeroedBuf<Cell>>,
    temp: Vec<ZeroedBuf<Cell>>,
    validators: Vec<Option<Validator>>,
    relocation_rules: BTreeMap<u64, Relocatable>,
    /// Mirror of `segments` for generated code; updated when a segment is added, grows or gets
    /// a validator (all cold paths).
    table: Vec<SegDesc>,
    /// Segments generated code must not access directly (builtin segments with
    /// auto-deduction).
    runtime_only: Vec<bool>,
    /// Per segment, its storage when it is sparse (see [`Memory::set_sparse`]).
    sparse: Vec<Option<Sparse>>,
    /// The lowest and highest segment index of any pointer written through `Memory` (empty
    /// when `lo > hi`). See [`Memory::pointer_segments`].
    ptr_segs: PtrSegs,
}

/// A segment stored sparsely: its set cells in the order they were written, and per offset
/// the position of its cell (plus one; zero for an unset cell).
///
/// A builtin's instances are several cells wide (bitwise: x, y, x&y, x^y, x|y) and programs
/// commonly read only some of its outputs; the others stay holes, as cairo-lang requires. In
/// one flat buffer every hole costs its 32 bytes, since it shares its pages with set cells;
/// here it costs its 4 index bytes. Both buffers grow at one end only, so the operating
/// system's huge pages serve them as well as a flat segment.
///
/// Invariants: `index[o] == p + 1` with `p < n` for a set cell at offset `o`, whose value is
/// `cells[p]`; `len` is one past the highest offset ever written (cells are only written
/// through [`Sparse::slot`], and never unset).
#[derive(Clone, Default)]
struct Sparse {
    index: ZeroedBuf<u32>,
    cells: ZeroedBuf<Cell>,
    n: usize,
    len: u64,
}

impl Sparse {
    #[inline]
    fn get(&self, offset: u64) -> Cell {
        self.get_ref(offset).copied().unwrap_or(Cell::UNSET)
    }

    #[inline]
    fn get_ref(&self, offset: u64) -> Option<&Cell> {
        self.index.get(offset as usize).and_then(|&p| cell_at(&self.cells, p))
    }

    /// A fresh cell for the unset `offset`; the caller sets it. An error (nothing changed)
    /// when the segment holds 2^32 - 1 cells already or the system refuses the memory.
    fn slot(&mut self, offset: u64) -> Result<&mut Cell, AllocFailed> {
        let p = u32::try_from(self.n + 1).map_err(|_| AllocFailed { bytes: usize::MAX })?;
        let o = offset as usize;
        self.index.try_grow(o + 1)?;
        self.cells.try_grow(self.n + 1)?;
        self.index[o] = p;
        self.len = self.len.max(offset + 1);
        self.n += 1;
        Ok(&mut self.cells[self.n - 1])
    }

    /// One past the highest set offset.
    fn len(&self) -> usize {
        self.len as usize
    }

    /// Whether the program turned out to leave (almost) no holes, so that a flat buffer would
    /// be smaller: checked when the cell count reaches a power of two from 4,096 cells on.
    fn dense(&self) -> bool {
        self.n >= 1 << 12 && self.n.is_power_of_two() && self.n as u64 * 8 >= self.len * 7
    }
}

/// The cell an index entry `p` of a sparse segment names in its `cells` (`None` for 0, unset).
#[inline]
fn cell_at(cells: &[Cell], p: u32) -> Option<&Cell> {
    (p as usize).checked_sub(1).and_then(|i| cells.get(i))
}

/// The cells of a segment up to its effective size, set or not (see
/// [`Memory::segment_cells`]).
#[derive(Clone, Copy)]
pub struct SegmentCells<'a> {
    repr: CellsRepr<'a>,
    len: usize,
}

#[derive(Clone, Copy)]
enum CellsRepr<'a> {
    Flat(&'a [Cell]),
    Sparse(&'a Sparse),
}

impl<'a> SegmentCells<'a> {
    /// The number of cells (the segment's effective size).
    pub fn len(&self) -> usize {
        self.len
    }

    /// Whether the segment has no set cell.
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// The cell at offset `i`, if `i < len()`.
    #[inline]
    pub fn get(&self, i: usize) -> Option<Cell> {
        if i >= self.len {
            return None;
        }
        Some(match self.repr {
            CellsRepr::Flat(s) => s[i],
            CellsRepr::Sparse(l) => l.get(i as u64),
        })
    }

    /// The number of set cells. A sparse segment holds exactly its set cells (each slot is
    /// set when it is made), so this does not scan it.
    pub fn count_set(&self) -> usize {
        match self.repr {
            CellsRepr::Flat(s) => s.iter().filter(|c| c.is_set()).count(),
            CellsRepr::Sparse(l) => l.n,
        }
    }

    /// The cells in offset order.
    pub fn iter(&self) -> CellsIter<'a> {
        match self.repr {
            CellsRepr::Flat(s) => CellsIter::Flat(s.iter()),
            CellsRepr::Sparse(l) => CellsIter::Sparse(l.index[..self.len].iter(), &l.cells[..l.n]),
        }
    }
}

/// The iterator of [`SegmentCells::iter`].
pub enum CellsIter<'a> {
    /// A flat segment's cells.
    Flat(std::slice::Iter<'a, Cell>),
    /// A sparse segment's index, and its cells.
    Sparse(std::slice::Iter<'a, u32>, &'a [Cell]),
}

impl Iterator for CellsIter<'_> {
    type Item = Cell;

    #[inline]
    fn next(&mut self) -> Option<Cell> {
        match self {
            CellsIter::Flat(i) => i.next().copied(),
            CellsIter::Sparse(i, cells) => i.next().map(|&p| *cell_at(cells, p).unwrap_or(&Cell::UNSET)),
        }
    }

    #[inline]
    fn nth(&mut self, n: usize) -> Option<Cell> {
        match self {
            CellsIter::Flat(i) => i.nth(n).copied(),
            CellsIter::Sparse(i, cells) => i.nth(n).map(|&p| *cell_at(cells, p).unwrap_or(&Cell::UNSET)),
        }
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        match self {
            CellsIter::Flat(i) => i.size_hint(),
            CellsIter::Sparse(i, _) => i.size_hint(),
        }
    }
}

/// A range of segment indices.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct PtrSegs {
    lo: i64,
    hi: i64,
}

impl Default for PtrSegs {
    fn default() -> Self {
        PtrSegs { lo: i64::MAX, hi: i64::MIN }
    }
}

impl PtrSegs {
    fn include(&mut self, seg: i64) {
        self.lo = self.lo.min(seg);
        self.hi = self.hi.max(seg);
    }
}

impl Clone for Memory {
    fn clone(&self) -> Self {
        let mut m = Memory {
            segments: self.segments.clone(),
            temp: self.temp.clone(),
            validators: self.validators.clone(),
            relocation_rules: self.relocation_rules.clone(),
            table: Vec::new(),
            runtime_only: self.runtime_only.clone(),
            sparse: self.sparse.clone(),
            ptr_segs: self.ptr_segs,
        };
        m.table = (0..m.segments.len()).map(|i| m.desc(i)).collect();
        m
    }
}

impl Memory {
    /// An empty memory.
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds a segment and returns its base.
    pub fn add_segment(&mut self) -> Relocatable {
        self.segments.push(ZeroedBuf::new());
        self.validators.push(None);
        self.table.push(SegDesc::default());
        self.runtime_only.push(false);
        self.sparse.push(None);
        Relocatable::new(self.segments.len() as i64 - 1, 0)
    }

    fn desc(&self, i: usize) -> SegDesc {
        let s = &self.segments[i];
        let read_len = s.len() as u64;
        let len = if self.validators[i].is_some() || self.runtime_only[i] { 0 } else { read_len };
        SegDesc { base: s.as_ptr() as usize, len, read_len }
    }

    /// Keeps generated code from accessing a segment directly (its accesses go through the
    /// runtime, which runs auto-deduction and validation).
    pub fn set_runtime_only(&mut self, segment: usize) {
        if let Some(f) = self.runtime_only.get_mut(segment) {
            *f = true;
            self.table[segment] = self.desc(segment);
        }
    }

    /// Reserves room for `cells` cells in a (flat) segment: address space only, no memory
    /// until written. For the execution segment: a buffer that large is backed by huge pages
    /// from its first cell on (see [`ZeroedBuf`]), where one grown from a few cells starts on
    /// small pages, each faulted twice (its first access, a read, maps the shared zero page;
    /// the write that follows copies it and flushes every core's TLB).
    pub fn reserve(&mut self, segment: usize, cells: usize) {
        if self.sparse.get(segment).is_some_and(|s| s.is_none()) {
            // (Only an optimization: a refusal leaves the segment as it was.)
            let _ = self.segments[segment].try_grow(cells);
            self.table[segment] = self.desc(segment);
        }
    }

    /// Stores a segment sparsely (see `Sparse`; for a builtin whose outputs programs often
    /// leave unread), moving the cells it already holds. Generated code then leaves every
    /// access to it to the runtime. Does nothing to a segment already sparse. Should the
    /// program leave almost no holes after all, the segment goes back to a flat buffer.
    pub fn set_sparse(&mut self, segment: usize) {
        if !matches!(self.sparse.get(segment), Some(None)) {
            return;
        }
        let mut sparse = Sparse::default();
        for (i, c) in self.segments[segment].iter().enumerate() {
            if c.is_set() {
                match sparse.slot(i as u64) {
                    Ok(slot) => *slot = *c,
                    // The segment stays flat.
                    Err(_) => return,
                }
            }
        }
        self.segments[segment] = ZeroedBuf::new();
        self.sparse[segment] = Some(sparse);
        self.table[segment] = self.desc(segment);
    }

    /// Moves a sparse segment back into a flat buffer (it stays sparse if the system refuses
    /// the memory).
    fn make_flat(&mut self, segment: usize) {
        let Some(len) = self.sparse[segment].as_ref().map(Sparse::len) else { return };
        let mut flat = ZeroedBuf::new();
        if flat.try_grow(len).is_err() {
            return;
        }
        let Some(sparse) = self.sparse[segment].take() else { return };
        for (o, c) in CellsIter::Sparse(sparse.index[..len].iter(), &sparse.cells[..sparse.n]).enumerate() {
            flat[o] = c;
        }
        self.segments[segment] = flat;
        self.table[segment] = self.desc(segment);
    }

    /// The segment table generated code reads (one [`SegDesc`] per segment). Invalidated by
    /// any later write through [`Memory`] that adds or grows a segment.
    pub fn segment_table(&self) -> (*const SegDesc, usize) {
        (self.table.as_ptr(), self.table.len())
    }

    /// A range `(lo, hi)` of segment indices such that every pointer in memory points into a
    /// segment in it or into an existing segment; `None` when no pointer was written through
    /// `Memory`. Pointers written through `Memory` are tracked (every new cell, and the
    /// relocation of temporary segments). Generated code writes cells directly, but every
    /// pointer it stores is a copy of a cell it read, that pointer plus or minus an offset
    /// (same segment), or fp or a return pc (the execution and code segments, which exist).
    /// So when the range lies within the existing segments, every pointer in memory does.
    pub fn pointer_segments(&self) -> Option<(i64, i64)> {
        let p = self.ptr_segs;
        (p.lo <= p.hi).then_some((p.lo, p.hi))
    }

    /// Adds a temporary segment (index -1, -2, ...) and returns its base.
    pub fn add_temp_segment(&mut self) -> Relocatable {
        self.temp.push(ZeroedBuf::new());
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
        if let Some(l) = self.sparse_of(segment) {
            return Some(l.len());
        }
        self.seg(segment).map(|s| s.iter().rposition(|c| c.is_set()).map_or(0, |i| i + 1))
    }

    fn sparse_of(&self, segment: i64) -> Option<&Sparse> {
        usize::try_from(segment).ok().and_then(|s| self.sparse.get(s)).and_then(|l| l.as_ref())
    }

    /// The raw storage of a non-temporary segment: its cells' address and allocated length.
    /// Cells in `[0, len)` may be read and written in place (unset ones hold zeros); the
    /// pointer is invalidated by any later write through [`Memory`] that grows the segment.
    pub fn segment_storage(&mut self, segment: usize) -> Option<(*mut Cell, usize)> {
        self.segments.get_mut(segment).map(|s| (s.as_mut_ptr(), s.len()))
    }

    /// Whether a segment has a validator (generated code writes only to segments without one).
    pub fn has_validator(&self, segment: usize) -> bool {
        self.validators.get(segment).is_some_and(|v| v.is_some())
    }

    /// Installs the validator of a segment (used by builtins).
    pub fn set_validator(&mut self, segment: usize, v: Validator) {
        self.validators[segment] = Some(v);
        self.table[segment] = self.desc(segment);
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
    fn seg(&self, segment: i64) -> Option<&ZeroedBuf<Cell>> {
        if segment >= 0 {
            self.segments.get(segment as usize)
        } else {
            self.temp.get((-segment - 1) as usize)
        }
    }

    #[inline(always)]
    fn seg_mut(&mut self, segment: i64) -> Option<&mut ZeroedBuf<Cell>> {
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
            Some(s) => match s.get(offset as usize) {
                Some(c) => *c,
                None => self.cell_outside(segment, offset).copied().unwrap_or(Cell::UNSET),
            },
            None => Cell::UNSET,
        }
    }

    /// [`Memory::cell`] past the flat storage: a sparse segment's set cell, else `None`.
    /// (A reference, not the 32-byte cell: were this call not inlined, a cell returned by
    /// value would go through memory, a failed store-to-load forwarding in the caller.)
    #[inline]
    fn cell_outside(&self, segment: i64, offset: u64) -> Option<&Cell> {
        self.sparse_of(segment).and_then(|l| l.get_ref(offset))
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
        let unvalidated = segment >= 0 && matches!(self.validators.get(segment as usize), Some(None));
        let s = match self.seg_mut(segment) {
            Some(s) => s,
            None => return Err(MemoryError::NoSegment(Relocatable::new(segment, offset))),
        };
        if let Some(c) = s.get_mut(offset as usize) {
            if c.is_set() {
                return if *c == cell { Ok(()) } else { Err(inconsistent(segment, offset, *c, cell)) };
            }
            if unvalidated {
                // The usual write: a fresh cell within the segment's storage, no validator.
                *c = cell;
                if cell.is_reloc() {
                    self.ptr_segs.include(cell.0[1] as i64);
                }
                return Ok(());
            }
        }
        self.write_new(segment, offset, cell)
    }

    /// A write that grows the segment, or into a temporary or validated segment.
    #[cold]
    #[inline(never)]
    fn write_new(&mut self, segment: i64, offset: u64, cell: Cell) -> Result<(), MemoryError> {
        let addr = Relocatable::new(segment, offset);
        // A sparse segment's cells are all outside the flat storage `write_cell` checked.
        if let Some(Some(l)) = usize::try_from(segment).ok().and_then(|s| self.sparse.get_mut(s)) {
            if let Some(&c) = l.get_ref(offset) {
                return if c == cell { Ok(()) } else { Err(inconsistent(segment, offset, c, cell)) };
            }
            // The usual write into a sparse segment (a builtin's, without validator): the
            // general path below, with the segment looked up once.
            if self.validators[segment as usize].is_none() && offset < MAX_SEGMENT_LEN {
                *l.slot(offset).map_err(|e| MemoryError::OutOfMemory { addr, bytes: e.bytes })? = cell;
                let dense = l.dense();
                if cell.is_reloc() {
                    self.ptr_segs.include(cell.0[1] as i64);
                }
                if dense {
                    self.make_flat(segment as usize);
                }
                return Ok(());
            }
        }
        if segment >= 0 {
            if let Some(v) = &self.validators[segment as usize] {
                let value = Value::from_cell(cell).expect("set cell");
                v.validate(addr, &value, self)?;
            }
        }
        if offset >= MAX_SEGMENT_LEN {
            return Err(MemoryError::OutOfRange(addr));
        }
        let refused = |e: AllocFailed| MemoryError::OutOfMemory { addr, bytes: e.bytes };
        let mut dense = false;
        if let Some(Some(l)) = usize::try_from(segment).ok().and_then(|s| self.sparse.get_mut(s)) {
            *l.slot(offset).map_err(refused)? = cell;
            dense = l.dense();
        } else {
            let s = self.seg_mut(segment).expect("checked by the caller");
            let i = offset as usize;
            let grew = i >= s.len();
            if grew {
                s.try_grow(i + 1).map_err(refused)?;
            }
            s[i] = cell;
            if grew && segment >= 0 {
                self.table[segment as usize] = self.desc(segment as usize);
            }
        }
        if cell.is_reloc() {
            self.ptr_segs.include(cell.0[1] as i64);
        }
        if dense {
            self.make_flat(segment as usize);
        }
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
        self.segment_cells(segment)
            .iter()
            .enumerate()
            .filter_map(|(i, c)| Value::from_cell(c).map(|v| (i as u64, v)))
    }

    /// A hash of every set cell with its address (unset cells, allocated or not, are left
    /// out): equal memories have equal digests whatever their storage's sizes.
    pub fn digest(&self) -> u64 {
        use std::hash::{Hash, Hasher};
        let mut h = std::collections::hash_map::DefaultHasher::new();
        for seg in 0..self.num_segments() as i64 {
            for (off, c) in self.segment_cells(seg).iter().enumerate() {
                if c.is_set() {
                    (seg, off, c.0).hash(&mut h);
                }
            }
        }
        h.finish()
    }

    /// The cells of a segment up to its effective size.
    pub fn segment_cells(&self, segment: i64) -> SegmentCells<'_> {
        let len = self.segment_len(segment).unwrap_or(0);
        let repr = match (self.sparse_of(segment), self.seg(segment)) {
            (Some(l), _) => CellsRepr::Sparse(l),
            (None, Some(s)) => CellsRepr::Flat(&s[..len]),
            (None, None) => CellsRepr::Flat(&[]),
        };
        SegmentCells { repr, len }
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
        let flat = self.segments.iter_mut();
        let sparse = self.sparse.iter_mut().flatten().map(|l| &mut l.cells);
        for buf in flat.chain(sparse) {
            for c in buf.iter_mut() {
                if let Some(v @ Value::Ptr(_)) = Value::from_cell(*c) {
                    let nv = relocate_with(&self.relocation_rules, v);
                    *c = nv.to_cell();
                }
            }
        }
        for dst in self.relocation_rules.values() {
            self.ptr_segs.include(dst.segment);
        }
        let rules = std::mem::take(&mut self.relocation_rules);
        for (&k, dst) in &rules {
            let idx = (k - 1) as usize;
            let cells = std::mem::take(&mut self.temp[idx]);
            for (i, c) in cells.iter().enumerate() {
                if let Some(v) = Value::from_cell(*c) {
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

#[cfg(test)]
mod tests {
    use super::*;

    fn never(_: Relocatable, _: &Value, _: &Memory) -> Result<(), MemoryError> {
        Ok(())
    }

    #[test]
    fn segment_table_tracks_growth_and_hides_hooked_segments() {
        let mut m = Memory::new();
        let a = m.add_segment();
        let b = m.add_segment();
        let c = m.add_segment();
        m.insert(Relocatable::new(a.segment, 5000), Value::from(1u64)).unwrap();
        m.insert(Relocatable::new(b.segment, 3), Value::from(2u64)).unwrap();
        m.set_validator(b.segment as usize, std::sync::Arc::new(never));
        m.set_runtime_only(c.segment as usize);
        let (t, n) = m.segment_table();
        assert_eq!(n, 3);
        // SAFETY: the table has `n` entries and nothing has changed the memory since.
        let t = unsafe { std::slice::from_raw_parts(t, n) };
        assert!(t[0].len >= 5001);
        assert_eq!(t[0].base, m.segments[0].as_ptr() as usize);
        assert_eq!((t[1].len, t[2].len), (0, 0));
        assert_eq!(m.segment_len(a.segment), Some(5001));
        assert_eq!(m.segment_len(c.segment), Some(0));
    }

    #[test]
    fn write_once() {
        let mut m = Memory::new();
        let a = m.add_segment();
        m.insert(a, Value::from(7u64)).unwrap();
        m.insert(a, Value::from(7u64)).unwrap();
        let e = m.insert(a, Value::from(8u64)).unwrap_err();
        assert_eq!(e.to_string(), "Inconsistent memory assignment at address 0:0. 7 != 8.");
    }

    /// A sparse segment behaves as a flat one: the same reads, the same errors, the same
    /// effective size, cells and digest, across the move back to a flat buffer when it turns
    /// out dense, and for pointers the relocation rules rewrite.
    #[test]
    fn sparse_segments_behave_as_flat_ones() {
        use rand::{Rng, SeedableRng};
        let mut rng = rand::rngs::StdRng::seed_from_u64(7);
        for round in 0..40 {
            let (mut flat, mut sparse) = (Memory::new(), Memory::new());
            for m in [&mut flat, &mut sparse] {
                for _ in 0..3 {
                    m.add_segment();
                }
                m.add_temp_segment();
                // A cell written before the segment becomes sparse moves with it.
                m.insert(Relocatable::new(1, 3), Value::from(3u64)).unwrap();
            }
            sparse.set_sparse(1);
            assert_eq!(sparse.table[1], SegDesc { base: sparse.table[1].base, len: 0, read_len: 0 });
            // Half the rounds write densely (the segment goes back to a flat buffer), half
            // leave holes.
            let dense = round % 2 == 0;
            let span: u64 = if dense { 5000 } else { 40_000 };
            for i in 0..6000u64 {
                let off = if dense { i % span } else { rng.random_range(0..span) };
                let v = match rng.random_range(0..4) {
                    0 => Value::Ptr(Relocatable::new(rng.random_range(-1..3), rng.random_range(0..9))),
                    1 => Value::from(off),
                    _ => Value::from(rng.random_range(0..3u64)),
                };
                let addr = Relocatable::new(1, off);
                assert_eq!(flat.insert(addr, v), sparse.insert(addr, v), "round {round}, write {i}");
                let probe = Relocatable::new(1, rng.random_range(0..span + 10));
                assert_eq!(flat.get(probe), sparse.get(probe));
            }
            assert_eq!(sparse.sparse[1].is_none(), dense, "round {round}");
            for m in [&mut flat, &mut sparse] {
                m.insert(Relocatable::new(-1, 0), Value::from(9u64)).unwrap();
                m.add_relocation_rule(Relocatable::new(-1, 0), Relocatable::new(2, 5)).unwrap();
                m.relocate_temporary().unwrap();
            }
            assert_eq!(flat.segment_len(1), sparse.segment_len(1));
            let (a, b) = (flat.segment_cells(1), sparse.segment_cells(1));
            assert_eq!(a.len(), b.len());
            assert!(a.iter().eq(b.iter()));
            assert_eq!(a.count_set(), b.count_set());
            assert_eq!(b.count_set(), b.iter().filter(|c| c.is_set()).count());
            let k = rng.random_range(0..a.len());
            assert_eq!(a.iter().nth(k), b.iter().nth(k));
            assert_eq!(a.get(k), b.get(k));
            assert!(flat.segment_values(1).eq(sparse.segment_values(1)));
            assert_eq!(flat.digest(), sparse.digest());
            assert_eq!(sparse.clone().digest(), sparse.digest());
        }
    }
}
