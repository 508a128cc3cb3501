// Error: a value >= 2^128 written to the range_check segment (the builtin rejects it).
%builtins output range_check

func main{output_ptr: felt*, range_check_ptr}() {
    assert [range_check_ptr] = 2 ** 128 - 1;
    assert [range_check_ptr + 1] = 2 ** 128;
    let range_check_ptr = range_check_ptr + 2;
    return ();
}
