// Throughput benchmark: sorting. usort (the sort is a hint; its verification, a range-checked
// ascending walk with the multiplicity positions, is Cairo) of a 15,000-element array with
// repeated values (layout small). A checksum of the output is asserted.
%builtins output range_check

from starkware.cairo.common.alloc import alloc
from starkware.cairo.common.math import unsigned_div_rem
from starkware.cairo.common.serialize import serialize_word
from starkware.cairo.common.usort import usort

const LEN = 15000;
const MOD = 10007;

func fill{range_check_ptr}(a: felt*, n: felt, v: felt) {
    if (n == 0) {
        return ();
    }
    let (_, r) = unsigned_div_rem(v * 31 + 17, MOD);
    assert a[0] = r;
    return fill(a + 1, n - 1, r);
}

func checksum(a: felt*, m: felt*, n: felt, acc: felt) -> felt {
    if (n == 0) {
        return acc;
    }
    return checksum(a + 1, m + 1, n - 1, acc * 3 + a[0] * m[0]);
}

func main{output_ptr: felt*, range_check_ptr}() {
    alloc_locals;
    let (local input: felt*) = alloc();
    fill(input, LEN, 1);
    let (output_len, output, multiplicities) = usort(input_len=LEN, input=input);
    let c = checksum(output, multiplicities, output_len, 0);
    assert c = 0x1e9e0a4e9754eed6a94be5ee91c9e2dfb9ea6473460a4e35fb9c19a7adb435f;
    serialize_word(output_len);
    serialize_word(c);
    return ();
}
