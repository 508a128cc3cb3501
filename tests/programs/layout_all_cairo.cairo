// The all_cairo layout (run with cairo-run-all): output and range_check builtins together with a
// few range-checked operations, so that builtin segments are placed as in that layout.
%builtins output range_check

from starkware.cairo.common.math import assert_nn_le, unsigned_div_rem
from starkware.cairo.common.math_cmp import is_le
from starkware.cairo.common.serialize import serialize_word

func main{output_ptr: felt*, range_check_ptr}() {
    assert_nn_le(3, 4);
    let (q, r) = unsigned_div_rem(1000, 33);
    serialize_word(q);
    serialize_word(r);
    let b = is_le(r, q);
    serialize_word(b);
    return ();
}
