//! Random CASM programs for differential testing (the property tests and the fuzz target).
//!
//! [`random_program`] turns any byte string into a valid compiled-program JSON whose code mixes
//! every instruction form: assert_eq with every res and op1 source (so deductions and
//! double dereferences), jumps of every kind, calls, rets, `ap +=`, huge and negative offsets,
//! invalid words, and the alloc hint at random pcs. Half the programs declare the range_check
//! and bitwise builtins and read and write their segments through `[[fp-3]+k]` and
//! `[[fp-4]+k]` (bitwise deductions, range-check and bitwise validation, writes into a
//! builtin segment by deduction). Most programs fault sooner or later; the
//! point is that both engines fault identically. Running out of bytes reads zeros, so every
//! input is a program.

use crate::casm::{encode, ApUpdate, FpUpdate, Instruction, Op1Src, Opcode, PcUpdate, Reg, Res};
use crate::jit::JitOptions;
use crate::output;
use crate::program::Program;
use crate::runner::{self, Engine, RunConfig, RunError, RunOutput, TraceMode};
use starknet_types_core::felt::Felt;

/// Everything observable about a run: trace, memory, output, print_info, the final registers
/// and step count, or the error with its pc and step.
#[derive(Debug, PartialEq)]
pub enum Outcome {
    /// The run ended.
    Ok {
        /// Trace file bytes.
        trace: Vec<u8>,
        /// Memory file bytes.
        memory: Vec<u8>,
        /// `--print_output` text.
        output: String,
        /// `--print_info` text.
        info: String,
        /// The final pc, ap and fp (before relocation) and the steps run (with the trace off,
        /// the trace file is empty, so this is what is left of the registers).
        registers: String,
    },
    /// The run failed.
    Err {
        /// The pc of the fault.
        pc: Option<String>,
        /// Steps completed before it.
        step: Option<u64>,
        /// The full report.
        message: String,
        /// The digest of the memory at the fault, for execution faults.
        memory: Option<u64>,
    },
}

impl Outcome {
    /// Of a run's result.
    pub fn of(r: Result<RunOutput, RunError>) -> Outcome {
        match r {
            Ok(o) => {
                let mut trace = Vec::new();
                let mut memory = Vec::new();
                let files =
                    output::write_trace(&o, &mut trace).and_then(|_| output::write_memory(&o, &mut memory));
                if let Err(e) = files {
                    return Outcome::Err {
                        pc: None,
                        step: None,
                        message: format!("output: {e}"),
                        memory: None,
                    };
                }
                let registers =
                    format!("pc {} ap {} fp {} steps {}", o.vm.pc, o.vm.ap, o.vm.fp, o.vm.current_step);
                Outcome::Ok {
                    trace,
                    memory,
                    output: output::output_text(&o),
                    info: output::info_text(&o),
                    registers,
                }
            }
            Err(e) => {
                let memory = match &e {
                    RunError::Vm(f) => Some(f.memory_digest),
                    _ => None,
                };
                Outcome::Err {
                    pc: e.pc().map(|p| p.to_string()),
                    step: e.step(),
                    message: e.to_string(),
                    memory,
                }
            }
        }
    }

    /// Steps executed (completed runs) or before the fault.
    pub fn steps(&self) -> u64 {
        match self {
            Outcome::Ok { trace, .. } => trace.len() as u64 / 24,
            Outcome::Err { step, .. } => step.unwrap_or(0),
        }
    }

    /// A one-line summary.
    pub fn brief(&self) -> String {
        match self {
            Outcome::Ok { trace, memory, output, registers, .. } => {
                format!(
                    "ok, {} trace entries, {} memory cells, output {:?}, {registers}",
                    trace.len() / 24,
                    memory.len() / 40,
                    output
                )
            }
            Outcome::Err { pc, step, message, memory } => {
                format!("error at {pc:?} after {step:?} steps (memory digest {memory:?}): {message}")
            }
        }
    }
}

/// Runs `program` under the interpreter and under the JIT (compiling on first use and on
/// second use, and in the background, traced and untraced); returns the interpreter's outcome, or a description of the
/// first difference.
pub fn compare_engines(program: &Program, cfg: &RunConfig) -> Result<Outcome, String> {
    let mut first = None;
    for trace in [TraceMode::On, TraceMode::Off] {
        let cfg = cfg.clone().with_trace(trace);
        let reference = Outcome::of(runner::run(program, &cfg.clone().with_engine(Engine::Interp)));
        // Compiling on first and on second use, waiting for the code; and on second use on the
        // compiler thread (code installed whenever ready).
        for (threshold, background) in [(0, false), (1, false), (1, true)] {
            let jit = Engine::Jit(JitOptions { threshold, dump_clif: None, background });
            let run = runner::run(program, &cfg.clone().with_engine(jit));
            // A region that fails to compile falls back to the interpreter, which hides the
            // failure from the comparison: lowering never emits what Cranelift refuses.
            let failed = run.as_ref().ok().and_then(|o| o.jit_stats.as_ref()).map_or(0, |s| s.failures);
            if failed > 0 {
                return Err(format!(
                    "trace {trace:?}, threshold {threshold}, background {background}: {failed} regions failed to compile (CAIRO_JIT_DEBUG=1 prints why)"
                ));
            }
            let got = Outcome::of(run);
            if got != reference {
                return Err(format!(
                    "trace {trace:?}, threshold {threshold}, background {background}:\n  interp: {}\n  jit:    {}",
                    reference.brief(),
                    got.brief()
                ));
            }
        }
        first.get_or_insert(reference);
    }
    Ok(first.expect("two modes ran"))
}

/// The fuzz target's body: a random program from `data`, both engines, identical outcomes.
pub fn fuzz_one(data: &[u8]) -> Result<Outcome, String> {
    let (json, _) = random_program(data);
    let program =
        Program::from_json_bytes(&json).map_err(|e| format!("generated program does not load: {e}"))?;
    let mut cfg = RunConfig::new().with_max_steps(Some(300));
    if !program.builtins.is_empty() {
        cfg = cfg.with_layout(runner::Layout::by_name("all_cairo").expect("a layout with every builtin"));
    }
    compare_engines(&program, &cfg).map_err(|d| format!("{d}\n  program: {}", String::from_utf8_lossy(&json)))
}

/// Reads entropy from a byte string (zeros when exhausted).
pub struct Entropy<'a> {
    data: &'a [u8],
    pos: usize,
}

impl<'a> Entropy<'a> {
    /// Entropy from `data`.
    pub fn new(data: &'a [u8]) -> Self {
        Entropy { data, pos: 0 }
    }
    /// A byte.
    pub fn u8(&mut self) -> u8 {
        let b = self.data.get(self.pos).copied().unwrap_or(0);
        self.pos += 1;
        b
    }
    /// A value in `[0, n)`.
    pub fn below(&mut self, n: u32) -> u32 {
        let v = u32::from_le_bytes([self.u8(), self.u8(), 0, 0]);
        v % n.max(1)
    }
    /// A small offset in `[-4, 4]`, now and then one anywhere in the i16 range.
    pub fn offset(&mut self) -> i16 {
        if self.below(16) == 0 {
            i16::from_le_bytes([self.u8(), self.u8()])
        } else {
            self.below(9) as i16 - 4
        }
    }
    fn reg(&mut self) -> Reg {
        if self.below(2) == 0 {
            Reg::Ap
        } else {
            Reg::Fp
        }
    }
    fn imm(&mut self) -> Felt {
        match self.below(10) {
            0 => Felt::ZERO,
            1 => {
                let mut b = [0u8; 32];
                for x in b.iter_mut().take(31) {
                    *x = self.u8();
                }
                Felt::from_bytes_le(&b)
            }
            2 => -Felt::from(self.below(8)),
            _ => Felt::from(self.below(12)),
        }
    }
}

fn inst(opcode: Opcode, pc_update: PcUpdate, res: Res, op1_src: Op1Src, ap_update: ApUpdate) -> Instruction {
    let fp_update = match opcode {
        Opcode::Call => FpUpdate::ApPlus2,
        Opcode::Ret => FpUpdate::Dst,
        _ => FpUpdate::Regular,
    };
    Instruction {
        off0: 0,
        off1: -1,
        off2: if op1_src == Op1Src::Imm { 1 } else { -1 },
        dst_reg: Reg::Ap,
        op0_reg: Reg::Fp,
        op1_src,
        res,
        pc_update,
        ap_update,
        fp_update,
        opcode,
    }
}

/// The text of hint kind `kind` (below 8) of [`random_program`]: `alloc` three times in eight,
/// else one of memcpy's and memset's scope and loop hints (the loop hints run inside compiled
/// code, see `crate::interp::CounterHint`), whose `ids` are [`random_program`]'s.
fn random_hint(kind: u32) -> &'static str {
    use crate::hints::cairo0::alloc;
    match kind {
        0 => alloc::MEMCPY_ENTER_SCOPE,
        1 | 3 => alloc::MEMCPY_CONTINUE,
        2 => alloc::MEMSET_CONTINUE,
        4 => alloc::EXIT_SCOPE,
        _ => alloc::ALLOC,
    }
}

/// A compiled-program JSON (`main` at pc 0; no builtins, or range_check and bitwise) built
/// from `data`; and its number of words. Hints sit at random pcs ([`random_hint`]; in half the
/// programs memcpy's scope hint at pc 0), with `ids` for the loop hints' flags at a few cells
/// around ap.
pub fn random_program(data: &[u8]) -> (Vec<u8>, usize) {
    let mut e = Entropy::new(data);
    // Half the programs are "structured": they write fresh cells at [ap] with ap++, read cells
    // already written, and jump backwards, so they run long; the rest are chaotic.
    let structured = e.below(2) == 0;
    // With builtins, main's frame holds their base pointers: range_check at [fp-4], bitwise
    // at [fp-3].
    let builtins = e.below(2) == 0;
    let n_inst = 4 + e.below(40) as usize;
    let mut words: Vec<Felt> = Vec::new();
    let mut hint_pcs = Vec::new();
    // Instruction start pcs are only known as we go; targets are drawn in [0, 2 * n_inst).
    for _ in 0..n_inst {
        let pc = words.len() as i64;
        if pc == 0 && e.below(2) == 0 {
            // memcpy's scope (`n = ids.len`) first, for the loop hints to count down.
            hint_pcs.push((pc, 0, 0));
        } else if e.below(10) == 0 {
            // Which hint (see `random_hint`), and the ap-tracking offset it is seen from.
            hint_pcs.push((pc, e.below(8), e.below(3)));
        }
        let target =
            if structured { e.below(pc as u32 + 1) as i64 } else { e.below(2 * n_inst as u32) as i64 };
        let rel = Felt::from(target - pc);
        let kind = if structured {
            [0, 1, 2, 3, 4, 5, 6, 7, 8, 0, 1, 2, 9, 10, 16, 12, 20, 20, 17, 18][e.below(20) as usize]
        } else {
            e.below(21)
        };
        let kind = if builtins && e.below(4) == 0 { 21 + e.below(2) } else { kind };
        if kind == 22 {
            // A bitwise instance end to end: x and y written by deduction from [ap-1] and
            // [ap-2], then one output read (deduced from them, or the builtin's error).
            let j = 5 * e.below(3) as i16;
            let mut write =
                inst(Opcode::AssertEq, PcUpdate::Regular, Res::Op1, Op1Src::Op0, ApUpdate::Regular);
            (write.op0_reg, write.off1) = (Reg::Fp, -3);
            for (dst, k) in [(-1, 0), (-2, 1)] {
                (write.off0, write.off2) = (dst, j + k);
                words.push(Felt::from(encode(&write)));
            }
            let mut read = write;
            (read.off0, read.off2, read.ap_update) = (0, j + 2 + e.below(3) as i16, ApUpdate::Add1);
            words.push(Felt::from(encode(&read)));
            continue;
        }
        let (mut i, imm) = match kind {
            0..=8 => {
                let src = [Op1Src::Imm, Op1Src::Ap, Op1Src::Fp, Op1Src::Op0][e.below(4) as usize];
                let res = [Res::Op1, Res::Add, Res::Mul][e.below(3) as usize];
                let apu =
                    [ApUpdate::Add1, ApUpdate::Add1, ApUpdate::Regular, ApUpdate::Add][e.below(4) as usize];
                let mut i = inst(Opcode::AssertEq, PcUpdate::Regular, res, src, apu);
                if structured {
                    // [ap] = <[ap-1..-3] or [fp-2..+2]> op <imm or such a cell>, ap++
                    i.ap_update = ApUpdate::Add1;
                    i.op0_reg = e.reg();
                    i.off1 =
                        if i.op0_reg == Reg::Ap { -1 - e.below(3) as i16 } else { e.below(5) as i16 - 2 };
                    if src == Op1Src::Ap {
                        i.off2 = -1 - e.below(3) as i16;
                    } else if src == Op1Src::Fp {
                        i.off2 = e.below(5) as i16 - 2;
                    } else if src == Op1Src::Op0 {
                        i.off2 = e.below(3) as i16;
                    }
                } else {
                    i.dst_reg = e.reg();
                    i.off0 = e.offset();
                    i.op0_reg = e.reg();
                    i.off1 = e.offset();
                    if src != Op1Src::Imm {
                        i.off2 = e.offset();
                    }
                }
                (i, (src == Op1Src::Imm).then(|| e.imm()))
            }
            9 | 10 => {
                let mut i =
                    inst(Opcode::Nop, PcUpdate::Jnz, Res::Unconstrained, Op1Src::Imm, ApUpdate::Regular);
                i.dst_reg = e.reg();
                i.off0 = if structured { -1 - e.below(2) as i16 } else { e.offset() };
                if e.below(4) == 0 {
                    // op0 (read, though a `jnz` does not use it) elsewhere than `[fp - 1]`:
                    // now and then a cell not written yet.
                    i.op0_reg = e.reg();
                    i.off1 = e.offset();
                }
                (i, Some(rel))
            }
            11 => (inst(Opcode::Nop, PcUpdate::JumpRel, Res::Op1, Op1Src::Imm, ApUpdate::Regular), Some(rel)),
            12 | 13 => {
                (inst(Opcode::Call, PcUpdate::JumpRel, Res::Op1, Op1Src::Imm, ApUpdate::Regular), Some(rel))
            }
            14 | 15 => {
                let mut i = inst(Opcode::Ret, PcUpdate::JumpAbs, Res::Op1, Op1Src::Fp, ApUpdate::Regular);
                i.dst_reg = Reg::Fp;
                i.off0 = -2;
                i.off2 = -1;
                (i, None)
            }
            16 => {
                // `ap += res`: mostly a small immediate, else a cell, a sum or a product.
                let (src, res) = match e.below(6) {
                    0..=2 => (Op1Src::Imm, Res::Op1),
                    3 => ([Op1Src::Ap, Op1Src::Fp][e.below(2) as usize], Res::Op1),
                    4 => (Op1Src::Imm, [Res::Add, Res::Mul][e.below(2) as usize]),
                    _ => (
                        [Op1Src::Ap, Op1Src::Fp][e.below(2) as usize],
                        [Res::Add, Res::Mul][e.below(2) as usize],
                    ),
                };
                let mut i = inst(Opcode::Nop, PcUpdate::Regular, res, src, ApUpdate::Add);
                i.dst_reg = Reg::Fp;
                i.off0 = -1;
                if src != Op1Src::Imm {
                    i.off2 = e.offset();
                }
                (i, (src == Op1Src::Imm).then(|| Felt::from(e.below(6))))
            }
            17 => {
                // Dynamic jumps: through a register, absolute (often to a return address), a
                // jnz through a register, a relative jump by an immediate of any size.
                let pcu = [PcUpdate::JumpRel, PcUpdate::JumpAbs, PcUpdate::Jnz][e.below(3) as usize];
                let src = if pcu == PcUpdate::JumpRel && e.below(4) == 0 {
                    Op1Src::Imm
                } else {
                    [Op1Src::Ap, Op1Src::Fp][e.below(2) as usize]
                };
                let res = if pcu == PcUpdate::Jnz { Res::Unconstrained } else { Res::Op1 };
                let apu = [ApUpdate::Regular, ApUpdate::Add1, ApUpdate::Add][e.below(3) as usize];
                let apu = if pcu == PcUpdate::Jnz && apu == ApUpdate::Add { ApUpdate::Regular } else { apu };
                let mut i = inst(Opcode::Nop, pcu, res, src, apu);
                i.off0 = -1;
                i.dst_reg = Reg::Fp;
                if src != Op1Src::Imm {
                    i.off2 = if pcu == PcUpdate::JumpAbs && e.below(2) == 0 { -1 } else { e.offset() };
                }
                (i, (src == Op1Src::Imm).then(|| e.imm()))
            }
            18 => {
                // Calls through a register: absolute (to a return address now and then) or
                // relative.
                let pcu = [PcUpdate::JumpAbs, PcUpdate::JumpRel][e.below(2) as usize];
                let src = [Op1Src::Fp, Op1Src::Ap][e.below(2) as usize];
                let mut i = inst(Opcode::Call, pcu, Res::Op1, src, ApUpdate::Regular);
                i.off0 = 0;
                i.off1 = 1;
                i.op0_reg = Reg::Ap;
                i.off2 = if e.below(3) == 0 { -1 } else { e.offset() };
                (i, None)
            }
            20 => {
                // Deductions: a known dst ([ap-1] or [ap-2]) and one fresh operand ([ap] or
                // [ap+1]), the other an immediate or a known cell; res add or mul.
                let src = [Op1Src::Imm, Op1Src::Ap, Op1Src::Fp][e.below(3) as usize];
                let res = [Res::Add, Res::Mul][e.below(2) as usize];
                let apu = [ApUpdate::Add1, ApUpdate::Regular, ApUpdate::Add][e.below(3) as usize];
                let mut i = inst(Opcode::AssertEq, PcUpdate::Regular, res, src, apu);
                i.dst_reg = Reg::Ap;
                i.off0 = -1 - e.below(2) as i16;
                let fresh = e.below(2) as i16;
                let old = -1 - e.below(3) as i16;
                if src == Op1Src::Imm || e.below(2) == 0 {
                    // op0 fresh
                    i.op0_reg = Reg::Ap;
                    i.off1 = fresh;
                    if src == Op1Src::Ap {
                        i.off2 = old;
                    } else if src == Op1Src::Fp {
                        i.off2 = e.below(5) as i16 - 2;
                    }
                } else {
                    // op1 fresh
                    i.op1_src = Op1Src::Ap;
                    i.off2 = fresh;
                    i.op0_reg = e.reg();
                    i.off1 = if i.op0_reg == Reg::Ap { old } else { e.below(5) as i16 - 2 };
                }
                (i, (i.op1_src == Op1Src::Imm).then(|| e.imm()))
            }
            21 => {
                // A builtin cell [[fp-3]+k] (bitwise) or [[fp-4]+k] (range_check), read into a
                // fresh [ap] (a bitwise output is deduced from its inputs, an unset input is
                // unknown) or asserted equal to a known [ap-1] / [ap-2] (an unset cell is
                // written by deduction, through the builtin's validation).
                let read = e.below(2) == 0;
                let apu = if read {
                    ApUpdate::Add1
                } else {
                    [ApUpdate::Regular, ApUpdate::Add1][e.below(2) as usize]
                };
                let mut i = inst(Opcode::AssertEq, PcUpdate::Regular, Res::Op1, Op1Src::Op0, apu);
                i.off0 = if read { 0 } else { -1 - e.below(2) as i16 };
                i.op0_reg = Reg::Fp;
                i.off1 = -3 - e.below(2) as i16;
                // Mostly the first instance, so that reads find both bitwise inputs set.
                i.off2 = if e.below(3) == 0 { e.below(15) } else { e.below(5) } as i16;
                (i, None)
            }
            _ => {
                // A raw word: usually invalid flags.
                words.push(Felt::from(u64::from_le_bytes(std::array::from_fn(|_| e.u8()))));
                continue;
            }
        };
        if i.opcode == Opcode::Call && i.op1_src == Op1Src::Imm {
            i.off0 = 0;
            i.off1 = 1;
            i.op0_reg = Reg::Ap;
        }
        words.push(Felt::from(encode(&i)));
        if let Some(v) = imm {
            words.push(v);
        }
    }
    let data: Vec<String> = words.iter().map(|w| format!("{w:#x}")).collect();
    // The `ids` hints use: the constant `len`; the loop flags at [ap + k] (k in [-1, 2]), made
    // at ap-tracking offset 0, so that a hint at offset h sees them h cells further back.
    let len = e.below(40);
    let flag_at = i64::from(e.below(4)) - 1;
    let refs = [
        ("continue_copying", format!("[cast(ap + ({flag_at}), felt*)]")),
        ("continue_loop", format!("[cast(ap + ({flag_at}), felt*)]")),
    ];
    let reference_ids: serde_json::Map<String, serde_json::Value> =
        refs.iter().enumerate().map(|(i, (name, _))| (format!("__main__.main.{name}"), i.into())).collect();
    let hints: serde_json::Map<String, serde_json::Value> = hint_pcs
        .iter()
        .filter(|&&(pc, _, _)| (pc as usize) < words.len())
        .map(|&(pc, kind, offset)| {
            (
                pc.to_string(),
                serde_json::json!([{
                    "code": random_hint(kind),
                    "accessible_scopes": ["__main__", "__main__.main"],
                    "flow_tracking_data": {
                        "ap_tracking": {"group": 0, "offset": offset},
                        "reference_ids": reference_ids
                    }
                }]),
            )
        })
        .collect();
    let mut identifiers = serde_json::json!({
        "__main__.main": {"type": "function", "pc": 0, "decorators": []},
        "__main__.main.len": {"type": "const", "value": len}
    });
    for (name, value) in &refs {
        let full_name = format!("__main__.main.{name}");
        identifiers[&full_name] = serde_json::json!({
            "type": "reference",
            "cairo_type": "felt",
            "full_name": full_name,
            "references": [{"ap_tracking_data": {"group": 0, "offset": 0}, "pc": 0, "value": value}]
        });
    }
    let references: Vec<serde_json::Value> = refs
        .iter()
        .map(|(_, value)| serde_json::json!({"ap_tracking_data": {"group": 0, "offset": 0}, "pc": 0, "value": value}))
        .collect();
    let json = serde_json::json!({
        "prime": "0x800000000000011000000000000000000000000000000000000000000000001",
        "data": data,
        "builtins": if builtins { vec!["range_check", "bitwise"] } else { vec![] },
        "hints": hints,
        "identifiers": identifiers,
        "reference_manager": {"references": references},
        "attributes": [],
        "main_scope": "__main__",
        "compiler_version": "0.14.0.1",
        "debug_info": null
    });
    (serde_json::to_vec(&json).expect("serializable"), words.len())
}
