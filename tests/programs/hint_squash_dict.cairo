// squash_dict.cairo hints on a hand-written access list: several keys in random order,
// repeated accesses, a key above 2^128 (big_keys), a single access.
%builtins output range_check

from starkware.cairo.common.alloc import alloc
from starkware.cairo.common.dict_access import DictAccess
from starkware.cairo.common.serialize import serialize_word
from starkware.cairo.common.squash_dict import squash_dict

func print_dict{output_ptr: felt*}(start: DictAccess*, end: DictAccess*) {
    if (start == end) {
        return ();
    }
    serialize_word(start.key);
    serialize_word(start.prev_value);
    serialize_word(start.new_value);
    return print_dict(start + DictAccess.SIZE, end);
}

func access(a: DictAccess*, key, prev, next) {
    assert a.key = key;
    assert a.prev_value = prev;
    assert a.new_value = next;
    return ();
}

func main{output_ptr: felt*, range_check_ptr}() {
    alloc_locals;
    let (local acc: DictAccess*) = alloc();
    access(acc, 9, 0, 1);
    access(acc + 3, 2, 5, 6);
    access(acc + 6, 9, 1, 2);
    access(acc + 9, 2 ** 200, 7, 8);
    access(acc + 12, 2, 6, 6);
    access(acc + 15, 4, 0, 40);
    access(acc + 18, 9, 2, 3);
    let (local out: DictAccess*) = alloc();
    let (out_end) = squash_dict(acc, acc + 21, out);
    print_dict(out, out_end);

    let (local out2: DictAccess*) = alloc();
    let (out2_end) = squash_dict(acc + 15, acc + 18, out2);
    print_dict(out2, out2_end);
    let (out3_end) = squash_dict(acc, acc, out2_end);
    serialize_word(out3_end - out2_end);
    return ();
}
