// pedersen: hash2 over several inputs (zero, small, big, chained), results printed.
%builtins output pedersen

from starkware.cairo.common.cairo_builtins import HashBuiltin
from starkware.cairo.common.hash import hash2
from starkware.cairo.common.serialize import serialize_word

func main{output_ptr: felt*, pedersen_ptr: HashBuiltin*}() {
    let (a) = hash2{hash_ptr=pedersen_ptr}(0, 0);
    serialize_word(a);
    let (b) = hash2{hash_ptr=pedersen_ptr}(1, 2);
    serialize_word(b);
    let (c) = hash2{hash_ptr=pedersen_ptr}(-1, 3618502788666131213697322783095070105623107215331596699973092056135872020480);
    serialize_word(c);
    let (d) = hash2{hash_ptr=pedersen_ptr}(a, b);
    serialize_word(d);
    return ();
}
