// builtin_poseidon/poseidon.cairo and hash_state_poseidon.cairo nondet hints (how many elements
// are left): poseidon_hash_many on 0, 1, 2, 3, 9, 10, 11 and 25 elements, the hash-state API.
%builtins output poseidon

from starkware.cairo.common.alloc import alloc
from starkware.cairo.common.builtin_poseidon.poseidon import poseidon_hash_many
from starkware.cairo.common.cairo_builtins import PoseidonBuiltin
from starkware.cairo.common.hash_state_poseidon import (
    hash_finalize,
    hash_init,
    hash_update,
    hash_update_with_nested_hash,
)
from starkware.cairo.common.serialize import serialize_word

func fill(a: felt*, n: felt, v: felt) {
    if (n == 0) {
        return ();
    }
    assert a[0] = v;
    return fill(a + 1, n - 1, v * 7 + 1);
}

func hash_n{output_ptr: felt*, poseidon_ptr: PoseidonBuiltin*}(data: felt*, n: felt) {
    let (h) = poseidon_hash_many(n, data);
    serialize_word(h);
    return ();
}

func main{output_ptr: felt*, poseidon_ptr: PoseidonBuiltin*}() {
    alloc_locals;
    let (local data: felt*) = alloc();
    fill(data, 25, 3);
    hash_n(data, 0);
    hash_n(data, 1);
    hash_n(data, 2);
    hash_n(data, 3);
    hash_n(data, 9);
    hash_n(data, 10);
    hash_n(data, 11);
    hash_n(data, 25);
    let hash_state = hash_init();
    with hash_state {
        hash_update(data, 13);
        hash_update_with_nested_hash(data + 13, 12);
    }
    let h = hash_finalize(hash_state);
    serialize_word(h);
    return ();
}
