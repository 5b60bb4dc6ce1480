"""``verify`` reports exactly what it reported before its speed-up (issue #15).

The reports (findings with codes, nodes, messages and witnesses; informational and expected
findings; invariants; notes; paths and states) of the reference tree, the partner criteria, every
tree under tests/trees, the bench trees and generated trees were recorded before the verifier was
made faster, in tests/data/verify_golden.json (by ``tests/verify_golden_cases.py --write``).
"""

from __future__ import annotations

import json
from typing import Any

import pytest
from verify_golden_cases import GOLDEN, cases, summary

import decision_trees

RECORDED: dict[str, Any] = json.loads(GOLDEN.read_text(encoding="utf-8"))
FAST = list(cases(slow=False))
SLOW = [case for case in cases(slow=True) if case[0] not in dict(FAST)]


def _check(name: str, make: Any) -> None:
    expected = RECORDED[name]
    tree = make()
    assert summary(decision_trees.verify(tree)) == expected


def test_every_case_is_recorded() -> None:
    assert {name for name, _ in cases(slow=True)} == set(RECORDED)


@pytest.mark.parametrize(("name", "make"), FAST, ids=[name for name, _ in FAST])
def test_report_unchanged(name: str, make: Any) -> None:
    _check(name, make)


@pytest.mark.slow
@pytest.mark.parametrize(("name", "make"), SLOW, ids=[name for name, _ in SLOW])
def test_report_unchanged_large(name: str, make: Any) -> None:
    _check(name, make)


@pytest.mark.parametrize("way", ["pairs", "sub-trees"])
@pytest.mark.parametrize(("name", "make"), FAST, ids=[name for name, _ in FAST])
def test_report_unchanged_either_way(name: str, make: Any, way: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """Each of the relevance analysis's two ways (bit sets over pairs of paths up to
    ``PAIRS_LIMIT`` paths, sub-trees of the path tree beyond) gives the recorded report."""
    from decision_trees import _relevance

    monkeypatch.setattr(_relevance, "PAIRS_LIMIT", 10**9 if way == "pairs" else 0)
    _check(name, make)
