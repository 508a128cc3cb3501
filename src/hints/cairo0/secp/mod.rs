//! Hints of the secp256k1 / secp256r1 libraries (`cairo_secp/`, `secp256r1/`) and of the
//! whitelists built on them (`cairo_secp.json`, `ec_bigint.json`, `ec_recover.json`,
//! `vrf.json`, `384_bit_prime_field.json`).
//!
//! These hints talk through scope variables: one hint computes `value` (and `slope`, `x`,
//! `new_x`, ...), the next (`nondet_bigint3`) writes `split(value)` into memory. Names a hint
//! imports (`SECP_P`, `N`, `ALPHA`, ...) are scope variables too, exactly as in Python, since
//! later hints read them without importing (and a whitelisted hint may rebind `SECP_P` to
//! another prime). The helper functions (`pack`, `split`, `div_mod`...) are always available.

mod bigint;
mod ec;
mod field;
mod field384;
mod old;
mod r1;
mod signature;
mod vrf;

pub(super) use bigint::*;
pub(super) use ec::*;
pub(super) use field::*;
pub(super) use field384::*;
pub(super) use old::*;
pub(super) use r1::*;
pub(super) use signature::*;
pub(super) use vrf::*;

use super::py::{as_int, div_mod, divmod, ec_double_slope, line_slope};
use crate::hints::{AtLine, HintCtx, HintError, ScopeValue};
use num_bigint::BigInt;
use num_integer::Integer;
use num_traits::{Num, One, Zero};
use starknet_types_core::felt::Felt;
use std::sync::LazyLock;

fn hex(s: &str) -> BigInt {
    BigInt::from_str_radix(s, 16).expect("constant")
}

/// `secp_utils.SECP_P`.
pub static SECP_P: LazyLock<BigInt> =
    LazyLock::new(|| hex("fffffffffffffffffffffffffffffffffffffffffffffffffffffffefffffc2f"));
/// `secp_utils.N`.
pub static SECP_N: LazyLock<BigInt> =
    LazyLock::new(|| hex("fffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141"));
/// `secp256r1_utils.SECP256R1_P`.
pub static R1_P: LazyLock<BigInt> =
    LazyLock::new(|| hex("ffffffff00000001000000000000000000000000ffffffffffffffffffffffff"));
/// `secp256r1_utils.SECP256R1_N`.
pub static R1_N: LazyLock<BigInt> =
    LazyLock::new(|| hex("ffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551"));
/// `secp256r1_utils.SECP256R1_ALPHA`.
pub static R1_ALPHA: LazyLock<BigInt> =
    LazyLock::new(|| hex("ffffffff00000001000000000000000000000000fffffffffffffffffffffffc"));
/// `secp256r1_utils.SECP256R1_BETA`.
pub static R1_BETA: LazyLock<BigInt> =
    LazyLock::new(|| hex("5ac635d8aa3a93e7b3ebbd55769886bc651d06b0cc53b0f63bce3c3e27d2604b"));
/// 2^255 - 19 (the vrf whitelist's `SECP_P`).
pub static P25519: LazyLock<BigInt> = LazyLock::new(|| (BigInt::one() << 255) - 19);

/// `secp_utils.BASE`.
fn base() -> BigInt {
    BigInt::one() << 86
}

/// `pack(ids.<path>, PRIME)`: `d0 + d1 * BASE + d2 * BASE**2` with each limb lifted by `as_int`.
pub(super) fn pack(ctx: &HintCtx<'_>, path: &str, line: u32) -> Result<BigInt, HintError> {
    let mut res = BigInt::zero();
    for i in (0..3).rev() {
        let limb = ctx.get_int(&format!("{path}.d{i}")).at(line)?;
        res = (res << 86) + as_int(&limb);
    }
    Ok(res)
}

/// `sum(limb << (bits * i) for i, limb in enumerate(limbs))` over `ids.<path>.<limb>` (the
/// whitelists' own `pack` functions: limbs are taken as they are, without `as_int`).
pub(super) fn pack_limbs(
    ctx: &HintCtx<'_>,
    path: &str,
    limbs: &[&str],
    bits: usize,
    line: u32,
) -> Result<BigInt, HintError> {
    let mut res = BigInt::zero();
    for (i, l) in limbs.iter().enumerate() {
        res += ctx.get_bigint(&format!("{path}.{l}")).at(line)? << (bits * i);
    }
    Ok(res)
}

/// The whitelists' `split(num, num_bits_shift, length)`: `length` limbs of `bits` bits (the
/// last one keeps what is left).
pub(super) fn split_limbs(num: &BigInt, bits: usize, length: usize) -> Vec<BigInt> {
    let mask = (BigInt::one() << bits) - 1;
    let mut num = num.clone();
    let mut out = Vec::with_capacity(length);
    for _ in 0..length {
        out.push(&num & &mask);
        num >>= bits;
    }
    out
}

/// Writes `ids.<path>.<limb> = v` for each limb, at `first_line`, `first_line + 1`, ...
pub(super) fn set_limbs(
    ctx: &mut HintCtx<'_>,
    path: &str,
    limbs: &[&str],
    values: &[BigInt],
    first_line: u32,
) -> Result<(), HintError> {
    for (i, (l, v)) in limbs.iter().zip(values).enumerate() {
        ctx.set_big(&format!("{path}.{l}"), v).at(first_line + i as u32)?;
    }
    Ok(())
}

/// `secp_utils.split(num)`: three limbs of 86 bits; asserts nothing is left.
pub(super) fn split(num: &BigInt) -> Result<[BigInt; 3], HintError> {
    let b = base();
    let mut num = num.clone();
    let mut out: [BigInt; 3] = Default::default();
    for limb in out.iter_mut() {
        let (q, r) = num.div_mod_floor(&b);
        *limb = r;
        num = q;
    }
    if !num.is_zero() {
        return Err(HintError::assertion(0, ""));
    }
    Ok(out)
}

/// A Python integer variable of the innermost scope.
pub(super) fn var(ctx: &HintCtx<'_>, name: &str, line: u32) -> Result<BigInt, HintError> {
    ctx.scopes.int(name).cloned().at(line)
}

/// Sets Python integer variables of the innermost scope.
pub(super) fn set_vars<const N: usize>(ctx: &mut HintCtx<'_>, vars: [(&'static str, &BigInt); N]) {
    for (name, v) in vars {
        ctx.scopes.set(name, ScopeValue::Int(v.clone()));
    }
}

/// `(a - b) % p` and friends: Python's modulo (non-negative for `p > 0`).
pub(super) fn md(a: &BigInt, p: &BigInt, line: u32) -> Result<BigInt, HintError> {
    super::py::modulo(a, p).at(line)
}

// Routines several hint texts share (they differ in names, primes and line numbers).

/// `q, r = divmod(pack(ids.val, PRIME), P)`, `assert r == 0, f"verify_zero: ..."`,
/// `ids.q = q % PRIME`, at lines `[divmod, assert, set]`.
pub(super) fn verify_zero(ctx: &mut HintCtx<'_>, p: &BigInt, lines: [u32; 3]) -> Result<(), HintError> {
    let packed = pack(ctx, "val", lines[0])?;
    let (q, r) = divmod(&packed, p).at(lines[0])?;
    if !r.is_zero() {
        let d = |i: u32| ctx.get_int(&format!("val.d{i}")).at(lines[1]);
        let (d0, d1, d2) = (d(0)?, d(1)?, d(2)?);
        return Err(HintError::assertion(
            lines[1],
            format!("verify_zero: Invalid input ({d0}, {d1}, {d2})."),
        ));
    }
    ctx.set_big("q", &q).at(lines[2])
}

/// `slope = pack(ids.slope)`, `x = pack(ids.<point>.x)`, `y = pack(ids.<point>.y)`,
/// `value = new_x = (pow(slope, 2, P) - 2 * x) % P`, at lines `[slope, x, y, new_x]`.
pub(super) fn ec_double_new_x(
    ctx: &mut HintCtx<'_>,
    point: &str,
    p: &BigInt,
    lines: [u32; 4],
) -> Result<(), HintError> {
    let slope = pack(ctx, "slope", lines[0])?;
    let x = pack(ctx, &format!("{point}.x"), lines[1])?;
    let y = pack(ctx, &format!("{point}.y"), lines[2])?;
    let new_x = md(&(super::py::pow_mod(&slope, &BigInt::from(2), p).at(lines[3])? - 2 * &x), p, lines[3])?;
    set_vars(ctx, [("slope", &slope), ("x", &x), ("y", &y), ("new_x", &new_x), ("value", &new_x)]);
    Ok(())
}

/// `value = new_y = (slope * (x - new_x) - y) % P` with everything from the scope.
pub(super) fn ec_double_new_y(ctx: &mut HintCtx<'_>, p: &BigInt) -> Result<(), HintError> {
    let (slope, x, new_x, y) =
        (var(ctx, "slope", 1)?, var(ctx, "x", 1)?, var(ctx, "new_x", 1)?, var(ctx, "y", 1)?);
    let new_y = md(&(slope * (x - new_x) - y), p, 1)?;
    set_vars(ctx, [("new_y", &new_y), ("value", &new_y)]);
    Ok(())
}

/// `slope = pack(ids.slope)`, `x0 = pack(ids.<p0>.x)`, `x1 = pack(ids.<p1>.x)`,
/// `y0 = pack(ids.<p0>.y)`, `value = new_x = (pow(slope, 2, P) - x0 - x1) % P`, at lines
/// `[slope, x0, x1, y0, new_x]`.
pub(super) fn fast_ec_add_new_x(
    ctx: &mut HintCtx<'_>,
    p0: &str,
    p1: &str,
    p: &BigInt,
    lines: [u32; 5],
) -> Result<(), HintError> {
    let slope = pack(ctx, "slope", lines[0])?;
    let x0 = pack(ctx, &format!("{p0}.x"), lines[1])?;
    let x1 = pack(ctx, &format!("{p1}.x"), lines[2])?;
    let y0 = pack(ctx, &format!("{p0}.y"), lines[3])?;
    let new_x =
        md(&(super::py::pow_mod(&slope, &BigInt::from(2), p).at(lines[4])? - &x0 - &x1), p, lines[4])?;
    set_vars(
        ctx,
        [("slope", &slope), ("x0", &x0), ("x1", &x1), ("y0", &y0), ("new_x", &new_x), ("value", &new_x)],
    );
    Ok(())
}

/// `value = new_y = (slope * (x0 - new_x) - y0) % P` with everything from the scope.
pub(super) fn fast_ec_add_new_y(ctx: &mut HintCtx<'_>, p: &BigInt) -> Result<(), HintError> {
    let (slope, x0, new_x, y0) =
        (var(ctx, "slope", 1)?, var(ctx, "x0", 1)?, var(ctx, "new_x", 1)?, var(ctx, "y0", 1)?);
    let new_y = md(&(slope * (x0 - new_x) - y0), p, 1)?;
    set_vars(ctx, [("new_y", &new_y), ("value", &new_y)]);
    Ok(())
}

/// How a slope hint computes the doubling slope.
pub(super) enum Doubling<'a> {
    /// `ec_double_slope(point=(x, y), alpha, p)`.
    Alpha(&'a BigInt),
    /// `div_mod(3 * x ** 2, 2 * y, SECP_P)` (an older text).
    DivMod,
}

/// `x = pack(ids.<point>.x)`, `y = pack(ids.<point>.y)`, `value = slope = ...`, at lines
/// `[x, y, slope]`.
pub(super) fn doubling_slope(
    ctx: &mut HintCtx<'_>,
    point: &str,
    how: Doubling<'_>,
    p: &BigInt,
    lines: [u32; 3],
) -> Result<(), HintError> {
    let x = pack(ctx, &format!("{point}.x"), lines[0])?;
    let y = pack(ctx, &format!("{point}.y"), lines[1])?;
    let slope = match how {
        Doubling::Alpha(alpha) => ec_double_slope((&x, &y), alpha, p),
        Doubling::DivMod => div_mod(&(3 * &x * &x), &(2 * &y), p),
    }
    .at(lines[2])?;
    set_vars(ctx, [("x", &x), ("y", &y), ("slope", &slope), ("value", &slope)]);
    Ok(())
}

/// `x0, y0, x1, y1 = pack(...)`, `value = slope = ...`, at lines `[x0, y0, x1, y1, slope]`;
/// `line_slope` (or, with `div_mod_form`, the older `div_mod(y0 - y1, x0 - x1, SECP_P)`).
pub(super) fn line_slope_hint(
    ctx: &mut HintCtx<'_>,
    p0: &str,
    p1: &str,
    p: &BigInt,
    div_mod_form: bool,
    lines: [u32; 5],
) -> Result<(), HintError> {
    let x0 = pack(ctx, &format!("{p0}.x"), lines[0])?;
    let y0 = pack(ctx, &format!("{p0}.y"), lines[1])?;
    let x1 = pack(ctx, &format!("{p1}.x"), lines[2])?;
    let y1 = pack(ctx, &format!("{p1}.y"), lines[3])?;
    let slope = if div_mod_form {
        div_mod(&(&y0 - &y1), &(&x0 - &x1), p)
    } else {
        line_slope((&x0, &y0), (&x1, &y1), p)
    }
    .at(lines[4])?;
    set_vars(ctx, [("x0", &x0), ("y0", &y0), ("x1", &x1), ("y1", &y1), ("slope", &slope), ("value", &slope)]);
    Ok(())
}

/// `<var> = pack(ids.x, PRIME) % P` at `line` (`var` is `value` or `x`).
pub(super) fn pack_mod(
    ctx: &mut HintCtx<'_>,
    var_name: &'static str,
    p: &BigInt,
    line: u32,
) -> Result<(), HintError> {
    let v = md(&pack(ctx, "x", line)?, p, line)?;
    set_vars(ctx, [(var_name, &v)]);
    Ok(())
}

/// `value [= x_inv] = div_mod(1, x, P)` at `line`.
pub(super) fn x_inv(ctx: &mut HintCtx<'_>, p: &BigInt, set_x_inv: bool, line: u32) -> Result<(), HintError> {
    let x = var(ctx, "x", line)?;
    let inv = div_mod(&BigInt::one(), &x, p).at(line)?;
    if set_x_inv {
        set_vars(ctx, [("x_inv", &inv)]);
    }
    set_vars(ctx, [("value", &inv)]);
    Ok(())
}

/// `memory[ap] = to_felt_or_relocatable(x == 0)` / `memory[ap] = int(x == 0)`.
pub(super) fn x_is_zero(ctx: &mut HintCtx<'_>) -> Result<(), HintError> {
    let x = var(ctx, "x", 1)?;
    ctx.set_ap(Felt::from(x.is_zero() as u64)).at(1)
}

/// `segments.write_arg(ids.res.address_, split(value))` at `line`.
pub(super) fn nondet_bigint3_at(ctx: &mut HintCtx<'_>, line: u32) -> Result<(), HintError> {
    let addr = ctx.get_ptr("res.address_").at(line)?;
    let value = var(ctx, "value", line)?;
    let limbs = split(&value).at(line)?;
    ctx.write_arg(addr, limbs.iter().map(Felt::from)).at(line)?;
    Ok(())
}

/// A shift count of Python's `x >> n`: negative counts raise `ValueError`; counts past the
/// size of the values shifted (at most 512 bits here) all give 0, as does 512.
pub(super) fn shift_count(n: &BigInt, line: u32) -> Result<usize, HintError> {
    use num_traits::{Signed, ToPrimitive};
    if n.is_negative() {
        return Err(HintError::py("ValueError", line, "negative shift count"));
    }
    Ok(n.to_usize().unwrap_or(512).min(512))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn split_inverts_pack_and_rejects_large_values() {
        let v = (BigInt::one() << 255) + 12345;
        let [d0, d1, d2] = split(&v).unwrap();
        assert_eq!(d0 + (d1 << 86) + (d2 << 172), v);
        assert!(split(&(BigInt::one() << 258)).is_err());
        assert!(split(&BigInt::from(-1)).is_err());
        assert_eq!(split_limbs(&BigInt::from(0x1234), 8, 3), vec![0x34.into(), 0x12.into(), BigInt::zero()]);
    }
}
