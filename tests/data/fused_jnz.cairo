// A `jnz` on the cell the instruction before it wrote, which compiled code runs as one step
// after the other with the written value (tests/jit_safety.rs): a countdown loop, and the
// same loop whose `jnz` is written out with op0 `[ap + 5]` (cairo-lang reads op0 of every
// instruction, though a `jnz` does not use it), a cell never written: an error.
func count(n) -> felt {
    [ap] = [fp - 3], ap++;
    loop:
    [ap] = [ap - 1] - 1, ap++;
    jmp loop if [ap - 1] != 0;
    [ap] = [fp - 3] * 2, ap++;
    ret;
}

func unset_op0() {
    [ap] = 3, ap++;
    loop:
    [ap] = [ap - 1] - 1, ap++;
    // jmp loop if [ap - 1] != 0, with op0 [ap + 5]: off0 -1, off1 +5, off2 +1 (the immediate),
    // flags op1_imm | pc_jnz.
    dw 0x0204800180057fff;
    dw -2;
    ret;
}

func main() {
    let x = count(50);
    assert x = 100;
    unset_op0();
    return ();
}
