//! Field arithmetic in generated code: addition and subtraction inline on the raw Montgomery
//! limbs of two cells, multiplication through the runtime.

use super::{Lowering, I64};
use cairo_jit_runtime::cell::{TAG_MASK, TAG_SET};
use cranelift_codegen::ir::condcodes::IntCC;
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

    /// `a + b mod p` inline on the raw Montgomery limbs (cell words: word 0 most significant,
    /// with tag bits; the result has `TAG_SET`). Montgomery addition is plain modular
    /// addition: add with carries (the sum is below 2p < 2^253, so nothing is lost), subtract
    /// p = [1, 0, 0, 0x0800000000000011] (least significant limb first) with borrows, and keep
    /// the difference unless it borrowed.
    pub(super) fn felt_add_inline(&mut self, a: [Value; 4], c: [Value; 4]) -> [Value; 4] {
        // Little-endian limbs: l[0] is word 3. Carries and borrows are explicit compares (the
        // x64 backend has no add-with-carry-in / sub-with-borrow-in lowering).
        let (x, y) = self.limbs_le(a, c);
        let mut sum = [x[0]; 4];
        let mut carry: Option<Value> = None;
        for k in 0..4 {
            let t = self.b.ins().iadd(x[k], y[k]);
            let (t, c_new) = match carry {
                None => {
                    let c = self.b.ins().icmp(IntCC::UnsignedLessThan, t, x[k]);
                    (t, c)
                }
                Some(cin) => {
                    let c1 = self.b.ins().icmp(IntCC::UnsignedLessThan, t, x[k]);
                    let cin64 = self.b.ins().uextend(I64, cin);
                    let t2 = self.b.ins().iadd(t, cin64);
                    let c2 = self.b.ins().icmp(IntCC::UnsignedLessThan, t2, cin64);
                    (t2, self.b.ins().bor(c1, c2))
                }
            };
            sum[k] = t;
            carry = Some(c_new);
        }
        // t = sum - p, p = [1, 0, 0, P3]; borrow chain by compares.
        let t0 = self.b.ins().iadd_imm_s(sum[0], -1);
        let bw0 = self.b.ins().icmp_imm_s(IntCC::Equal, sum[0], 0);
        let bw0_64 = self.b.ins().uextend(I64, bw0);
        let t1 = self.b.ins().isub(sum[1], bw0_64);
        let z1 = self.b.ins().icmp_imm_s(IntCC::Equal, sum[1], 0);
        let bw1 = self.b.ins().band(bw0, z1);
        let bw1_64 = self.b.ins().uextend(I64, bw1);
        let t2 = self.b.ins().isub(sum[2], bw1_64);
        let z2 = self.b.ins().icmp_imm_s(IntCC::Equal, sum[2], 0);
        let bw2 = self.b.ins().band(bw1, z2);
        let bw2_64 = self.b.ins().uextend(I64, bw2);
        let sub3 = self.b.ins().iadd_imm_s(bw2_64, P3);
        let t3 = self.b.ins().isub(sum[3], sub3);
        let bw3 = self.b.ins().icmp(IntCC::UnsignedLessThan, sum[3], sub3);
        let r = [(sum[0], t0), (sum[1], t1), (sum[2], t2), (sum[3], t3)]
            .map(|(s, t)| self.b.ins().select(bw3, s, t));
        self.cell_from_le(r)
    }

    /// `a - c mod p` inline on the raw Montgomery limbs (the result has `TAG_SET`): subtract
    /// with borrows and add p back when the subtraction borrowed.
    pub(super) fn felt_sub_inline(&mut self, a: [Value; 4], c: [Value; 4]) -> [Value; 4] {
        let (x, y) = self.limbs_le(a, c);
        let mut diff = [x[0]; 4];
        let mut borrow: Option<Value> = None;
        for k in 0..4 {
            let t = self.b.ins().isub(x[k], y[k]);
            let b1 = self.b.ins().icmp(IntCC::UnsignedLessThan, x[k], y[k]);
            let (t, b_new) = match borrow {
                None => (t, b1),
                Some(bin) => {
                    let bin64 = self.b.ins().uextend(I64, bin);
                    let t2 = self.b.ins().isub(t, bin64);
                    let b2 = self.b.ins().icmp(IntCC::UnsignedLessThan, t, bin64);
                    (t2, self.b.ins().bor(b1, b2))
                }
            };
            diff[k] = t;
            borrow = Some(b_new);
        }
        let borrowed = borrow.expect("four limbs");
        // diff + p, p = [1, 0, 0, P3]; carry chain by compares.
        let r0 = self.b.ins().iadd_imm_s(diff[0], 1);
        let c0 = self.b.ins().icmp_imm_s(IntCC::Equal, r0, 0);
        let c0_64 = self.b.ins().uextend(I64, c0);
        let r1 = self.b.ins().iadd(diff[1], c0_64);
        let z1 = self.b.ins().icmp_imm_s(IntCC::Equal, r1, 0);
        let c1 = self.b.ins().band(c0, z1);
        let c1_64 = self.b.ins().uextend(I64, c1);
        let r2 = self.b.ins().iadd(diff[2], c1_64);
        let z2 = self.b.ins().icmp_imm_s(IntCC::Equal, r2, 0);
        let c2 = self.b.ins().band(c1, z2);
        let c2_64 = self.b.ins().uextend(I64, c2);
        let add3 = self.b.ins().iadd_imm_s(c2_64, P3);
        let r3 = self.b.ins().iadd(diff[3], add3);
        let r = [(r0, diff[0]), (r1, diff[1]), (r2, diff[2]), (r3, diff[3])]
            .map(|(with_p, d)| self.b.ins().select(borrowed, with_p, d));
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
