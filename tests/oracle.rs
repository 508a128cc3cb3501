//! The cairo-vm crate (lambdaclass) as an in-process oracle: every fixture that cairo-run runs
//! successfully is run by both VMs, and the relocated trace and memory must be identical.

use crate::common::*;
use cairo_jit::output;
use cairo_jit::program::Program;
use cairo_jit::runner::{self, Layout, RunConfig, RunMode, TraceMode};
use cairo_vm::cairo_run::{cairo_run, CairoRunConfig};
use cairo_vm::hint_processor::builtin_hint_processor::builtin_hint_processor_definition::BuiltinHintProcessor;
use cairo_vm::types::layout_name::LayoutName;
use std::collections::BTreeMap;

fn layout_name(s: &str) -> LayoutName {
    match s {
        "plain" => LayoutName::plain,
        "small" => LayoutName::small,
        "dex" => LayoutName::dex,
        "recursive" => LayoutName::recursive,
        "starknet" => LayoutName::starknet,
        "starknet_with_keccak" => LayoutName::starknet_with_keccak,
        "recursive_large_output" => LayoutName::recursive_large_output,
        "recursive_with_poseidon" => LayoutName::recursive_with_poseidon,
        "all_solidity" => LayoutName::all_solidity,
        "all_cairo" => LayoutName::all_cairo,
        other => panic!("layout {other} not mapped"),
    }
}

/// A relocated memory: address -> 32-byte little-endian value.
type Cells = BTreeMap<u64, [u8; 32]>;

/// Trace bytes, memory map and memory holes from the cairo-vm crate; `None` when the program
/// uses a hint the crate does not implement (cairo-run's golden still checks that fixture).
fn cairo_vm_run(
    bytes: &[u8],
    layout: &str,
    entrypoint: &str,
    proof: bool,
    allow_missing: bool,
) -> Option<(Vec<u8>, Cells, usize)> {
    let cfg = CairoRunConfig {
        entrypoint,
        trace_enabled: true,
        relocate_mem: true,
        relocate_trace: true,
        layout: layout_name(layout),
        proof_mode: proof,
        // cairo-vm fills builtin holes in proof mode by default; cairo-lang does not.
        fill_holes: false,
        allow_missing_builtins: Some(allow_missing || proof),
        ..Default::default()
    };
    let mut hp = BuiltinHintProcessor::new_empty();
    let runner = match cairo_run(bytes, &cfg, &mut hp) {
        Ok(r) => r,
        Err(e) if format!("{e:?}").contains("UnknownHint") => return None,
        Err(e) => panic!("cairo-vm runs the fixture: {e:?}"),
    };
    let (trace, mem) = cairo_vm_files(&runner);
    Some((trace, mem, runner.get_memory_holes().expect("memory holes")))
}

fn ours(
    path: &std::path::Path,
    layout: &str,
    entrypoint: &str,
    proof: bool,
    allow_missing: bool,
) -> (Vec<u8>, BTreeMap<u64, [u8; 32]>, u64) {
    let program = Program::from_file(path).expect("load");
    let mode = if proof { RunMode::Proof } else { RunMode::Plain };
    let mut cfg = RunConfig::new().with_mode(mode);
    if allow_missing {
        cfg = cfg.with_allow_missing_builtins(true);
    }
    let cfg = cfg
        .with_layout(Layout::by_name(layout).unwrap())
        .with_entrypoint(entrypoint)
        .with_trace(TraceMode::On)
        .with_hint_registry(crate::builtins::registry());
    let run = runner::run(&program, &cfg).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let mut trace = Vec::new();
    output::write_trace(&run, &mut trace).unwrap();
    let mut m = Vec::new();
    output::write_memory(&run, &mut m).unwrap();
    let mem = m
        .chunks(40)
        .map(|r| (u64::from_le_bytes(r[..8].try_into().unwrap()), r[8..].try_into().unwrap()))
        .collect();
    let holes = runner::proof::memory_holes(
        &run.trace,
        &run.vm,
        &BTreeMap::new(),
        (run.program_base, program.data().len() as u64),
    )
    .unwrap();
    (trace, mem, holes)
}

/// Fixtures on which the cairo-vm crate (3.2.0) disagrees with cairo-run (their goldens are
/// the authority and pass): vrf.json's `sqrt_x`/`sqrt_gx` hint takes the larger square root
/// where cairo-lang's `math_utils.sqrt` takes the smaller one; uint256_improvements.json's
/// `ids.div.b23`/`b01` division hint fails there (it reads `div.high`).
const CAIRO_VM_CRATE_DIFFERS: &[&str] = &["hint_wl_vrf.json", "hint_wl_misc.json"];

#[test]
fn fixtures_match_cairo_vm_crate() {
    let mut compared = 0;
    let mut failures = Vec::new();
    for (path, g) in goldens(&["tests/programs", "examples"]) {
        if g.exit_code != 0 || g.custom_hint {
            continue;
        }
        let prog = program_path(&path, &g);
        if CAIRO_VM_CRATE_DIFFERS.contains(&g.program.as_str()) {
            continue;
        }
        let layout = flag(&g, "--layout").unwrap_or("plain");
        // Documented differences, excluded: the dynamic layout takes its parameters from a file
        // cairo-vm reads differently; in proof mode cairo-vm's all_cairo layout has rc_units 4
        // where cairo-lang has 8, so it pads to more steps.
        let proof = g.flags.iter().any(|f| f == "--proof_mode");
        if layout == "dynamic" || (proof && layout == "all_cairo") {
            continue;
        }
        // cairo-vm's cairo_run has no --steps / --min_steps.
        if g.flags.iter().any(|f| f == "--steps" || f == "--min_steps") {
            continue;
        }
        let allow_missing = g.flags.iter().any(|f| f == "--allow_missing_builtins");
        let entry = flag(&g, "--entrypoint").unwrap_or("main");
        let bytes = std::fs::read(&prog).unwrap();
        let Some((t1, m1, h1)) = cairo_vm_run(&bytes, layout, entry, proof, allow_missing) else {
            eprintln!("{}: a hint unknown to the cairo-vm crate, not compared", prog.display());
            continue;
        };
        let (t2, m2, h2) = ours(&prog, layout, entry, proof, allow_missing);
        // Memory holes (cairo-lang counts them for Cairo PIE and proof mode), plain runs.
        if !proof && h1 as u64 != h2 {
            failures.push(format!("{}: memory holes {h2}, cairo-vm {h1}", prog.display()));
        }
        compared += 1;
        if t1 != t2 {
            let step = t1.chunks(24).zip(t2.chunks(24)).position(|(a, b)| a != b);
            failures.push(format!(
                "{}: trace differs (first at step {step:?}; lengths {} vs {})",
                prog.display(),
                t1.len() / 24,
                t2.len() / 24
            ));
        }
        if m1 != m2 {
            let diff = m1.iter().find(|(a, v)| m2.get(a) != Some(v)).map(|(a, _)| *a);
            failures.push(format!(
                "{}: memory differs (first at {diff:?}; {} vs {} cells)",
                prog.display(),
                m1.len(),
                m2.len()
            ));
        }
    }
    assert!(compared >= 15, "only {compared} fixtures compared");
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    eprintln!("{compared} fixtures identical to the cairo-vm crate");
}
