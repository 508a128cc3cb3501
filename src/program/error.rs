//! Error types of the program loader and of hint `ids` resolution.
//!
//! [`ProgramError`] is returned when a compiled program cannot be loaded: every variant names
//! what is wrong (the JSON position for syntax and type errors, the identifier, reference or pc
//! for semantic errors). [`IdsError`] is returned when a hint's `ids.<path>` cannot be resolved,
//! read or assigned; it always names the path (or the component of it) that failed.

use std::path::PathBuf;

/// Why a compiled program could not be loaded.
#[derive(Debug, thiserror::Error)]
pub enum ProgramError {
    /// The file could not be read.
    #[error("cannot read program file '{path}': {source}")]
    Io {
        /// The file.
        path: PathBuf,
        /// The underlying error.
        #[source]
        source: std::io::Error,
    },
    /// The input is not valid JSON, or a field has the wrong type or is missing. The message is
    /// serde_json's, with the line and column.
    #[error("invalid program JSON: {0}")]
    Json(String),
    /// The `prime` field is not the Stark prime.
    #[error(
        "unsupported prime {0}: only the Stark prime \
         0x800000000000011000000000000000000000000000000000000000000000001 is supported"
    )]
    UnsupportedPrime(String),
    /// A word of `data` is not a `0x`-prefixed hex number below the prime.
    #[error("data[{index}] = \"{word}\" is not a valid field element (expected a 0x-prefixed hex number below the prime)")]
    InvalidDataWord {
        /// Index of the word in `data`.
        index: usize,
        /// The word as written.
        word: String,
    },
    /// A key of `hints` is not a pc inside `data`.
    #[error("hint pc \"{pc}\" is invalid: {reason}")]
    InvalidHintPc {
        /// The key as written.
        pc: String,
        /// What is wrong with it.
        reason: String,
    },
    /// A pc key of `debug_info.instruction_locations` is not a non-negative integer.
    #[error("debug_info.instruction_locations key \"{0}\" is not a pc")]
    InvalidDebugInfoPc(String),
    /// A `reference_ids` entry names a reference that is not in `reference_manager.references`.
    #[error("{context}: reference id {id} of '{name}' does not exist (the reference manager has {count} references)")]
    UnknownReferenceId {
        /// Where the flow-tracking data is (e.g. `hint at pc 12`).
        context: String,
        /// The reference's full name.
        name: String,
        /// The missing id.
        id: usize,
        /// How many references exist.
        count: usize,
    },
    /// A reference value could not be parsed.
    #[error("{context}: cannot parse reference expression '{text}': {reason}")]
    InvalidReference {
        /// Which reference (`reference_manager.references[3]`, or the identifier's name).
        context: String,
        /// The text of the expression.
        text: String,
        /// What is wrong.
        reason: String,
    },
    /// A Cairo type could not be parsed.
    #[error("{context}: cannot parse Cairo type '{text}': {reason}")]
    InvalidType {
        /// Where the type is (e.g. `member 'x' of struct '__main__.P'`).
        context: String,
        /// The text of the type.
        text: String,
        /// What is wrong.
        reason: String,
    },
    /// An identifier definition is malformed (bad name, bad const value, ...).
    #[error("identifier '{name}': {reason}")]
    InvalidIdentifier {
        /// The identifier's full name.
        name: String,
        /// What is wrong.
        reason: String,
    },
    /// A scoped name (accessible scope, main scope, alias destination) is malformed.
    #[error("{context}: invalid scoped name '{name}'")]
    InvalidScopedName {
        /// Where the name is.
        context: String,
        /// The name.
        name: String,
    },
}

impl ProgramError {
    pub(crate) fn json(e: serde_json::Error) -> Self {
        ProgramError::Json(e.to_string())
    }
}

/// Why a hint's `ids.<path>` could not be resolved, read or written.
///
/// The messages follow cairo-lang's where it has one (`Unknown identifier 'x'.`,
/// `Reference 'x' is revoked.`, `'y' is not a member of 'S'.`).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum IdsError {
    /// The path is empty or has an empty component.
    #[error("invalid ids path '{0}'")]
    InvalidPath(String),
    /// No identifier of that name is visible from the hint's scopes.
    #[error("Unknown identifier '{0}'.")]
    Unknown(String),
    /// The identifier is a reference that the hint cannot use: it is not in the hint's
    /// flow-tracking data, or it is ap-based and was defined in another ap-tracking group.
    #[error("Reference '{name}' is revoked ({reason}).")]
    Revoked {
        /// The name as written in the path.
        name: String,
        /// Why.
        reason: String,
    },
    /// A member access on a struct that has no such member.
    #[error("'{member}' is not a member of '{struct_name}'.")]
    NotAMember {
        /// The member name.
        member: String,
        /// The struct's full name.
        struct_name: String,
    },
    /// An identifier-manager error (failed alias resolution, `.` after a non-scope, ...).
    #[error("{0}")]
    Identifier(String),
    /// The value could not be computed (unknown memory cell, invalid pointer arithmetic, ...).
    #[error("cannot evaluate '{name}': {reason}")]
    Eval {
        /// The path.
        name: String,
        /// Why.
        reason: String,
    },
    /// The path does not denote what the caller asked for (e.g. a felt where a pointer was
    /// expected, a struct definition where a value was expected).
    #[error("'{name}' is {found}, expected {expected}")]
    WrongKind {
        /// The path.
        name: String,
        /// What it is.
        found: String,
        /// What was asked for.
        expected: String,
    },
    /// The path cannot be assigned to.
    #[error("'{name}' cannot be assigned: {reason}")]
    NotAssignable {
        /// The path.
        name: String,
        /// Why.
        reason: String,
    },
    /// The identifier's type or kind is not supported by `ids` (cairo-lang raises too).
    #[error("'{name}': {reason}")]
    Unsupported {
        /// The path.
        name: String,
        /// What is unsupported.
        reason: String,
    },
}
