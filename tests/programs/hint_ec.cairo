// ec.cairo hints: ec_op (random point from the inputs' SHA-256), ec_mul, chained_ec_op,
// recover_y, is_x_on_curve (math's is_quad_residue) with the ec_op builtin.
%builtins output ec_op

from starkware.cairo.common.alloc import alloc
from starkware.cairo.common.cairo_builtins import EcOpBuiltin
from starkware.cairo.common.ec import chained_ec_op, ec_mul, ec_op, is_x_on_curve, recover_y
from starkware.cairo.common.ec_point import EcPoint
from starkware.cairo.common.serialize import serialize_word

func out{output_ptr: felt*}(p: EcPoint) {
    serialize_word(p.x);
    serialize_word(p.y);
    return ();
}

func main{output_ptr: felt*, ec_op_ptr: EcOpBuiltin*}() {
    alloc_locals;
    let (local g) = recover_y(0x1ef15c18599971b7beced415a40f0c7deacfd9b0d1819e03d723d8bc943cfca);
    out(g);
    let (local q) = recover_y(0x2);
    out(q);
    let (r) = ec_op(g, 12345, q);
    out(r);
    let (r) = ec_mul(2 ** 200 + 1, g);
    out(r);
    let (local ms: felt*) = alloc();
    assert ms[0] = 3;
    assert ms[1] = 77;
    let (local qs: EcPoint*) = alloc();
    assert qs[0] = q;
    assert qs[1] = g;
    let (r) = chained_ec_op(g, ms, qs, 2);
    out(r);
    let on = is_x_on_curve(0x2);
    serialize_word(on);
    let on = is_x_on_curve(0x5);
    serialize_word(on);
    return ();
}
