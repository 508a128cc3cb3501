// error: uint256_mul_div_mod by zero (ZeroDivisionError on line 4 of the hint).
%builtins range_check

from starkware.cairo.common.uint256 import Uint256, uint256_mul_div_mod

func main{range_check_ptr}() {
    let (ql, qh, r) = uint256_mul_div_mod(Uint256(5, 0), Uint256(7, 0), Uint256(0, 0));
    return ();
}
