//! Loading: raw JSON -> validated [`Program`].
//!
//! Every check happens here, once: the prime, each data word, hint pcs, reference ids in all
//! flow-tracking data, identifier names and types, and the syntax of every reference
//! expression. Nothing in this module panics on any input.

use super::error::ProgramError;
use super::eval::{infer_type, ApTracking, Reference};
use super::expr::{parse_expr, parse_type, CairoType};
use super::flow::InternerGuard;
use super::identifiers::{Identifier, Identifiers, Member, StructDef};
use super::ids::HintRefs;
use super::location::{DebugInfo, HintLocation, InstructionLocation, Location};
use super::raw::{self, BigIntLit, RawFlowTrackingData, RawIdentifier, RawLocation, RawProgram};
use super::{Attribute, FlowTrackingData, Hint, Program};
use starknet_types_core::felt::Felt;
use std::collections::hash_map::Entry;
use std::collections::{BTreeMap, HashMap};
use std::path::Path;
use std::sync::Arc;

/// The Stark prime, in hex, as cairo-compile writes it.
pub const STARK_PRIME_HEX: &str = "0x800000000000011000000000000000000000000000000000000000000000001";

impl Program {
    /// Loads a program from cairo-compile's JSON.
    pub fn from_json_bytes(bytes: &[u8]) -> Result<Program, ProgramError> {
        let _interner = InternerGuard::install();
        let raw: RawProgram = serde_json::from_slice(bytes).map_err(ProgramError::json)?;
        convert(raw, bytes)
    }

    /// Loads `bytes` when they are a Cairo Zero program by [`super::format::detect_format`]'s
    /// rule as well: a program that loads, and whose top level has none of the keys of a Cairo
    /// 1 format. `None` otherwise (any load error included): the caller then detects the
    /// format as usual. Where this answers, it saves the detection its own pass over the
    /// document (for a 17 MiB program about as long as loading it).
    ///
    /// Why the answer is the detection's: a document that loads is a JSON object with `prime`
    /// and `data`; [`super::format::detect_format`] answers Cairo Zero for any object without
    /// those five keys, and for a document it cannot parse whole.
    pub fn from_json_bytes_if_cairo_zero(bytes: &[u8]) -> Option<Program> {
        let _interner = InternerGuard::install();
        let raw: RawProgram = serde_json::from_slice(bytes).ok()?;
        if raw.has_cairo1_keys() {
            return None;
        }
        convert(raw, bytes).ok()
    }

    /// Loads a program from a JSON file.
    pub fn from_file(path: &Path) -> Result<Program, ProgramError> {
        let bytes =
            std::fs::read(path).map_err(|source| ProgramError::Io { path: path.to_path_buf(), source })?;
        Program::from_json_bytes(&bytes)
    }
}

/// The Stark prime, big-endian.
const STARK_PRIME_BE: [u8; 32] = {
    let mut p = [0u8; 32];
    p[0] = 0x08;
    p[7] = 0x11;
    p[31] = 0x01;
    p
};

/// Parses `0x...` (any case, leading zeros allowed) into a 256-bit big-endian integer; `None`
/// if it is not such a number or needs more than 256 bits.
fn parse_hex_be(s: &str) -> Option<[u8; 32]> {
    let digits = s.strip_prefix("0x").or_else(|| s.strip_prefix("0X"))?.as_bytes();
    if digits.is_empty() {
        return None;
    }
    let significant = &digits[digits.iter().position(|&b| b != b'0').unwrap_or(digits.len())..];
    if significant.len() > 64 {
        // Too large, or not hex at all: either way not a word below the prime.
        return None;
    }
    let mut out = [0u8; 32];
    for (i, &c) in significant.iter().rev().enumerate() {
        let v = match c {
            b'0'..=b'9' => c - b'0',
            b'a'..=b'f' => c - b'a' + 10,
            b'A'..=b'F' => c - b'A' + 10,
            _ => return None,
        };
        out[31 - i / 2] |= v << (4 * (i % 2));
    }
    Some(out)
}

/// A data word: a hex number below the prime.
fn parse_word(s: &str) -> Option<Felt> {
    parse_hex_be(s).filter(|be| *be < STARK_PRIME_BE).map(|be| Felt::from_bytes_be(&be))
}

/// Whether `name` is a valid scoped name: components separated by `.`, none empty.
fn valid_name(name: &str) -> bool {
    let b = name.as_bytes();
    !b.is_empty() && b[0] != b'.' && b[b.len() - 1] != b'.' && !b.windows(2).any(|w| w == b"..")
}

fn check_name(context: &str, name: &str, allow_empty: bool) -> Result<(), ProgramError> {
    if (name.is_empty() && allow_empty) || valid_name(name) {
        Ok(())
    } else {
        Err(ProgramError::InvalidScopedName { context: context.into(), name: name.into() })
    }
}

fn check_scopes(context: impl Fn() -> String, scopes: &[String]) -> Result<(), ProgramError> {
    match scopes.iter().find(|s| !s.is_empty() && !valid_name(s)) {
        Some(s) => check_name(&context(), s, true),
        None => Ok(()),
    }
}

fn flow(context: &str, raw: RawFlowTrackingData, n_refs: usize) -> Result<FlowTrackingData, ProgramError> {
    for (name, id) in raw.reference_ids.iter() {
        if id >= n_refs {
            return Err(ProgramError::UnknownReferenceId {
                context: context.into(),
                name: name.into(),
                id,
                count: n_refs,
            });
        }
    }
    Ok(FlowTrackingData {
        ap_tracking: ApTracking { group: raw.ap_tracking.group, offset: raw.ap_tracking.offset },
        reference_ids: raw.reference_ids,
    })
}

/// Checks a debug-info entry's reference ids (the entry's flow-tracking data is not kept).
fn check_debug_flow(
    context: impl Fn() -> String,
    raw: &raw::RawDebugFlow<'_>,
    n_refs: usize,
) -> Result<(), ProgramError> {
    match &raw.max_reference_id {
        Some((id, name)) if *id >= n_refs => Err(ProgramError::UnknownReferenceId {
            context: context(),
            name: String::from_utf8_lossy(name.as_bytes()).into_owned(),
            id: *id,
            count: n_refs,
        }),
        _ => Ok(()),
    }
}

fn ty(context: impl Fn() -> String, text: &str) -> Result<CairoType, ProgramError> {
    parse_type(text).map_err(|reason| ProgramError::InvalidType {
        context: context(),
        text: text.into(),
        reason,
    })
}

fn location(raw: RawLocation) -> Location {
    Location {
        start_line: raw.start_line,
        start_col: raw.start_col,
        end_line: raw.end_line,
        end_col: raw.end_col,
        filename: raw.input_file.filename,
        parent: raw.parent_location.map(|(loc, msg)| (Box::new(location(*loc)), msg)),
    }
}

fn identifier(name: &str, raw: RawIdentifier, input: &[u8]) -> Result<Identifier, ProgramError> {
    let bad = |reason: String| ProgramError::InvalidIdentifier { name: name.into(), reason };
    Ok(match raw {
        RawIdentifier::Function { pc, decorators } => Identifier::Function { pc, decorators },
        RawIdentifier::Label { pc } => Identifier::Label { pc },
        RawIdentifier::Const { value, key_addr } => {
            let value = match value {
                BigIntLit::Exact(v) => v,
                BigIntLit::Lossy => key_addr
                    .and_then(|a| raw::integer_after_key(input, a))
                    .ok_or_else(|| bad("the const value is not an integer".into()))?,
            };
            Identifier::Const { felt: Felt::from(&value), value }
        }
        RawIdentifier::Struct { full_name, members, size } => {
            let size = usize::try_from(size).map_err(|_| bad(format!("negative struct size {size}")))?;
            let mut ms = BTreeMap::new();
            for (m, raw_m) in members {
                let offset = usize::try_from(raw_m.offset)
                    .map_err(|_| bad(format!("member '{m}' has negative offset {}", raw_m.offset)))?;
                let cairo_type = ty(|| format!("member '{m}' of struct '{name}'"), &raw_m.cairo_type)?;
                ms.insert(m, Member { offset, cairo_type });
            }
            let full_name = full_name.unwrap_or_else(|| name.to_string());
            check_name(&format!("struct '{name}'"), &full_name, false)?;
            Identifier::Struct(Arc::new(StructDef { full_name, members: ms, size }))
        }
        RawIdentifier::Member { cairo_type, offset } => {
            let offset = usize::try_from(offset).map_err(|_| bad(format!("negative offset {offset}")))?;
            Identifier::Member(Member {
                offset,
                cairo_type: ty(|| format!("identifier '{name}'"), &cairo_type)?,
            })
        }
        RawIdentifier::Reference { full_name, cairo_type, .. } => Identifier::Reference {
            full_name: full_name.unwrap_or_else(|| name.to_string()),
            cairo_type: ty(|| format!("reference '{name}'"), &cairo_type)?,
        },
        RawIdentifier::Alias { destination } => {
            check_name(&format!("alias '{name}'"), &destination, false)?;
            Identifier::Alias { destination }
        }
        RawIdentifier::TypeDefinition { cairo_type } => Identifier::TypeDefinition {
            cairo_type: ty(|| format!("type definition '{name}'"), &cairo_type)?,
        },
        RawIdentifier::Namespace => Identifier::Namespace,
        RawIdentifier::Scope => Identifier::Scope,
    })
}

/// The reference manager's references, each expression parsed once: most texts repeat
/// (`[cast(ap + (-1), felt*)]` is two thirds of a keccak program's 939), and a repeat takes a
/// copy of the first one's expression and type.
fn references(raw: &[raw::RawReference]) -> Result<Vec<Reference>, ProgramError> {
    let mut first: HashMap<&str, usize> = HashMap::new();
    let mut out: Vec<Reference> = Vec::with_capacity(raw.len());
    for (i, r) in raw.iter().enumerate() {
        let (expr, ty) = match first.entry(&r.value) {
            Entry::Occupied(e) => {
                let f = &out[*e.get()];
                (f.expr.clone(), f.ty.clone())
            }
            Entry::Vacant(e) => {
                e.insert(i);
                let expr = parse_expr(&r.value).map_err(|reason| ProgramError::InvalidReference {
                    context: format!("reference_manager.references[{i}]"),
                    text: r.value.clone(),
                    reason,
                })?;
                let ty = infer_type(&expr);
                (expr, ty)
            }
        };
        out.push(Reference {
            pc: r.pc,
            ap_tracking: ApTracking { group: r.ap_tracking_data.group, offset: r.ap_tracking_data.offset },
            ty,
            expr,
            text: r.value.clone(),
        });
    }
    Ok(out)
}

fn convert(raw: RawProgram, input: &[u8]) -> Result<Program, ProgramError> {
    if parse_hex_be(&raw.prime) != Some(STARK_PRIME_BE) {
        return Err(ProgramError::UnsupportedPrime(raw.prime));
    }

    let data = raw
        .data
        .iter()
        .enumerate()
        .map(|(index, word)| {
            parse_word(word.as_str())
                .ok_or_else(|| ProgramError::InvalidDataWord { index, word: word.as_str().into() })
        })
        .collect::<Result<Vec<_>, _>>()?;

    let mut defs = Vec::with_capacity(raw.identifiers.len());
    for (name, raw_id) in raw.identifiers {
        check_name("identifiers", &name, false)?;
        let def = identifier(&name, raw_id, input)?;
        defs.push((name, def));
    }
    let identifiers = Identifiers::new(defs);

    let references = references(&raw.reference_manager.references)?;
    let n_refs = references.len();

    let main_scope = raw.main_scope.unwrap_or_else(|| "__main__".to_string());
    check_name("main_scope", &main_scope, true)?;

    let mut hints = BTreeMap::new();
    for (pc_str, raw_hints) in raw.hints {
        let pc: usize = pc_str.parse().map_err(|_| ProgramError::InvalidHintPc {
            pc: pc_str.clone(),
            reason: "not a non-negative integer".into(),
        })?;
        if pc >= data.len() {
            return Err(ProgramError::InvalidHintPc {
                pc: pc_str,
                reason: format!("outside the program (data has {} words)", data.len()),
            });
        }
        let mut list = Vec::with_capacity(raw_hints.len());
        for (i, h) in raw_hints.into_iter().enumerate() {
            let context = format!("hint {i} at pc {pc}");
            check_scopes(|| context.clone(), &h.accessible_scopes)?;
            let flow_tracking_data = flow(&context, h.flow_tracking_data, n_refs)?;
            let refs = HintRefs::build(&identifiers, &h.accessible_scopes, &flow_tracking_data);
            list.push(Hint {
                code: h.code,
                accessible_scopes: h.accessible_scopes,
                flow_tracking_data,
                refs,
            });
        }
        hints.insert(pc, list);
    }

    let attributes = raw
        .attributes
        .into_iter()
        .enumerate()
        .map(|(i, a)| {
            let context = format!("attribute {i} ('{}')", a.name);
            check_scopes(|| context.clone(), &a.accessible_scopes)?;
            let flow_tracking_data = a.flow_tracking_data.map(|f| flow(&context, f, n_refs)).transpose()?;
            Ok(Attribute {
                name: a.name,
                value: a.value,
                start_pc: a.start_pc,
                end_pc: a.end_pc,
                accessible_scopes: a.accessible_scopes,
                flow_tracking_data,
            })
        })
        .collect::<Result<Vec<_>, ProgramError>>()?;

    let debug_info = raw
        .debug_info
        .map(|d| {
            let mut instruction_locations = BTreeMap::new();
            for (pc_str, l) in d.instruction_locations.0 {
                let pc_str = pc_str.as_str();
                let pc: usize =
                    pc_str.parse().map_err(|_| ProgramError::InvalidDebugInfoPc(pc_str.into()))?;
                let context = || format!("debug_info at pc {pc}");
                check_scopes(context, &l.accessible_scopes)?;
                if let Some(f) = &l.flow_tracking_data {
                    check_debug_flow(context, f, n_refs)?;
                }
                let hints = l
                    .hints
                    .into_iter()
                    .map(|h| {
                        h.map(|h| HintLocation {
                            location: location(h.location),
                            n_prefix_newlines: h.n_prefix_newlines,
                        })
                    })
                    .collect();
                instruction_locations.insert(
                    pc,
                    InstructionLocation {
                        inst: location(l.inst),
                        hints,
                        accessible_scopes: l.accessible_scopes,
                    },
                );
            }
            Ok::<_, ProgramError>(DebugInfo { instruction_locations, file_contents: d.file_contents })
        })
        .transpose()?;

    Ok(Program {
        data,
        builtins: raw.builtins,
        hints,
        identifiers,
        references,
        attributes,
        debug_info,
        main_scope,
        compiler_version: raw.compiler_version,
    })
}
