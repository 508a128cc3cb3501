// small_merkle_tree.cairo and merkle_multi_update.cairo hints: a default dict updated and
// squashed, its Merkle roots before and after (Pedersen trees of height 3 and 10 computed by the
// hint, `preimage` in the scope), verified by merkle_multi_update (build_update_tree,
// decode_node, both / left / right / leaf cases, scopes per child).
%builtins output pedersen range_check

from starkware.cairo.common.cairo_builtins import HashBuiltin
from starkware.cairo.common.default_dict import default_dict_new
from starkware.cairo.common.dict import dict_squash, dict_write
from starkware.cairo.common.dict_access import DictAccess
from starkware.cairo.common.serialize import serialize_word
from starkware.cairo.common.small_merkle_tree import small_merkle_tree_update

func update{output_ptr: felt*, hash_ptr: HashBuiltin*, range_check_ptr}(
    keys: felt*, n: felt, height: felt
) {
    alloc_locals;
    let (local start) = default_dict_new(default_value=0);
    let dict_ptr = start;
    write_all{dict_ptr=dict_ptr}(keys, n);
    let (squashed_start, squashed_end) = dict_squash(start, dict_ptr);
    let (prev_root, new_root) = small_merkle_tree_update(squashed_start, squashed_end, height);
    serialize_word(prev_root);
    serialize_word(new_root);
    return ();
}

func write_all{dict_ptr: DictAccess*}(keys: felt*, n: felt) {
    if (n == 0) {
        return ();
    }
    dict_write(key=keys[0], new_value=keys[0] * 1000 + n);
    return write_all(keys + 1, n - 1);
}

func main{output_ptr: felt*, pedersen_ptr: HashBuiltin*, range_check_ptr}() {
    alloc_locals;
    local keys: (felt, felt, felt, felt, felt) = (0, 5, 2, 7, 3);
    let (__fp__, _) = get_fp_and_pc();
    update{hash_ptr=pedersen_ptr}(&keys, 5, 3);
    update{hash_ptr=pedersen_ptr}(&keys + 1, 1, 3);
    update{hash_ptr=pedersen_ptr}(&keys, 3, 10);
    return ();
}

from starkware.cairo.common.registers import get_fp_and_pc
