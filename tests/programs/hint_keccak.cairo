// keccak.cairo hints: unsafe_keccak (full and partial words, empty input), unsafe_keccak_finalize
// (through unsafe_keccak_add_* and keccak_felts), truncated_keccak2.
%builtins output range_check

from starkware.cairo.common.alloc import alloc
from starkware.cairo.common.keccak import (
    keccak_felts,
    truncated_keccak2,
    unsafe_keccak,
    unsafe_keccak_add_felt,
    unsafe_keccak_add_uint256,
    unsafe_keccak_finalize,
    unsafe_keccak_init,
)
from starkware.cairo.common.serialize import serialize_word
from starkware.cairo.common.uint256 import Uint256

func main{output_ptr: felt*, range_check_ptr}() {
    alloc_locals;
    let (local data: felt*) = alloc();
    assert data[0] = 0x000102030405060708090a0b0c0d0e0f;
    assert data[1] = 0x101112131415161718191a1b1c1d1e1f;
    assert data[2] = 0x2021;
    let (low, high) = unsafe_keccak(data, 34);
    serialize_word(low);
    serialize_word(high);
    let (low, high) = unsafe_keccak(data, 0);
    serialize_word(low);
    serialize_word(high);
    let (low, high) = unsafe_keccak(data, 16);
    serialize_word(low);
    serialize_word(high);

    let (state) = unsafe_keccak_init();
    let keccak_state = state;
    with keccak_state {
        unsafe_keccak_add_felt(12345);
        unsafe_keccak_add_uint256(Uint256(7, 2 ** 127));
    }
    let (res) = unsafe_keccak_finalize(keccak_state);
    serialize_word(res.low);
    serialize_word(res.high);

    let (res) = keccak_felts(3, data);
    serialize_word(res.low);
    serialize_word(res.high);
    let (t) = truncated_keccak2(1, 2);
    serialize_word(t);
    return ();
}
