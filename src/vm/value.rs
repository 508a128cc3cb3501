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
    // f <= (p - 1) / 2 exactly when f <= p - f.
    if *f <= -*f {
        let b = f.to_bytes_be();
        if b[..16].iter().any(|&x| x != 0) {
            return None;
        }
        Some(u128::from_be_bytes(b[16..].try_into().unwrap()) as i128).filter(|v| *v >= 0)
    } else {
        let n = -*f;
        let b = n.to_bytes_be();
        if b[..16].iter().any(|&x| x != 0) {
            return None;
        }
        let v = u128::from_be_bytes(b[16..].try_into().unwrap());
        i128::try_from(v).ok().map(|v| -v)
    }
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
