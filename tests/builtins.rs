//! Builtin fixtures whose hints the default registry does not have yet (the library's ECDSA and
//! modulo hints, which the hints branch implements on top of `Builtins::add_signature` and
//! `builtins::modulo::fill_memory`) or which use custom hints (output pages): run in-process
//! with those hints registered here, and compared with cairo-run's golden results.

use crate::common::*;
use cairo_jit::builtins::{modulo, BuiltinKind};
use cairo_jit::hints::{HintCtx, HintError, HintRegistry};
use cairo_jit::output;
use cairo_jit::program::Program;
use cairo_jit::runner::{self, Layout, RunConfig, RunMode, TraceMode};
use cairo_jit::vm::Value;
use std::sync::Arc;

fn py(msg: String) -> HintError {
    HintError::Python { exc: "AssertionError", msg, line: 1 }
}

fn add_signature(ctx: &mut HintCtx<'_>) -> Result<(), HintError> {
    let addr = ctx.get("ecdsa_ptr")?;
    let (r, s) = (ctx.get_int("signature_r")?, ctx.get_int("signature_s")?);
    ctx.vm.builtins.add_signature(addr, (r, s)).map_err(py)
}

fn fill_memory(ctx: &mut HintCtx<'_>) -> Result<(), HintError> {
    for k in [BuiltinKind::AddMod, BuiltinKind::MulMod] {
        if ctx.vm.builtins.runner(k).is_none() {
            return Err(HintError::Python { exc: "KeyError", msg: format!("'{k}_builtin'"), line: 2 });
        }
    }
    let add = (ctx.addr("add_mod_ptr")?, ctx.get_int("add_mod_n")?);
    let mul = (ctx.addr("mul_mod_ptr")?, ctx.get_int("mul_mod_n")?);
    let add_ptr =
        ctx.vm.memory.get(add.0).and_then(|v| v.as_ptr()).ok_or_else(|| py("add_mod_ptr".into()))?;
    let mul_ptr =
        ctx.vm.memory.get(mul.0).and_then(|v| v.as_ptr()).ok_or_else(|| py("mul_mod_ptr".into()))?;
    let n = |f: starknet_types_core::felt::Felt| modulo::felt_u64(&f).unwrap_or(u64::MAX);
    modulo::fill_memory(&mut ctx.vm.memory, Some((add_ptr, n(add.1))), Some((mul_ptr, n(mul.1)))).map_err(py)
}

fn add_page(ctx: &mut HintCtx<'_>) -> Result<(), HintError> {
    let start = ctx.get("output_ptr")?;
    let base =
        ctx.vm.builtins.runner(BuiltinKind::Output).map(|b| b.base).ok_or_else(|| py("no output".into()))?;
    ctx.vm.builtins.output.add_page(base, 1, start, 3).map_err(py)
}

fn add_attribute(ctx: &mut HintCtx<'_>) -> Result<(), HintError> {
    ctx.vm.builtins.output.add_attribute("gps_fact_topology", serde_json::json!([2, 1, 0, 2]));
    Ok(())
}

/// The default hints plus the ones above.
pub fn registry() -> Arc<HintRegistry> {
    let mut r = HintRegistry::with_builtin_hints();
    r.register(
        "ecdsa_builtin.add_signature(ids.ecdsa_ptr.address_, (ids.signature_r, ids.signature_s))",
        add_signature,
    );
    r.register(
        r#"from starkware.cairo.lang.builtins.modulo.mod_builtin_runner import ModBuiltinRunner
assert builtin_runners["add_mod_builtin"].instance_def.batch_size == 1
assert builtin_runners["mul_mod_builtin"].instance_def.batch_size == 1

ModBuiltinRunner.fill_memory(
    memory=memory,
    add_mod=(ids.add_mod_ptr.address_, builtin_runners["add_mod_builtin"], ids.add_mod_n),
    mul_mod=(ids.mul_mod_ptr.address_, builtin_runners["mul_mod_builtin"], ids.mul_mod_n),
)"#,
        fill_memory,
    );
    r.register("output_builtin.add_page(page_id=1, page_start=ids.output_ptr, page_size=3)", add_page);
    r.register("output_builtin.add_attribute('gps_fact_topology', [2, 1, 0, 2])", add_attribute);
    Arc::new(r)
}

/// The error report without quoted source lines (cairo-run reads them relative to the
/// program's directory, which an in-process run does not change to).
fn without_source(s: &str) -> String {
    let n = crate::golden::normalize_stderr(s);
    n.lines().filter(|l| !l.starts_with("    ")).collect::<Vec<_>>().join("\n")
}

/// Runs a golden in-process with the test hints; returns the mismatches.
pub fn check_in_process(path: &std::path::Path, g: &Golden) -> Vec<String> {
    let name = path.file_name().unwrap().to_string_lossy().to_string();
    let prog = program_path(path, g);
    let program = Program::from_file(&prog).unwrap();
    let layout = Layout::by_name(flag(g, "--layout").unwrap_or("plain")).unwrap();
    let proof = g.flags.iter().any(|f| f == "--proof_mode");
    let mode = if proof { RunMode::Proof } else { RunMode::Plain };
    let cfg = RunConfig::new()
        .with_layout(layout)
        .with_trace(TraceMode::On)
        .with_mode(mode)
        .with_hint_registry(registry());
    let mut errs = Vec::new();
    match runner::run(&program, &cfg) {
        Ok(run) => {
            if g.exit_code != 0 {
                return vec![format!("{name}: ran, cairo-run failed with {}", g.stderr)];
            }
            let warnings: String = run.warnings.iter().map(|w| format!("{w}\n")).collect();
            let stdout = warnings + &output::output_text(&run) + &output::info_text(&run);
            if let Some(h) = &g.air_public_input_sha256 {
                let text = output::air::public_input_json(&run).unwrap();
                if &sha256_hex(text.as_bytes()) != h {
                    errs.push(format!("{name}: AIR public input differs"));
                }
            }
            if let Some(h) = &g.air_private_input_sha256 {
                let p = std::path::Path::new("x");
                let text = output::air::private_input_json(&run, p, p).unwrap();
                if &private_input_digest(&text) != h {
                    errs.push(format!("{name}: AIR private input differs:\n{text}"));
                }
            }
            if stdout != g.stdout {
                errs.push(format!("{name}: stdout differs\n{stdout}\n---\n{}", g.stdout));
            }
            let mut t = Vec::new();
            output::write_trace(&run, &mut t).unwrap();
            if Some(sha256_hex(&t)) != g.trace_sha256 {
                errs.push(format!("{name}: trace differs"));
            }
            let mut m = Vec::new();
            output::write_memory(&run, &mut m).unwrap();
            let (d, n) = memory_digest(&m);
            if Some(d) != g.memory_sha256 || Some(n) != g.memory_cells {
                errs.push(format!("{name}: memory differs ({n} cells vs {:?})", g.memory_cells));
            }
            if let Some(want) = &g.cairo_pie {
                let files = output::pie::pie_files(&run, &program, false).unwrap();
                let got = pie_file_digests(&files);
                if &got != want {
                    errs.push(format!("{name}: Cairo PIE differs: {got:?}"));
                }
            }
        }
        Err(e) => {
            let ours = format!("{e}\n");
            if g.exit_code == 0 {
                errs.push(format!("{name}: failed: {ours}"));
            } else if without_source(&ours) != without_source(&g.stderr) {
                errs.push(format!("{name}: stderr differs\n--- ours\n{ours}\n--- cairo-run\n{}", g.stderr));
            }
        }
    }
    errs
}

#[test]
fn fixtures_with_test_hints_match_cairo_run() {
    let mut failures = Vec::new();
    let mut n = 0;
    for (path, g) in goldens(&["tests/programs"]) {
        if !g.test_hints {
            continue;
        }
        n += 1;
        failures.extend(check_in_process(&path, &g));
    }
    assert!(n >= 4, "only {n} fixtures with test hints");
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

#[test]
fn add_signature_checks_the_address() {
    let program = Program::from_file(&root().join("tests/programs/builtin_ecdsa.json")).unwrap();
    let layout = Layout::by_name("dex").unwrap();
    let cfg = RunConfig::new().with_layout(layout).with_hint_registry(registry());
    let run = runner::run(&program, &cfg).unwrap();
    let b = run.vm.builtins.runner(BuiltinKind::Ecdsa).unwrap().base;
    let one = starknet_types_core::felt::Felt::ONE;
    let odd = Value::Ptr(cairo_jit::vm::Relocatable::new(b.segment, 1));
    assert_eq!(
        run.vm.builtins.add_signature(odd, (one, one)),
        Err(format!("Signature hint must point to the public key cell, not {}:1.", b.segment))
    );
    assert_eq!(
        run.vm.builtins.add_signature(Value::Int(one), (one, one)),
        Err("Expected memory address to be relocatable value. Found: 1.".to_string())
    );
}
