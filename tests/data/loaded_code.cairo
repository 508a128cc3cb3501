// A bootloader in miniature: copies functions' code into a segment of its own and calls it
// there. `sum_to` (recursive, hot) is copied whole; `pick` is copied in two stages: first
// without the code of its `x != 0` branch (those cells stay unset while `pick(0)` runs), then
// the rest, after which `pick(1)` runs the newly written code.
%builtins output

// Cells of `pick`'s `x != 0` branch, at its end (see the disassembly).
const PICK_TAIL = 3;
from starkware.cairo.common.alloc import alloc
from starkware.cairo.common.memcpy import memcpy
from starkware.cairo.common.registers import get_label_location
from starkware.cairo.common.serialize import serialize_word

func sum_to(n: felt, acc: felt) -> felt {
    if (n == 0) {
        return acc;
    }
    return sum_to(n - 1, acc + n);
}

func pick(x: felt) -> felt {
    if (x == 0) {
        return 7;
    }
    return x + 100;
}

func code_end() {
    ret;
}

// Calls the code at `f` with arguments (a, b).
func call2(f: felt*, a: felt, b: felt) -> felt {
    [ap] = a, ap++;
    [ap] = b, ap++;
    call abs [fp - 5];
    ret;
}

// Calls the code at `f` with argument a.
func call1(f: felt*, a: felt) -> felt {
    [ap] = a, ap++;
    call abs [fp - 4];
    ret;
}

func repeat_pick(f: felt*, x: felt, times: felt, acc: felt) -> felt {
    if (times == 0) {
        return acc;
    }
    let r = call1(f, x);
    return repeat_pick(f, x, times - 1, acc + r);
}

func main{output_ptr: felt*}() {
    alloc_locals;
    let (sum_start) = get_label_location(sum_to);
    let (pick_start) = get_label_location(pick);
    let (end) = get_label_location(code_end);
    let (code: felt*) = alloc();
    // sum_to, whole.
    memcpy(code, sum_start, pick_start - sum_start);
    let s = call2(code, 200, 0);
    serialize_word(s);
    // pick without its last PICK_TAIL cells (the `x != 0` branch).
    let pick_code = code + (pick_start - sum_start);
    let pick_len = end - pick_start;
    memcpy(pick_code, pick_start, pick_len - PICK_TAIL);
    let a = repeat_pick(pick_code, 0, 50, 0);
    serialize_word(a);
    memcpy(pick_code + pick_len - PICK_TAIL, pick_start + pick_len - PICK_TAIL, PICK_TAIL);
    let b = repeat_pick(pick_code, 1, 50, 0);
    serialize_word(b);
    return ();
}
