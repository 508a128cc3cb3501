//! Adversarial programs under both engines: unbounded recursion stopped by the step limit,
//! control flow into data, the most extreme offsets an instruction encodes. Compiled code must
//! stay inside its buffers and agree with the interpreter; the errors are cairo-run's.

use crate::common::*;
use cairo_jit::hints::{HintCtx, HintError, HintRegistry};
use cairo_jit::jit::JitOptions;
use cairo_jit::program::Program;
use cairo_jit::runner::{Engine, Layout, RunConfig, RunMode};
use cairo_jit::testing::{compare_engines, Outcome};

fn data(name: &str) -> Program {
    Program::from_file(&root().join("tests/data").join(name)).unwrap()
}

#[test]
fn unbounded_recursion_hits_the_step_limit_identically() {
    let o =
        compare_engines(&data("infinite_recursion.json"), &RunConfig::new().with_max_steps(Some(200_000)))
            .unwrap();
    match o {
        Outcome::Err { step, message, .. } => {
            assert_eq!(step, Some(200_000));
            assert!(message.contains("Error: End of program was not reached"), "{message}");
        }
        other => panic!("expected the step limit, got {}", other.brief()),
    }
}

#[test]
fn jumps_into_data_agree() {
    let o =
        compare_engines(&data("jump_into_data.json"), &RunConfig::new().with_max_steps(Some(1000))).unwrap();
    assert!(matches!(o, Outcome::Ok { .. }), "{}", o.brief());
}

#[test]
fn extreme_offsets_agree_and_read_below_the_segment_as_cairo_run_does() {
    let o = compare_engines(&data("extreme_offsets.json"), &RunConfig::new()).unwrap();
    match o {
        Outcome::Err { pc, message, .. } => {
            assert_eq!(pc.as_deref(), Some("0:4"));
            // cairo-run: the offset is reduced modulo p.
            assert!(message.contains(
                "Unknown value for memory cell at address 1:3618502788666131213697322783095070105623107215331596699973092056135871987715."
            ), "{message}");
        }
        other => panic!("expected an error, got {}", other.brief()),
    }
}

/// Whether the kernel's heuristic overcommit refuses a 64 GiB private mapping here: the
/// default policy on a machine with less than 64 GiB of memory and swap.
fn refuses_64_gib() -> bool {
    let policy = std::fs::read_to_string("/proc/sys/vm/overcommit_memory").unwrap_or_default();
    let meminfo = std::fs::read_to_string("/proc/meminfo").unwrap_or_default();
    let kib = |key: &str| -> u64 {
        meminfo
            .lines()
            .find(|l| l.starts_with(key))
            .and_then(|l| l.split_whitespace().nth(1))
            .and_then(|v| v.parse().ok())
            .unwrap_or(u64::MAX / 4)
    };
    policy.trim() == "0" && kib("MemTotal:") + kib("SwapTotal:") < 64 << 20
}

/// A write whose segment storage the system refuses is an error naming the pc and the
/// source, the same under both engines, not an abort of the process.
#[test]
fn a_write_the_system_has_no_memory_for_is_an_error() {
    if !refuses_64_gib() {
        eprintln!("skipped: this machine's overcommit policy grants a 64 GiB mapping");
        return;
    }
    match compare_engines(&data("far_write.json"), &RunConfig::new()).unwrap() {
        Outcome::Err { pc, message, .. } => {
            assert_eq!(pc.as_deref(), Some("0:2"));
            assert!(
                message.contains(
                    "Cannot allocate memory for address 1:2147483650: its segment would need 68719480832 bytes."
                ),
                "{message}"
            );
            assert!(message.contains("far_write.cairo:7:5: Error at pc=0:2:"), "{message}");
        }
        other => panic!("expected an error, got {}", other.brief()),
    }
}

#[test]
fn dump_clif_writes_annotated_regions() {
    let dir = std::env::temp_dir().join(format!("cairo-jit-clif-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let program = Program::from_file(&root().join("tests/programs/loops.json")).unwrap();
    let cfg = RunConfig::new().with_engine(Engine::Jit(JitOptions {
        threshold: 0,
        dump_clif: Some(dir.clone()),
        background: false,
    }));
    let out = cairo_jit::runner::run(&program, &cfg).unwrap();
    let regions = out.jit_stats.unwrap().regions;
    let files: Vec<_> = std::fs::read_dir(&dir).unwrap().flatten().map(|f| f.path()).collect();
    let with_ext =
        |e: &str| files.iter().filter(|p| p.extension().is_some_and(|x| x == e)).cloned().collect::<Vec<_>>();
    let (clif, bin) = (with_ext("clif"), with_ext("bin"));
    assert_eq!((clif.len() as u64, bin.len() as u64, files.len() as u64), (regions, regions, 2 * regions));
    // Each region's machine code, next to its CLIF.
    for c in &clif {
        let code = std::fs::read(c.with_extension("bin")).unwrap();
        assert!(code.len() > 64, "{}: {} bytes", c.display(), code.len());
    }
    let text = std::fs::read_to_string(&clif[0]).unwrap();
    assert!(text.lines().next().unwrap().starts_with("; pc "), "{text}");
    assert!(text.contains("function u0:"), "{text}");
    // Each instruction's block in the function body is headed by its pc and instruction.
    let body = &text[text.find("function u0:").unwrap()..];
    assert!(body.contains("\n; pc "), "{text}");
    let _ = std::fs::remove_dir_all(&dir);
}

/// A run of `program` with the default configuration under the JIT, compiling on the running
/// thread at `threshold`.
fn run_sync_jit(program: &Program, threshold: u32) -> cairo_jit::runner::RunOutput {
    let jit = Engine::Jit(JitOptions { threshold, dump_clif: None, background: false });
    cairo_jit::runner::run(program, &RunConfig::new().with_engine(jit)).unwrap()
}

/// `interpreted_steps` counts the steps the dispatcher interpreted: all of them when nothing
/// is hot enough to compile, a few (those before the loop's code is entered) when every entry
/// is compiled on first use.
#[test]
fn interpreted_steps_count_what_compiled_code_did_not_run() {
    let program = Program::from_file(&root().join("benches/programs/fib_loop.json")).unwrap();
    let run = |threshold| {
        let out = run_sync_jit(&program, threshold);
        (out.jit_stats.unwrap(), out.vm.current_step)
    };
    let (cold, steps) = run(u32::MAX);
    assert!(steps > 1_200_000, "{steps}");
    assert_eq!((cold.regions, cold.interpreted_steps), (0, steps), "{cold:?}");
    let (hot, steps_hot) = run(0);
    assert_eq!(steps_hot, steps);
    assert!(hot.regions >= 1 && hot.interpreted_steps < 100, "{hot:?}");
}

/// The dispatcher counts executions where control lands (jump and call targets, return
/// addresses), not at instructions reached by falling through, and a `ret` returning to
/// itself up a chain of recursive calls lands too: at the default threshold, find_compare's
/// two return chains (the `ret`s at pcs 70 and 94) compile along with its two loops, and the
/// interpreter runs only the steps before their code came (about 150,000 of 1.3M; 250,000
/// when the return chains ran interpreted).
#[test]
fn regions_start_where_control_lands() {
    let dir = std::env::temp_dir().join(format!("cairo-jit-landing-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let program = Program::from_file(&root().join("benches/programs/find_compare.json")).unwrap();
    let cfg = RunConfig::new().with_layout(Layout::by_name("small").unwrap()).with_engine(Engine::Jit(
        JitOptions { dump_clif: Some(dir.clone()), background: false, ..JitOptions::default() },
    ));
    let out = cairo_jit::runner::run(&program, &cfg).unwrap();
    let stats = out.jit_stats.unwrap();
    let mut regions: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .flatten()
        .filter_map(|f| f.file_name().to_str()?.strip_suffix(".clif").map(str::to_owned))
        .collect();
    regions.sort();
    let _ = std::fs::remove_dir_all(&dir);
    for r in ["region_0_57", "region_0_70", "region_0_71", "region_0_94"] {
        assert!(regions.iter().any(|x| x == r), "{r} not compiled: {regions:?}");
    }
    assert!(stats.interpreted_steps < 200_000, "{stats:?}");
}

/// Code a program writes into a segment of its own (as a bootloader does) is compiled there,
/// including code written after the first compilation stopped at its unset cells.
#[test]
fn code_loaded_into_a_new_segment_is_compiled_and_identical() {
    let program = data("loaded_code.json");
    let cfg = RunConfig::new().with_layout(Layout::by_name("small").unwrap());
    let o = compare_engines(&program, &cfg).unwrap();
    assert!(
        matches!(o, Outcome::Ok { ref output, .. } if output.contains("20100") && output.contains("5050")),
        "{}",
        o.brief()
    );
    for threshold in [0, 10] {
        let jit = Engine::Jit(JitOptions { threshold, dump_clif: None, background: false });
        let out = cairo_jit::runner::run(&program, &cfg.clone().with_engine(jit)).unwrap();
        let stats = out.jit_stats.unwrap();
        // sum_to, pick's first part, then pick's branch written later: three regions at least.
        assert!(stats.foreign_regions >= 3, "threshold {threshold}: {stats:?}");
        assert_eq!(stats.failures, 0, "{stats:?}");
    }
}

/// A step limit anywhere (inside straight-line runs, at run heads, near region exits) stops
/// both engines at the same step with the same state: compiled code leaves the last steps
/// before the limit to the interpreter and never runs past it.
#[test]
fn step_limits_inside_compiled_loops_agree() {
    let program = Program::from_file(&root().join("tests/programs/loops.json")).unwrap();
    for limit in [1, 2, 63, 64, 65, 66, 127, 128, 129, 200, 1000, 1001] {
        let o = compare_engines(&program, &RunConfig::new().with_max_steps(Some(limit))).unwrap();
        assert!(o.steps() <= limit, "limit {limit}: {}", o.brief());
    }
}

/// Proof mode's padding (`jmp rel 0` at `__end__` up to the next power of two, and further
/// while the layout's cells do not fit) runs compiled, with the interpreter's trace and memory;
/// so does cairo-run's `--steps N`.
#[test]
fn proof_mode_padding_and_exact_steps_run_compiled() {
    let program = Program::from_file(&root().join("tests/programs/proof_layout_starknet.json")).unwrap();
    let cfg = RunConfig::new().with_layout(Layout::by_name("starknet").unwrap()).with_mode(RunMode::Proof);
    let o = compare_engines(&program, &cfg).unwrap();
    assert_eq!(o.steps(), 131_072, "{}", o.brief());
    let jit = Engine::Jit(JitOptions { threshold: 100, dump_clif: None, background: false });
    let out = cairo_jit::runner::run(&program, &cfg.clone().with_engine(jit)).unwrap();
    let stats = out.jit_stats.unwrap();
    assert!(stats.regions >= 1 && stats.slow_steps < 1000, "padding ran in the interpreter: {stats:?}");

    // `--steps`: exactly N steps; ending early, or a step at the end pc, is an error under both.
    let program = Program::from_file(&root().join("tests/programs/loops.json")).unwrap();
    let plain = compare_engines(&program, &RunConfig::new()).unwrap();
    let n = plain.steps();
    for steps in [n - 1, n, n + 1] {
        let o = compare_engines(&program, &RunConfig::new().with_steps(Some(steps))).unwrap();
        assert_eq!(matches!(o, Outcome::Ok { .. }), steps == n, "--steps {steps}: {}", o.brief());
    }
}

/// Hint-bearing instructions and builtin cells run in compiled code: the hints run from
/// compiled code, or before the dispatcher enters the compiled instruction; builtin cells are read in place when set and
/// deduced or written through the runtime (`op1_unset`) when not. Few steps are left to the
/// interpreter's slow path, and everything is identical to the interpreter.
#[test]
fn hints_and_builtin_cells_run_compiled() {
    for (name, layout, min_hints) in [
        ("hint_memcpy", "plain", 5),
        ("hint_blake2s", "recursive", 100),
        ("hint_sha256", "recursive", 10),
        ("builtin_bitwise", "recursive", 0),
        ("hint_builtin_keccak", "starknet_with_keccak", 10),
    ] {
        let program = Program::from_file(&root().join(format!("tests/programs/{name}.json"))).unwrap();
        let cfg = RunConfig::new().with_layout(Layout::by_name(layout).unwrap());
        let o = compare_engines(&program, &cfg).unwrap_or_else(|d| panic!("{name}: {d}"));
        assert!(matches!(o, Outcome::Ok { .. }), "{name}: {}", o.brief());
        let jit = Engine::Jit(JitOptions { threshold: 0, dump_clif: None, background: false });
        let out = cairo_jit::runner::run(&program, &cfg.with_engine(jit)).unwrap();
        let s = out.jit_stats.unwrap();
        let steps = out.vm.current_step;
        assert!(s.hint_entries + s.hint_calls >= min_hints, "{name}: {s:?}");
        // Before builtin cells were handled in compiled code, blake2s and sha256 left about a
        // third of their steps (every builtin cell access) to the slow path.
        assert!(s.slow_steps <= steps / 50 + 10, "{name}: {} slow steps of {steps}: {s:?}", s.slow_steps);
    }
}

/// Runs `tests/data/NAME` (layout small) under both engines, which must agree and print
/// `output`; then once more with every region compiled on first use, whose run it returns.
fn identical_then_compiled(name: &str, output: &str) -> cairo_jit::runner::RunOutput {
    let program = data(name);
    let cfg = RunConfig::new().with_layout(Layout::by_name("small").unwrap());
    let o = compare_engines(&program, &cfg).unwrap();
    assert!(matches!(o, Outcome::Ok { output: ref out, .. } if out.contains(output)), "{}", o.brief());
    let jit = Engine::Jit(JitOptions { threshold: 0, dump_clif: None, background: false });
    cairo_jit::runner::run(&program, &cfg.with_engine(jit)).unwrap()
}

/// The forms lowered besides the plain ones (deductions through multiplication and with an
/// immediate, `ap += [reg + off]`, `jmp abs`, `jmp rel` and `jnz` through a register,
/// `call abs`; `tests/data/lowered_forms.cairo`) run compiled: the slow path takes no step of
/// the 300 loop iterations, and trace and memory are the interpreter's.
#[test]
fn deductions_and_computed_jumps_run_compiled() {
    let out = identical_then_compiled("lowered_forms.json", "301");
    let s = out.jit_stats.unwrap();
    assert!(out.vm.current_step > 6000, "{}", out.vm.current_step);
    // Before these forms were lowered: 3008 slow-path steps (10 per iteration). What remains
    // are first executions growing the execution segment.
    assert!(s.slow_steps <= 20, "{s:?}");
}

/// A multiplication whose destination is set (`tests/data/mul_into_set.cairo`): compiled code
/// compares the product with the cell (300 equal ones); the one that differs fails as in
/// cairo-run, at the same step under both engines.
#[test]
fn a_product_into_a_set_cell_is_compared() {
    let program = data("mul_into_set.json");
    let cfg = RunConfig::new().with_layout(Layout::by_name("small").unwrap());
    match compare_engines(&program, &cfg).unwrap() {
        Outcome::Err { pc, message, .. } => {
            assert_eq!(pc.as_deref(), Some("0:6"));
            assert!(message.contains("An ASSERT_EQ instruction failed: 6 != 5."), "{message}");
        }
        other => panic!("expected the failed assertion, got {}", other.brief()),
    }
}

/// An addition whose unknown operand is below ap (`[fp - 3] = [ap - 1] + [fp - 4]` after
/// `ap += 1`; `tests/data/deduction_below.cairo`): compiled code deduces operands only at
/// `[ap + k]` and `[fp + k]` (k >= 0), so each of the 300 calls takes the slow path there,
/// and trace, memory and output are the interpreter's.
#[test]
fn deductions_below_the_registers_take_the_slow_path() {
    let out = identical_then_compiled("deduction_below.json", "90300");
    let s = out.jit_stats.unwrap();
    assert!(s.regions >= 1 && (300..=310).contains(&s.slow_steps), "{s:?}");
    let (pc, n) = out.jit_slow_pcs[0];
    assert_eq!((pc.offset, n), (2, 300), "{:?}", out.jit_slow_pcs);
}

/// A loop writing 300 cells ahead of ap (`tests/data/far_cells.cairo`) past the execution
/// segment's first 2^17 cells: its run's cells are checked once, at the loop head, and when
/// ap + 300 reaches the end of the allocated cells that check fails, the interpreter makes
/// the write past them (growing the segment, once: it doubles) and compiled code goes on.
/// Trace and memory are the interpreter's.
#[test]
fn runs_check_their_cells_at_the_head_and_the_interpreter_grows_the_segment() {
    let out = identical_then_compiled("far_cells.json", "200000");
    let s = out.jit_stats.unwrap();
    assert!(s.regions >= 1 && s.interpreted_steps < 100, "{s:?}");
    let growth = out.jit_slow_pcs.iter().find(|(pc, _)| pc.offset == 1);
    assert_eq!(growth.map(|&(_, n)| n), Some(1), "{:?}", out.jit_slow_pcs);
    assert!(s.slow_steps <= 3, "{s:?}");
}

/// The regions and instructions a run of `tests/programs/NAME.json` compiles (on the running
/// thread), per threshold.
fn compiled_at(name: &str) -> impl Fn(u32) -> (u64, u64) {
    let program = Program::from_file(&root().join(format!("tests/programs/{name}.json"))).unwrap();
    move |threshold| {
        let s = run_sync_jit(&program, threshold).jit_stats.unwrap();
        (s.regions, s.instructions)
    }
}

/// A small loop or a small region is compiled after an eighth of the threshold's executions,
/// other code only at the threshold: felt_carries's `check` (a dozen instructions calling
/// itself) runs 324 times, and so does the `ret` after its recursive call; nothing else runs
/// more than once.
#[test]
fn small_loops_and_regions_compile_at_an_eighth_of_the_threshold() {
    let stats = compiled_at("felt_carries");
    // 2,000 / 8 = 250 executions: the loop, cut to its 10 instructions on the cycle through
    // `check`'s entry (not the `ret` of `n == 0`), and the `ret` alone, a small region.
    assert_eq!(stats(2000), (2, 11));
    // 3,000 / 8 = 375 executions: never reached. (Nor is recursion compiled at a 128th of
    // the threshold, 23 executions, as a loop closed by jumps is.)
    assert_eq!(stats(3000), (0, 0));
}

/// A small loop closed by jumps is compiled after a 128th of the threshold's executions:
/// loops.cairo's `sum_to` (a `jnz` loop of 4 instructions, 100 iterations) and `product_loop`
/// (a `jmp` back to a `jnz`, 30 iterations), but not `count_down_rec` (20 calls of itself).
#[test]
fn jump_loops_compile_at_a_128th_of_the_threshold() {
    let stats = compiled_at("loops");
    // 3,200 / 128 = 25 executions: both loops, 4 instructions each.
    assert_eq!(stats(3200), (2, 8));
    // 12,800 / 128 = 100 executions: `sum_to`'s loop head runs 100 times, never after its 100th.
    assert_eq!(stats(12800), (0, 0));
}

/// `hint_loop.cairo`'s hint (`ids.d = 2 * ids.i`): `fail_at` makes it raise at that `i`,
/// `panic_at` panic.
fn hint_loop_registry(fail_at: Option<u64>, panic_at: Option<u64>) -> std::sync::Arc<HintRegistry> {
    fn double(ctx: &mut HintCtx<'_>, fail_at: Option<u64>, panic_at: Option<u64>) -> Result<(), HintError> {
        let i = ctx.get_u64("i")?;
        if Some(i) == fail_at {
            return Err(HintError::assertion(1, format!("refusing i = {i}")));
        }
        if Some(i) == panic_at {
            panic!("hint panics at i = {i}");
        }
        ctx.set("d", starknet_types_core::felt::Felt::from(2 * i))
    }
    const TEXT: &str = "ids.d = 2 * ids.i";
    let mut r = HintRegistry::with_builtin_hints();
    match (fail_at, panic_at) {
        (None, None) => r.register(TEXT, |ctx| double(ctx, None, None)),
        (Some(1500), None) => r.register(TEXT, |ctx| double(ctx, Some(1500), None)),
        (None, Some(1500)) => r.register(TEXT, |ctx| double(ctx, None, Some(1500))),
        _ => unreachable!("the cases the tests use"),
    }
    std::sync::Arc::new(r)
}

/// A hint pc inside a compiled loop: compiled code runs the hints itself (through the
/// dispatcher's hint runner) and goes on, with the interpreter's trace and memory; a hint that
/// fails there fails at the same step with the same error and memory; a step limit at any step
/// around a hint pc stops both engines identically (the runner leaves the last steps before
/// the limit, hints included, to the dispatcher); a hint that panics unwinds out of the run.
#[test]
fn hints_inside_compiled_loops_run_from_compiled_code() {
    let program = data("hint_loop.json");
    let small = || RunConfig::new().with_layout(Layout::by_name("small").unwrap());
    let cfg = small().with_hint_registry(hint_loop_registry(None, None));
    let o = compare_engines(&program, &cfg).unwrap();
    assert!(matches!(o, Outcome::Ok { ref output, .. } if output.contains("3998000")), "{}", o.brief());
    let jit = Engine::Jit(JitOptions { threshold: 100, dump_clif: None, background: false });
    let out = cairo_jit::runner::run(&program, &cfg.clone().with_engine(jit.clone())).unwrap();
    let s = out.jit_stats.unwrap();
    // 2,000 iterations, the loop compiled after 100: the rest run their hint from compiled
    // code, not through an exit to the dispatcher.
    assert!(s.hint_calls >= 1800 && s.hint_entries <= 10, "{s:?}");
    assert!(s.slow_steps <= 10, "{s:?}");

    let failing = small().with_hint_registry(hint_loop_registry(Some(1500), None));
    let o = compare_engines(&program, &failing).unwrap();
    assert!(
        matches!(o, Outcome::Err { ref message, .. } if message.contains("refusing i = 1500")),
        "{}",
        o.brief()
    );

    // Step limits at the hint pc of iteration 300 (found with the interpreter: the limit at
    // which the run stops there) and around it; compiled code reaches the hint pc with no step
    // left, and the runner leaves the hints to the dispatcher.
    let steps =
        cairo_jit::runner::run(&program, &cfg.clone().with_engine(Engine::Interp)).unwrap().vm.current_step;
    let per_iteration = steps / 2000;
    let hint_pc = format!("0:{}", program.hints().keys().next().unwrap());
    let stops_at_hint = |limit: u64| {
        let r = cairo_jit::runner::run(
            &program,
            &cfg.clone().with_engine(Engine::Interp).with_max_steps(Some(limit)),
        );
        matches!(Outcome::of(r), Outcome::Err { pc: Some(p), .. } if p == hint_pc)
    };
    let at_hint = (300 * per_iteration..301 * per_iteration).find(|&l| stops_at_hint(l)).unwrap();
    for limit in at_hint - 2..=at_hint + 2 {
        let o = compare_engines(&program, &cfg.clone().with_max_steps(Some(limit))).unwrap();
        assert!(
            matches!(o, Outcome::Err { step: Some(s), .. } if s == limit),
            "limit {limit}: {}",
            o.brief()
        );
    }

    let panicking = small().with_hint_registry(hint_loop_registry(None, Some(1500))).with_engine(jit);
    let caught = std::panic::catch_unwind(|| cairo_jit::runner::run(&program, &panicking).is_ok());
    let payload = caught.expect_err("the hint's panic unwinds out of the run");
    let text = payload.downcast_ref::<String>().map(String::as_str).unwrap_or_default();
    assert!(text.contains("hint panics at i = 1500"), "{text}");
}

/// memcpy's and memset's loop hint (`n -= 1; ids.<flag> = 1 if n > 0 else 0`, a counter step)
/// runs inside compiled code, which writes the flag itself; a step limit anywhere in those
/// loops stops both engines identically (the counter step leaves the last steps before the
/// limit to the dispatcher, as the hint runner does); and a flag cell already set goes to the
/// hint itself, whose write agrees with it or fails as the interpreter's does
/// (`tests/programs/err_hint_memcpy_flag_set`, whose golden is cairo-run's).
#[test]
fn counter_steps_run_inside_compiled_code() {
    let program = data("counter_loops.json");
    let small = || RunConfig::new().with_layout(Layout::by_name("small").unwrap());
    let o = compare_engines(&program, &small()).unwrap();
    assert!(matches!(o, Outcome::Ok { ref output, .. } if output.contains("14")), "{}", o.brief());
    let jit = Engine::Jit(JitOptions { threshold: 0, dump_clif: None, background: false });
    let out = cairo_jit::runner::run(&program, &small().with_engine(jit)).unwrap();
    let s = out.jit_stats.unwrap();
    // 200 iterations of each loop; all but the first of each reach the hint from compiled code.
    assert!(s.counter_steps >= 390 && s.counter_steps <= s.hint_calls, "{s:?}");
    assert!(s.slow_steps <= 10, "{s:?}");

    // Step limits inside memset's loop (about 4 steps an iteration from step ~30) and
    // memcpy's (about 5 from step ~850), and within the last `MAX_RUN` (64) steps of each,
    // which the dispatcher interprets: after compiled code counted `n` down itself (its lease
    // on the counter), the hint there reads the `n` it left in the scope.
    for limit in (400..410).chain(1200..1212).chain((560..660).step_by(3)).chain((1560..1632).step_by(3)) {
        let o = compare_engines(&program, &small().with_max_steps(Some(limit))).unwrap();
        assert!(
            matches!(o, Outcome::Err { step: Some(s), .. } if s == limit),
            "limit {limit}: {}",
            o.brief()
        );
    }

    // The flag cell set before the hint: the hint runs (through the hint runner), every time.
    let program = Program::from_file(&root().join("tests/programs/err_hint_memcpy_flag_set.json")).unwrap();
    let o = compare_engines(&program, &RunConfig::new()).unwrap();
    assert!(
        matches!(o, Outcome::Err { ref message, .. } if message.contains("Inconsistent memory assignment")),
        "{}",
        o.brief()
    );
}

/// A `jnz` on the cell the instruction before it just wrote runs right after it in compiled
/// code, on the value written (`tests/data/fused_jnz.cairo`): a countdown loop leaves by its
/// zero and repeats on the rest; and when the `jnz`'s op0 cell is unset, its own code runs
/// instead and hands it to the interpreter, which reports the unknown cell.
#[test]
fn a_jnz_on_the_cell_just_written_tests_the_value() {
    let program = data("fused_jnz.json");
    let o = compare_engines(&program, &RunConfig::new().with_max_steps(Some(10_000))).unwrap();
    assert!(
        matches!(o, Outcome::Err { ref message, step: Some(s), .. }
            if message.contains("Unknown value for memory cell") && s > 100 && s < 200),
        "{}",
        o.brief()
    );
}

/// The counter steps a program's hints hold: memset's and memcpy's loop hints, with their
/// flags `continue_loop` and `continue_copying` at fixed distances from ap (`[ap]` when the
/// reference was made, one or two cells back when the hint runs: memset's loop pushed one
/// value since, memcpy's two).
/// A hint registered over the library's text is not one.
#[test]
fn counter_steps_are_the_librarys_loop_hints() {
    use cairo_jit::hints::HintProcessor;
    let program = data("counter_loops.json");
    let counters = HintProcessor::new(&program, None).counters();
    let texts: Vec<&str> = counters.iter().map(|(pc, _)| program.hints_at(*pc)[0].code.as_str()).collect();
    assert_eq!(counters.len(), 2, "{counters:?}");
    assert!(texts.iter().any(|t| t.contains("ids.continue_copying")), "{texts:?}");
    assert!(texts.iter().any(|t| t.contains("ids.continue_loop")), "{texts:?}");
    for ((_, c), text) in counters.iter().zip(&texts) {
        let shift = if text.contains("continue_copying") { -2 } else { -1 };
        assert_eq!((c.shift, c.k), (shift, 0), "{text}: {c:?}");
    }
    let mut registry = HintRegistry::with_builtin_hints();
    registry.register(texts[0], |_| Ok(()));
    let custom = HintProcessor::with_registry(&program, None, &registry).counters();
    assert_eq!(custom.len(), 1, "{custom:?}");
}
