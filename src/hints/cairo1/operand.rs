//! Reading and writing the operands of Cairo 1 hints (`CellRef`, `ResOperand`) against our VM.
//!
//! The semantics are cairo-lang-runner's (and cairo-vm's Cairo 1 hint processor's): a
//! `CellRef` is `ap` or `fp` plus an offset; a `ResOperand` is a cell, a double dereference, an
//! immediate or `cell op (cell | immediate)` computed in the field; a "buffer" operand is a
//! pointer cell, optionally plus an immediate.

use super::Cairo1HintError as E;
use crate::vm::value::{felt_limbs, felt_to_biguint, felt_to_u128};
use crate::vm::{Relocatable, Value, Vm};
use cairo_lang_casm::operand::{CellRef, DerefOrImmediate, Operation, Register, ResOperand};
use num_bigint::{BigInt, BigUint};
use starknet_types_core::felt::Felt;

/// The address a `CellRef` names.
pub fn cell_addr(vm: &Vm, c: &CellRef) -> Result<Relocatable, E> {
    let base = match c.register {
        Register::AP => vm.ap,
        Register::FP => vm.fp,
    };
    base.add_i64(i64::from(c.offset))
        .ok_or_else(|| E::Msg(format!("address {base} + {} is negative", c.offset)))
}

/// The value at a cell (must be set).
pub fn cell_value(vm: &Vm, c: &CellRef) -> Result<Value, E> {
    let a = cell_addr(vm, c)?;
    vm.memory.get(a).ok_or(E::Unknown(a))
}

/// The field element at `addr`.
pub fn int_at(vm: &Vm, addr: Relocatable) -> Result<Felt, E> {
    match vm.memory.get(addr) {
        Some(Value::Int(f)) => Ok(f),
        Some(Value::Ptr(p)) => Err(E::Msg(format!("expected an integer at {addr}, found the pointer {p}"))),
        None => Err(E::Unknown(addr)),
    }
}

/// The pointer at `addr`.
pub fn ptr_at(vm: &Vm, addr: Relocatable) -> Result<Relocatable, E> {
    match vm.memory.get(addr) {
        Some(Value::Ptr(p)) => Ok(p),
        Some(Value::Int(f)) => Err(E::Msg(format!("expected a pointer at {addr}, found the integer {f}"))),
        None => Err(E::Unknown(addr)),
    }
}

fn imm(b: &BigInt) -> Felt {
    // Most immediates are small: skip the conversion through bytes.
    match num_traits::ToPrimitive::to_i128(b) {
        Some(v) => {
            let f = felt_from_u128(v.unsigned_abs());
            if v < 0 {
                -f
            } else {
                f
            }
        }
        None => {
            // Up to 256 bits: reduced into the field directly (starknet-types-core's conversion
            // of a `BigInt` costs about ten times as much); wider through it.
            let mut limbs = [0u64; 4];
            for (n, d) in b.iter_u64_digits().enumerate() {
                if n == 4 {
                    return Felt::from(b);
                }
                limbs[3 - n] = d;
            }
            let f = Felt::from_raw(cairo_jit_runtime::felt::from_canonical(limbs));
            if b.sign() == num_bigint::Sign::Minus {
                -f
            } else {
                f
            }
        }
    }
}

/// The field element a `ResOperand` denotes.
pub fn get_val(vm: &Vm, op: &ResOperand) -> Result<Felt, E> {
    match op {
        ResOperand::Deref(c) => int_at(vm, cell_addr(vm, c)?),
        ResOperand::DoubleDeref(c, off) => {
            let p = ptr_at(vm, cell_addr(vm, c)?)?;
            let a = p
                .add_i64(i64::from(*off))
                .ok_or_else(|| E::Msg(format!("address {p} + {off} is negative")))?;
            int_at(vm, a)
        }
        ResOperand::Immediate(v) => Ok(imm(&v.value)),
        ResOperand::BinOp(b) => {
            let a = int_at(vm, cell_addr(vm, &b.a)?)?;
            let c = match &b.b {
                DerefOrImmediate::Deref(c) => int_at(vm, cell_addr(vm, c)?)?,
                DerefOrImmediate::Immediate(v) => imm(&v.value),
            };
            Ok(match b.op {
                Operation::Add => a + c,
                Operation::Mul => a * c,
            })
        }
    }
}

/// `get_val` as an unsigned big integer in `[0, p)`.
pub fn get_big(vm: &Vm, op: &ResOperand) -> Result<BigUint, E> {
    Ok(felt_to_biguint(&get_val(vm, op)?))
}

/// `get_val` as a u128, when its integer value fits.
pub fn get_u128(vm: &Vm, op: &ResOperand) -> Result<Option<u128>, E> {
    if let Some(l) = small_imm_limbs(op) {
        return Ok((l[0] == 0 && l[1] == 0).then_some((u128::from(l[2]) << 64) | u128::from(l[3])));
    }
    Ok(felt_to_u128(&get_val(vm, op)?))
}

/// `get_val`'s integer value as limbs, most significant first (they compare as the integers).
pub fn get_limbs(vm: &Vm, op: &ResOperand) -> Result<[u64; 4], E> {
    if let Some(l) = small_imm_limbs(op) {
        return Ok(l);
    }
    Ok(felt_limbs(&get_val(vm, op)?))
}

/// The integer value in `[0, p)` (limbs, most significant first) of an immediate operand that
/// fits an `i128`, computed on the integers: what [`get_val`] and the conversion out of the
/// field give, without the two Montgomery conversions. `None` for any other operand.
#[inline]
fn small_imm_limbs(op: &ResOperand) -> Option<[u64; 4]> {
    let ResOperand::Immediate(v) = op else { return None };
    let v = num_traits::ToPrimitive::to_i128(&v.value)?;
    let m = v.unsigned_abs();
    let (hi, lo) = ((m >> 64) as u64, m as u64);
    if v >= 0 {
        return Some([0, 0, hi, lo]);
    }
    // p - |v|: |v| <= 2^127 < p, so the result lies in (0, p).
    let p = cairo_jit_runtime::felt::MODULUS;
    let (l3, b) = p[3].overflowing_sub(lo);
    let (l2, b) = p[2].borrowing_sub(hi, b);
    let (l1, b) = p[1].borrowing_sub(0, b);
    let (l0, _) = p[0].borrowing_sub(0, b);
    Some([l0, l1, l2, l3])
}

/// `get_val` as a `usize`.
pub fn get_usize(vm: &Vm, op: &ResOperand) -> Result<usize, E> {
    let f = get_val(vm, op)?;
    crate::vm::value::felt_to_u64(&f)
        .and_then(|v| usize::try_from(v).ok())
        .ok_or_else(|| E::Msg(format!("{f} does not fit in a usize")))
}

/// The pointer a buffer operand denotes: `[cell]` or `[cell] + imm`.
pub fn get_ptr(vm: &Vm, op: &ResOperand) -> Result<Relocatable, E> {
    let (cell, off) = match op {
        ResOperand::Deref(c) => (c, Felt::ZERO),
        ResOperand::BinOp(b) => match &b.b {
            DerefOrImmediate::Immediate(v) if b.op == Operation::Add => (&b.a, imm(&v.value)),
            _ => return Err(E::Msg("illegal buffer operand: expected [cell] + immediate".into())),
        },
        _ => return Err(E::Msg("illegal buffer operand".into())),
    };
    let p = ptr_at(vm, cell_addr(vm, cell)?)?;
    p.add_felt(&off).ok_or_else(|| E::Msg(format!("{p} + {off} leaves the segment")))
}

/// Writes `v` into the cell `c`.
pub fn set(vm: &mut Vm, c: &CellRef, v: impl Into<Value>) -> Result<(), E> {
    let a = cell_addr(vm, c)?;
    vm.memory.insert(a, v.into()).map_err(E::Memory)
}

/// Writes a big integer (reduced in the field) into the cell `c`.
pub fn set_big(vm: &mut Vm, c: &CellRef, v: &BigUint) -> Result<(), E> {
    set(vm, c, crate::hints::ctx::felt_from_biguint(v))
}

/// Writes a u128 into the cell `c`.
pub fn set_u128(vm: &mut Vm, c: &CellRef, v: u128) -> Result<(), E> {
    set(vm, c, felt_from_u128(v))
}

fn felt_from_u128(v: u128) -> Felt {
    Felt::from_raw(cairo_jit_runtime::felt::from_u128(v))
}

#[cfg(test)]
mod tests {
    use super::*;
    use cairo_lang_utils::bigint::BigIntAsHex;

    /// The immediate shortcut of `get_limbs` and `get_u128` gives what the field path gives,
    /// at the edges of `i128` and around zero.
    #[test]
    fn small_immediates_read_as_through_the_field() {
        let vm = Vm::new(crate::vm::Memory::new());
        let mut values: Vec<i128> = vec![0, 1, -1, 2, -2, i128::MAX, i128::MIN, i128::MIN + 1];
        values.extend([u64::MAX as i128, -(u64::MAX as i128), 1 << 64, -(1 << 64), (1 << 100) + 7]);
        values.extend((0..64).map(|k| -(1i128 << (2 * k)) - 3));
        for v in values {
            let op = ResOperand::Immediate(BigIntAsHex { value: v.into() });
            let felt = imm(&BigInt::from(v));
            assert_eq!(small_imm_limbs(&op), Some(felt_limbs(&felt)), "{v}");
            assert_eq!(get_limbs(&vm, &op).unwrap(), felt_limbs(&felt), "{v}");
            assert_eq!(get_u128(&vm, &op).unwrap(), felt_to_u128(&felt), "{v}");
        }
        // Wide immediates (the direct reduction up to 256 bits, starknet-types-core's beyond).
        let p: BigInt = BigInt::from_bytes_be(num_bigint::Sign::Plus, &Felt::MAX.to_bytes_be()) + 1;
        let one: BigInt = BigInt::from(1);
        for v in [
            one.clone() << 127,
            one.clone() << 128,
            (one.clone() << 200) + 5,
            p.clone() - 1,
            p.clone(),
            p.clone() + 1,
            (one.clone() << 256) - 1,
            one.clone() << 256,
            (one.clone() << 300) + 9,
            p.clone() * 3 + 2,
        ] {
            for v in [v.clone(), -v] {
                assert_eq!(imm(&v), Felt::from(&v), "{v}");
            }
        }
        let big = ResOperand::Immediate(BigIntAsHex { value: BigInt::from(1) << 200 });
        assert_eq!(small_imm_limbs(&big), None);
        assert_eq!(get_limbs(&vm, &big).unwrap(), [1 << 8, 0, 0, 0]);
    }
}
