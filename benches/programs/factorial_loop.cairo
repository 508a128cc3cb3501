// Throughput benchmark: an iterative factorial loop of 400,000 iterations (3 instructions each,
// 1,200,000+ steps) with a multiplication per iteration. No builtins, no hints.
// The result is checked against 400000! mod P.
const N = 400000;
const FACT_N_MOD_P = 763913397032352914882158211181364993534259709318656646903121251935683259349;

func factorial_loop(n) -> felt {
    // Frame at the top of each iteration: [ap - 2] = acc, [ap - 1] = i (counts down to 1).
    [ap] = 1, ap++;
    [ap] = [fp - 3], ap++;
    loop:
    [ap] = [ap - 2] * [ap - 1], ap++;  // acc' = acc * i
    [ap] = [ap - 2] - 1, ap++;  // i' = i - 1
    jmp loop if [ap - 1] != 0;
    [ap] = [ap - 2], ap++;
    ret;
}

func main() {
    let r = factorial_loop(N);
    assert r = FACT_N_MOD_P;
    return ();
}
