// Hints of the vrf.json whitelist (arithmetic modulo 2^255 - 19, 512- and 768-bit
// divisions, inverses, square roots), written inline; `print_value` writes the scope's
// `value` (split in three 86-bit limbs).
%builtins output range_check

from starkware.cairo.common.cairo_secp.bigint3 import BigInt3
from starkware.cairo.common.cairo_secp.ec_point import EcPoint
from starkware.cairo.common.serialize import serialize_word
from starkware.cairo.common.uint256 import Uint256

struct Uint384 {
    d0: felt,
    d1: felt,
    d2: felt,
}

struct Uint512 {
    d0: felt,
    d1: felt,
    d2: felt,
    d3: felt,
}

struct Uint768 {
    d0: felt,
    d1: felt,
    d2: felt,
    d3: felt,
    d4: felt,
    d5: felt,
}

const SHIFT = 2 ** 128;

func out_big{output_ptr: felt*}(x: BigInt3) {
    serialize_word(x.d0);
    serialize_word(x.d1);
    serialize_word(x.d2);
    return ();
}

func out_u256{output_ptr: felt*}(x: Uint256) {
    serialize_word(x.low);
    serialize_word(x.high);
    return ();
}

func print_value{output_ptr: felt*}() {
    alloc_locals;
    local res: BigInt3;
    %{
        from starkware.cairo.common.cairo_secp.secp_utils import split
        segments.write_arg(ids.res.address_, split(value))
    %}
    out_big(res);
    return ();
}

func sqrt_25519{output_ptr: felt*}(xx: Uint256) {
    alloc_locals;
    local x: Uint256;
    %{
        PRIME = 2**255 - 19
        II = pow(2, (PRIME - 1) // 4, PRIME)

        xx = ids.xx.low + (ids.xx.high<<128)
        x = pow(xx, (PRIME + 3) // 8, PRIME)
        if (x * x - xx) % PRIME != 0:
            x = (x * II) % PRIME
        if x % 2 != 0:
            x = PRIME - x
        ids.x.low = x & ((1<<128)-1)
        ids.x.high = x >> 128
    %}
    out_u256(x);
    return ();
}

func is_zero_inv{output_ptr: felt*}(x: BigInt3) {
    %{
        from starkware.cairo.common.cairo_secp.secp_utils import pack
        SECP_P=2**255-19

        x = pack(ids.x, PRIME) % SECP_P
    %}
    %{
        SECP_P=2**255-19
        from starkware.python.math_utils import div_mod

        value = x_inv = div_mod(1, x, SECP_P)
    %}
    print_value();
    return ();
}

func inv_512{output_ptr: felt*}(x: Uint512, p: Uint256) {
    alloc_locals;
    local x_inverse_mod_p: Uint256;
    %{
        def pack_512(u, num_bits_shift: int) -> int:
            limbs = (u.d0, u.d1, u.d2, u.d3)
            return sum(limb << (num_bits_shift * i) for i, limb in enumerate(limbs))

        x = pack_512(ids.x, num_bits_shift = 128)
        p = ids.p.low + (ids.p.high << 128)
        x_inverse_mod_p = pow(x,-1, p)

        x_inverse_mod_p_split = (x_inverse_mod_p & ((1 << 128) - 1), x_inverse_mod_p >> 128)

        ids.x_inverse_mod_p.low = x_inverse_mod_p_split[0]
        ids.x_inverse_mod_p.high = x_inverse_mod_p_split[1]
    %}
    out_u256(x_inverse_mod_p);
    return ();
}

func div_768{output_ptr: felt*}(a: Uint768, div: Uint384) {
    alloc_locals;
    local quotient: Uint768;
    local remainder: Uint384;
    %{
        def split(num: int, num_bits_shift: int, length: int):
            a = []
            for _ in range(length):
                a.append( num & ((1 << num_bits_shift) - 1) )
                num = num >> num_bits_shift
            return tuple(a)

        def pack(z, num_bits_shift: int) -> int:
            limbs = (z.d0, z.d1, z.d2)
            return sum(limb << (num_bits_shift * i) for i, limb in enumerate(limbs))

        def pack_extended(z, num_bits_shift: int) -> int:
            limbs = (z.d0, z.d1, z.d2, z.d3, z.d4, z.d5)
            return sum(limb << (num_bits_shift * i) for i, limb in enumerate(limbs))

        a = pack_extended(ids.a, num_bits_shift = 128)
        div = pack(ids.div, num_bits_shift = 128)

        quotient, remainder = divmod(a, div)

        quotient_split = split(quotient, num_bits_shift=128, length=6)

        ids.quotient.d0 = quotient_split[0]
        ids.quotient.d1 = quotient_split[1]
        ids.quotient.d2 = quotient_split[2]
        ids.quotient.d3 = quotient_split[3]
        ids.quotient.d4 = quotient_split[4]
        ids.quotient.d5 = quotient_split[5]

        remainder_split = split(remainder, num_bits_shift=128, length=3)
        ids.remainder.d0 = remainder_split[0]
        ids.remainder.d1 = remainder_split[1]
        ids.remainder.d2 = remainder_split[2]
    %}
    serialize_word(quotient.d0);
    serialize_word(quotient.d1);
    serialize_word(quotient.d2);
    serialize_word(quotient.d3);
    serialize_word(quotient.d4);
    serialize_word(quotient.d5);
    serialize_word(remainder.d0);
    serialize_word(remainder.d1);
    serialize_word(remainder.d2);
    return ();
}

func div_512{output_ptr: felt*}(x: Uint512, div: Uint256) {
    alloc_locals;
    local quotient: Uint512;
    local remainder: Uint256;
    %{
        def split(num: int, num_bits_shift: int, length: int):
            a = []
            for _ in range(length):
                a.append( num & ((1 << num_bits_shift) - 1) )
                num = num >> num_bits_shift
            return tuple(a)

        def pack(z, num_bits_shift: int) -> int:
            limbs = (z.low, z.high)
            return sum(limb << (num_bits_shift * i) for i, limb in enumerate(limbs))

        def pack_extended(z, num_bits_shift: int) -> int:
            limbs = (z.d0, z.d1, z.d2, z.d3)
            return sum(limb << (num_bits_shift * i) for i, limb in enumerate(limbs))

        x = pack_extended(ids.x, num_bits_shift = 128)
        div = pack(ids.div, num_bits_shift = 128)

        quotient, remainder = divmod(x, div)

        quotient_split = split(quotient, num_bits_shift=128, length=4)

        ids.quotient.d0 = quotient_split[0]
        ids.quotient.d1 = quotient_split[1]
        ids.quotient.d2 = quotient_split[2]
        ids.quotient.d3 = quotient_split[3]

        remainder_split = split(remainder, num_bits_shift=128, length=2)
        ids.remainder.low = remainder_split[0]
        ids.remainder.high = remainder_split[1]
    %}
    serialize_word(quotient.d0);
    serialize_word(quotient.d1);
    serialize_word(quotient.d2);
    serialize_word(quotient.d3);
    out_u256(remainder);
    return ();
}

func ec_double{output_ptr: felt*}(point: EcPoint, slope: BigInt3) {
    %{
        from starkware.cairo.common.cairo_secp.secp_utils import pack
        SECP_P = 2**255-19

        slope = pack(ids.slope, PRIME)
        x = pack(ids.point.x, PRIME)
        y = pack(ids.point.y, PRIME)

        value = new_x = (pow(slope, 2, SECP_P) - 2 * x) % SECP_P
    %}
    print_value();
    %{
        value = new_y = (slope * (x - new_x) - y) % SECP_P
    %}
    print_value();
    return ();
}

func fast_ec_add{output_ptr: felt*}(point0: EcPoint, point1: EcPoint, slope: BigInt3) {
    %{
        from starkware.cairo.common.cairo_secp.secp_utils import pack
        SECP_P = 2**255-19

        slope = pack(ids.slope, PRIME)
        x0 = pack(ids.point0.x, PRIME)
        x1 = pack(ids.point1.x, PRIME)
        y0 = pack(ids.point0.y, PRIME)

        value = new_x = (pow(slope, 2, SECP_P) - x0 - x1) % SECP_P
    %}
    print_value();
    %{
        value = new_y = (slope * (x0 - new_x) - y0) % SECP_P
    %}
    print_value();
    return ();
}

func ec_negate{output_ptr: felt*}(point: EcPoint) {
    %{
        from starkware.cairo.common.cairo_secp.secp_utils import pack
        SECP_P = 2**255-19

        y = pack(ids.point.y, PRIME) % SECP_P
        # The modulo operation in python always returns a nonnegative number.
        value = (-y) % SECP_P
    %}
    print_value();
    return ();
}

func verify_zero{output_ptr: felt*}(val: BigInt3) {
    alloc_locals;
    local q;
    %{
        from starkware.cairo.common.cairo_secp.secp_utils import pack
        SECP_P = 2**255-19
        to_assert = pack(ids.val, PRIME)
        q, r = divmod(pack(ids.val, PRIME), SECP_P)
        assert r == 0, f"verify_zero: Invalid input {ids.val.d0, ids.val.d1, ids.val.d2}."
        ids.q = q % PRIME
    %}
    serialize_word(q);
    return ();
}

func reduce{output_ptr: felt*}(x: BigInt3) {
    %{
        from starkware.cairo.common.cairo_secp.secp_utils import pack
        SECP_P=2**255-19

        value = pack(ids.x, PRIME) % SECP_P
    %}
    print_value();
    return ();
}

func inv_mod_p{output_ptr: felt*}(a: Uint256, b: Uint256, p: Uint256) {
    alloc_locals;
    local b_inverse_mod_p: Uint256;
    %{
        from starkware.python.math_utils import div_mod

        def split(a: int):
            return (a & ((1 << 128) - 1), a >> 128)

        def pack(z, num_bits_shift: int) -> int:
            limbs = (z.low, z.high)
            return sum(limb << (num_bits_shift * i) for i, limb in enumerate(limbs))

        a = pack(ids.a, 128)
        b = pack(ids.b, 128)
        p = pack(ids.p, 128)
        # For python3.8 and above the modular inverse can be computed as follows:
        # b_inverse_mod_p = pow(b, -1, p)
        # Instead we use the python3.7-friendly function div_mod from starkware.python.math_utils
        b_inverse_mod_p = div_mod(1, b, p)

        b_inverse_mod_p_split = split(b_inverse_mod_p)

        ids.b_inverse_mod_p.low = b_inverse_mod_p_split[0]
        ids.b_inverse_mod_p.high = b_inverse_mod_p_split[1]
    %}
    out_u256(b_inverse_mod_p);
    return ();
}

func doubling_slope{output_ptr: felt*}(point: EcPoint) {
    %{
        from starkware.python.math_utils import ec_double_slope
        from starkware.cairo.common.cairo_secp.secp_utils import pack
        SECP_P = 2**255-19

        # Compute the slope.
        x = pack(ids.point.x, PRIME)
        y = pack(ids.point.y, PRIME)
        value = slope = ec_double_slope(point=(x, y), alpha=42204101795669822316448953119945047945709099015225996174933988943478124189485, p=SECP_P)
    %}
    print_value();
    return ();
}

func slope{output_ptr: felt*}(point0: EcPoint, point1: EcPoint) {
    %{
        from starkware.python.math_utils import line_slope
        from starkware.cairo.common.cairo_secp.secp_utils import pack
        SECP_P = 2**255-19
        # Compute the slope.
        x0 = pack(ids.point0.x, PRIME)
        y0 = pack(ids.point0.y, PRIME)
        x1 = pack(ids.point1.x, PRIME)
        y1 = pack(ids.point1.y, PRIME)
        value = slope = line_slope(point1=(x0, y0), point2=(x1, y1), p=SECP_P)
    %}
    print_value();
    return ();
}

func sqrt_mod{output_ptr: felt*}(generator: Uint256, x: Uint256, p: Uint256) {
    alloc_locals;
    local success_x;
    local success_gx;
    local sqrt_x: Uint256;
    local sqrt_gx: Uint256;
    %{
        from starkware.python.math_utils import is_quad_residue, sqrt

        def split(a: int):
            return (a & ((1 << 128) - 1), a >> 128)

        def pack(z) -> int:
            return z.low + (z.high << 128)

        generator = pack(ids.generator)
        x = pack(ids.x)
        p = pack(ids.p)

        success_x = is_quad_residue(x, p)
        root_x = sqrt(x, p) if success_x else None
        success_gx = is_quad_residue(generator*x, p)
        root_gx = sqrt(generator*x, p) if success_gx else None

        # Check that one is 0 and the other is 1
        if x != 0:
            assert success_x + success_gx == 1

        # `None` means that no root was found, but we need to transform these into a felt no matter what
        if root_x == None:
            root_x = 0
        if root_gx == None:
            root_gx = 0
        ids.success_x = int(success_x)
        ids.success_gx = int(success_gx)
        split_root_x = split(root_x)
        # print('split root x', split_root_x)
        split_root_gx = split(root_gx)
        ids.sqrt_x.low = split_root_x[0]
        ids.sqrt_x.high = split_root_x[1]
        ids.sqrt_gx.low = split_root_gx[0]
        ids.sqrt_gx.high = split_root_gx[1]
    %}
    serialize_word(success_x);
    serialize_word(success_gx);
    out_u256(sqrt_x);
    out_u256(sqrt_gx);
    return ();
}

func split_and_carry{output_ptr: felt*}(a: felt, b: Uint256) {
    alloc_locals;
    local low;
    local high;
    %{
        ids.low = ids.a & ((1<<128) - 1)
        ids.high = ids.a >> 128
    %}
    serialize_word(low);
    serialize_word(high);
    add_low(Uint256(low, high), b);
    return ();
}

func add_low{output_ptr: felt*}(a: Uint256, b: Uint256) {
    alloc_locals;
    local carry_low;
    %{
        sum_low = ids.a.low + ids.b.low
        ids.carry_low = 1 if sum_low >= ids.SHIFT else 0
    %}
    serialize_word(carry_low);
    return ();
}

func main{output_ptr: felt*, range_check_ptr}() {
    alloc_locals;
    local p0: EcPoint = EcPoint(BigInt3(9, 0, 0), BigInt3(123456789, 5, 1));
    local p1: EcPoint = EcPoint(BigInt3(77, 2 ** 80, 3), BigInt3(4, 0, 2 ** 70));
    sqrt_25519(Uint256(4, 0));
    sqrt_25519(Uint256(0x1234567890, 0x55));
    is_zero_inv(BigInt3(12345, 678, 9));
    inv_512(Uint512(3, 5, 7, 11), Uint256(1000003, 0));
    div_768(Uint768(1, 2, 3, 4, 5, 6), Uint384(7, 8, 9));
    div_512(Uint512(1, 2, 3, 4), Uint256(5, 6));
    ec_double(p0, BigInt3(3, 2, 1));
    fast_ec_add(p0, p1, BigInt3(1, 2, 3));
    ec_negate(p1);
    verify_zero(
        BigInt3(77371252455336267181195245, 77371252455336267181195263, 9671406556917033397649407)
    );
    reduce(BigInt3(-1, 2 ** 85, 2 ** 84));
    inv_mod_p(Uint256(1, 0), Uint256(12345, 6), Uint256(1000003, 0));
    doubling_slope(p0);
    slope(p0, p1);
    let p = Uint256(
        340282366920938463463374607431768211437, 170141183460469231731687303715884105727
    );
    sqrt_mod(Uint256(2, 0), Uint256(4, 0), p);
    sqrt_mod(Uint256(2, 0), Uint256(2, 0), p);
    sqrt_mod(Uint256(2, 0), Uint256(0, 0), p);
    split_and_carry(2 ** 200 + 2 ** 128 - 1, Uint256(1, 0));
    split_and_carry(5, Uint256(2 ** 127, 0));
    return ();
}
