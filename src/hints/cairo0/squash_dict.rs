//! Hints of `squash_dict.cairo`. `squash_dict` runs in a fresh scope (`vm_enter_scope()`)
//! holding `access_indices` (key -> access indices), `keys` (descending), `key`,
//! `current_access_indices` (descending) and `current_access_index`.

use super::py::py_cmp;
use crate::hints::ctx::offset;
use crate::hints::HashMap;
use crate::hints::{AtLine, HintCtx, HintError, ScopeValue};
use crate::vm::value::felt_to_biguint;
use crate::vm::Value;
use num_bigint::{BigInt, BigUint};
use num_traits::Zero;
use starknet_types_core::felt::Felt;

pub const ENTER_SCOPE: &str = "vm_enter_scope()";
pub fn enter_scope(ctx: &mut HintCtx<'_>) -> Result<(), HintError> {
    ctx.scopes.enter([]);
    Ok(())
}

pub const SQUASH_DICT: &str = "dict_access_size = ids.DictAccess.SIZE\naddress = ids.dict_accesses.address_\nassert ids.ptr_diff % dict_access_size == 0, \\\n    'Accesses array size must be divisible by DictAccess.SIZE'\nn_accesses = ids.n_accesses\nif '__squash_dict_max_size' in globals():\n    assert n_accesses <= __squash_dict_max_size, \\\n        f'squash_dict() can only be used with n_accesses<={__squash_dict_max_size}. ' \\\n        f'Got: n_accesses={n_accesses}.'\n# A map from key to the list of indices accessing it.\naccess_indices = {}\nfor i in range(n_accesses):\n    key = memory[address + dict_access_size * i]\n    access_indices.setdefault(key, []).append(i)\n# Descending list of keys.\nkeys = sorted(access_indices.keys(), reverse=True)\n# Are the keys used bigger than range_check bound.\nids.big_keys = 1 if keys[0] >= range_check_builtin.bound else 0\nids.first_key = key = keys.pop()";
pub fn squash_dict(ctx: &mut HintCtx<'_>) -> Result<(), HintError> {
    let size = ctx.get_big("DictAccess.SIZE").at(1)?;
    let address = ctx.get_ptr("dict_accesses.address_").at(2)?;
    let ptr_diff = ctx.get_big("ptr_diff").at(3)?;
    if size.is_zero() {
        return Err(HintError::zero_division(3));
    }
    if !(ptr_diff % &size).is_zero() {
        return Err(HintError::assertion(3, "Accesses array size must be divisible by DictAccess.SIZE"));
    }
    let size = super::biguint_u64(&size, 13)?;
    let n = ctx.get_int("n_accesses").at(5)?;
    if let Some(ScopeValue::Int(max)) = ctx.scopes.get("__squash_dict_max_size") {
        if BigInt::from(felt_to_biguint(&n)) > *max {
            return Err(HintError::assertion(
                7,
                format!("squash_dict() can only be used with n_accesses<={max}. Got: n_accesses={n}."),
            ));
        }
    }
    let mut access_indices: HashMap<Value, Vec<u64>> = HashMap::default();
    let mut i = 0u64;
    while Felt::from(i) != n {
        let addr = offset(address, size.saturating_mul(i)).at(13)?;
        let key = ctx.mem(addr).at(13)?;
        access_indices.entry(key).or_default().push(i);
        i += 1;
    }
    let mut keys: Vec<Value> = access_indices.keys().copied().collect();
    keys.sort_by(|a, b| py_cmp(b, a));
    let big = match keys.first() {
        None => return Err(HintError::py("IndexError", 18, "list index out of range")),
        Some(Value::Int(k)) => felt_to_biguint(k) >= BigUint::from(1u8) << 128,
        Some(Value::Ptr(_)) => true,
    };
    ctx.set("big_keys", Felt::from(big as u64)).at(18)?;
    let key = keys.pop().ok_or_else(|| HintError::py("IndexError", 19, "pop from empty list"))?;
    ctx.set("first_key", key).at(19)?;
    ctx.scopes.set("access_indices", ScopeValue::IndexLists(access_indices));
    ctx.scopes.set("keys", ScopeValue::Values(keys));
    ctx.scopes.set("key", ScopeValue::Value(key));
    Ok(())
}

pub const ASSERT_N_USED_ACCESSES: &str = "assert ids.n_used_accesses == len(access_indices[key])";
pub fn assert_n_used_accesses(ctx: &mut HintCtx<'_>) -> Result<(), HintError> {
    let key = ctx.scopes.mem_value("key").at(1)?;
    let n = ctx.get("n_used_accesses").at(1)?;
    let len = match ctx.scopes.index_lists("access_indices").at(1)?.get(&key) {
        Some(l) => l.len(),
        None => return Err(HintError::py("KeyError", 1, key.to_string())),
    };
    if n != Value::from(len as u64) {
        return Err(HintError::assertion(1, ""));
    }
    Ok(())
}

pub const ASSERT_NO_ACCESS_LEFT: &str = "assert len(current_access_indices) == 0";
pub fn assert_no_access_left(ctx: &mut HintCtx<'_>) -> Result<(), HintError> {
    if !ctx.scopes.indices_mut("current_access_indices").at(1)?.is_empty() {
        return Err(HintError::assertion(1, ""));
    }
    Ok(())
}

pub const ASSERT_NO_KEY_LEFT: &str = "assert len(keys) == 0";
pub fn assert_no_key_left(ctx: &mut HintCtx<'_>) -> Result<(), HintError> {
    if !ctx.scopes.values_mut("keys").at(1)?.is_empty() {
        return Err(HintError::assertion(1, ""));
    }
    Ok(())
}

pub const NEXT_KEY: &str =
    "assert len(keys) > 0, 'No keys left but remaining_accesses > 0.'\nids.next_key = key = keys.pop()";
pub fn next_key(ctx: &mut HintCtx<'_>) -> Result<(), HintError> {
    let key = ctx
        .scopes
        .values_mut("keys")
        .at(1)?
        .pop()
        .ok_or_else(|| HintError::assertion(1, "No keys left but remaining_accesses > 0."))?;
    ctx.set("next_key", key).at(2)?;
    ctx.scopes.set("key", ScopeValue::Value(key));
    Ok(())
}

pub const FIRST_ACCESS: &str = "current_access_indices = sorted(access_indices[key])[::-1]\ncurrent_access_index = current_access_indices.pop()\nmemory[ids.range_check_ptr] = current_access_index";
pub fn first_access(ctx: &mut HintCtx<'_>) -> Result<(), HintError> {
    let key = ctx.scopes.mem_value("key").at(1)?;
    let mut indices = match ctx.scopes.index_lists("access_indices").at(1)?.get(&key) {
        Some(l) => l.clone(),
        None => return Err(HintError::py("KeyError", 1, key.to_string())),
    };
    indices.sort_unstable_by(|a, b| b.cmp(a));
    let current = indices.pop().ok_or_else(|| HintError::py("IndexError", 2, "pop from empty list"))?;
    ctx.scopes.set("current_access_indices", ScopeValue::Indices(indices));
    ctx.scopes.set("current_access_index", ScopeValue::Int(BigInt::from(current)));
    let rc = ctx.get_ptr("range_check_ptr").at(3)?;
    ctx.insert(rc, Felt::from(current)).at(3)
}

pub const SHOULD_CONTINUE: &str = "ids.loop_temps.should_continue = 1 if current_access_indices else 0";
pub fn should_continue(ctx: &mut HintCtx<'_>) -> Result<(), HintError> {
    let more = !ctx.scopes.indices_mut("current_access_indices").at(1)?.is_empty();
    ctx.set("loop_temps.should_continue", Felt::from(more as u64)).at(1)
}

pub const SHOULD_SKIP_LOOP: &str = "ids.should_skip_loop = 0 if current_access_indices else 1";
pub fn should_skip_loop(ctx: &mut HintCtx<'_>) -> Result<(), HintError> {
    let more = !ctx.scopes.indices_mut("current_access_indices").at(1)?.is_empty();
    ctx.set("should_skip_loop", Felt::from(!more as u64)).at(1)
}

pub const NEXT_ACCESS: &str = "new_access_index = current_access_indices.pop()\nids.loop_temps.index_delta_minus1 = new_access_index - current_access_index - 1\ncurrent_access_index = new_access_index";
pub fn next_access(ctx: &mut HintCtx<'_>) -> Result<(), HintError> {
    let new = ctx
        .scopes
        .indices_mut("current_access_indices")
        .at(1)?
        .pop()
        .ok_or_else(|| HintError::py("IndexError", 1, "pop from empty list"))?;
    let current = ctx.scopes.int("current_access_index").at(2)?.clone();
    let new = BigInt::from(new);
    ctx.set_big("loop_temps.index_delta_minus1", &(&new - current - 1)).at(2)?;
    ctx.scopes.set("current_access_index", ScopeValue::Int(new));
    Ok(())
}
