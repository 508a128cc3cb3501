// memset hints (vm_enter_scope, the loop hint and vm_exit_scope), including n = 0.
from starkware.cairo.common.alloc import alloc
from starkware.cairo.common.memset import memset

func main() {
    alloc_locals;
    let (local dst: felt*) = alloc();
    memset(dst, 42, 5);
    assert dst[0] = 42;
    assert dst[4] = 42;
    memset(dst + 5, -3, 1);
    assert dst[5] = -3;
    memset(dst + 6, 0, 0);
    // Filling with a pointer value.
    let (local ptrs: felt*) = alloc();
    memset(ptrs, cast(dst, felt), 3);
    assert [cast(ptrs[2], felt*)] = 42;
    return ();
}
