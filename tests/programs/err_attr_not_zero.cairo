// Error: assert_not_zero(0) inside `with_attr error_message(...)` blocks (error attributes,
// including a nested attribute and one that formats a reference).
%builtins output range_check

from starkware.cairo.common.math import assert_not_zero

func check_divisor(d) {
    with_attr error_message("Divisor must be nonzero, got {d}.") {
        assert_not_zero(d);
    }
    return ();
}

func main{output_ptr: felt*, range_check_ptr}() {
    check_divisor(3);
    with_attr error_message("Outer attribute: checking divisors.") {
        check_divisor(0);
    }
    return ();
}
