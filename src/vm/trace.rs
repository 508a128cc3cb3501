//! Per-step register trace: a compile-time choice between recording and not, and the
//! [`Trace`] that holds a recorded one.
//!
//! The interpreter is generic over [`TraceSink`]; [`NoTrace`] is zero-sized so the untraced
//! loop has no trace code at all. A recorded entry ([`TraceEntry`], 16 bytes) holds pc packed
//! as `segment << 48 | offset` (the VM keeps register offsets below 2^47 and segments below
//! 2^15, as cairo-lang's `RelocatableValue` bounds them) and ap and fp as 32-bit offsets in
//! the trace's execution segment, which is where they are in every real run. A step whose ap
//! or fp is elsewhere, or at an offset of 2^32 - 1 or more, is recorded with [`ESCAPE`] in its
//! ap field and its registers in the trace's escape table. Readers see decoded [`Step`]s.
//!
//! [`Trace`] owns the entries. In memory it is a [`ZeroedBuf`] (growing costs no copy, pages
//! are mapped as entries are written). With [`Trace::spill_to`] it streams: the in-memory part
//! is a fixed-size window that is appended to a scratch file whenever it fills, so a run's
//! peak memory no longer grows with its trace; readers go through [`Trace::for_each_chunk`],
//! which reads the spilled entries back in order.
//!
//! Compiled code records a straight line of its steps in one entry, a *record* ([`RECORD`] set
//! in the pc field, which a packed pc never has): the first step's ap and fp, and which
//! instructions of the trace's code table ([`TraceInst`], registered by the JIT) it ran. The
//! steps of a record are consecutive instructions of one straight-line run of a compiled
//! region, with fp unchanged and ap moved by each instruction's static increment, so the
//! table rebuilds them exactly. Readers see the steps ([`Trace::for_each_chunk`],
//! [`Trace::first`], [`Trace::last`]); [`Trace::total`] counts steps, not entries.
//!
//! Invariants: entries `[0, len)` of the buffer are the newest `len` entries; the scratch file
//! holds the `spilled` entries before them, in order, as native-endian `TraceEntry` bytes; a
//! write error is kept and reported by [`Trace::check`] (the run itself goes on unaffected,
//! later entries are dropped); the escape table holds, in entry order, the registers of
//! exactly the entries whose ap field is [`ESCAPE`] (never spilled); the number of entries
//! (spilled or not) plus `extra` is the number of steps; every record names instructions of
//! `insts` and covers at least one step.

use super::value::Relocatable;
use super::zeroed::ZeroedBuf;
use std::fs::File;
use std::io;

/// One step's registers before the step, as recorded (see the module documentation).
#[derive(Clone, Copy, PartialEq, Eq, Debug, Default)]
#[repr(C)]
pub struct TraceEntry {
    /// pc, packed.
    pub pc: u64,
    /// ap's offset in the execution segment, or [`ESCAPE`].
    pub ap: u32,
    /// fp's offset in the execution segment (when ap is not [`ESCAPE`]).
    pub fp: u32,
}

/// The ap field of an entry whose registers are in the escape table.
pub const ESCAPE: u32 = u32::MAX;

/// The pc field's mark of a record (see the module documentation): `RECORD | id << 16 | end`,
/// for the steps of the code table's instructions `id..` up to position `end` of their run
/// (exclusive). A packed pc has segment bits below 2^15, so never bit 63.
pub const RECORD: u64 = 1 << 63;

/// Bits of a record's pc field that hold its first instruction's index in the code table.
pub const RECORD_ID_BITS: u32 = 47;

/// Low bits of a record's pc field that hold its end position (above them, the index).
pub const RECORD_END_BITS: u32 = 16;

/// The pc field of a record of the code table's instructions `id..` up to position `end` of
/// their run.
pub const fn record_pc(id: u64, end: u32) -> u64 {
    RECORD | id << RECORD_END_BITS | end as u64
}

/// One compiled instruction, as records name it (see the module documentation).
#[derive(Clone, Copy, PartialEq, Eq, Debug, Default)]
pub struct TraceInst {
    /// The pc, packed.
    pub pc: u64,
    /// Its position in its straight-line run (0 for the run's first instruction).
    pub pos: u32,
    /// What it adds to ap, when a record goes on past it (static).
    pub ap_step: i64,
}

/// Register offsets below this are recorded in the entry itself; compiled code keeps ap and fp
/// below it.
pub const INLINE_LIMIT: u64 = ESCAPE as u64;

/// One step's registers before the step, each packed as `segment << 48 | offset`: a decoded
/// [`TraceEntry`].
#[derive(Clone, Copy, PartialEq, Eq, Debug, Default)]
pub struct Step {
    /// pc.
    pub pc: u64,
    /// ap.
    pub ap: u64,
    /// fp.
    pub fp: u64,
}

/// The registers of an escaped entry.
#[derive(Clone, Copy, Debug)]
struct Escape {
    /// The entry's index in the whole trace.
    index: u64,
    ap: u64,
    fp: u64,
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

/// A recorded trace; see the module documentation.
pub struct Trace {
    buf: ZeroedBuf<TraceEntry>,
    len: usize,
    spill: Option<Spill>,
    /// The execution segment (ap and fp of inline entries).
    exec_seg: i64,
    escapes: Vec<Escape>,
    /// Steps of all entries beyond one per entry (a record of `k` steps adds `k - 1`), so that
    /// appending a plain entry costs no count of its own.
    extra: u64,
    /// The code table records name.
    insts: Vec<TraceInst>,
}

impl Default for Trace {
    fn default() -> Self {
        Trace {
            buf: ZeroedBuf::new(),
            len: 0,
            spill: None,
            exec_seg: 1,
            escapes: Vec::new(),
            extra: 0,
            insts: Vec::new(),
        }
    }
}

struct Spill {
    /// Where the scratch file is created (lazily, at the first flush).
    dir: std::path::PathBuf,
    file: Option<File>,
    /// Entries in the file.
    entries: u64,
    /// The in-memory window, in entries.
    window: usize,
    first: Option<TraceEntry>,
    error: Option<io::Error>,
}

/// Entries read back per chunk from a spilled trace (64 KiB: the read-back happens while the
/// files are written, at the run's peak memory).
const READ_CHUNK: usize = 1 << 12;

/// Steps decoded per call of [`Trace::for_each_chunk`]'s callback (24 KiB).
const DECODE_CHUNK: usize = 1 << 10;
const _: () = assert!(std::mem::size_of::<TraceEntry>() == 16);

/// `size_of::<TraceEntry>()`.
pub const ENTRY_BYTES: usize = std::mem::size_of::<TraceEntry>();

impl Trace {
    /// An empty in-memory trace, with segment 1 as the execution segment.
    pub fn new() -> Self {
        Self::default()
    }

    /// Sets the execution segment, before anything is recorded.
    pub fn set_exec_segment(&mut self, segment: i64) {
        debug_assert!(self.is_empty());
        self.exec_seg = segment;
    }

    /// The execution segment: compiled code records ap and fp as offsets in it.
    pub fn exec_segment(&self) -> i64 {
        self.exec_seg
    }

    /// Makes the trace stream: once more than `window` entries are in memory they are appended
    /// to an unnamed scratch file created in `dir` (removed when the trace is dropped).
    pub fn spill_to(&mut self, dir: &std::path::Path, window: usize) {
        self.spill = Some(Spill {
            dir: dir.to_path_buf(),
            file: None,
            entries: 0,
            window: window.max(1024),
            first: None,
            error: None,
        });
    }

    /// Whether the trace streams to a scratch file ([`Trace::spill_to`]).
    pub fn is_streaming(&self) -> bool {
        self.spill.is_some()
    }

    /// Entries in the in-memory buffer (compiled code appends after them). Not the trace's
    /// length once it streams: that is [`Trace::total`].
    #[inline(always)]
    pub fn len(&self) -> usize {
        self.len
    }

    /// Whether no step was recorded.
    pub fn is_empty(&self) -> bool {
        self.total() == 0
    }

    /// All steps recorded, spilled or not.
    pub fn total(&self) -> u64 {
        self.entries() + self.extra
    }

    /// All entries, spilled or not (a record is one entry of several steps).
    fn entries(&self) -> u64 {
        self.spilled() + self.len as u64
    }

    /// Instructions in the code table.
    pub fn insts_len(&self) -> usize {
        self.insts.len()
    }

    /// Appends to the code table.
    pub fn add_insts(&mut self, insts: &[TraceInst]) {
        self.insts.extend_from_slice(insts);
    }

    fn spilled(&self) -> u64 {
        self.spill.as_ref().map_or(0, |s| s.entries)
    }

    /// Entries the in-memory buffer can hold.
    #[inline(always)]
    pub fn capacity(&self) -> usize {
        self.buf.capacity()
    }

    /// The buffer's first entry (compiled code writes at `as_mut_ptr() + len()`).
    #[inline(always)]
    pub fn as_mut_ptr(&mut self) -> *mut TraceEntry {
        self.buf.as_mut_ptr()
    }

    /// Sets the in-memory length after entries of `steps` steps in all were written in place.
    ///
    /// # Safety
    /// `n <= capacity()`, and entries `[len(), n)` must have been written: plain entries and
    /// records of at least one step naming instructions of the code table.
    pub unsafe fn set_len(&mut self, n: usize, steps: u64) {
        debug_assert!(n <= self.buf.capacity() && n >= self.len);
        debug_assert!(steps >= (n - self.len) as u64, "every entry has a step");
        self.extra += steps.saturating_sub((n - self.len) as u64);
        self.len = n;
    }

    /// Makes room for at least `additional` entries after `len()`: a streaming trace first
    /// moves its in-memory entries to the scratch file, an in-memory one grows.
    pub fn reserve(&mut self, additional: usize) {
        if self.buf.capacity() - self.len >= additional {
            return;
        }
        if let Some(window) = self.spill.as_ref().map(|s| s.window) {
            self.flush();
            self.buf.grow(additional.max(window));
        } else {
            self.buf.grow(self.len + additional);
        }
    }

    /// Appends an entry.
    #[inline(always)]
    pub fn push(&mut self, e: TraceEntry) {
        if self.len == self.buf.capacity() {
            // (The buffer itself grows geometrically.)
            self.reserve(1);
        }
        self.buf[self.len] = e;
        self.len += 1;
    }

    /// Moves the in-memory entries to the scratch file.
    #[cold]
    fn flush(&mut self) {
        let Some(s) = self.spill.as_mut() else { return };
        if self.len == 0 {
            return;
        }
        if s.first.is_none() && s.entries == 0 {
            s.first = Some(self.buf[0]);
        }
        if s.error.is_none() {
            let entries = &self.buf[..self.len];
            // SAFETY: `TraceEntry` is `#[repr(C)]` of a u64 and two u32 (no padding), so its
            // entries are `ENTRY_BYTES * len` initialized bytes.
            let bytes = unsafe {
                std::slice::from_raw_parts(entries.as_ptr() as *const u8, ENTRY_BYTES * entries.len())
            };
            let r = (|| {
                if s.file.is_none() {
                    s.file = Some(scratch_file(&s.dir)?);
                }
                io::Write::write_all(s.file.as_mut().expect("just created"), bytes)
            })();
            if let Err(e) = r {
                s.error = Some(e);
            }
        }
        s.entries += self.len as u64;
        self.len = 0;
    }

    /// The step of entry `e` (not a record); `escape` gives its escape-table row when it has
    /// one.
    #[inline]
    fn step(&self, e: TraceEntry, escape: impl FnOnce() -> Escape) -> Step {
        if e.ap == ESCAPE {
            let x = escape();
            return Step { pc: e.pc, ap: x.ap, fp: x.fp };
        }
        let seg = (self.exec_seg as u64) << 48;
        Step { pc: e.pc, ap: seg | e.ap as u64, fp: seg | e.fp as u64 }
    }

    /// The instructions of record `e`: its first one's index in the code table and its step
    /// count, or `None` for a record that names no instruction of the table.
    fn record_span(&self, e: TraceEntry) -> Option<(usize, usize)> {
        let id = usize::try_from((e.pc & !RECORD) >> RECORD_END_BITS).ok()?;
        let end = (e.pc & ((1 << RECORD_END_BITS) - 1)) as u32;
        let first = self.insts.get(id)?;
        let n = end.checked_sub(first.pos).filter(|&n| n > 0)? as usize;
        // The run's instructions are consecutive in the table, at consecutive positions.
        let last = self.insts.get(id + n - 1)?;
        (last.pos == end - 1).then_some((id, n))
    }

    /// Calls `f` on each step of record `e` (see [`Trace::record_span`]); false when it is not one
    /// the table can decode.
    #[inline]
    fn each_record_step(&self, e: TraceEntry, mut f: impl FnMut(Step)) -> bool {
        let Some((id, n)) = self.record_span(e) else { return false };
        let seg = (self.exec_seg as u64) << 48;
        let mut ap = e.ap as u64;
        for inst in &self.insts[id..id + n] {
            f(Step { pc: inst.pc, ap: seg | ap, fp: seg | e.fp as u64 });
            ap = ap.wrapping_add(inst.ap_step as u64);
        }
        true
    }

    /// The first (`last` false) or last step of entry `index`, `e`.
    fn decode(&self, index: u64, e: TraceEntry, last: bool) -> Option<Step> {
        if e.pc & RECORD != 0 {
            let mut out = None;
            self.each_record_step(e, |s| {
                if out.is_none() || last {
                    out = Some(s);
                }
            });
            return out;
        }
        Some(self.step(e, || {
            let x = self.escapes[self.escapes.partition_point(|x| x.index < index)];
            debug_assert_eq!(x.index, index);
            x
        }))
    }

    /// The first step.
    pub fn first(&self) -> Option<Step> {
        let e = match &self.spill {
            Some(s) if s.entries > 0 => s.first?,
            _ => *self.buf[..self.len].first()?,
        };
        self.decode(0, e, false)
    }

    /// The last step.
    pub fn last(&self) -> Option<Step> {
        let index = self.entries().checked_sub(1)?;
        let e = match self.buf[..self.len].last() {
            Some(e) => *e,
            None => {
                let mut e = [TraceEntry::default()];
                self.read_spilled(index, &mut e).ok()?;
                e[0]
            }
        };
        self.decode(index, e, true)
    }

    /// The recorded entries when they are all in memory (`None` once entries were spilled).
    pub fn in_memory(&self) -> Option<&[TraceEntry]> {
        (self.spilled() == 0).then(|| &self.buf[..self.len])
    }

    /// Calls `f` on consecutive slices of steps that together are the whole trace, in order.
    pub fn for_each_chunk(&self, mut f: impl FnMut(&[Step])) -> io::Result<()> {
        self.check()?;
        let spilled = self.spilled();
        let mut raw = vec![TraceEntry::default(); (spilled.min(READ_CHUNK as u64)) as usize];
        let mut steps = Vec::with_capacity(self.total().min(DECODE_CHUNK as u64) as usize);
        // Entries come in order, so do their escapes.
        let mut escapes = self.escapes.iter().copied();
        let mut decode = |entries: &[TraceEntry], f: &mut dyn FnMut(&[Step])| -> io::Result<()> {
            for e in entries {
                if e.pc & RECORD != 0 {
                    if !self.each_record_step(*e, |s| steps.push(s)) {
                        return Err(io::Error::other("a trace record names no compiled instructions"));
                    }
                } else {
                    steps.push(self.step(*e, || escapes.next().expect("an escape per escaped entry")));
                }
                if steps.len() >= DECODE_CHUNK {
                    f(&steps);
                    steps.clear();
                }
            }
            Ok(())
        };
        let mut at = 0;
        while at < spilled {
            let n = (spilled - at).min(READ_CHUNK as u64) as usize;
            self.read_spilled(at, &mut raw[..n])?;
            decode(&raw[..n], &mut f)?;
            at += n as u64;
        }
        decode(&self.buf[..self.len], &mut f)?;
        if !steps.is_empty() {
            f(&steps);
        }
        Ok(())
    }

    /// Reads spilled entries `[from, from + out.len())` into `out`.
    fn read_spilled(&self, from: u64, out: &mut [TraceEntry]) -> io::Result<()> {
        let s = self.spill.as_ref().ok_or_else(|| io::Error::other("trace not spilled"))?;
        let file = s.file.as_ref().ok_or_else(|| io::Error::other("no spilled entries"))?;
        // SAFETY: `TraceEntry` is `#[repr(C)]` of a `u64` and two `u32` (16 bytes, no padding),
        // for which every byte pattern is valid; the file holds entries written from the same
        // memory representation (`flush`).
        let bytes = unsafe {
            std::slice::from_raw_parts_mut(out.as_mut_ptr() as *mut u8, std::mem::size_of_val(out))
        };
        read_at(file, bytes, ENTRY_BYTES as u64 * from)
    }

    /// Records a step whose ap or fp does not fit an entry: an [`ESCAPE`] entry and a row of
    /// the escape table.
    #[cold]
    fn record_escaped(&mut self, pc: Relocatable, ap: Relocatable, fp: Relocatable) {
        self.escapes.push(Escape { index: self.entries(), ap: pack(ap), fp: pack(fp) });
        self.push(TraceEntry { pc: pack(pc), ap: ESCAPE, fp: 0 });
    }

    /// The first write error of the scratch file, if any.
    pub fn check(&self) -> io::Result<()> {
        match self.spill.as_ref().and_then(|s| s.error.as_ref()) {
            Some(e) => Err(io::Error::new(e.kind(), format!("cannot write the trace scratch file: {e}"))),
            None => Ok(()),
        }
    }

    /// The steps as a vector (tests and small traces; reads spilled entries back).
    pub fn to_vec(&self) -> io::Result<Vec<Step>> {
        let mut v = Vec::with_capacity(self.total() as usize);
        self.for_each_chunk(|c| v.extend_from_slice(c))?;
        Ok(v)
    }
}

impl TraceSink for Trace {
    #[inline(always)]
    fn record(&mut self, pc: Relocatable, ap: Relocatable, fp: Relocatable) {
        let seg = self.exec_seg;
        if ap.segment == seg && fp.segment == seg && ap.offset < INLINE_LIMIT && fp.offset < INLINE_LIMIT {
            self.push(TraceEntry { pc: pack(pc), ap: ap.offset as u32, fp: fp.offset as u32 });
        } else {
            self.record_escaped(pc, ap, fp);
        }
    }
}

/// An unnamed file in `dir` (unlinked at once where the platform allows, so nothing is left
/// behind even if the process dies).
fn scratch_file(dir: &std::path::Path) -> io::Result<File> {
    let dir = if dir.as_os_str().is_empty() { std::path::Path::new(".") } else { dir };
    for i in 0..100u32 {
        let path = dir.join(format!(".cairo-jit-trace-{}-{i}.tmp", std::process::id()));
        match std::fs::OpenOptions::new().read(true).write(true).create_new(true).open(&path) {
            Ok(f) => {
                #[cfg(unix)]
                std::fs::remove_file(&path)?;
                return Ok(f);
            }
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists => continue,
            Err(e) => return Err(e),
        }
    }
    Err(io::Error::other("cannot create a trace scratch file"))
}

#[cfg(unix)]
fn read_at(f: &File, buf: &mut [u8], offset: u64) -> io::Result<()> {
    std::os::unix::fs::FileExt::read_exact_at(f, buf, offset)
}

#[cfg(not(unix))]
fn read_at(f: &File, buf: &mut [u8], offset: u64) -> io::Result<()> {
    use std::io::{Read, Seek, SeekFrom};
    let mut f = f;
    f.seek(SeekFrom::Start(offset))?;
    f.read_exact(buf)?;
    f.seek(SeekFrom::End(0))?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(i: u64) -> TraceEntry {
        TraceEntry { pc: i, ap: (i * 3 + 1) as u32, fp: (i ^ 0x5555) as u32 }
    }

    fn step(i: u64) -> Step {
        let e = entry(i);
        Step { pc: e.pc, ap: 1 << 48 | e.ap as u64, fp: 1 << 48 | e.fp as u64 }
    }

    #[test]
    fn spilled_trace_reads_back_in_order() {
        let dir = std::env::temp_dir();
        let mut t = Trace::new();
        t.spill_to(&dir, 1024);
        let n = 10_000u64;
        for i in 0..n {
            t.push(entry(i));
        }
        assert!(t.len() <= 2048, "the window stays small: {}", t.len());
        assert!(t.in_memory().is_none());
        assert_eq!(t.total(), n);
        assert_eq!(t.first(), Some(step(0)));
        assert_eq!(t.last(), Some(step(n - 1)));
        let v = t.to_vec().unwrap();
        assert_eq!(v.len() as u64, n);
        assert!(v.iter().enumerate().all(|(i, e)| *e == step(i as u64)));
    }

    /// Registers outside the execution segment or at offsets of 2^32 - 1 and up go to the
    /// escape table and come back intact, in and out of the scratch file.
    #[test]
    fn escaped_registers_read_back() {
        for spill in [false, true] {
            let mut t = Trace::new();
            t.set_exec_segment(1);
            if spill {
                t.spill_to(&std::env::temp_dir(), 1024);
            }
            let r = |s: i64, o: u64| Relocatable::new(s, o);
            let mut want = Vec::new();
            for i in 0..6000u64 {
                let (ap, fp) = match i % 7 {
                    0 => (r(2, i), r(1, i)),
                    1 => (r(1, INLINE_LIMIT), r(1, 3)),
                    2 => (r(1, INLINE_LIMIT - 1), r(1, INLINE_LIMIT - 1)),
                    3 => (r(1, 5), r(-1, 7)),
                    4 => (r(1, (1 << 40) + i), r(1, 1 << 33)),
                    _ => (r(1, i), r(1, i + 1)),
                };
                let pc = r(i as i64 % 3, i);
                t.record(pc, ap, fp);
                want.push(Step { pc: pack(pc), ap: pack(ap), fp: pack(fp) });
            }
            assert_eq!(t.in_memory().is_none(), spill);
            assert_eq!(t.to_vec().unwrap(), want);
            assert_eq!((t.first(), t.last()), (want.first().copied(), want.last().copied()));
        }
    }

    #[test]
    fn in_memory_trace_and_in_place_writes() {
        let mut t = Trace::new();
        t.reserve(100);
        let p = t.as_mut_ptr();
        // SAFETY: capacity is at least 100; entries 0..3 are written before `set_len(3)`.
        unsafe {
            for i in 0..3 {
                p.add(i).write(entry(i as u64));
            }
            t.set_len(3, 3);
        }
        t.push(entry(3));
        assert_eq!(t.in_memory().unwrap(), &[entry(0), entry(1), entry(2), entry(3)]);
        assert_eq!((t.first(), t.last()), (Some(step(0)), Some(step(3))));
    }

    /// Writes `e` in place after the trace's entries, as compiled code does, for `steps` steps.
    fn write_record(t: &mut Trace, e: TraceEntry, steps: u64) {
        t.reserve(1);
        let p = t.as_mut_ptr();
        // SAFETY: `reserve` made room for one entry at `len`, written before `set_len`.
        unsafe {
            p.add(t.len()).write(e);
            t.set_len(t.len() + 1, steps);
        }
    }

    /// Records (compiled code's entries) decode into their steps through the code table,
    /// between plain and escaped entries, in and out of the scratch file; `total` counts steps.
    #[test]
    fn records_decode_through_the_code_table() {
        let r = |s: i64, o: u64| Relocatable::new(s, o);
        // A run of three instructions at pcs 10, 11, 13 (ap += 1, 0, 2), and one of two.
        let insts = [
            TraceInst { pc: 10, pos: 0, ap_step: 1 },
            TraceInst { pc: 11, pos: 1, ap_step: 0 },
            TraceInst { pc: 13, pos: 2, ap_step: 2 },
            TraceInst { pc: 20, pos: 0, ap_step: 5 },
            TraceInst { pc: 21, pos: 1, ap_step: 0 },
        ];
        let record = |id: u64, end: u32, ap: u32, fp: u32| TraceEntry { pc: record_pc(id, end), ap, fp };
        let s = |pc: u64, ap: u64, fp: u64| Step { pc, ap: 1 << 48 | ap, fp: 1 << 48 | fp };
        for spill in [false, true] {
            let mut t = Trace::new();
            t.add_insts(&insts);
            if spill {
                t.spill_to(&std::env::temp_dir(), 1024);
            }
            let mut want = Vec::new();
            for i in 0..3000u64 {
                let ap = (i * 10) as u32;
                match i % 5 {
                    // The whole first run; its last two steps; the second run cut after one.
                    0 => {
                        write_record(&mut t, record(0, 3, ap, 7), 3);
                        let a = ap as u64;
                        want.extend([s(10, a, 7), s(11, a + 1, 7), s(13, a + 1, 7)]);
                    }
                    1 => {
                        write_record(&mut t, record(1, 3, ap, 9), 2);
                        want.extend([s(11, ap as u64, 9), s(13, ap as u64, 9)]);
                    }
                    2 => {
                        write_record(&mut t, record(3, 1, ap, 4), 1);
                        want.push(s(20, ap as u64, 4));
                    }
                    3 => {
                        t.record(r(0, 30 + i), r(2, i), r(1, 3));
                        want.push(Step { pc: 30 + i, ap: 2 << 48 | i, fp: 1 << 48 | 3 });
                    }
                    _ => {
                        t.record(r(0, 40), r(1, i), r(1, 5));
                        want.push(s(40, i, 5));
                    }
                }
            }
            assert_eq!(t.total(), want.len() as u64);
            assert_eq!(t.to_vec().unwrap(), want);
            assert_eq!((t.first(), t.last()), (want.first().copied(), want.last().copied()));
        }
    }

    /// A record naming no instruction of the table (or none of its run) is an error for
    /// readers, not a panic.
    #[test]
    fn records_outside_the_code_table_are_errors() {
        let insts = [TraceInst { pc: 10, pos: 0, ap_step: 1 }, TraceInst { pc: 11, pos: 1, ap_step: 0 }];
        // An unknown index, an empty record, one past its run's end.
        for (id, end) in [(2u64, 1u32), (0, 0), (0, 3), (1, 1)] {
            let mut t = Trace::new();
            t.add_insts(&insts);
            write_record(&mut t, TraceEntry { pc: record_pc(id, end), ap: 0, fp: 0 }, 1);
            assert!(t.to_vec().is_err(), "record ({id}, {end})");
            assert_eq!((t.first(), t.last()), (None, None));
        }
    }

    #[test]
    fn unwritable_scratch_dir_is_reported() {
        let mut t = Trace::new();
        t.spill_to(std::path::Path::new("/nonexistent-dir-for-cairo-jit-tests"), 1024);
        for i in 0..5000 {
            t.push(entry(i));
        }
        assert!(t.check().is_err());
        assert!(t.to_vec().is_err());
    }
}
