// Full-field comparisons and splits from math.cairo: assert_le_felt (all three excluded-arc
// branches and their hints), assert_lt_felt, assert_250_bit and split_felt (both the
// high == MAX_HIGH branch and the other one).
%builtins output range_check

from starkware.cairo.common.math import (
    assert_le_felt,
    assert_lt_felt,
    assert_250_bit,
    split_felt,
)
from starkware.cairo.common.serialize import serialize_word

func main{output_ptr: felt*, range_check_ptr}() {
    // Excluded arc 2 (b -> P - 1 is the longest): small a and b.
    assert_le_felt(1, 5);
    assert_le_felt(7, 7);
    // Excluded arc 1 (a -> b is the longest): small a, b near P.
    assert_le_felt(1, -2);
    // Excluded arc 0 (0 -> a is the longest): a and b near P.
    assert_le_felt(-10, -5);
    assert_lt_felt(0, -1);
    assert_lt_felt(2 ** 200, 2 ** 201);
    assert_250_bit(0);
    assert_250_bit(2 ** 250 - 1);
    assert_250_bit(12345);
    let (high, low) = split_felt(2 ** 130 + 17);
    serialize_word(high);
    serialize_word(low);
    let (high, low) = split_felt(-1);
    serialize_word(high);
    serialize_word(low);
    let (high, low) = split_felt(-2 ** 128 + 5);
    serialize_word(high);
    serialize_word(low);
    return ();
}
