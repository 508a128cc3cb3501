//! cairo-lang's `verify_secure_runner` (cairo-run's default outside proof mode): no cell beyond
//! a builtin's stop pointer or the program's data, every pointer into an existing segment, and
//! each builtin's own checks (inputs of every used instance present, outputs deducible; the
//! modulo builtins' equations hold). Failures are cairo-lang's `SecurityError`, which
//! cairo-run does not catch.

use super::error::Uncaught;
use crate::builtins::{modulo, BuiltinKind, BuiltinRunner};
use crate::program::Program;
use crate::vm::{Relocatable, Value, Vm};
use std::collections::BTreeSet;

fn security_error(message: String) -> Uncaught {
    Uncaught { exception: "starkware.cairo.lang.vm.vm_exceptions.SecurityError", message }
}

/// Runs the checks.
pub fn verify_secure_runner(vm: &Vm, program: &Program, program_base: Relocatable) -> Result<(), Uncaught> {
    let n_segments = vm.memory.num_segments() as i64;
    let builtin_size = |seg: i64| -> Option<(&BuiltinRunner, u64)> {
        let b = vm.builtins.runner_of_segment(seg)?;
        let stop = b.stop_ptr.unwrap_or(b.base);
        Some((b, stop.offset.saturating_sub(b.base.offset)))
    };
    for seg in 0..n_segments {
        let bound = builtin_size(seg);
        for (off, value) in vm.memory.segment_values(seg) {
            let addr = Relocatable::new(seg, off);
            if let Some((b, size)) = bound {
                if off >= size {
                    return Err(security_error(format!(
                        "Out of bounds access to builtin segment {} at {addr}.",
                        b.kind
                    )));
                }
            }
            if seg == program_base.segment && off >= program.data.len() as u64 {
                return Err(security_error(format!("Out of bounds access to program segment at {addr}.")));
            }
            if let Value::Ptr(p) = value {
                if p.segment < 0 || p.segment >= n_segments {
                    return Err(security_error(format!("Invalid memory value at address {addr}: {value}.")));
                }
            }
        }
    }
    for b in vm.builtins.runners() {
        builtin_checks(vm, b).map_err(security_error)?;
    }
    Ok(())
}

/// `run_security_checks` of one builtin.
fn builtin_checks(vm: &Vm, b: &BuiltinRunner) -> Result<(), String> {
    if b.kind == BuiltinKind::Output {
        return Ok(());
    }
    let seg = b.base.segment;
    let cpi = b.kind.cells_per_instance();
    let n_in = b.kind.n_input_cells();
    let offsets: BTreeSet<u64> = vm.memory.segment_values(seg).map(|(o, _)| o).collect();
    let n = offsets.last().map(|m| m / cpi + 1).unwrap_or(0);
    if n > offsets.len() as u64 / n_in {
        return Err(format!("Missing memory cells for {}.", b.kind));
    }
    let missing: Vec<u64> =
        (0..n).flat_map(|i| (0..n_in).map(move |j| cpi * i + j)).filter(|o| !offsets.contains(o)).collect();
    if !missing.is_empty() {
        let dots = if missing.len() > 20 { "..." } else { "." };
        let list: Vec<String> = missing.iter().take(20).map(|o| o.to_string()).collect();
        return Err(format!("Missing memory cells for {}: {}{dots}", b.kind, list.join(", ")));
    }
    if let Some(d) = b.deducer() {
        for i in 0..n {
            for j in n_in..cpi {
                let addr = Relocatable::new(seg, cpi * i + j);
                if vm.memory.get(addr).is_none() {
                    d(addr, &vm.memory).map_err(|e| e.to_string())?;
                }
            }
        }
    }
    let op = match b.kind {
        BuiltinKind::AddMod => modulo::ModOp::Add,
        BuiltinKind::MulMod => modulo::ModOp::Mul,
        _ => return Ok(()),
    };
    modulo::security_checks(&vm.memory, op, b.base, b.used_cells(&vm.memory))
}
