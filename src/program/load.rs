//! Loading: raw JSON -> validated [`Program`].
//!
//! Every check happens here, once: the prime, each data word, hint pcs, reference ids in all
//! flow-tracking data, identifier names and types, and the syntax of every reference
//! expression. Nothing in this module panics on any input.

use super::error::ProgramError;
use super::eval::{infer_type, ApTracking, Reference};
use super::expr::{parse_expr, parse_type, CairoType};
use super::identifiers::{Identifier, Identifiers, Member, StructDef};
use super::ids::HintRefs;
use super::location::{DebugInfo, HintLocation, InstructionLocation, Location};
use super::raw::{self, RawFlowTrackingData, RawIdentifier, RawLocation, RawProgram};
use super::{Attribute, FlowTrackingData, Hint, Program};
use num_bigint::BigUint;
use starknet_types_core::felt::Felt;
use std::collections::BTreeMap;
use std::path::Path;
use std::sync::Arc;

/// The Stark prime, in hex, as cairo-compile writes it.
pub const STARK_PRIME_HEX: &str = "0x800000000000011000000000000000000000000000000000000000000000001";

impl Program {
    /// Loads a program from cairo-compile's JSON.
    pub fn from_json_bytes(bytes: &[u8]) -> Result<Program, ProgramError> {
        let quoted = raw::quote_big_integers(bytes);
        let raw: RawProgram = match serde_json::from_slice(quoted.as_deref().unwrap_or(bytes)) {
            Ok(r) => r,
            Err(e) => {
                // Report syntax errors at their position in the original text.
                if quoted.is_some() {
                    if let Err(orig) = serde_json::from_slice::<serde::de::IgnoredAny>(bytes) {
                        return Err(ProgramError::json(orig));
                    }
                }
                return Err(ProgramError::json(e));
            }
        };
        convert(raw)
    }

    /// Loads a program from a JSON file.
    pub fn from_file(path: &Path) -> Result<Program, ProgramError> {
        let bytes =
            std::fs::read(path).map_err(|source| ProgramError::Io { path: path.to_path_buf(), source })?;
        Program::from_json_bytes(&bytes)
    }
}

/// Parses `0x...` (any case) into an integer.
fn parse_hex(s: &str) -> Option<BigUint> {
    let digits = s.strip_prefix("0x").or_else(|| s.strip_prefix("0X"))?;
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_hexdigit()) {
        return None;
    }
    BigUint::parse_bytes(digits.as_bytes(), 16)
}

fn check_name(context: &str, name: &str, allow_empty: bool) -> Result<(), ProgramError> {
    let ok = if name.is_empty() { allow_empty } else { name.split('.').all(|p| !p.is_empty()) };
    if ok {
        Ok(())
    } else {
        Err(ProgramError::InvalidScopedName { context: context.into(), name: name.into() })
    }
}

fn check_scopes(context: &str, scopes: &[String]) -> Result<(), ProgramError> {
    scopes.iter().try_for_each(|s| check_name(context, s, true))
}

fn flow(context: &str, raw: RawFlowTrackingData, n_refs: usize) -> Result<FlowTrackingData, ProgramError> {
    for (name, &id) in &raw.reference_ids {
        if id >= n_refs {
            return Err(ProgramError::UnknownReferenceId {
                context: context.into(),
                name: name.clone(),
                id,
                count: n_refs,
            });
        }
    }
    Ok(FlowTrackingData {
        ap_tracking: ApTracking { group: raw.ap_tracking.group, offset: raw.ap_tracking.offset },
        reference_ids: raw.reference_ids.into_iter().collect(),
    })
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

fn identifier(name: &str, raw: RawIdentifier) -> Result<Identifier, ProgramError> {
    let bad = |reason: String| ProgramError::InvalidIdentifier { name: name.into(), reason };
    Ok(match raw {
        RawIdentifier::Function { pc, decorators } => Identifier::Function { pc, decorators },
        RawIdentifier::Label { pc } => Identifier::Label { pc },
        RawIdentifier::Const { value } => Identifier::Const { felt: Felt::from(&value.0), value: value.0 },
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
        RawIdentifier::Namespace {} => Identifier::Namespace,
        RawIdentifier::Scope {} => Identifier::Scope,
    })
}

fn convert(raw: RawProgram) -> Result<Program, ProgramError> {
    let stark_prime = parse_hex(STARK_PRIME_HEX);
    if parse_hex(&raw.prime).is_none() || parse_hex(&raw.prime) != stark_prime {
        return Err(ProgramError::UnsupportedPrime(raw.prime));
    }
    let prime = stark_prime.unwrap_or_default();

    let data = raw
        .data
        .iter()
        .enumerate()
        .map(|(index, word)| match parse_hex(word) {
            Some(v) if v < prime => Ok(Felt::from(&v)),
            _ => Err(ProgramError::InvalidDataWord { index, word: word.clone() }),
        })
        .collect::<Result<Vec<_>, _>>()?;

    let mut defs = Vec::with_capacity(raw.identifiers.len());
    for (name, raw_id) in raw.identifiers {
        check_name("identifiers", &name, false)?;
        let def = identifier(&name, raw_id)?;
        defs.push((name, def));
    }
    let identifiers = Identifiers::new(defs);

    let references = raw
        .reference_manager
        .references
        .into_iter()
        .enumerate()
        .map(|(i, r)| {
            let expr = parse_expr(&r.value).map_err(|reason| ProgramError::InvalidReference {
                context: format!("reference_manager.references[{i}]"),
                text: r.value.clone(),
                reason,
            })?;
            Ok(Reference {
                pc: r.pc,
                ap_tracking: ApTracking {
                    group: r.ap_tracking_data.group,
                    offset: r.ap_tracking_data.offset,
                },
                ty: infer_type(&expr),
                expr,
                text: r.value,
            })
        })
        .collect::<Result<Vec<_>, ProgramError>>()?;
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
            check_scopes(&context, &h.accessible_scopes)?;
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
            check_scopes(&context, &a.accessible_scopes)?;
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
            for (pc_str, l) in d.instruction_locations {
                let pc: usize =
                    pc_str.parse().map_err(|_| ProgramError::InvalidDebugInfoPc(pc_str.clone()))?;
                let context = format!("debug_info at pc {pc}");
                check_scopes(&context, &l.accessible_scopes)?;
                let flow_tracking_data =
                    l.flow_tracking_data.map(|f| flow(&context, f, n_refs)).transpose()?;
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
                        flow_tracking_data,
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
