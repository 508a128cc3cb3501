// poseidon: the library's poseidon_hash and poseidon_hash_single, and a raw permutation with
// outputs read out of order.
%builtins output poseidon

from starkware.cairo.common.builtin_poseidon.poseidon import poseidon_hash, poseidon_hash_single
from starkware.cairo.common.cairo_builtins import PoseidonBuiltin
from starkware.cairo.common.poseidon_state import PoseidonBuiltinState
from starkware.cairo.common.serialize import serialize_word

func main{output_ptr: felt*, poseidon_ptr: PoseidonBuiltin*}() {
    alloc_locals;
    let (h) = poseidon_hash(1, 2);
    serialize_word(h);
    let (m) = poseidon_hash_single(-1);
    serialize_word(m);
    assert poseidon_ptr.input = PoseidonBuiltinState(7, 8, 9);
    serialize_word(poseidon_ptr.output.s2);
    serialize_word(poseidon_ptr.output.s0);
    let poseidon_ptr = poseidon_ptr + PoseidonBuiltin.SIZE;
    return ();
}
