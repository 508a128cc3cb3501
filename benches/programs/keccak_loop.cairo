// Throughput benchmark: Keccak in Cairo (cairo_keccak, bitwise builtin). cairo_keccak_felts over
// 40 felts (10 blocks), 15 times, over a sliding window, the digests folded into a checksum, then finalize_keccak
// (layout recursive). The final digest is asserted.
%builtins output range_check bitwise

from starkware.cairo.common.alloc import alloc
from starkware.cairo.common.cairo_builtins import BitwiseBuiltin
from starkware.cairo.common.cairo_keccak.keccak import cairo_keccak_felts, finalize_keccak
from starkware.cairo.common.serialize import serialize_word
from starkware.cairo.common.uint256 import Uint256

const LEN = 40;
const ROUNDS = 15;

func fill(a: felt*, n: felt, v: felt) {
    if (n == 0) {
        return ();
    }
    assert a[0] = v;
    return fill(a + 1, n - 1, v * 5 + 3);
}

func rounds{range_check_ptr, bitwise_ptr: BitwiseBuiltin*, keccak_ptr: felt*}(
    data: felt*, h: Uint256, n: felt
) -> Uint256 {
    if (n == 0) {
        return h;
    }
    let (h2) = cairo_keccak_felts(LEN, data);
    return rounds(data + 2, Uint256(h.low + h2.low, h.high + h2.high), n - 1);
}

func main{output_ptr: felt*, range_check_ptr, bitwise_ptr: BitwiseBuiltin*}() {
    alloc_locals;
    let (local keccak_ptr_start: felt*) = alloc();
    let keccak_ptr = keccak_ptr_start;
    let (local data: felt*) = alloc();
    fill(data, LEN + 2 * ROUNDS, 11);
    with keccak_ptr {
        let h = rounds(data, Uint256(1, 2), ROUNDS);
    }
    finalize_keccak(keccak_ptr_start=keccak_ptr_start, keccak_ptr_end=keccak_ptr);
    assert h.low = 0x86c40181f47902d39e34f9e1133564d6c;
    assert h.high = 0x95cb2d6e2d65c3bf3626b3040848039e8;
    serialize_word(h.low);
    serialize_word(h.high);
    return ();
}
