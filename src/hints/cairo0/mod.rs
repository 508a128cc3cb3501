//! Cairo Zero hints of cairo-lang's common library, one file per library module. `HINTS` is the
//! single table every use (the registry, the coverage test) derives from: each entry is the
//! hint text exactly as it appears in the library (compared after normalization) and its
//! implementation.

mod alloc;
mod math;

use super::HintFn;

/// Every Cairo Zero hint this VM implements.
pub const HINTS: &[(&str, HintFn)] = &[
    // alloc.cairo, memcpy.cairo, memset.cairo
    (alloc::ALLOC, alloc::alloc),
    (alloc::MEMCPY_ENTER_SCOPE, alloc::memcpy_enter_scope),
    (alloc::MEMCPY_CONTINUE, alloc::memcpy_continue),
    (alloc::EXIT_SCOPE, alloc::exit_scope),
    (alloc::MEMSET_ENTER_SCOPE, alloc::memset_enter_scope),
    (alloc::MEMSET_CONTINUE, alloc::memset_continue),
    // math.cairo
    (math::ASSERT_NOT_ZERO, math::assert_not_zero),
    (math::ASSERT_NOT_EQUAL, math::assert_not_equal),
    (math::ASSERT_NN, math::assert_nn),
    (math::ASSERT_250_BIT, math::assert_250_bit),
    (math::SPLIT_FELT, math::split_felt),
    (math::ASSERT_LE_FELT, math::assert_le_felt),
    (math::ASSERT_LE_FELT_EXCLUDED_0, math::excluded_0),
    (math::ASSERT_LE_FELT_EXCLUDED_1, math::excluded_1),
    (math::ASSERT_LE_FELT_EXCLUDED_2, math::excluded_2),
    (math::ASSERT_LT_FELT, math::assert_lt_felt),
    (math::IS_POSITIVE, math::is_positive),
    (math::UNSIGNED_DIV_REM, math::unsigned_div_rem),
    (math::SIGNED_DIV_REM, math::signed_div_rem),
    (math::SPLIT_INT_ASSERT_RANGE, math::split_int_assert_range),
    (math::SPLIT_INT, math::split_int),
    (math::SQRT, math::sqrt),
    (math::IS_QUAD_RESIDUE, math::is_quad_residue),
    // math_cmp.cairo
    (math::IS_NN, math::is_nn),
    (math::IS_NN_OUT_OF_RANGE, math::is_nn_out_of_range),
    (math::IS_LE_FELT, math::is_le_felt),
];
