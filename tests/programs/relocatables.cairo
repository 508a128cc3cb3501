// Relocatable values: pointer arithmetic, pointer differences, pointer comparison,
// pointers to pointers, a jnz on a pointer (always taken) and pointers stored in memory.
from starkware.cairo.common.registers import get_fp_and_pc, get_ap

struct Pair {
    a: felt,
    b: felt,
}

func advance(p: felt*, n) -> felt* {
    return p + n;
}

func distance(p: felt*, q: felt*) -> felt {
    return q - p;
}

func same(p: felt*, q: felt*) -> felt {
    if (p == q) {
        return 1;
    }
    return 0;
}

func main() {
    alloc_locals;
    local x0 = 10;
    local x1 = 20;
    local x2 = 30;
    local x3 = 40;
    let (__fp__, _) = get_fp_and_pc();
    let base: felt* = &x0;
    // Pointer arithmetic.
    let p2 = advance(base, 2);
    assert [p2] = 30;
    assert p2[1] = 40;
    assert p2 = base + 2;
    // Pointer difference.
    let d = distance(base, p2 + 1);
    assert d = 3;
    let neg = distance(p2 + 1, base);
    assert neg = -3;
    // Comparisons.
    let s1 = same(base + 2, p2);
    assert s1 = 1;
    let s2 = same(base, p2);
    assert s2 = 0;
    // jnz on a relocatable value is always taken.
    tempvar ptr_cell: felt* = base;
    jmp nonzero if ptr_cell != 0;
    assert 1 = 0;
    nonzero:
    // A pointer to a pointer.
    local q: felt* = base + 1;
    tempvar qq: felt** = &q;
    assert [[qq]] = 20;
    // Struct pointer arithmetic.
    let pairs = cast(base, Pair*);
    assert pairs[1].a = 30;
    assert pairs[1].b = 40;
    tempvar diff = cast(&pairs[1], felt) - cast(pairs, felt);
    assert diff = Pair.SIZE;
    // The ap register as a value.
    let (ap_val) = get_ap();
    tempvar after = ap_val + 5;
    assert after - ap_val = 5;
    return ();
}
