//! Hints of `ec.cairo` (the STARK curve: `ec_op`, `chained_ec_op`, `recover_y`) and of
//! `cairo_ec_op/ec_op.cairo`.
//!
//! `random_ec_point` is cairo-lang's deterministic version: points derived from SHA-256 of the
//! inputs (`starkware/python/math_utils.py`), with the smaller square root.

use super::py::{int, is_quad_residue, modulo, pow_mod, prime, sqrt_mod, to_bytes_be};
use super::sha256::{compress32, IV};
use crate::hints::ctx::offset;
use crate::hints::{AtLine, HintCtx, HintError, ScopeValue};
use num_bigint::BigInt;
use num_traits::Num;
use starknet_types_core::felt::Felt;
use std::sync::LazyLock;

/// The STARK curve's `ALPHA`.
const ALPHA: u64 = 1;
/// The STARK curve's `BETA`.
static BETA: LazyLock<BigInt> = LazyLock::new(|| {
    BigInt::from_str_radix("6f21413efbe40de150e596d72f7a8c5609ad26c15c915c1f4cdfcb99cee9e89", 16)
        .expect("constant")
});

/// SHA-256 of `data`.
pub(crate) fn sha256(data: &[u8]) -> [u8; 32] {
    let mut msg = data.to_vec();
    msg.push(0x80);
    while msg.len() % 64 != 56 {
        msg.push(0);
    }
    msg.extend_from_slice(&((data.len() as u64) * 8).to_be_bytes());
    let mut state = IV;
    for block in msg.chunks(64) {
        let w: Vec<u32> = block.chunks(4).map(|b| u32::from_be_bytes([b[0], b[1], b[2], b[3]])).collect();
        let mut sched = w.clone();
        for i in 16..64 {
            let s0 = sched[i - 15].rotate_right(7) ^ sched[i - 15].rotate_right(18) ^ (sched[i - 15] >> 3);
            let s1 = sched[i - 2].rotate_right(17) ^ sched[i - 2].rotate_right(19) ^ (sched[i - 2] >> 10);
            sched.push(sched[i - 16].wrapping_add(s0).wrapping_add(sched[i - 7]).wrapping_add(s1));
        }
        state = compress32(&state, &sched);
    }
    let mut out = [0u8; 32];
    for (i, word) in state.iter().enumerate() {
        out[4 * i..4 * i + 4].copy_from_slice(&word.to_be_bytes());
    }
    out
}

/// `recover_y(x, ALPHA, BETA, FIELD_PRIME)`: the smaller root of `x^3 + x + BETA`, or `None`.
fn recover_y(x: &BigInt) -> Result<Option<BigInt>, HintError> {
    let p = prime();
    let y2 = modulo(&(pow_mod(x, &BigInt::from(3), &p)? + x * ALPHA + &*BETA), &p)?;
    if !is_quad_residue(&y2, &p)? {
        return Ok(None);
    }
    sqrt_mod(&y2, &p).map(Some)
}

/// `random_ec_point(FIELD_PRIME, ALPHA, BETA, seed)`.
fn random_ec_point(seed: &[u8]) -> Result<(BigInt, BigInt), HintError> {
    let seed = sha256(seed);
    let p = prime();
    for i in 0u64..100 {
        let mut data = seed[1..].to_vec();
        let mut counter = [0u8; 10];
        counter[..8].copy_from_slice(&i.to_le_bytes());
        data.extend_from_slice(&counter);
        let x = BigInt::from_bytes_be(num_bigint::Sign::Plus, &sha256(&data));
        if let Some(y) = recover_y(&x)? {
            let y = if seed[0] & 1 == 1 { modulo(&-y, &p)? } else { y };
            return Ok((x, y));
        }
    }
    Err(HintError::py("Exception", 0, "Could not find a point on the curve."))
}

/// `to_bytes(v)` of each value (32 bytes, big-endian), concatenated.
fn seed_of(values: &[Felt]) -> Result<Vec<u8>, HintError> {
    let mut seed = Vec::with_capacity(32 * values.len());
    for v in values {
        seed.extend(to_bytes_be(&int(v), 32)?);
    }
    Ok(seed)
}

fn set_point(ctx: &mut HintCtx<'_>, (x, y): (BigInt, BigInt), line: u32) -> Result<(), HintError> {
    ctx.set_big("s.x", &x).at(line)?;
    ctx.set_big("s.y", &y).at(line)
}

pub const EC_OP_RANDOM_POINT: &str = r#"from starkware.crypto.signature.signature import ALPHA, BETA, FIELD_PRIME
from starkware.python.math_utils import random_ec_point
from starkware.python.utils import to_bytes

# Define a seed for random_ec_point that's dependent on all the input, so that:
#   (1) The added point s is deterministic.
#   (2) It's hard to choose inputs for which the builtin will fail.
seed = b"".join(map(to_bytes, [ids.p.x, ids.p.y, ids.m, ids.q.x, ids.q.y]))
ids.s.x, ids.s.y = random_ec_point(FIELD_PRIME, ALPHA, BETA, seed)"#;
pub fn ec_op_random_point(ctx: &mut HintCtx<'_>) -> Result<(), HintError> {
    let line = 8;
    let values: Vec<Felt> = ["p.x", "p.y", "m", "q.x", "q.y"]
        .iter()
        .map(|n| ctx.get_int(n).at(line))
        .collect::<Result<_, _>>()?;
    let seed = seed_of(&values).at(line)?;
    let point = random_ec_point(&seed).at(9)?;
    set_point(ctx, point, 9)
}

pub const CHAINED_EC_OP_RANDOM_POINT: &str = r#"from starkware.crypto.signature.signature import ALPHA, BETA, FIELD_PRIME
from starkware.python.math_utils import random_ec_point
from starkware.python.utils import to_bytes

n_elms = ids.len
assert isinstance(n_elms, int) and n_elms >= 0, \
    f'Invalid value for len. Got: {n_elms}.'
if '__chained_ec_op_max_len' in globals():
    assert n_elms <= __chained_ec_op_max_len, \
        f'chained_ec_op() can only be used with len<={__chained_ec_op_max_len}. ' \
        f'Got: n_elms={n_elms}.'

# Define a seed for random_ec_point that's dependent on all the input, so that:
#   (1) The added point s is deterministic.
#   (2) It's hard to choose inputs for which the builtin will fail.
seed = b"".join(
    map(
        to_bytes,
        [
            ids.p.x,
            ids.p.y,
            *memory.get_range(ids.m, n_elms),
            *memory.get_range(ids.q.address_, 2 * n_elms),
        ],
    )
)
ids.s.x, ids.s.y = random_ec_point(FIELD_PRIME, ALPHA, BETA, seed)"#;
pub fn chained_ec_op_random_point(ctx: &mut HintCtx<'_>) -> Result<(), HintError> {
    let n = ctx.get_int("len").at(5)?;
    if let Some(ScopeValue::Int(max)) = ctx.scopes.get("__chained_ec_op_max_len") {
        if int(&n) > *max {
            return Err(HintError::assertion(
                9,
                format!("chained_ec_op() can only be used with len<={max}. Got: n_elms={n}."),
            ));
        }
    }
    let line = 16;
    let n = super::felt_u64(&n, line)?;
    let mut values = vec![ctx.get_int("p.x").at(line)?, ctx.get_int("p.y").at(line)?];
    let m = ctx.get_ptr("m").at(line)?;
    values.extend(ctx.get_int_range(m, n).at(line)?);
    let q = ctx.get_ptr("q.address_").at(line)?;
    values.extend(ctx.get_int_range(q, 2 * n).at(line)?);
    let seed = seed_of(&values).at(line)?;
    let point = random_ec_point(&seed).at(27)?;
    set_point(ctx, point, 27)
}

pub const RECOVER_Y: &str = r#"from starkware.crypto.signature.signature import ALPHA, BETA, FIELD_PRIME
from starkware.python.math_utils import recover_y
ids.p.x = ids.x
# This raises an exception if `x` is not on the curve.
ids.p.y = recover_y(ids.x, ALPHA, BETA, FIELD_PRIME)"#;
pub fn recover_y_hint(ctx: &mut HintCtx<'_>) -> Result<(), HintError> {
    let x = ctx.get_int("x").at(3)?;
    ctx.set("p.x", x).at(3)?;
    let line = 5;
    match recover_y(&int(&x)).at(line)? {
        Some(y) => ctx.set_big("p.y", &y).at(line),
        None => Err(HintError::py(
            "starkware.python.math_utils.NotOnCurveException",
            line,
            format!("{x} does not represent the x coordinate of a point on the curve."),
        )),
    }
}

pub const EC_OP_FAILED: &str = r#"assert False, "ec_op failed.""#;
pub fn ec_op_failed(ctx: &mut HintCtx<'_>) -> Result<(), HintError> {
    let _ = ctx;
    Err(HintError::assertion(1, "ec_op failed."))
}

pub const M_BIT_UNPACKING: &str = r#"curr_m = ids.m
for i in range(ids.M_MAX_BITS):
    memory[ids.m_bit_unpacking + i] = curr_m % 2
    curr_m = curr_m >> 1"#;
pub fn m_bit_unpacking(ctx: &mut HintCtx<'_>) -> Result<(), HintError> {
    let mut m = ctx.get_big("m").at(1)?;
    let bits = ctx.get_u64("M_MAX_BITS").at(2)?;
    let out = ctx.get_ptr("m_bit_unpacking").at(3)?;
    for i in 0..bits {
        let bit = Felt::from(m.bit(0) as u64);
        ctx.insert(offset(out, i).at(3)?, bit).at(3)?;
        m >>= 1;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sha256_matches_known_digests() {
        let hex = |d: [u8; 32]| d.iter().map(|b| format!("{b:02x}")).collect::<String>();
        assert_eq!(hex(sha256(b"abc")), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
        assert_eq!(hex(sha256(&[0u8; 100])).len(), 64);
    }
}
