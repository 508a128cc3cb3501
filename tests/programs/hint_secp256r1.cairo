// secp256r1 hints: compute_doubling_slope, compute_slope, ec_double, fast_ec_add (SECP_P
// imported as SECP256R1_P), ec_add (is_zero), reduce, verify_zero, assert_165_bit,
// ec_mul_by_uint256 (nibbles), try_get_point_from_x (on and off the curve).
%builtins output range_check

from starkware.cairo.common.alloc import alloc
from starkware.cairo.common.cairo_secp.bigint3 import BigInt3
from starkware.cairo.common.cairo_secp.ec_point import EcPoint
from starkware.cairo.common.secp256r1.ec import (
    ec_add,
    ec_double,
    ec_mul_by_uint256,
    try_get_point_from_x,
)
from starkware.cairo.common.secp256r1.field import assert_165_bit
from starkware.cairo.common.serialize import serialize_word
from starkware.cairo.common.uint256 import Uint256

func out_big{output_ptr: felt*}(x: BigInt3) {
    serialize_word(x.d0);
    serialize_word(x.d1);
    serialize_word(x.d2);
    return ();
}

func out_point{output_ptr: felt*}(p: EcPoint) {
    out_big(p.x);
    out_big(p.y);
    return ();
}

func main{output_ptr: felt*, range_check_ptr}() {
    alloc_locals;
    local gx: BigInt3 = BigInt3(
        52227620040540588600771222, 33347259622618539004134583, 8091721874918813684698062
    );
    local gy: BigInt3 = BigInt3(
        59685082318776612195095029, 54599710628478995760242092, 6036146923926000695307902
    );
    local g: EcPoint = EcPoint(gx, gy);
    let (local g2) = ec_double(g);
    out_point(g2);
    let (local g3) = ec_add(g2, g);
    out_point(g3);
    let (local g4) = ec_add(g2, g2);
    out_point(g4);
    let (local gk) = ec_mul_by_uint256(g, Uint256(0xfedcba98765432100123456789abcdef, 0x42));
    out_point(gk);

    assert_165_bit(2 ** 164 + 12345);
    assert_165_bit(0);

    let (local result: EcPoint*) = alloc();
    let (on) = try_get_point_from_x(gx, 1, result);
    serialize_word(on);
    out_point([result]);
    let (on) = try_get_point_from_x(gx, 0, result + EcPoint.SIZE);
    serialize_word(on);
    out_point(result[1]);
    let (on) = try_get_point_from_x(BigInt3(3, 0, 0), 0, result + 2 * EcPoint.SIZE);
    serialize_word(on);
    return ();
}
