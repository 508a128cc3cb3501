// Proof mode in the plain layout with builtins the layout lacks: proof mode allows missing
// builtins by default, their pointers are 0 and must come back 0.
%builtins output pedersen

func main{output_ptr: felt*, pedersen_ptr: felt*}() {
    return ();
}
