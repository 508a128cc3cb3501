// Every assert_eq form: res = op1 / op0 + op1 / op0 * op1, operands taken from ap and fp,
// op1 from an immediate, from fp, from ap and from op0 (double dereference), and instructions
// that write dst versus instructions that only check an already known dst.
from starkware.cairo.common.registers import get_fp_and_pc

// Reads p[2] through a double dereference: op0 = [fp - 3] (the argument p), op1 = [op0 + 2].
func read_third(p: felt*) -> felt {
    [ap] = [[fp - 3] + 2], ap++;
    // The same cell read again: now it checks an already written dst.
    [ap - 1] = [[fp - 3] + 2];
    ret;
}

// Double dereference where op0 comes from ap.
func sum_first_two(p: felt*) -> felt {
    [ap] = [fp - 3], ap++;
    [ap] = [[ap - 1]], ap++;
    [ap] = [[ap - 2] + 1], ap++;
    [ap] = [ap - 2] + [ap - 1], ap++;
    ret;
}

func main() {
    // Reserve 6 locals at [fp + 0] .. [fp + 5].
    ap += 6;
    // res = op1, op1 immediate, dst from fp (write).
    [fp] = 7;
    // res = op1, op1 from fp, dst from fp (write).
    [fp + 1] = [fp];
    // res = op1, op1 from ap, dst from ap (write).
    [ap] = 11, ap++;
    [ap] = [ap - 1], ap++;
    // res = op0 + op1: op0 fp, op1 fp.
    [fp + 2] = [fp] + [fp + 1];
    // res = op0 + op1: op0 ap, op1 imm.
    [ap] = [ap - 1] + 100, ap++;
    // res = op0 + op1: op0 fp, op1 ap.
    [ap] = [fp + 2] + [ap - 1], ap++;
    // res = op0 * op1: op0 ap, op1 ap.
    [fp + 3] = [ap - 1] * [ap - 2];
    // res = op0 * op1: op0 fp, op1 imm.
    [ap] = [fp] * 3, ap++;
    // res = op0 * op1 with dst in ap, op0 fp, op1 fp.
    [ap] = [fp + 1] * [fp + 2], ap++;
    // Checks only (all cells known).
    [fp + 2] = 14;
    [fp + 3] = 13875;
    [ap - 1] = [fp + 1] * [fp + 2];
    [ap - 2] = [fp] + 14;
    [fp] = [fp + 1];
    [fp + 2] = [fp] + [fp + 1];
    [fp + 2] = [fp] * 2;

    // A small array on the stack, addressed through fp.
    let (__fp__, _) = get_fp_and_pc();
    [fp + 4] = 1000;
    [fp + 5] = 2000;
    let arr: felt* = &[fp + 3];
    let v = read_third(arr);
    assert v = 2000;
    let s = sum_first_two(arr + 1);
    assert s = 3000;
    ret;
}
