// Throughput benchmark: Blake2s in Cairo (cairo_blake2s, bitwise builtin). blake2s over 200
// bytes, 170 times, over a sliding window, the digests folded into a checksum, then finalize_blake2s
// (layout recursive). The final digest is asserted.
%builtins output range_check bitwise

from starkware.cairo.common.alloc import alloc
from starkware.cairo.common.cairo_blake2s.blake2s import blake2s, finalize_blake2s
from starkware.cairo.common.cairo_builtins import BitwiseBuiltin
from starkware.cairo.common.serialize import serialize_word
from starkware.cairo.common.uint256 import Uint256

const LEN_WORDS = 50;
const ROUNDS = 170;

func fill(a: felt*, n: felt, v: felt) {
    if (n == 0) {
        return ();
    }
    assert a[0] = v;
    return fill(a + 1, n - 1, v + 0x00010203);
}

func rounds{range_check_ptr, blake2s_ptr: felt*}(data: felt*, h: Uint256, n: felt) -> Uint256 {
    if (n == 0) {
        return h;
    }
    let (h2) = blake2s(data, 4 * LEN_WORDS);
    return rounds(data + 2, Uint256(h.low + h2.low, h.high + h2.high), n - 1);
}

func main{output_ptr: felt*, range_check_ptr, bitwise_ptr: BitwiseBuiltin*}() {
    alloc_locals;
    let (local blake2s_ptr_start: felt*) = alloc();
    let blake2s_ptr = blake2s_ptr_start;
    let (local data: felt*) = alloc();
    fill(data, LEN_WORDS + 2 * ROUNDS, 7);
    with blake2s_ptr {
        let h = rounds(data, Uint256(1, 2), ROUNDS);
    }
    finalize_blake2s(blake2s_ptr_start, blake2s_ptr);
    assert h.low = 0x58b4eadc2dc9172107609f921da13bdbf2;
    assert h.high = 0x563fd75e08b72c348e172bfa4b9375b811;
    serialize_word(h.low);
    serialize_word(h.high);
    return ();
}
