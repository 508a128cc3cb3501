// Proof mode in the dynamic layout: output and pedersen, range_check, bitwise, poseidon, range_check96 (each used once, ecdsa
// only declared); the layout's ratios decide the padding.
%builtins output pedersen range_check bitwise poseidon range_check96

from starkware.cairo.common.cairo_builtins import HashBuiltin, BitwiseBuiltin, PoseidonBuiltin
from starkware.cairo.common.poseidon_state import PoseidonBuiltinState
from starkware.cairo.common.serialize import serialize_word

func main{
    output_ptr: felt*,
    pedersen_ptr: HashBuiltin*,
    range_check_ptr,
    bitwise_ptr: BitwiseBuiltin*,
    poseidon_ptr: PoseidonBuiltin*,
    range_check96_ptr: felt*,
}() {
    assert pedersen_ptr.x = 1;
    assert pedersen_ptr.y = 2;
    serialize_word(pedersen_ptr.result);
    let pedersen_ptr = pedersen_ptr + HashBuiltin.SIZE;
    assert [range_check_ptr] = 2 ** 64 + 7;
    let range_check_ptr = range_check_ptr + 1;
    assert bitwise_ptr.x = 6;
    assert bitwise_ptr.y = 3;
    serialize_word(bitwise_ptr.x_or_y);
    let bitwise_ptr = bitwise_ptr + BitwiseBuiltin.SIZE;
    assert poseidon_ptr.input = PoseidonBuiltinState(4, 5, 6);
    serialize_word(poseidon_ptr.output.s2);
    let poseidon_ptr = poseidon_ptr + PoseidonBuiltin.SIZE;
    assert [range_check96_ptr] = 2 ** 90;
    let range_check96_ptr = range_check96_ptr + 1;
    serialize_word(42);
    return ();
}
