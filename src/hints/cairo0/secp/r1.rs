//! Hints of `secp256r1/field.cairo` and `secp256r1/ec.cairo` (the shared texts are in the
//! secp256k1 files).

use super::super::py::{divmod, pow_mod};
use super::*;
use crate::hints::{AtLine, HintCtx, HintError};
use num_bigint::BigInt;
use num_integer::Integer;
use starknet_types_core::felt::Felt;

pub const R1_COMPUTE_DOUBLING_SLOPE: &str = r#"from starkware.cairo.common.cairo_secp.secp256r1_utils import SECP256R1_ALPHA, SECP256R1_P
from starkware.cairo.common.cairo_secp.secp_utils import pack
from starkware.python.math_utils import ec_double_slope

# Compute the slope.
x = pack(ids.point.x, PRIME)
y = pack(ids.point.y, PRIME)
value = slope = ec_double_slope(point=(x, y), alpha=SECP256R1_ALPHA, p=SECP256R1_P)"#;
pub fn r1_compute_doubling_slope(ctx: &mut HintCtx<'_>) -> Result<(), HintError> {
    ctx.scopes.set("pack", crate::hints::ScopeValue::Imported);
    set_vars(ctx, [("SECP256R1_ALPHA", &R1_ALPHA), ("SECP256R1_P", &R1_P)]);
    doubling_slope(ctx, "point", Doubling::Alpha(&R1_ALPHA), &R1_P, [6, 7, 8])
}

pub const R1_COMPUTE_SLOPE: &str = r#"from starkware.cairo.common.cairo_secp.secp256r1_utils import SECP256R1_P
from starkware.cairo.common.cairo_secp.secp_utils import pack
from starkware.python.math_utils import line_slope

# Compute the slope.
x0 = pack(ids.point0.x, PRIME)
y0 = pack(ids.point0.y, PRIME)
x1 = pack(ids.point1.x, PRIME)
y1 = pack(ids.point1.y, PRIME)
value = slope = line_slope(point1=(x0, y0), point2=(x1, y1), p=SECP256R1_P)"#;
pub fn r1_compute_slope(ctx: &mut HintCtx<'_>) -> Result<(), HintError> {
    ctx.scopes.set("pack", crate::hints::ScopeValue::Imported);
    set_vars(ctx, [("SECP256R1_P", &R1_P)]);
    line_slope_hint(ctx, "point0", "point1", &R1_P, false, [6, 7, 8, 9, 10])
}

pub const R1_EC_DOUBLE: &str = r#"from starkware.cairo.common.cairo_secp.secp256r1_utils import SECP256R1_P
from starkware.cairo.common.cairo_secp.secp_utils import pack

slope = pack(ids.slope, PRIME)
x = pack(ids.point.x, PRIME)
y = pack(ids.point.y, PRIME)

value = new_x = (pow(slope, 2, SECP256R1_P) - 2 * x) % SECP256R1_P"#;
pub fn r1_ec_double(ctx: &mut HintCtx<'_>) -> Result<(), HintError> {
    ctx.scopes.set("pack", crate::hints::ScopeValue::Imported);
    set_vars(ctx, [("SECP256R1_P", &R1_P)]);
    ec_double_new_x(ctx, "point", &R1_P, [4, 5, 6, 8])
}

pub const R1_EC_DOUBLE_NEW_Y: &str = r#"value = new_y = (slope * (x - new_x) - y) % SECP256R1_P"#;
pub fn r1_ec_double_new_y(ctx: &mut HintCtx<'_>) -> Result<(), HintError> {
    let p = var(ctx, "SECP256R1_P", 1)?;
    ec_double_new_y(ctx, &p)
}

pub const R1_IMPORT_SECP_P: &str =
    r#"from starkware.cairo.common.cairo_secp.secp256r1_utils import SECP256R1_P as SECP_P"#;
pub fn r1_import_secp_p(ctx: &mut HintCtx<'_>) -> Result<(), HintError> {
    set_vars(ctx, [("SECP_P", &R1_P)]);
    Ok(())
}

pub const FAST_EC_ADD_SCOPE_P: &str = r#"from starkware.cairo.common.cairo_secp.secp_utils import pack

slope = pack(ids.slope, PRIME)
x0 = pack(ids.point0.x, PRIME)
x1 = pack(ids.point1.x, PRIME)
y0 = pack(ids.point0.y, PRIME)

value = new_x = (pow(slope, 2, SECP_P) - x0 - x1) % SECP_P"#;
pub fn fast_ec_add_scope_p(ctx: &mut HintCtx<'_>) -> Result<(), HintError> {
    ctx.scopes.set("pack", crate::hints::ScopeValue::Imported);
    let p = var(ctx, "SECP_P", 8)?;
    fast_ec_add_new_x(ctx, "point0", "point1", &p, [3, 4, 5, 6, 8])
}

pub const R1_TRY_GET_POINT_FROM_X: &str = r#"from starkware.cairo.common.cairo_secp.secp_utils import SECP256R1, pack
from starkware.python.math_utils import y_squared_from_x

y_square_int = y_squared_from_x(
    x=pack(ids.x, PRIME),
    alpha=SECP256R1.alpha,
    beta=SECP256R1.beta,
    field_prime=SECP256R1.prime,
)

# Note that (y_square_int ** ((SECP256R1.prime + 1) / 4)) ** 2 =
#   = y_square_int ** ((SECP256R1.prime + 1) / 2) =
#   = y_square_int ** ((SECP256R1.prime - 1) / 2 + 1) =
#   = y_square_int * y_square_int ** ((SECP256R1.prime - 1) / 2) = y_square_int * {+/-}1.
y = pow(y_square_int, (SECP256R1.prime + 1) // 4, SECP256R1.prime)

# We need to decide whether to take y or prime - y.
if ids.v % 2 == y % 2:
    value = y
else:
    value = (-y) % SECP256R1.prime"#;
pub fn r1_try_get_point_from_x(ctx: &mut HintCtx<'_>) -> Result<(), HintError> {
    ctx.scopes.set("pack", crate::hints::ScopeValue::Imported);
    // `SECP256R1` is a `Curve`; the hints only read its `.prime`, which the scope keeps.
    set_vars(ctx, [("SECP256R1", &R1_P)]);
    let p: &BigInt = &R1_P;
    let x = pack(ctx, "x", 5)?;
    let y_square = md(&(pow_mod(&x, &BigInt::from(3), p).at(4)? + &*R1_ALPHA * &x + &*R1_BETA), p, 4)?;
    let y = pow_mod(&y_square, &((p + 1) / 4), p).at(15)?;
    let v = ctx.get_bigint("v").at(18)?;
    let value = if v.is_odd() == y.is_odd() { y.clone() } else { md(&-&y, p, 21)? };
    set_vars(ctx, [("y_square_int", &y_square), ("y", &y), ("value", &value)]);
    Ok(())
}

pub const R1_IS_ON_CURVE: &str = r#"ids.is_on_curve = (y * y) % SECP256R1.prime == y_square_int"#;
pub fn r1_is_on_curve(ctx: &mut HintCtx<'_>) -> Result<(), HintError> {
    let (y, p, y2) = (var(ctx, "y", 1)?, var(ctx, "SECP256R1", 1)?, var(ctx, "y_square_int", 1)?);
    let on = md(&(&y * &y), &p, 1)? == y2;
    ctx.set("is_on_curve", Felt::from(on as u64)).at(1)
}

pub const R1_ASSERT_165_BIT: &str = r#"from starkware.cairo.common.math_utils import as_int

# Correctness check.
value = as_int(ids.value, PRIME) % PRIME
assert value < ids.UPPER_BOUND, f'{value} is outside of the range [0, 2**165).'

# Calculation for the assertion.
ids.high, ids.low = divmod(ids.value, ids.SHIFT)"#;
pub fn r1_assert_165_bit(ctx: &mut HintCtx<'_>) -> Result<(), HintError> {
    let value = super::super::py::int(&ctx.get_int("value").at(4)?);
    set_vars(ctx, [("value", &value)]);
    let upper = ctx.get_bigint("UPPER_BOUND").at(5)?;
    if value >= upper {
        return Err(HintError::assertion(5, format!("{value} is outside of the range [0, 2**165).")));
    }
    let shift = ctx.get_bigint("SHIFT").at(8)?;
    let (high, low) = divmod(&value, &shift).at(8)?;
    ctx.set_big("high", &high).at(8)?;
    ctx.set_big("low", &low).at(8)
}

pub const R1_IS_ZERO_PACK: &str = r#"from starkware.cairo.common.cairo_secp.secp256r1_utils import SECP256R1_P
from starkware.cairo.common.cairo_secp.secp_utils import pack

x = pack(ids.x, PRIME) % SECP256R1_P"#;
pub fn r1_is_zero_pack(ctx: &mut HintCtx<'_>) -> Result<(), HintError> {
    ctx.scopes.set("pack", crate::hints::ScopeValue::Imported);
    set_vars(ctx, [("SECP256R1_P", &R1_P)]);
    pack_mod(ctx, "x", &R1_P, 4)
}

pub const R1_IS_ZERO_INV: &str = r#"from starkware.python.math_utils import div_mod

value = div_mod(1, x, SECP256R1_P)"#;
pub fn r1_is_zero_inv(ctx: &mut HintCtx<'_>) -> Result<(), HintError> {
    let p = var(ctx, "SECP256R1_P", 3)?;
    x_inv(ctx, &p, false, 3)
}

pub const R1_REDUCE: &str = r#"from starkware.cairo.common.cairo_secp.secp256r1_utils import SECP256R1_P
from starkware.cairo.common.cairo_secp.secp_utils import pack
value = pack(ids.x, PRIME) % SECP256R1_P"#;
pub fn r1_reduce(ctx: &mut HintCtx<'_>) -> Result<(), HintError> {
    ctx.scopes.set("pack", crate::hints::ScopeValue::Imported);
    set_vars(ctx, [("SECP256R1_P", &R1_P)]);
    pack_mod(ctx, "value", &R1_P, 3)
}

pub const R1_VERIFY_ZERO: &str = r#"from starkware.cairo.common.cairo_secp.secp256r1_utils import SECP256R1_P
from starkware.cairo.common.cairo_secp.secp_utils import pack

q, r = divmod(pack(ids.val, PRIME), SECP256R1_P)
assert r == 0, f"verify_zero: Invalid input {ids.val.d0, ids.val.d1, ids.val.d2}."
ids.q = q % PRIME"#;
pub fn r1_verify_zero(ctx: &mut HintCtx<'_>) -> Result<(), HintError> {
    ctx.scopes.set("pack", crate::hints::ScopeValue::Imported);
    set_vars(ctx, [("SECP256R1_P", &R1_P)]);
    verify_zero(ctx, &R1_P, [4, 5, 6])
}
