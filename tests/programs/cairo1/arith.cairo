// felt252 and unsigned integer arithmetic: DivMod, TestLessThan(OrEqual), WideMul128.
fn main() -> felt252 {
    let a: u128 = 0xffffffffffffffffffffffffffffffff;
    let b: u128 = 12345678901234567890;
    let (q, r) = (a / b, a % b);
    let wide = core::num::traits::WideMul::wide_mul(a, b);
    let c: u64 = 1000000007;
    let d: u32 = 97;
    let small = (c % d.into()) + c / 3;
    let mut x: felt252 = 7;
    if q > r {
        x = x * 3;
    }
    if b <= a {
        x = x + 1;
    }
    let s: u8 = 200;
    let t: u16 = s.into() * 300;
    x + q.into() + r.into() + wide.low.into() + wide.high.into() + small.into() + t.into()
}
