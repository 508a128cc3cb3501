//! cairo-lang's `DictManager` (`starkware/cairo/common/dict.py`): the Python dicts behind the
//! Cairo dicts of `dict.cairo` / `default_dict.cairo`, kept in the hint scopes as
//! `__dict_manager`.
//!
//! Each Cairo dict is one segment, identified by its index; its tracker holds the Python dict
//! (a default dict when created by `default_dict_new`) and the pointer to the first unused
//! `DictAccess`, which every hint checks against the pointer the program passes.

use super::{HintCtx, HintError};
use crate::hints::HashMap;
use crate::vm::{Relocatable, Value};

/// The Python dict behind one Cairo dict.
#[derive(Clone, Debug)]
pub struct DictTracker {
    /// Its entries.
    pub data: HashMap<Value, Value>,
    /// The value of a missing key (a `defaultdict`), if any.
    pub default: Option<Value>,
    /// The first unused position of the dict's segment.
    pub current_ptr: Relocatable,
}

impl DictTracker {
    /// `data[key]`: the default value (inserted) for a default dict, `KeyError` otherwise.
    pub fn read(&mut self, key: Value) -> Result<Value, HintError> {
        match (self.data.get(&key), self.default) {
            (Some(v), _) => Ok(*v),
            (None, Some(d)) => {
                self.data.insert(key, d);
                Ok(d)
            }
            (None, None) => Err(HintError::py("KeyError", 0, key.to_string())),
        }
    }
}

/// `DictManager`: the trackers by segment index.
#[derive(Clone, Debug, Default)]
pub struct DictManager {
    /// Trackers by segment index of the dict.
    pub trackers: HashMap<i64, DictTracker>,
}

impl DictManager {
    /// `new_dict(segments, initial_dict)` (the values are memory values already).
    pub fn new_dict(
        &mut self,
        ctx: &mut HintCtx<'_>,
        initial: HashMap<Value, Value>,
    ) -> Result<Relocatable, HintError> {
        let base = ctx.add_segment();
        self.add(base, DictTracker { data: initial, default: None, current_ptr: base })
    }

    /// `new_default_dict(segments, default_value)`.
    pub fn new_default_dict(&mut self, base: Relocatable, default: Value) -> Result<Relocatable, HintError> {
        self.add(base, DictTracker { data: HashMap::default(), default: Some(default), current_ptr: base })
    }

    fn add(&mut self, base: Relocatable, tracker: DictTracker) -> Result<Relocatable, HintError> {
        if self.trackers.contains_key(&base.segment) {
            return Err(HintError::assertion(0, ""));
        }
        self.trackers.insert(base.segment, tracker);
        Ok(base)
    }

    /// `get_tracker(dict_ptr)`.
    pub fn tracker(&mut self, dict_ptr: Relocatable) -> Result<&mut DictTracker, HintError> {
        let t = self.trackers.get_mut(&dict_ptr.segment).ok_or_else(|| {
            HintError::py(
                "ValueError",
                0,
                format!("Dictionary pointer {dict_ptr} was not created using dict_new()."),
            )
        })?;
        if t.current_ptr != dict_ptr {
            return Err(HintError::assertion(
                0,
                format!("Wrong dict pointer supplied. Got {dict_ptr}, expected {}.", t.current_ptr),
            ));
        }
        Ok(t)
    }
}
