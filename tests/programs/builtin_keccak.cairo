// keccak: the keccak-f permutation of the zero state and of a state with large (< 2^200)
// lanes; outputs read out of order.
%builtins output keccak

from starkware.cairo.common.cairo_builtins import KeccakBuiltin
from starkware.cairo.common.keccak_state import KeccakBuiltinState
from starkware.cairo.common.serialize import serialize_word

func permute{output_ptr: felt*, keccak_ptr: KeccakBuiltin*}(s: KeccakBuiltinState) {
    assert keccak_ptr.input = s;
    serialize_word(keccak_ptr.output.s7);
    serialize_word(keccak_ptr.output.s0);
    serialize_word(keccak_ptr.output.s3);
    let keccak_ptr = keccak_ptr + KeccakBuiltin.SIZE;
    return ();
}

func main{output_ptr: felt*, keccak_ptr: KeccakBuiltin*}() {
    permute(KeccakBuiltinState(0, 0, 0, 0, 0, 0, 0, 0));
    permute(KeccakBuiltinState(1, 2, 3, 4, 5, 6, 7, 2 ** 200 - 1));
    permute(
        KeccakBuiltinState(
            0x0123456789abcdef0123456789abcdef0123456789abcdef01,
            0xfedcba9876543210fedcba9876543210fedcba9876543210fe,
            11, 2 ** 199, 0, 77777777777, 2 ** 64 + 3, 2 ** 128 - 1,
        ),
    );
    return ();
}
