// u256: construction from felts and from limbs, addition, subtraction, multiplication,
// division and remainder (u256_safe_divmod), square root, a wide 256x256 multiplication into
// u512 and its division by a u256, comparisons.
use core::num::traits::{Sqrt, WideMul};

#[feature("corelib-internal-use")]
fn main(a: felt252, b: felt252) -> Array<felt252> {
    let x: u256 = a.into();
    let y: u256 = b.into();
    let big = u256 { low: 0xffffffffffffffffffffffffffffffff, high: 0x1234 };
    let mut out = ArrayTrait::new();
    let s = x + big;
    out.append(s.low.into());
    out.append(s.high.into());
    let d = big - y;
    out.append(d.low.into());
    out.append(d.high.into());
    let p = x * y;
    out.append(p.low.into());
    out.append(p.high.into());
    let q = big / y;
    let r = big % y;
    out.append(q.low.into());
    out.append(q.high.into());
    out.append(r.low.into());
    out.append(r.high.into());
    out.append(big.sqrt().into());
    out.append(x.sqrt().into());
    let wide = big.wide_mul(big);
    out.append(wide.limb0.into());
    out.append(wide.limb1.into());
    out.append(wide.limb2.into());
    out.append(wide.limb3.into());
    let (wq, wr) = core::integer::u512_safe_div_rem_by_u256(wide, y.try_into().unwrap());
    out.append(wq.limb0.into());
    out.append(wq.limb1.into());
    out.append(wr.low.into());
    out.append((x < y).into());
    out.append((big > x).into());
    out
}
