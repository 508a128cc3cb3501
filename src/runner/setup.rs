//! Run setup as cairo-lang's `CairoRunner` does it: builtin runners for the layout, segments in
//! the reference order (program, execution, builtins in layout order, then in plain mode the
//! return-fp and end segments, then the modulo builtins' zero segment), the initial stack and
//! registers.

use super::{RunConfig, RunError, RunMode};
use crate::builtins::{BuiltinKind, BuiltinRunner, Builtins};
use crate::program::Program;
use crate::vm::{Memory, Relocatable, Value, Vm};

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
            .filter(|b| BuiltinKind::from_name(b).is_none_or(|k| !layout.has(k)))
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
    let mut builtins = Builtins::default();
    for kind in layout.builtins() {
        let included = prog_builtins.contains(&kind);
        if included || proof {
            builtins.push(BuiltinRunner::new(kind, layout.def(kind), included, &mut memory));
        }
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
        let end_pc = program.get_label("__end__").map_err(|e| RunError::Config(e.to_string()))?;
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
    Ok(Setup { vm, program_base, execution_base, end, final_pc, execution_public_memory })
}
