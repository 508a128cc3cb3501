//! Peak heap of a piece of code, per thread: the test binary's allocator counts the bytes each
//! thread holds, so that loading tests can bound what a load keeps alive at once (issue #7:
//! building a program's whole JSON as a `serde_json::Value` cost twice the file).

use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;

thread_local! {
    /// Bytes allocated minus bytes freed by this thread (memory freed by another thread than
    /// the one that allocated it makes this drift, which [`heap_peak`] does not mind: it
    /// measures growth above the start).
    static HELD: Cell<isize> = const { Cell::new(0) };
    /// The largest `HELD` since [`heap_peak`] started.
    static PEAK: Cell<isize> = const { Cell::new(0) };
}

/// `System`, counting into `HELD` and `PEAK`.
struct Counting;

// SAFETY: every method forwards to `System` with the same arguments, and only adds bookkeeping
// in `const` thread-locals without destructors (which never allocate and are valid for the
// thread's whole life, so `try_with` cannot recurse into the allocator).
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        // SAFETY: the caller's contract for `alloc` is `System.alloc`'s.
        let p = unsafe { System.alloc(layout) };
        if !p.is_null() {
            count(layout.size() as isize);
        }
        p
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        // SAFETY: as for `alloc`.
        let p = unsafe { System.alloc_zeroed(layout) };
        if !p.is_null() {
            count(layout.size() as isize);
        }
        p
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        // SAFETY: `ptr` and `layout` come from this allocator, that is from `System`.
        unsafe { System.dealloc(ptr, layout) };
        count(-(layout.size() as isize));
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        // SAFETY: `ptr` and `layout` come from `System`; the caller's contract is `realloc`'s.
        let p = unsafe { System.realloc(ptr, layout, new_size) };
        if !p.is_null() {
            count(new_size as isize - layout.size() as isize);
        }
        p
    }
}

#[global_allocator]
static COUNTING: Counting = Counting;

fn count(delta: isize) {
    let _ = HELD.try_with(|h| {
        let held = h.get() + delta;
        h.set(held);
        let _ = PEAK.try_with(|p| p.set(p.get().max(held)));
    });
}

/// Runs `f` and returns its result with the most heap (bytes) this thread held at once during
/// it, above what it held before.
pub(crate) fn heap_peak<T>(f: impl FnOnce() -> T) -> (T, usize) {
    let start = HELD.with(Cell::get);
    PEAK.with(|p| p.set(start));
    let out = f();
    let peak = PEAK.with(Cell::get);
    (out, usize::try_from(peak - start).unwrap_or(0))
}

#[test]
fn heap_peak_sees_allocations() {
    let (len, peak) = heap_peak(|| {
        let v = vec![0u8; 1 << 20];
        drop(v);
        let w = vec![1u8; 1000];
        w.len()
    });
    assert_eq!(len, 1000);
    assert!((1 << 20..(1 << 20) + 4096).contains(&peak), "{peak}");
    let ((), nothing) = heap_peak(|| ());
    assert_eq!(nothing, 0);
}

/// The loader streams: a big program's load holds a small fraction of its JSON's size beyond
/// the input (debug info is most of the file and is kept only in part). Building the JSON as
/// a `serde_json::Value` (with `arbitrary_precision`, on in this test binary, every number a
/// string of its own) would hold over twice the file.
#[test]
fn loading_holds_little_beside_the_input() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("benches/programs/keccak_loop.json");
    let bytes = std::fs::read(path).expect("bench program");
    let (program, peak) = heap_peak(|| super::super::Program::from_json_bytes(&bytes));
    let program = program.expect("loads");
    assert!(program.data().len() > 1000);
    assert!(peak < bytes.len() / 5, "peak heap {peak} bytes for {} bytes of JSON", bytes.len());
}
