// An iterative Fibonacci loop with gas: `loop` withdraws gas in every iteration (a range check
// per iteration), so `--available_gas` reaches main; too little gas panics with 'Out of gas'.
// main(n) is term n of 1, 1, 2, 3, 5, 8, ... (from 0): main(20) = 10946.
fn main(n: felt252) -> felt252 {
    let mut a: felt252 = 1;
    let mut b: felt252 = 1;
    let mut i = n;
    loop {
        if i == 0 {
            break a;
        }
        let c = a + b;
        a = b;
        b = c;
        i -= 1;
    }
}
