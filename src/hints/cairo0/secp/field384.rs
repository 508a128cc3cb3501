//! Hints of the `384_bit_prime_field.json` whitelist: arithmetic on three 128-bit limbs
//! (`d0`, `d1`, `d2`) modulo a prime of up to 384 bits.

use super::super::py::{div_mod, divmod, is_quad_residue, sqrt_mod};
use super::*;
use crate::hints::{AtLine, HintCtx, HintError};
use num_bigint::BigInt;
use num_traits::{One, Zero};
use starknet_types_core::felt::Felt;

const D3: [&str; 3] = ["d0", "d1", "d2"];

/// The 6-limb by 3-limb division of `384_bit_prime_field.json` and `vrf.json`, at lines
/// `[a, div, divmod, first quotient limb, first remainder limb]`.
pub(super) fn div_6_by_3(ctx: &mut HintCtx<'_>, lines: [u32; 5]) -> Result<(), HintError> {
    let a = pack_limbs(ctx, "a", &["d0", "d1", "d2", "d3", "d4", "d5"], 128, lines[0])?;
    let div = pack_limbs(ctx, "div", &D3, 128, lines[1])?;
    let (q, r) = divmod(&a, &div).at(lines[2])?;
    set_vars(ctx, [("a", &a), ("div", &div), ("quotient", &q), ("remainder", &r)]);
    set_limbs(ctx, "quotient", &["d0", "d1", "d2", "d3", "d4", "d5"], &split_limbs(&q, 128, 6), lines[3])?;
    set_limbs(ctx, "remainder", &D3, &split_limbs(&r, 128, 3), lines[4])
}

/// Lines of the square-root hints.
pub(super) struct SqrtLines {
    /// `generator = pack(...)`, `x = pack(...)`, `p = pack(...)`.
    pub pack: [u32; 3],
    /// `success_x`, `root_x`, `success_gx`, `root_gx`.
    pub residue: [u32; 4],
    /// `assert success_x + success_gx == 1`.
    pub assert: u32,
    /// `ids.success_x = ...`, `ids.success_gx = ...`.
    pub success: [u32; 2],
    /// The first limb writes of `ids.sqrt_x` and `ids.sqrt_gx`.
    pub roots: [u32; 2],
}

/// The square roots of `x` or `generator * x` modulo `p` (the one that exists), with limbs
/// `limbs` of 128 bits.
pub(super) fn sqrt_pair(
    ctx: &mut HintCtx<'_>,
    limbs: &[&str],
    n: usize,
    l: &SqrtLines,
) -> Result<(), HintError> {
    let g = pack_limbs(ctx, "generator", limbs, 128, l.pack[0])?;
    let x = pack_limbs(ctx, "x", limbs, 128, l.pack[1])?;
    let p = pack_limbs(ctx, "p", limbs, 128, l.pack[2])?;
    let success_x = is_quad_residue(&x, &p).at(l.residue[0])?;
    let root_x = if success_x { sqrt_mod(&x, &p).at(l.residue[1])? } else { BigInt::zero() };
    let gx = &g * &x;
    let success_gx = is_quad_residue(&gx, &p).at(l.residue[2])?;
    let root_gx = if success_gx { sqrt_mod(&gx, &p).at(l.residue[3])? } else { BigInt::zero() };
    if !x.is_zero() && (success_x as u8 + success_gx as u8) != 1 {
        return Err(HintError::assertion(l.assert, ""));
    }
    ctx.set("success_x", Felt::from(success_x as u64)).at(l.success[0])?;
    ctx.set("success_gx", Felt::from(success_gx as u64)).at(l.success[1])?;
    set_limbs(ctx, "sqrt_x", limbs, &split_limbs(&root_x, 128, n), l.roots[0])?;
    set_limbs(ctx, "sqrt_gx", limbs, &split_limbs(&root_gx, 128, n), l.roots[1])
}

pub const F384_SUB: &str = r#"def split(num: int, num_bits_shift: int, length: int):
    a = []
    for _ in range(length):
        a.append( num & ((1 << num_bits_shift) - 1) )
        num = num >> num_bits_shift
    return tuple(a)

def pack(z, num_bits_shift: int) -> int:
    limbs = (z.d0, z.d1, z.d2)
    return sum(limb << (num_bits_shift * i) for i, limb in enumerate(limbs))

a = pack(ids.a, num_bits_shift = 128)
b = pack(ids.b, num_bits_shift = 128)
p = pack(ids.p, num_bits_shift = 128)

res = (a - b) % p


res_split = split(res, num_bits_shift=128, length=3)

ids.res.d0 = res_split[0]
ids.res.d1 = res_split[1]
ids.res.d2 = res_split[2]"#;
pub fn f384_sub(ctx: &mut HintCtx<'_>) -> Result<(), HintError> {
    let a = pack_limbs(ctx, "a", &D3, 128, 12)?;
    let b = pack_limbs(ctx, "b", &D3, 128, 13)?;
    let p = pack_limbs(ctx, "p", &D3, 128, 14)?;
    let res = md(&(&a - &b), &p, 16)?;
    set_vars(ctx, [("a", &a), ("b", &b), ("p", &p), ("res", &res)]);
    set_limbs(ctx, "res", &D3, &split_limbs(&res, 128, 3), 21)
}

pub const F384_DIV_REM: &str = r#"def split(num: int, num_bits_shift: int, length: int):
    a = []
    for _ in range(length):
        a.append( num & ((1 << num_bits_shift) - 1) )
        num = num >> num_bits_shift
    return tuple(a)

def pack(z, num_bits_shift: int) -> int:
    limbs = (z.d0, z.d1, z.d2)
    return sum(limb << (num_bits_shift * i) for i, limb in enumerate(limbs))

a = pack(ids.a, num_bits_shift = 128)
div = pack(ids.div, num_bits_shift = 128)
quotient, remainder = divmod(a, div)

quotient_split = split(quotient, num_bits_shift=128, length=3)
assert len(quotient_split) == 3

ids.quotient.d0 = quotient_split[0]
ids.quotient.d1 = quotient_split[1]
ids.quotient.d2 = quotient_split[2]

remainder_split = split(remainder, num_bits_shift=128, length=3)
ids.remainder.d0 = remainder_split[0]
ids.remainder.d1 = remainder_split[1]
ids.remainder.d2 = remainder_split[2]"#;
pub fn f384_div_rem(ctx: &mut HintCtx<'_>) -> Result<(), HintError> {
    let a = pack_limbs(ctx, "a", &D3, 128, 12)?;
    let div = pack_limbs(ctx, "div", &D3, 128, 13)?;
    let (q, r) = divmod(&a, &div).at(14)?;
    set_vars(ctx, [("a", &a), ("div", &div), ("quotient", &q), ("remainder", &r)]);
    set_limbs(ctx, "quotient", &D3, &split_limbs(&q, 128, 3), 19)?;
    set_limbs(ctx, "remainder", &D3, &split_limbs(&r, 128, 3), 24)
}

pub const F384_DIV_6_BY_3: &str = r#"def split(num: int, num_bits_shift: int, length: int):
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
pub fn f384_div_6_by_3(ctx: &mut HintCtx<'_>) -> Result<(), HintError> {
    div_6_by_3(ctx, [16, 17, 19, 23, 31])
}

pub const F384_INV: &str = r#"from starkware.python.math_utils import div_mod

def split(num: int, num_bits_shift: int, length: int):
    a = []
    for _ in range(length):
        a.append( num & ((1 << num_bits_shift) - 1) )
        num = num >> num_bits_shift
    return tuple(a)

def pack(z, num_bits_shift: int) -> int:
    limbs = (z.d0, z.d1, z.d2)
    return sum(limb << (num_bits_shift * i) for i, limb in enumerate(limbs))

a = pack(ids.a, num_bits_shift = 128)
b = pack(ids.b, num_bits_shift = 128)
p = pack(ids.p, num_bits_shift = 128)
# For python3.8 and above the modular inverse can be computed as follows:
# b_inverse_mod_p = pow(b, -1, p)
# Instead we use the python3.7-friendly function div_mod from starkware.python.math_utils
b_inverse_mod_p = div_mod(1, b, p)


b_inverse_mod_p_split = split(b_inverse_mod_p, num_bits_shift=128, length=3)

ids.b_inverse_mod_p.d0 = b_inverse_mod_p_split[0]
ids.b_inverse_mod_p.d1 = b_inverse_mod_p_split[1]
ids.b_inverse_mod_p.d2 = b_inverse_mod_p_split[2]"#;
pub fn f384_inv(ctx: &mut HintCtx<'_>) -> Result<(), HintError> {
    let a = pack_limbs(ctx, "a", &D3, 128, 14)?;
    let b = pack_limbs(ctx, "b", &D3, 128, 15)?;
    let p = pack_limbs(ctx, "p", &D3, 128, 16)?;
    let inv = div_mod(&BigInt::one(), &b, &p).at(20)?;
    set_vars(ctx, [("a", &a), ("b", &b), ("p", &p), ("b_inverse_mod_p", &inv)]);
    set_limbs(ctx, "b_inverse_mod_p", &D3, &split_limbs(&inv, 128, 3), 25)
}

pub const F384_SQRT: &str = r#"from starkware.python.math_utils import is_quad_residue, sqrt

def split(num: int, num_bits_shift: int = 128, length: int = 3):
    a = []
    for _ in range(length):
        a.append( num & ((1 << num_bits_shift) - 1) )
        num = num >> num_bits_shift
    return tuple(a)

def pack(z, num_bits_shift: int = 128) -> int:
    limbs = (z.d0, z.d1, z.d2)
    return sum(limb << (num_bits_shift * i) for i, limb in enumerate(limbs))


generator = pack(ids.generator)
x = pack(ids.x)
p = pack(ids.p)

success_x = is_quad_residue(x, p)
root_x = sqrt(x, p) if success_x else None

success_gx = is_quad_residue(generator*x, p)
root_gx = sqrt(generator*x, p) if success_gx else None

# Check that one is 0 and the other is 1
if x != 0:
    assert success_x + success_gx ==1

# `None` means that no root was found, but we need to transform these into a felt no matter what
if root_x == None:
    root_x = 0
if root_gx == None:
    root_gx = 0
ids.success_x = int(success_x)
ids.success_gx = int(success_gx)
split_root_x = split(root_x)
split_root_gx = split(root_gx)
ids.sqrt_x.d0 = split_root_x[0]
ids.sqrt_x.d1 = split_root_x[1]
ids.sqrt_x.d2 = split_root_x[2]
ids.sqrt_gx.d0 = split_root_gx[0]
ids.sqrt_gx.d1 = split_root_gx[1]
ids.sqrt_gx.d2 = split_root_gx[2]"#;
pub fn f384_sqrt(ctx: &mut HintCtx<'_>) -> Result<(), HintError> {
    let r = SqrtLines {
        pack: [15, 16, 17],
        residue: [19, 20, 22, 23],
        assert: 27,
        success: [34, 35],
        roots: [38, 41],
    };
    sqrt_pair(ctx, &D3, 3, &r)
}

pub const F384_ISQRT: &str = r#"from starkware.python.math_utils import isqrt

def split(num: int, num_bits_shift: int, length: int):
    a = []
    for _ in range(length):
        a.append( num & ((1 << num_bits_shift) - 1) )
        num = num >> num_bits_shift
    return tuple(a)

def pack(z, num_bits_shift: int) -> int:
    limbs = (z.d0, z.d1, z.d2)
    return sum(limb << (num_bits_shift * i) for i, limb in enumerate(limbs))

a = pack(ids.a, num_bits_shift=128)
root = isqrt(a)
assert 0 <= root < 2 ** 192
root_split = split(root, num_bits_shift=128, length=3)
ids.root.d0 = root_split[0]
ids.root.d1 = root_split[1]
ids.root.d2 = root_split[2]"#;
pub fn f384_isqrt(ctx: &mut HintCtx<'_>) -> Result<(), HintError> {
    let a = pack_limbs(ctx, "a", &D3, 128, 14)?;
    let root = super::super::py::isqrt(&a).at(15)?;
    if root >= BigInt::one() << 192 {
        return Err(HintError::assertion(16, ""));
    }
    set_vars(ctx, [("a", &a), ("root", &root)]);
    set_limbs(ctx, "root", &D3, &split_limbs(&root, 128, 3), 18)
}

pub const F384_SIGNED_NN: &str = r#"memory[ap] = 1 if 0 <= (ids.a.d2 % PRIME) < 2 ** 127 else 0"#;
pub fn f384_signed_nn(ctx: &mut HintCtx<'_>) -> Result<(), HintError> {
    let d2 = ctx.get_bigint("a.d2").at(1)?;
    ctx.set_ap(Felt::from((d2 < (BigInt::one() << 127)) as u64)).at(1)
}

pub const F384_ADD_CARRIES: &str = r#"sum_d0 = ids.a.d0 + ids.b.d0
ids.carry_d0 = 1 if sum_d0 >= ids.SHIFT else 0
sum_d1 = ids.a.d1 + ids.b.d1 + ids.carry_d0
ids.carry_d1 = 1 if sum_d1 >= ids.SHIFT else 0
sum_d2 = ids.a.d2 + ids.b.d2 + ids.carry_d1
ids.carry_d2 = 1 if sum_d2 >= ids.SHIFT else 0"#;
pub fn f384_add_carries(ctx: &mut HintCtx<'_>) -> Result<(), HintError> {
    let shift = ctx.get_bigint("SHIFT").at(2)?;
    let mut carry = BigInt::zero();
    for (i, sum_line, carry_line) in [(0, 1, 2), (1, 3, 4), (2, 5, 6)] {
        let sum = ctx.get_bigint(&format!("a.d{i}")).at(sum_line)?
            + ctx.get_bigint(&format!("b.d{i}")).at(sum_line)?
            + &carry;
        let c = (sum >= shift) as u64;
        ctx.set(&format!("carry_d{i}"), Felt::from(c)).at(carry_line)?;
        carry = ctx.get_bigint(&format!("carry_d{i}")).at(sum_line + 2)?;
    }
    Ok(())
}
