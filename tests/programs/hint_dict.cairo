// dict.cairo and default_dict.cairo hints: default_dict_new, dict_write, dict_read,
// dict_update, default_dict_finalize (dict_squash: scope copy, dict_new, squash_dict, tracker
// update), reads of the squashed dict, and a second dict in the same manager.
%builtins output range_check

from starkware.cairo.common.default_dict import default_dict_new, default_dict_finalize
from starkware.cairo.common.dict import dict_read, dict_write, dict_update, dict_squash
from starkware.cairo.common.dict_access import DictAccess
from starkware.cairo.common.serialize import serialize_word

func print_dict{output_ptr: felt*}(start: DictAccess*, end: DictAccess*) {
    if (start == end) {
        return ();
    }
    serialize_word(start.key);
    serialize_word(start.prev_value);
    serialize_word(start.new_value);
    return print_dict(start + DictAccess.SIZE, end);
}

func main{output_ptr: felt*, range_check_ptr}() {
    alloc_locals;
    let (local start) = default_dict_new(default_value=17);
    let dict_ptr = start;
    with dict_ptr {
        dict_write(key=5, new_value=50);
        dict_write(key=2 ** 130, new_value=1);
        let (v) = dict_read(key=5);
        serialize_word(v);
        let (v) = dict_read(key=8);
        serialize_word(v);
        dict_update(key=5, prev_value=50, new_value=51);
        dict_write(key=3, new_value=30);
        dict_update(key=8, prev_value=17, new_value=0);
        let (v) = dict_read(key=3);
        serialize_word(v);
    }
    let (squashed_start, squashed_end) = default_dict_finalize(start, dict_ptr, 17);
    print_dict(squashed_start, squashed_end);

    // The squashed dict is a dict too: read from its end.
    let dict_ptr = squashed_end;
    with dict_ptr {
        let (v) = dict_read(key=5);
        serialize_word(v);
        dict_write(key=5, new_value=52);
    }
    let (s2_start, s2_end) = dict_squash(squashed_end, dict_ptr);
    print_dict(s2_start, s2_end);

    let (local other) = default_dict_new(default_value=0);
    let dict_ptr = other;
    with dict_ptr {
        let (v) = dict_read(key=1);
        serialize_word(v);
    }
    return ();
}
