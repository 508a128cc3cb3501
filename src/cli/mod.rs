//! The `cairo-jit` command line. Flags keep cairo-run's names (`--trace_file`, `--print_output`,
//! ...), so that scripts written for cairo-run work unchanged after `cairo-jit run`.

mod diff;
mod disasm_cmd;
use disasm_cmd as disasm;

use crate::jit::JitOptions;
use crate::output;
use crate::program::Program;
use crate::runner::{self, Engine, Layout, RunConfig, TraceMode};
use clap::{Args, Parser, Subcommand};
use std::path::PathBuf;
use std::process::ExitCode;

/// A Cairo VM: runs compiled Cairo programs with cairo-run's flags and output files.
#[derive(Parser, Debug)]
#[command(name = "cairo-jit", version, about)]
pub struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Run a compiled program (cairo-run's flags).
    Run(Box<RunArgs>),
    /// Run the program under two engines (or compare with another VM's trace and memory files)
    /// and report "identical" or the first divergence.
    Diff(Box<RunArgs>),
    /// Print a program's CASM in cairo-lang's syntax, with labels.
    Disasm {
        /// The compiled program (JSON).
        program: PathBuf,
    },
}

#[derive(Args, Debug, Clone)]
struct RunArgs {
    /// The compiled program (JSON), positionally.
    #[arg(value_name = "PROGRAM", required_unless_present = "program")]
    program_pos: Option<PathBuf>,
    /// The compiled program (JSON).
    #[arg(long = "program", conflicts_with = "program_pos")]
    program: Option<PathBuf>,
    /// The layout of the Cairo AIR.
    #[arg(long, default_value = "plain", value_parser = clap::builder::PossibleValuesParser::new(Layout::names()))]
    layout: String,
    /// The function to run (default main).
    #[arg(long, default_value = "main")]
    entrypoint: String,
    /// Output file for the execution trace.
    #[arg(long = "trace_file")]
    trace_file: Option<PathBuf>,
    /// Output file for the memory.
    #[arg(long = "memory_file")]
    memory_file: Option<PathBuf>,
    /// Print the program output (if the output builtin is used).
    #[arg(long = "print_output")]
    print_output: bool,
    /// Print information on the execution of the program.
    #[arg(long = "print_info")]
    print_info: bool,
    /// Stop with an error after this many steps.
    #[arg(long = "max_steps")]
    max_steps: Option<u64>,
    /// cairo-run's --steps: the exact number of steps to run.
    #[arg(long = "steps")]
    steps: Option<u64>,
    /// Allow running without all the builtins.
    #[arg(long = "allow_missing_builtins")]
    allow_missing_builtins: bool,
    /// JSON file read by hints as `program_input`.
    #[arg(long = "program_input")]
    program_input: Option<PathBuf>,
    /// The engine: jit (compiled regions, the default) or interp (the reference interpreter).
    #[arg(long, default_value = "jit", value_parser = ["jit", "interp"])]
    engine: String,
    /// JIT: executions of a pc before its region is compiled (0 = on first use).
    #[arg(long = "jit_threshold", default_value_t = 2)]
    jit_threshold: u32,
    /// JIT: write the CLIF of each compiled region (annotated with CASM) into this directory.
    #[arg(long = "dump_clif")]
    dump_clif: Option<PathBuf>,
    /// JIT: print compilation counters to stderr after the run.
    #[arg(long = "jit_stats")]
    jit_stats: bool,
    /// Prepare a provable execution trace (not supported yet).
    #[arg(long = "proof_mode")]
    proof_mode: bool,
}

/// Runs the command line; returns the process exit code.
pub fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Run(args) => run(*args),
        Command::Diff(args) => match prepare(&args) {
            Ok((program, config)) => {
                diff::diff(&program, config, args.trace_file.as_deref(), args.memory_file.as_deref())
            }
            Err(e) => fail(e),
        },
        Command::Disasm { program } => match Program::from_file(&program) {
            Ok(p) => {
                print!("{}", disasm::disassemble(&p));
                ExitCode::SUCCESS
            }
            Err(e) => fail(format!("Error: {e}")),
        },
    }
}

fn fail(msg: String) -> ExitCode {
    eprintln!("{msg}");
    ExitCode::from(1)
}

/// Loads the program and builds the run configuration from the flags.
fn prepare(args: &RunArgs) -> Result<(Program, RunConfig), String> {
    let path = args.program.clone().or(args.program_pos.clone()).expect("clap requires one");
    if args.proof_mode {
        return Err("Error: --proof_mode is not supported yet".into());
    }
    let program = Program::from_file(&path).map_err(|e| format!("Error: {e}"))?;
    let program_input = match &args.program_input {
        None => None,
        Some(p) => Some(
            std::fs::read(p)
                .map_err(|e| e.to_string())
                .and_then(|b| serde_json::from_slice(&b).map_err(|e| e.to_string()))
                .map_err(|e| format!("Error: cannot read --program_input {}: {e}", p.display()))?,
        ),
    };
    let layout = Layout::by_name(&args.layout).expect("clap checked the name");
    let trace = if args.trace_file.is_some() { TraceMode::On } else { TraceMode::Off };
    let config = RunConfig::new()
        .with_layout(layout)
        .with_entrypoint(args.entrypoint.clone())
        .with_max_steps(args.max_steps)
        .with_steps(args.steps)
        .with_trace(trace)
        .with_allow_missing_builtins(args.allow_missing_builtins)
        .with_program_input(program_input)
        .with_engine(match args.engine.as_str() {
            "interp" => Engine::Interp,
            _ => Engine::Jit(JitOptions { threshold: args.jit_threshold, dump_clif: args.dump_clif.clone() }),
        });
    Ok((program, config))
}

fn run(args: RunArgs) -> ExitCode {
    let (program, config) = match prepare(&args) {
        Ok(x) => x,
        Err(e) => return fail(e),
    };
    let out = match runner::run(&program, &config) {
        Ok(o) => o,
        Err(e) => return fail(e.to_string()),
    };
    if let (true, Some(s)) = (args.jit_stats, out.jit_stats) {
        eprintln!(
            "jit: {} regions, {} instructions compiled in {:.3} ms, {} failed; {} slow-path steps",
            s.regions,
            s.instructions,
            s.compile_ns as f64 / 1e6,
            s.failures,
            crate::jit::rt::SLOW_CALLS.load(std::sync::atomic::Ordering::Relaxed)
        );
    }
    if args.print_output {
        print!("{}", output::output_text(&out));
    }
    if args.print_info {
        print!("{}", output::info_text(&out));
    }
    if let Some(p) = &args.trace_file {
        if let Err(e) = output::write_atomically(p, |w| output::write_trace(&out, w)) {
            return fail(format!("Error: cannot write {}: {e}", p.display()));
        }
    }
    if let Some(p) = &args.memory_file {
        if let Err(e) = output::write_atomically(p, |w| output::write_memory(&out, w)) {
            return fail(format!("Error: cannot write {}: {e}", p.display()));
        }
    }
    ExitCode::SUCCESS
}
