//! Hints of `keccak.cairo` (`unsafe_keccak`), `keccak_utils/`, `cairo_keccak/`,
//! `builtin_keccak/`, `simulate_builtin_keccak_with_cairo/`, and the keccak texts of the
//! whitelists.
//!
//! `keccak_func` is cairo-lang's Keccak-f[1600] on 25 integers (`keccak_utils.py`); on 64-bit
//! lanes it is the standard permutation. `keccak` is Ethereum's Keccak-256 (`eth_hash`).

use crate::hints::{AtLine, HintCtx, HintError, ScopeValue};
use crate::vm::value::felt_to_biguint;
use num_bigint::{BigInt, BigUint};
use num_integer::Integer;
use num_traits::{One, ToPrimitive, Zero};
use starknet_types_core::felt::Felt;

/// cairo-lang's `keccak_func(values)`: Keccak-f[1600] on `values[5 * y + x]` (lane x, y).
/// Lanes of more than 64 bits follow the Python code (whose rotations then keep the high bits).
pub(crate) fn keccak_func(values: &[Felt]) -> Result<Vec<BigUint>, HintError> {
    if values.len() < 25 {
        return Err(HintError::py("IndexError", 0, "list index out of range"));
    }
    let lanes: Option<Vec<u64>> = values[..25].iter().map(crate::hints::ctx::felt_to_u64).collect();
    if let Some(lanes) = lanes {
        let mut state = [0u64; 25];
        state.copy_from_slice(&lanes);
        keccak::f1600(&mut state);
        return Ok(state.iter().map(|l| BigUint::from(*l)).collect());
    }
    Ok(keccak_func_big(values[..25].iter().map(felt_to_biguint).collect()))
}

/// `keccak_func` exactly as `keccak_utils.py` computes it, on unbounded integers.
fn keccak_func_big(values: Vec<BigUint>) -> Vec<BigUint> {
    const W: usize = 64;
    let mask = (BigUint::one() << W) - 1u8;
    let rot = |x: &BigUint, n: usize| ((x << n) & &mask) | (x >> (W - n));
    // rho offsets, (alpha, beta) = (3, 2).
    let mut rho = [[0usize; 5]; 5];
    let (mut x, mut y, mut offset) = (1usize, 0usize, 0usize);
    for t in 1..25 {
        offset = (offset + t) % W;
        rho[x][y] = offset;
        (x, y) = (y, (2 * x + 3 * y) % 5);
    }
    let mut a: Vec<Vec<BigUint>> =
        (0..5).map(|x| (0..5).map(|y| values[5 * y + x].clone()).collect()).collect();
    let mut lfsr = 1u32;
    for _ in 0..24 {
        let mut rc = 0u64;
        for m in 0..7 {
            rc += u64::from(lfsr & 1) << ((1u32 << m) - 1);
            lfsr <<= 1;
            lfsr ^= 0x171 * (lfsr >> 8);
        }
        let c: Vec<BigUint> = (0..5).map(|x| a[x].iter().fold(BigUint::zero(), |acc, v| acc ^ v)).collect();
        let d: Vec<BigUint> = (0..5).map(|x| &c[(x + 4) % 5] ^ rot(&c[(x + 1) % 5], 1)).collect();
        for (row, dx) in a.iter_mut().zip(&d) {
            for v in row.iter_mut() {
                *v = &*v ^ dx;
            }
        }
        let mut b = a.clone();
        for x in 0..5 {
            for y in 0..5 {
                b[y][(2 * x + 3 * y) % 5] = rot(&a[x][y], rho[x][y]);
            }
        }
        for x in 0..5 {
            for y in 0..5 {
                let not_and = &b[(x + 2) % 5][y] ^ (&b[(x + 1) % 5][y] & &b[(x + 2) % 5][y]);
                a[x][y] = &b[x][y] ^ not_and;
            }
        }
        a[0][0] = &a[0][0] ^ BigUint::from(rc);
    }
    (0..25).map(|i| a[i % 5][i / 5].clone()).collect()
}

/// Keccak-256 (Ethereum's `keccak`, padding `0x01 ... 0x80`, rate 136 bytes).
pub(crate) fn keccak256(data: &[u8]) -> [u8; 32] {
    const RATE: usize = 136;
    let mut state = [0u64; 25];
    let mut padded = data.to_vec();
    padded.push(0x01);
    while !padded.len().is_multiple_of(RATE) {
        padded.push(0);
    }
    if let Some(last) = padded.last_mut() {
        *last |= 0x80;
    }
    for block in padded.chunks(RATE) {
        for (i, lane) in block.chunks(8).enumerate() {
            let mut b = [0u8; 8];
            b.copy_from_slice(lane);
            state[i] ^= u64::from_le_bytes(b);
        }
        keccak::f1600(&mut state);
    }
    let mut out = [0u8; 32];
    for (i, lane) in state[..4].iter().enumerate() {
        out[8 * i..8 * i + 8].copy_from_slice(&lane.to_le_bytes());
    }
    out
}

/// `ids.high, ids.low = divmod(memory[ids.<base> + index], 256 ** bytes)`.
fn divmod_word(
    ctx: &mut HintCtx<'_>,
    base: &str,
    index: u64,
    bytes: u32,
    names: (&str, &str),
) -> Result<(), HintError> {
    let ptr = ctx.get_ptr(base).at(1)?;
    let v = ctx.mem_int(crate::hints::ctx::offset(ptr, index).at(1)?).at(1)?.to_biguint();
    let (high, low) = v.div_rem(&(BigUint::one() << (8 * bytes)));
    ctx.set_biguint(names.0, &high).at(1)?;
    ctx.set_biguint(names.1, &low).at(1)
}

/// `_keccak_state_size_felts = int(ids.KECCAK_STATE_SIZE_FELTS)`, `assert 0 <= ... < 100`.
fn state_size(ctx: &HintCtx<'_>, lines: [u32; 2]) -> Result<u64, HintError> {
    let size = ctx.get_big("KECCAK_STATE_SIZE_FELTS").at(lines[0])?;
    size.to_u64().filter(|s| *s < 100).ok_or_else(|| HintError::assertion(lines[1], ""))
}

/// The block permutation hint: `keccak_func` of the state before `keccak_ptr`, written at it.
fn block_permutation_at(ctx: &mut HintCtx<'_>, lines: [u32; 4]) -> Result<(), HintError> {
    let size = state_size(ctx, [lines[0], lines[1]])?;
    let ptr = ctx.get_ptr("keccak_ptr").at(lines[2])?;
    let start =
        ptr.offset.checked_sub(size).map(|o| crate::vm::Relocatable::new(ptr.segment, o)).ok_or_else(
            || {
                HintError::py(
                    "ValueError",
                    lines[2],
                    format!("The offset of a relocatable value must be nonnegative. Found: {ptr} - {size}."),
                )
            },
        )?;
    let input = ctx.get_int_range(start, size).at(lines[2])?;
    let output = keccak_func(&input).at(lines[2])?;
    ctx.write_arg(ptr, output.iter().map(Felt::from)).at(lines[3])?;
    Ok(())
}

/// `finalize_keccak`: `_block_size` copies of (zero state, keccak_func(zero state)) after
/// `keccak_ptr_end`. Lines: state size, block size, their two asserts, padding, write.
fn finalize_at(ctx: &mut HintCtx<'_>, max_block: u64, lines: [u32; 6]) -> Result<(), HintError> {
    let size = ctx.get_big("KECCAK_STATE_SIZE_FELTS").at(lines[0])?;
    let block = ctx.get_big("BLOCK_SIZE").at(lines[1])?;
    let size = size.to_u64().filter(|s| *s < 100).ok_or_else(|| HintError::assertion(lines[2], ""))?;
    let block =
        block.to_u64().filter(|b| *b < max_block).ok_or_else(|| HintError::assertion(lines[3], ""))?;
    if !ctx.scopes.contains("keccak_func") {
        return Err(HintError::name_error("keccak_func").at(lines[4]));
    }
    let zeros = vec![Felt::ZERO; size as usize];
    let out = keccak_func(&zeros).at(lines[4])?;
    let mut pair: Vec<Felt> = zeros;
    pair.extend(out.iter().map(Felt::from));
    let ptr = ctx.get_ptr("keccak_ptr_end").at(lines[5])?;
    let padding = (0..block).flat_map(|_| pair.iter().copied());
    ctx.write_arg(ptr, padding).at(lines[5])?;
    Ok(())
}

/// `ids.high = int.from_bytes(hashed[:16], 'big')`, `ids.low = ...[16:32]`.
fn set_hash(ctx: &mut HintCtx<'_>, hashed: &[u8; 32], lines: [u32; 2]) -> Result<(), HintError> {
    ctx.set("high", Felt::from_bytes_be_slice(&hashed[..16])).at(lines[0])?;
    ctx.set("low", Felt::from_bytes_be_slice(&hashed[16..])).at(lines[1])
}

pub const N_BYTES_GE_FULL_RATE: &str =
    r#"memory[ap] = to_felt_or_relocatable(ids.n_bytes >= ids.KECCAK_FULL_RATE_IN_BYTES)"#;
pub fn n_bytes_ge_full_rate(ctx: &mut HintCtx<'_>) -> Result<(), HintError> {
    let n = ctx.get_big("n_bytes").at(1)?;
    let rate = ctx.get_big("KECCAK_FULL_RATE_IN_BYTES").at(1)?;
    ctx.set_ap(Felt::from((n >= rate) as u64)).at(1)
}

pub const N_BYTES_LT_WORD: &str = r#"memory[ap] = to_felt_or_relocatable(ids.n_bytes < ids.BYTES_IN_WORD)"#;
pub fn n_bytes_lt_word(ctx: &mut HintCtx<'_>) -> Result<(), HintError> {
    let n = ctx.get_big("n_bytes").at(1)?;
    let word = ctx.get_big("BYTES_IN_WORD").at(1)?;
    ctx.set_ap(Felt::from((n < word) as u64)).at(1)
}

pub const FULL_WORD_8: &str = r#"ids.full_word = int(ids.n_bytes >= 8)"#;
pub fn full_word_8(ctx: &mut HintCtx<'_>) -> Result<(), HintError> {
    let n = ctx.get_big("n_bytes").at(1)?;
    ctx.set("full_word", Felt::from((n >= BigUint::from(8u8)) as u64)).at(1)
}

pub const OUTPUT0_TO_UINT256: &str = r#"ids.output0_low = ids.output0 & ((1 << 128) - 1)
ids.output0_high = ids.output0 >> 128"#;
pub fn output0_to_uint256(ctx: &mut HintCtx<'_>) -> Result<(), HintError> {
    let v = ctx.get_big("output0").at(1)?;
    ctx.set_biguint("output0_low", &(&v & ((BigUint::one() << 128) - 1u8))).at(1)?;
    ctx.set_biguint("output0_high", &(v >> 128)).at(2)
}

pub const OUTPUT1_TO_UINT256: &str = r#"tmp, ids.output1_low = divmod(ids.output1, 256 ** 7)
ids.output1_high, ids.output1_mid = divmod(tmp, 2 ** 128)"#;
pub fn output1_to_uint256(ctx: &mut HintCtx<'_>) -> Result<(), HintError> {
    let v = ctx.get_big("output1").at(1)?;
    let (tmp, low) = v.div_rem(&(BigUint::one() << 56));
    ctx.set_biguint("output1_low", &low).at(1)?;
    let (high, mid) = tmp.div_rem(&(BigUint::one() << 128));
    ctx.set_biguint("output1_high", &high).at(2)?;
    ctx.set_biguint("output1_mid", &mid).at(2)
}

pub const INPUTS_3: &str = r#"ids.high3, ids.low3 = divmod(memory[ids.inputs + 3], 256)"#;
pub fn inputs_3(ctx: &mut HintCtx<'_>) -> Result<(), HintError> {
    divmod_word(ctx, "inputs", 3, 1, ("high3", "low3"))
}

pub const INPUTS_6: &str = r#"ids.high6, ids.low6 = divmod(memory[ids.inputs + 6], 256 ** 2)"#;
pub fn inputs_6(ctx: &mut HintCtx<'_>) -> Result<(), HintError> {
    divmod_word(ctx, "inputs", 6, 2, ("high6", "low6"))
}

pub const INPUTS_9: &str = r#"ids.high9, ids.low9 = divmod(memory[ids.inputs + 9], 256 ** 3)"#;
pub fn inputs_9(ctx: &mut HintCtx<'_>) -> Result<(), HintError> {
    divmod_word(ctx, "inputs", 9, 3, ("high9", "low9"))
}

pub const INPUTS_12: &str = r#"ids.high12, ids.low12 = divmod(memory[ids.inputs + 12], 256 ** 4)"#;
pub fn inputs_12(ctx: &mut HintCtx<'_>) -> Result<(), HintError> {
    divmod_word(ctx, "inputs", 12, 4, ("high12", "low12"))
}

pub const INPUTS_15: &str = r#"ids.high15, ids.low15 = divmod(memory[ids.inputs + 15], 256 ** 5)"#;
pub fn inputs_15(ctx: &mut HintCtx<'_>) -> Result<(), HintError> {
    divmod_word(ctx, "inputs", 15, 5, ("high15", "low15"))
}

pub const PREPARE_LAST_BLOCK: &str =
    r#"ids.n_words_to_copy, ids.n_bytes_left = divmod(ids.n_bytes, ids.BYTES_IN_WORD)"#;
pub fn prepare_last_block(ctx: &mut HintCtx<'_>) -> Result<(), HintError> {
    let n = ctx.get_big("n_bytes").at(1)?;
    let word = ctx.get_big("BYTES_IN_WORD").at(1)?;
    if word.is_zero() {
        return Err(HintError::zero_division(1));
    }
    let (q, r) = n.div_rem(&word);
    ctx.set_biguint("n_words_to_copy", &q).at(1)?;
    ctx.set_biguint("n_bytes_left", &r).at(1)
}

pub const BLOCK_PERMUTATION: &str = r#"from starkware.cairo.common.keccak_utils.keccak_utils import keccak_func
_keccak_state_size_felts = int(ids.KECCAK_STATE_SIZE_FELTS)
assert 0 <= _keccak_state_size_felts < 100

output_values = keccak_func(memory.get_range(
    ids.keccak_ptr - _keccak_state_size_felts, _keccak_state_size_felts))
segments.write_arg(ids.keccak_ptr, output_values)"#;
pub fn block_permutation(ctx: &mut HintCtx<'_>) -> Result<(), HintError> {
    ctx.scopes.set("keccak_func", crate::hints::ScopeValue::Imported);
    block_permutation_at(ctx, [2, 3, 5, 7])
}

pub const BLOCK_PERMUTATION_V0_10: &str = r#"from starkware.cairo.common.cairo_keccak.keccak_utils import keccak_func
_keccak_state_size_felts = int(ids.KECCAK_STATE_SIZE_FELTS)
assert 0 <= _keccak_state_size_felts < 100

output_values = keccak_func(memory.get_range(
    ids.keccak_ptr - _keccak_state_size_felts, _keccak_state_size_felts))
segments.write_arg(ids.keccak_ptr, output_values)"#;
pub fn block_permutation_v0_10(ctx: &mut HintCtx<'_>) -> Result<(), HintError> {
    ctx.scopes.set("keccak_func", crate::hints::ScopeValue::Imported);
    block_permutation_at(ctx, [2, 3, 5, 7])
}

pub const BLOCK_PERMUTATION_TO_OUTPUT: &str = r#"from starkware.cairo.common.cairo_keccak.keccak_utils import keccak_func
_keccak_state_size_felts = int(ids.KECCAK_STATE_SIZE_FELTS)
assert 0 <= _keccak_state_size_felts < 100
output_values = keccak_func(memory.get_range(
    ids.keccak_ptr_start, _keccak_state_size_felts))
segments.write_arg(ids.output, output_values)"#;
pub fn block_permutation_to_output(ctx: &mut HintCtx<'_>) -> Result<(), HintError> {
    ctx.scopes.set("keccak_func", crate::hints::ScopeValue::Imported);
    let size = state_size(ctx, [2, 3])?;
    let start = ctx.get_ptr("keccak_ptr_start").at(4)?;
    let input = ctx.get_int_range(start, size).at(4)?;
    let output = keccak_func(&input).at(4)?;
    let out = ctx.get_ptr("output").at(6)?;
    ctx.write_arg(out, output.iter().map(Felt::from)).at(6)?;
    Ok(())
}

pub const FINALIZE_KECCAK: &str = r#"# Add dummy pairs of input and output.
_keccak_state_size_felts = int(ids.KECCAK_STATE_SIZE_FELTS)
_block_size = int(ids.BLOCK_SIZE)
assert 0 <= _keccak_state_size_felts < 100
assert 0 <= _block_size < 10
inp = [0] * _keccak_state_size_felts
padding = (inp + keccak_func(inp)) * _block_size
segments.write_arg(ids.keccak_ptr_end, padding)"#;
pub fn finalize_keccak(ctx: &mut HintCtx<'_>) -> Result<(), HintError> {
    finalize_at(ctx, 10, [2, 3, 4, 5, 7, 8])
}

pub const FINALIZE_KECCAK_1000: &str = r#"# Add dummy pairs of input and output.
_keccak_state_size_felts = int(ids.KECCAK_STATE_SIZE_FELTS)
_block_size = int(ids.BLOCK_SIZE)
assert 0 <= _keccak_state_size_felts < 100
assert 0 <= _block_size < 1000
inp = [0] * _keccak_state_size_felts
padding = (inp + keccak_func(inp)) * _block_size
segments.write_arg(ids.keccak_ptr_end, padding)"#;
pub fn finalize_keccak_1000(ctx: &mut HintCtx<'_>) -> Result<(), HintError> {
    finalize_at(ctx, 1000, [2, 3, 4, 5, 7, 8])
}

pub const UNSAFE_KECCAK: &str = r#"from eth_hash.auto import keccak

data, length = ids.data, ids.length

if '__keccak_max_size' in globals():
    assert length <= __keccak_max_size, \
        f'unsafe_keccak() can only be used with length<={__keccak_max_size}. ' \
        f'Got: length={length}.'

keccak_input = bytearray()
for word_i, byte_i in enumerate(range(0, length, 16)):
    word = memory[data + word_i]
    n_bytes = min(16, length - byte_i)
    assert 0 <= word < 2 ** (8 * n_bytes)
    keccak_input += word.to_bytes(n_bytes, 'big')

hashed = keccak(keccak_input)
ids.high = int.from_bytes(hashed[:16], 'big')
ids.low = int.from_bytes(hashed[16:32], 'big')"#;
pub fn unsafe_keccak(ctx: &mut HintCtx<'_>) -> Result<(), HintError> {
    let data = ctx.get_ptr("data").at(3)?;
    let length = ctx.get_big("length").at(3)?;
    if let Some(ScopeValue::Int(max)) = ctx.scopes.get("__keccak_max_size") {
        if BigInt::from(length.clone()) > *max {
            return Err(HintError::assertion(
                6,
                format!("unsafe_keccak() can only be used with length<={max}. Got: length={length}."),
            ));
        }
    }
    let length = super::biguint_u64(&length, 11)?;
    let mut input = Vec::new();
    let mut byte_i = 0u64;
    while byte_i < length {
        let word = ctx.mem_int(crate::hints::ctx::offset(data, byte_i / 16).at(12)?).at(12)?;
        let n_bytes = (length - byte_i).min(16) as usize;
        let bytes = word.to_bytes_be();
        if bytes[..32 - n_bytes].iter().any(|b| *b != 0) {
            return Err(HintError::assertion(14, ""));
        }
        input.extend_from_slice(&bytes[32 - n_bytes..]);
        byte_i += 16;
    }
    set_hash(ctx, &keccak256(&input), [18, 19])
}

pub const UNSAFE_KECCAK_FINALIZE: &str = r#"from eth_hash.auto import keccak
keccak_input = bytearray()
n_elms = ids.keccak_state.end_ptr - ids.keccak_state.start_ptr
for word in memory.get_range(ids.keccak_state.start_ptr, n_elms):
    keccak_input += word.to_bytes(16, 'big')
hashed = keccak(keccak_input)
ids.high = int.from_bytes(hashed[:16], 'big')
ids.low = int.from_bytes(hashed[16:32], 'big')"#;
pub fn unsafe_keccak_finalize(ctx: &mut HintCtx<'_>) -> Result<(), HintError> {
    let start = ctx.get_ptr("keccak_state.start_ptr").at(3)?;
    let end = ctx.get_ptr("keccak_state.end_ptr").at(3)?;
    if start.segment != end.segment {
        return Err(HintError::assertion(
            3,
            format!(
                "Can only subtract two relocatable values of the same segment ({} != {}).",
                end.segment, start.segment
            ),
        ));
    }
    let n = end.offset.saturating_sub(start.offset);
    let mut input = Vec::new();
    for word in ctx.get_int_range(start, n).at(4)? {
        let bytes = word.to_bytes_be();
        if bytes[..16].iter().any(|b| *b != 0) {
            return Err(HintError::py("OverflowError", 5, "int too big to convert"));
        }
        input.extend_from_slice(&bytes[16..]);
    }
    set_hash(ctx, &keccak256(&input), [7, 8])
}

pub const KECCAK_ADD_UINT256: &str = r#"segments.write_arg(ids.inputs, [ids.low % 2 ** 64, ids.low // 2 ** 64])
segments.write_arg(ids.inputs + 2, [ids.high % 2 ** 64, ids.high // 2 ** 64])"#;
pub fn keccak_add_uint256(ctx: &mut HintCtx<'_>) -> Result<(), HintError> {
    let inputs = ctx.get_ptr("inputs").at(1)?;
    for (i, part) in ["low", "high"].into_iter().enumerate() {
        let v = ctx.get_big(part).at(1 + i as u32)?;
        let words = [&v & BigUint::from(u64::MAX), &v >> 64];
        let at = crate::hints::ctx::offset(inputs, 2 * i as u64).at(1 + i as u32)?;
        ctx.write_arg(at, words.iter().map(Felt::from)).at(1 + i as u32)?;
    }
    Ok(())
}

pub const STATE_TO_FELTS: &str = r#"full_num = ids.keccak_builtin_state.s0
full_num += (2**200) * ids.keccak_builtin_state.s1
full_num += (2**400) * ids.keccak_builtin_state.s2
full_num += (2**600) * ids.keccak_builtin_state.s3
full_num += (2**800) * ids.keccak_builtin_state.s4
full_num += (2**1000) * ids.keccak_builtin_state.s5
full_num += (2**1200) * ids.keccak_builtin_state.s6
full_num += (2**1400) * ids.keccak_builtin_state.s7
for i in range(25):
    memory[ids.felt_array + i] = full_num % (2**64)
    full_num = full_num >> 64"#;
pub fn state_to_felts(ctx: &mut HintCtx<'_>) -> Result<(), HintError> {
    let mut full = BigUint::zero();
    for i in (0..8).rev() {
        full = (full << 200) + ctx.get_big(&format!("keccak_builtin_state.s{i}")).at(1)?;
    }
    let array = ctx.get_ptr("felt_array").at(10)?;
    for i in 0..25u64 {
        let lane = &full & BigUint::from(u64::MAX);
        ctx.insert(crate::hints::ctx::offset(array, i).at(10)?, Felt::from(&lane)).at(10)?;
        full >>= 64;
    }
    Ok(())
}

pub const FELT_ARRAY_3: &str = r#"ids.high3, ids.low3 = divmod(memory[ids.felt_array + 3], 256)"#;
pub fn felt_array_3(ctx: &mut HintCtx<'_>) -> Result<(), HintError> {
    divmod_word(ctx, "felt_array", 3, 1, ("high3", "low3"))
}

pub const FELT_ARRAY_6: &str = r#"ids.high6, ids.low6 = divmod(memory[ids.felt_array + 6], 256 ** 2)"#;
pub fn felt_array_6(ctx: &mut HintCtx<'_>) -> Result<(), HintError> {
    divmod_word(ctx, "felt_array", 6, 2, ("high6", "low6"))
}

pub const FELT_ARRAY_9: &str = r#"ids.high9, ids.low9 = divmod(memory[ids.felt_array + 9], 256 ** 3)"#;
pub fn felt_array_9(ctx: &mut HintCtx<'_>) -> Result<(), HintError> {
    divmod_word(ctx, "felt_array", 9, 3, ("high9", "low9"))
}

pub const FELT_ARRAY_12: &str = r#"ids.high12, ids.low12 = divmod(memory[ids.felt_array + 12], 256 ** 4)"#;
pub fn felt_array_12(ctx: &mut HintCtx<'_>) -> Result<(), HintError> {
    divmod_word(ctx, "felt_array", 12, 4, ("high12", "low12"))
}

pub const FELT_ARRAY_15: &str = r#"ids.high15, ids.low15 = divmod(memory[ids.felt_array + 15], 256 ** 5)"#;
pub fn felt_array_15(ctx: &mut HintCtx<'_>) -> Result<(), HintError> {
    divmod_word(ctx, "felt_array", 15, 5, ("high15", "low15"))
}

pub const FELT_ARRAY_18: &str = r#"ids.high18, ids.low18 = divmod(memory[ids.felt_array + 18], 256 ** 6)"#;
pub fn felt_array_18(ctx: &mut HintCtx<'_>) -> Result<(), HintError> {
    divmod_word(ctx, "felt_array", 18, 6, ("high18", "low18"))
}

pub const FELT_ARRAY_21: &str = r#"ids.high21, ids.low21 = divmod(memory[ids.felt_array + 21], 256 ** 7)"#;
pub fn felt_array_21(ctx: &mut HintCtx<'_>) -> Result<(), HintError> {
    divmod_word(ctx, "felt_array", 21, 7, ("high21", "low21"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn python_keccak_func_is_keccak_f1600_on_64_bit_lanes() {
        let values: Vec<Felt> = (0..25u64).map(|i| Felt::from(i.wrapping_mul(0x9e3779b97f4a7c15))).collect();
        let fast = keccak_func(&values).unwrap();
        let slow = keccak_func_big(values.iter().map(|v| v.to_biguint()).collect());
        assert_eq!(fast, slow);
    }

    #[test]
    fn keccak256_matches_known_digests() {
        let hex = |d: [u8; 32]| d.iter().map(|b| format!("{b:02x}")).collect::<String>();
        assert_eq!(hex(keccak256(b"")), "c5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470");
        assert_eq!(hex(keccak256(&[0x61; 200])).len(), 64);
    }
}
