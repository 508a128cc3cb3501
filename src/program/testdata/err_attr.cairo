%builtins range_check
from starkware.cairo.common.math import assert_not_zero, assert_nn

func check{range_check_ptr}(x: felt) {
    with_attr error_message("x must not be zero. Got x={x}.") {
        assert_not_zero(x);
    }
    return ();
}

func outer{range_check_ptr}(a: felt, b: felt) {
    alloc_locals;
    local c = a * b;
    with_attr error_message("outer failed: a={a}, b={b}, c={c}, bad={nope}") {
        check(c);
    }
    return ();
}

func main{range_check_ptr}() {
    with_attr error_message("in main") {
        outer(3, 0);
    }
    return ();
}
