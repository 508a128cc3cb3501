//! Interpreter throughput against the cairo-vm crate on the same program, side by side in one
//! criterion run, trace recording on (as when writing a trace file).
//!
//! `cargo bench --bench interp`

use cairo_jit::program::Program;
use cairo_jit::runner::{self, Layout, RunConfig, TraceMode};
use cairo_vm::cairo_run::{cairo_run, CairoRunConfig};
use cairo_vm::hint_processor::builtin_hint_processor::builtin_hint_processor_definition::BuiltinHintProcessor;
use cairo_vm::types::layout_name::LayoutName;
use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use std::path::Path;

fn bench_program(c: &mut Criterion, name: &str) {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("benches/programs").join(format!("{name}.json"));
    let bytes = std::fs::read(&path).expect("bench program");
    let program = Program::from_json_bytes(&bytes).expect("load");
    let config = RunConfig::new().with_layout(Layout::by_name("plain").unwrap()).with_trace(TraceMode::On);
    let steps = runner::run(&program, &config).expect("run").vm.current_step;

    let mut g = c.benchmark_group(name);
    g.sample_size(10);
    g.throughput(Throughput::Elements(steps));
    g.bench_function(BenchmarkId::new("interp", steps), |b| {
        b.iter(|| {
            let p = Program::from_json_bytes(&bytes).unwrap();
            runner::run(&p, &config).unwrap().vm.current_step
        })
    });
    g.bench_function(BenchmarkId::new("cairo-vm", steps), |b| {
        b.iter(|| {
            let cfg = CairoRunConfig {
                trace_enabled: true,
                relocate_mem: true,
                relocate_trace: true,
                layout: LayoutName::plain,
                ..Default::default()
            };
            let mut hp = BuiltinHintProcessor::new_empty();
            let r = cairo_run(&bytes, &cfg, &mut hp).unwrap();
            r.relocated_trace.as_ref().map(|t| t.len())
        })
    });
    g.finish();
}

fn benches(c: &mut Criterion) {
    bench_program(c, "fib_loop");
    bench_program(c, "factorial_loop");
}

criterion_group!(interp, benches);
criterion_main!(interp);
