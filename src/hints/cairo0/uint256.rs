//! Hints of `uint256.cairo`, and the variants of the `uint256_improvements.json` whitelist.

use crate::hints::{AtLine, HintCtx, HintError};
use num_bigint::BigUint;
use num_integer::Integer;
use num_traits::{One, Zero};
use starknet_types_core::felt::Felt;

/// `(ids.<path>.<hi> << 128) + ids.<path>.<lo>`.
fn pack2(ctx: &HintCtx<'_>, path: &str, lo: &str, hi: &str, line: u32) -> Result<BigUint, HintError> {
    let high = ctx.get_big(&format!("{path}.{hi}")).at(line)?;
    let low = ctx.get_big(&format!("{path}.{lo}")).at(line)?;
    Ok((high << 128) + low)
}

fn u256(ctx: &HintCtx<'_>, path: &str, line: u32) -> Result<BigUint, HintError> {
    pack2(ctx, path, "low", "high", line)
}

fn mask128() -> BigUint {
    (BigUint::one() << 128) - 1u8
}

/// `ids.<path>.low = v & (2**128 - 1)`, `ids.<path>.high = v >> 128`, at the given lines.
fn set_u256(ctx: &mut HintCtx<'_>, path: &str, v: &BigUint, lines: (u32, u32)) -> Result<(), HintError> {
    ctx.set_biguint(&format!("{path}.low"), &(v & mask128())).at(lines.0)?;
    ctx.set_biguint(&format!("{path}.high"), &(v >> 128)).at(lines.1)
}

fn div_rem(a: &BigUint, b: &BigUint, line: u32) -> Result<(BigUint, BigUint), HintError> {
    if b.is_zero() {
        return Err(HintError::zero_division(line));
    }
    Ok(a.div_rem(b))
}

pub const SPLIT_64: &str = "ids.low = ids.a & ((1<<64) - 1)\nids.high = ids.a >> 64";
pub fn split_64(ctx: &mut HintCtx<'_>) -> Result<(), HintError> {
    // On the canonical limbs (least significant first): `a & (2^64 - 1)` is the low limb,
    // `a >> 64` the other three.
    let [d0, d1, d2, d3] = ctx.get_int("a").at(1)?.to_le_digits();
    ctx.set("low", Felt::from(d0)).at(1)?;
    ctx.set("high", Felt::from_raw(cairo_jit_runtime::felt::from_canonical([0, d3, d2, d1]))).at(2)
}

pub const UINT256_ADD: &str = "sum_low = ids.a.low + ids.b.low\nids.carry_low = 1 if sum_low >= ids.SHIFT else 0\nsum_high = ids.a.high + ids.b.high + ids.carry_low\nids.carry_high = 1 if sum_high >= ids.SHIFT else 0";
pub fn uint256_add(ctx: &mut HintCtx<'_>) -> Result<(), HintError> {
    add_carries(ctx, "carry_low", "carry_high")
}

/// `uint256_add`'s hint (also vrf.json's copy of it).
fn add_carries(ctx: &mut HintCtx<'_>, carry_low: &str, carry_high: &str) -> Result<(), HintError> {
    let sum_low = ctx.get_big("a.low").at(1)? + ctx.get_big("b.low").at(1)?;
    let shift = ctx.get_big("SHIFT").at(2)?;
    ctx.set(carry_low, Felt::from((sum_low >= shift) as u64)).at(2)?;
    let sum_high =
        ctx.get_big("a.high").at(3)? + ctx.get_big("b.high").at(3)? + ctx.get_big(carry_low).at(3)?;
    ctx.set(carry_high, Felt::from((sum_high >= shift) as u64)).at(4)
}

pub const UINT256_ADD_VRF: &str =
    "sum_low = ids.a.low + ids.b.low\nids.carry_low = 1 if sum_low >= ids.SHIFT else 0";
pub fn uint256_add_low(ctx: &mut HintCtx<'_>) -> Result<(), HintError> {
    let sum_low = ctx.get_big("a.low").at(1)? + ctx.get_big("b.low").at(1)?;
    let shift = ctx.get_big("SHIFT").at(2)?;
    ctx.set("carry_low", Felt::from((sum_low >= shift) as u64)).at(2)
}

pub const UINT256_MUL_DIV_MOD: &str = "a = (ids.a.high << 128) + ids.a.low\nb = (ids.b.high << 128) + ids.b.low\ndiv = (ids.div.high << 128) + ids.div.low\nquotient, remainder = divmod(a * b, div)\n\nids.quotient_low.low = quotient & ((1 << 128) - 1)\nids.quotient_low.high = (quotient >> 128) & ((1 << 128) - 1)\nids.quotient_high.low = (quotient >> 256) & ((1 << 128) - 1)\nids.quotient_high.high = quotient >> 384\nids.remainder.low = remainder & ((1 << 128) - 1)\nids.remainder.high = remainder >> 128";
pub fn uint256_mul_div_mod(ctx: &mut HintCtx<'_>) -> Result<(), HintError> {
    let a = u256(ctx, "a", 1)?;
    let b = u256(ctx, "b", 2)?;
    let div = u256(ctx, "div", 3)?;
    let (q, r) = div_rem(&(a * b), &div, 4)?;
    let m = mask128();
    ctx.set_biguint("quotient_low.low", &(&q & &m)).at(6)?;
    ctx.set_biguint("quotient_low.high", &((&q >> 128) & &m)).at(7)?;
    ctx.set_biguint("quotient_high.low", &((&q >> 256) & &m)).at(8)?;
    ctx.set_biguint("quotient_high.high", &(&q >> 384)).at(9)?;
    set_u256(ctx, "remainder", &r, (10, 11))
}

pub const UINT256_SIGNED_NN: &str = "memory[ap] = 1 if 0 <= (ids.a.high % PRIME) < 2 ** 127 else 0";
pub fn uint256_signed_nn(ctx: &mut HintCtx<'_>) -> Result<(), HintError> {
    let high = ctx.get_big("a.high").at(1)?;
    ctx.set_ap(Felt::from((high < (BigUint::one() << 127)) as u64)).at(1)
}

pub const UINT256_SQRT: &str = "from starkware.python.math_utils import isqrt\nn = (ids.n.high << 128) + ids.n.low\nroot = isqrt(n)\nassert 0 <= root < 2 ** 128\nids.root.low = root\nids.root.high = 0";
pub fn uint256_sqrt(ctx: &mut HintCtx<'_>) -> Result<(), HintError> {
    let root = sqrt_u256(ctx)?;
    ctx.set_biguint("root.low", &root).at(5)?;
    ctx.set("root.high", Felt::ZERO).at(6)
}

fn sqrt_u256(ctx: &HintCtx<'_>) -> Result<BigUint, HintError> {
    let root = u256(ctx, "n", 2)?.sqrt();
    if root >= BigUint::one() << 128 {
        return Err(HintError::assertion(4, ""));
    }
    Ok(root)
}

pub const UINT256_SQRT_FELT: &str = "from starkware.python.math_utils import isqrt\nn = (ids.n.high << 128) + ids.n.low\nroot = isqrt(n)\nassert 0 <= root < 2 ** 128\nids.root = root";
pub fn uint256_sqrt_felt(ctx: &mut HintCtx<'_>) -> Result<(), HintError> {
    let root = sqrt_u256(ctx)?;
    ctx.set_biguint("root", &root).at(5)
}

pub const UINT256_UNSIGNED_DIV_REM: &str = "a = (ids.a.high << 128) + ids.a.low\ndiv = (ids.div.high << 128) + ids.div.low\nquotient, remainder = divmod(a, div)\n\nids.quotient.low = quotient & ((1 << 128) - 1)\nids.quotient.high = quotient >> 128\nids.remainder.low = remainder & ((1 << 128) - 1)\nids.remainder.high = remainder >> 128";
pub fn uint256_unsigned_div_rem(ctx: &mut HintCtx<'_>) -> Result<(), HintError> {
    let a = u256(ctx, "a", 1)?;
    let div = u256(ctx, "div", 2)?;
    div_rem_to_ids(ctx, &a, &div)
}

fn div_rem_to_ids(ctx: &mut HintCtx<'_>, a: &BigUint, div: &BigUint) -> Result<(), HintError> {
    let (q, r) = div_rem(a, div, 3)?;
    set_u256(ctx, "quotient", &q, (5, 6))?;
    set_u256(ctx, "remainder", &r, (7, 8))
}

pub const UINT256_EXPANDED_UNSIGNED_DIV_REM: &str = "a = (ids.a.high << 128) + ids.a.low\ndiv = (ids.div.b23 << 128) + ids.div.b01\nquotient, remainder = divmod(a, div)\n\nids.quotient.low = quotient & ((1 << 128) - 1)\nids.quotient.high = quotient >> 128\nids.remainder.low = remainder & ((1 << 128) - 1)\nids.remainder.high = remainder >> 128";
pub fn uint256_expanded_unsigned_div_rem(ctx: &mut HintCtx<'_>) -> Result<(), HintError> {
    let a = u256(ctx, "a", 1)?;
    let div = pack2(ctx, "div", "b01", "b23", 2)?;
    div_rem_to_ids(ctx, &a, &div)
}

pub const UINT256_SUB: &str = "def split(num: int, num_bits_shift: int = 128, length: int = 2):\n    a = []\n    for _ in range(length):\n        a.append( num & ((1 << num_bits_shift) - 1) )\n        num = num >> num_bits_shift\n    return tuple(a)\n\ndef pack(z, num_bits_shift: int = 128) -> int:\n    limbs = (z.low, z.high)\n    return sum(limb << (num_bits_shift * i) for i, limb in enumerate(limbs))\n\na = pack(ids.a)\nb = pack(ids.b)\nres = (a - b)%2**256\nres_split = split(res)\nids.res.low = res_split[0]\nids.res.high = res_split[1]";
pub fn uint256_sub(ctx: &mut HintCtx<'_>) -> Result<(), HintError> {
    let a = u256(ctx, "a", 12)?;
    let b = u256(ctx, "b", 13)?;
    let modulus = BigUint::one() << 256;
    let res = (a + &modulus - (b % &modulus)) % &modulus;
    set_u256(ctx, "res", &res, (16, 17))
}

pub const UINT256_ADD_CARRY: &str = "res = ids.a + ids.b\nids.carry = 1 if res >= ids.SHIFT else 0";
pub fn uint256_add_carry(ctx: &mut HintCtx<'_>) -> Result<(), HintError> {
    let res = ctx.get_big("a").at(1)? + ctx.get_big("b").at(1)?;
    let shift = ctx.get_big("SHIFT").at(2)?;
    ctx.set("carry", Felt::from((res >= shift) as u64)).at(2)
}

pub const SPLIT_128: &str = "ids.low = ids.a & ((1<<128) - 1)\nids.high = ids.a >> 128";
pub fn split_128(ctx: &mut HintCtx<'_>) -> Result<(), HintError> {
    let a = ctx.get_big("a").at(1)?;
    ctx.set_biguint("low", &(&a & mask128())).at(1)?;
    ctx.set_biguint("high", &(a >> 128)).at(2)
}
