// Loops: a raw jnz countdown loop on ap-based frames, a label loop with tail jumps,
// and a tail-recursive loop.
func sum_to(n) -> felt {
    // Frame layout at each iteration: [ap - 2] = remaining counter, [ap - 1] = accumulator.
    [ap] = [fp - 3], ap++;
    [ap] = 0, ap++;
    loop:
    [ap] = [ap - 1] + [ap - 2], ap++;  // acc += counter
    [ap] = [ap - 3] - 1, ap++;  // counter -= 1 (computed as an add of -1)
    [ap] = [ap - 2], ap++;  // move acc up so that the frame is (counter, acc)
    jmp loop if [ap - 2] != 0;
    ret;
}

func count_down_rec(n, acc) -> felt {
    if (n == 0) {
        return acc;
    }
    return count_down_rec(n - 1, acc + n * n);
}

func product_loop(n) -> felt {
    // Uses a label and an unconditional jump back.
    tempvar i = n;
    tempvar prod = 1;
    loop_start:
    if (i == 0) {
        return prod;
    }
    tempvar i = i - 1;
    tempvar prod = prod * 3;
    jmp loop_start;
}

func main() {
    let s = sum_to(100);
    assert s = 5050;
    let sq = count_down_rec(20, 0);
    assert sq = 2870;
    let p = product_loop(30);
    assert p = 205891132094649;
    return ();
}
