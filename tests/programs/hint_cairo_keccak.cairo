// cairo_keccak/keccak.cairo and keccak_utils hints: _keccak (full-rate test), _copy_inputs
// (word test), _block_permutation (keccak_func), keccak_add_uint256, finalize_keccak (padding
// with dummy pairs); inputs of 0, 5, 136 and 300 bytes.
%builtins output range_check bitwise

from starkware.cairo.common.alloc import alloc
from starkware.cairo.common.cairo_builtins import BitwiseBuiltin
from starkware.cairo.common.cairo_keccak.keccak import (
    cairo_keccak,
    cairo_keccak_felts_bigend,
    cairo_keccak_uint256s,
    finalize_keccak,
)
from starkware.cairo.common.serialize import serialize_word
from starkware.cairo.common.uint256 import Uint256

func fill(a: felt*, n: felt, v: felt) {
    if (n == 0) {
        return ();
    }
    assert a[0] = v;
    return fill(a + 1, n - 1, v + 0x0101010101010101);
}

func main{output_ptr: felt*, range_check_ptr, bitwise_ptr: BitwiseBuiltin*}() {
    alloc_locals;
    let (local keccak_ptr_start: felt*) = alloc();
    let keccak_ptr = keccak_ptr_start;
    let (local words: felt*) = alloc();
    // Words are 64-bit little-endian.
    assert words[0] = 0x0102030405060708;
    fill(words + 1, 39, 7);
    with keccak_ptr {
        let (res) = cairo_keccak(inputs=words, n_bytes=5);
        serialize_word(res.low);
        serialize_word(res.high);
        let (res) = cairo_keccak(inputs=words, n_bytes=0);
        serialize_word(res.low);
        serialize_word(res.high);
        let (local rate_words: felt*) = alloc();
        fill(rate_words, 17, 2);
        let (res) = cairo_keccak(inputs=rate_words, n_bytes=136);
        serialize_word(res.low);
        serialize_word(res.high);
        let (local nums: Uint256*) = alloc();
        assert nums[0] = Uint256(1, 2);
        assert nums[1] = Uint256(2 ** 128 - 1, 2 ** 127);
        let (res) = cairo_keccak_uint256s(2, nums);
        serialize_word(res.low);
        serialize_word(res.high);
        let (local felts: felt*) = alloc();
        assert felts[0] = 17;
        assert felts[1] = -1;
        let (res) = cairo_keccak_felts_bigend(2, felts);
        serialize_word(res.low);
        serialize_word(res.high);
    }
    finalize_keccak(keccak_ptr_start=keccak_ptr_start, keccak_ptr_end=keccak_ptr);
    return ();
}
