// patricia.cairo and merkle_update.cairo hints, with the environment's data (`preimage`,
// `auth_path`) given by two custom hints that read `program_input` (hint_patricia.input,
// made by hint_patricia_input.py): a height-8 Patricia update of 11 leaves (edges, binary nodes,
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
    access(updates + 0, 2, 0, 20);
    access(updates + 3, 4, 40, 41);
    access(updates + 6, 5, 0, 50);
    access(updates + 9, 16, 0, 3);
    access(updates + 12, 18, 0, 4);
    access(updates + 15, 100, 7, 0);
    access(updates + 18, 120, 0, 12);
    access(updates + 21, 128, 0, 5);
    access(updates + 24, 130, 0, 6);
    access(updates + 27, 202, 13, 0);
    access(updates + 30, 255, 0, 1);
    patricia_update{hash_ptr=pedersen_ptr}(
        update_ptr=updates,
        n_updates=11,
        height=8,
        prev_root=0x493ce102450e299318823aab34d50dc594ef4691bfaadcab6d2bbf36739d44b,
        new_root=0x6b23d2c88072bddcfdeb034fde4a92bfb0df535bc54cd2c359d1536b1cdf880,
    );

    %{ auth_path = [int(x) for x in program_input['auth_path']] %}
    let (prev_root, new_root) = merkle_update{hash_ptr=pedersen_ptr}(
        height=3, prev_leaf=55, new_leaf=56, index=5
    );
    serialize_word(prev_root);
    serialize_word(new_root);
    return ();
}
