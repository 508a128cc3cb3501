// Throughput benchmark: an iterative fibonacci loop of 300,000 iterations (4 instructions each,
// 1,200,000+ steps). No builtins, no hints. The result is checked against fib(300000) mod P.
const N = 300000;
const FIB_N_MOD_P = 627247681377693124015877448194678501027806113028773577523010422046547423589;

func fib_loop(n) -> felt {
    // Frame at the top of each iteration: [ap - 3] = a, [ap - 2] = b, [ap - 1] = remaining.
    [ap] = 0, ap++;
    [ap] = 1, ap++;
    [ap] = [fp - 3], ap++;
    loop:
    [ap] = [ap - 2], ap++;  // a' = b
    [ap] = [ap - 4] + [ap - 3], ap++;  // b' = a + b
    [ap] = [ap - 3] - 1, ap++;  // remaining' = remaining - 1
    jmp loop if [ap - 1] != 0;
    // Return a (= fib(n)).
    [ap] = [ap - 3], ap++;
    ret;
}

func main() {
    let r = fib_loop(N);
    assert r = FIB_N_MOD_P;
    return ();
}
