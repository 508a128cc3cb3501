// Throughput benchmark: Pedersen hashing. A chain of 70,000 hash2 calls through the pedersen
// builtin, h = H(h, i), about 1M steps (layout small). The final digest is asserted.
%builtins output pedersen

from starkware.cairo.common.cairo_builtins import HashBuiltin
from starkware.cairo.common.hash import hash2
from starkware.cairo.common.serialize import serialize_word

const N = 70000;

func chain{hash_ptr: HashBuiltin*}(h: felt, i: felt) -> felt {
    if (i == N) {
        return h;
    }
    let (h2) = hash2(h, i);
    return chain(h2, i + 1);
}

func main{output_ptr: felt*, pedersen_ptr: HashBuiltin*}() {
    let hash_ptr = pedersen_ptr;
    with hash_ptr {
        let h = chain(0x1234, 0);
    }
    let pedersen_ptr = hash_ptr;
    assert h = 0x1ac8612a7134f1976620fb1e490818dca324b9df450066faf5e408457570c4;
    serialize_word(h);
    return ();
}
