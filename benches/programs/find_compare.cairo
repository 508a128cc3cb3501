// Throughput benchmark: array search and comparison. find_element (hinted index, then checked)
// and a hand-written linear search over a 1,000-element array for 70 keys, and an
// element-by-element comparison of two 1,000-element arrays, 70 times (layout small). A
// checksum is asserted.
%builtins output range_check

from starkware.cairo.common.alloc import alloc
from starkware.cairo.common.find_element import find_element
from starkware.cairo.common.serialize import serialize_word

const LEN = 1000;
const KEYS = 70;

func fill(a: felt*, b: felt*, n: felt, v: felt) {
    if (n == 0) {
        return ();
    }
    assert a[0] = v;
    assert b[0] = v;
    return fill(a + 1, b + 1, n - 1, v * 13 + 5);
}

// The index of the first element equal to key (the key must be present).
func linear_search(a: felt*, key: felt, i: felt) -> felt {
    if (a[i] == key) {
        return i;
    }
    return linear_search(a, key, i + 1);
}

// 1 if a[0..n] == b[0..n], else 0.
func compare(a: felt*, b: felt*, n: felt) -> felt {
    if (n == 0) {
        return 1;
    }
    if (a[0] != b[0]) {
        return 0;
    }
    return compare(a + 1, b + 1, n - 1);
}

func searches{range_check_ptr}(a: felt*, b: felt*, k: felt, acc: felt) -> felt {
    alloc_locals;
    if (k == KEYS) {
        return acc;
    }
    let key = a[LEN - 1 - 5 * k];
    let (p) = find_element(array_ptr=a, elm_size=1, n_elms=LEN, key=key);
    let i = linear_search(a, key, 0);
    assert p - a = i;
    let eq = compare(a, b, LEN);
    return searches(a, b, k + 1, acc + i * eq);
}

func main{output_ptr: felt*, range_check_ptr}() {
    alloc_locals;
    let (local a: felt*) = alloc();
    let (local b: felt*) = alloc();
    fill(a, b, LEN, 3);
    let acc = searches(a, b, 0, 0);
    assert acc = 0xe1ff;
    serialize_word(acc);
    return ();
}
