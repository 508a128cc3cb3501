//! The core and deprecated hints of `cairo-lang-casm` (`CoreHint`, `DeprecatedHint`): a flat
//! list, one arm per variant, each worded after cairo-lang-runner / cairo-vm.

use super::dict::SquashState;
use super::operand::{
    cell_addr, cell_value, get_big, get_limbs, get_ptr, get_u128, get_usize, get_val, int_at, ptr_at, set,
    set_big, set_u128,
};
use super::{Cairo1HintError as E, Cairo1HintProcessor};
use crate::hints::cairo0::py;
use crate::vm::{Relocatable, Value, Vm};
use cairo_lang_casm::hints::{CoreHint, DeprecatedHint};
use num_bigint::{BigInt, BigUint};
use num_integer::Integer;
use num_traits::{One, Signed, Zero};
use starknet_types_core::felt::Felt;

fn pow2(n: u32) -> BigUint {
    BigUint::one() << n
}

fn at(p: Relocatable, i: u64) -> Relocatable {
    Relocatable::new(p.segment, p.offset + i)
}

/// The point cairo-vm's `RandomEcPoint` yields: its generator is ark's `test_rng()`, seeded
/// with a constant and re-created on every call, so the point is always this one.
const RANDOM_EC_POINT: (&str, &str) = (
    "0x6f794601384b7f1fe092d3313464e74c7fb8a151a759f04da3ae3daa87e2bb2",
    "0x644af465db4eb3007be99dc3d5db231615184a1faa36f89b02e4252ba041e83",
);

impl Cairo1HintProcessor {
    pub(super) fn core(&mut self, vm: &mut Vm, h: &CoreHint) -> Result<(), E> {
        match h {
            CoreHint::AllocSegment { dst } => {
                let s = vm.memory.add_segment();
                set(vm, dst, s)
            }
            CoreHint::TestLessThan { lhs, rhs, dst } => {
                let r = get_limbs(vm, lhs)? < get_limbs(vm, rhs)?;
                set(vm, dst, if r { Felt::ONE } else { Felt::ZERO })
            }
            CoreHint::TestLessThanOrEqual { lhs, rhs, dst } => {
                let r = get_limbs(vm, lhs)? <= get_limbs(vm, rhs)?;
                set(vm, dst, if r { Felt::ONE } else { Felt::ZERO })
            }
            CoreHint::TestLessThanOrEqualAddress { lhs, rhs, dst } => {
                let (a, b) = (get_ptr(vm, lhs)?, get_ptr(vm, rhs)?);
                if a.segment != b.segment {
                    return Err(E::Msg(format!("cannot compare {a} and {b}: different segments")));
                }
                set(vm, dst, Felt::from(u8::from(a.offset <= b.offset)))
            }
            CoreHint::WideMul128 { lhs, rhs, high, low } => {
                if let (Some(a), Some(b)) = (get_u128(vm, lhs)?, get_u128(vm, rhs)?) {
                    let (lo, hi) = a.carrying_mul(b, 0);
                    set_u128(vm, high, hi)?;
                    return set_u128(vm, low, lo);
                }
                let p = get_big(vm, lhs)? * get_big(vm, rhs)?;
                set_big(vm, high, &(&p >> 128u32))?;
                set_big(vm, low, &(p & (pow2(128) - 1u8)))
            }
            CoreHint::DivMod { lhs, rhs, quotient, remainder } => {
                if let (Some(a), Some(b)) = (get_u128(vm, lhs)?, get_u128(vm, rhs)?) {
                    if let (Some(q), Some(r)) = (a.checked_div(b), a.checked_rem(b)) {
                        set_u128(vm, quotient, q)?;
                        return set_u128(vm, remainder, r);
                    }
                }
                let (a, b) = (get_big(vm, lhs)?, get_big(vm, rhs)?);
                if b.is_zero() {
                    return Err(E::Msg("DivMod: division by zero".into()));
                }
                let (q, r) = a.div_rem(&b);
                set_big(vm, quotient, &q)?;
                set_big(vm, remainder, &r)
            }
            CoreHint::Uint256DivMod {
                dividend0,
                dividend1,
                divisor0,
                divisor1,
                quotient0,
                quotient1,
                remainder0,
                remainder1,
            } => {
                let a = get_big(vm, dividend0)? + (get_big(vm, dividend1)? << 128u32);
                let b = get_big(vm, divisor0)? + (get_big(vm, divisor1)? << 128u32);
                if b.is_zero() {
                    return Err(E::Msg("Uint256DivMod: division by zero".into()));
                }
                let (q, r) = a.div_rem(&b);
                let m = pow2(128);
                set_big(vm, quotient0, &(&q % &m))?;
                set_big(vm, quotient1, &(&q >> 128u32))?;
                set_big(vm, remainder0, &(&r % &m))?;
                set_big(vm, remainder1, &(&r >> 128u32))
            }
            CoreHint::Uint512DivModByUint256 {
                dividend0,
                dividend1,
                dividend2,
                dividend3,
                divisor0,
                divisor1,
                quotient0,
                quotient1,
                quotient2,
                quotient3,
                remainder0,
                remainder1,
            } => {
                let a = get_big(vm, dividend0)?
                    + (get_big(vm, dividend1)? << 128u32)
                    + (get_big(vm, dividend2)? << 256u32)
                    + (get_big(vm, dividend3)? << 384u32);
                let b = get_big(vm, divisor0)? + (get_big(vm, divisor1)? << 128u32);
                if b.is_zero() {
                    return Err(E::Msg("Uint512DivModByUint256: division by zero".into()));
                }
                let (q, r) = a.div_rem(&b);
                let m = pow2(128);
                let limb = |v: &BigUint, i: u32| (v >> (128 * i)) % &m;
                set_big(vm, quotient0, &limb(&q, 0))?;
                set_big(vm, quotient1, &limb(&q, 1))?;
                set_big(vm, quotient2, &limb(&q, 2))?;
                set_big(vm, quotient3, &(&q >> 384u32))?;
                set_big(vm, remainder0, &limb(&r, 0))?;
                set_big(vm, remainder1, &(&r >> 128u32))
            }
            CoreHint::SquareRoot { value, dst } => {
                let v = get_big(vm, value)?;
                set_big(vm, dst, &v.sqrt())
            }
            CoreHint::Uint256SquareRoot {
                value_low,
                value_high,
                sqrt0,
                sqrt1,
                remainder_low,
                remainder_high,
                sqrt_mul_2_minus_remainder_ge_u128,
            } => {
                let v = get_big(vm, value_low)? + (get_big(vm, value_high)? << 128u32);
                let s = v.sqrt();
                let r = &v - &s * &s;
                let ge = &s * 2u8 >= &r + pow2(128);
                set_big(vm, sqrt0, &(&s % pow2(64)))?;
                set_big(vm, sqrt1, &(&s >> 64u32))?;
                set_big(vm, remainder_low, &(&r % pow2(128)))?;
                set_big(vm, remainder_high, &(&r >> 128u32))?;
                set(vm, sqrt_mul_2_minus_remainder_ge_u128, Felt::from(u8::from(ge)))
            }
            CoreHint::LinearSplit { value, scalar, max_x, x, y } => {
                let (v, s, mx) = (get_big(vm, value)?, get_big(vm, scalar)?, get_big(vm, max_x)?);
                if s.is_zero() {
                    return Err(E::Msg("LinearSplit: zero scalar".into()));
                }
                let xv = (&v / &s).min(mx);
                let yv = v - &xv * &s;
                set_big(vm, x, &xv)?;
                set_big(vm, y, &yv)
            }
            CoreHint::AllocFelt252Dict { segment_arena_ptr } => {
                let arena = get_ptr(vm, segment_arena_ptr)?;
                let back = |k: u64| {
                    arena
                        .offset
                        .checked_sub(k)
                        .map(|o| Relocatable::new(arena.segment, o))
                        .ok_or_else(|| E::Msg(format!("segment arena pointer {arena} is too small")))
                };
                let n_dicts = int_at(vm, back(2)?)?;
                let n_dicts = u64::try_from(n_dicts.to_biguint())
                    .map_err(|_| E::Msg("Invalid number of dictionaries.".into()))?;
                let infos = ptr_at(vm, back(3)?)?;
                let dicts = self.dicts.get_or_insert_with(Default::default);
                let start = dicts.new_dict(vm)?;
                vm.memory.insert(at(infos, 3 * n_dicts), Value::Ptr(start))?;
                Ok(())
            }
            CoreHint::Felt252DictEntryInit { dict_ptr, key } => {
                let p = get_ptr(vm, dict_ptr)?;
                let k = get_val(vm, key)?;
                let prev = self.dicts()?.get(p, &k)?;
                vm.memory.insert(at(p, 1), prev)?;
                Ok(())
            }
            CoreHint::Felt252DictEntryUpdate { dict_ptr, value } => {
                let p = get_ptr(vm, dict_ptr)?;
                let key_addr =
                    p.add_i64(-3).ok_or_else(|| E::Msg(format!("dict pointer {p} is too small")))?;
                let k = int_at(vm, key_addr)?;
                let v = match value {
                    cairo_lang_casm::operand::ResOperand::Deref(c) => cell_value(vm, c)?,
                    other => Value::Int(get_val(vm, other)?),
                };
                self.dicts()?.insert(p, k, v)
            }
            CoreHint::GetSegmentArenaIndex { dict_end_ptr, dict_index } => {
                let p = get_ptr(vm, dict_end_ptr)?;
                let i = self.dicts()?.index(p)?;
                set(vm, dict_index, Felt::from(i as u64))
            }
            CoreHint::InitSquashData { dict_accesses, ptr_diff: _, n_accesses, big_keys, first_key } => {
                let base = get_ptr(vm, dict_accesses)?;
                let n = get_usize(vm, n_accesses)? as u64;
                let mut s = SquashState::default();
                for i in 0..n {
                    let k = int_at(vm, at(base, 3 * i))?;
                    s.access_indices.entry(k).or_default().push(i);
                }
                for v in s.access_indices.values_mut() {
                    v.reverse();
                }
                s.keys = s.access_indices.keys().copied().collect();
                s.keys.sort_by(|a, b| b.cmp(a));
                let first = *s.keys.first().ok_or_else(|| E::Msg("No current key".into()))?;
                let big = first.to_biguint() >= pow2(128);
                let cur = s.current_key().ok_or_else(|| E::Msg("No current key".into()))?;
                self.squash = Some(s);
                set(vm, big_keys, Felt::from(u8::from(big)))?;
                set(vm, first_key, cur)
            }
            CoreHint::GetCurrentAccessIndex { range_check_ptr } => {
                let p = get_ptr(vm, range_check_ptr)?;
                let i = self.squash()?.current_index()?;
                vm.memory.insert(p, Value::Int(Felt::from(i)))?;
                Ok(())
            }
            CoreHint::ShouldSkipSquashLoop { should_skip_loop } => {
                let n = self.squash()?.current_indices()?.len();
                set(vm, should_skip_loop, Felt::from(u8::from(n <= 1)))
            }
            CoreHint::GetCurrentAccessDelta { index_delta_minus1 } => {
                let s = self.squash()?;
                let prev = s.current_indices()?.pop().ok_or_else(|| E::Msg("no accessed index".into()))?;
                let cur = s.current_index()?;
                let d = Felt::from(cur) - Felt::from(prev) - Felt::ONE;
                set(vm, index_delta_minus1, d)
            }
            CoreHint::ShouldContinueSquashLoop { should_continue } => {
                let n = self.squash()?.current_indices()?.len();
                set(vm, should_continue, Felt::from(u8::from(n > 1)))
            }
            CoreHint::GetNextDictKey { next_key } => {
                let s = self.squash()?;
                s.pop_key()?;
                let k = s.current_key().ok_or_else(|| E::Msg("No keys left".into()))?;
                set(vm, next_key, k)
            }
            CoreHint::AssertLeFindSmallArcs { range_check_ptr, a, b } => {
                let (a, b) = (get_val(vm, a)?, get_val(vm, b)?);
                let mut arcs = [(a, 0u8), (b - a, 1), (Felt::ZERO - Felt::ONE - b, 2)];
                arcs.sort();
                self.excluded_arc = Some(arcs[2].1);
                // ceil((PRIME / 3) / 2 ** 128) and ceil((PRIME / 2) / 2 ** 128).
                let third: BigUint = BigUint::from(3544607988759775765608368578435044694u128);
                let half: BigUint = BigUint::from(5316911983139663648412552867652567041u128);
                let p = get_ptr(vm, range_check_ptr)?;
                let (l0, l1) = (arcs[0].0.to_biguint(), arcs[1].0.to_biguint());
                let vals = [&l0 % &third, &l0 / &third, &l1 % &half, &l1 / &half];
                for (i, v) in vals.iter().enumerate() {
                    vm.memory.insert(at(p, i as u64), Value::Int(Felt::from(v)))?;
                }
                Ok(())
            }
            CoreHint::AssertLeIsFirstArcExcluded { skip_exclude_a_flag } => {
                let e = self.excluded_arc.ok_or_else(|| E::Msg("excluded_arc is not set".into()))?;
                set(vm, skip_exclude_a_flag, Felt::from(u8::from(e != 0)))
            }
            CoreHint::AssertLeIsSecondArcExcluded { skip_exclude_b_minus_a } => {
                let e = self.excluded_arc.ok_or_else(|| E::Msg("excluded_arc is not set".into()))?;
                set(vm, skip_exclude_b_minus_a, Felt::from(u8::from(e != 1)))
            }
            CoreHint::RandomEcPoint { x, y } => {
                let fx = Felt::from_hex(RANDOM_EC_POINT.0).map_err(|e| E::Msg(e.to_string()))?;
                let fy = Felt::from_hex(RANDOM_EC_POINT.1).map_err(|e| E::Msg(e.to_string()))?;
                set(vm, x, fx)?;
                set(vm, y, fy)
            }
            CoreHint::FieldSqrt { val, sqrt } => {
                let v = BigInt::from(get_big(vm, val)?);
                let p = py::prime();
                let qr = py::is_quad_residue(&v, &p).map_err(|e| E::Msg(e.to_string()))?;
                let r = if qr { v } else { (v * 3) % &p };
                let root =
                    py::sqrt_mod(&r, &p).map_err(|_| E::Msg("Field element is not a square".into()))?;
                set(vm, sqrt, Felt::from(&root))
            }
            CoreHint::DebugPrint { start, end } => {
                let (s, e) = (get_ptr(vm, start)?, get_ptr(vm, end)?);
                let mut out = String::new();
                for i in s.offset..e.offset.max(s.offset) {
                    let v = int_at(vm, Relocatable::new(s.segment, i))?;
                    match short_string(&v) {
                        Some(t) => {
                            out.push_str(&format!("[DEBUG]\t{t: <31}\t(raw: {: <31})\n", v.to_string()))
                        }
                        None => out.push_str(&format!(
                            "[DEBUG]\t{0: <31}\t(raw: {1: <31}) \n",
                            ' ',
                            v.to_string()
                        )),
                    }
                }
                println!("{out}");
                Ok(())
            }
            CoreHint::AllocConstantSize { size, dst } => {
                let n = get_usize(vm, size)? as u64;
                let next = match self.next_constant {
                    Some(p) => p,
                    None => vm.memory.add_segment(),
                };
                set(vm, dst, next)?;
                self.next_constant = Some(at(next, n));
                Ok(())
            }
            CoreHint::U256InvModN {
                b0,
                b1,
                n0,
                n1,
                g0_or_no_inv,
                g1_option,
                s_or_r0,
                s_or_r1,
                t_or_k0,
                t_or_k1,
            } => {
                let b = BigInt::from(get_big(vm, b0)? + (get_big(vm, b1)? << 128u32));
                let n = BigInt::from(get_big(vm, n0)? + (get_big(vm, n1)? << 128u32));
                let m = BigInt::one() << 128u32;
                let split = |v: &BigInt| -> (Felt, Felt) {
                    let (hi, lo) = v.div_rem(&m);
                    (Felt::from(&lo), Felt::from(&hi))
                };
                if n.is_one() {
                    let (lo, hi) = split(&b);
                    set(vm, s_or_r0, lo)?;
                    set(vm, s_or_r1, hi)?;
                    set(vm, t_or_k0, Felt::ONE)?;
                    set(vm, t_or_k1, Felt::ZERO)?;
                    set(vm, g0_or_no_inv, Felt::ONE)?;
                    return set(vm, g1_option, Felt::ZERO);
                }
                let e = n.extended_gcd(&b);
                let mut g = e.gcd;
                if !g.is_one() {
                    if g.is_even() {
                        g = BigInt::from(2);
                    }
                    let (lo, hi) = split(&(&b / &g));
                    set(vm, s_or_r0, lo)?;
                    set(vm, s_or_r1, hi)?;
                    let (lo, hi) = split(&(&n / &g));
                    set(vm, t_or_k0, lo)?;
                    set(vm, t_or_k1, hi)?;
                    let (lo, hi) = split(&g);
                    set(vm, g0_or_no_inv, lo)?;
                    set(vm, g1_option, hi)
                } else {
                    let mut r = e.y % &n;
                    if r.is_negative() {
                        r += &n;
                    }
                    let k: BigInt = (&r * &b - 1) / &n;
                    let (lo, hi) = split(&r);
                    set(vm, s_or_r0, lo)?;
                    set(vm, s_or_r1, hi)?;
                    let (lo, hi) = split(&k);
                    set(vm, t_or_k0, lo)?;
                    set(vm, t_or_k1, hi)?;
                    set(vm, g0_or_no_inv, Felt::ZERO)
                }
            }
            CoreHint::EvalCircuit { n_add_mods, add_mod_builtin, n_mul_mods, mul_mod_builtin } => {
                let n_add = get_usize(vm, n_add_mods)? as u64;
                let n_mul = get_usize(vm, n_mul_mods)? as u64;
                let add = get_ptr(vm, add_mod_builtin)?;
                let mul = get_ptr(vm, mul_mod_builtin)?;
                super::circuit::eval_circuit(vm, (add, n_add), (mul, n_mul))
            }
        }
    }

    pub(super) fn deprecated(&mut self, vm: &mut Vm, h: &DeprecatedHint) -> Result<(), E> {
        match h {
            DeprecatedHint::AssertCurrentAccessIndicesIsEmpty => {
                if self.squash()?.current_indices()?.is_empty() {
                    Ok(())
                } else {
                    Err(E::Msg("AssertCurrentAccessIndicesIsEmpty: accesses left".into()))
                }
            }
            DeprecatedHint::AssertAllAccessesUsed { n_used_accesses } => {
                let n = int_at(vm, cell_addr(vm, n_used_accesses)?)?;
                let s = self.squash()?;
                let k = s.current_key().ok_or_else(|| E::Msg("no current key".into()))?;
                let total = s.access_indices.get(&k).map_or(0, Vec::len);
                if n != Felt::from(total as u64) {
                    return Err(E::Msg(format!(
                        "AssertAllAccessesUsed: {n} accesses used for key {k}, {total} expected"
                    )));
                }
                Ok(())
            }
            DeprecatedHint::AssertAllKeysUsed => {
                if self.squash()?.keys.is_empty() {
                    Ok(())
                } else {
                    Err(E::Msg("AssertAllKeysUsed: keys left".into()))
                }
            }
            DeprecatedHint::AssertLeAssertThirdArcExcluded => {
                if self.excluded_arc == Some(2) {
                    Ok(())
                } else {
                    Err(E::Msg("AssertLeAssertThirdArcExcluded: the third arc is not excluded".into()))
                }
            }
            DeprecatedHint::AssertLtAssertValidInput { a, b } => {
                let (a, b) = (get_big(vm, a)?, get_big(vm, b)?);
                if a < b {
                    Ok(())
                } else {
                    Err(E::Msg(format!("AssertLtAssertValidInput: {a} is not below {b}")))
                }
            }
            DeprecatedHint::Felt252DictRead { dict_ptr, key, value_dst } => {
                let p = get_ptr(vm, dict_ptr)?;
                let k = get_val(vm, key)?;
                let v = self.dicts()?.get(p, &k)?;
                set(vm, value_dst, v)
            }
            DeprecatedHint::Felt252DictWrite { dict_ptr, key, value } => {
                let p = get_ptr(vm, dict_ptr)?;
                let k = get_val(vm, key)?;
                let v = match value {
                    cairo_lang_casm::operand::ResOperand::Deref(c) => cell_value(vm, c)?,
                    other => Value::Int(get_val(vm, other)?),
                };
                self.dicts()?.insert(p, k, v)
            }
        }
    }
}

/// `value` as a Cairo short string, when its bytes (after leading zeros) are ASCII with no
/// interior zero (cairo-vm's `as_cairo_short_string`).
fn short_string(value: &Felt) -> Option<String> {
    let mut s = String::new();
    let mut ended = false;
    for b in value.to_bytes_be().into_iter().skip_while(|b| *b == 0) {
        if b == 0 {
            ended = true;
        } else if ended || !b.is_ascii() {
            return None;
        } else {
            s.push(b as char);
        }
    }
    Some(s)
}
