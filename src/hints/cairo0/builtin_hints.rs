//! Hints of `signature.cairo` (the ECDSA builtin's signature registry), `modulo.cairo`
//! (`run_mod_p_circuit`: cairo-lang's `ModBuiltinRunner.fill_memory`) and the Poseidon
//! library (`builtin_poseidon/poseidon.cairo`, `hash_state_poseidon.cairo`).
//!
//! The builtin state lives with the builtin runners (`vm.builtins`): `add_signature` records a
//! signature for the ECDSA segment's validator, `modulo::fill_memory` is the builtins' own.

use crate::builtins::{modulo, BuiltinKind};
use crate::hints::{AtLine, HintCtx, HintError};
use crate::vm::value::felt_to_biguint;
use crate::vm::Value;
use starknet_types_core::felt::Felt;

/// A builtin error message as the Python exception cairo-lang raises.
fn builtin_error(msg: String, line: u32) -> HintError {
    let exc = if msg.starts_with("name '") {
        "NameError"
    } else if msg.starts_with("Could not fill the values table") {
        "Exception"
    } else if msg.starts_with("Inconsistent memory assignment") {
        "starkware.cairo.lang.vm.memory_dict.InconsistentMemoryError"
    } else {
        "AssertionError"
    };
    HintError::py(exc, line, msg)
}

/// `ids.elements_end - ids.elements >= n`.
fn elements_at_least(ctx: &mut HintCtx<'_>, n: u64) -> Result<(), HintError> {
    let end = ctx.get("elements_end").at(1)?;
    let start = ctx.get("elements").at(1)?;
    let ge = match (end, start) {
        (Value::Ptr(e), Value::Ptr(s)) if e.segment == s.segment => e.offset >= s.offset + n,
        (Value::Ptr(e), Value::Ptr(s)) => {
            return Err(HintError::py(
                "AssertionError",
                1,
                format!(
                    "Can only subtract two relocatable values of the same segment ({} != {}).",
                    e.segment, s.segment
                ),
            ))
        }
        // int - int is a Python integer (possibly negative); pointer - int is a pointer, and a
        // pointer compares above every integer.
        (Value::Int(e), Value::Int(s)) => felt_to_biguint(&e) >= felt_to_biguint(&s) + n,
        (Value::Ptr(_), Value::Int(_)) => true,
        (Value::Int(_), Value::Ptr(_)) => {
            return Err(HintError::py(
                "TypeError",
                1,
                "unsupported operand type(s) for -: 'int' and 'RelocatableValue'",
            ))
        }
    };
    ctx.set_ap(Felt::from(ge as u64)).at(1)
}

pub const ADD_SIGNATURE: &str =
    r#"ecdsa_builtin.add_signature(ids.ecdsa_ptr.address_, (ids.signature_r, ids.signature_s))"#;
pub fn add_signature(ctx: &mut HintCtx<'_>) -> Result<(), HintError> {
    let addr = ctx.get("ecdsa_ptr.address_").at(1)?;
    let r = ctx.get_int("signature_r").at(1)?;
    let s = ctx.get_int("signature_s").at(1)?;
    ctx.vm.builtins.add_signature(addr, (r, s)).map_err(|m| builtin_error(m, 1))
}

pub const RUN_MOD_P_CIRCUIT: &str = r#"from starkware.cairo.lang.builtins.modulo.mod_builtin_runner import ModBuiltinRunner
assert builtin_runners["add_mod_builtin"].instance_def.batch_size == 1
assert builtin_runners["mul_mod_builtin"].instance_def.batch_size == 1

ModBuiltinRunner.fill_memory(
    memory=memory,
    add_mod=(ids.add_mod_ptr.address_, builtin_runners["add_mod_builtin"], ids.add_mod_n),
    mul_mod=(ids.mul_mod_ptr.address_, builtin_runners["mul_mod_builtin"], ids.mul_mod_n),
)"#;
pub fn run_mod_p_circuit(ctx: &mut HintCtx<'_>) -> Result<(), HintError> {
    for (kind, line) in [(BuiltinKind::AddMod, 2), (BuiltinKind::MulMod, 3)] {
        if ctx.vm.builtins.runner(kind).is_none() {
            return Err(HintError::py("KeyError", line, format!("'{kind}_builtin'")));
        }
    }
    let line = 5;
    let add_ptr = ctx.get_ptr("add_mod_ptr.address_").at(7)?;
    let add_n = ctx.get_int("add_mod_n").at(7)?;
    let mul_ptr = ctx.get_ptr("mul_mod_ptr.address_").at(8)?;
    let mul_n = ctx.get_int("mul_mod_n").at(8)?;
    let n = |f: Felt| modulo::felt_u64(&f).unwrap_or(u64::MAX);
    modulo::fill_memory(&mut ctx.vm.memory, Some((add_ptr, n(add_n))), Some((mul_ptr, n(mul_n))))
        .map_err(|m| builtin_error(m, line))
}

pub const ELEMENTS_AT_LEAST_10: &str =
    r#"memory[ap] = to_felt_or_relocatable(ids.elements_end - ids.elements >= 10)"#;
pub fn elements_at_least_10(ctx: &mut HintCtx<'_>) -> Result<(), HintError> {
    elements_at_least(ctx, 10)
}

pub const ELEMENTS_AT_LEAST_2: &str =
    r#"memory[ap] = to_felt_or_relocatable(ids.elements_end - ids.elements >= 2)"#;
pub fn elements_at_least_2(ctx: &mut HintCtx<'_>) -> Result<(), HintError> {
    elements_at_least(ctx, 2)
}
