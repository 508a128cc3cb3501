//! Hints of Starknet's Cairo Zero library (`starkware/starknet/common/`) found in the Starknet
//! whitelists: `normalize_address` of `storage.cairo`, and the deprecated syscall hints.
//!
//! The syscall hints call `syscall_handler`, an object only a Starknet environment (the
//! sequencer's or a test harness's syscall handler) provides; `cairo-run` has none and fails
//! with a `NameError`. So does this VM, with a message that says what is missing.

use crate::hints::{AtLine, HintCtx, HintError};
use num_bigint::{BigInt, BigUint};
use num_traits::One;
use starknet_types_core::felt::Felt;

pub const NORMALIZE_ADDRESS: &str = "# Verify the assumptions on the relationship between 2**250, ADDR_BOUND and PRIME.\nADDR_BOUND = ids.ADDR_BOUND % PRIME\nassert (2**250 < ADDR_BOUND <= 2**251) and (2 * 2**250 < PRIME) and (\n        ADDR_BOUND * 2 > PRIME), \\\n    'normalize_address() cannot be used with the current constants.'\nids.is_small = 1 if ids.addr < ADDR_BOUND else 0";
pub fn normalize_address(ctx: &mut HintCtx<'_>) -> Result<(), HintError> {
    let bound = BigInt::from(ctx.get_big("ADDR_BOUND").at(2)?);
    let p = super::py::prime();
    let two250 = BigInt::one() << 250;
    let ok = two250 < bound && bound <= (BigInt::one() << 251) && 2 * &two250 < p && &bound * 2 > p;
    if !ok {
        return Err(HintError::assertion(
            3,
            "normalize_address() cannot be used with the current constants.",
        ));
    }
    let addr = BigInt::from(ctx.get_big("addr").at(6)?);
    ctx.set("is_small", Felt::from((addr < bound) as u64)).at(6)
}

pub const IS_250: &str = "ids.is_250 = 1 if ids.addr < 2**250 else 0";
pub fn is_250(ctx: &mut HintCtx<'_>) -> Result<(), HintError> {
    let addr = ctx.get_big("addr").at(1)?;
    ctx.set("is_250", Felt::from((addr < (BigUint::one() << 250)) as u64)).at(1)
}

/// Every deprecated syscall hint text (`syscall_handler.<name>(...)`).
pub const SYSCALLS: &[&str] = &[
    "syscall_handler.call_contract(segments=segments, syscall_ptr=ids.syscall_ptr)",
    "syscall_handler.deploy(segments=segments, syscall_ptr=ids.syscall_ptr)",
    "syscall_handler.emit_event(segments=segments, syscall_ptr=ids.syscall_ptr)",
    "syscall_handler.get_block_number(segments=segments, syscall_ptr=ids.syscall_ptr)",
    "syscall_handler.get_block_timestamp(segments=segments, syscall_ptr=ids.syscall_ptr)",
    "syscall_handler.get_caller_address(segments=segments, syscall_ptr=ids.syscall_ptr)",
    "syscall_handler.get_contract_address(segments=segments, syscall_ptr=ids.syscall_ptr)",
    "syscall_handler.get_sequencer_address(segments=segments, syscall_ptr=ids.syscall_ptr)",
    "syscall_handler.get_tx_info(segments=segments, syscall_ptr=ids.syscall_ptr)",
    "syscall_handler.get_tx_signature(segments=segments, syscall_ptr=ids.syscall_ptr)",
    "syscall_handler.library_call(segments=segments, syscall_ptr=ids.syscall_ptr)",
    "syscall_handler.library_call_l1_handler(segments=segments, syscall_ptr=ids.syscall_ptr)",
    "syscall_handler.send_message_to_l1(segments=segments, syscall_ptr=ids.syscall_ptr)",
    "syscall_handler.storage_read(segments=segments, syscall_ptr=ids.syscall_ptr)",
    "syscall_handler.storage_write(segments=segments, syscall_ptr=ids.syscall_ptr)",
    "syscall_handler.delegate_call(segments=segments, syscall_ptr=ids.syscall_ptr)",
    "syscall_handler.delegate_l1_handler(segments=segments, syscall_ptr=ids.syscall_ptr)",
    "syscall_handler.replace_class(segments=segments, syscall_ptr=ids.syscall_ptr)",
];

/// Any syscall hint: fails, naming the syscall.
pub fn syscall(ctx: &mut HintCtx<'_>) -> Result<(), HintError> {
    let code = &ctx.program.hints_at(ctx.pc)[ctx.index].code;
    let name = code.strip_prefix("syscall_handler.").and_then(|r| r.split('(').next()).unwrap_or("a syscall");
    Err(HintError::py(
        "NameError",
        1,
        format!(
            "name 'syscall_handler' is not defined (the deprecated Starknet syscall hint \
             'syscall_handler.{name}' needs a Starknet environment with a syscall handler, \
             which a plain Cairo run does not have)"
        ),
    ))
}
