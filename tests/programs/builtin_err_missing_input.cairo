// error: the security check finds instance 0 of pedersen without inputs (only instance 1 is
// written).
%builtins pedersen

from starkware.cairo.common.cairo_builtins import HashBuiltin

func main{pedersen_ptr: HashBuiltin*}() {
    assert pedersen_ptr[1].x = 1;
    assert pedersen_ptr[1].y = 2;
    let pedersen_ptr = pedersen_ptr + 2 * HashBuiltin.SIZE;
    return ();
}
