// Hints of the cairo_secp.json, ec_bigint.json and ec_recover.json whitelists (older secp
// hint texts), written inline: each function holds one whitelisted hint, `print_value` writes the
// scope's `value` (split in three 86-bit limbs) so that the results are printed.
%builtins output range_check

from starkware.cairo.common.cairo_secp.bigint3 import BigInt3
from starkware.cairo.common.cairo_secp.ec_point import EcPoint
from starkware.cairo.common.serialize import serialize_word

struct BigInt5 {
    d0: felt,
    d1: felt,
    d2: felt,
    d3: felt,
    d4: felt,
}

const BASE = 2 ** 86;

func out_big{output_ptr: felt*}(x: BigInt3) {
    serialize_word(x.d0);
    serialize_word(x.d1);
    serialize_word(x.d2);
    return ();
}

// `value`, as nondet_bigint3 of the old library wrote it.
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

func import_r1_alpha() {
    %{
        from starkware.cairo.common.cairo_secp.secp256r1_utils import SECP256R1_ALPHA as ALPHA
    %}
    return ();
}

func import_r1_n() {
    %{
        from starkware.cairo.common.cairo_secp.secp256r1_utils import SECP256R1_N as N
    %}
    return ();
}

func import_r1_p() {
    %{
        from starkware.cairo.common.cairo_secp.secp256r1_utils import SECP256R1_P as SECP_P
    %}
    return ();
}

func verify_zero_import{output_ptr: felt*}(val: BigInt3) {
    alloc_locals;
    local q;
    %{
        from starkware.cairo.common.cairo_secp.secp_utils import SECP_P
        q, r = divmod(pack(ids.val, PRIME), SECP_P)
        assert r == 0, f"verify_zero: Invalid input {ids.val.d0, ids.val.d1, ids.val.d2}."
        ids.q = q % PRIME
    %}
    serialize_word(q);
    return ();
}

func verify_zero{output_ptr: felt*}(val: BigInt3) {
    alloc_locals;
    local q;
    %{
        from starkware.cairo.common.cairo_secp.secp_utils import pack

        q, r = divmod(pack(ids.val, PRIME), SECP_P)
        assert r == 0, f"verify_zero: Invalid input {ids.val.d0, ids.val.d1, ids.val.d2}."
        ids.q = q % PRIME
    %}
    serialize_word(q);
    return ();
}

func ec_double_pt{output_ptr: felt*}(pt: EcPoint, slope: BigInt3) {
    %{
        from starkware.cairo.common.cairo_secp.secp_utils import SECP_P, pack

        slope = pack(ids.slope, PRIME)
        x = pack(ids.pt.x, PRIME)
        y = pack(ids.pt.y, PRIME)

        value = new_x = (pow(slope, 2, SECP_P) - 2 * x) % SECP_P
    %}
    print_value();
    %{
        value = new_y = (slope * (x - new_x) - y) % SECP_P
    %}
    print_value();
    return ();
}

func ec_double_point{output_ptr: felt*}(point: EcPoint, slope: BigInt3) {
    %{
        from starkware.cairo.common.cairo_secp.secp_utils import pack

        slope = pack(ids.slope, PRIME)
        x = pack(ids.point.x, PRIME)
        y = pack(ids.point.y, PRIME)

        value = new_x = (pow(slope, 2, SECP_P) - 2 * x) % SECP_P
    %}
    print_value();
    return ();
}

func fast_ec_add_pt{output_ptr: felt*}(pt0: EcPoint, pt1: EcPoint, slope: BigInt3) {
    %{
        from starkware.cairo.common.cairo_secp.secp_utils import SECP_P, pack

        slope = pack(ids.slope, PRIME)
        x0 = pack(ids.pt0.x, PRIME)
        x1 = pack(ids.pt1.x, PRIME)
        y0 = pack(ids.pt0.y, PRIME)

        value = new_x = (pow(slope, 2, SECP_P) - x0 - x1) % SECP_P
    %}
    print_value();
    %{
        value = new_y = (slope * (x0 - new_x) - y0) % SECP_P
    %}
    print_value();
    return ();
}

func doubling_slope_pt{output_ptr: felt*}(pt: EcPoint) {
    %{
        from starkware.cairo.common.cairo_secp.secp_utils import SECP_P, pack
        from starkware.python.math_utils import div_mod

        # Compute the slope.
        x = pack(ids.pt.x, PRIME)
        y = pack(ids.pt.y, PRIME)
        value = slope = div_mod(3 * x ** 2, 2 * y, SECP_P)
    %}
    print_value();
    return ();
}

func doubling_slope_alpha{output_ptr: felt*}(point: EcPoint) {
    %{
        from starkware.cairo.common.cairo_secp.secp_utils import pack
        from starkware.python.math_utils import ec_double_slope

        # Compute the slope.
        x = pack(ids.point.x, PRIME)
        y = pack(ids.point.y, PRIME)
        value = slope = ec_double_slope(point=(x, y), alpha=ALPHA, p=SECP_P)
    %}
    print_value();
    return ();
}

func slope_pt{output_ptr: felt*}(pt0: EcPoint, pt1: EcPoint) {
    %{
        from starkware.cairo.common.cairo_secp.secp_utils import SECP_P, pack
        from starkware.python.math_utils import div_mod

        # Compute the slope.
        x0 = pack(ids.pt0.x, PRIME)
        y0 = pack(ids.pt0.y, PRIME)
        x1 = pack(ids.pt1.x, PRIME)
        y1 = pack(ids.pt1.y, PRIME)
        value = slope = div_mod(y0 - y1, x0 - x1, SECP_P)
    %}
    print_value();
    return ();
}

func compute_slope{output_ptr: felt*}(point0: EcPoint, point1: EcPoint) {
    %{
        from starkware.cairo.common.cairo_secp.secp_utils import pack
        from starkware.python.math_utils import line_slope

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

func is_zero_int() -> (res: felt) {
    %{
        memory[ap] = int(x == 0)
    %}
    ap += 1;
    return (res=[ap - 1]);
}

func is_zero_import{output_ptr: felt*}(x: BigInt3) {
    %{
        from starkware.cairo.common.cairo_secp.secp_utils import SECP_P, pack
        x = pack(ids.x, PRIME) % SECP_P
    %}
    let (z) = is_zero_int();
    serialize_word(z);
    return ();
}

func is_zero{output_ptr: felt*}(x: BigInt3) {
    %{
        from starkware.cairo.common.cairo_secp.secp_utils import pack
        x = pack(ids.x, PRIME) % SECP_P
    %}
    let (z) = is_zero_int();
    serialize_word(z);
    if (z == 0) {
        %{
            from starkware.python.math_utils import div_mod

            value = x_inv = div_mod(1, x, SECP_P)
        %}
        print_value();
        return ();
    }
    return ();
}

func reduce{output_ptr: felt*}(x: BigInt3) {
    %{
        from starkware.cairo.common.cairo_secp.secp_utils import pack
        value = pack(ids.x, PRIME) % SECP_P
    %}
    print_value();
    return ();
}

func div_mod_n_xs{output_ptr: felt*}(x: BigInt3, s: BigInt3) {
    %{
        from starkware.cairo.common.cairo_secp.secp_utils import pack
        from starkware.python.math_utils import div_mod, safe_div

        N = 0xfffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141
        x = pack(ids.x, PRIME) % N
        s = pack(ids.s, PRIME) % N
        value = res = div_mod(x, s, N)
    %}
    print_value();
    %{
        value = k = safe_div(res * s - x, N)
    %}
    print_value();
    return ();
}

func div_mod_n{output_ptr: felt*}(a: BigInt3, b: BigInt3) {
    %{
        from starkware.cairo.common.cairo_secp.secp_utils import pack
        from starkware.python.math_utils import div_mod, safe_div

        a = pack(ids.a, PRIME)
        b = pack(ids.b, PRIME)
        value = res = div_mod(a, b, N)
    %}
    print_value();
    %{
        value = k_plus_one = safe_div(res * b - a, N) + 1
    %}
    print_value();
    return ();
}

func dibit{output_ptr: felt*}(scalar_u: felt, scalar_v: felt, m: felt) {
    alloc_locals;
    local dibit;
    %{
        ids.dibit = ((ids.scalar_u >> ids.m) & 1) + 2 * ((ids.scalar_v >> ids.m) & 1)
    %}
    serialize_word(dibit);
    return ();
}

func quad_bit{output_ptr: felt*}(scalar_u: felt, scalar_v: felt, m: felt) {
    alloc_locals;
    local quad_bit;
    %{
        ids.quad_bit = (
            8 * ((ids.scalar_v >> ids.m) & 1)
            + 4 * ((ids.scalar_u >> ids.m) & 1)
            + 2 * ((ids.scalar_v >> (ids.m - 1)) & 1)
            + ((ids.scalar_u >> (ids.m - 1)) & 1)
        )
    %}
    serialize_word(quad_bit);
    return ();
}

func len_hi{output_ptr: felt*}(scalar_u: BigInt3, scalar_v: BigInt3) {
    alloc_locals;
    local len_hi;
    %{
        ids.len_hi = max(ids.scalar_u.d2.bit_length(), ids.scalar_v.d2.bit_length())-1
    %}
    serialize_word(len_hi);
    return ();
}

func ec_bigint{output_ptr: felt*}(P: BigInt3, x: BigInt5, y: BigInt3) {
    alloc_locals;
    local flag;
    %{
        from starkware.cairo.common.cairo_secp.secp_utils import pack
        from starkware.cairo.common.math_utils import as_int
        from starkware.python.math_utils import div_mod, safe_div

        p = pack(ids.P, PRIME)
        x = pack(ids.x, PRIME) + as_int(ids.x.d3, PRIME) * ids.BASE ** 3 + as_int(ids.x.d4, PRIME) * ids.BASE ** 4
        y = pack(ids.y, PRIME)

        value = res = div_mod(x, y, p)
    %}
    print_value();
    %{
        k = safe_div(res * y - x, p)
        value = k if k > 0 else 0 - k
        ids.flag = 1 if k > 0 else 0
    %}
    serialize_word(flag);
    print_value();
    return ();
}

func ec_recover_div_mod{output_ptr: felt*}(n: BigInt3, x: BigInt3, s: BigInt3) {
    %{
        from starkware.cairo.common.cairo_secp.secp_utils import pack
        from starkware.python.math_utils import div_mod, safe_div

        N = pack(ids.n, PRIME)
        x = pack(ids.x, PRIME) % N
        s = pack(ids.s, PRIME) % N
        value = res = div_mod(x, s, N)
    %}
    print_value();
    return ();
}

func ec_recover_sub{output_ptr: felt*}(a: BigInt3, b: BigInt3) {
    %{
        from starkware.cairo.common.cairo_secp.secp_utils import pack
        from starkware.python.math_utils import div_mod, safe_div

        a = pack(ids.a, PRIME)
        b = pack(ids.b, PRIME)

        value = res = a - b
    %}
    print_value();
    return ();
}

func ec_recover_mul{output_ptr: felt*}(a: BigInt3, b: BigInt3, m: BigInt3) {
    %{
        from starkware.cairo.common.cairo_secp.secp_utils import pack
        from starkware.python.math_utils import div_mod, safe_div

        a = pack(ids.a, PRIME)
        b = pack(ids.b, PRIME)
        product = a * b
        m = pack(ids.m, PRIME)

        value = res = product % m
    %}
    print_value();
    %{
        value = k = product // m
    %}
    print_value();
    return ();
}

func main{output_ptr: felt*, range_check_ptr}() {
    alloc_locals;
    local gx: BigInt3 = BigInt3(
        17117865558768631194064792, 12501176021340589225372855, 9198697782662356105779718
    );
    local gy: BigInt3 = BigInt3(
        6441780312434748884571320, 57953919405111227542741658, 5457536640262350763842127
    );
    local g2x: BigInt3 = BigInt3(
        57105948487393027623526117, 2088890992725950981549619, 14961784698075395646489684
    );
    local g2y: BigInt3 = BigInt3(
        46925586441427271765976362, 19820246243853867596485833, 2031033786214458435714136
    );
    local g: EcPoint = EcPoint(gx, gy);
    local g2: EcPoint = EcPoint(g2x, g2y);
    // Imports `pack` (the next hint uses it without importing it).
    doubling_slope_pt(g);
    // SECP_P in limbs, and 3 * SECP_P with a negative limb.
    verify_zero_import(
        BigInt3(77371252455336262886226991, 77371252455336267181195263, 19342813113834066795298815)
    );
    verify_zero(BigInt3(-12884904819, 77371252455336267181195264, 58028439341502200385896447));
    doubling_slope_pt(g);
    ec_double_pt(g, BigInt3(1, 2, 3));
    ec_double_point(g, BigInt3(7, 0, 0));
    slope_pt(g, g2);
    fast_ec_add_pt(g, g2, BigInt3(4, 5, 6));
    is_zero_import(BigInt3(0, 0, 0));
    is_zero(gx);
    reduce(BigInt3(-1, -1, 2 ** 100));
    div_mod_n_xs(BigInt3(100, 1, 0), BigInt3(7, 0, 1));
    div_mod_n(BigInt3(3, 0, 0), BigInt3(11, 0, 0));
    import_r1_n();
    div_mod_n(BigInt3(3, 0, 0), BigInt3(11, 0, 0));
    import_r1_alpha();
    import_r1_p();
    doubling_slope_alpha(g);
    compute_slope(g, g2);
    reduce(BigInt3(-1, -1, 2 ** 100));
    dibit(0x123456789, 0x987654321, 4);
    dibit(2 ** 250, 3, 250);
    quad_bit(0x123456789, 0x987654321, 9);
    quad_bit(0, 2 ** 200 + 2 ** 199, 200);
    len_hi(BigInt3(0, 0, 2 ** 70), BigInt3(1, 2, 5));
    ec_bigint(BigInt3(11, 0, 0), BigInt5(3, 1, 0, 0, 0), BigInt3(5, 0, 0));
    ec_bigint(BigInt3(1000003, 0, 0), BigInt5(1, 0, 0, 0, 0), BigInt3(2, 0, 0));
    ec_recover_div_mod(BigInt3(1000003, 0, 0), BigInt3(12345, 6, 0), BigInt3(77, 0, 0));
    ec_recover_sub(BigInt3(7, 1, 0), BigInt3(5, 0, 0));
    ec_recover_mul(BigInt3(2 ** 80, 3, 0), BigInt3(2 ** 85, 0, 1), BigInt3(1000003, 0, 0));
    return ();
}
