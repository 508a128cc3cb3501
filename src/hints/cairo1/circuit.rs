//! `EvalCircuit`: evaluates a Cairo 1 circuit (`core::circuit`) into its values table and fills
//! the add_mod / mul_mod builtin instances that check it, as cairo-lang-runner and cairo-vm's
//! Cairo 1 hint processor do (the test oracle).
//!
//! What the CASM of `eval_circuit` has written before the hint runs:
//!
//! - the first mul_mod instance (7 cells: `p0..p3, values_ptr, offsets_ptr, n`) holds the
//!   modulus in its 4 words, the values table and the mul gates' offsets;
//! - when there are add gates, the first add_mod instance holds their offsets at cell 5;
//! - the values table holds the constant 1 and the inputs, each value 4 words of 96 bits; an
//!   offsets table holds 3 offsets per gate `(lhs, rhs, result)` into the values table.
//!
//! A gate `a + b = c` computes `c`, or, as a subtraction gate, `a = c - b` when `a` is unknown;
//! a gate `a * b = c` computes `c`, or, as an inverse gate, `a = c / b` (`c` is the constant 1).
//! The gates run in this order: every add gate that can run, in order, then one mul gate, again
//! until the mul gates are done. An inverse gate whose operand has no inverse writes a
//! nullifier instead (`p / gcd(b, p)`, so that `a * b = 0 mod p`) and stops the evaluation:
//! the mul_mod instances then cover only the gates before it, which the program checks before
//! it proves the failure.
//!
//! Unlike the pythonic text of the hint (cairo-lang's `ModBuiltinRunner.fill_memory`, which
//! deduces every value it can and runs on past a failed inverse), nothing after the failure is
//! written.

use super::operand::{int_at, ptr_at};
use super::Cairo1HintError as E;
use crate::builtins::modulo::{N_WORDS, WORD_BIT_LEN};
use crate::vm::{Relocatable, Value, Vm};
use num_bigint::{BigInt, BigUint};
use num_integer::Integer;
use num_traits::{One, Zero};
use starknet_types_core::felt::Felt;

/// Cells per add_mod / mul_mod instance.
const INSTANCE_SIZE: u64 = 7;
/// Offsets per gate: lhs, rhs, result.
const OFFSETS_PER_GATE: u64 = 3;

fn at(p: Relocatable, i: u64) -> Relocatable {
    Relocatable::new(p.segment, p.offset + i)
}

/// The values table and the gates' offsets.
struct Gates<'v> {
    vm: &'v mut Vm,
    values: Relocatable,
    modulus: BigUint,
}

impl Gates<'_> {
    /// Where the value the offset cell `offset_cell` names starts.
    fn value_addr(&self, offset_cell: Relocatable) -> Result<Relocatable, E> {
        let offset = int_at(self.vm, offset_cell)?;
        self.values
            .add_felt(&offset)
            .ok_or_else(|| E::Msg(format!("circuit value offset {offset} at {offset_cell} is out of range")))
    }

    /// The value the offset cell names, or `None` while one of its words is unknown (or not
    /// an integer).
    fn read(&self, offset_cell: Relocatable) -> Result<Option<BigUint>, E> {
        let addr = self.value_addr(offset_cell)?;
        let mut v = BigUint::zero();
        for w in (0..N_WORDS).rev() {
            match self.vm.memory.get(at(addr, w)) {
                Some(Value::Int(word)) => v = (v << WORD_BIT_LEN) + word.to_biguint(),
                _ => return Ok(None),
            }
        }
        Ok(Some(v))
    }

    /// Writes `v` (below `p`, so below 2^384) as 4 words where the offset cell points.
    fn write(&mut self, offset_cell: Relocatable, v: &BigUint) -> Result<(), E> {
        let addr = self.value_addr(offset_cell)?;
        let mask = (BigUint::one() << WORD_BIT_LEN) - 1u8;
        for w in 0..N_WORDS {
            let word = (v >> (WORD_BIT_LEN as u64 * w)) & &mask;
            self.vm.memory.insert(at(addr, w), Value::Int(Felt::from(&word)))?;
        }
        Ok(())
    }
}

/// `(true, b^-1 mod p)`, or `(false, p / gcd(b, p))` when `b` has no inverse.
fn inverse_or_nullifier(b: &BigUint, p: &BigUint) -> (bool, BigUint) {
    let (b, p_int) = (BigInt::from(b.clone()), BigInt::from(p.clone()));
    let e = b.extended_gcd(&p_int);
    if e.gcd.is_one() {
        let inv = e.x.mod_floor(&p_int);
        (true, inv.to_biguint().expect("mod_floor by a positive modulus is non-negative"))
    } else {
        let gcd = e.gcd.to_biguint().expect("a gcd is non-negative");
        (false, p / gcd)
    }
}

/// Evaluates the gates; returns how many mul gates the mul_mod builtin checks (all of them,
/// or those before a failed inverse).
fn compute(g: &mut Gates, add: (Relocatable, u64), mul: (Relocatable, u64)) -> Result<u64, E> {
    let ((add_offsets, n_add), (mul_offsets, n_mul)) = (add, mul);
    let (mut ai, mut mi) = (0u64, 0u64);
    loop {
        while ai < n_add {
            let cells = at(add_offsets, OFFSETS_PER_GATE * ai);
            let (lhs, rhs, res) = (cells, at(cells, 1), at(cells, 2));
            match (g.read(lhs)?, g.read(rhs)?) {
                (Some(a), Some(b)) => {
                    let c = (a + b) % &g.modulus;
                    g.write(res, &c)?;
                }
                (None, Some(b)) => {
                    let Some(c) = g.read(res)? else { break };
                    let a = (c + &g.modulus - b) % &g.modulus;
                    g.write(lhs, &a)?;
                }
                _ => break,
            }
            ai += 1;
        }
        if mi == n_mul {
            return Ok(n_mul);
        }
        let cells = at(mul_offsets, OFFSETS_PER_GATE * mi);
        let (lhs, rhs, res) = (cells, at(cells, 1), at(cells, 2));
        match (g.read(lhs)?, g.read(rhs)?) {
            (Some(a), Some(b)) => {
                let c = (a * b) % &g.modulus;
                g.write(res, &c)?;
            }
            (None, Some(b)) => {
                let (invertible, a) = inverse_or_nullifier(&b, &g.modulus);
                g.write(lhs, &a)?;
                if !invertible {
                    return Ok(mi);
                }
            }
            _ => {
                return Err(E::Msg(format!(
                    "circuit evaluation failed: mul gate {mi} has an unknown operand (add gates done: {ai})"
                )))
            }
        }
        mi += 1;
    }
}

/// Writes `n` instances from `base`: the modulus words, the values table, the gate's offsets
/// and the number of gates left.
fn fill_instances(
    vm: &mut Vm,
    base: Relocatable,
    n: u64,
    modulus: &[Felt; N_WORDS as usize],
    values: Relocatable,
    offsets: Relocatable,
) -> Result<(), E> {
    for i in 0..n {
        let instance = at(base, INSTANCE_SIZE * i);
        for (w, word) in modulus.iter().enumerate() {
            vm.memory.insert(at(instance, w as u64), Value::Int(*word))?;
        }
        vm.memory.insert(at(instance, 4), Value::Ptr(values))?;
        vm.memory.insert(at(instance, 5), Value::Ptr(at(offsets, OFFSETS_PER_GATE * i)))?;
        vm.memory.insert(at(instance, 6), Value::Int(Felt::from(n - i)))?;
    }
    Ok(())
}

/// The hint: `n_add` add gates checked from `add_base`, `n_mul` mul gates from `mul_base`.
pub(super) fn eval_circuit(
    vm: &mut Vm,
    (add_base, n_add): (Relocatable, u64),
    (mul_base, n_mul): (Relocatable, u64),
) -> Result<(), E> {
    let values = ptr_at(vm, at(mul_base, 4))?;
    let mul_offsets = ptr_at(vm, at(mul_base, 5))?;
    let add_offsets = if n_add == 0 { mul_offsets } else { ptr_at(vm, at(add_base, 5))? };
    let mut words = [Felt::ZERO; N_WORDS as usize];
    let mut modulus = BigUint::zero();
    for (w, word) in words.iter_mut().enumerate().rev() {
        *word = int_at(vm, at(mul_base, w as u64))?;
        modulus = (modulus << WORD_BIT_LEN) + word.to_biguint();
    }
    if modulus.is_zero() {
        return Err(E::Msg("circuit evaluation failed: the modulus is 0".into()));
    }
    let mut gates = Gates { vm: &mut *vm, values, modulus };
    let n_checked = compute(&mut gates, (add_offsets, n_add), (mul_offsets, n_mul))?;
    fill_instances(vm, add_base, n_add, &words, values, add_offsets)?;
    fill_instances(vm, mul_base, n_checked, &words, values, mul_offsets)
}
