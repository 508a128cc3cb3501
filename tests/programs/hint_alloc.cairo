// The alloc hint (`memory[ap] = segments.add()`): several segments, written and read back.
from starkware.cairo.common.alloc import alloc

func main() {
    alloc_locals;
    let (local a: felt*) = alloc();
    let (local b: felt**) = alloc();
    let (local c: felt*) = alloc();
    assert a[0] = 1;
    assert a[1] = 2;
    assert b[0] = a;
    assert c[5] = 7;  // Leaves a gap in segment c.
    tempvar d = (c + 5) - c;
    assert d = 5;
    // Pointers into different segments are never equal.
    let (local e: felt**) = alloc();
    assert [b[0]] = 1;
    assert e[0] = c + 5;
    assert [e[0]] = 7;
    return ();
}
