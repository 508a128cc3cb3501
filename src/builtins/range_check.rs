//! range_check and range_check96: every value written to the segment must be an integer in
//! `[0, 2^128)` (resp. `[0, 2^96)`). Messages are cairo-lang's.

use crate::vm::{MemoryError, Relocatable, Value};
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
    if f.bits() > bits as usize {
        let bound = BigUint::from(1u8) << bits;
        return Err(MemoryError::Validation(format!(
            "Value {f}, in range check builtin {}, is out of range [0, {bound}).",
            addr.offset
        )));
    }
    Ok(())
}

/// range_check's validator.
pub fn validate_128(addr: Relocatable, value: &Value) -> Result<(), MemoryError> {
    validate(addr, value, 128)
}

/// range_check96's validator.
pub fn validate_96(addr: Relocatable, value: &Value) -> Result<(), MemoryError> {
    validate(addr, value, 96)
}
