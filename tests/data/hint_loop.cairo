// A loop whose every iteration runs a custom hint (tests/jit_safety.rs registers its
// implementations): compiled code runs the hint itself, then goes on. The hint sets `d`, which
// the loop asserts to be 2 * i. Before the hint, an inner loop without hints runs 80 steps
// in compiled code, more than the 64 steps compiled code is entered with at least, so that it
// can reach the hint pc with no step left before a step limit.
%builtins output

from starkware.cairo.common.serialize import serialize_word

func double_all{output_ptr: felt*}(i: felt, n: felt, acc: felt) -> felt {
    alloc_locals;
    if (i == n) {
        return acc;
    }
    tempvar k = 40;
    spin:
    tempvar k = k - 1;
    jmp spin if k != 0;
    local d: felt;
    %{ ids.d = 2 * ids.i %}
    assert d = i + i;
    return double_all(i + 1, n, acc + d);
}

func main{output_ptr: felt*}() {
    let acc = double_all(0, 2000, 0);
    serialize_word(acc);
    return ();
}
