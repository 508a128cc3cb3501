//! Hints of `cairo_secp/field.cairo` (secp256k1's field).

use super::*;
use crate::hints::{HintCtx, HintError};

pub const K1_VERIFY_ZERO: &str = r#"from starkware.cairo.common.cairo_secp.secp_utils import SECP_P, pack

q, r = divmod(pack(ids.val, PRIME), SECP_P)
assert r == 0, f"verify_zero: Invalid input {ids.val.d0, ids.val.d1, ids.val.d2}."
ids.q = q % PRIME"#;
pub fn k1_verify_zero(ctx: &mut HintCtx<'_>) -> Result<(), HintError> {
    ctx.scopes.set("pack", crate::hints::ScopeValue::Imported);
    set_vars(ctx, [("SECP_P", &SECP_P)]);
    verify_zero(ctx, &SECP_P, [3, 4, 5])
}

pub const K1_REDUCE: &str = r#"from starkware.cairo.common.cairo_secp.secp_utils import SECP_P, pack

value = pack(ids.x, PRIME) % SECP_P"#;
pub fn k1_reduce(ctx: &mut HintCtx<'_>) -> Result<(), HintError> {
    ctx.scopes.set("pack", crate::hints::ScopeValue::Imported);
    set_vars(ctx, [("SECP_P", &SECP_P)]);
    pack_mod(ctx, "value", &SECP_P, 3)
}

pub const K1_IS_ZERO_PACK: &str = r#"from starkware.cairo.common.cairo_secp.secp_utils import SECP_P, pack

x = pack(ids.x, PRIME) % SECP_P"#;
pub fn k1_is_zero_pack(ctx: &mut HintCtx<'_>) -> Result<(), HintError> {
    ctx.scopes.set("pack", crate::hints::ScopeValue::Imported);
    set_vars(ctx, [("SECP_P", &SECP_P)]);
    pack_mod(ctx, "x", &SECP_P, 3)
}

pub const IS_ZERO_NONDET: &str = r#"memory[ap] = to_felt_or_relocatable(x == 0)"#;
pub fn is_zero_nondet(ctx: &mut HintCtx<'_>) -> Result<(), HintError> {
    x_is_zero(ctx)
}

pub const K1_IS_ZERO_INV: &str = r#"from starkware.cairo.common.cairo_secp.secp_utils import SECP_P
from starkware.python.math_utils import div_mod

value = x_inv = div_mod(1, x, SECP_P)"#;
pub fn k1_is_zero_inv(ctx: &mut HintCtx<'_>) -> Result<(), HintError> {
    set_vars(ctx, [("SECP_P", &SECP_P)]);
    x_inv(ctx, &SECP_P, true, 4)
}
