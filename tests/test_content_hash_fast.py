"""The content hash strips empty added fields at the places the model has them; the canonical form
stays the definition (every empty added field left out, at any depth), byte for byte. ``verify``
leaves the hash to be computed when its report's ``content_hash`` is first read."""

from __future__ import annotations

import dataclasses
import hashlib
import json
import pickle
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import decision_trees as dt
from decision_trees.errors import DecisionTreeError
from decision_trees.model import Tree, _without_empty_additions
from decision_trees.testing import tree_mappings
from decision_trees.verification import VerificationReport

ROOT = Path(__file__).resolve().parent.parent


def defined_hash(tree: Tree) -> str:
    """The content hash by its definition: the whole dump stripped recursively."""
    canonical = json.dumps(
        _without_empty_additions(tree.model_dump(mode="json", by_alias=True)),
        sort_keys=True,
        ensure_ascii=False,
        separators=(",", ":"),
    )
    return "sha256:" + hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def _tree_files() -> list[Path]:
    found = []
    for folder in ("tests", "kennisveiligheid", "partner_criteria", "examples"):
        for path in sorted((ROOT / folder).rglob("*.yaml")):
            try:
                dt.load(path)
            except (DecisionTreeError, ValueError, OSError):
                continue  # not a tree (cases, lists, overlays) or a deliberately broken one
            found.append(path)
    return found


TREE_FILES = _tree_files()


def test_the_repository_holds_trees_with_every_addition() -> None:
    """The file test below covers used and unused additions (else it proves little; the
    generated trees below add ``expected``)."""
    dumps = [dt.load(path).model_dump(mode="json", by_alias=True) for path in TREE_FILES]
    assert len(TREE_FILES) >= 10
    assert any(d["tables"] for d in dumps)
    assert any(not d["tables"] for d in dumps)
    assert any(n.get("table") for d in dumps for n in d["nodes"].values())
    assert any(i["informational"] for d in dumps for i in d["inputs"].values())
    assert any(s["translations"] for d in dumps for s in d["sources"].values())


@pytest.mark.parametrize("path", TREE_FILES, ids=lambda p: str(p.relative_to(ROOT)))
def test_every_tree_file_hashes_as_defined(path: Path) -> None:
    tree = dt.load(path)
    assert tree.content_hash == defined_hash(tree)


_WORDS = st.sampled_from(["table", "tables", "expected", "informational", "translations", "x"])
_TEXT = st.builds(lambda w: {"nl": w, "en": w}, _WORDS)


@st.composite
def decorated_trees(draw: st.DrawFn) -> dict[str, Any]:
    """Generated trees with sources, citations (with and without translations), informational
    declarations, expected findings and enumeration values named like the added fields."""
    data = draw(tree_mappings(max_nodes=6, max_inputs=4))
    if draw(st.booleans()):
        words = {"title": "Titel"} if draw(st.booleans()) else {}
        data["sources"] = {
            "expected": {
                "title": "T",
                "publisher": "P",
                "date": "2025-01-01",
                **({"translations": {"en": words or {"note": "n"}}} if draw(st.booleans()) else {}),
            }
        }
        citation: dict[str, Any] = {"source": "expected", "provenance": "direct"}
        if draw(st.booleans()):
            citation["translations"] = {"en": {"section": "s"}}
        for holder in [*data["inputs"].values(), *data["nodes"].values()]:
            if draw(st.booleans()):
                holder["sources"] = [citation]
    for decl in data["inputs"].values():
        if draw(st.booleans()):
            decl["informational"] = [{"reason": draw(_TEXT)}]
        if decl["type"] in ("enum", "set") and draw(st.booleans()):
            decl["values"] = {**decl["values"], draw(_WORDS): draw(_TEXT)}
    if draw(st.booleans()):
        data["expected"] = [{"code": "V004", "reason": draw(_TEXT)}]
    return data


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(decorated_trees())
def test_generated_trees_hash_as_defined(data: dict[str, Any]) -> None:
    tree = dt.load(data)
    assert tree.content_hash == defined_hash(tree)


def test_verify_defers_the_hash_and_reports_the_trees() -> None:
    tree = dt.load(ROOT / "tests" / "trees" / "small.yaml")
    report = dt.verify(tree)
    assert "content_hash" not in tree.__dict__  # not computed by verify
    assert report.content_hash == defined_hash(tree)
    assert isinstance(report.content_hash, str)
    assert report.to_dict()["tree"]["hash"] == tree.content_hash
    copied = pickle.loads(pickle.dumps(dt.verify(dt.load(ROOT / "tests" / "trees" / "small.yaml"))))  # noqa: S301  # our own pickle
    assert copied.__dict__["_content_hash"] == tree.content_hash  # a pickle holds the text
    assert dataclasses.replace(report, paths=0).content_hash == tree.content_hash
    assert copied == dataclasses.replace(copied)


def test_a_report_takes_a_hash_already_computed() -> None:
    tree = dt.load(ROOT / "tests" / "trees" / "small.yaml")
    known = tree.content_hash
    report = dt.verify(tree)
    assert report.__dict__["_content_hash"] == known  # no reference to the tree kept


def test_a_report_made_by_hand_keeps_its_hash_and_stays_frozen() -> None:
    report = VerificationReport("t", "1", "sha256:x", (), 0, 0, True, True)
    assert report.content_hash == "sha256:x"
    assert report.to_dict()["tree"]["hash"] == "sha256:x"
    with pytest.raises(dataclasses.FrozenInstanceError):
        report.content_hash = "sha256:y"  # type: ignore[misc]
    with pytest.raises(TypeError):
        VerificationReport("t", "1")  # type: ignore[call-arg]  # the hash is still required
