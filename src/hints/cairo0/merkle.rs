//! Hints of `merkle_update.cairo`, `merkle_multi_update.cairo` and `small_merkle_tree.cairo`.
//!
//! `merkle_update` reads `auth_path` and `merkle_multi_update` reads `preimage` from the scope,
//! where the program's environment puts them (a custom hint); `small_merkle_tree_update`
//! computes `preimage` itself (two Pedersen Merkle trees, `small_merkle_tree.py`). The
//! `__merkle_multi_update_skip_validation_runner` of cairo-lang is always `None` here.

use crate::builtins::pedersen;
use crate::hints::ctx::offset;
use crate::hints::update_tree::{build_update_tree, decode_node, Preimage, Tree, UpdateTree};
use crate::hints::HashMap;
use crate::hints::{AtLine, HintCtx, HintError, ScopeValue};
use crate::vm::{Relocatable, Value};
use num_bigint::BigUint;
use num_traits::{One, Zero};
use starknet_types_core::felt::Felt;
use std::collections::HashSet;
use std::rc::Rc;

/// A tree as a scope value.
fn tree_value(t: Tree) -> ScopeValue {
    t.map(ScopeValue::Node).unwrap_or(ScopeValue::None)
}

/// Python's `str()` of a tree node (for error messages).
fn py_str(t: &Tree) -> String {
    match t.as_deref() {
        None => "None".into(),
        Some(UpdateTree::Leaf(v)) => v.to_string(),
        Some(UpdateTree::Node(l, r)) => format!("({}, {})", py_str(l), py_str(r)),
    }
}

/// `memory[ptr + i * size + off]` for the `DictAccess` member at `off`.
fn access(
    ctx: &HintCtx<'_>,
    ptr: Relocatable,
    i: u64,
    size: u64,
    off: u64,
    line: u32,
) -> Result<Value, HintError> {
    let at = i.checked_mul(size).and_then(|o| o.checked_add(off)).unwrap_or(u64::MAX);
    ctx.mem(offset(ptr, at).at(line)?).at(line)
}

/// The `(key, new_value)` modifications of `n_updates` `DictAccess`es at `update_ptr`, as the
/// Merkle and Patricia hints collect them (lines: the loop, the key read, the value read).
pub(super) fn modifications(ctx: &HintCtx<'_>, lines: [u32; 3]) -> Result<Vec<(Felt, Value)>, HintError> {
    let n = ctx.get_u64("n_updates").at(lines[0])?;
    let ptr = ctx.get_ptr("update_ptr.address_").at(lines[0])?;
    let size = ctx.get_u64("DictAccess.SIZE").at(lines[0])?;
    let key_off = ctx.get_u64("DictAccess.key").at(lines[1])?;
    let value_off = ctx.get_u64("DictAccess.new_value").at(lines[2])?;
    let mut out = Vec::with_capacity(n as usize);
    for i in 0..n {
        let key = access(ctx, ptr, i, size, key_off, lines[1])?;
        let value = access(ctx, ptr, i, size, value_off, lines[2])?;
        let Value::Int(key) = key else {
            return Err(HintError::py(
                "TypeError",
                0,
                "unsupported operand type(s) for //: 'RelocatableValue' and 'int'",
            ));
        };
        out.push((key, value));
    }
    Ok(out)
}

/// `vm_enter_scope(dict(node=<child>, preimage=preimage, __merkle_multi_update_skip_validation_runner=...))`.
fn enter_child(ctx: &mut HintCtx<'_>, child: &str) -> Result<(), HintError> {
    let node = ctx.scopes.tree(child).at(2)?;
    let preimage = ctx.scopes.preimage().at(2)?;
    ctx.scopes.enter([
        ("node", tree_value(node)),
        ("preimage", ScopeValue::Preimage(preimage)),
        ("__merkle_multi_update_skip_validation_runner", ScopeValue::None),
    ]);
    Ok(())
}

/// `assert case == '<case>'`.
fn assert_case(ctx: &HintCtx<'_>, case: &str) -> Result<(), HintError> {
    if ctx.scopes.str("case").at(1)? != case {
        return Err(HintError::assertion(1, ""));
    }
    Ok(())
}

/// cairo-lang's `MerkleTree` (`small_merkle_tree.py`): node values by index, and the preimage
/// of every hash computed.
struct MerkleTree {
    height: u64,
    node_values: HashMap<BigUint, Felt>,
    preimage: Preimage,
}

impl MerkleTree {
    fn new(height: u64) -> Self {
        let mut root = Felt::ZERO;
        for _ in 0..height {
            root = pedersen::hash(&root, &root);
        }
        MerkleTree {
            height,
            node_values: HashMap::from_iter([(BigUint::one(), root)]),
            preimage: Preimage::default(),
        }
    }

    fn compute_merkle_root(&mut self, modifications: &[(Felt, Felt)]) -> Result<Felt, HintError> {
        if modifications.is_empty() {
            return Ok(self.node_values[&BigUint::one()]);
        }
        let mut default = Felt::ZERO;
        let offset = BigUint::one() << self.height;
        let mut indices: HashSet<BigUint> = HashSet::new();
        for (index, value) in modifications {
            let node = &offset + index.to_biguint();
            indices.insert(&node >> 1);
            self.node_values.insert(node, *value);
        }
        for _ in 0..self.height {
            let mut next = HashSet::new();
            for index in indices {
                let left = self.node_values.get(&(&index << 1)).copied().unwrap_or(default);
                let right = self.node_values.get(&((&index << 1) + 1u8)).copied().unwrap_or(default);
                let h = pedersen::hash(&left, &right);
                self.node_values.insert(index.clone(), h);
                self.preimage.insert(h, vec![left, right]);
                next.insert(index >> 1);
            }
            default = pedersen::hash(&default, &default);
            indices = next;
        }
        if indices.len() != 1 || !indices.contains(&BigUint::zero()) {
            return Err(HintError::assertion(0, ""));
        }
        Ok(self.node_values[&BigUint::one()])
    }
}

/// `sibling = auth_path.pop()`, `ids.prev_node_hash.<m> = sibling`, `ids.new_node_hash.<m> = sibling`.
fn sibling(ctx: &mut HintCtx<'_>, member: &str) -> Result<(), HintError> {
    let s = ctx
        .scopes
        .int_list_mut("auth_path")
        .at(2)?
        .pop()
        .ok_or_else(|| HintError::py("IndexError", 2, "pop from empty list"))?;
    ctx.set_big(&format!("prev_node_hash.{member}"), &s).at(3)?;
    ctx.set_big(&format!("new_node_hash.{member}"), &s).at(4)?;
    ctx.scopes.set("sibling", ScopeValue::Int(s));
    Ok(())
}

pub const MERKLE_UPDATE_AUTH_PATH_EMPTY: &str = r#"# Check that auth_path had the right number of elements.
assert len(auth_path) == 0, 'Got too many values in auth_path.'"#;
pub fn merkle_update_auth_path_empty(ctx: &mut HintCtx<'_>) -> Result<(), HintError> {
    if !ctx.scopes.int_list("auth_path").at(2)?.is_empty() {
        return Err(HintError::assertion(2, "Got too many values in auth_path."));
    }
    Ok(())
}

pub const MERKLE_UPDATE_SIBLING_X: &str = r#"# Hash hints.
sibling = auth_path.pop()
ids.prev_node_hash.x = sibling
ids.new_node_hash.x = sibling"#;
pub fn merkle_update_sibling_x(ctx: &mut HintCtx<'_>) -> Result<(), HintError> {
    sibling(ctx, "x")
}

pub const MERKLE_UPDATE_SIBLING_Y: &str = r#"# Hash hints.
sibling = auth_path.pop()
ids.prev_node_hash.y = sibling
ids.new_node_hash.y = sibling"#;
pub fn merkle_update_sibling_y(ctx: &mut HintCtx<'_>) -> Result<(), HintError> {
    sibling(ctx, "y")
}

pub const MERKLE_UPDATE_INDEX_BIT: &str = r#"memory[ap] = ids.index % 2"#;
pub fn merkle_update_index_bit(ctx: &mut HintCtx<'_>) -> Result<(), HintError> {
    let index = ctx.get_int("index").at(1)?;
    ctx.set_ap(Felt::from(index.to_le_digits()[0] & 1)).at(1)
}

pub const MERKLE_MULTI_UPDATE: &str = r#"from starkware.python.merkle_tree import build_update_tree

# Build modifications list.
modifications = []
for i in range(ids.n_updates):
    curr_update_ptr = ids.update_ptr.address_ + i * ids.DictAccess.SIZE
    modifications.append((
        memory[curr_update_ptr + ids.DictAccess.key],
        memory[curr_update_ptr + ids.DictAccess.new_value]))

node = build_update_tree(ids.height, modifications)
del modifications
__merkle_multi_update_skip_validation_runner = globals().get(
    '__merkle_multi_update_skip_validation_runner', None)
vm_enter_scope(dict(
    node=node, preimage=preimage,
    __merkle_multi_update_skip_validation_runner=
        __merkle_multi_update_skip_validation_runner)
)"#;
pub fn merkle_multi_update(ctx: &mut HintCtx<'_>) -> Result<(), HintError> {
    let mods = modifications(ctx, [5, 8, 9])?;
    let height = ctx.get_u64("height").at(11)?;
    let node = build_update_tree(height, &mods).at(11)?;
    ctx.scopes.set("node", tree_value(node.clone()));
    ctx.scopes.set("__merkle_multi_update_skip_validation_runner", ScopeValue::None);
    let preimage = ctx.scopes.preimage().at(15)?;
    ctx.scopes.enter([
        ("node", tree_value(node)),
        ("preimage", ScopeValue::Preimage(preimage)),
        ("__merkle_multi_update_skip_validation_runner", ScopeValue::None),
    ]);
    Ok(())
}

pub const MERKLE_MULTI_UPDATE_INNER: &str = r#"if ids.height == 0:
    assert node == ids.new_root, f'Expected node {ids.new_root}. Got {node}.'
    case = 'leaf'
else:
    prev_left, prev_right = preimage[ids.prev_root]
    new_left, new_right = preimage[ids.new_root]

    from starkware.python.merkle_tree import decode_node
    left_child, right_child, case = decode_node(node)

    # Fill non deterministic hashes.
    hash_ptr = ids.hash_ptr.address_
    memory[hash_ptr + 0 * ids.HashBuiltin.SIZE + ids.HashBuiltin.x] = prev_left
    memory[hash_ptr + 0 * ids.HashBuiltin.SIZE + ids.HashBuiltin.y] = prev_right
    memory[hash_ptr + 1 * ids.HashBuiltin.SIZE + ids.HashBuiltin.x] = new_left
    memory[hash_ptr + 1 * ids.HashBuiltin.SIZE + ids.HashBuiltin.y] = new_right

    if __merkle_multi_update_skip_validation_runner is not None:
        # Skip validation of the preimage dict to speed up the VM. Note that mistakes in the
        # preimage dict will be discovered only in the prover.
        __merkle_multi_update_skip_validation_runner.verified_addresses.add(
            hash_ptr + 0 * ids.HashBuiltin.SIZE + ids.HashBuiltin.result)
        __merkle_multi_update_skip_validation_runner.verified_addresses.add(
            hash_ptr + 1 * ids.HashBuiltin.SIZE + ids.HashBuiltin.result)

memory[ap] = int(case != 'right')"#;
pub fn merkle_multi_update_inner(ctx: &mut HintCtx<'_>) -> Result<(), HintError> {
    let height = ctx.get_int("height").at(1)?;
    let case = if height == Felt::ZERO {
        let node = ctx.scopes.tree("node").at(2)?;
        let new_root = ctx.get("new_root").at(2)?;
        if node.as_deref() != Some(&UpdateTree::Leaf(new_root)) {
            return Err(HintError::assertion(2, format!("Expected node {new_root}. Got {}.", py_str(&node))));
        }
        "leaf"
    } else {
        let preimage = ctx.scopes.preimage().at(5)?;
        let children = |line: u32, name: &str| -> Result<(Felt, Felt), HintError> {
            let h = ctx.get_int(name).at(line)?;
            match preimage.get(&h).map(Vec::as_slice) {
                Some([l, r]) => Ok((*l, *r)),
                Some(v) => Err(HintError::py(
                    "ValueError",
                    line,
                    format!("too many values to unpack (expected 2, got {})", v.len()),
                )),
                None => Err(HintError::py("KeyError", line, h.to_string())),
            }
        };
        let (prev_left, prev_right) = children(5, "prev_root")?;
        let (new_left, new_right) = children(6, "new_root")?;
        let node = ctx.scopes.tree("node").at(9)?;
        let (left, right, case) = decode_node(&node).at(9)?;
        ctx.scopes.set("left_child", tree_value(left));
        ctx.scopes.set("right_child", tree_value(right));
        let hash_ptr = ctx.get_ptr("hash_ptr.address_").at(12)?;
        let size = ctx.get_u64("HashBuiltin.SIZE").at(13)?;
        let x = ctx.get_u64("HashBuiltin.x").at(13)?;
        let y = ctx.get_u64("HashBuiltin.y").at(13)?;
        let writes =
            [(x, prev_left, 13), (y, prev_right, 14), (size + x, new_left, 15), (size + y, new_right, 16)];
        for (off, v, line) in writes {
            ctx.insert(offset(hash_ptr, off).at(line)?, v).at(line)?;
        }
        case
    };
    ctx.scopes.set("case", ScopeValue::Str(case));
    ctx.set_ap(Felt::from((case != "right") as u64)).at(26)
}

pub const ASSERT_CASE_BOTH: &str = r#"assert case == 'both'"#;
pub fn assert_case_both(ctx: &mut HintCtx<'_>) -> Result<(), HintError> {
    assert_case(ctx, "both")
}

pub const ASSERT_CASE_LEAF: &str = r#"assert case == 'leaf'"#;
pub fn assert_case_leaf(ctx: &mut HintCtx<'_>) -> Result<(), HintError> {
    assert_case(ctx, "leaf")
}

pub const CASE_NOT_LEFT: &str = r#"memory[ap] = int(case != 'left')"#;
pub fn case_not_left(ctx: &mut HintCtx<'_>) -> Result<(), HintError> {
    let case = ctx.scopes.str("case").at(1)?;
    ctx.set_ap(Felt::from((case != "left") as u64)).at(1)
}

pub const ENTER_LEFT_CHILD: &str = r#"vm_enter_scope(dict(
    node=left_child, preimage=preimage,
    __merkle_multi_update_skip_validation_runner=
        __merkle_multi_update_skip_validation_runner)
)"#;
pub fn enter_left_child(ctx: &mut HintCtx<'_>) -> Result<(), HintError> {
    enter_child(ctx, "left_child")
}

pub const ENTER_RIGHT_CHILD: &str = r#"vm_enter_scope(dict(
    node=right_child, preimage=preimage,
    __merkle_multi_update_skip_validation_runner=
        __merkle_multi_update_skip_validation_runner)
)"#;
pub fn enter_right_child(ctx: &mut HintCtx<'_>) -> Result<(), HintError> {
    enter_child(ctx, "right_child")
}

pub const SMALL_MERKLE_TREE_ENTER_SCOPE: &str = r#"vm_enter_scope({'__dict_manager': __dict_manager})"#;
pub fn small_merkle_tree_enter_scope(ctx: &mut HintCtx<'_>) -> Result<(), HintError> {
    let m = ctx.scopes.dict_manager().at(1)?;
    ctx.scopes.enter([("__dict_manager", ScopeValue::DictManager(m))]);
    Ok(())
}

pub const SMALL_MERKLE_TREE_UPDATE: &str = r#"# Compute the roots and the preimage dictionary.
from starkware.cairo.common.small_merkle_tree import get_preimage_dictionary
from starkware.python.math_utils import safe_div

new_dict = __dict_manager.get_dict(ids.squashed_dict_end.address_)

DICT_ACCESS_SIZE = ids.DictAccess.SIZE
squashed_dict_start = ids.squashed_dict_start.address_
squashed_dict_size = ids.squashed_dict_end.address_ - squashed_dict_start
assert squashed_dict_size >= 0 and squashed_dict_size % DICT_ACCESS_SIZE == 0, \
    f'squashed_dict size must be non-negative and divisible by DictAccess.SIZE. ' \
    f'Found: {squashed_dict_size}.'
squashed_dict_length = safe_div(squashed_dict_size, DICT_ACCESS_SIZE)

# Compute the modifications backwards: from the new values to the previous values.
modifications = []
for i in range(squashed_dict_length):
    key = memory[squashed_dict_start + i * DICT_ACCESS_SIZE + ids.DictAccess.key]
    prev_value = memory[
        squashed_dict_start + i * DICT_ACCESS_SIZE + ids.DictAccess.prev_value]
    new_value = memory[
        squashed_dict_start + i * DICT_ACCESS_SIZE + ids.DictAccess.new_value]
    assert new_dict[key] == new_value, \
        f'Inconsistent dictionary values. Expected new value: {new_dict[key]}, ' \
        f'found: {new_value}'
    modifications.append((key, prev_value))

ids.new_root, ids.prev_root, preimage = get_preimage_dictionary(
    initial_leaves=new_dict.items(),
    modifications=modifications,
    tree_height=ids.height,
    default_leaf=0)"#;
pub fn small_merkle_tree_update(ctx: &mut HintCtx<'_>) -> Result<(), HintError> {
    let m = ctx.scopes.dict_manager().at(5)?;
    let end = ctx.get_ptr("squashed_dict_end.address_").at(5)?;
    let new_dict = m.borrow_mut().tracker(end).at(5)?.data.clone();
    let size = ctx.get_u64("DictAccess.SIZE").at(7)?;
    let start = ctx.get_ptr("squashed_dict_start.address_").at(8)?;
    let line = 9;
    if start.segment != end.segment {
        return Err(HintError::assertion(
            line,
            format!(
                "Can only subtract two relocatable values of the same segment ({} != {}).",
                end.segment, start.segment
            ),
        ));
    }
    let dict_size = end.offset as i128 - start.offset as i128;
    if dict_size < 0 || size == 0 || dict_size % size as i128 != 0 {
        return Err(HintError::assertion(
            10,
            format!("squashed_dict size must be non-negative and divisible by DictAccess.SIZE. Found: {dict_size}."),
        ));
    }
    let length = dict_size as u64 / size;
    let key_off = ctx.get_u64("DictAccess.key").at(18)?;
    let prev_off = ctx.get_u64("DictAccess.prev_value").at(19)?;
    let new_off = ctx.get_u64("DictAccess.new_value").at(21)?;
    let mut mods = Vec::new();
    for i in 0..length {
        let key = access(ctx, start, i, size, key_off, 18)?;
        let prev = access(ctx, start, i, size, prev_off, 19)?;
        let new = access(ctx, start, i, size, new_off, 21)?;
        let line = 23;
        let expected = new_dict.get(&key).ok_or_else(|| HintError::py("KeyError", line, key.to_string()))?;
        if *expected != new {
            return Err(HintError::assertion(
                line,
                format!("Inconsistent dictionary values. Expected new value: {expected}, found: {new}"),
            ));
        }
        mods.push((key, prev));
    }
    let line = 28;
    let int = |v: &Value| {
        v.as_int().ok_or_else(|| HintError::py("TypeError", line, format!("{v} is not an integer")))
    };
    let initial: Vec<(Felt, Felt)> =
        new_dict.iter().map(|(k, v)| Ok((int(k)?, int(v)?))).collect::<Result<_, HintError>>()?;
    let mods: Vec<(Felt, Felt)> =
        mods.iter().map(|(k, v)| Ok((int(k)?, int(v)?))).collect::<Result<_, HintError>>()?;
    let height = ctx.get_u64("height").at(line)?;
    let mut tree = MerkleTree::new(height);
    let root_before = tree.compute_merkle_root(&initial).at(line)?;
    let root_after = tree.compute_merkle_root(&mods).at(line)?;
    ctx.set("new_root", root_before).at(line)?;
    ctx.set("prev_root", root_after).at(line)?;
    ctx.scopes.set("preimage", ScopeValue::Preimage(Rc::new(tree.preimage)));
    Ok(())
}
