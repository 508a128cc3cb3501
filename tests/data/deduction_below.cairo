// An addition whose unknown operand is below ap (tests/jit_safety.rs): compiled code deduces
// operands only at [ap + k] and [fp + k] (k >= 0), where compilers leave them; this one takes
// the slow path at every iteration, with the interpreter's result.
%builtins output

// Returns b - a, deduced into the cell `ap += 1` skipped.
func diff(a: felt, b: felt) -> felt {
    ap += 1;
    [fp - 3] = [ap - 1] + [fp - 4];  // [ap - 1] = b - a
    [ap] = [ap - 1], ap++;
    ret;
}

func sum_diffs(n: felt, acc: felt) -> felt {
    if (n == 0) {
        return acc;
    }
    let d = diff(n, 3 * n);
    return sum_diffs(n - 1, acc + d);
}

func main{output_ptr: felt*}() {
    // sum over n = 1..300 of 2n = 300 * 301.
    let r = sum_diffs(300, 0);
    assert r = 90300;
    assert [output_ptr] = r;
    let output_ptr = output_ptr + 1;
    return ();
}
