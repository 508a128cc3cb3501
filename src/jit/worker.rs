//! The compiler thread: owns the Cranelift module (and with it the compiled code's memory),
//! compiles the regions the dispatcher submits and sends back their entry points.
//!
//! Compiling off the running thread hides Cranelift's cost (a tenth of a millisecond or more
//! per CASM instruction) behind the interpreter, which keeps running the region until its code
//! is installed: compiled code computes exactly what the interpreter does, so when a region
//! starts running compiled changes nothing but speed. The dispatcher may also wait for each
//! result ([`super::JitOptions::background`] off), which makes compilation points
//! deterministic (the tests that count slow-path steps rely on it).
//!
//! A compiler thread serves one run at a time and outlives it: when the run's [`Worker`] is
//! dropped, the thread frees that run's code and waits in a small process-wide pool for the
//! next run's first job, with Cranelift's target description and scratch buffers kept warm.
//! A run in a process that already ran one thus starts compiling without spawning a thread
//! or setting Cranelift up, and its first region compiles sooner: fib_loop's job takes
//! 0.94-1.03 ms from its start to its end on such a thread, against 1.24-1.66 ms on a fresh
//! one, whose first compilation pays for fresh memory and cold caches (instrumented,
//! in-process `cairo-jit bench` runs).
//!
//! Invariants: a run's code memory lives until its [`Worker`] is dropped: the drop stops the
//! thread before its next job, closes the run's queue and waits until the thread, done with
//! the region being compiled (if any), has freed the run's code, so the owner must have
//! forgotten every entry point before dropping the worker. A run leaves behind no compiled
//! code, and at most [`POOL_MAX`] idle threads per process (a run that compiles nothing uses
//! none). A panic while compiling ends the thread: later and pending submissions then fail,
//! and the run goes on interpreted.

use super::{analysis, clif, lower, rt, Compiled};
use cranelift_codegen::ir::{types, AbiParam, UserFuncName};
use cranelift_codegen::settings::{self, Configurable};
use cranelift_codegen::Context;
use cranelift_frontend::{FunctionBuilder, FunctionBuilderContext};
use cranelift_jit::{JITBuilder, JITModule};
use cranelift_module::{FuncId, Linkage, Module};
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{mpsc, Arc, Mutex};

/// A region to compile.
pub(super) struct Job {
    /// The dispatcher's cache epoch when it was submitted (stale results are dropped).
    pub epoch: u64,
    /// The segment of its code.
    pub seg: i64,
    /// The code table index of the region's first instruction (see `lower::LowerConfig`).
    pub id_base: u64,
    pub region: analysis::Region,
}

/// A compiled region (or why it is not).
pub(super) struct Done {
    pub epoch: u64,
    pub seg: i64,
    pub region: analysis::Region,
    /// The entry point and the IR instruction count, or the error.
    pub result: Result<(Compiled, usize), String>,
    /// Time spent compiling.
    pub ns: u64,
}

/// What the compiled code is specialized for.
pub(super) struct Setup {
    /// Traced or untraced code.
    pub trace: bool,
    /// The execution segment (where ap and fp live).
    pub exec_seg: i64,
    /// Write each region's CLIF here.
    pub dump_clif: Option<PathBuf>,
}

/// The dispatcher's handle on a compiler thread, taken (from the pool, or spawned) with the
/// first job (a run that compiles nothing uses no thread: taking one with the run, to set
/// Cranelift up while the interpreter runs towards the first hot region, gained fib_loop
/// about 4,000 interpreted steps of 45,000 and cost 1.5 MB of peak memory where nothing
/// compiles).
pub(super) struct Worker {
    /// What the thread is set up with, until it starts.
    setup: Option<Setup>,
    /// The job queue and the results, once the thread runs.
    chan: Option<(mpsc::Sender<Job>, mpsc::Receiver<Done>)>,
    /// Results sent and not yet received (raised before each send, and when the thread ends,
    /// so that a dead thread is noticed): the dispatcher polls this instead of the channel.
    ready: Arc<AtomicUsize>,
    /// Jobs submitted and not yet received back.
    pub in_flight: usize,
    /// The thread serving this run.
    thread: Option<CompilerThread>,
    /// Raised on drop: the thread takes no further job.
    stop: Arc<AtomicBool>,
    /// Where the thread comes from and goes back to.
    pool: &'static Pool,
}

impl Drop for Worker {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::Release);
        // Closing the queue ends the thread's run once it finished the job in hand.
        self.chan = None;
        if let Some(t) = self.thread.take() {
            if t.freed.recv().is_ok() {
                self.pool.park(t);
            } else {
                // The thread died (a panic while compiling); it has nothing left to free.
                let _ = t.handle.join();
            }
        }
    }
}

/// What a run hands the compiler thread serving it.
struct Assignment {
    setup: Setup,
    jobs: mpsc::Receiver<Job>,
    done: mpsc::Sender<Done>,
    ready: Arc<AtomicUsize>,
    stop: Arc<AtomicBool>,
}

/// A compiler thread: it waits for an [`Assignment`] on `assign`, compiles that run's jobs
/// until the run's queue closes, frees the run's code, reports on `freed` and waits for the
/// next one; it ends when `assign` closes.
struct CompilerThread {
    handle: std::thread::JoinHandle<()>,
    assign: mpsc::Sender<Assignment>,
    freed: mpsc::Receiver<()>,
}

/// Compiler threads waiting for a run, at most [`POOL_MAX`].
struct Pool(Mutex<Vec<CompilerThread>>);

/// The process's pool.
static POOL: Pool = Pool(Mutex::new(Vec::new()));

impl Pool {
    fn lock(&self) -> std::sync::MutexGuard<'_, Vec<CompilerThread>> {
        // The pool's list stays whole whatever panicked while it was locked.
        self.0.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Puts a thread whose run ended back into the pool, or ends it when the pool is full.
    fn park(&self, t: CompilerThread) {
        let mut pool = self.lock();
        if pool.len() < POOL_MAX {
            pool.push(t);
            return;
        }
        drop(pool);
        let CompilerThread { handle, assign, freed } = t;
        drop((assign, freed));
        let _ = handle.join();
    }
}

/// Most idle compiler threads kept (runs in parallel beyond that spawn their own, which end
/// with their run).
const POOL_MAX: usize = 2;

/// Spawns a compiler thread, `None` if the system refuses.
fn spawn() -> Option<CompilerThread> {
    let (assign_tx, assign_rx) = mpsc::channel::<Assignment>();
    let (freed_tx, freed_rx) = mpsc::channel::<()>();
    let handle = std::thread::Builder::new()
        .name("cairo-jit-compiler".into())
        .spawn(move || {
            let mut warm = None;
            while let Ok(a) = assign_rx.recv() {
                serve(a, &mut warm);
                if freed_tx.send(()).is_err() {
                    break;
                }
            }
        })
        .ok()?;
    Some(CompilerThread { handle, assign: assign_tx, freed: freed_rx })
}

/// Above this many IR instructions in a job since the last shrink, the compiler gives its
/// scratch memory back when it goes idle ([`Compiler::shrink`]); below, it keeps it, so that
/// the next job (or the next run's first) finds it ready. fib_loop's region has 335; a region
/// of a few thousand takes megabytes of regalloc2's live ranges.
const SHRINK_IR: usize = 2_000;

/// Compiles a run's jobs until its queue closes, then frees its code; `warm` carries
/// Cranelift's state from run to run.
fn serve(a: Assignment, warm: &mut Option<Warm>) {
    let Assignment { setup, jobs, done, ready, stop } = a;
    /// Raises `ready` when the run's service ends, even by a panic.
    struct Ending(Arc<AtomicUsize>);
    impl Drop for Ending {
        fn drop(&mut self) {
            self.0.fetch_add(1, Ordering::Release);
        }
    }
    let ending = Ending(ready);
    let mut compiler = Compiler::new(setup, warm.take());
    // The most IR instructions of a job since the scratch memory was last given back.
    let mut scratch = 0;
    loop {
        let job = match jobs.try_recv() {
            Ok(job) => job,
            Err(mpsc::TryRecvError::Disconnected) => break,
            Err(mpsc::TryRecvError::Empty) => {
                // Idle: give back the compiler's scratch memory before waiting (the run's
                // peak memory usually comes long after its hot regions).
                if let Ok(c) = &mut compiler {
                    if scratch > SHRINK_IR {
                        c.shrink();
                        scratch = 0;
                    }
                }
                match jobs.recv() {
                    Ok(job) => job,
                    Err(_) => break,
                }
            }
        };
        if stop.load(Ordering::Acquire) {
            break;
        }
        let start = std::time::Instant::now();
        let result = match &mut compiler {
            Ok(c) => c.define(job.seg, job.id_base, &job.region),
            Err(e) => Err(format!("cannot set up the JIT: {e}")),
        };
        if let Ok((_, ir)) = &result {
            scratch = scratch.max(*ir);
        }
        let ns = start.elapsed().as_nanos() as u64;
        let d = Done { epoch: job.epoch, seg: job.seg, region: job.region, result, ns };
        ending.0.fetch_add(1, Ordering::Release);
        if done.send(d).is_err() {
            break;
        }
    }
    if let Ok(mut c) = compiler {
        if scratch > SHRINK_IR {
            c.shrink();
        }
        *warm = Some(c.free());
    }
}

impl Worker {
    pub fn new(setup: Setup) -> Self {
        Self::with_pool(setup, &POOL)
    }

    fn with_pool(setup: Setup, pool: &'static Pool) -> Self {
        Worker {
            setup: Some(setup),
            chan: None,
            ready: Arc::new(AtomicUsize::new(0)),
            in_flight: 0,
            thread: None,
            stop: Arc::new(AtomicBool::new(false)),
            pool,
        }
    }

    /// Takes a compiler thread (an idle one from the pool, or a new one) for this run; it sets
    /// up its Cranelift module before taking the first job. If the setup fails, every job
    /// fails with its error, and the run goes on interpreted; if no thread can be had, `chan`
    /// stays empty.
    fn start(&mut self, setup: Setup) {
        let (jobs_tx, jobs) = mpsc::channel::<Job>();
        let (done, done_rx) = mpsc::channel::<Done>();
        let mut a = Assignment { setup, jobs, done, ready: self.ready.clone(), stop: self.stop.clone() };
        let spawner_cpu = current_cpu();
        loop {
            let pooled = self.pool.lock().pop();
            let (t, fresh) = match pooled {
                Some(t) => (t, false),
                None => match spawn() {
                    Some(t) => (t, true),
                    None => return,
                },
            };
            match t.assign.send(a) {
                Ok(()) => {
                    if let Some(cpu) = spawner_cpu {
                        keep_off_cpu(&t.handle, cpu);
                    }
                    self.chan = Some((jobs_tx, done_rx));
                    self.thread = Some(t);
                    return;
                }
                Err(mpsc::SendError(back)) => {
                    // A thread that is gone (it cannot be: threads in the pool wait for this).
                    let _ = t.handle.join();
                    if fresh {
                        return;
                    }
                    a = back;
                }
            }
        }
    }

    /// Queues a region; returns it back if there is no compiler thread (it could not start, or
    /// it died).
    pub fn submit(&mut self, job: Job) -> Result<(), analysis::Region> {
        if let Some(setup) = self.setup.take() {
            self.start(setup);
        }
        let Some((tx, _)) = &self.chan else { return Err(job.region) };
        match tx.send(job) {
            Ok(()) => {
                self.in_flight += 1;
                Ok(())
            }
            Err(mpsc::SendError(job)) => {
                self.chan = None;
                Err(job.region)
            }
        }
    }

    /// Whether a result (or the thread's end) is waiting for [`Worker::receive`]: one atomic
    /// load, for the dispatcher's per-step check.
    #[inline]
    pub fn has_results(&self) -> bool {
        self.in_flight > 0 && self.ready.load(Ordering::Acquire) > 0
    }

    /// What [`Worker::has_results`] reads, for a loop that submits and receives nothing
    /// (so that `in_flight` stays as it is): the count of finished jobs, or `None` when no
    /// job is in flight and none can finish.
    pub fn results_flag(&self) -> Option<&AtomicUsize> {
        (self.in_flight > 0).then_some(&*self.ready)
    }

    /// A finished job, if one is ready (`wait`: blocks until one is). Returns `None` also when
    /// the thread is gone (a panic while compiling): `in_flight` is then 0 and nothing more
    /// will come, so the jobs still pending are lost.
    pub fn receive(&mut self, wait: bool) -> Option<Done> {
        let Some((_, rx)) = &self.chan else { return None };
        if self.in_flight == 0 || (!wait && self.ready.load(Ordering::Acquire) == 0) {
            return None;
        }
        let got = if wait {
            rx.recv().ok()
        } else {
            match rx.try_recv() {
                Ok(d) => Some(d),
                Err(mpsc::TryRecvError::Empty) => return None,
                Err(mpsc::TryRecvError::Disconnected) => None,
            }
        };
        match got {
            Some(d) => {
                self.in_flight -= 1;
                self.ready.fetch_sub(1, Ordering::AcqRel);
                Some(d)
            }
            None => {
                self.in_flight = 0;
                self.chan = None;
                None
            }
        }
    }
}

/// The CPU the calling thread runs on, where the system tells.
fn current_cpu() -> Option<usize> {
    #[cfg(target_os = "linux")]
    {
        // SAFETY: `sched_getcpu` takes no argument and only reads the caller's CPU number.
        let cpu = unsafe { libc::sched_getcpu() };
        usize::try_from(cpu).ok()
    }
    #[cfg(not(target_os = "linux"))]
    None
}

/// Keeps the compiler thread off `cpu` (the running thread's when it was spawned), when the
/// process may run on other CPUs too.
///
/// Left to itself, the scheduler often puts the compiler thread on the running thread's CPU
/// (where it was spawned, or where the wake-up came from), and it then waits there for the
/// running thread's time slice, up to a few milliseconds on a 2-core machine, while the other
/// core idles. Instrumented, with the thread started ahead of the job, fib_loop's first
/// region started compiling 0.25-3.9 ms after its submission in about half of 40 runs, and
/// 25-50 us after it in 40 of 40 with this; the steps it interpreted before its code ran went
/// from 5,000-144,000 (14 of 40 runs above 60,000) to 16,000-44,000.
fn keep_off_cpu(thread: &std::thread::JoinHandle<()>, cpu: usize) {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    {
        use std::os::unix::thread::JoinHandleExt;
        let size = std::mem::size_of::<libc::cpu_set_t>();
        // SAFETY: `cpu_set_t` is a plain bit array, valid all zeros; `sched_getaffinity` and
        // `pthread_setaffinity_np` read and write at most `size` bytes of `set`, and the
        // thread handle is live (not yet joined).
        unsafe {
            if cpu >= libc::CPU_SETSIZE as usize {
                return;
            }
            let mut set: libc::cpu_set_t = std::mem::zeroed();
            if libc::sched_getaffinity(0, size, &mut set) != 0 {
                return;
            }
            libc::CPU_CLR(cpu, &mut set);
            if libc::CPU_COUNT(&set) > 0 {
                // A failure leaves the thread where the scheduler puts it.
                libc::pthread_setaffinity_np(thread.as_pthread_t(), size, &set);
            }
        }
    }
    #[cfg(not(all(target_os = "linux", target_env = "gnu")))]
    let _ = (thread, cpu);
}

/// What a compiler thread keeps from one run to the next: the target description (settings
/// parsed, the host's features detected) and the function contexts with their buffers.
struct Warm {
    isa: cranelift_codegen::isa::OwnedTargetIsa,
    ctx: Context,
    fctx: FunctionBuilderContext,
}

/// The Cranelift side of one run, owned by the compiler thread.
struct Compiler {
    /// Always `Some` until freed.
    module: Option<JITModule>,
    isa: cranelift_codegen::isa::OwnedTargetIsa,
    ctx: Context,
    fctx: FunctionBuilderContext,
    imports: Vec<FuncId>,
    setup: Setup,
}

impl Compiler {
    /// A module for one run's code, with what the thread kept from its last run, if any.
    fn new(setup: Setup, warm: Option<Warm>) -> Result<Self, String> {
        let e = |x: &dyn std::fmt::Display| x.to_string();
        let (isa, kept) = match warm {
            Some(Warm { isa, ctx, fctx }) => (isa, Some((ctx, fctx))),
            None => (Self::isa()?, None),
        };
        let call_conv = isa.default_call_conv();
        let mut jb = JITBuilder::with_isa(isa.clone(), cranelift_module::default_libcall_names());
        let funcs = rt::runtime_functions();
        for f in &funcs {
            jb.symbol(f.name, f.addr);
        }
        let mut module = JITModule::new(jb);
        let mut imports = Vec::new();
        for f in &funcs {
            let id = module
                .declare_function(f.name, Linkage::Import, &lower::signature(f, call_conv))
                .map_err(|x| e(&x))?;
            imports.push(id);
        }
        if let Some(d) = &setup.dump_clif {
            std::fs::create_dir_all(d).map_err(|x| e(&x))?;
        }
        let (ctx, fctx) = kept.unwrap_or_else(|| (module.make_context(), FunctionBuilderContext::new()));
        Ok(Compiler { module: Some(module), isa, ctx, fctx, imports, setup })
    }

    /// The host's target, with the flags compiled code is built with.
    fn isa() -> Result<cranelift_codegen::isa::OwnedTargetIsa, String> {
        let e = |x: &dyn std::fmt::Display| x.to_string();
        let mut fb = settings::builder();
        fb.set("use_colocated_libcalls", "false").map_err(|x| e(&x))?;
        fb.set("is_pic", "false").map_err(|x| e(&x))?;
        // opt_level none: the egraph pass costs ~20% of compile time and gained nothing on the
        // fast paths (which are already minimal); the single-pass register allocator halves
        // compile time again but executes ~25% more instructions per step (fib_loop, callgrind),
        // so the backtracking one stays.
        fb.set("opt_level", "none").map_err(|x| e(&x))?;
        fb.set("regalloc_algorithm", "backtracking").map_err(|x| e(&x))?;
        fb.set("enable_verifier", if cfg!(debug_assertions) { "true" } else { "false" })
            .map_err(|x| e(&x))?;
        cranelift_native::builder().map_err(|x| e(&x))?.finish(settings::Flags::new(fb)).map_err(|x| e(&x))
    }

    /// Compiles `region` (in segment `seg`); returns its code and its IR instruction count.
    fn define(
        &mut self,
        seg: i64,
        id_base: u64,
        region: &analysis::Region,
    ) -> Result<(Compiled, usize), String> {
        let module = self.module.as_mut().expect("present until freed");
        module.clear_context(&mut self.ctx);
        let ptr = module.target_config().pointer_type();
        self.ctx.func.signature.params.push(AbiParam::new(ptr));
        self.ctx.func.signature.params.push(AbiParam::new(types::I32));
        self.ctx.func.signature.returns.push(AbiParam::new(types::I32));
        self.ctx.func.name = UserFuncName::user(seg as u32, region.entry as u32);
        let blocks = {
            let mut b = FunctionBuilder::new(&mut self.ctx.func, &mut self.fctx);
            let imp = lower::Imports {
                felt_mul: module.declare_func_in_func(self.imports[rt::RT_FELT_MUL], b.func),
                op1_unset: module.declare_func_in_func(self.imports[rt::RT_OP1_UNSET], b.func),
                add_cells: module.declare_func_in_func(self.imports[rt::RT_ADD_CELLS], b.func),
                sub_cells: module.declare_func_in_func(self.imports[rt::RT_SUB_CELLS], b.func),
                felt_div: module.declare_func_in_func(self.imports[rt::RT_FELT_DIV], b.func),
                reg_add: module.declare_func_in_func(self.imports[rt::RT_REG_ADD], b.func),
                hints: module.declare_func_in_func(self.imports[rt::RT_HINTS], b.func),
                count_down: module.declare_func_in_func(self.imports[rt::RT_COUNT_DOWN], b.func),
                felt_mul_cells: module.declare_func_in_func(self.imports[rt::RT_FELT_MUL_CELLS], b.func),
            };
            let cfg = lower::LowerConfig {
                trace: self.setup.trace,
                code_seg: seg as u64,
                exec_seg: self.setup.exec_seg as u64,
                id_base,
            };
            let blocks = lower::Lowering::build(&mut b, region, cfg, imp);
            b.finalize(module.target_config());
            blocks
        };
        lower::remove_dead_loads(&mut self.ctx.func);
        let ir = self.ctx.func.dfg.num_insts();
        // `DIR/region_SEG_PC`, the dump files' path without their extension.
        let dump = self.setup.dump_clif.as_ref().map(|d| d.join(format!("region_{seg}_{}", region.entry)));
        if let Some(stem) = &dump {
            let text = clif::annotated(&self.ctx.func, region, &blocks);
            let _ = std::fs::write(stem.with_extension("clif"), text);
        }
        let id = module.declare_anonymous_function(&self.ctx.func.signature).map_err(|e| e.to_string())?;
        module.define_function(id, &mut self.ctx).map_err(|e| format!("{e:?}"))?;
        if let (Some(stem), Some(code)) = (&dump, self.ctx.compiled_code()) {
            // The machine code too, for `objdump -D -b binary -m i386:x86-64`.
            let _ = std::fs::write(stem.with_extension("bin"), code.code_buffer());
        }
        module.clear_context(&mut self.ctx);
        module.finalize_definitions().map_err(|e| e.to_string())?;
        let code = module.get_finalized_function(id);
        // SAFETY: `code` is the entry of a function just compiled with the signature
        // `fn(*mut JitContext, u32) -> u32` in the platform's default (C) calling convention;
        // the module owning it lives until the thread ends, after the dispatcher dropped every
        // entry point (module invariant).
        Ok((unsafe { std::mem::transmute::<*const u8, Compiled>(code) }, ir))
    }

    /// Drops the Cranelift contexts' capacity (fresh ones are made on the next job) and gives
    /// the freed memory back to the system: compiling a large region takes megabytes of
    /// scratch memory (regalloc2's live ranges), which the allocator would otherwise keep in
    /// this thread's arena for the rest of the run.
    fn shrink(&mut self) {
        if let Some(m) = &self.module {
            self.ctx = m.make_context();
            self.fctx = FunctionBuilderContext::new();
        }
        #[cfg(all(target_os = "linux", target_env = "gnu"))]
        // SAFETY: `malloc_trim` only returns free heap memory to the system; it is thread-safe
        // (it locks each arena in turn) and invalidates no live allocation.
        unsafe {
            libc::malloc_trim(0);
        }
    }

    /// Frees the run's code memory; returns what the thread keeps for its next run.
    fn free(mut self) -> Warm {
        if let Some(m) = self.module.take() {
            // SAFETY: called when the job queue closed, i.e. the `Worker` was dropped, which
            // its owner does only after forgetting every entry point (module invariant): no
            // compiled function is executing and none will be called again.
            unsafe { m.free_memory() };
        }
        Warm { isa: self.isa, ctx: self.ctx, fctx: self.fctx }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use cairo_jit_runtime::cell::Cell;
    use cairo_jit_runtime::felt;

    /// fib_loop's loop: three assert_eq, then a jnz back to its head.
    fn fib_region() -> analysis::Region {
        let words: [(u64, Option<i64>); 4] = [
            (0x48127ffe7fff8000, None),
            (0x48307ffd7ffc8000, None),
            (0x482480017ffd8000, Some(-1)),
            (0x20680017fff7fff, Some(-4)),
        ];
        let mut cells = Vec::new();
        for (w, imm) in words {
            cells.push(Cell::felt(felt::from_u64(w)));
            if let Some(i) = imm {
                cells.push(Cell::felt(felt::from_i64(i)));
            }
        }
        let fetch = |pc: u64| {
            let c = *cells.get(pc as usize)?;
            let i = crate::casm::decode(felt::to_canonical(c.raw())).ok()?;
            let imm = if i.size() == 2 { *cells.get(pc as usize + 1)? } else { Cell::UNSET };
            Some((i, imm))
        };
        let region =
            analysis::discover_near(0, usize::MAX, analysis::MAX_REGION, fetch, |_| false, |_| false);
        region.expect("a region")
    }

    /// Compiles the loop on `w`'s thread; returns the IR instruction count.
    fn compile(w: &mut Worker) -> usize {
        let job = Job { epoch: 0, seg: 0, id_base: 0, region: fib_region() };
        assert!(w.submit(job).is_ok(), "a compiler thread");
        let done = w.receive(true).expect("a result");
        done.result.expect("compiled").1
    }

    fn thread_id(w: &Worker) -> std::thread::ThreadId {
        w.thread.as_ref().expect("a thread").handle.thread().id()
    }

    #[test]
    fn a_run_takes_the_compiler_thread_the_last_run_left() {
        static P: Pool = Pool(Mutex::new(Vec::new()));
        let setup = |trace| Setup { trace, exec_seg: 1, dump_clif: None };
        let mut w = Worker::with_pool(setup(true), &P);
        let traced = compile(&mut w);
        let first = thread_id(&w);
        drop(w);
        assert_eq!(P.lock().len(), 1, "the thread waits for the next run");
        // Untraced code this time: the thread builds this run's module, not the last one's.
        let mut w = Worker::with_pool(setup(false), &P);
        let untraced = compile(&mut w);
        assert_eq!(thread_id(&w), first);
        assert!(P.lock().is_empty());
        assert!(untraced < traced, "untraced code writes no trace records: {untraced} vs {traced} IR");
        // Runs at the same time have threads of their own; the pool keeps `POOL_MAX`.
        let mut others: Vec<Worker> = (0..POOL_MAX).map(|_| Worker::with_pool(setup(true), &P)).collect();
        for o in &mut others {
            assert_eq!(compile(o), traced);
            assert_ne!(thread_id(o), first);
        }
        let handles: Vec<_> =
            others.iter().map(|o| o.thread.as_ref().expect("a thread").handle.thread().clone()).collect();
        drop(w);
        drop(others);
        let pool = P.lock();
        assert_eq!(pool.len(), POOL_MAX);
        // The one left over ended.
        let kept: Vec<_> = pool.iter().map(|t| t.handle.thread().id()).collect();
        assert!(kept.contains(&first));
        assert_eq!(handles.iter().filter(|h| kept.contains(&h.id())).count(), POOL_MAX - 1);
    }
}
