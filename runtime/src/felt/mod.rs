//! Stark-field arithmetic on raw Montgomery limbs.
//!
//! A field element is `[u64; 4]`: the Montgomery form `x * 2^256 mod p` of a value `x < p`,
//! most significant limb first, always fully reduced. This is exactly what
//! `starknet_types_core::felt::Felt::to_raw` returns and `from_raw` takes, so converting
//! between the two is free.
//!
//! p = 2^251 + 17 * 2^192 + 1.
//!
//! Invariant: every function takes reduced inputs and returns reduced outputs; none panics on
//! any input (on unreduced input the result is unspecified; [`is_reduced`] checks limbs from
//! an untrusted source). Results are bit-for-bit those of starknet-types-core (see
//! `tests/felt_props.rs`).
//!
//! Layout of the implementation:
//! - `mont`: addition, subtraction and the Montgomery multiplication specialised to p;
//! - [`adx`] (x86-64): the multiplication's product with BMI2 and ADX, which the JIT's entry
//!   points ([`felt_mul_entry`], [`felt_mul_cells_entry`]) use when the CPU has them, and the
//!   routines generic over [`Products`] (the builtins' hashes) get them inlined through
//!   [`adx::Adx`];
//! - `inv`: inversion (variable-time Bernstein-Yang safegcd with the Montgomery factor folded
//!   in);
//! - `conv`: conversions to and from integers and bytes, and the canonical ordering.

#[cfg(target_arch = "x86_64")]
pub mod adx;
mod conv;
mod inv;
mod mont;

pub use conv::{
    cmp, from_bytes_be, from_bytes_le, from_canonical, from_i64, from_u128, from_u64, to_bytes_be,
    to_bytes_le, to_canonical, to_u128, to_u64,
};
pub use inv::inverse;
pub use mont::{add, double, is_reduced, mul, neg, pow, square, sub};

/// A field element in raw Montgomery form, most significant limb first.
pub type Raw = [u64; 4];

/// The field's product and square, as a type. A hot routine written once, generic over it,
/// is compiled once per implementation, each copy with its products inlined: the Pedersen and
/// Poseidon builtins pick [`adx::Adx`] once per hash where the CPU has the extensions,
/// [`Portable`] elsewhere. Every implementation gives bit-for-bit the results of [`mul`] and [`square`].
pub trait Products: Copy {
    /// a * b mod p.
    fn mul(self, a: Raw, b: Raw) -> Raw;
    /// a * a mod p.
    fn square(self, a: Raw) -> Raw;
}

/// Evaluates `$body` with `$p` bound to the fastest [`Products`] this CPU has: an
/// [`adx::Adx`] where [`adx::Adx::detect`] finds the extensions, else [`Portable`]. `$body` is
/// compiled once per implementation, so a routine generic over [`Products`] that it calls is
/// monomorphised for each. One place for the choice, which the builtins' hashes make once per
/// hash.
#[macro_export]
macro_rules! with_fastest_products {
    (|$p:ident| $body:expr) => {{
        #[cfg(target_arch = "x86_64")]
        let out = match $crate::felt::adx::Adx::detect() {
            Some($p) => $body,
            None => {
                let $p = $crate::felt::Portable;
                $body
            }
        };
        #[cfg(not(target_arch = "x86_64"))]
        let out = {
            let $p = $crate::felt::Portable;
            $body
        };
        out
    }};
}

/// The portable products, [`mul`] and [`square`].
#[derive(Clone, Copy, Debug, Default)]
pub struct Portable;

impl Products for Portable {
    #[inline(always)]
    fn mul(self, a: Raw, b: Raw) -> Raw {
        mul(a, b)
    }

    #[inline(always)]
    fn square(self, a: Raw) -> Raw {
        square(a)
    }
}

/// Zero.
pub const ZERO: Raw = [0, 0, 0, 0];

/// One (the Montgomery form of 1, i.e. 2^256 mod p).
pub const ONE: Raw =
    [0x07ff_ffff_ffff_fdf0, 0xffff_ffff_ffff_ffff, 0xffff_ffff_ffff_ffff, 0xffff_ffff_ffff_ffe1];

/// The modulus p as an integer, most significant limb first (not a valid [`Raw`]).
pub const MODULUS: [u64; 4] = mont::P;

/// a / b mod p, or `None` when b is zero.
#[inline]
pub fn div(a: Raw, b: Raw) -> Option<Raw> {
    inverse(b).map(|ib| mul(a, ib))
}

/// Whether a is zero.
#[inline]
pub fn is_zero(a: Raw) -> bool {
    a == ZERO
}

/// Multiplies `*a` by `*b` into `*out`. The JIT's entry point for field multiplication, in
/// portable Rust ([`felt_mul_entry`] picks the one for the CPU).
///
/// # Safety
/// All three pointers must be valid, aligned `Raw` values (`out` may alias `a` or `b`).
#[no_mangle]
pub unsafe extern "C" fn cairo_jit_rt_felt_mul(out: *mut Raw, a: *const Raw, b: *const Raw) {
    // SAFETY: the caller guarantees the pointers are valid and aligned; both inputs are read
    // before `out` is written, so aliasing is fine.
    unsafe { *out = mul(*a, *b) }
}

/// Multiplies the set felt cells `*a` and `*b` (the tag bits of their first word cleared
/// first) into `*out`, written as a set felt cell: compiled code passes the operands' and the
/// destination's cells themselves, so a product goes straight into the cell the next
/// instruction reads, with no copy through a scratch slot on either side. In portable Rust
/// ([`felt_mul_cells_entry`] picks the one for the CPU).
///
/// # Safety
/// All three pointers must be valid, aligned `Raw` values (`out` may alias `a` or `b`).
#[no_mangle]
pub unsafe extern "C" fn cairo_jit_rt_felt_mul_cells(out: *mut Raw, a: *const Raw, b: *const Raw) {
    // SAFETY: the caller guarantees the pointers are valid and aligned; both inputs are read
    // before `out` is written, so aliasing is fine.
    let (mut x, mut y) = unsafe { (*a, *b) };
    x[0] &= !crate::cell::TAG_MASK;
    y[0] &= !crate::cell::TAG_MASK;
    let mut r = mul(x, y);
    r[0] |= crate::cell::TAG_SET;
    // SAFETY: as above.
    unsafe { *out = r }
}

/// The signature of the JIT's multiplication entry points: `f(out, a, b)`.
pub type MulEntry = unsafe extern "C" fn(*mut Raw, *const Raw, *const Raw);

/// The implementation of [`cairo_jit_rt_felt_mul`] for this CPU: the BMI2/ADX one when it
/// has them. The JIT registers this address under the entry point's name.
pub fn felt_mul_entry() -> MulEntry {
    #[cfg(target_arch = "x86_64")]
    if adx::available() {
        return adx::cairo_jit_rt_felt_mul_adx;
    }
    cairo_jit_rt_felt_mul
}

/// The implementation of [`cairo_jit_rt_felt_mul_cells`] for this CPU, as [`felt_mul_entry`].
pub fn felt_mul_cells_entry() -> MulEntry {
    #[cfg(target_arch = "x86_64")]
    if adx::available() {
        return adx::cairo_jit_rt_felt_mul_cells_adx;
    }
    cairo_jit_rt_felt_mul_cells
}

/// Divides `*a` by `*b` into `*out`; returns false (leaving `*out` unchanged) when `*b` is zero.
///
/// # Safety
/// All three pointers must be valid, aligned `Raw` values (`out` may alias `a` or `b`).
#[no_mangle]
pub unsafe extern "C" fn cairo_jit_rt_felt_div(out: *mut Raw, a: *const Raw, b: *const Raw) -> bool {
    // SAFETY: the caller guarantees the pointers are valid and aligned; both inputs are read
    // before `out` is written, so aliasing is fine.
    unsafe {
        match div(*a, *b) {
            Some(q) => {
                *out = q;
                true
            }
            None => false,
        }
    }
}
