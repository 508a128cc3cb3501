// Error: assert_le fails three calls deep (exercises the call-stack traceback).
%builtins output range_check

from starkware.cairo.common.math import assert_le

func level3{range_check_ptr}(a, b) {
    assert_le(a, b);
    return ();
}

func level2{range_check_ptr}(a, b) {
    level3(a, b);
    return ();
}

func level1{range_check_ptr}(a, b) {
    level2(a + 1, b);
    level2(a + 10, b);
    return ();
}

func main{output_ptr: felt*, range_check_ptr}() {
    level1(0, 5);
    return ();
}
