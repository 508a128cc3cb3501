// A program run with an explicit entrypoint (`--entrypoint fib_main`) instead of main.
// main itself fails on purpose, so running it through main would not succeed.
func fib(a, b, n) -> felt {
    if (n == 0) {
        return a;
    }
    return fib(b, a + b, n - 1);
}

func fib_main() {
    let r = fib(0, 1, 30);
    assert r = 832040;
    return ();
}

func main() {
    assert 1 = 2;
    return ();
}
