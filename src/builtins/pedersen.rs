//! pedersen: instances of 3 cells `x, y, hash(x, y)`; the third is deduced from the first two
//! (cairo-lang's `HashBuiltinRunner` with `pedersen_hash`).
//!
//! The hash is the x coordinate of `shift + x_low * P0 + x_high * P1 + y_low * P2 + y_high * P3`
//! on the STARK curve (`x_low`: the low 248 bits, `x_high`: the top 4). It is computed with
//! fixed-base tables: for each base and each byte position `i` of its scalar, the multiples
//! `b * 2^(8i) * base` (`b` in 1..=255) as affine points, built once per process on first use
//! (about 16,000 points, 1 MiB). A hash is then at most 64 mixed additions in Jacobian
//! coordinates and one inversion, on the runtime's field arithmetic, generic over its products
//! (`felt::Products`): with the BMI2/ADX ones inlined where the CPU has them (about 9% faster a
//! hash, `cargo bench --bench engines -- hash/pedersen`). The point is the same
//! whatever the order of the additions, so the result is exactly starknet-types-core's
//! `Pedersen::hash` (checked by the tests), which is also the fallback for the inputs whose sum
//! is the point at infinity (cairo-lang rejects those as unhashable).

use crate::vm::{Memory, Relocatable, Value, VmError, VmErrorKind};
use cairo_jit_runtime::felt::{self as f, Products, Raw};
use cairo_jit_runtime::with_fastest_products;
use starknet_types_core::felt::Felt;
use starknet_types_core::hash::{Pedersen, StarkHash};
use std::sync::OnceLock;

/// The shift point and P0..P3 of cairo-lang's `pedersen_params.json` (affine x, y).
const SHIFT_POINT: [&str; 2] = [
    "0x49ee3eba8c1600700ee1b87eb599f16716b0b1022947733551fde4050ca6804",
    "0x3ca0cfe4b3bc6ddf346d49d06ea0ed34e621062c0e056c1d0405d266e10268a",
];
const BASES: [[&str; 2]; 4] = [
    [
        "0x234287dcbaffe7f969c748655fca9e58fa8120b6d56eb0c1080d17957ebe47b",
        "0x3b056f100f96fb21e889527d41f4e39940135dd7a6c94cc6ed0268ee89e5615",
    ],
    [
        "0x4fa56f376c83db33f9dab2656558f3399099ec1de5e3018b7a6932dba8aa378",
        "0x3fa0984c931c9e38113e0c0e47e4401562761f92a7a23b45168f4e80ff5b54d",
    ],
    [
        "0x4ba4cc166be8dec764910f75b45f74b40c690c74709e90f3aa372f0bd2d6997",
        "0x40301cf5c1751f4b971e46c4ede85fcac5c59a5ce5ae7c48151f27b24b219c",
    ],
    [
        "0x54302dcb0e6cc1c6e44cca8f61a63bb2ca65048d53fb325d36ff12c49a58202",
        "0x1b77b3e37d13504b348046268d8ae25ce98ad783c25561a879dcc77e99c2426",
    ],
];

/// Bytes of the low part of a scalar (248 bits), each a window of the P0 / P2 tables.
const LOW_WINDOWS: usize = 31;

/// An affine point (x, y) in Montgomery form.
type Affine = [Raw; 2];

/// A point in Jacobian coordinates (X, Y, Z): x = X / Z^2, y = Y / Z^3; Z = 0 is infinity.
#[derive(Clone, Copy)]
struct Jacobian {
    x: Raw,
    y: Raw,
    z: Raw,
}

impl Jacobian {
    const INFINITY: Jacobian = Jacobian { x: f::ONE, y: f::ONE, z: f::ZERO };

    fn from_affine(p: &Affine) -> Jacobian {
        Jacobian { x: p[0], y: p[1], z: f::ONE }
    }

    fn is_infinity(&self) -> bool {
        f::is_zero(self.z)
    }

    /// 2 * self (`dbl-2007-bl`, curve coefficient a = 1).
    fn double<P: Products>(&self, p: P) -> Jacobian {
        if self.is_infinity() || f::is_zero(self.y) {
            return Jacobian::INFINITY;
        }
        let xx = p.square(self.x);
        let yy = p.square(self.y);
        let yyyy = p.square(yy);
        let zz = p.square(self.z);
        let s = f::double(f::sub(f::sub(p.square(f::add(self.x, yy)), xx), yyyy));
        let m = f::add(f::add(f::double(xx), xx), p.square(zz));
        let t = f::sub(p.square(m), f::double(s));
        let y = f::sub(p.mul(m, f::sub(s, t)), f::double(f::double(f::double(yyyy))));
        let z = f::sub(f::sub(p.square(f::add(self.y, self.z)), yy), zz);
        Jacobian { x: t, y, z }
    }

    /// self + q for an affine q (`madd-2007-bl`, with the doubling and opposite cases).
    fn add_affine<P: Products>(&self, p: P, q: &Affine) -> Jacobian {
        if self.is_infinity() {
            return Jacobian::from_affine(q);
        }
        let z1z1 = p.square(self.z);
        let u2 = p.mul(q[0], z1z1);
        let s2 = p.mul(q[1], p.mul(self.z, z1z1));
        let h = f::sub(u2, self.x);
        let r = f::double(f::sub(s2, self.y));
        if f::is_zero(h) {
            return if f::is_zero(r) { self.double(p) } else { Jacobian::INFINITY };
        }
        let hh = p.square(h);
        let i = f::double(f::double(hh));
        let j = p.mul(h, i);
        let v = p.mul(self.x, i);
        let x3 = f::sub(f::sub(p.square(r), j), f::double(v));
        let y3 = f::sub(p.mul(r, f::sub(v, x3)), f::double(p.mul(self.y, j)));
        let z3 = f::sub(f::sub(p.square(f::add(self.z, h)), z1z1), hh);
        Jacobian { x: x3, y: y3, z: z3 }
    }
}

/// The fixed-base tables.
struct Tables {
    shift: Affine,
    /// For P0 and P2: `[window][b - 1]` = `b * 2^(8 window) * base`.
    low: [Vec<Affine>; 2],
    /// For P1 and P3: `[b - 1]` = `b * base`, b in 1..=15.
    high: [Vec<Affine>; 2],
}

fn point(p: &[&'static str; 2]) -> Affine {
    p.map(|c| Felt::from_hex_unwrap(c).to_raw())
}

/// The multiples `b * 2^(8w) * base` for `w < windows`, `b` in `1..=per_window`, in Jacobian
/// coordinates.
fn multiples<P: Products>(p: P, base: &Affine, windows: usize, per_window: usize) -> Vec<Jacobian> {
    let mut out = Vec::with_capacity(windows * per_window);
    let mut unit = *base;
    for _ in 0..windows {
        let mut acc = Jacobian::from_affine(&unit);
        out.push(acc);
        for _ in 1..per_window {
            acc = acc.add_affine(p, &unit);
            out.push(acc);
        }
        // The next window's unit: 256 * unit = 255 * unit + unit.
        unit = to_affine_one(p, &acc.add_affine(p, &unit)).expect("multiples of a base are finite");
    }
    out
}

/// One point to affine coordinates (`None` for infinity).
fn to_affine_one<P: Products>(p: P, pt: &Jacobian) -> Option<Affine> {
    let zi = f::inverse(pt.z)?;
    let zi2 = p.square(zi);
    Some([p.mul(pt.x, zi2), p.mul(pt.y, p.mul(zi2, zi))])
}

/// Affine coordinates of finite points, with one inversion (Montgomery's trick).
fn to_affine_all<P: Products>(p: P, points: &[Jacobian]) -> Vec<Affine> {
    let mut prefix = Vec::with_capacity(points.len());
    let mut acc = f::ONE;
    for pt in points {
        prefix.push(acc);
        acc = p.mul(acc, pt.z);
    }
    let mut inv = f::inverse(acc).expect("table points are finite");
    let mut out = vec![[f::ZERO; 2]; points.len()];
    for (i, pt) in points.iter().enumerate().rev() {
        let zi = p.mul(inv, prefix[i]);
        inv = p.mul(inv, pt.z);
        let zi2 = p.square(zi);
        out[i] = [p.mul(pt.x, zi2), p.mul(pt.y, p.mul(zi2, zi))];
    }
    out
}

fn tables() -> &'static Tables {
    static T: OnceLock<Tables> = OnceLock::new();
    T.get_or_init(|| with_fastest_products!(|p| build_tables(p)))
}

/// The tables, computed with the products of `p` (the same points whatever `p`).
fn build_tables<P: Products>(p: P) -> Tables {
    let low = |b: &Affine| to_affine_all(p, &multiples(p, b, LOW_WINDOWS, 255));
    let high = |b: &Affine| to_affine_all(p, &multiples(p, b, 1, 15));
    let [p0, p1, p2, p3] = BASES.each_ref().map(point);
    Tables { shift: point(&SHIFT_POINT), low: [low(&p0), low(&p2)], high: [high(&p1), high(&p3)] }
}

/// The Pedersen hash of two felts (StarkNet's), with the fastest products this CPU has.
pub fn hash(x: &Felt, y: &Felt) -> Felt {
    with_fastest_products!(|p| hash_with(p, x, y))
}

/// [`hash`] with the products of `p`.
pub fn hash_with<P: Products>(p: P, x: &Felt, y: &Felt) -> Felt {
    let t = tables();
    let mut acc = Jacobian::from_affine(&t.shift);
    for (k, v) in [x, y].into_iter().enumerate() {
        let bytes = f::to_bytes_le(v.to_raw());
        for (w, &b) in bytes[..LOW_WINDOWS].iter().enumerate() {
            if b != 0 {
                acc = acc.add_affine(p, &t.low[k][w * 255 + usize::from(b) - 1]);
            }
        }
        // A felt is below 2^252: the top byte is below 16.
        let top = bytes[LOW_WINDOWS];
        if top != 0 {
            acc = acc.add_affine(p, &t.high[k][usize::from(top) - 1]);
        }
    }
    match to_affine_one(p, &acc) {
        Some([px, _]) => Felt::from_raw(px),
        None => Pedersen::hash(x, y),
    }
}

/// The auto-deduction rule.
pub fn deduce(addr: Relocatable, memory: &Memory) -> Result<Option<Value>, VmError> {
    if addr.offset % 3 != 2 {
        return Ok(None);
    }
    let xa = Relocatable::new(addr.segment, addr.offset - 2);
    let ya = Relocatable::new(addr.segment, addr.offset - 1);
    let (Some(x), Some(y)) = (memory.get(xa), memory.get(ya)) else { return Ok(None) };
    let x = int(xa, x)?;
    let y = int(ya, y)?;
    Ok(Some(Value::Int(hash(&x, &y))))
}

fn int(at: Relocatable, v: Value) -> Result<Felt, VmError> {
    v.as_int().ok_or_else(|| {
        VmErrorKind::Builtin(format!("pedersen builtin: Expected integer at address {at}. Got: {v}.")).into()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hash_matches_starknet_types_core() {
        let mut inputs = vec![
            (Felt::ZERO, Felt::ZERO),
            (Felt::ONE, Felt::ZERO),
            (Felt::ZERO, Felt::ONE),
            (Felt::MAX, Felt::MAX),
            (Felt::from(0x1234), Felt::from(0)),
        ];
        let mut v = Felt::from(0xdead_beef_u64);
        for i in 0..40u64 {
            v = v * v + Felt::from(i);
            // Small values, values with zero bytes, and the top nibble set.
            inputs.push((v, Felt::from(i)));
            inputs.push((Felt::from(i) * Felt::from(1u128 << 100), v));
            inputs.push((Felt::MAX - Felt::from(i), v + Felt::from(1u64 << 63)));
        }
        for (x, y) in inputs {
            let expected = Pedersen::hash(&x, &y);
            assert_eq!(hash(&x, &y), expected, "pedersen({x}, {y})");
            assert_eq!(hash_with(f::Portable, &x, &y), expected, "portable pedersen({x}, {y})");
            #[cfg(target_arch = "x86_64")]
            if let Some(adx) = f::adx::Adx::detect() {
                assert_eq!(hash_with(adx, &x, &y), expected, "adx pedersen({x}, {y})");
            }
        }
        // cairo-lang's test vector.
        assert_eq!(
            hash(
                &Felt::from_hex_unwrap("0x3d937c035c878245caf64531a5756109c53068da139362728feb561405371cb"),
                &Felt::from_hex_unwrap("0x208a0a10250e382e1e4bbe2880906c2791bf6275695e02fbbc6aeff9cd8b31a"),
            ),
            Felt::from_hex_unwrap("0x30e480bed5fe53fa909cc0f8c4d99b8f9f2c016be4c41e13a4848797979c662")
        );
    }

    fn doubling_and_opposite_cases_with<P: Products>(m: P) {
        let t = tables();
        let p = t.high[0][0];
        let two_p = Jacobian::from_affine(&p).add_affine(m, &p);
        assert_eq!(to_affine_one(m, &two_p), Some(t.high[0][1]));
        let minus_p = [p[0], f::neg(p[1])];
        assert!(Jacobian::from_affine(&p).add_affine(m, &minus_p).is_infinity());
        assert!(Jacobian::INFINITY.double(m).is_infinity());
    }

    #[test]
    fn doubling_and_opposite_cases() {
        doubling_and_opposite_cases_with(f::Portable);
        #[cfg(target_arch = "x86_64")]
        if let Some(adx) = f::adx::Adx::detect() {
            doubling_and_opposite_cases_with(adx);
        }
    }

    /// The tables do not depend on the products they were computed with.
    #[test]
    fn tables_are_the_same_with_either_product() {
        let portable = build_tables(f::Portable);
        let t = tables();
        assert_eq!(portable.shift, t.shift);
        assert_eq!(portable.low, t.low);
        assert_eq!(portable.high, t.high);
    }
}
