//! Unit tests of the program module, on programs compiled by cairo-lang 0.14.0.1.
//!
//! The fixtures in `testdata/` were produced from the `.cairo` files beside them with
//! `cairo-compile X.cairo --output X.json --debug_info_with_source` (`ids.json` with
//! `--no_debug_info`; `err_nested_nosrc.json` without sources; `err_nested_nodebug.json`
//! with `--no_debug_info`). Expected error texts are cairo-run's stderr for the same programs
//! (`cairo-run --program X.json --layout small`), and the registers, traceback entries and
//! memory used to reproduce them were dumped from cairo-lang's runner at the failure.

mod corpus;
mod errors_fmt;
mod fast_load;
pub(crate) mod heap;
mod idents;
mod ids_res;
mod loader;
mod parse;
mod robustness;

use super::MemoryView;
use crate::vm::value::{Relocatable, Value};
use starknet_types_core::felt::Felt;
use std::collections::HashMap;

pub(super) const IDS_JSON: &[u8] = include_bytes!("testdata/ids.json");
pub(super) const ERR_NESTED_JSON: &[u8] = include_bytes!("testdata/err_nested.json");
pub(super) const ERR_NESTED_NOSRC_JSON: &[u8] = include_bytes!("testdata/err_nested_nosrc.json");
pub(super) const ERR_NESTED_NODEBUG_JSON: &[u8] = include_bytes!("testdata/err_nested_nodebug.json");
pub(super) const ERR_ATTR_JSON: &[u8] = include_bytes!("testdata/err_attr.json");
pub(super) const ERR_LOCAL_JSON: &[u8] = include_bytes!("testdata/err_local.json");
pub(super) const ERR_PARENT_JSON: &[u8] = include_bytes!("testdata/err_parent.json");

/// Registers and a sparse memory.
pub(super) struct FakeMemory {
    pub ap: Relocatable,
    pub fp: Relocatable,
    pub cells: HashMap<Relocatable, Value>,
}

impl MemoryView for FakeMemory {
    fn ap(&self) -> Relocatable {
        self.ap
    }
    fn fp(&self) -> Relocatable {
        self.fp
    }
    fn get(&self, addr: Relocatable) -> Option<Value> {
        self.cells.get(&addr).copied()
    }
}

/// `s:o` as a relocatable.
pub(super) fn r(s: &str) -> Relocatable {
    let (seg, off) = s.split_once(':').expect("seg:off");
    Relocatable::new(seg.parse().expect("segment"), off.parse().expect("offset"))
}

/// A value written as `s:o` or as a decimal felt.
pub(super) fn v(s: &str) -> Value {
    if s.contains(':') {
        Value::Ptr(r(s))
    } else {
        Value::Int(Felt::from_dec_str(s).expect("decimal felt"))
    }
}

impl FakeMemory {
    /// Registers `ap`, `fp` and cells `segment:offset=value` given as
    /// `"1:0=2:0 1:1=5"`.
    pub(super) fn new(ap: &str, fp: &str, cells: &str) -> FakeMemory {
        let cells = cells
            .split_whitespace()
            .map(|c| {
                let (a, val) = c.split_once('=').expect("addr=value");
                (r(a), v(val))
            })
            .collect();
        FakeMemory { ap: r(ap), fp: r(fp), cells }
    }

    /// Adds segment-1 cells dumped as `offset=value ...`.
    pub(super) fn with_segment1(mut self, dump: &str) -> FakeMemory {
        for c in dump.split_whitespace() {
            let (o, val) = c.split_once('=').expect("offset=value");
            self.cells.insert(Relocatable::new(1, o.parse().expect("offset")), v(val));
        }
        self
    }
}
