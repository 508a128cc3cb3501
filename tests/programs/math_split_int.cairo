// split_int: both hints (the per-limb hint and the final `value == 0` check at n == 0).
%builtins output range_check

from starkware.cairo.common.alloc import alloc
from starkware.cairo.common.math import split_int
from starkware.cairo.common.serialize import serialize_word

func print_array{output_ptr: felt*}(arr: felt*, n) {
    if (n == 0) {
        return ();
    }
    serialize_word(arr[0]);
    return print_array(arr + 1, n - 1);
}

func main{output_ptr: felt*, range_check_ptr}() {
    alloc_locals;
    let (local limbs: felt*) = alloc();
    // 0x1234_5678 in base 2^8 -> [0x78, 0x56, 0x34, 0x12].
    split_int(0x12345678, 4, 2 ** 8, 2 ** 8, limbs);
    print_array(limbs, 4);
    let (local limbs2: felt*) = alloc();
    // Base 10 digits of 9075, with bound 10.
    split_int(9075, 5, 10, 10, limbs2);
    print_array(limbs2, 5);
    let (local limbs3: felt*) = alloc();
    // A 201-bit value in four limbs of 64 bits.
    split_int(2 ** 200 + 2 ** 64 + 3, 4, 2 ** 64, 2 ** 64, limbs3);
    print_array(limbs3, 4);
    return ();
}
