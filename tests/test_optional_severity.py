"""A plain value tree needs no severity on its outcomes; where a monotone invariant compares
severities, every outcome needs one (DT147)."""

from __future__ import annotations

import json
from typing import Any

import pytest

import decision_trees as dt
from decision_trees.reporting import to_html, to_markdown

VALUES: dict[str, Any] = {
    "id": "discount",
    "version": "1",
    "title": {"nl": "Korting", "en": "Discount"},
    "start": "member",
    "inputs": {"member": {"type": "boolean", "label": {"nl": "Lid", "en": "Member"}}},
    "nodes": {
        "member": {
            "kind": "question",
            "input": "member",
            "text": {"nl": "Lid?", "en": "Member?"},
            "branches": [
                {"when": {"equals": True}, "next": "ten"},
                {"when": {"equals": False}, "next": "none"},
            ],
        },
        "ten": {"kind": "outcome", "label": {"nl": "10% korting", "en": "10% discount"}},
        "none": {"kind": "outcome", "label": {"nl": "Geen korting", "en": "No discount"}, "severity": 0},
    },
}


def _tree(**extra: Any) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(json.dumps({**VALUES, **extra}))
    return data


def test_an_outcome_without_severity_loads_and_decides() -> None:
    tree = dt.load(_tree())
    assert tree.outcomes["ten"].severity is None
    assert "severity" not in tree.to_dict()["nodes"]["ten"]
    decision = tree.evaluate({"member": True})
    assert decision.outcome.id == "ten"
    assert decision.to_dict()["outcome"]["severity"] is None


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_texts_leave_out_a_severity_that_is_not_given(lang: dt.Lang) -> None:
    tree = dt.load(_tree())
    decision = tree.evaluate({"member": True})
    word = "zwaarte" if lang == "nl" else "severity"
    assert word not in decision.explain(lang).splitlines()[0].casefold()
    assert "None" not in decision.explain(lang)
    assert "None" not in to_markdown(decision, lang=lang)
    assert "None" not in to_html(decision, lang=lang, neighbourhood=None)
    assert "None" not in dt.to_mermaid(tree, lang=lang)
    given = tree.evaluate({"member": False})
    assert f"{word} 0" in given.explain(lang).casefold()


def test_a_monotone_invariant_needs_a_severity_on_every_outcome() -> None:
    with pytest.raises(dt.TreeLoadError) as caught:
        dt.load(_tree(invariants=[{"monotone": {"increasing": ["member"]}}]))
    problems = [p for p in caught.value.problems if p.code == "DT147"]
    assert [(p.node, p.field) for p in problems] == [("ten", "severity")]
