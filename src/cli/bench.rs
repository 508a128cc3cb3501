//! `cairo-jit bench PROGRAM.json [--engine jit,interp] [--runs N] [run flags]`: runs the program
//! N times per engine in this process (trace recording on, no files written; each run is a fresh
//! `runner::run`, so the JIT compiles anew every run) and prints the steps, steps/s (median, min,
//! max), the median of the process's CPU time over the wall time of a run ("CPU/wall": above 1
//! when the JIT's compiler thread works beside the run; CPU time
//! from `getrusage`), the JIT's compile time of the first run, the peak memory of one run in a child process (`cairo-jit run ...
//! --engine E --trace_file T --memory_file M`, run first, see `bench`; its maximum RSS from `wait4`)
//! and the ratio between the engines' median throughputs.
//!
//! `--engine` and `--runs` are taken out of the arguments before clap sees them (so that
//! `--engine` can name several engines); the rest are `run`'s flags, forwarded unchanged to the
//! child processes.

use super::{check_flags, config_of, fail, RunArgs};
use crate::runner::{self, TraceMode};
use std::io::{IsTerminal, Write};
use std::path::Path;
use std::process::ExitCode;
use std::time::Instant;

/// The bench-only flags, removed from the command line before clap parses `run`'s flags.
#[derive(Debug, Clone)]
pub struct BenchOpts {
    /// Engines in the order given (`--engine jit,interp`, the default).
    pub engines: Vec<String>,
    /// Runs per engine (`--runs N`, default 5).
    pub runs: usize,
    /// The arguments after `bench`, without `--engine` and `--runs`.
    pub forwarded: Vec<String>,
}

/// Splits the arguments after `bench` into the bench-only flags and the rest.
pub fn split_args(args: &[String]) -> Result<BenchOpts, String> {
    let mut engines = vec!["jit".to_string(), "interp".to_string()];
    let mut runs = 5usize;
    let mut forwarded = Vec::new();
    let mut i = 0;
    while i < args.len() {
        let a = &args[i];
        let (name, inline) = match a.split_once('=') {
            Some((n, v)) if n == "--engine" || n == "--runs" => (n, Some(v.to_string())),
            _ => (a.as_str(), None),
        };
        if name == "--engine" || name == "--runs" {
            let value = match inline {
                Some(v) => v,
                None => {
                    i += 1;
                    args.get(i).cloned().ok_or_else(|| format!("{name} needs a value"))?
                }
            };
            if name == "--engine" {
                engines = value.split(',').map(|s| s.trim().to_string()).filter(|s| !s.is_empty()).collect();
                if engines.is_empty() {
                    return Err("--engine: no engine given".into());
                }
                if let Some(e) = engines.iter().find(|e| *e != "jit" && *e != "interp") {
                    return Err(format!("--engine: unknown engine {e:?} (jit, interp)"));
                }
            } else {
                runs = value.parse().map_err(|_| format!("--runs: not a number: {value:?}"))?;
                if runs == 0 {
                    return Err("--runs must be at least 1".into());
                }
            }
        } else {
            forwarded.push(a.clone());
        }
        i += 1;
    }
    Ok(BenchOpts { engines, runs, forwarded })
}

/// One engine's measurements.
struct Measured {
    engine: String,
    steps: u64,
    /// steps/s of each run.
    rates: Vec<f64>,
    /// steps/s of each run with the JIT's compile time taken out.
    /// Per run: the process's CPU time (all threads) over the run's wall time.
    cpu_ratios: Vec<f64>,
    /// JIT compile time of the first run (ns), if the engine compiles.
    compile_ns: Option<u64>,
    /// Peak RSS of a child run, bytes.
    peak_rss: Option<u64>,
}

fn median(v: &[f64]) -> f64 {
    let mut s = v.to_vec();
    s.sort_by(|a, b| a.total_cmp(b));
    let n = s.len();
    if n % 2 == 1 {
        s[n / 2]
    } else {
        (s[n / 2 - 1] + s[n / 2]) / 2.0
    }
}

fn human_rate(r: f64) -> String {
    if r >= 1e6 {
        format!("{:.2}M", r / 1e6)
    } else if r >= 1e3 {
        format!("{:.1}k", r / 1e3)
    } else {
        format!("{r:.0}")
    }
}

fn human_bytes(b: u64) -> String {
    let b = b as f64;
    if b >= 1024.0 * 1024.0 * 1024.0 {
        format!("{:.2} GiB", b / (1024.0 * 1024.0 * 1024.0))
    } else if b >= 1024.0 * 1024.0 {
        format!("{:.1} MiB", b / (1024.0 * 1024.0))
    } else {
        format!("{:.0} KiB", b / 1024.0)
    }
}

/// Runs `cairo-jit run FORWARDED --engine E` (with a trace file, so that the child records the
/// trace as the in-process runs do) and returns its maximum resident set size in bytes.
fn child_peak_rss(forwarded: &[String], engine: &str, has_trace_file: bool) -> Result<u64, String> {
    let exe = std::env::current_exe().map_err(|e| format!("cannot find the executable: {e}"))?;
    let dir = std::env::temp_dir().join(format!("cairo-jit-bench-{}", std::process::id()));
    std::fs::create_dir_all(&dir).map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
    let mut cmd = std::process::Command::new(exe);
    cmd.arg("run").args(forwarded).arg("--engine").arg(engine);
    if !has_trace_file {
        cmd.arg("--trace_file").arg(dir.join("trace.bin"));
    }
    if !forwarded.iter().any(|a| a == "--memory_file" || a.starts_with("--memory_file=")) {
        cmd.arg("--memory_file").arg(dir.join("memory.bin"));
    }
    cmd.stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::piped());
    let mut child = cmd.spawn().map_err(|e| format!("cannot spawn the child run: {e}"))?;
    let mut err_text = String::new();
    if let Some(mut e) = child.stderr.take() {
        use std::io::Read;
        let _ = e.read_to_string(&mut err_text);
    }
    let pid = child.id() as libc::pid_t;
    let mut status: libc::c_int = 0;
    // SAFETY: rusage is plain old data; wait4 fills it for the child we spawned and have not
    // waited for (std's Child is not waited afterwards: it is forgotten below).
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    let r = unsafe { libc::wait4(pid, &mut status, 0, &mut usage) };
    std::mem::forget(child);
    let _ = std::fs::remove_dir_all(&dir);
    if r != pid {
        return Err(format!("wait4 failed: {}", std::io::Error::last_os_error()));
    }
    if !(libc::WIFEXITED(status) && libc::WEXITSTATUS(status) == 0) {
        return Err(format!("the child run failed: {}", err_text.trim_end()));
    }
    // Linux reports ru_maxrss in KiB.
    Ok(usage.ru_maxrss as u64 * 1024)
}

/// `cairo-jit bench`.
pub fn bench(args: &RunArgs, opts: &BenchOpts) -> ExitCode {
    if let Err(e) = check_flags(args) {
        return fail(format!("Error: {e}"));
    }
    let super::Loaded { path, program, layout, input, cairo1 } = match super::load_program_args(args, "bench")
    {
        Ok(l) => l,
        Err(e) => return fail(e),
    };
    let progress = std::io::stderr().is_terminal();
    // Peak memory first: a child's max RSS counts the parent's resident memory at spawn time
    // (Linux carries the high-water mark of the mm the child leaves at exec, which posix_spawn
    // shares with the parent), so the children run before this process has run the program.
    let mut peaks = std::collections::HashMap::new();
    for engine in &opts.engines {
        if progress {
            eprint!("\r{engine}: peak memory (child run) ...");
            let _ = std::io::stderr().flush();
        }
        let peak = match child_peak_rss(&opts.forwarded, engine, args.trace_file.is_some()) {
            Ok(b) => Some(b),
            Err(e) => {
                if progress {
                    eprintln!();
                }
                eprintln!("warning: {engine}: no peak memory: {e}");
                None
            }
        };
        peaks.insert(engine.clone(), peak);
    }
    let mut results: Vec<Measured> = Vec::new();
    for engine in &opts.engines {
        let run_args_engine = RunArgs { engine: engine.clone(), ..args.clone() };
        let mut config = config_of(&run_args_engine, &layout, input.clone());
        config.cairo1 = cairo1.clone();
        config.trace = TraceMode::On;
        let mut m = Measured {
            engine: engine.clone(),
            steps: 0,
            rates: Vec::new(),
            cpu_ratios: Vec::new(),
            compile_ns: None,
            peak_rss: None,
        };
        for i in 0..opts.runs {
            if progress {
                eprint!("\r{engine}: run {}/{} ...", i + 1, opts.runs);
                let _ = std::io::stderr().flush();
            }
            let cpu = cpu_seconds();
            let t = Instant::now();
            let out = match runner::run(&program, &config) {
                Ok(o) => o,
                Err(e) => {
                    if progress {
                        eprintln!();
                    }
                    return fail(e.to_string());
                }
            };
            let secs = t.elapsed().as_secs_f64();
            let cpu = cpu_seconds().zip(cpu).map(|(b, a)| b - a);
            m.steps = out.vm.current_step;
            m.rates.push(m.steps as f64 / secs.max(1e-9));
            if let Some(c) = cpu {
                m.cpu_ratios.push(c / secs.max(1e-9));
            }
            if i == 0 {
                m.compile_ns = out.jit_stats.map(|s| s.compile_ns);
            }
            drop(out);
        }
        m.peak_rss = peaks.get(engine).copied().flatten();
        if progress {
            eprint!("\r{:60}\r", "");
        }
        results.push(m);
    }
    print!("{}", report(&path, layout.name, opts.runs, &results));
    ExitCode::SUCCESS
}

/// This process's CPU time so far (user and system, all threads), where available.
fn cpu_seconds() -> Option<f64> {
    #[cfg(unix)]
    {
        // SAFETY: `getrusage` fills the `rusage` it is given; all-zero bytes are a valid one.
        let mut u: libc::rusage = unsafe { std::mem::zeroed() };
        // SAFETY: `u` is a valid, writable `rusage`.
        if unsafe { libc::getrusage(libc::RUSAGE_SELF, &mut u) } != 0 {
            return None;
        }
        let t = |v: libc::timeval| v.tv_sec as f64 + v.tv_usec as f64 / 1e6;
        Some(t(u.ru_utime) + t(u.ru_stime))
    }
    #[cfg(not(unix))]
    None
}

fn report(path: &Path, layout: &str, runs: usize, results: &[Measured]) -> String {
    let mut s = String::new();
    s.push_str(&format!("program: {} (layout {layout}, {runs} runs per engine, trace on)\n", path.display()));
    if let Some(m) = results.first() {
        s.push_str(&format!("steps: {}\n", m.steps));
    }
    s.push_str(&format!(
        "{:<8} {:>12} {:>12} {:>12} {:>12} {:>12} {:>12} {:>12}\n",
        "engine", "median/s", "min/s", "max/s", "CPU/wall", "compile ms", "peak RSS", "bytes/step"
    ));
    for m in results {
        let min = m.rates.iter().cloned().fold(f64::INFINITY, f64::min);
        let max = m.rates.iter().cloned().fold(0.0, f64::max);
        let compile = m.compile_ns.map(|n| format!("{:.3}", n as f64 / 1e6)).unwrap_or_else(|| "-".into());
        let (rss, per_step) = match m.peak_rss {
            Some(b) => (human_bytes(b), format!("{:.1}", b as f64 / m.steps.max(1) as f64)),
            None => ("-".into(), "-".into()),
        };
        s.push_str(&format!(
            "{:<8} {:>12} {:>12} {:>12} {:>12} {:>12} {:>12} {:>12}\n",
            m.engine,
            human_rate(median(&m.rates)),
            human_rate(min),
            human_rate(max),
            if m.cpu_ratios.is_empty() { "-".into() } else { format!("{:.2}", median(&m.cpu_ratios)) },
            compile,
            rss,
            per_step
        ));
    }
    for (i, a) in results.iter().enumerate() {
        for b in &results[i + 1..] {
            s.push_str(&format!(
                "ratio {}/{}: {:.3}x (median steps/s)\n",
                a.engine,
                b.engine,
                median(&a.rates) / median(&b.rates)
            ));
        }
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    fn strings(v: &[&str]) -> Vec<String> {
        v.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn split_takes_out_engine_and_runs() {
        let o = split_args(&strings(&["p.json", "--engine", "interp,jit", "--layout", "small", "--runs=3"]))
            .unwrap();
        assert_eq!(o.engines, ["interp", "jit"]);
        assert_eq!(o.runs, 3);
        assert_eq!(o.forwarded, strings(&["p.json", "--layout", "small"]));
        let o = split_args(&strings(&["p.json"])).unwrap();
        assert_eq!((o.engines.len(), o.runs), (2, 5));
        assert!(split_args(&strings(&["p.json", "--engine", "fast"])).is_err());
        assert!(split_args(&strings(&["p.json", "--runs", "0"])).is_err());
        assert!(split_args(&strings(&["p.json", "--runs"])).is_err());
    }

    #[test]
    fn median_of_even_and_odd() {
        assert_eq!(median(&[3.0, 1.0, 2.0]), 2.0);
        assert_eq!(median(&[4.0, 1.0, 2.0, 3.0]), 2.5);
    }
}
