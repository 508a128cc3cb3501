// error: 2^96 written to the range_check96 segment.
%builtins range_check96

func main{range_check96_ptr: felt*}() {
    assert range_check96_ptr[0] = 2 ** 96;
    let range_check96_ptr = range_check96_ptr + 1;
    return ();
}
