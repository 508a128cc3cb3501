// cairo_sha256 hints: finalize_sha256 (dummy instances, verified by the library with bitwise),
// on instances computed with the cairo_sha256.json and cairo_sha256_arbitrary_input_length.json
// hints (inline); the older finalize padding hint and `full_word`.
%builtins output range_check bitwise

from starkware.cairo.common.alloc import alloc
from starkware.cairo.common.cairo_builtins import BitwiseBuiltin
from starkware.cairo.common.cairo_sha256.sha256_utils import finalize_sha256
from starkware.cairo.common.memcpy import memcpy
from starkware.cairo.common.serialize import serialize_word

const SHA256_INPUT_CHUNK_SIZE_FELTS = 16;
const SHA256_STATE_SIZE_FELTS = 8;
const BLOCK_SIZE = 3;

func fill(a: felt*, n: felt, v: felt) {
    if (n == 0) {
        return ();
    }
    assert a[0] = v;
    return fill(a + 1, n - 1, v + 0x01010101);
}

func print_array{output_ptr: felt*}(a: felt*, n: felt) {
    if (n == 0) {
        return ();
    }
    serialize_word(a[0]);
    return print_array(a + 1, n - 1);
}

func compute_from_iv(sha256_start: felt*, output: felt*) {
    %{
        from starkware.cairo.common.cairo_sha256.sha256_utils import (
            IV, compute_message_schedule, sha2_compress_function)

        _sha256_input_chunk_size_felts = int(ids.SHA256_INPUT_CHUNK_SIZE_FELTS)
        assert 0 <= _sha256_input_chunk_size_felts < 100

        w = compute_message_schedule(memory.get_range(
            ids.sha256_start, _sha256_input_chunk_size_felts))
        new_state = sha2_compress_function(IV, w)
        segments.write_arg(ids.output, new_state)
    %}
    return ();
}

func compute_from_state(sha256_start: felt*, state: felt*, output: felt*) {
    %{
        from starkware.cairo.common.cairo_sha256.sha256_utils import (
            compute_message_schedule, sha2_compress_function)

        _sha256_input_chunk_size_felts = int(ids.SHA256_INPUT_CHUNK_SIZE_FELTS)
        assert 0 <= _sha256_input_chunk_size_felts < 100
        _sha256_state_size_felts = int(ids.SHA256_STATE_SIZE_FELTS)
        assert 0 <= _sha256_state_size_felts < 100
        w = compute_message_schedule(memory.get_range(
            ids.sha256_start, _sha256_input_chunk_size_felts))
        new_state = sha2_compress_function(memory.get_range(ids.state, _sha256_state_size_felts), w)
        segments.write_arg(ids.output, new_state)
    %}
    return ();
}

func old_padding(sha256_ptr_end: felt*) {
    %{
        # Add dummy pairs of input and output.
        from starkware.cairo.common.cairo_sha256.sha256_utils import (
            IV, compute_message_schedule, sha2_compress_function)

        _block_size = int(ids.BLOCK_SIZE)
        assert 0 <= _block_size < 20
        _sha256_input_chunk_size_felts = int(ids.SHA256_INPUT_CHUNK_SIZE_FELTS)
        assert 0 <= _sha256_input_chunk_size_felts < 100

        message = [0] * _sha256_input_chunk_size_felts
        w = compute_message_schedule(message)
        output = sha2_compress_function(IV, w)
        padding = (message + IV + output) * (_block_size - 1)
        segments.write_arg(ids.sha256_ptr_end, padding)
    %}
    return ();
}

func full_word{output_ptr: felt*}(n_bytes: felt) {
    alloc_locals;
    local full_word;
    %{
        ids.full_word = int(ids.n_bytes >= 4)
    %}
    serialize_word(full_word);
    return ();
}

func main{output_ptr: felt*, range_check_ptr, bitwise_ptr: BitwiseBuiltin*}() {
    alloc_locals;
    let (local start: felt*) = alloc();
    fill(start, 16, 0x61626380);
    assert start[16] = 0x6A09E667;
    assert start[17] = 0xBB67AE85;
    assert start[18] = 0x3C6EF372;
    assert start[19] = 0xA54FF53A;
    assert start[20] = 0x510E527F;
    assert start[21] = 0x9B05688C;
    assert start[22] = 0x1F83D9AB;
    assert start[23] = 0x5BE0CD19;
    compute_from_iv(start, start + 24);
    fill(start + 32, 16, 5);
    memcpy(start + 48, start + 24, 8);
    compute_from_state(start + 32, start + 48, start + 56);
    print_array(start + 24, 8);
    print_array(start + 56, 8);
    finalize_sha256(start, start + 64);

    let (local pad: felt*) = alloc();
    old_padding(pad);
    print_array(pad + 24, 8);
    print_array(pad + 56, 8);
    full_word(3);
    full_word(4);
    return ();
}
