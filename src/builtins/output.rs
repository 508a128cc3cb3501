//! output: the program's output cells, one per instance, with the public-memory pages and the
//! attributes hints attach to them (cairo-lang's `OutputBuiltinRunner`: `add_page`,
//! `add_attribute`, `get_state` / `new_state` / `set_state`).

use crate::vm::{Relocatable, Value};
use std::collections::BTreeMap;

/// The pages and attributes of the output builtin.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct OutputState {
    /// Page id -> (start offset, size).
    pub pages: BTreeMap<u64, (u64, u64)>,
    /// Attribute name -> JSON value, in insertion order (Python's dict).
    pub attributes: Vec<(String, serde_json::Value)>,
}

/// `output_builtin.get_state()`: the segment base with the pages and attributes (bootloaders
/// save it, run an inner program with `new_state`, and restore it with `set_state`).
#[derive(Clone, Debug, PartialEq)]
pub struct OutputSnapshot {
    /// The output segment base.
    pub base: Relocatable,
    /// Pages and attributes.
    pub state: OutputState,
}

impl OutputState {
    /// `output_builtin.add_page(page_id, page_start, page_size)` for an output segment at
    /// `base`.
    pub fn add_page(
        &mut self,
        base: Relocatable,
        page_id: u64,
        page_start: Value,
        page_size: u64,
    ) -> Result<(), String> {
        if self.pages.contains_key(&page_id) {
            return Err(format!("Page {page_id} was already assigned."));
        }
        match page_start {
            Value::Ptr(p) if p.segment == base.segment && p.offset >= base.offset => {
                self.pages.insert(page_id, (p.offset - base.offset, page_size));
                Ok(())
            }
            _ => Err("page_start must be in the output segment.".into()),
        }
    }

    /// `output_builtin.add_attribute(name, value)`.
    pub fn add_attribute(&mut self, name: &str, value: serde_json::Value) {
        match self.attributes.iter_mut().find(|(k, _)| k == name) {
            Some((_, v)) => *v = value,
            None => self.attributes.push((name.to_string(), value)),
        }
    }

    /// The public memory of an output segment of `size` cells: `(offset, page)` per cell
    /// (cairo-lang's `finalize_segments`).
    pub fn public_memory(&self, size: u64) -> Result<Vec<(u64, u64)>, String> {
        let mut page_of: BTreeMap<u64, u64> = BTreeMap::new();
        for (&id, &(start, len)) in &self.pages {
            if start + len > size {
                return Err(format!("Page {id} is out of bounds."));
            }
            for i in start..start + len {
                if *page_of.entry(i).or_insert(id) != id {
                    return Err(format!("Offset {i} was already assigned a page."));
                }
            }
        }
        Ok((0..size).map(|i| (i, page_of.get(&i).copied().unwrap_or(0))).collect())
    }
}
