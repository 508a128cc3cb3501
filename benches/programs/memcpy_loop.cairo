// Throughput benchmark: memcpy-heavy code. Copies a 1,000-word array 240 times with the common
// library's memcpy (hints at every iteration's loop head), about 1.2M steps in all.
from starkware.cairo.common.alloc import alloc
from starkware.cairo.common.memcpy import memcpy

const LEN = 1000;
const ROUNDS = 240;

func fill(p: felt*, i: felt) {
    if (i == LEN) {
        return ();
    }
    assert p[i] = i * i + 7;
    return fill(p, i + 1);
}

func copy_rounds(src: felt*, n: felt) -> felt {
    alloc_locals;
    if (n == 0) {
        return src[LEN - 1];
    }
    let (local dst: felt*) = alloc();
    memcpy(dst, src, LEN);
    return copy_rounds(dst, n - 1);
}

func main() {
    alloc_locals;
    let (local src: felt*) = alloc();
    fill(src, 0);
    let last = copy_rounds(src, ROUNDS);
    assert last = (LEN - 1) * (LEN - 1) + 7;
    return ();
}
