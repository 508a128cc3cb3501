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

/// Our VM with a program segment and an execution segment, fp at `FP` and ap at `AP`.
fn our_vm() -> Vm {
    let mut mem = Memory::new();
    mem.add_segment();
    let exec = mem.add_segment();
    let mut vm = Vm::new(mem);
    vm.fp = Relocatable::new(exec.segment, FP);
    vm.ap = Relocatable::new(exec.segment, AP);
    vm
}

/// Runs `hints` on both VMs with `inputs` at `[fp + i]`; returns the cells 0..40 of segments 1
/// to 3 of ours and of the reference.
fn both(inputs: &[Felt], hints: &[Hint]) -> (Vec<Option<String>>, Vec<Option<String>>) {
    let mut vm = our_vm();
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
    (
        cells().map(|(s, i)| our_cell(&vm, s, i)).collect(),
        cells().map(|(s, i)| reference_cell(&rvm, s, i)).collect(),
    )
}

/// A cell of ours as text: a number, `segment:offset`, or `None` when unset.
fn our_cell(vm: &Vm, segment: i64, offset: u64) -> Option<String> {
    match vm.memory.get(Relocatable::new(segment, offset)) {
        Some(Value::Int(f)) => Some(f.to_string()),
        Some(Value::Ptr(p)) => Some(format!("{}:{}", p.segment, p.offset)),
        None => None,
    }
}

/// A cell of the reference VM as [`our_cell`] writes ours.
fn reference_cell(rvm: &VirtualMachine, segment: i64, offset: u64) -> Option<String> {
    match rvm.get_maybe(&VmRel::from((segment as isize, offset as usize))) {
        Some(MaybeRelocatable::Int(f)) => Some(Felt::from_bytes_be(&f.to_bytes_be()).to_string()),
        Some(MaybeRelocatable::RelocatableValue(p)) => Some(format!("{}:{}", p.segment_index, p.offset)),
        None => None,
    }
}

/// Runs `hints` on our VM only; returns its execution segment's cells as [`both`] does.
fn ours_only(hints: &[Hint]) -> Vec<Option<String>> {
    let mut vm = our_vm();
    let mut ours = Cairo1HintProcessor::new(Arc::new(Cairo1Hints::default()), None);
    for h in hints {
        ours.execute(&mut vm, h).unwrap_or_else(|e| panic!("ours: {h:?}: {e}"));
    }
    (0..40u64).map(|i| our_cell(&vm, 1, i)).collect()
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

/// A cell value for [`eval_circuit_both`]: an integer or a pointer (segment, offset).
#[derive(Clone, Copy)]
enum Cell {
    Int(u128),
    Ptr(i64, u64),
}

/// Segments of the EvalCircuit memory: add_mod and mul_mod instances, the values table, the
/// add and mul gates' offsets.
const ADD: i64 = 2;
const MUL: i64 = 3;
const VALUES: i64 = 4;
const ADD_OFFSETS: i64 = 5;
const MUL_OFFSETS: i64 = 6;

/// Sets up the memory the CASM of `eval_circuit` leaves for the hint (the modulus and the
/// tables in the first mul_mod instance, the add gates' offsets in the first add_mod one,
/// 1 and the inputs in the values table, 4 words of 96 bits each), runs `EvalCircuit` on our
/// VM and cairo-vm's processor, and returns the cells 0..40 of segments 2 to 6 of each.
fn eval_circuit_both(
    modulus: u128,
    inputs: &[u128],
    add_gates: &[[u64; 3]],
    mul_gates: &[[u64; 3]],
) -> (Vec<Option<String>>, Vec<Option<String>>) {
    let word = |v: u128, w: u32| Cell::Int(if w < 2 { (v >> (96 * w)) & ((1 << 96) - 1) } else { 0 });
    let mut cells: Vec<((i64, u64), Cell)> =
        vec![((1, FP), Cell::Ptr(ADD, 0)), ((1, FP + 1), Cell::Ptr(MUL, 0))];
    for w in 0..4u32 {
        cells.push(((MUL, w as u64), word(modulus, w)));
    }
    cells.push(((MUL, 4), Cell::Ptr(VALUES, 0)));
    cells.push(((MUL, 5), Cell::Ptr(MUL_OFFSETS, 0)));
    if !add_gates.is_empty() {
        cells.push(((ADD, 5), Cell::Ptr(ADD_OFFSETS, 0)));
    }
    for (i, v) in std::iter::once(&1).chain(inputs).enumerate() {
        for w in 0..4u32 {
            cells.push(((VALUES, 4 * i as u64 + w as u64), word(*v, w)));
        }
    }
    for (segment, gates) in [(ADD_OFFSETS, add_gates), (MUL_OFFSETS, mul_gates)] {
        for (i, offset) in gates.iter().flatten().enumerate() {
            cells.push(((segment, i as u64), Cell::Int(u128::from(*offset))));
        }
    }

    let mut mem = Memory::new();
    let mut rvm = VirtualMachine::new(false, false);
    for _ in 0..=MUL_OFFSETS {
        mem.add_segment();
        rvm.add_memory_segment();
    }
    let mut vm = Vm::new(mem);
    vm.fp = Relocatable::new(1, FP);
    vm.ap = Relocatable::new(1, AP);
    rvm.set_fp(FP as usize);
    rvm.set_ap(AP as usize);
    for ((s, i), c) in cells {
        let (ours, theirs): (Value, MaybeRelocatable) = match c {
            Cell::Int(v) => (Value::Int(Felt::from(v)), cairo_vm::Felt252::from(v).into()),
            Cell::Ptr(ps, po) => {
                (Value::Ptr(Relocatable::new(ps, po)), VmRel::from((ps as isize, po as usize)).into())
            }
        };
        vm.memory.insert(Relocatable::new(s, i), ours).unwrap();
        rvm.insert_value(VmRel::from((s as isize, i as usize)), theirs).unwrap();
    }
    let n = |v: usize| imm(v as u64);
    let hint: Hint = CoreHint::EvalCircuit {
        n_add_mods: n(add_gates.len()),
        add_mod_builtin: d(0),
        n_mul_mods: n(mul_gates.len()),
        mul_mod_builtin: d(1),
    }
    .into();
    let mut ours = Cairo1HintProcessor::new(Arc::new(Cairo1Hints::default()), None);
    ours.execute(&mut vm, &hint).unwrap_or_else(|e| panic!("ours: {e}"));
    let reference = Reference::new(&[], RunResources::default(), false);
    reference
        .execute(&mut rvm, &mut ExecutionScopes::new(), &hint)
        .unwrap_or_else(|e| panic!("reference: {e:?}"));

    let all = || (ADD..=MUL_OFFSETS).flat_map(|s| (0..40u64).map(move |i| (s, i)));
    (
        all().map(|(s, i)| our_cell(&vm, s, i)).collect(),
        all().map(|(s, i)| reference_cell(&rvm, s, i)).collect(),
    )
}

/// The cell `i` of `segment` in [`eval_circuit_both`]'s result.
fn cell(cells: &[Option<String>], segment: i64, i: u64) -> Option<&str> {
    cells[((segment - ADD) as u64 * 40 + i) as usize].as_deref()
}

#[test]
fn eval_circuit_matches_the_reference() {
    // Values (4 words each, at offset 4 * index): v0 = 1, v1 = x, v2 = y, then
    //   mul 0: v3 = v1 * v2;  add 0 (a subtraction, waiting for mul 0): v4 = v3 - v2;
    //   mul 1 (an inverse): v5 = 1 / v4;  add 1: v6 = v5 + v1;  mul 2: v7 = v6 * v6.
    let add = [[16, 8, 12], [20, 4, 24]];
    let mul = [[4, 8, 12], [20, 16, 0], [24, 24, 28]];
    let value = |cells: &[Option<String>], v: u64| -> Vec<Option<String>> {
        (0..4).map(|w| cell(cells, VALUES, 4 * v + w).map(str::to_string)).collect()
    };

    // A prime modulus over two words (2^127 - 1), inputs over two words: every gate runs.
    let p = (1u128 << 127) - 1;
    let (x, y) = (0x1234_5678_9abc_def0_1234_5678_9abcu128, (1u128 << 100) + 12345);
    let (ours, reference) = eval_circuit_both(p, &[x, y], &add, &mul);
    assert_eq!(ours, reference);
    // All 3 mul_mod instances filled, counting down; the last value is computed.
    assert_eq!(
        [cell(&ours, MUL, 6), cell(&ours, MUL, 13), cell(&ours, MUL, 20)],
        [Some("3"), Some("2"), Some("1")]
    );
    assert_eq!(cell(&ours, ADD, 13), Some("1"), "the second add_mod instance, n = 1");
    assert!(value(&ours, 7).iter().all(Option::is_some));

    // Modulo 3 * 2^100, y * (x - 1) = 6 * 2^50 has no inverse: the nullifier p / gcd = 2^49
    // goes in v5 and only mul 0 is checked; nothing after the failure is written.
    let (ours, reference) = eval_circuit_both(3 << 100, &[7, 1 << 50], &add, &mul);
    assert_eq!(ours, reference);
    assert_eq!(value(&ours, 5)[0].as_deref(), Some((1u64 << 49).to_string().as_str()));
    assert_eq!((cell(&ours, MUL, 6), cell(&ours, MUL, 7)), (Some("1"), None));
    assert!(value(&ours, 6).iter().all(Option::is_none) && value(&ours, 7).iter().all(Option::is_none));
    assert_eq!(cell(&ours, ADD, 13), Some("1"), "both add_mod instances are filled");

    // Mul gates only (the add_mod instance is neither read nor written): v3 = x * y.
    let (ours, reference) = eval_circuit_both(p, &[x, y], &[], &mul[..1]);
    assert_eq!(ours, reference);
    assert_eq!(cell(&ours, MUL, 6), Some("1"));
    assert!(cell(&ours, ADD, 0).is_none());
}

/// The hints with native-integer fast paths (operands that fit in u128) against the reference,
/// on random operands of every size: small, 64- and 128-bit edges, above 2^128, near p.
#[test]
fn integer_fast_paths_match_the_reference_on_random_operands() {
    use rand::{Rng, SeedableRng};
    let mut rng = rand::rngs::StdRng::seed_from_u64(11);
    let operand = |rng: &mut rand::rngs::StdRng| -> Felt {
        match rng.random_range(0..7) {
            0 => f(rng.random_range(1..100)),
            1 => f(rng.random::<u64>() as u128),
            2 => f(rng.random::<u128>()),
            3 => f(u128::MAX - rng.random_range(0..3)),
            4 => f(1u128 << rng.random_range(0..128)),
            5 => Felt::from(rng.random::<u128>()) * Felt::from(1u128 << 100) + f(rng.random::<u64>() as u128),
            _ => -f(rng.random_range(1..1000)),
        }
    };
    for _ in 0..300 {
        let mut v: Vec<Felt> = (0..4).map(|_| operand(&mut rng)).collect();
        if v[1] == Felt::ZERO {
            v[1] = Felt::ONE;
        }
        check(&v, &[CoreHint::WideMul128 { lhs: d(0), rhs: d(1), high: ap(0), low: ap(1) }.into()]);
        check(&v, &[CoreHint::DivMod { lhs: d(0), rhs: d(1), quotient: ap(0), remainder: ap(1) }.into()]);
        check(&v, &[CoreHint::TestLessThan { lhs: d(0), rhs: d(1), dst: ap(0) }.into()]);
        check(&v, &[CoreHint::TestLessThanOrEqual { lhs: d(2), rhs: d(2), dst: ap(0) }.into()]);
        check(&v, &[CoreHint::TestLessThanOrEqual { lhs: d(3), rhs: imm(12345), dst: ap(0) }.into()]);
        check(&v, &[CoreHint::TestLessThan { lhs: d(2), rhs: imm(-5), dst: ap(0) }.into()]);
    }
}
