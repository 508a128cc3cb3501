//! Hints of `patricia.cairo` and `patricia_with_sponge.cairo` (Starknet's Merkle-Patricia
//! tree updates).
//!
//! `preimage` (node hash -> children or edge triplet) comes from the environment (a custom hint
//! of the caller, as the Starknet OS provides it). `patricia_update_using_update_constants`
//! computes the update tree and the `descent_map` (`patricia_utils.patricia_guess_descents`),
//! and every traversal scope gets `node` plus what `common_args` holds. The
//! `__patricia_skip_validation_runner` of cairo-lang is always `None` here.

use super::merkle::modifications;
use crate::hints::ctx::offset;
use crate::hints::update_tree::{
    build_update_tree, decode_node, patricia_guess_descents, PatriciaArgs, Tree,
};
use crate::hints::{AtLine, HintCtx, HintError, ScopeValue};
use crate::vm::Value;
use num_bigint::{BigInt, BigUint};
use num_traits::ToPrimitive;
use starknet_types_core::felt::Felt;
use std::rc::Rc;

fn tree_value(t: Tree) -> ScopeValue {
    t.map(ScopeValue::Node).unwrap_or(ScopeValue::None)
}

/// `vm_enter_scope(dict(node=<node>, **common_args))`.
fn enter_with_common(ctx: &mut HintCtx<'_>, node: Tree, line: u32) -> Result<(), HintError> {
    let args = match ctx.scopes.value("common_args").at(line)? {
        ScopeValue::PatriciaArgs(a) => a.clone(),
        other => return Err(HintError::py("TypeError", line, format!("common_args is {}", other.kind()))),
    };
    ctx.scopes.enter([
        ("node", tree_value(node)),
        ("preimage", ScopeValue::Preimage(args.preimage.clone())),
        ("descent_map", ScopeValue::DescentMap(args.descent_map.clone())),
        ("__patricia_skip_validation_runner", ScopeValue::None),
        ("common_args", ScopeValue::PatriciaArgs(args)),
    ]);
    Ok(())
}

/// `left_child, right_child, case = decode_node(node)` into the scope; returns the case.
fn decode_into_scope(ctx: &mut HintCtx<'_>, line: u32) -> Result<&'static str, HintError> {
    let node = ctx.scopes.tree("node").at(line)?;
    let (l, r, case) = decode_node(&node).at(line)?;
    ctx.scopes.set("left_child", tree_value(l));
    ctx.scopes.set("right_child", tree_value(r));
    ctx.scopes.set("case", ScopeValue::Str(case));
    Ok(case)
}

/// `preimage[ids.<name>]`, which must have `n` elements.
fn preimage_of(ctx: &HintCtx<'_>, name: &str, n: usize, line: u32) -> Result<Vec<Felt>, HintError> {
    let preimage = ctx.scopes.preimage().at(line)?;
    let h = ctx.get_int(name).at(line)?;
    match preimage.get(&h) {
        Some(v) if v.len() == n => Ok(v.clone()),
        Some(v) if v.len() > n => {
            Err(HintError::py("ValueError", line, format!("too many values to unpack (expected {n})")))
        }
        Some(v) => Err(HintError::py(
            "ValueError",
            line,
            format!("not enough values to unpack (expected {n}, got {})", v.len()),
        )),
        None => Err(HintError::py("KeyError", line, h.to_string())),
    }
}

/// `descend`, a `(length, word)` tuple.
fn descend(ctx: &HintCtx<'_>, line: u32) -> Result<(BigInt, BigInt), HintError> {
    match ctx.scopes.value("descend").at(line)? {
        ScopeValue::IntList(v) if v.len() == 2 => Ok((v[0].clone(), v[1].clone())),
        other => Err(HintError::py(
            "TypeError",
            line,
            format!("cannot unpack non-iterable {} object", other.kind()),
        )),
    }
}

/// The skip-validation runner must be defined (it is `None`).
fn check_skip_runner(ctx: &HintCtx<'_>, line: u32) -> Result<(), HintError> {
    ctx.scopes.value("__patricia_skip_validation_runner").at(line).map(|_| ())
}

/// `new_node = left_child if ids.bit == <bit> else right_child`, then enter its scope.
fn enter_by_bit(ctx: &mut HintCtx<'_>, bit: Felt) -> Result<(), HintError> {
    let b = ctx.get("bit").at(1)?;
    let name = if b == Value::Int(bit) { "left_child" } else { "right_child" };
    let node = ctx.scopes.tree(name).at(1)?;
    ctx.scopes.set("new_node", tree_value(node.clone()));
    enter_with_common(ctx, node, 2)
}

pub const OPEN_EDGE: &str = r#"ids.edge = segments.add()
ids.edge.length, ids.edge.path, ids.edge.bottom = preimage[ids.node]
ids.hash_ptr.result = ids.node - ids.edge.length
if __patricia_skip_validation_runner is not None:
    # Skip validation of the preimage dict to speed up the VM. When this flag is set,
    # mistakes in the preimage dict will be discovered only in the prover.
    __patricia_skip_validation_runner.verified_addresses.add(
        ids.hash_ptr + ids.HashBuiltin.result)"#;
pub fn open_edge(ctx: &mut HintCtx<'_>) -> Result<(), HintError> {
    let edge = ctx.add_segment();
    ctx.set("edge", edge).at(1)?;
    let line = 2;
    let triplet = preimage_of(ctx, "node", 3, line)?;
    ctx.set("edge.length", triplet[0]).at(line)?;
    ctx.set("edge.path", triplet[1]).at(line)?;
    ctx.set("edge.bottom", triplet[2]).at(line)?;
    let line = 3;
    let node = ctx.get_int("node").at(line)?;
    let length = ctx.get_int("edge.length").at(line)?;
    ctx.set("hash_ptr.result", node - length).at(line)?;
    check_skip_runner(ctx, 4)
}

pub const PATRICIA_UPDATE_CONSTANTS: &str = r#"from starkware.cairo.common.patricia_utils import canonic, patricia_guess_descents
from starkware.python.merkle_tree import build_update_tree

# Build modifications list.
modifications = []
DictAccess_key = ids.DictAccess.key
DictAccess_new_value = ids.DictAccess.new_value
DictAccess_SIZE = ids.DictAccess.SIZE
for i in range(ids.n_updates):
    curr_update_ptr = ids.update_ptr.address_ + i * DictAccess_SIZE
    modifications.append((
        memory[curr_update_ptr + DictAccess_key],
        memory[curr_update_ptr + DictAccess_new_value]))

node = build_update_tree(ids.height, modifications)
descent_map = patricia_guess_descents(
    ids.height, node, preimage, ids.prev_root, ids.new_root)
del modifications
__patricia_skip_validation_runner = globals().get(
    '__patricia_skip_validation_runner')

common_args = dict(
    preimage=preimage, descent_map=descent_map,
    __patricia_skip_validation_runner=__patricia_skip_validation_runner)
common_args['common_args'] = common_args"#;
pub fn patricia_update_constants(ctx: &mut HintCtx<'_>) -> Result<(), HintError> {
    let mods = modifications(ctx, [9, 12, 13])?;
    let line = 15;
    let height = ctx.get_u64("height").at(line)?;
    let node = build_update_tree(height, &mods).at(line)?;
    let line = 16;
    let preimage = ctx.scopes.preimage().at(line)?;
    let prev_root = ctx.get_int("prev_root").at(line)?;
    let new_root = ctx.get_int("new_root").at(line)?;
    let descent_map =
        Rc::new(patricia_guess_descents(height, &node, &preimage, &prev_root, &new_root).at(line)?);
    ctx.scopes.set("node", tree_value(node));
    ctx.scopes.set("descent_map", ScopeValue::DescentMap(descent_map.clone()));
    ctx.scopes.set("__patricia_skip_validation_runner", ScopeValue::None);
    let args = PatriciaArgs { preimage, descent_map };
    ctx.scopes.set("common_args", ScopeValue::PatriciaArgs(Rc::new(args)));
    Ok(())
}

pub const ENTER_NODE: &str = r#"vm_enter_scope(dict(node=node, **common_args))"#;
pub fn enter_node(ctx: &mut HintCtx<'_>) -> Result<(), HintError> {
    let node = ctx.scopes.tree("node").at(1)?;
    enter_with_common(ctx, node, 1)
}

pub const ASSERT_CASE_RIGHT: &str = r#"assert case == 'right'"#;
pub fn assert_case_right(ctx: &mut HintCtx<'_>) -> Result<(), HintError> {
    if ctx.scopes.str("case").at(1)? != "right" {
        return Err(HintError::assertion(1, ""));
    }
    Ok(())
}

pub const TRAVERSE_BINARY_OR_LEAF: &str = r#"from starkware.python.merkle_tree import decode_node
left_child, right_child, case = decode_node(node)
left_hash, right_hash = preimage[ids.node]

# Fill non deterministic hashes.
hash_ptr = ids.current_hash.address_
memory[hash_ptr + ids.HashBuiltin.x] = left_hash
memory[hash_ptr + ids.HashBuiltin.y] = right_hash

if __patricia_skip_validation_runner:
    # Skip validation of the preimage dict to speed up the VM. When this flag is set,
    # mistakes in the preimage dict will be discovered only in the prover.
    __patricia_skip_validation_runner.verified_addresses.add(
        hash_ptr + ids.HashBuiltin.result)

memory[ap] = int(case != 'both')"#;
pub fn traverse_binary_or_leaf(ctx: &mut HintCtx<'_>) -> Result<(), HintError> {
    let case = decode_into_scope(ctx, 2)?;
    let hashes = preimage_of(ctx, "node", 2, 3)?;
    let line = 6;
    let hash_ptr = ctx.get_ptr("current_hash.address_").at(line)?;
    let x = ctx.get_u64("HashBuiltin.x").at(7)?;
    ctx.insert(offset(hash_ptr, x).at(7)?, hashes[0]).at(7)?;
    let y = ctx.get_u64("HashBuiltin.y").at(8)?;
    ctx.insert(offset(hash_ptr, y).at(8)?, hashes[1]).at(8)?;
    check_skip_runner(ctx, 10)?;
    ctx.set_ap(Felt::from((case != "both") as u64)).at(16)
}

pub const TRAVERSE_EDGE_DECODE: &str = r#"from starkware.python.merkle_tree import decode_node
left_child, right_child, case = decode_node(node)
memory[ap] = int(case != 'both')"#;
pub fn traverse_edge_decode(ctx: &mut HintCtx<'_>) -> Result<(), HintError> {
    let case = decode_into_scope(ctx, 2)?;
    ctx.set_ap(Felt::from((case != "both") as u64)).at(3)
}

pub const EDGE_BIT: &str = r#"ids.bit = (ids.edge.path >> ids.new_length) & 1"#;
pub fn edge_bit(ctx: &mut HintCtx<'_>) -> Result<(), HintError> {
    let path = ctx.get_big("edge.path").at(1)?;
    let n = ctx.get_big("new_length").at(1)?.to_u64().unwrap_or(u64::MAX).min(512);
    ctx.set("bit", Felt::from(path.bit(n) as u64)).at(1)
}

pub const EDGE_BOTTOM_HASH: &str = r#"ids.hash_ptr.x, ids.hash_ptr.y = preimage[ids.edge.bottom]
if __patricia_skip_validation_runner:
    # Skip validation of the preimage dict to speed up the VM. When this flag is
    # set, mistakes in the preimage dict will be discovered only in the prover.
    __patricia_skip_validation_runner.verified_addresses.add(
        ids.hash_ptr + ids.HashBuiltin.result)"#;
pub fn edge_bottom_hash(ctx: &mut HintCtx<'_>) -> Result<(), HintError> {
    let hashes = preimage_of(ctx, "edge.bottom", 2, 1)?;
    ctx.set("hash_ptr.x", hashes[0]).at(1)?;
    ctx.set("hash_ptr.y", hashes[1]).at(1)?;
    check_skip_runner(ctx, 2)
}

pub const LENGTH_WORD_FROM_DESCEND: &str = r#"ids.length, ids.word = descend"#;
pub fn length_word_from_descend(ctx: &mut HintCtx<'_>) -> Result<(), HintError> {
    let (length, word) = descend(ctx, 1)?;
    ctx.set_big("length", &length).at(1)?;
    ctx.set_big("word", &word).at(1)
}

pub const CASE_RIGHT_XOR_BIT: &str = r#"memory[ap] = int(case == 'right') ^ ids.bit"#;
pub fn case_right_xor_bit(ctx: &mut HintCtx<'_>) -> Result<(), HintError> {
    let right = (ctx.scopes.str("case").at(1)? == "right") as u64;
    let bit = ctx.get_int("bit").at(1)?;
    ctx.set_ap(Felt::from(right) + bit - Felt::TWO * Felt::from(right) * bit).at(1)
}

pub const ENTER_CHILD_OF_BIT: &str = r#"new_node = left_child if ids.bit == 0 else right_child
vm_enter_scope(dict(node=new_node, **common_args))"#;
pub fn enter_child_of_bit(ctx: &mut HintCtx<'_>) -> Result<(), HintError> {
    enter_by_bit(ctx, Felt::ZERO)
}

pub const ENTER_OTHER_CHILD_OF_BIT: &str = r#"new_node = left_child if ids.bit == 1 else right_child
vm_enter_scope(dict(node=new_node, **common_args))"#;
pub fn enter_other_child_of_bit(ctx: &mut HintCtx<'_>) -> Result<(), HintError> {
    enter_by_bit(ctx, Felt::ONE)
}

pub const GET_DESCEND: &str = r#"descend = descent_map.get((ids.height, ids.path))
memory[ap] = 0 if descend is None else 1"#;
pub fn get_descend(ctx: &mut HintCtx<'_>) -> Result<(), HintError> {
    let height = ctx.get_int("height").at(1)?;
    let path = ctx.get_big("path").at(1)?;
    let map = match ctx.scopes.value("descent_map").at(1)? {
        ScopeValue::DescentMap(m) => m.clone(),
        other => return Err(HintError::py("TypeError", 1, format!("descent_map is {}", other.kind()))),
    };
    let found = crate::hints::ctx::felt_to_u64(&height).and_then(|h| map.get(&(h, path)).cloned());
    let value = match &found {
        Some((l, w)) => ScopeValue::IntList(vec![BigInt::from(*l), BigInt::from(w.clone())]),
        None => ScopeValue::None,
    };
    ctx.scopes.set("descend", value);
    ctx.set_ap(Felt::from(found.is_some() as u64)).at(2)
}

pub const TRAVERSE_EMPTY_DECODE: &str = r#"from starkware.python.merkle_tree import decode_node
left_child, right_child, case = decode_node(node)
memory[ap] = 1 if case != 'both' else 0"#;
pub fn traverse_empty_decode(ctx: &mut HintCtx<'_>) -> Result<(), HintError> {
    let case = decode_into_scope(ctx, 2)?;
    ctx.set_ap(Felt::from((case != "both") as u64)).at(3)
}

pub const ENTER_SINGLE_CHILD: &str = r#"ids.child_bit = 0 if case == 'left' else 1
new_node = left_child if case == 'left' else right_child
vm_enter_scope(dict(node=new_node, **common_args))"#;
pub fn enter_single_child(ctx: &mut HintCtx<'_>) -> Result<(), HintError> {
    let left = ctx.scopes.str("case").at(1)? == "left";
    ctx.set("child_bit", Felt::from(!left as u64)).at(1)?;
    let node = ctx.scopes.tree(if left { "left_child" } else { "right_child" }).at(2)?;
    ctx.scopes.set("new_node", tree_value(node.clone()));
    enter_with_common(ctx, node, 3)
}

pub const SIBLINGS_WORD_FROM_DESCEND: &str = r#"memory[ids.siblings], ids.word = descend"#;
pub fn siblings_word_from_descend(ctx: &mut HintCtx<'_>) -> Result<(), HintError> {
    let (length, word) = descend(ctx, 1)?;
    let siblings = ctx.get_ptr("siblings").at(1)?;
    ctx.insert(siblings, Felt::from(&length)).at(1)?;
    ctx.set_big("word", &word).at(1)
}

pub const ENTER_DESCENT_NODE: &str = r#"new_node = node
for i in range(ids.length - 1, -1, -1):
    new_node = new_node[(ids.word >> i) & 1]
vm_enter_scope(dict(node=new_node, **common_args))"#;
pub fn enter_descent_node(ctx: &mut HintCtx<'_>) -> Result<(), HintError> {
    let mut node = ctx.scopes.tree("node").at(1)?;
    let length = ctx.get_bigint("length").at(2)?;
    let word = ctx.get_big("word").at(3)?;
    let mut i: BigInt = length - 1;
    while i >= BigInt::from(0) {
        let shift = i.to_u64().unwrap_or(u64::MAX).min(512);
        let bit = ((&word >> shift) & BigUint::from(1u8)) == BigUint::from(1u8);
        node = match node.as_deref() {
            Some(crate::hints::update_tree::UpdateTree::Node(l, r)) => {
                if bit {
                    r.clone()
                } else {
                    l.clone()
                }
            }
            Some(crate::hints::update_tree::UpdateTree::Leaf(_)) => {
                return Err(HintError::py("TypeError", 3, "'int' object is not subscriptable"))
            }
            None => return Err(HintError::py("TypeError", 3, "'NoneType' object is not subscriptable")),
        };
        i -= 1;
    }
    ctx.scopes.set("new_node", tree_value(node.clone()));
    enter_with_common(ctx, node, 4)
}

pub const ENTER_LEFT_CHILD_COMMON: &str = r#"vm_enter_scope(dict(node=left_child, **common_args))"#;
pub fn enter_left_child_common(ctx: &mut HintCtx<'_>) -> Result<(), HintError> {
    let node = ctx.scopes.tree("left_child").at(1)?;
    enter_with_common(ctx, node, 1)
}

pub const ENTER_RIGHT_CHILD_COMMON: &str = r#"vm_enter_scope(dict(node=right_child, **common_args))"#;
pub fn enter_right_child_common(ctx: &mut HintCtx<'_>) -> Result<(), HintError> {
    let node = ctx.scopes.tree("right_child").at(1)?;
    enter_with_common(ctx, node, 1)
}

pub const IS_BINARY_OR_LEAF: &str =
    r#"memory[ap] = 1 if ids.height == 0 or len(preimage[ids.node]) == 2 else 0"#;
pub fn is_binary_or_leaf(ctx: &mut HintCtx<'_>) -> Result<(), HintError> {
    let height = ctx.get_int("height").at(1)?;
    let yes = height == Felt::ZERO || {
        let preimage = ctx.scopes.preimage().at(1)?;
        let node = ctx.get_int("node").at(1)?;
        preimage.get(&node).ok_or_else(|| HintError::py("KeyError", 1, node.to_string()))?.len() == 2
    };
    ctx.set_ap(Felt::from(yes as u64)).at(1)
}
