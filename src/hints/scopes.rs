//! Execution scopes: the typed replacement for cairo-lang's `exec_scopes` list of dicts.
//!
//! Scope 0 lives for the whole run (hints share variables through it, e.g. `excluded` in
//! `assert_le_felt`); `vm_enter_scope` pushes a scope and `vm_exit_scope` pops it. Values are a
//! closed enum, so a hint reads a variable with one `match`, never a downcast.

use num_bigint::BigInt;
use std::collections::HashMap;

/// A value stored in a scope.
#[derive(Clone, Debug, PartialEq)]
pub enum ScopeValue {
    /// A Python integer.
    Int(BigInt),
}

/// The stack of scopes.
#[derive(Debug)]
pub struct ExecScopes {
    stack: Vec<HashMap<&'static str, ScopeValue>>,
}

impl Default for ExecScopes {
    fn default() -> Self {
        ExecScopes { stack: vec![HashMap::new()] }
    }
}

impl ExecScopes {
    /// Pushes a scope holding `vars`.
    pub fn enter(&mut self, vars: impl IntoIterator<Item = (&'static str, ScopeValue)>) {
        self.stack.push(vars.into_iter().collect());
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

    /// A variable of the innermost scope.
    pub fn get(&self, name: &str) -> Option<&ScopeValue> {
        self.stack.last().and_then(|s| s.get(name))
    }

    /// Sets a variable in the innermost scope.
    pub fn set(&mut self, name: &'static str, v: ScopeValue) {
        self.stack.last_mut().expect("main scope always exists").insert(name, v);
    }

    /// An integer variable of the innermost scope, or a NameError-like message.
    pub fn get_int(&self, name: &str) -> Result<&BigInt, String> {
        match self.get(name) {
            Some(ScopeValue::Int(i)) => Ok(i),
            None => Err(format!("NameError: name '{name}' is not defined")),
        }
    }
}
