//! `cairo-jit bench`: the report's shape, and its step count against `run --print_info`'s.

use crate::common::*;
use std::process::Command;

fn cairo_jit(args: &[&str]) -> String {
    let o = Command::new(env!("CARGO_BIN_EXE_cairo-jit"))
        .args(args)
        .current_dir(root())
        .output()
        .expect("spawn cairo-jit");
    assert!(o.status.success(), "{args:?}: {}", String::from_utf8_lossy(&o.stderr));
    String::from_utf8(o.stdout).expect("utf-8 output")
}

#[test]
fn bench_reports_both_engines_with_print_infos_step_count() {
    let out = cairo_jit(&["bench", "examples/fib.json", "--layout", "small", "--runs", "2"]);
    let info = cairo_jit(&["run", "examples/fib.json", "--layout", "small", "--print_info"]);
    let info_steps = info
        .lines()
        .find_map(|l| l.strip_prefix("Number of steps: "))
        .and_then(|l| l.split_whitespace().next())
        .expect("print_info's step count");
    let lines: Vec<&str> = out.lines().collect();
    assert!(lines[0].starts_with("program: examples/fib.json (layout small, 2 runs per engine"), "{out}");
    assert_eq!(lines[1], format!("steps: {info_steps}"), "{out}");
    assert!(lines[2].starts_with("engine") && lines[2].contains("median/s"), "{out}");
    for (line, engine) in lines[3..5].iter().zip(["jit", "interp"]) {
        let cols: Vec<&str> = line.split_whitespace().collect();
        assert_eq!(cols[0], engine, "{out}");
        // median, min, max, CPU/wall, compile time, peak RSS (value and unit), bytes per step
        assert_eq!(cols.len(), 9, "{out}");
        assert!(cols[4].parse::<f64>().is_ok_and(|r| r > 0.0 && r < 64.0), "CPU/wall: {out}");
        assert!(cols[8].parse::<f64>().is_ok_and(|b| b > 0.0), "{out}");
    }
    assert!(lines[3].split_whitespace().nth(5).unwrap().parse::<f64>().is_ok(), "jit compile ms: {out}");
    assert_eq!(lines[4].split_whitespace().nth(5), Some("-"), "{out}");
    assert!(lines[5].starts_with("ratio jit/interp: ") && lines[5].contains('x'), "{out}");
}

#[test]
fn bench_takes_one_engine() {
    let out =
        cairo_jit(&["bench", "examples/fib.json", "--layout", "small", "--runs", "1", "--engine", "interp"]);
    assert!(out.lines().nth(3).is_some_and(|l| l.starts_with("interp ")), "{out}");
    assert!(!out.contains("ratio"), "{out}");
}
