//! Throughput of the interpreter, the JIT and the cairo-vm crate on the same programs, side by
//! side in one criterion run, trace recording on. Per program two measurements per VM:
//! - `ENGINE`: load the program and execute it (JIT compile time included);
//! - `ENGINE+files`: the same, then relocate and serialize trace and memory as the trace and
//!   memory files (written to a sink; cairo-vm: `relocate_trace`/`relocate_mem` and its
//!   `write_encoded_trace`/`write_encoded_memory`).
//!
//! The heavier suite (hash functions, dictionaries, sorting, uint256, secp256k1, search) is
//! measured without the `+files` variants, and cairo-vm only where it runs the program (its hint
//! processor and layout); a program it cannot run is reported and skipped.
//!
//! A `load` group measures parsing each program's JSON (ours and cairo-vm's) and decoding its
//! bytecode. A last group, `jit_compile`, measures only the JIT's compile time per program (every region
//! the run reaches, compiled on first use; the time Cranelift and the lowering take, from the
//! run's `JitStats`), with throughput in compiled CASM instructions.
//!
//! The `cairo1_*` groups run the Cairo 1 benchmarks (Sierra programs) under the three VMs,
//! cairo-vm with its `Cairo1HintProcessor` (`cargo bench --bench engines -- cairo1`).
//!
//! A `hash` group measures the builtins' Pedersen hash and Poseidon permutation alone, ours
//! (with the portable and with the BMI2/ADX products) against starknet-types-core's.
//!
//! `cargo bench --bench engines` (all), `cargo bench --bench engines -- pedersen_loop` (one
//! group), `cargo bench --bench engines -- jit_compile/` (compile time only).

use cairo_jit::jit::JitOptions;
use cairo_jit::output;
use cairo_jit::program::Program;
use cairo_jit::runner::{self, Engine, Layout, RunConfig, TraceMode};
use cairo_vm::cairo_run::{cairo_run, write_encoded_memory, write_encoded_trace, CairoRunConfig};
use cairo_vm::hint_processor::builtin_hint_processor::builtin_hint_processor_definition::BuiltinHintProcessor;
use cairo_vm::types::layout_name::LayoutName;
use criterion::{criterion_group, BenchmarkId, Criterion, Throughput};
use std::path::Path;
use std::time::Duration;

/// What a measurement records: the trace or not, and the files or not.
#[derive(Clone, Copy, PartialEq)]
enum Record {
    /// No trace.
    Nothing,
    /// The trace, in memory.
    Trace,
    /// The trace, then both files serialized (to a sink).
    Files,
}

impl Record {
    fn suffix(self) -> &'static str {
        match self {
            Record::Nothing => "/notrace",
            Record::Trace => "",
            Record::Files => "+files",
        }
    }
}

fn ours(bytes: &[u8], layout: &str, engine: &Engine, record: Record) -> u64 {
    let files = record == Record::Files;
    let p = Program::from_json_bytes(bytes).unwrap();
    let trace = if record == Record::Nothing { TraceMode::Off } else { TraceMode::On };
    let cfg = RunConfig::new()
        .with_layout(Layout::by_name(layout).expect("layout"))
        .with_trace(trace)
        .with_engine(engine.clone());
    let run = runner::run(&p, &cfg).unwrap();
    if files {
        output::write_trace(&run, &mut std::io::sink()).unwrap();
        output::write_memory(&run, &mut std::io::sink()).unwrap();
    }
    run.vm.current_step
}

fn layout_name(layout: &str) -> LayoutName {
    match layout {
        "plain" => LayoutName::plain,
        "small" => LayoutName::small,
        "recursive" => LayoutName::recursive,
        "recursive_with_poseidon" => LayoutName::recursive_with_poseidon,
        "starknet" => LayoutName::starknet,
        other => panic!("no cairo-vm layout mapping for {other}"),
    }
}

fn try_theirs(bytes: &[u8], layout: &str, record: Record) -> Result<usize, String> {
    let files = record == Record::Files;
    // (steps as the return value keeps the work observable)
    let cfg = CairoRunConfig {
        trace_enabled: record != Record::Nothing,
        relocate_mem: files,
        relocate_trace: files,
        layout: layout_name(layout),
        ..Default::default()
    };
    let mut hp = BuiltinHintProcessor::new_empty();
    let r = cairo_run(bytes, &cfg, &mut hp).map_err(|e| e.to_string())?;
    if files {
        write_encoded_trace(r.relocated_trace.as_ref().unwrap(), &mut std::io::sink()).unwrap();
        write_encoded_memory(&r.relocated_memory, &mut std::io::sink()).unwrap();
    }
    Ok(r.vm.get_current_step())
}

fn theirs(bytes: &[u8], layout: &str, record: Record) -> usize {
    try_theirs(bytes, layout, record).unwrap()
}

/// One group per program: interp, jit and (where it runs the program) cairo-vm, trace on
/// (`ENGINE`) and off (`ENGINE/notrace`); with `files`, also the `+files` variants.
fn bench_program(c: &mut Criterion, name: &str, layout: &str, files_too: bool) {
    let bytes = program_bytes(name);
    let steps = ours(&bytes, layout, &Engine::Interp, Record::Nothing);
    let cairo_vm_ok = match try_theirs(&bytes, layout, Record::Nothing) {
        Ok(_) => true,
        Err(e) => {
            eprintln!("{name}: cairo-vm cannot run it, skipped: {e}");
            false
        }
    };
    let mut g = c.benchmark_group(name);
    g.sample_size(10);
    g.throughput(Throughput::Elements(steps));
    let variants: &[Record] = if files_too {
        &[Record::Trace, Record::Nothing, Record::Files]
    } else {
        &[Record::Trace, Record::Nothing]
    };
    for &record in variants {
        let suffix = record.suffix();
        for (id, engine) in [("interp", Engine::Interp), ("jit", Engine::Jit(JitOptions::default()))] {
            g.bench_function(BenchmarkId::new(format!("{id}{suffix}"), steps), |b| {
                b.iter(|| ours(&bytes, layout, &engine, record))
            });
        }
        if cairo_vm_ok {
            g.bench_function(BenchmarkId::new(format!("cairo-vm{suffix}"), steps), |b| {
                b.iter(|| theirs(&bytes, layout, record))
            });
        }
    }
    g.finish();
}

fn program_bytes(name: &str) -> Vec<u8> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("benches/programs").join(format!("{name}.json"));
    std::fs::read(&path).expect("bench program")
}

/// `load`: parsing a program's JSON (ours and cairo-vm's), and decoding every instruction of
/// its bytecode (ours), per bench program.
fn bench_load(c: &mut Criterion) {
    let mut g = c.benchmark_group("load");
    g.sample_size(20);
    for (name, _) in ALL {
        let bytes = program_bytes(name);
        g.throughput(Throughput::Bytes(bytes.len() as u64));
        g.bench_function(BenchmarkId::new("parse", name), |b| {
            b.iter(|| Program::from_json_bytes(&bytes).unwrap().data().len())
        });
        g.bench_function(BenchmarkId::new("parse/cairo-vm", name), |b| {
            b.iter(|| cairo_vm::types::program::Program::from_bytes(&bytes, Some("main")).unwrap())
        });
        let program = Program::from_json_bytes(&bytes).unwrap();
        g.bench_function(BenchmarkId::new("decode", name), |b| {
            b.iter(|| {
                program
                    .data()
                    .iter()
                    .filter(|f| {
                        cairo_jit::casm::decode(cairo_jit_runtime::felt::to_canonical(f.to_raw())).is_ok()
                    })
                    .count()
            })
        });
    }
    g.finish();
}

/// Every program of the suite with its layout; the `plain` ones (the three loops) are also
/// measured with the files written.
const ALL: &[(&str, &str)] = &[
    ("fib_loop", "plain"),
    ("factorial_loop", "plain"),
    ("memcpy_loop", "plain"),
    ("pedersen_loop", "small"),
    ("poseidon_many", "recursive_with_poseidon"),
    ("keccak_loop", "recursive"),
    ("sha256_loop", "recursive"),
    ("blake2s_loop", "recursive"),
    ("dict_squash", "small"),
    ("usort_loop", "small"),
    ("uint256_loop", "small"),
    ("secp_verify", "small"),
    ("find_compare", "small"),
];

/// Compile time alone: each program run with every region compiled on first use; the measured
/// time is the run's JIT compile time (`JitStats::compile_ns`), not the run's.
fn bench_compile(c: &mut Criterion) {
    let mut g = c.benchmark_group("jit_compile");
    g.sample_size(10);
    for (name, layout) in ALL {
        let program = Program::from_json_bytes(&program_bytes(name)).unwrap();
        let cfg = RunConfig::new()
            .with_layout(Layout::by_name(layout).expect("layout"))
            .with_engine(Engine::Jit(JitOptions { threshold: 0, dump_clif: None, background: false }));
        let compile = || runner::run(&program, &cfg).unwrap().jit_stats.expect("jit stats");
        g.throughput(Throughput::Elements(compile().instructions));
        g.bench_function(*name, |b| {
            b.iter_custom(|iters| (0..iters).map(|_| Duration::from_nanos(compile().compile_ns)).sum())
        });
    }
    g.finish();
}

#[path = "../tests/cairo1/cairo_vm_runner.rs"]
mod cairo_vm_runner;

/// A Cairo 1 benchmark, Sierra compiled to CASM once outside the measurement (layout
/// all_cairo, trace on): `interp` and `jit` run the loaded program; `cairo-vm` builds its
/// `Program` from the same bytecode and runs it with its `Cairo1HintProcessor`, as
/// `tests/cairo1.rs` does.
fn bench_cairo1(c: &mut Criterion, name: &str, file: &str, args: &str) {
    use cairo_jit::cairo1::{parse_args, Cairo1Program, EntryOptions};
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(file);
    let bytes = std::fs::read(&path).expect("cairo1 bench program");
    let options = EntryOptions { args: parse_args(args).unwrap(), ..Default::default() };
    let p = Cairo1Program::from_file(&path, &bytes, &options).unwrap();
    let program = p.to_program().unwrap();
    let cfg = |engine: Engine| {
        let mut cfg = RunConfig::new()
            .with_layout(Layout::by_name("all_cairo").expect("layout"))
            .with_trace(TraceMode::On)
            .with_engine(engine);
        cfg.cairo1 =
            Some(runner::Cairo1Run { hints: p.hints(), builtin_costs: p.builtin_costs, syscalls: None });
        cfg
    };
    let theirs = || {
        let (vm_program, mut hp) = cairo_vm_runner::program(&p, false).unwrap();
        cairo_vm_runner::run(&p, &vm_program, &mut hp, LayoutName::all_cairo, false)
            .unwrap()
            .vm
            .get_current_step()
    };
    let steps = runner::run(&program, &cfg(Engine::Interp)).unwrap().vm.current_step;
    assert_eq!(theirs() as u64, steps, "{name}: cairo-vm runs as many steps");
    let mut g = c.benchmark_group(name);
    g.sample_size(10);
    g.throughput(Throughput::Elements(steps));
    for (id, engine) in [("interp", Engine::Interp), ("jit", Engine::Jit(JitOptions::default()))] {
        let cfg = cfg(engine);
        g.bench_function(BenchmarkId::new(id, steps), |b| {
            b.iter(|| runner::run(&program, &cfg).unwrap().vm.current_step)
        });
    }
    g.bench_function(BenchmarkId::new("cairo-vm", steps), |b| b.iter(theirs));
    g.finish();
}

/// The Cairo 1 benchmarks: (group, program, `--args`), about 1.5M steps.
const CAIRO1: &[(&str, &str, &str)] =
    &[("cairo1_mixed_loop", "benches/programs/cairo1/mixed_loop.sierra.json", "700")];

/// The builtins' hashes alone, one hash per iteration chained through its result (as a hash
/// loop uses them; each sample the fastest of three runs): ours with the portable products
/// and with the BMI2/ADX ones inlined (`hash/HASH/portable`, `hash/HASH/adx`, the latter on
/// CPUs with the extensions, where the builtins use them), and starknet-types-core's (which
/// cairo-vm calls).
/// `cargo bench --bench engines -- hash/`.
fn bench_hashes(c: &mut Criterion) {
    use cairo_jit::builtins::{pedersen, poseidon};
    use cairo_jit_runtime::felt;
    use starknet_types_core::felt::Felt;
    use starknet_types_core::hash::{Pedersen, Poseidon, StarkHash};
    use std::hint::black_box;

    // Full-width operands: a chain x_{i+1} = x_i^2 + i from a 64-bit seed.
    let mut x = Felt::from(0x9e37_79b9_7f4a_7c15_u64);
    let ring: Vec<Felt> = (0..64u64)
        .map(|i| {
            x = x * x + Felt::from(i);
            x
        })
        .collect();
    let mut g = c.benchmark_group("hash");
    // Each sample is the fastest of three back-to-back runs of its iterations: on a shared
    // machine another process can only make a run slower (as in the runtime's `field` bench).
    macro_rules! chain {
        ($id:expr, |$h:ident, $y:ident| $step:expr) => {
            g.bench_function($id, |b| {
                b.iter_custom(|iters| {
                    (0..3)
                        .map(|_| {
                            let mut $h = ring[0];
                            let start = std::time::Instant::now();
                            for k in 0..iters {
                                let $y = black_box(&ring[k as usize % ring.len()]);
                                $h = $step;
                            }
                            let t = start.elapsed();
                            black_box($h);
                            t
                        })
                        .min()
                        .expect("three runs")
                })
            })
        };
    }
    chain!("pedersen/portable", |h, y| pedersen::hash_with(felt::Portable, &h, y));
    #[cfg(target_arch = "x86_64")]
    if let Some(adx) = felt::adx::Adx::detect() {
        chain!("pedersen/adx", |h, y| pedersen::hash_with(adx, &h, y));
    }
    chain!("pedersen/starknet-types-core", |h, y| Pedersen::hash(&h, y));
    chain!("poseidon/portable", |h, y| poseidon::permute_with(felt::Portable, [h, *y, h])[0]);
    #[cfg(target_arch = "x86_64")]
    if let Some(adx) = felt::adx::Adx::detect() {
        chain!("poseidon/adx", |h, y| poseidon::permute_with(adx, [h, *y, h])[0]);
    }
    chain!("poseidon/starknet-types-core", |h, y| {
        let mut s = [h, *y, h];
        Poseidon::hades_permutation(&mut s);
        s[0]
    });
    g.finish();
}

fn benches(c: &mut Criterion) {
    bench_hashes(c);
    bench_load(c);
    for (p, layout) in ALL {
        bench_program(c, p, layout, *layout == "plain");
    }
    for (name, file, args) in CAIRO1 {
        bench_cairo1(c, name, file, args);
    }
    bench_compile(c);
}

criterion_group!(engines, benches);

/// `CAIRO_VM_PEAK=PROGRAM.json:LAYOUT cargo bench --bench engines`: instead of benchmarking, runs
/// the program once under cairo-vm (trace on, trace and memory relocated and serialized as the
/// files, to a sink) and prints this process's peak RSS (for BENCHMARKS.md's memory comparison
/// with `cairo-jit bench`'s child-run peaks, which write both files).
fn cairo_vm_peak(spec: &str) {
    let (path, layout) = spec.rsplit_once(':').expect("CAIRO_VM_PEAK=PROGRAM.json:LAYOUT");
    let bytes = std::fs::read(path).expect("program");
    let steps = theirs(&bytes, layout, Record::Files);
    // SAFETY: rusage is plain old data filled by getrusage.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    unsafe { libc::getrusage(libc::RUSAGE_SELF, &mut usage) };
    let peak = usage.ru_maxrss as u64 * 1024;
    println!(
        "cairo-vm {path}: {steps} steps, peak RSS {peak} bytes, {:.1} bytes/step",
        peak as f64 / steps as f64
    );
}

fn main() {
    if let Ok(spec) = std::env::var("CAIRO_VM_PEAK") {
        cairo_vm_peak(&spec);
        return;
    }
    engines();
    Criterion::default().configure_from_args().final_summary();
}
