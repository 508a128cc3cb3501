// abs_value and sign hints for positive, negative and zero values.
%builtins output range_check

from starkware.cairo.common.math import abs_value, sign
from starkware.cairo.common.serialize import serialize_word

func main{output_ptr: felt*, range_check_ptr}() {
    let a = abs_value(-17);
    serialize_word(a);
    let a = abs_value(17);
    serialize_word(a);
    let a = abs_value(0);
    serialize_word(a);
    let a = abs_value(-(2 ** 127));
    serialize_word(a);
    let s = sign(-5);
    serialize_word(s);
    let s = sign(0);
    serialize_word(s);
    let s = sign(5);
    serialize_word(s);
    let s = sign(2 ** 100);
    serialize_word(s);
    return ();
}
