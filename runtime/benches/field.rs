//! Field arithmetic: `cairo_jit_runtime::felt` against starknet-types-core's `Felt`.
//!
//! `cargo bench -p cairo-jit-runtime --bench field`; ids are `field/OP/ours`,
//! `field/OP/starknet-types-core` and, for the products on CPUs with BMI2 and ADX,
//! `field/OP/ours-adx` (what routines generic over `felt::Products` inline with
//! `felt::adx::Adx`), each time being for ONE operation.
//!
//! Both sides run the same loop: each iteration applies the operation to the next operands of
//! a ring of N random field elements (the same values on both sides, uniform over [0, p)), so
//! this measures the throughput of independent operations. The ring is reached through
//! `black_box`, so the compiler knows nothing about the operands and cannot hoist or fold the
//! work, and every result goes through `black_box`. N = 1024 keeps the data in cache while
//! being too long a sequence for the branch predictor to learn, as in real use where operands
//! are unpredictable (with a ring of 64, starknet-types-core's data-dependent branches get
//! learnt and its inverse looks about 15% faster than on fresh data).

use std::hint::black_box;
use std::time::Instant;

use cairo_jit_runtime::felt::{self, Products, Raw};
use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion};
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};
use starknet_types_core::felt::Felt;

/// Size of the input ring (a power of two).
const N: usize = 1024;

/// Runs per sample, of which the fastest is kept.
const RUNS: usize = 3;

struct Inputs {
    a: Box<[Raw; N]>,
    b: Box<[Raw; N]>,
    fa: Box<[Felt; N]>,
    fb: Box<[Felt; N]>,
    small: Box<[u64; N]>,
}

fn inputs() -> Inputs {
    let mut rng = StdRng::seed_from_u64(0xbe4c_0f1e_1d00);
    let mut elem = || loop {
        // Uniform over [0, p) (rejection sampling), nonzero so that every inverse exists.
        let mut c: [u64; 4] = rng.random();
        c[0] &= (1 << 60) - 1;
        if felt::is_reduced(c) && c != felt::ZERO {
            return c;
        }
    };
    let a: Box<[Raw; N]> = Box::new(std::array::from_fn(|_| elem()));
    let b: Box<[Raw; N]> = Box::new(std::array::from_fn(|_| elem()));
    let fa = Box::new(a.map(Felt::from_raw));
    let fb = Box::new(b.map(Felt::from_raw));
    let small = Box::new(std::array::from_fn(|_| rng.random()));
    Inputs { a, b, fa, fb, small }
}

/// Benchmarks `$op` on operands `$x = $xs[i]`, `$y = $ys[i]` for i running round the ring.
///
/// `iter_custom` runs the loop of criterion's `iter` (`black_box` of each result), with the
/// ring index in a register rather than in the closure's captured state. Each sample is the
/// fastest of [`RUNS`] back-to-back runs of that loop: the machine is shared, and another
/// process taking the core can only make a run slower.
macro_rules! bench {
    ($group:expr, $name:literal, $side:literal, $xs:expr, $ys:expr, |$x:ident, $y:ident| $op:expr) => {{
        let (xs, ys) = (&*$xs, &*$ys);
        $group.bench_function(BenchmarkId::new($name, $side), |bencher| {
            bencher.iter_custom(|iters| {
                (0..RUNS)
                    .map(|_| {
                        let start = Instant::now();
                        for k in 0..iters {
                            let i = k as usize % N;
                            let ($x, $y) = (black_box(xs)[i], black_box(ys)[i]);
                            black_box($op);
                        }
                        start.elapsed()
                    })
                    .min()
                    .unwrap()
            })
        });
    }};
}

fn field(c: &mut Criterion) {
    let inp = inputs();
    let mut g = c.benchmark_group("field");

    bench!(g, "add", "ours", inp.a, inp.b, |x, y| felt::add(x, y));
    bench!(g, "add", "starknet-types-core", inp.fa, inp.fb, |x, y| x + y);

    bench!(g, "sub", "ours", inp.a, inp.b, |x, y| felt::sub(x, y));
    bench!(g, "sub", "starknet-types-core", inp.fa, inp.fb, |x, y| x - y);

    bench!(g, "mul", "ours", inp.a, inp.b, |x, y| felt::mul(x, y));
    bench!(g, "mul", "starknet-types-core", inp.fa, inp.fb, |x, y| x * y);

    bench!(g, "square", "ours", inp.a, inp.b, |x, _y| felt::square(x));
    bench!(g, "square", "starknet-types-core", inp.fa, inp.fb, |x, _y| x.square());

    // The products that routines generic over `Products` inline, on CPUs with BMI2 and ADX.
    #[cfg(target_arch = "x86_64")]
    if let Some(adx) = felt::adx::Adx::detect() {
        bench!(g, "mul", "ours-adx", inp.a, inp.b, |x, y| adx.mul(x, y));
        bench!(g, "square", "ours-adx", inp.a, inp.b, |x, _y| adx.square(x));
    }

    bench!(g, "inverse", "ours", inp.a, inp.b, |x, _y| felt::inverse(x));
    bench!(g, "inverse", "starknet-types-core", inp.fa, inp.fb, |x, _y| x.inverse());

    bench!(g, "from_u64", "ours", inp.small, inp.small, |x, _y| felt::from_u64(x));
    bench!(g, "from_u64", "starknet-types-core", inp.small, inp.small, |x, _y| Felt::from(x));

    bench!(g, "to_bytes_le", "ours", inp.a, inp.b, |x, _y| felt::to_bytes_le(x));
    bench!(g, "to_bytes_le", "starknet-types-core", inp.fa, inp.fb, |x, _y| x.to_bytes_le());

    g.finish();
}

/// Links per `mul_chain` iteration.
const LINKS: usize = 1024;

/// The JIT's multiplication entry points called as compiled code calls them, through a
/// function pointer on cells in memory, in a chain where each product is the next call's
/// operand (factorial_loop's loop): the latency of one link, the portable implementation
/// against the one `felt_mul_cells_entry` picks for this CPU (BMI2/ADX where it has them).
/// Ids: `mul_chain/portable`, `mul_chain/entry`; time per LINKS links.
fn mul_chain(c: &mut Criterion) {
    use cairo_jit_runtime::cell::TAG_SET;
    let inp = inputs();
    let mut g = c.benchmark_group("mul_chain");
    let portable: felt::MulEntry = felt::cairo_jit_rt_felt_mul_cells;
    for (id, f) in [("portable", portable), ("entry", felt::felt_mul_cells_entry())] {
        let mut y = inp.b[0];
        y[0] |= TAG_SET;
        g.bench_function(id, |bch| {
            let mut cell = inp.a[0];
            cell[0] |= TAG_SET;
            let f = black_box(f);
            bch.iter(|| {
                let p: *mut Raw = &mut cell;
                for _ in 0..LINKS {
                    // SAFETY: `p` and `&y` point to live, aligned cells; out may alias a.
                    unsafe { f(black_box(p), p, &y) };
                }
            });
            black_box(cell);
        });
    }
    g.finish();
}

criterion_group!(benches, field, mul_chain);
criterion_main!(benches);
