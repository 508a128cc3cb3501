// Integer division hints: unsigned_div_rem and signed_div_rem (positive and negative values).
%builtins output range_check

from starkware.cairo.common.math import unsigned_div_rem, signed_div_rem
from starkware.cairo.common.serialize import serialize_word

func main{output_ptr: felt*, range_check_ptr}() {
    let (q, r) = unsigned_div_rem(100, 7);
    assert q = 14;
    assert r = 2;
    serialize_word(q);
    serialize_word(r);
    let (q, r) = unsigned_div_rem(2 ** 127 + 5, 2 ** 64);
    serialize_word(q);
    serialize_word(r);
    let (q, r) = unsigned_div_rem(6, 7);
    serialize_word(q);
    serialize_word(r);
    let (q, r) = signed_div_rem(-100, 7, 1000);
    assert q = -15;
    assert r = 5;
    serialize_word(q);
    serialize_word(r);
    let (q, r) = signed_div_rem(100, 7, 1000);
    serialize_word(q);
    serialize_word(r);
    let (q, r) = signed_div_rem(-1, 2 ** 64, 2 ** 100);
    serialize_word(q);
    serialize_word(r);
    return ();
}
