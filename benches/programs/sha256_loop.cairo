// Throughput benchmark: SHA-256 in Cairo (cairo_sha256's compute_message_schedule and
// sha2_compress, bitwise builtin, seven instances packed per felt). A chain of compressions,
// each message holding the previous state, from the SHA-256 IV (layout recursive). The final
// state is asserted.
%builtins output range_check bitwise

from starkware.cairo.common.alloc import alloc
from starkware.cairo.common.cairo_builtins import BitwiseBuiltin
from starkware.cairo.common.cairo_sha256.sha256_utils import (
    SHIFTS,
    compute_message_schedule,
    get_round_constants,
    sha2_compress,
)
from starkware.cairo.common.serialize import serialize_word

const ROUNDS = 100;

func fill(a: felt*, n: felt, v: felt) {
    if (n == 0) {
        return ();
    }
    assert a[0] = v * SHIFTS;
    return fill(a + 1, n - 1, v + 0x01010101);
}

func rounds{bitwise_ptr: BitwiseBuiltin*}(state: felt*, rc: felt*, n: felt) -> felt* {
    alloc_locals;
    if (n == 0) {
        return state;
    }
    let (local message: felt*) = alloc();
    // The message: the 8 state words, then 8 fixed words.
    assert message[0] = state[0];
    assert message[1] = state[1];
    assert message[2] = state[2];
    assert message[3] = state[3];
    assert message[4] = state[4];
    assert message[5] = state[5];
    assert message[6] = state[6];
    assert message[7] = state[7];
    fill(message + 8, 8, n);
    compute_message_schedule(message);
    let (new_state) = sha2_compress(state, message, rc);
    return rounds(new_state, rc, n - 1);
}

func main{output_ptr: felt*, range_check_ptr, bitwise_ptr: BitwiseBuiltin*}() {
    alloc_locals;
    let (local iv: felt*) = alloc();
    assert iv[0] = 0x6A09E667 * SHIFTS;
    assert iv[1] = 0xBB67AE85 * SHIFTS;
    assert iv[2] = 0x3C6EF372 * SHIFTS;
    assert iv[3] = 0xA54FF53A * SHIFTS;
    assert iv[4] = 0x510E527F * SHIFTS;
    assert iv[5] = 0x9B05688C * SHIFTS;
    assert iv[6] = 0x1F83D9AB * SHIFTS;
    assert iv[7] = 0x5BE0CD19 * SHIFTS;
    let rc = get_round_constants();
    let state = rounds(iv, rc, ROUNDS);
    assert state[0] = 0xd51b7cc9 * SHIFTS;
    assert state[7] = 0xb3639054 * SHIFTS;
    serialize_word(state[0]);
    serialize_word(state[7]);
    return ();
}
