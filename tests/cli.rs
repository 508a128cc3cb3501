//! Command-line behaviour and error cases that have no cairo-run golden: unknown and custom
//! hints, malformed programs, step limits, unsupported builtins, flag forms, disasm.

use crate::common::*;
use cairo_jit::hints::{HintCtx, HintError, HintRegistry};
use cairo_jit::program::Program;
use cairo_jit::runner::{self, RunConfig, RunError, TraceMode};
use starknet_types_core::felt::Felt;
use std::process::{Command, Output};
use std::sync::Arc;

fn run(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_cairo-jit"))
        .args(args)
        .current_dir(root().join("tests/programs"))
        .output()
        .expect("spawn cairo-jit")
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

#[test]
fn unknown_hint_is_an_error_quoting_the_text_with_pc_and_location() {
    let o = run(&["run", "err_unknown_hint.json"]);
    assert_eq!(o.status.code(), Some(1));
    let e = stderr(&o);
    assert!(e.contains("err_unknown_hint.cairo:4:5: Error at pc=0:0:"), "{e}");
    assert!(e.contains("Unknown hint"), "{e}");
    assert!(e.contains("memory[ap] = 6 * 7"), "{e}");
}

fn answer(ctx: &mut HintCtx<'_>) -> Result<(), HintError> {
    let ap = ctx.ap();
    ctx.insert(ap, Felt::from(6 * 7))
}

#[test]
fn custom_hint_registered_through_the_api_matches_cairo_run() {
    let path = root().join("tests/programs/err_unknown_hint.json");
    let golden: Golden = serde_json::from_slice(
        &std::fs::read(root().join("tests/programs/err_unknown_hint.golden.json")).unwrap(),
    )
    .unwrap();
    let program = Program::from_file(&path).unwrap();
    let mut reg = HintRegistry::with_builtin_hints();
    reg.register("memory[ap] = 6 * 7", answer);
    let cfg = RunConfig::new().with_trace(TraceMode::On).with_hint_registry(Arc::new(reg));
    let out = runner::run(&program, &cfg).expect("runs with the custom hint");
    let mut trace = Vec::new();
    cairo_jit::output::write_trace(&out, &mut trace).unwrap();
    assert_eq!(Some(sha256_hex(&trace)), golden.trace_sha256);
    let mut mem = Vec::new();
    cairo_jit::output::write_memory(&out, &mut mem).unwrap();
    assert_eq!(Some(memory_digest(&mem).0), golden.memory_sha256);
}

#[test]
fn malformed_programs_give_errors_not_panics() {
    let dir = std::env::temp_dir().join(format!("cairo-jit-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let good = std::fs::read(root().join("examples/fib.json")).unwrap();
    for (name, bytes) in [
        ("empty.json", b"".to_vec()),
        ("truncated.json", good[..good.len() / 2].to_vec()),
        ("not_object.json", b"[1, 2, 3]".to_vec()),
        (
            "bad_prime.json",
            String::from_utf8(good.clone())
                .unwrap()
                .replace("0x800000000000011000000000000000000000000000000000000000000000001", "0x7")
                .into_bytes(),
        ),
    ] {
        let p = dir.join(name);
        std::fs::write(&p, &bytes).unwrap();
        let o = run(&["run", p.to_str().unwrap()]);
        assert_eq!(o.status.code(), Some(1), "{name}: {}", stderr(&o));
        assert!(stderr(&o).starts_with("Error: "), "{name}: {}", stderr(&o));
        assert!(!stderr(&o).contains("panicked"), "{name}");
    }
    let o = run(&["run", "/nonexistent/program.json"]);
    assert_eq!(o.status.code(), Some(1));
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn max_steps_stops_an_infinite_loop_with_location() {
    let o = run(&["run", "err_infinite_loop.json", "--max_steps", "1000"]);
    assert_eq!(o.status.code(), Some(1));
    let e = stderr(&o);
    assert!(e.contains("Error at pc=0:4:\nError: End of program was not reached"), "{e}");
    // The step limit is enforced exactly: 1000 steps, then the error.
    let program = Program::from_file(&root().join("tests/programs/err_infinite_loop.json")).unwrap();
    let err = runner::run(&program, &RunConfig::new().with_max_steps(Some(1000))).err().unwrap();
    assert!(matches!(err, RunError::Vm(_)));
    assert_eq!(err.pc().map(|p| p.to_string()), Some("0:4".to_string()));
}

#[test]
fn pedersen_program_runs() {
    let o = Command::new(env!("CARGO_BIN_EXE_cairo-jit"))
        .args(["run", "uses_pedersen.json", "--layout", "small"])
        .current_dir(root().join("tests/data"))
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
}

#[test]
fn builtin_missing_from_layout_is_cairo_runs_error() {
    let o = run(&["run", "output_values.json", "--layout", "plain"]);
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(stderr(&o), "Error: Builtins {'output'} are not present in layout \"plain\"\n");
}

#[test]
fn program_flag_and_positional_are_equivalent() {
    let a = run(&["run", "fib_recursive.json", "--print_info"]);
    let b = run(&["run", "--program", "fib_recursive.json", "--print_info"]);
    assert_eq!(a.status.code(), Some(0));
    assert_eq!(a.stdout, b.stdout);
    assert!(String::from_utf8_lossy(&a.stdout).starts_with("Number of steps: 4472 "));
}

#[test]
fn disasm_prints_cairo_syntax_with_labels() {
    let o = Command::new(env!("CARGO_BIN_EXE_cairo-jit"))
        .args(["disasm", "examples/fib.json"])
        .current_dir(root())
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(0));
    let s = String::from_utf8_lossy(&o.stdout);
    for line in [
        "__main__.fib_step:",
        "    12: jmp rel 4 if [fp + (-3)] != 0",
        "    17: [ap] = [fp + (-5)] + [fp + (-4)], ap++",
        "    18: [ap] = [fp + (-3)] + (-1), ap++",
        "    20: call rel -8  // __main__.fib_step",
        "     3: ret",
    ] {
        assert!(s.lines().any(|l| l == line), "missing {line:?} in\n{s}");
    }
}

#[test]
fn diff_reports_identical_and_the_first_divergence() {
    let o = run(&["diff", "fib_recursive.json"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(String::from_utf8_lossy(&o.stdout).starts_with("identical: 4472 steps"));
    // A reference whose trace differs at step 100 and whose memory differs at one cell.
    let dir = std::env::temp_dir().join(format!("cairo-jit-diff-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let (t, m) = (dir.join("t.bin"), dir.join("m.bin"));
    let o = run(&[
        "run",
        "fib_recursive.json",
        "--engine",
        "interp",
        "--trace_file",
        t.to_str().unwrap(),
        "--memory_file",
        m.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(0));
    let mut tb = std::fs::read(&t).unwrap();
    tb[24 * 100 + 16] ^= 1;
    let t_bad = dir.join("t_bad.bin");
    std::fs::write(&t_bad, &tb).unwrap();
    let o = run(&[
        "diff",
        "fib_recursive.json",
        "--trace_file",
        t_bad.to_str().unwrap(),
        "--memory_file",
        m.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(1));
    let out = String::from_utf8_lossy(&o.stdout);
    assert!(out.starts_with("trace differs at step 100:"), "{out}");
    assert!(out.contains("fib_recursive.cairo:"), "{out}");
    let mut mb = std::fs::read(&m).unwrap();
    mb[40 * 7 + 8] ^= 1;
    let m_bad = dir.join("m_bad.bin");
    std::fs::write(&m_bad, &mb).unwrap();
    let o = run(&[
        "diff",
        "fib_recursive.json",
        "--trace_file",
        t.to_str().unwrap(),
        "--memory_file",
        m_bad.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&o.stdout).starts_with("memory differs at address"));
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn output_files_to_devices_and_symlinks_are_written_in_place() {
    // /dev/null stays a character device (renaming a temporary file over it would replace it).
    let o = run(&["run", "fib_recursive.json", "--trace_file", "/dev/null", "--memory_file", "/dev/null"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    {
        use std::os::unix::fs::FileTypeExt;
        assert!(std::fs::metadata("/dev/null").unwrap().file_type().is_char_device());
    }
    // A symlink is written through, and stays a symlink.
    let dir = std::env::temp_dir().join(format!("cairo-jit-link-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let (target, link) = (dir.join("real.bin"), dir.join("link.bin"));
    std::fs::write(&target, b"old").unwrap();
    std::os::unix::fs::symlink(&target, &link).unwrap();
    let o = run(&["run", "fib_recursive.json", "--trace_file", link.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(std::fs::symlink_metadata(&link).unwrap().file_type().is_symlink());
    assert_eq!(std::fs::metadata(&target).unwrap().len(), 4472 * 24);
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn long_trace_streams_through_a_scratch_file_and_leaves_nothing_behind() {
    // 109,917 steps: more than the streaming window, so the CLI's trace is spilled and read
    // back; it must equal the trace of an in-memory run of the library, and the directory must
    // hold only the requested files afterwards.
    let dir = std::env::temp_dir().join(format!("cairo-jit-stream-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let (t, m) = (dir.join("trace.bin"), dir.join("memory.bin"));
    let o = run(&[
        "run",
        "hint_secp.json",
        "--layout",
        "small",
        "--trace_file",
        t.to_str().unwrap(),
        "--memory_file",
        m.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(names, ["memory.bin", "trace.bin"]);
    let program = Program::from_file(&root().join("tests/programs/hint_secp.json")).unwrap();
    let layout = runner::Layout::by_name("small").unwrap();
    let out = runner::run(&program, &RunConfig::new().with_layout(layout).with_trace(TraceMode::On)).unwrap();
    assert!(out.trace.in_memory().is_some(), "the library run keeps its trace in memory");
    let mut expected = Vec::new();
    cairo_jit::output::write_trace(&out, &mut expected).unwrap();
    assert_eq!(expected.len(), 109_917 * 24);
    assert!(std::fs::read(&t).unwrap() == expected, "streamed trace differs from the in-memory one");
    let _ = std::fs::remove_dir_all(&dir);
}
