// Integer and field arithmetic: felt252, unsigned widths with wrapping / checked /
// overflowing variants, division with remainder, signed integers, bitwise operations and
// comparisons. Every result is appended to the returned array.
use core::num::traits::{CheckedSub, OverflowingAdd, WrappingMul};

fn main(a: felt252, b: felt252) -> Array<felt252> {
    let mut out = ArrayTrait::new();

    // felt252: sum, product, difference (wraps modulo P) and field division.
    out.append(a + b);
    out.append(a * b);
    out.append(b - a);
    out.append(core::felt252_div(a, b.try_into().unwrap()));

    // u64: product, quotient and remainder, bitwise and, or, xor.
    let x: u64 = a.try_into().unwrap();
    let y: u64 = b.try_into().unwrap();
    out.append((x * y + 3).into());
    let (q, r) = DivRem::div_rem(x, y.try_into().unwrap());
    out.append(q.into());
    out.append(r.into());
    out.append((x & y).into());
    out.append((x | y).into());
    out.append((x ^ y).into());

    // u8: wrapping and overflowing addition, checked subtraction.
    let small: u8 = (x % 256).try_into().unwrap();
    out.append(small.wrapping_mul(7).into());
    let (sum, overflowed) = small.overflowing_add(200);
    out.append(sum.into());
    out.append(overflowed.into());
    out.append(match small.checked_sub(250) {
        Option::Some(v) => v.into(),
        Option::None => 'underflow',
    });

    // u128 and u32 comparisons.
    let big: u128 = a.try_into().unwrap();
    out.append((big * big * big).into());
    let w: u32 = y.try_into().unwrap();
    out.append((w < 100).into());
    out.append((w >= 13).into());

    // Signed integers: negation, product, difference, comparison.
    let n: i32 = -(x.try_into().unwrap());
    out.append((n * 3).into());
    out.append((n - 1000).into());
    out.append((n < 0).into());
    out
}
