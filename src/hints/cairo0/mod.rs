//! Cairo Zero hints of cairo-lang's common library and of the Starknet whitelists, one file per
//! library module. [`HINTS`] is the single table every use (the registry, the coverage test)
//! derives from: each entry is the hint text exactly as a compiled program holds it (compared
//! after [`normalize`](super::normalize)) and its implementation.
//!
//! Every implementation mirrors its hint's Python line by line: an error is the exception
//! Python would raise, at the hint line that raises it (`.at(n)`), so that the error report
//! quotes the same source line as cairo-run's.

pub(crate) mod alloc;
mod blake2s;
mod builtin_hints;
mod dict;
mod ec;
mod find_element;
mod keccak;
mod math;
mod merkle;
mod modinv;
mod patricia;
pub(crate) mod py;
mod secp;
mod sha256;
mod squash_dict;
mod starknet;
mod uint256;
mod usort;

use super::{HintError, HintFn};
use num_bigint::BigUint;
use num_traits::ToPrimitive;
use starknet_types_core::felt::Felt;

/// A felt used as a size or count (a `u64`), or a `ValueError` at `line`.
pub(crate) fn felt_u64(f: &Felt, line: u32) -> Result<u64, HintError> {
    crate::hints::ctx::felt_to_u64(f)
        .ok_or_else(|| HintError::py("ValueError", line, format!("{f} is too large to be a size.")))
}

/// A Python integer used as a size or count (a `u64`), or a `ValueError` at `line`.
pub(crate) fn biguint_u64(v: &BigUint, line: u32) -> Result<u64, HintError> {
    v.to_u64().ok_or_else(|| HintError::py("ValueError", line, format!("{v} is too large to be a size.")))
}

/// Every Cairo Zero hint this VM implements, grouped by library module.
pub const HINTS: &[(&str, HintFn)] = &[
    // alloc.cairo, memcpy.cairo, memset.cairo, copy_indices.cairo, segments.cairo
    (alloc::ALLOC, alloc::alloc),
    (alloc::MEMCPY_ENTER_SCOPE, alloc::memcpy_enter_scope),
    (alloc::MEMCPY_CONTINUE, alloc::memcpy_continue),
    (alloc::EXIT_SCOPE, alloc::exit_scope),
    (alloc::MEMSET_ENTER_SCOPE, alloc::memset_enter_scope),
    (alloc::MEMSET_CONTINUE, alloc::memset_continue),
    (alloc::RELOCATE_SEGMENT, alloc::relocate_segment),
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
    (math::ASSERT_LE_FELT_V0_6, math::assert_le_felt_v0_6),
    (math::ASSERT_LE_FELT_V0_8, math::assert_le_felt_v0_8),
    (math::LSB_V0_6, math::lsb_v0_6),
    (math::BIT_LENGTH, math::bit_length),
    // math_cmp.cairo
    (math::IS_NN, math::is_nn),
    (math::IS_NN_OUT_OF_RANGE, math::is_nn_out_of_range),
    (math::IS_LE_FELT, math::is_le_felt),
    // pow.cairo, log2_ceil.cairo
    (math::POW, math::pow),
    (math::SIGNED_POW, math::signed_pow),
    (math::LOG2_CEIL, math::log2_ceil),
    // uint256.cairo (and uint256_improvements.json, vrf.json)
    (uint256::SPLIT_64, uint256::split_64),
    (uint256::UINT256_ADD, uint256::uint256_add),
    (uint256::UINT256_ADD_VRF, uint256::uint256_add_low),
    (uint256::UINT256_MUL_DIV_MOD, uint256::uint256_mul_div_mod),
    (uint256::UINT256_SIGNED_NN, uint256::uint256_signed_nn),
    (uint256::UINT256_SQRT, uint256::uint256_sqrt),
    (uint256::UINT256_SQRT_FELT, uint256::uint256_sqrt_felt),
    (uint256::UINT256_UNSIGNED_DIV_REM, uint256::uint256_unsigned_div_rem),
    (uint256::UINT256_EXPANDED_UNSIGNED_DIV_REM, uint256::uint256_expanded_unsigned_div_rem),
    (uint256::UINT256_SUB, uint256::uint256_sub),
    (uint256::UINT256_ADD_CARRY, uint256::uint256_add_carry),
    (uint256::SPLIT_128, uint256::split_128),
    // find_element.cairo, set.cairo
    (find_element::FIND_ELEMENT, find_element::find_element),
    (find_element::SEARCH_SORTED_LOWER, find_element::search_sorted_lower),
    (find_element::SEARCH_SORTED_OPTIMISTIC, find_element::search_sorted_optimistic),
    (find_element::SET_ADD, find_element::set_add),
    // usort.cairo
    (usort::USORT_ENTER_SCOPE, usort::usort_enter_scope),
    (usort::USORT, usort::usort),
    (usort::VERIFY_USORT, usort::verify_usort),
    (usort::VERIFY_MULTIPLICITY_ASSERT, usort::verify_multiplicity_assert),
    (usort::VERIFY_MULTIPLICITY_BODY, usort::verify_multiplicity_body),
    // dict.cairo, default_dict.cairo
    (dict::DICT_NEW, dict::dict_new),
    (dict::DEFAULT_DICT_NEW, dict::default_dict_new),
    (dict::DICT_READ, dict::dict_read),
    (dict::DICT_WRITE, dict::dict_write),
    (dict::DICT_UPDATE, dict::dict_update),
    (dict::DICT_SQUASH_ENTER_SCOPE, dict::dict_squash_enter_scope),
    (dict::DICT_SQUASH_UPDATE_PTR, dict::dict_squash_update_ptr),
    // squash_dict.cairo
    (squash_dict::ENTER_SCOPE, squash_dict::enter_scope),
    (squash_dict::SQUASH_DICT, squash_dict::squash_dict),
    (squash_dict::ASSERT_N_USED_ACCESSES, squash_dict::assert_n_used_accesses),
    (squash_dict::ASSERT_NO_ACCESS_LEFT, squash_dict::assert_no_access_left),
    (squash_dict::ASSERT_NO_KEY_LEFT, squash_dict::assert_no_key_left),
    (squash_dict::NEXT_KEY, squash_dict::next_key),
    (squash_dict::FIRST_ACCESS, squash_dict::first_access),
    (squash_dict::SHOULD_CONTINUE, squash_dict::should_continue),
    (squash_dict::SHOULD_SKIP_LOOP, squash_dict::should_skip_loop),
    (squash_dict::NEXT_ACCESS, squash_dict::next_access),
    // cairo_secp/, secp256r1/ (and cairo_secp.json, ec_bigint.json, ec_recover.json, vrf.json,
    // 384_bit_prime_field.json)
    (secp::BIGINT_TO_UINT256, secp::bigint_to_uint256),
    (secp::NONDET_BIGINT3, secp::nondet_bigint3),
    (secp::K1_VERIFY_ZERO, secp::k1_verify_zero),
    (secp::K1_REDUCE, secp::k1_reduce),
    (secp::K1_IS_ZERO_PACK, secp::k1_is_zero_pack),
    (secp::IS_ZERO_NONDET, secp::is_zero_nondet),
    (secp::K1_IS_ZERO_INV, secp::k1_is_zero_inv),
    (secp::K1_EC_NEGATE, secp::k1_ec_negate),
    (secp::K1_COMPUTE_DOUBLING_SLOPE, secp::k1_compute_doubling_slope),
    (secp::K1_COMPUTE_SLOPE, secp::k1_compute_slope),
    (secp::K1_EC_DOUBLE, secp::k1_ec_double),
    (secp::EC_DOUBLE_NEW_Y, secp::ec_double_new_y_hint),
    (secp::K1_FAST_EC_ADD, secp::k1_fast_ec_add),
    (secp::FAST_EC_ADD_NEW_Y, secp::fast_ec_add_new_y_hint),
    (secp::EC_MUL_BY_UINT256, secp::ec_mul_by_uint256),
    (secp::EC_MUL_INNER, secp::ec_mul_inner),
    (secp::FAST_EC_MUL_INNER, secp::fast_ec_mul_inner),
    (secp::K1_DIV_MOD_N, secp::k1_div_mod_n),
    (secp::DIV_MOD_N_K, secp::div_mod_n_k),
    (secp::K1_GET_POINT_FROM_X, secp::k1_get_point_from_x),
    (secp::K1_IS_ON_CURVE, secp::k1_is_on_curve),
    (secp::EC_RECOVER_DIV_MOD_N_PACKED, secp::ec_recover_div_mod_n_packed),
    (secp::EC_RECOVER_SUB, secp::ec_recover_sub),
    (secp::EC_RECOVER_PRODUCT_MOD, secp::ec_recover_product_mod),
    (secp::EC_RECOVER_PRODUCT_DIV_M, secp::ec_recover_product_div_m),
    (secp::R1_COMPUTE_DOUBLING_SLOPE, secp::r1_compute_doubling_slope),
    (secp::R1_COMPUTE_SLOPE, secp::r1_compute_slope),
    (secp::R1_EC_DOUBLE, secp::r1_ec_double),
    (secp::R1_EC_DOUBLE_NEW_Y, secp::r1_ec_double_new_y),
    (secp::R1_IMPORT_SECP_P, secp::r1_import_secp_p),
    (secp::FAST_EC_ADD_SCOPE_P, secp::fast_ec_add_scope_p),
    (secp::R1_TRY_GET_POINT_FROM_X, secp::r1_try_get_point_from_x),
    (secp::R1_IS_ON_CURVE, secp::r1_is_on_curve),
    (secp::R1_ASSERT_165_BIT, secp::r1_assert_165_bit),
    (secp::R1_IS_ZERO_PACK, secp::r1_is_zero_pack),
    (secp::R1_IS_ZERO_INV, secp::r1_is_zero_inv),
    (secp::R1_REDUCE, secp::r1_reduce),
    (secp::R1_VERIFY_ZERO, secp::r1_verify_zero),
    (secp::OLD_IMPORT_R1_ALPHA, secp::old_import_r1_alpha),
    (secp::OLD_IMPORT_R1_N, secp::old_import_r1_n),
    (secp::OLD_VERIFY_ZERO_IMPORT, secp::old_verify_zero_import),
    (secp::OLD_EC_DOUBLE_PT, secp::old_ec_double_pt),
    (secp::OLD_FAST_EC_ADD_PT, secp::old_fast_ec_add_pt),
    (secp::OLD_DOUBLING_SLOPE_PT, secp::old_doubling_slope_pt),
    (secp::OLD_SLOPE_PT, secp::old_slope_pt),
    (secp::OLD_IS_ZERO_PACK_IMPORT, secp::old_is_zero_pack_import),
    (secp::OLD_VERIFY_ZERO, secp::old_verify_zero),
    (secp::OLD_EC_DOUBLE, secp::old_ec_double),
    (secp::OLD_DIV_MOD_N_XS, secp::old_div_mod_n_xs),
    (secp::OLD_DIV_MOD_N, secp::old_div_mod_n),
    (secp::OLD_DOUBLING_SLOPE_ALPHA, secp::old_doubling_slope_alpha),
    (secp::OLD_COMPUTE_SLOPE, secp::old_compute_slope),
    (secp::OLD_REDUCE, secp::old_reduce),
    (secp::OLD_IS_ZERO_PACK, secp::old_is_zero_pack),
    (secp::OLD_NONDET_BIGINT3, secp::old_nondet_bigint3),
    (secp::OLD_IS_ZERO_INV, secp::old_is_zero_inv),
    (secp::OLD_DIBIT, secp::old_dibit),
    (secp::OLD_LEN_HI, secp::old_len_hi),
    (secp::OLD_QUAD_BIT, secp::old_quad_bit),
    (secp::OLD_IS_ZERO_INT, secp::old_is_zero_int),
    (secp::OLD_DIV_MOD_N_K_XS, secp::old_div_mod_n_k_xs),
    (secp::OLD_K_PLUS_ONE, secp::old_k_plus_one),
    (secp::EC_BIGINT_DIV_MOD, secp::ec_bigint_div_mod),
    (secp::EC_BIGINT_K, secp::ec_bigint_k),
    (secp::VRF_SQRT_25519, secp::vrf_sqrt_25519),
    (secp::VRF_X_INV, secp::vrf_x_inv),
    (secp::VRF_INV_512, secp::vrf_inv_512),
    (secp::VRF_DIV_6_BY_3, secp::vrf_div_6_by_3),
    (secp::VRF_DIV_4_BY_2, secp::vrf_div_4_by_2),
    (secp::VRF_EC_DOUBLE, secp::vrf_ec_double),
    (secp::VRF_FAST_EC_ADD, secp::vrf_fast_ec_add),
    (secp::VRF_EC_NEGATE, secp::vrf_ec_negate),
    (secp::VRF_VERIFY_ZERO, secp::vrf_verify_zero),
    (secp::VRF_REDUCE, secp::vrf_reduce),
    (secp::VRF_IS_ZERO_PACK, secp::vrf_is_zero_pack),
    (secp::VRF_INV_MOD_P_UINT256, secp::vrf_inv_mod_p_uint256),
    (secp::VRF_DOUBLING_SLOPE, secp::vrf_doubling_slope),
    (secp::VRF_SQRT_UINT256, secp::vrf_sqrt_uint256),
    (secp::VRF_COMPUTE_SLOPE, secp::vrf_compute_slope),
    (secp::F384_SUB, secp::f384_sub),
    (secp::F384_DIV_REM, secp::f384_div_rem),
    (secp::F384_DIV_6_BY_3, secp::f384_div_6_by_3),
    (secp::F384_INV, secp::f384_inv),
    (secp::F384_SQRT, secp::f384_sqrt),
    (secp::F384_ISQRT, secp::f384_isqrt),
    (secp::F384_SIGNED_NN, secp::f384_signed_nn),
    (secp::F384_ADD_CARRIES, secp::f384_add_carries),
    // keccak.cairo, keccak_utils/, cairo_keccak/, builtin_keccak/, simulate_builtin_keccak_with_cairo/
    (keccak::N_BYTES_GE_FULL_RATE, keccak::n_bytes_ge_full_rate),
    (keccak::N_BYTES_LT_WORD, keccak::n_bytes_lt_word),
    (keccak::FULL_WORD_8, keccak::full_word_8),
    (keccak::OUTPUT0_TO_UINT256, keccak::output0_to_uint256),
    (keccak::OUTPUT1_TO_UINT256, keccak::output1_to_uint256),
    (keccak::INPUTS_3, keccak::inputs_3),
    (keccak::INPUTS_6, keccak::inputs_6),
    (keccak::INPUTS_9, keccak::inputs_9),
    (keccak::INPUTS_12, keccak::inputs_12),
    (keccak::INPUTS_15, keccak::inputs_15),
    (keccak::PREPARE_LAST_BLOCK, keccak::prepare_last_block),
    (keccak::BLOCK_PERMUTATION, keccak::block_permutation),
    (keccak::BLOCK_PERMUTATION_V0_10, keccak::block_permutation_v0_10),
    (keccak::BLOCK_PERMUTATION_TO_OUTPUT, keccak::block_permutation_to_output),
    (keccak::FINALIZE_KECCAK, keccak::finalize_keccak),
    (keccak::FINALIZE_KECCAK_1000, keccak::finalize_keccak_1000),
    (keccak::UNSAFE_KECCAK, keccak::unsafe_keccak),
    (keccak::UNSAFE_KECCAK_FINALIZE, keccak::unsafe_keccak_finalize),
    (keccak::KECCAK_ADD_UINT256, keccak::keccak_add_uint256),
    (keccak::STATE_TO_FELTS, keccak::state_to_felts),
    (keccak::FELT_ARRAY_3, keccak::felt_array_3),
    (keccak::FELT_ARRAY_6, keccak::felt_array_6),
    (keccak::FELT_ARRAY_9, keccak::felt_array_9),
    (keccak::FELT_ARRAY_12, keccak::felt_array_12),
    (keccak::FELT_ARRAY_15, keccak::felt_array_15),
    (keccak::FELT_ARRAY_18, keccak::felt_array_18),
    (keccak::FELT_ARRAY_21, keccak::felt_array_21),
    // cairo_sha256/
    (sha256::FINALIZE_SHA256, sha256::finalize_sha256),
    (sha256::FINALIZE_SHA256_V0, sha256::finalize_sha256_v0),
    (sha256::SHA256_BLOCK, sha256::sha256_block),
    (sha256::SHA256_BLOCK_WITH_STATE, sha256::sha256_block_with_state),
    // cairo_blake2s/
    (blake2s::BLAKE2S_ADD_UINT256, blake2s::blake2s_add_uint256),
    (blake2s::BLAKE2S_ADD_UINT256_BIGEND, blake2s::blake2s_add_uint256_bigend),
    (blake2s::COMPUTE_BLAKE2S_FUNC, blake2s::compute_blake2s_func),
    (blake2s::ENCODE_IS_SMALL, blake2s::encode_is_small),
    (blake2s::ENCODE_FELT252_TO_U32S, blake2s::encode_felt252_to_u32s),
    (blake2s::FINALIZE_BLAKE2S, blake2s::finalize_blake2s),
    (blake2s::FINALIZE_BLAKE2S_V0, blake2s::finalize_blake2s_v0),
    (blake2s::BLAKE2S_BLOCK, blake2s::blake2s_block),
    (blake2s::FULL_WORD_4, blake2s::full_word_4),
    // ec.cairo, cairo_ec_op/
    (ec::EC_OP_RANDOM_POINT, ec::ec_op_random_point),
    (ec::CHAINED_EC_OP_RANDOM_POINT, ec::chained_ec_op_random_point),
    (ec::RECOVER_Y, ec::recover_y_hint),
    (ec::EC_OP_FAILED, ec::ec_op_failed),
    (ec::M_BIT_UNPACKING, ec::m_bit_unpacking),
    // signature.cairo, modulo.cairo, builtin_poseidon/, hash_state_poseidon.cairo
    (builtin_hints::ADD_SIGNATURE, builtin_hints::add_signature),
    (builtin_hints::RUN_MOD_P_CIRCUIT, builtin_hints::run_mod_p_circuit),
    (builtin_hints::ELEMENTS_AT_LEAST_10, builtin_hints::elements_at_least_10),
    (builtin_hints::ELEMENTS_AT_LEAST_2, builtin_hints::elements_at_least_2),
    // merkle_update.cairo, merkle_multi_update.cairo, small_merkle_tree.cairo
    (merkle::MERKLE_UPDATE_AUTH_PATH_EMPTY, merkle::merkle_update_auth_path_empty),
    (merkle::MERKLE_UPDATE_SIBLING_X, merkle::merkle_update_sibling_x),
    (merkle::MERKLE_UPDATE_SIBLING_Y, merkle::merkle_update_sibling_y),
    (merkle::MERKLE_UPDATE_INDEX_BIT, merkle::merkle_update_index_bit),
    (merkle::MERKLE_MULTI_UPDATE, merkle::merkle_multi_update),
    (merkle::MERKLE_MULTI_UPDATE_INNER, merkle::merkle_multi_update_inner),
    (merkle::ASSERT_CASE_BOTH, merkle::assert_case_both),
    (merkle::ASSERT_CASE_LEAF, merkle::assert_case_leaf),
    (merkle::CASE_NOT_LEFT, merkle::case_not_left),
    (merkle::ENTER_LEFT_CHILD, merkle::enter_left_child),
    (merkle::ENTER_RIGHT_CHILD, merkle::enter_right_child),
    (merkle::SMALL_MERKLE_TREE_ENTER_SCOPE, merkle::small_merkle_tree_enter_scope),
    (merkle::SMALL_MERKLE_TREE_UPDATE, merkle::small_merkle_tree_update),
    // patricia.cairo, patricia_with_sponge.cairo
    (patricia::OPEN_EDGE, patricia::open_edge),
    (patricia::PATRICIA_UPDATE_CONSTANTS, patricia::patricia_update_constants),
    (patricia::ENTER_NODE, patricia::enter_node),
    (patricia::ASSERT_CASE_RIGHT, patricia::assert_case_right),
    (patricia::TRAVERSE_BINARY_OR_LEAF, patricia::traverse_binary_or_leaf),
    (patricia::TRAVERSE_EDGE_DECODE, patricia::traverse_edge_decode),
    (patricia::EDGE_BIT, patricia::edge_bit),
    (patricia::EDGE_BOTTOM_HASH, patricia::edge_bottom_hash),
    (patricia::LENGTH_WORD_FROM_DESCEND, patricia::length_word_from_descend),
    (patricia::CASE_RIGHT_XOR_BIT, patricia::case_right_xor_bit),
    (patricia::ENTER_CHILD_OF_BIT, patricia::enter_child_of_bit),
    (patricia::ENTER_OTHER_CHILD_OF_BIT, patricia::enter_other_child_of_bit),
    (patricia::GET_DESCEND, patricia::get_descend),
    (patricia::TRAVERSE_EMPTY_DECODE, patricia::traverse_empty_decode),
    (patricia::ENTER_SINGLE_CHILD, patricia::enter_single_child),
    (patricia::SIBLINGS_WORD_FROM_DESCEND, patricia::siblings_word_from_descend),
    (patricia::ENTER_DESCENT_NODE, patricia::enter_descent_node),
    (patricia::ENTER_LEFT_CHILD_COMMON, patricia::enter_left_child_common),
    (patricia::ENTER_RIGHT_CHILD_COMMON, patricia::enter_right_child_common),
    (patricia::IS_BINARY_OR_LEAF, patricia::is_binary_or_leaf),
    // starknet/common/storage.cairo, deprecated syscalls
    (starknet::NORMALIZE_ADDRESS, starknet::normalize_address),
    (starknet::IS_250, starknet::is_250),
];

/// Hint texts that share one implementation, beside [`HINTS`].
pub const SHARED: &[(&[&str], HintFn)] = &[(starknet::SYSCALLS, starknet::syscall)];
