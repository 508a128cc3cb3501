//! Compiled Cairo programs: loading cairo-compile's JSON, identifiers, reference
//! expressions, hint `ids` resolution and cairo-lang-style error locations.
//!
//! * [`Program::from_json_bytes`] / [`Program::from_file`] load and validate a program once;
//!   every reference expression and Cairo type is parsed at load time.
//! * [`Identifiers`] is cairo-lang's `IdentifierManager` (scoped lookup with aliases).
//! * [`Ids`] resolves a hint's `ids.<path>` (cairo-lang's `VmConsts`) against a
//!   [`MemoryView`].
//! * [`ErrorFormatter`] prints VM errors, tracebacks and `with_attr` messages exactly as
//!   cairo-run does.
//!
//! Pcs in this module are offsets in the program (`data` indices) unless a [`Relocatable`]
//! is asked for.

mod error;
mod eval;
mod expr;
mod flow;
pub mod format;
mod identifiers;
mod ids;
mod load;
mod location;
mod raw;

#[cfg(test)]
pub(crate) mod tests;

pub use error::{IdsError, ProgramError};
pub use eval::{
    corrected_ap, decimal_repr, eval as eval_expr, infer_type, is_simple_reference, read_memory, ApTracking,
    EvalContext, EvalError, Reference,
};
pub use expr::{parse_expr, parse_type, BinOp, CairoType, Expr, Register, TupleItem, MAX_NESTING};
pub use flow::{FlowTrackingData, ReferenceIds};
pub use identifiers::{Found, Identifier, IdentifierError, Identifiers, Member, SearchResult, StructDef};
pub use ids::{HintRefs, Ids, IdsValue, MemoryView};
pub use load::STARK_PRIME_HEX;
pub use location::{
    get_location_marks, python_rstrip, python_splitlines, DebugInfo, ErrorFormatter, HintLocation,
    InstructionLocation, Location, SourceProvider, TracebackEntry, VmErrorReport,
};

use crate::vm::value::Relocatable;
use starknet_types_core::felt::Felt;
use std::collections::BTreeMap;

/// The name of the `with_attr` attribute whose value the VM prints on errors.
pub const ERROR_MESSAGE_ATTRIBUTE: &str = "error_message";

/// A hint.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Hint {
    /// The Python code.
    pub code: String,
    /// Scopes visible from the hint, outermost first.
    pub accessible_scopes: Vec<String>,
    /// Flow-tracking data at the hint.
    pub flow_tracking_data: FlowTrackingData,
    /// Short names of the references the hint can use (precomputed).
    pub refs: HintRefs,
}

/// A `with_attr` scope: `value` applies to pcs in `[start_pc, end_pc)`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Attribute {
    /// The attribute's name (`error_message` for the VM's error messages).
    pub name: String,
    /// Its value, e.g. `x must not be zero. Got x={x}.`.
    pub value: String,
    /// First pc of the scope.
    pub start_pc: usize,
    /// First pc after the scope.
    pub end_pc: usize,
    /// Scopes for resolving `{x}` references.
    pub accessible_scopes: Vec<String>,
    /// Flow-tracking data for `{x}` references (absent: no substitution).
    pub flow_tracking_data: Option<FlowTrackingData>,
}

/// A loaded, validated program.
#[derive(Clone, Debug)]
pub struct Program {
    pub(crate) data: Vec<Felt>,
    pub(crate) builtins: Vec<String>,
    pub(crate) hints: BTreeMap<usize, Vec<Hint>>,
    pub(crate) identifiers: Identifiers,
    pub(crate) references: Vec<Reference>,
    pub(crate) attributes: Vec<Attribute>,
    pub(crate) debug_info: Option<DebugInfo>,
    pub(crate) main_scope: String,
    pub(crate) compiler_version: Option<String>,
}

impl Program {
    /// The program's words.
    pub fn data(&self) -> &[Felt] {
        &self.data
    }

    /// Builtins, in `%builtins` order.
    pub fn builtins(&self) -> &[String] {
        &self.builtins
    }

    /// All hints, by pc.
    pub fn hints(&self) -> &BTreeMap<usize, Vec<Hint>> {
        &self.hints
    }

    /// The hints at `pc` (empty if none).
    pub fn hints_at(&self, pc: usize) -> &[Hint] {
        self.hints.get(&pc).map(Vec::as_slice).unwrap_or(&[])
    }

    /// The identifiers.
    pub fn identifiers(&self) -> &Identifiers {
        &self.identifiers
    }

    /// All references of the reference manager.
    pub fn references(&self) -> &[Reference] {
        &self.references
    }

    /// Reference `id` of the reference manager.
    pub fn reference(&self, id: usize) -> Option<&Reference> {
        self.references.get(id)
    }

    /// All `with_attr` attributes, in the JSON's order.
    pub fn attributes(&self) -> &[Attribute] {
        &self.attributes
    }

    /// The `error_message` attributes whose `[start_pc, end_pc)` contains `pc`, in the order
    /// cairo-lang reports them (the JSON's order: inner scopes close, and so come, first).
    pub fn error_attributes_at(&self, pc: usize) -> Vec<&Attribute> {
        self.attributes
            .iter()
            .filter(|a| a.name == ERROR_MESSAGE_ATTRIBUTE && a.start_pc <= pc && pc < a.end_pc)
            .collect()
    }

    /// The debug info, if the program has it.
    pub fn debug_info(&self) -> Option<&DebugInfo> {
        self.debug_info.as_ref()
    }

    /// The debug info of the instruction at `pc`.
    pub fn instruction_location(&self, pc: usize) -> Option<&InstructionLocation> {
        self.debug_info.as_ref()?.instruction_locations.get(&pc)
    }

    /// The main scope (`__main__`).
    pub fn main_scope(&self) -> &str {
        &self.main_scope
    }

    /// The compiler version, if recorded.
    pub fn compiler_version(&self) -> Option<&str> {
        self.compiler_version.as_deref()
    }

    /// cairo-lang's `Program.get_label(name)`: the pc of the label or function `name` looked
    /// up from the main scope (aliases followed; `name` may be dotted, e.g. `ns.f`).
    pub fn get_label(&self, name: &str) -> Result<usize, IdentifierError> {
        let r = self.identifiers.search(std::slice::from_ref(&self.main_scope), name)?;
        r.fully_parsed_name(&self.identifiers)?;
        let def = self.identifiers.def(r.def).1;
        def.pc().ok_or_else(|| {
            IdentifierError::Other(format!("'{name}' is expected to be label, found {}.", def.kind()))
        })
    }

    /// cairo-lang's `Program.get_const(name)`: the value of the constant `name` from the main
    /// scope.
    pub fn get_const(&self, name: &str) -> Result<Felt, IdentifierError> {
        let r = self.identifiers.search(std::slice::from_ref(&self.main_scope), name)?;
        r.fully_parsed_name(&self.identifiers)?;
        match self.identifiers.def(r.def).1 {
            Identifier::Const { felt, .. } => Ok(*felt),
            other => Err(IdentifierError::Other(format!(
                "'{name}' is expected to be const, found {}.",
                other.kind()
            ))),
        }
    }

    /// The pc of `<main scope>.NAME` (a function or label), following aliases.
    pub fn entrypoint(&self, name: &str) -> Option<usize> {
        self.get_label(name).ok()
    }

    /// The pc of `main` (`__main__.main`).
    pub fn main(&self) -> Option<usize> {
        self.entrypoint("main")
    }

    /// The pc of `__start__` (present in proof-mode programs; cairo-lang defaults to 0).
    pub fn start(&self) -> Option<usize> {
        self.entrypoint("__start__")
    }

    /// The pc of `__end__` (present in proof-mode programs).
    pub fn end(&self) -> Option<usize> {
        self.entrypoint("__end__")
    }

    /// The struct with this full name (type definitions naming a struct are followed).
    pub fn struct_def(&self, full_name: &str) -> Option<&StructDef> {
        self.identifiers.get_struct(full_name).ok().map(|s| &**s)
    }

    /// `ids` for a hint of this program.
    pub fn ids<'a>(&'a self, hint: &'a Hint, memory: &'a dyn MemoryView) -> Ids<'a> {
        Ids::for_hint(self, hint, memory)
    }

    /// An error formatter for this program loaded at `program_base`.
    pub fn error_formatter(&self, program_base: Relocatable) -> ErrorFormatter<'_> {
        ErrorFormatter::new(self, program_base)
    }
}
