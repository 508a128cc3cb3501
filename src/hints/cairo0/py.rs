//! Python semantics the hints rely on: integer helpers of `starkware.python.math_utils`
//! (`div_mod`, `safe_div`, `sqrt`, `is_quad_residue`, the EC slopes) and the ordering of
//! cairo-lang's memory values.
//!
//! Python integers are `BigInt`s here; every function that Python would make raise returns the
//! exception (without a line: the caller attaches the hint line with `.at(n)`).

use crate::hints::HintError;
use crate::vm::value::felt_to_biguint;
use crate::vm::Value;
use num_bigint::{BigInt, Sign};
use num_integer::Integer;
use num_traits::{One, Signed, ToPrimitive, Zero};
use starknet_types_core::felt::{Felt, NonZeroFelt};
use std::cmp::Ordering;
use std::sync::OnceLock;

/// The Cairo prime, `PRIME`.
pub fn prime() -> BigInt {
    static P: OnceLock<BigInt> = OnceLock::new();
    P.get_or_init(|| BigInt::from(felt_to_biguint(&Felt::MAX)) + 1).clone()
}

/// A felt as a Python integer in `[0, p)`.
pub fn int(f: &Felt) -> BigInt {
    BigInt::from(felt_to_biguint(f))
}

/// `as_int(value, PRIME)`: the lift to `(-p/2, p/2]`, i.e. `v - p` for `v > (p - 1) / 2`.
pub fn as_int(f: &Felt) -> BigInt {
    static HALF: OnceLock<Felt> = OnceLock::new();
    let half = HALF.get_or_init(|| Felt::MAX.floor_div(&NonZeroFelt::from_felt_unchecked(Felt::TWO)));
    if f > half {
        -int(&-*f)
    } else {
        int(f)
    }
}

/// Python's `a % m` (the result has the sign of `m`).
pub fn modulo(a: &BigInt, m: &BigInt) -> Result<BigInt, HintError> {
    if m.is_zero() {
        return Err(HintError::zero_division(0));
    }
    Ok(a.mod_floor(m))
}

/// Python's `divmod(a, m)`.
pub fn divmod(a: &BigInt, m: &BigInt) -> Result<(BigInt, BigInt), HintError> {
    if m.is_zero() {
        return Err(HintError::zero_division(0));
    }
    Ok(a.div_mod_floor(m))
}

/// `igcdex(a, b)` as sympy computes it: `(x, y, g)` with `x*a + y*b = g = gcd(a, b)`.
fn igcdex(a: &BigInt, b: &BigInt) -> (BigInt, BigInt, BigInt) {
    if a.is_zero() && b.is_zero() {
        return (BigInt::zero(), BigInt::one(), BigInt::zero());
    }
    if a.is_zero() {
        return (BigInt::zero(), b.signum(), b.abs());
    }
    if b.is_zero() {
        return (a.signum(), BigInt::zero(), a.abs());
    }
    let (x_sign, mut a) = if a.is_negative() { (-1, -a) } else { (1, a.clone()) };
    let (y_sign, mut b) = if b.is_negative() { (-1, -b) } else { (1, b.clone()) };
    let (mut x, mut y, mut r, mut s) = (BigInt::one(), BigInt::zero(), BigInt::zero(), BigInt::one());
    while !b.is_zero() {
        let (c, q) = (&a % &b, &a / &b);
        a = std::mem::replace(&mut b, c);
        let nr = &x - &q * &r;
        x = std::mem::replace(&mut r, nr);
        let ns = &y - &q * &s;
        y = std::mem::replace(&mut s, ns);
    }
    (x * x_sign, y * y_sign, a)
}

/// `div_mod(n, m, p)`: the `x` in `[0, p)` with `m * x = n (mod p)`; `AssertionError` when
/// `gcd(m, p) != 1`.
pub fn div_mod(n: &BigInt, m: &BigInt, p: &BigInt) -> Result<BigInt, HintError> {
    // For an odd modulus the result is `n * m^-1 mod p`, whichever Bezout coefficient is
    // used: invert without allocating when the operands fit.
    if let (Some(pu), false) = (p.to_biguint(), p.is_even()) {
        if let Some(mu) = m.mod_floor(p).to_biguint() {
            match super::modinv::inverse_odd(&mu, &pu) {
                Some(Some(inv)) => return modulo(&(n * BigInt::from(inv)), p),
                Some(None) => return Err(HintError::assertion(0, "")),
                None => {}
            }
        }
    }
    div_mod_euclid(n, m, p)
}

/// [`div_mod`] through `igcdex`, for any modulus.
fn div_mod_euclid(n: &BigInt, m: &BigInt, p: &BigInt) -> Result<BigInt, HintError> {
    let (a, _, c) = igcdex(m, p);
    if !c.is_one() {
        return Err(HintError::assertion(0, ""));
    }
    modulo(&(n * a), p)
}

/// `safe_div(x, y)`.
pub fn safe_div(x: &BigInt, y: &BigInt) -> Result<BigInt, HintError> {
    if y.is_zero() {
        return Err(HintError::assertion(0, ""));
    }
    let (q, r) = x.div_mod_floor(y);
    if !r.is_zero() {
        return Err(HintError::assertion(0, format!("{x} is not divisible by {y}.")));
    }
    Ok(q)
}

/// `isqrt(n)`.
pub fn isqrt(n: &BigInt) -> Result<BigInt, HintError> {
    if n.is_negative() {
        return Err(HintError::assertion(0, ""));
    }
    Ok(n.sqrt())
}

/// `pow(b, e, m)` for `e >= 0` (Python's result is in `[0, m)` for `m > 0`).
pub fn pow_mod(b: &BigInt, e: &BigInt, m: &BigInt) -> Result<BigInt, HintError> {
    if m.is_zero() {
        return Err(HintError::py("ValueError", 0, "pow() 3rd argument cannot be 0"));
    }
    if e.is_negative() {
        let inv = div_mod(&BigInt::one(), b, m)
            .map_err(|_| HintError::py("ValueError", 0, "base is not invertible for the given modulus"))?;
        return pow_mod(&inv, &-e, m);
    }
    // Squares and cubes (slopes, curve equations): `modpow`'s Montgomery setup costs more than
    // the product itself.
    if let Some(small @ 0..=3) = e.to_u32() {
        return modulo(&modulo(b, m)?.pow(small), m);
    }
    modulo(&modulo(b, m)?.modpow(e, m), m)
}

/// Legendre symbol test for an odd prime `p` (sympy's `is_quad_residue` for primes).
pub fn is_quad_residue(n: &BigInt, p: &BigInt) -> Result<bool, HintError> {
    if p.is_zero() {
        return Err(HintError::py("ValueError", 0, "p must be > 0"));
    }
    let a = modulo(n, p)?;
    if a < BigInt::from(2) || p < &BigInt::from(3) {
        return Ok(true);
    }
    let e = (p - 1) / 2;
    Ok(a.modpow(&e, p).is_one())
}

/// `sqrt(n, p)` of `math_utils`: the smallest `m` in `[0, p)` with `m*m = n (mod p)`, for a
/// prime `p` (Tonelli-Shanks). Python's `min()` of sympy's empty list of roots raises
/// `ValueError`, so does this when `n` is not a residue.
pub fn sqrt_mod(n: &BigInt, p: &BigInt) -> Result<BigInt, HintError> {
    let no_root = || HintError::py("ValueError", 0, "min() arg is an empty sequence");
    let a = modulo(n, p)?;
    if a.is_zero() || p.is_one() {
        return Ok(BigInt::zero());
    }
    if p == &BigInt::from(2) {
        return Ok(a);
    }
    if !is_quad_residue(&a, p)? {
        return Err(no_root());
    }
    // p - 1 = q * 2^s, q odd.
    let pm1: BigInt = p - 1;
    let s = pm1.trailing_zeros().unwrap_or(0);
    let q = &pm1 >> s;
    let mut z = BigInt::from(2);
    while is_quad_residue(&z, p)? {
        z += 1;
    }
    let mut m = s;
    let mut c = z.modpow(&q, p);
    let mut t = a.modpow(&q, p);
    let mut r = a.modpow(&((&q + 1) / 2), p);
    while !t.is_one() {
        let mut i = 0u64;
        let mut t2 = t.clone();
        while !t2.is_one() {
            t2 = (&t2 * &t2) % p;
            i += 1;
            if i == m {
                return Err(no_root());
            }
        }
        let b = c.modpow(&(BigInt::one() << (m - i - 1)), p);
        m = i;
        c = (&b * &b) % p;
        t = (t * &c) % p;
        r = (r * b) % p;
    }
    let other = p - &r;
    Ok(if other < r { other } else { r })
}

/// `line_slope(point1, point2, p)`.
pub fn line_slope(p1: (&BigInt, &BigInt), p2: (&BigInt, &BigInt), p: &BigInt) -> Result<BigInt, HintError> {
    if modulo(&(p1.0 - p2.0), p)?.is_zero() {
        return Err(HintError::assertion(0, ""));
    }
    div_mod(&(p1.1 - p2.1), &(p1.0 - p2.0), p)
}

/// `ec_double_slope(point, alpha, p)`.
pub fn ec_double_slope(pt: (&BigInt, &BigInt), alpha: &BigInt, p: &BigInt) -> Result<BigInt, HintError> {
    if modulo(pt.1, p)?.is_zero() {
        return Err(HintError::assertion(0, ""));
    }
    div_mod(&(3 * pt.0 * pt.0 + alpha), &(2 * pt.1), p)
}

/// `int.to_bytes(n, 'big')` for a non-negative integer that fits.
pub fn to_bytes_be(v: &BigInt, n: usize) -> Result<Vec<u8>, HintError> {
    let (sign, bytes) = v.to_bytes_be();
    if sign == Sign::Minus || bytes.len() > n {
        return Err(HintError::py("OverflowError", 0, "int too big to convert"));
    }
    let mut out = vec![0u8; n - bytes.len()];
    out.extend_from_slice(&bytes);
    Ok(out)
}

/// The order cairo-lang's values compare in (`RelocatableValue.__lt__`): integers before
/// pointers, pointers by (segment, offset).
pub fn py_cmp(a: &Value, b: &Value) -> Ordering {
    match (a, b) {
        (Value::Int(x), Value::Int(y)) => x.cmp(y),
        (Value::Int(_), Value::Ptr(_)) => Ordering::Less,
        (Value::Ptr(_), Value::Int(_)) => Ordering::Greater,
        (Value::Ptr(x), Value::Ptr(y)) => (x.segment, x.offset).cmp(&(y.segment, y.offset)),
    }
}

/// `a >= b` on memory values.
pub fn py_ge(a: &Value, b: &Value) -> bool {
    py_cmp(a, b) != Ordering::Less
}

#[cfg(test)]
mod tests {
    use super::*;

    fn b(v: i64) -> BigInt {
        BigInt::from(v)
    }

    #[test]
    fn modular_helpers_match_python() {
        assert_eq!(div_mod(&b(1), &b(3), &b(7)).unwrap(), b(5));
        assert_eq!(div_mod(&b(-4), &b(3), &b(7)).unwrap(), b(1));
        assert!(div_mod(&b(1), &b(2), &b(4)).is_err());
        assert_eq!(safe_div(&b(-12), &b(4)).unwrap(), b(-3));
        assert!(safe_div(&b(13), &b(4)).is_err());
        assert_eq!(sqrt_mod(&b(2), &b(7)).unwrap(), b(3));
        assert_eq!(sqrt_mod(&b(4), &b(13)).unwrap(), b(2));
        assert!(sqrt_mod(&b(5), &b(13)).is_err());
        // p = 1 mod 8 exercises several Tonelli-Shanks rounds.
        let p = b(17);
        for x in 1..17 {
            let sq = (x * x) % 17;
            let r = sqrt_mod(&b(sq), &p).unwrap();
            assert_eq!((&r * &r) % &p, b(sq));
            assert!(r <= &p - &r);
        }
        assert_eq!(pow_mod(&b(3), &b(-1), &b(7)).unwrap(), b(5));
        for (base, m) in [(b(-5), b(7)), (b(12), b(-7)), (b(1) << 200, (b(1) << 130) + 3), (b(3), b(1))] {
            for e in 0..6 {
                let expected = modulo(&modulo(&base, &m).unwrap().modpow(&b(e), &m), &m).unwrap();
                assert_eq!(pow_mod(&base, &b(e), &m).unwrap(), expected, "pow({base}, {e}, {m})");
            }
        }
        assert_eq!(line_slope((&b(1), &b(2)), (&b(3), &b(6)), &b(7)).unwrap(), b(2));
    }

    #[test]
    fn div_mod_agrees_with_igcdex() {
        let secp_p: BigInt = (b(1) << 256) - (b(1) << 32) - 977;
        let moduli = [b(7), b(9), b(15), b(16), secp_p.clone(), prime(), -b(7)];
        let mut x = b(0x1234_5678_9abc_def0);
        for p in &moduli {
            for i in 0..40 {
                x = (&x * &x + 12345) % (&secp_p * &secp_p);
                let (n, m) = (&x - (b(1) << 300), if i % 5 == 0 { p * b(i) } else { -&x + i });
                let fast = div_mod(&n, &m, p).ok();
                assert_eq!(fast, div_mod_euclid(&n, &m, p).ok(), "div_mod({n}, {m}, {p})");
            }
        }
    }

    #[test]
    fn as_int_lifts_to_the_symmetric_range() {
        let p = prime();
        for v in [b(0), b(1), (&p - 1) / 2, (&p + 1) / 2, &p - 1] {
            let f = Felt::from(&v);
            let expected = if v > &p / 2 { &v - &p } else { v.clone() };
            assert_eq!(as_int(&f), expected, "as_int({v})");
        }
    }

    #[test]
    fn value_order_puts_ints_first() {
        use crate::vm::Relocatable;
        let i = Value::Int(Felt::from(5));
        let p = Value::Ptr(Relocatable::new(1, 0));
        assert!(py_cmp(&i, &p).is_lt());
        assert!(py_ge(&p, &i));
        assert!(!py_ge(&i, &p));
    }
}
