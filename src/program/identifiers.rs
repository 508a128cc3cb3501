//! Identifiers and their resolution, ported from cairo-lang's `IdentifierManager`
//! (`compiler/identifier_manager.py`).
//!
//! Identifiers live in a tree of scopes: `a.b.c` is identifier `c` of scope `a.b`. A name can
//! be both an identifier and a scope (a function `f` has children `f.Args`, `f.x`, ...). Lookup
//! ([`Identifiers::get`]) walks the tree, preferring sub-scopes, returns the identifier found
//! with the not-yet-parsed rest of the name, and follows aliases. [`Identifiers::search`]
//! tries each accessible scope, innermost (last) first, exactly as cairo-lang does, including
//! its rule for when a miss in one scope moves on to the next.

use super::expr::CairoType;
use num_bigint::BigInt;
use starknet_types_core::felt::Felt;
use std::collections::{BTreeMap, HashMap};
use std::sync::Arc;

/// A struct definition.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StructDef {
    /// The struct's full name.
    pub full_name: String,
    /// Members by name: offset and type.
    pub members: BTreeMap<String, Member>,
    /// Size in felts.
    pub size: usize,
}

impl StructDef {
    /// Members in offset order.
    pub fn members_by_offset(&self) -> Vec<(&str, &Member)> {
        let mut v: Vec<_> = self.members.iter().map(|(k, m)| (k.as_str(), m)).collect();
        v.sort_by_key(|(_, m)| m.offset);
        v
    }
}

/// A struct member.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Member {
    /// Offset from the start of the struct.
    pub offset: usize,
    /// The member's type.
    pub cairo_type: CairoType,
}

/// One identifier definition, by kind.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Identifier {
    /// A function (a label with decorators).
    Function {
        /// Its pc (offset in the program).
        pc: usize,
        /// Decorators, e.g. `known_ap_change`.
        decorators: Vec<String>,
    },
    /// A label.
    Label {
        /// Its pc.
        pc: usize,
    },
    /// A constant. cairo-lang keeps the integer as written (possibly negative or larger than
    /// the prime); `felt` is it reduced modulo the prime.
    Const {
        /// The integer as written.
        value: BigInt,
        /// The value modulo the prime.
        felt: Felt,
    },
    /// A struct.
    Struct(Arc<StructDef>),
    /// A member definition at identifier level (rare).
    Member(Member),
    /// A reference (`let`, `local`, `tempvar`, argument). Which of its bindings is live at a
    /// pc is given by that pc's flow-tracking data.
    Reference {
        /// The full name the flow-tracking data uses.
        full_name: String,
        /// The declared type.
        cairo_type: CairoType,
    },
    /// An alias (from `from x import y` or `using`), resolved by lookup.
    Alias {
        /// The full name it stands for.
        destination: String,
    },
    /// A type definition (`using T = (felt, felt)`).
    TypeDefinition {
        /// The type.
        cairo_type: CairoType,
    },
    /// A namespace.
    Namespace,
    /// A scope marker.
    Scope,
}

impl Identifier {
    /// cairo-lang's `TYPE` string: `function`, `label`, `const`, `struct`, ...
    pub fn kind(&self) -> &'static str {
        match self {
            Identifier::Function { .. } => "function",
            Identifier::Label { .. } => "label",
            Identifier::Const { .. } => "const",
            Identifier::Struct(_) => "struct",
            Identifier::Member(_) => "member",
            Identifier::Reference { .. } => "reference",
            Identifier::Alias { .. } => "alias",
            Identifier::TypeDefinition { .. } => "type_definition",
            Identifier::Namespace => "namespace",
            Identifier::Scope => "scope",
        }
    }

    /// The pc of a function or label.
    pub fn pc(&self) -> Option<usize> {
        match self {
            Identifier::Function { pc, .. } | Identifier::Label { pc } => Some(*pc),
            _ => None,
        }
    }
}

/// An identifier-manager error, with cairo-lang's message.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum IdentifierError {
    /// `Unknown identifier 'x'.` — `fullname` is the first prefix that does not exist.
    #[error("Unknown identifier '{fullname}'.")]
    Missing {
        /// The missing full name.
        fullname: String,
    },
    /// `Identifier 'x' is <kind>, expected a scope.`
    #[error("Identifier '{fullname}' is {kind}, expected a scope.")]
    NotAScope {
        /// The identifier.
        fullname: String,
        /// Its kind.
        kind: &'static str,
        /// Index of its definition.
        def: usize,
        /// The rest of the name.
        non_parsed: Vec<String>,
    },
    /// `Expected 'x' to be an identifier, found a scope name.`
    #[error("Expected '{0}' to be an identifier, found a scope name.")]
    NotAnIdentifier(String),
    /// Other errors (alias cycles, failed alias resolution, unexpected `.`), as text.
    #[error("{0}")]
    Other(String),
}

/// The result of a lookup: the definition, its canonical name and the unparsed rest.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SearchResult {
    /// Index of the definition (see [`Identifiers::def`]).
    pub def: usize,
    /// The canonical (full) name of the identifier found.
    pub canonical_name: String,
    /// Name components after the identifier (e.g. `y.z` when `x` is a reference and `x.y.z`
    /// was looked up).
    pub non_parsed: Vec<String>,
}

impl SearchResult {
    /// cairo-lang's `get_canonical_name`: the canonical name when the whole name was parsed.
    pub fn fully_parsed_name(&self, ids: &Identifiers) -> Result<&str, IdentifierError> {
        if self.non_parsed.is_empty() {
            return Ok(&self.canonical_name);
        }
        Err(IdentifierError::Other(format!(
            "Unexpected '.' after '{}' which is {}.",
            self.canonical_name,
            ids.def(self.def).1.kind()
        )))
    }
}

/// A lookup that found either an identifier or a scope.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Found {
    /// An identifier.
    Identifier(SearchResult),
    /// A scope (by index, see [`Identifiers::scope_name`]).
    Scope(usize),
}

#[derive(Clone, Debug, Default)]
struct ScopeNode {
    fullname: String,
    subscopes: HashMap<String, usize>,
    identifiers: HashMap<String, usize>,
}

/// All identifiers of a program, organised as cairo-lang's `IdentifierManager`.
#[derive(Clone, Debug)]
pub struct Identifiers {
    /// Sorted by name, without duplicates.
    defs: Vec<(String, Identifier)>,
    scopes: Vec<ScopeNode>,
}

/// Alias chains longer than this are reported as errors (cairo-lang detects exact cycles; a
/// chain this long without a cycle cannot come from a real program).
const MAX_ALIAS_CHAIN: usize = 1000;

fn join(parts: &[&str]) -> String {
    parts.join(".")
}

/// Splits a scoped name into components (`""` is the empty name).
pub(crate) fn split_name(name: &str) -> Vec<&str> {
    if name.is_empty() {
        Vec::new()
    } else {
        name.split('.').collect()
    }
}

impl Identifiers {
    /// Builds the manager from `(full name, definition)` pairs in any order (the loader's come
    /// sorted); later duplicates override earlier ones. Names must be non-empty with non-empty
    /// components.
    pub(crate) fn new(mut defs: Vec<(String, Identifier)>) -> Identifiers {
        if !defs.windows(2).all(|w| w[0].0 < w[1].0) {
            // Stable: equal names stay in input order, so the last one is the one kept.
            defs.sort_by(|a, b| a.0.cmp(&b.0));
            let mut unique: Vec<(String, Identifier)> = Vec::with_capacity(defs.len());
            for d in defs {
                match unique.last_mut() {
                    Some(last) if last.0 == d.0 => *last = d,
                    _ => unique.push(d),
                }
            }
            defs = unique;
        }
        let mut ids =
            Identifiers { defs: Vec::with_capacity(defs.len()), scopes: vec![ScopeNode::default()] };
        for (name, def) in defs {
            let (prefix, last) = match name.rsplit_once('.') {
                Some((prefix, last)) => (Some(prefix), last),
                None => (None, name.as_str()),
            };
            if last.is_empty() && prefix.is_none() {
                continue;
            }
            let mut scope = 0;
            // `name[..end]` is the scope's full name.
            let mut end = 0;
            for part in prefix.into_iter().flat_map(|p| p.split('.')) {
                end += part.len();
                scope = match ids.scopes[scope].subscopes.get(part) {
                    Some(&s) => s,
                    None => {
                        let idx = ids.scopes.len();
                        ids.scopes
                            .push(ScopeNode { fullname: name[..end].to_string(), ..Default::default() });
                        ids.scopes[scope].subscopes.insert(part.to_string(), idx);
                        idx
                    }
                };
                end += 1;
            }
            ids.scopes[scope].identifiers.insert(last.to_string(), ids.defs.len());
            ids.defs.push((name, def));
        }
        ids
    }

    /// The full name and definition at `index`.
    ///
    /// # Panics
    /// If `index` did not come from this manager.
    pub fn def(&self, index: usize) -> (&str, &Identifier) {
        let (n, d) = &self.defs[index];
        (n, d)
    }

    /// The definition with exactly this full name (no alias resolution).
    pub fn get_by_full_name(&self, name: &str) -> Option<&Identifier> {
        let i = self.defs.binary_search_by(|(n, _)| n.as_str().cmp(name)).ok()?;
        Some(&self.defs[i].1)
    }

    /// All `(full name, definition)` pairs.
    pub fn iter(&self) -> impl Iterator<Item = (&str, &Identifier)> {
        self.defs.iter().map(|(n, d)| (n.as_str(), d))
    }

    /// Number of identifiers.
    pub fn len(&self) -> usize {
        self.defs.len()
    }

    /// Whether there are no identifiers.
    pub fn is_empty(&self) -> bool {
        self.defs.is_empty()
    }

    /// The full name of a scope returned in [`Found::Scope`].
    pub fn scope_name(&self, scope: usize) -> &str {
        self.scopes.get(scope).map(|s| s.fullname.as_str()).unwrap_or("")
    }

    /// `IdentifierScope.get` from the root, without alias resolution.
    fn root_get(&self, name: &[&str]) -> Result<SearchResult, IdentifierError> {
        if name.is_empty() {
            return Err(IdentifierError::Missing { fullname: String::new() });
        }
        let mut scope = 0;
        let mut i = 0;
        loop {
            let node = &self.scopes[scope];
            let first = name.get(i).copied().unwrap_or_default();
            if name.len() - i > 1 {
                if let Some(&s) = node.subscopes.get(first) {
                    scope = s;
                    i += 1;
                    continue;
                }
            }
            if let Some(&d) = node.identifiers.get(first) {
                return Ok(SearchResult {
                    def: d,
                    canonical_name: join(&name[..=i]),
                    non_parsed: name[i + 1..].iter().map(|s| s.to_string()).collect(),
                });
            }
            if node.subscopes.contains_key(first) {
                return Err(IdentifierError::NotAnIdentifier(join(&name[..=i])));
            }
            return Err(IdentifierError::Missing { fullname: join(&name[..=i]) });
        }
    }

    /// `IdentifierScope.get_scope` from the root, without alias resolution.
    fn root_get_scope(&self, name: &[&str]) -> Result<usize, IdentifierError> {
        let mut scope = 0;
        for (i, part) in name.iter().enumerate() {
            let node = &self.scopes[scope];
            if let Some(&s) = node.subscopes.get(*part) {
                scope = s;
                continue;
            }
            let fullname = join(&name[..=i]);
            return match node.identifiers.get(*part) {
                None => Err(IdentifierError::Missing { fullname }),
                Some(&d) => Err(IdentifierError::NotAScope {
                    fullname,
                    kind: self.defs[d].1.kind(),
                    def: d,
                    non_parsed: name[i + 1..].iter().map(|s| s.to_string()).collect(),
                }),
            };
        }
        Ok(scope)
    }

    /// `IdentifierManager.get`: finds the identifier `name` (a full name, possibly with a
    /// non-parsed suffix), following aliases.
    pub fn get(&self, name: &str) -> Result<SearchResult, IdentifierError> {
        self.get_parts(&split_name(name))
    }

    fn get_parts(&self, name: &[&str]) -> Result<SearchResult, IdentifierError> {
        if name.is_empty() {
            return Err(IdentifierError::Missing { fullname: String::new() });
        }
        let mut visited = vec![join(name)];
        let mut result = self.root_get(name)?;
        while let Identifier::Alias { destination } = &self.defs[result.def].1 {
            let mut current = destination.clone();
            for p in &result.non_parsed {
                current.push('.');
                current.push_str(p);
            }
            if visited.contains(&current) || visited.len() > MAX_ALIAS_CHAIN {
                visited.push(current);
                return Err(IdentifierError::Other(format!(
                    "Cyclic aliasing detected: {}",
                    visited.join(" -> ")
                )));
            }
            visited.push(current.clone());
            result = match self.root_get(&split_name(&current)) {
                Ok(r) => r,
                Err(e @ IdentifierError::Missing { .. }) => {
                    return Err(IdentifierError::Other(format!(
                        "Alias resolution failed: {}. {e}",
                        visited.join(" -> ")
                    )))
                }
                Err(e) => return Err(e),
            };
        }
        Ok(result)
    }

    /// `IdentifierManager.get_scope`: the scope `name`, following aliases.
    pub fn get_scope(&self, name: &str) -> Result<usize, IdentifierError> {
        self.get_scope_parts(&split_name(name))
    }

    fn get_scope_parts(&self, name: &[&str]) -> Result<usize, IdentifierError> {
        let mut current = join(name);
        let mut visited: Vec<String> = Vec::new();
        let wrap = |visited: &Vec<String>, e: IdentifierError| {
            if visited.len() == 1 {
                e
            } else {
                IdentifierError::Other(format!("Alias resolution failed: {}. {e}", visited.join(" -> ")))
            }
        };
        while !visited.contains(&current) && visited.len() <= MAX_ALIAS_CHAIN {
            visited.push(current.clone());
            match self.root_get_scope(&split_name(&current)) {
                Ok(s) => return Ok(s),
                Err(IdentifierError::NotAScope { def, non_parsed, fullname, kind }) => {
                    match &self.defs[def].1 {
                        Identifier::Alias { destination } => {
                            let mut next = destination.clone();
                            for p in &non_parsed {
                                next.push('.');
                                next.push_str(p);
                            }
                            current = next;
                        }
                        _ => {
                            let e = IdentifierError::NotAScope { def, non_parsed, fullname, kind };
                            return Err(wrap(&visited, e));
                        }
                    }
                }
                Err(e) => return Err(wrap(&visited, e)),
            }
        }
        visited.push(current);
        Err(IdentifierError::Other(format!("Cyclic aliasing detected: {}", visited.join(" -> "))))
    }

    /// `IdentifierManager.search`: looks `name` up in the accessible scopes, the last (innermost)
    /// first. A miss moves on to the next scope only when the missing part is the scope itself
    /// or the first component of `name`.
    pub fn search(&self, accessible_scopes: &[String], name: &str) -> Result<SearchResult, IdentifierError> {
        self.search_impl(accessible_scopes, &split_name(name), |s, n| self.get_parts(n).map(|r| (s, r)))
            .map(|(_, r)| r)
    }

    /// `IdentifierManager.search_scope`: like [`Self::search`] for a scope.
    pub fn search_scope(&self, accessible_scopes: &[String], name: &str) -> Result<usize, IdentifierError> {
        self.search_impl(accessible_scopes, &split_name(name), |_, n| self.get_scope_parts(n))
    }

    fn search_impl<T>(
        &self,
        accessible_scopes: &[String],
        name: &[&str],
        f: impl Fn(usize, &[&str]) -> Result<T, IdentifierError>,
    ) -> Result<T, IdentifierError> {
        for (i, scope) in accessible_scopes.iter().enumerate().rev() {
            let mut full = split_name(scope);
            let scope_len = full.len();
            full.extend_from_slice(name);
            match f(i, &full) {
                Err(IdentifierError::Missing { fullname }) => {
                    // Continue only if (scope + name[:1]) starts with the missing name.
                    let head = &full[..(scope_len + name.len().min(1))];
                    let missing = split_name(&fullname);
                    if head.starts_with(&missing) {
                        continue;
                    }
                    return Err(IdentifierError::Missing { fullname });
                }
                other => return other,
            }
        }
        Err(IdentifierError::Missing { fullname: name.first().copied().unwrap_or_default().to_string() })
    }

    /// vm_consts' `search_identifier_or_scope`: an identifier if there is one, else a scope,
    /// else the identifier search's error.
    pub fn search_identifier_or_scope(
        &self,
        accessible_scopes: &[String],
        name: &str,
    ) -> Result<Found, IdentifierError> {
        match self.search(accessible_scopes, name) {
            Ok(r) => Ok(Found::Identifier(r)),
            Err(first) => self.search_scope(accessible_scopes, name).map(Found::Scope).map_err(|_| first),
        }
    }

    /// cairo-lang's `get_struct_definition`: the struct with this full name (no alias
    /// resolution), looking through type definitions that name a struct.
    pub fn get_struct(&self, full_name: &str) -> Result<&Arc<StructDef>, String> {
        let mut name = full_name;
        for _ in 0..MAX_ALIAS_CHAIN {
            match self.get_by_full_name(name) {
                None => return Err(format!("Unknown identifier '{name}'.")),
                Some(Identifier::Struct(s)) => return Ok(s),
                Some(Identifier::TypeDefinition { cairo_type: CairoType::Struct(s) }) => name = s,
                Some(other) => {
                    return Err(format!("Expected '{name}' to be struct. Found: '{}'.", other.kind()))
                }
            }
        }
        Err(format!("Type definition cycle at '{full_name}'."))
    }

    /// The size in felts of a type: 1 for felts, pointers and codeoffsets, the struct's size,
    /// or the sum of a tuple's items.
    pub fn type_size(&self, t: &CairoType) -> Result<usize, String> {
        match t {
            CairoType::Felt | CairoType::Codeoffset | CairoType::Pointer(_) => Ok(1),
            CairoType::Struct(name) => self.get_struct(name).map(|s| s.size),
            CairoType::Tuple(items) => {
                items.iter().try_fold(0usize, |acc, it| self.type_size(&it.ty).map(|s| acc.saturating_add(s)))
            }
        }
    }
}
