//! The JIT: CASM regions compiled to native code with Cranelift, producing exactly the
//! interpreter's trace, memory, output and errors.
//!
//! - [`analysis`] finds the instructions of a region (pure);
//! - [`lower`] turns a region into Cranelift IR (inline fast paths, exits to the interpreter);
//! - [`clif`] writes a region's CLIF annotated with its CASM (`--dump_clif`);
//! - [`rt`] holds the runtime functions compiled code calls;
//! - [`Jit`] owns the Cranelift module and the code cache, and runs the dispatcher loop.
//!
//! The code cache is keyed by (segment, offset), so code a program writes into a segment of
//! its own (a bootloader loading a program) is compiled like the program's. Each entry where
//! control lands (a jump or call target, a return address: interpreted steps that fall through
//! are not looked up) counts executions until it reaches the hotness threshold, then the
//! region starting there is compiled (a small loop's or a small region's at an eighth of the
//! threshold, a small loop closed by jumps at a 128th, see [`EARLY_DIVISOR`] and
//! [`JUMP_LOOP_DIVISOR`]). A region
//! never includes an instruction already compiled into another region, and
//! every instruction of a region is an entry of it (the compiled function takes the
//! instruction's index), so each CASM instruction is compiled at most once and exits chain
//! from region to region in the dispatcher without going back through the VM state.
//!
//! Memory is write-once, so a compiled instruction never changes. Discovery stops at unset
//! cells; once such a cell is written and executed often enough, it starts a region of its own.
//! Instructions with hints are compiled too, but compiled code never jumps to one directly:
//! it calls the dispatcher's hint runner ([`run_hints_for`], through
//! `JitContext::run_hints`), which runs the hints with the interpreter's hint executor
//! ([`Interpreter::run_hints_at`]) and returns to compiled code, which re-enters itself at the
//! instruction; when compiled code is entered at a hint pc, the dispatcher runs its hints
//! first. So an `exit::INTERPRET` at a hint pc always comes after its hints ran, and the
//! interpreter then executes only the instruction ([`Interpreter::step_after_hints`]). The
//! hint runner declines (and compiled code returns to the dispatcher before the hints) where
//! the dispatcher would not enter compiled code: at the run's end, near the step limit. A
//! counter step ([`CounterHint`]: the loop hint of memcpy and memset) is run by compiled code
//! itself: [`count_down_for`] (through `JitContext::count_down`) decrements the scope's `n`
//! under the hint runner's conditions and compiled code writes the flag, or the hint runner
//! runs the hint when anything is out of the ordinary (see `Lowering::counter_step`). The
//! run's end pc and states outside compiled code's assumptions (fp or ap outside the execution
//! segment, a few steps from the step limit) are run by the interpreter. A compile failure
//! never aborts a run.

pub mod analysis;
pub mod clif;
pub mod lower;
pub mod rt;
mod worker;

use crate::interp::{CounterHint, HintHook, Interpreter};
use crate::vm::{Relocatable, Trace, TraceEntry, TraceSink, Vm, VmError, VmErrorKind};
use cairo_jit_runtime::jit::{exit, JitContext, COUNT_DOWN_HINTS, NO_LEASE};
use std::path::PathBuf;

/// Executions of a pc before the region starting there is compiled, by default. A lower one
/// (2,000) ran dict_squash and usort ~1.1x faster once compilation moved off the running thread,
/// but compiled regions that 10,000 leaves alone on sha256, secp and uint256, and compiling at
/// all costs memory (Cranelift's code pages, its scratch memory, the compiler thread): +4 to
/// +7 MB of peak there, a tenth of those runs' peak.
pub const DEFAULT_THRESHOLD: u32 = 10_000;

/// JIT options.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct JitOptions {
    /// Executions of a pc before the region starting there is compiled (0: compile on first use).
    pub threshold: u32,
    /// Write the CLIF of each compiled region into this directory.
    pub dump_clif: Option<PathBuf>,
    /// Compile on a thread of its own while the interpreter goes on (see [`worker`]); off, the
    /// run waits for each region, so where compiled code starts is deterministic.
    pub background: bool,
}

impl Default for JitOptions {
    fn default() -> Self {
        // Cranelift still spends ~0.1-0.3 ms per compiled CASM instruction (each is compiled
        // once; see BENCHMARKS.md), so a region pays off only after thousands of executions;
        // compiling in the background keeps that time off the run on a machine with a spare core.
        JitOptions { threshold: DEFAULT_THRESHOLD, dump_clif: None, background: true }
    }
}

/// Counters of a run.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct JitStats {
    /// Regions compiled.
    pub regions: u64,
    /// CASM instructions compiled (each at most once).
    pub instructions: u64,
    /// Cranelift IR instructions generated for them.
    pub ir_instructions: u64,
    /// Regions compiled from code outside the program segment.
    pub foreign_regions: u64,
    /// Regions whose compilation failed (interpreted instead).
    pub failures: u64,
    /// Time spent compiling, in nanoseconds.
    pub compile_ns: u64,
    /// Steps compiled code handed to the interpreter (`exit::INTERPRET`).
    pub slow_steps: u64,
    /// Entries into compiled code at a hint pc, after the dispatcher ran its hints.
    pub hint_entries: u64,
    /// Hint pcs compiled code reached and went on from after running their hints itself
    /// (through [`JitContext::run_hints`]), without returning to the dispatcher.
    pub hint_calls: u64,
    /// Of those, counter steps compiled code ran itself ([`CounterHint`]).
    pub counter_steps: u64,
    /// Steps the dispatcher interpreted because no compiled code could run them: code not yet
    /// (or never) compiled, or compiled code that could not be entered there. Slow-path steps
    /// are counted in [`JitStats::slow_steps`] instead.
    pub interpreted_steps: u64,
}

/// A compiled region: `f(ctx, index of the entry instruction) -> exit code`.
type Compiled = unsafe extern "C" fn(*mut JitContext, u32) -> u32;

#[derive(Clone, Copy)]
enum Entry {
    /// Executions so far.
    Cold(u32),
    /// Compiled: the region's function and the instruction's index in it.
    Compiled(Compiled, u32),
    /// Compilation failed: interpret.
    Failed,
    /// Part of a region being compiled: interpret meanwhile.
    Pending,
}

/// The entry of a small loop or of a small region is compiled after `threshold /
/// EARLY_DIVISOR` executions rather than `threshold`:
/// - **a small loop**, at most [`SMALL_LOOP`] instructions on a cycle through the entry: where
///   compiled code pays off least quickly is where it exits the most (hints, builtins, calls
///   out of the region), and a short loop that comes back to its entry runs many steps per
///   entry. Such a region is cut to the loop itself
///   ([`analysis::Region::cycle_through_entry`]): what follows the loop runs once per loop,
///   and compiling it too would delay the loop's code (fib_loop's region: 341 IR
///   instructions instead of 446; compiled after 1,250 iterations rather than 10,000, it saves
///   the interpreter 35,000 steps);
/// - **a small region**, at most [`SMALL_REGION`] instructions in all (everything its entry
///   reaches along static edges): it costs little to compile (about a millisecond), and hint-
///   and call-heavy code is made of such regions, entered a few thousand times each. Measured
///   when it came (`cairo-jit bench P --engine jit --runs 5`, the binaries before and after
///   alternating): usort_loop's interpreted steps 607,000 -> 243,000 of 1.35M and 20.3M ->
///   26.5-26.9M steps/s, dict_squash 532,000 -> 228,000 of 1.40M and 21.7-21.8M -> 24.8-27.2M
///   steps/s, uint256_loop 698,000 -> 282,000 of 1.14M; secp_verify, which compiled nothing,
///   compiles 35 regions, and pays for the compiler's first use (Cranelift's code pages and
///   scratch memory) with 5 MB more peak. At a tenth of the threshold rather than an eighth,
///   memcpy_loop's `fill` (1,000 iterations, then never again) compiled too, and delayed the
///   copy loop's code.
const EARLY_DIVISOR: u32 = 8;

/// The entry of a small loop closed by jumps (`jmp rel` or `jnz`, no call back into the
/// loop) is compiled sooner still, after `threshold / JUMP_LOOP_DIVISOR` executions: each runs one
/// iteration, and such a loop (fib_loop's, factorial_loop's, memcpy's) usually runs many more
/// per entry than this. Recursion (a `call` back to the entry) waits for `EARLY_DIVISOR`: a
/// recursive function's entry counts calls, of which memcpy_loop's `fill`, for instance, makes
/// only 1,000, then never runs again.
const JUMP_LOOP_DIVISOR: u32 = 128;

/// Whether a small loop (see [`is_small_loop`]) is closed by jumps alone: no call on its
/// cycle goes to an instruction of the cycle (recursion).
fn is_jump_loop(region: &analysis::Region) -> bool {
    !region.insts.values().any(|ri| {
        ri.inst.opcode == crate::casm::Opcode::Call
            && ri.static_target().is_some_and(|t| region.insts.contains_key(&t))
    })
}

/// The execution counts at which [`Jit::lookup_slow`] looks for a region to compile early.
#[derive(Clone, Copy)]
struct Early {
    /// A small loop closed by a jump (see [`JUMP_LOOP_DIVISOR`]).
    jump_loop: u32,
    /// Any small loop or small region (see [`EARLY_DIVISOR`]).
    small: u32,
}

/// What [`Jit::compile`] submits.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Want {
    /// A small loop closed by a jump, or nothing.
    JumpLoop,
    /// A small loop or a small region, or nothing.
    Small,
    /// The whole region.
    Any,
}

/// Most instructions of a loop compiled early (see [`EARLY_DIVISOR`]).
const SMALL_LOOP: usize = 16;

/// Whether a loop (a region cut to its cycle) is small: at most [`SMALL_LOOP`] instructions,
/// one of which jumps back to its entry.
fn is_small_loop(region: &analysis::Region) -> bool {
    region.insts.len() <= SMALL_LOOP
        && region.insts.values().any(|ri| ri.static_target() == Some(region.entry))
}

/// Most instructions of a whole region compiled early (see [`EARLY_DIVISOR`]).
const SMALL_REGION: usize = 16;

/// Highest segment index whose code is compiled (trace entries pack the segment in 16 bits).
const MAX_CODE_SEGMENT: i64 = 1 << 15;

/// The JIT engine for one run. Dropping it frees the compiled code.
pub struct Jit {
    /// The code cache: per segment index, per offset. Declared before `worker`, which owns
    /// the code it points to, so that it is dropped first.
    entries: Vec<Vec<Entry>>,
    /// The compiler thread.
    worker: worker::Worker,
    /// Bumped whenever the cache is reset: results of regions submitted before are dropped.
    epoch: u64,
    hint_pcs: Vec<bool>,
    /// The hint pcs of the code segment whose hints are a counter step ([`CounterHint`]).
    counters: std::collections::HashMap<u64, CounterHint>,
    opts: JitOptions,
    code_seg: i64,
    exec_seg: i64,
    /// The pc `run_until_pc` stops at: never compiled.
    end: Option<Relocatable>,
    /// The execution counts at which a small loop or region is compiled (see [`EARLY_DIVISOR`]
    /// and [`JUMP_LOOP_DIVISOR`]; never when not below the threshold).
    early: Early,
    /// Counters.
    pub stats: JitStats,
    /// Slow-path steps per pc (the instructions compiled code hands to the interpreter).
    slow_pcs: std::collections::HashMap<Relocatable, u64>,
    /// The error of the last failed compilation, for diagnostics.
    pub last_error: Option<String>,
    /// The code table of compiled code's trace records (see [`crate::vm::trace::TraceInst`]):
    /// each submitted region's instructions, in pc order, copied into the trace before
    /// compiled code runs. A trace is recorded under one `Jit` (the runner makes both per
    /// run), so the rows it has are a prefix of these.
    trace_insts: Vec<crate::vm::trace::TraceInst>,
}

impl Jit {
    /// A JIT for code in `code_seg` (of `code_len` cells, hints at `hint_pcs`) with ap and fp in
    /// `exec_seg`; `trace` chooses traced or untraced code.
    pub fn new(
        opts: JitOptions,
        code_seg: i64,
        code_len: usize,
        exec_seg: i64,
        hint_pcs: impl IntoIterator<Item = usize>,
        trace: bool,
    ) -> Self {
        let worker =
            worker::Worker::new(worker::Setup { trace, exec_seg, dump_clif: opts.dump_clif.clone() });
        let mut hints = vec![false; code_len];
        for pc in hint_pcs {
            if let Some(h) = hints.get_mut(pc) {
                *h = true;
            }
        }
        let below = |n: u32| if n < opts.threshold { n } else { u32::MAX };
        let early = Early {
            jump_loop: below(opts.threshold / JUMP_LOOP_DIVISOR),
            small: below(opts.threshold / EARLY_DIVISOR),
        };
        Jit {
            worker,
            epoch: 0,
            entries: {
                let mut v: Vec<Vec<Entry>> = Vec::new();
                if let Ok(seg) = usize::try_from(code_seg) {
                    v.resize_with(seg + 1, Vec::new);
                    v[seg] = vec![Entry::Cold(0); code_len];
                }
                v
            },
            hint_pcs: hints,
            counters: std::collections::HashMap::new(),
            opts,
            code_seg,
            exec_seg,
            end: None,
            early,
            stats: JitStats::default(),
            slow_pcs: std::collections::HashMap::new(),
            last_error: None,
            trace_insts: Vec::new(),
        }
    }

    /// The JIT with the counter steps among the hint pcs (`(pc offset, counter)`), which
    /// compiled code runs itself ([`CounterHint`]).
    pub fn with_counters(mut self, counters: impl IntoIterator<Item = (usize, CounterHint)>) -> Self {
        // Compiled code computes the flag's cell in 64 bits: small distances keep it exact.
        let small = |c: &CounterHint| c.shift.unsigned_abs() < 1 << 32 && c.k.unsigned_abs() < 1 << 32;
        self.counters = counters
            .into_iter()
            .filter(|(pc, c)| self.hint_pcs.get(*pc).copied().unwrap_or(false) && small(c))
            .map(|(pc, c)| (pc as u64, c))
            .collect();
        self
    }

    /// The cache entry of `pc`, when compiled code may run there: a code segment of our
    /// range and a set cell (the cache then grows with the segment).
    fn entry_mut(&mut self, vm: &Vm, pc: Relocatable) -> Option<&mut Entry> {
        if !(0..MAX_CODE_SEGMENT).contains(&pc.segment) || pc.offset >= 1 << 40 {
            return None;
        }
        let (seg, off) = (pc.segment as usize, pc.offset as usize);
        if seg >= self.entries.len() {
            self.entries.resize_with(seg + 1, Vec::new);
        }
        let cache = &mut self.entries[seg];
        if off >= cache.len() {
            if !vm.memory.cell(pc.segment, pc.offset).is_set() {
                return None;
            }
            cache.resize((off + 1).next_power_of_two().max(64), Entry::Cold(0));
        }
        Some(&mut cache[off])
    }

    /// The compiled code at `pc`, if any (no counting).
    #[inline]
    fn compiled_at(&self, pc: Relocatable) -> Option<(Compiled, u32)> {
        match self.entry(pc)? {
            Entry::Compiled(f, i) => Some((f, i)),
            _ => None,
        }
    }

    /// The cache entry of `pc`, if there is one (no counting, no growth).
    #[inline]
    fn entry(&self, pc: Relocatable) -> Option<Entry> {
        self.entries.get(usize::try_from(pc.segment).ok()?)?.get(pc.offset as usize).copied()
    }

    fn is_hint(&self, pc: Relocatable) -> bool {
        pc.segment == self.code_seg && self.hint_pcs.get(pc.offset as usize).copied().unwrap_or(false)
    }

    /// Counts an execution of `pc` and returns its compiled code, compiling the region that
    /// starts there once it is hot. Runs before every interpreted step: the usual cases are
    /// one indexed load.
    #[inline]
    fn lookup(&mut self, vm: &Vm, pc: Relocatable) -> Option<(Compiled, u32)> {
        if self.worker.has_results() {
            self.install_finished(false);
        }
        let (threshold, early) = (self.opts.threshold, self.early);
        if let Some(e) = cached(&mut self.entries, pc) {
            match *e {
                Entry::Compiled(f, i) => return Some((f, i)),
                Entry::Failed | Entry::Pending => return None,
                Entry::Cold(_) => {
                    if count_cold(e, threshold, early) {
                        return None;
                    }
                }
            }
        }
        self.lookup_slow(vm, pc)
    }

    /// [`Jit::lookup`] for a pc whose cache entry does not exist yet or is hot.
    #[cold]
    #[inline(never)]
    fn lookup_slow(&mut self, vm: &Vm, pc: Relocatable) -> Option<(Compiled, u32)> {
        let (threshold, early) = (self.opts.threshold, self.early);
        match *self.entry_mut(vm, pc)? {
            Entry::Compiled(f, i) => Some((f, i)),
            Entry::Failed | Entry::Pending => None,
            // (`early`'s counts are below the threshold, or never reached.)
            Entry::Cold(n) if n == early.jump_loop || n == early.small => {
                // A small loop or a small region is compiled early (see `EARLY_DIVISOR` and
                // `JUMP_LOOP_DIVISOR`); anything else counts on.
                let want = if n == early.small { Want::Small } else { Want::JumpLoop };
                if !self.compile(pc, vm, want) {
                    let e = self.entry_mut(vm, pc)?;
                    if matches!(e, Entry::Cold(_)) {
                        *e = Entry::Cold(n + 1);
                    }
                }
                self.compiled_at(pc)
            }
            Entry::Cold(n) if n < threshold => {
                *self.entry_mut(vm, pc)? = Entry::Cold(n + 1);
                None
            }
            Entry::Cold(_) => {
                self.compile(pc, vm, Want::Any);
                self.compiled_at(pc)
            }
        }
    }

    /// Submits the region starting at `entry` for compilation (its instructions are pending
    /// until the code is installed; without `background`, waits for it); an entry whose cells
    /// do not form an instruction yet counts again. Unless `want` is [`Want::Any`], submits
    /// only a region of that kind (see [`EARLY_DIVISOR`] and [`JUMP_LOOP_DIVISOR`]) and leaves
    /// the entry alone otherwise. Returns whether the region was submitted.
    fn compile(&mut self, entry: Relocatable, vm: &Vm, want: Want) -> bool {
        let early = want != Want::Any;
        let seg = entry.segment;
        let region = {
            let cache = &self.entries[seg as usize];
            let (end, code_seg, hints) = (self.end, self.code_seg, &self.hint_pcs);
            let find = |depth, most| {
                analysis::discover_near(
                    entry.offset,
                    depth,
                    most,
                    |pc| crate::interp::fetch(vm, Relocatable::new(seg, pc)),
                    |pc| {
                        end == Some(Relocatable::new(seg, pc))
                            || matches!(cache.get(pc as usize), Some(Entry::Compiled(..) | Entry::Pending))
                    },
                    |pc| seg == code_seg && hints.get(pc as usize).copied().unwrap_or(false),
                )
            };
            if early {
                // A small loop lies within `SMALL_LOOP - 1` edges of its entry (`discover_near`),
                // and one instruction more than a small region tells a larger one: looking no
                // further keeps the checks cheap at the many entries that are neither.
                let small_loop = find(SMALL_LOOP - 1, analysis::MAX_REGION)
                    .and_then(|r| r.cycle_through_entry())
                    .filter(is_small_loop);
                if want == Want::JumpLoop {
                    small_loop.filter(is_jump_loop)
                } else {
                    small_loop.or_else(|| {
                        find(usize::MAX, SMALL_REGION + 1).filter(|r| r.insts.len() <= SMALL_REGION)
                    })
                }
            } else {
                find(usize::MAX, analysis::MAX_REGION)
            }
        };
        let Some(mut region) = region else {
            if !early {
                if let Some(e) = self.entry_mut(vm, entry) {
                    *e = Entry::Cold(0);
                }
            }
            return false;
        };
        if seg == self.code_seg {
            region.counters =
                region.hints.iter().filter_map(|pc| Some((*pc, *self.counters.get(pc)?))).collect();
        }
        for &pc in region.insts.keys() {
            if let Some(e) = self.entry_mut(vm, Relocatable::new(seg, pc)) {
                *e = Entry::Pending;
            }
        }
        let id_base = self.trace_insts.len() as u64;
        self.trace_insts.extend(lower::trace_insts(&region, seg));
        if let Err(region) = self.worker.submit(worker::Job { epoch: self.epoch, seg, id_base, region }) {
            self.stats.failures += 1;
            self.last_error =
                Some(format!("region at pc {seg}:{}: the compiler thread stopped", region.entry));
            self.forget_pending();
            return false;
        }
        if !self.opts.background {
            self.install_finished(true);
        }
        true
    }

    /// Installs the regions the compiler thread finished (`wait`: waits for all in flight).
    #[cold]
    #[inline(never)]
    fn install_finished(&mut self, wait: bool) {
        while self.worker.in_flight > 0 {
            let Some(done) = self.worker.receive(wait) else {
                if self.worker.in_flight == 0 {
                    // The thread died: what was pending will not come.
                    self.stats.failures += 1;
                    self.last_error = Some("the compiler thread stopped".into());
                    self.forget_pending();
                }
                return;
            };
            self.stats.compile_ns += done.ns;
            if done.epoch != self.epoch {
                continue;
            }
            let (seg, region) = (done.seg, &done.region);
            match done.result {
                Ok((f, ir)) => {
                    self.stats.regions += 1;
                    self.stats.instructions += region.insts.len() as u64;
                    self.stats.ir_instructions += ir as u64;
                    if seg != self.code_seg {
                        self.stats.foreign_regions += 1;
                    }
                    let cache = &mut self.entries[seg as usize];
                    for (i, &pc) in region.insts.keys().enumerate() {
                        cache[pc as usize] = Entry::Compiled(f, i as u32);
                    }
                }
                Err(e) => {
                    self.stats.failures += 1;
                    self.last_error = Some(format!("region at pc {seg}:{}: {e}", region.entry));
                    let cache = &mut self.entries[seg as usize];
                    for &pc in region.insts.keys() {
                        cache[pc as usize] = Entry::Cold(0);
                    }
                    cache[region.entry as usize] = Entry::Failed;
                }
            }
        }
    }

    /// Marks every pending instruction failed (no compiler thread any more).
    fn forget_pending(&mut self) {
        for e in self.entries.iter_mut().flatten() {
            if matches!(e, Entry::Pending) {
                *e = Entry::Failed;
            }
        }
    }

    /// The `n` pcs whose instructions compiled code handed to the interpreter most often, with
    /// their counts (most first).
    pub fn slowest_pcs(&self, n: usize) -> Vec<(Relocatable, u64)> {
        let mut v: Vec<(Relocatable, u64)> = self.slow_pcs.iter().map(|(&p, &c)| (p, c)).collect();
        v.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        v.truncate(n);
        v
    }

    /// Remembers the pc runs stop at; compiled code must exit there, so code compiled with it
    /// inside a region (by an earlier call with another end) is dropped from the cache.
    fn set_end(&mut self, end: Relocatable) {
        if self.end == Some(end) {
            return;
        }
        self.end = Some(end);
        if matches!(self.entry(end), Some(Entry::Compiled(..) | Entry::Pending)) {
            for cache in &mut self.entries {
                cache.fill(Entry::Cold(0));
            }
            self.epoch += 1;
        }
    }

    /// Whether compiled code may be entered in this state: registers in the execution
    /// segment, below the bounds that keep them 32-bit in trace entries, and room for a whole
    /// run before the step limit.
    #[inline]
    fn enterable(&self, vm: &Vm, limit: u64) -> bool {
        enterable(self.exec_seg, vm, limit)
    }

    /// Runs until pc reaches `end` (as [`Interpreter::run_until_pc`], with the same result,
    /// trace, memory and errors), compiling hot regions on the way.
    pub fn run_until_pc<H: HintHook>(
        &mut self,
        interp: &mut Interpreter,
        vm: &mut Vm,
        end: Relocatable,
        max_steps: Option<u64>,
        mut trace: Option<&mut Trace>,
        hints: &mut H,
    ) -> Result<(), VmError> {
        let limit = max_steps.unwrap_or(u64::MAX);
        self.set_end(end);
        // Compiled code records ap and fp as offsets in the execution segment it was compiled
        // for: the trace must decode them in that one.
        if let Some(t) = trace.as_deref_mut() {
            if t.exec_segment() != self.exec_seg {
                if !t.is_empty() {
                    return interp.run_until_pc(vm, end, max_steps, t, hints);
                }
                t.set_exec_segment(self.exec_seg);
            }
        }
        loop {
            if vm.pc == end {
                return Ok(());
            }
            if vm.current_step >= limit {
                return Err(VmErrorKind::StepLimit.into());
            }
            // (Counted even when compiled code may not be entered now: cold steps pay only the
            // lookup.)
            if let Some((f, i)) = self.lookup(vm, vm.pc) {
                if self.enterable(vm, limit) {
                    if !self.is_hint(vm.pc)
                        || self.hints_before_entry(interp, vm, limit, trace.as_deref_mut(), hints)?
                    {
                        self.run_compiled(f, i, interp, vm, end, limit, trace.as_deref_mut(), hints)?;
                    }
                    continue;
                }
            }
            self.stats.interpreted_steps += 1;
            step(interp, vm, trace.as_deref_mut(), hints)?;
            // Then on in the interpreter's own loop for as long as the pcs stay cold.
            let (ran, result) = match trace.as_deref_mut() {
                Some(t) => self.run_cold(interp, vm, end, limit, t, hints),
                None => self.run_cold(interp, vm, end, limit, &mut crate::vm::NoTrace, hints),
            };
            self.stats.interpreted_steps += ran;
            result?;
        }
    }

    /// Interprets steps from `vm.pc` for as long as the pcs stay cold (or wait for their
    /// code), `end` and the step limit allowing; returns how many it ran, and the first
    /// step's error if one failed. A function of its own, not inlined into the dispatcher
    /// loop: the interpreter's step compiles as tightly here as in
    /// [`Interpreter::run_until_pc`].
    ///
    /// The test before each step is kept to a few instructions: the loop submits and
    /// receives no job, so whether one may finish is known up front, and only the targets of
    /// control transfers (a pc not one or two cells past the one before it: jumps taken,
    /// calls, returns, including a `ret` to itself up a chain of recursive calls) are looked
    /// up and counted: loop heads, function entries and return addresses, where regions
    /// start. A step that falls through runs on without the lookup; compiled code reached by
    /// falling through is entered at the next transfer, and the compiler's results are looked
    /// at there.
    #[inline(never)]
    fn run_cold<T: TraceSink, H: HintHook>(
        &mut self,
        interp: &mut Interpreter,
        vm: &mut Vm,
        end: Relocatable,
        limit: u64,
        trace: &mut T,
        hints: &mut H,
    ) -> (u64, Result<(), VmError>) {
        let (threshold, early) = (self.opts.threshold, self.early);
        let (entries, results) = (&mut self.entries, self.worker.results_flag());
        let mut counted = 0u64;
        // The pc of the step before (none for the first, which is always looked up).
        let mut last: Option<Relocatable> = None;
        // On while the pc's entry is cold (counted) or waits for its code, as in `lookup`.
        let cold = |pc: Relocatable| {
            let fell_through = last.is_some_and(|l: Relocatable| {
                l.segment == pc.segment && pc.offset.wrapping_sub(l.offset).wrapping_sub(1) < 2
            });
            last = Some(pc);
            if fell_through {
                counted += 1;
                return true;
            }
            if results.is_some_and(|r| r.load(std::sync::atomic::Ordering::Acquire) > 0) {
                return false;
            }
            let go = cached(entries, pc).is_some_and(|e| {
                matches!(e, Entry::Failed | Entry::Pending) || count_cold(e, threshold, early)
            });
            counted += u64::from(go);
            go
        };
        let result = interp.run_while(vm, end, limit, trace, hints, cold);
        (counted, result)
    }

    /// Before entering compiled code at a hint pc (`vm.pc`): runs its hints. Returns whether
    /// the compiled instruction may still be entered; if not, the interpreter has executed the
    /// instruction (without running the hints again).
    fn hints_before_entry<H: HintHook>(
        &mut self,
        interp: &mut Interpreter,
        vm: &mut Vm,
        limit: u64,
        trace: Option<&mut Trace>,
        hints: &mut H,
    ) -> Result<bool, VmError> {
        let pc = vm.pc;
        interp.run_hints_at(vm, hints)?;
        debug_assert_eq!(vm.pc, pc, "hints do not move pc");
        if self.enterable(vm, limit) {
            self.stats.hint_entries += 1;
            return Ok(true);
        }
        step_after_hints(interp, vm, trace)?;
        Ok(false)
    }

    /// After an interpreted step: the compiled code to continue with at `vm.pc`, if it may be
    /// entered there (counting the pc towards compilation as the outer loop does). At a hint
    /// pc the hints run first (see [`Jit::hints_before_entry`]).
    fn resume<H: HintHook>(
        &mut self,
        interp: &mut Interpreter,
        vm: &mut Vm,
        end: Relocatable,
        limit: u64,
        trace: Option<&mut Trace>,
        hints: &mut H,
    ) -> Result<Option<(Compiled, u32)>, VmError> {
        if vm.pc == end || vm.current_step >= limit || !self.enterable(vm, limit) {
            return Ok(None);
        }
        let Some(c) = self.lookup(vm, vm.pc) else { return Ok(None) };
        if self.is_hint(vm.pc) && !self.hints_before_entry(interp, vm, limit, trace, hints)? {
            return Ok(None);
        }
        Ok(Some(c))
    }

    /// Runs compiled code from `f`'s instruction `index` (at `vm.pc`), chaining from region to
    /// region and through interpreted slow steps for as long as the next pc is compiled;
    /// returns with the VM's state current.
    #[allow(clippy::too_many_arguments)]
    fn run_compiled<H: HintHook>(
        &mut self,
        mut f: Compiled,
        mut index: u32,
        interp: &mut Interpreter,
        vm: &mut Vm,
        end: Relocatable,
        limit: u64,
        mut trace: Option<&mut Trace>,
        hints: &mut H,
    ) -> Result<(), VmError> {
        let mut ctx = new_context(limit);
        sync_ctx(vm, trace.as_deref_mut(), &mut ctx);
        let mut seg = vm.pc.segment;
        let mut host = Host::<H> {
            interp: std::ptr::null(),
            hints: std::ptr::null_mut(),
            trace: std::ptr::null_mut(),
            exec_seg: self.exec_seg,
            seg,
            end,
            limit,
            stop: None,
            calls: 0,
            counts: 0,
            lease: None,
        };
        ctx.run_hints = Some(run_hints_for::<H>);
        ctx.count_down = Some(count_down_for::<H>);
        loop {
            if let Some(t) = trace.as_deref_mut() {
                // The code table rows of every region submitted so far, before its code runs
                // (regions compile during this loop too): what its records name.
                debug_assert!(t.insts_len() <= self.trace_insts.len());
                if t.insts_len() < self.trace_insts.len() {
                    t.add_insts(&self.trace_insts[t.insts_len()..]);
                }
            }
            ctx.vm = std::ptr::from_mut(vm).cast();
            host.interp = std::ptr::from_ref(interp);
            host.hints = std::ptr::from_mut(hints);
            host.trace = trace.as_deref_mut().map_or(std::ptr::null_mut(), std::ptr::from_mut);
            host.seg = seg;
            ctx.host = std::ptr::from_mut(&mut host).cast();
            // SAFETY: `f` was compiled by this module for `JitContext` and `index` is the index
            // of the entry pc's instruction in its region; `ctx` holds the current registers
            // (in the execution segment), the execution segment's live storage, the segment
            // table and at least `TRACE_SPARE` spare trace entries (`sync_ctx`), with at least
            // `MAX_RUN` steps left (`enterable` or the checks below); `ctx.vm` is `vm` and
            // `ctx.host` is `host`, whose pointers come from `interp`, `hints` and `trace`
            // (`run_hints_for`'s requirements), none of them used by this function until the
            // call returns.
            let code = unsafe { f(&mut ctx, index) };
            end_lease(&mut ctx, &mut host, hints);
            self.stats.hint_calls += std::mem::take(&mut host.calls);
            self.stats.counter_steps += std::mem::take(&mut host.counts);
            if code == exit::HINTS_STOPPED || code == exit::INTERPRET {
                let hints_ran = if code == exit::HINTS_STOPPED {
                    match host.stop.take() {
                        Some(HintsStop::Error(e)) => return Err(e),
                        Some(HintsStop::Panic(p)) => std::panic::resume_unwind(p),
                        // The outer loop goes on from the VM's state.
                        Some(HintsStop::Dispatch) => return Ok(()),
                        Some(HintsStop::Interpret) => {}
                        None => unreachable!("the hint runner gives its reason to stop"),
                    }
                    // The VM is current: its hints ran, the instruction is the interpreter's.
                    true
                } else {
                    sync_vm(vm, trace.as_deref_mut(), &ctx, seg);
                    // Compiled code is entered at a hint pc only after its hints ran.
                    self.is_hint(vm.pc)
                };
                self.stats.slow_steps += 1;
                *self.slow_pcs.entry(vm.pc).or_default() += 1;
                // The exit may be the step limit's: the outer loop reports it.
                if vm.current_step >= limit {
                    return Ok(());
                }
                if hints_ran {
                    step_after_hints(interp, vm, trace.as_deref_mut())?;
                } else {
                    step(interp, vm, trace.as_deref_mut(), hints)?;
                }
                let Some((g, i)) = self.resume(interp, vm, end, limit, trace.as_deref_mut(), hints)? else {
                    return Ok(());
                };
                sync_ctx(vm, trace.as_deref_mut(), &mut ctx);
                (f, index, seg) = (g, i, vm.pc.segment);
            } else {
                debug_assert_eq!(code, exit::CONTINUE);
                let pc = Relocatable::new(seg, ctx.pc);
                let next = if pc == end
                    || limit.saturating_sub(ctx.steps) < lower::MAX_RUN
                    || !regs_inline(ctx.ap, ctx.fp)
                {
                    None
                } else {
                    self.compiled_at(pc)
                };
                let Some((g, i)) = next else {
                    // Not compiled (a hint pc, cold code, another segment): count it, and run
                    // one step in the interpreter here rather than in the outer loop, then
                    // re-enter compiled code with the same context.
                    sync_vm(vm, trace.as_deref_mut(), &ctx, seg);
                    if vm.pc == end || vm.current_step >= limit || !self.enterable(vm, limit) {
                        return Ok(());
                    }
                    let pc = vm.pc;
                    if self.lookup(vm, pc).is_none() {
                        step(interp, vm, trace.as_deref_mut(), hints)?;
                    }
                    let Some((g, i)) = self.resume(interp, vm, end, limit, trace.as_deref_mut(), hints)?
                    else {
                        return Ok(());
                    };
                    sync_ctx(vm, trace.as_deref_mut(), &mut ctx);
                    (f, index, seg) = (g, i, vm.pc.segment);
                    continue;
                };
                if self.is_hint(pc) {
                    // A hint pc of another region (compiled code runs the hints of its own
                    // region's hint pcs itself): run its hints, then enter.
                    sync_vm(vm, trace.as_deref_mut(), &ctx, seg);
                    if !self.hints_before_entry(interp, vm, limit, trace.as_deref_mut(), hints)? {
                        return Ok(());
                    }
                    sync_ctx(vm, trace.as_deref_mut(), &mut ctx);
                } else if trace.is_some()
                    && (trace_room(&ctx) < rt::TRACE_SPARE
                        || ctx.cnt_limit.saturating_sub(ctx.steps) < lower::MAX_RUN)
                {
                    // Room in the trace, and a new bound on the steps (records take fewer
                    // entries than steps: the bound may be used up with entries to spare).
                    sync_vm(vm, trace.as_deref_mut(), &ctx, seg);
                    sync_ctx(vm, trace.as_deref_mut(), &mut ctx);
                }
                (f, index) = (g, i);
            }
        }
    }
}

/// Whether compiled code for the execution segment `exec_seg` may be entered in this state
/// (see [`Jit::enterable`]).
#[inline]
fn enterable(exec_seg: i64, vm: &Vm, limit: u64) -> bool {
    vm.ap.segment == exec_seg
        && vm.fp.segment == exec_seg
        && room_to_run(vm.ap.offset, vm.fp.offset, vm.current_step, limit)
}

/// [`enterable`]'s conditions on registers in the execution segment (offsets `ap` and `fp`)
/// at step `step`.
#[inline]
fn room_to_run(ap: u64, fp: u64, step: u64, limit: u64) -> bool {
    regs_inline(ap, fp) && limit.saturating_sub(step) >= lower::MAX_RUN
}

/// What compiled code's hint runner ([`run_hints_for`]) needs of the dispatcher, and what it
/// reports back. The pointers are set by [`Jit::run_compiled`] before each call into compiled
/// code, from references it does not use until the call returns.
struct Host<H> {
    interp: *const Interpreter,
    hints: *mut H,
    /// The trace, or null.
    trace: *mut Trace,
    exec_seg: i64,
    /// The segment of the running code.
    seg: i64,
    end: Relocatable,
    limit: u64,
    /// Why the runner returned [`exit::HINTS_STOPPED`].
    stop: Option<HintsStop>,
    /// Hint pcs compiled code went on from ([`JitStats::hint_calls`]).
    calls: u64,
    /// Of those, counter steps ([`JitStats::counter_steps`]).
    counts: u64,
    /// The counter leased to compiled code (see [`JitContext::lease_pc`]): its hint group and
    /// `n` when the lease was granted.
    lease: Option<(u32, i64)>,
}

/// Ends compiled code's lease on a counter, if any (see [`JitContext::lease_pc`]): writes the
/// value compiled code counted `n` down to into the hints' scope and counts its steps.
fn end_lease<H: HintHook>(ctx: &mut JitContext, host: &mut Host<H>, hints: &mut H) {
    if let Some((group, start)) = host.lease.take() {
        let steps = start.saturating_sub(ctx.lease_n).max(0) as u64;
        host.calls += steps;
        host.counts += steps;
        hints.set_counter(group, ctx.lease_n);
        ctx.lease_pc = NO_LEASE;
    }
}

/// Why the hint runner stopped compiled code.
enum HintsStop {
    /// The hints failed.
    Error(VmError),
    /// A hint panicked (the dispatcher resumes the panic).
    Panic(Box<dyn std::any::Any + Send>),
    /// The hints ran; the instruction is the interpreter's (the state is outside compiled
    /// code's assumptions).
    Interpret,
    /// The hints did not run: the dispatcher goes on from the VM's state (the run's end, or
    /// the state is outside compiled code's assumptions, e.g. near the step limit).
    Dispatch,
}

/// Compiled code's hint runner ([`JitContext::run_hints`]) for a dispatcher with hint hook
/// `H`: what the dispatcher does at a hint pc before entering compiled code there
/// ([`Jit::hints_before_entry`]), from inside compiled code. Brings the VM up to date from the
/// context, runs the hints at pc, and returns 0 with the context up to date again (hints may
/// add segments, which moves the segment table, and grow the execution segment, which may move
/// its storage; they leave the trace and the step count alone), or [`exit::HINTS_STOPPED`]
/// with the reason in the host.
///
/// # Safety
/// `ctx` is the context of compiled code running under [`Jit::run_compiled`]: its `vm` points
/// to the VM and its `host` to a `Host<H>` whose pointers are valid, none of them otherwise
/// accessed during the call.
unsafe extern "C" fn run_hints_for<H: HintHook>(ctx: *mut JitContext) -> u32 {
    // SAFETY: per this function's contract (the host pointer is read before `ctx` is
    // borrowed).
    let host = unsafe { &mut *((*ctx).host as *mut Host<H>) };
    // SAFETY: per this function's contract.
    let ctx = unsafe { &mut *ctx };
    // SAFETY: per this function's contract.
    let (vm, interp, hints) = unsafe { (&mut *(ctx.vm as *mut Vm), &*host.interp, &mut *host.hints) };
    // The hints see the scope's `n` as the counter steps left it.
    end_lease(ctx, host, hints);
    // SAFETY: per this function's contract (null without a trace).
    let mut trace = unsafe { host.trace.as_mut() };
    let (exec_seg, seg, limit) = (host.exec_seg, host.seg, host.limit);
    let end = host.end;
    let outcome = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        sync_vm(vm, trace.as_deref_mut(), ctx, seg);
        // As the dispatcher, which would not enter compiled code here: the run's end, the
        // last steps before the step limit (whose check comes before the hints).
        if vm.pc == end || !enterable(exec_seg, vm, limit) {
            return Ok(Some(HintsStop::Dispatch));
        }
        interp.run_hints_at(vm, hints)?;
        if !enterable(exec_seg, vm, limit) {
            return Ok(Some(HintsStop::Interpret));
        }
        // Hints change memory, not the trace or the step count: the context's registers (in
        // case a hint hook moved them) and memory buffers are what may be stale.
        ctx.ap = vm.ap.offset;
        ctx.fp = vm.fp.offset;
        sync_memory(vm, ctx);
        Ok(None)
    }));
    let stop = match outcome {
        Ok(Ok(None)) => {
            host.calls += 1;
            return 0;
        }
        Ok(Ok(Some(stop))) => stop,
        Ok(Err(e)) => HintsStop::Error(e),
        Err(panic) => HintsStop::Panic(panic),
    };
    host.stop = Some(stop);
    exit::HINTS_STOPPED
}

/// Compiled code's counter step ([`JitContext::count_down`]) for a dispatcher with hint hook
/// `H`: the scope half of the counter step of hint group `group` at `ctx.pc`, when
/// [`run_hints_for`] would run the hints there and go on in compiled code. Returns 1 or 0
/// (whether `n` is still positive; compiled code writes the flag) having counted the hint
/// pc in the host's calls, and while `n` stays positive leases it to compiled code (see
/// [`JitContext::lease_pc`]); or [`COUNT_DOWN_HINTS`], having changed nothing but ended a
/// lease: the run's end,
/// the last steps before the step limit, ap or fp too high for compiled code, no integer `n`
/// in scope (the hint's error), or a panic.
///
/// # Safety
/// As [`run_hints_for`].
unsafe extern "C" fn count_down_for<H: HintHook>(ctx: *mut JitContext, group: u64) -> u32 {
    // SAFETY: per this function's contract (the host pointer is read before `ctx` is
    // borrowed).
    let host = unsafe { &mut *((*ctx).host as *mut Host<H>) };
    // SAFETY: per this function's contract.
    let (ctx, hints) = unsafe { (&mut *ctx, &mut *host.hints) };
    // A lease compiled code declined to use (`n` down to zero, or near a limit) ends first.
    end_lease(ctx, host, hints);
    // `run_hints_for`'s conditions for running the hints and going on in compiled code, on
    // the state it would bring the VM to (`sync_vm`; the registers are in the execution
    // segment), which the hints leave alone.
    if Relocatable::new(host.seg, ctx.pc) == host.end || !room_to_run(ctx.ap, ctx.fp, ctx.steps, host.limit) {
        return COUNT_DOWN_HINTS;
    }
    let Ok(group) = u32::try_from(group) else { return COUNT_DOWN_HINTS };
    let step = || {
        let more = hints.count_down(group)?;
        // The next steps at this pc are compiled code's while `n` stays positive.
        Some((more, if more { hints.counter(group) } else { None }))
    };
    match std::panic::catch_unwind(std::panic::AssertUnwindSafe(step)) {
        Ok(Some((more, lease))) => {
            host.calls += 1;
            host.counts += 1;
            if let Some(n) = lease {
                host.lease = Some((group, n));
                ctx.lease_pc = ctx.pc;
                ctx.lease_n = n;
            }
            u32::from(more)
        }
        _ => COUNT_DOWN_HINTS,
    }
}

/// The instruction at `vm.pc` in the interpreter, its hints already run, traced or not.
fn step_after_hints(interp: &mut Interpreter, vm: &mut Vm, trace: Option<&mut Trace>) -> Result<(), VmError> {
    match trace {
        Some(t) => interp.step_after_hints(vm, t),
        None => interp.step_after_hints(vm, &mut crate::vm::NoTrace),
    }
}

/// Whether ap and fp (offsets in the execution segment) leave room for a whole run of
/// compiled code with ap and fp below [`lower::REG_LIMIT`].
#[inline]
fn regs_inline(ap: u64, fp: u64) -> bool {
    ap < lower::REG_LIMIT - 2 * lower::MAX_RUN && fp < lower::REG_LIMIT
}

/// The cache entry of `pc`, if there is one (no growth).
#[inline(always)]
fn cached(entries: &mut [Vec<Entry>], pc: Relocatable) -> Option<&mut Entry> {
    // (A negative segment, cast, is past every index.)
    entries.get_mut(pc.segment as usize)?.get_mut(pc.offset as usize)
}

/// Counts an execution of a cold entry that stays cold: below the threshold, and not at an
/// early count (where [`Jit::lookup_slow`] looks for a small loop or region). Returns whether
/// it counted; otherwise leaves the entry alone for [`Jit::lookup_slow`].
#[inline(always)]
fn count_cold(e: &mut Entry, threshold: u32, early: Early) -> bool {
    match *e {
        Entry::Cold(n) if n < threshold && n != early.small && n != early.jump_loop => {
            *e = Entry::Cold(n + 1);
            true
        }
        _ => false,
    }
}

/// One interpreter step, traced or not.
fn step<H: HintHook>(
    interp: &mut Interpreter,
    vm: &mut Vm,
    trace: Option<&mut Trace>,
    hints: &mut H,
) -> Result<(), VmError> {
    match trace {
        Some(t) => interp.step(vm, t, hints),
        None => interp.step(vm, &mut crate::vm::NoTrace, hints),
    }
}

fn new_context(limit: u64) -> JitContext {
    JitContext {
        ap: 0,
        fp: 0,
        pc: 0,
        steps: 0,
        step_limit: limit,
        trace_ptr: std::ptr::null_mut(),
        trace_end: std::ptr::null_mut(),
        cnt_limit: limit,
        exec_base: std::ptr::null_mut(),
        exec_len: 0,
        segs: std::ptr::null(),
        nsegs: 0,
        vm: std::ptr::null_mut(),
        host: std::ptr::null_mut(),
        run_hints: None,
        count_down: None,
        lease_pc: NO_LEASE,
        lease_n: 0,
    }
}

/// `u64` words per trace entry (compiled code advances `trace_ptr` by whole entries).
const ENTRY_WORDS: usize = crate::vm::trace::ENTRY_BYTES / 8;
const _: () = assert!(crate::vm::trace::ENTRY_BYTES.is_multiple_of(8));

/// Free trace entries in the context's buffer.
fn trace_room(ctx: &JitContext) -> usize {
    (ctx.trace_end as usize - ctx.trace_ptr as usize) / std::mem::size_of::<TraceEntry>()
}

/// Copies the context's registers into the VM (pc in segment `seg`), and the trace length
/// and the steps run into the trace.
fn sync_vm(vm: &mut Vm, trace: Option<&mut Trace>, ctx: &JitContext, seg: i64) {
    let exec = vm.ap.segment;
    vm.ap = Relocatable::new(exec, ctx.ap);
    vm.fp = Relocatable::new(exec, ctx.fp);
    vm.pc = Relocatable::new(seg, ctx.pc);
    // (The VM's step count is the context's as of the last `sync_ctx` or `sync_vm`.)
    let steps = ctx.steps - vm.current_step;
    vm.current_step = ctx.steps;
    if let Some(t) = trace {
        let base = t.as_mut_ptr() as *mut u64;
        // SAFETY: `trace_ptr` lies within the vector's allocation (it starts at
        // `base + ENTRY_WORDS * len` and compiled code advances it by whole entries, never
        // past `trace_end = base + ENTRY_WORDS * capacity`); both point into the same
        // allocation.
        let n = unsafe { ctx.trace_ptr.offset_from(base) } as usize / ENTRY_WORDS;
        debug_assert!(n <= t.capacity());
        // SAFETY: entries `[len, n)` were fully written by compiled code: records of the
        // `steps` steps it ran since, each of at least one step (one whose step went to the
        // interpreter is cut before it, or dropped), with ap and fp in the trace's execution
        // segment (which `run_until_pc` checked), naming the instructions of regions whose
        // code table rows `run_compiled` added to the trace; and `n <= capacity`.
        unsafe { t.set_len(n, steps) };
    }
}

/// Copies the VM's registers (ap and fp in the execution segment) and buffers into the
/// context, reserving trace capacity when less than [`rt::TRACE_SPARE`] entries are free.
fn sync_ctx(vm: &mut Vm, trace: Option<&mut Trace>, ctx: &mut JitContext) {
    debug_assert_eq!(vm.ap.segment, vm.fp.segment);
    ctx.ap = vm.ap.offset;
    ctx.fp = vm.fp.offset;
    ctx.pc = vm.pc.offset;
    ctx.steps = vm.current_step;
    if let Some(t) = trace {
        if t.capacity() - t.len() < rt::TRACE_SPARE {
            // A streaming trace flushes its window and keeps its size; an in-memory one grows
            // by large steps.
            let want = if t.is_streaming() { rt::TRACE_SPARE } else { rt::TRACE_CHUNK.max(t.len() / 2) };
            t.reserve(want);
        }
        let base = t.as_mut_ptr() as *mut u64;
        // SAFETY: both offsets are within the allocation of `capacity` entries.
        unsafe {
            ctx.trace_ptr = base.add(ENTRY_WORDS * t.len());
            ctx.trace_end = base.add(ENTRY_WORDS * t.capacity());
        }
        // Compiled code writes at most one record per step (and one at its entry, see
        // `lower::RecordPlan`), so a bound on its steps bounds its entries.
        let room = ctx.step_limit.saturating_sub(ctx.steps).min(trace_room(ctx) as u64);
        ctx.cnt_limit = ctx.steps + room;
    } else {
        ctx.cnt_limit = ctx.step_limit;
    }
    sync_memory(vm, ctx);
}

/// Copies the VM's memory buffers (the execution segment's storage, the segment table) into
/// the context.
fn sync_memory(vm: &mut Vm, ctx: &mut JitContext) {
    let (p, n) = vm.memory.segment_storage(vm.ap.segment as usize).expect("the execution segment exists");
    ctx.exec_base = p as *mut u64;
    ctx.exec_len = n as u64;
    let (t, k) = vm.memory.segment_table();
    ctx.segs = t as *const u64;
    ctx.nsegs = k as u64;
}
