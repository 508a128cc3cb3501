//! Hints of `alloc.cairo`, `memcpy.cairo` and `memset.cairo`.

use crate::hints::{AtLine, HintCtx, HintError, ScopeValue};
use num_bigint::BigInt;
use num_traits::{Signed, ToPrimitive};
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

/// `n -= 1`; returns `n > 0`.
pub(crate) fn decrement(n: &mut BigInt) -> bool {
    match n.to_u64() {
        // A fresh one-digit value: num-bigint holds it inline, so this allocates nothing and
        // skips the by-value subtraction (its 32-byte result came back through memory, a
        // failed store-to-load forwarding on every iteration of memcpy) and the digit-slice
        // assignment (memcpy_loop compiled: 76.66M -> 70.84M instructions, callgrind).
        Some(v @ 1..) => {
            *n = BigInt::from(v - 1);
            v > 1
        }
        _ => {
            *n -= 1u32;
            n.is_positive()
        }
    }
}

/// `n -= 1; ids.<flag> = 1 if n > 0 else 0`.
fn count_down(ctx: &mut HintCtx<'_>, flag: &str) -> Result<(), HintError> {
    let more = match ctx.scopes.get_mut("n") {
        Some(ScopeValue::Int(n)) => decrement(n),
        // Something else (no hint of the library leaves one there): the scopes' type error.
        Some(_) => return ctx.scopes.int_mut("n").map(|_| ()),
        None => {
            let msg = "name 'n' is not defined".to_string();
            return Err(HintError::Python { exc: "NameError", msg, line: 1 });
        }
    };
    ctx.set(flag, if more { Felt::ONE } else { Felt::ZERO }).at(2)
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

#[cfg(test)]
mod tests {
    use super::*;
    use num_bigint::Sign;

    #[test]
    fn decrement_matches_python() {
        let cases = [
            BigInt::from(1),
            BigInt::from(2),
            BigInt::from(0),
            BigInt::from(-5),
            BigInt::from(1u64 << 32),
            BigInt::from((1u64 << 32) + 1),
            BigInt::from(u64::MAX),
            BigInt::from(u64::MAX) + 1,
            BigInt::from(u64::MAX) * 7,
            BigInt::from(-(1i64 << 20)),
        ];
        // Every small value too.
        let small = (-5i64..70_000).map(BigInt::from);
        for n in cases.into_iter().chain(small) {
            let mut m = n.clone();
            let more = decrement(&mut m);
            assert_eq!(m, &n - 1, "{n}");
            assert_eq!(more, m.is_positive(), "{n}");
            assert_eq!(m.sign() == Sign::NoSign, m == BigInt::from(0), "{n}");
        }
    }
}
