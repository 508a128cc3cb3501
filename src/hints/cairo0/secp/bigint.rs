//! Hints of `cairo_secp/bigint.cairo` and `secp256r1/bigint.cairo`.

use super::*;
use crate::hints::{AtLine, HintCtx, HintError};
use num_bigint::BigInt;
use num_traits::One;

pub const BIGINT_TO_UINT256: &str = r#"ids.low = (ids.x.d0 + ids.x.d1 * ids.BASE) & ((1 << 128) - 1)"#;
pub fn bigint_to_uint256(ctx: &mut HintCtx<'_>) -> Result<(), HintError> {
    let d0 = ctx.get_bigint("x.d0").at(1)?;
    let d1 = ctx.get_bigint("x.d1").at(1)?;
    let b = ctx.get_bigint("BASE").at(1)?;
    ctx.set_big("low", &((d0 + d1 * b) & ((BigInt::one() << 128) - 1))).at(1)
}

pub const NONDET_BIGINT3: &str = r#"from starkware.cairo.common.cairo_secp.secp_utils import split

segments.write_arg(ids.res.address_, split(value))"#;
pub fn nondet_bigint3(ctx: &mut HintCtx<'_>) -> Result<(), HintError> {
    nondet_bigint3_at(ctx, 3)
}
