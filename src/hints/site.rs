//! Per-hint-site plans for `ids.<path>`: what [`Ids`] resolves by searching identifiers, typing
//! references and walking struct members is the same at every execution of a hint (it depends
//! only on the program, the hint's scopes and flow-tracking data, and the path), so it is done
//! once per (hint, path, use) and kept as a [`Plan`]; an execution then only computes
//! registers plus offsets and reads memory.
//!
//! Plans cover the common shapes: constants and struct sizes or offsets (anything resolved
//! without reading registers or memory, found by resolving once through a view that records
//! such reads), and references built from one register, constant offsets and dereferences
//! (`[fp - 3]`, `cast(ap, T*)`, `[[fp - 5] + 1]`), followed by struct members and possibly
//! `.address_`.
//! Everything else, and every access whose plan meets something unusual at run time (an unset
//! cell, an integer where an address is expected, an offset out of range), goes through
//! [`Ids`], which gives the value or the exact error. Plans perform the very operations `Ids`
//! performs (`Value::add`, `Value::sub`, `Relocatable::add_i64`, `MemoryView::get`), so both
//! paths agree bit for bit; debug builds check that on every access.

use crate::program::{
    BinOp, CairoType, Expr, Hint, Ids, MemoryView, Program, Reference, Register, StructDef,
};
use crate::vm::value::felt_to_i128_signed;
use crate::vm::{Relocatable, Value, Vm};
use starknet_types_core::felt::Felt;
use std::cell::{Cell, RefCell};
use std::sync::Arc;

/// What an access asks of `ids.<path>`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Use {
    /// Its value ([`Ids::get_value`]).
    Get,
    /// The address `ids.<path> = v` writes ([`Ids::set_target`]).
    Set,
    /// The address where it is stored ([`Ids::get_addr`]).
    Addr,
}

/// How to compute an access.
#[derive(Clone, Debug)]
enum Plan {
    /// Resolved without reading registers or memory: the same at every execution.
    Const(Value),
    /// A reference whose expression is made of a register, constant offsets and
    /// dereferences: `ops` applied to the register, then the struct members' steps.
    Ref { base: Base, ops: Box<[Op]> },
    /// Through [`Ids`] at every execution.
    Slow,
}

/// The register of a reference's address.
#[derive(Clone, Copy, Debug)]
enum Base {
    Fp,
    /// ap, corrected by this much (the ap-tracking difference between hint and reference).
    Ap(i64),
}

/// One step from the register towards the result.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Op {
    /// The value stored at the current address (`[e]`).
    Read,
    /// `e + c` (`Value::add`, as `eval` computes it; `e - c` is `e + (-c)`, as `Value::sub`
    /// computes it), with `d` the signed integer a pointer's offset moves by
    /// (`felt_to_i128_signed(c)`, what `Relocatable::add_felt` computes at every call),
    /// worked out once.
    Add { c: Felt, d: Option<i128> },
    /// The current address plus a member offset.
    Offset(u64),
}

impl Op {
    /// `e + c`.
    fn add(c: Felt) -> Op {
        Op::Add { c, d: felt_to_i128_signed(&c) }
    }
}

/// The plans of one hint site, by (use, path).
#[derive(Debug, Default)]
pub(crate) struct SiteCache {
    plans: RefCell<Vec<(Use, Box<str>, Plan)>>,
}

impl SiteCache {
    /// `ids.<path>` for `u`, when the plan computes it; `None` sends the access to [`Ids`].
    pub(crate) fn access(
        &self,
        program: &Program,
        hint: &Hint,
        vm: &Vm,
        path: &str,
        u: Use,
    ) -> Option<Value> {
        {
            let plans = self.plans.borrow();
            if let Some((_, _, plan)) = plans.iter().find(|(pu, p, _)| *pu == u && **p == *path) {
                return run(plan, vm);
            }
        }
        let plan = compile(program, hint, vm, path, u);
        let v = run(&plan, vm);
        self.plans.borrow_mut().push((u, path.into(), plan));
        v
    }
}

/// Executes a plan against the VM: the very operations of `Value::add` and `MemoryView::get`,
/// on the pointer the value is until a read gives an integer.
fn run(plan: &Plan, vm: &Vm) -> Option<Value> {
    let (base, ops) = match plan {
        Plan::Const(v) => return Some(*v),
        Plan::Slow => return None,
        Plan::Ref { base, ops } => (*base, ops),
    };
    let mut ptr = match base {
        Base::Fp => vm.fp,
        Base::Ap(d) => vm.ap.add_i64(d)?,
    };
    let mut ops = ops.iter();
    while let Some(op) = ops.next() {
        ptr = match *op {
            Op::Read => match MemoryView::get(vm, ptr)? {
                Value::Ptr(p) => p,
                Value::Int(f) => return int_ops(f, ops),
            },
            // `Relocatable::add_felt` with the offset change computed when planning.
            Op::Add { d, .. } => {
                let o = i128::from(ptr.offset).checked_add(d?)?;
                Relocatable { offset: u64::try_from(o).ok()?, ..ptr }
            }
            Op::Offset(o) => ptr.add_u64(o)?,
        };
    }
    Some(Value::Ptr(ptr))
}

/// The rest of a plan from the integer `f`.
fn int_ops<'a>(mut f: Felt, ops: impl Iterator<Item = &'a Op>) -> Option<Value> {
    for op in ops {
        match *op {
            Op::Add { c, .. } => f += c,
            // An integer used as an address: `Ids` gives the error (or the odd value).
            Op::Read | Op::Offset(_) => return None,
        }
    }
    Some(Value::Int(f))
}

/// Plans `ids.<path>` for `u` at the hint.
fn compile(program: &Program, hint: &Hint, vm: &Vm, path: &str, u: Use) -> Plan {
    let mut parts: Vec<&str> = path.split('.').collect();
    // `x.address_`: a struct's address, or else where `x` is stored.
    let address_of = u == Use::Get && parts.len() > 1 && parts.last() == Some(&"address_");
    if address_of {
        parts.pop();
    }
    // `Ids` refuses these (or treats them specially): leave them to it.
    if parts.iter().any(|p| p.is_empty() || p.starts_with("__") || *p == "address_") {
        return Plan::Slow;
    }
    let ids = Ids::for_hint(program, hint, vm);
    let plan = match ids.reference(parts[0]) {
        Ok((_, r)) if address_of => match compile_ref(program, hint, r, &parts[1..], Use::Get) {
            Some((plan, true)) => Some(plan),
            Some((_, false)) => compile_ref(program, hint, r, &parts[1..], Use::Addr).map(|(plan, _)| plan),
            None => None,
        },
        Ok((_, r)) => compile_ref(program, hint, r, &parts[1..], u).map(|(plan, _)| plan),
        Err(_) if u == Use::Get => return constant(program, hint, vm, path),
        Err(_) => None,
    };
    plan.unwrap_or(Plan::Slow)
}

/// Where `ids.<name> = v` writes at `hint` when that is a cell at a fixed distance from ap:
/// `(shift, k)` for the cell `ap + shift + k`, the plan being `ap.add_i64(shift)` then `+ k`
/// (a felt or pointer reference `[ap + k]`, `shift` the ap-tracking correction). The access
/// takes that plan whenever both steps stay within the segment's offsets (else [`Ids`] gives
/// the address or the error). Needs neither registers nor memory: compiled code uses it
/// ([`crate::interp::CounterHint`]).
pub(crate) fn ap_cell_target(program: &Program, hint: &Hint, name: &str) -> Option<(i64, i64)> {
    let ids = Ids::for_hint(program, hint, &NoState);
    let (_, r) = ids.reference(name).ok()?;
    match compile_ref(program, hint, r, &[], Use::Set)? {
        (Plan::Ref { base: Base::Ap(shift), ops }, false) => match &ops[..] {
            [] => Some((shift, 0)),
            [Op::Add { d: Some(k), .. }] => Some((shift, i64::try_from(*k).ok()?)),
            _ => None,
        },
        _ => None,
    }
}

/// No registers and no memory: for resolving what needs neither.
struct NoState;

impl MemoryView for NoState {
    fn ap(&self) -> Relocatable {
        Relocatable::new(0, 0)
    }
    fn fp(&self) -> Relocatable {
        Relocatable::new(0, 0)
    }
    fn get(&self, _: Relocatable) -> Option<Value> {
        None
    }
}

/// `Const` when resolving `path` reads neither registers nor memory.
fn constant(program: &Program, hint: &Hint, vm: &Vm, path: &str) -> Plan {
    let probe = Probe { vm, touched: Cell::new(false) };
    match Ids::for_hint(program, hint, &probe).get_value(path) {
        Ok(v) if !probe.touched.get() => Plan::Const(v),
        _ => Plan::Slow,
    }
}

/// The plan of a reference `r` followed by `members`, as `Ids` walks it, and whether what it
/// reaches is a struct (whose value is its address); `None` for shapes left to `Ids`.
fn compile_ref(
    program: &Program,
    hint: &Hint,
    r: &Reference,
    members: &[&str],
    u: Use,
) -> Option<(Plan, bool)> {
    let ty = r.ty.as_ref().ok()?;
    // `[e]` (a value stored in memory at `e`) or `e` itself (e.g. `cast(ap, T*)`); `ops`
    // compute the address `e`, or the value.
    let mut ops = Vec::new();
    let (stored, reg) = match strip_casts(&r.expr) {
        Expr::Deref(a) => (true, expr_ops(a, &mut ops)?),
        e => (false, expr_ops(e, &mut ops)?),
    };
    let base = match reg {
        Register::Fp => Base::Fp,
        Register::Ap => Base::Ap(hint.flow_tracking_data.ap_tracking.diff(&r.ap_tracking)?.checked_neg()?),
    };
    // The reference's value: what it holds in memory, or the address itself.
    let value = if stored { Some(Op::Read) } else { None };
    let Some((last, parents)) = members.split_last() else {
        // `ids.x` itself.
        match u {
            Use::Get if ty.is_simple() || is_struct_ptr(ty) => ops.extend(value),
            // A struct reference's value is its address.
            Use::Get if stored && matches!(ty, CairoType::Struct(_)) => {}
            Use::Set if stored && matches!(ty, CairoType::Felt | CairoType::Pointer(_)) => {}
            Use::Addr if stored => {}
            _ => return None,
        }
        let is_struct = matches!(ty, CairoType::Struct(_)) || is_struct_ptr(ty);
        return Some((Plan::Ref { base, ops: ops.into() }, is_struct));
    };
    // `ids.x.m...`: x is a struct in memory, at the reference's address or where it points.
    let mut def = match ty {
        CairoType::Struct(s) if stored => struct_def(program, s)?,
        CairoType::Pointer(p) => match &**p {
            CairoType::Struct(s) => {
                ops.extend(value);
                struct_def(program, s)?
            }
            _ => return None,
        },
        _ => return None,
    };
    for part in parents {
        let m = def.members.get(*part)?;
        ops.push(Op::Offset(u64::try_from(m.offset).ok()?));
        def = match &m.cairo_type {
            CairoType::Struct(s) => struct_def(program, s)?,
            CairoType::Pointer(p) => match &**p {
                CairoType::Struct(s) => {
                    ops.push(Op::Read);
                    struct_def(program, s)?
                }
                _ => return None,
            },
            _ => return None,
        };
    }
    let m = def.members.get(*last)?;
    ops.push(Op::Offset(u64::try_from(m.offset).ok()?));
    if u == Use::Get {
        match &m.cairo_type {
            t if t.is_simple() || is_struct_ptr(t) => ops.push(Op::Read),
            CairoType::Struct(_) => {}
            _ => return None,
        }
    }
    let is_struct = matches!(m.cairo_type, CairoType::Struct(_)) || is_struct_ptr(&m.cairo_type);
    Some((Plan::Ref { base, ops: ops.into() }, is_struct))
}

/// The expression under top-level casts and parentheses (what `Ids` checks for `[addr]`).
fn strip_casts(mut e: &Expr) -> &Expr {
    while let Expr::Cast(a, _) | Expr::Paren(a) = e {
        e = a;
    }
    e
}

fn is_struct_ptr(t: &CairoType) -> bool {
    matches!(t, CairoType::Pointer(p) if matches!(**p, CairoType::Struct(_)))
}

fn struct_def(program: &Program, name: &str) -> Option<Arc<StructDef>> {
    program.identifiers().get_struct(name).ok().cloned()
}

/// Appends to `ops` the steps computing `e` from its register, for expressions made of one
/// register, dereferences, and additions or subtractions of constants (under parentheses and
/// casts), such as `[fp + (-5)] + 1`; returns the register.
fn expr_ops(e: &Expr, ops: &mut Vec<Op>) -> Option<Register> {
    match e {
        Expr::Reg(r) => Some(*r),
        Expr::Paren(a) | Expr::Cast(a, _) => expr_ops(a, ops),
        Expr::Deref(a) => {
            let r = expr_ops(a, ops)?;
            ops.push(Op::Read);
            Some(r)
        }
        Expr::Bin(op @ (BinOp::Add | BinOp::Sub), a, b) => {
            let r = expr_ops(a, ops)?;
            let c = constant_expr(b)?;
            ops.push(Op::add(if *op == BinOp::Add { c } else { -c }));
            Some(r)
        }
        _ => None,
    }
}

/// The value of a constant expression (literals, negation, parentheses, casts), as `eval`
/// computes it.
fn constant_expr(e: &Expr) -> Option<Felt> {
    match e {
        Expr::Const(c) => Some(*c),
        Expr::Neg(a) => constant_expr(a).map(|c| -c),
        Expr::Paren(a) | Expr::Cast(a, _) => constant_expr(a),
        _ => None,
    }
}

/// The VM as `Ids` sees it, recording whether registers or memory were read.
struct Probe<'a> {
    vm: &'a Vm,
    touched: Cell<bool>,
}

impl MemoryView for Probe<'_> {
    fn ap(&self) -> Relocatable {
        self.touched.set(true);
        self.vm.ap
    }
    fn fp(&self) -> Relocatable {
        self.touched.set(true);
        self.vm.fp
    }
    fn get(&self, addr: Relocatable) -> Option<Value> {
        self.touched.set(true);
        MemoryView::get(self.vm, addr)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::program::parse_expr;

    fn ops_of(text: &str) -> Option<(Register, Vec<Op>)> {
        let e = parse_expr(text).expect("parses");
        let mut ops = Vec::new();
        let r = expr_ops(strip_casts(&e), &mut ops)?;
        Some((r, ops))
    }

    #[test]
    fn reference_expressions_become_register_steps() {
        let minus = |n: u64| Op::Add { c: -Felt::from(n), d: Some(-i128::from(n)) };
        let (r, ops) = ops_of("[[fp + (-5)] + 1]").expect("planned");
        assert_eq!(r, Register::Fp);
        assert_eq!(ops, [minus(5), Op::Read, Op::Add { c: Felt::ONE, d: Some(1) }, Op::Read]);
        let (r, ops) = ops_of("cast(ap - 2, felt*)").expect("planned");
        assert_eq!(r, Register::Ap);
        assert_eq!(ops, [minus(2)]);
        // 2^127 moves no offset (`add_felt` fails on it: the slow path gives the error).
        let (_, ops) = ops_of("fp + 170141183460469231731687303715884105728").expect("planned");
        assert!(matches!(ops[..], [Op::Add { d: None, .. }]));
        // Left to `Ids`: products, two registers, a non-constant offset.
        assert!(ops_of("[fp] * 2").is_none());
        assert!(ops_of("fp + ap").is_none());
        assert!(ops_of("[fp + [ap]]").is_none());
    }
}
