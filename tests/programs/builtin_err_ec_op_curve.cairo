// error: an ec_op input point that is not on the curve.
%builtins ec_op

from starkware.cairo.common.cairo_builtins import EcOpBuiltin
from starkware.cairo.common.ec_point import EcPoint

func main{ec_op_ptr: EcOpBuiltin*}() {
    assert ec_op_ptr.p = EcPoint(1, 2);
    assert ec_op_ptr.q = EcPoint(3, 4);
    assert ec_op_ptr.m = 5;
    tempvar r = ec_op_ptr.r.x;
    let ec_op_ptr = ec_op_ptr + EcOpBuiltin.SIZE;
    return ();
}
