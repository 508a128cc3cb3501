// Throughput benchmark: secp256k1 ECDSA verification in Cairo (cairo_secp: ec_mul, ec_add,
// div_mod_n; their hints: nondet_bigint3, slopes, verify_zero, ...). Verifies 4 signatures of one
// key, REPEAT times each: u1 = z / s, u2 = r / s (mod N), then x(u1 * G + u2 * Q) = r is
// asserted (layout small). div_mod_n is a copy of signature.cairo's (signature.cairo itself
// does not compile in cairo-lang 0.14.0.1). Signatures made by a Python script with fixed keys.
%builtins output range_check

from starkware.cairo.common.cairo_secp.bigint import BASE, bigint_mul, nondet_bigint3
from starkware.cairo.common.cairo_secp.bigint3 import BigInt3
from starkware.cairo.common.cairo_secp.constants import N0, N1, N2
from starkware.cairo.common.cairo_secp.ec import ec_add, ec_mul
from starkware.cairo.common.cairo_secp.ec_point import EcPoint
from starkware.cairo.common.serialize import serialize_word

const REPEAT = 1;

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

func verify{range_check_ptr}(q: EcPoint, z: BigInt3, r: BigInt3, s: BigInt3) {
    alloc_locals;
    let g = EcPoint(
        BigInt3(0xe28d959f2815b16f81798, 0xa573a1c2c1c0a6ff36cb7, 0x79be667ef9dcbbac55a06),
        BigInt3(0x554199c47d08ffb10d4b8, 0x2ff0384422a3f45ed1229a, 0x483ada7726a3c4655da4f),
    );
    let (u1) = div_mod_n(z, s);
    let (u2) = div_mod_n(r, s);
    let (p1) = ec_mul(g, u1);
    let (p2) = ec_mul(q, u2);
    let (p) = ec_add(p1, p2);
    assert p.x.d0 = r.d0;
    assert p.x.d1 = r.d1;
    assert p.x.d2 = r.d2;
    return ();
}

func verify_all{range_check_ptr}(n: felt) {
    if (n == 0) {
        return ();
    }
    let Q = EcPoint(BigInt3(0x3e0072586d10c96f472aa, 0x28129505bea77222d75894, 0x4ad300c2377c30d2bd2f5), BigInt3(0x133ec6c1957d9be9b1d1a5, 0x240c3f55dec82aa147e990, 0xecf1a1def3aa3202d4bba));
    verify(Q, BigInt3(0xabcdef0123466887, 0x0, 0x0), BigInt3(0xb10e298d337eb1352a366, 0x91f356695ced22eb2e6f7, 0xfca3f67268b41765d3b18), BigInt3(0x1507fff54b28b350c741c7, 0x106f8910df9e609aeb82b, 0x65c92dd7b4df9be4d27c4));
    verify(Q, BigInt3(0x55e6f78091a2b51b28, 0x0, 0x0), BigInt3(0x16d6bf026fb6c9ee6a3e7b, 0x3bfdbf213592b4c1971f27, 0x97509f4e0c88549c1e80c), BigInt3(0x193a1c71f6d4920fc9ae04, 0x2358a52968e98018303538, 0x12f7688eacc485e141fba));
    verify(Q, BigInt3(0x5bbb848ceb851ed2bb5, 0x0, 0x0), BigInt3(0x352109f5e3be53ad1c000d, 0x3d62f2c69ac827213abcd4, 0x3cee9ef16be1859f73b8d), BigInt3(0x13df570d56bd075f107306, 0x3557b2a2b607df2047bd04, 0x12b7fa8109a1ca6c7ae95));
    verify(Q, BigInt3(0x2af37bc048d159e441fc, 0x0, 0x0), BigInt3(0x1e30857d8c3a66884a0733, 0x33f2940d3dab5602087138, 0x575d968354135854cb9ab), BigInt3(0x1b4950fd3deb110d84e83a, 0xc855c7c2c23041b71c608, 0xfcd3d1f351cfcf90d949f));
    return verify_all(n - 1);
}

func main{output_ptr: felt*, range_check_ptr}() {
    verify_all(REPEAT);
    serialize_word(4 * REPEAT);
    return ();
}
