//! Hint `ids` resolution: cairo-lang's `VmConsts` (`vm/vm_consts.py`) for a hint at a pc.
//!
//! A hint sees the identifiers visible from its accessible scopes. For a path such as `x`,
//! `x.low`, `p.member.sub`, `x.address_`, `SOME_CONST`, `Uint256.SIZE`, [`Ids`] returns what
//! cairo-lang's `ids.<path>` would:
//!
//! * a felt / `felt*` / `T**` reference: its value (`ap` corrected by the ap-tracking
//!   difference between the reference and the hint);
//! * a struct-typed reference `[addr]`: the struct at `addr`; a `T*` reference with value `P`:
//!   the struct at `P`. `.member` then reads `memory[address + offset]` (or gives a nested
//!   struct), `.address_` gives the struct's address;
//! * a constant: its value; a struct definition: `.SIZE` and `.member` (the offset);
//! * a namespace / function / label: a scope in which the next component is looked up.
//!
//! Assignment targets ([`Ids::set_target`]) follow cairo-lang's `ids.x = v`: `x`'s expression
//! must be a dereference `[addr]` of felt or pointer type (the target is `addr`), and
//! `ids.x.m = v` writes at the member's address.
//!
//! The per-hint [`HintRefs`] table, built at load time, maps each short name that the hint's
//! scopes resolve to a live reference straight to the reference, so the common case costs two
//! hash lookups; every other name goes through the exact identifier search.

use super::error::IdsError;
use super::eval::{self, corrected_ap, EvalContext, EvalError, Reference};
use super::expr::{CairoType, Expr};
use super::identifiers::{Found, Identifier, IdentifierError, Identifiers, StructDef};
use super::{FlowTrackingData, Hint, Program};
use crate::vm::value::{Relocatable, Value};
use std::collections::HashMap;
use std::sync::Arc;

/// Registers and memory as a hint sees them.
pub trait MemoryView {
    /// The current ap.
    fn ap(&self) -> Relocatable;
    /// The current fp.
    fn fp(&self) -> Relocatable;
    /// `memory[addr]`, or `None` when the cell is unset.
    fn get(&self, addr: Relocatable) -> Option<Value>;
}

/// Precomputed, per hint: short names that resolve to references live at the hint.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct HintRefs {
    by_short_name: HashMap<String, usize>,
}

impl HintRefs {
    /// Builds the table for a hint with these scopes and flow-tracking data: for each
    /// reference id `a.b.f.x -> id` whose short name `x` (relative to one of the scopes)
    /// resolves, through the identifier search, to that very reference.
    pub(crate) fn build(identifiers: &Identifiers, scopes: &[String], flow: &FlowTrackingData) -> HintRefs {
        let mut by_short_name = HashMap::new();
        for (full, id) in flow.reference_ids.iter() {
            for scope in scopes {
                let short = if scope.is_empty() {
                    Some(full)
                } else {
                    full.strip_prefix(scope.as_str()).and_then(|r| r.strip_prefix('.'))
                };
                let Some(short) = short.filter(|s| !s.is_empty() && !s.contains('.')) else { continue };
                if let Ok(Found::Identifier(r)) = identifiers.search_identifier_or_scope(scopes, short) {
                    let is_it = r.non_parsed.is_empty()
                        && matches!(identifiers.def(r.def).1, Identifier::Reference { full_name, .. } if full_name == full);
                    if is_it {
                        by_short_name.insert(short.to_string(), id);
                    }
                }
            }
        }
        HintRefs { by_short_name }
    }

    /// The reference id a short name resolves to, if it is a live reference.
    pub fn get(&self, short_name: &str) -> Option<usize> {
        self.by_short_name.get(short_name).copied()
    }

    /// Number of names in the table.
    pub fn len(&self) -> usize {
        self.by_short_name.len()
    }

    /// Whether the table is empty.
    pub fn is_empty(&self) -> bool {
        self.by_short_name.is_empty()
    }
}

/// What `ids.<path>` denotes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum IdsValue {
    /// A felt or a pointer: a `felt`/`felt*`/`T**` reference or member, a constant, a
    /// struct's `SIZE` or member offset, a label's `instruction_offset_`.
    Value(Value),
    /// A struct in memory (cairo-lang's `VmConstsReference`): a `T` or `T*` reference or
    /// member. `address` is its `.address_`.
    StructRef {
        /// The struct definition.
        def: Arc<StructDef>,
        /// The struct's address (an integer if the program cast one to a pointer).
        address: Value,
    },
    /// A struct definition (cairo-lang's `VmConstsStruct`).
    StructDef(Arc<StructDef>),
    /// A namespace, function, label or plain scope.
    Scope {
        /// Its full name.
        name: String,
        /// Its pc for functions and labels.
        pc: Option<usize>,
    },
}

impl IdsValue {
    fn describe(&self) -> String {
        match self {
            IdsValue::Value(Value::Int(_)) => "a felt".into(),
            IdsValue::Value(Value::Ptr(_)) => "a pointer".into(),
            IdsValue::StructRef { def, .. } => format!("a reference to struct '{}'", def.full_name),
            IdsValue::StructDef(d) => format!("the struct definition '{}'", d.full_name),
            IdsValue::Scope { name, .. } => format!("the scope '{name}'"),
        }
    }
}

/// What the last component of a path is used for.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Mode {
    Read,
    Address,
    Assign,
}

/// Resolves `ids.<path>` for one hint (or any place with scopes and flow-tracking data).
pub struct Ids<'a> {
    program: &'a Program,
    scopes: &'a [String],
    flow: &'a FlowTrackingData,
    refs: Option<&'a HintRefs>,
    memory: &'a dyn MemoryView,
}

impl<'a> Ids<'a> {
    /// The `ids` of a hint, with the hint's precomputed table.
    pub fn for_hint(program: &'a Program, hint: &'a Hint, memory: &'a dyn MemoryView) -> Ids<'a> {
        Ids {
            program,
            scopes: &hint.accessible_scopes,
            flow: &hint.flow_tracking_data,
            refs: Some(&hint.refs),
            memory,
        }
    }

    /// The `ids` seen from arbitrary scopes and flow-tracking data (e.g. an instruction's debug
    /// info).
    pub fn new(
        program: &'a Program,
        scopes: &'a [String],
        flow: &'a FlowTrackingData,
        memory: &'a dyn MemoryView,
    ) -> Ids<'a> {
        Ids { program, scopes, flow, refs: None, memory }
    }

    /// What `ids.<path>` denotes.
    pub fn resolve(&self, path: &str) -> Result<IdsValue, IdsError> {
        let parts = split_path(path)?;
        self.walk(path, &parts, Mode::Read).map(|(v, _)| v)
    }

    /// The felt or pointer value of `ids.<path>`. For a struct reference this is its address
    /// (`.address_`); struct definitions and scopes are errors.
    pub fn get_value(&self, path: &str) -> Result<Value, IdsError> {
        match self.resolve(path)? {
            IdsValue::Value(v) => Ok(v),
            IdsValue::StructRef { address, .. } => Ok(address),
            other => Err(wrong(path, other.describe(), "a value")),
        }
    }

    /// `ids.<path>` as a felt.
    pub fn get_felt(&self, path: &str) -> Result<starknet_types_core::felt::Felt, IdsError> {
        match self.get_value(path)? {
            Value::Int(v) => Ok(v),
            Value::Ptr(_) => Err(wrong(path, "a pointer", "a felt")),
        }
    }

    /// `ids.<path>` as a pointer.
    pub fn get_ptr(&self, path: &str) -> Result<Relocatable, IdsError> {
        match self.get_value(path)? {
            Value::Ptr(p) => Ok(p),
            Value::Int(_) => Err(wrong(path, "a felt", "a pointer")),
        }
    }

    /// The address where `ids.<path>` is stored: for a reference `[addr]` (of any type),
    /// `addr`; for a member, the struct's address plus the member's offset.
    pub fn get_addr(&self, path: &str) -> Result<Relocatable, IdsError> {
        let parts = split_path(path)?;
        match self.walk(path, &parts, Mode::Address)? {
            (_, Some(addr)) => Ok(addr),
            (v, None) => Err(wrong(path, v.describe(), "a memory location")),
        }
    }

    /// The address that `ids.<path> = v` writes to (cairo-lang's set mode).
    pub fn set_target(&self, path: &str) -> Result<Relocatable, IdsError> {
        let parts = split_path(path)?;
        match self.walk(path, &parts, Mode::Assign)? {
            (_, Some(addr)) => Ok(addr),
            (v, None) => {
                Err(IdsError::NotAssignable { name: path.into(), reason: format!("it is {}", v.describe()) })
            }
        }
    }

    /// The offset of `member` in the struct `struct_path` (a struct name visible from the
    /// scopes, or a struct reference).
    pub fn member_offset(&self, struct_path: &str, member: &str) -> Result<usize, IdsError> {
        let def = self.struct_def(struct_path)?;
        def.members
            .get(member)
            .map(|m| m.offset)
            .ok_or_else(|| IdsError::NotAMember { member: member.into(), struct_name: def.full_name.clone() })
    }

    /// The size of the struct `path` (a struct name, or a struct reference's type).
    pub fn struct_size(&self, path: &str) -> Result<usize, IdsError> {
        self.struct_def(path).map(|d| d.size)
    }

    /// The struct definition named by `path`, or of the struct reference `path`.
    pub fn struct_def(&self, path: &str) -> Result<Arc<StructDef>, IdsError> {
        match self.resolve(path)? {
            IdsValue::StructDef(d) | IdsValue::StructRef { def: d, .. } => Ok(d),
            other => Err(wrong(path, other.describe(), "a struct")),
        }
    }

    /// The reference (and its id) that the single name `name` resolves to at this place.
    pub fn reference(&self, name: &str) -> Result<(usize, &'a Reference), IdsError> {
        match self.head(name, self.scopes, true, name)? {
            Head::Ref(id) => self.program.reference(id).map(|r| (id, r)).ok_or_else(|| missing_ref(name, id)),
            Head::Value(v) => Err(wrong(name, v.describe(), "a reference")),
        }
    }

    /// Walks `parts`; returns the value (in `Read` mode) and, in the other modes, the address
    /// of the last component.
    fn walk(
        &self,
        path: &str,
        parts: &[&str],
        mode: Mode,
    ) -> Result<(IdsValue, Option<Relocatable>), IdsError> {
        let Some((last, parents)) = parts.split_last() else {
            return Err(IdsError::InvalidPath(path.into()));
        };
        if *last == "address_" && mode == Mode::Read && !parents.is_empty() {
            // A struct's `.address_` is its address (cairo-lang). As an extension, any other
            // `p.address_` is the address where `p` is stored, when it has one.
            let parent_path = parents.join(".");
            if let Ok((IdsValue::StructRef { address, .. }, _)) = self.walk(&parent_path, parents, Mode::Read)
            {
                return Ok((IdsValue::Value(address), None));
            }
            return match self.walk(&parent_path, parents, Mode::Address)? {
                (_, Some(a)) => Ok((IdsValue::Value(Value::Ptr(a)), None)),
                (v, None) => Err(wrong(&parent_path, v.describe(), "a memory location")),
            };
        }
        if parents.is_empty() {
            return match self.head(last, self.scopes, true, last)? {
                Head::Ref(id) => self.reference_value(last, id, mode),
                Head::Value(v) if mode == Mode::Assign => Err(IdsError::NotAssignable {
                    name: path.into(),
                    reason: format!("it is {}", v.describe()),
                }),
                Head::Value(v) => Ok((v, None)),
            };
        }
        let mut cur = match self.head(parents[0], self.scopes, true, parents[0])? {
            Head::Ref(id) => self.reference_value(parents[0], id, Mode::Read)?.0,
            Head::Value(v) => v,
        };
        for (i, part) in parents.iter().enumerate().skip(1) {
            cur = self.step(&parts[..i].join("."), cur, part, Mode::Read)?.0;
        }
        self.step(&parents.join("."), cur, last, mode)
    }

    /// One `.part` after `prefix` (which denotes `cur`).
    fn step(
        &self,
        prefix: &str,
        cur: IdsValue,
        part: &str,
        mode: Mode,
    ) -> Result<(IdsValue, Option<Relocatable>), IdsError> {
        let name = format!("{prefix}.{part}");
        match cur {
            IdsValue::StructRef { def, address } => {
                if part == "address_" {
                    return match mode {
                        Mode::Read => Ok((IdsValue::Value(address), None)),
                        _ => Err(IdsError::NotAssignable {
                            name,
                            reason: "'address_' is not a memory location".into(),
                        }),
                    };
                }
                let member = def.members.get(part).ok_or_else(|| IdsError::NotAMember {
                    member: part.into(),
                    struct_name: def.full_name.clone(),
                })?;
                let addr = add_offset(&address, member.offset).ok_or_else(|| IdsError::Eval {
                    name: name.clone(),
                    reason: format!("invalid member address {address} + {}", member.offset),
                })?;
                if mode != Mode::Read {
                    return match addr {
                        Value::Ptr(p) => Ok((IdsValue::Value(addr), Some(p))),
                        Value::Int(_) => {
                            Err(IdsError::Eval { name, reason: format!("{addr} is not a pointer") })
                        }
                    };
                }
                let v = self.typed_at(&name, &member.cairo_type, addr, true)?;
                Ok((v, None))
            }
            IdsValue::StructDef(def) => {
                let v = if part == "SIZE" {
                    def.size
                } else {
                    def.members.get(part).map(|m| m.offset).ok_or_else(|| IdsError::NotAMember {
                        member: part.into(),
                        struct_name: def.full_name.clone(),
                    })?
                };
                if mode == Mode::Assign {
                    return Err(IdsError::NotAssignable {
                        name,
                        reason: "Cannot change the value of a constant.".into(),
                    });
                }
                Ok((IdsValue::Value(Value::from(v as u64)), None))
            }
            IdsValue::Scope { name: scope, pc } => {
                if part == "instruction_offset_" && pc.is_some() {
                    let v = IdsValue::Value(Value::from(pc.unwrap_or_default() as u64));
                    return if mode == Mode::Assign {
                        Err(IdsError::NotAssignable { name, reason: "it is a label offset".into() })
                    } else {
                        Ok((v, None))
                    };
                }
                let scopes = [scope];
                match self.head(part, &scopes, false, &name)? {
                    Head::Ref(id) => self.reference_value(&name, id, mode),
                    Head::Value(v) if mode == Mode::Assign => {
                        Err(IdsError::NotAssignable { name, reason: format!("it is {}", v.describe()) })
                    }
                    Head::Value(v) => Ok((v, None)),
                }
            }
            IdsValue::Value(v) => Err(IdsError::WrongKind {
                name: prefix.into(),
                found: IdsValue::Value(v).describe(),
                expected: format!("a struct or a scope (to take '.{part}')"),
            }),
        }
    }

    /// The value of type `ty` stored at (`stored == true`) or pointed to by `addr`
    /// (VmConstsReference member semantics).
    fn typed_at(&self, name: &str, ty: &CairoType, addr: Value, stored: bool) -> Result<IdsValue, IdsError> {
        let read = |a: Value| eval::read_memory(self.memory, a).map_err(|e| eval_err(name, e));
        if ty.is_simple() {
            return Ok(IdsValue::Value(if stored { read(addr)? } else { addr }));
        }
        match ty {
            CairoType::Struct(s) if stored => {
                Ok(IdsValue::StructRef { def: self.struct_named(name, s)?, address: addr })
            }
            CairoType::Pointer(p) => match &**p {
                CairoType::Struct(s) => {
                    let def = self.struct_named(name, s)?;
                    let address = if stored { read(addr)? } else { addr };
                    Ok(IdsValue::StructRef { def, address })
                }
                _ => Err(unsupported(name, ty)),
            },
            _ => Err(unsupported(name, ty)),
        }
    }

    fn struct_named(&self, name: &str, s: &str) -> Result<Arc<StructDef>, IdsError> {
        self.program
            .identifiers()
            .get_struct(s)
            .cloned()
            .map_err(|reason| IdsError::Eval { name: name.into(), reason })
    }

    /// cairo-lang's `VmConsts.get_or_set_value` for one name in `scopes`.
    fn head(&self, part: &str, scopes: &[String], use_table: bool, name: &str) -> Result<Head, IdsError> {
        if use_table {
            if let Some(id) = self.refs.and_then(|r| r.get(part)) {
                return Ok(Head::Ref(id));
            }
        }
        let ids = self.program.identifiers();
        let found = ids.search_identifier_or_scope(scopes, part).map_err(|e| match e {
            IdentifierError::Missing { .. } => IdsError::Unknown(name.into()),
            other => IdsError::Identifier(other.to_string()),
        })?;
        let r = match found {
            Found::Scope(s) => {
                return Ok(Head::Value(IdsValue::Scope { name: ids.scope_name(s).into(), pc: None }))
            }
            Found::Identifier(r) => r,
        };
        let canonical = r.fully_parsed_name(ids).map_err(|e| IdsError::Identifier(e.to_string()))?;
        Ok(Head::Value(match ids.def(r.def).1 {
            Identifier::Const { felt, .. } => IdsValue::Value(Value::Int(*felt)),
            Identifier::Struct(def) => IdsValue::StructDef(def.clone()),
            Identifier::Function { pc, .. } | Identifier::Label { pc } => {
                IdsValue::Scope { name: canonical.into(), pc: Some(*pc) }
            }
            Identifier::Namespace => IdsValue::Scope { name: canonical.into(), pc: None },
            Identifier::Reference { full_name, .. } => {
                return match self.flow.reference_ids.get(full_name) {
                    Some(id) => Ok(Head::Ref(id)),
                    None => Err(IdsError::Revoked {
                        name: name.into(),
                        reason: "it is not in the flow-tracking data here".into(),
                    }),
                }
            }
            other => {
                return Err(IdsError::Unsupported {
                    name: name.into(),
                    reason: format!("Unsupported identifier type '{}' of identifier '{name}'.", other.kind()),
                })
            }
        }))
    }

    /// `handle_ReferenceDefinition`: the value of reference `id` (Read), or the address of its
    /// dereference (Address, Assign).
    fn reference_value(
        &self,
        name: &str,
        id: usize,
        mode: Mode,
    ) -> Result<(IdsValue, Option<Relocatable>), IdsError> {
        let r = self.program.reference(id).ok_or_else(|| missing_ref(name, id))?;
        let ty = r.ty.as_ref().map_err(|e| IdsError::Eval { name: name.into(), reason: e.clone() })?;
        let ctx = EvalContext {
            ap: corrected_ap(self.memory.ap(), &self.flow.ap_tracking, &r.ap_tracking),
            fp: self.memory.fp(),
            memory: self.memory,
        };
        let stripped = strip_casts(&r.expr);
        let deref_addr = |assign: bool| -> Result<Relocatable, IdsError> {
            let Expr::Deref(a) = stripped else {
                return Err(if assign {
                    IdsError::NotAssignable {
                        name: name.into(),
                        reason: format!(
                            "{name} (= {}) does not reference memory and cannot be assigned.",
                            r.text
                        ),
                    }
                } else {
                    wrong(name, format!("'{}', which does not reference memory", r.text), "a memory location")
                });
            };
            match eval::eval(a, &ctx).map_err(|e| eval_err(name, e))? {
                Value::Ptr(p) => Ok(p),
                v => Err(IdsError::Eval {
                    name: name.into(),
                    reason: format!("the address {v} is not a pointer"),
                }),
            }
        };
        match mode {
            Mode::Assign => {
                if !matches!(ty, CairoType::Felt | CairoType::Pointer(_)) {
                    return Err(IdsError::NotAssignable {
                        name: name.into(),
                        reason: format!(
                            "only felt and pointer references can be assigned, '{name}' is '{ty}'"
                        ),
                    });
                }
                let addr = deref_addr(true)?;
                Ok((IdsValue::Value(Value::Ptr(addr)), Some(addr)))
            }
            Mode::Address => {
                let addr = deref_addr(false)?;
                Ok((IdsValue::Value(Value::Ptr(addr)), Some(addr)))
            }
            Mode::Read => {
                if let CairoType::Struct(s) = ty {
                    let Expr::Deref(a) = stripped else {
                        return Err(IdsError::Eval {
                            name: name.into(),
                            reason: format!("Expected expression of type '{ty}' to have an address."),
                        });
                    };
                    let address = eval::eval(a, &ctx).map_err(|e| eval_err(name, e))?;
                    return Ok((IdsValue::StructRef { def: self.struct_named(name, s)?, address }, None));
                }
                if !ty.is_simple()
                    && !matches!(ty, CairoType::Pointer(p) if matches!(**p, CairoType::Struct(_)))
                {
                    return Err(unsupported(name, ty));
                }
                let v = eval::eval(&r.expr, &ctx).map_err(|e| eval_err(name, e))?;
                Ok((self.typed_at(name, ty, v, false)?, None))
            }
        }
    }
}

/// The head of a path: a live reference (by id) or anything else.
enum Head {
    Ref(usize),
    Value(IdsValue),
}

/// Removes casts and parentheses at the top of an expression (what cairo-lang's
/// `simplify_type_system` leaves at the top).
pub(crate) fn strip_casts(mut e: &Expr) -> &Expr {
    while let Expr::Cast(a, _) | Expr::Paren(a) = e {
        e = a;
    }
    e
}

/// Splits a dotted path. Like cairo-lang (whose `ids` refuses attributes starting with `__`),
/// names such as `__temp5` or `__fp__` are not accessible.
fn split_path(path: &str) -> Result<Vec<&str>, IdsError> {
    let parts: Vec<&str> = path.split('.').collect();
    if parts.iter().any(|p| p.is_empty()) {
        return Err(IdsError::InvalidPath(path.into()));
    }
    if parts.iter().any(|p| p.starts_with("__")) {
        return Err(IdsError::Unknown(path.into()));
    }
    Ok(parts)
}

fn add_offset(v: &Value, offset: usize) -> Option<Value> {
    v.add(&Value::from(u64::try_from(offset).ok()?))
}

fn wrong(name: &str, found: impl Into<String>, expected: &str) -> IdsError {
    IdsError::WrongKind { name: name.into(), found: found.into(), expected: expected.into() }
}

fn unsupported(name: &str, ty: &CairoType) -> IdsError {
    IdsError::Unsupported {
        name: name.into(),
        reason: format!(
            "values of type '{ty}' are not accessible through ids (Type must be of the form T*.)"
        ),
    }
}

fn missing_ref(name: &str, id: usize) -> IdsError {
    IdsError::Eval { name: name.into(), reason: format!("reference id {id} does not exist") }
}

fn eval_err(name: &str, e: EvalError) -> IdsError {
    match e {
        EvalError::ApUnknown => IdsError::Revoked {
            name: name.into(),
            reason: "it is ap-based and was defined in another ap-tracking group".into(),
        },
        EvalError::Other(reason) => IdsError::Eval { name: name.into(), reason },
    }
}
