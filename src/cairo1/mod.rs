//! Cairo 1 programs: loading Sierra and executable JSON, the entry code that calls `main`, run
//! arguments, and reading the return value (or panic) back.
//!
//! * A **Sierra** program (`cairo_lang_sierra::program::Program` JSON, bare or versioned as
//!   Scarb writes it) is compiled to CASM in-process (`cairo-lang-sierra-to-casm`); [`entry`]
//!   builds the code that sets up `main`'s arguments as cairo1-run does (builtins, gas, the
//!   segment arena, the syscall pointer, user arguments), calls it, and leaves the builtins'
//!   final pointers on top of the stack for the runner.
//! * An **executable** (`cairo-lang-executable` / `scarb build` JSON) already holds its
//!   entry code: the `Bootloader` entrypoint is a Cairo Zero-style `main` (plain runs), the
//!   `Standalone` one a proof-mode header (`__start__` / `__end__`).
//!
//! Either way the result is a [`Cairo1Program`]: bytecode, the typed hints by pc, the
//! builtins, and labels; [`Cairo1Program::to_program`] makes the [`Program`] the runner runs,
//! and [`Cairo1Program::hints`] the hints that a [`crate::hints::cairo1::Cairo1HintProcessor`]
//! executes. Both engines run it unchanged (hint pcs run in the interpreter).
//!
//! Invariants: pcs of hints and labels are offsets in `bytecode`; the cell right after the
//! bytecode receives the builtin-costs pointer (cairo1-run's `additional_initialization`), so
//! the program segment is one cell longer than the bytecode when `builtin_costs` is set.

pub mod args;
#[cfg(feature = "cairo1-compiler")]
pub mod compile;
mod entry;
mod executable;
pub mod values;

pub use crate::program::format::{detect_format, InputFormat};
pub use args::{parse_args, FuncArg};
pub use values::ReturnInfo;

use crate::builtins::BuiltinKind;
use crate::hints::cairo1::{Cairo1Hints, RunParam};
use crate::program::Program;
use cairo_lang_casm::hints::Hint;
use cairo_lang_sierra::program::{Program as SierraProgram, VersionedProgram};
use starknet_types_core::felt::Felt;
use std::sync::Arc;

/// Why a Cairo 1 program could not be loaded or prepared.
#[derive(Debug, thiserror::Error)]
pub enum Cairo1Error {
    /// The file is not valid JSON of the expected shape.
    #[error("invalid {what} JSON: {msg}")]
    Json {
        /// What was expected (`Sierra program`, `executable`).
        what: &'static str,
        /// serde's message.
        msg: String,
    },
    /// The Sierra program is invalid or cannot be compiled to CASM.
    #[error("Sierra program: {0}")]
    Sierra(String),
    /// Compiling `.cairo` sources failed.
    #[error("Cairo compilation failed: {0}")]
    Compile(String),
    /// Bad run arguments.
    #[error("bad arguments: {0}")]
    Args(String),
    /// The program cannot be run as asked (no `main`, an unknown builtin, ...).
    #[error("{0}")]
    Unsupported(String),
}

/// Reads a Sierra program from JSON (bare, or `{"version": 1, "program": ...}`).
pub fn sierra_from_json(bytes: &[u8]) -> Result<SierraProgram, Cairo1Error> {
    let err = |e: serde_json::Error| Cairo1Error::Json { what: "Sierra program", msg: e.to_string() };
    let v: serde_json::Value = serde_json::from_slice(bytes).map_err(err)?;
    if v.get("version").is_some() {
        let versioned: VersionedProgram = serde_json::from_value(v).map_err(err)?;
        let artifact = versioned.into_v1().map_err(|e| Cairo1Error::Sierra(e.to_string()))?;
        return Ok(artifact.program);
    }
    serde_json::from_value(v).map_err(err)
}

/// Reads a Sierra program in Sierra's text syntax.
pub fn sierra_from_text(text: &str) -> Result<SierraProgram, Cairo1Error> {
    cairo_lang_sierra::ProgramParser::new()
        .parse(text)
        .map_err(|e| Cairo1Error::Sierra(format!("parse error: {e}")))
}

/// A Sierra program as JSON (the versioned form Scarb writes).
pub fn sierra_to_json(program: &SierraProgram) -> String {
    let artifact = cairo_lang_sierra::program::ProgramArtifact::stripped(program.clone());
    let versioned = VersionedProgram::from(artifact);
    serde_json::to_string_pretty(&versioned).unwrap_or_default()
}

/// How the program is to be run (the entry code depends on it).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum EntryMode {
    /// From a Cairo Zero-style `main`, ending with `ret`.
    #[default]
    Plain,
    /// From `__start__` to the `jmp rel 0` at `__end__` (proof mode).
    Proof,
}

/// Options of a Cairo 1 run that shape its entry code.
#[derive(Clone, Debug, Default)]
pub struct EntryOptions {
    /// Plain or proof mode.
    pub mode: EntryMode,
    /// `main`'s arguments.
    pub args: Vec<FuncArg>,
    /// The gas given to `main` when it takes a `GasBuiltin` (default: cairo1-run's
    /// 9999999999999).
    pub available_gas: Option<u64>,
}

/// cairo1-run's initial gas when none is given.
pub const DEFAULT_GAS: u64 = 9_999_999_999_999;

/// A Cairo 1 program ready to run: bytecode, hints, builtins and labels.
#[derive(Clone, Debug)]
pub struct Cairo1Program {
    /// The program segment's words.
    pub bytecode: Vec<Felt>,
    /// Hints by pc.
    pub hints: Arc<Cairo1Hints>,
    /// The builtins the entry expects, in canonical order.
    pub builtins: Vec<BuiltinKind>,
    /// The entry pc of a plain run (`main`).
    pub main: usize,
    /// Proof mode's `__start__` and `__end__`, when the program has them.
    pub proof_labels: Option<(usize, usize)>,
    /// Whether the cell after the bytecode gets a builtin-costs pointer.
    pub builtin_costs: bool,
    /// Where the return value is and how to print it (Sierra programs).
    pub ret: Option<ReturnInfo>,
}

impl Cairo1Program {
    /// Compiles a Sierra program and builds its entry code.
    pub fn from_sierra(program: &SierraProgram, options: &EntryOptions) -> Result<Self, Cairo1Error> {
        entry::build(program, options)
    }

    /// Loads an executable (`cairo-lang-executable` JSON); `args` become its run parameter.
    pub fn from_executable_json(bytes: &[u8], options: &EntryOptions) -> Result<Self, Cairo1Error> {
        executable::load(bytes, options)
    }

    /// Loads a program file of any Cairo 1 format (Sierra, executable, or with the
    /// `cairo1-compiler` feature a `.cairo` source).
    pub fn from_file(
        path: &std::path::Path,
        bytes: &[u8],
        options: &EntryOptions,
    ) -> Result<Self, Cairo1Error> {
        match detect_format(path, bytes) {
            InputFormat::Executable => Self::from_executable_json(bytes, options),
            InputFormat::Sierra => Self::from_sierra(&sierra_from_json(bytes)?, options),
            InputFormat::SierraText => {
                let text = std::str::from_utf8(bytes).map_err(|e| Cairo1Error::Sierra(e.to_string()))?;
                Self::from_sierra(&sierra_from_text(text)?, options)
            }
            InputFormat::CairoSource => {
                #[cfg(feature = "cairo1-compiler")]
                {
                    Self::from_sierra(&compile::compile_cairo_file(path, None)?, options)
                }
                #[cfg(not(feature = "cairo1-compiler"))]
                {
                    Err(Cairo1Error::Unsupported(
                        "running .cairo sources needs cairo-jit built with the `cairo1-compiler` feature; \
                         compile to Sierra JSON first"
                            .into(),
                    ))
                }
            }
            InputFormat::CairoZero => match serde_json::from_slice::<serde_json::Value>(bytes) {
                Err(e) => Err(Cairo1Error::Json { what: "program", msg: e.to_string() }),
                Ok(_) => {
                    Err(Cairo1Error::Unsupported("not a Cairo 1 program (Sierra or executable JSON)".into()))
                }
            },
        }
    }

    /// The hints.
    pub fn hints(&self) -> Arc<Cairo1Hints> {
        Arc::clone(&self.hints)
    }

    /// The program as the runner takes it: the bytecode, the builtins, `main` and (when
    /// present) `__start__` / `__end__`. Its hint table is empty: Cairo 1 hints are run by
    /// the Cairo 1 hint processor.
    pub fn to_program(&self) -> Result<Program, Cairo1Error> {
        let mut identifiers = serde_json::Map::new();
        identifiers.insert(
            "__main__.main".into(),
            serde_json::json!({"type": "function", "pc": self.main, "decorators": []}),
        );
        if let Some((start, end)) = self.proof_labels {
            identifiers
                .insert("__main__.__start__".into(), serde_json::json!({"type": "label", "pc": start}));
            identifiers.insert("__main__.__end__".into(), serde_json::json!({"type": "label", "pc": end}));
        }
        let json = serde_json::json!({
            "prime": crate::program::STARK_PRIME_HEX,
            "data": self.bytecode.iter().map(|f| format!("{f:#x}")).collect::<Vec<_>>(),
            "builtins": self.builtins.iter().map(|b| b.name()).collect::<Vec<_>>(),
            "hints": {},
            "identifiers": identifiers,
            "main_scope": "__main__",
            "reference_manager": {"references": []},
            "attributes": [],
        });
        let bytes = serde_json::to_vec(&json).map_err(|e| Cairo1Error::Unsupported(e.to_string()))?;
        Program::from_json_bytes(&bytes).map_err(|e| Cairo1Error::Unsupported(e.to_string()))
    }
}

/// `args` as `WriteRunParam` writes them for an executable: one array of all the felts, arrays
/// serialized as their length then their elements (Serde's layout).
fn run_params(args: &[FuncArg]) -> Vec<Vec<RunParam>> {
    let mut flat = Vec::new();
    for a in args {
        match a {
            FuncArg::Single(f) => flat.push(RunParam::Value(*f)),
            FuncArg::Array(v) => {
                flat.push(RunParam::Value(Felt::from(v.len() as u64)));
                flat.extend(v.iter().map(|f| RunParam::Value(*f)));
            }
        }
    }
    vec![vec![RunParam::Array(flat)]]
}

/// Merges (pc, hints) lists into the hint table.
fn hint_table(hints: Vec<(usize, Vec<Hint>)>, params: Vec<Vec<RunParam>>) -> Arc<Cairo1Hints> {
    let mut h = Cairo1Hints::new(hints);
    h.run_params = params;
    Arc::new(h)
}
