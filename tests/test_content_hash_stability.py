"""A tree's content hash survives library versions that add optional fields it does not use."""

from __future__ import annotations

from pathlib import Path

import decision_trees as dt

ROOT = Path(__file__).resolve().parent.parent

#: The hash reference tree 1.0.0 had when it was released (decisions archived under it name it).
HASH_1_0_0 = "sha256:69834282f81661b9bfb2f2c33f448ff83f929c9687986fb2d4aadafa10fa8199"


def test_the_released_1_0_0_tree_keeps_its_hash() -> None:
    tree = dt.load(ROOT / "kennisveiligheid" / "data" / "releases" / "1.0.0.yaml")
    assert tree.content_hash == HASH_1_0_0


def test_a_used_addition_changes_the_hash() -> None:
    declared = dt.load(ROOT / "tests" / "trees" / "small.yaml")
    data = declared.to_dict()
    removed = [spec.pop("informational") for spec in data["inputs"].values() if "informational" in spec]
    assert removed, "small.yaml declares an informational value"
    assert dt.load(data).content_hash != declared.content_hash
