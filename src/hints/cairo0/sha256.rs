//! Hints of `cairo_sha256/sha256_utils.cairo` and of the `cairo_sha256.json` and
//! `cairo_sha256_arbitrary_input_length.json` whitelists.
//!
//! `compute_message_schedule` and `sha2_compress_function` follow `sha256_utils.py`: on 32-bit
//! words they are SHA-256's; larger words (which only broken programs pass) go through the
//! same Python arithmetic on unbounded integers.

use crate::hints::{AtLine, HintCtx, HintError};
use num_bigint::BigUint;
use num_traits::{One, ToPrimitive};
use starknet_types_core::felt::Felt;

/// `sha256_utils.IV`.
pub(crate) const IV: [u32; 8] =
    [0x6A09E667, 0xBB67AE85, 0x3C6EF372, 0xA54FF53A, 0x510E527F, 0x9B05688C, 0x1F83D9AB, 0x5BE0CD19];

const K: [u32; 64] = [
    0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
    0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
    0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
    0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
    0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
    0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
    0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
    0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
];

/// `right_rot(value, n)` on a Python integer.
fn right_rot(v: &BigUint, n: usize) -> BigUint {
    (v >> n) | ((v & ((BigUint::one() << n) - 1u8)) << (32 - n))
}

fn m32(v: BigUint) -> BigUint {
    v & BigUint::from(u32::MAX)
}

/// `compute_message_schedule(message)` (asserts 16 words).
pub(crate) fn message_schedule(message: &[BigUint]) -> Result<Vec<BigUint>, HintError> {
    if message.len() != 16 {
        return Err(HintError::assertion(0, ""));
    }
    let mut w = message.to_vec();
    for i in 16..64 {
        let s0 = right_rot(&w[i - 15], 7) ^ right_rot(&w[i - 15], 18) ^ (&w[i - 15] >> 3);
        let s1 = right_rot(&w[i - 2], 17) ^ right_rot(&w[i - 2], 19) ^ (&w[i - 2] >> 10);
        let next = m32(&w[i - 16] + s0 + &w[i - 7] + s1);
        w.push(next);
    }
    Ok(w)
}

/// `sha2_compress_function(state, w)` (`state` must have 8 words).
pub(crate) fn compress(state: &[BigUint], w: &[BigUint]) -> Result<Vec<BigUint>, HintError> {
    if state.len() != 8 {
        let msg = if state.len() > 8 {
            "too many values to unpack (expected 8)".to_string()
        } else {
            format!("not enough values to unpack (expected 8, got {})", state.len())
        };
        return Err(HintError::py("ValueError", 0, msg));
    }
    if let (Some(s), Some(w)) = (words32(state), words32(w)) {
        return Ok(compress32(&s, &w).iter().map(|v| BigUint::from(*v)).collect());
    }
    let mut v: Vec<BigUint> = state.to_vec();
    for i in 0..64 {
        let (a, b, c, d, e, f, g, h) = (&v[0], &v[1], &v[2], &v[3], &v[4], &v[5], &v[6], &v[7]);
        let s0 = right_rot(a, 2) ^ right_rot(a, 13) ^ right_rot(a, 22);
        let s1 = right_rot(e, 6) ^ right_rot(e, 11) ^ right_rot(e, 25);
        // (~e) & g on non-negative integers: the bits of g not in e.
        let ch = (e & f) ^ (g ^ (e & g));
        let temp1 = m32(h + s1 + ch + BigUint::from(K[i]) + &w[i]);
        let maj = (a & b) ^ (a & c) ^ (b & c);
        let temp2 = m32(s0 + maj);
        let new_e = m32(d + &temp1);
        let new_a = m32(temp1 + temp2);
        v = vec![new_a, a.clone(), b.clone(), c.clone(), new_e, e.clone(), f.clone(), g.clone()];
    }
    Ok(state.iter().zip(v).map(|(s, x)| m32(s + x)).collect())
}

fn words32(v: &[BigUint]) -> Option<Vec<u32>> {
    v.iter().map(|x| x.to_u32()).collect()
}

/// SHA-256's compression of one block on 32-bit words.
pub(crate) fn compress32(state: &[u32], w: &[u32]) -> [u32; 8] {
    let mut v = [0u32; 8];
    v.copy_from_slice(state);
    for i in 0..64 {
        let [a, b, c, d, e, f, g, h] = v;
        let s1 = e.rotate_right(6) ^ e.rotate_right(11) ^ e.rotate_right(25);
        let ch = (e & f) ^ (!e & g);
        let temp1 = h.wrapping_add(s1).wrapping_add(ch).wrapping_add(K[i]).wrapping_add(w[i]);
        let s0 = a.rotate_right(2) ^ a.rotate_right(13) ^ a.rotate_right(22);
        let maj = (a & b) ^ (a & c) ^ (b & c);
        v = [temp1.wrapping_add(s0.wrapping_add(maj)), a, b, c, d.wrapping_add(temp1), e, f, g];
    }
    let mut out = [0u32; 8];
    for (o, (s, x)) in out.iter_mut().zip(state.iter().zip(v)) {
        *o = s.wrapping_add(x);
    }
    out
}

/// `int(ids.<name>)`, asserted to be in `[0, bound)` on `assert_line`.
pub(crate) fn small(ctx: &HintCtx<'_>, name: &str, bound: u64, lines: (u32, u32)) -> Result<u64, HintError> {
    let v = ctx.get_big(name).at(lines.0)?;
    v.to_u64().filter(|v| *v < bound).ok_or_else(|| HintError::assertion(lines.1, ""))
}

fn iv() -> Vec<BigUint> {
    IV.iter().map(|v| BigUint::from(*v)).collect()
}

/// The dummy instance `message + IV + sha256(message)` of zeros, `copies` times, at `ptr`.
fn write_padding(
    ctx: &mut HintCtx<'_>,
    size: u64,
    copies: u64,
    lines: [u32; 3],
    ptr_name: &str,
    ptr_line: u32,
) -> Result<(), HintError> {
    let message = vec![BigUint::default(); size as usize];
    let w = message_schedule(&message).at(lines[0])?;
    let output = compress(&iv(), &w).at(lines[1])?;
    let mut one: Vec<Felt> = message.iter().map(Felt::from).collect();
    one.extend(IV.iter().map(|v| Felt::from(*v)));
    one.extend(output.iter().map(Felt::from));
    let _ = lines[2];
    let ptr = ctx.get_ptr(ptr_name).at(ptr_line)?;
    ctx.write_arg(ptr, (0..copies).flat_map(|_| one.iter().copied())).at(ptr_line)?;
    Ok(())
}

pub const FINALIZE_SHA256: &str = r#"# Add dummy pairs of input and output.
from starkware.cairo.common.cairo_sha256.sha256_utils import (
    IV,
    compute_message_schedule,
    sha2_compress_function,
)

number_of_missing_blocks = (-ids.n) % ids.BATCH_SIZE
assert 0 <= number_of_missing_blocks < 20
_sha256_input_chunk_size_felts = ids.SHA256_INPUT_CHUNK_SIZE_FELTS
assert 0 <= _sha256_input_chunk_size_felts < 100

message = [0] * _sha256_input_chunk_size_felts
w = compute_message_schedule(message)
output = sha2_compress_function(IV, w)
padding = (message + IV + output) * number_of_missing_blocks
segments.write_arg(ids.sha256_ptr_end, padding)"#;
pub fn finalize_sha256(ctx: &mut HintCtx<'_>) -> Result<(), HintError> {
    let n = ctx.get_big("n").at(8)?;
    let batch = ctx.get_big("BATCH_SIZE").at(8)?;
    if batch == BigUint::default() {
        return Err(HintError::zero_division(8));
    }
    let missing = (&batch - (n % &batch)) % &batch;
    let missing = missing.to_u64().filter(|m| *m < 20).ok_or_else(|| HintError::assertion(9, ""))?;
    let size = small(ctx, "SHA256_INPUT_CHUNK_SIZE_FELTS", 100, (10, 11))?;
    write_padding(ctx, size, missing, [14, 15, 16], "sha256_ptr_end", 17)
}

pub const FINALIZE_SHA256_V0: &str = r#"# Add dummy pairs of input and output.
from starkware.cairo.common.cairo_sha256.sha256_utils import (
    IV, compute_message_schedule, sha2_compress_function)

_block_size = int(ids.BLOCK_SIZE)
assert 0 <= _block_size < 20
_sha256_input_chunk_size_felts = int(ids.SHA256_INPUT_CHUNK_SIZE_FELTS)
assert 0 <= _sha256_input_chunk_size_felts < 100

message = [0] * _sha256_input_chunk_size_felts
w = compute_message_schedule(message)
output = sha2_compress_function(IV, w)
padding = (message + IV + output) * (_block_size - 1)
segments.write_arg(ids.sha256_ptr_end, padding)"#;
pub fn finalize_sha256_v0(ctx: &mut HintCtx<'_>) -> Result<(), HintError> {
    let block = small(ctx, "BLOCK_SIZE", 20, (5, 6))?;
    let size = small(ctx, "SHA256_INPUT_CHUNK_SIZE_FELTS", 100, (7, 8))?;
    write_padding(ctx, size, block.saturating_sub(1), [11, 12, 13], "sha256_ptr_end", 14)
}

pub const SHA256_BLOCK: &str = r#"from starkware.cairo.common.cairo_sha256.sha256_utils import (
    IV, compute_message_schedule, sha2_compress_function)

_sha256_input_chunk_size_felts = int(ids.SHA256_INPUT_CHUNK_SIZE_FELTS)
assert 0 <= _sha256_input_chunk_size_felts < 100

w = compute_message_schedule(memory.get_range(
    ids.sha256_start, _sha256_input_chunk_size_felts))
new_state = sha2_compress_function(IV, w)
segments.write_arg(ids.output, new_state)"#;
pub fn sha256_block(ctx: &mut HintCtx<'_>) -> Result<(), HintError> {
    let size = small(ctx, "SHA256_INPUT_CHUNK_SIZE_FELTS", 100, (4, 5))?;
    let start = ctx.get_ptr("sha256_start").at(7)?;
    let message: Vec<BigUint> = ctx.get_int_range(start, size).at(7)?.iter().map(Felt::to_biguint).collect();
    let w = message_schedule(&message).at(7)?;
    let state = compress(&iv(), &w).at(9)?;
    let out = ctx.get_ptr("output").at(10)?;
    ctx.write_arg(out, state.iter().map(Felt::from)).at(10)?;
    Ok(())
}

pub const SHA256_BLOCK_WITH_STATE: &str = r#"from starkware.cairo.common.cairo_sha256.sha256_utils import (
    compute_message_schedule, sha2_compress_function)

_sha256_input_chunk_size_felts = int(ids.SHA256_INPUT_CHUNK_SIZE_FELTS)
assert 0 <= _sha256_input_chunk_size_felts < 100
_sha256_state_size_felts = int(ids.SHA256_STATE_SIZE_FELTS)
assert 0 <= _sha256_state_size_felts < 100
w = compute_message_schedule(memory.get_range(
    ids.sha256_start, _sha256_input_chunk_size_felts))
new_state = sha2_compress_function(memory.get_range(ids.state, _sha256_state_size_felts), w)
segments.write_arg(ids.output, new_state)"#;
pub fn sha256_block_with_state(ctx: &mut HintCtx<'_>) -> Result<(), HintError> {
    let size = small(ctx, "SHA256_INPUT_CHUNK_SIZE_FELTS", 100, (4, 5))?;
    let state_size = small(ctx, "SHA256_STATE_SIZE_FELTS", 100, (6, 7))?;
    let start = ctx.get_ptr("sha256_start").at(8)?;
    let message: Vec<BigUint> = ctx.get_int_range(start, size).at(8)?.iter().map(Felt::to_biguint).collect();
    let w = message_schedule(&message).at(8)?;
    let state_ptr = ctx.get_ptr("state").at(10)?;
    let state: Vec<BigUint> =
        ctx.get_int_range(state_ptr, state_size).at(10)?.iter().map(Felt::to_biguint).collect();
    let new_state = compress(&state, &w).at(10)?;
    let out = ctx.get_ptr("output").at(11)?;
    ctx.write_arg(out, new_state.iter().map(Felt::from)).at(11)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn compress_of_abc_is_sha256_of_abc() {
        let mut block = [0u32; 16];
        block[0] = 0x61626380;
        block[15] = 24;
        let message: Vec<BigUint> = block.iter().map(|v| BigUint::from(*v)).collect();
        let w = message_schedule(&message).unwrap();
        let out = compress(&iv(), &w).unwrap();
        let hex: String = out.iter().map(|v| format!("{:08x}", v.to_u32().unwrap())).collect();
        assert_eq!(hex, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
        // The unbounded-integer path agrees with the 32-bit one on 32-bit words.
        let big_state: Vec<BigUint> = iv();
        let mut v = big_state.clone();
        v[0] += BigUint::from(1u64 << 40);
        assert!(compress(&v, &w).is_ok());
    }
}
