//! `cairo-jit diff`: runs a program under the reference interpreter and under `--engine`
//! (default jit), or compares one run with the trace and memory files of another VM
//! (`--trace_file`, `--memory_file`: cairo-run's or cairo-vm's), and reports "identical" or the
//! first divergence: step, registers, the instruction and its source location, and the first
//! differing memory cell.

use super::fail;
use crate::casm::{self, disasm::format_instruction};
use crate::output;
use crate::program::Program;
use crate::runner::{self, Engine, RunConfig, RunOutput, TraceMode};
use cairo_jit_runtime::felt;
use starknet_types_core::felt::Felt;
use std::collections::BTreeMap;
use std::path::Path;
use std::process::ExitCode;

/// One side of the comparison: relocated trace (ap, fp, pc per step) and memory.
struct Side {
    name: String,
    trace: Vec<[u64; 3]>,
    memory: BTreeMap<u64, [u8; 32]>,
}

fn parse_trace(b: &[u8]) -> Vec<[u64; 3]> {
    b.chunks_exact(24)
        .map(|c| {
            std::array::from_fn(|i| u64::from_le_bytes(c[8 * i..8 * i + 8].try_into().expect("8 bytes")))
        })
        .collect()
}

fn parse_memory(b: &[u8]) -> BTreeMap<u64, [u8; 32]> {
    b.chunks_exact(40)
        .map(|c| {
            (u64::from_le_bytes(c[..8].try_into().expect("8 bytes")), c[8..].try_into().expect("32 bytes"))
        })
        .collect()
}

fn side_of(name: &str, run: &RunOutput) -> Side {
    let mut t = Vec::new();
    let mut m = Vec::new();
    output::write_trace(run, &mut t).expect("writing to memory cannot fail");
    output::write_memory(run, &mut m).expect("writing to memory cannot fail");
    Side { name: name.into(), trace: parse_trace(&t), memory: parse_memory(&m) }
}

/// The instruction at a relocated pc, with its source location.
fn describe_pc(program: &Program, run: &RunOutput, pc: u64) -> String {
    let base = run.relocation.bases[run.program_base.segment as usize];
    let Some(off) = pc.checked_sub(base).filter(|o| (*o as usize) < program.data().len()) else {
        return format!("pc {pc} is outside the program");
    };
    let data = program.data();
    let text = match casm::decode(felt::to_canonical(data[off as usize].to_raw())) {
        Ok(i) => format_instruction(&i, data.get(off as usize + 1).filter(|_| i.size() == 2)),
        Err(e) => format!("invalid instruction ({e})"),
    };
    let loc = program
        .instruction_location(off as usize)
        .map(|l| format!(" at {}", l.inst.to_string_with_message("").trim_end_matches(':').trim_end()))
        .unwrap_or_default();
    format!("pc 0:{off}: {text}{loc}")
}

fn value_text(v: &[u8; 32]) -> String {
    Felt::from_bytes_le(v).to_string()
}

/// Runs the comparison; exit code 0 when identical, 1 when not (or on error).
pub fn diff(
    program: &Program,
    config: RunConfig,
    trace_file: Option<&Path>,
    memory_file: Option<&Path>,
) -> ExitCode {
    let config = config.with_trace(TraceMode::On);
    let engine_name = match &config.engine {
        Engine::Interp => "interp",
        Engine::Jit(_) => "jit",
    };
    let ours = match runner::run(program, &config) {
        Ok(o) => o,
        Err(e) => return fail(format!("{engine_name} failed:\n{e}")),
    };
    let reference = match (trace_file, memory_file) {
        (Some(t), Some(m)) => match (std::fs::read(t), std::fs::read(m)) {
            (Ok(t), Ok(m)) => {
                Side { name: "reference files".into(), trace: parse_trace(&t), memory: parse_memory(&m) }
            }
            (Err(e), _) | (_, Err(e)) => return fail(format!("Error: cannot read the reference files: {e}")),
        },
        (None, None) => match runner::run(program, &config.clone().with_engine(Engine::Interp)) {
            Ok(o) => side_of("interp", &o),
            Err(e) => return fail(format!("interp failed:\n{e}")),
        },
        _ => {
            return fail(
                "Error: give both --trace_file and --memory_file as the reference, or neither".into(),
            )
        }
    };
    let mine = side_of(engine_name, &ours);
    let (r, m) = (&reference, &mine);
    if let Some(step) = (0..r.trace.len().max(m.trace.len())).find(|&i| r.trace.get(i) != m.trace.get(i)) {
        println!("trace differs at step {step}:");
        for s in [r, m] {
            match s.trace.get(step) {
                Some([ap, fp, pc]) => {
                    println!("  {:<16} pc={pc} ap={ap} fp={fp}  {}", s.name, describe_pc(program, &ours, *pc))
                }
                None => println!("  {:<16} (trace ended after {} steps)", s.name, s.trace.len()),
            }
        }
        if step > 0 {
            if let Some([_, _, pc]) = r.trace.get(step - 1) {
                println!("  previous step:   {}", describe_pc(program, &ours, *pc));
            }
        }
        return ExitCode::from(1);
    }
    let addrs: Vec<u64> = r.memory.keys().chain(m.memory.keys()).copied().collect();
    if let Some(a) = addrs.into_iter().filter(|a| r.memory.get(a) != m.memory.get(a)).min() {
        println!("memory differs at address {a}:");
        for s in [r, m] {
            match s.memory.get(&a) {
                Some(v) => println!("  {:<16} {}", s.name, value_text(v)),
                None => println!("  {:<16} (unset)", s.name),
            }
        }
        return ExitCode::from(1);
    }
    println!(
        "identical: {} steps, {} memory cells ({} vs {})",
        m.trace.len(),
        m.memory.len(),
        reference.name,
        mine.name
    );
    ExitCode::SUCCESS
}
