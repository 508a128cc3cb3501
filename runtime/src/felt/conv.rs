//! Conversions between raw Montgomery limbs and integers, bytes and orderings.
//!
//! Invariants:
//! - "canonical" means the integer value `x` in [0, p) of the element whose Montgomery form is
//!   `x * R mod p`; limb arrays are most significant limb first unless the name says `le`.
//! - Every `from_*` accepts any input (any 256-bit integer, any byte string, any u64/u128/i64)
//!   and reduces it modulo p; every `to_*` returns the canonical value.
//! - Conversions into Montgomery form are one Montgomery multiplication by R^2 mod p
//!   ([`mul_wide`] accepts one unreduced 256-bit operand); conversions out are one Montgomery
//!   reduction ([`from_mont`]).

use core::cmp::Ordering;

use super::mont::{from_mont, mul_wide, neg, R2};
use super::Raw;

/// Compares the canonical (non-Montgomery) integer values of a and b in [0, p).
#[inline]
pub fn cmp(a: Raw, b: Raw) -> Ordering {
    // Most-significant-first limb arrays compare lexicographically in numeric order.
    from_mont(a).cmp(&from_mont(b))
}

/// The field element equal to `v`.
#[inline]
pub fn from_u64(v: u64) -> Raw {
    mul_wide([0, 0, 0, v], R2)
}

/// The field element equal to `v`.
#[inline]
pub fn from_u128(v: u128) -> Raw {
    mul_wide([0, 0, (v >> 64) as u64, v as u64], R2)
}

/// The field element equal to `v` (negative values wrap modulo p).
#[inline]
pub fn from_i64(v: i64) -> Raw {
    let m = from_u64(v.unsigned_abs());
    if v < 0 {
        neg(m)
    } else {
        m
    }
}

/// The canonical value as u64, or `None` when it does not fit.
#[inline]
pub fn to_u64(a: Raw) -> Option<u64> {
    match to_canonical(a) {
        [0, 0, 0, v] => Some(v),
        _ => None,
    }
}

/// The canonical value as u128, or `None` when it does not fit.
#[inline]
pub fn to_u128(a: Raw) -> Option<u128> {
    match to_canonical(a) {
        [0, 0, hi, lo] => Some((hi as u128) << 64 | lo as u128),
        _ => None,
    }
}

/// The canonical integer value of a, as limbs most significant first.
#[inline]
pub fn to_canonical(a: Raw) -> [u64; 4] {
    from_mont(a)
}

/// The field element whose canonical value is `c` (limbs most significant first), reduced mod p.
#[inline]
pub fn from_canonical(c: [u64; 4]) -> Raw {
    mul_wide(c, R2)
}

/// Eight bytes of `b` starting at `at`, as an array.
#[inline(always)]
fn chunk(b: &[u8; 32], at: usize) -> [u8; 8] {
    core::array::from_fn(|i| b[at + i])
}

/// The canonical value as 32 little-endian bytes (the memory file's format).
#[inline]
pub fn to_bytes_le(a: Raw) -> [u8; 32] {
    let [c3, c2, c1, c0] = to_canonical(a);
    let mut out = [0u8; 32];
    out[0..8].copy_from_slice(&c0.to_le_bytes());
    out[8..16].copy_from_slice(&c1.to_le_bytes());
    out[16..24].copy_from_slice(&c2.to_le_bytes());
    out[24..32].copy_from_slice(&c3.to_le_bytes());
    out
}

/// The field element of 32 little-endian bytes, reduced mod p.
#[inline]
pub fn from_bytes_le(b: &[u8; 32]) -> Raw {
    from_canonical([
        u64::from_le_bytes(chunk(b, 24)),
        u64::from_le_bytes(chunk(b, 16)),
        u64::from_le_bytes(chunk(b, 8)),
        u64::from_le_bytes(chunk(b, 0)),
    ])
}

/// The canonical value as 32 big-endian bytes.
#[inline]
pub fn to_bytes_be(a: Raw) -> [u8; 32] {
    let [c3, c2, c1, c0] = to_canonical(a);
    let mut out = [0u8; 32];
    out[0..8].copy_from_slice(&c3.to_be_bytes());
    out[8..16].copy_from_slice(&c2.to_be_bytes());
    out[16..24].copy_from_slice(&c1.to_be_bytes());
    out[24..32].copy_from_slice(&c0.to_be_bytes());
    out
}

/// The field element of 32 big-endian bytes, reduced mod p.
#[inline]
pub fn from_bytes_be(b: &[u8; 32]) -> Raw {
    from_canonical([
        u64::from_be_bytes(chunk(b, 0)),
        u64::from_be_bytes(chunk(b, 8)),
        u64::from_be_bytes(chunk(b, 16)),
        u64::from_be_bytes(chunk(b, 24)),
    ])
}
