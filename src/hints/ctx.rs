//! What a hint function sees: `ids`, memory, registers, segments, scopes, program input.

use super::error::HintError;
use super::scopes::ExecScopes;
use crate::program::{Ids, Program};
use crate::vm::{Relocatable, Value, Vm};
use num_bigint::{BigInt, BigUint};
use starknet_types_core::felt::Felt;

/// The context of one hint execution.
pub struct HintCtx<'a> {
    /// The VM (memory and registers).
    pub vm: &'a mut Vm,
    /// The program.
    pub program: &'a Program,
    /// The hint's pc (offset in the program segment).
    pub pc: usize,
    /// The hint's index among the pc's hints.
    pub index: usize,
    /// Execution scopes.
    pub scopes: &'a mut ExecScopes,
    /// `program_input`, when given.
    pub program_input: Option<&'a serde_json::Value>,
}

impl<'a> HintCtx<'a> {
    /// A context for hint `index` at `pc`.
    pub fn new(
        vm: &'a mut Vm,
        program: &'a Program,
        pc: usize,
        index: usize,
        scopes: &'a mut ExecScopes,
        program_input: Option<&'a serde_json::Value>,
    ) -> Self {
        HintCtx { vm, program, pc, index, scopes, program_input }
    }

    /// ap.
    pub fn ap(&self) -> Relocatable {
        self.vm.ap
    }

    /// fp.
    pub fn fp(&self) -> Relocatable {
        self.vm.fp
    }

    fn ids(&self) -> Ids<'_> {
        let hint = &self.program.hints_at(self.pc)[self.index];
        Ids::for_hint(self.program, hint, &*self.vm)
    }

    /// The value of `ids.<path>`.
    pub fn get(&self, path: &str) -> Result<Value, HintError> {
        Ok(self.ids().get_value(path)?)
    }

    /// The value of `ids.<path>`, which must be an integer; the error is `assert_integer`'s.
    pub fn get_int(&self, path: &str) -> Result<Felt, HintError> {
        match self.get(path)? {
            Value::Int(f) => Ok(f),
            v @ Value::Ptr(_) => Err(HintError::Python {
                exc: "AssertionError",
                msg: format!("Expected integer, found: {v}."),
                line: 0,
            }),
        }
    }

    /// `ids.<path>` as a non-negative big integer.
    pub fn get_big(&self, path: &str) -> Result<BigUint, HintError> {
        Ok(self.get_int(path)?.to_biguint())
    }

    /// The address `ids.<path>` denotes (for `ids.x.address_` and struct references).
    pub fn addr(&self, path: &str) -> Result<Relocatable, HintError> {
        Ok(self.ids().get_addr(path)?)
    }

    /// The pointer value of `ids.<path>`.
    pub fn get_ptr(&self, path: &str) -> Result<Relocatable, HintError> {
        match self.get(path)? {
            Value::Ptr(p) => Ok(p),
            v => Err(HintError::Python {
                exc: "TypeError",
                msg: format!("Expected a pointer for ids.{path}, found: {v}."),
                line: 0,
            }),
        }
    }

    /// `ids.<path> = v`.
    pub fn set(&mut self, path: &str, v: impl Into<Value>) -> Result<(), HintError> {
        let addr = self.ids().set_target(path)?;
        self.vm.memory.insert(addr, v.into())?;
        Ok(())
    }

    /// `ids.<path> = v` for a Python integer (taken modulo p, as cairo-lang stores it).
    pub fn set_big(&mut self, path: &str, v: &BigInt) -> Result<(), HintError> {
        self.set(path, Felt::from(v))
    }

    /// `memory[addr] = v`.
    pub fn insert(&mut self, addr: Relocatable, v: impl Into<Value>) -> Result<(), HintError> {
        self.vm.memory.insert(addr, v.into())?;
        Ok(())
    }

    /// `segments.add()`.
    pub fn add_segment(&mut self) -> Relocatable {
        self.vm.memory.add_segment()
    }

    /// `range_check_builtin.bound` (2^128).
    pub fn rc_bound(&self) -> BigUint {
        BigUint::from(1u8) << 128
    }
}
