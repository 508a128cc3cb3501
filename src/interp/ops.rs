//! Arithmetic on memory cells with cairo-lang's rules for pointers: felt+felt, ptr+felt,
//! ptr-felt, ptr-ptr (same segment) and felt*felt; everything else is a fault.

use crate::vm::{Value, VmError, VmErrorKind};
use cairo_jit_runtime::cell::Cell;
use cairo_jit_runtime::felt;
use starknet_types_core::felt::Felt;

fn value(c: Cell) -> Value {
    Value::from_cell(c).expect("a set cell")
}

/// `a + b` for set cells.
#[inline(always)]
pub fn add_cells(a: Cell, b: Cell) -> Result<Cell, VmError> {
    if a.is_felt() && b.is_felt() {
        return Ok(Cell::felt(felt::add(a.raw(), b.raw())));
    }
    // pointer + felt (jumps, ap updates, pointer arithmetic): in place when the felt is a small
    // signed integer and the offset stays in range; anything else (and every fault) is the
    // slow path's.
    if a.is_felt() != b.is_felt() {
        let (p, f) = if a.is_felt() { (b, a) } else { (a, b) };
        if let Some(off) = offset_plus(p.0[2], f.raw()) {
            return Ok(Cell::reloc(p.0[1] as i64, off));
        }
    }
    add_slow(a, b)
}

/// `offset + f` when `f` (a field element) is within ±2^64 of zero and the result is a valid
/// offset.
#[inline(always)]
fn offset_plus(offset: u64, f: felt::Raw) -> Option<u64> {
    match felt::to_u64(f) {
        Some(v) => offset.checked_add(v),
        None => felt::to_u64(felt::neg(f)).and_then(|n| offset.checked_sub(n)),
    }
}

#[cold]
#[inline(never)]
fn add_slow(a: Cell, b: Cell) -> Result<Cell, VmError> {
    let (va, vb) = (value(a), value(b));
    match (va, vb) {
        (Value::Ptr(p), Value::Ptr(q)) => Err(VmErrorKind::AddPointers(p, q).into()),
        (Value::Ptr(p), Value::Int(f)) | (Value::Int(f), Value::Ptr(p)) => match p.add_felt(&f) {
            Some(r) => Ok(Cell::reloc(r.segment, r.offset)),
            None => Err(offset_range(Value::Ptr(p), f)),
        },
        (Value::Int(_), Value::Int(_)) => unreachable!("handled by the fast path"),
    }
}

#[cold]
fn offset_range(p: Value, f: Felt) -> VmError {
    let d = crate::vm::value::felt_to_i128_signed(&f).unwrap_or(i128::MAX);
    VmErrorKind::AddressOutOfRange(p, d).into()
}

/// `a - b` for set cells.
#[inline]
pub fn sub_cells(a: Cell, b: Cell) -> Result<Cell, VmError> {
    if a.is_felt() && b.is_felt() {
        return Ok(Cell::felt(felt::sub(a.raw(), b.raw())));
    }
    if a.is_reloc() && b.is_felt() {
        if let Some(off) = offset_plus(a.0[2], felt::neg(b.raw())) {
            return Ok(Cell::reloc(a.0[1] as i64, off));
        }
    }
    let (va, vb) = (value(a), value(b));
    match (va, vb) {
        (Value::Ptr(p), Value::Int(f)) => match p.add_felt(&-f) {
            Some(r) => Ok(Cell::reloc(r.segment, r.offset)),
            None => Err(offset_range(Value::Ptr(p), -f)),
        },
        (Value::Ptr(p), Value::Ptr(q)) => {
            if p.segment != q.segment {
                return Err(VmErrorKind::SubSegments(p.segment, q.segment).into());
            }
            Ok(Cell::felt(Felt::from(p.offset as i128 - q.offset as i128).to_raw()))
        }
        _ => Err(VmErrorKind::SubFeltPointer(va, vb).into()),
    }
}

/// `a * b` for set cells (felts only).
#[inline(always)]
pub fn mul_cells(a: Cell, b: Cell) -> Result<Cell, VmError> {
    if a.is_felt() && b.is_felt() {
        return Ok(Cell::felt(felt::mul(a.raw(), b.raw())));
    }
    Err(super::pure("*", &[a, b]))
}
