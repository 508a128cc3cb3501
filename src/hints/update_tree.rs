//! The Merkle / Patricia hints' Python objects: the update tree of
//! `starkware.python.merkle_tree.build_update_tree`, the `preimage` dict (node hash -> children),
//! and the Patricia `descent_map`, kept in the hint scopes.
//!
//! `preimage` comes from the program's environment (the Starknet OS sets it; `small_merkle_tree`
//! computes it), so a custom hint that provides it builds a [`Preimage`] and stores it with
//! `ScopeValue::Preimage`.

use super::HintError;
use crate::hints::HashMap;
use crate::vm::Value;
use num_bigint::BigUint;
use num_integer::Integer;
use num_traits::{One, Zero};
use starknet_types_core::felt::Felt;
use std::collections::BTreeMap;
use std::rc::Rc;

/// A non-empty node of `build_update_tree`: a leaf (the modification's value) or a pair of
/// subtrees (`None` where nothing changes).
#[derive(Clone, Debug, PartialEq)]
pub enum UpdateTree {
    /// A modified leaf's new value.
    Leaf(Value),
    /// An inner node (left, right).
    Node(Tree, Tree),
}

/// A tree or Python's `None`.
pub type Tree = Option<Rc<UpdateTree>>;

/// The `preimage` dict: a node hash to its children (`(left, right)` for binary nodes,
/// `(length, path, bottom)` for Patricia edges).
pub type Preimage = HashMap<Felt, Vec<Felt>>;

/// The Patricia `descent_map`: `(height, path)` to `(length, word)`.
pub type DescentMap = HashMap<(u64, BigUint), (u64, BigUint)>;

/// `build_update_tree(height, modifications)`: keys are leaf indices, later modifications of
/// an index win.
pub fn build_update_tree(height: u64, modifications: &[(Felt, Value)]) -> Result<Tree, HintError> {
    if modifications.is_empty() {
        return Ok(None);
    }
    let mut layer: BTreeMap<BigUint, Tree> = BTreeMap::new();
    for (k, v) in modifications {
        layer.insert(k.to_biguint(), Some(Rc::new(UpdateTree::Leaf(*v))));
    }
    for _ in 0..height {
        let mut parents: BTreeMap<BigUint, Tree> = BTreeMap::new();
        for index in layer.keys() {
            let p: BigUint = index >> 1;
            if parents.contains_key(&p) {
                continue;
            }
            let left = layer.get(&(&p << 1)).cloned().flatten();
            let right = layer.get(&((&p << 1) + 1u8)).cloned().flatten();
            parents.insert(p, Some(Rc::new(UpdateTree::Node(left, right))));
        }
        layer = parents;
    }
    if layer.len() != 1 {
        return Err(HintError::assertion(0, ""));
    }
    layer.remove(&BigUint::zero()).ok_or_else(|| HintError::py("KeyError", 0, "0"))
}

/// `decode_node(node)`: `(left, right, case)`.
pub fn decode_node(node: &Tree) -> Result<(Tree, Tree, &'static str), HintError> {
    match node.as_deref() {
        Some(UpdateTree::Node(l, r)) => {
            let case = match (l, r) {
                (None, None) => return Err(HintError::assertion(0, "No updates in tree")),
                (None, _) => "right",
                (_, None) => "left",
                _ => "both",
            };
            Ok((l.clone(), r.clone(), case))
        }
        Some(UpdateTree::Leaf(_)) => {
            Err(HintError::py("TypeError", 0, "cannot unpack non-iterable int object"))
        }
        None => Err(HintError::py("TypeError", 0, "cannot unpack non-iterable NoneType object")),
    }
}

/// A Patricia node encoding `(length, path, bottom hash)`.
type Triplet = (u64, BigUint, Felt);

fn empty() -> Triplet {
    (0, BigUint::zero(), Felt::ZERO)
}

/// `canonic(preimage, node_hash)`.
fn canonic(preimage: &Preimage, h: &Felt) -> Result<Triplet, HintError> {
    match preimage.get(h) {
        Some(back) if back.len() == 3 => {
            let length = crate::hints::ctx::felt_to_u64(&back[0])
                .ok_or_else(|| HintError::py("OverflowError", 0, "edge length too large"))?;
            Ok((length, back[1].to_biguint(), back[2]))
        }
        _ => Ok((0, BigUint::zero(), *h)),
    }
}

/// `get_children(preimage, node)`.
fn get_children(preimage: &Preimage, node: &Triplet) -> Result<(Triplet, Triplet), HintError> {
    let (length, word, hash) = node;
    if *length == 0 {
        let (left, right) = if *hash == Felt::ZERO {
            (Felt::ZERO, Felt::ZERO)
        } else {
            match preimage.get(hash).map(Vec::as_slice) {
                Some([l, r]) => (*l, *r),
                Some(v) => {
                    return Err(HintError::py(
                        "ValueError",
                        0,
                        format!("too many values to unpack (expected 2, got {})", v.len()),
                    ))
                }
                None => return Err(HintError::py("KeyError", 0, hash.to_string())),
            }
        };
        return Ok((canonic(preimage, &left)?, canonic(preimage, &right)?));
    }
    if (word >> (length - 1)).is_zero() {
        Ok(((length - 1, word.clone(), *hash), empty()))
    } else {
        Ok((empty(), (length - 1, word - (BigUint::one() << (length - 1)), *hash)))
    }
}

/// A node of one of the trees `get_descents` walks: the update tree, or a lazily opened
/// `preimage_tree` of the previous / new Patricia tree.
#[derive(Clone)]
enum DNode {
    None,
    Update(Rc<UpdateTree>),
    Pre(u64, Triplet),
}

impl DNode {
    fn is_none(&self) -> bool {
        matches!(self, DNode::None)
    }

    /// `left, right = node` (with `None` as `(None, None)`).
    fn children(&self, preimage: &Preimage) -> Result<(DNode, DNode), HintError> {
        match self {
            DNode::None => Ok((DNode::None, DNode::None)),
            DNode::Update(t) => match &**t {
                UpdateTree::Node(l, r) => {
                    let wrap = |c: &Tree| c.clone().map(DNode::Update).unwrap_or(DNode::None);
                    Ok((wrap(l), wrap(r)))
                }
                UpdateTree::Leaf(_) => {
                    Err(HintError::py("TypeError", 0, "cannot unpack non-iterable int object"))
                }
            },
            DNode::Pre(0, _) => {
                Err(HintError::py("ValueError", 0, "not enough values to unpack (expected 2, got 1)"))
            }
            DNode::Pre(h, t) => {
                let (l, r) = get_children(preimage, t)?;
                let wrap = |c: Triplet| if c == empty() { DNode::None } else { DNode::Pre(h - 1, c) };
                Ok((wrap(l), wrap(r)))
            }
        }
    }
}

/// `get_descents(height, path, nodes)`.
fn get_descents(
    preimage: &Preimage,
    mut height: u64,
    path: BigUint,
    mut nodes: Vec<DNode>,
    out: &mut DescentMap,
) -> Result<(), HintError> {
    if nodes[0].is_none() {
        return Ok(());
    }
    let (orig_height, orig_path) = (height, path.clone());
    let mut path = path;
    let mut lefts = Vec::new();
    let mut rights = Vec::new();
    while height > 0 {
        lefts.clear();
        rights.clear();
        for n in &nodes {
            let (l, r) = n.children(preimage)?;
            lefts.push(l);
            rights.push(r);
        }
        if lefts.iter().all(DNode::is_none) {
            nodes = rights.clone();
            path = path * 2u8 + 1u8;
        } else if rights.iter().all(DNode::is_none) {
            nodes = lefts.clone();
            path *= 2u8;
        } else {
            break;
        }
        height -= 1;
    }
    let length = orig_height - height;
    if length > 1 {
        let word = path.mod_floor(&(BigUint::one() << length));
        out.insert((orig_height, orig_path), (length, word));
    }
    if height > 0 {
        get_descents(preimage, height - 1, &path * 2u8, lefts, out)?;
        get_descents(preimage, height - 1, path * 2u8 + 1u8, rights, out)?;
    }
    Ok(())
}

/// `patricia_guess_descents(height, node, preimage, prev_root, new_root)`.
pub fn patricia_guess_descents(
    height: u64,
    node: &Tree,
    preimage: &Preimage,
    prev_root: &Felt,
    new_root: &Felt,
) -> Result<DescentMap, HintError> {
    let prev = DNode::Pre(height, canonic(preimage, prev_root)?);
    let new = DNode::Pre(height, canonic(preimage, new_root)?);
    let first = node.clone().map(DNode::Update).unwrap_or(DNode::None);
    let mut out = DescentMap::default();
    get_descents(preimage, height, BigUint::zero(), vec![first, prev, new], &mut out)?;
    Ok(out)
}

/// What `common_args` holds (`preimage`, `descent_map`; the skip-validation runner is `None`).
#[derive(Clone, Debug)]
pub struct PatriciaArgs {
    /// `preimage`.
    pub preimage: Rc<Preimage>,
    /// `descent_map`.
    pub descent_map: Rc<DescentMap>,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn leaf(v: u64) -> Tree {
        Some(Rc::new(UpdateTree::Leaf(Value::from(v))))
    }

    #[test]
    fn update_tree_is_the_subtree_of_the_modified_leaves() {
        let m = [
            (Felt::from(1u64), Value::from(10u64)),
            (Felt::from(2u64), Value::from(20u64)),
            (Felt::from(1u64), Value::from(11u64)),
        ];
        let t = build_update_tree(2, &m).unwrap();
        let expected = Some(Rc::new(UpdateTree::Node(
            Some(Rc::new(UpdateTree::Node(None, leaf(11)))),
            Some(Rc::new(UpdateTree::Node(leaf(20), None))),
        )));
        assert_eq!(t, expected);
        assert_eq!(decode_node(&t).unwrap().2, "both");
        assert!(build_update_tree(1, &[(Felt::from(5u64), Value::from(1u64))]).is_err());
        assert_eq!(build_update_tree(3, &[]).unwrap(), None);
    }
}
