// Uses the pedersen builtin, which the foundation does not support yet: the run must fail
// with a clear "not supported yet" error rather than produce a wrong trace.
%builtins pedersen
from starkware.cairo.common.cairo_builtins import HashBuiltin
from starkware.cairo.common.hash import hash2

func main{pedersen_ptr: HashBuiltin*}() {
    let (h) = hash2{hash_ptr=pedersen_ptr}(1, 2);
    return ();
}
