// cairo_secp hints (secp256k1): nondet_bigint3, bigint_to_uint256, ec_negate,
// compute_doubling_slope, compute_slope, ec_double, fast_ec_add, ec_add (is_zero: pack,
// nondet, inverse), reduce, verify_zero, ec_mul (ec_mul_inner), ec_mul_by_uint256 (nibbles,
// fast_ec_mul_inner), and copies of signature.cairo's div_mod_n, get_point_from_x and
// try_get_point_from_x (signature.cairo itself does not compile in cairo-lang 0.14.0.1).
%builtins output range_check

from starkware.cairo.common.cairo_secp.bigint import (
    BASE,
    bigint_mul,
    bigint_to_uint256,
    nondet_bigint3,
)
from starkware.cairo.common.cairo_secp.bigint3 import BigInt3, UnreducedBigInt3
from starkware.cairo.common.cairo_secp.constants import BETA, N0, N1, N2
from starkware.cairo.common.cairo_secp.ec import (
    ec_add,
    ec_double,
    ec_mul,
    ec_mul_by_uint256,
    ec_negate,
)
from starkware.cairo.common.cairo_secp.ec_point import EcPoint
from starkware.cairo.common.cairo_secp.field import (
    reduce,
    unreduced_mul,
    unreduced_sqr,
    validate_reduced_field_element,
    verify_zero,
)
from starkware.cairo.common.math import assert_nn
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

func div_mod_n{range_check_ptr}(a: BigInt3, b: BigInt3) -> (res: BigInt3) {
    %{
        from starkware.cairo.common.cairo_secp.secp_utils import N, pack
        from starkware.python.math_utils import div_mod, safe_div

        a = pack(ids.a, PRIME)
        b = pack(ids.b, PRIME)
        value = res = div_mod(a, b, N)
    %}
    let (res) = nondet_bigint3();

    %{ value = k = safe_div(res * b - a, N) %}
    let (k) = nondet_bigint3();

    let (res_b) = bigint_mul(res, b);
    let n = BigInt3(N0, N1, N2);
    let (k_n) = bigint_mul(k, n);

    tempvar carry1 = (res_b.d0 - k_n.d0 - a.d0) / BASE;
    assert [range_check_ptr + 0] = carry1 + 2 ** 127;
    tempvar carry2 = (res_b.d1 - k_n.d1 - a.d1 + carry1) / BASE;
    assert [range_check_ptr + 1] = carry2 + 2 ** 127;
    tempvar carry3 = (res_b.d2 - k_n.d2 - a.d2 + carry2) / BASE;
    assert [range_check_ptr + 2] = carry3 + 2 ** 127;
    tempvar carry4 = (res_b.d3 - k_n.d3 + carry3) / BASE;
    assert [range_check_ptr + 3] = carry4 + 2 ** 127;
    assert res_b.d4 - k_n.d4 + carry4 = 0;
    let range_check_ptr = range_check_ptr + 4;
    return (res=res);
}

func get_point_from_x{range_check_ptr}(x: BigInt3, v: felt) -> (point: EcPoint) {
    alloc_locals;
    let (x_square: UnreducedBigInt3) = unreduced_sqr(x);
    let (x_square_reduced: BigInt3) = reduce(x_square);
    let (x_cube: UnreducedBigInt3) = unreduced_mul(x, x_square_reduced);

    %{
        from starkware.cairo.common.cairo_secp.secp_utils import SECP_P, pack

        x_cube_int = pack(ids.x_cube, PRIME) % SECP_P
        y_square_int = (x_cube_int + ids.BETA) % SECP_P
        y = pow(y_square_int, (SECP_P + 1) // 4, SECP_P)

        # We need to decide whether to take y or SECP_P - y.
        if ids.v % 2 == y % 2:
            value = y
        else:
            value = (-y) % SECP_P
    %}
    let (local y: BigInt3) = nondet_bigint3();
    validate_reduced_field_element(y);
    assert_nn((y.d0 + v) / 2);
    let (y_square: UnreducedBigInt3) = unreduced_sqr(y);
    verify_zero(
        UnreducedBigInt3(
            d0=x_cube.d0 + BETA - y_square.d0,
            d1=x_cube.d1 - y_square.d1,
            d2=x_cube.d2 - y_square.d2,
        ),
    );
    return (point=EcPoint(x, y));
}

func try_get_point_from_x{range_check_ptr}(x: BigInt3, v: felt, result: EcPoint*) -> (
    is_on_curve: felt
) {
    alloc_locals;
    let (x_square: UnreducedBigInt3) = unreduced_sqr(x);
    let (x_square_reduced: BigInt3) = reduce(x_square);
    let (x_cube: UnreducedBigInt3) = unreduced_mul(x, x_square_reduced);

    %{
        from starkware.cairo.common.cairo_secp.secp_utils import SECP_P, pack

        x_cube_int = pack(ids.x_cube, PRIME) % SECP_P
        y_square_int = (x_cube_int + ids.BETA) % SECP_P
        y = pow(y_square_int, (SECP_P + 1) // 4, SECP_P)

        # We need to decide whether to take y or SECP_P - y.
        if ids.v % 2 == y % 2:
            value = y
        else:
            value = (-y) % SECP_P
    %}
    let (y: BigInt3) = nondet_bigint3();
    let (y_square: UnreducedBigInt3) = unreduced_sqr(y);

    local is_on_curve;
    %{ ids.is_on_curve = (y * y) % SECP_P == y_square_int %}
    if (is_on_curve != 0) {
        validate_reduced_field_element(y);
        assert_nn((y.d0 + v) / 2);
        verify_zero(
            UnreducedBigInt3(
                d0=x_cube.d0 + BETA - y_square.d0,
                d1=x_cube.d1 - y_square.d1,
                d2=x_cube.d2 - y_square.d2,
            ),
        );
        assert [result] = EcPoint(x, y);
        return (is_on_curve=1);
    } else {
        verify_zero(
            UnreducedBigInt3(
                d0=x_cube.d0 + BETA + y_square.d0,
                d1=x_cube.d1 + y_square.d1,
                d2=x_cube.d2 + y_square.d2,
            ),
        );
        return (is_on_curve=0);
    }
}

func main{output_ptr: felt*, range_check_ptr}() {
    alloc_locals;
    local gx: BigInt3 = BigInt3(
        17117865558768631194064792, 12501176021340589225372855, 9198697782662356105779718
    );
    local gy: BigInt3 = BigInt3(
        6441780312434748884571320, 57953919405111227542741658, 5457536640262350763842127
    );
    local g: EcPoint = EcPoint(gx, gy);
    let (local g2) = ec_double(g);
    out_point(g2);
    let (local g3) = ec_add(g2, g);
    out_point(g3);
    let (local minus_g) = ec_negate(g);
    out_point(minus_g);
    // g + (-g) = 0 and 0 + g = g go through is_zero.
    let (local zero) = ec_add(g, minus_g);
    out_point(zero);
    let (local g_again) = ec_add(g2, minus_g);
    out_point(g_again);
    let (local g_double_by_add) = ec_add(g, g);
    out_point(g_double_by_add);

    let (local g5) = ec_mul(g, BigInt3(5, 0, 0));
    out_point(g5);
    let (local gk) = ec_mul_by_uint256(g, Uint256(0x1234567890abcdef1234567890abcdef, 7));
    out_point(gk);

    let (u) = bigint_to_uint256(gx);
    serialize_word(u.low);
    serialize_word(u.high);

    let (q) = div_mod_n(BigInt3(100, 0, 0), BigInt3(7, 3, 0));
    out_big(q);

    let (p) = get_point_from_x(gx, 1);
    out_point(p);
    let (p) = get_point_from_x(gx, 0);
    out_point(p);
    let (local result: EcPoint*) = alloc_point();
    let (on) = try_get_point_from_x(gx, 0, result);
    serialize_word(on);
    out_point([result]);
    // x = 5 is not the x coordinate of a point of secp256k1.
    let (on) = try_get_point_from_x(BigInt3(5, 0, 0), 0, result);
    serialize_word(on);
    return ();
}

func alloc_point() -> (p: EcPoint*) {
    %{ memory[ap] = segments.add() %}
    ap += 1;
    return (p=cast([ap - 1], EcPoint*));
}
