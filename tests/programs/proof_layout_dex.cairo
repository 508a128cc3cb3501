// Proof mode in the dex layout: output and pedersen, range_check, ecdsa (each used once, ecdsa
// only declared); the layout's ratios decide the padding.
%builtins output pedersen range_check ecdsa

from starkware.cairo.common.cairo_builtins import HashBuiltin, SignatureBuiltin
from starkware.cairo.common.serialize import serialize_word

func main{
    output_ptr: felt*,
    pedersen_ptr: HashBuiltin*,
    range_check_ptr,
    ecdsa_ptr: SignatureBuiltin*,
}() {
    assert pedersen_ptr.x = 1;
    assert pedersen_ptr.y = 2;
    serialize_word(pedersen_ptr.result);
    let pedersen_ptr = pedersen_ptr + HashBuiltin.SIZE;
    assert [range_check_ptr] = 2 ** 64 + 7;
    let range_check_ptr = range_check_ptr + 1;
    serialize_word(42);
    return ();
}
