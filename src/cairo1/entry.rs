//! The entry code of a Sierra program, built as cairo1-run builds it (our own code):
//!
//! ```text
//!   ap += n_builtins; call rel 4; jmp rel 0    proof mode's __start__ and __end__ (plain runs
//!                                               start after it, at `main`)
//!   (builtins are at [fp - n - 2 + i], as in a Cairo Zero main)
//!   for each array argument: a new segment (AllocSegment), filled with its felts
//!   if main takes a SegmentArena: arena and infos segments (AllocSegment x2), [infos, 0, 0]
//!   main's parameters, in order: a builtin pointer, the gas, arena + 3, a syscall segment,
//!       or the user's arguments
//!   call main
//!   the final pointer of each runner builtin, in canonical order (the runner reads them)
//!   ret
//!   main's CASM, its constant segments (a `ret` then the values, for each), then a `ret`
//!   footer (libfuncs call it to read pc), then the builtin-costs cell
//! ```
//!
//! After the run, `main`'s return value sits just below the builtin pointers; [`ReturnInfo`]
//! says where and how to print it.

use super::values::{ReturnInfo, TypeInfo};
use super::{hint_table, Cairo1Error, Cairo1Program, EntryOptions, FuncArg, DEFAULT_GAS};
use crate::builtins::BuiltinKind;
use cairo_lang_casm::instructions::Instruction;
use cairo_lang_casm::{casm, casm_extend};
use cairo_lang_sierra::extensions::core::{CoreLibfunc, CoreType};
use cairo_lang_sierra::ids::ConcreteTypeId;
use cairo_lang_sierra::program::{Function, Program as SierraProgram};
use cairo_lang_sierra::program_registry::ProgramRegistry;
use cairo_lang_sierra_to_casm::compiler::SierraToCasmConfig;
use cairo_lang_sierra_to_casm::metadata::{
    calc_metadata, calc_metadata_ap_change_only, MetadataComputationConfig,
};
use num_bigint::BigInt;
use starknet_types_core::felt::Felt;

/// What a parameter of `main` is.
enum Param {
    Builtin(BuiltinKind),
    Gas,
    SegmentArena,
    System,
    User(i16),
}

fn builtin_of(generic: &str) -> Option<BuiltinKind> {
    Some(match generic {
        "Pedersen" => BuiltinKind::Pedersen,
        "RangeCheck" => BuiltinKind::RangeCheck,
        "Bitwise" => BuiltinKind::Bitwise,
        "EcOp" => BuiltinKind::EcOp,
        "Poseidon" => BuiltinKind::Poseidon,
        "RangeCheck96" => BuiltinKind::RangeCheck96,
        "AddMod" => BuiltinKind::AddMod,
        "MulMod" => BuiltinKind::MulMod,
        _ => return None,
    })
}

fn classify(info: &TypeInfo, ty: &ConcreteTypeId) -> Result<Param, Cairo1Error> {
    let generic = info.generic(ty);
    Ok(match generic {
        "GasBuiltin" => Param::Gas,
        "SegmentArena" => Param::SegmentArena,
        "System" => Param::System,
        g => match builtin_of(g) {
            Some(b) => Param::Builtin(b),
            None => Param::User(info.size(ty)?),
        },
    })
}

/// Finds `main` (the first function whose name ends with `::main`).
fn find_main(program: &SierraProgram) -> Result<&Function, Cairo1Error> {
    program
        .funcs
        .iter()
        .find(|f| f.id.debug_name.as_ref().is_some_and(|n| n == "main" || n.ends_with("::main")))
        .ok_or_else(|| {
            Cairo1Error::Unsupported(
                "no `main` function in the Sierra program (compile with debug names, e.g. replace_ids)"
                    .into(),
            )
        })
}

fn sierra_err(e: impl std::fmt::Display) -> Cairo1Error {
    Cairo1Error::Sierra(e.to_string())
}

pub(super) fn build(program: &SierraProgram, options: &EntryOptions) -> Result<Cairo1Program, Cairo1Error> {
    let registry = ProgramRegistry::<CoreType, CoreLibfunc>::new(program).map_err(sierra_err)?;
    let sizes = cairo_lang_sierra_type_size::get_type_size_map(program, &registry)
        .ok_or_else(|| Cairo1Error::Sierra("cannot compute the type sizes".into()))?;
    let info = TypeInfo::new(program, sizes);
    // As cairo-lang-runner: gas metadata only for programs that use gas.
    let gas = program.requires_gas_counter();
    let metadata = if gas {
        calc_metadata(program, MetadataComputationConfig::default())
    } else {
        calc_metadata_ap_change_only(program)
    }
    .map_err(sierra_err)?;
    let config = SierraToCasmConfig { gas_usage_check: gas, max_bytecode_size: usize::MAX };
    let casm =
        cairo_lang_sierra_to_casm::compiler::compile(program, &metadata, config).map_err(sierra_err)?;
    let main = find_main(program)?;
    let main_offset =
        casm.debug_info
            .sierra_statement_info
            .get(main.entry_point.0)
            .map(|s| s.start_offset)
            .ok_or_else(|| Cairo1Error::Sierra("main's entry point is outside the program".into()))?;

    let params: Vec<Param> =
        main.signature.param_types.iter().map(|t| classify(&info, t)).collect::<Result<_, _>>()?;
    let mut builtins: Vec<BuiltinKind> =
        params.iter().filter_map(|p| if let Param::Builtin(b) = p { Some(*b) } else { None }).collect();
    builtins.sort();
    builtins.dedup();
    let n = builtins.len() as i16;
    // Builtins are at [fp - n - 2 + i] in `main`'s frame, whether the runner calls it (plain
    // mode) or the proof-mode header does.
    let builtin_fp_offset = |b: BuiltinKind| -> i16 {
        let i = builtins.iter().position(|x| *x == b).unwrap_or(0) as i16;
        i - (n + 2)
    };
    let header = casm! { ap += n; call rel 4; jmp rel 0; };
    let header_len = header.current_code_offset;

    let mut ctx = casm! {};
    // `ap_off`: cells pushed by the entry code so far.
    let mut ap_off: i16 = 0;
    let mut array_slots = Vec::new();
    for arg in &options.args {
        let FuncArg::Array(values) = arg else { continue };
        array_slots.push((ap_off, values.len() as i16));
        casm_extend!(ctx, %{ memory[ap + 0] = segments.add() %} ap += 1;);
        for (i, v) in values.iter().enumerate() {
            let i = i as i16;
            let v = BigInt::from(v.to_biguint());
            casm_extend!(ctx, [ap + 0] = (v), ap++; [ap - 1] = [[ap - (i + 2)] + i];);
        }
        ap_off += 1 + values.len() as i16;
    }
    let mut arena_slot = None;
    if params.iter().any(|p| matches!(p, Param::SegmentArena)) {
        casm_extend!(ctx,
            %{ memory[ap + 0] = segments.add() %}
            %{ memory[ap + 1] = segments.add() %}
            ap += 2;
            [ap + 0] = 0, ap++;
            [ap - 2] = [[ap - 3]];
            [ap - 1] = [[ap - 3] + 1];
            [ap - 1] = [[ap - 3] + 2];
        );
        arena_slot = Some(ap_off);
        ap_off += 3;
    }
    let gas_value = BigInt::from(options.available_gas.unwrap_or(DEFAULT_GAS));
    let mut args = options.args.iter();
    let mut arrays = array_slots.iter();
    let mut expected = 0usize;
    for p in &params {
        match p {
            Param::Builtin(b) => {
                let off = builtin_fp_offset(*b);
                casm_extend!(ctx, [ap + 0] = [fp + off], ap++;);
                ap_off += 1;
            }
            Param::Gas => {
                casm_extend!(ctx, [ap + 0] = (gas_value.clone()), ap++;);
                ap_off += 1;
            }
            Param::SegmentArena => {
                let back = -(ap_off - arena_slot.unwrap_or(0));
                casm_extend!(ctx, [ap + 0] = [ap + back] + 3, ap++;);
                ap_off += 1;
            }
            Param::System => {
                casm_extend!(ctx, %{ memory[ap + 0] = segments.add() %} ap += 1;);
                ap_off += 1;
            }
            Param::User(size) => {
                expected += *size as usize;
                let mut filled = 0i16;
                while filled < *size {
                    match args.next() {
                        Some(FuncArg::Single(v)) => {
                            let v = BigInt::from(v.to_biguint());
                            casm_extend!(ctx, [ap + 0] = (v), ap++;);
                            ap_off += 1;
                            filled += 1;
                        }
                        Some(FuncArg::Array(_)) => {
                            let (slot, len) = arrays.next().copied().unwrap_or((0, 0));
                            let back = -(ap_off - slot);
                            casm_extend!(ctx, [ap + 0] = [ap + back], ap++;);
                            let back = back - 1;
                            casm_extend!(ctx, [ap + 0] = [ap + back] + len, ap++;);
                            ap_off += 2;
                            filled += 2;
                        }
                        None => break,
                    }
                }
                if filled > *size {
                    return Err(arg_count_error(&options.args, expected));
                }
            }
        }
    }
    let given: usize = options.args.iter().map(|a| if let FuncArg::Array(_) = a { 2 } else { 1 }).sum();
    if given != expected {
        return Err(arg_count_error(&options.args, expected));
    }

    // The call, then the builtins' final pointers.
    let ret_sizes: Vec<i16> =
        main.signature.ret_types.iter().map(|t| info.size(t)).collect::<Result<_, _>>()?;
    let r_total: i16 = ret_sizes.iter().sum();
    let mut after = casm! {};
    for (k, b) in builtins.iter().enumerate() {
        let pos = main
            .signature
            .ret_types
            .iter()
            .position(|t| builtin_of(info.generic(t)) == Some(*b))
            .ok_or_else(|| Cairo1Error::Sierra(format!("main does not return its {b} builtin")))?;
        let pos: i16 = ret_sizes[..pos].iter().sum();
        let back = -(r_total - pos + k as i16);
        casm_extend!(after, [ap + 0] = [ap + back], ap++;);
    }
    let call_pc = ctx.current_code_offset;
    let after_len = after.current_code_offset + 1;
    let entry_len = call_pc + 2 + after_len;
    let target = (entry_len + main_offset - call_pc) as i32;
    casm_extend!(ctx, call rel target;);
    let mut instructions: Vec<Instruction> = ctx.instructions;
    instructions.extend(after.instructions);
    instructions.extend(casm! { ret; }.instructions);
    debug_assert_eq!(instructions.iter().map(|i| i.body.op_size()).sum::<usize>(), entry_len);
    let footer = casm! { ret; };

    // As cairo-lang-runner assembles it: the constant segments (each a `ret` and its values:
    // circuit descriptors, boxed constants) right after main's CASM, which reaches them
    // pc-relatively, and the footer after them.
    let assembled =
        casm.assemble_ex(header.instructions.iter().chain(instructions.iter()), &footer.instructions);
    let bytecode: Vec<Felt> = assembled.bytecode.iter().map(Felt::from).collect();
    let hints = assembled.hints;

    let value_ty = main.signature.ret_types.last().cloned();
    let ret = value_ty.map(|ty| -> Result<ReturnInfo, Cairo1Error> {
        let size = info.size(&ty)?;
        Ok(ReturnInfo {
            info: std::sync::Arc::new(info.clone()),
            ty,
            size: size as u64,
            below: builtins.len() as u64,
        })
    });
    Ok(Cairo1Program {
        bytecode,
        hints: hint_table(hints, Vec::new()),
        builtins,
        main: header_len,
        // The header: `ap += n` (2 words), `call rel 4` (2), then `jmp rel 0` at 4.
        proof_labels: Some((0, 4)),
        // Only `withdraw_gas_all` / `get_builtin_costs` read the cost table.
        builtin_costs: program
            .libfunc_declarations
            .iter()
            .any(|l| matches!(l.long_id.generic_id.0.as_str(), "withdraw_gas_all" | "get_builtin_costs")),
        ret: ret.transpose()?,
    })
}

fn arg_count_error(args: &[FuncArg], expected: usize) -> Cairo1Error {
    let given: usize = args.iter().map(|a| if let FuncArg::Array(_) = a { 2 } else { 1 }).sum();
    Cairo1Error::Args(format!(
        "main expects {expected} argument cells, the arguments given fill {given} (a felt fills one, an array two)"
    ))
}
