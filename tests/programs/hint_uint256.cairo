// uint256 hints: uint256_add (carries), uint256_mul (split_64), uint256_sqrt, uint256_signed_nn,
// uint256_unsigned_div_rem, uint256_mul_div_mod, uint256_signed_div_rem.
%builtins output range_check

from starkware.cairo.common.serialize import serialize_word
from starkware.cairo.common.uint256 import (
    Uint256,
    uint256_add,
    uint256_mul,
    uint256_sqrt,
    uint256_signed_nn,
    uint256_unsigned_div_rem,
    uint256_mul_div_mod,
    uint256_signed_div_rem,
    uint256_sub,
)

func out{output_ptr: felt*}(x: Uint256) {
    serialize_word(x.low);
    serialize_word(x.high);
    return ();
}

func main{output_ptr: felt*, range_check_ptr}() {
    alloc_locals;
    let max = Uint256(2 ** 128 - 1, 2 ** 128 - 1);
    let (s, carry) = uint256_add(max, Uint256(5, 0));
    out(s);
    serialize_word(carry);
    let (s, carry) = uint256_add(Uint256(2 ** 127, 1), Uint256(2 ** 127, 2));
    out(s);
    serialize_word(carry);

    let (lo, hi) = uint256_mul(max, Uint256(12345678901234567890, 98765));
    out(lo);
    out(hi);

    let (r) = uint256_sqrt(Uint256(0, 2 ** 100));
    out(r);
    let (r) = uint256_sqrt(max);
    out(r);
    let (r) = uint256_sqrt(Uint256(99, 0));
    out(r);

    let (nn) = uint256_signed_nn(Uint256(1, 2 ** 127));
    serialize_word(nn);
    let (nn) = uint256_signed_nn(Uint256(1, 2 ** 127 - 1));
    serialize_word(nn);

    let (q, rem) = uint256_unsigned_div_rem(max, Uint256(3, 7));
    out(q);
    out(rem);
    let (q, rem) = uint256_unsigned_div_rem(Uint256(1000, 0), Uint256(7, 0));
    out(q);
    out(rem);

    let (ql, qh, rem) = uint256_mul_div_mod(max, max, Uint256(11, 13));
    out(ql);
    out(qh);
    out(rem);

    let (q, rem) = uint256_signed_div_rem(Uint256(2 ** 128 - 100, 2 ** 128 - 1), Uint256(7, 0));
    out(q);
    out(rem);

    let (d) = uint256_sub(Uint256(3, 0), Uint256(5, 0));
    out(d);
    return ();
}
