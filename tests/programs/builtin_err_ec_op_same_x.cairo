// error: ec_op with P = Q (the computation meets two points with the same x coordinate).
%builtins ec_op

from starkware.cairo.common.cairo_builtins import EcOpBuiltin
from starkware.cairo.common.ec_point import EcPoint

const GX = 874739451078007766457464989774322083649278607533249481151382481072868806602;
const GY = 152666792071518830868575557812948353041420400780739481342941381225525861407;

func main{ec_op_ptr: EcOpBuiltin*}() {
    assert ec_op_ptr.p = EcPoint(GX, GY);
    assert ec_op_ptr.q = EcPoint(GX, GY);
    assert ec_op_ptr.m = 3;
    tempvar r = ec_op_ptr.r.y;
    let ec_op_ptr = ec_op_ptr + EcOpBuiltin.SIZE;
    return ();
}
