// A loop whose body writes 300 cells ahead of ap (tests/jit_safety.rs): compiled code checks
// a run's cells once, at its head, so as ap nears the end of the execution segment's allocated
// cells the check fails there, the interpreter makes the write past them (growing the segment)
// and compiled code goes on.
%builtins output

// Writes 7 at every other cell from ap + 1 for 2 * n + 300 cells (past the 2^17 the execution
// segment starts with); returns 2 * n.
func fill(n: felt) -> felt {
    [ap] = n, ap++;
    loop:
    [ap + 300] = 7;  // The cell the iteration 150 later writes next, with the same value.
    [ap] = 7, ap++;
    [ap] = [ap - 2] + (-1), ap++;
    jmp loop if [ap - 1] != 0;
    // Past the cells written ahead.
    ap += 300;
    [ap] = n * 2, ap++;
    ret;
}

func main{output_ptr: felt*}() {
    let r = fill(100000);
    assert r = 200000;
    assert [output_ptr] = r;
    let output_ptr = output_ptr + 1;
    return ();
}
