// patricia.cairo and merkle_update.cairo hints, with the environment's data (`preimage`,
// `auth_path`) given by two custom hints that read `program_input` (hint_patricia.input,
// made by hint_patricia_input.py): a height-8 Patricia update of 5 leaves (edges, binary nodes,
// descents, new and emptied leaves) and a height-3 Merkle update. cairo-run runs the custom
// hints as Python; tests/hints.rs registers Rust equivalents.
%builtins output pedersen range_check

from starkware.cairo.common.alloc import alloc
from starkware.cairo.common.cairo_builtins import HashBuiltin
from starkware.cairo.common.dict_access import DictAccess
from starkware.cairo.common.merkle_update import merkle_update
from starkware.cairo.common.patricia import patricia_update
from starkware.cairo.common.serialize import serialize_word

func access(a: DictAccess*, key, prev, next) {
    assert a.key = key;
    assert a.prev_value = prev;
    assert a.new_value = next;
    return ();
}

func main{output_ptr: felt*, pedersen_ptr: HashBuiltin*, range_check_ptr}() {
    alloc_locals;
    %{ preimage = {int(k): tuple(int(x) for x in v) for k, v in program_input['preimage'].items()} %}
    let (local updates: DictAccess*) = alloc();
    access(updates, 4, 40, 41);
    access(updates + 3, 5, 0, 50);
    access(updates + 6, 100, 7, 0);
    access(updates + 9, 201, 11, 12);
    access(updates + 12, 255, 0, 1);
    patricia_update{hash_ptr=pedersen_ptr}(
        update_ptr=updates,
        n_updates=5,
        height=8,
        prev_root=0x265c2e7b8a1139d35270c978af6fd6d81f409ac51bc9f241a6dfd0f8e8f9c02,
        new_root=0x1a86bc53f55a3c60e0ea7922a6928d9484f7effb389b6cc8cc096c98e6bb1d5,
    );

    %{ auth_path = [int(x) for x in program_input['auth_path']] %}
    let (prev_root, new_root) = merkle_update{hash_ptr=pedersen_ptr}(
        height=3, prev_leaf=55, new_leaf=56, index=5
    );
    serialize_word(prev_root);
    serialize_word(new_root);
    return ();
}
