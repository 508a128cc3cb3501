//! Throughput of the interpreter, the JIT and the cairo-vm crate on the same programs, side by
//! side in one criterion run, trace recording on. Per program two measurements per VM:
//! - `ENGINE`: load the program and execute it (JIT compile time included);
//! - `ENGINE+files`: the same, then relocate and serialize trace and memory as the trace and
//!   memory files (written to a sink; cairo-vm: `relocate_trace`/`relocate_mem` and its
//!   `write_encoded_trace`/`write_encoded_memory`).
//!
//! `cargo bench --bench engines`

use cairo_jit::jit::JitOptions;
use cairo_jit::output;
use cairo_jit::program::Program;
use cairo_jit::runner::{self, Engine, RunConfig, TraceMode};
use cairo_vm::cairo_run::{cairo_run, write_encoded_memory, write_encoded_trace, CairoRunConfig};
use cairo_vm::hint_processor::builtin_hint_processor::builtin_hint_processor_definition::BuiltinHintProcessor;
use cairo_vm::types::layout_name::LayoutName;
use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use std::path::Path;

fn ours(bytes: &[u8], engine: &Engine, files: bool) -> u64 {
    let p = Program::from_json_bytes(bytes).unwrap();
    let cfg = RunConfig::new().with_trace(TraceMode::On).with_engine(engine.clone());
    let run = runner::run(&p, &cfg).unwrap();
    if files {
        output::write_trace(&run, &mut std::io::sink()).unwrap();
        output::write_memory(&run, &mut std::io::sink()).unwrap();
    }
    run.vm.current_step
}

fn theirs(bytes: &[u8], files: bool) -> usize {
    // (steps as the return value keeps the work observable)
    let cfg = CairoRunConfig {
        trace_enabled: true,
        relocate_mem: files,
        relocate_trace: files,
        layout: LayoutName::plain,
        ..Default::default()
    };
    let mut hp = BuiltinHintProcessor::new_empty();
    let r = cairo_run(bytes, &cfg, &mut hp).unwrap();
    if files {
        write_encoded_trace(r.relocated_trace.as_ref().unwrap(), &mut std::io::sink()).unwrap();
        write_encoded_memory(&r.relocated_memory, &mut std::io::sink()).unwrap();
    }
    r.vm.get_current_step()
}

fn bench_program(c: &mut Criterion, name: &str) {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("benches/programs").join(format!("{name}.json"));
    let bytes = std::fs::read(&path).expect("bench program");
    let steps = ours(&bytes, &Engine::Interp, false);
    let mut g = c.benchmark_group(name);
    g.sample_size(10);
    g.throughput(Throughput::Elements(steps));
    for files in [false, true] {
        let suffix = if files { "+files" } else { "" };
        for (id, engine) in [("interp", Engine::Interp), ("jit", Engine::Jit(JitOptions::default()))] {
            g.bench_function(BenchmarkId::new(format!("{id}{suffix}"), steps), |b| {
                b.iter(|| ours(&bytes, &engine, files))
            });
        }
        g.bench_function(BenchmarkId::new(format!("cairo-vm{suffix}"), steps), |b| {
            b.iter(|| theirs(&bytes, files))
        });
    }
    g.finish();
}

fn benches(c: &mut Criterion) {
    for p in ["fib_loop", "factorial_loop", "memcpy_loop"] {
        bench_program(c, p);
    }
}

criterion_group!(engines, benches);
criterion_main!(engines);
