//! range_check and range_check96: every value written to the segment must be an integer in
//! `[0, 2^128)` (resp. `[0, 2^96)`), checked as 8 (resp. 6) parts of 16 bits. Messages are
//! cairo-lang's.

use crate::vm::{Memory, MemoryError, Relocatable, Value};
use num_bigint::BigUint;

fn validate(addr: Relocatable, value: &Value, bits: u32) -> Result<(), MemoryError> {
    let f = match value {
        Value::Int(f) => f,
        Value::Ptr(_) => {
            return Err(MemoryError::Validation(format!(
                "Range-check builtin: Expected value at address {addr} to be an integer. Got: {value}."
            )))
        }
    };
    if crate::vm::value::felt_bits(f) > bits {
        let bound = BigUint::from(1u8) << bits;
        return Err(MemoryError::Validation(format!(
            "Value {f}, in range check builtin {}, is out of range [0, {bound}).",
            addr.offset
        )));
    }
    Ok(())
}

/// range_check's validator.
pub fn validate_128(addr: Relocatable, value: &Value, _: &Memory) -> Result<(), MemoryError> {
    validate(addr, value, 128)
}

/// range_check96's validator.
pub fn validate_96(addr: Relocatable, value: &Value, _: &Memory) -> Result<(), MemoryError> {
    validate(addr, value, 96)
}

/// The smallest and largest 16-bit part of the segment's values (cairo-lang's
/// `get_range_check_usage`), `None` for an empty segment.
pub fn usage(memory: &Memory, segment: i64, n_parts: u32) -> Option<(u64, u64)> {
    let mut minmax: Option<(u64, u64)> = None;
    for (_, v) in memory.segment_values(segment) {
        let Value::Int(f) = v else { continue };
        let limbs = crate::vm::value::felt_limbs(&f);
        for i in 0..n_parts as usize {
            let part = (limbs[3 - i / 4] >> (16 * (i % 4))) & 0xffff;
            minmax = Some(match minmax {
                None => (part, part),
                Some((lo, hi)) => (lo.min(part), hi.max(part)),
            });
        }
    }
    minmax
}
