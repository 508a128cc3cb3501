//! The state Cairo 1's dictionary hints share: the dict manager (one tracker per
//! `Felt252Dict`, keyed by its segment) and the squash state of the dict being squashed.
//!
//! Invariants (those of cairo-lang-runner and cairo-vm's Cairo 1 hint processor):
//! each dict lives in its own segment, created by `AllocFelt252Dict`, whose index in the
//! segment arena's infos is its creation order; reading an absent key gives 0; the squash
//! state is replaced by every `InitSquashData`, keys are processed in increasing order and the
//! accesses of a key in increasing order.

use super::Cairo1HintError as E;
use crate::hints::HashMap;
use crate::vm::{Relocatable, Value, Vm};
use starknet_types_core::felt::Felt;

/// One dictionary: its segment and current values.
#[derive(Debug, Default)]
struct Tracker {
    data: HashMap<Felt, Value>,
}

/// Every dictionary of the run.
#[derive(Debug, Default)]
pub struct DictManager {
    segment_to_tracker: HashMap<i64, usize>,
    trackers: Vec<Tracker>,
}

impl DictManager {
    /// A new dictionary in a new segment; returns the segment's start.
    pub fn new_dict(&mut self, vm: &mut Vm) -> Result<Relocatable, E> {
        let start = vm.memory.add_segment();
        if self.segment_to_tracker.insert(start.segment, self.trackers.len()).is_some() {
            return Err(E::Msg(format!("a dictionary already uses segment {}", start.segment)));
        }
        self.trackers.push(Tracker::default());
        Ok(start)
    }

    /// The index (creation order) of the dict `dict_end` points into.
    pub fn index(&self, dict_end: Relocatable) -> Result<usize, E> {
        self.segment_to_tracker
            .get(&dict_end.segment)
            .copied()
            .ok_or_else(|| E::Msg("The given value does not point to a known dictionary.".into()))
    }

    /// The value of `key` in the dict `dict_end` points into (0 when absent).
    pub fn get(&self, dict_end: Relocatable, key: &Felt) -> Result<Value, E> {
        let t = &self.trackers[self.index(dict_end)?];
        Ok(t.data.get(key).copied().unwrap_or(Value::Int(Felt::ZERO)))
    }

    /// Sets `key` to `value` in the dict `dict_end` points into.
    pub fn insert(&mut self, dict_end: Relocatable, key: Felt, value: Value) -> Result<(), E> {
        let i = self.index(dict_end)?;
        self.trackers[i].data.insert(key, value);
        Ok(())
    }
}

/// The squash of one dictionary: the access indices of each key, and the keys left.
#[derive(Debug, Default)]
pub struct SquashState {
    /// Access indices per key, in reverse order (the next one is last).
    pub access_indices: HashMap<Felt, Vec<u64>>,
    /// Keys left, largest first (the current one is last).
    pub keys: Vec<Felt>,
}

impl SquashState {
    /// The key being processed.
    pub fn current_key(&self) -> Option<Felt> {
        self.keys.last().copied()
    }

    /// The access indices left for the current key.
    pub fn current_indices(&mut self) -> Result<&mut Vec<u64>, E> {
        let k = self.current_key().ok_or_else(|| E::Msg("no key left to squash".into()))?;
        self.access_indices.get_mut(&k).ok_or_else(|| E::Msg(format!("no accesses for key {k}")))
    }

    /// The current access index.
    pub fn current_index(&mut self) -> Result<u64, E> {
        self.current_indices()?.last().copied().ok_or_else(|| E::Msg("no access index left".into()))
    }

    /// Moves to the next key (the current one must have exactly one access left).
    pub fn pop_key(&mut self) -> Result<(), E> {
        let k = self.current_key().ok_or_else(|| E::Msg("Failed to get current key".into()))?;
        let left =
            self.access_indices.remove(&k).ok_or_else(|| E::Msg(format!("No key accesses for key {k}")))?;
        if left.len() != 1 {
            return Err(E::Msg("Key popped but not all accesses were processed.".into()));
        }
        self.keys.pop();
        Ok(())
    }
}
