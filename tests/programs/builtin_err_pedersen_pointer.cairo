// error: a pointer as a pedersen input.
%builtins pedersen

from starkware.cairo.common.cairo_builtins import HashBuiltin
from starkware.cairo.common.hash import hash2

func main{pedersen_ptr: HashBuiltin*}() {
    let (h) = hash2{hash_ptr=pedersen_ptr}(cast(pedersen_ptr, felt), 2);
    return ();
}
