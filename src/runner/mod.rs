//! The runner: layout, segments in cairo-lang's order, builtin runners, the initial stack,
//! the run itself, `end_run` (with proof mode's padding), the builtins' return values,
//! `finalize_segments`, the security checks and relocation.
//!
//! The segment order is cairo-lang's `CairoRunner`: program (0), execution (1), one segment per
//! builtin runner in layout order (in proof mode every builtin of the layout has one), then in
//! plain mode the return-fp segment and the end segment, then the modulo builtins' zero segment.
//! Changing this order changes every relocated address.

pub mod accessed;
mod error;
pub mod layout;
pub mod proof;
mod relocate;
pub mod security;
mod setup;
mod traceback;

pub use error::{RunError, Uncaught};
pub use layout::{DynamicParams, Layout};
pub use relocate::Relocation;

use crate::builtins::{BuiltinKind, BuiltinRunner, Builtins};
#[cfg(feature = "cairo1")]
use crate::hints::cairo1::Cairo1HintProcessor;
use crate::hints::{HintProcessor, HintRegistry};
use crate::interp::Interpreter;
use crate::jit::Jit;
use crate::program::Program;
use crate::vm::{NoTrace, Relocatable, Trace, Value, Vm, VmError};
use std::collections::BTreeMap;

/// Whether the run records the per-step register trace.
#[derive(Clone, Copy, PartialEq, Eq, Debug, Default)]
pub enum TraceMode {
    /// Record the trace (needed for the trace file): an entry per step, or per straight line
    /// of steps of compiled code (see [`crate::vm::trace`]).
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

/// Trace entries reserved before the run (virtual memory: pages are mapped when written).
const TRACE_RESERVE: usize = 1 << 20;

/// A streaming trace's in-memory window, in entries (64 KiB: a write of that size per 4,096
/// steps costs nothing next to the steps, and the window is part of every run's peak memory).
const TRACE_WINDOW: usize = 1 << 12;

/// Plain runs (from main to its return) or proof mode (from `__start__` to `__end__`, padded).
#[derive(Clone, Copy, PartialEq, Eq, Debug, Default)]
pub enum RunMode {
    /// cairo-run without `--proof_mode`.
    #[default]
    Plain,
    /// `--proof_mode`.
    Proof,
}

/// How to run a program. Build with [`RunConfig::new`] and the `with_*` methods.
#[derive(Clone, Debug)]
pub struct RunConfig {
    /// The layout.
    pub layout: Layout,
    /// The function to start at (default `main`; plain mode only).
    pub entrypoint: String,
    /// Fail after this many steps without reaching the end.
    pub max_steps: Option<u64>,
    /// cairo-run's `--steps N`: run exactly N steps (fails if the end comes before or after).
    pub steps: Option<u64>,
    /// cairo-run's `--min_steps N`.
    pub min_steps: Option<u64>,
    /// Trace recording (always on in proof mode).
    pub trace: TraceMode,
    /// Run even when the layout lacks some of the program's builtins (default: in proof mode).
    pub allow_missing_builtins: Option<bool>,
    /// The JSON hints read as `program_input`.
    pub program_input: Option<serde_json::Value>,
    /// The hint implementations (default: every built-in hint).
    pub hints: Option<std::sync::Arc<HintRegistry>>,
    /// Plain or proof mode.
    pub mode: RunMode,
    /// cairo-run's `--secure_run` (default: on except in proof mode).
    pub secure_run: Option<bool>,
    /// The engine.
    pub engine: Engine,
    /// `--run_from_cairo_pie`: the PIE whose memory, segments and builtin data the run starts
    /// from.
    pub pie: Option<std::sync::Arc<crate::output::pie_read::CairoPie>>,
    /// Stream the trace through a scratch file in this directory instead of holding it in
    /// memory (the CLI sets it to the trace file's directory).
    pub trace_spill_dir: Option<std::path::PathBuf>,
    /// A Cairo 1 program's hints: when set, they run instead of the (empty) Cairo Zero hints.
    /// (Always `None` without the `cairo1` feature.)
    pub cairo1: Option<Cairo1Run>,
}

/// What a Cairo 1 run adds to the configuration: the typed hints, the builtin-costs cell, the
/// syscall handler.
#[cfg(feature = "cairo1")]
#[derive(Clone)]
pub struct Cairo1Run {
    /// The hints by pc.
    pub hints: std::sync::Arc<crate::hints::cairo1::Cairo1Hints>,
    /// Write cairo1-run's builtin-costs pointer right after the program's code.
    pub builtin_costs: bool,
    /// Serves Starknet syscalls (without one they fail with a clear error).
    pub syscalls: Option<crate::hints::cairo1::SharedSyscallHandler>,
}

/// Without the `cairo1` feature there are no Cairo 1 runs: this type has no values.
#[cfg(not(feature = "cairo1"))]
#[derive(Clone, Debug)]
pub enum Cairo1Run {}

#[cfg(feature = "cairo1")]
impl std::fmt::Debug for Cairo1Run {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Cairo1Run")
            .field("hint_pcs", &self.hints.groups().count())
            .field("builtin_costs", &self.builtin_costs)
            .field("syscalls", &self.syscalls.is_some())
            .finish()
    }
}

impl Default for RunConfig {
    fn default() -> Self {
        RunConfig {
            layout: Layout::by_name("plain").expect("plain exists").clone(),
            entrypoint: "main".into(),
            max_steps: None,
            steps: None,
            min_steps: None,
            trace: TraceMode::On,
            allow_missing_builtins: None,
            program_input: None,
            hints: None,
            mode: RunMode::Plain,
            secure_run: None,
            engine: Engine::default(),
            pie: None,
            trace_spill_dir: None,
            cairo1: None,
        }
    }
}

impl RunConfig {
    /// The default configuration: layout plain, entrypoint main, trace on, no step limit.
    pub fn new() -> Self {
        Self::default()
    }
    /// Sets the engine.
    pub fn with_engine(mut self, engine: Engine) -> Self {
        self.engine = engine;
        self
    }
    /// Sets the layout.
    pub fn with_layout(mut self, layout: &Layout) -> Self {
        self.layout = layout.clone();
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
    /// Sets cairo-run's `--min_steps`.
    pub fn with_min_steps(mut self, n: Option<u64>) -> Self {
        self.min_steps = n;
        self
    }
    /// Sets trace recording.
    pub fn with_trace(mut self, t: TraceMode) -> Self {
        self.trace = t;
        self
    }
    /// Allows (or forbids) builtins missing from the layout.
    pub fn with_allow_missing_builtins(mut self, b: bool) -> Self {
        self.allow_missing_builtins = Some(b);
        self
    }
    /// Uses `registry` for hints (e.g. the built-in hints plus custom ones).
    pub fn with_hint_registry(mut self, registry: std::sync::Arc<HintRegistry>) -> Self {
        self.hints = Some(registry);
        self
    }
    /// Sets the program input.
    pub fn with_program_input(mut self, v: Option<serde_json::Value>) -> Self {
        self.program_input = v;
        self
    }
    /// Sets plain or proof mode.
    pub fn with_mode(mut self, mode: RunMode) -> Self {
        self.mode = mode;
        self
    }
    /// Sets cairo-run's `--secure_run` / `--no_secure_run`.
    pub fn with_secure_run(mut self, b: Option<bool>) -> Self {
        self.secure_run = b;
        self
    }
}

/// A finished run: the VM state, builtins, trace and relocation.
pub struct RunOutput {
    /// Final VM state (with the builtin runners in `vm.builtins`).
    pub vm: Vm,
    /// JIT counters (with the JIT engine).
    pub jit_stats: Option<crate::jit::JitStats>,
    /// With the JIT: the pcs compiled code handed to the interpreter most often (at most
    /// five), with their slow-path step counts.
    pub jit_slow_pcs: Vec<(Relocatable, u64)>,
    /// Program segment base.
    pub program_base: Relocatable,
    /// Execution segment base.
    pub execution_base: Relocatable,
    /// The pc at which the run ended.
    pub end: Relocatable,
    /// The recorded trace (empty with [`TraceMode::Off`]).
    pub trace: Trace,
    /// Segment bases after relocation.
    pub relocation: Relocation,
    /// Steps before proof mode's padding (cairo-lang's `original_steps`).
    pub original_steps: u64,
    /// Plain or proof mode.
    pub mode: RunMode,
    /// The layout.
    pub layout: Layout,
    /// Proof mode's public memory: `(segment, offset, page)` in segment order.
    pub public_memory: Vec<(i64, u64, u64)>,
    /// Sizes fixed by `finalize_segments` (proof mode).
    pub finalized_sizes: BTreeMap<i64, u64>,
    /// The program's builtin names.
    pub program_builtins: Vec<String>,
    /// Whether the security checks ran (`--secure_run`).
    pub secure_run: bool,
    /// The lines cairo-run prints while padding a proof-mode run ("Warning: ... Increasing
    /// number of steps."), in order.
    pub warnings: Vec<String>,
}

impl RunOutput {
    /// The builtin runners, in layout order.
    pub fn builtins(&self) -> &[BuiltinRunner] {
        self.vm.builtins.runners()
    }

    /// The output builtin's runner, if the run has one.
    pub fn output_builtin(&self) -> Option<&BuiltinRunner> {
        self.vm.builtins.runner(BuiltinKind::Output)
    }

    /// The values written to the output segment, in order (`None` for a hole).
    pub fn output_values(&self) -> Vec<Option<Value>> {
        let Some(b) = self.output_builtin() else { return Vec::new() };
        let n = b.used_cells(&self.vm.memory);
        (0..n).map(|i| self.vm.memory.get(Relocatable::new(b.base.segment, i))).collect()
    }

    /// A segment's size as relocation uses it.
    pub fn segment_size(&self, segment: i64) -> u64 {
        self.relocation.sizes.get(segment as usize).copied().unwrap_or(0)
    }
}

/// Runs `program` from its entrypoint to the end with the reference interpreter, then ends the
/// run, reads the builtins' return values and relocates.
pub fn run(program: &Program, config: &RunConfig) -> Result<RunOutput, RunError> {
    let setup::Setup {
        mut vm,
        program_base,
        execution_base,
        end,
        final_pc,
        mut execution_public_memory,
        finalized_sizes: pie_sizes,
    } = setup::setup(program, config)?;
    let proof = config.mode == RunMode::Proof;
    let mut hints = match &config.cairo1 {
        #[cfg(feature = "cairo1")]
        Some(c1) => {
            write_builtin_costs(&mut vm, c1, program_base, program.data.len())
                .map_err(|e| RunError::Config(e.to_string()))?;
            Hooks::Cairo1(Cairo1HintProcessor::new(c1.hints.clone(), c1.syscalls.clone()))
        }
        #[cfg(not(feature = "cairo1"))]
        Some(never) => match *never {},
        None => {
            let registry =
                config.hints.as_deref().unwrap_or_else(|| crate::hints::registry::default_registry());
            Hooks::Cairo0(HintProcessor::with_registry(program, config.program_input.clone(), registry))
        }
    };
    let mut interp = Interpreter::new(program_base.segment, program.data.len());
    for (pc, group) in hints.groups() {
        interp.code.set_hints(pc, group);
    }
    let trace_on = proof || config.trace == TraceMode::On;
    let mut trace = Trace::new();
    trace.set_exec_segment(execution_base.segment);
    if trace_on {
        match &config.trace_spill_dir {
            Some(dir) => trace.spill_to(dir, TRACE_WINDOW),
            None => trace.reserve(TRACE_RESERVE),
        }
    }
    let jit = match &config.engine {
        Engine::Interp => None,
        Engine::Jit(opts) => {
            let hint_pcs: Vec<usize> = hints.groups().into_iter().map(|(pc, _)| pc).collect();
            let jit = Jit::new(
                opts.clone(),
                program_base.segment,
                program.data.len(),
                execution_base.segment,
                hint_pcs,
                trace_on,
            )
            .with_counters(hints.counters());
            Some(jit)
        }
    };
    let mut engine = Driver { interp: &mut interp, jit, hints: &mut hints, trace_on, final_pc };
    // run_until_pc(end) with cairo-run's step budget (`--steps` less the final proof step).
    let budget = config.steps.map(|s| s.saturating_sub(u64::from(proof)));
    let limit = match (config.max_steps, budget) {
        (Some(a), Some(b)) => Some(a.min(b)),
        (a, b) => a.or(b),
    };
    let mut result = engine.run_until_pc(&mut vm, end, limit, &mut trace);
    if result.is_ok() && proof {
        result = engine.steps(&mut vm, 1, &mut trace);
    }
    let original_steps = vm.current_step;
    if result.is_ok() {
        if let Some(n) = config.min_steps {
            let more = n.saturating_sub(vm.current_step);
            result = engine.steps(&mut vm, more, &mut trace);
        }
    }
    if result.is_ok() {
        if let Some(n) = config.steps {
            let more = n.saturating_sub(vm.current_step);
            result = engine.steps(&mut vm, more, &mut trace);
        }
    }
    if let Err(e) = result {
        return Err(vm_error(program, &vm, e));
    }

    // end_run.
    let mut warnings = Vec::new();
    vm.memory.relocate_temporary().map_err(|e| vm_error(program, &vm, e.into()))?;
    Builtins::verify_auto_deductions(&vm).map_err(end_run_error)?;
    if proof && config.steps.is_none() {
        let holes =
            proof::memory_holes(&trace, &vm, &BTreeMap::new(), (program_base, program.data.len() as u64))
                .map_err(RunError::Config)?;
        let inputs =
            proof::UsageInputs { rc_range: proof::rc_limits(&trace, &vm).map_err(RunError::Config)?, holes };
        let next_pow2 = |n: u64| n.max(1).next_power_of_two();
        let to_pow2 = |n: u64| next_pow2(n) - n;
        let more = to_pow2(vm.current_step);
        engine.steps(&mut vm, more, &mut trace).map_err(|e| vm_error(program, &vm, e))?;
        loop {
            match proof::check_used_cells(&vm, &config.layout, vm.current_step, &inputs)
                .map_err(RunError::Config)?
            {
                Ok(()) => break,
                Err(w) if w.fatal => return Err(RunError::Config(w.message)),
                Err(w) => warnings.push(format!("Warning: {} Increasing number of steps.", w.message)),
            }
            engine.steps(&mut vm, 1, &mut trace).map_err(|e| vm_error(program, &vm, e))?;
            let more = to_pow2(vm.current_step);
            engine.steps(&mut vm, more, &mut trace).map_err(|e| vm_error(program, &vm, e))?;
        }
    }

    // read_return_values.
    let mut pointer = vm.ap;
    for kind in program.builtins.iter().rev() {
        let runner =
            BuiltinKind::from_name(kind).and_then(|k| vm.builtins.runners().iter().position(|b| b.kind == k));
        match runner {
            Some(i) => {
                let memory = &vm.memory;
                let b = &mut vm.builtins.runners_mut()[i];
                pointer = b.final_stack(memory, pointer).map_err(RunError::Config)?;
            }
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
    execution_public_memory.extend(pointer.offset..vm.ap.offset);

    // finalize_segments (proof mode).
    let mut finalized_sizes = pie_sizes;
    let mut public_memory = Vec::new();
    if proof {
        let steps = vm.current_step;
        finalized_sizes.insert(program_base.segment, program.data.len() as u64);
        public_memory.extend((0..program.data.len() as u64).map(|i| (program_base.segment, i, 0)));
        public_memory.extend(execution_public_memory.iter().map(|&o| (execution_base.segment, o, 0)));
        for b in vm.builtins.runners() {
            let (_, size) = b.used_and_allocated(&vm.memory, steps).map_err(insufficient_error)?;
            finalized_sizes.insert(b.base.segment, size);
            if b.kind == BuiltinKind::Output {
                let pm = vm.builtins.output.public_memory(size).map_err(RunError::Config)?;
                public_memory.extend(pm.into_iter().map(|(o, p)| (b.base.segment, o, p)));
            }
        }
        if let Some((z, n)) = vm.builtins.zero_segment {
            finalized_sizes.insert(z.segment, n);
        }
        public_memory.sort_by_key(|&(s, _, _)| s);
    }

    // Cairo 1 runs write the builtin-costs cell past the code, as cairo1-run (which does not
    // run the security checks) does.
    let secure = config.secure_run.unwrap_or(!proof && config.cairo1.is_none());
    if secure {
        security::verify_secure_runner(&vm, program, program_base).map_err(RunError::Uncaught)?;
    }
    let relocation = Relocation::with_sizes(&vm.memory, &finalized_sizes).map_err(RunError::Config)?;
    let jit_stats = engine.jit.as_ref().map(|j| {
        if let (Some(e), Some(_)) = (&j.last_error, std::env::var_os("CAIRO_JIT_DEBUG")) {
            eprintln!("jit: last compile error: {e}");
        }
        j.stats
    });
    Ok(RunOutput {
        vm,
        jit_stats,
        jit_slow_pcs: engine.jit.as_ref().map_or_else(Vec::new, |j| j.slowest_pcs(5)),
        program_base,
        execution_base,
        end,
        trace,
        relocation,
        original_steps,
        mode: config.mode,
        layout: config.layout.clone(),
        public_memory,
        finalized_sizes,
        program_builtins: program.builtins.clone(),
        warnings,
        secure_run: secure,
    })
}

/// The hints of a run: Cairo Zero's (by text) or Cairo 1's (typed).
enum Hooks<'p> {
    Cairo0(HintProcessor<'p>),
    #[cfg(feature = "cairo1")]
    Cairo1(Cairo1HintProcessor),
}

impl Hooks<'_> {
    fn groups(&self) -> Vec<(usize, u32)> {
        match self {
            Hooks::Cairo0(h) => h.groups().collect(),
            #[cfg(feature = "cairo1")]
            Hooks::Cairo1(h) => h.groups(),
        }
    }

    /// The counter steps compiled code runs itself ([`crate::interp::CounterHint`]).
    fn counters(&self) -> Vec<(usize, crate::interp::CounterHint)> {
        match self {
            Hooks::Cairo0(h) => h.counters(),
            #[cfg(feature = "cairo1")]
            Hooks::Cairo1(_) => Vec::new(),
        }
    }
}

impl crate::interp::HintHook for Hooks<'_> {
    #[inline]
    fn run_hints(&mut self, group: u32, vm: &mut Vm) -> Result<(), VmError> {
        match self {
            Hooks::Cairo0(h) => h.run_hints(group, vm),
            #[cfg(feature = "cairo1")]
            Hooks::Cairo1(h) => h.run_hints(group, vm),
        }
    }

    #[inline]
    fn count_down(&mut self, group: u32) -> Option<bool> {
        match self {
            Hooks::Cairo0(h) => h.count_down(group),
            #[cfg(feature = "cairo1")]
            Hooks::Cairo1(h) => h.count_down(group),
        }
    }

    #[inline]
    fn counter(&mut self, group: u32) -> Option<i64> {
        match self {
            Hooks::Cairo0(h) => h.counter(group),
            #[cfg(feature = "cairo1")]
            Hooks::Cairo1(h) => h.counter(group),
        }
    }

    #[inline]
    fn set_counter(&mut self, group: u32, n: i64) {
        match self {
            Hooks::Cairo0(h) => h.set_counter(group, n),
            #[cfg(feature = "cairo1")]
            Hooks::Cairo1(h) => h.set_counter(group, n),
        }
    }
}

/// cairo1-run's `additional_initialization`: a segment of builtin costs (zeros), its pointer
/// in the cell right after the code.
#[cfg(feature = "cairo1")]
fn write_builtin_costs(
    vm: &mut Vm,
    c1: &Cairo1Run,
    program_base: Relocatable,
    code_len: usize,
) -> Result<(), crate::vm::MemoryError> {
    if !c1.builtin_costs {
        return Ok(());
    }
    let costs = vm.memory.add_segment();
    for token in cairo_lang_sierra::extensions::gas::CostTokenType::iter_precost() {
        let at = Relocatable::new(costs.segment, token.offset_in_builtin_costs() as u64);
        vm.memory.insert(at, Value::from(0u64))?;
    }
    vm.memory.insert(
        Relocatable::new(program_base.segment, program_base.offset + code_len as u64),
        Value::Ptr(costs),
    )
}

/// The interpreter with its hints and trace choice.
struct Driver<'a, 'p> {
    interp: &'a mut Interpreter,
    /// The JIT, when the engine is [`Engine::Jit`].
    jit: Option<Jit>,
    hints: &'a mut Hooks<'p>,
    trace_on: bool,
    final_pc: Option<Relocatable>,
}

impl Driver<'_, '_> {
    fn run_until_pc(
        &mut self,
        vm: &mut Vm,
        end: Relocatable,
        limit: Option<u64>,
        trace: &mut Trace,
    ) -> Result<(), VmError> {
        match (&mut self.jit, self.trace_on) {
            (Some(jit), on) => jit.run_until_pc(self.interp, vm, end, limit, on.then_some(trace), self.hints),
            (None, true) => self.interp.run_until_pc(vm, end, limit, trace, self.hints),
            (None, false) => self.interp.run_until_pc(vm, end, limit, &mut NoTrace, self.hints),
        }
    }

    /// cairo-lang's `run_for_steps(n)` (stepping at the plain run's end pc is an error).
    fn steps(&mut self, vm: &mut Vm, n: u64, trace: &mut Trace) -> Result<(), VmError> {
        if let Some(jit) = &mut self.jit {
            // As the interpreter's loop below: the JIT runs until the end pc or the step
            // target, whichever comes first; reaching the end pc early is cairo-lang's
            // EndOfProgram, reaching the target is success. (Proof mode's padding, up to half
            // of a run's steps, runs compiled this way.)
            use crate::vm::VmErrorKind;
            let target = vm.current_step.saturating_add(n);
            // Without an end pc, one no instruction can reach (no segment has this index).
            let end = self.final_pc.unwrap_or(Relocatable::new(i64::MIN, 0));
            let r = jit.run_until_pc(
                self.interp,
                vm,
                end,
                Some(target),
                self.trace_on.then_some(trace),
                self.hints,
            );
            return match r {
                Ok(()) if vm.current_step == target => Ok(()),
                Ok(()) => Err(VmErrorKind::EndOfProgram.into()),
                Err(e) if matches!(e.kind(), VmErrorKind::StepLimit) && vm.current_step == target => Ok(()),
                Err(e) => Err(e),
            };
        }
        if self.trace_on {
            self.interp.run_for_steps(vm, n, self.final_pc, trace, self.hints)
        } else {
            self.interp.run_for_steps(vm, n, self.final_pc, &mut NoTrace, self.hints)
        }
    }
}

/// An allocation failure outside the padding loop: an assertion prints `Error: ...`,
/// `InsufficientAllocatedCells` escapes cairo-run uncaught.
fn insufficient_error(e: crate::builtins::Insufficient) -> RunError {
    if e.fatal {
        RunError::Config(e.message)
    } else {
        RunError::Uncaught(error::Uncaught {
            exception: "starkware.cairo.lang.vm.builtin_runner.InsufficientAllocatedCells",
            message: e.message,
        })
    }
}

/// An error of `end_run`'s deduction check, as cairo-run reports it (an assertion inside a
/// rule prints `Error: ...`; an inconsistency escapes as an uncaught exception).
fn end_run_error(e: VmError) -> RunError {
    match e.kind() {
        crate::vm::VmErrorKind::InconsistentAutoDeduction { .. } => RunError::Uncaught(error::Uncaught {
            exception: "starkware.cairo.lang.vm.vm_exceptions.InconsistentAutoDeductionError",
            message: e.to_string(),
        }),
        _ => RunError::Config(e.to_string()),
    }
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
        memory_digest: vm.memory.digest(),
    }))
    .with_location(program, vm)
}
