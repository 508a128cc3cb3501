//! Run setup as cairo-lang's `CairoRunner` does it: builtin runners for the layout, segments in
//! the reference order (program, execution, builtins in layout order, then in plain mode the
//! return-fp and end segments, then the modulo builtins' zero segment), the initial stack and
//! registers.

use super::{RunConfig, RunError, RunMode};
use crate::builtins::{BuiltinKind, BuiltinRunner, Builtins};
use crate::program::Program;
use crate::vm::{Memory, Relocatable, Value, Vm};

/// Cells of address space reserved for the execution segment up front (4 MiB, so that it is on
/// huge pages from the start; see [`Memory::reserve`]).
const EXECUTION_RESERVE: usize = 1 << 17;

/// The VM ready to run, and where the run ends.
pub struct Setup {
    /// The VM, with builtins installed.
    pub vm: Vm,
    /// Program segment base.
    pub program_base: Relocatable,
    /// Execution segment base.
    pub execution_base: Relocatable,
    /// The pc at which the run ends (`end` segment in plain mode, `__end__` in proof mode).
    pub end: Relocatable,
    /// Plain mode's end segment (cairo-lang's `final_pc`), where stepping is an error.
    pub final_pc: Option<Relocatable>,
    /// Execution-segment offsets in the public memory (proof mode's initial stack).
    pub execution_public_memory: Vec<u64>,
    /// Segment sizes fixed before the run (a Cairo PIE's).
    pub finalized_sizes: std::collections::BTreeMap<i64, u64>,
}

fn subsequence_error(program: &Program) -> RunError {
    RunError::Config(format!(
        "The builtins specified by the %builtins directive must be subsequence of {:?}. Got {:?}.",
        BuiltinKind::ALL.iter().map(|b| b.name()).collect::<Vec<_>>(),
        program.builtins
    ))
}

/// Builds the runners, segments and initial stack.
pub fn setup(program: &Program, config: &RunConfig) -> Result<Setup, RunError> {
    let layout = &config.layout;
    let proof = config.mode == RunMode::Proof;
    let allow_missing = config.allow_missing_builtins.unwrap_or(proof);
    if !allow_missing {
        let missing: Vec<&str> = program
            .builtins
            .iter()
            .filter(|b| {
                BuiltinKind::from_name(b).is_none_or(|k| k != BuiltinKind::SegmentArena && !layout.has(k))
            })
            .map(|b| b.as_str())
            .collect();
        if !missing.is_empty() {
            let set = missing.iter().map(|m| format!("'{m}'")).collect::<Vec<_>>().join(", ");
            return Err(RunError::Config(format!(
                "Builtins {{{set}}} are not present in layout \"{}\"",
                layout.name
            )));
        }
    }
    let mut prog_builtins = Vec::new();
    for name in &program.builtins {
        prog_builtins.push(BuiltinKind::from_name(name).ok_or_else(|| subsequence_error(program))?);
    }
    if !prog_builtins.windows(2).all(|w| w[0] < w[1]) {
        return Err(subsequence_error(program));
    }

    let mut memory = Memory::new();
    let program_base = memory.add_segment();
    let execution_base = memory.add_segment();
    memory.reserve(execution_base.segment as usize, EXECUTION_RESERVE);
    let mut builtins = Builtins::default();
    for kind in layout.builtins() {
        let included = prog_builtins.contains(&kind);
        if included || proof {
            builtins.push(BuiltinRunner::new(kind, layout.def(kind), included, &mut memory));
        }
    }
    // Cairo 1's segment arena: in no layout, after the layout's builtins (cairo-vm's order).
    if prog_builtins.contains(&BuiltinKind::SegmentArena) {
        let r = crate::builtins::segment_arena::new_runner(&mut memory)
            .map_err(|e| RunError::Config(e.to_string()))?;
        builtins.push(r);
    }
    let mut stack: Vec<Value> = Vec::new();
    for kind in &prog_builtins {
        match builtins.runner(*kind) {
            Some(b) => stack.extend(b.initial_stack()),
            None => stack.push(Value::from(0u64)),
        }
    }
    let (entry, end, final_pc, execution_public_memory);
    if proof {
        let mut s = vec![Value::Ptr(Relocatable::new(execution_base.segment, 2)), Value::from(0u64)];
        s.extend(stack);
        stack = s;
        execution_public_memory = (0..stack.len() as u64).collect();
        // cairo-lang's `Program.start` is `__start__`, or 0 when the label is missing.
        entry = program.start().unwrap_or(0);
        // cairo-lang's MissingIdentifierError escapes cairo-run uncaught.
        let end_pc = program.get_label("__end__").map_err(|e| {
            RunError::Uncaught(super::error::Uncaught {
                exception: "starkware.cairo.lang.compiler.identifier_manager.MissingIdentifierError",
                message: e.to_string(),
            })
        })?;
        end = Relocatable::new(program_base.segment, end_pc as u64);
        final_pc = None;
    } else {
        execution_public_memory = Vec::new();
        let return_fp = memory.add_segment();
        entry = program.entrypoint(&config.entrypoint).ok_or_else(|| {
            if config.entrypoint == "main" {
                RunError::Config("Missing main().".into())
            } else {
                RunError::Config(format!("Entrypoint {} not found", config.entrypoint))
            }
        })?;
        end = memory.add_segment();
        final_pc = Some(end);
        stack.push(Value::Ptr(return_fp));
        stack.push(Value::Ptr(end));
    }
    // initialize_zero_segment: the modulo builtins point at a segment of zeros.
    let needs_zeros =
        builtins.runners().iter().any(|b| matches!(b.kind, BuiltinKind::AddMod | BuiltinKind::MulMod));
    if needs_zeros {
        let z = memory.add_segment();
        let n = crate::builtins::modulo::ZERO_SEGMENT_SIZE;
        for i in 0..n {
            memory
                .insert(Relocatable::new(z.segment, i), Value::from(0u64))
                .map_err(|e| RunError::Config(e.to_string()))?;
        }
        builtins.zero_segment = Some((z, n));
    }

    let mut finalized_sizes = std::collections::BTreeMap::new();
    if let Some(pie) = &config.pie {
        load_pie(pie, &mut memory, &mut builtins, &mut finalized_sizes, config.secure_run.unwrap_or(true))?;
    }

    let data: Vec<Value> = program.data.iter().map(|f| Value::Int(*f)).collect();
    memory.load_data(program_base, &data).map_err(|e| RunError::Config(e.to_string()))?;
    let sp = memory.load_data(execution_base, &stack).map_err(|e| RunError::Config(e.to_string()))?;

    let mut vm = Vm::new(memory);
    vm.pc = Relocatable::new(program_base.segment, entry as u64);
    let start = if proof { Relocatable::new(execution_base.segment, 2) } else { sp };
    vm.ap = start;
    vm.fp = start;
    vm.builtins = builtins;
    Builtins::install_hooks(&mut vm);
    if config.pie.is_some() {
        // validate_existing_memory: the PIE's cells of validated segments.
        for b in vm.builtins.runners() {
            vm.memory
                .validate_existing(b.base.segment as usize)
                .map_err(|e| RunError::Config(e.to_string()))?;
        }
    }
    Ok(Setup { vm, program_base, execution_base, end, final_pc, execution_public_memory, finalized_sizes })
}

/// `--run_from_cairo_pie`: the PIE's extra segments, its memory, its builtins' additional data,
/// and its segment sizes (cairo_run's `finalize_segments_by_cairo_pie`).
fn load_pie(
    pie: &crate::output::pie_read::CairoPie,
    memory: &mut Memory,
    builtins: &mut Builtins,
    sizes: &mut std::collections::BTreeMap<i64, u64>,
    secure_run: bool,
) -> Result<(), RunError> {
    let zero = builtins.zero_segment.map(|(z, _)| z.segment);
    for s in &pie.extra_segments {
        if Some(s.index) == zero {
            continue;
        }
        memory.add_segment();
    }
    let err = |e: crate::vm::MemoryError| RunError::Config(e.to_string());
    for (addr, v) in &pie.memory {
        if addr.segment as usize >= memory.num_segments() {
            return Err(RunError::Config(format!("Invalid memory cell address {addr}.")));
        }
        memory.insert(*addr, *v).map_err(err)?;
    }
    for b in builtins.runners().to_vec() {
        let Some(data) = pie.additional_data.get(format!("{}_builtin", b.kind)) else { continue };
        match b.kind {
            BuiltinKind::Output => {
                let ok = data.as_object().is_some_and(|o| {
                    let mut k: Vec<&String> = o.keys().collect();
                    k.sort();
                    k == ["attributes", "pages"]
                });
                if !ok {
                    return Err(RunError::Config("Invalid output builtin data.".into()));
                }
                let pages = data["pages"]
                    .as_object()
                    .ok_or_else(|| RunError::Config("Invalid output builtin pages field.".into()))?;
                for (id, v) in pages {
                    let vals: Option<Vec<u64>> = v.as_array().filter(|a| a.len() == 2).map(|a| {
                        a.iter().filter_map(|x| x.as_u64()).filter(|x| *x > 0 && *x < 1 << 30).collect()
                    });
                    match (id.parse::<u64>(), vals) {
                        (Ok(id), Some(v)) if v.len() == 2 => {
                            builtins.output.pages.insert(id, (v[0], v[1]));
                        }
                        _ => return Err(RunError::Config("Invalid output builtin pages field.".into())),
                    }
                }
                let attrs = data["attributes"]
                    .as_object()
                    .ok_or_else(|| RunError::Config("Invalid output builtin attributes field.".into()))?;
                for (k, v) in attrs {
                    builtins.output.add_attribute(k, v.clone());
                }
            }
            BuiltinKind::Ecdsa => {
                let items = data.as_array().cloned().unwrap_or_default();
                let mut map = builtins.signatures.lock().map_err(|_| RunError::Config("poisoned".into()))?;
                for item in items {
                    let parse = || -> Option<(Relocatable, (starknet_types_core::felt::Felt, starknet_types_core::felt::Felt))> {
                        let a = item.get(0)?.as_array()?;
                        let sig = item.get(1)?.as_array()?;
                        let addr = Relocatable::new(a.first()?.as_i64()?, a.get(1)?.as_u64()?);
                        let f = crate::output::pie_read::json_felt;
                        Some((addr, (f(sig.first()?)?, f(sig.get(1)?)?)))
                    };
                    let (addr, sig) =
                        parse().ok_or_else(|| RunError::Config("Invalid ECDSA builtin data.".into()))?;
                    if addr.segment != b.base.segment {
                        return Err(RunError::Config(format!(
                            "Error while loading ECDSA builtin additional data: Signature hint must point to the signature builtin segment. Found: {addr} (after relocation: {addr})."
                        )));
                    }
                    map.insert(addr, sig);
                }
            }
            // Pedersen's verified addresses only skip checks, and only when trusted.
            _ => {}
        }
    }
    let _ = secure_run;
    for s in pie.all_segments() {
        sizes.insert(s.index, s.size);
    }
    Ok(())
}
