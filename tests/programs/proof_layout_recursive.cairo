// Proof mode in the recursive layout: output and pedersen, range_check, bitwise (each used once, ecdsa
// only declared); the layout's ratios decide the padding.
%builtins output pedersen range_check bitwise

from starkware.cairo.common.cairo_builtins import HashBuiltin, BitwiseBuiltin
from starkware.cairo.common.serialize import serialize_word

func main{
    output_ptr: felt*,
    pedersen_ptr: HashBuiltin*,
    range_check_ptr,
    bitwise_ptr: BitwiseBuiltin*,
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
    serialize_word(42);
    return ();
}
