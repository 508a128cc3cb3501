//! What a hint function sees: `ids`, memory, registers, segments, scopes, program input.
//!
//! The accessors follow what the Python objects of a hint do in cairo-lang: `ids.x` of a felt
//! is the integer in `[0, p)`, writes through `memory[...]`, `ids.x = v` and
//! `segments.write_arg` store Python integers modulo p (cairo-lang's `ValidatedMemoryDict` and
//! `gen_arg`), reads of unset cells are `UnknownMemoryError`s.

use super::error::HintError;
use super::scopes::ExecScopes;
use super::site::{SiteCache, Use};
use super::HintSite;
use crate::program::{Hint, Ids, Program};
use crate::vm::value::felt_to_biguint;
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
    /// The hint.
    hint: &'a Hint,
    /// The plans of this hint's `ids` accesses.
    site: &'a SiteCache,
}

impl<'a> HintCtx<'a> {
    /// A context for the hint of `site`.
    pub fn new(
        vm: &'a mut Vm,
        program: &'a Program,
        site: &'a HintSite<'a>,
        scopes: &'a mut ExecScopes,
        program_input: Option<&'a serde_json::Value>,
    ) -> Self {
        HintCtx {
            vm,
            program,
            pc: site.pc,
            index: site.index,
            scopes,
            program_input,
            hint: site.hint,
            site: site.cache(),
        }
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
        Ids::for_hint(self.program, self.hint, &*self.vm)
    }

    /// `ids.<path>` for `u` through the site's plan, when it computes it (debug builds check
    /// the plan against [`Ids`]).
    fn planned(&self, path: &str, u: Use) -> Option<Value> {
        let v = self.site.access(self.program, self.hint, self.vm, path, u)?;
        #[cfg(debug_assertions)]
        {
            let ids = self.ids();
            let slow = match u {
                Use::Get => ids.get_value(path),
                Use::Set => ids.set_target(path).map(Value::Ptr),
                Use::Addr => ids.get_addr(path).map(Value::Ptr),
            };
            assert_eq!(slow.as_ref().ok(), Some(&v), "ids.{path} ({u:?}) planned differently: {slow:?}");
        }
        Some(v)
    }

    /// The value of `ids.<path>`.
    pub fn get(&self, path: &str) -> Result<Value, HintError> {
        if let Some(v) = self.planned(path, Use::Get) {
            return Ok(v);
        }
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
        Ok(felt_to_biguint(&self.get_int(path)?))
    }

    /// `ids.<path>` as a (non-negative) Python integer.
    pub fn get_bigint(&self, path: &str) -> Result<BigInt, HintError> {
        Ok(BigInt::from(felt_to_biguint(&self.get_int(path)?)))
    }

    /// `ids.<path>` as a `u64`, for counts and sizes; the error names the value.
    pub fn get_u64(&self, path: &str) -> Result<u64, HintError> {
        let f = self.get_int(path)?;
        felt_to_u64(&f).ok_or_else(|| {
            HintError::py("ValueError", 0, format!("ids.{path} = {f} is too large to be a count."))
        })
    }

    /// The address `ids.<path>` denotes (for `ids.x.address_` and struct references).
    pub fn addr(&self, path: &str) -> Result<Relocatable, HintError> {
        if let Some(Value::Ptr(p)) = self.planned(path, Use::Addr) {
            return Ok(p);
        }
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
        let addr = match self.planned(path, Use::Set) {
            Some(Value::Ptr(p)) => p,
            _ => self.ids().set_target(path)?,
        };
        self.vm.memory.insert(addr, v.into())?;
        Ok(())
    }

    /// `ids.<path> = v` for a Python integer (taken modulo p, as cairo-lang stores it).
    pub fn set_big(&mut self, path: &str, v: &BigInt) -> Result<(), HintError> {
        self.set(path, felt_from_bigint(v))
    }

    /// `ids.<path> = v` for a non-negative Python integer.
    pub fn set_biguint(&mut self, path: &str, v: &BigUint) -> Result<(), HintError> {
        self.set(path, felt_from_biguint(v))
    }

    /// `memory[addr] = v`.
    pub fn insert(&mut self, addr: Relocatable, v: impl Into<Value>) -> Result<(), HintError> {
        self.vm.memory.insert(addr, v.into())?;
        Ok(())
    }

    /// `memory[ap] = v`.
    pub fn set_ap(&mut self, v: impl Into<Value>) -> Result<(), HintError> {
        let ap = self.vm.ap;
        self.insert(ap, v)
    }

    /// `memory[addr]` (relocated by the relocation rules, as cairo-lang's memory reads are).
    pub fn mem(&self, addr: Relocatable) -> Result<Value, HintError> {
        let v = self.vm.memory.get_value(addr)?;
        Ok(self.vm.memory.relocate_value(v))
    }

    /// `memory[addr]`, which must be an integer.
    pub fn mem_int(&self, addr: Relocatable) -> Result<Felt, HintError> {
        match self.mem(addr)? {
            Value::Int(f) => Ok(f),
            Value::Ptr(p) => Err(HintError::py(
                "TypeError",
                0,
                format!("Expected an integer at memory[{addr}], found the pointer {p}."),
            )),
        }
    }

    /// `memory.get_range(addr, n)`.
    pub fn get_range(&self, addr: Relocatable, n: u64) -> Result<Vec<Value>, HintError> {
        (0..n).map(|i| self.mem(offset(addr, i)?)).collect()
    }

    /// `memory.get_range(addr, n)` of integers.
    pub fn get_int_range(&self, addr: Relocatable, n: u64) -> Result<Vec<Felt>, HintError> {
        (0..n).map(|i| self.mem_int(offset(addr, i)?)).collect()
    }

    /// `segments.write_arg(ptr, values)`: writes consecutive values from `ptr`.
    pub fn write_arg<V: Into<Value>>(
        &mut self,
        ptr: Relocatable,
        values: impl IntoIterator<Item = V>,
    ) -> Result<Relocatable, HintError> {
        let mut p = ptr;
        for v in values {
            self.vm.memory.insert(p, v.into())?;
            p = offset(p, 1)?;
        }
        Ok(p)
    }

    /// `segments.gen_arg(values)` for a list: a new segment holding the values.
    pub fn gen_arg<V: Into<Value>>(
        &mut self,
        values: impl IntoIterator<Item = V>,
    ) -> Result<Relocatable, HintError> {
        let base = self.add_segment();
        self.write_arg(base, values)?;
        Ok(base)
    }

    /// `segments.add()`.
    pub fn add_segment(&mut self) -> Relocatable {
        self.vm.memory.add_segment()
    }

    /// `segments.add_temp_segment()`.
    pub fn add_temp_segment(&mut self) -> Relocatable {
        self.vm.memory.add_temp_segment()
    }

    /// `range_check_builtin.bound` (2^128).
    pub fn rc_bound(&self) -> BigUint {
        BigUint::from(1u8) << 128
    }
}

/// `addr + i`, or the error Python would give for an offset out of range.
pub fn offset(addr: Relocatable, i: u64) -> Result<Relocatable, HintError> {
    addr.add_u64(i)
        .ok_or_else(|| HintError::py("ValueError", 0, format!("Address {addr} + {i} is out of range.")))
}

pub use crate::vm::value::{felt_to_u128, felt_to_u64};

/// `v mod p` as a felt: `Felt::from(v)`, without its trip through bytes when `v` has at most
/// 256 bits.
pub fn felt_from_biguint(v: &BigUint) -> Felt {
    if v.bits() > 256 {
        return Felt::from(v);
    }
    // Limbs most significant first, as the runtime's conversion takes them.
    let mut canonical = [0u64; 4];
    for (i, d) in v.iter_u64_digits().enumerate() {
        canonical[3 - i] = d;
    }
    Felt::from_raw(cairo_jit_runtime::felt::from_canonical(canonical))
}

/// `v mod p` as a felt, for a signed Python integer.
pub fn felt_from_bigint(v: &BigInt) -> Felt {
    let f = felt_from_biguint(v.magnitude());
    if v.sign() == num_bigint::Sign::Minus {
        -f
    } else {
        f
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use num_traits::One;

    #[test]
    fn big_integers_convert_as_felt_from_does() {
        let p = Felt::MAX.to_biguint() + 1u8;
        let one = BigUint::one();
        let mut values = vec![BigUint::ZERO, one.clone(), &p - 1u8, p.clone(), &p + 1u8, &p * 2u8 + 5u8];
        values.extend([(&one << 256) - 1u8, &one << 255, &one << 256, (&one << 300) + 7u8, &one << 64]);
        for v in values {
            assert_eq!(felt_from_biguint(&v), Felt::from(&v), "{v}");
            let neg = -BigInt::from(v.clone());
            assert_eq!(felt_from_bigint(&neg), Felt::from(&neg), "-{v}");
            assert_eq!(felt_from_bigint(&BigInt::from(v.clone())), Felt::from(&v), "{v}");
        }
    }
}
