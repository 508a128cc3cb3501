//! cairo-lang's `verify_secure_runner` (cairo-run's default outside proof mode): no cell beyond
//! a builtin's stop pointer or the program's data, every pointer into an existing segment, and
//! each builtin's own checks (inputs of every used instance present, outputs deducible; the
//! modulo builtins' equations hold). Failures are cairo-lang's `SecurityError`, which
//! cairo-run does not catch.

use super::error::Uncaught;
use crate::builtins::{modulo, BuiltinKind, BuiltinRunner};
use crate::program::Program;
use crate::vm::{Relocatable, Value, Vm};

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
    // When every pointer written into memory points into an existing segment (see
    // `Memory::pointer_segments`), only cells past a limit can fail, and only segments with a
    // limit need scanning (not the execution segment, the largest).
    let pointers_valid = vm.memory.pointer_segments().is_none_or(|(lo, hi)| lo >= 0 && hi < n_segments);
    for seg in 0..n_segments {
        // Cells at or past `limit` must be unset: a builtin's used size, the program's data.
        let bound = builtin_size(seg);
        let mut limit = bound.map_or(u64::MAX, |(_, size)| size);
        if seg == program_base.segment {
            limit = limit.min(program.data.len() as u64);
        }
        let cells = vm.memory.segment_cells(seg);
        let start =
            if pointers_valid { cells.len().min(usize::try_from(limit).unwrap_or(usize::MAX)) } else { 0 };
        // Works on raw cells (no conversion out of Montgomery form): only the tags and a
        // pointer's segment matter. Cells are checked in address order, so the first fault
        // reported is cairo-lang's.
        for (off, c) in cells.iter().enumerate().skip(start) {
            if !c.is_set() {
                continue;
            }
            let off = off as u64;
            let addr = Relocatable::new(seg, off);
            if off >= limit {
                return Err(security_error(match bound {
                    Some((b, size)) if off >= size => {
                        format!("Out of bounds access to builtin segment {} at {addr}.", b.kind)
                    }
                    _ => format!("Out of bounds access to program segment at {addr}."),
                }));
            }
            if c.is_reloc() {
                let target = c.0[1] as i64;
                if target < 0 || target >= n_segments {
                    let value = Value::from_cell(c).expect("set cell");
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
    let cells = vm.memory.segment_cells(seg);
    let set = |o: u64| cells.get(o as usize).is_some_and(|c| c.is_set());
    let n = (cells.len() as u64).div_ceil(cpi);
    let n_set = cells.count_set() as u64;
    if n > n_set / n_in {
        return Err(format!("Missing memory cells for {}.", b.kind));
    }
    let missing: Vec<u64> =
        (0..n).flat_map(|i| (0..n_in).map(move |j| cpi * i + j)).filter(|&o| !set(o)).collect();
    if !missing.is_empty() {
        let dots = if missing.len() > 20 { "..." } else { "." };
        let list: Vec<String> = missing.iter().take(20).map(|o| o.to_string()).collect();
        return Err(format!("Missing memory cells for {}: {}{dots}", b.kind, list.join(", ")));
    }
    if let Some(d) = b.deducer() {
        for i in 0..n {
            let mut holes =
                (n_in..cpi).map(|j| Relocatable::new(seg, cpi * i + j)).filter(|&a| !set(a.offset));
            if let Some(check) = b.instance_check() {
                // One check of the inputs stands for the deduction of each hole (a bitwise
                // deduction costs three conversions out of and into Montgomery form). An
                // instance with an output the run deduced needs none: that deduction read the
                // same (write-once) inputs and found them valid.
                let deduced = (n_in..cpi).any(|j| vm.deduced.contains(Relocatable::new(seg, cpi * i + j)));
                if !deduced && holes.next().is_some() {
                    check(Relocatable::new(seg, cpi * i), &vm.memory).map_err(|e| e.to_string())?;
                }
                continue;
            }
            for addr in holes {
                d(addr, &vm.memory).map_err(|e| e.to_string())?;
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::vm::Memory;

    fn program() -> Program {
        Program::from_file(
            &std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/programs/loops.json"),
        )
        .unwrap()
    }

    /// A VM with the program in segment 0 and an execution segment 1 holding `cells`.
    fn vm_with(p: &Program, cells: &[Value]) -> Vm {
        let mut m = Memory::new();
        let code = m.add_segment();
        let exec = m.add_segment();
        let data: Vec<Value> = p.data.iter().map(|f| Value::Int(*f)).collect();
        m.load_data(code, &data).unwrap();
        m.load_data(exec, cells).unwrap();
        Vm::new(m)
    }

    fn message(r: Result<(), Uncaught>) -> String {
        r.err().map(|e| e.message).unwrap_or_default()
    }

    #[test]
    fn pointers_into_existing_segments_pass() {
        let p = program();
        let vm = vm_with(&p, &[Value::Ptr(Relocatable::new(0, 3)), Value::Ptr(Relocatable::new(1, 0))]);
        assert!(vm.memory.pointer_segments().is_some());
        assert!(verify_secure_runner(&vm, &p, Relocatable::new(0, 0)).is_ok());
    }

    /// The shortcut past the execution segment must still find a pointer to a segment that
    /// does not exist, or to a temporary segment, wherever it is.
    #[test]
    fn pointers_outside_the_segments_are_reported() {
        let p = program();
        let vm = vm_with(&p, &[Value::Ptr(Relocatable::new(1, 0)), Value::Ptr(Relocatable::new(5, 2))]);
        assert_eq!(
            message(verify_secure_runner(&vm, &p, Relocatable::new(0, 0))),
            "Invalid memory value at address 1:1: 5:2."
        );
        let mut vm = vm_with(&p, &[]);
        let t = vm.memory.add_temp_segment();
        vm.memory.insert(Relocatable::new(1, 7), Value::Ptr(t)).unwrap();
        assert_eq!(
            message(verify_secure_runner(&vm, &p, Relocatable::new(0, 0))),
            "Invalid memory value at address 1:7: -1:0."
        );
    }

    #[test]
    fn cells_past_the_program_are_reported() {
        let p = program();
        let mut vm = vm_with(&p, &[]);
        let past = Relocatable::new(0, p.data.len() as u64 + 2);
        vm.memory.insert(past, Value::Ptr(Relocatable::new(1, 0))).unwrap();
        assert_eq!(
            message(verify_secure_runner(&vm, &p, Relocatable::new(0, 0))),
            format!("Out of bounds access to program segment at {past}.")
        );
    }
}
