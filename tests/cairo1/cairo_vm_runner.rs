//! The reference for Cairo 1 programs: the cairo-vm crate (3.2.0) with its
//! `Cairo1HintProcessor`, running a loaded [`Cairo1Program`]'s bytecode (our entry code + the
//! CASM of cairo-lang-sierra-to-casm) with the same builtins, hints and builtin-cost segment.
//! Shared by `tests/cairo1.rs` (trace and memory comparison) and `benches/engines.rs`
//! (the `cairo1` group, through a `#[path]` module).

use cairo_jit::cairo1::Cairo1Program;
use cairo_vm::hint_processor::cairo_1_hint_processor::hint_processor::Cairo1HintProcessor;
use cairo_vm::serde::deserialize_program::{ApTracking, FlowTrackingData, HintParams, ReferenceManager};
use cairo_vm::types::builtin_name::BuiltinName;
use cairo_vm::types::layout_name::LayoutName;
use cairo_vm::types::program::Program as VmProgram;
use cairo_vm::types::relocatable::{MaybeRelocatable, Relocatable};
use cairo_vm::vm::runners::cairo_runner::{CairoRunner, RunResources};
use std::collections::HashMap;

/// Our felt as cairo-vm's (another starknet-types-core version).
fn vm_felt(f: &starknet_types_core::felt::Felt) -> cairo_vm::Felt252 {
    cairo_vm::Felt252::from_bytes_be(&f.to_bytes_be())
}

fn builtin_name(name: &str) -> BuiltinName {
    match name {
        "output" => BuiltinName::output,
        "pedersen" => BuiltinName::pedersen,
        "range_check" => BuiltinName::range_check,
        "bitwise" => BuiltinName::bitwise,
        "ec_op" => BuiltinName::ec_op,
        "poseidon" => BuiltinName::poseidon,
        "range_check96" => BuiltinName::range_check96,
        "add_mod" => BuiltinName::add_mod,
        "mul_mod" => BuiltinName::mul_mod,
        other => panic!("builtin {other} not mapped"),
    }
}

/// cairo-vm's `Program` for `p`: the bytecode, one hint entry per hinted pc (the hint
/// processor looks hints up by pc), `main` as the entry, or `__start__`/`__end__` in proof mode.
pub fn program(p: &Cairo1Program, proof: bool) -> Result<(VmProgram, Cairo1HintProcessor), String> {
    let data: Vec<MaybeRelocatable> = p.bytecode.iter().map(|f| MaybeRelocatable::from(vm_felt(f))).collect();
    let hint_list: Vec<(usize, Vec<cairo_lang_casm::hints::Hint>)> =
        p.hints.iter().map(|(pc, h)| (pc, h.to_vec())).collect();
    let params: HashMap<usize, Vec<HintParams>> = hint_list
        .iter()
        .map(|(pc, _)| {
            let hp = HintParams {
                code: pc.to_string(),
                accessible_scopes: vec![],
                flow_tracking_data: FlowTrackingData {
                    ap_tracking: ApTracking::default(),
                    reference_ids: HashMap::new(),
                },
            };
            (*pc, vec![hp])
        })
        .collect();
    let builtins: Vec<BuiltinName> = p.builtins.iter().map(|b| builtin_name(b.name())).collect();
    let rm = ReferenceManager { references: vec![] };
    let program = match (proof, p.proof_labels) {
        (true, Some((start, end))) => {
            VmProgram::new_for_proof(builtins, data, start, end, params, rm, HashMap::new(), vec![], None)
        }
        _ => VmProgram::new(builtins, data, Some(p.main), params, rm, HashMap::new(), vec![], None),
    }
    .map_err(|e| format!("{e:?}"))?;
    let hp = Cairo1HintProcessor::new(&hint_list, RunResources::default(), false);
    Ok((program, hp))
}

/// Runs `program` (from [`program`]) to its end, trace on: plain mode up to the return of the
/// entry code, proof mode through `__end__`'s `jmp rel 0` and `finalize_segments`. Not
/// relocated.
pub fn run(
    p: &Cairo1Program,
    program: &VmProgram,
    hp: &mut Cairo1HintProcessor,
    layout: LayoutName,
    proof: bool,
) -> Result<CairoRunner, String> {
    let err = |e: &dyn std::fmt::Debug| format!("{e:?}");
    let mut runner = CairoRunner::new(program, layout, None, proof, true, false).map_err(|e| err(&e))?;
    let end = runner.initialize(proof).map_err(|e| err(&e))?;
    if p.builtin_costs {
        // The builtin-cost table (all zero, as our runner writes it) in a segment of its own,
        // its pointer in the cell right after the bytecode.
        let costs = runner.vm.add_memory_segment();
        for token in cairo_lang_sierra::extensions::gas::CostTokenType::iter_precost() {
            let at = (costs + token.offset_in_builtin_costs() as usize).map_err(|e| err(&e))?;
            runner.vm.insert_value(at, cairo_vm::Felt252::ZERO).map_err(|e| err(&e))?;
        }
        let cell = Relocatable::from((0, p.bytecode.len()));
        runner.vm.insert_value(cell, costs).map_err(|e| err(&e))?;
    }
    runner.run_until_pc(end, hp).map_err(|e| err(&e))?;
    if proof {
        runner.run_for_steps(1, hp).map_err(|e| err(&e))?;
    }
    runner.end_run(false, false, hp, false).map_err(|e| err(&e))?;
    runner.read_return_values(proof).map_err(|e| err(&e))?;
    if proof {
        runner.finalize_segments().map_err(|e| err(&e))?;
    }
    Ok(runner)
}
