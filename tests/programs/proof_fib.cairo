// Proof mode in the plain layout: a loop, no builtins; padded to the next power of two.
func fib(a, b, n) -> felt {
    if (n == 0) {
        return a;
    }
    return fib(b, a + b, n - 1);
}

func main() {
    let x = fib(0, 1, 30);
    assert x = 832040;
    return ();
}
