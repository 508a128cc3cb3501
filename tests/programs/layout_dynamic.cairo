// The dynamic layout (plain mode) with --cairo_layout_params_file: builtins from the
// parameters' list, segments in canonical order.
%builtins output pedersen range_check bitwise poseidon range_check96

from starkware.cairo.common.cairo_builtins import HashBuiltin, BitwiseBuiltin, PoseidonBuiltin
from starkware.cairo.common.hash import hash2
from starkware.cairo.common.serialize import serialize_word

func main{
    output_ptr: felt*,
    pedersen_ptr: HashBuiltin*,
    range_check_ptr,
    bitwise_ptr: BitwiseBuiltin*,
    poseidon_ptr: PoseidonBuiltin*,
    range_check96_ptr: felt*,
}() {
    let (h) = hash2{hash_ptr=pedersen_ptr}(10, 20);
    serialize_word(h);
    assert [range_check96_ptr] = 17;
    let range_check96_ptr = range_check96_ptr + 1;
    return ();
}
