//! Values as the rest of the VM sees them: field elements and relocatable pointers.
//!
//! The memory stores [`Cell`]s (see `cairo_jit_runtime::cell`); this module converts between
//! cells and the typed [`Value`] that hints, builtins, the runner and output code work with.
//! Arithmetic follows cairo-lang's `RelocatableValue` rules: pointer + felt, pointer - felt,
//! pointer - pointer (same segment only), felt op felt; anything else is an error.

use cairo_jit_runtime::cell::Cell;
use starknet_types_core::felt::Felt;
use std::fmt;

/// A pointer into a memory segment. Negative segment indices are temporary segments.
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Debug)]
pub struct Relocatable {
    /// Segment index (negative for temporary segments).
    pub segment: i64,
    /// Offset within the segment.
    pub offset: u64,
}

impl Relocatable {
    /// The pointer `segment:offset`.
    pub const fn new(segment: i64, offset: u64) -> Self {
        Relocatable { segment, offset }
    }

    /// `self + n`, or `None` when the offset leaves `[0, 2^64)`.
    pub fn add_i64(self, n: i64) -> Option<Relocatable> {
        self.offset.checked_add_signed(n).map(|offset| Relocatable { offset, ..self })
    }

    /// `self + n`, or `None` when the offset overflows.
    pub fn add_u64(self, n: u64) -> Option<Relocatable> {
        self.offset.checked_add(n).map(|offset| Relocatable { offset, ..self })
    }

    /// `self + f` for a field element f, taken as the integer in `[0, p)` cairo-lang uses,
    /// reduced so that a "negative" felt (p - k) subtracts k. `None` when the offset leaves
    /// `[0, 2^64)`.
    pub fn add_felt(self, f: &Felt) -> Option<Relocatable> {
        felt_to_i128_signed(f)
            .and_then(|d| i128::from(self.offset).checked_add(d))
            .and_then(|o| u64::try_from(o).ok())
            .map(|offset| Relocatable { offset, ..self })
    }
}

/// The signed value of a felt (`x` if `x <= p/2`, else `x - p`) when it fits in an i128.
pub fn felt_to_i128_signed(f: &Felt) -> Option<i128> {
    let [a3, a2, a1, a0] = felt_limbs(f);
    if a3 == 0 && a2 == 0 {
        // x < 2^128 <= p/2: non-negative.
        return i128::try_from((a1 as u128) << 64 | a0 as u128).ok();
    }
    // x > p/2 when it is at least 2^128 and p - x < 2^128.
    let [n3, n2, n1, n0] = felt_limbs(&-*f);
    if n3 == 0 && n2 == 0 {
        return i128::try_from((n1 as u128) << 64 | n0 as u128).ok().map(|v| -v);
    }
    None
}

/// The integer value of a felt in `[0, p)`, as four limbs, most significant first.
///
/// Our Montgomery reduction (`cairo_jit_runtime::felt`), several times faster than the byte
/// and digit conversions of `Felt`, which go through lambdaworks' generic one: builtins and
/// hints that look at a felt's bits use this.
#[inline]
pub fn felt_limbs(f: &Felt) -> [u64; 4] {
    cairo_jit_runtime::felt::to_canonical(f.to_raw())
}

/// The felt equal to the integer with limbs `l` (most significant first), reduced mod p.
#[inline]
pub fn felt_from_limbs(l: [u64; 4]) -> Felt {
    Felt::from_raw(cairo_jit_runtime::felt::from_canonical(l))
}

/// The number of significant bits of a felt's integer value in `[0, p)` (`Felt::bits`).
#[inline]
pub fn felt_bits(f: &Felt) -> u32 {
    let l = felt_limbs(f);
    (0..4).find(|&i| l[i] != 0).map_or(0, |i| 64 * (4 - i as u32) - l[i].leading_zeros())
}

/// A felt's integer value when it fits in a u64.
#[inline]
pub fn felt_to_u64(f: &Felt) -> Option<u64> {
    cairo_jit_runtime::felt::to_u64(f.to_raw())
}

/// A felt's integer value in `[0, p)` as a big integer (`Felt::to_biguint`, which goes through
/// bytes).
pub fn felt_to_biguint(f: &Felt) -> num_bigint::BigUint {
    match felt_limbs(f) {
        [0, 0, hi, lo] => num_bigint::BigUint::from((hi as u128) << 64 | lo as u128),
        l => num_bigint::BigUint::from_slice(&[
            l[3] as u32,
            (l[3] >> 32) as u32,
            l[2] as u32,
            (l[2] >> 32) as u32,
            l[1] as u32,
            (l[1] >> 32) as u32,
            l[0] as u32,
            (l[0] >> 32) as u32,
        ]),
    }
}

/// A felt's integer value when it fits in a u128.
#[inline]
pub fn felt_to_u128(f: &Felt) -> Option<u128> {
    cairo_jit_runtime::felt::to_u128(f.to_raw())
}

impl fmt::Display for Relocatable {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}", self.segment, self.offset)
    }
}

/// A memory value: a field element or a relocatable.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
pub enum Value {
    /// A field element.
    Int(Felt),
    /// A pointer.
    Ptr(Relocatable),
}

impl Value {
    /// The value held by a set cell; `None` for an unset cell.
    #[inline]
    pub fn from_cell(c: Cell) -> Option<Value> {
        if !c.is_set() {
            None
        } else if c.is_reloc() {
            Some(Value::Ptr(Relocatable::new(c.segment(), c.offset())))
        } else {
            Some(Value::Int(Felt::from_raw(c.raw())))
        }
    }

    /// The cell that holds this value.
    #[inline]
    pub fn to_cell(self) -> Cell {
        match self {
            Value::Int(f) => Cell::felt(f.to_raw()),
            Value::Ptr(r) => Cell::reloc(r.segment, r.offset),
        }
    }

    /// The field element, if this is one.
    pub fn as_int(&self) -> Option<Felt> {
        match self {
            Value::Int(f) => Some(*f),
            Value::Ptr(_) => None,
        }
    }

    /// The pointer, if this is one.
    pub fn as_ptr(&self) -> Option<Relocatable> {
        match self {
            Value::Ptr(r) => Some(*r),
            Value::Int(_) => None,
        }
    }

    /// `self + other` as cairo-lang defines it; `None` for pointer + pointer or an offset
    /// that leaves range.
    pub fn add(&self, other: &Value) -> Option<Value> {
        match (self, other) {
            (Value::Int(a), Value::Int(b)) => Some(Value::Int(a + b)),
            (Value::Ptr(r), Value::Int(b)) | (Value::Int(b), Value::Ptr(r)) => r.add_felt(b).map(Value::Ptr),
            (Value::Ptr(_), Value::Ptr(_)) => None,
        }
    }

    /// `self - other` as cairo-lang defines it; `None` for felt - pointer, pointers of
    /// different segments, or an offset that leaves range.
    pub fn sub(&self, other: &Value) -> Option<Value> {
        match (self, other) {
            (Value::Int(a), Value::Int(b)) => Some(Value::Int(a - b)),
            (Value::Ptr(r), Value::Int(b)) => r.add_felt(&-*b).map(Value::Ptr),
            (Value::Ptr(a), Value::Ptr(b)) if a.segment == b.segment => {
                Some(Value::Int(Felt::from(a.offset as i128 - b.offset as i128)))
            }
            _ => None,
        }
    }
}

impl From<Felt> for Value {
    fn from(f: Felt) -> Self {
        Value::Int(f)
    }
}

impl From<Relocatable> for Value {
    fn from(r: Relocatable) -> Self {
        Value::Ptr(r)
    }
}

impl From<u64> for Value {
    fn from(v: u64) -> Self {
        Value::Int(Felt::from(v))
    }
}

impl fmt::Display for Value {
    /// cairo-lang's formatting: felts as their integer in `[0, p)`, pointers as `seg:off`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Value::Int(x) => write!(f, "{x}"),
            Value::Ptr(r) => write!(f, "{r}"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use num_bigint::BigUint;
    use rand::{Rng, SeedableRng};

    /// Edge values and random ones of every size, as felts.
    fn samples() -> Vec<Felt> {
        let mut v: Vec<Felt> = [0u64, 1, 2, u64::MAX].iter().map(|&x| Felt::from(x)).collect();
        v.extend([Felt::from(u128::MAX), Felt::MAX, -Felt::ONE - Felt::ONE, Felt::from(1u128 << 127)]);
        v.push(Felt::from_hex_unwrap("0x400000000000008800000000000000000000000000000000000000000000000"));
        let mut rng = rand::rngs::StdRng::seed_from_u64(7);
        for bits in [8, 63, 64, 65, 127, 128, 129, 200, 250, 251, 252] {
            for _ in 0..50 {
                let mut b = [0u8; 32];
                rng.fill(&mut b);
                let x = BigUint::from_bytes_be(&b) >> (256 - bits);
                v.push(Felt::from(&x));
                v.push(-Felt::from(&x));
            }
        }
        v
    }

    #[test]
    fn integer_views_agree_with_felt() {
        for f in samples() {
            let limbs = felt_limbs(&f);
            let mut bytes = [0u8; 32];
            for (i, l) in limbs.iter().enumerate() {
                bytes[8 * i..8 * i + 8].copy_from_slice(&l.to_be_bytes());
            }
            assert_eq!(bytes, f.to_bytes_be(), "{f}");
            assert_eq!(felt_from_limbs(limbs), f);
            assert_eq!(felt_bits(&f) as usize, f.bits(), "{f}");
            assert_eq!(felt_to_u64(&f), u64::try_from(f).ok(), "{f}");
            assert_eq!(felt_to_u128(&f), u128::try_from(f).ok(), "{f}");
            assert_eq!(felt_to_biguint(&f), f.to_biguint(), "{f}");
            let big = f.to_biguint();
            let half = (BigUint::from_bytes_be(&Felt::MAX.to_bytes_be()) + 1u8) >> 1;
            let signed = if big < half {
                i128::try_from(big).ok()
            } else {
                i128::try_from((-f).to_biguint()).ok().map(|v| -v)
            };
            assert_eq!(felt_to_i128_signed(&f), signed, "{f}");
        }
    }
}
