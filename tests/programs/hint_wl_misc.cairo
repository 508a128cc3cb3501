// Whitelisted hint texts of older libraries, inline: uint256_improvements.json,
// encode_packed.json, the 0.6.0 / 0.8.2 math variants, the older cairo_keccak (cairo_keccak.json,
// 0.10.3.json) and cairo_blake2s (cairo_blake2s.json) hints.
%builtins output range_check

from starkware.cairo.common.alloc import alloc
from starkware.cairo.common.serialize import serialize_word
from starkware.cairo.common.uint256 import Uint256

struct Expanded {
    b01: felt,
    b23: felt,
}

const SHIFT = 2 ** 128;
const KECCAK_STATE_SIZE_FELTS = 25;
const BLOCK_SIZE = 3;
const N_PACKED_INSTANCES = 3;
const BLAKE2S_INPUT_CHUNK_SIZE_FELTS = 16;

func print_array{output_ptr: felt*}(a: felt*, n: felt) {
    if (n == 0) {
        return ();
    }
    serialize_word(a[0]);
    return print_array(a + 1, n - 1);
}

func expanded_div{output_ptr: felt*}(a: Uint256, div: Expanded) {
    alloc_locals;
    local quotient: Uint256;
    local remainder: Uint256;
    %{
        a = (ids.a.high << 128) + ids.a.low
        div = (ids.div.b23 << 128) + ids.div.b01
        quotient, remainder = divmod(a, div)

        ids.quotient.low = quotient & ((1 << 128) - 1)
        ids.quotient.high = quotient >> 128
        ids.remainder.low = remainder & ((1 << 128) - 1)
        ids.remainder.high = remainder >> 128
    %}
    serialize_word(quotient.low);
    serialize_word(quotient.high);
    serialize_word(remainder.low);
    serialize_word(remainder.high);
    return ();
}

func sub{output_ptr: felt*}(a: Uint256, b: Uint256) {
    alloc_locals;
    local res: Uint256;
    %{
        def split(num: int, num_bits_shift: int = 128, length: int = 2):
            a = []
            for _ in range(length):
                a.append( num & ((1 << num_bits_shift) - 1) )
                num = num >> num_bits_shift
            return tuple(a)

        def pack(z, num_bits_shift: int = 128) -> int:
            limbs = (z.low, z.high)
            return sum(limb << (num_bits_shift * i) for i, limb in enumerate(limbs))

        a = pack(ids.a)
        b = pack(ids.b)
        res = (a - b)%2**256
        res_split = split(res)
        ids.res.low = res_split[0]
        ids.res.high = res_split[1]
    %}
    serialize_word(res.low);
    serialize_word(res.high);
    return ();
}

func sqrt{output_ptr: felt*}(n: Uint256) {
    alloc_locals;
    local root;
    %{
        from starkware.python.math_utils import isqrt
        n = (ids.n.high << 128) + ids.n.low
        root = isqrt(n)
        assert 0 <= root < 2 ** 128
        ids.root = root
    %}
    serialize_word(root);
    return ();
}

func add_carry{output_ptr: felt*}(a: felt, b: felt) {
    alloc_locals;
    local carry;
    %{
        res = ids.a + ids.b
        ids.carry = 1 if res >= ids.SHIFT else 0
    %}
    serialize_word(carry);
    return ();
}

func bit_length{output_ptr: felt*}(x: felt) {
    alloc_locals;
    local bit_length;
    %{
        x = ids.x
        ids.bit_length = x.bit_length()
    %}
    serialize_word(bit_length);
    return ();
}

func le_felt_v0_6(a: felt, b: felt) {
    %{
        from starkware.cairo.common.math_utils import assert_integer
        assert_integer(ids.a)
        assert_integer(ids.b)
        assert (ids.a % PRIME) <= (ids.b % PRIME), \
            f'a = {ids.a % PRIME} is not less than or equal to b = {ids.b % PRIME}.'
    %}
    return ();
}

func lsb{output_ptr: felt*}(a: felt, b: felt) {
    alloc_locals;
    local a_lsb;
    local b_lsb;
    %{
        ids.a_lsb = ids.a & 1
        ids.b_lsb = ids.b & 1
    %}
    serialize_word(a_lsb);
    serialize_word(b_lsb);
    return ();
}

func le_felt_v0_8{output_ptr: felt*}(a: felt, b: felt) {
    alloc_locals;
    local small_inputs;
    %{
        from starkware.cairo.common.math_utils import assert_integer
        assert_integer(ids.a)
        assert_integer(ids.b)
        a = ids.a % PRIME
        b = ids.b % PRIME
        assert a <= b, f'a = {a} is not less than or equal to b = {b}.'

        ids.small_inputs = int(
            a < range_check_builtin.bound and (b - a) < range_check_builtin.bound)
    %}
    serialize_word(small_inputs);
    return ();
}

func keccak_full_word{output_ptr: felt*}(n_bytes: felt) {
    alloc_locals;
    local full_word;
    %{
        ids.full_word = int(ids.n_bytes >= 8)
    %}
    serialize_word(full_word);
    return ();
}

// keccak_func of the state before keccak_ptr, written at keccak_ptr (0.10.3 import path).
func keccak_permutation(keccak_ptr: felt*) {
    %{
        from starkware.cairo.common.cairo_keccak.keccak_utils import keccak_func
        _keccak_state_size_felts = int(ids.KECCAK_STATE_SIZE_FELTS)
        assert 0 <= _keccak_state_size_felts < 100

        output_values = keccak_func(memory.get_range(
            ids.keccak_ptr - _keccak_state_size_felts, _keccak_state_size_felts))
        segments.write_arg(ids.keccak_ptr, output_values)
    %}
    return ();
}

func keccak_to_output(keccak_ptr_start: felt*, output: felt*) {
    %{
        from starkware.cairo.common.cairo_keccak.keccak_utils import keccak_func
        _keccak_state_size_felts = int(ids.KECCAK_STATE_SIZE_FELTS)
        assert 0 <= _keccak_state_size_felts < 100
        output_values = keccak_func(memory.get_range(
            ids.keccak_ptr_start, _keccak_state_size_felts))
        segments.write_arg(ids.output, output_values)
    %}
    return ();
}

func keccak_padding(keccak_ptr_end: felt*) {
    %{
        # Add dummy pairs of input and output.
        _keccak_state_size_felts = int(ids.KECCAK_STATE_SIZE_FELTS)
        _block_size = int(ids.BLOCK_SIZE)
        assert 0 <= _keccak_state_size_felts < 100
        assert 0 <= _block_size < 1000
        inp = [0] * _keccak_state_size_felts
        padding = (inp + keccak_func(inp)) * _block_size
        segments.write_arg(ids.keccak_ptr_end, padding)
    %}
    return ();
}

func blake2s_block(blake2s_start: felt*, output: felt*, n_bytes: felt) {
    %{
        from starkware.cairo.common.cairo_blake2s.blake2s_utils import IV, blake2s_compress

        _blake2s_input_chunk_size_felts = int(ids.BLAKE2S_INPUT_CHUNK_SIZE_FELTS)
        assert 0 <= _blake2s_input_chunk_size_felts < 100

        new_state = blake2s_compress(
            message=memory.get_range(ids.blake2s_start, _blake2s_input_chunk_size_felts),
            h=[IV[0] ^ 0x01010020] + IV[1:],
            t0=ids.n_bytes,
            t1=0,
            f0=0xffffffff,
            f1=0,
        )

        segments.write_arg(ids.output, new_state)
    %}
    return ();
}

func blake2s_padding(blake2s_ptr_end: felt*) {
    %{
        # Add dummy pairs of input and output.
        from starkware.cairo.common.cairo_blake2s.blake2s_utils import IV, blake2s_compress

        _n_packed_instances = int(ids.N_PACKED_INSTANCES)
        assert 0 <= _n_packed_instances < 20
        _blake2s_input_chunk_size_felts = int(ids.BLAKE2S_INPUT_CHUNK_SIZE_FELTS)
        assert 0 <= _blake2s_input_chunk_size_felts < 100

        message = [0] * _blake2s_input_chunk_size_felts
        modified_iv = [IV[0] ^ 0x01010020] + IV[1:]
        output = blake2s_compress(
            message=message,
            h=modified_iv,
            t0=0,
            t1=0,
            f0=0xffffffff,
            f1=0,
        )
        padding = (message + modified_iv + [0, 0xffffffff] + output) * (_n_packed_instances - 1)
        segments.write_arg(ids.blake2s_ptr_end, padding)
    %}
    return ();
}

func fill(a: felt*, n: felt, v: felt) {
    if (n == 0) {
        return ();
    }
    assert a[0] = v;
    return fill(a + 1, n - 1, v + 0x0101010101);
}

func main{output_ptr: felt*, range_check_ptr}() {
    alloc_locals;
    expanded_div(Uint256(2 ** 128 - 1, 2 ** 100), Expanded(12345, 7));
    expanded_div(Uint256(100, 0), Expanded(7, 0));
    sub(Uint256(3, 0), Uint256(5, 0));
    sub(Uint256(0, 5), Uint256(1, 2));
    sqrt(Uint256(0, 2 ** 100));
    add_carry(2 ** 127, 2 ** 127);
    add_carry(5, 6);
    bit_length(0);
    bit_length(2 ** 200 + 1);
    le_felt_v0_6(3, 5);
    lsb(6, 7);
    le_felt_v0_8(5, 2 ** 130);
    le_felt_v0_8(5, 10);
    keccak_full_word(7);
    keccak_full_word(8);

    let (local state: felt*) = alloc();
    fill(state, 25, 1);
    keccak_permutation(state + 25);
    print_array(state + 25, 25);
    let (local out: felt*) = alloc();
    keccak_to_output(state, out);
    print_array(out, 25);
    let (local pad: felt*) = alloc();
    keccak_padding(pad);
    print_array(pad + 25, 3);
    print_array(pad + 100, 3);

    let (local message: felt*) = alloc();
    fill(message, 16, 7);
    let (local b_out: felt*) = alloc();
    blake2s_block(message, b_out, 60);
    print_array(b_out, 8);
    let (local b_pad: felt*) = alloc();
    blake2s_padding(b_pad);
    print_array(b_pad + 26, 8);
    print_array(b_pad + 60, 8);
    return ();
}
