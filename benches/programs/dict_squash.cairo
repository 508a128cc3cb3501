// Throughput benchmark: dictionaries. 20,000 dict_read + dict_write pairs on a default_dict
// (hints at every access; keys k -> 7k + 3 mod 1000 from 1, a 20-key cycle), then
// default_dict_finalize (squash_dict's hints and range checks), about 1.4M steps (layout
// small). A checksum is asserted.
%builtins output range_check

from starkware.cairo.common.default_dict import default_dict_finalize, default_dict_new
from starkware.cairo.common.dict import dict_read, dict_write
from starkware.cairo.common.dict_access import DictAccess
from starkware.cairo.common.math import unsigned_div_rem
from starkware.cairo.common.serialize import serialize_word

const KEYS = 1000;
const N = 20000;

func accesses{range_check_ptr, dict_ptr: DictAccess*}(k: felt, i: felt, acc: felt) -> felt {
    alloc_locals;
    if (i == N) {
        return acc;
    }
    let (v) = dict_read(k);
    dict_write(k, v + i);
    // The next key: k * 7 + 3 mod KEYS.
    let (_, next_k) = unsigned_div_rem(k * 7 + 3, KEYS);
    return accesses(next_k, i + 1, acc + v);
}

func main{output_ptr: felt*, range_check_ptr}() {
    alloc_locals;
    let (local start: DictAccess*) = default_dict_new(default_value=0);
    let dict_ptr = start;
    with dict_ptr {
        let acc = accesses(1, 0, 0);
    }
    let (squashed_start, squashed_end) = default_dict_finalize(start, dict_ptr, 0);
    let n_keys = (squashed_end - squashed_start) / DictAccess.SIZE;
    assert acc = 0xf7f630428;
    serialize_word(acc);
    serialize_word(n_keys);
    return ();
}
