// alloc_locals with locals, tempvars, `let` references (including expressions and rebinding),
// constants, implicit arguments, and return tuples.
const OFFSET = 1000;

func sum_and_product(a, b) -> (sum: felt, product: felt) {
    return (sum=a + b, product=a * b);
}

func counter{count}(x) -> felt {
    let count = count + 1;
    return x * 2;
}

func main() {
    alloc_locals;
    local a = 3;
    local b;
    b = a * 4;
    tempvar c = a + b;
    let d = c * 2 + OFFSET;  // A reference to an expression, not a memory cell.
    local e = d;
    assert e = 1030;
    let (s, p) = sum_and_product(a, b);
    local saved_s = s;
    assert p = 36;
    tempvar t = saved_s;
    tempvar t = t + 1;  // Rebinding a tempvar name.
    assert t = 16;
    let count = 0;
    with count {
        let x1 = counter(5);
        let x2 = counter(x1);
    }
    assert count = 2;
    assert x2 = 20;
    local f: felt;
    assert f = a + e;
    assert f = 1033;
    return ();
}
