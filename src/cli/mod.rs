//! The `cairo-jit` command line. Flags keep cairo-run's names (`--trace_file`, `--print_output`,
//! ...), so that scripts written for cairo-run work unchanged after `cairo-jit run`.

mod bench;
mod diff;
mod disasm_cmd;
mod format;
use disasm_cmd as disasm;

#[cfg(feature = "cairo1")]
use crate::cairo1::Cairo1Program;
use crate::jit::JitOptions;
use crate::output;
use crate::program::format::InputFormat;
use crate::program::Program;
use crate::runner::{self, Engine, Layout, RunConfig, RunMode, TraceMode};
use clap::{Args, Parser, Subcommand};
use std::io::Write;
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
    /// Run the program N times per engine and print steps, steps/s (median, min, max), JIT
    /// compile time, peak memory (a child run's max RSS) and the engines' ratio. Takes run's
    /// flags, plus `--engine jit,interp` (a comma-separated list; default both) and `--runs N`
    /// (default 5).
    Bench(Box<RunArgs>),
    /// Print a program's CASM in cairo-lang's syntax, with labels.
    Disasm {
        /// The compiled program (JSON).
        program: PathBuf,
    },
}

#[derive(Args, Debug, Clone)]
struct RunArgs {
    /// The compiled program (JSON), positionally.
    #[arg(value_name = "PROGRAM")]
    program_pos: Option<PathBuf>,
    /// The compiled program (JSON).
    #[arg(long = "program", conflicts_with = "program_pos")]
    program: Option<PathBuf>,
    /// The layout of the Cairo AIR (default plain; all_cairo for Cairo 1 programs).
    #[arg(long, value_parser = clap::builder::PossibleValuesParser::new(Layout::names()))]
    layout: Option<String>,
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
    /// Allow running without all the builtins (default: in proof mode).
    #[arg(long = "allow_missing_builtins", num_args = 0..=1, default_missing_value = "True",
          value_parser = clap::builder::PossibleValuesParser::new(["True", "False"]))]
    allow_missing_builtins: Option<String>,
    /// cairo-run's --min_steps: the minimal number of steps.
    #[arg(long = "min_steps")]
    min_steps: Option<u64>,
    /// JSON file with the dynamic layout's parameters (CairoLayoutParams).
    #[arg(long = "cairo_layout_params_file")]
    cairo_layout_params_file: Option<PathBuf>,
    /// Verify that the run is secure (default outside proof mode).
    #[arg(long = "secure_run", overrides_with = "no_secure_run")]
    secure_run: bool,
    /// Do not verify that the run is secure.
    #[arg(long = "no_secure_run", overrides_with = "secure_run")]
    no_secure_run: bool,
    /// Output file for the AIR public input (proof mode).
    #[arg(long = "air_public_input")]
    air_public_input: Option<PathBuf>,
    /// Output file for the AIR private input (proof mode).
    #[arg(long = "air_private_input")]
    air_private_input: Option<PathBuf>,
    /// Output file for the Cairo PIE.
    #[arg(long = "cairo_pie_output")]
    cairo_pie_output: Option<PathBuf>,
    /// Runs a Cairo PIE instead of a program.
    #[arg(long = "run_from_cairo_pie")]
    run_from_cairo_pie: Option<PathBuf>,
    /// Merge the extra segments of the Cairo PIE output.
    #[arg(long = "merge_extra_segments")]
    merge_extra_segments: bool,
    /// JSON file read by hints as `program_input`.
    #[arg(long = "program_input")]
    program_input: Option<PathBuf>,
    /// The engine: jit (compiled regions, the default) or interp (the reference interpreter).
    #[arg(long, default_value = "jit", value_parser = ["jit", "interp"])]
    engine: String,
    /// JIT: executions of a pc before its region is compiled (0 = on first use; a small loop
    /// closed by jumps is compiled after a 128th as many, another small loop or a small region
    /// after an eighth).
    #[arg(long = "jit_threshold", default_value_t = crate::jit::DEFAULT_THRESHOLD)]
    jit_threshold: u32,
    /// JIT: compile on the running thread, waiting for each region (by default regions compile
    /// on a thread of their own while the interpreter goes on)
    #[arg(long = "jit_sync")]
    jit_sync: bool,
    /// JIT: write the CLIF of each compiled region (annotated with CASM) into this directory,
    /// and its machine code (`region_SEG_PC.bin`, for `objdump -D -b binary -m i386:x86-64`).
    #[arg(long = "dump_clif")]
    dump_clif: Option<PathBuf>,
    /// JIT: print compilation counters to stderr after the run.
    #[arg(long = "jit_stats")]
    jit_stats: bool,
    /// Prepare a provable execution trace.
    #[arg(long = "proof_mode")]
    proof_mode: bool,
    /// Cairo 1: main's arguments, cairo1-run's syntax ("1 2 [3 4]": felts, arrays in brackets).
    #[arg(long = "args", conflicts_with = "args_file")]
    args: Option<String>,
    /// Cairo 1: a file holding main's arguments (same syntax as --args).
    #[arg(long = "args_file")]
    args_file: Option<PathBuf>,
    /// Cairo 1: the gas given to main when it uses gas (default 9999999999999, as cairo1-run).
    #[arg(long = "available_gas")]
    available_gas: Option<u64>,
}

impl RunArgs {
    /// The layout's name: `--layout`, else plain (all_cairo for Cairo 1 programs).
    fn layout_name(&self, cairo1: bool) -> &str {
        self.layout.as_deref().unwrap_or(if cairo1 { "all_cairo" } else { "plain" })
    }
}

/// A program of any accepted format; for Cairo 1, also what its run needs.
struct AnyProgram {
    program: Program,
    cairo1: Option<Cairo1Program>,
}

/// Without the `cairo1` feature no Cairo 1 program is ever loaded: this type has no values.
#[cfg(not(feature = "cairo1"))]
enum Cairo1Program {}

/// What the runner needs of a Cairo 1 program (no syscall handler from the command line).
#[cfg(feature = "cairo1")]
fn cairo1_run(c: &Cairo1Program) -> runner::Cairo1Run {
    runner::Cairo1Run { hints: c.hints(), builtin_costs: c.builtin_costs, syscalls: None }
}

#[cfg(not(feature = "cairo1"))]
fn cairo1_run(c: &Cairo1Program) -> runner::Cairo1Run {
    match *c {}
}

/// Loads Cairo Zero JSON, a Sierra program, an executable or (feature `cairo1-compiler`) a
/// `.cairo` source, detecting the format.
fn load_any(path: &std::path::Path, args: &RunArgs) -> Result<AnyProgram, String> {
    let bytes = std::fs::read(path).map_err(|e| format!("Error: cannot read {}: {e}", path.display()))?;
    // A Cairo Zero program (the common case) is loaded in one pass; anything else, a load
    // error included, goes through the format detection, whose answer is the same.
    if !path.extension().is_some_and(|e| e == "cairo" || e == "sierra") {
        if let Some(program) = Program::from_json_bytes_if_cairo_zero(&bytes) {
            return Ok(AnyProgram { program, cairo1: None });
        }
    }
    let kind = format::detect_format(path, &bytes);
    if kind == InputFormat::CairoZero {
        let program = Program::from_json_bytes(&bytes).map_err(|e| format!("Error: {e}"))?;
        return Ok(AnyProgram { program, cairo1: None });
    }
    #[cfg(feature = "cairo1")]
    return load_cairo1(path, &bytes, args);
    #[cfg(not(feature = "cairo1"))]
    {
        let _ = args; // Cairo 1's flags (`--args`, `--available_gas`) have nothing to do.
        Err(format!(
            "Error: {} is a Cairo 1 program ({kind:?}); this build has no Cairo 1 support: rebuild \
             with --features cairo1",
            path.display()
        ))
    }
}

/// A Cairo 1 program file with its run arguments.
#[cfg(feature = "cairo1")]
fn load_cairo1(path: &std::path::Path, bytes: &[u8], args: &RunArgs) -> Result<AnyProgram, String> {
    use crate::cairo1 as c1;
    let text = match (&args.args, &args.args_file) {
        (Some(a), _) => a.clone(),
        (None, Some(f)) => std::fs::read_to_string(f)
            .map_err(|e| format!("Error: cannot read --args_file {}: {e}", f.display()))?,
        (None, None) => String::new(),
    };
    let options = c1::EntryOptions {
        mode: if args.proof_mode { c1::EntryMode::Proof } else { c1::EntryMode::Plain },
        args: c1::parse_args(&text).map_err(|e| format!("Error: {e}"))?,
        available_gas: args.available_gas,
    };
    let p = c1::Cairo1Program::from_file(path, bytes, &options).map_err(|e| format!("Error: {e}"))?;
    let program = p.to_program().map_err(|e| format!("Error: {e}"))?;
    Ok(AnyProgram { program, cairo1: Some(p) })
}

/// `--print_output` for a Sierra program (`None` for other programs): cairo1-run's
/// `Program Output : ...`, or the panic (then the exit code is 1).
#[cfg(feature = "cairo1")]
fn cairo1_outcome(p: &Cairo1Program, out: &runner::RunOutput) -> Option<Result<String, String>> {
    use crate::cairo1::values::{panic_message, Outcome};
    let ret = p.ret.as_ref()?;
    Some(match ret.read(&out.vm.memory, out.vm.ap) {
        Err(e) => Err(format!("Error: {e}")),
        Ok(Outcome::Returned(v)) => Ok(format!("Program Output : {v}")),
        Ok(Outcome::Panicked(data)) => Err(panic_message(&data)),
    })
}

#[cfg(not(feature = "cairo1"))]
fn cairo1_outcome(p: &Cairo1Program, _: &runner::RunOutput) -> Option<Result<String, String>> {
    match *p {}
}

/// Runs the command line; returns the process exit code.
pub fn main() -> ExitCode {
    // `bench` takes `--engine` as a list and `--runs`: split them off before clap parses the
    // rest as run's flags.
    let argv: Vec<std::ffi::OsString> = std::env::args_os().collect();
    let mut bench_opts = None;
    let cli = if argv.get(1).is_some_and(|a| a == "bench") {
        let rest: Vec<String> = argv[2..].iter().map(|a| a.to_string_lossy().into_owned()).collect();
        match bench::split_args(&rest) {
            Ok(o) => {
                let mut clap_args: Vec<std::ffi::OsString> = argv[..2].to_vec();
                clap_args.extend(o.forwarded.iter().map(std::ffi::OsString::from));
                bench_opts = Some(o);
                Cli::parse_from(clap_args)
            }
            Err(e) => return fail(format!("Error: {e}")),
        }
    } else {
        Cli::parse_from(argv)
    };
    match cli.command {
        Command::Run(args) => run(*args),
        Command::Bench(args) => match &bench_opts {
            Some(o) => bench::bench(&args, o),
            None => fail("Error: bench: internal argument error".into()),
        },
        Command::Diff(args) => diff_cmd(&args),
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

/// cairo-run's checks of its flags, before any file is created.
fn check_flags(args: &RunArgs) -> Result<(), String> {
    let programs = usize::from(args.program.is_some() || args.program_pos.is_some())
        + usize::from(args.run_from_cairo_pie.is_some());
    if programs != 1 {
        return Err("Exactly one of --program, --run_from_cairo_pie must be specified.".into());
    }
    if args.proof_mode && args.run_from_cairo_pie.is_some() {
        return Err("--proof_mode cannot be used with --run_from_cairo_pie.".into());
    }
    if args.steps.is_some_and(|s| s != 0) && args.min_steps.is_some_and(|s| s != 0) {
        return Err("--steps and --min_steps cannot be both specified.".into());
    }
    if args.cairo_pie_output.is_some() && args.proof_mode {
        return Err("--proof_mode and --cairo_pie_output cannot be both specified.".into());
    }
    if args.air_public_input.is_some() && !args.proof_mode {
        return Err("--air_public_input can only be used in proof_mode.".into());
    }
    if args.air_private_input.is_some() && !args.proof_mode {
        return Err("--air_private_input can only be used in proof_mode.".into());
    }
    if args.layout.as_deref() == Some("dynamic") && args.cairo_layout_params_file.is_none() {
        return Err(String::new());
    }
    if args.merge_extra_segments && args.cairo_pie_output.is_none() {
        return Err("--merge_extra_segments is applicable only when --cairo_pie_output is specified.".into());
    }
    Ok(())
}

fn read_json(p: &std::path::Path) -> Result<serde_json::Value, String> {
    std::fs::read(p)
        .map_err(|e| e.to_string())
        .and_then(|b| serde_json::from_slice(&b).map_err(|e| e.to_string()))
}

fn layout_of(args: &RunArgs, cairo1: bool) -> Result<Layout, String> {
    let name = args.layout_name(cairo1);
    let Some(p) = &args.cairo_layout_params_file else {
        return Ok(Layout::by_name(name).expect("clap checked the name").clone());
    };
    if name != "dynamic" {
        return Ok(Layout::by_name(name).expect("clap checked the name").clone());
    }
    let v =
        read_json(p).map_err(|e| format!("cannot read --cairo_layout_params_file {}: {e}", p.display()))?;
    let params = runner::DynamicParams::from_json(&v)?;
    Ok(Layout::dynamic(Some(&params)))
}

/// Where a run writing `trace_file` streams its trace: beside the file (same file system), or
/// the temporary directory when the file is a device or a link.
fn spill_dir(trace_file: &std::path::Path) -> PathBuf {
    let regular = std::fs::symlink_metadata(trace_file).map_or(true, |m| m.file_type().is_file());
    match trace_file.parent() {
        Some(d) if regular => {
            if d.as_os_str().is_empty() {
                PathBuf::from(".")
            } else {
                d.to_path_buf()
            }
        }
        _ => std::env::temp_dir(),
    }
}

/// The run configuration the flags describe.
fn config_of(args: &RunArgs, layout: &Layout, program_input: Option<serde_json::Value>) -> RunConfig {
    let needs_trace =
        args.trace_file.is_some() || args.cairo_pie_output.is_some() || args.air_public_input.is_some();
    let trace = if needs_trace { TraceMode::On } else { TraceMode::Off };
    let mode = if args.proof_mode { RunMode::Proof } else { RunMode::Plain };
    let secure = if args.secure_run {
        Some(true)
    } else if args.no_secure_run {
        Some(false)
    } else {
        None
    };
    let mut config = RunConfig::new()
        .with_layout(layout)
        .with_entrypoint(args.entrypoint.clone())
        .with_max_steps(args.max_steps)
        .with_steps(args.steps)
        .with_min_steps(args.min_steps)
        .with_trace(trace)
        .with_mode(mode)
        .with_secure_run(secure)
        .with_program_input(program_input)
        .with_engine(match args.engine.as_str() {
            "interp" => Engine::Interp,
            _ => Engine::Jit(JitOptions {
                threshold: args.jit_threshold,
                dump_clif: args.dump_clif.clone(),
                background: !args.jit_sync,
            }),
        });
    if let Some(a) = &args.allow_missing_builtins {
        config = config.with_allow_missing_builtins(a == "True");
    }
    config
}

/// What `diff` and `bench` take from the flags: a program (not a Cairo PIE), its layout and the
/// program input.
struct Loaded {
    path: PathBuf,
    program: Program,
    layout: Layout,
    input: Option<serde_json::Value>,
    cairo1: Option<runner::Cairo1Run>,
}

/// Loads `diff`'s or `bench`'s program, layout and program input; the error is printed as is.
fn load_program_args(args: &RunArgs, command: &str) -> Result<Loaded, String> {
    if args.run_from_cairo_pie.is_some() {
        return Err(format!("Error: {command} takes a program, not --run_from_cairo_pie"));
    }
    let Some(path) = args.program.clone().or(args.program_pos.clone()) else {
        return Err(format!("Error: {command} needs a program"));
    };
    let any = load_any(&path, args)?;
    let layout = layout_of(args, any.cairo1.is_some()).map_err(|e| format!("Error: {e}"))?;
    let cairo1 = any.cairo1.as_ref().map(cairo1_run);
    let program = any.program;
    let input = match &args.program_input {
        None => None,
        Some(p) => Some(
            read_json(p).map_err(|e| format!("Error: cannot read --program_input {}: {e}", p.display()))?,
        ),
    };
    Ok(Loaded { path, program, layout, input, cairo1 })
}

/// `cairo-jit diff`.
fn diff_cmd(args: &RunArgs) -> ExitCode {
    let l = match load_program_args(args, "diff") {
        Ok(l) => l,
        Err(e) => return fail(e),
    };
    let mut config = config_of(args, &l.layout, l.input);
    config.cairo1 = l.cairo1;
    diff::diff(&l.program, config, args.trace_file.as_deref(), args.memory_file.as_deref())
}

fn run(args: RunArgs) -> ExitCode {
    if let Err(e) = check_flags(&args) {
        // cairo-run asserts these before its error handling: Python prints the traceback.
        return fail(
            runner::RunError::Uncaught(runner::Uncaught { exception: "AssertionError", message: e })
                .to_string(),
        );
    }
    let mut pie = None;
    let mut cairo1 = None;
    let program = if let Some(path) = &args.run_from_cairo_pie {
        if args.steps.is_some() || args.min_steps.is_some() {
            return fail(
                "Error: --steps and --min_steps cannot be specified in --run_from_cairo_pie mode.".into(),
            );
        }
        let bytes = match std::fs::read(path) {
            Ok(b) => b,
            Err(e) => return fail(format!("Error: cannot read {}: {e}", path.display())),
        };
        match output::pie_read::CairoPie::read(&bytes) {
            Ok(p) => {
                let prog = Program::from_json_bytes(&p.program_json());
                pie = Some(std::sync::Arc::new(p));
                match prog {
                    Ok(prog) => prog,
                    Err(e) => return fail(format!("Error: {e}")),
                }
            }
            Err(output::pie_read::PieError::Assertion(m)) => return fail(format!("Error: {m}")),
            Err(output::pie_read::PieError::Validity(m)) => {
                let msg: String = m.chars().take(10000).collect();
                return fail(
                    runner::RunError::Uncaught(runner::Uncaught {
                        exception: "starkware.cairo.lang.vm.cairo_run.CairoRunError",
                        message: format!("Security check for the CairoPIE input failed: {msg}"),
                    })
                    .to_string(),
                );
            }
        }
    } else {
        let path = args.program.clone().or(args.program_pos.clone()).expect("checked by check_flags");
        match load_any(&path, &args) {
            Ok(AnyProgram { program, cairo1: c }) => {
                cairo1 = c;
                program
            }
            Err(e) => return fail(e),
        }
    };
    let layout = match layout_of(&args, cairo1.is_some()) {
        Ok(l) => l,
        Err(e) => return fail(format!("Error: {e}")),
    };
    let program_input = match &args.program_input {
        None => None,
        Some(p) => match std::fs::read(p)
            .map_err(|e| e.to_string())
            .and_then(|b| serde_json::from_slice(&b).map_err(|e| e.to_string()))
        {
            Ok(v) => Some(v),
            Err(e) => return fail(format!("Error: cannot read --program_input {}: {e}", p.display())),
        },
    };
    let mut config = config_of(&args, &layout, program_input);
    config.trace_spill_dir = args.trace_file.as_deref().map(spill_dir);
    config.cairo1 = cairo1.as_ref().map(cairo1_run);
    if let Some(p) = &pie {
        config.steps = Some(p.n_steps);
        config.trace = TraceMode::On;
        config.pie = Some(p.clone());
    }
    let out = match runner::run(&program, &config) {
        Ok(o) => o,
        Err(e) => return fail(e.to_string()),
    };
    if let (Some(p), true) = (&pie, config.secure_run.unwrap_or(true)) {
        if let Err(e) = output::pie::check_compatible(p, &out, &program) {
            return fail(format!("Error: {e}"));
        }
    }
    if let (true, Some(s)) = (args.jit_stats, out.jit_stats) {
        eprintln!(
            "jit: {} regions ({} outside the program segment), {} instructions compiled ({} IR \
             instructions) in {:.3} ms, {} failed; {} of {} steps interpreted, {} slow-path steps; \
             hints run {} times from compiled code ({} counter steps inline), {} times before \
             entering it",
            s.regions,
            s.foreign_regions,
            s.instructions,
            s.ir_instructions,
            s.compile_ns as f64 / 1e6,
            s.failures,
            s.interpreted_steps,
            out.vm.current_step,
            s.slow_steps,
            s.hint_calls,
            s.counter_steps,
            s.hint_entries
        );
        for &(pc, n) in &out.jit_slow_pcs {
            let text = match crate::interp::fetch(&out.vm, pc) {
                Some((inst, imm)) => {
                    let imm =
                        (inst.size() == 2).then(|| starknet_types_core::felt::Felt::from_raw(imm.raw()));
                    crate::casm::disasm::format_instruction(&inst, imm.as_ref())
                }
                None => "(not an instruction)".to_string(),
            };
            eprintln!("jit: slow path at pc {}:{} ({n} steps): {text}", pc.segment, pc.offset);
        }
    }
    for w in &out.warnings {
        println!("{w}");
    }
    let mut panicked = None;
    if args.print_output {
        match cairo1.as_ref().and_then(|c| cairo1_outcome(c, &out)) {
            Some(Ok(text)) => println!("{text}"),
            Some(Err(e)) => {
                println!("{e}");
                panicked = Some(());
            }
            None => print!("{}", output::output_text(&out)),
        }
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
    if let Some(p) = &args.air_public_input {
        let text = match output::air::public_input_json(&out) {
            Ok(t) => t,
            Err(e) => return fail(format!("Error: {e}")),
        };
        if let Err(e) = output::write_atomically(p, |w| w.write_all(text.as_bytes())) {
            return fail(format!("Error: cannot write {}: {e}", p.display()));
        }
    }
    if let Some(p) = &args.air_private_input {
        let (Some(t), Some(m)) = (&args.trace_file, &args.memory_file) else {
            let which = if args.trace_file.is_none() { "--trace_file" } else { "--memory_file" };
            return fail(format!("Error: {which} must be set when --air_private_input is set."));
        };
        let text = match output::air::private_input_json(&out, t, m) {
            Ok(t) => t,
            Err(e) => return fail(format!("Error: {e}")),
        };
        if let Err(e) = output::write_atomically(p, |w| w.write_all(text.as_bytes())) {
            return fail(format!("Error: cannot write {}: {e}", p.display()));
        }
    }
    if let Some(p) = &args.cairo_pie_output {
        if let Err(e) = output::pie::write_pie(&out, &program, p, args.merge_extra_segments) {
            return fail(format!("Error: {e}"));
        }
    }
    if panicked.is_some() {
        return ExitCode::from(1);
    }
    ExitCode::SUCCESS
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run_args(program: &std::path::Path, args: &str) -> RunArgs {
        let argv =
            ["cairo-jit".as_ref(), "run".as_ref(), program.as_os_str(), "--args".as_ref(), args.as_ref()];
        match Cli::parse_from::<_, &std::ffi::OsStr>(argv).command {
            Command::Run(a) => *a,
            c => panic!("parsed as {c:?}"),
        }
    }

    /// Every Cairo 1 format loads with the `cairo1` feature, and without it is refused with an
    /// error naming the feature (no panic).
    #[test]
    fn cairo1_inputs_load_or_name_the_feature() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        for (file, args) in
            [("tests/programs/cairo1/fib_gas.sierra.json", "20"), ("tests/programs/cairo1/dict.sierra", "")]
        {
            let path = root.join(file);
            let r = load_any(&path, &run_args(&path, args));
            match r {
                Ok(p) => assert!(cfg!(feature = "cairo1") && p.cairo1.is_some(), "{file}"),
                Err(e) => assert!(
                    !cfg!(feature = "cairo1")
                        && e.contains("this build has no Cairo 1 support: rebuild with --features cairo1"),
                    "{file}: {e}"
                ),
            }
        }
        let zero = root.join("examples/fib.json");
        assert!(load_any(&zero, &run_args(&zero, "")).is_ok_and(|p| p.cairo1.is_none()));
    }
}
