//! Hints of `alloc.cairo`, `memcpy.cairo` and `memset.cairo`.

use crate::hints::{AtLine, HintCtx, HintError, ScopeValue};
use num_traits::Signed;
use starknet_types_core::felt::Felt;

pub const ALLOC: &str = "memory[ap] = segments.add()";
pub fn alloc(ctx: &mut HintCtx<'_>) -> Result<(), HintError> {
    let seg = ctx.add_segment();
    let ap = ctx.ap();
    ctx.insert(ap, seg)
}

pub const MEMCPY_ENTER_SCOPE: &str = "vm_enter_scope({'n': ids.len})";
pub fn memcpy_enter_scope(ctx: &mut HintCtx<'_>) -> Result<(), HintError> {
    let n = ctx.get_int("len")?;
    ctx.scopes.enter([("n", ScopeValue::Int(n.to_bigint()))]);
    Ok(())
}

pub const MEMSET_ENTER_SCOPE: &str = "vm_enter_scope({'n': ids.n})";
pub fn memset_enter_scope(ctx: &mut HintCtx<'_>) -> Result<(), HintError> {
    let n = ctx.get_int("n")?;
    ctx.scopes.enter([("n", ScopeValue::Int(n.to_bigint()))]);
    Ok(())
}

pub const EXIT_SCOPE: &str = "vm_exit_scope()";
pub fn exit_scope(ctx: &mut HintCtx<'_>) -> Result<(), HintError> {
    ctx.scopes.exit().map_err(|m| HintError::Python { exc: "AssertionError", msg: m, line: 1 })
}

/// `n -= 1; ids.<flag> = 1 if n > 0 else 0`.
fn count_down(ctx: &mut HintCtx<'_>, flag: &str) -> Result<(), HintError> {
    let more = match ctx.scopes.get_mut("n") {
        Some(ScopeValue::Int(n)) => {
            *n -= 1u32;
            n.is_positive()
        }
        _ => {
            let m = ctx.scopes.get_int("n").err().unwrap_or_default();
            return Err(HintError::Python { exc: "NameError", msg: m, line: 1 });
        }
    };
    ctx.set(flag, if more { Felt::ONE } else { Felt::ZERO })
}

pub const MEMCPY_CONTINUE: &str = "n -= 1\nids.continue_copying = 1 if n > 0 else 0";
pub fn memcpy_continue(ctx: &mut HintCtx<'_>) -> Result<(), HintError> {
    count_down(ctx, "continue_copying")
}

pub const MEMSET_CONTINUE: &str = "n -= 1\nids.continue_loop = 1 if n > 0 else 0";
pub fn memset_continue(ctx: &mut HintCtx<'_>) -> Result<(), HintError> {
    count_down(ctx, "continue_loop")
}

pub const RELOCATE_SEGMENT: &str = "memory.add_relocation_rule(src_ptr=ids.src_ptr, dest_ptr=ids.dest_ptr)";
pub fn relocate_segment(ctx: &mut HintCtx<'_>) -> Result<(), HintError> {
    let src = ctx.get_ptr("src_ptr").at(1)?;
    let dst = ctx.get_ptr("dest_ptr").at(1)?;
    ctx.vm.memory.add_relocation_rule(src, dst).at(1)
}
