//! [`ZeroedBuf`]: a growable array whose elements start as all-zero bytes, backed by anonymous
//! memory the operating system maps lazily.
//!
//! Owns one allocation. Memory segments and the trace live in these buffers, so a run touches
//! (and the process's resident set holds) only the pages it writes: growing a buffer reserves
//! address space, it neither copies nor zeroes anything on Linux (`mremap` moves the page
//! tables), and pages nobody writes are never faulted in. The general-purpose allocator cannot
//! give this for 32-byte-aligned cells (an over-aligned `alloc_zeroed` is `memalign` followed
//! by a `memset` of the whole block, which faults in every page up front).
//!
//! Invariants:
//! - all `capacity()` elements are initialized: elements nobody wrote are all-zero bytes, which
//!   [`Zeroable`] guarantees is a valid value;
//! - the pointer is stable until the next [`ZeroedBuf::grow`]; growing keeps every element's
//!   value and makes the new ones zero;
//! - a refused growth ([`ZeroedBuf::try_grow`]'s error: the system would not map that much)
//!   leaves the buffer exactly as it was, so the VM can report the write that needed it.

use std::ptr::NonNull;

/// Types for which the all-zero byte pattern is a valid value.
///
/// # Safety
/// An implementor must be valid when every byte is zero, and have no drop glue.
pub unsafe trait Zeroable: Copy {}

// SAFETY: a cell of four zero words is the unset cell.
unsafe impl Zeroable for cairo_jit_runtime::cell::Cell {}
// SAFETY: three zero `u64`s are a valid trace entry.
unsafe impl Zeroable for super::TraceEntry {}
// SAFETY: plain integers.
unsafe impl Zeroable for u64 {}
// SAFETY: plain integers.
unsafe impl Zeroable for u32 {}

/// Buffers at least this large (in bytes) ask for transparent huge pages: one page fault per
/// 2 MiB instead of per 4 KiB.
const HUGE_PAGE_THRESHOLD: usize = 4 << 20;

/// A growable, zero-initialized array; see the module documentation.
pub struct ZeroedBuf<T: Zeroable> {
    ptr: NonNull<T>,
    cap: usize,
    /// The allocation's size: up to [`SMALL`] bytes from the heap, beyond that a mapping.
    bytes: usize,
}

/// Buffers up to this size live on the heap: a program may make thousands of small segments
/// (one `alloc()` per loop iteration), and a page each would multiply their memory.
const SMALL: usize = 64 << 10;

// SAFETY: the buffer owns its allocation exclusively, like a `Vec<T>`.
unsafe impl<T: Zeroable + Send> Send for ZeroedBuf<T> {}
// SAFETY: shared access only reads, like `&[T]`.
unsafe impl<T: Zeroable + Sync> Sync for ZeroedBuf<T> {}

impl<T: Zeroable> Default for ZeroedBuf<T> {
    fn default() -> Self {
        Self::new()
    }
}

impl<T: Zeroable> ZeroedBuf<T> {
    /// An empty buffer (no allocation).
    pub const fn new() -> Self {
        ZeroedBuf { ptr: NonNull::dangling(), cap: 0, bytes: 0 }
    }

    /// A buffer of at least `cap` zero elements.
    pub fn with_capacity(cap: usize) -> Self {
        let mut b = Self::new();
        if cap > 0 {
            b.grow(cap);
        }
        b
    }

    /// The number of elements (all initialized).
    #[inline(always)]
    pub fn capacity(&self) -> usize {
        self.cap
    }

    /// The first element's address.
    #[inline(always)]
    pub fn as_ptr(&self) -> *const T {
        self.ptr.as_ptr()
    }

    /// The first element's address, for writes.
    #[inline(always)]
    pub fn as_mut_ptr(&mut self) -> *mut T {
        self.ptr.as_ptr()
    }

    /// Grows to at least `min_cap` elements, keeping the contents; the new elements are zero.
    /// The capacity grows geometrically (doubling while small, by a quarter once large, since
    /// growing a mapping costs no copy); small buffers are powers of two on the heap, large
    /// ones whole pages of a mapping. Aborts, as `Vec` does, when the system refuses the
    /// memory; see [`ZeroedBuf::try_grow`].
    #[inline]
    pub fn grow(&mut self, min_cap: usize) {
        if let Err(e) = self.try_grow(min_cap) {
            sys_out_of_memory(e.bytes);
        }
    }

    /// [`ZeroedBuf::grow`], or an error leaving the buffer as it was when the system refuses
    /// the memory (a mapping of that size, under the system's overcommit policy) or the size
    /// overflows.
    #[inline]
    pub fn try_grow(&mut self, min_cap: usize) -> Result<(), AllocFailed> {
        if min_cap <= self.cap {
            return Ok(());
        }
        self.reallocate(min_cap)
    }

    /// [`ZeroedBuf::try_grow`] past the capacity (out of line: callers check the capacity
    /// inline, which is all most calls do).
    #[cold]
    #[inline(never)]
    fn reallocate(&mut self, min_cap: usize) -> Result<(), AllocFailed> {
        let size = std::mem::size_of::<T>().max(1);
        let align = std::mem::align_of::<T>();
        let step = if self.cap < (1 << 20) { self.cap } else { self.cap / 4 };
        let want = min_cap.max(self.cap + step).max(8);
        let failed = |bytes| AllocFailed { bytes };
        let raw = want.checked_mul(size).ok_or(failed(usize::MAX))?;
        let bytes = if raw <= SMALL {
            raw.next_power_of_two().max(align)
        } else {
            raw.checked_next_multiple_of(PAGE).ok_or(failed(raw))?
        };
        let (old_ptr, old) = (self.ptr.as_ptr() as *mut u8, self.bytes);
        let p = if bytes <= SMALL {
            heap::grow(old_ptr, old, bytes, align)
        } else if old == 0 || old > SMALL {
            sys::grow(old_ptr, old, bytes, align)
        } else {
            let p = sys::grow(std::ptr::null_mut(), 0, bytes, align);
            if !p.is_null() {
                // SAFETY: the heap block holds `old` bytes, the new mapping at least
                // `bytes > old`; they are disjoint, and the heap block is freed once copied.
                unsafe {
                    std::ptr::copy_nonoverlapping(old_ptr, p, old);
                    heap::free(old_ptr, old, align);
                }
            }
            p
        };
        // (On failure the old block is untouched: `sys::grow` leaves it as it was.)
        self.ptr = NonNull::new(p as *mut T).ok_or(failed(bytes))?;
        self.bytes = bytes;
        self.cap = bytes / size;
        Ok(())
    }
}

/// The system refused memory for a buffer of `bytes` bytes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct AllocFailed {
    /// The size asked for.
    pub bytes: usize,
}

#[cold]
fn sys_out_of_memory(bytes: usize) -> ! {
    std::alloc::handle_alloc_error(
        std::alloc::Layout::from_size_align(bytes.min(isize::MAX as usize & !4095), 4096)
            .expect("valid layout"),
    )
}

/// Small buffers: zeroed heap blocks.
mod heap {
    use std::alloc::{alloc_zeroed, dealloc, handle_alloc_error, realloc, Layout};

    /// Grows the heap block `old` of `old_bytes` (none when 0) to `bytes`, zeroing the new part.
    pub(super) fn grow(old: *mut u8, old_bytes: usize, bytes: usize, align: usize) -> *mut u8 {
        let layout = Layout::from_size_align(bytes, align).expect("valid layout");
        let p = if old_bytes == 0 {
            // SAFETY: the layout has a non-zero size.
            unsafe { alloc_zeroed(layout) }
        } else {
            let old_layout = Layout::from_size_align(old_bytes, align).expect("valid layout");
            // SAFETY: `old` was allocated with `old_layout` by this module; `bytes` is non-zero.
            let p = unsafe { realloc(old, old_layout, bytes) };
            if !p.is_null() {
                // SAFETY: the block now holds `bytes > old_bytes` bytes.
                unsafe { std::ptr::write_bytes(p.add(old_bytes), 0, bytes - old_bytes) };
            }
            p
        };
        if p.is_null() {
            handle_alloc_error(layout);
        }
        p
    }

    /// # Safety
    /// `p` must be a block of `bytes` from [`grow`], not used afterwards.
    pub(super) unsafe fn free(p: *mut u8, bytes: usize, align: usize) {
        // SAFETY: guaranteed by the caller.
        unsafe { dealloc(p, Layout::from_size_align(bytes, align).expect("valid layout")) }
    }
}

impl<T: Zeroable> std::ops::Deref for ZeroedBuf<T> {
    type Target = [T];
    #[inline(always)]
    fn deref(&self) -> &[T] {
        // SAFETY: `ptr` is valid for `cap` initialized elements (module invariant); for
        // `cap == 0` it is dangling and well aligned, which an empty slice allows.
        unsafe { std::slice::from_raw_parts(self.ptr.as_ptr(), self.cap) }
    }
}

impl<T: Zeroable> std::ops::DerefMut for ZeroedBuf<T> {
    #[inline(always)]
    fn deref_mut(&mut self) -> &mut [T] {
        // SAFETY: as in `deref`, and `&mut self` makes the access exclusive.
        unsafe { std::slice::from_raw_parts_mut(self.ptr.as_ptr(), self.cap) }
    }
}

impl<T: Zeroable> Clone for ZeroedBuf<T> {
    fn clone(&self) -> Self {
        let mut b = Self::with_capacity(self.cap);
        b[..self.cap].copy_from_slice(self);
        b
    }
}

impl<T: Zeroable> Drop for ZeroedBuf<T> {
    fn drop(&mut self) {
        let (p, bytes, align) = (self.ptr.as_ptr() as *mut u8, self.bytes, std::mem::align_of::<T>());
        if bytes == 0 {
            return;
        }
        // SAFETY: `ptr` came from `heap::grow` (small) or `sys::grow` (large) with exactly
        // `bytes` bytes, and is dropped once.
        unsafe {
            if bytes <= SMALL {
                heap::free(p, bytes, align)
            } else {
                sys::free(p, bytes, align)
            }
        }
    }
}

impl<T: Zeroable + std::fmt::Debug> std::fmt::Debug for ZeroedBuf<T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ZeroedBuf").field("capacity", &self.cap).finish_non_exhaustive()
    }
}

/// Allocation granularity (the smallest page size of the platforms we run on).
const PAGE: usize = 4096;

#[cfg(unix)]
mod sys {
    use super::HUGE_PAGE_THRESHOLD;

    fn map(bytes: usize) -> *mut u8 {
        // SAFETY: an anonymous private mapping at an address of the kernel's choosing touches
        // no existing memory; the result is checked below.
        let p = unsafe {
            libc::mmap(
                std::ptr::null_mut(),
                bytes,
                libc::PROT_READ | libc::PROT_WRITE,
                libc::MAP_PRIVATE | libc::MAP_ANONYMOUS,
                -1,
                0,
            )
        };
        if p == libc::MAP_FAILED {
            return std::ptr::null_mut();
        }
        p as *mut u8
    }

    fn advise(p: *mut u8, bytes: usize) {
        #[cfg(target_os = "linux")]
        if bytes >= HUGE_PAGE_THRESHOLD {
            // SAFETY: `[p, p + bytes)` is a mapping we own; MADV_HUGEPAGE is advice about how
            // to back it and changes no contents. Failure (no THP support) is harmless.
            unsafe {
                libc::madvise(p as *mut libc::c_void, bytes, libc::MADV_HUGEPAGE);
            }
        }
        #[cfg(not(target_os = "linux"))]
        let _ = (p, bytes, HUGE_PAGE_THRESHOLD);
    }

    /// Grows the mapping `[old, old + old_bytes)` (none when `old_bytes == 0`) to `bytes`;
    /// null, the old mapping untouched, when the system refuses.
    pub(super) fn grow(old: *mut u8, old_bytes: usize, bytes: usize, _align: usize) -> *mut u8 {
        if old_bytes == 0 {
            let p = map(bytes);
            if !p.is_null() {
                advise(p, bytes);
            }
            return p;
        }
        #[cfg(target_os = "linux")]
        {
            // SAFETY: `old` is a mapping of `old_bytes` we own; MREMAP_MAYMOVE may move it,
            // and the caller replaces its pointer with the result. New pages read as zero.
            let p = unsafe { libc::mremap(old as *mut libc::c_void, old_bytes, bytes, libc::MREMAP_MAYMOVE) };
            if p == libc::MAP_FAILED {
                return std::ptr::null_mut();
            }
            advise(p as *mut u8, bytes);
            p as *mut u8
        }
        #[cfg(not(target_os = "linux"))]
        {
            let p = map(bytes);
            if p.is_null() {
                return p;
            }
            // SAFETY: both mappings are ours, disjoint, and at least `old_bytes` long; the old
            // one is unmapped once copied.
            unsafe {
                std::ptr::copy_nonoverlapping(old, p, old_bytes);
                free(old, old_bytes, _align);
            }
            p
        }
    }

    /// Unmaps a buffer.
    ///
    /// # Safety
    /// `p` must be a mapping of `bytes` made by [`grow`], not used afterwards.
    pub(super) unsafe fn free(p: *mut u8, bytes: usize, _align: usize) {
        // SAFETY: guaranteed by the caller.
        unsafe {
            libc::munmap(p as *mut libc::c_void, bytes);
        }
    }
}

#[cfg(not(unix))]
mod sys {
    use std::alloc::{alloc_zeroed, dealloc, Layout};

    pub(super) fn grow(old: *mut u8, old_bytes: usize, bytes: usize, align: usize) -> *mut u8 {
        let Ok(layout) = Layout::from_size_align(bytes, align.max(4096)) else { return std::ptr::null_mut() };
        // SAFETY: the layout has a non-zero size (at least one page).
        let p = unsafe { alloc_zeroed(layout) };
        if p.is_null() {
            return p;
        }
        if old_bytes > 0 {
            // SAFETY: both blocks are ours and disjoint; the old one is freed once copied.
            unsafe {
                std::ptr::copy_nonoverlapping(old, p, old_bytes);
                free(old, old_bytes, align);
            }
        }
        p
    }

    /// # Safety
    /// `p` must come from [`grow`] with `bytes`, not used afterwards.
    pub(super) unsafe fn free(p: *mut u8, bytes: usize, align: usize) {
        let layout = Layout::from_size_align(bytes, align.max(4096)).expect("valid layout");
        // SAFETY: guaranteed by the caller.
        unsafe { dealloc(p, layout) }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A size that overflows, or that no address space holds, is an error that leaves the
    /// buffer as it was.
    #[test]
    fn refused_growth_leaves_the_buffer_intact() {
        let mut b = ZeroedBuf::<u64>::new();
        b.grow(100_000);
        b[99_999] = 7;
        let cap = b.capacity();
        assert!(b.try_grow(usize::MAX / 4).is_err());
        // 2^62 bytes: beyond any x86-64 or AArch64 user address space.
        assert!(b.try_grow(1 << 59).is_err());
        assert_eq!((b.capacity(), b[99_999]), (cap, 7));
        b.grow(cap + 1);
        assert_eq!(b[99_999], 7);
    }

    #[test]
    fn grows_keeping_contents_with_zero_tail() {
        let mut b = ZeroedBuf::<u64>::new();
        assert_eq!(b.capacity(), 0);
        assert!(b.is_empty());
        b.grow(10);
        assert!(b.capacity() >= 10);
        assert!(b.iter().all(|&x| x == 0));
        for (i, x) in b.iter_mut().enumerate() {
            *x = i as u64 + 1;
        }
        let old = b.capacity();
        b.grow(old * 3 + 5);
        assert!(b.capacity() >= old * 3 + 5);
        assert!(b[..old].iter().enumerate().all(|(i, &x)| x == i as u64 + 1));
        assert!(b[old..].iter().all(|&x| x == 0));
        let c = b.clone();
        assert_eq!(&c[..], &b[..]);
    }

    #[test]
    fn small_buffers_move_from_the_heap_to_a_mapping_intact() {
        let mut b = ZeroedBuf::<cairo_jit_runtime::cell::Cell>::new();
        b.grow(3);
        assert!(b.capacity() >= 3 && b.capacity() * 32 <= SMALL);
        let mut n = 0;
        while b.capacity() * 32 <= SMALL {
            for (i, c) in b.iter_mut().enumerate().skip(n) {
                *c = cairo_jit_runtime::cell::Cell::reloc(1, i as u64);
            }
            n = b.capacity();
            b.grow(n + 1);
            assert!(b[n..].iter().all(|c| !c.is_set()));
        }
        assert!((b.as_ptr() as usize).is_multiple_of(32));
        assert!(b[..n]
            .iter()
            .enumerate()
            .all(|(i, c)| *c == cairo_jit_runtime::cell::Cell::reloc(1, i as u64)));
    }

    #[test]
    fn large_growth_is_by_a_quarter() {
        let mut b = ZeroedBuf::<u64>::with_capacity(2 << 20);
        let cap = b.capacity();
        b[cap - 1] = 7;
        b.grow(cap + 1);
        assert!(b.capacity() >= cap + cap / 4);
        assert!(b.capacity() < cap * 2);
        assert_eq!(b[cap - 1], 7);
        assert_eq!(b[cap], 0);
    }
}
