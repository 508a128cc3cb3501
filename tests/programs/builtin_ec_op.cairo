// ec_op: P + m * Q on the STARK curve, with m = 0, 1, a large scalar; only one output read for
// some instances.
%builtins output ec_op

from starkware.cairo.common.cairo_builtins import EcOpBuiltin
from starkware.cairo.common.ec_point import EcPoint
from starkware.cairo.common.serialize import serialize_word

const GX = 874739451078007766457464989774322083649278607533249481151382481072868806602;
const GY = 152666792071518830868575557812948353041420400780739481342941381225525861407;
const QX = 875940955200611947500760302054417515671876219465574517800446702396947535610;
const QY = 2976950011013311701273347535189853905279003536832852550673682997603920566673;

func op{output_ptr: felt*, ec_op_ptr: EcOpBuiltin*}(m: felt, read_y: felt) {
    assert ec_op_ptr.p = EcPoint(GX, GY);
    assert ec_op_ptr.q = EcPoint(QX, QY);
    assert ec_op_ptr.m = m;
    serialize_word(ec_op_ptr.r.x);
    if (read_y != 0) {
        serialize_word(ec_op_ptr.r.y);
    }
    let ec_op_ptr = ec_op_ptr + EcOpBuiltin.SIZE;
    return ();
}

func main{output_ptr: felt*, ec_op_ptr: EcOpBuiltin*}() {
    op(0, 1);
    op(1, 1);
    op(7, 0);
    op(0x7123456789abcdef0123456789abcdef0123456789abcdef0123456789abcde, 1);
    return ();
}
