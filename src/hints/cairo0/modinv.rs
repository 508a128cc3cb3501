//! Modular inversion for the hints' big integers: a binary extended Euclid on fixed-width
//! limbs, for odd moduli below 2^512 (secp256k1/r1's p and n, the 384-bit fields, the STARK
//! prime). The hints' `div_mod` spends most of its time inverting; the general algorithm on
//! `BigInt`s allocates at every step, this one never does. It runs on 4 limbs when the modulus
//! is below 2^256 (half the work of 8 for secp's moduli) and on 8 otherwise.
//!
//! Invariant of [`inverse_odd`]'s loop: `x1 * a = u` and `x2 * a = v` (mod p), with
//! `x1, x2 < p`; `u + v` decreases at every step, and `u` or `v` reaches 1 exactly when
//! `gcd(a, p) = 1`.

use num_bigint::BigUint;

/// Limbs, least significant first: 4 for moduli below 2^256 (secp's), 8 up to 2^512.
type Limbs<const N: usize> = [u64; N];

fn limbs<const N: usize>(v: &BigUint) -> Option<Limbs<N>> {
    let digits = v.to_u64_digits();
    let mut out = [0u64; N];
    out.get_mut(..digits.len())?.copy_from_slice(&digits);
    Some(out)
}

fn is_zero<const N: usize>(a: &Limbs<N>) -> bool {
    a.iter().all(|&l| l == 0)
}

fn is_one<const N: usize>(a: &Limbs<N>) -> bool {
    a[0] == 1 && a[1..].iter().all(|&l| l == 0)
}

fn is_even<const N: usize>(a: &Limbs<N>) -> bool {
    a[0] & 1 == 0
}

/// `(a + b, carry)`.
fn add<const N: usize>(a: &Limbs<N>, b: &Limbs<N>) -> (Limbs<N>, bool) {
    let mut out = [0u64; N];
    let mut carry = false;
    for i in 0..N {
        (out[i], carry) = a[i].carrying_add(b[i], carry);
    }
    (out, carry)
}

/// `(a - b, borrow)`.
fn sub<const N: usize>(a: &Limbs<N>, b: &Limbs<N>) -> (Limbs<N>, bool) {
    let mut out = [0u64; N];
    let mut borrow = false;
    for i in 0..N {
        (out[i], borrow) = a[i].borrowing_sub(b[i], borrow);
    }
    (out, borrow)
}

/// `(top * 2^(64 N) + a) / 2` for a one-bit `top`.
fn shr1<const N: usize>(a: &mut Limbs<N>, top: bool) {
    for i in 0..N {
        let next = if i + 1 < N { a[i + 1] } else { top as u64 };
        a[i] = (a[i] >> 1) | (next << 63);
    }
}

/// `x / 2 mod p` for `x < p`, p odd.
fn half_mod<const N: usize>(x: &mut Limbs<N>, p: &Limbs<N>) {
    if is_even(x) {
        shr1(x, false);
    } else {
        let (s, carry) = add(x, p);
        *x = s;
        shr1(x, carry);
    }
}

/// `x - y mod p` for `x, y < p`.
fn sub_mod<const N: usize>(x: &Limbs<N>, y: &Limbs<N>, p: &Limbs<N>) -> Limbs<N> {
    match sub(x, y) {
        (d, false) => d,
        (d, true) => add(&d, p).0,
    }
}

/// `a^-1 mod p` for an odd `p > 1` and `a < p`: `Some(None)` when `gcd(a, p) != 1`, `None`
/// when the operands do not fit (the caller then uses the general algorithm).
pub(crate) fn inverse_odd(a: &BigUint, p: &BigUint) -> Option<Option<BigUint>> {
    if p.bits() <= 256 {
        inverse_odd_n::<4>(a, p)
    } else {
        inverse_odd_n::<8>(a, p)
    }
}

/// [`inverse_odd`] on `N` limbs.
fn inverse_odd_n<const N: usize>(a: &BigUint, p: &BigUint) -> Option<Option<BigUint>> {
    let (mut u, mut v) = (limbs::<N>(a)?, limbs::<N>(p)?);
    let pl = v;
    if is_even(&pl) || is_one(&pl) || !sub(&u, &pl).1 {
        return None;
    }
    let (mut x1, mut x2) = ([0u64; N], [0u64; N]);
    x1[0] = 1;
    loop {
        if is_zero(&u) || is_zero(&v) {
            return Some(None);
        }
        if is_one(&u) {
            return Some(Some(BigUint::from_slice(&to_u32(&x1))));
        }
        if is_one(&v) {
            return Some(Some(BigUint::from_slice(&to_u32(&x2))));
        }
        while is_even(&u) {
            shr1(&mut u, false);
            half_mod(&mut x1, &pl);
        }
        while is_even(&v) {
            shr1(&mut v, false);
            half_mod(&mut x2, &pl);
        }
        match sub(&u, &v) {
            (d, false) => {
                u = d;
                x1 = sub_mod(&x1, &x2, &pl);
            }
            (_, true) => {
                v = sub(&v, &u).0;
                x2 = sub_mod(&x2, &x1, &pl);
            }
        }
    }
}

fn to_u32<const N: usize>(a: &Limbs<N>) -> Vec<u32> {
    a.iter().flat_map(|l| [*l as u32, (*l >> 32) as u32]).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use num_traits::{One, Zero};

    #[test]
    fn inverses_match_the_definition() {
        let secp_p = (BigUint::one() << 256u32) - (BigUint::one() << 32u32) - BigUint::from(977u32);
        // Both widths: 4 limbs up to 2^256, 8 beyond (a 384-bit prime).
        let p384 = (BigUint::one() << 384u32) - (BigUint::one() << 128u32) - (BigUint::one() << 96u32)
            + (BigUint::one() << 32u32)
            - 1u32;
        let moduli =
            [BigUint::from(3u32), BigUint::from(383u32), BigUint::from(15u32), secp_p.clone(), p384.clone()];
        let mut x = BigUint::from(0x1234_5678_9abc_def0_u64);
        for p in &moduli {
            for _ in 0..60 {
                x = (&x * &x + 12345u32) % (&p384 * &p384);
                let a = &x % p;
                let got = inverse_odd(&a, p).expect("fits");
                match a.modinv(p) {
                    Some(inv) => assert_eq!(got, Some(inv), "{a}^-1 mod {p}"),
                    None => assert_eq!(got, None, "{a} mod {p} is not invertible"),
                }
            }
        }
        assert_eq!(inverse_odd(&BigUint::zero(), &secp_p), Some(None));
        assert_eq!(inverse_odd(&BigUint::one(), &secp_p), Some(Some(BigUint::one())));
        // Not applicable: even or unit modulus, operand not reduced, too wide.
        assert_eq!(inverse_odd(&BigUint::one(), &BigUint::from(10u32)), None);
        assert_eq!(inverse_odd(&BigUint::zero(), &BigUint::one()), None);
        assert_eq!(inverse_odd(&BigUint::from(7u32), &BigUint::from(5u32)), None);
        assert_eq!(inverse_odd(&BigUint::one(), &((BigUint::one() << 600u32) + 1u32)), None);
    }
}
