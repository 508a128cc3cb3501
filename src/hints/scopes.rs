//! Execution scopes: the typed replacement for cairo-lang's `exec_scopes` list of dicts.
//!
//! Scope 0 lives for the whole run (hints share variables through it, e.g. `excluded` in
//! `assert_le_felt`, `value` in the secp hints); `vm_enter_scope` pushes a scope and
//! `vm_exit_scope` pops it. A hint sees the variables of the innermost scope only (they are the
//! globals of its Python code). Values are a closed enum, so a hint reads a variable with one
//! `match`, never a downcast. Objects that Python shares by reference between scopes (the dict
//! manager) are `Rc`s.

use super::dict_manager::DictManager;
use super::update_tree::{DescentMap, PatriciaArgs, Preimage, UpdateTree};
use super::HintError;
use crate::hints::HashMap;
use crate::vm::Value;
use num_bigint::BigInt;
use starknet_types_core::felt::Felt;
use std::cell::RefCell;
use std::rc::Rc;

/// A value stored in a scope.
#[derive(Clone, Debug)]
pub enum ScopeValue {
    /// A Python integer.
    Int(BigInt),
    /// Python's `None`.
    None,
    /// A function a hint imported (`pack`, `keccak_func`): later hints may call it without
    /// importing it, and fail with `NameError` when no earlier hint did.
    Imported,
    /// A short string constant (e.g. `case = 'left'`).
    Str(&'static str),
    /// A list of Python integers (`keys`, `current_access_indices`, `positions`, `nibbles`...).
    IntList(Vec<BigInt>),
    /// A memory value held by a Python variable (`key`).
    Value(Value),
    /// A list of memory values (`keys`).
    Values(Vec<Value>),
    /// A list of small non-negative integers (`current_access_indices`, `positions`).
    Indices(Vec<u64>),
    /// A map from a memory value to a list of indices (`access_indices`, `positions_dict`).
    IndexLists(HashMap<Value, Vec<u64>>),
    /// A Python dict of memory values (`initial_dict`).
    Dict(HashMap<Value, Value>),
    /// The `DictManager` (`__dict_manager`), shared by every scope that holds it.
    DictManager(Rc<RefCell<DictManager>>),
    /// A non-empty node of a Merkle / Patricia update tree (`node`, `left_child`, ...).
    Node(Rc<UpdateTree>),
    /// The `preimage` dict of the Merkle / Patricia hints.
    Preimage(Rc<Preimage>),
    /// The Patricia `descent_map`.
    DescentMap(Rc<DescentMap>),
    /// The Patricia `common_args` dict.
    PatriciaArgs(Rc<PatriciaArgs>),
}

/// One scope: its variables, few enough that a linear search by name beats hashing the name.
#[derive(Debug, Default)]
struct Scope {
    vars: Vec<(&'static str, ScopeValue)>,
}

impl Scope {
    fn position(&self, name: &str) -> Option<usize> {
        self.vars.iter().position(|(n, _)| *n == name)
    }

    fn get(&self, name: &str) -> Option<&ScopeValue> {
        self.vars.iter().find(|(n, _)| *n == name).map(|(_, v)| v)
    }

    fn get_mut(&mut self, name: &str) -> Option<&mut ScopeValue> {
        self.vars.iter_mut().find(|(n, _)| *n == name).map(|(_, v)| v)
    }

    fn insert(&mut self, name: &'static str, v: ScopeValue) {
        match self.get_mut(name) {
            Some(slot) => *slot = v,
            None => self.vars.push((name, v)),
        }
    }

    fn remove(&mut self, name: &str) -> Option<ScopeValue> {
        self.position(name).map(|i| self.vars.swap_remove(i).1)
    }
}

/// The stack of scopes.
#[derive(Debug)]
pub struct ExecScopes {
    stack: Vec<Scope>,
}

impl Default for ExecScopes {
    fn default() -> Self {
        ExecScopes { stack: vec![Scope::default()] }
    }
}

impl ExecScopes {
    /// Pushes a scope holding `vars` (a later duplicate name replaces an earlier one, as in a
    /// Python dict).
    pub fn enter(&mut self, vars: impl IntoIterator<Item = (&'static str, ScopeValue)>) {
        let mut scope = Scope::default();
        for (name, v) in vars {
            scope.insert(name, v);
        }
        self.stack.push(scope);
    }

    /// Pops the innermost scope; the main scope cannot be exited.
    pub fn exit(&mut self) -> Result<(), String> {
        if self.stack.len() <= 1 {
            return Err("Cannot exit main scope.".into());
        }
        self.stack.pop();
        Ok(())
    }

    /// The number of scopes (1 = only the main scope).
    pub fn depth(&self) -> usize {
        self.stack.len()
    }

    fn top(&self) -> &Scope {
        self.stack.last().expect("main scope always exists")
    }

    fn top_mut(&mut self) -> &mut Scope {
        self.stack.last_mut().expect("main scope always exists")
    }

    /// A variable of the innermost scope.
    pub fn get(&self, name: &str) -> Option<&ScopeValue> {
        self.top().get(name)
    }

    /// A variable of the innermost scope, mutably.
    pub fn get_mut(&mut self, name: &str) -> Option<&mut ScopeValue> {
        self.top_mut().get_mut(name)
    }

    /// Whether the innermost scope defines `name` (`'name' in globals()`).
    pub fn contains(&self, name: &str) -> bool {
        self.top().get(name).is_some()
    }

    /// Sets a variable in the innermost scope.
    pub fn set(&mut self, name: &'static str, v: ScopeValue) {
        self.top_mut().insert(name, v);
    }

    /// `del name`: removes a variable of the innermost scope.
    pub fn remove(&mut self, name: &str) -> Option<ScopeValue> {
        self.top_mut().remove(name)
    }

    /// A variable that must exist (`NameError` otherwise).
    pub fn value(&self, name: &str) -> Result<&ScopeValue, HintError> {
        self.get(name).ok_or_else(|| HintError::name_error(name))
    }

    /// A variable that must exist, mutably.
    pub fn value_mut(&mut self, name: &str) -> Result<&mut ScopeValue, HintError> {
        self.get_mut(name).ok_or_else(|| HintError::name_error(name))
    }

    /// An integer variable of the innermost scope, or a NameError-like message.
    pub fn get_int(&self, name: &str) -> Result<&BigInt, String> {
        match self.get(name) {
            Some(ScopeValue::Int(i)) => Ok(i),
            Some(other) => Err(format!("TypeError: '{name}' is {}, not an int", other.kind())),
            None => Err(format!("NameError: name '{name}' is not defined")),
        }
    }

    /// An integer variable, mutably.
    pub fn int_mut(&mut self, name: &str) -> Result<&mut BigInt, HintError> {
        match self.value_mut(name)? {
            ScopeValue::Int(i) => Ok(i),
            other => Err(type_error(name, other, "an int")),
        }
    }

    /// An integer variable.
    pub fn int(&self, name: &str) -> Result<&BigInt, HintError> {
        match self.value(name)? {
            ScopeValue::Int(i) => Ok(i),
            other => Err(type_error(name, other, "an int")),
        }
    }

    /// A list-of-integers variable, mutably.
    pub fn int_list_mut(&mut self, name: &str) -> Result<&mut Vec<BigInt>, HintError> {
        match self.value_mut(name)? {
            ScopeValue::IntList(l) => Ok(l),
            other => Err(type_error(name, other, "a list")),
        }
    }

    /// A list-of-integers variable.
    pub fn int_list(&self, name: &str) -> Result<&Vec<BigInt>, HintError> {
        match self.value(name)? {
            ScopeValue::IntList(l) => Ok(l),
            other => Err(type_error(name, other, "a list")),
        }
    }

    /// A map-to-index-lists variable.
    pub fn index_lists(&self, name: &str) -> Result<&HashMap<Value, Vec<u64>>, HintError> {
        match self.value(name)? {
            ScopeValue::IndexLists(m) => Ok(m),
            other => Err(type_error(name, other, "a dict")),
        }
    }

    /// A map-to-index-lists variable, mutably.
    pub fn index_lists_mut(&mut self, name: &str) -> Result<&mut HashMap<Value, Vec<u64>>, HintError> {
        match self.value_mut(name)? {
            ScopeValue::IndexLists(m) => Ok(m),
            other => Err(type_error(name, other, "a dict")),
        }
    }

    /// A list-of-indices variable, mutably.
    pub fn indices_mut(&mut self, name: &str) -> Result<&mut Vec<u64>, HintError> {
        match self.value_mut(name)? {
            ScopeValue::Indices(l) => Ok(l),
            other => Err(type_error(name, other, "a list")),
        }
    }

    /// A list-of-values variable, mutably.
    pub fn values_mut(&mut self, name: &str) -> Result<&mut Vec<Value>, HintError> {
        match self.value_mut(name)? {
            ScopeValue::Values(l) => Ok(l),
            other => Err(type_error(name, other, "a list")),
        }
    }

    /// A memory-value variable.
    pub fn mem_value(&self, name: &str) -> Result<Value, HintError> {
        match self.value(name)? {
            ScopeValue::Value(v) => Ok(*v),
            ScopeValue::Int(i) => Ok(Value::Int(Felt::from(i))),
            other => Err(type_error(name, other, "a value")),
        }
    }

    /// A string variable.
    pub fn str(&self, name: &str) -> Result<&'static str, HintError> {
        match self.value(name)? {
            ScopeValue::Str(s) => Ok(s),
            other => Err(type_error(name, other, "a str")),
        }
    }

    /// A tree variable (`node`, `left_child`, ...): a node or `None`.
    pub fn tree(&self, name: &str) -> Result<super::update_tree::Tree, HintError> {
        match self.value(name)? {
            ScopeValue::Node(n) => Ok(Some(n.clone())),
            ScopeValue::None => Ok(None),
            other => Err(type_error(name, other, "a tree node")),
        }
    }

    /// `preimage`.
    pub fn preimage(&self) -> Result<Rc<Preimage>, HintError> {
        match self.value("preimage")? {
            ScopeValue::Preimage(p) => Ok(p.clone()),
            other => Err(type_error("preimage", other, "a dict")),
        }
    }

    /// `__dict_manager`.
    pub fn dict_manager(&self) -> Result<Rc<RefCell<DictManager>>, HintError> {
        match self.value("__dict_manager")? {
            ScopeValue::DictManager(m) => Ok(m.clone()),
            other => Err(type_error("__dict_manager", other, "a DictManager")),
        }
    }
}

impl ScopeValue {
    /// A short description of the variant, for type errors.
    pub fn kind(&self) -> &'static str {
        match self {
            ScopeValue::Int(_) => "an int",
            ScopeValue::None => "None",
            ScopeValue::Imported => "a function",
            ScopeValue::Str(_) => "a str",
            ScopeValue::Value(_) => "a value",
            ScopeValue::IntList(_) | ScopeValue::Values(_) | ScopeValue::Indices(_) => "a list",
            ScopeValue::IndexLists(_) | ScopeValue::Dict(_) => "a dict",
            ScopeValue::DictManager(_) => "a DictManager",
            ScopeValue::Node(_) => "an update-tree node",
            ScopeValue::Preimage(_) | ScopeValue::DescentMap(_) | ScopeValue::PatriciaArgs(_) => "a dict",
        }
    }
}

fn type_error(name: &str, found: &ScopeValue, expected: &str) -> HintError {
    HintError::py("TypeError", 0, format!("'{name}' is {}, expected {expected}", found.kind()))
}
