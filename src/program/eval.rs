//! Typing and evaluation of reference expressions.
//!
//! [`infer_type`] is cairo-lang's `simplify_type_system` restricted to reference expressions
//! (the type of `[cast(fp + (-3), T*)]` is `T`). [`eval`] is its `ExpressionEvaluator`: it
//! computes a [`Value`] from the registers and memory, with `ap` already corrected for the
//! ap-tracking difference between the reference and the place it is used.
//! [`is_simple_reference`] is the check cairo-lang applies before substituting a reference
//! into a `with_attr` error message.

use super::expr::{BinOp, CairoType, Expr, Register};
use super::ids::MemoryView;
use crate::vm::value::{Relocatable, Value};
use starknet_types_core::felt::{Felt, NonZeroFelt};

/// A reference from `reference_manager.references`, parsed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Reference {
    /// The pc at which the reference was defined.
    pub pc: Option<usize>,
    /// The ap-tracking data when it was defined.
    pub ap_tracking: ApTracking,
    /// The expression text as written in the JSON.
    pub text: String,
    /// The parsed expression.
    pub expr: Expr,
    /// The expression's type, or cairo-lang's type error (reported when the reference is used).
    pub ty: Result<CairoType, String>,
}

impl Reference {
    /// Whether the expression uses `ap`.
    pub fn uses_ap(&self) -> bool {
        uses_ap(&self.expr)
    }
}

/// cairo-lang's `RegTrackingData`: an ap-tracking group and the offset of ap within it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default)]
pub struct ApTracking {
    /// The group (a new group starts wherever the ap change is unknown).
    pub group: i64,
    /// ap's offset from the start of the group.
    pub offset: i64,
}

impl ApTracking {
    /// `self - other` when both are in the same group (cairo-lang's `RegChangeKnown`).
    pub fn diff(&self, other: &ApTracking) -> Option<i64> {
        (self.group == other.group).then(|| self.offset.checked_sub(other.offset)).flatten()
    }
}

/// Whether an expression mentions `ap`.
pub fn uses_ap(e: &Expr) -> bool {
    match e {
        Expr::Const(_) => false,
        Expr::Reg(r) => *r == Register::Ap,
        Expr::Deref(a) | Expr::Neg(a) | Expr::Paren(a) | Expr::Cast(a, _) => uses_ap(a),
        Expr::Bin(_, a, b) | Expr::Pow(a, b) => uses_ap(a) || uses_ap(b),
        Expr::Tuple(items) => items.iter().any(|(_, e)| uses_ap(e)),
    }
}

/// The type of an expression, following cairo-lang's type system (`felt` for constants and
/// registers, `T` for `[e]` with `e: T*`, the target type for casts, ...).
pub fn infer_type(e: &Expr) -> Result<CairoType, String> {
    Ok(match e {
        Expr::Const(_) | Expr::Reg(_) => CairoType::Felt,
        Expr::Paren(a) => infer_type(a)?,
        Expr::Cast(a, t) => {
            infer_type(a)?;
            t.clone()
        }
        Expr::Neg(a) => match infer_type(a)? {
            CairoType::Felt => CairoType::Felt,
            t => return Err(format!("Unary '-' is not supported for type '{t}'.")),
        },
        Expr::Deref(a) => match infer_type(a)? {
            CairoType::Felt => CairoType::Felt,
            CairoType::Pointer(p) => *p,
            t => return Err(format!("Cannot dereference type '{t}'.")),
        },
        Expr::Pow(a, b) => {
            let (ta, tb) = (infer_type(a)?, infer_type(b)?);
            if ta != CairoType::Felt && tb == CairoType::Felt {
                return Err(format!("Operator '**' is not implemented for types '{ta}' and '{tb}'."));
            }
            CairoType::Felt
        }
        Expr::Bin(op, a, b) => {
            let (ta, tb) = (infer_type(a)?, infer_type(b)?);
            match (&ta, &tb, op) {
                (CairoType::Felt, CairoType::Felt, _) => CairoType::Felt,
                (CairoType::Pointer(_), CairoType::Felt, BinOp::Add | BinOp::Sub) => ta,
                (CairoType::Felt, CairoType::Pointer(_), BinOp::Add) => tb,
                (CairoType::Pointer(_) | CairoType::Codeoffset, _, BinOp::Sub) if ta == tb => CairoType::Felt,
                _ => {
                    let sym = match op {
                        BinOp::Add => "+",
                        BinOp::Sub => "-",
                        BinOp::Mul => "*",
                        BinOp::Div => "/",
                    };
                    return Err(format!("Operator '{sym}' is not implemented for types '{ta}' and '{tb}'."));
                }
            }
        }
        Expr::Tuple(items) => CairoType::Tuple(
            items
                .iter()
                .map(|(name, e)| Ok(super::expr::TupleItem { name: name.clone(), ty: infer_type(e)? }))
                .collect::<Result<_, String>>()?,
        ),
    })
}

/// Registers and memory for [`eval`]. `ap` is `None` when the reference's ap cannot be
/// deduced (another ap-tracking group, or error-message substitution, which never uses ap).
pub struct EvalContext<'a> {
    /// ap as the reference sees it (already corrected), if known.
    pub ap: Option<Relocatable>,
    /// fp.
    pub fp: Relocatable,
    /// Memory.
    pub memory: &'a dyn MemoryView,
}

/// Why an expression could not be evaluated.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum EvalError {
    /// The expression uses `ap`, which cannot be deduced here.
    ApUnknown,
    /// Anything else (unknown memory, invalid arithmetic, tuples...), with a message.
    Other(String),
}

impl std::fmt::Display for EvalError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            EvalError::ApUnknown => f.write_str("Failed to deduce ap."),
            EvalError::Other(s) => f.write_str(s),
        }
    }
}

/// Reads `memory[addr]`, cairo-lang style: an unknown cell or a non-pointer address is an error.
pub fn read_memory(memory: &dyn MemoryView, addr: Value) -> Result<Value, EvalError> {
    match addr {
        Value::Ptr(p) => memory
            .get(p)
            .ok_or_else(|| EvalError::Other(format!("Unknown value for memory cell at address {p}."))),
        Value::Int(v) => Err(EvalError::Other(format!("Unknown value for memory cell at address {v}."))),
    }
}

/// Evaluates an expression to a felt or a pointer.
pub fn eval(e: &Expr, ctx: &EvalContext<'_>) -> Result<Value, EvalError> {
    let other = |s: String| EvalError::Other(s);
    match e {
        Expr::Const(v) => Ok(Value::Int(*v)),
        Expr::Reg(Register::Ap) => ctx.ap.map(Value::Ptr).ok_or(EvalError::ApUnknown),
        Expr::Reg(Register::Fp) => Ok(Value::Ptr(ctx.fp)),
        Expr::Paren(a) | Expr::Cast(a, _) => eval(a, ctx),
        Expr::Deref(a) => read_memory(ctx.memory, eval(a, ctx)?),
        Expr::Neg(a) => match eval(a, ctx)? {
            Value::Int(v) => Ok(Value::Int(-v)),
            Value::Ptr(p) => Err(other(format!("Cannot negate the pointer {p}."))),
        },
        Expr::Bin(op, a, b) => {
            let (va, vb) = (eval(a, ctx)?, eval(b, ctx)?);
            match op {
                BinOp::Add => va.add(&vb).ok_or_else(|| other(format!("Cannot compute {va} + {vb}."))),
                BinOp::Sub => va.sub(&vb).ok_or_else(|| other(format!("Cannot compute {va} - {vb}."))),
                BinOp::Mul => match (va, vb) {
                    (Value::Int(x), Value::Int(y)) => Ok(Value::Int(x * y)),
                    _ => Err(other(format!("Cannot compute {va} * {vb}."))),
                },
                BinOp::Div => match (va, vb) {
                    (Value::Int(x), Value::Int(y)) => match NonZeroFelt::try_from(y) {
                        Ok(nz) => Ok(Value::Int(x.field_div(&nz))),
                        Err(_) => Err(other("Division by zero.".to_string())),
                    },
                    _ => Err(other(format!("Cannot compute {va} / {vb}."))),
                },
            }
        }
        Expr::Pow(a, b) => match (eval(a, ctx)?, eval(b, ctx)?) {
            (Value::Int(x), Value::Int(y)) => Ok(Value::Int(x.pow_felt(&y))),
            (va, vb) => Err(other(format!("Cannot compute {va} ** {vb}."))),
        },
        Expr::Tuple(_) => Err(other("Cannot evaluate a tuple expression.".to_string())),
    }
}

/// `ap` for a reference defined with `ref_tracking`, used where ap is `ap` and the
/// ap-tracking is `here`: `ap - (here.offset - ref.offset)` in the same group, else unknown.
pub fn corrected_ap(ap: Relocatable, here: &ApTracking, reference: &ApTracking) -> Option<Relocatable> {
    here.diff(reference).and_then(|d| d.checked_neg()).and_then(|d| ap.add_i64(d))
}

/// cairo-lang's `is_simple_reference(expr, simplicity_bound)` (starknet/security): constants,
/// registers, `+ - *`, negation, parentheses and dereference only, with complexity (one per
/// node) below the bound, after removing one top-level `[...]` and one `cast(...)`.
pub fn is_simple_reference(e: &Expr, simplicity_bound: i64) -> bool {
    let mut bound = simplicity_bound;
    let mut e = e;
    if let Expr::Deref(a) = e {
        e = a;
        bound -= 1;
    }
    if let Expr::Cast(a, _) = e {
        e = a;
        bound -= 1;
    }
    fn complexity(e: &Expr) -> Option<i64> {
        Some(match e {
            Expr::Const(_) | Expr::Reg(_) => 1,
            Expr::Bin(BinOp::Add | BinOp::Sub | BinOp::Mul, a, b) => complexity(a)? + complexity(b)? + 1,
            Expr::Neg(a) | Expr::Paren(a) | Expr::Deref(a) => complexity(a)? + 1,
            _ => return None,
        })
    }
    complexity(e).is_some_and(|c| c < bound)
}

/// cairo-lang's `decimal_repr`: felts in `(-p/2, p/2]` as signed decimals, pointers as `s:o`.
pub fn decimal_repr(v: &Value) -> String {
    match v {
        Value::Ptr(p) => p.to_string(),
        Value::Int(x) => {
            let half = Felt::MAX.floor_div(&NonZeroFelt::from_felt_unchecked(Felt::TWO));
            if *x > half {
                format!("-{}", -*x)
            } else {
                x.to_string()
            }
        }
    }
}
