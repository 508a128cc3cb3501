//! pedersen: instances of 3 cells `x, y, hash(x, y)`; the third is deduced from the first two
//! (cairo-lang's `HashBuiltinRunner` with `pedersen_hash`).

use crate::vm::{Memory, Relocatable, Value, VmError, VmErrorKind};
use starknet_types_core::hash::{Pedersen, StarkHash};

/// The Pedersen hash of two felts (StarkNet's).
pub fn hash(
    x: &starknet_types_core::felt::Felt,
    y: &starknet_types_core::felt::Felt,
) -> starknet_types_core::felt::Felt {
    Pedersen::hash(x, y)
}

/// The auto-deduction rule.
pub fn deduce(addr: Relocatable, memory: &Memory) -> Result<Option<Value>, VmError> {
    if addr.offset % 3 != 2 {
        return Ok(None);
    }
    let xa = Relocatable::new(addr.segment, addr.offset - 2);
    let ya = Relocatable::new(addr.segment, addr.offset - 1);
    let (Some(x), Some(y)) = (memory.get(xa), memory.get(ya)) else { return Ok(None) };
    let x = int(xa, x)?;
    let y = int(ya, y)?;
    Ok(Some(Value::Int(hash(&x, &y))))
}

fn int(at: Relocatable, v: Value) -> Result<starknet_types_core::felt::Felt, VmError> {
    v.as_int().ok_or_else(|| {
        VmErrorKind::Builtin(format!("pedersen builtin: Expected integer at address {at}. Got: {v}.")).into()
    })
}
