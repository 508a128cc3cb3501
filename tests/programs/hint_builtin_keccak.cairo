// builtin_keccak/keccak.cairo hints (with the keccak builtin): _keccak (full-rate test),
// _prepare_full_block's byte splits, _prepare_last_block, _keccak_output_to_uint256; inputs of
// 0, 7, 136 and 200 bytes, felts and uint256s.
%builtins output range_check bitwise keccak

from starkware.cairo.common.alloc import alloc
from starkware.cairo.common.builtin_keccak.keccak import (
    keccak,
    keccak_bigend,
    keccak_felts,
    keccak_uint256s_bigend,
)
from starkware.cairo.common.cairo_builtins import BitwiseBuiltin, KeccakBuiltin
from starkware.cairo.common.serialize import serialize_word
from starkware.cairo.common.uint256 import Uint256

func fill(a: felt*, n: felt, v: felt) {
    if (n == 0) {
        return ();
    }
    assert a[0] = v;
    return fill(a + 1, n - 1, v * 5 + 3);
}

func main{
    output_ptr: felt*, range_check_ptr, bitwise_ptr: BitwiseBuiltin*, keccak_ptr: KeccakBuiltin*
}() {
    alloc_locals;
    let (local words: felt*) = alloc();
    fill(words, 25, 1);
    let (res) = keccak(inputs=words, n_bytes=7);
    serialize_word(res.low);
    serialize_word(res.high);
    let (res) = keccak(inputs=words, n_bytes=0);
    serialize_word(res.low);
    serialize_word(res.high);
    let (res) = keccak(inputs=words, n_bytes=136);
    serialize_word(res.low);
    serialize_word(res.high);
    let (res) = keccak_bigend(inputs=words, n_bytes=200);
    serialize_word(res.low);
    serialize_word(res.high);
    let (local felts: felt*) = alloc();
    assert felts[0] = 3;
    assert felts[1] = 2 ** 250;
    let (res) = keccak_felts(2, felts);
    serialize_word(res.low);
    serialize_word(res.high);
    let (local nums: Uint256*) = alloc();
    assert nums[0] = Uint256(5, 6);
    let (res) = keccak_uint256s_bigend(1, nums);
    serialize_word(res.low);
    serialize_word(res.high);
    return ();
}
