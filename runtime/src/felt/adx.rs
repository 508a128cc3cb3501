//! Montgomery multiplication and squaring with BMI2 and ADX (x86-64): the 256-bit product and
//! square in inline assembly, the reduction shared with the portable code. The JIT's entry
//! points call the product; [`Adx`] inlines both into routines generic over
//! [`Products`] (the builtins' hashes).
//!
//! The portable product (`mont::mul_wide`) is a chain of `mul`s whose results land in
//! `rdx:rax` and whose additions share the one carry flag, so LLVM spills partial products
//! and serialises the rows. `mulx` writes any two registers and leaves the flags alone, and
//! `adcx`/`adox` carry through CF and OF separately, so each row of the schoolbook product
//! runs two independent carry chains with no spill: the textbook MULX/ADCX/ADOX schedule.
//! A chain of products through one cell, as compiled code makes them, took 12.5-13.3 us per
//! 1,024 links against the portable entry point's 13.8-14.6 us (`cargo bench -p
//! cairo-jit-runtime --bench field -- mul_chain`, criterion's intervals, on the 2-core AMD
//! EPYC of BENCHMARKS.md); factorial_loop's JIT ran 8-10% faster with it.
//!
//! Invariants:
//! - Nothing here runs unless [`available`] said the CPU has both extensions: every entry point
//!   is `#[target_feature(enable = "bmi2,adx")]` and `unsafe`, and callers check first; an
//!   [`Adx`], whose methods are safe, exists only once [`Adx::detect`] checked.
//! - `product` and `square_product` mask the two tag bits (62 and 63) of each operand's
//!   most significant limb, so they take memory cells as they are; for reduced values
//!   (< p < 2^252) the mask is a no-op. The results are bit-for-bit those of the portable
//!   functions
//!   (`runtime/tests/felt_props.rs` compares them on every run where the CPU has ADX).

use super::mont::reduce;
use super::{Products, Raw};
use crate::cell::TAG_SET;

/// Whether the CPU has BMI2 and ADX (cached by std after the first call).
#[inline]
pub fn available() -> bool {
    std::arch::is_x86_feature_detected!("bmi2") && std::arch::is_x86_feature_detected!("adx")
}

/// The assembly of rows 1-3 of [`product`]: with `rdx` = a_i, `t_i..t_{i+4}` (the operand
/// names given, `t_{i+4}` new) += a_i * b. The low halves go through OF (`adox`) and the high
/// halves through CF (`adcx`); `xor` clears both flags, `mov` keeps them. The new top limb
/// cannot overflow: the row's sum fits in i + 5 limbs.
#[rustfmt::skip]
macro_rules! row {
    ($ti:literal, $t1:literal, $t2:literal, $t3:literal, $t4:literal) => {
        concat!(
            "xor {lo:e}, {lo:e}\n",
            "mulx {hi}, {lo}, [{b} + 24]\n",
            "adox {", $ti, "}, {lo}\n",
            "adcx {", $t1, "}, {hi}\n",
            "mulx {hi}, {lo}, [{b} + 16]\n",
            "adox {", $t1, "}, {lo}\n",
            "adcx {", $t2, "}, {hi}\n",
            "mulx {hi}, {lo}, [{b} + 8]\n",
            "adox {", $t2, "}, {lo}\n",
            "adcx {", $t3, "}, {hi}\n",
            "mulx {", $t4, "}, {lo}, {y3}\n",
            "adox {", $t3, "}, {lo}\n",
            "mov edx, 0\n",
            "adcx {", $t4, "}, rdx\n",
            "adox {", $t4, "}, rdx",
        )
    };
}

/// An `asm!` block that leaves a 512-bit value, little-endian, in its operands `t0`..`t7`,
/// with the scratch operands `y3`, `lo`, `hi` and `rdx`, reading memory only (pure, no stack);
/// evaluates to the eight limbs. The caller gives the template and its input operands, inside
/// an `unsafe` block.
macro_rules! wide_asm {
    ($($template_and_inputs:tt)*) => {{
        let (t0, t1, t2, t3, t4, t5, t6, t7): (u64, u64, u64, u64, u64, u64, u64, u64);
        core::arch::asm!(
            $($template_and_inputs)*,
            y3 = out(reg) _,
            t0 = out(reg) t0,
            t1 = out(reg) t1,
            t2 = out(reg) t2,
            t3 = out(reg) t3,
            t4 = out(reg) t4,
            t5 = out(reg) t5,
            t6 = out(reg) t6,
            t7 = out(reg) t7,
            lo = out(reg) _,
            hi = out(reg) _,
            out("rdx") _,
            options(pure, readonly, nostack),
        );
        [t0, t1, t2, t3, t4, t5, t6, t7]
    }};
}

/// The 512-bit product of the 256-bit values at `a` and `b` (most significant limb first, bits
/// 62 and 63 of limb 0 ignored), as little-endian limbs.
///
/// Not `#[target_feature]`, so that it inlines anywhere (the assembler takes the instructions
/// whatever the enabled features): into the entry points below and into the routines
/// monomorphised for [`Adx`].
///
/// # Safety
/// The CPU must have BMI2 and ADX; `a` and `b` must point to readable, aligned `Raw`s.
#[inline(always)]
unsafe fn product(a: *const Raw, b: *const Raw) -> [u64; 8] {
    // SAFETY: the caller guarantees the CPU features and that `a` and `b` point to 32
    // readable bytes; the block reads only those, writes only its register operands, and
    // touches no stack.
    unsafe {
        wide_asm!(
            // a_i is little-endian limb i, at byte offset 24 - 8i; likewise b_j. `y3` is b's
            // top limb without its tag bits, the operand of each row's last mulx.
            "mov {y3}, [{b}]",
            "shl {y3}, 2",
            "shr {y3}, 2",
            // Row 0: t0..t4 = a0 * b, one carry chain.
            "mov rdx, [{a} + 24]",
            "mulx {t1}, {t0}, [{b} + 24]",
            "mulx {t2}, {lo}, [{b} + 16]",
            "add {t1}, {lo}",
            "mulx {t3}, {lo}, [{b} + 8]",
            "adc {t2}, {lo}",
            "mulx {t4}, {lo}, {y3}",
            "adc {t3}, {lo}",
            "adc {t4}, 0",
            // Rows 1-3 (see `row!`).
            "mov rdx, [{a} + 16]",
            row!("t1", "t2", "t3", "t4", "t5"),
            "mov rdx, [{a} + 8]",
            row!("t2", "t3", "t4", "t5", "t6"),
            // a3 without its tag bits (before the row's `xor`: shifts write the flags).
            "mov rdx, [{a}]",
            "shl rdx, 2",
            "shr rdx, 2",
            row!("t3", "t4", "t5", "t6", "t7"),
            a = in(reg) a,
            b = in(reg) b
        )
    }
}

/// The 512-bit square of the 256-bit value at `a` (most significant limb first, bits 62 and 63
/// of limb 0 ignored), as little-endian limbs: the six products `a_i * a_j` (i < j) once,
/// doubled, plus the four squares `a_i^2`, 10 `mulx` against [`product`]'s 16. Inlines
/// anywhere, as [`product`].
///
/// # Safety
/// The CPU must have BMI2 and ADX; `a` must point to a readable, aligned `Raw`.
#[inline(always)]
unsafe fn square_product(a: *const Raw) -> [u64; 8] {
    // SAFETY: the caller guarantees the CPU features and that `a` points to 32 readable
    // bytes; the block reads only those, writes only its register operands, and touches no
    // stack.
    unsafe {
        wide_asm!(
            // a_i is little-endian limb i, at byte offset 24 - 8i; `y3` is a3 without its tag
            // bits.
            "mov {y3}, [{a}]",
            "shl {y3}, 2",
            "shr {y3}, 2",
            // a0 * (a1, a2, a3) at limbs 1..=4, one carry chain.
            "mov rdx, [{a} + 24]",
            "mulx {t2}, {t1}, [{a} + 16]",
            "mulx {t3}, {lo}, [{a} + 8]",
            "add {t2}, {lo}",
            "mulx {t4}, {lo}, {y3}",
            "adc {t3}, {lo}",
            "adc {t4}, 0",
            // a1 * (a2, a3) at limbs 3..=5: low halves through OF, high halves through CF.
            "mov rdx, [{a} + 16]",
            "xor {lo:e}, {lo:e}",
            "mulx {hi}, {lo}, [{a} + 8]",
            "adox {t3}, {lo}",
            "adcx {t4}, {hi}",
            "mulx {t5}, {lo}, {y3}",
            "adox {t4}, {lo}",
            "mov edx, 0",
            "adcx {t5}, rdx",
            "adox {t5}, rdx",
            // a2 * a3 at limbs 5..=6.
            "mov rdx, [{a} + 8]",
            "mulx {t6}, {lo}, {y3}",
            "add {t5}, {lo}",
            "adc {t6}, 0",
            // Double limbs 1..=6 into 1..=7.
            "mov {t7:e}, 0",
            "add {t1}, {t1}",
            "adc {t2}, {t2}",
            "adc {t3}, {t3}",
            "adc {t4}, {t4}",
            "adc {t5}, {t5}",
            "adc {t6}, {t6}",
            "adc {t7}, {t7}",
            // Plus a_i^2 at limbs 2i, 2i + 1, one carry chain (`mov` and `mulx` keep the flags).
            "mov rdx, [{a} + 24]",
            "mulx {hi}, {t0}, rdx",
            "add {t1}, {hi}",
            "mov rdx, [{a} + 16]",
            "mulx {hi}, {lo}, rdx",
            "adc {t2}, {lo}",
            "adc {t3}, {hi}",
            "mov rdx, [{a} + 8]",
            "mulx {hi}, {lo}, rdx",
            "adc {t4}, {lo}",
            "adc {t5}, {hi}",
            "mov rdx, {y3}",
            "mulx {hi}, {lo}, rdx",
            "adc {t6}, {lo}",
            "adc {t7}, {hi}",
            a = in(reg) a
        )
    }
}

/// a * b mod p, as [`super::mul`].
///
/// # Safety
/// The CPU must have BMI2 and ADX ([`available`]).
#[inline]
#[target_feature(enable = "bmi2,adx")]
pub unsafe fn mul(a: &Raw, b: &Raw) -> Raw {
    // SAFETY: the features are the caller's guarantee; references are valid pointers.
    reduce(unsafe { product(a, b) })
}

/// Proof that the CPU has BMI2 and ADX: [`Adx::detect`] is the only way to make one, so the
/// safe [`Products`] methods may run the extensions' instructions. A routine generic over
/// [`Products`] and called with an `Adx` has the ADX product inlined at each multiplication.
#[derive(Clone, Copy, Debug)]
pub struct Adx(());

impl Adx {
    /// `Some` when the CPU has both extensions ([`available`]).
    #[inline]
    pub fn detect() -> Option<Adx> {
        available().then_some(Adx(()))
    }
}

impl Products for Adx {
    #[inline(always)]
    fn mul(self, a: Raw, b: Raw) -> Raw {
        // SAFETY: an `Adx` exists only where `available()` held (see `detect`); the references
        // are valid and aligned.
        reduce(unsafe { product(&a, &b) })
    }

    #[inline(always)]
    fn square(self, a: Raw) -> Raw {
        // SAFETY: as in `mul`.
        reduce(unsafe { square_product(&a) })
    }
}

/// [`super::cairo_jit_rt_felt_mul`] with BMI2 and ADX.
///
/// # Safety
/// The CPU must have BMI2 and ADX; the pointers as for [`super::cairo_jit_rt_felt_mul`].
#[target_feature(enable = "bmi2,adx")]
pub unsafe extern "C" fn cairo_jit_rt_felt_mul_adx(out: *mut Raw, a: *const Raw, b: *const Raw) {
    // SAFETY: the caller's guarantees; both inputs are read before `out` is written.
    unsafe { *out = reduce(product(a, b)) }
}

/// [`super::cairo_jit_rt_felt_mul_cells`] with BMI2 and ADX: `product` ignores the tag bits
/// itself, so the operands' cells are read in place.
///
/// # Safety
/// The CPU must have BMI2 and ADX; the pointers as for [`super::cairo_jit_rt_felt_mul_cells`].
#[target_feature(enable = "bmi2,adx")]
pub unsafe extern "C" fn cairo_jit_rt_felt_mul_cells_adx(out: *mut Raw, a: *const Raw, b: *const Raw) {
    // SAFETY: the caller's guarantees; both inputs are read before `out` is written.
    let mut r = reduce(unsafe { product(a, b) });
    r[0] |= TAG_SET;
    // SAFETY: as above.
    unsafe { *out = r }
}
