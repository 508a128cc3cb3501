// sqrt (floor square root hint) and horner_eval (polynomial evaluation, no hint).
%builtins output range_check

from starkware.cairo.common.alloc import alloc
from starkware.cairo.common.math import sqrt, horner_eval
from starkware.cairo.common.serialize import serialize_word

func main{output_ptr: felt*, range_check_ptr}() {
    alloc_locals;
    let r = sqrt(0);
    serialize_word(r);
    let r = sqrt(99);
    serialize_word(r);
    let r = sqrt(100);
    serialize_word(r);
    let r = sqrt(2 ** 250 - 1);
    serialize_word(r);
    let (local coefs: felt*) = alloc();
    // 3 + 2x + 5x^2 + x^3
    assert coefs[0] = 3;
    assert coefs[1] = 2;
    assert coefs[2] = 5;
    assert coefs[3] = 1;
    let (v) = horner_eval(4, coefs, 10);
    assert v = 1523;
    serialize_word(v);
    let (v) = horner_eval(4, coefs, -1);
    serialize_word(v);
    let (v) = horner_eval(0, coefs, 7);
    serialize_word(v);
    return ();
}
