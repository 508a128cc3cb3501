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
        None => Felt::from(b),
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
    Ok(felt_to_u128(&get_val(vm, op)?))
}

/// `get_val`'s integer value as limbs, most significant first (they compare as the integers).
pub fn get_limbs(vm: &Vm, op: &ResOperand) -> Result<[u64; 4], E> {
    Ok(felt_limbs(&get_val(vm, op)?))
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
