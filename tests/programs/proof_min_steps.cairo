// Proof mode with --min_steps 5000 (run to 5000 steps, then pad to a power of two).

%builtins output pedersen range_check

from starkware.cairo.common.cairo_builtins import HashBuiltin
from starkware.cairo.common.hash import hash2
from starkware.cairo.common.math import assert_nn_le
from starkware.cairo.common.serialize import serialize_word

func main{output_ptr: felt*, pedersen_ptr: HashBuiltin*, range_check_ptr}() {
    let (h) = hash2{hash_ptr=pedersen_ptr}(3, 4);
    serialize_word(h);
    assert_nn_le(5, 2 ** 100);
    assert [range_check_ptr] = 0xffff;
    let range_check_ptr = range_check_ptr + 1;
    serialize_word(7);
    return ();
}
