// Instruction forms the JIT lowers besides the plain ones (tests/jit_safety.rs): deductions
// through multiplication and with an immediate, `ap += [reg + off]`, `jmp abs`, `jmp rel` and
// `jnz` through a register, `call abs`.
%builtins output

from starkware.cairo.common.registers import get_label_location

// Returns x + 1 (x nonzero), by deductions; its frame is [fp, fp + 6), the result at fp + 5.
func body(x: felt) -> felt {
    [ap] = [fp - 3] * 7, ap++;  // [fp] = 7x
    [fp] = [ap] * 7, ap++;  // [fp + 1] = x (deduced through an immediate multiplication)
    [fp + 1] = [ap] + 5, ap++;  // [fp + 2] = x - 5 (deduced through an immediate addition)
    [fp] = [ap] * [fp - 3], ap++;  // [fp + 3] = 7 (deduced through a multiplication)
    [fp + 3] = [fp - 3] * [ap], ap++;  // [fp + 4] = 7 / x (op1 deduced)
    [ap] = [fp - 3] + 1, ap++;
    ret;
}

func run(f: felt*, n: felt, acc: felt) -> felt {
    jmp body_of_run if [fp - 4] != 0;
    [ap] = [fp - 3], ap++;
    ret;

    body_of_run:
    [ap] = 2, ap++;  // [fp] = 2
    [ap] = 1, ap++;  // [fp + 1] = 1
    [ap] = [fp - 3], ap++;
    call abs [fp - 5];  // body(acc): at [fp + 10] (body's frame starts at fp + 5)
    ap += [fp];  // ap += 2
    jmp rel [fp + 1];  // to the next instruction
    jmp rel [fp + 1] if [fp] != 0;  // taken: the next instruction
    [ap] = 0, ap++;
    jmp rel [fp] if [ap - 1] != 0;  // not taken
    let (target) = get_label_location(tail);
    jmp abs [ap - 1];
    [ap] = 0, ap++;  // skipped

    tail:
    [ap] = [fp - 5], ap++;
    [ap] = [fp - 4] - 1, ap++;
    [ap] = [fp + 10], ap++;
    call run;
    ret;
}

func main{output_ptr: felt*}() {
    let (f) = get_label_location(body);
    let r = run(f, 300, 1);
    assert [output_ptr] = r;
    let output_ptr = output_ptr + 1;
    return ();
}
