//! keccak: instances of 16 cells, the 1600-bit input state as 8 felts of 200 bits each, then the
//! state after keccak-f\[1600\] in the same form; the outputs are deduced from the inputs
//! (cairo-lang's `KeccakBuiltinRunner`). Felts map to bytes little-endian, 25 bytes each.

use crate::vm::{Memory, Relocatable, Value, VmError, VmErrorKind};
use starknet_types_core::felt::Felt;

/// Bits per state felt.
pub const STATE_BITS: u32 = 200;

/// keccak-f\[1600\] of a 200-byte state (lanes little-endian).
pub fn keccak_f(bytes: &[u8; 200]) -> [u8; 200] {
    let mut lanes = [0u64; 25];
    for (i, lane) in lanes.iter_mut().enumerate() {
        let mut b = [0u8; 8];
        b.copy_from_slice(&bytes[8 * i..8 * i + 8]);
        *lane = u64::from_le_bytes(b);
    }
    keccak::f1600(&mut lanes);
    let mut out = [0u8; 200];
    for (i, lane) in lanes.iter().enumerate() {
        out[8 * i..8 * i + 8].copy_from_slice(&lane.to_le_bytes());
    }
    out
}

/// The auto-deduction rule.
pub fn deduce(addr: Relocatable, memory: &Memory) -> Result<Option<Value>, VmError> {
    let index = addr.offset % 16;
    if index < 8 {
        return Ok(None);
    }
    let first = addr.offset - index;
    let mut values = [None; 8];
    for (i, v) in values.iter_mut().enumerate() {
        *v = memory.get(Relocatable::new(addr.segment, first + i as u64));
        if v.is_none() {
            return Ok(None);
        }
    }
    let mut input = [0u8; 200];
    for (i, v) in values.into_iter().enumerate() {
        let at = Relocatable::new(addr.segment, first + i as u64);
        let v = v.expect("checked above");
        let f = v.as_int().ok_or_else(|| -> VmError {
            VmErrorKind::Builtin(format!("Keccak builtin: Expected integer at address {at}. Got: {v}."))
                .into()
        })?;
        if f.bits() > STATE_BITS as usize {
            return Err(VmErrorKind::Builtin(format!(
                "Keccak builtin: Expected integer at address {at} to be smaller than 2^{STATE_BITS}. Got: {f}."
            ))
            .into());
        }
        input[25 * i..25 * i + 25].copy_from_slice(&f.to_bytes_le()[..25]);
    }
    let out = keccak_f(&input);
    let k = (index - 8) as usize;
    let mut le = [0u8; 32];
    le[..25].copy_from_slice(&out[25 * k..25 * k + 25]);
    Ok(Some(Value::Int(Felt::from_bytes_le(&le))))
}
