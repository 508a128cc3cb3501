//! The compiled-program JSON exactly as `cairo-compile` writes it, as serde structures.
//!
//! Nothing here is validated beyond JSON types; [`super::load`] converts these into the typed
//! [`super::Program`]. Integers that do not fit in 64 bits (const values such as `2 ** 128`)
//! are quoted by [`quote_big_integers`] before deserialisation, because serde_json (without
//! its `arbitrary_precision` feature) would otherwise read them as lossy `f64`s.

use serde::de::{self, Deserializer, Visitor};
use serde::Deserialize;
use std::collections::BTreeMap;
use std::fmt;

/// Top-level program JSON.
#[derive(Deserialize)]
pub(crate) struct RawProgram {
    pub prime: String,
    pub data: Vec<String>,
    #[serde(default)]
    pub builtins: Vec<String>,
    #[serde(default)]
    pub hints: BTreeMap<String, Vec<RawHint>>,
    #[serde(default)]
    pub identifiers: BTreeMap<String, RawIdentifier>,
    #[serde(default)]
    pub reference_manager: RawReferenceManager,
    #[serde(default)]
    pub attributes: Vec<RawAttribute>,
    #[serde(default)]
    pub debug_info: Option<RawDebugInfo>,
    #[serde(default)]
    pub main_scope: Option<String>,
    #[serde(default)]
    pub compiler_version: Option<String>,
}

/// `{group, offset}`.
#[derive(Deserialize, Clone, Copy)]
pub(crate) struct RawApTracking {
    pub group: i64,
    pub offset: i64,
}

/// `{ap_tracking, reference_ids}`.
#[derive(Deserialize)]
pub(crate) struct RawFlowTrackingData {
    pub ap_tracking: RawApTracking,
    #[serde(default)]
    pub reference_ids: BTreeMap<String, usize>,
}

/// One hint of `hints[pc]`.
#[derive(Deserialize)]
pub(crate) struct RawHint {
    pub code: String,
    #[serde(default)]
    pub accessible_scopes: Vec<String>,
    pub flow_tracking_data: RawFlowTrackingData,
}

/// `reference_manager`.
#[derive(Deserialize, Default)]
pub(crate) struct RawReferenceManager {
    #[serde(default)]
    pub references: Vec<RawReference>,
}

/// One reference: its value is an expression string such as `[cast(fp + (-3), felt*)]`.
#[derive(Deserialize)]
pub(crate) struct RawReference {
    pub ap_tracking_data: RawApTracking,
    #[serde(default)]
    pub pc: Option<usize>,
    pub value: String,
}

/// A struct member `{cairo_type, offset}`.
#[derive(Deserialize)]
pub(crate) struct RawMember {
    pub cairo_type: String,
    pub offset: i64,
}

/// An identifier definition, tagged by its `type` field.
#[derive(Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub(crate) enum RawIdentifier {
    Function {
        pc: usize,
        #[serde(default)]
        decorators: Vec<String>,
    },
    Label {
        pc: usize,
    },
    Const {
        value: BigIntLit,
    },
    Struct {
        #[serde(default)]
        full_name: Option<String>,
        #[serde(default)]
        members: BTreeMap<String, RawMember>,
        size: i64,
    },
    Member {
        cairo_type: String,
        offset: i64,
    },
    Reference {
        #[serde(default)]
        full_name: Option<String>,
        cairo_type: String,
    },
    Alias {
        destination: String,
    },
    TypeDefinition {
        cairo_type: String,
    },
    Namespace {},
    Scope {},
}

/// A `with_attr` scope.
#[derive(Deserialize)]
pub(crate) struct RawAttribute {
    pub name: String,
    pub value: String,
    pub start_pc: usize,
    pub end_pc: usize,
    #[serde(default)]
    pub accessible_scopes: Vec<String>,
    #[serde(default)]
    pub flow_tracking_data: Option<RawFlowTrackingData>,
}

/// `debug_info`.
#[derive(Deserialize)]
pub(crate) struct RawDebugInfo {
    #[serde(default)]
    pub instruction_locations: BTreeMap<String, RawInstructionLocation>,
    #[serde(default)]
    pub file_contents: BTreeMap<String, String>,
}

/// `debug_info.instruction_locations[pc]`.
#[derive(Deserialize)]
pub(crate) struct RawInstructionLocation {
    pub inst: RawLocation,
    #[serde(default)]
    pub hints: Vec<Option<RawHintLocation>>,
    #[serde(default)]
    pub accessible_scopes: Vec<String>,
    #[serde(default)]
    pub flow_tracking_data: Option<RawFlowTrackingData>,
}

/// A source location; `parent_location` is `[location, message]`.
#[derive(Deserialize)]
pub(crate) struct RawLocation {
    pub start_line: i64,
    pub start_col: i64,
    pub end_line: i64,
    pub end_col: i64,
    pub input_file: RawInputFile,
    #[serde(default)]
    pub parent_location: Option<(Box<RawLocation>, String)>,
}

/// `{filename}` (the filename may be null).
#[derive(Deserialize)]
pub(crate) struct RawInputFile {
    #[serde(default)]
    pub filename: Option<String>,
}

/// `{location, n_prefix_newlines}`.
#[derive(Deserialize)]
pub(crate) struct RawHintLocation {
    pub location: RawLocation,
    #[serde(default)]
    pub n_prefix_newlines: i64,
}

/// An arbitrary-size integer written either as a JSON number or (after
/// [`quote_big_integers`]) as a string of decimal digits with an optional `-`.
pub(crate) struct BigIntLit(pub num_bigint::BigInt);

impl<'de> Deserialize<'de> for BigIntLit {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl Visitor<'_> for V {
            type Value = BigIntLit;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("an integer")
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<BigIntLit, E> {
                Ok(BigIntLit(v.into()))
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<BigIntLit, E> {
                Ok(BigIntLit(v.into()))
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<BigIntLit, E> {
                let digits = v.strip_prefix('-').unwrap_or(v);
                if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
                    return Err(E::invalid_value(de::Unexpected::Str(v), &self));
                }
                v.parse::<num_bigint::BigInt>()
                    .map(BigIntLit)
                    .map_err(|_| E::invalid_value(de::Unexpected::Str(v), &self))
            }
        }
        d.deserialize_any(V)
    }
}

/// Integers with more digits than this are quoted (every integer of up to 18 digits fits in
/// an `i64`).
const MAX_UNQUOTED_DIGITS: usize = 18;

/// Returns `input` with every JSON integer literal of more than 18 digits (outside strings)
/// wrapped in double quotes, so that it reaches [`BigIntLit`] as a string, losslessly. Returns
/// `None` when there is no such literal (the input can be used as is). Never fails: malformed
/// JSON is passed through for serde_json to report.
pub(crate) fn quote_big_integers(input: &[u8]) -> Option<Vec<u8>> {
    let mut out: Option<Vec<u8>> = None;
    let mut copied = 0; // input[..copied] is already in `out` (when `out` is Some).
    let mut i = 0;
    let n = input.len();
    while i < n {
        let b = input[i];
        if b == b'"' {
            // Skip the string, honouring backslash escapes.
            i += 1;
            while i < n && input[i] != b'"' {
                i += if input[i] == b'\\' { 2 } else { 1 };
            }
            i += 1;
            continue;
        }
        if b == b'-' || b.is_ascii_digit() {
            let start = i;
            if b == b'-' {
                i += 1;
            }
            let digits_start = i;
            while i < n && input[i].is_ascii_digit() {
                i += 1;
            }
            let digits = i - digits_start;
            let mut is_plain_int = true;
            // Consume a fraction and an exponent so that their digits are not taken for
            // integers.
            if i < n && input[i] == b'.' {
                is_plain_int = false;
                i += 1;
                while i < n && input[i].is_ascii_digit() {
                    i += 1;
                }
            }
            if i < n && matches!(input[i], b'e' | b'E') {
                is_plain_int = false;
                i += 1;
                if i < n && matches!(input[i], b'+' | b'-') {
                    i += 1;
                }
                while i < n && input[i].is_ascii_digit() {
                    i += 1;
                }
            }
            if digits > MAX_UNQUOTED_DIGITS && is_plain_int {
                let buf = out.get_or_insert_with(|| Vec::with_capacity(n + 64));
                buf.extend_from_slice(&input[copied..start]);
                buf.push(b'"');
                buf.extend_from_slice(&input[start..i]);
                buf.push(b'"');
                copied = i;
            }
            continue;
        }
        i += 1;
    }
    out.map(|mut buf| {
        buf.extend_from_slice(input.get(copied..).unwrap_or_default());
        buf
    })
}
