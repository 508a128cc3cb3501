// Cairo 1 benchmark: n rounds of mixed work, about 1.5M steps for n = 700. Each round runs a
// Collatz walk on u64 (division with remainder, range checks), folds it into a u256
// accumulator (u256 multiplication and addition), records the walk's length in a
// Felt252Dict and in an array; the end sums the array through a span and reads the
// dictionary back. Returns the accumulator's low limb, the array sum and the longest walk.
//   cairo-jit bench benches/programs/cairo1/mixed_loop.sierra.json --args 700
fn collatz_len(start: u64) -> u64 {
    let mut x = start;
    let mut len = 0;
    while x != 1 {
        let (half, odd) = DivRem::div_rem(x, 2_u64.try_into().unwrap());
        x = if odd == 0 { half } else { 3 * x + 1 };
        len += 1;
    }
    len
}

fn main(n: felt252) -> Array<felt252> {
    let n: u64 = n.try_into().unwrap();
    let mut lengths: Felt252Dict<u64> = Default::default();
    let mut walks = ArrayTrait::new();
    let mut acc: u256 = 1;
    let mut longest: u64 = 0;
    let mut i: u64 = 1;
    while i <= n {
        let len = collatz_len(i);
        lengths.insert(i.into(), len);
        walks.append(len);
        let step: u256 = (len + i).into();
        acc = (acc * 31 + step) % 0x1000000000000000000000000000000000000000000000000000000000000;
        if len > longest {
            longest = len;
        }
        i += 1;
    }
    let mut total: u64 = 0;
    let mut s = walks.span();
    while let Option::Some(v) = s.pop_front() {
        total += *v;
    }
    let mut check: u64 = 0;
    let mut k: u64 = 1;
    while k <= n {
        check += lengths.get(k.into());
        k += 1;
    }
    assert(check == total, 'dict and array disagree');
    array![acc.low.into(), total.into(), longest.into()]
}
