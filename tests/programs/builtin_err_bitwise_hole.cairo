// error: the security check at the end of the run (cairo-run's default secure run) finds a
// bitwise instance whose outputs were never read (holes) with an operand of 2^251: the
// deduction of those holes would fail. The first instance is valid and has holes too.
%builtins bitwise

from starkware.cairo.common.cairo_builtins import BitwiseBuiltin

func main{bitwise_ptr: BitwiseBuiltin*}() {
    assert bitwise_ptr.x = 12;
    assert bitwise_ptr.y = 10;
    assert bitwise_ptr.x_and_y = 8;
    let bitwise_ptr = bitwise_ptr + BitwiseBuiltin.SIZE;
    assert bitwise_ptr.x = 5;
    assert bitwise_ptr.y = 2 ** 251;
    let bitwise_ptr = bitwise_ptr + BitwiseBuiltin.SIZE;
    return ();
}
