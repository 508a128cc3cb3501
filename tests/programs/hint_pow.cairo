// pow.cairo and log2_ceil.cairo hints: pow (bit hint), signed_pow (negative exponent hint),
// log2_ceil; and starknet's normalize_address (storage.cairo: is_small, is_250).
%builtins output range_check

from starkware.cairo.common.log2_ceil import log2_ceil
from starkware.cairo.common.pow import pow, signed_pow
from starkware.cairo.common.serialize import serialize_word
from starkware.starknet.common.storage import normalize_address

func main{output_ptr: felt*, range_check_ptr}() {
    alloc_locals;
    let (local r0) = pow(3, 40);
    let (local r1) = pow(2, 0);
    let (local r2) = pow(-1, 7);
    let r3 = signed_pow(2, -3);
    local r3 = r3;
    let r4 = signed_pow(5, 3);
    local r4 = r4;
    let r5 = log2_ceil(1);
    local r5 = r5;
    let r6 = log2_ceil(1000);
    local r6 = r6;
    let r7 = log2_ceil(2 ** 64);
    local r7 = r7;
    let (local a0) = normalize_address(12345);
    let (local a1) = normalize_address(2 ** 251 - 1);
    let (local a2) = normalize_address(-1);
    let (local a3) = normalize_address(2 ** 250 + 7);
    serialize_word(r0);
    serialize_word(r1);
    serialize_word(r2);
    serialize_word(r3);
    serialize_word(r4);
    serialize_word(r5);
    serialize_word(r6);
    serialize_word(r7);
    serialize_word(a0);
    serialize_word(a1);
    serialize_word(a2);
    serialize_word(a3);
    return ();
}
