// Multiplications whose destination is already set (tests/jit_safety.rs): compiled code writes
// a product straight into an unset destination cell, and compares it with a set one. Each call
// of `check` first writes its product (plus `bad`) into its local, then asserts
// `[fp] = [ap - 2] * [ap - 1]` on it: 300 calls with the right product, then one with `bad` = 1.
%builtins output

func check(a: felt, b: felt, bad: felt) -> felt {
    alloc_locals;
    local p;
    assert p = a * b + bad;
    [ap] = a, ap++;
    [ap] = b, ap++;
    [fp] = [ap - 2] * [ap - 1];
    return p;
}

func run(n: felt, acc: felt) -> felt {
    if (n == 0) {
        return acc;
    }
    let p = check(n, n + 7, 0);
    return run(n - 1, acc + p);
}

func main{output_ptr: felt*}() {
    let r = run(300, 0);
    assert [output_ptr] = r;
    let output_ptr = output_ptr + 1;
    // The wrong one: [fp] = 6, the product is 5.
    let q = check(5, 1, 1);
    assert [output_ptr] = q;
    let output_ptr = output_ptr + 1;
    return ();
}
