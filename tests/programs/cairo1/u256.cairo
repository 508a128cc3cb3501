// u256 and u512 arithmetic: Uint256DivMod, Uint512DivModByUint256, Uint256SquareRoot,
// U256InvModN, SquareRoot (u128 sqrt), LinearSplit (via conversions).
use core::num::traits::Sqrt;
use core::integer::{u512, u256_wide_mul, u512_safe_div_rem_by_u256};
use core::math::u256_inv_mod;

fn main() -> (u256, u256, u128, u64, u256) {
    let a: u256 = 0x1234567890abcdef1234567890abcdef1234567890abcdef1234567890abcdef;
    let b: u256 = 0xfedcba0987654321fedcba09;
    let q = a / b;
    let r = a % b;
    let w: u512 = u256_wide_mul(a, b);
    let (wq, _wr) = u512_safe_div_rem_by_u256(w, b.try_into().unwrap());
    let s: u128 = a.sqrt();
    let t: u64 = 0xffffffffffff_u128.sqrt();
    let inv = match u256_inv_mod(3, 1000000007_u256.try_into().unwrap()) {
        Option::Some(x) => x.into(),
        Option::None => 0,
    };
    let _ = wq;
    (q + r, inv, s, t, wq.limb0.into())
}
