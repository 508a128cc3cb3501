// find_element.cairo and set.cairo hints: find_element, search_sorted_lower, search_sorted,
// search_sorted_optimistic (found, not found, past the end), set_add (new and existing).
%builtins output range_check

from starkware.cairo.common.alloc import alloc
from starkware.cairo.common.find_element import (
    find_element,
    search_sorted_lower,
    search_sorted,
    search_sorted_optimistic,
)
from starkware.cairo.common.serialize import serialize_word
from starkware.cairo.common.set import set_add

func main{output_ptr: felt*, range_check_ptr}() {
    alloc_locals;
    let (local arr: felt*) = alloc();
    // Pairs (key, value), sorted by key.
    assert arr[0] = 3;
    assert arr[1] = 30;
    assert arr[2] = 7;
    assert arr[3] = 70;
    assert arr[4] = 9;
    assert arr[5] = 90;
    assert arr[6] = 20;
    assert arr[7] = 200;

    let (p) = find_element(array_ptr=arr, elm_size=2, n_elms=4, key=9);
    serialize_word(p[1]);
    let (p) = find_element(array_ptr=arr, elm_size=1, n_elms=8, key=200);
    serialize_word(p - arr);

    let (p) = search_sorted_lower(array_ptr=arr, elm_size=2, n_elms=4, key=8);
    serialize_word(p - arr);
    let (p) = search_sorted_lower(array_ptr=arr, elm_size=2, n_elms=4, key=21);
    serialize_word(p - arr);
    let (p, exists) = search_sorted(array_ptr=arr, elm_size=2, n_elms=4, key=7);
    serialize_word(p - arr);
    serialize_word(exists);
    let (p, exists) = search_sorted(array_ptr=arr, elm_size=2, n_elms=4, key=8);
    serialize_word(p - arr);
    serialize_word(exists);
    let (p, exists) = search_sorted_optimistic(array_ptr=arr, elm_size=2, n_elms=4, key=20);
    serialize_word(p - arr);
    serialize_word(exists);
    let (p, exists) = search_sorted_optimistic(array_ptr=arr, elm_size=2, n_elms=4, key=100);
    serialize_word(p - arr);
    serialize_word(exists);

    // A set of pairs.
    let (local set: felt*) = alloc();
    let (local elm: felt*) = alloc();
    assert elm[0] = 1;
    assert elm[1] = 2;
    let set_end_ptr = set;
    with set_end_ptr {
        set_add(set_ptr=set, elm_size=2, elm_ptr=elm);
        set_add(set_ptr=set, elm_size=2, elm_ptr=arr);
        set_add(set_ptr=set, elm_size=2, elm_ptr=elm);
        set_add(set_ptr=set, elm_size=2, elm_ptr=arr + 2);
        set_add(set_ptr=set, elm_size=2, elm_ptr=arr);
    }
    serialize_word(set_end_ptr - set);
    serialize_word(set[0]);
    serialize_word(set[3]);
    serialize_word(set[5]);
    return ();
}
