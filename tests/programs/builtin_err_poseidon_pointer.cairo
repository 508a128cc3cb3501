// error: a pointer as a poseidon input.
%builtins poseidon

from starkware.cairo.common.cairo_builtins import PoseidonBuiltin

func main{poseidon_ptr: PoseidonBuiltin*}() {
    assert poseidon_ptr.input.s0 = 1;
    assert poseidon_ptr.input.s1 = cast(poseidon_ptr, felt);
    assert poseidon_ptr.input.s2 = 3;
    tempvar r = poseidon_ptr.output.s0;
    let poseidon_ptr = poseidon_ptr + PoseidonBuiltin.SIZE;
    return ();
}
