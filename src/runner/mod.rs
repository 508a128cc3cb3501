//! The runner: layout, segments in cairo-lang's order, builtin runners, the initial stack,
//! the run itself, `end_run`, the builtins' return values, and relocation.
//!
//! The segment order is cairo-lang's `CairoRunner`: program (0), execution (1), one segment per
//! builtin the program uses in layout order, then (plain mode) the return-fp segment and the
//! end segment. Changing this order changes every relocated address.

pub mod accessed;
mod error;
pub mod layout;
mod relocate;
mod traceback;

pub use error::RunError;
pub use layout::Layout;
pub use relocate::Relocation;

use crate::builtins::{BuiltinKind, BuiltinRunner};
use crate::hints::{HintProcessor, HintRegistry};
use crate::interp::Interpreter;
use crate::jit::Jit;
use crate::program::Program;
use crate::vm::{Memory, NoTrace, Relocatable, TraceEntry, Value, Vm, VmError};

/// Whether the run records the per-step register trace.
#[derive(Clone, Copy, PartialEq, Eq, Debug, Default)]
pub enum TraceMode {
    /// Record a trace entry per step (needed for the trace file).
    #[default]
    On,
    /// Record nothing.
    Off,
}

/// Which engine executes the program.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Engine {
    /// The reference interpreter.
    Interp,
    /// Compiled regions, with the interpreter for the rest.
    Jit(crate::jit::JitOptions),
}

impl Default for Engine {
    fn default() -> Self {
        Engine::Jit(crate::jit::JitOptions::default())
    }
}

/// How to run a program. Build with [`RunConfig::new`] and the `with_*` methods.
#[derive(Clone, Debug)]
pub struct RunConfig {
    /// The layout.
    pub layout: &'static Layout,
    /// The function to start at (default `main`).
    pub entrypoint: String,
    /// Fail after this many steps without reaching the end.
    pub max_steps: Option<u64>,
    /// cairo-run's `--steps N`: run exactly N steps (fails if the end comes before or after).
    pub steps: Option<u64>,
    /// Trace recording.
    pub trace: TraceMode,
    /// Run even when the layout lacks some of the program's builtins.
    pub allow_missing_builtins: bool,
    /// The JSON hints read as `program_input`.
    pub program_input: Option<serde_json::Value>,
    /// The hint implementations (default: every built-in hint).
    pub hints: Option<std::sync::Arc<HintRegistry>>,
    /// The engine.
    pub engine: Engine,
}

impl Default for RunConfig {
    fn default() -> Self {
        RunConfig {
            layout: Layout::by_name("plain").expect("plain exists"),
            entrypoint: "main".into(),
            max_steps: None,
            steps: None,
            trace: TraceMode::On,
            allow_missing_builtins: false,
            program_input: None,
            hints: None,
            engine: Engine::default(),
        }
    }
}

impl RunConfig {
    /// The default configuration: layout plain, entrypoint main, trace on, no step limit.
    pub fn new() -> Self {
        Self::default()
    }
    /// Sets the layout.
    pub fn with_layout(mut self, layout: &'static Layout) -> Self {
        self.layout = layout;
        self
    }
    /// Sets the entrypoint.
    pub fn with_entrypoint(mut self, name: impl Into<String>) -> Self {
        self.entrypoint = name.into();
        self
    }
    /// Sets the step limit.
    pub fn with_max_steps(mut self, n: Option<u64>) -> Self {
        self.max_steps = n;
        self
    }
    /// Sets cairo-run's `--steps` (an exact step count).
    pub fn with_steps(mut self, n: Option<u64>) -> Self {
        self.steps = n;
        self
    }
    /// Sets trace recording.
    pub fn with_trace(mut self, t: TraceMode) -> Self {
        self.trace = t;
        self
    }
    /// Allows builtins missing from the layout.
    pub fn with_allow_missing_builtins(mut self, b: bool) -> Self {
        self.allow_missing_builtins = b;
        self
    }
    /// Uses `registry` for hints (e.g. the built-in hints plus custom ones).
    pub fn with_hint_registry(mut self, registry: std::sync::Arc<HintRegistry>) -> Self {
        self.hints = Some(registry);
        self
    }
    /// Sets the engine.
    pub fn with_engine(mut self, engine: Engine) -> Self {
        self.engine = engine;
        self
    }
    /// Sets the program input.
    pub fn with_program_input(mut self, v: Option<serde_json::Value>) -> Self {
        self.program_input = v;
        self
    }
}

/// A finished run: the VM state, builtins, trace and relocation.
pub struct RunOutput {
    /// Final VM state.
    pub vm: Vm,
    /// Builtin runners, in layout order.
    pub builtins: Vec<BuiltinRunner>,
    /// Program segment base.
    pub program_base: Relocatable,
    /// Execution segment base.
    pub execution_base: Relocatable,
    /// The pc at which the run ended.
    pub end: Relocatable,
    /// The recorded trace (empty with [`TraceMode::Off`]).
    pub trace: Vec<TraceEntry>,
    /// Segment bases after relocation.
    pub relocation: Relocation,
    /// JIT counters (with the JIT engine).
    pub jit_stats: Option<crate::jit::JitStats>,
}

impl RunOutput {
    /// The output builtin's runner, if the program uses it.
    pub fn output_builtin(&self) -> Option<&BuiltinRunner> {
        self.builtins.iter().find(|b| b.kind == BuiltinKind::Output)
    }

    /// The values written to the output segment, in order (`None` for a hole).
    pub fn output_values(&self) -> Vec<Option<Value>> {
        let Some(b) = self.output_builtin() else { return Vec::new() };
        let n = b.used_cells(&self.vm.memory);
        (0..n).map(|i| self.vm.memory.get(Relocatable::new(b.base.segment, i))).collect()
    }
}

/// Trace entries reserved before the run (virtual memory, likewise).
const TRACE_RESERVE: usize = 1 << 20;

/// Sets up the segments and initial stack as cairo-lang's `initialize_segments` and
/// `initialize_main_entrypoint` do (plain mode).
struct Setup {
    vm: Vm,
    builtins: Vec<BuiltinRunner>,
    program_base: Relocatable,
    execution_base: Relocatable,
    end: Relocatable,
}

fn setup(program: &Program, config: &RunConfig) -> Result<Setup, RunError> {
    let layout = config.layout;
    let mut prog_builtins = Vec::new();
    for name in &program.builtins {
        let kind = BuiltinKind::from_name(name).ok_or_else(|| {
            RunError::Config(format!(
                "The builtins specified by the %builtins directive must be subsequence of {:?}. Got {:?}.",
                BuiltinKind::ALL.iter().map(|b| b.name()).collect::<Vec<_>>(),
                program.builtins
            ))
        })?;
        prog_builtins.push(kind);
    }
    if !config.allow_missing_builtins {
        let missing: Vec<&str> =
            prog_builtins.iter().filter(|b| !layout.builtins.contains(b)).map(|b| b.name()).collect();
        if !missing.is_empty() {
            let set = missing.iter().map(|m| format!("'{m}'")).collect::<Vec<_>>().join(", ");
            return Err(RunError::Config(format!(
                "Builtins {{{set}}} are not present in layout \"{}\"",
                layout.name
            )));
        }
    }
    if !prog_builtins.windows(2).all(|w| w[0] < w[1]) {
        return Err(RunError::Config(format!(
            "The builtins specified by the %builtins directive must be subsequence of {:?}. Got {:?}.",
            BuiltinKind::ALL.iter().map(|b| b.name()).collect::<Vec<_>>(),
            program.builtins
        )));
    }
    if let Some(b) = prog_builtins.iter().find(|b| !b.is_supported()) {
        return Err(RunError::Unsupported(format!("the {b} builtin is not supported yet")));
    }

    let mut memory = Memory::new();
    let program_base = memory.add_segment();
    let execution_base = memory.add_segment();
    let mut builtins = Vec::new();
    for &kind in layout.builtins {
        if prog_builtins.contains(&kind) {
            builtins.push(BuiltinRunner::new(kind, true, &mut memory));
        }
    }
    let mut stack: Vec<Value> = Vec::new();
    for kind in &prog_builtins {
        match builtins.iter().find(|b| b.kind == *kind) {
            Some(b) => stack.extend(b.initial_stack()),
            None => stack.push(Value::from(0u64)),
        }
    }
    let return_fp = memory.add_segment();
    let entry = program.entrypoint(&config.entrypoint).ok_or_else(|| {
        if config.entrypoint == "main" {
            RunError::Config("Missing main().".into())
        } else {
            RunError::Config(format!("Entrypoint {} not found", config.entrypoint))
        }
    })?;
    let end = memory.add_segment();
    stack.push(Value::Ptr(return_fp));
    stack.push(Value::Ptr(end));

    let data: Vec<Value> = program.data.iter().map(|f| Value::Int(*f)).collect();
    memory.load_data(program_base, &data).map_err(|e| RunError::Config(e.to_string()))?;
    let sp = memory.load_data(execution_base, &stack).map_err(|e| RunError::Config(e.to_string()))?;

    let mut vm = Vm::new(memory);
    vm.pc = Relocatable::new(program_base.segment, entry as u64);
    vm.ap = sp;
    vm.fp = sp;
    for b in &builtins {
        b.install(&mut vm);
    }
    Ok(Setup { vm, builtins, program_base, execution_base, end })
}

/// Runs `program` from its entrypoint to the end with the reference interpreter, then ends the
/// run, reads the builtins' return values and relocates.
pub fn run(program: &Program, config: &RunConfig) -> Result<RunOutput, RunError> {
    let Setup { mut vm, mut builtins, program_base, execution_base, end } = setup(program, config)?;
    let registry = config.hints.as_deref().unwrap_or_else(|| crate::hints::registry::default_registry());
    let mut hints = HintProcessor::with_registry(program, config.program_input.clone(), registry);
    let mut interp = Interpreter::new(program_base.segment, program.data.len());
    for (pc, group) in hints.groups() {
        interp.code.set_hints(pc, group);
    }
    let mut trace = Vec::new();
    if config.trace == TraceMode::On {
        trace.reserve(TRACE_RESERVE);
    }
    let limit = match (config.max_steps, config.steps) {
        (Some(a), Some(b)) => Some(a.min(b)),
        (a, b) => a.or(b),
    };
    let mut jit_stats = None;
    let mut result = match (&config.engine, config.trace) {
        (Engine::Interp, TraceMode::On) => interp.run_until_pc(&mut vm, end, limit, &mut trace, &mut hints),
        (Engine::Interp, TraceMode::Off) => {
            interp.run_until_pc(&mut vm, end, limit, &mut NoTrace, &mut hints)
        }
        (Engine::Jit(opts), mode) => {
            let hint_pcs: Vec<usize> = hints.groups().map(|(pc, _)| pc).collect();
            let on = mode == TraceMode::On;
            let mut jit = Jit::new(
                opts.clone(),
                program_base.segment,
                program.data.len(),
                execution_base.segment,
                hint_pcs,
                on,
            )
            .map_err(|e| RunError::Config(e.to_string()))?;
            let r = jit.run_until_pc(&mut interp, &mut vm, end, limit, on.then_some(&mut trace), &mut hints);
            jit_stats = Some(jit.stats);
            if let Some(e) = &jit.last_error {
                if std::env::var_os("CAIRO_JIT_DEBUG").is_some() {
                    eprintln!("jit: last compile error: {e}");
                }
            }
            r
        }
    };
    if let (Ok(()), Some(n)) = (&result, config.steps) {
        // cairo-run's `run_until_steps`: keep stepping to exactly n steps; stepping at the end
        // pc is an error.
        let more = n.saturating_sub(vm.current_step);
        result = match config.trace {
            TraceMode::On => interp.run_for_steps(&mut vm, more, Some(end), &mut trace, &mut hints),
            TraceMode::Off => interp.run_for_steps(&mut vm, more, Some(end), &mut NoTrace, &mut hints),
        };
    }
    if let Err(e) = result {
        return Err(vm_error(program, &vm, e));
    }
    vm.memory.relocate_temporary().map_err(|e| vm_error(program, &vm, e.into()))?;

    // read_return_values: the builtins' stop pointers, from the top of the stack down.
    let mut pointer = vm.ap;
    for kind in program.builtins.iter().rev() {
        match builtins.iter_mut().find(|b| b.kind.name() == kind) {
            Some(b) => pointer = b.final_stack(&vm.memory, pointer).map_err(RunError::Config)?,
            None => {
                pointer = Relocatable::new(pointer.segment, pointer.offset.saturating_sub(1));
                if vm.memory.get(pointer) != Some(Value::from(0u64)) {
                    return Err(RunError::Config(format!(
                        "The stop pointer of the missing builtin \"{kind}\" must be 0."
                    )));
                }
            }
        }
    }
    let relocation = Relocation::new(&vm.memory).map_err(RunError::Config)?;
    Ok(RunOutput { vm, builtins, program_base, execution_base, end, trace, relocation, jit_stats })
}

/// Wraps an execution fault with its pc and cairo-lang's traceback entries.
fn vm_error(program: &Program, vm: &Vm, error: VmError) -> RunError {
    use crate::vm::VmErrorKind;
    let with_traceback = !matches!(error.kind(), VmErrorKind::StepLimit | VmErrorKind::EndOfProgram);
    let traceback = if with_traceback { traceback::entries(&vm.memory, vm.fp) } else { Vec::new() };
    RunError::Vm(Box::new(error::VmFault {
        pc: vm.pc,
        fp: vm.fp,
        step: vm.current_step,
        error,
        traceback,
        with_traceback,
        message: String::new(),
    }))
    .with_location(program, vm)
}
