// Fibonacci example: computes the first fibonacci numbers and prints them, then prints fib(90).
//
//   cairo-compile fib.cairo --output fib.json
//   cairo-run --program fib.json --layout small --print_output
%builtins output

from starkware.cairo.common.serialize import serialize_word

// Returns fib(n), where fib(0) = 0 and fib(1) = 1, using a tail-recursive loop.
func fib(n) -> felt {
    return fib_step(a=0, b=1, n=n);
}

func fib_step(a, b, n) -> felt {
    if (n == 0) {
        return a;
    }
    return fib_step(a=b, b=a + b, n=n - 1);
}

// Prints fib(k) for k in [i, n).
func print_fibs{output_ptr: felt*}(i, n) {
    if (i == n) {
        return ();
    }
    let f = fib(i);
    serialize_word(f);
    return print_fibs(i + 1, n);
}

func main{output_ptr: felt*}() {
    alloc_locals;
    print_fibs(0, 10);
    let f90 = fib(90);
    assert f90 = 2880067194370816120;
    serialize_word(f90);
    return ();
}
