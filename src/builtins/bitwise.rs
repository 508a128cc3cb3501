//! bitwise: instances of 5 cells `x, y, x & y, x ^ y, x | y`; the last three are deduced from
//! the first two, which must be integers below 2^251 (cairo-lang's `BitwiseBuiltinRunner`).

use crate::vm::value::{felt_from_limbs, felt_limbs};
use crate::vm::{Memory, Relocatable, Value, VmError, VmErrorKind};

/// Bits of a bitwise operand.
pub const TOTAL_N_BITS: u32 = 251;

/// The auto-deduction rule.
pub fn deduce(addr: Relocatable, memory: &Memory) -> Result<Option<Value>, VmError> {
    let index = addr.offset % 5;
    if index < 2 {
        return Ok(None);
    }
    let xa = Relocatable::new(addr.segment, addr.offset - index);
    let ya = Relocatable::new(addr.segment, xa.offset + 1);
    let (Some(x), Some(y)) = (memory.get(xa), memory.get(ya)) else { return Ok(None) };
    let x = operand(xa, x)?;
    let y = operand(ya, y)?;
    let out: [u64; 4] = std::array::from_fn(|i| match index {
        2 => x[i] & y[i],
        3 => x[i] ^ y[i],
        _ => x[i] | y[i],
    });
    Ok(Some(Value::Int(felt_from_limbs(out))))
}

/// An operand's integer value (limbs, most significant first), which must be below 2^251.
fn operand(at: Relocatable, v: Value) -> Result<[u64; 4], VmError> {
    let f = v.as_int().ok_or_else(|| -> VmError {
        VmErrorKind::Builtin(format!("bitwise builtin: Expected integer at address {at}. Got: {v}.")).into()
    })?;
    let limbs = felt_limbs(&f);
    if limbs[0] >> (TOTAL_N_BITS - 192) != 0 {
        return Err(VmErrorKind::Builtin(format!(
            "bitwise builtin: Expected integer at address {at} to be smaller than 2^{TOTAL_N_BITS}. Got: {f}."
        ))
        .into());
    }
    Ok(limbs)
}

/// Diluted units one instance uses (cairo-lang's `BitwiseInstanceDef.get_diluted_units_per_builtin`).
pub fn diluted_units(total_n_bits: u32, spacing: u32, n_bits: u32) -> u64 {
    let mut partition = Vec::new();
    let step = (spacing * n_bits) as usize;
    for i in (0..total_n_bits).step_by(step.max(1)) {
        for j in 0..spacing {
            if i + j < total_n_bits {
                partition.push(i + j);
            }
        }
    }
    let trimmed = partition.iter().filter(|&&s| s + spacing * (n_bits - 1) + 1 > total_n_bits).count();
    (4 * partition.len() + trimmed) as u64
}
