//! Modular addition and Montgomery multiplication specialised to the Stark prime.
//!
//! p = 2^251 + 17 * 2^192 + 1, R = 2^256. In little-endian 64-bit limbs p = [1, 0, 0, P3] with
//! P3 = 0x0800_0000_0000_0011, and p < 2^252, so the sum of two reduced values never carries
//! out of 256 bits.
//!
//! Invariants:
//! - Every public function takes reduced operands (`< p` as integers, most significant limb first,
//!   exactly the [`Raw`] layout) and returns a reduced result.
//! - All arithmetic is wrapping or carry-explicit, so no function panics, whatever its input; on
//!   unreduced input the result is unspecified (but still a `Raw`).
//! - [`reduce`] is correct for every product `T < p * R`, which is why [`mul_wide`] may take one
//!   operand that is any 256-bit integer (the conversions use this to reduce arbitrary input).
//!
//! # Conditional subtraction and addition of p
//!
//! Since p = P3 * 2^192 + 1, subtracting p from a value whose low limb is nonzero, or adding p
//! to one whose low limb is not all ones, changes only the low limb (by 1) and the top limb
//! (by P3): no carry chain. [`reduce_once`] and [`add_p_if_negative`] use that and select the
//! two limbs with conditional moves (the condition is a coin flip on random input, so a branch
//! would mispredict); the other case, a 2^-64 chance on random input, takes a cold branch with
//! the full carry chain.
//!
//! # The reduction
//!
//! Montgomery reduction returns `T / R mod p` for `T = H * R + L` (`L < R`). Instead of the
//! usual four word-by-word rounds it uses one closed form. Because `p = 1 + P3 * 2^192`,
//! `p^-1 = 1 - P3 * 2^192 (mod R)`, hence `M = T * p^-1 mod R` is `L` with its top limb
//! replaced by `L3 - lo(L0 * P3)`. Then `T - M * p` is divisible by R and
//! `(T - M * p) / R = H - Q` with
//! `Q = hi(L0 * P3) + w + P3 * (L1 + L2 * 2^64 + (L3 - lo(L0 * P3)) * 2^128)`,
//! where `w` is the borrow of `L3 - lo(L0 * P3)`. That value lies in `(-p, p)`, so one
//! conditional addition of p finishes: four multiplications by P3 and two short carry chains,
//! where the usual word-by-word (CIOS) reduction needs 16 multiplications.

use core::hint::{cold_path, select_unpredictable};

use super::Raw;

/// The top (little-endian index 3) limb of p; the other limbs are 1, 0, 0.
pub(crate) const P3: u64 = 0x0800_0000_0000_0011;

/// p, most significant limb first.
pub(crate) const P: Raw = [P3, 0, 0, 1];

/// R^2 mod p, most significant limb first: `mul_wide(x, R2)` is the Montgomery form of x.
pub(crate) const R2: Raw =
    [0x07ff_d4ab_5e00_8810, 0xffff_ffff_ff6f_8000, 0x0000_0001_330f_ffff, 0xffff_fd73_7e00_0401];

/// `a * b + acc + carry` as (low, high) limbs; never overflows.
#[inline(always)]
fn mac(acc: u64, a: u64, b: u64, carry: u64) -> (u64, u64) {
    a.carrying_mul_add(b, carry, acc)
}

/// Returns `s` if `s < p`, else `s - p`. Requires `s < 2p`.
#[inline(always)]
fn reduce_once(s: [u64; 4]) -> Raw {
    let [s3, s2, s1, s0] = s;
    if s0 != 0 {
        // p = P3 * 2^192 + 1, so when s0 >= 1, s - p = (s3 - P3, s2, s1, s0 - 1) with no
        // borrow between limbs, and s >= p iff s3 >= P3: no carry chain. Which way it goes
        // is data-dependent, so a branch would mispredict half the time on random input.
        let ge = s3 >= P3;
        [select_unpredictable(ge, s3.wrapping_sub(P3), s3), s2, s1, select_unpredictable(ge, s0 - 1, s0)]
    } else {
        // Rare (a 2^-64 chance on random input): the subtraction of p borrows across limbs.
        cold_path();
        let (d1, b) = s1.overflowing_sub(1);
        let (d2, b) = s2.borrowing_sub(0, b);
        let (d3, _) = s3.borrowing_sub(P3, b);
        // s - p is in [-p, p) and |s - p| < 2^252, so it is negative iff bit 255 is set.
        if (d3 as i64) < 0 {
            s
        } else {
            [d3, d2, d1, u64::MAX]
        }
    }
}

/// `d + p` if `d` (a 256-bit two's complement value in (-p, p), most significant limb first)
/// is negative, else `d`: the result is in [0, p).
#[inline(always)]
fn add_p_if_negative(d: [u64; 4]) -> Raw {
    let [d3, d2, d1, d0] = d;
    // |d| < p < 2^252, so bit 255 is the sign.
    let neg = (d3 as i64) < 0;
    if d0 != u64::MAX {
        // d + p = (d3 + P3, d2, d1, d0 + 1) with no carry between limbs.
        [select_unpredictable(neg, d3.wrapping_add(P3), d3), d2, d1, select_unpredictable(neg, d0 + 1, d0)]
    } else {
        // Rare: the addition of p carries across limbs.
        cold_path();
        if neg {
            let (r1, c) = d1.overflowing_add(1);
            let (r2, c) = d2.carrying_add(0, c);
            [d3.wrapping_add(P3).wrapping_add(c as u64), r2, r1, 0]
        } else {
            d
        }
    }
}

/// a + b mod p.
#[inline]
pub fn add(a: Raw, b: Raw) -> Raw {
    let (s0, c) = a[3].carrying_add(b[3], false);
    let (s1, c) = a[2].carrying_add(b[2], c);
    let (s2, c) = a[1].carrying_add(b[1], c);
    // a[0], b[0] < 2^60: no carry out of the top limb.
    let s3 = a[0].wrapping_add(b[0]).wrapping_add(c as u64);
    reduce_once([s3, s2, s1, s0])
}

/// 2a mod p.
#[inline]
pub fn double(a: Raw) -> Raw {
    reduce_once([
        (a[0] << 1) | (a[1] >> 63),
        (a[1] << 1) | (a[2] >> 63),
        (a[2] << 1) | (a[3] >> 63),
        a[3] << 1,
    ])
}

/// a - b mod p.
#[inline]
pub fn sub(a: Raw, b: Raw) -> Raw {
    let (d0, bw) = a[3].borrowing_sub(b[3], false);
    let (d1, bw) = a[2].borrowing_sub(b[2], bw);
    let (d2, bw) = a[1].borrowing_sub(b[1], bw);
    let (d3, _) = a[0].borrowing_sub(b[0], bw);
    add_p_if_negative([d3, d2, d1, d0])
}

/// -a mod p.
#[inline]
pub fn neg(a: Raw) -> Raw {
    let (d0, bw) = 1u64.borrowing_sub(a[3], false);
    let (d1, bw) = 0u64.borrowing_sub(a[2], bw);
    let (d2, bw) = 0u64.borrowing_sub(a[1], bw);
    let (d3, _) = P3.borrowing_sub(a[0], bw);
    // p - 0 = p is not reduced: zero stays zero.
    let nz = (((a[0] | a[1] | a[2] | a[3]) != 0) as u64).wrapping_neg();
    [d3 & nz, d2 & nz, d1 & nz, d0 & nz]
}

/// Montgomery reduction of the 512-bit `t` (little-endian limbs): `t / R mod p`, reduced.
/// Requires `t < p * R`.
#[inline(always)]
pub(super) fn reduce(t: [u64; 8]) -> Raw {
    let [l0, l1, l2, l3, h0, h1, h2, h3] = t;
    let (x, hx) = mac(0, l0, P3, 0);
    let (m3, w) = l3.borrowing_sub(x, false);
    let (q0, c) = mac(hx + w as u64, l1, P3, 0);
    let (q1, c) = mac(c, l2, P3, 0);
    let (q2, q3) = mac(c, m3, P3, 0);
    let (r0, bw) = h0.borrowing_sub(q0, false);
    let (r1, bw) = h1.borrowing_sub(q1, bw);
    let (r2, bw) = h2.borrowing_sub(q2, bw);
    let (r3, _) = h3.borrowing_sub(q3, bw);
    add_p_if_negative([r3, r2, r1, r0])
}

/// `a * b / R mod p` for any 256-bit `a` and reduced `b` (or the other way round).
#[inline(always)]
pub(crate) fn mul_wide(a: Raw, b: Raw) -> Raw {
    let [a3, a2, a1, a0] = a;
    let [b3, b2, b1, b0] = b;

    let (t0, c) = mac(0, a0, b0, 0);
    let (t1, c) = mac(0, a0, b1, c);
    let (t2, c) = mac(0, a0, b2, c);
    let (t3, t4) = mac(0, a0, b3, c);

    let (t1, c) = mac(t1, a1, b0, 0);
    let (t2, c) = mac(t2, a1, b1, c);
    let (t3, c) = mac(t3, a1, b2, c);
    let (t4, t5) = mac(t4, a1, b3, c);

    let (t2, c) = mac(t2, a2, b0, 0);
    let (t3, c) = mac(t3, a2, b1, c);
    let (t4, c) = mac(t4, a2, b2, c);
    let (t5, t6) = mac(t5, a2, b3, c);

    let (t3, c) = mac(t3, a3, b0, 0);
    let (t4, c) = mac(t4, a3, b1, c);
    let (t5, c) = mac(t5, a3, b2, c);
    let (t6, t7) = mac(t6, a3, b3, c);

    reduce([t0, t1, t2, t3, t4, t5, t6, t7])
}

/// a * b mod p, in portable Rust, inlined where it is called.
///
/// The interpreter's multiplications use this one even on CPUs with BMI2 and ADX: calling
/// [`super::adx::mul`] (which cannot be inlined into code compiled without those features)
/// made factorial_loop's interpreter run 11% slower (21.3M against 24.0M steps/s). The JIT's
/// entry points, which are calls anyway, take the ADX product ([`super::felt_mul_entry`]).
#[inline]
pub fn mul(a: Raw, b: Raw) -> Raw {
    mul_wide(a, b)
}

/// a * a mod p.
#[inline]
pub fn square(a: Raw) -> Raw {
    let [a3, a2, a1, a0] = a;

    // Off-diagonal products a_i * a_j (i < j), at limbs 1..=6.
    let (t1, c) = mac(0, a0, a1, 0);
    let (t2, c) = mac(0, a0, a2, c);
    let (t3, t4) = mac(0, a0, a3, c);
    let (t3, c) = mac(t3, a1, a2, 0);
    let (t4, t5) = mac(t4, a1, a3, c);
    let (t5, t6) = mac(t5, a2, a3, 0);

    // Double them.
    let t7 = t6 >> 63;
    let t6 = (t6 << 1) | (t5 >> 63);
    let t5 = (t5 << 1) | (t4 >> 63);
    let t4 = (t4 << 1) | (t3 >> 63);
    let t3 = (t3 << 1) | (t2 >> 63);
    let t2 = (t2 << 1) | (t1 >> 63);
    let t1 = t1 << 1;

    // Add the squares a_i^2 at limbs 2i, 2i+1.
    let (t0, hi) = mac(0, a0, a0, 0);
    let (t1, c) = t1.carrying_add(hi, false);
    let (lo, hi) = mac(0, a1, a1, 0);
    let (t2, c) = t2.carrying_add(lo, c);
    let (t3, c) = t3.carrying_add(hi, c);
    let (lo, hi) = mac(0, a2, a2, 0);
    let (t4, c) = t4.carrying_add(lo, c);
    let (t5, c) = t5.carrying_add(hi, c);
    let (lo, hi) = mac(0, a3, a3, 0);
    let (t6, c) = t6.carrying_add(lo, c);
    let t7 = t7.wrapping_add(hi).wrapping_add(c as u64);

    reduce([t0, t1, t2, t3, t4, t5, t6, t7])
}

/// `a / R mod p` for a reduced `a`: the canonical integer of a Montgomery form.
#[inline]
pub(crate) fn from_mont(a: Raw) -> [u64; 4] {
    reduce([a[3], a[2], a[1], a[0], 0, 0, 0, 0])
}

/// a^exp mod p (with 0^0 = 1).
#[inline]
pub fn pow(a: Raw, exp: u128) -> Raw {
    if exp == 0 {
        return super::ONE;
    }
    let mut acc = a;
    let top = 127 - exp.leading_zeros();
    for i in (0..top).rev() {
        acc = square(acc);
        if (exp >> i) & 1 == 1 {
            acc = mul(acc, a);
        }
    }
    acc
}

/// Whether the limbs are reduced, i.e. a valid [`Raw`] (`< p` as an integer).
#[inline]
pub fn is_reduced(a: Raw) -> bool {
    let (_, b) = a[3].borrowing_sub(1, false);
    let (_, b) = a[2].borrowing_sub(0, b);
    let (_, b) = a[1].borrowing_sub(0, b);
    let (_, b) = a[0].borrowing_sub(P3, b);
    b
}
