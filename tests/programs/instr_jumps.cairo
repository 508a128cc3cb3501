// Control flow instructions: jmp abs (register), jmp rel (immediate and register forms),
// jnz taken and not taken (immediate and register offset), call rel, call abs, ret, ap += imm,
// ap += register, ap++.
from starkware.cairo.common.registers import get_label_location

func add_one(x) -> felt {
    [ap] = [fp - 3] + 1, ap++;
    ret;
}

func double(x) -> felt {
    [ap] = [fp - 3] * 2, ap++;
    ret;
}

func main() {
    // ap += imm, then ap++ on a plain assert.
    ap += 4;
    [fp] = 10;
    [fp + 1] = 0;
    [fp + 2] = 3;
    [ap] = 1, ap++;

    // jmp rel with an immediate offset: skips the 2-word instruction after it.
    jmp rel 4;
    [ap] = 999, ap++;
    [ap] = 2, ap++;

    // jmp rel with a register offset: [ap - 1] = 3 skips the 2-word instruction after it
    // (the register form of jmp is a single word).
    [ap] = 3, ap++;
    jmp rel [ap - 1];
    [ap] = 999, ap++;
    [ap] = 3, ap++;

    // jmp rel with a register offset taken together with ap++.
    [ap] = 3, ap++;
    jmp rel [ap - 1], ap++;
    [ap] = 999, ap++;
    [ap] = 5, ap++;

    // jnz taken with an immediate offset ([fp] = 10 != 0).
    jmp rel 4 if [fp] != 0;
    [ap] = 999, ap++;
    // jnz not taken with an immediate offset ([fp + 1] = 0).
    jmp rel 4 if [fp + 1] != 0;
    [ap] = 6, ap++;
    // jnz taken with a register offset ([fp + 2] = 3 != 0, offset [ap - 1] = 3).
    [ap] = 3, ap++;
    jmp rel [ap - 1] if [fp + 2] != 0;
    [ap] = 999, ap++;
    // jnz not taken with a register offset.
    jmp rel [ap - 1] if [fp + 1] != 0;
    [ap] = 7, ap++;
    // jnz to a label, with ap++.
    jmp skip if [fp] != 0, ap++;
    [ap] = 999, ap++;
    skip:
    [ap] = 8, ap++;

    // jmp abs to a computed absolute address.
    let (target) = get_label_location(abs_target);
    jmp abs target;
    [ap] = 999, ap++;
    abs_target:
    [ap] = 9, ap++;

    // jmp abs with a register operand: [ap - 1] holds the target.
    let (target2) = get_label_location(abs_target2);
    [ap] = target2, ap++;
    jmp abs [ap - 1];
    [ap] = 999, ap++;
    abs_target2:

    // call rel through a label and with a register offset.
    [ap] = 20, ap++;
    call add_one;
    [ap - 1] = 21;
    // call rel with a register offset: [fp + 3] = add_one - call_site.
    let (f2) = get_label_location(add_one);
    let (here) = get_label_location(call_site);
    tempvar offset = f2 - here;
    [fp + 3] = offset;
    [ap] = 5, ap++;
    call_site:
    call rel [fp + 3];
    [ap - 1] = 6;
    // call abs through a register holding the function address.
    let (f) = get_label_location(double);
    [ap] = 21, ap++;
    [ap] = f, ap++;
    [ap] = [ap - 2], ap++;
    call abs [ap - 2];
    [ap - 1] = 42;
    // call abs with the address in an fp-based cell.
    let (g) = get_label_location(add_one);
    [fp] = [fp] + 0;
    [ap] = g, ap++;
    [ap] = 41, ap++;
    call abs [ap - 2];
    [ap - 1] = 42;

    // ap += with a register operand.
    ap += [fp + 2];
    ret;
}
