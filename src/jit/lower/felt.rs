//! Field arithmetic in generated code: addition and subtraction inline on the raw Montgomery
//! limbs of two cells, multiplication through the runtime.

use super::{Lowering, I64};
use cairo_jit_runtime::cell::{TAG_MASK, TAG_SET};
use cranelift_codegen::ir::types::I128;
use cranelift_codegen::ir::{Block, FuncRef, Inst, InstBuilder, Value};

/// The top limb of p = [1, 0, 0, P3] (least significant limb first).
const P3: i64 = 0x0800000000000011;

impl Lowering<'_, '_> {
    /// The limbs of two felt cells, least significant first, tag bits cleared.
    fn limbs_le(&mut self, a: [Value; 4], c: [Value; 4]) -> ([Value; 4], [Value; 4]) {
        let mask = self.b.ins().iconst(I64, !TAG_MASK as i64);
        let a0 = self.b.ins().band(a[0], mask);
        let c0 = self.b.ins().band(c[0], mask);
        ([a[3], a[2], a[1], a0], [c[3], c[2], c[1], c0])
    }

    /// The felt cell of limbs `r` (least significant first): word 0 most significant, `TAG_SET`.
    fn cell_from_le(&mut self, r: [Value; 4]) -> [Value; 4] {
        let top = self.b.ins().bor_imm_s(r[3], TAG_SET as i64);
        [top, r[2], r[1], r[0]]
    }

    /// A 256-bit integer (least significant limb first) as two i128 halves (low, high).
    fn halves(&mut self, x: [Value; 4]) -> (Value, Value) {
        (self.b.ins().iconcat(x[0], x[1]), self.b.ins().iconcat(x[2], x[3]))
    }

    /// The limbs (least significant first) of two i128 halves.
    fn limbs_of(&mut self, lo: Value, hi: Value) -> [Value; 4] {
        let (l0, l1) = self.b.ins().isplit(lo);
        let (l2, l3) = self.b.ins().isplit(hi);
        [l0, l1, l2, l3]
    }

    /// An i128 constant from its limbs.
    fn const128(&mut self, lo: i64, hi: i64) -> Value {
        let l = self.b.ins().iconst(I64, lo);
        let h = self.b.ins().iconst(I64, hi);
        self.b.ins().iconcat(l, h)
    }

    /// p = [1, 0, 0, P3] (least significant limb first) as i128 halves (low, high).
    fn p_halves(&mut self) -> (Value, Value) {
        (self.const128(1, 0), self.const128(0, P3))
    }

    /// `x + y` on i128 halves (low, high), modulo 2^256.
    fn add256(&mut self, (xl, xh): (Value, Value), (yl, yh): (Value, Value)) -> (Value, Value) {
        let (l, carry) = self.b.ins().uadd_overflow(xl, yl);
        let carry = self.b.ins().uextend(I128, carry);
        let h = self.b.ins().iadd(xh, yh);
        (l, self.b.ins().iadd(h, carry))
    }

    /// `x - y` on i128 halves (low, high), modulo 2^256, and whether it borrowed (x < y).
    fn sub256(&mut self, (xl, xh): (Value, Value), (yl, yh): (Value, Value)) -> ((Value, Value), Value) {
        let (l, bw) = self.b.ins().usub_overflow(xl, yl);
        let (h, bw1) = self.b.ins().usub_overflow(xh, yh);
        let bw = self.b.ins().uextend(I128, bw);
        let (h, bw2) = self.b.ins().usub_overflow(h, bw);
        ((l, h), self.b.ins().bor(bw1, bw2))
    }

    /// The felt cell of `a` when `cond`, else of `b` (i128 halves).
    fn select_cell(&mut self, cond: Value, a: (Value, Value), b: (Value, Value)) -> [Value; 4] {
        let l = self.b.ins().select(cond, a.0, b.0);
        let h = self.b.ins().select(cond, a.1, b.1);
        let r = self.limbs_of(l, h);
        self.cell_from_le(r)
    }

    /// `a + b mod p` inline on the raw Montgomery limbs (cell words: word 0 most significant,
    /// with tag bits; the result has `TAG_SET`). Montgomery addition is plain modular
    /// addition: add with carries (the sum is below 2p < 2^253, so nothing is lost), subtract
    /// p = [1, 0, 0, 0x0800000000000011] (least significant limb first) with borrows, and keep
    /// the difference unless it borrowed. The 256-bit values are pairs of i128 halves, whose
    /// additions and subtractions the x64 backend lowers to add/adc and sub/sbb chains.
    pub(super) fn felt_add_inline(&mut self, a: [Value; 4], c: [Value; 4]) -> [Value; 4] {
        let (x, y) = self.limbs_le(a, c);
        let (x, y) = (self.halves(x), self.halves(y));
        let s = self.add256(x, y);
        let p = self.p_halves();
        let (d, borrowed) = self.sub256(s, p);
        self.select_cell(borrowed, s, d)
    }

    /// `a - c mod p` inline on the raw Montgomery limbs (the result has `TAG_SET`): subtract
    /// with borrows and add p back when the subtraction borrowed (i128 halves, as
    /// [`Lowering::felt_add_inline`]).
    pub(super) fn felt_sub_inline(&mut self, a: [Value; 4], c: [Value; 4]) -> [Value; 4] {
        let (x, y) = self.limbs_le(a, c);
        let (x, y) = (self.halves(x), self.halves(y));
        let (d, borrowed) = self.sub256(x, y);
        // d + p: the sum wraps past 2^256 exactly when d was negative.
        let p = self.p_halves();
        let e = self.add256(d, p);
        self.select_cell(borrowed, e, d)
    }

    /// Felt arithmetic through the runtime (limbs in the scratch slot).
    pub(super) fn felt_op(&mut self, f: FuncRef, a: [Value; 4], c: [Value; 4]) -> [Value; 4] {
        let (_, out) = self.felt_call(f, a, c);
        self.felt_result(out)
    }

    /// `a / c` for felts through the runtime; a zero divisor takes the slow path (the
    /// interpreter reports the division by zero, or leaves the operand unknown).
    pub(super) fn felt_div(&mut self, a: [Value; 4], c: [Value; 4], slow: Block) -> [Value; 4] {
        let f = self.imp.felt_div;
        let (call, out) = self.felt_call(f, a, c);
        let nonzero = self.b.inst_results(call)[0];
        self.guard(nonzero, slow);
        self.felt_result(out)
    }

    /// Calls `f(out, a, c)` on the limbs of two felt cells (tags cleared, in the scratch slot);
    /// returns the call and `out`.
    fn felt_call(&mut self, f: FuncRef, a: [Value; 4], c: [Value; 4]) -> (Inst, Value) {
        let mask = self.b.ins().iconst(I64, !TAG_MASK as i64);
        let a0 = self.b.ins().band(a[0], mask);
        let c0 = self.b.ins().band(c[0], mask);
        let slot = self.b.ins().stack_addr(I64, self.scratch, 0);
        self.store_cell(slot, 0, [a0, a[1], a[2], a[3]]);
        self.store_cell(slot, 32, [c0, c[1], c[2], c[3]]);
        let out = self.b.ins().iadd_imm_s(slot, 64);
        let pa = slot;
        let pc = self.b.ins().iadd_imm_s(slot, 32);
        (self.b.ins().call(f, &[out, pa, pc]), out)
    }

    /// The felt cell of the limbs the runtime wrote at `out`.
    fn felt_result(&mut self, out: Value) -> [Value; 4] {
        let mut r = self.load_cell(out, 0);
        r[0] = self.b.ins().bor_imm_s(r[0], TAG_SET as i64);
        r
    }
}
