//! The JIT against the interpreter: every fixture under both engines (JIT compiling on first
//! use, after two executions, and after two executions on the compiler thread), with identical trace, memory, output, print_info and
//! errors at the same step. The interpreter is the specification.

use crate::common::*;
use cairo_jit::jit::JitOptions;
use cairo_jit::program::Program;
use cairo_jit::runner::{self, Engine, Layout, RunConfig, RunError, RunMode, RunOutput, TraceMode};
use cairo_jit::testing::Outcome;

pub fn outcome(r: Result<RunOutput, RunError>) -> Outcome {
    Outcome::of(r)
}

pub fn engines() -> Vec<(&'static str, Engine)> {
    vec![
        ("jit(threshold 0)", Engine::Jit(JitOptions { threshold: 0, dump_clif: None, background: false })),
        ("jit(threshold 2)", Engine::Jit(JitOptions { threshold: 2, dump_clif: None, background: false })),
        // Compiling on the compiler thread: code is installed whenever it is ready.
        (
            "jit(background, threshold 2)",
            Engine::Jit(JitOptions { threshold: 2, dump_clif: None, background: true }),
        ),
    ]
}

#[test]
fn every_fixture_is_identical_under_both_engines() {
    let mut compared = 0;
    let mut regions = 0;
    let mut compile_failures = 0;
    let mut failures = Vec::new();
    for (path, g) in goldens(&["tests/programs", "examples"]) {
        let prog_path = program_path(&path, &g);
        let program = Program::from_file(&prog_path).unwrap();
        let layout_name = flag(&g, "--layout").unwrap_or("plain");
        let layout = Layout::by_name(layout_name).unwrap();
        let mut cfg = RunConfig::new().with_layout(layout).with_trace(TraceMode::On);
        if let Some(e) = flag(&g, "--entrypoint") {
            cfg = cfg.with_entrypoint(e);
        }
        if let Some(s) = flag(&g, "--steps") {
            cfg = cfg.with_steps(Some(s.parse().unwrap()));
        }
        if let Some(s) = flag(&g, "--min_steps") {
            cfg = cfg.with_min_steps(Some(s.parse().unwrap()));
        }
        if g.flags.iter().any(|f| f == "--proof_mode") {
            cfg = cfg.with_mode(RunMode::Proof);
        }
        if g.flags.iter().any(|f| f == "--allow_missing_builtins") {
            cfg = cfg.with_allow_missing_builtins(true);
        }
        if layout_name == "dynamic" {
            // The dynamic layout's parameters come from a file; its fixtures are run by the
            // golden test through the binary (JIT by default).
            continue;
        }
        let reference = outcome(runner::run(&program, &cfg.clone().with_engine(Engine::Interp)));
        for (name, engine) in engines() {
            let r = runner::run(&program, &cfg.clone().with_engine(engine));
            if let Ok(o) = &r {
                regions += o.jit_stats.map_or(0, |s| s.regions);
                compile_failures += o.jit_stats.map_or(0, |s| s.failures);
            }
            let got = outcome(r);
            if got != reference {
                failures.push(format!(
                    "{} under {name}:\n  interp: {}\n  jit:    {}",
                    path.display(),
                    brief(&reference),
                    brief(&got)
                ));
            }
            compared += 1;
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    assert_eq!(compile_failures, 0, "regions failed to compile (run with CAIRO_JIT_DEBUG=1)");
    assert!(regions > 20, "the JIT compiled only {regions} regions over the fixtures");
    eprintln!("{compared} fixture runs identical; {regions} regions compiled");
}

pub fn brief(o: &Outcome) -> String {
    o.brief()
}
