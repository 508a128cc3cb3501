// range_check96: values 0, 2^96 - 1 and others written to the segment.
%builtins output range_check96

from starkware.cairo.common.serialize import serialize_word

func main{output_ptr: felt*, range_check96_ptr: felt*}() {
    assert range_check96_ptr[0] = 0;
    assert range_check96_ptr[1] = 2 ** 96 - 1;
    assert range_check96_ptr[2] = 12345;
    serialize_word(range_check96_ptr[1]);
    let range_check96_ptr = range_check96_ptr + 3;
    return ();
}
