//! The compiled-program JSON exactly as `cairo-compile` writes it, as serde structures.
//!
//! Nothing here is validated beyond JSON types; [`super::load`] converts these into the typed
//! [`super::Program`]. The input is deserialised in one pass, straight into these structures,
//! borrowing strings from it where they are only looked at (data words, pcs, keys):
//!
//! * identifiers are read as flat objects (see [`RawIdentifier`]'s `Deserialize`), not through
//!   serde's internally tagged enums, which buffer every field;
//! * integers that do not fit in 64 bits (const values such as `2 ** 128`) reach
//!   [`BigIntLit`] as a map holding their text when serde_json's `arbitrary_precision` feature
//!   is on (other crates of a build may turn it on), else as a lossy `f64`: the loader then
//!   reads their digits from the input after the `value` key (see [`integer_after_key`]);
//! * the flow-tracking data of debug-info entries (most of a program's JSON) is read for its
//!   largest reference id only ([`RawDebugFlow`]).

use super::flow::{Key, RawStr, ReferenceIds};
use serde::de::{self, Deserializer, Visitor};
use serde::Deserialize;
use std::collections::BTreeMap;
use std::fmt;

/// Top-level program JSON.
#[derive(Deserialize)]
pub(crate) struct RawProgram<'a> {
    pub prime: String,
    #[serde(borrow)]
    pub data: Vec<Key<'a>>,
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
    #[serde(default, borrow)]
    pub debug_info: Option<RawDebugInfo<'a>>,
    #[serde(default)]
    pub main_scope: Option<String>,
    #[serde(default)]
    pub compiler_version: Option<String>,
    /// Whether the document has a top-level key by which
    /// [`crate::program::format::detect_format`] may take it for a Cairo 1 file (`entrypoints`,
    /// `program`, `type_declarations`, `libfunc_declarations`, `statements`): see
    /// [`crate::program::Program::from_json_bytes_if_cairo_zero`].
    #[serde(default, rename = "entrypoints")]
    pub cairo1_entrypoints: Present,
    #[serde(default, rename = "program")]
    pub cairo1_program: Present,
    #[serde(default, rename = "type_declarations")]
    pub cairo1_type_declarations: Present,
    #[serde(default, rename = "libfunc_declarations")]
    pub cairo1_libfunc_declarations: Present,
    #[serde(default, rename = "statements")]
    pub cairo1_statements: Present,
}

impl RawProgram<'_> {
    /// Whether a key of a Cairo 1 format is at the top level (whatever its value, `null`
    /// included).
    pub fn has_cairo1_keys(&self) -> bool {
        [
            self.cairo1_entrypoints,
            self.cairo1_program,
            self.cairo1_type_declarations,
            self.cairo1_libfunc_declarations,
            self.cairo1_statements,
        ]
        .iter()
        .any(|p| p.0)
    }
}

/// Whether a key is present: its value, whatever it is (`null` too, unlike an `Option`), is
/// skipped.
#[derive(Clone, Copy, Default)]
pub(crate) struct Present(pub bool);

impl<'de> Deserialize<'de> for Present {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        de::IgnoredAny::deserialize(d)?;
        Ok(Present(true))
    }
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
    pub reference_ids: ReferenceIds,
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

/// An identifier definition, by its `type` field (see [`RawIdentifier`]'s `Deserialize`).
pub(crate) enum RawIdentifier {
    Function {
        pc: usize,
        decorators: Vec<String>,
    },
    Label {
        pc: usize,
    },
    Const {
        value: BigIntLit,
        /// The address of the `value` key's text in the input, for [`BigIntLit::Lossy`].
        key_addr: Option<usize>,
    },
    Struct {
        full_name: Option<String>,
        members: BTreeMap<String, RawMember>,
        size: i64,
    },
    Member {
        cairo_type: String,
        offset: i64,
    },
    Reference {
        full_name: Option<String>,
        cairo_type: String,
    },
    Alias {
        destination: String,
    },
    TypeDefinition {
        cairo_type: String,
    },
    Namespace,
    Scope,
}

/// The `type` field of an identifier.
#[derive(Deserialize, Clone, Copy)]
#[serde(rename_all = "snake_case")]
enum IdentifierKind {
    Function,
    Label,
    Const,
    Struct,
    Member,
    Reference,
    Alias,
    TypeDefinition,
    Namespace,
    Scope,
}

/// Read as one flat object (cairo-compile writes `type` after most fields, and serde's
/// internally tagged enums buffer every field of every identifier to find it first). Fields
/// the kind does not use are skipped; a missing `type` or required field is serde's
/// `missing field` error.
impl<'de> Deserialize<'de> for RawIdentifier {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = RawIdentifier;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("an identifier definition")
            }
            fn visit_map<A: de::MapAccess<'de>>(self, mut map: A) -> Result<RawIdentifier, A::Error> {
                let mut kind = None;
                let mut pc = None;
                let mut decorators = None;
                let mut value = None;
                let mut key_addr = None;
                let mut full_name = None;
                let mut members = None;
                let mut size = None;
                let mut cairo_type = None;
                let mut offset = None;
                let mut destination = None;
                while let Some(key) = map.next_key::<Key<'de>>()? {
                    match key.as_str() {
                        "type" => kind = Some(map.next_value::<IdentifierKind>()?),
                        "pc" => pc = Some(map.next_value::<usize>()?),
                        "decorators" => decorators = Some(map.next_value::<Vec<String>>()?),
                        "value" => {
                            key_addr = key.address();
                            value = Some(map.next_value::<BigIntLit>()?);
                        }
                        "full_name" => full_name = map.next_value::<Option<String>>()?,
                        "members" => members = Some(map.next_value::<BTreeMap<String, RawMember>>()?),
                        "size" => size = Some(map.next_value::<i64>()?),
                        "cairo_type" => cairo_type = Some(map.next_value::<String>()?),
                        "offset" => offset = Some(map.next_value::<i64>()?),
                        "destination" => destination = Some(map.next_value::<String>()?),
                        _ => {
                            map.next_value::<de::IgnoredAny>()?;
                        }
                    }
                }
                fn req<T, E: de::Error>(v: Option<T>, field: &'static str) -> Result<T, E> {
                    v.ok_or_else(|| E::missing_field(field))
                }
                Ok(match req(kind, "type")? {
                    IdentifierKind::Function => RawIdentifier::Function {
                        pc: req(pc, "pc")?,
                        decorators: decorators.unwrap_or_default(),
                    },
                    IdentifierKind::Label => RawIdentifier::Label { pc: req(pc, "pc")? },
                    IdentifierKind::Const => RawIdentifier::Const { value: req(value, "value")?, key_addr },
                    IdentifierKind::Struct => RawIdentifier::Struct {
                        full_name,
                        members: members.unwrap_or_default(),
                        size: req(size, "size")?,
                    },
                    IdentifierKind::Member => RawIdentifier::Member {
                        cairo_type: req(cairo_type, "cairo_type")?,
                        offset: req(offset, "offset")?,
                    },
                    IdentifierKind::Reference => {
                        RawIdentifier::Reference { full_name, cairo_type: req(cairo_type, "cairo_type")? }
                    }
                    IdentifierKind::Alias => {
                        RawIdentifier::Alias { destination: req(destination, "destination")? }
                    }
                    IdentifierKind::TypeDefinition => {
                        RawIdentifier::TypeDefinition { cairo_type: req(cairo_type, "cairo_type")? }
                    }
                    IdentifierKind::Namespace => RawIdentifier::Namespace,
                    IdentifierKind::Scope => RawIdentifier::Scope,
                })
            }
        }
        d.deserialize_map(V)
    }
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
pub(crate) struct RawDebugInfo<'a> {
    #[serde(default, borrow)]
    pub instruction_locations: Entries<Key<'a>, RawInstructionLocation<'a>>,
    #[serde(default)]
    pub file_contents: BTreeMap<String, String>,
}

/// `debug_info.instruction_locations[pc]`.
#[derive(Deserialize)]
pub(crate) struct RawInstructionLocation<'a> {
    pub inst: RawLocation,
    #[serde(default)]
    pub hints: Vec<Option<RawHintLocation>>,
    #[serde(default)]
    pub accessible_scopes: Vec<String>,
    #[serde(default, borrow)]
    pub flow_tracking_data: Option<RawDebugFlow<'a>>,
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

/// An integer of any size: a JSON number, or a string of decimal digits with an optional `-`.
pub(crate) enum BigIntLit {
    /// The value.
    Exact(num_bigint::BigInt),
    /// An integer too large for 64 bits that serde_json (without its `arbitrary_precision`
    /// feature) only hands over as an `f64`: the loader reads its digits from the input text.
    Lossy,
}

/// The `Number` token serde_json's `arbitrary_precision` feature passes numbers through.
const ARBITRARY_PRECISION_TOKEN: &str = "$serde_json::private::Number";

impl<'de> Deserialize<'de> for BigIntLit {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl V {
            fn digits<E: de::Error>(&self, v: &str) -> Result<BigIntLit, E> {
                let digits = v.strip_prefix('-').unwrap_or(v);
                if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
                    return Err(E::invalid_value(de::Unexpected::Str(v), self));
                }
                v.parse::<num_bigint::BigInt>()
                    .map(BigIntLit::Exact)
                    .map_err(|_| E::invalid_value(de::Unexpected::Str(v), self))
            }
        }
        impl<'de> Visitor<'de> for V {
            type Value = BigIntLit;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("an integer")
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<BigIntLit, E> {
                Ok(BigIntLit::Exact(v.into()))
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<BigIntLit, E> {
                Ok(BigIntLit::Exact(v.into()))
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<BigIntLit, E> {
                // Integers beyond 64 bits arrive here; anything else is a real float.
                if v.is_finite() && v.fract() == 0.0 && v.abs() >= 9e18 {
                    Ok(BigIntLit::Lossy)
                } else {
                    Err(E::invalid_type(de::Unexpected::Float(v), &self))
                }
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<BigIntLit, E> {
                self.digits(v)
            }
            fn visit_map<A: de::MapAccess<'de>>(self, mut map: A) -> Result<BigIntLit, A::Error> {
                // serde_json with `arbitrary_precision` (enabled by other crates of the build)
                // passes big numbers as a one-entry map holding their text.
                let key = map.next_key::<Key<'de>>()?;
                if key.as_ref().map(Key::as_str) != Some(ARBITRARY_PRECISION_TOKEN) {
                    return Err(de::Error::invalid_type(de::Unexpected::Map, &self));
                }
                let text: String = map.next_value()?;
                self.digits(&text).map_err(|_: A::Error| {
                    de::Error::invalid_type(de::Unexpected::Other(&format!("number {text}")), &self)
                })
            }
        }
        d.deserialize_any(V)
    }
}

/// Reads the integer literal that follows the JSON key starting at `key_addr` (the address of
/// the key's first character in `input`): `"value": -123...`. `None` when the text there is not
/// a plain integer.
pub(crate) fn integer_after_key(input: &[u8], key_addr: usize) -> Option<num_bigint::BigInt> {
    let start = key_addr.checked_sub(input.as_ptr() as usize)?;
    let rest = input.get(start..)?;
    let colon = rest.iter().position(|&b| b == b':')?;
    let rest = &rest[colon + 1..];
    let first = rest.iter().position(|b| !b.is_ascii_whitespace())?;
    let rest = &rest[first..];
    let sign = usize::from(rest.first() == Some(&b'-'));
    let len = sign + rest[sign..].iter().take_while(|b| b.is_ascii_digit()).count();
    if len == sign || matches!(rest.get(len), Some(b'.' | b'e' | b'E')) {
        return None;
    }
    std::str::from_utf8(&rest[..len]).ok()?.parse().ok()
}

/// Integers with more digits than this are quoted (every integer of up to 18 digits fits in
/// an `i64`).
#[cfg(test)]
const MAX_UNQUOTED_DIGITS: usize = 18;

/// Returns `input` with every JSON integer literal of more than 18 digits (outside strings)
/// wrapped in double quotes, so that it reaches [`BigIntLit`] as a string, losslessly (tests
/// use it to turn programs into exact `serde_json::Value`s). Returns
/// `None` when there is no such literal (the input can be used as is). Never fails: malformed
/// JSON is passed through for serde_json to report.
#[cfg(test)]
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

/// A JSON object's entries in document order (duplicates kept; the loader decides).
pub(crate) struct Entries<K, V>(pub Vec<(K, V)>);

impl<K, V> Default for Entries<K, V> {
    fn default() -> Self {
        Entries(Vec::new())
    }
}

impl<'de, K: Deserialize<'de>, V: Deserialize<'de>> Deserialize<'de> for Entries<K, V> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct Vis<K, V>(std::marker::PhantomData<(K, V)>);
        impl<'de, K: Deserialize<'de>, V: Deserialize<'de>> Visitor<'de> for Vis<K, V> {
            type Value = Entries<K, V>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a map")
            }
            fn visit_map<A: de::MapAccess<'de>>(self, mut map: A) -> Result<Entries<K, V>, A::Error> {
                let mut v = Vec::with_capacity(map.size_hint().unwrap_or(0));
                while let Some(e) = map.next_entry()? {
                    v.push(e);
                }
                Ok(Entries(v))
            }
        }
        d.deserialize_map(Vis(std::marker::PhantomData))
    }
}

/// The flow-tracking data of a debug-info entry: checked, not kept (see
/// [`super::InstructionLocation`]).
pub(crate) struct RawDebugFlow<'a> {
    /// The largest reference id, with its name.
    pub max_reference_id: Option<(usize, RawStr<'a>)>,
}

/// `reference_ids` read for the largest id only (names are not checked for UTF-8).
struct MaxReferenceId<'a>(Option<(usize, RawStr<'a>)>);

impl<'de: 'a, 'a> Deserialize<'de> for MaxReferenceId<'a> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = MaxReferenceId<'de>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a map")
            }
            fn visit_map<A: de::MapAccess<'de>>(self, mut map: A) -> Result<MaxReferenceId<'de>, A::Error> {
                let mut max: Option<(usize, RawStr<'de>)> = None;
                while let Some(key) = map.next_key::<RawStr<'de>>()? {
                    let id: usize = map.next_value()?;
                    if max.as_ref().is_none_or(|(m, _)| id > *m) {
                        max = Some((id, key));
                    }
                }
                Ok(MaxReferenceId(max))
            }
        }
        d.deserialize_map(V)
    }
}

impl<'de: 'a, 'a> Deserialize<'de> for RawDebugFlow<'a> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = RawDebugFlow<'de>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("flow-tracking data")
            }
            fn visit_map<A: de::MapAccess<'de>>(self, mut map: A) -> Result<RawDebugFlow<'de>, A::Error> {
                let mut ap_tracking = false;
                let mut max_reference_id = None;
                while let Some(key) = map.next_key::<Key<'de>>()? {
                    match key.as_str() {
                        "ap_tracking" => {
                            map.next_value::<RawApTracking>()?;
                            ap_tracking = true;
                        }
                        "reference_ids" => max_reference_id = map.next_value::<MaxReferenceId<'de>>()?.0,
                        _ => {
                            map.next_value::<de::IgnoredAny>()?;
                        }
                    }
                }
                if !ap_tracking {
                    return Err(de::Error::missing_field("ap_tracking"));
                }
                Ok(RawDebugFlow { max_reference_id })
            }
        }
        d.deserialize_map(V)
    }
}
