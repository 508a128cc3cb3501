// error: nondet_bigint3 of a negative value (split's assert, raised on the hint's line 3),
// after ec_recover.json's subtraction hint.
%builtins range_check

from starkware.cairo.common.cairo_secp.bigint import nondet_bigint3
from starkware.cairo.common.cairo_secp.bigint3 import BigInt3

func sub{range_check_ptr}(a: BigInt3, b: BigInt3) -> (res: BigInt3) {
    %{
        from starkware.cairo.common.cairo_secp.secp_utils import pack
        from starkware.python.math_utils import div_mod, safe_div

        a = pack(ids.a, PRIME)
        b = pack(ids.b, PRIME)

        value = res = a - b
    %}
    let (res) = nondet_bigint3();
    return (res=res);
}

func main{range_check_ptr}() {
    sub(BigInt3(5, 0, 0), BigInt3(7, 1, 0));
    return ();
}
