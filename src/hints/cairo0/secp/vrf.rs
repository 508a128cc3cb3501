//! Hints of the `vrf.json` whitelist: field and curve arithmetic modulo 2^255 - 19
//! (Curve25519), 512-bit and 384-bit divisions, modular inverses and square roots.

use super::super::py::{div_mod, divmod, pow_mod};
use super::*;
use crate::hints::{AtLine, HintCtx, HintError};
use num_bigint::BigInt;
use num_traits::{One, Zero};
use std::sync::LazyLock;

/// The `alpha` of the vrf whitelist's doubling slope.
static VRF_ALPHA: LazyLock<BigInt> = LazyLock::new(|| {
    "42204101795669822316448953119945047945709099015225996174933988943478124189485".parse().expect("constant")
});

pub const VRF_SQRT_25519: &str = r#"PRIME = 2**255 - 19
II = pow(2, (PRIME - 1) // 4, PRIME)

xx = ids.xx.low + (ids.xx.high<<128)
x = pow(xx, (PRIME + 3) // 8, PRIME)
if (x * x - xx) % PRIME != 0:
    x = (x * II) % PRIME
if x % 2 != 0:
    x = PRIME - x
ids.x.low = x & ((1<<128)-1)
ids.x.high = x >> 128"#;
pub fn vrf_sqrt_25519(ctx: &mut HintCtx<'_>) -> Result<(), HintError> {
    let p: &BigInt = &P25519;
    let ii = pow_mod(&BigInt::from(2), &((p - 1) / 4), p).at(2)?;
    let xx = ctx.get_bigint("xx.low").at(4)? + (ctx.get_bigint("xx.high").at(4)? << 128);
    let mut x = pow_mod(&xx, &((p + 3) / 8), p).at(5)?;
    if !md(&(&x * &x - &xx), p, 6)?.is_zero() {
        x = md(&(x * &ii), p, 7)?;
    }
    if !md(&x, &BigInt::from(2), 8)?.is_zero() {
        x = p - x;
    }
    set_vars(ctx, [("II", &ii), ("xx", &xx), ("x", &x)]);
    ctx.set_big("x.low", &(&x & ((BigInt::one() << 128) - 1))).at(10)?;
    ctx.set_big("x.high", &(&x >> 128)).at(11)
}

pub const VRF_X_INV: &str = r#"SECP_P=2**255-19
from starkware.python.math_utils import div_mod

value = x_inv = div_mod(1, x, SECP_P)"#;
pub fn vrf_x_inv(ctx: &mut HintCtx<'_>) -> Result<(), HintError> {
    set_vars(ctx, [("SECP_P", &P25519)]);
    x_inv(ctx, &P25519, true, 4)
}

pub const VRF_INV_512: &str = r#"def pack_512(u, num_bits_shift: int) -> int:
    limbs = (u.d0, u.d1, u.d2, u.d3)
    return sum(limb << (num_bits_shift * i) for i, limb in enumerate(limbs))

x = pack_512(ids.x, num_bits_shift = 128)
p = ids.p.low + (ids.p.high << 128)
x_inverse_mod_p = pow(x,-1, p)

x_inverse_mod_p_split = (x_inverse_mod_p & ((1 << 128) - 1), x_inverse_mod_p >> 128)

ids.x_inverse_mod_p.low = x_inverse_mod_p_split[0]
ids.x_inverse_mod_p.high = x_inverse_mod_p_split[1]"#;
pub fn vrf_inv_512(ctx: &mut HintCtx<'_>) -> Result<(), HintError> {
    let x = pack_limbs(ctx, "x", &["d0", "d1", "d2", "d3"], 128, 5)?;
    let p = pack_limbs(ctx, "p", &["low", "high"], 128, 6)?;
    let inv = pow_mod(&x, &BigInt::from(-1), &p).at(7)?;
    set_vars(ctx, [("x", &x), ("p", &p), ("x_inverse_mod_p", &inv)]);
    let parts = split_limbs(&inv, 128, 2);
    ctx.set_big("x_inverse_mod_p.low", &parts[0]).at(11)?;
    ctx.set_big("x_inverse_mod_p.high", &(inv >> 128)).at(12)
}

pub const VRF_DIV_6_BY_3: &str = r#"def split(num: int, num_bits_shift: int, length: int):
    a = []
    for _ in range(length):
        a.append( num & ((1 << num_bits_shift) - 1) )
        num = num >> num_bits_shift
    return tuple(a)

def pack(z, num_bits_shift: int) -> int:
    limbs = (z.d0, z.d1, z.d2)
    return sum(limb << (num_bits_shift * i) for i, limb in enumerate(limbs))

def pack_extended(z, num_bits_shift: int) -> int:
    limbs = (z.d0, z.d1, z.d2, z.d3, z.d4, z.d5)
    return sum(limb << (num_bits_shift * i) for i, limb in enumerate(limbs))

a = pack_extended(ids.a, num_bits_shift = 128)
div = pack(ids.div, num_bits_shift = 128)

quotient, remainder = divmod(a, div)

quotient_split = split(quotient, num_bits_shift=128, length=6)

ids.quotient.d0 = quotient_split[0]
ids.quotient.d1 = quotient_split[1]
ids.quotient.d2 = quotient_split[2]
ids.quotient.d3 = quotient_split[3]
ids.quotient.d4 = quotient_split[4]
ids.quotient.d5 = quotient_split[5]

remainder_split = split(remainder, num_bits_shift=128, length=3)
ids.remainder.d0 = remainder_split[0]
ids.remainder.d1 = remainder_split[1]
ids.remainder.d2 = remainder_split[2]"#;
pub fn vrf_div_6_by_3(ctx: &mut HintCtx<'_>) -> Result<(), HintError> {
    div_6_by_3(ctx, [16, 17, 19, 23, 31])
}

pub const VRF_DIV_4_BY_2: &str = r#"def split(num: int, num_bits_shift: int, length: int):
    a = []
    for _ in range(length):
        a.append( num & ((1 << num_bits_shift) - 1) )
        num = num >> num_bits_shift
    return tuple(a)

def pack(z, num_bits_shift: int) -> int:
    limbs = (z.low, z.high)
    return sum(limb << (num_bits_shift * i) for i, limb in enumerate(limbs))

def pack_extended(z, num_bits_shift: int) -> int:
    limbs = (z.d0, z.d1, z.d2, z.d3)
    return sum(limb << (num_bits_shift * i) for i, limb in enumerate(limbs))

x = pack_extended(ids.x, num_bits_shift = 128)
div = pack(ids.div, num_bits_shift = 128)

quotient, remainder = divmod(x, div)

quotient_split = split(quotient, num_bits_shift=128, length=4)

ids.quotient.d0 = quotient_split[0]
ids.quotient.d1 = quotient_split[1]
ids.quotient.d2 = quotient_split[2]
ids.quotient.d3 = quotient_split[3]

remainder_split = split(remainder, num_bits_shift=128, length=2)
ids.remainder.low = remainder_split[0]
ids.remainder.high = remainder_split[1]"#;
pub fn vrf_div_4_by_2(ctx: &mut HintCtx<'_>) -> Result<(), HintError> {
    let x = pack_limbs(ctx, "x", &["d0", "d1", "d2", "d3"], 128, 16)?;
    let div = pack_limbs(ctx, "div", &["low", "high"], 128, 17)?;
    let (q, r) = divmod(&x, &div).at(19)?;
    set_vars(ctx, [("x", &x), ("div", &div), ("quotient", &q), ("remainder", &r)]);
    set_limbs(ctx, "quotient", &["d0", "d1", "d2", "d3"], &split_limbs(&q, 128, 4), 23)?;
    set_limbs(ctx, "remainder", &["low", "high"], &split_limbs(&r, 128, 2), 29)
}

pub const VRF_EC_DOUBLE: &str = r#"from starkware.cairo.common.cairo_secp.secp_utils import pack
SECP_P = 2**255-19

slope = pack(ids.slope, PRIME)
x = pack(ids.point.x, PRIME)
y = pack(ids.point.y, PRIME)

value = new_x = (pow(slope, 2, SECP_P) - 2 * x) % SECP_P"#;
pub fn vrf_ec_double(ctx: &mut HintCtx<'_>) -> Result<(), HintError> {
    ctx.scopes.set("pack", crate::hints::ScopeValue::Imported);
    set_vars(ctx, [("SECP_P", &P25519)]);
    ec_double_new_x(ctx, "point", &P25519, [4, 5, 6, 8])
}

pub const VRF_FAST_EC_ADD: &str = r#"from starkware.cairo.common.cairo_secp.secp_utils import pack
SECP_P = 2**255-19

slope = pack(ids.slope, PRIME)
x0 = pack(ids.point0.x, PRIME)
x1 = pack(ids.point1.x, PRIME)
y0 = pack(ids.point0.y, PRIME)

value = new_x = (pow(slope, 2, SECP_P) - x0 - x1) % SECP_P"#;
pub fn vrf_fast_ec_add(ctx: &mut HintCtx<'_>) -> Result<(), HintError> {
    ctx.scopes.set("pack", crate::hints::ScopeValue::Imported);
    set_vars(ctx, [("SECP_P", &P25519)]);
    fast_ec_add_new_x(ctx, "point0", "point1", &P25519, [4, 5, 6, 7, 9])
}

pub const VRF_EC_NEGATE: &str = r#"from starkware.cairo.common.cairo_secp.secp_utils import pack
SECP_P = 2**255-19

y = pack(ids.point.y, PRIME) % SECP_P
# The modulo operation in python always returns a nonnegative number.
value = (-y) % SECP_P"#;
pub fn vrf_ec_negate(ctx: &mut HintCtx<'_>) -> Result<(), HintError> {
    ctx.scopes.set("pack", crate::hints::ScopeValue::Imported);
    set_vars(ctx, [("SECP_P", &P25519)]);
    let p: &BigInt = &P25519;
    let y = md(&pack(ctx, "point.y", 4)?, p, 4)?;
    let value = md(&-&y, p, 6)?;
    set_vars(ctx, [("y", &y), ("value", &value)]);
    Ok(())
}

pub const VRF_VERIFY_ZERO: &str = r#"from starkware.cairo.common.cairo_secp.secp_utils import pack
SECP_P = 2**255-19
to_assert = pack(ids.val, PRIME)
q, r = divmod(pack(ids.val, PRIME), SECP_P)
assert r == 0, f"verify_zero: Invalid input {ids.val.d0, ids.val.d1, ids.val.d2}."
ids.q = q % PRIME"#;
pub fn vrf_verify_zero(ctx: &mut HintCtx<'_>) -> Result<(), HintError> {
    ctx.scopes.set("pack", crate::hints::ScopeValue::Imported);
    set_vars(ctx, [("SECP_P", &P25519)]);
    let to_assert = pack(ctx, "val", 3)?;
    set_vars(ctx, [("to_assert", &to_assert)]);
    verify_zero(ctx, &P25519, [4, 5, 6])
}

pub const VRF_REDUCE: &str = r#"from starkware.cairo.common.cairo_secp.secp_utils import pack
SECP_P=2**255-19

value = pack(ids.x, PRIME) % SECP_P"#;
pub fn vrf_reduce(ctx: &mut HintCtx<'_>) -> Result<(), HintError> {
    ctx.scopes.set("pack", crate::hints::ScopeValue::Imported);
    set_vars(ctx, [("SECP_P", &P25519)]);
    pack_mod(ctx, "value", &P25519, 4)
}

pub const VRF_IS_ZERO_PACK: &str = r#"from starkware.cairo.common.cairo_secp.secp_utils import pack
SECP_P=2**255-19

x = pack(ids.x, PRIME) % SECP_P"#;
pub fn vrf_is_zero_pack(ctx: &mut HintCtx<'_>) -> Result<(), HintError> {
    ctx.scopes.set("pack", crate::hints::ScopeValue::Imported);
    set_vars(ctx, [("SECP_P", &P25519)]);
    pack_mod(ctx, "x", &P25519, 4)
}

pub const VRF_INV_MOD_P_UINT256: &str = r#"from starkware.python.math_utils import div_mod

def split(a: int):
    return (a & ((1 << 128) - 1), a >> 128)

def pack(z, num_bits_shift: int) -> int:
    limbs = (z.low, z.high)
    return sum(limb << (num_bits_shift * i) for i, limb in enumerate(limbs))

a = pack(ids.a, 128)
b = pack(ids.b, 128)
p = pack(ids.p, 128)
# For python3.8 and above the modular inverse can be computed as follows:
# b_inverse_mod_p = pow(b, -1, p)
# Instead we use the python3.7-friendly function div_mod from starkware.python.math_utils
b_inverse_mod_p = div_mod(1, b, p)

b_inverse_mod_p_split = split(b_inverse_mod_p)

ids.b_inverse_mod_p.low = b_inverse_mod_p_split[0]
ids.b_inverse_mod_p.high = b_inverse_mod_p_split[1]"#;
pub fn vrf_inv_mod_p_uint256(ctx: &mut HintCtx<'_>) -> Result<(), HintError> {
    let lh = ["low", "high"];
    let a = pack_limbs(ctx, "a", &lh, 128, 10)?;
    let b = pack_limbs(ctx, "b", &lh, 128, 11)?;
    let p = pack_limbs(ctx, "p", &lh, 128, 12)?;
    let inv = div_mod(&BigInt::one(), &b, &p).at(16)?;
    set_vars(ctx, [("a", &a), ("b", &b), ("p", &p), ("b_inverse_mod_p", &inv)]);
    ctx.set_big("b_inverse_mod_p.low", &(&inv & ((BigInt::one() << 128) - 1))).at(20)?;
    ctx.set_big("b_inverse_mod_p.high", &(&inv >> 128)).at(21)
}

pub const VRF_DOUBLING_SLOPE: &str = r#"from starkware.python.math_utils import ec_double_slope
from starkware.cairo.common.cairo_secp.secp_utils import pack
SECP_P = 2**255-19

# Compute the slope.
x = pack(ids.point.x, PRIME)
y = pack(ids.point.y, PRIME)
value = slope = ec_double_slope(point=(x, y), alpha=42204101795669822316448953119945047945709099015225996174933988943478124189485, p=SECP_P)"#;
pub fn vrf_doubling_slope(ctx: &mut HintCtx<'_>) -> Result<(), HintError> {
    ctx.scopes.set("pack", crate::hints::ScopeValue::Imported);
    set_vars(ctx, [("SECP_P", &P25519)]);
    doubling_slope(ctx, "point", Doubling::Alpha(&VRF_ALPHA), &P25519, [6, 7, 8])
}

pub const VRF_SQRT_UINT256: &str = r#"from starkware.python.math_utils import is_quad_residue, sqrt

def split(a: int):
    return (a & ((1 << 128) - 1), a >> 128)

def pack(z) -> int:
    return z.low + (z.high << 128)

generator = pack(ids.generator)
x = pack(ids.x)
p = pack(ids.p)

success_x = is_quad_residue(x, p)
root_x = sqrt(x, p) if success_x else None
success_gx = is_quad_residue(generator*x, p)
root_gx = sqrt(generator*x, p) if success_gx else None

# Check that one is 0 and the other is 1
if x != 0:
    assert success_x + success_gx == 1

# `None` means that no root was found, but we need to transform these into a felt no matter what
if root_x == None:
    root_x = 0
if root_gx == None:
    root_gx = 0
ids.success_x = int(success_x)
ids.success_gx = int(success_gx)
split_root_x = split(root_x)
# print('split root x', split_root_x)
split_root_gx = split(root_gx)
ids.sqrt_x.low = split_root_x[0]
ids.sqrt_x.high = split_root_x[1]
ids.sqrt_gx.low = split_root_gx[0]
ids.sqrt_gx.high = split_root_gx[1]"#;
pub fn vrf_sqrt_uint256(ctx: &mut HintCtx<'_>) -> Result<(), HintError> {
    let lh = ["low", "high"];
    let r = SqrtLines {
        pack: [9, 10, 11],
        residue: [13, 14, 15, 16],
        assert: 20,
        success: [27, 28],
        roots: [32, 34],
    };
    sqrt_pair(ctx, &lh, 2, &r)
}

pub const VRF_COMPUTE_SLOPE: &str = r#"from starkware.python.math_utils import line_slope
from starkware.cairo.common.cairo_secp.secp_utils import pack
SECP_P = 2**255-19
# Compute the slope.
x0 = pack(ids.point0.x, PRIME)
y0 = pack(ids.point0.y, PRIME)
x1 = pack(ids.point1.x, PRIME)
y1 = pack(ids.point1.y, PRIME)
value = slope = line_slope(point1=(x0, y0), point2=(x1, y1), p=SECP_P)"#;
pub fn vrf_compute_slope(ctx: &mut HintCtx<'_>) -> Result<(), HintError> {
    ctx.scopes.set("pack", crate::hints::ScopeValue::Imported);
    set_vars(ctx, [("SECP_P", &P25519)]);
    line_slope_hint(ctx, "point0", "point1", &P25519, false, [5, 6, 7, 8, 9])
}
