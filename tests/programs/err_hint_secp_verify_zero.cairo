// error: cairo_secp's verify_zero on a nonzero value (the hint's assert with the limbs).
%builtins range_check

from starkware.cairo.common.cairo_secp.bigint3 import UnreducedBigInt3
from starkware.cairo.common.cairo_secp.field import verify_zero

func main{range_check_ptr}() {
    verify_zero(UnreducedBigInt3(1, -2, 3));
    return ();
}
