// cairo_blake2s/blake2s.cairo hints: blake2s_inner / blake2s_last_block (compute_blake2s_func),
// blake2s_add_uint256 (both endiannesses), encode_felt252_to_u32s (small / big values, the
// nondet test), finalize_blake2s (dummy instances); inputs of 0, 5, 64 and 100 bytes.
%builtins output range_check bitwise

from starkware.cairo.common.alloc import alloc
from starkware.cairo.common.cairo_blake2s.blake2s import (
    blake2s,
    blake2s_add_uint256,
    blake2s_add_uint256_bigend,
    blake2s_bigend,
    blake2s_felts,
    encode_felt252_to_u32s,
    finalize_blake2s,
)
from starkware.cairo.common.cairo_builtins import BitwiseBuiltin
from starkware.cairo.common.serialize import serialize_word
from starkware.cairo.common.uint256 import Uint256

func fill(a: felt*, n: felt, v: felt) {
    if (n == 0) {
        return ();
    }
    assert a[0] = v;
    return fill(a + 1, n - 1, v + 0x01020304);
}

func print_array{output_ptr: felt*}(a: felt*, n: felt) {
    if (n == 0) {
        return ();
    }
    serialize_word(a[0]);
    return print_array(a + 1, n - 1);
}

func add_words{bitwise_ptr: BitwiseBuiltin*}(words: felt*) {
    let data = words;
    with data {
        blake2s_add_uint256(
            Uint256(0x0102030405060708090a0b0c0d0e0f10, 0x1112131415161718191a1b1c1d1e1f20)
        );
        blake2s_add_uint256_bigend(Uint256(0x0102030405060708090a0b0c0d0e0f10, 7));
    }
    return ();
}

func main{output_ptr: felt*, range_check_ptr, bitwise_ptr: BitwiseBuiltin*}() {
    alloc_locals;
    let (local blake2s_ptr_start: felt*) = alloc();
    let blake2s_ptr = blake2s_ptr_start;
    let (local data: felt*) = alloc();
    fill(data, 25, 7);
    with blake2s_ptr {
        let (res) = blake2s(data, 5);
        serialize_word(res.low);
        serialize_word(res.high);
        let (res) = blake2s(data, 0);
        serialize_word(res.low);
        serialize_word(res.high);
        let (res) = blake2s(data, 64);
        serialize_word(res.low);
        serialize_word(res.high);
        let (res) = blake2s_bigend(data, 100);
        serialize_word(res.low);
        serialize_word(res.high);
        let (local felts: felt*) = alloc();
        assert felts[0] = 5;
        assert felts[1] = 2 ** 200 + 3;
        let (res) = blake2s_felts(2, felts, 1);
        serialize_word(res.low);
        serialize_word(res.high);
    }
    let (local words: felt*) = alloc();
    add_words(words);
    print_array(words, 16);

    let (local packed: felt*) = alloc();
    assert packed[0] = 12345;
    assert packed[1] = 2 ** 63;
    assert packed[2] = 2 ** 63 - 1;
    assert packed[3] = -1;
    let (local unpacked: felt*) = alloc();
    let n = encode_felt252_to_u32s(4, packed, unpacked);
    serialize_word(n);
    print_array(unpacked, n);

    finalize_blake2s(blake2s_ptr_start, blake2s_ptr);
    return ();
}
