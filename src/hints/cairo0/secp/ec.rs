//! Hints of `cairo_secp/ec.cairo` (secp256k1), and those `secp256r1/ec.cairo` shares.

use super::*;
use crate::hints::ScopeValue;
use crate::hints::{AtLine, HintCtx, HintError};
use crate::vm::Value;
use num_bigint::BigInt;
use num_traits::Zero;
use starknet_types_core::felt::Felt;

pub const K1_EC_NEGATE: &str = r#"from starkware.cairo.common.cairo_secp.secp_utils import SECP_P, pack

y = pack(ids.point.y, PRIME) % SECP_P
# The modulo operation in python always returns a nonnegative number.
value = (-y) % SECP_P"#;
pub fn k1_ec_negate(ctx: &mut HintCtx<'_>) -> Result<(), HintError> {
    ctx.scopes.set("pack", crate::hints::ScopeValue::Imported);
    set_vars(ctx, [("SECP_P", &SECP_P)]);
    let y = md(&pack(ctx, "point.y", 3)?, &SECP_P, 3)?;
    let value = md(&-&y, &SECP_P, 5)?;
    set_vars(ctx, [("y", &y), ("value", &value)]);
    Ok(())
}

pub const K1_COMPUTE_DOUBLING_SLOPE: &str = r#"from starkware.cairo.common.cairo_secp.secp_utils import SECP_P, pack
from starkware.python.math_utils import ec_double_slope

# Compute the slope.
x = pack(ids.point.x, PRIME)
y = pack(ids.point.y, PRIME)
value = slope = ec_double_slope(point=(x, y), alpha=0, p=SECP_P)"#;
pub fn k1_compute_doubling_slope(ctx: &mut HintCtx<'_>) -> Result<(), HintError> {
    ctx.scopes.set("pack", crate::hints::ScopeValue::Imported);
    set_vars(ctx, [("SECP_P", &SECP_P)]);
    doubling_slope(ctx, "point", Doubling::Alpha(&BigInt::zero()), &SECP_P, [5, 6, 7])
}

pub const K1_COMPUTE_SLOPE: &str = r#"from starkware.cairo.common.cairo_secp.secp_utils import SECP_P, pack
from starkware.python.math_utils import line_slope

# Compute the slope.
x0 = pack(ids.point0.x, PRIME)
y0 = pack(ids.point0.y, PRIME)
x1 = pack(ids.point1.x, PRIME)
y1 = pack(ids.point1.y, PRIME)
value = slope = line_slope(point1=(x0, y0), point2=(x1, y1), p=SECP_P)"#;
pub fn k1_compute_slope(ctx: &mut HintCtx<'_>) -> Result<(), HintError> {
    ctx.scopes.set("pack", crate::hints::ScopeValue::Imported);
    set_vars(ctx, [("SECP_P", &SECP_P)]);
    line_slope_hint(ctx, "point0", "point1", &SECP_P, false, [5, 6, 7, 8, 9])
}

pub const K1_EC_DOUBLE: &str = r#"from starkware.cairo.common.cairo_secp.secp_utils import SECP_P, pack

slope = pack(ids.slope, PRIME)
x = pack(ids.point.x, PRIME)
y = pack(ids.point.y, PRIME)

value = new_x = (pow(slope, 2, SECP_P) - 2 * x) % SECP_P"#;
pub fn k1_ec_double(ctx: &mut HintCtx<'_>) -> Result<(), HintError> {
    ctx.scopes.set("pack", crate::hints::ScopeValue::Imported);
    set_vars(ctx, [("SECP_P", &SECP_P)]);
    ec_double_new_x(ctx, "point", &SECP_P, [3, 4, 5, 7])
}

pub const EC_DOUBLE_NEW_Y: &str = r#"value = new_y = (slope * (x - new_x) - y) % SECP_P"#;
pub fn ec_double_new_y_hint(ctx: &mut HintCtx<'_>) -> Result<(), HintError> {
    let p = var(ctx, "SECP_P", 1)?;
    ec_double_new_y(ctx, &p)
}

pub const K1_FAST_EC_ADD: &str = r#"from starkware.cairo.common.cairo_secp.secp_utils import SECP_P, pack

slope = pack(ids.slope, PRIME)
x0 = pack(ids.point0.x, PRIME)
x1 = pack(ids.point1.x, PRIME)
y0 = pack(ids.point0.y, PRIME)

value = new_x = (pow(slope, 2, SECP_P) - x0 - x1) % SECP_P"#;
pub fn k1_fast_ec_add(ctx: &mut HintCtx<'_>) -> Result<(), HintError> {
    ctx.scopes.set("pack", crate::hints::ScopeValue::Imported);
    set_vars(ctx, [("SECP_P", &SECP_P)]);
    fast_ec_add_new_x(ctx, "point0", "point1", &SECP_P, [3, 4, 5, 6, 8])
}

pub const FAST_EC_ADD_NEW_Y: &str = r#"value = new_y = (slope * (x0 - new_x) - y0) % SECP_P"#;
pub fn fast_ec_add_new_y_hint(ctx: &mut HintCtx<'_>) -> Result<(), HintError> {
    let p = var(ctx, "SECP_P", 1)?;
    fast_ec_add_new_y(ctx, &p)
}

pub const EC_MUL_BY_UINT256: &str = r#"num = (ids.scalar.high << 128) + ids.scalar.low
nibbles = [(num >> i) & 0xf for i in range(0, 256, 4)]
ids.first_nibble = nibbles.pop()
ids.last_nibble = nibbles[0]"#;
pub fn ec_mul_by_uint256(ctx: &mut HintCtx<'_>) -> Result<(), HintError> {
    let num = (ctx.get_bigint("scalar.high").at(1)? << 128) + ctx.get_bigint("scalar.low").at(1)?;
    let mask = BigInt::from(0xfu8);
    let mut nibbles: Vec<BigInt> = (0..256).step_by(4).map(|i| (&num >> i) & &mask).collect();
    let first = nibbles.pop().ok_or_else(|| HintError::py("IndexError", 3, "pop from empty list"))?;
    ctx.set_big("first_nibble", &first).at(3)?;
    let last = nibbles[0].clone();
    ctx.scopes.set("nibbles", ScopeValue::IntList(nibbles));
    ctx.set_big("last_nibble", &last).at(4)
}

pub const EC_MUL_INNER: &str = r#"memory[ap] = (ids.scalar % PRIME) % 2"#;
pub fn ec_mul_inner(ctx: &mut HintCtx<'_>) -> Result<(), HintError> {
    let scalar = ctx.get_int("scalar").at(1)?;
    ctx.set_ap(Felt::from(scalar.to_le_digits()[0] & 1)).at(1)
}

pub const FAST_EC_MUL_INNER: &str = r#"memory[fp + 0] = to_felt_or_relocatable(nibbles.pop())"#;
pub fn fast_ec_mul_inner(ctx: &mut HintCtx<'_>) -> Result<(), HintError> {
    let nibble = ctx
        .scopes
        .int_list_mut("nibbles")
        .at(1)?
        .pop()
        .ok_or_else(|| HintError::py("IndexError", 1, "pop from empty list"))?;
    let fp = ctx.fp();
    ctx.insert(fp, Value::Int(Felt::from(&nibble))).at(1)
}
