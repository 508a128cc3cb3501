//! ec_op: instances of 7 cells `P.x, P.y, Q.x, Q.y, m, R.x, R.y` with `R = P + m * Q` on the
//! STARK curve `y^2 = x^3 + x + BETA`; R is deduced from the five inputs (cairo-lang's
//! `EcOpBuiltinRunner`).
//!
//! The computation mimics the AIR as cairo-lang's `ec_op_impl` does: 256 rounds of
//! double-and-add in affine coordinates, failing when a round meets two points with the same
//! x coordinate (even after m's bits are exhausted), with cairo-lang's message.

use crate::vm::{Memory, Relocatable, Value, VmError, VmErrorKind};
use starknet_types_core::felt::Felt;

/// The curve's BETA.
pub fn beta() -> Felt {
    static BETA: std::sync::OnceLock<Felt> = std::sync::OnceLock::new();
    *BETA.get_or_init(|| {
        Felt::from_hex("0x6f21413efbe40de150e596d72f7a8c5609ad26c15c915c1f4cdfcb99cee9e89").expect("constant")
    })
}

/// Doublings the AIR performs (`scalar_height`).
pub const SCALAR_HEIGHT: u32 = 256;

fn err(msg: String) -> VmError {
    VmErrorKind::Builtin(msg).into()
}

/// Whether (x, y) is on the curve.
pub fn on_curve(x: &Felt, y: &Felt) -> bool {
    y * y == x * x * x + x + beta()
}

fn add(p: (Felt, Felt), q: (Felt, Felt)) -> (Felt, Felt) {
    let inv = (q.0 - p.0).inverse().expect("distinct x coordinates");
    let m = (q.1 - p.1) * inv;
    let x = m * m - p.0 - q.0;
    let y = m * (p.0 - x) - p.1;
    (x, y)
}

fn double(p: (Felt, Felt)) -> Result<(Felt, Felt), VmError> {
    // cairo-lang's `ec_double_slope` asserts y != 0 without a message.
    let inv = (p.1 + p.1).inverse().ok_or_else(|| err(String::new()))?;
    let m = (Felt::THREE * p.0 * p.0 + Felt::ONE) * inv;
    let x = m * m - p.0 - p.0;
    let y = m * (p.0 - x) - p.1;
    Ok((x, y))
}

/// `P + m * Q` as the AIR computes it (cairo-lang's `ec_op_impl`).
pub fn ec_op(p: (Felt, Felt), q: (Felt, Felt), m: &Felt) -> Result<(Felt, Felt), VmError> {
    let bits = m.to_bytes_le();
    let mut doubled = q;
    let mut partial = p;
    for i in 0..SCALAR_HEIGHT as usize {
        if doubled.0 == partial.0 {
            return Err(err(format!(
                "Cannot apply EC operation: computation reached two points with the same x coordinate.\n\
                 Attempting to compute P + m * Q where:\nP = ({}, {})\nm = {m}\nQ = ({}, {}).",
                p.0, p.1, q.0, q.1
            )));
        }
        if (bits[i / 8] >> (i % 8)) & 1 != 0 {
            partial = add(partial, doubled);
        }
        doubled = double(doubled)?;
    }
    Ok(partial)
}

/// The auto-deduction rule.
pub fn deduce(addr: Relocatable, memory: &Memory) -> Result<Option<Value>, VmError> {
    let index = addr.offset % 7;
    if index < 5 {
        return Ok(None);
    }
    let first = addr.offset - index;
    let mut values = [None; 5];
    for (i, v) in values.iter_mut().enumerate() {
        *v = memory.get(Relocatable::new(addr.segment, first + i as u64));
        if v.is_none() {
            return Ok(None);
        }
    }
    let mut f = [Felt::ZERO; 5];
    for (i, v) in values.into_iter().enumerate() {
        let at = Relocatable::new(addr.segment, first + i as u64);
        let v = v.expect("checked above");
        f[i] = v
            .as_int()
            .ok_or_else(|| err(format!("ec_op builtin: Expected integer at address {at}.Got: {v}.")))?;
    }
    for (x, y) in [(f[0], f[1]), (f[2], f[3])] {
        if !on_curve(&x, &y) {
            return Err(err(format!("ec_op builtin: point ({x}, {y}) is not on the curve.")));
        }
    }
    let r = ec_op((f[0], f[1]), (f[2], f[3]), &f[4])?;
    Ok(Some(Value::Int(if index == 5 { r.0 } else { r.1 })))
}
