//! bitwise: instances of 5 cells `x, y, x & y, x ^ y, x | y`; the last three are deduced from
//! the first two, which must be integers below 2^251 (cairo-lang's `BitwiseBuiltinRunner`).

use crate::vm::value::{felt_from_limbs, felt_limbs};
use crate::vm::{Memory, Relocatable, Value, VmError, VmErrorKind};
use cairo_jit_runtime::cell::Cell;

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
    // Cells rather than values: the operands' limbs stay in registers (a `Result` of limbs
    // returned through memory cost a failed store-to-load forwarding per operand).
    let (x, y) = (memory.cell(xa.segment, xa.offset), memory.cell(ya.segment, ya.offset));
    if !x.is_set() || !y.is_set() {
        return Ok(None);
    }
    let (Some(x), Some(y)) = (operand_limbs(x), operand_limbs(y)) else {
        // One of them is invalid: its error (both valid cannot happen).
        return operand(xa, memory).and(operand(ya, memory)).map(|()| None);
    };
    let out: [u64; 4] = std::array::from_fn(|i| match index {
        2 => x[i] & y[i],
        3 => x[i] ^ y[i],
        _ => x[i] | y[i],
    });
    Ok(Some(Value::Int(felt_from_limbs(out))))
}

/// What deducing any output cell of the instance at `instance` gives when it fails: the
/// error of its first invalid operand (`Ok` when both are valid or one is unset, where
/// [`deduce`] deduces a value or nothing).
pub fn check_operands(instance: Relocatable, memory: &Memory) -> Result<(), VmError> {
    let ya = Relocatable::new(instance.segment, instance.offset + 1);
    let (x, y) = (memory.cell(instance.segment, instance.offset), memory.cell(ya.segment, ya.offset));
    if !x.is_set() || !y.is_set() || (operand_limbs(x).is_some() && operand_limbs(y).is_some()) {
        return Ok(());
    }
    operand(instance, memory).and(operand(ya, memory))
}

/// A valid operand's integer value (limbs, most significant first): a felt below 2^251.
#[inline(always)]
fn operand_limbs(c: Cell) -> Option<[u64; 4]> {
    if !c.is_felt() {
        return None;
    }
    let limbs = cairo_jit_runtime::felt::to_canonical(c.raw());
    (limbs[0] >> (TOTAL_N_BITS - 192) == 0).then_some(limbs)
}

/// The error for the operand at `at` (set), if it is invalid.
#[cold]
fn operand(at: Relocatable, memory: &Memory) -> Result<(), VmError> {
    let v = memory.get(at).expect("a set operand");
    let f = v.as_int().ok_or_else(|| -> VmError {
        VmErrorKind::Builtin(format!("bitwise builtin: Expected integer at address {at}. Got: {v}.")).into()
    })?;
    if felt_limbs(&f)[0] >> (TOTAL_N_BITS - 192) != 0 {
        return Err(VmErrorKind::Builtin(format!(
            "bitwise builtin: Expected integer at address {at} to be smaller than 2^{TOTAL_N_BITS}. Got: {f}."
        ))
        .into());
    }
    Ok(())
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
