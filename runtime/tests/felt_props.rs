//! Property tests: `cairo_jit_runtime::felt` must agree bit for bit with starknet-types-core's
//! `Felt` (whose raw limbs are our `Raw`), over edge values and random inputs, and satisfy the
//! usual algebraic identities.
//!
//! Environment:
//! - `FELT_PROP_CASES`: random cases per property (default 20,000, a few seconds in a debug
//!   build; the costlier `pow`, `rare_carry_paths` and `unreduced_inputs_do_not_panic` run
//!   1/8, 1/4 and 1/4 of that); every case checks several functions;
//! - `FELT_PROP_SEED`: base seed (default fixed); a failing property prints the seed to rerun it.

use std::cmp::Ordering;
use std::panic::{catch_unwind, resume_unwind, AssertUnwindSafe};

use cairo_jit_runtime::felt::{self, Products, Raw, ONE, ZERO};
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};
use starknet_types_core::felt::{Felt, NonZeroFelt};

const DEFAULT_CASES: u64 = 20_000;
const DEFAULT_SEED: u64 = 0x00c0_ffee_f417_2519;

/// p, most significant limb first.
const P: [u64; 4] = [0x0800_0000_0000_0011, 0, 0, 1];

fn env_u64(name: &str, default: u64) -> u64 {
    match std::env::var(name) {
        Ok(s) => {
            let s = s.trim().replace('_', "");
            let parsed = match s.strip_prefix("0x") {
                Some(hex) => u64::from_str_radix(hex, 16),
                None => s.parse(),
            };
            parsed.unwrap_or_else(|_| panic!("{name}={s} is not a number"))
        }
        Err(_) => default,
    }
}

fn cases() -> u64 {
    env_u64("FELT_PROP_CASES", DEFAULT_CASES)
}

/// Runs `body` for `cases / divisor` random cases, printing the seed if it fails.
fn run(name: &str, divisor: u64, mut body: impl FnMut(&mut Gen)) {
    let seed = env_u64("FELT_PROP_SEED", DEFAULT_SEED);
    // Each property gets its own stream, derived from the base seed and its name.
    let stream = name.bytes().fold(seed, |h, b| (h ^ b as u64).wrapping_mul(0x0100_0000_01b3));
    let mut g = Gen::new(stream);
    let n = (cases() / divisor).max(1);
    let mut done = 0u64;
    let result = catch_unwind(AssertUnwindSafe(|| {
        for _ in 0..n {
            body(&mut g);
            done += 1;
        }
    }));
    if let Err(e) = result {
        eprintln!(
            "property `{name}` failed at case {done} of {n}; rerun with FELT_PROP_SEED={seed:#x} \
             (stream seed {stream:#x})"
        );
        resume_unwind(e);
    }
}

// ---- conversions between the oracle and integers ----

fn be_bytes(c: [u64; 4]) -> [u8; 32] {
    let mut b = [0u8; 32];
    for (i, limb) in c.iter().enumerate() {
        b[i * 8..i * 8 + 8].copy_from_slice(&limb.to_be_bytes());
    }
    b
}

/// The oracle's element of the (possibly unreduced) 256-bit integer `c`.
fn felt_of(c: [u64; 4]) -> Felt {
    Felt::from_bytes_be(&be_bytes(c))
}

fn raw_of(c: [u64; 4]) -> Raw {
    felt_of(c).to_raw()
}

fn fr(a: Raw) -> Felt {
    Felt::from_raw(a)
}

fn lt_p(c: [u64; 4]) -> bool {
    c < P
}

/// `c - k` for a small k (no underflow).
fn minus(c: [u64; 4], k: u64) -> [u64; 4] {
    let mut out = c;
    let mut borrow = k;
    for limb in out.iter_mut().rev() {
        let (d, b) = limb.overflowing_sub(borrow);
        *limb = d;
        borrow = b as u64;
    }
    out
}

/// `c + k` for a small k (wrapping at 2^256).
fn plus(c: [u64; 4], k: u64) -> [u64; 4] {
    let mut out = c;
    let mut carry = k;
    for limb in out.iter_mut().rev() {
        let (s, o) = limb.overflowing_add(carry);
        *limb = s;
        carry = o as u64;
    }
    out
}

fn pow2(k: u32) -> [u64; 4] {
    let mut c = [0u64; 4];
    c[3 - (k / 64) as usize] = 1u64 << (k % 64);
    c
}

/// Interesting integers (some of them ≥ p: the oracle reduces them).
fn edge_integers() -> Vec<[u64; 4]> {
    let half = [P[0] >> 1, (P[1] >> 1) | (P[0] << 63), P[2] >> 1, (P[3] >> 1) | (P[2] << 63)];
    let mut v = vec![
        [0, 0, 0, 0],
        [0, 0, 0, 1],
        [0, 0, 0, 2],
        [0, 0, 0, 3],
        [0, 0, 0, u64::MAX],
        [0, 0, u64::MAX, u64::MAX],
        [0, u64::MAX, u64::MAX, u64::MAX],
        minus(P, 1),
        minus(P, 2),
        minus(P, 3),
        half,           // (p - 1) / 2
        plus(half, 1),  // (p + 1) / 2
        plus(half, 2),  // (p + 3) / 2
        minus(half, 1), // (p - 3) / 2
        P,
        plus(P, 1),
        [u64::MAX; 4],
        [0x0800_0000_0000_0010, u64::MAX, u64::MAX, u64::MAX], // 2^251 + 17 * 2^192 - 1 (= p - 2)
        [0x0800_0000_0000_0000, u64::MAX, u64::MAX, u64::MAX],
        [0x0800_0000_0000_0011, u64::MAX, 0, 0],
        [0x07ff_ffff_ffff_ffff, u64::MAX, u64::MAX, u64::MAX], // 2^251 - 1
        [0x0000_0000_0000_0011, 0, 0, 0],                      // 17 * 2^192
        [0x0800_0000_0000_0011, 0, 0, 0],                      // p - 1
    ];
    for k in [1, 2, 63, 64, 65, 127, 128, 129, 191, 192, 193, 196, 250, 251, 252, 255] {
        let c = pow2(k);
        v.push(c);
        v.push(minus(c, 1));
        v.push(plus(c, 1));
    }
    v
}

/// The edge integers that are reduced, as elements.
fn edge_elements() -> Vec<Raw> {
    let mut v: Vec<Raw> = edge_integers().into_iter().map(raw_of).collect();
    // Edge Montgomery limbs too (the raw value itself being 0, 1, p - 1, ...).
    v.extend(edge_integers().into_iter().filter(|c| lt_p(*c)));
    v.sort();
    v.dedup();
    v
}

// ---- random generation ----

struct Gen {
    rng: StdRng,
    edges: Vec<Raw>,
    edge_ints: Vec<[u64; 4]>,
}

impl Gen {
    fn new(seed: u64) -> Self {
        Gen { rng: StdRng::seed_from_u64(seed), edges: edge_elements(), edge_ints: edge_integers() }
    }

    /// A 256-bit integer with a random mix of limb patterns.
    fn limbs(&mut self) -> [u64; 4] {
        let mut c = [0u64; 4];
        for limb in c.iter_mut() {
            *limb = match self.rng.random_range(0..6) {
                0 => 0,
                1 => u64::MAX,
                2 => self.rng.random_range(0..32),
                _ => self.rng.random(),
            };
        }
        c
    }

    /// A uniformly random reduced value below p (as an integer).
    fn below_p(&mut self) -> [u64; 4] {
        loop {
            let mut c: [u64; 4] = self.rng.random();
            c[0] &= (1u64 << 60) - 1;
            if lt_p(c) {
                return c;
            }
        }
    }

    /// A random integer of any size up to 2^256 (uniform bit length, then uniform bits).
    fn int256(&mut self) -> [u64; 4] {
        let bits = self.rng.random_range(0..=256u32);
        let mut c: [u64; 4] = self.rng.random();
        for (i, limb) in c.iter_mut().enumerate() {
            let lo = (3 - i as u32) * 64; // bit index of this limb's bit 0
            if bits <= lo {
                *limb = 0;
            } else if bits - lo < 64 {
                *limb &= (1u64 << (bits - lo)) - 1;
            }
        }
        match self.rng.random_range(0..8) {
            0 => self.edge_ints[self.rng.random_range(0..self.edge_ints.len())],
            1 => self.limbs(),
            2 => {
                let e = self.edge_ints[self.rng.random_range(0..self.edge_ints.len())];
                let k = self.rng.random_range(0..1000);
                if self.rng.random() {
                    plus(e, k)
                } else if e >= [0, 0, 0, k] {
                    minus(e, k)
                } else {
                    e
                }
            }
            _ => c,
        }
    }

    /// A random field element, from a mix of distributions.
    fn elem(&mut self) -> Raw {
        match self.rng.random_range(0..10) {
            // Edge values, as canonical values and as raw limbs.
            0 | 1 => self.edges[self.rng.random_range(0..self.edges.len())],
            // Uniform random Montgomery limbs.
            2 | 3 => self.below_p(),
            // Uniform random canonical value.
            4 | 5 => raw_of(self.below_p()),
            // Small canonical value.
            6 => {
                let bits = self.rng.random_range(0..=64);
                let v: u64 = self.rng.random::<u64>() >> (64 - bits.max(1)) as u32;
                raw_of([0, 0, 0, if bits == 0 { 0 } else { v }])
            }
            // Close to p, to p/2 or to a power of two, canonically.
            7 => {
                let e = self.edge_ints[self.rng.random_range(0..self.edge_ints.len())];
                let k = self.rng.random_range(0..1 << 16);
                raw_of(if self.rng.random() {
                    plus(e, k)
                } else if e >= [0, 0, 0, k] {
                    minus(e, k)
                } else {
                    e
                })
            }
            // Structured limbs (zeros, all-ones, tiny), reduced by the oracle.
            8 => raw_of(self.limbs()),
            // Structured limbs used directly as Montgomery limbs when reduced.
            _ => {
                let c = self.limbs();
                if lt_p(c) {
                    c
                } else {
                    raw_of(c)
                }
            }
        }
    }

    fn nonzero(&mut self) -> Raw {
        loop {
            let a = self.elem();
            if a != ZERO {
                return a;
            }
        }
    }

    fn u64(&mut self) -> u64 {
        match self.rng.random_range(0..4) {
            0 => [0, 1, 2, u64::MAX, u64::MAX - 1, 1 << 63, (1 << 63) - 1][self.rng.random_range(0..7)],
            1 => self.rng.random::<u64>() >> self.rng.random_range(0..64),
            _ => self.rng.random(),
        }
    }
}

// ---- the properties ----

#[test]
fn constants() {
    assert_eq!(ZERO, Felt::ZERO.to_raw());
    assert_eq!(ONE, Felt::ONE.to_raw());
    assert_eq!(felt::MODULUS, P);
    assert_eq!(felt::to_canonical(ONE), [0, 0, 0, 1]);
    assert!(felt::is_zero(ZERO));
    assert!(!felt::is_zero(ONE));
}

/// `a * b` by the JIT's multiplication entry point for this CPU (BMI2/ADX where it has them).
fn entry_mul(a: Raw, b: Raw) -> Raw {
    let mut out = [7u64; 4];
    // SAFETY: all three pointers come from live, aligned local `Raw` values.
    unsafe { felt::felt_mul_entry()(&mut out, &a, &b) };
    out
}

/// Every binary and unary operation on every pair of edge values.
#[test]
fn edge_pairs() {
    let edges = edge_elements();
    for &a in &edges {
        let fa = fr(a);
        assert!(felt::is_reduced(a));
        assert_eq!(felt::neg(a), (-fa).to_raw(), "neg {a:x?}");
        assert_eq!(felt::double(a), fa.double().to_raw(), "double {a:x?}");
        assert_eq!(felt::square(a), fa.square().to_raw(), "square {a:x?}");
        #[cfg(target_arch = "x86_64")]
        if let Some(adx) = felt::adx::Adx::detect() {
            assert_eq!(adx.square(a), fa.square().to_raw(), "Adx::square {a:x?}");
        }
        assert_eq!(felt::inverse(a), fa.inverse().map(|x| x.to_raw()), "inverse {a:x?}");
        assert_eq!(felt::to_canonical(a), fa.to_be_digits(), "to_canonical {a:x?}");
        assert_eq!(felt::to_bytes_le(a), fa.to_bytes_le(), "to_bytes_le {a:x?}");
        assert_eq!(felt::to_u64(a), u64::try_from(fa).ok(), "to_u64 {a:x?}");
        assert_eq!(felt::to_u128(a), u128::try_from(fa).ok(), "to_u128 {a:x?}");
        for &b in &edges {
            let fb = fr(b);
            assert_eq!(felt::add(a, b), (fa + fb).to_raw(), "add {a:x?} {b:x?}");
            assert_eq!(felt::sub(a, b), (fa - fb).to_raw(), "sub {a:x?} {b:x?}");
            assert_eq!(felt::mul(a, b), (fa * fb).to_raw(), "mul {a:x?} {b:x?}");
            assert_eq!(entry_mul(a, b), (fa * fb).to_raw(), "felt_mul_entry {a:x?} {b:x?}");
            #[cfg(target_arch = "x86_64")]
            if let Some(adx) = felt::adx::Adx::detect() {
                assert_eq!(adx.mul(a, b), (fa * fb).to_raw(), "Adx::mul {a:x?} {b:x?}");
            }
            assert_eq!(felt::cmp(a, b), fa.cmp(&fb), "cmp {a:x?} {b:x?}");
            let q = NonZeroFelt::try_from(fb).ok().map(|nz| fa.field_div(&nz).to_raw());
            assert_eq!(felt::div(a, b), q, "div {a:x?} {b:x?}");
        }
    }
    for c in edge_integers() {
        assert_eq!(felt::from_canonical(c), raw_of(c), "from_canonical {c:x?}");
        let b = be_bytes(c);
        assert_eq!(felt::from_bytes_be(&b), Felt::from_bytes_be(&b).to_raw());
        let mut le = b;
        le.reverse();
        assert_eq!(felt::from_bytes_le(&le), Felt::from_bytes_le(&le).to_raw());
        assert_eq!(felt::is_reduced(c), lt_p(c), "is_reduced {c:x?}");
    }
}

#[test]
fn add_sub_neg_double() {
    run("add_sub_neg_double", 1, |g| {
        let (a, b) = (g.elem(), g.elem());
        let (fa, fb) = (fr(a), fr(b));
        let s = felt::add(a, b);
        assert_eq!(s, (fa + fb).to_raw(), "add {a:x?} {b:x?}");
        let d = felt::sub(a, b);
        assert_eq!(d, (fa - fb).to_raw(), "sub {a:x?} {b:x?}");
        assert_eq!(felt::neg(a), (-fa).to_raw(), "neg {a:x?}");
        assert_eq!(felt::double(a), fa.double().to_raw(), "double {a:x?}");
        // Identities.
        assert_eq!(felt::sub(s, b), a);
        assert_eq!(felt::add(d, b), a);
        assert_eq!(felt::add(a, felt::neg(a)), ZERO);
        assert_eq!(felt::neg(felt::neg(a)), a);
        assert_eq!(felt::sub(ZERO, a), felt::neg(a));
        assert_eq!(felt::add(a, b), felt::add(b, a));
        assert_eq!(felt::double(a), felt::add(a, a));
        assert!(felt::is_reduced(s) && felt::is_reduced(d));
    });
}

#[test]
fn mul_square() {
    run("mul_square", 1, |g| {
        let (a, b, c) = (g.elem(), g.elem(), g.elem());
        let (fa, fb) = (fr(a), fr(b));
        let m = felt::mul(a, b);
        assert_eq!(m, (fa * fb).to_raw(), "mul {a:x?} {b:x?}");
        assert_eq!(entry_mul(a, b), m, "felt_mul_entry {a:x?} {b:x?}");
        assert_eq!(felt::square(a), fa.square().to_raw(), "square {a:x?}");
        assert_eq!(felt::square(a), felt::mul(a, a));
        assert_eq!(m, felt::mul(b, a));
        assert_eq!(felt::mul(a, ONE), a);
        assert_eq!(felt::mul(a, ZERO), ZERO);
        // Distributivity and associativity.
        assert_eq!(felt::mul(a, felt::add(b, c)), felt::add(m, felt::mul(a, c)));
        assert_eq!(felt::mul(m, c), felt::mul(a, felt::mul(b, c)));
        assert!(felt::is_reduced(m));
    });
}

#[test]
fn pow() {
    run("pow", 8, |g| {
        let a = g.elem();
        let e: u128 = match g.rng.random_range(0..4) {
            0 => g.rng.random_range(0..4),
            1 => g.rng.random::<u128>() >> g.rng.random_range(0..128),
            _ => g.rng.random(),
        };
        assert_eq!(felt::pow(a, e), fr(a).pow(e).to_raw(), "pow {a:x?} {e}");
    });
}

#[test]
fn inverse_div() {
    assert_eq!(felt::inverse(ZERO), None);
    assert_eq!(felt::inverse(ONE), Some(ONE));
    run("inverse_div", 1, |g| {
        let (a, b) = (g.nonzero(), g.elem());
        let (fa, fb) = (fr(a), fr(b));
        let ia = felt::inverse(a).expect("nonzero has an inverse");
        assert_eq!(Some(ia), fa.inverse().map(|x| x.to_raw()), "inverse {a:x?}");
        assert_eq!(felt::mul(a, ia), ONE, "a * inv(a) {a:x?}");
        assert_eq!(felt::inverse(ia), Some(a));
        let q = felt::div(b, a).expect("nonzero divisor");
        let nz = NonZeroFelt::try_from(fa).unwrap();
        assert_eq!(q, fb.field_div(&nz).to_raw(), "div {b:x?} {a:x?}");
        assert_eq!(felt::mul(q, a), b, "div then mul {b:x?} {a:x?}");
        assert_eq!(felt::div(b, ZERO), None);
        assert!(felt::is_reduced(ia) && felt::is_reduced(q));
    });
}

#[test]
fn cmp_and_equality() {
    run("cmp_and_equality", 1, |g| {
        let a = g.elem();
        // Half the time, compare against a close value so that Equal and near-ties come up.
        let b = match g.rng.random_range(0..4) {
            0 => a,
            1 => felt::add(a, felt::from_u64(g.rng.random_range(1..4))),
            _ => g.elem(),
        };
        let (fa, fb) = (fr(a), fr(b));
        let c = felt::cmp(a, b);
        assert_eq!(c, fa.cmp(&fb), "cmp {a:x?} {b:x?}");
        assert_eq!(c, felt::to_canonical(a).cmp(&felt::to_canonical(b)));
        assert_eq!(c, felt::cmp(b, a).reverse());
        assert_eq!(c == Ordering::Equal, a == b);
        assert_eq!(a == b, fa == fb);
        assert_eq!(felt::is_zero(a), fa == Felt::ZERO);
        assert_eq!(felt::cmp(a, a), Ordering::Equal);
    });
}

#[test]
fn integer_conversions() {
    run("integer_conversions", 1, |g| {
        let v = g.u64();
        let a = felt::from_u64(v);
        assert_eq!(a, Felt::from(v).to_raw(), "from_u64 {v}");
        assert_eq!(felt::to_u64(a), Some(v));
        assert_eq!(felt::to_canonical(a), [0, 0, 0, v]);

        let s = v as i64;
        let b = felt::from_i64(s);
        assert_eq!(b, Felt::from(s).to_raw(), "from_i64 {s}");

        let w: u128 = (g.u64() as u128) << 64 | g.u64() as u128;
        let w = w >> g.rng.random_range(0..128);
        let c = felt::from_u128(w);
        assert_eq!(c, Felt::from(w).to_raw(), "from_u128 {w}");
        assert_eq!(felt::to_u128(c), Some(w));

        let x = g.elem();
        let fx = fr(x);
        assert_eq!(felt::to_u64(x), u64::try_from(fx).ok(), "to_u64 {x:x?}");
        assert_eq!(felt::to_u128(x), u128::try_from(fx).ok(), "to_u128 {x:x?}");
        let canon = felt::to_canonical(x);
        assert_eq!(canon, fx.to_be_digits(), "to_canonical {x:x?}");
        assert!(lt_p(canon));
        assert_eq!(felt::from_canonical(canon), x);

        let n = g.int256();
        assert_eq!(felt::from_canonical(n), raw_of(n), "from_canonical {n:x?}");
        assert_eq!(felt::is_reduced(n), lt_p(n), "is_reduced {n:x?}");
    });
    for s in [0, 1, -1, 2, -2, i64::MIN, i64::MIN + 1, i64::MAX] {
        assert_eq!(felt::from_i64(s), Felt::from(s).to_raw(), "from_i64 {s}");
    }
    for v in [0, 1, u128::MAX, u64::MAX as u128, 1 << 64, (1 << 64) - 1] {
        assert_eq!(felt::from_u128(v), Felt::from(v).to_raw(), "from_u128 {v}");
    }
}

#[test]
fn byte_conversions() {
    run("byte_conversions", 1, |g| {
        let x = g.elem();
        let fx = fr(x);
        let le = felt::to_bytes_le(x);
        assert_eq!(le, fx.to_bytes_le(), "to_bytes_le {x:x?}");
        assert_eq!(felt::from_bytes_le(&le), x);
        let be = felt::to_bytes_be(x);
        assert_eq!(be, fx.to_bytes_be(), "to_bytes_be {x:x?}");
        assert_eq!(felt::from_bytes_be(&be), x);

        // Arbitrary (unreduced) bytes.
        let mut bytes: [u8; 32] = if g.rng.random() { g.rng.random() } else { be_bytes(g.int256()) };
        assert_eq!(
            felt::from_bytes_be(&bytes),
            Felt::from_bytes_be(&bytes).to_raw(),
            "from_bytes_be {bytes:x?}"
        );
        bytes.reverse();
        assert_eq!(
            felt::from_bytes_le(&bytes),
            Felt::from_bytes_le(&bytes).to_raw(),
            "from_bytes_le {bytes:x?}"
        );
    });
}

#[test]
fn extern_c_entry_points() {
    run("extern_c_entry_points", 1, |g| {
        let (a, b) = (g.elem(), g.elem());
        let expected_mul = (fr(a) * fr(b)).to_raw();

        let mut out = [7u64; 4];
        // SAFETY: all three pointers come from live, aligned local `Raw` values.
        unsafe { felt::cairo_jit_rt_felt_mul(&mut out, &a, &b) };
        assert_eq!(out, expected_mul, "cairo_jit_rt_felt_mul {a:x?} {b:x?}");

        // Aliasing: out == a.
        let mut x = a;
        let px: *mut Raw = &mut x;
        // SAFETY: `px` points to a live, aligned `Raw`; the function allows out to alias a.
        unsafe { felt::cairo_jit_rt_felt_mul(px, px, &b) };
        assert_eq!(x, expected_mul);

        // On cells: the operands' tag bits ignored, the product tagged as a set felt.
        use cairo_jit_runtime::cell::TAG_SET;
        let (mut ca, mut cb) = (a, b);
        ca[0] |= TAG_SET;
        cb[0] |= TAG_SET;
        let mut cell = [0u64; 4];
        // SAFETY: all three pointers come from live, aligned local `Raw` values.
        unsafe { felt::cairo_jit_rt_felt_mul_cells(&mut cell, &ca, &cb) };
        let mut tagged = expected_mul;
        tagged[0] |= TAG_SET;
        assert_eq!(cell, tagged, "cairo_jit_rt_felt_mul_cells {a:x?} {b:x?}");
        let pc: *mut Raw = &mut ca;
        // SAFETY: `pc` points to a live, aligned `Raw`; the function allows out to alias a.
        unsafe { felt::cairo_jit_rt_felt_mul_cells(pc, pc, &cb) };
        assert_eq!(ca, tagged);

        // The implementations the JIT registers for this CPU (BMI2/ADX where it has them),
        // the same way, and a product into one of its own operands' cells (out == b).
        let (mut out, mut cell) = ([7u64; 4], [0u64; 4]);
        let (mut ca, mut cb) = (a, b);
        ca[0] |= TAG_SET;
        cb[0] |= TAG_SET;
        // SAFETY: all pointers come from live, aligned local `Raw` values.
        unsafe {
            felt::felt_mul_entry()(&mut out, &a, &b);
            felt::felt_mul_cells_entry()(&mut cell, &ca, &cb);
        }
        assert_eq!(out, expected_mul, "felt_mul_entry {a:x?} {b:x?}");
        assert_eq!(cell, tagged, "felt_mul_cells_entry {a:x?} {b:x?}");
        let pb: *mut Raw = &mut cb;
        // SAFETY: `pb` points to a live, aligned `Raw`; out may alias b.
        unsafe { felt::felt_mul_cells_entry()(pb, &ca, pb) };
        assert_eq!(cb, tagged);
        #[cfg(target_arch = "x86_64")]
        if felt::adx::available() {
            // SAFETY: the CPU has BMI2 and ADX.
            assert_eq!(unsafe { felt::adx::mul(&a, &b) }, expected_mul, "adx::mul {a:x?} {b:x?}");
        }
        #[cfg(target_arch = "x86_64")]
        if let Some(adx) = felt::adx::Adx::detect() {
            assert_eq!(adx.mul(a, b), expected_mul, "Adx::mul {a:x?} {b:x?}");
            assert_eq!(adx.square(a), felt::square(a), "Adx::square {a:x?}");
        }
        assert_eq!(felt::Portable.mul(a, b), expected_mul, "Portable::mul {a:x?} {b:x?}");
        assert_eq!(felt::Portable.square(b), felt::square(b), "Portable::square {b:x?}");

        let expected_div = NonZeroFelt::try_from(fr(b)).ok().map(|nz| fr(a).field_div(&nz).to_raw());
        let mut out = [7u64; 4];
        // SAFETY: all three pointers come from live, aligned local `Raw` values.
        let ok = unsafe { felt::cairo_jit_rt_felt_div(&mut out, &a, &b) };
        match expected_div {
            Some(q) => assert!(ok && out == q, "cairo_jit_rt_felt_div {a:x?} {b:x?}"),
            None => assert!(!ok && out == [7u64; 4], "division by zero must leave out unchanged"),
        }

        // Aliasing: out == b, and division by zero.
        let mut y = b;
        let py: *mut Raw = &mut y;
        // SAFETY: `py` points to a live, aligned `Raw`; the function allows out to alias b.
        let ok = unsafe { felt::cairo_jit_rt_felt_div(py, &a, py) };
        assert_eq!(ok, expected_div.is_some());
        assert_eq!(y, expected_div.unwrap_or(b));

        let mut out = a;
        // SAFETY: all three pointers come from live, aligned local `Raw` values.
        let ok = unsafe { felt::cairo_jit_rt_felt_div(&mut out, &b, &ZERO) };
        assert!(!ok);
        assert_eq!(out, a);
    });
}

/// Inputs built to take the rare branches of the reductions: a low limb that makes the
/// subtraction or addition of p carry across all limbs (a 2^-64 chance on random input).
#[test]
fn rare_carry_paths() {
    run("rare_carry_paths", 4, |g| {
        // In a Raw, index 3 is the least significant limb.
        let a = g.below_p();
        let with_low = |mut x: Raw, low: u64| {
            x[3] = low;
            x
        };
        // add: a0 + b0 = 0 mod 2^64, so the sum's low limb is 0.
        let b = with_low(g.below_p(), a[3].wrapping_neg());
        if felt::is_reduced(b) {
            assert_eq!(felt::add(a, b), (fr(a) + fr(b)).to_raw(), "add {a:x?} {b:x?}");
            assert_eq!(felt::add(b, a), (fr(a) + fr(b)).to_raw(), "add {b:x?} {a:x?}");
        }
        // sub: a0 - b0 = -1 mod 2^64, so the difference's low limb is all ones.
        let b = with_low(g.below_p(), a[3].wrapping_add(1));
        if felt::is_reduced(b) {
            assert_eq!(felt::sub(a, b), (fr(a) - fr(b)).to_raw(), "sub {a:x?} {b:x?}");
            let b2 = with_low(g.below_p(), a[3].wrapping_sub(1));
            if felt::is_reduced(b2) {
                assert_eq!(felt::sub(b2, a), (fr(b2) - fr(a)).to_raw(), "sub {b2:x?} {a:x?}");
            }
        }
        // double: 2 * a0 = 0 mod 2^64.
        let d = with_low(a, if g.rng.random() { 1 << 63 } else { 0 });
        if felt::is_reduced(d) {
            assert_eq!(felt::double(d), fr(d).double().to_raw(), "double {d:x?}");
            assert_eq!(felt::add(d, d), fr(d).double().to_raw(), "add {d:x?} {d:x?}");
        }
        // mul: a product whose raw low limb is 0 (when the Montgomery reduction goes negative,
        // adding p back carries across all limbs).
        let target = with_low(g.below_p(), 0);
        let x = g.nonzero();
        if felt::is_reduced(target) && target != ZERO {
            let y = (fr(target).field_div(&NonZeroFelt::try_from(fr(x)).unwrap())).to_raw();
            assert_eq!(felt::mul(x, y), target, "mul {x:x?} {y:x?}");
            assert_eq!(felt::mul(y, x), target, "mul {y:x?} {x:x?}");
            assert_eq!(felt::div(target, x), Some(y));
            if let Some(root) = fr(target).sqrt() {
                assert_eq!(felt::square(root.to_raw()), target, "square {root:x?}");
                #[cfg(target_arch = "x86_64")]
                if let Some(adx) = felt::adx::Adx::detect() {
                    assert_eq!(adx.square(root.to_raw()), target, "Adx::square {root:x?}");
                }
            }
            // from_canonical goes through the same multiplication.
            assert_eq!(felt::from_canonical(felt::to_canonical(target)), target);
        }
        // to_canonical of a value whose canonical low limb is 0.
        let c = with_low(g.below_p(), 0);
        let e = raw_of(c);
        assert_eq!(felt::to_canonical(e), c, "to_canonical {e:x?}");
        assert_eq!(felt::to_bytes_le(e), fr(e).to_bytes_le());
    });
}

/// Unreduced limbs give unspecified results, but must not panic (even with overflow checks).
#[test]
fn unreduced_inputs_do_not_panic() {
    run("unreduced_inputs_do_not_panic", 4, |g| {
        let (a, b) = (g.int256(), g.int256());
        let _ = (felt::add(a, b), felt::sub(a, b), felt::neg(a), felt::double(a));
        let _ = (felt::mul(a, b), felt::square(a), felt::inverse(a), felt::div(a, b));
        let _ = (felt::cmp(a, b), felt::to_canonical(a), felt::to_u64(a), felt::to_bytes_le(a));
        let _ = felt::pow(a, 1 << 100 | 12345);
    });
}
