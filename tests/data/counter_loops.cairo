// memcpy's and memset's loops (the library's), long enough for step limits inside them: their
// loop hint is a counter step, which compiled code runs itself (tests/jit_safety.rs).
%builtins output

from starkware.cairo.common.alloc import alloc
from starkware.cairo.common.memcpy import memcpy
from starkware.cairo.common.memset import memset
from starkware.cairo.common.serialize import serialize_word

func main{output_ptr: felt*}() {
    alloc_locals;
    let (local src: felt*) = alloc();
    memset(src, 7, 200);
    let (local dst: felt*) = alloc();
    memcpy(dst, src, 200);
    serialize_word(dst[199] + dst[0]);
    return ();
}
