// Every operand deduction case of assert_eq:
//   op0 from dst - op1 (add), op0 from dst / op1 (mul),
//   op1 from dst - op0 (add), op1 from dst / op0 (mul), op1 = dst (res = op1),
//   dst from res; with integers and with relocatable values.
from starkware.cairo.common.registers import get_fp_and_pc

func main() {
    ap += 5;
    [fp] = 6;
    [fp + 1] = 42;
    // op0 deduced: [ap] + [fp] = 42 -> [ap] = 36.
    [fp + 1] = [ap] + [fp], ap++;
    [ap - 1] = 36;
    // op0 deduced: [ap] * [fp] = 42 -> [ap] = 7.
    [fp + 1] = [ap] * [fp], ap++;
    [ap - 1] = 7;
    // op1 deduced: [fp] + [ap] = 42 -> [ap] = 36.
    [fp + 1] = [fp] + [ap], ap++;
    [ap - 1] = 36;
    // op1 deduced: [fp] * [ap] = 42 -> [ap] = 7.
    [fp + 1] = [fp] * [ap], ap++;
    [ap - 1] = 7;
    // op1 = dst (res = op1): [ap] is unknown and becomes 42.
    [fp + 1] = [ap], ap++;
    [ap - 1] = 42;
    // op0 deduced with an immediate op1 (add and mul).
    [fp + 1] = [ap] + 40, ap++;
    [ap - 1] = 2;
    [fp + 1] = [ap] * 3, ap++;
    [ap - 1] = 14;
    // Field division through mul deduction: [ap] * 6 = 1 -> [ap] = 1/6.
    [fp + 2] = 1;
    [fp + 2] = [ap] * [fp], ap++;
    [ap - 1] = 1 / 6;
    // op0 from ap, op1 deduced as a negative number: 6 + [ap] = 2 -> -4.
    [ap] = 2, ap++;
    [ap - 1] = [fp] + [ap], ap++;
    [ap - 1] = -4;

    // Relocatable values.
    let (fp_val, _) = get_fp_and_pc();
    [fp + 4] = fp_val;
    [fp + 3] = [fp + 4] + 1;
    // op0 deduced relocatable: [ap] + 1 = fp + 1 -> [ap] = fp.
    [fp + 3] = [ap] + 1, ap++;
    [ap - 1] = [fp + 4];
    // op1 deduced integer from two relocatables: fp + [ap] = fp + 1 -> [ap] = 1.
    [fp + 3] = [ap - 1] + [ap], ap++;
    [ap - 1] = 1;
    // op1 deduced relocatable: 1 + [ap] = fp + 1 -> [ap] = fp.
    [fp + 3] = [ap - 1] + [ap], ap++;
    [ap - 1] = [fp + 4];
    // op1 = dst with a relocatable.
    [fp + 3] = [ap], ap++;
    // dst deduced from relocatable + int, then checked.
    [ap] = [ap - 1] + 5, ap++;
    [ap - 1] = [fp + 4] + 6;
    ret;
}
