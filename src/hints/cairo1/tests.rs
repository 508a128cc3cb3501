//! Hints hard to reach from Cairo source, each run on our VM and on cairo-vm's
//! `Cairo1HintProcessor` (the reference) from the same memory; the execution segments must end
//! up identical.

use super::{Cairo1HintProcessor, Cairo1Hints};
use crate::vm::{Memory, Relocatable, Value, Vm};
use cairo_lang_casm::hints::{CoreHint, Hint};
use cairo_lang_casm::operand::{CellRef, Register, ResOperand};
use cairo_lang_utils::bigint::BigIntAsHex;
use cairo_vm::hint_processor::cairo_1_hint_processor::hint_processor::Cairo1HintProcessor as Reference;
use cairo_vm::types::exec_scope::ExecutionScopes;
use cairo_vm::types::relocatable::{MaybeRelocatable, Relocatable as VmRel};
use cairo_vm::vm::runners::cairo_runner::RunResources;
use cairo_vm::vm::vm_core::VirtualMachine;
use num_bigint::BigInt;
use starknet_types_core::felt::Felt;
use std::sync::Arc;

const FP: u64 = 10;
const AP: u64 = 20;

fn fp(offset: i16) -> CellRef {
    CellRef { register: Register::FP, offset }
}
fn ap(offset: i16) -> CellRef {
    CellRef { register: Register::AP, offset }
}
fn d(offset: i16) -> ResOperand {
    ResOperand::Deref(fp(offset))
}
fn imm(v: impl Into<BigInt>) -> ResOperand {
    ResOperand::Immediate(BigIntAsHex { value: v.into() })
}

/// Runs `hints` on both VMs with `inputs` at `[fp + i]`; returns the cells 0..40 of segments 1
/// to 3 of ours and of the reference.
fn both(inputs: &[Felt], hints: &[Hint]) -> (Vec<Option<String>>, Vec<Option<String>>) {
    let mut mem = Memory::new();
    mem.add_segment();
    let exec = mem.add_segment();
    let mut vm = Vm::new(mem);
    vm.fp = Relocatable::new(exec.segment, FP);
    vm.ap = Relocatable::new(exec.segment, AP);
    let mut rvm = VirtualMachine::new(false, false);
    rvm.add_memory_segment();
    rvm.add_memory_segment();
    rvm.set_fp(FP as usize);
    rvm.set_ap(AP as usize);
    for (i, v) in inputs.iter().enumerate() {
        vm.memory.insert(Relocatable::new(1, FP + i as u64), Value::Int(*v)).unwrap();
        rvm.insert_value(
            VmRel::from((1, FP as usize + i)),
            cairo_vm::Felt252::from_bytes_be(&v.to_bytes_be()),
        )
        .unwrap();
    }
    let mut ours = Cairo1HintProcessor::new(Arc::new(Cairo1Hints::default()), None);
    let reference = Reference::new(&[], RunResources::default(), false);
    let mut scopes = ExecutionScopes::new();
    for h in hints {
        ours.execute(&mut vm, h).unwrap_or_else(|e| panic!("ours: {h:?}: {e}"));
        reference.execute(&mut rvm, &mut scopes, h).unwrap_or_else(|e| panic!("reference: {h:?}: {e:?}"));
    }
    // Segments 1 (execution) and 2, 3 (segments the hints add), values as text.
    let cells = || (1..4i64).flat_map(|s| (0..40u64).map(move |i| (s, i)));
    let a = cells()
        .map(|(s, i)| match vm.memory.get(Relocatable::new(s, i)) {
            Some(Value::Int(f)) => Some(f.to_string()),
            Some(Value::Ptr(p)) => Some(format!("{}:{}", p.segment, p.offset)),
            None => None,
        })
        .collect();
    let b = cells()
        .map(|(s, i)| match rvm.get_maybe(&VmRel::from((s as isize, i as usize))) {
            Some(MaybeRelocatable::Int(f)) => Some(Felt::from_bytes_be(&f.to_bytes_be()).to_string()),
            Some(MaybeRelocatable::RelocatableValue(p)) => Some(format!("{}:{}", p.segment_index, p.offset)),
            None => None,
        })
        .collect();
    (a, b)
}

/// Runs `hints` on our VM only; returns its execution segment's cells as [`both`] does.
fn ours_only(hints: &[Hint]) -> Vec<Option<String>> {
    let mut mem = Memory::new();
    mem.add_segment();
    let exec = mem.add_segment();
    let mut vm = Vm::new(mem);
    vm.fp = Relocatable::new(exec.segment, FP);
    vm.ap = Relocatable::new(exec.segment, AP);
    let mut ours = Cairo1HintProcessor::new(Arc::new(Cairo1Hints::default()), None);
    for h in hints {
        ours.execute(&mut vm, h).unwrap_or_else(|e| panic!("ours: {h:?}: {e}"));
    }
    let cells = (0..40u64).map(|i| match vm.memory.get(Relocatable::new(1, i)) {
        Some(Value::Int(f)) => Some(f.to_string()),
        Some(Value::Ptr(p)) => Some(format!("{}:{}", p.segment, p.offset)),
        None => None,
    });
    cells.collect()
}

fn check(inputs: &[Felt], hints: &[Hint]) {
    let (a, b) = both(inputs, hints);
    assert_eq!(a, b, "hints {hints:?} on {inputs:?}");
}

fn f(v: u128) -> Felt {
    Felt::from(v)
}

#[test]
fn arithmetic_hints_match_the_reference() {
    let big = [f(u128::MAX), f(0x1234_5678_9abc_def0), f(3), f(u128::MAX - 7), f(1 << 100), f(17)];
    check(&big, &[CoreHint::WideMul128 { lhs: d(0), rhs: d(1), high: ap(0), low: ap(1) }.into()]);
    check(&big, &[CoreHint::DivMod { lhs: d(0), rhs: d(1), quotient: ap(0), remainder: ap(1) }.into()]);
    check(&big, &[CoreHint::SquareRoot { value: d(0), dst: ap(0) }.into()]);
    check(&big, &[CoreHint::TestLessThan { lhs: d(1), rhs: d(2), dst: ap(0) }.into()]);
    check(&big, &[CoreHint::TestLessThanOrEqual { lhs: d(2), rhs: imm(3), dst: ap(0) }.into()]);
    check(
        &big,
        &[CoreHint::LinearSplit { value: d(0), scalar: d(5), max_x: imm(1u64 << 60), x: ap(0), y: ap(1) }
            .into()],
    );
    check(
        &big,
        &[CoreHint::Uint256DivMod {
            dividend0: d(0),
            dividend1: d(3),
            divisor0: d(1),
            divisor1: d(2),
            quotient0: ap(0),
            quotient1: ap(1),
            remainder0: ap(2),
            remainder1: ap(3),
        }
        .into()],
    );
    check(
        &big,
        &[CoreHint::Uint512DivModByUint256 {
            dividend0: d(0),
            dividend1: d(1),
            dividend2: d(3),
            dividend3: d(4),
            divisor0: d(5),
            divisor1: d(2),
            quotient0: ap(0),
            quotient1: ap(1),
            quotient2: ap(2),
            quotient3: ap(3),
            remainder0: ap(4),
            remainder1: ap(5),
        }
        .into()],
    );
    check(
        &big,
        &[CoreHint::Uint256SquareRoot {
            value_low: d(0),
            value_high: d(3),
            sqrt0: ap(0),
            sqrt1: ap(1),
            remainder_low: ap(2),
            remainder_high: ap(3),
            sqrt_mul_2_minus_remainder_ge_u128: ap(4),
        }
        .into()],
    );
}

#[test]
fn inverse_and_field_hints_match_the_reference() {
    let u256_inv = || -> Hint {
        CoreHint::U256InvModN {
            b0: d(0),
            b1: d(1),
            n0: d(2),
            n1: d(3),
            g0_or_no_inv: ap(0),
            g1_option: ap(1),
            s_or_r0: ap(2),
            s_or_r1: ap(3),
            t_or_k0: ap(4),
            t_or_k1: ap(5),
        }
        .into()
    };
    // An inverse exists; no inverse (even gcd, odd gcd); n == 1.
    for (b, n) in [(3u128, 1_000_000_007u128), (6, 1 << 40), (21, 35), (5, 1)] {
        check(&[f(b), f(0), f(n), f(1)], &[u256_inv()]);
        check(&[f(b), f(0), f(n), f(0)], &[u256_inv()]);
    }
    for v in [f(0), f(4), f(5), Felt::MAX, f(1 << 120)] {
        check(&[v], &[CoreHint::FieldSqrt { val: d(0), sqrt: ap(0) }.into()]);
    }
    check(&[], &[CoreHint::RandomEcPoint { x: ap(0), y: ap(1) }.into()]);
}

#[test]
fn assert_le_arcs_match_the_reference() {
    for (a, b) in [(3u128, 10u128), (0, 0), (1 << 127, u128::MAX), (5, 5)] {
        // fp+0: a, fp+1: b; the range check pointer is a new segment's start at [ap + 10].
        let (a, b) = (f(a), f(b));
        let mut hints: Vec<Hint> = vec![CoreHint::AllocSegment { dst: ap(10) }.into()];
        let rc = ResOperand::Deref(ap(10));
        hints.push(CoreHint::AssertLeFindSmallArcs { range_check_ptr: rc, a: d(0), b: d(1) }.into());
        hints.push(CoreHint::AssertLeIsFirstArcExcluded { skip_exclude_a_flag: ap(0) }.into());
        hints.push(CoreHint::AssertLeIsSecondArcExcluded { skip_exclude_b_minus_a: ap(1) }.into());
        check(&[a, b], &hints);
    }
}

#[test]
fn segment_and_address_hints_match_the_reference() {
    let alloc = |size: i64, dst: i16| -> Hint {
        CoreHint::AllocConstantSize { size: imm(size), dst: ap(dst) }.into()
    };
    check(&[], &[alloc(3, 0), alloc(5, 1), alloc(0, 2), alloc(2, 3)]);
    // Compare two pointers of one segment: [ap + 0] and [ap + 1] point into a new segment.
    let le = |l: i16, r: i16, dst: i16| -> Hint {
        CoreHint::TestLessThanOrEqualAddress {
            lhs: ResOperand::Deref(ap(l)),
            rhs: ResOperand::Deref(ap(r)),
            dst: ap(dst),
        }
        .into()
    };
    // cairo-vm 3.2.0 reads these operands as integers and fails on pointers; cairo-lang-runner
    // compares the addresses, as we do.
    let ours = ours_only(&[alloc(3, 0), alloc(5, 1), le(0, 1, 2), le(1, 0, 3), le(0, 0, 4)]);
    assert_eq!(ours[22..25], [Some("1".to_string()), Some("0".to_string()), Some("1".to_string())]);
    // DebugPrint writes nothing.
    check(
        &[],
        &[
            alloc(0, 0),
            CoreHint::DebugPrint { start: ResOperand::Deref(ap(0)), end: ResOperand::Deref(ap(0)) }.into(),
        ],
    );
}
