//! Field arithmetic in generated code: addition and subtraction inline on the raw Montgomery
//! limbs of two cells, multiplication through the runtime (on the cells themselves where it can).

use super::{flags, Lowering, I64};
use cairo_jit_runtime::cell::{TAG_MASK, TAG_SET};
use cranelift_codegen::ir::condcodes::IntCC;
use cranelift_codegen::ir::types::I128;
use cranelift_codegen::ir::{Block, FuncRef, Inst, InstBuilder, Value};

/// The top limb of p = [1, 0, 0, P3] (least significant limb first).
const P3: i64 = 0x0800000000000011;

impl Lowering<'_, '_> {
    /// The 256-bit integer of two cells' words (word 0 most significant) as i128 halves (low,
    /// high), tag bits included.
    fn halves(&mut self, w: [Value; 4]) -> (Value, Value) {
        (self.b.ins().iconcat(w[3], w[2]), self.b.ins().iconcat(w[1], w[0]))
    }

    /// `a + c mod p` inline on the raw Montgomery limbs of two felt cells (word 0 most
    /// significant, with `TAG_SET` and not `TAG_RELOC`); the result has `TAG_SET`.
    ///
    /// Montgomery addition is plain modular addition. The limbs are added with their tags:
    /// both top words carry `TAG_SET` (bit 63), whose sum 2^64 wraps away, so the sum's top
    /// word is exactly that of the untagged sum s < 2p < 2^253. Since p = P3 * 2^192 + 1, when
    /// s's low limb is nonzero, s >= p iff its top limb is at least P3, and s - p only changes
    /// the top limb (minus P3) and the low limb (minus 1), with no borrow between limbs: two
    /// conditional moves, as `felt::add` does. A zero low limb with s >= p (a 2^-64 chance on
    /// random operands; 0 + 0 is not one) jumps to `other`, which computes the same sum
    /// another way (the runtime, or the interpreter's slow path).
    pub(super) fn felt_add_inline(&mut self, a: [Value; 4], c: [Value; 4], other: Block) -> [Value; 4] {
        let (al, ah) = self.halves(a);
        let (cl, ch) = self.halves(c);
        let (lo, carry) = self.b.ins().uadd_overflow(al, cl);
        let carry = self.b.ins().uextend(I128, carry);
        let hi = self.b.ins().iadd(ah, ch);
        let hi = self.b.ins().iadd(hi, carry);
        let (s0, s1) = self.b.ins().isplit(lo);
        let (s2, s3) = self.b.ins().isplit(hi);
        let ge = self.b.ins().icmp_imm_s(IntCC::UnsignedGreaterThanOrEqual, s3, P3);
        self.move_by_p(ge, [s0, s1, s2, s3], -1, other)
    }

    /// `a - c mod p` inline on the raw Montgomery limbs of two felt cells (the result has
    /// `TAG_SET`): subtract with borrows (the equal tags cancel), giving d in (-p, p) as a
    /// 256-bit two's complement, negative iff its top bit is set (|d| < 2^252); then add p
    /// when it is negative. When d's low limb is not all ones, d + p changes only the top limb
    /// (plus P3) and the low limb (plus 1), with no carry between limbs: two conditional
    /// moves, as `felt::sub` does. A negative d whose low limb is all ones (a 2^-64 chance)
    /// jumps to `other` ([`Lowering::felt_add_inline`]).
    pub(super) fn felt_sub_inline(&mut self, a: [Value; 4], c: [Value; 4], other: Block) -> [Value; 4] {
        let (al, ah) = self.halves(a);
        let (cl, ch) = self.halves(c);
        let (lo, borrow) = self.b.ins().usub_overflow(al, cl);
        let borrow = self.b.ins().uextend(I128, borrow);
        let hi = self.b.ins().isub(ah, ch);
        let hi = self.b.ins().isub(hi, borrow);
        let (d0, d1) = self.b.ins().isplit(lo);
        let (d2, d3) = self.b.ins().isplit(hi);
        let neg = self.b.ins().icmp_imm_s(IntCC::SignedLessThan, d3, 0);
        self.move_by_p(neg, [d0, d1, d2, d3], 1, other)
    }

    /// The felt cell (`TAG_SET`) of `x + sign * p` when `cond` holds, else of `x` (limbs least
    /// significant first, the top one untagged; `sign` is 1 or -1): p = P3 * 2^192 + 1, so
    /// only the low limb (by `sign`) and the top limb (by `sign * P3`) move, with no carry
    /// between limbs unless the low limb wraps, which goes to `other` when `cond` holds.
    fn move_by_p(&mut self, cond: Value, x: [Value; 4], sign: i64, other: Block) -> [Value; 4] {
        let [x0, x1, x2, x3] = x;
        // The low limb wraps from 0 down, or from all ones up.
        let edge = if sign < 0 { 0 } else { -1 };
        let wraps = self.b.ins().icmp_imm_s(IntCC::Equal, x0, edge);
        let rare = self.b.ins().band(cond, wraps);
        self.guard_not(rare, other);
        let t3 = self.b.ins().iadd_imm_s(x3, sign * P3);
        let r3 = self.b.ins().select(cond, t3, x3);
        let t0 = self.b.ins().iadd_imm_s(x0, sign);
        let r0 = self.b.ins().select(cond, t0, x0);
        let top = self.b.ins().bor_imm_s(r3, TAG_SET as i64);
        [top, x2, x1, r0]
    }

    /// Felt arithmetic through the runtime (limbs in the scratch slot).
    pub(super) fn felt_op(&mut self, f: FuncRef, a: [Value; 4], c: [Value; 4]) -> [Value; 4] {
        let (_, out) = self.felt_call(f, a, c);
        self.felt_result(out)
    }

    /// dst = a * c for the set felt cells at `pa` and `pc`, written once into the cell at `pd`
    /// (the fast path's last step): an unset dst gets the product from the runtime directly
    /// (`cairo_jit_rt_felt_mul_cells`, which reads the operands' cells and writes dst's); a
    /// set one is compared with the product, computed into the scratch slot, and a different
    /// value takes the slow path. A loop carrying a product (factorial_loop's) thus passes it
    /// from one multiplication to the next through dst's cell alone, rather than through the
    /// scratch slot on the way in and out as well.
    pub(super) fn felt_mul_into(&mut self, pa: Value, pc: Value, pd: Value, slow: Block) {
        let f = self.imp.felt_mul_cells;
        let w0 = self.b.ins().load(I64, flags(), pd, 0);
        let set = self.is_set(w0);
        let (check, fresh, done) = (self.b.create_block(), self.b.create_block(), self.b.create_block());
        self.b.ins().brif(set, check, &[], fresh, &[]);
        self.b.switch_to_block(fresh);
        self.b.ins().call(f, &[pd, pa, pc]);
        self.b.ins().jump(done, &[]);
        self.b.switch_to_block(check);
        let slot = self.b.ins().stack_addr(I64, self.scratch, 0);
        self.b.ins().call(f, &[slot, pa, pc]);
        let val = self.load_cell(slot, 0);
        let cur = self.load_cell(pd, 0);
        let eq = self.cells_equal(cur, val);
        self.b.ins().brif(eq, done, &[], slow, &[]);
        self.b.switch_to_block(done);
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
