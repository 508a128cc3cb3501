//! Hint failures, reported as cairo-run reports a Python exception raised inside a hint.

use crate::program::{IdsError, Program};
use crate::vm::{HintFailure, MemoryError};
use thiserror::Error;

/// Why a hint failed.
#[derive(Debug, Error)]
pub enum HintError {
    /// The hint raised a Python exception: its type, message, and the 1-based line of the hint
    /// code that raised it (for the traceback cairo-run prints).
    #[error("{exc}: {msg}")]
    Python {
        /// Exception type, e.g. `AssertionError`.
        exc: &'static str,
        /// The exception's message (may be empty).
        msg: String,
        /// Line within the hint's code.
        line: u32,
    },
    /// `ids.<path>` could not be used.
    #[error(transparent)]
    Ids(#[from] IdsError),
    /// A memory fault while the hint wrote.
    #[error(transparent)]
    Memory(#[from] MemoryError),
    /// No implementation is known for this hint text.
    #[error("Unknown hint: {0}")]
    Unknown(String),
}

impl HintError {
    /// An `AssertionError` raised at `line` of the hint.
    pub fn assertion(line: u32, msg: impl Into<String>) -> Self {
        HintError::Python { exc: "AssertionError", msg: msg.into(), line }
    }

    /// A Python exception `exc` raised at `line` of the hint.
    pub fn py(exc: &'static str, line: u32, msg: impl Into<String>) -> Self {
        HintError::Python { exc, msg: msg.into(), line }
    }

    /// `NameError: name 'name' is not defined` (a scope variable a hint reads is missing).
    pub fn name_error(name: &str) -> Self {
        HintError::Python { exc: "NameError", msg: format!("name '{name}' is not defined"), line: 0 }
    }

    /// `ZeroDivisionError` at `line`, as Python words integer division by zero.
    pub fn zero_division(line: u32) -> Self {
        HintError::Python { exc: "ZeroDivisionError", msg: "integer division or modulo by zero".into(), line }
    }

    /// The error, raised at `line` of the hint when it does not say yet (a memory fault, or a
    /// Python error built without a line).
    #[cold]
    pub fn at(self, line: u32) -> Self {
        match self {
            HintError::Python { exc, msg, line: 0 } => HintError::Python { exc, msg, line },
            HintError::Memory(m) => HintError::Python { exc: memory_exception(&m), msg: m.to_string(), line },
            other => other,
        }
    }

    /// The failure as cairo-run reports it: the message after `Error at pc=...:`, and the
    /// Python traceback of the hint (`File "<file>", line N, in <module>`, the source line, the
    /// exception) as the final note.
    pub fn failure(&self, program: &Program, pc: usize, index: usize) -> HintFailure {
        match self {
            HintError::Python { exc, msg, line } => {
                let line = (*line).max(1);
                let mut note = String::from("Traceback (most recent call last):\n");
                match hint_source_line(program, pc, index, line) {
                    Some((file, l, text)) => {
                        note.push_str(&format!("  File \"{file}\", line {l}, in <module>\n"));
                        if let Some(t) = text {
                            note.push_str(&format!("    {t}\n"));
                        }
                    }
                    None => note.push_str(&format!("  File \"<hint{index}>\", line {line}, in <module>\n")),
                }
                if msg.is_empty() {
                    note.push_str(exc);
                } else {
                    note.push_str(&format!("{exc}: {msg}"));
                }
                HintFailure {
                    index,
                    message: "Got an exception while executing a hint.".into(),
                    note: Some(note),
                }
            }
            HintError::Memory(m) => {
                HintError::Python { exc: memory_exception(m), msg: m.to_string(), line: 1 }
                    .failure(program, pc, index)
            }
            HintError::Unknown(code) => HintFailure {
                index,
                message: format!(
                    "Unknown hint: no implementation is registered for this hint text:\n%{{\n{code}\n%}}"
                ),
                note: None,
            },
            other => HintFailure {
                index,
                message: format!("Got an exception while executing a hint: {other}"),
                note: None,
            },
        }
    }
}

/// The Python exception cairo-lang raises for a memory fault.
fn memory_exception(m: &MemoryError) -> &'static str {
    match m {
        MemoryError::Inconsistent { .. } => "starkware.cairo.lang.vm.memory_dict.InconsistentMemoryError",
        MemoryError::Unknown(_) => "starkware.cairo.lang.vm.memory_dict.UnknownMemoryError",
        _ => "AssertionError",
    }
}

/// `result.at(line)`: sets the hint line of an error (see [`HintError::at`]).
pub trait AtLine<T> {
    /// The result, with its error raised at `line` of the hint.
    fn at(self, line: u32) -> Result<T, HintError>;
}

impl<T, E: Into<HintError>> AtLine<T> for Result<T, E> {
    #[inline]
    fn at(self, line: u32) -> Result<T, HintError> {
        self.map_err(|e| e.into().at(line))
    }
}

/// The file, absolute line and (when the file can be read) stripped text of line `line` (1-based)
/// of hint `index` at `pc`, as Python's traceback shows it.
fn hint_source_line(
    program: &Program,
    pc: usize,
    index: usize,
    line: u32,
) -> Option<(String, i64, Option<String>)> {
    let hl = program.instruction_location(pc)?.hints.get(index)?.as_ref()?;
    let file = hl.location.filename.clone()?;
    let l = line as i64 + hl.location.start_line + hl.n_prefix_newlines - 1;
    let content = program
        .debug_info()
        .and_then(|d| d.file_contents.get(&file).cloned())
        .or_else(|| std::fs::read_to_string(&file).ok());
    let text = content.and_then(|c| c.lines().nth((l - 1).max(0) as usize).map(|t| t.trim().to_string()));
    Some((file, l, text))
}
