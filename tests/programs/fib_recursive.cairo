// Naive recursive fibonacci: deep call/ret recursion with two recursive calls per frame.
func fib(n) -> felt {
    alloc_locals;
    if (n == 0) {
        return 0;
    }
    if (n == 1) {
        return 1;
    }
    let (local a) = fib_wrapped(n - 1);
    let b = fib(n - 2);
    return a + b;
}

// Returns the result as a tuple, so that it can be bound to a local with `let (local a) = ...`.
func fib_wrapped(n) -> (res: felt) {
    let r = fib(n);
    return (res=r);
}

func main() {
    let r = fib(12);
    assert r = 144;
    return ();
}
