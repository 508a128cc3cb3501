// Proof mode with --steps (exactly that many steps, no padding) in the small layout.
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
