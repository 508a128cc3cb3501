//! Hints of `dict.cairo` and `default_dict.cairo`, and the `DictManager` they share
//! (`starkware/cairo/common/dict.py`).
//!
//! `__dict_manager` is created in the innermost scope by the first `dict_new` /
//! `default_dict_new`; `dict_squash` passes the same manager (an `Rc`) into its scope, as
//! Python passes the same object. Each Cairo dict is one segment; its tracker holds the Python
//! dict (a default dict when created by `default_dict_new`) and the pointer to the first unused
//! `DictAccess` (see [`DictManager`]).

use crate::hints::dict_manager::{DictManager, DictTracker};
use crate::hints::{AtLine, HintCtx, HintError, ScopeValue};
use std::cell::RefCell;
use std::rc::Rc;

/// `__dict_manager`, created in the innermost scope if absent (the `if '__dict_manager' not in
/// globals()` prologue).
fn manager_or_new(ctx: &mut HintCtx<'_>) -> Result<Rc<RefCell<DictManager>>, HintError> {
    if !ctx.scopes.contains("__dict_manager") {
        let m = Rc::new(RefCell::new(DictManager::default()));
        ctx.scopes.set("__dict_manager", ScopeValue::DictManager(m.clone()));
        return Ok(m);
    }
    ctx.scopes.dict_manager().at(1)
}

/// The `DictAccess.SIZE` step of `current_ptr += ids.DictAccess.SIZE`.
fn access_size(ctx: &HintCtx<'_>, line: u32) -> Result<u64, HintError> {
    let size = ctx.get_int("DictAccess.SIZE").at(line)?;
    super::felt_u64(&size, line)
}

fn advance(t: &mut DictTracker, size: u64, line: u32) -> Result<(), HintError> {
    t.current_ptr = crate::hints::ctx::offset(t.current_ptr, size).at(line)?;
    Ok(())
}

pub const DICT_NEW: &str = "if '__dict_manager' not in globals():\n    from starkware.cairo.common.dict import DictManager\n    __dict_manager = DictManager()\n\nmemory[ap] = __dict_manager.new_dict(segments, initial_dict)\ndel initial_dict";
pub fn dict_new(ctx: &mut HintCtx<'_>) -> Result<(), HintError> {
    let m = manager_or_new(ctx)?;
    let initial = match ctx.scopes.value("initial_dict").at(5)? {
        ScopeValue::Dict(d) => d.clone(),
        other => return Err(HintError::py("TypeError", 5, format!("initial_dict is {}", other.kind()))),
    };
    let base = m.borrow_mut().new_dict(ctx, initial).at(5)?;
    ctx.set_ap(base).at(5)?;
    ctx.scopes.remove("initial_dict");
    Ok(())
}

pub const DEFAULT_DICT_NEW: &str = "if '__dict_manager' not in globals():\n    from starkware.cairo.common.dict import DictManager\n    __dict_manager = DictManager()\n\nmemory[ap] = __dict_manager.new_default_dict(segments, ids.default_value)";
pub fn default_dict_new(ctx: &mut HintCtx<'_>) -> Result<(), HintError> {
    let m = manager_or_new(ctx)?;
    let base = ctx.add_segment();
    let default = ctx.get("default_value").at(5)?;
    m.borrow_mut().new_default_dict(base, default).at(5)?;
    ctx.set_ap(base).at(5)
}

pub const DICT_READ: &str = "dict_tracker = __dict_manager.get_tracker(ids.dict_ptr)\ndict_tracker.current_ptr += ids.DictAccess.SIZE\nids.value = dict_tracker.data[ids.key]";
pub fn dict_read(ctx: &mut HintCtx<'_>) -> Result<(), HintError> {
    let m = ctx.scopes.dict_manager().at(1)?;
    let ptr = ctx.get_ptr("dict_ptr").at(1)?;
    let size = access_size(ctx, 2)?;
    let key = ctx.get("key").at(3)?;
    let value = {
        let mut m = m.borrow_mut();
        let t = m.tracker(ptr).at(1)?;
        advance(t, size, 2)?;
        t.read(key).at(3)?
    };
    ctx.set("value", value).at(3)
}

pub const DICT_WRITE: &str = "dict_tracker = __dict_manager.get_tracker(ids.dict_ptr)\ndict_tracker.current_ptr += ids.DictAccess.SIZE\nids.dict_ptr.prev_value = dict_tracker.data[ids.key]\ndict_tracker.data[ids.key] = ids.new_value";
pub fn dict_write(ctx: &mut HintCtx<'_>) -> Result<(), HintError> {
    let m = ctx.scopes.dict_manager().at(1)?;
    let ptr = ctx.get_ptr("dict_ptr").at(1)?;
    let size = access_size(ctx, 2)?;
    let key = ctx.get("key").at(3)?;
    let prev = {
        let mut m = m.borrow_mut();
        let t = m.tracker(ptr).at(1)?;
        advance(t, size, 2)?;
        t.read(key).at(3)?
    };
    ctx.set("dict_ptr.prev_value", prev).at(3)?;
    let new_value = ctx.get("new_value").at(4)?;
    let mut m = m.borrow_mut();
    // The tracker exists: it was just found (its current_ptr moved, so look it up by segment).
    if let Some(t) = m.trackers.get_mut(&ptr.segment) {
        t.data.insert(key, new_value);
    }
    Ok(())
}

pub const DICT_UPDATE: &str = "# Verify dict pointer and prev value.\ndict_tracker = __dict_manager.get_tracker(ids.dict_ptr)\ncurrent_value = dict_tracker.data[ids.key]\nassert current_value == ids.prev_value, \\\n    f'Wrong previous value in dict. Got {ids.prev_value}, expected {current_value}.'\n\n# Update value.\ndict_tracker.data[ids.key] = ids.new_value\ndict_tracker.current_ptr += ids.DictAccess.SIZE";
pub fn dict_update(ctx: &mut HintCtx<'_>) -> Result<(), HintError> {
    let m = ctx.scopes.dict_manager().at(2)?;
    let ptr = ctx.get_ptr("dict_ptr").at(2)?;
    let key = ctx.get("key").at(3)?;
    let prev = ctx.get("prev_value").at(4)?;
    let new_value = ctx.get("new_value").at(8)?;
    let size = access_size(ctx, 9)?;
    let mut m = m.borrow_mut();
    let t = m.tracker(ptr).at(2)?;
    let current = t.read(key).at(3)?;
    if current != prev {
        return Err(HintError::assertion(
            4,
            format!("Wrong previous value in dict. Got {prev}, expected {current}."),
        ));
    }
    t.data.insert(key, new_value);
    advance(t, size, 9)
}

pub const DICT_SQUASH_ENTER_SCOPE: &str = "# Prepare arguments for dict_new. In particular, the same dictionary values should be copied\n# to the new (squashed) dictionary.\nvm_enter_scope({\n    # Make __dict_manager accessible.\n    '__dict_manager': __dict_manager,\n    # Create a copy of the dict, in case it changes in the future.\n    'initial_dict': dict(__dict_manager.get_dict(ids.dict_accesses_end)),\n})";
pub fn dict_squash_enter_scope(ctx: &mut HintCtx<'_>) -> Result<(), HintError> {
    let m = ctx.scopes.dict_manager().at(5)?;
    let end = ctx.get_ptr("dict_accesses_end").at(7)?;
    let copy = m.borrow_mut().tracker(end).at(7)?.data.clone();
    ctx.scopes
        .enter([("__dict_manager", ScopeValue::DictManager(m)), ("initial_dict", ScopeValue::Dict(copy))]);
    Ok(())
}

pub const DICT_SQUASH_UPDATE_PTR: &str = "# Update the DictTracker's current_ptr to point to the end of the squashed dict.\n__dict_manager.get_tracker(ids.squashed_dict_start).current_ptr = \\\n    ids.squashed_dict_end.address_";
pub fn dict_squash_update_ptr(ctx: &mut HintCtx<'_>) -> Result<(), HintError> {
    let m = ctx.scopes.dict_manager().at(2)?;
    let start = ctx.get_ptr("squashed_dict_start").at(2)?;
    let end = ctx.get_ptr("squashed_dict_end").at(2)?;
    m.borrow_mut().tracker(start).at(2)?.current_ptr = end;
    Ok(())
}
