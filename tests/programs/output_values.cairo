// Program output: serialize_word in a loop, serialize_array-like writes straight to output_ptr,
// zero, negative and big values.
%builtins output

from starkware.cairo.common.serialize import serialize_word

func print_powers{output_ptr: felt*}(base, exp, n) {
    if (n == 0) {
        return ();
    }
    serialize_word(exp);
    return print_powers(base, exp * base, n - 1);
}

func main{output_ptr: felt*}() {
    serialize_word(0);
    serialize_word(1);
    serialize_word(-2);
    // Powers of 2^32: 1, 2^32, ..., 2^(32*8) wraps around the prime.
    print_powers(2 ** 32, 1, 9);
    // Powers of -3.
    print_powers(-3, 1, 5);
    // Writing to the output segment directly.
    assert output_ptr[0] = 1234567890123456789;
    assert output_ptr[1] = -1234567890123456789;
    let output_ptr = output_ptr + 2;
    return ();
}
