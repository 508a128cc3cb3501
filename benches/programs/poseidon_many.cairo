// Throughput benchmark: Poseidon hashing. poseidon_hash_many over a 2,000-element array, 100
// times, over a sliding window, the digests folded into a checksum, about 1M steps (layout
// recursive_with_poseidon). The final digest is asserted.
%builtins output poseidon

from starkware.cairo.common.alloc import alloc
from starkware.cairo.common.builtin_poseidon.poseidon import poseidon_hash_many
from starkware.cairo.common.cairo_builtins import PoseidonBuiltin
from starkware.cairo.common.serialize import serialize_word

const LEN = 2000;
const ROUNDS = 100;

func fill(a: felt*, n: felt, v: felt) {
    if (n == 0) {
        return ();
    }
    assert a[0] = v;
    return fill(a + 1, n - 1, v * 3 + 1);
}

func rounds{poseidon_ptr: PoseidonBuiltin*}(data: felt*, h: felt, n: felt) -> felt {
    if (n == 0) {
        return h;
    }
    let (h2) = poseidon_hash_many(LEN, data);
    return rounds(data + 1, h * 3 + h2, n - 1);
}

func main{output_ptr: felt*, poseidon_ptr: PoseidonBuiltin*}() {
    alloc_locals;
    let (local data: felt*) = alloc();
    fill(data, LEN + ROUNDS, 5);
    let h = rounds(data, 7, ROUNDS);
    assert h = 0x12da5b793eb1f2088080d3b50afb1d4aff2f93106fc4b45631ea53bf27a2cfd;
    serialize_word(h);
    return ();
}
