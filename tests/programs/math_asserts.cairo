// math.cairo assertion hints: assert_not_zero, assert_not_equal (integers and pointers),
// assert_nn, assert_le, assert_lt, assert_nn_le, assert_in_range.
%builtins output range_check

from starkware.cairo.common.alloc import alloc
from starkware.cairo.common.math import (
    assert_not_zero,
    assert_not_equal,
    assert_nn,
    assert_le,
    assert_lt,
    assert_nn_le,
    assert_in_range,
)
from starkware.cairo.common.serialize import serialize_word

func main{output_ptr: felt*, range_check_ptr}() {
    alloc_locals;
    local rc_start = range_check_ptr;
    assert_not_zero(5);
    assert_not_zero(-1);
    assert_not_equal(3, 4);
    assert_not_equal(-1, 0);
    let (local p: felt*) = alloc();
    assert_not_equal(cast(p, felt), cast(p + 1, felt));
    assert_nn(0);
    assert_nn(2 ** 128 - 1);
    assert_le(3, 3);
    assert_le(-5, 10);
    assert_lt(9, 10);
    assert_nn_le(0, 0);
    assert_nn_le(7, 100);
    assert_in_range(5, 5, 6);
    assert_in_range(-3, -10, 10);
    // Number of range-check cells used.
    tempvar used = range_check_ptr - rc_start;
    serialize_word(used);
    return ();
}
