//! Older versions of the secp hints kept in the `cairo_secp.json` and `ec_bigint.json`
//! whitelists (programs compiled with older libraries still hold them).

use super::super::py::{as_int, div_mod, safe_div};
use super::*;
use crate::hints::{AtLine, HintCtx, HintError};
use num_bigint::BigInt;
use num_traits::Zero;
use starknet_types_core::felt::Felt;

pub const OLD_IMPORT_R1_ALPHA: &str =
    r#"from starkware.cairo.common.cairo_secp.secp256r1_utils import SECP256R1_ALPHA as ALPHA"#;
pub fn old_import_r1_alpha(ctx: &mut HintCtx<'_>) -> Result<(), HintError> {
    set_vars(ctx, [("ALPHA", &R1_ALPHA)]);
    Ok(())
}

pub const OLD_IMPORT_R1_N: &str =
    r#"from starkware.cairo.common.cairo_secp.secp256r1_utils import SECP256R1_N as N"#;
pub fn old_import_r1_n(ctx: &mut HintCtx<'_>) -> Result<(), HintError> {
    set_vars(ctx, [("N", &R1_N)]);
    Ok(())
}

pub const OLD_VERIFY_ZERO_IMPORT: &str = r#"from starkware.cairo.common.cairo_secp.secp_utils import SECP_P
q, r = divmod(pack(ids.val, PRIME), SECP_P)
assert r == 0, f"verify_zero: Invalid input {ids.val.d0, ids.val.d1, ids.val.d2}."
ids.q = q % PRIME"#;
pub fn old_verify_zero_import(ctx: &mut HintCtx<'_>) -> Result<(), HintError> {
    set_vars(ctx, [("SECP_P", &SECP_P)]);
    // `pack` is not imported here: an earlier hint of the scope must have imported it.
    if !ctx.scopes.contains("pack") {
        return Err(HintError::name_error("pack").at(2));
    }
    verify_zero(ctx, &SECP_P, [2, 3, 4])
}

pub const OLD_EC_DOUBLE_PT: &str = r#"from starkware.cairo.common.cairo_secp.secp_utils import SECP_P, pack

slope = pack(ids.slope, PRIME)
x = pack(ids.pt.x, PRIME)
y = pack(ids.pt.y, PRIME)

value = new_x = (pow(slope, 2, SECP_P) - 2 * x) % SECP_P"#;
pub fn old_ec_double_pt(ctx: &mut HintCtx<'_>) -> Result<(), HintError> {
    ctx.scopes.set("pack", crate::hints::ScopeValue::Imported);
    set_vars(ctx, [("SECP_P", &SECP_P)]);
    ec_double_new_x(ctx, "pt", &SECP_P, [3, 4, 5, 7])
}

pub const OLD_FAST_EC_ADD_PT: &str = r#"from starkware.cairo.common.cairo_secp.secp_utils import SECP_P, pack

slope = pack(ids.slope, PRIME)
x0 = pack(ids.pt0.x, PRIME)
x1 = pack(ids.pt1.x, PRIME)
y0 = pack(ids.pt0.y, PRIME)

value = new_x = (pow(slope, 2, SECP_P) - x0 - x1) % SECP_P"#;
pub fn old_fast_ec_add_pt(ctx: &mut HintCtx<'_>) -> Result<(), HintError> {
    ctx.scopes.set("pack", crate::hints::ScopeValue::Imported);
    set_vars(ctx, [("SECP_P", &SECP_P)]);
    fast_ec_add_new_x(ctx, "pt0", "pt1", &SECP_P, [3, 4, 5, 6, 8])
}

pub const OLD_DOUBLING_SLOPE_PT: &str = r#"from starkware.cairo.common.cairo_secp.secp_utils import SECP_P, pack
from starkware.python.math_utils import div_mod

# Compute the slope.
x = pack(ids.pt.x, PRIME)
y = pack(ids.pt.y, PRIME)
value = slope = div_mod(3 * x ** 2, 2 * y, SECP_P)"#;
pub fn old_doubling_slope_pt(ctx: &mut HintCtx<'_>) -> Result<(), HintError> {
    ctx.scopes.set("pack", crate::hints::ScopeValue::Imported);
    set_vars(ctx, [("SECP_P", &SECP_P)]);
    doubling_slope(ctx, "pt", Doubling::DivMod, &SECP_P, [5, 6, 7])
}

pub const OLD_SLOPE_PT: &str = r#"from starkware.cairo.common.cairo_secp.secp_utils import SECP_P, pack
from starkware.python.math_utils import div_mod

# Compute the slope.
x0 = pack(ids.pt0.x, PRIME)
y0 = pack(ids.pt0.y, PRIME)
x1 = pack(ids.pt1.x, PRIME)
y1 = pack(ids.pt1.y, PRIME)
value = slope = div_mod(y0 - y1, x0 - x1, SECP_P)"#;
pub fn old_slope_pt(ctx: &mut HintCtx<'_>) -> Result<(), HintError> {
    ctx.scopes.set("pack", crate::hints::ScopeValue::Imported);
    set_vars(ctx, [("SECP_P", &SECP_P)]);
    line_slope_hint(ctx, "pt0", "pt1", &SECP_P, true, [5, 6, 7, 8, 9])
}

pub const OLD_IS_ZERO_PACK_IMPORT: &str = r#"from starkware.cairo.common.cairo_secp.secp_utils import SECP_P, pack
x = pack(ids.x, PRIME) % SECP_P"#;
pub fn old_is_zero_pack_import(ctx: &mut HintCtx<'_>) -> Result<(), HintError> {
    ctx.scopes.set("pack", crate::hints::ScopeValue::Imported);
    set_vars(ctx, [("SECP_P", &SECP_P)]);
    pack_mod(ctx, "x", &SECP_P, 2)
}

pub const OLD_VERIFY_ZERO: &str = r#"from starkware.cairo.common.cairo_secp.secp_utils import pack

q, r = divmod(pack(ids.val, PRIME), SECP_P)
assert r == 0, f"verify_zero: Invalid input {ids.val.d0, ids.val.d1, ids.val.d2}."
ids.q = q % PRIME"#;
pub fn old_verify_zero(ctx: &mut HintCtx<'_>) -> Result<(), HintError> {
    ctx.scopes.set("pack", crate::hints::ScopeValue::Imported);
    let p = var(ctx, "SECP_P", 3)?;
    verify_zero(ctx, &p, [3, 4, 5])
}

pub const OLD_EC_DOUBLE: &str = r#"from starkware.cairo.common.cairo_secp.secp_utils import pack

slope = pack(ids.slope, PRIME)
x = pack(ids.point.x, PRIME)
y = pack(ids.point.y, PRIME)

value = new_x = (pow(slope, 2, SECP_P) - 2 * x) % SECP_P"#;
pub fn old_ec_double(ctx: &mut HintCtx<'_>) -> Result<(), HintError> {
    ctx.scopes.set("pack", crate::hints::ScopeValue::Imported);
    let p = var(ctx, "SECP_P", 7)?;
    ec_double_new_x(ctx, "point", &p, [3, 4, 5, 7])
}

pub const OLD_DIV_MOD_N_XS: &str = r#"from starkware.cairo.common.cairo_secp.secp_utils import pack
from starkware.python.math_utils import div_mod, safe_div

N = 0xfffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141
x = pack(ids.x, PRIME) % N
s = pack(ids.s, PRIME) % N
value = res = div_mod(x, s, N)"#;
pub fn old_div_mod_n_xs(ctx: &mut HintCtx<'_>) -> Result<(), HintError> {
    ctx.scopes.set("pack", crate::hints::ScopeValue::Imported);
    set_vars(ctx, [("N", &SECP_N)]);
    let n: &BigInt = &SECP_N;
    let x = md(&pack(ctx, "x", 5)?, n, 5)?;
    let s = md(&pack(ctx, "s", 6)?, n, 6)?;
    let res = div_mod(&x, &s, n).at(7)?;
    set_vars(ctx, [("x", &x), ("s", &s), ("res", &res), ("value", &res)]);
    Ok(())
}

pub const OLD_DIV_MOD_N: &str = r#"from starkware.cairo.common.cairo_secp.secp_utils import pack
from starkware.python.math_utils import div_mod, safe_div

a = pack(ids.a, PRIME)
b = pack(ids.b, PRIME)
value = res = div_mod(a, b, N)"#;
pub fn old_div_mod_n(ctx: &mut HintCtx<'_>) -> Result<(), HintError> {
    ctx.scopes.set("pack", crate::hints::ScopeValue::Imported);
    let a = pack(ctx, "a", 4)?;
    let b = pack(ctx, "b", 5)?;
    let n = var(ctx, "N", 6)?;
    let res = div_mod(&a, &b, &n).at(6)?;
    set_vars(ctx, [("a", &a), ("b", &b), ("res", &res), ("value", &res)]);
    Ok(())
}

pub const OLD_DOUBLING_SLOPE_ALPHA: &str = r#"from starkware.cairo.common.cairo_secp.secp_utils import pack
from starkware.python.math_utils import ec_double_slope

# Compute the slope.
x = pack(ids.point.x, PRIME)
y = pack(ids.point.y, PRIME)
value = slope = ec_double_slope(point=(x, y), alpha=ALPHA, p=SECP_P)"#;
pub fn old_doubling_slope_alpha(ctx: &mut HintCtx<'_>) -> Result<(), HintError> {
    ctx.scopes.set("pack", crate::hints::ScopeValue::Imported);
    let alpha = var(ctx, "ALPHA", 7)?;
    let p = var(ctx, "SECP_P", 7)?;
    doubling_slope(ctx, "point", Doubling::Alpha(&alpha), &p, [5, 6, 7])
}

pub const OLD_COMPUTE_SLOPE: &str = r#"from starkware.cairo.common.cairo_secp.secp_utils import pack
from starkware.python.math_utils import line_slope

# Compute the slope.
x0 = pack(ids.point0.x, PRIME)
y0 = pack(ids.point0.y, PRIME)
x1 = pack(ids.point1.x, PRIME)
y1 = pack(ids.point1.y, PRIME)
value = slope = line_slope(point1=(x0, y0), point2=(x1, y1), p=SECP_P)"#;
pub fn old_compute_slope(ctx: &mut HintCtx<'_>) -> Result<(), HintError> {
    ctx.scopes.set("pack", crate::hints::ScopeValue::Imported);
    let p = var(ctx, "SECP_P", 9)?;
    line_slope_hint(ctx, "point0", "point1", &p, false, [5, 6, 7, 8, 9])
}

pub const OLD_REDUCE: &str = r#"from starkware.cairo.common.cairo_secp.secp_utils import pack
value = pack(ids.x, PRIME) % SECP_P"#;
pub fn old_reduce(ctx: &mut HintCtx<'_>) -> Result<(), HintError> {
    ctx.scopes.set("pack", crate::hints::ScopeValue::Imported);
    let p = var(ctx, "SECP_P", 2)?;
    pack_mod(ctx, "value", &p, 2)
}

pub const OLD_IS_ZERO_PACK: &str = r#"from starkware.cairo.common.cairo_secp.secp_utils import pack
x = pack(ids.x, PRIME) % SECP_P"#;
pub fn old_is_zero_pack(ctx: &mut HintCtx<'_>) -> Result<(), HintError> {
    ctx.scopes.set("pack", crate::hints::ScopeValue::Imported);
    let p = var(ctx, "SECP_P", 2)?;
    pack_mod(ctx, "x", &p, 2)
}

pub const OLD_NONDET_BIGINT3: &str = r#"from starkware.cairo.common.cairo_secp.secp_utils import split
segments.write_arg(ids.res.address_, split(value))"#;
pub fn old_nondet_bigint3(ctx: &mut HintCtx<'_>) -> Result<(), HintError> {
    nondet_bigint3_at(ctx, 2)
}

pub const OLD_IS_ZERO_INV: &str = r#"from starkware.python.math_utils import div_mod

value = x_inv = div_mod(1, x, SECP_P)"#;
pub fn old_is_zero_inv(ctx: &mut HintCtx<'_>) -> Result<(), HintError> {
    let p = var(ctx, "SECP_P", 3)?;
    x_inv(ctx, &p, true, 3)
}

pub const OLD_DIBIT: &str =
    r#"ids.dibit = ((ids.scalar_u >> ids.m) & 1) + 2 * ((ids.scalar_v >> ids.m) & 1)"#;
pub fn old_dibit(ctx: &mut HintCtx<'_>) -> Result<(), HintError> {
    let m = shift_count(&ctx.get_bigint("m").at(1)?, 1)?;
    let u = ctx.get_bigint("scalar_u").at(1)?;
    let v = ctx.get_bigint("scalar_v").at(1)?;
    let dibit = ((u >> m) & BigInt::from(1)) + 2 * ((v >> m) & BigInt::from(1));
    ctx.set_big("dibit", &dibit).at(1)
}

pub const OLD_LEN_HI: &str =
    r#"ids.len_hi = max(ids.scalar_u.d2.bit_length(), ids.scalar_v.d2.bit_length())-1"#;
pub fn old_len_hi(ctx: &mut HintCtx<'_>) -> Result<(), HintError> {
    let u = ctx.get_big("scalar_u.d2").at(1)?.bits();
    let v = ctx.get_big("scalar_v.d2").at(1)?.bits();
    ctx.set_big("len_hi", &(BigInt::from(u.max(v)) - 1)).at(1)
}

pub const OLD_QUAD_BIT: &str = r#"ids.quad_bit = (
    8 * ((ids.scalar_v >> ids.m) & 1)
    + 4 * ((ids.scalar_u >> ids.m) & 1)
    + 2 * ((ids.scalar_v >> (ids.m - 1)) & 1)
    + ((ids.scalar_u >> (ids.m - 1)) & 1)
)"#;
pub fn old_quad_bit(ctx: &mut HintCtx<'_>) -> Result<(), HintError> {
    let m_int = ctx.get_bigint("m").at(2)?;
    let m = shift_count(&m_int, 2)?;
    let m1 = shift_count(&(m_int - 1), 4)?;
    let u = ctx.get_bigint("scalar_u").at(3)?;
    let v = ctx.get_bigint("scalar_v").at(2)?;
    let bit = |x: &BigInt, s: usize| (x >> s) & BigInt::from(1);
    let quad = 8 * bit(&v, m) + 4 * bit(&u, m) + 2 * bit(&v, m1) + bit(&u, m1);
    ctx.set_big("quad_bit", &quad).at(1)
}

pub const OLD_IS_ZERO_INT: &str = r#"memory[ap] = int(x == 0)"#;
pub fn old_is_zero_int(ctx: &mut HintCtx<'_>) -> Result<(), HintError> {
    x_is_zero(ctx)
}

pub const OLD_DIV_MOD_N_K_XS: &str = r#"value = k = safe_div(res * s - x, N)"#;
pub fn old_div_mod_n_k_xs(ctx: &mut HintCtx<'_>) -> Result<(), HintError> {
    let (res, s, x, n) = (var(ctx, "res", 1)?, var(ctx, "s", 1)?, var(ctx, "x", 1)?, var(ctx, "N", 1)?);
    let k = safe_div(&(res * s - x), &n).at(1)?;
    set_vars(ctx, [("k", &k), ("value", &k)]);
    Ok(())
}

pub const OLD_K_PLUS_ONE: &str = r#"value = k_plus_one = safe_div(res * b - a, N) + 1"#;
pub fn old_k_plus_one(ctx: &mut HintCtx<'_>) -> Result<(), HintError> {
    let (res, a, b, n) = (var(ctx, "res", 1)?, var(ctx, "a", 1)?, var(ctx, "b", 1)?, var(ctx, "N", 1)?);
    let k = safe_div(&(res * b - a), &n).at(1)? + 1;
    set_vars(ctx, [("k_plus_one", &k), ("value", &k)]);
    Ok(())
}

pub const EC_BIGINT_DIV_MOD: &str = r#"from starkware.cairo.common.cairo_secp.secp_utils import pack
from starkware.cairo.common.math_utils import as_int
from starkware.python.math_utils import div_mod, safe_div

p = pack(ids.P, PRIME)
x = pack(ids.x, PRIME) + as_int(ids.x.d3, PRIME) * ids.BASE ** 3 + as_int(ids.x.d4, PRIME) * ids.BASE ** 4
y = pack(ids.y, PRIME)

value = res = div_mod(x, y, p)"#;
pub fn ec_bigint_div_mod(ctx: &mut HintCtx<'_>) -> Result<(), HintError> {
    ctx.scopes.set("pack", crate::hints::ScopeValue::Imported);
    let p = pack(ctx, "P", 5)?;
    let line = 6;
    let b = ctx.get_bigint("BASE").at(line)?;
    let d3 = as_int(&ctx.get_int("x.d3").at(line)?);
    let d4 = as_int(&ctx.get_int("x.d4").at(line)?);
    let x = pack(ctx, "x", line)? + d3 * b.pow(3) + d4 * b.pow(4);
    let y = pack(ctx, "y", 7)?;
    let res = div_mod(&x, &y, &p).at(9)?;
    set_vars(ctx, [("p", &p), ("x", &x), ("y", &y), ("res", &res), ("value", &res)]);
    Ok(())
}

pub const EC_BIGINT_K: &str = r#"k = safe_div(res * y - x, p)
value = k if k > 0 else 0 - k
ids.flag = 1 if k > 0 else 0"#;
pub fn ec_bigint_k(ctx: &mut HintCtx<'_>) -> Result<(), HintError> {
    let (res, y, x, p) = (var(ctx, "res", 1)?, var(ctx, "y", 1)?, var(ctx, "x", 1)?, var(ctx, "p", 1)?);
    let k = safe_div(&(res * y - x), &p).at(1)?;
    let positive = k > BigInt::zero();
    let value = if positive { k.clone() } else { -&k };
    set_vars(ctx, [("k", &k), ("value", &value)]);
    ctx.set("flag", Felt::from(positive as u64)).at(3)
}
