//! Hints of `usort.cairo`. `usort` enters a scope holding `__usort_max_size` (copied from the
//! caller's scope, `None` when absent); `positions_dict`, `positions` and `last_pos` live there.

use super::py::py_cmp;
use crate::hints::ctx::offset;
use crate::hints::HashMap;
use crate::hints::{AtLine, HintCtx, HintError, ScopeValue};
use crate::vm::value::felt_to_biguint;
use crate::vm::Value;
use num_bigint::BigInt;
use starknet_types_core::felt::Felt;

pub const USORT_ENTER_SCOPE: &str =
    "vm_enter_scope(dict(__usort_max_size = globals().get('__usort_max_size')))";
pub fn usort_enter_scope(ctx: &mut HintCtx<'_>) -> Result<(), HintError> {
    let max = ctx.scopes.get("__usort_max_size").cloned().unwrap_or(ScopeValue::None);
    ctx.scopes.enter([("__usort_max_size", max)]);
    Ok(())
}

pub const USORT: &str = "from collections import defaultdict\n\ninput_ptr = ids.input\ninput_len = int(ids.input_len)\nif __usort_max_size is not None:\n    assert input_len <= __usort_max_size, (\n        f\"usort() can only be used with input_len<={__usort_max_size}. \"\n        f\"Got: input_len={input_len}.\"\n    )\n\npositions_dict = defaultdict(list)\nfor i in range(input_len):\n    val = memory[input_ptr + i]\n    positions_dict[val].append(i)\n\noutput = sorted(positions_dict.keys())\nids.output_len = len(output)\nids.output = segments.gen_arg(output)\nids.multiplicities = segments.gen_arg([len(positions_dict[k]) for k in output])";
pub fn usort(ctx: &mut HintCtx<'_>) -> Result<(), HintError> {
    let input = ctx.get_ptr("input").at(3)?;
    let input_len = ctx.get_int("input_len").at(4)?;
    match ctx.scopes.value("__usort_max_size").at(5)? {
        ScopeValue::None => {}
        ScopeValue::Int(max) => {
            if BigInt::from(felt_to_biguint(&input_len)) > *max {
                return Err(HintError::assertion(
                    6,
                    format!("usort() can only be used with input_len<={max}. Got: input_len={input_len}."),
                ));
            }
        }
        other => {
            return Err(HintError::py("TypeError", 6, format!("__usort_max_size is {}", other.kind())));
        }
    }
    let mut positions: HashMap<Value, Vec<u64>> = HashMap::default();
    let mut i = 0u64;
    while Felt::from(i) != input_len {
        let val = ctx.mem(offset(input, i).at(13)?).at(13)?;
        positions.entry(val).or_default().push(i);
        i += 1;
    }
    let mut output: Vec<Value> = positions.keys().copied().collect();
    output.sort_by(py_cmp);
    ctx.set("output_len", Felt::from(output.len() as u64)).at(17)?;
    let out = ctx.gen_arg(output.iter().copied()).at(18)?;
    ctx.set("output", out).at(18)?;
    let mult: Vec<Value> = output.iter().map(|k| Value::from(positions[k].len() as u64)).collect();
    let m = ctx.gen_arg(mult).at(19)?;
    ctx.set("multiplicities", m).at(19)?;
    ctx.scopes.set("positions_dict", ScopeValue::IndexLists(positions));
    Ok(())
}

pub const VERIFY_USORT: &str = "last_pos = 0\npositions = positions_dict[ids.value][::-1]";
pub fn verify_usort(ctx: &mut HintCtx<'_>) -> Result<(), HintError> {
    ctx.scopes.set("last_pos", ScopeValue::Int(BigInt::from(0)));
    let value = ctx.get("value").at(2)?;
    // `positions_dict` is a defaultdict: a missing key reads (and inserts) an empty list.
    let dict = ctx.scopes.index_lists_mut("positions_dict").at(2)?;
    let mut positions = dict.entry(value).or_default().clone();
    positions.reverse();
    ctx.scopes.set("positions", ScopeValue::Indices(positions));
    Ok(())
}

pub const VERIFY_MULTIPLICITY_ASSERT: &str = "assert len(positions) == 0";
pub fn verify_multiplicity_assert(ctx: &mut HintCtx<'_>) -> Result<(), HintError> {
    if !ctx.scopes.indices_mut("positions").at(1)?.is_empty() {
        return Err(HintError::assertion(1, ""));
    }
    Ok(())
}

pub const VERIFY_MULTIPLICITY_BODY: &str =
    "current_pos = positions.pop()\nids.next_item_index = current_pos - last_pos\nlast_pos = current_pos + 1";
pub fn verify_multiplicity_body(ctx: &mut HintCtx<'_>) -> Result<(), HintError> {
    let current = ctx
        .scopes
        .indices_mut("positions")
        .at(1)?
        .pop()
        .ok_or_else(|| HintError::py("IndexError", 1, "pop from empty list"))?;
    let last = ctx.scopes.int("last_pos").at(2)?.clone();
    ctx.set_big("next_item_index", &(BigInt::from(current) - last)).at(2)?;
    ctx.scopes.set("last_pos", ScopeValue::Int(BigInt::from(current) + 1));
    Ok(())
}
