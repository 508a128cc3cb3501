//! poseidon: instances of 6 cells, the input state `s0, s1, s2` and the permuted state; the
//! outputs are deduced from the inputs (cairo-lang's `PoseidonBuiltinRunner`, Hades permutation).

use crate::vm::{Memory, Relocatable, Value, VmError, VmErrorKind};
use starknet_types_core::felt::Felt;
use starknet_types_core::hash::Poseidon;

/// The Hades permutation of a 3-felt state.
pub fn permute(mut state: [Felt; 3]) -> [Felt; 3] {
    Poseidon::hades_permutation(&mut state);
    state
}

/// The auto-deduction rule.
pub fn deduce(addr: Relocatable, memory: &Memory) -> Result<Option<Value>, VmError> {
    let index = addr.offset % 6;
    if index < 3 {
        return Ok(None);
    }
    let first = addr.offset - index;
    let mut state = [Felt::ZERO; 3];
    let mut values = [None; 3];
    for (i, v) in values.iter_mut().enumerate() {
        *v = memory.get(Relocatable::new(addr.segment, first + i as u64));
        if v.is_none() {
            return Ok(None);
        }
    }
    for (i, v) in values.into_iter().enumerate() {
        let at = Relocatable::new(addr.segment, first + i as u64);
        let v = v.expect("checked above");
        state[i] = v.as_int().ok_or_else(|| -> VmError {
            VmErrorKind::Builtin(format!("poseidon builtin: Expected integer at address {at}. Got: {v}."))
                .into()
        })?;
    }
    let out = permute(state);
    Ok(Some(Value::Int(out[(index - 3) as usize])))
}
