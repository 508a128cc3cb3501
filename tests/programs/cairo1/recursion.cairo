// Recursion with arguments: fib(n) and the sum of an array argument (`--args "N [..]"`).
fn fib(n: u32) -> felt252 {
    if n < 2 {
        n.into()
    } else {
        fib(n - 1) + fib(n - 2)
    }
}

fn ackermann(m: u32, n: u32) -> u32 {
    if m == 0 {
        n + 1
    } else if n == 0 {
        ackermann(m - 1, 1)
    } else {
        ackermann(m - 1, ackermann(m, n - 1))
    }
}

fn main(n: u32, values: Array<felt252>) -> (felt252, u32, felt252) {
    let mut s = 0;
    for v in values {
        s += v;
    }
    (fib(n), ackermann(2, 3), s)
}
