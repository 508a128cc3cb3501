#!/usr/bin/env python3
"""Writes hint_patricia.input and hint_patricia.cairo's data (run with the cairo-lang venv's
python): a Patricia tree of height 8 before and after 11 updates, the union of both trees'
`preimage` dicts, and a Merkle authentication path for merkle_update."""
import json
from pathlib import Path

from starkware.cairo.common.patricia_utils import compute_patricia_from_leaves_for_test
from starkware.cairo.lang.vm.crypto import pedersen_hash

HEIGHT = 8
leaves = [0] * 2**HEIGHT
for i, v in [(3, 30), (4, 40), (100, 7), (200, 9), (201, 11), (202, 13)]:
    leaves[i] = v
updates = [
    (2, 0, 20),
    (4, 40, 41),
    (5, 0, 50),
    (16, 0, 3),
    (18, 0, 4),
    (100, 7, 0),
    (120, 0, 12),
    (128, 0, 5),
    (130, 0, 6),
    (202, 13, 0),
    (255, 0, 1),
]
new_leaves = list(leaves)
for k, _, v in updates:
    new_leaves[k] = v
# The test helper records only edge nodes in its preimage: record binary nodes' hashes too.
binary = {}


def recording_hash(a, b):
    h = pedersen_hash(a, b)
    binary[h] = (a, b)
    return h


prev_root, prev_pre, _ = compute_patricia_from_leaves_for_test(leaves, recording_hash)
new_root, new_pre, _ = compute_patricia_from_leaves_for_test(new_leaves, recording_hash)
preimage = {**binary, **prev_pre, **new_pre}

# merkle_update: a Merkle tree of height 3, leaf 5 changes from 55 to 56.
mleaves = [i * 11 for i in range(8)]
layers = [mleaves]
while len(layers[-1]) > 1:
    prev = layers[-1]
    layers.append([pedersen_hash(prev[i], prev[i + 1]) for i in range(0, len(prev), 2)])
index, auth_path = 5, []
for layer in layers[:-1]:
    auth_path.append(layer[index ^ 1])
    index //= 2
# merkle_update pops the leaf's sibling first (it recurses from the leaf up): it is last.
auth_path = auth_path[::-1]

out = Path(__file__).resolve().parent
(out / "hint_patricia.input").write_text(
    json.dumps(
        {
            # Decimal strings: JSON numbers are not exact beyond 2^53 in many parsers.
            "preimage": {str(k): [str(x) for x in v] for k, v in sorted(preimage.items())},
            "auth_path": [str(x) for x in auth_path],
        },
        indent=1,
    )
    + "\n"
)
print("prev_root", hex(prev_root), "new_root", hex(new_root))
for i, (k, p, n) in enumerate(updates):
    print(f"    access(updates + {3 * i}, {k}, {p}, {n});")
