//! Hints: non-deterministic helper code attached to program pcs.
//!
//! Every hint text of a program is resolved once, at load time, to a Rust function through the
//! [`registry`] (a table keyed by the normalized hint text). Executing a hint is then one
//! indirect call with a [`HintCtx`] giving it `ids`, memory, registers, segments and the typed
//! [`ExecScopes`]. Each hint's [`HintSite`] keeps, per `ids.<path>` it uses, a plan made at
//! the first execution (`site`), so later executions skip the identifier search and typing. An unrecognised text becomes a stub that fails, when (and only when) it is
//! executed, with an error quoting the text, as cairo-run would fail on a hint it cannot run.
//!
//! Invariant: group `g` (the value stored in the interpreter's code cache for a pc) is the list
//! of that pc's hints in program order, and is executed in that order before the instruction.

pub mod cairo0;
#[cfg(feature = "cairo1")]
pub mod cairo1;
mod ctx;
pub mod dict_manager;
mod error;
pub mod registry;
pub mod scopes;
mod site;
pub mod update_tree;

pub use ctx::HintCtx;
pub use error::{AtLine, HintError};
pub use registry::{normalize, HintFn, HintRegistry};
pub use scopes::{ExecScopes, ScopeValue};
use site::SiteCache;

use crate::interp::{CounterHint, HintHook};
use crate::program::{Hint, Program};
use crate::vm::{Vm, VmError, VmErrorKind};
use num_bigint::BigInt;
use num_traits::ToPrimitive;

/// The hash maps of hint state keyed by program values (dict keys, usort's values, tree
/// indices): the standard `HashMap` with foldhash's hasher, several times cheaper than SipHash
/// on a 32-byte felt, and still seeded at random per process, so a program cannot be written
/// to collide in it. Nothing iterates these maps where the order shows: hints that do sort.
pub type HashMap<K, V> = std::collections::HashMap<K, V, foldhash::fast::RandomState>;

/// One hint of the program, resolved: its implementation, where it is, and the plans of its
/// `ids` accesses (made at their first execution).
pub struct HintSite<'p> {
    func: Option<HintFn>,
    /// The hint's pc (offset in the program segment).
    pub pc: usize,
    /// The hint's index among the pc's hints.
    pub index: usize,
    /// The hint.
    pub hint: &'p Hint,
    cache: SiteCache,
}

impl<'p> HintSite<'p> {
    /// Hint `index` at `pc` of `program`, run by `func` (`None`: unknown, fails when run).
    ///
    /// # Panics
    /// If the program has no hint `index` at `pc`.
    pub fn new(program: &'p Program, pc: usize, index: usize, func: Option<HintFn>) -> Self {
        HintSite { func, pc, index, hint: &program.hints_at(pc)[index], cache: SiteCache::default() }
    }

    /// The plans of the hint's `ids` accesses.
    pub(crate) fn cache(&self) -> &SiteCache {
        &self.cache
    }
}

/// Runs a program's hints: the [`HintHook`] the interpreter calls.
pub struct HintProcessor<'p> {
    program: &'p Program,
    groups: Vec<Vec<HintSite<'p>>>,
    pcs: Vec<usize>,
    scopes: ExecScopes,
    /// Per group, whether it is a counter step ([`HintProcessor::counters`]).
    counter: Vec<bool>,
    /// The JSON hints read as `program_input`.
    pub program_input: Option<serde_json::Value>,
    /// Details of the last failed hint, for the error report: (pc, index in the pc's list).
    pub failed: Option<(usize, usize)>,
}

impl<'p> HintProcessor<'p> {
    /// Resolves every hint of `program` with the default registry.
    pub fn new(program: &'p Program, program_input: Option<serde_json::Value>) -> Self {
        Self::with_registry(program, program_input, registry::default_registry())
    }

    /// Resolves every hint of `program` with `registry` (which may hold custom hints).
    pub fn with_registry(
        program: &'p Program,
        program_input: Option<serde_json::Value>,
        registry: &HintRegistry,
    ) -> Self {
        let mut groups = Vec::new();
        let mut pcs = Vec::new();
        for (&pc, hints) in program.hints() {
            let group = hints
                .iter()
                .enumerate()
                .map(|(index, h)| HintSite::new(program, pc, index, registry.get(&h.code)))
                .collect();
            groups.push(group);
            pcs.push(pc);
        }
        let mut p = HintProcessor {
            program,
            groups,
            pcs,
            scopes: ExecScopes::default(),
            counter: Vec::new(),
            program_input,
            failed: None,
        };
        p.counter = vec![false; p.groups.len()];
        for (_, c) in p.counters() {
            p.counter[c.group as usize] = true;
        }
        p
    }

    /// The counter steps among the hint pcs ([`CounterHint`]): a pc whose only hint is run by
    /// this crate's memcpy or memset loop hint (not by a hint registered over it) and whose
    /// flag is a cell at a fixed distance from ap. `(pc offset, counter)` pairs.
    pub fn counters(&self) -> Vec<(usize, CounterHint)> {
        use cairo0::alloc;
        let mut out = Vec::new();
        for (g, (group, &pc)) in self.groups.iter().zip(&self.pcs).enumerate() {
            let [site] = &group[..] else { continue };
            let Some(f) = site.func else { continue };
            let flag = if std::ptr::fn_addr_eq(f, alloc::memcpy_continue as HintFn) {
                "continue_copying"
            } else if std::ptr::fn_addr_eq(f, alloc::memset_continue as HintFn) {
                "continue_loop"
            } else {
                continue;
            };
            if let Some((shift, k)) = site::ap_cell_target(self.program, site.hint, flag) {
                out.push((pc, CounterHint { group: g as u32, shift, k }));
            }
        }
        out
    }

    /// `(pc offset, group)` for every hint-bearing pc, for the code cache.
    pub fn groups(&self) -> impl Iterator<Item = (usize, u32)> + '_ {
        self.pcs.iter().enumerate().map(|(g, pc)| (*pc, g as u32))
    }

    /// The execution scopes.
    pub fn scopes(&self) -> &ExecScopes {
        &self.scopes
    }
}

impl HintHook for HintProcessor<'_> {
    fn run_hints(&mut self, group: u32, vm: &mut Vm) -> Result<(), VmError> {
        let program = self.program;
        for h in &self.groups[group as usize] {
            let result = match h.func {
                Some(f) => {
                    let mut ctx = HintCtx::new(vm, program, h, &mut self.scopes, self.program_input.as_ref());
                    f(&mut ctx)
                }
                None => Err(HintError::Unknown(h.hint.code.clone())),
            };
            if let Err(e) = result {
                self.failed = Some((h.pc, h.index));
                return Err(VmErrorKind::Hint(e.failure(program, h.pc, h.index)).into());
            }
        }
        Ok(())
    }

    fn count_down(&mut self, group: u32) -> Option<bool> {
        if !self.counter.get(group as usize).copied().unwrap_or(false) {
            return None;
        }
        // What `count_down` (the memcpy and memset loop hints) does before writing the flag.
        match self.scopes.get_mut("n") {
            Some(ScopeValue::Int(n)) => Some(cairo0::alloc::decrement(n)),
            _ => None,
        }
    }

    fn counter(&mut self, group: u32) -> Option<i64> {
        if !self.counter.get(group as usize).copied().unwrap_or(false) {
            return None;
        }
        match self.scopes.get("n") {
            Some(ScopeValue::Int(n)) => n.to_i64().filter(|n| (1..1 << 62).contains(n)),
            _ => None,
        }
    }

    fn set_counter(&mut self, _group: u32, n: i64) {
        if let Some(ScopeValue::Int(v)) = self.scopes.get_mut("n") {
            *v = BigInt::from(n);
        }
    }
}
