//! Hints of `cairo_secp/signature.cairo` (secp256k1), and of the `ec_recover.json` whitelist.

use super::super::py::{div_mod, divmod, pow_mod, safe_div};
use super::*;
use crate::hints::{AtLine, HintCtx, HintError};
use num_bigint::BigInt;
use starknet_types_core::felt::Felt;

pub const K1_DIV_MOD_N: &str = r#"from starkware.cairo.common.cairo_secp.secp_utils import N, pack
from starkware.python.math_utils import div_mod, safe_div

a = pack(ids.a, PRIME)
b = pack(ids.b, PRIME)
value = res = div_mod(a, b, N)"#;
pub fn k1_div_mod_n(ctx: &mut HintCtx<'_>) -> Result<(), HintError> {
    ctx.scopes.set("pack", crate::hints::ScopeValue::Imported);
    set_vars(ctx, [("N", &SECP_N)]);
    let a = pack(ctx, "a", 4)?;
    let b = pack(ctx, "b", 5)?;
    let res = div_mod(&a, &b, &SECP_N).at(6)?;
    set_vars(ctx, [("a", &a), ("b", &b), ("res", &res), ("value", &res)]);
    Ok(())
}

pub const DIV_MOD_N_K: &str = r#"value = k = safe_div(res * b - a, N)"#;
pub fn div_mod_n_k(ctx: &mut HintCtx<'_>) -> Result<(), HintError> {
    let (res, a, b, n) = (var(ctx, "res", 1)?, var(ctx, "a", 1)?, var(ctx, "b", 1)?, var(ctx, "N", 1)?);
    let k = safe_div(&(res * b - a), &n).at(1)?;
    set_vars(ctx, [("k", &k), ("value", &k)]);
    Ok(())
}

pub const K1_GET_POINT_FROM_X: &str = r#"from starkware.cairo.common.cairo_secp.secp_utils import SECP_P, pack

x_cube_int = pack(ids.x_cube, PRIME) % SECP_P
y_square_int = (x_cube_int + ids.BETA) % SECP_P
y = pow(y_square_int, (SECP_P + 1) // 4, SECP_P)

# We need to decide whether to take y or SECP_P - y.
if ids.v % 2 == y % 2:
    value = y
else:
    value = (-y) % SECP_P"#;
pub fn k1_get_point_from_x(ctx: &mut HintCtx<'_>) -> Result<(), HintError> {
    ctx.scopes.set("pack", crate::hints::ScopeValue::Imported);
    set_vars(ctx, [("SECP_P", &SECP_P)]);
    let p: &BigInt = &SECP_P;
    let x_cube = md(&pack(ctx, "x_cube", 3)?, p, 3)?;
    let y_square = md(&(&x_cube + ctx.get_bigint("BETA").at(4)?), p, 4)?;
    let y = pow_mod(&y_square, &((p + 1) / 4), p).at(5)?;
    let v = ctx.get_bigint("v").at(8)?;
    let value = if (&v % 2) == (&y % 2) { y.clone() } else { md(&-&y, p, 11)? };
    set_vars(ctx, [("x_cube_int", &x_cube), ("y_square_int", &y_square), ("y", &y), ("value", &value)]);
    Ok(())
}

pub const K1_IS_ON_CURVE: &str = r#"ids.is_on_curve = (y * y) % SECP_P == y_square_int"#;
pub fn k1_is_on_curve(ctx: &mut HintCtx<'_>) -> Result<(), HintError> {
    let (y, p, y2) = (var(ctx, "y", 1)?, var(ctx, "SECP_P", 1)?, var(ctx, "y_square_int", 1)?);
    let on = md(&(&y * &y), &p, 1)? == y2;
    ctx.set("is_on_curve", Felt::from(on as u64)).at(1)
}

pub const EC_RECOVER_DIV_MOD_N_PACKED: &str = r#"from starkware.cairo.common.cairo_secp.secp_utils import pack
from starkware.python.math_utils import div_mod, safe_div

N = pack(ids.n, PRIME)
x = pack(ids.x, PRIME) % N
s = pack(ids.s, PRIME) % N
value = res = div_mod(x, s, N)"#;
pub fn ec_recover_div_mod_n_packed(ctx: &mut HintCtx<'_>) -> Result<(), HintError> {
    ctx.scopes.set("pack", crate::hints::ScopeValue::Imported);
    let n = pack(ctx, "n", 4)?;
    set_vars(ctx, [("N", &n)]);
    let x = md(&pack(ctx, "x", 5)?, &n, 5)?;
    let s = md(&pack(ctx, "s", 6)?, &n, 6)?;
    let res = div_mod(&x, &s, &n).at(7)?;
    set_vars(ctx, [("x", &x), ("s", &s), ("res", &res), ("value", &res)]);
    Ok(())
}

pub const EC_RECOVER_SUB: &str = r#"from starkware.cairo.common.cairo_secp.secp_utils import pack
from starkware.python.math_utils import div_mod, safe_div

a = pack(ids.a, PRIME)
b = pack(ids.b, PRIME)

value = res = a - b"#;
pub fn ec_recover_sub(ctx: &mut HintCtx<'_>) -> Result<(), HintError> {
    ctx.scopes.set("pack", crate::hints::ScopeValue::Imported);
    let a = pack(ctx, "a", 4)?;
    let b = pack(ctx, "b", 5)?;
    let res = &a - &b;
    set_vars(ctx, [("a", &a), ("b", &b), ("res", &res), ("value", &res)]);
    Ok(())
}

pub const EC_RECOVER_PRODUCT_MOD: &str = r#"from starkware.cairo.common.cairo_secp.secp_utils import pack
from starkware.python.math_utils import div_mod, safe_div

a = pack(ids.a, PRIME)
b = pack(ids.b, PRIME)
product = a * b
m = pack(ids.m, PRIME)

value = res = product % m"#;
pub fn ec_recover_product_mod(ctx: &mut HintCtx<'_>) -> Result<(), HintError> {
    ctx.scopes.set("pack", crate::hints::ScopeValue::Imported);
    let a = pack(ctx, "a", 4)?;
    let b = pack(ctx, "b", 5)?;
    let product = &a * &b;
    let m = pack(ctx, "m", 7)?;
    let res = md(&product, &m, 9)?;
    set_vars(ctx, [("a", &a), ("b", &b), ("product", &product), ("m", &m), ("res", &res), ("value", &res)]);
    Ok(())
}

pub const EC_RECOVER_PRODUCT_DIV_M: &str = r#"value = k = product // m"#;
pub fn ec_recover_product_div_m(ctx: &mut HintCtx<'_>) -> Result<(), HintError> {
    let (product, m) = (var(ctx, "product", 1)?, var(ctx, "m", 1)?);
    let k = divmod(&product, &m).at(1)?.0;
    set_vars(ctx, [("k", &k), ("value", &k)]);
    Ok(())
}
