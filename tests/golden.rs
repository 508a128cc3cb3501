//! Every fixture run through the `cairo-jit` binary and compared with cairo-run's golden
//! results: exit code, stdout (output and print_info), stderr (errors), trace digest, and memory
//! digest (records sorted by address).

use crate::common::*;
use std::process::Command;

fn bin() -> &'static str {
    env!("CARGO_BIN_EXE_cairo-jit")
}

/// Runs one golden; returns a description of every mismatch.
fn check(path: &std::path::Path, g: &Golden) -> Vec<String> {
    let dir = tempdir();
    let trace = dir.join("trace.bin");
    let mem = dir.join("memory.bin");
    let prog = program_path(path, g);
    let (public, private) = (dir.join("public.json"), dir.join("private.json"));
    let mut cmd = Command::new(bin());
    cmd.arg("run")
        .arg(&prog)
        .args(&g.flags)
        .arg("--trace_file")
        .arg(&trace)
        .arg("--memory_file")
        .arg(&mem)
        .args(["--print_output", "--print_info"])
        .current_dir(prog.parent().unwrap());
    let pie = dir.join("pie.zip");
    if g.cairo_pie.is_some() {
        cmd.arg("--cairo_pie_output").arg(&pie);
    }
    if g.air_public_input_sha256.is_some() {
        cmd.arg("--air_public_input").arg(&public).arg("--air_private_input").arg(&private);
    }
    let out = cmd.output().expect("run cairo-jit");
    let mut errs = Vec::new();
    let name = path.file_name().unwrap().to_string_lossy().to_string();
    let code = out.status.code().unwrap_or(-1);
    if code != g.exit_code {
        errs.push(format!(
            "{name}: exit code {code}, expected {}\nstderr: {}",
            g.exit_code,
            String::from_utf8_lossy(&out.stderr)
        ));
        return errs;
    }
    let stdout = String::from_utf8_lossy(&out.stdout);
    if stdout != g.stdout {
        errs.push(format!("{name}: stdout differs\n--- ours\n{stdout}\n--- cairo-run\n{}", g.stdout));
    }
    let stderr = String::from_utf8_lossy(&out.stderr);
    if normalize_stderr(&stderr) != normalize_stderr(&g.stderr) {
        errs.push(format!("{name}: stderr differs\n--- ours\n{stderr}\n--- cairo-run\n{}", g.stderr));
    }
    match &g.trace_sha256 {
        Some(h) => match std::fs::read(&trace) {
            Ok(b) => {
                if &sha256_hex(&b) != h {
                    errs.push(format!("{name}: trace differs ({} entries)", b.len() / 24));
                }
            }
            Err(e) => errs.push(format!("{name}: no trace file: {e}")),
        },
        None => {
            if trace.exists() {
                errs.push(format!("{name}: a trace file was written for a failed run"));
            }
        }
    }
    match &g.memory_sha256 {
        Some(h) => match std::fs::read(&mem) {
            Ok(b) => {
                let (d, n) = memory_digest(&b);
                if &d != h || Some(n) != g.memory_cells {
                    errs.push(format!("{name}: memory differs ({n} cells, expected {:?})", g.memory_cells));
                }
            }
            Err(e) => errs.push(format!("{name}: no memory file: {e}")),
        },
        None => {
            if mem.exists() {
                errs.push(format!("{name}: a memory file was written for a failed run"));
            }
        }
    }
    if let Some(h) = &g.air_public_input_sha256 {
        match std::fs::read(&public) {
            Ok(b) if &sha256_hex(&b) == h => {}
            Ok(_) => errs.push(format!("{name}: AIR public input differs")),
            Err(e) => errs.push(format!("{name}: no AIR public input: {e}")),
        }
    }
    if let Some(want) = &g.cairo_pie {
        match std::fs::read(&pie) {
            Ok(b) => {
                let got = pie_digests(&b);
                if &got != want {
                    errs.push(format!("{name}: Cairo PIE differs: {got:?}"));
                }
            }
            Err(e) => errs.push(format!("{name}: no Cairo PIE: {e}")),
        }
    }
    if let Some(h) = &g.air_private_input_sha256 {
        match std::fs::read_to_string(&private) {
            Ok(t) if &private_input_digest(&t) == h => {}
            Ok(_) => errs.push(format!("{name}: AIR private input differs")),
            Err(e) => errs.push(format!("{name}: no AIR private input: {e}")),
        }
    }
    let _ = std::fs::remove_dir_all(&dir);
    errs
}

fn tempdir() -> std::path::PathBuf {
    use std::sync::atomic::{AtomicU64, Ordering};
    static N: AtomicU64 = AtomicU64::new(0);
    let d = std::env::temp_dir().join(format!(
        "cairo-jit-test-{}-{}",
        std::process::id(),
        N.fetch_add(1, Ordering::Relaxed)
    ));
    std::fs::create_dir_all(&d).unwrap();
    d
}

#[test]
fn fixtures_match_cairo_run() {
    let goldens = goldens(&["tests/programs", "examples"]);
    assert!(goldens.len() >= 25, "expected at least 25 fixtures, found {}", goldens.len());
    let mut failures = Vec::new();
    let mut compared = 0;
    for (path, g) in &goldens {
        if g.custom_hint || g.test_hints {
            continue; // Hints the default registry lacks: run in-process by tests/builtins.rs.
        }
        compared += 1;
        failures.extend(check(path, g));
    }
    assert!(
        failures.is_empty(),
        "{} of {compared} fixtures differ from cairo-run:\n{}",
        failures.len(),
        failures.join("\n\n")
    );
    eprintln!("{compared} fixtures identical to cairo-run");
}

/// Python tracebacks inside hints show cairo-lang's own frames (memory_dict.py, secp_utils.py, ...) that a
/// Rust VM has no equivalent of; they are dropped from both sides before comparing. So are
/// source lines quoted from files that do not exist on this machine (cairo-lang's library
/// sources, referenced by absolute path, are present only where cairo-lang is installed).
///
/// An exception cairo-run does not catch prints Python's traceback of cairo-lang's own frames:
/// only its first line and the exception line are compared.
pub fn normalize_stderr(s: &str) -> String {
    if s.starts_with("Traceback (most recent call last):") {
        let last = s.lines().rev().find(|l| !l.trim().is_empty()).unwrap_or("");
        return format!("Traceback (most recent call last):\n{last}");
    }
    let mut out = Vec::new();
    let mut skip_code = false;
    // Whether the latest `PATH:LINE:COL:` location is in a file this machine does not have.
    let mut loc_missing = false;
    for line in s.lines() {
        if loc_missing && is_marks(line) {
            // The quoted source line and its marks, which neither cairo-run nor cairo-jit can
            // print without the file (cairo-lang's library sources exist only where
            // cairo-lang is installed).
            out.pop();
            continue;
        }
        if let Some(rest) = line.strip_prefix("  File \"") {
            let file = rest.split('"').next().unwrap_or("");
            // cairo-lang's own Python: the VM (`cairo/lang/`), `starkware/python/`, and the
            // library's helper modules (`cairo/common/**/*.py`, e.g. `secp_utils.py`).
            skip_code = file.contains("/starkware/cairo/lang/")
                || file.contains("/starkware/python/")
                || (file.contains("/starkware/") && file.ends_with(".py"));
            if skip_code {
                continue;
            }
            // A frame in a Cairo file that is not on this machine: its code line is not shown.
            skip_code = missing(file);
        } else if skip_code && line.starts_with("    ") {
            continue;
        } else {
            skip_code = false;
            if let Some(path) = location_path(line) {
                loc_missing = missing(path);
            }
        }
        out.push(line);
    }
    out.join("\n")
}

/// A caret line under a quoted source line (`^***^`, `^^`).
fn is_marks(line: &str) -> bool {
    let t = line.trim();
    t.starts_with('^') && t.chars().all(|c| c == '^' || c == '*')
}

/// Whether an absolute source path does not exist on this machine.
fn missing(path: &str) -> bool {
    path.starts_with('/') && !std::path::Path::new(path).exists()
}

/// The file of a `PATH:LINE:COL: ...` location line.
fn location_path(line: &str) -> Option<&str> {
    let mut parts = line.splitn(4, ':');
    let (path, l, c) = (parts.next()?, parts.next()?, parts.next()?);
    (!path.is_empty() && l.parse::<u32>().is_ok() && c.parse::<u32>().is_ok()).then_some(path)
}
