// math_cmp.cairo: is_not_zero, is_nn (in range, negative, and the need_felt_comparison path),
// is_le, is_nn_le, is_in_range and is_le_felt (both outcomes).
%builtins output range_check

from starkware.cairo.common.math_cmp import (
    is_not_zero,
    is_nn,
    is_le,
    is_nn_le,
    is_in_range,
    is_le_felt,
)
from starkware.cairo.common.serialize import serialize_word

func main{output_ptr: felt*, range_check_ptr}() {
    let r = is_not_zero(0);
    serialize_word(r);
    let r = is_not_zero(-3);
    serialize_word(r);
    let r = is_nn(5);
    serialize_word(r);
    let r = is_nn(-5);
    serialize_word(r);
    // Neither a nor -a - 1 is below 2^128: falls back to assert_le_felt.
    let r = is_nn(2 ** 200);
    serialize_word(r);
    let r = is_le(3, 4);
    serialize_word(r);
    let r = is_le(4, 3);
    serialize_word(r);
    let r = is_nn_le(3, 10);
    serialize_word(r);
    let r = is_nn_le(-3, 10);
    serialize_word(r);
    let r = is_nn_le(11, 10);
    serialize_word(r);
    let r = is_in_range(5, 0, 10);
    serialize_word(r);
    let r = is_in_range(10, 0, 10);
    serialize_word(r);
    let r = is_in_range(-1, 0, 10);
    serialize_word(r);
    let r = is_le_felt(3, -3);
    serialize_word(r);
    let r = is_le_felt(-3, 3);
    serialize_word(r);
    let r = is_le_felt(2 ** 250, 2 ** 250);
    serialize_word(r);
    return ();
}
