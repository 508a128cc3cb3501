//! Hints of `find_element.cairo` and `set.cairo`.
//!
//! `__find_element_index` and `__find_element_max_size` are read from the innermost scope when
//! present (a custom hint may set them, as in cairo-lang).

use super::py::{py_cmp, py_ge};
use crate::hints::ctx::offset;
use crate::hints::{AtLine, HintCtx, HintError, ScopeValue};
use crate::vm::value::felt_to_biguint;
use crate::vm::{Relocatable, Value};
use num_bigint::BigInt;
use num_traits::ToPrimitive;
use starknet_types_core::felt::Felt;
use std::cmp::Ordering;

pub const FIND_ELEMENT: &str = "array_ptr = ids.array_ptr\nelm_size = ids.elm_size\nassert isinstance(elm_size, int) and elm_size > 0, \\\n    f'Invalid value for elm_size. Got: {elm_size}.'\nkey = ids.key\n\nif '__find_element_index' in globals():\n    ids.index = __find_element_index\n    found_key = memory[array_ptr + elm_size * __find_element_index]\n    assert found_key == key, \\\n        f'Invalid index found in __find_element_index. index: {__find_element_index}, ' \\\n        f'expected key {key}, found key: {found_key}.'\n    # Delete __find_element_index to make sure it's not used for the next calls.\n    del __find_element_index\nelse:\n    n_elms = ids.n_elms\n    assert isinstance(n_elms, int) and n_elms >= 0, \\\n        f'Invalid value for n_elms. Got: {n_elms}.'\n    if '__find_element_max_size' in globals():\n        assert n_elms <= __find_element_max_size, \\\n            f'find_element() can only be used with n_elms<={__find_element_max_size}. ' \\\n            f'Got: n_elms={n_elms}.'\n\n    for i in range(n_elms):\n        if memory[array_ptr + elm_size * i] == key:\n            ids.index = i\n            break\n    else:\n        raise ValueError(f'Key {key} was not found.')";
pub const SEARCH_SORTED_LOWER: &str = "array_ptr = ids.array_ptr\nelm_size = ids.elm_size\nassert isinstance(elm_size, int) and elm_size > 0, \\\n    f'Invalid value for elm_size. Got: {elm_size}.'\n\nn_elms = ids.n_elms\nassert isinstance(n_elms, int) and n_elms >= 0, \\\n    f'Invalid value for n_elms. Got: {n_elms}.'\nif '__find_element_max_size' in globals():\n    assert n_elms <= __find_element_max_size, \\\n        f'find_element() can only be used with n_elms<={__find_element_max_size}. ' \\\n        f'Got: n_elms={n_elms}.'\n\nfor i in range(n_elms):\n    if memory[array_ptr + elm_size * i] >= ids.key:\n        ids.index = i\n        break\nelse:\n    ids.index = n_elms";
pub const SEARCH_SORTED_OPTIMISTIC: &str = "array_ptr = ids.array_ptr\nelm_size = ids.elm_size\nassert isinstance(elm_size, int) and elm_size > 0, \\\n    f'Invalid value for elm_size. Got: {elm_size}.'\n\nn_elms = ids.n_elms\nassert isinstance(n_elms, int) and n_elms >= 0, \\\n    f'Invalid value for n_elms. Got: {n_elms}.'\nif '__find_element_max_size' in globals():\n    assert n_elms <= __find_element_max_size, \\\n        f'find_element() can only be used with n_elms<={__find_element_max_size}. ' \\\n        f'Got: n_elms={n_elms}.'\n\nfor i in range(n_elms):\n    if memory[array_ptr + elm_size * i] >= ids.key:\n        ids.index = i\n        ids.exists = 1 if memory[array_ptr + elm_size * i] == ids.key else 0\n        break\nelse:\n    ids.index = n_elms\n    ids.exists = 0";

/// `elm_size`, checked as on the hint's line 3.
fn elm_size(ctx: &HintCtx<'_>) -> Result<u64, HintError> {
    match ctx.get("elm_size").at(2)? {
        Value::Int(f) if f != Felt::ZERO => Ok(super::felt_u64(&f, 3)?),
        v => Err(HintError::assertion(3, format!("Invalid value for elm_size. Got: {v}."))),
    }
}

/// `n_elms`, checked against `__find_element_max_size` (the assert is at `max_line`).
fn n_elms(ctx: &HintCtx<'_>, read_line: u32, max_line: u32) -> Result<Felt, HintError> {
    let n = match ctx.get("n_elms").at(read_line)? {
        Value::Int(f) => f,
        v => return Err(HintError::assertion(read_line + 1, format!("Invalid value for n_elms. Got: {v}."))),
    };
    if let Some(ScopeValue::Int(max)) = ctx.scopes.get("__find_element_max_size") {
        if BigInt::from(felt_to_biguint(&n)) > *max {
            return Err(HintError::assertion(
                max_line,
                format!("find_element() can only be used with n_elms<={max}. Got: n_elms={n}."),
            ));
        }
    }
    Ok(n)
}

/// `array_ptr + elm_size * i`.
fn elm_addr(array: Relocatable, elm_size: u64, i: u64, line: u32) -> Result<Relocatable, HintError> {
    let off = elm_size.checked_mul(i).ok_or_else(|| {
        HintError::py("ValueError", line, format!("Address {array} + {elm_size} * {i} is out of range."))
    })?;
    offset(array, off).at(line)
}

pub fn find_element(ctx: &mut HintCtx<'_>) -> Result<(), HintError> {
    let array = ctx.get_ptr("array_ptr").at(1)?;
    let size = elm_size(ctx)?;
    let key = ctx.get("key").at(5)?;
    if let Some(index) = ctx.scopes.get("__find_element_index").cloned() {
        let ScopeValue::Int(index) = index else {
            return Err(HintError::py("TypeError", 8, "__find_element_index must be an int"));
        };
        ctx.set_big("index", &index).at(8)?;
        let i = index.to_u64().ok_or_else(|| HintError::py("ValueError", 9, format!("bad index {index}")))?;
        let found = ctx.mem(elm_addr(array, size, i, 9)?).at(9)?;
        if found != key {
            return Err(HintError::assertion(
                10,
                format!(
                    "Invalid index found in __find_element_index. index: {index}, expected key {key}, found key: {found}."
                ),
            ));
        }
        ctx.scopes.remove("__find_element_index");
        return Ok(());
    }
    let n = n_elms(ctx, 16, 20)?;
    let mut i = 0u64;
    while Felt::from(i) != n {
        if ctx.mem(elm_addr(array, size, i, 25)?).at(25)? == key {
            return ctx.set("index", Felt::from(i)).at(26);
        }
        i += 1;
    }
    Err(HintError::py("ValueError", 29, format!("Key {key} was not found.")))
}

pub fn search_sorted_lower(ctx: &mut HintCtx<'_>) -> Result<(), HintError> {
    search_sorted(ctx, false)
}

pub fn search_sorted_optimistic(ctx: &mut HintCtx<'_>) -> Result<(), HintError> {
    search_sorted(ctx, true)
}

fn search_sorted(ctx: &mut HintCtx<'_>, optimistic: bool) -> Result<(), HintError> {
    let array = ctx.get_ptr("array_ptr").at(1)?;
    let size = elm_size(ctx)?;
    let n = n_elms(ctx, 6, 10)?;
    let mut i = 0u64;
    while Felt::from(i) != n {
        let v = ctx.mem(elm_addr(array, size, i, 15)?).at(15)?;
        let key = ctx.get("key").at(15)?;
        if py_ge(&v, &key) {
            ctx.set("index", Felt::from(i)).at(16)?;
            if optimistic {
                ctx.set("exists", Felt::from((py_cmp(&v, &key) == Ordering::Equal) as u64)).at(17)?;
            }
            return Ok(());
        }
        i += 1;
    }
    let line = if optimistic { 20 } else { 19 };
    ctx.set("index", n).at(line)?;
    if optimistic {
        ctx.set("exists", Felt::ZERO).at(21)?;
    }
    Ok(())
}

pub const SET_ADD: &str = "assert ids.elm_size > 0\nassert ids.set_ptr <= ids.set_end_ptr\nelm_list = memory.get_range(ids.elm_ptr, ids.elm_size)\nfor i in range(0, ids.set_end_ptr - ids.set_ptr, ids.elm_size):\n    if memory.get_range(ids.set_ptr + i, ids.elm_size) == elm_list:\n        ids.index = i // ids.elm_size\n        ids.is_elm_in_set = 1\n        break\nelse:\n    ids.is_elm_in_set = 0";
pub fn set_add(ctx: &mut HintCtx<'_>) -> Result<(), HintError> {
    let size = ctx.get_int("elm_size").at(1)?;
    if size == Felt::ZERO {
        return Err(HintError::assertion(1, ""));
    }
    let size = super::felt_u64(&size, 3)?;
    let set = ctx.get_ptr("set_ptr").at(2)?;
    let end = ctx.get_ptr("set_end_ptr").at(2)?;
    if set.segment != end.segment || set.offset > end.offset {
        if set.segment != end.segment && (set.segment, set.offset) < (end.segment, end.offset) {
            return Err(HintError::assertion(
                4,
                format!(
                    "Can only subtract two relocatable values of the same segment ({} != {}).",
                    end.segment, set.segment
                ),
            ));
        }
        return Err(HintError::assertion(2, ""));
    }
    let elm = ctx.get_range(ctx.get_ptr("elm_ptr").at(3)?, size).at(3)?;
    let len = end.offset - set.offset;
    let mut i = 0u64;
    while i < len {
        if ctx.get_range(offset(set, i).at(5)?, size).at(5)? == elm {
            ctx.set("index", Felt::from(i / size)).at(6)?;
            return ctx.set("is_elm_in_set", Felt::ONE).at(7);
        }
        i += size;
    }
    ctx.set("is_elm_in_set", Felt::ZERO).at(10)
}
