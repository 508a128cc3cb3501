// bitwise: and / xor / or of small, large (2^251 - 1) and zero operands; outputs read in
// different orders (or before and), inputs written after a read attempt of an output.
%builtins output bitwise

from starkware.cairo.common.cairo_builtins import BitwiseBuiltin
from starkware.cairo.common.bitwise import bitwise_and, bitwise_xor, bitwise_or, bitwise_operations
from starkware.cairo.common.serialize import serialize_word

func main{output_ptr: felt*, bitwise_ptr: BitwiseBuiltin*}() {
    let (x) = bitwise_and(12, 10);
    serialize_word(x);
    let (y) = bitwise_xor(12, 10);
    serialize_word(y);
    let (z) = bitwise_or(12, 10);
    serialize_word(z);
    let (a, b, c) = bitwise_operations(2 ** 251 - 1, 2 ** 250 + 5);
    serialize_word(a);
    serialize_word(b);
    serialize_word(c);
    // Read the outputs in reverse order.
    assert bitwise_ptr.x = 0xff00ff;
    assert bitwise_ptr.y = 0x0ff0f0;
    serialize_word(bitwise_ptr.x_or_y);
    serialize_word(bitwise_ptr.x_and_y);
    let bitwise_ptr = bitwise_ptr + BitwiseBuiltin.SIZE;
    return ();
}
