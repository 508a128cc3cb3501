// error: a pedersen result written (through op1 deduction) before its inputs, with the wrong
// value: the end of the run finds it inconsistent with the builtin's deduction.
%builtins pedersen

from starkware.cairo.common.cairo_builtins import HashBuiltin

func main{pedersen_ptr: HashBuiltin*}() {
    assert pedersen_ptr.result = 5;
    assert pedersen_ptr.x = 1;
    assert pedersen_ptr.y = 2;
    let pedersen_ptr = pedersen_ptr + HashBuiltin.SIZE;
    return ();
}
