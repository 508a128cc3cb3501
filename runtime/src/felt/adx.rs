//! Montgomery multiplication with BMI2 and ADX (x86-64): the 256-bit product in inline
//! assembly, the reduction shared with the portable code.
//!
//! The portable product ([`super::mont::mul_wide`]) is a chain of `mul`s whose results land in
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
//!   is `#[target_feature(enable = "bmi2,adx")]` and `unsafe`, and callers check first.
//! - [`product`] masks the two tag bits (62 and 63) of each operand's most significant limb,
//!   so it takes memory cells as they are; for reduced values (< p < 2^252) the mask is a
//!   no-op. The results are bit-for-bit those of the portable functions
//!   (`runtime/tests/felt_props.rs` compares them on every run where the CPU has ADX).

use super::mont::reduce;
use super::Raw;
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

/// The 512-bit product of the 256-bit values at `a` and `b` (most significant limb first, bits
/// 62 and 63 of limb 0 ignored), as little-endian limbs.
///
/// # Safety
/// The CPU must have BMI2 and ADX; `a` and `b` must point to readable, aligned `Raw`s.
#[inline]
#[target_feature(enable = "bmi2,adx")]
unsafe fn product(a: *const Raw, b: *const Raw) -> [u64; 8] {
    let (t0, t1, t2, t3, t4, t5, t6, t7): (u64, u64, u64, u64, u64, u64, u64, u64);
    // SAFETY: the caller guarantees the CPU features and that `a` and `b` point to 32
    // readable bytes; the block reads only those, writes only its register operands, and
    // touches no stack.
    unsafe {
        core::arch::asm!(
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
            b = in(reg) b,
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
    }
    [t0, t1, t2, t3, t4, t5, t6, t7]
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

/// [`super::cairo_jit_rt_felt_mul`] with BMI2 and ADX.
///
/// # Safety
/// The CPU must have BMI2 and ADX; the pointers as for [`super::cairo_jit_rt_felt_mul`].
#[target_feature(enable = "bmi2,adx")]
pub unsafe extern "C" fn cairo_jit_rt_felt_mul_adx(out: *mut Raw, a: *const Raw, b: *const Raw) {
    // SAFETY: the caller's guarantees; both inputs are read before `out` is written.
    unsafe { *out = reduce(product(a, b)) }
}

/// [`super::cairo_jit_rt_felt_mul_cells`] with BMI2 and ADX: [`product`] ignores the tag bits
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
