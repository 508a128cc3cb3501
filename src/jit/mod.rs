//! The JIT: CASM regions compiled to native code with Cranelift, producing exactly the
//! interpreter's trace, memory, output and errors.
//!
//! - [`analysis`] finds the instructions of a region (pure);
//! - [`lower`] turns a region into Cranelift IR (inline fast paths, interpreter slow path);
//! - [`rt`] holds the runtime functions compiled code calls;
//! - [`Jit`] owns the Cranelift module and the code cache, and runs the dispatcher loop.
//!
//! The code cache is indexed by offset in the program segment: an entry counts executions
//! until it reaches the hotness threshold, then holds the compiled region starting there (or
//! "failed", after which that pc is interpreted). Code outside the program segment, hint pcs,
//! and states outside compiled code's assumptions (fp or ap outside the execution segment) are
//! run by the interpreter. A compile failure never aborts a run.

pub mod analysis;
pub mod lower;
pub mod rt;

use crate::casm::disasm::format_instruction;
use crate::interp::{HintHook, Interpreter};
use crate::vm::{NoTrace, Relocatable, Trace, Vm, VmError, VmErrorKind};
use cairo_jit_runtime::jit::{exit, JitContext};
use cranelift_codegen::ir::{types, AbiParam, UserFuncName};
use cranelift_codegen::settings::{self, Configurable};
use cranelift_codegen::Context;
use cranelift_frontend::{FunctionBuilder, FunctionBuilderContext};
use cranelift_jit::{JITBuilder, JITModule};
use cranelift_module::{FuncId, Linkage, Module};
use starknet_types_core::felt::Felt;
use std::path::PathBuf;

/// Executions of a pc before the region starting there is compiled, by default.
pub const DEFAULT_THRESHOLD: u32 = 10_000;

/// JIT options.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct JitOptions {
    /// Executions of a pc before the region starting there is compiled (0: compile on first use).
    pub threshold: u32,
    /// Write the CLIF of each compiled region into this directory.
    pub dump_clif: Option<PathBuf>,
}

impl Default for JitOptions {
    fn default() -> Self {
        // Cranelift spends ~0.3 ms per CASM instruction, so a region pays off only after
        // thousands of executions (measured on keccak, blake2s, sha256, secp: BENCHMARKS.md).
        JitOptions { threshold: DEFAULT_THRESHOLD, dump_clif: None }
    }
}

/// Counters of a run.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct JitStats {
    /// Regions compiled.
    pub regions: u64,
    /// CASM instructions compiled.
    pub instructions: u64,
    /// Regions whose compilation failed (interpreted instead).
    pub failures: u64,
    /// Time spent compiling, in nanoseconds.
    pub compile_ns: u64,
}

type Compiled = unsafe extern "C" fn(*mut JitContext) -> u32;

#[derive(Clone, Copy)]
enum Entry {
    Cold(u32),
    Compiled(Compiled),
    Failed,
}

/// The JIT engine for one run. Dropping it frees the compiled code.
pub struct Jit {
    /// Always `Some` until dropped (taken by `Drop` to free the code memory).
    module: Option<JITModule>,
    ctx: Context,
    fctx: FunctionBuilderContext,
    imports: Vec<FuncId>,
    entries: Vec<Entry>,
    hint_pcs: Vec<bool>,
    opts: JitOptions,
    trace: bool,
    code_seg: i64,
    exec_seg: i64,
    /// Counters.
    pub stats: JitStats,
    /// The error of the last failed compilation, for diagnostics.
    pub last_error: Option<String>,
}

/// Why the JIT could not be set up.
#[derive(Debug, thiserror::Error)]
#[error("cannot set up the JIT: {0}")]
pub struct JitSetupError(String);

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
    ) -> Result<Self, JitSetupError> {
        let e = |x: &dyn std::fmt::Display| JitSetupError(x.to_string());
        let mut fb = settings::builder();
        fb.set("use_colocated_libcalls", "false").map_err(|x| e(&x))?;
        fb.set("is_pic", "false").map_err(|x| e(&x))?;
        fb.set("opt_level", "speed").map_err(|x| e(&x))?;
        fb.set("enable_verifier", if cfg!(debug_assertions) { "true" } else { "false" })
            .map_err(|x| e(&x))?;
        let isa = cranelift_native::builder()
            .map_err(|x| e(&x))?
            .finish(settings::Flags::new(fb))
            .map_err(|x| e(&x))?;
        let call_conv = isa.default_call_conv();
        let mut jb = JITBuilder::with_isa(isa, cranelift_module::default_libcall_names());
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
        let mut hints = vec![false; code_len];
        for pc in hint_pcs {
            if let Some(h) = hints.get_mut(pc) {
                *h = true;
            }
        }
        if let Some(d) = &opts.dump_clif {
            std::fs::create_dir_all(d).map_err(|x| e(&x))?;
        }
        Ok(Jit {
            ctx: module.make_context(),
            module: Some(module),
            fctx: FunctionBuilderContext::new(),
            imports,
            entries: vec![Entry::Cold(0); code_len],
            hint_pcs: hints,
            opts,
            trace,
            code_seg,
            exec_seg,
            stats: JitStats::default(),
            last_error: None,
        })
    }

    /// Compiles the region starting at `entry`; `None` when it cannot be compiled.
    fn compile(&mut self, entry: u64, vm: &Vm) -> Option<Compiled> {
        let start = std::time::Instant::now();
        let seg = self.code_seg;
        let hints = &self.hint_pcs;
        let region = analysis::discover(
            entry,
            |pc| crate::interp::fetch(vm, Relocatable::new(seg, pc)),
            |pc| hints.get(pc as usize).copied().unwrap_or(false),
        )?;
        let result = self.define(&region);
        self.stats.compile_ns += start.elapsed().as_nanos() as u64;
        match result {
            Ok(f) => {
                self.stats.regions += 1;
                self.stats.instructions += region.insts.len() as u64;
                Some(f)
            }
            Err(e) => {
                self.stats.failures += 1;
                self.last_error = Some(format!("region at pc {entry}: {e}"));
                None
            }
        }
    }

    fn define(&mut self, region: &analysis::Region) -> Result<Compiled, String> {
        let module = self.module.as_mut().expect("present until drop");
        module.clear_context(&mut self.ctx);
        let ptr = module.target_config().pointer_type();
        self.ctx.func.signature.params.push(AbiParam::new(ptr));
        self.ctx.func.signature.returns.push(AbiParam::new(types::I32));
        self.ctx.func.name = UserFuncName::user(0, region.entry as u32);
        {
            let mut b = FunctionBuilder::new(&mut self.ctx.func, &mut self.fctx);
            let imp = lower::Imports {
                exec: module.declare_func_in_func(self.imports[rt::RT_EXEC], b.func),
                felt_mul: module.declare_func_in_func(self.imports[rt::RT_FELT_MUL], b.func),
            };
            let cfg = lower::LowerConfig {
                trace: self.trace,
                code_seg: self.code_seg as u64,
                exec_seg: self.exec_seg as u64,
            };
            lower::Lowering::build(&mut b, region, cfg, imp);
            b.finalize(module.target_config());
        }
        if let Some(dir) = &self.opts.dump_clif {
            let mut text = String::new();
            for ri in region.insts.values() {
                let imm = (ri.inst.size() == 2).then(|| Felt::from_raw(ri.imm.raw()));
                text.push_str(&format!("; pc {}: {}\n", ri.pc, format_instruction(&ri.inst, imm.as_ref())));
            }
            text.push_str(&self.ctx.func.display().to_string());
            let _ = std::fs::write(dir.join(format!("region_{}.clif", region.entry)), text);
        }
        let id = module.declare_anonymous_function(&self.ctx.func.signature).map_err(|e| e.to_string())?;
        module.define_function(id, &mut self.ctx).map_err(|e| format!("{e:?}"))?;
        module.clear_context(&mut self.ctx);
        module.finalize_definitions().map_err(|e| e.to_string())?;
        let code = module.get_finalized_function(id);
        // SAFETY: `code` is the entry of a function just compiled with the signature
        // `fn(*mut JitContext) -> u32` in the platform's default (C) calling convention, and
        // the module owning it lives as long as `self`.
        Ok(unsafe { std::mem::transmute::<*const u8, Compiled>(code) })
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
        let mut ctx = JitContext {
            ap: 0,
            fp: 0,
            pc: 0,
            steps: 0,
            step_limit: limit,
            trace_ptr: std::ptr::null_mut(),
            trace_end: std::ptr::null_mut(),
            exec_base: std::ptr::null_mut(),
            exec_len: 0,
            segs: std::ptr::null(),
            nsegs: 0,
            state: std::ptr::null_mut(),
        };
        loop {
            if vm.pc == end {
                return Ok(());
            }
            if vm.current_step >= limit {
                return Err(VmErrorKind::StepLimit.into());
            }
            let pc = vm.pc;
            let compilable = pc.segment == self.code_seg
                && vm.ap.segment == self.exec_seg
                && vm.fp.segment == self.exec_seg
                && (pc.offset as usize) < self.entries.len();
            let mut interpret = true;
            if compilable {
                let off = pc.offset as usize;
                let f = match self.entries[off] {
                    Entry::Compiled(f) => Some(f),
                    Entry::Failed => None,
                    Entry::Cold(n) => {
                        if n >= self.opts.threshold && !self.hint_pcs[off] {
                            match self.compile(pc.offset, vm) {
                                Some(f) => {
                                    self.entries[off] = Entry::Compiled(f);
                                    Some(f)
                                }
                                None => {
                                    self.entries[off] = Entry::Failed;
                                    None
                                }
                            }
                        } else {
                            self.entries[off] = Entry::Cold(n.saturating_add(1));
                            None
                        }
                    }
                };
                if let Some(f) = f {
                    let mut st = rt::RtState {
                        vm,
                        interp,
                        trace: trace.as_deref_mut(),
                        code_seg: self.code_seg,
                        exec_seg: self.exec_seg,
                        error: None,
                    };
                    let synced = st.sync_ctx(&mut ctx);
                    debug_assert!(synced, "checked by `compilable`");
                    ctx.step_limit = limit;
                    ctx.state = &mut st as *mut rt::RtState<'_> as *mut std::ffi::c_void;
                    // SAFETY: `f` was compiled for this module's context layout; `ctx` holds
                    // the current registers, the execution segment's live storage and the
                    // trace vector's spare capacity (set by `sync_ctx` just above), and its
                    // `state` points to `st`, which outlives the call.
                    let code = unsafe { f(&mut ctx) };
                    ctx.state = std::ptr::null_mut();
                    match code {
                        exit::CONTINUE => {
                            st.sync_vm(&ctx);
                            interpret = false;
                        }
                        exit::INTERPRET => st.sync_vm(&ctx),
                        exit::VM_STATE => interpret = false,
                        _ => {
                            return Err(st.error.take().unwrap_or_else(|| {
                                VmErrorKind::Builtin(
                                    "internal error: compiled code failed without an error".into(),
                                )
                                .into()
                            }))
                        }
                    }
                    if interpret && (vm.pc == end || vm.current_step >= limit) {
                        continue;
                    }
                }
            }
            if interpret {
                match trace.as_deref_mut() {
                    Some(t) => interp.step(vm, t, hints)?,
                    None => interp.step(vm, &mut NoTrace, hints)?,
                }
            }
        }
    }
}

impl Drop for Jit {
    fn drop(&mut self) {
        self.entries.clear();
        if let Some(m) = self.module.take() {
            // SAFETY: the only pointers to this module's code are in `entries` (just cleared)
            // and in locals of `run_until_pc`, which cannot be running while `self` is being
            // dropped; no compiled function is executing and none will be called again.
            unsafe { m.free_memory() };
        }
    }
}
