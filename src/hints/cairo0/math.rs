//! Hints of `math.cairo` and `math_cmp.cairo`. Each function mirrors its hint's Python line by
//! line; the `line` of a raised error is the hint line that raises it in cairo-lang.

use crate::hints::ctx::felt_to_u128;
use crate::hints::{AtLine, HintCtx, HintError, ScopeValue};
use crate::vm::value::felt_to_biguint;
use crate::vm::Value;
use num_bigint::{BigInt, BigUint};
use num_integer::Integer;
use num_traits::{One, Signed, ToPrimitive, Zero};
use starknet_types_core::felt::Felt;
use std::sync::OnceLock;

pub const ASSERT_NOT_ZERO: &str = "from starkware.cairo.common.math_utils import assert_integer\nassert_integer(ids.value)\nassert ids.value % PRIME != 0, f'assert_not_zero failed: {ids.value} = 0.'";
pub const ASSERT_NOT_EQUAL: &str = "from starkware.cairo.lang.vm.relocatable import RelocatableValue\nboth_ints = isinstance(ids.a, int) and isinstance(ids.b, int)\nboth_relocatable = (\n    isinstance(ids.a, RelocatableValue) and isinstance(ids.b, RelocatableValue) and\n    ids.a.segment_index == ids.b.segment_index)\nassert both_ints or both_relocatable, \\\n    f'assert_not_equal failed: non-comparable values: {ids.a}, {ids.b}.'\nassert (ids.a - ids.b) % PRIME != 0, f'assert_not_equal failed: {ids.a} = {ids.b}.'";
pub const ASSERT_NN: &str = "from starkware.cairo.common.math_utils import assert_integer\nassert_integer(ids.a)\nassert 0 <= ids.a % PRIME < range_check_builtin.bound, f'a = {ids.a} is out of range.'";
pub const ASSERT_250_BIT: &str = "from starkware.cairo.common.math_utils import as_int\n\n# Correctness check.\nvalue = as_int(ids.value, PRIME) % PRIME\nassert value < ids.UPPER_BOUND, f'{value} is outside of the range [0, 2**250).'\n\n# Calculation for the assertion.\nids.high, ids.low = divmod(ids.value, ids.SHIFT)";
pub const SPLIT_FELT: &str = "from starkware.cairo.common.math_utils import assert_integer\nassert ids.MAX_HIGH < 2**128 and ids.MAX_LOW < 2**128\nassert PRIME - 1 == ids.MAX_HIGH * 2**128 + ids.MAX_LOW\nassert_integer(ids.value)\nids.low = ids.value & ((1 << 128) - 1)\nids.high = ids.value >> 128";
pub const ASSERT_LE_FELT: &str = "import itertools\n\nfrom starkware.cairo.common.math_utils import assert_integer\nassert_integer(ids.a)\nassert_integer(ids.b)\na = ids.a % PRIME\nb = ids.b % PRIME\nassert a <= b, f'a = {a} is not less than or equal to b = {b}.'\n\n# Find an arc less than PRIME / 3, and another less than PRIME / 2.\nlengths_and_indices = [(a, 0), (b - a, 1), (PRIME - 1 - b, 2)]\nlengths_and_indices.sort()\nassert lengths_and_indices[0][0] <= PRIME // 3 and lengths_and_indices[1][0] <= PRIME // 2\nexcluded = lengths_and_indices[2][1]\n\nmemory[ids.range_check_ptr + 1], memory[ids.range_check_ptr + 0] = (\n    divmod(lengths_and_indices[0][0], ids.PRIME_OVER_3_HIGH))\nmemory[ids.range_check_ptr + 3], memory[ids.range_check_ptr + 2] = (\n    divmod(lengths_and_indices[1][0], ids.PRIME_OVER_2_HIGH))";
pub const ASSERT_LE_FELT_EXCLUDED_0: &str = "memory[ap] = 1 if excluded != 0 else 0";
pub const ASSERT_LE_FELT_EXCLUDED_1: &str = "memory[ap] = 1 if excluded != 1 else 0";
pub const ASSERT_LE_FELT_EXCLUDED_2: &str = "assert excluded == 2";
pub const ASSERT_LT_FELT: &str = "from starkware.cairo.common.math_utils import assert_integer\nassert_integer(ids.a)\nassert_integer(ids.b)\nassert (ids.a % PRIME) < (ids.b % PRIME), \\\n    f'a = {ids.a % PRIME} is not less than b = {ids.b % PRIME}.'";
pub const IS_POSITIVE: &str = "from starkware.cairo.common.math_utils import is_positive\nids.is_positive = 1 if is_positive(\n    value=ids.value, prime=PRIME, rc_bound=range_check_builtin.bound) else 0";
pub const UNSIGNED_DIV_REM: &str = "from starkware.cairo.common.math_utils import assert_integer\nassert_integer(ids.div)\nassert 0 < ids.div <= PRIME // range_check_builtin.bound, \\\n    f'div={hex(ids.div)} is out of the valid range.'\nids.q, ids.r = divmod(ids.value, ids.div)";
pub const SIGNED_DIV_REM: &str = "from starkware.cairo.common.math_utils import as_int, assert_integer\n\nassert_integer(ids.div)\nassert 0 < ids.div <= PRIME // range_check_builtin.bound, \\\n    f'div={hex(ids.div)} is out of the valid range.'\n\nassert_integer(ids.bound)\nassert ids.bound <= range_check_builtin.bound // 2, \\\n    f'bound={hex(ids.bound)} is out of the valid range.'\n\nint_value = as_int(ids.value, PRIME)\nq, ids.r = divmod(int_value, ids.div)\n\nassert -ids.bound <= q < ids.bound, \\\n    f'{int_value} / {ids.div} = {q} is out of the range [{-ids.bound}, {ids.bound}).'\n\nids.biased_q = q + ids.bound";
pub const SPLIT_INT_ASSERT_RANGE: &str = "assert ids.value == 0, 'split_int(): value is out of range.'";
pub const SPLIT_INT: &str = "memory[ids.output] = res = (int(ids.value) % PRIME) % ids.base\nassert res < ids.bound, f'split_int(): Limb {res} is out of range.'";
pub const SQRT: &str = "from starkware.python.math_utils import isqrt\nvalue = ids.value % PRIME\nassert value < 2 ** 250, f\"value={value} is outside of the range [0, 2**250).\"\nassert 2 ** 250 < PRIME\nids.root = isqrt(value)";
pub const IS_QUAD_RESIDUE: &str = "from starkware.crypto.signature.signature import FIELD_PRIME\nfrom starkware.python.math_utils import div_mod, is_quad_residue, sqrt\n\nx = ids.x\nif is_quad_residue(x, FIELD_PRIME):\n    ids.y = sqrt(x, FIELD_PRIME)\nelse:\n    ids.y = sqrt(div_mod(x, 3, FIELD_PRIME), FIELD_PRIME)";
pub const IS_NN: &str = "memory[ap] = 0 if 0 <= (ids.a % PRIME) < range_check_builtin.bound else 1";
pub const IS_NN_OUT_OF_RANGE: &str =
    "memory[ap] = 0 if 0 <= ((-ids.a - 1) % PRIME) < range_check_builtin.bound else 1";
pub const IS_LE_FELT: &str = "memory[ap] = 0 if (ids.a % PRIME) <= (ids.b % PRIME) else 1";

fn prime() -> BigUint {
    felt_to_biguint(&Felt::MAX) + 1u8
}

/// cairo-lang's `as_int`: the lift to `(-p/2, p/2)`, with `p // 2` itself mapped to negative.
fn as_int(f: &Felt) -> BigInt {
    let v = BigInt::from(felt_to_biguint(f));
    let p = BigInt::from(prime());
    if v < &p / 2 {
        v
    } else {
        v - p
    }
}

fn felt(v: &BigUint) -> Felt {
    crate::hints::ctx::felt_from_biguint(v)
}

fn hex(v: &BigUint) -> String {
    format!("0x{v:x}")
}

pub fn assert_not_zero(ctx: &mut HintCtx<'_>) -> Result<(), HintError> {
    let v = ctx.get_int("value")?;
    if v == Felt::ZERO {
        return Err(HintError::assertion(3, format!("assert_not_zero failed: {v} = 0.")));
    }
    Ok(())
}

pub fn assert_not_equal(ctx: &mut HintCtx<'_>) -> Result<(), HintError> {
    let (a, b) = (ctx.get("a")?, ctx.get("b")?);
    let comparable = match (a, b) {
        (Value::Int(_), Value::Int(_)) => true,
        (Value::Ptr(x), Value::Ptr(y)) => x.segment == y.segment,
        _ => false,
    };
    if !comparable {
        return Err(HintError::assertion(
            6,
            format!("assert_not_equal failed: non-comparable values: {a}, {b}."),
        ));
    }
    if a == b {
        return Err(HintError::assertion(8, format!("assert_not_equal failed: {a} = {b}.")));
    }
    Ok(())
}

pub fn assert_nn(ctx: &mut HintCtx<'_>) -> Result<(), HintError> {
    let a = ctx.get_int("a")?;
    // Below 2^128 (range_check_builtin.bound) exactly when it fits a u128.
    if felt_to_u128(&a).is_none() {
        return Err(HintError::assertion(3, format!("a = {a} is out of range.")));
    }
    Ok(())
}

pub fn assert_250_bit(ctx: &mut HintCtx<'_>) -> Result<(), HintError> {
    let value = felt_to_biguint(&ctx.get_int("value")?);
    let upper = ctx.get_big("UPPER_BOUND")?;
    if value >= upper {
        return Err(HintError::assertion(5, format!("{value} is outside of the range [0, 2**250).")));
    }
    let shift = ctx.get_big("SHIFT")?;
    if shift.is_zero() {
        return Err(HintError::Python {
            exc: "ZeroDivisionError",
            msg: "integer division or modulo by zero".into(),
            line: 8,
        });
    }
    let (high, low) = value.div_rem(&shift);
    ctx.set("high", felt(&high))?;
    ctx.set("low", felt(&low))
}

pub fn split_felt(ctx: &mut HintCtx<'_>) -> Result<(), HintError> {
    let (max_high, max_low) = (ctx.get_big("MAX_HIGH")?, ctx.get_big("MAX_LOW")?);
    let b128 = BigUint::one() << 128;
    if !(max_high < b128 && max_low < b128) {
        return Err(HintError::assertion(2, ""));
    }
    if prime() - 1u8 != &max_high * &b128 + &max_low {
        return Err(HintError::assertion(3, ""));
    }
    let value = felt_to_biguint(&ctx.get_int("value")?);
    ctx.set("low", felt(&(&value & (&b128 - 1u8))))?;
    ctx.set("high", felt(&(value >> 128)))
}

pub fn assert_le_felt(ctx: &mut HintCtx<'_>) -> Result<(), HintError> {
    let a = felt_to_biguint(&ctx.get_int("a")?);
    let b = felt_to_biguint(&ctx.get_int("b")?);
    if a > b {
        return Err(HintError::assertion(8, format!("a = {a} is not less than or equal to b = {b}.")));
    }
    let p = prime();
    let mut arcs = [(a.clone(), 0u8), (&b - &a, 1), (&p - 1u8 - &b, 2)];
    arcs.sort();
    if !(arcs[0].0 <= &p / 3u8 && arcs[1].0 <= &p / 2u8) {
        return Err(HintError::assertion(13, ""));
    }
    ctx.scopes.set("excluded", ScopeValue::Int(BigInt::from(arcs[2].1)));
    let rc = ctx.get_ptr("range_check_ptr")?;
    let over3 = ctx.get_big("PRIME_OVER_3_HIGH")?;
    let over2 = ctx.get_big("PRIME_OVER_2_HIGH")?;
    if over3.is_zero() || over2.is_zero() {
        return Err(HintError::Python {
            exc: "ZeroDivisionError",
            msg: "integer division or modulo by zero".into(),
            line: 16,
        });
    }
    let at = |i: u64| rc.add_u64(i).expect("range_check_ptr offset in range");
    let (q0, r0) = arcs[0].0.div_rem(&over3);
    ctx.insert(at(1), felt(&q0))?;
    ctx.insert(at(0), felt(&r0))?;
    let (q1, r1) = arcs[1].0.div_rem(&over2);
    ctx.insert(at(3), felt(&q1))?;
    ctx.insert(at(2), felt(&r1))
}

fn excluded(ctx: &HintCtx<'_>) -> Result<BigInt, HintError> {
    ctx.scopes.get_int("excluded").cloned().map_err(|m| HintError::Python {
        exc: "NameError",
        msg: m,
        line: 1,
    })
}

pub fn excluded_0(ctx: &mut HintCtx<'_>) -> Result<(), HintError> {
    let v = (excluded(ctx)? != BigInt::zero()) as u64;
    let ap = ctx.ap();
    ctx.insert(ap, Felt::from(v))
}

pub fn excluded_1(ctx: &mut HintCtx<'_>) -> Result<(), HintError> {
    let v = (excluded(ctx)? != BigInt::one()) as u64;
    let ap = ctx.ap();
    ctx.insert(ap, Felt::from(v))
}

pub fn excluded_2(ctx: &mut HintCtx<'_>) -> Result<(), HintError> {
    if excluded(ctx)? != BigInt::from(2) {
        return Err(HintError::assertion(1, ""));
    }
    Ok(())
}

pub fn assert_lt_felt(ctx: &mut HintCtx<'_>) -> Result<(), HintError> {
    let a = ctx.get_int("a")?;
    let b = ctx.get_int("b")?;
    if a >= b {
        return Err(HintError::assertion(4, format!("a = {a} is not less than b = {b}.")));
    }
    Ok(())
}

pub fn is_positive(ctx: &mut HintCtx<'_>) -> Result<(), HintError> {
    let v = as_int(&ctx.get_int("value")?);
    if v.abs() >= BigInt::from(ctx.rc_bound()) {
        return Err(HintError::assertion(2, format!("value={v} is out of the valid range.")));
    }
    ctx.set("is_positive", Felt::from(v.is_positive() as u64))
}

/// `ids.div`, checked to be in `(0, PRIME // range_check_builtin.bound]` (so below 2^124).
fn check_div(ctx: &HintCtx<'_>, line: u32) -> Result<u128, HintError> {
    static MAX: OnceLock<u128> = OnceLock::new();
    let max = *MAX.get_or_init(|| (prime() >> 128u32).to_u128().expect("p / 2^128 < 2^124"));
    let div = ctx.get_int("div")?;
    match felt_to_u128(&div) {
        Some(d) if d != 0 && d <= max => Ok(d),
        _ => Err(HintError::assertion(
            line,
            format!("div={} is out of the valid range.", hex(&div.to_biguint())),
        )),
    }
}

pub fn unsigned_div_rem(ctx: &mut HintCtx<'_>) -> Result<(), HintError> {
    let div = check_div(ctx, 3)?;
    let value = ctx.get_int("value")?;
    let (q, r) = match felt_to_u128(&value) {
        Some(v) => (Felt::from(v / div), Felt::from(v % div)),
        None => {
            let (q, r) = value.to_biguint().div_rem(&BigUint::from(div));
            (felt(&q), felt(&r))
        }
    };
    ctx.set("q", q)?;
    ctx.set("r", r)
}

pub fn signed_div_rem(ctx: &mut HintCtx<'_>) -> Result<(), HintError> {
    let div = check_div(ctx, 4)?;
    let bound = ctx.get_int("bound")?.to_biguint();
    if bound > ctx.rc_bound() / 2u8 {
        return Err(HintError::assertion(8, format!("bound={} is out of the valid range.", hex(&bound))));
    }
    let int_value = as_int(&ctx.get_int("value")?);
    let (q, r) = int_value.div_mod_floor(&BigInt::from(div));
    ctx.set_big("r", &r)?;
    let b = BigInt::from(bound);
    if !(-&b <= q && q < b) {
        return Err(HintError::assertion(
            14,
            format!("{int_value} / {div} = {q} is out of the range [{}, {b}).", -&b),
        ));
    }
    ctx.set_big("biased_q", &(q + b))
}

pub fn split_int_assert_range(ctx: &mut HintCtx<'_>) -> Result<(), HintError> {
    if ctx.get("value")? != Value::Int(Felt::ZERO) {
        return Err(HintError::assertion(1, "split_int(): value is out of range."));
    }
    Ok(())
}

pub fn split_int(ctx: &mut HintCtx<'_>) -> Result<(), HintError> {
    let value = ctx.get_int("value")?.to_biguint();
    let base = ctx.get_int("base")?.to_biguint();
    if base.is_zero() {
        return Err(HintError::Python {
            exc: "ZeroDivisionError",
            msg: "integer division or modulo by zero".into(),
            line: 1,
        });
    }
    let res = value % base;
    let out = ctx.get_ptr("output")?;
    ctx.insert(out, felt(&res))?;
    let bound = ctx.get_int("bound")?.to_biguint();
    if res >= bound {
        return Err(HintError::assertion(2, format!("split_int(): Limb {res} is out of range.")));
    }
    Ok(())
}

pub fn sqrt(ctx: &mut HintCtx<'_>) -> Result<(), HintError> {
    let value = ctx.get_int("value")?.to_biguint();
    if value >= BigUint::one() << 250 {
        return Err(HintError::assertion(3, format!("value={value} is outside of the range [0, 2**250).")));
    }
    ctx.set("root", felt(&value.sqrt()))
}

/// The smaller square root of a quadratic residue.
fn min_sqrt(x: &Felt) -> Option<Felt> {
    let r = x.sqrt()?;
    let n = -r;
    Some(if r <= n { r } else { n })
}

pub fn is_quad_residue(ctx: &mut HintCtx<'_>) -> Result<(), HintError> {
    let x = ctx.get_int("x")?;
    let y = match min_sqrt(&x) {
        Some(y) => y,
        None => {
            let x3 = x.field_div(&Felt::THREE.try_into().expect("3 is nonzero"));
            min_sqrt(&x3).ok_or_else(|| HintError::Python {
                exc: "ValueError",
                msg: "no square root".into(),
                line: 8,
            })?
        }
    };
    ctx.set("y", y)
}

pub fn is_nn(ctx: &mut HintCtx<'_>) -> Result<(), HintError> {
    let a = ctx.get_int("a")?.to_biguint();
    let v = if a < ctx.rc_bound() { 0u64 } else { 1 };
    let ap = ctx.ap();
    ctx.insert(ap, Felt::from(v))
}

pub fn is_nn_out_of_range(ctx: &mut HintCtx<'_>) -> Result<(), HintError> {
    let a = ctx.get_int("a")?;
    let v = (-a - Felt::ONE).to_biguint();
    let r = if v < ctx.rc_bound() { 0u64 } else { 1 };
    let ap = ctx.ap();
    ctx.insert(ap, Felt::from(r))
}

pub fn is_le_felt(ctx: &mut HintCtx<'_>) -> Result<(), HintError> {
    let a = ctx.get_int("a")?;
    let b = ctx.get_int("b")?;
    let ap = ctx.ap();
    ctx.insert(ap, Felt::from((a > b) as u64))
}

// pow.cairo

pub const POW: &str = "ids.locs.bit = (ids.prev_locs.exp % PRIME) & 1";
pub fn pow(ctx: &mut HintCtx<'_>) -> Result<(), HintError> {
    let exp = ctx.get_int("prev_locs.exp").at(1)?;
    let bit = exp.to_le_digits()[0] & 1;
    ctx.set("locs.bit", Felt::from(bit)).at(1)
}

pub const SIGNED_POW: &str = r#"assert ids.base != 0, "Cannot raise 0 to a negative power.""#;
pub fn signed_pow(ctx: &mut HintCtx<'_>) -> Result<(), HintError> {
    if ctx.get("base").at(1)? == Value::Int(Felt::ZERO) {
        return Err(HintError::assertion(1, "Cannot raise 0 to a negative power."));
    }
    Ok(())
}

// log2_ceil.cairo

pub const LOG2_CEIL: &str =
    "from starkware.python.math_utils import log2_ceil\nids.res = log2_ceil(ids.value)";
pub fn log2_ceil(ctx: &mut HintCtx<'_>) -> Result<(), HintError> {
    let value = ctx.get_big("value").at(2)?;
    if value.is_zero() {
        return Err(HintError::assertion(2, ""));
    }
    let res = (value - 1u8).bits();
    ctx.set("res", Felt::from(res)).at(2)
}

// Older versions of math.cairo (Starknet whitelists 0.6.0 and 0.8.2) and encode_packed.json.

pub const ASSERT_LE_FELT_V0_6: &str = "from starkware.cairo.common.math_utils import assert_integer\nassert_integer(ids.a)\nassert_integer(ids.b)\nassert (ids.a % PRIME) <= (ids.b % PRIME), \\\n    f'a = {ids.a % PRIME} is not less than or equal to b = {ids.b % PRIME}.'";
pub fn assert_le_felt_v0_6(ctx: &mut HintCtx<'_>) -> Result<(), HintError> {
    let a = ctx.get_int("a").at(2)?;
    let b = ctx.get_int("b").at(3)?;
    if a > b {
        return Err(HintError::assertion(4, format!("a = {a} is not less than or equal to b = {b}.")));
    }
    Ok(())
}

pub const ASSERT_LE_FELT_V0_8: &str = "from starkware.cairo.common.math_utils import assert_integer\nassert_integer(ids.a)\nassert_integer(ids.b)\na = ids.a % PRIME\nb = ids.b % PRIME\nassert a <= b, f'a = {a} is not less than or equal to b = {b}.'\n\nids.small_inputs = int(\n    a < range_check_builtin.bound and (b - a) < range_check_builtin.bound)";
pub fn assert_le_felt_v0_8(ctx: &mut HintCtx<'_>) -> Result<(), HintError> {
    let a = ctx.get_int("a").at(2)?.to_biguint();
    let b = ctx.get_int("b").at(3)?.to_biguint();
    if a > b {
        return Err(HintError::assertion(6, format!("a = {a} is not less than or equal to b = {b}.")));
    }
    let bound = ctx.rc_bound();
    let small = a < bound && (&b - &a) < bound;
    ctx.set("small_inputs", Felt::from(small as u64)).at(8)
}

pub const LSB_V0_6: &str = "ids.a_lsb = ids.a & 1\nids.b_lsb = ids.b & 1";
pub fn lsb_v0_6(ctx: &mut HintCtx<'_>) -> Result<(), HintError> {
    let a = ctx.get_int("a").at(1)?;
    ctx.set("a_lsb", Felt::from(a.to_le_digits()[0] & 1)).at(1)?;
    let b = ctx.get_int("b").at(2)?;
    ctx.set("b_lsb", Felt::from(b.to_le_digits()[0] & 1)).at(2)
}

pub const BIT_LENGTH: &str = "x = ids.x\nids.bit_length = x.bit_length()";
pub fn bit_length(ctx: &mut HintCtx<'_>) -> Result<(), HintError> {
    let x = ctx.get_big("x").at(2)?;
    ctx.set("bit_length", Felt::from(x.bits())).at(2)
}
