// usort.cairo hints: usort (scope with __usort_max_size = None), verify_usort,
// verify_multiplicity; repeated values, a pointer-free unsorted input.
%builtins output range_check

from starkware.cairo.common.alloc import alloc
from starkware.cairo.common.serialize import serialize_word
from starkware.cairo.common.usort import usort

func print_array{output_ptr: felt*}(a: felt*, n: felt) {
    if (n == 0) {
        return ();
    }
    serialize_word(a[0]);
    return print_array(a + 1, n - 1);
}

func main{output_ptr: felt*, range_check_ptr}() {
    alloc_locals;
    let (local input: felt*) = alloc();
    assert input[0] = 50;
    assert input[1] = 3;
    assert input[2] = 50;
    assert input[3] = 2 ** 100;
    assert input[4] = 0;
    assert input[5] = 3;
    assert input[6] = 50;
    assert input[7] = 7;
    let (output_len, output, multiplicities) = usort(input_len=8, input=input);
    serialize_word(output_len);
    print_array(output, output_len);
    print_array(multiplicities, output_len);
    let (output_len, output, multiplicities) = usort(input_len=1, input=input + 7);
    serialize_word(output_len);
    print_array(output, output_len);
    print_array(multiplicities, output_len);
    return ();
}
