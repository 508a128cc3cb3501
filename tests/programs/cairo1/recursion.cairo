// Recursion: plain recursion on u128 (Fibonacci), mutual recursion (even / odd), recursion
// over a span (maximum), Ackermann on small arguments and a recursive merge sort on arrays.
fn fib(n: u128) -> u128 {
    if n < 2 {
        n
    } else {
        fib(n - 1) + fib(n - 2)
    }
}

fn is_even(n: u32) -> bool {
    if n == 0 {
        true
    } else {
        is_odd(n - 1)
    }
}

fn is_odd(n: u32) -> bool {
    if n == 0 {
        false
    } else {
        is_even(n - 1)
    }
}

fn max_of(mut s: Span<u32>, best: u32) -> u32 {
    match s.pop_front() {
        Option::Some(v) => max_of(s, if *v > best { *v } else { best }),
        Option::None => best,
    }
}

fn ackermann(m: u64, n: u64) -> u64 {
    if m == 0 {
        n + 1
    } else if n == 0 {
        ackermann(m - 1, 1)
    } else {
        ackermann(m - 1, ackermann(m, n - 1))
    }
}

fn merge(a: Span<u32>, b: Span<u32>) -> Array<u32> {
    let mut out = ArrayTrait::new();
    let (mut i, mut j) = (0, 0);
    while i < a.len() || j < b.len() {
        if j == b.len() || (i < a.len() && *a[i] <= *b[j]) {
            out.append(*a[i]);
            i += 1;
        } else {
            out.append(*b[j]);
            j += 1;
        }
    }
    out
}

fn sort(s: Span<u32>) -> Array<u32> {
    if s.len() <= 1 {
        let mut out = ArrayTrait::new();
        out.append_span(s);
        return out;
    }
    let half = s.len() / 2;
    let left = sort(s.slice(0, half));
    let right = sort(s.slice(half, s.len() - half));
    merge(left.span(), right.span())
}

fn main(n: felt252) -> Array<felt252> {
    let n: u32 = n.try_into().unwrap();
    let mut out = ArrayTrait::new();
    out.append(fib(n.into()).into());
    out.append(is_even(n).into());
    out.append(is_odd(n * 3).into());
    let values = array![17_u32, 3, 99, 42, 8, 99, 1, 64, 23];
    out.append(max_of(values.span(), 0).into());
    out.append(ackermann(2, n.into()).into());
    let sorted = sort(values.span());
    let mut i = 0;
    while i < sorted.len() {
        out.append((*sorted[i]).into());
        i += 1;
    }
    out
}
