// memcpy hints (vm_enter_scope, the loop hint and vm_exit_scope), including len = 0.
from starkware.cairo.common.alloc import alloc
from starkware.cairo.common.memcpy import memcpy

func main() {
    alloc_locals;
    let (local src: felt*) = alloc();
    assert src[0] = 5;
    assert src[1] = 6;
    assert src[2] = 7;
    assert src[3] = -1;
    let (local dst: felt*) = alloc();
    memcpy(dst, src, 4);
    assert dst[3] = -1;
    assert dst[0] = 5;
    // A copy of length 1 and one of length 0.
    let (local dst2: felt*) = alloc();
    memcpy(dst2, src + 2, 1);
    assert dst2[0] = 7;
    memcpy(dst2 + 1, src, 0);
    // Copying pointers.
    let (local ptrs: felt**) = alloc();
    assert ptrs[0] = src;
    assert ptrs[1] = dst;
    let (local ptrs2: felt**) = alloc();
    memcpy(cast(ptrs2, felt*), cast(ptrs, felt*), 2);
    assert ptrs2[1][2] = 7;
    return ();
}
