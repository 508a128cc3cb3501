//! Field arithmetic in generated code: addition and subtraction inline on the raw Montgomery
//! limbs of two cells, multiplication through the runtime.

use super::{Lowering, I64};
use cairo_jit_runtime::cell::{TAG_MASK, TAG_SET};
use cranelift_codegen::ir::condcodes::IntCC;
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

    /// `flag * p` (flag an `i8` 0 or 1) as i128 halves (low, high): p = [1, 0, 0, P3].
    fn p_times(&mut self, flag: Value) -> (Value, Value) {
        let lo = self.b.ins().uextend(I128, flag);
        let g = self.b.ins().uextend(I64, flag);
        let top = self.b.ins().imul_imm_s(g, P3);
        let zero = self.b.ins().iconst(I64, 0);
        (lo, self.b.ins().iconcat(zero, top))
    }

    /// `x + y` on i128 halves (low, high), modulo 2^256.
    fn add256(&mut self, (xl, xh): (Value, Value), (yl, yh): (Value, Value)) -> (Value, Value) {
        let (l, carry) = self.b.ins().uadd_overflow(xl, yl);
        let carry = self.b.ins().uextend(I128, carry);
        let h = self.b.ins().iadd(xh, yh);
        (l, self.b.ins().iadd(h, carry))
    }

    /// `x - y` on i128 halves (low, high), modulo 2^256.
    fn sub256_mod(&mut self, (xl, xh): (Value, Value), (yl, yh): (Value, Value)) -> (Value, Value) {
        let (l, bw) = self.b.ins().usub_overflow(xl, yl);
        let bw = self.b.ins().uextend(I128, bw);
        let h = self.b.ins().isub(xh, yh);
        (l, self.b.ins().isub(h, bw))
    }

    /// `x - y` on i128 halves (low, high), modulo 2^256, and whether it borrowed (x < y).
    fn sub256(&mut self, (xl, xh): (Value, Value), (yl, yh): (Value, Value)) -> ((Value, Value), Value) {
        let (l, bw) = self.b.ins().usub_overflow(xl, yl);
        let (h, bw1) = self.b.ins().usub_overflow(xh, yh);
        let bw = self.b.ins().uextend(I128, bw);
        let (h, bw2) = self.b.ins().usub_overflow(h, bw);
        ((l, h), self.b.ins().bor(bw1, bw2))
    }

    /// `a + b mod p` inline on the raw Montgomery limbs (cell words: word 0 most significant,
    /// with tag bits; the result has `TAG_SET`). Montgomery addition is plain modular
    /// addition: add with carries (the sum is below 2p < 2^253, so nothing is lost), then
    /// subtract p = [1, 0, 0, 0x0800000000000011] (least significant limb first) when the sum
    /// is at least p, which its top limb tells but when it equals p's (then any nonzero lower
    /// limb does). Subtracting `flag * p` rather than choosing between the sum and the
    /// difference keeps half as many values live (fewer spills around the instruction). The
    /// 256-bit values are pairs of i128 halves, whose additions and subtractions the x64
    /// backend lowers to add/adc and sub/sbb chains.
    pub(super) fn felt_add_inline(&mut self, a: [Value; 4], c: [Value; 4]) -> [Value; 4] {
        let (x, y) = self.limbs_le(a, c);
        let (x, y) = (self.halves(x), self.halves(y));
        let s = self.add256(x, y);
        let [s0, s1, s2, s3] = self.limbs_of(s.0, s.1);
        let gt = self.b.ins().icmp_imm_s(IntCC::UnsignedGreaterThan, s3, P3);
        let eq = self.b.ins().icmp_imm_s(IntCC::Equal, s3, P3);
        let low = self.b.ins().bor(s0, s1);
        let low = self.b.ins().bor(low, s2);
        let nz = self.b.ins().icmp_imm_s(IntCC::NotEqual, low, 0);
        let eq_nz = self.b.ins().band(eq, nz);
        let ge = self.b.ins().bor(gt, eq_nz);
        let p = self.p_times(ge);
        let (l, h) = self.sub256_mod(s, p);
        let r = self.limbs_of(l, h);
        self.cell_from_le(r)
    }

    /// `a - c mod p` inline on the raw Montgomery limbs (the result has `TAG_SET`): subtract
    /// with borrows and add p back when the subtraction borrowed (the sum wraps past 2^256
    /// exactly then), as `flag * p` ([`Lowering::felt_add_inline`]).
    pub(super) fn felt_sub_inline(&mut self, a: [Value; 4], c: [Value; 4]) -> [Value; 4] {
        let (x, y) = self.limbs_le(a, c);
        let (x, y) = (self.halves(x), self.halves(y));
        let (d, borrowed) = self.sub256(x, y);
        let p = self.p_times(borrowed);
        let (l, h) = self.add256(d, p);
        let r = self.limbs_of(l, h);
        self.cell_from_le(r)
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
