"""Counterfactuals: the fewest changed answers that lead to another outcome."""

from __future__ import annotations

import itertools
import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from decision_trees import load
from decision_trees._invariants import representatives
from decision_trees._paths import Conditions, Space, node_reads, walk
from decision_trees.conditions import operands_by_input
from decision_trees.counterfactuals import UnknownOutcomeError, counterfactuals
from decision_trees.model import Tree
from decision_trees.testing import answers, trees

SMALL = load(Path(__file__).parent / "trees" / "small.yaml")
CASE = {"formal": True, "areas": ["ai"], "budget": 5, "risk": "high"}


def test_one_change_to_each_other_outcome() -> None:
    decision = SMALL.evaluate(SMALL.parse_answers(CASE))
    assert decision.outcome_id == "committee"
    found = decision.counterfactuals()
    assert [(c.outcome_id, [(ch.input, ch.after) for ch in c.changes]) for c in found] == [
        ("out", [("formal", False)]),
        ("go", [("areas", frozenset())]),
        ("measures", [("risk", "low")]),
        ("postpone", [("risk", SMALL_UNKNOWN)]),
    ]
    assert found[2].explain() == "With Country risk: low (instead of high), this would be 'Go with measures'."
    assert found[2].explain("nl") == (
        "Met Landenrisico: laag (in plaats van hoog) zou de uitkomst 'Doorgaan met maatregelen' zijn."
    )
    assert found[1].explain() == "With Technology areas: (none) (instead of AI), this would be 'Go'."


SMALL_UNKNOWN = SMALL.parse_answers({"risk": "unknown"})["risk"]


def test_target_and_several_changes() -> None:
    decision = SMALL.evaluate({"formal": False})
    assert decision.outcome_id == "out"
    [to_go] = decision.counterfactuals("go")
    assert [(c.input, c.before, c.after, c.answered) for c in to_go.changes] == [
        ("formal", False, True, True),
        ("areas", None, frozenset(), False),
        ("budget", None, 0, False),
    ]
    assert "not answered yet" in to_go.explain()
    assert to_go.decision.outcome_id == "go"
    assert json.loads(json.dumps(to_go.to_dict()))["changes"][1] == {
        "input": "areas",
        "before": None,
        "after": [],
    }
    assert counterfactuals(decision, "go", max_changes=2) == []


def test_numbers_move_to_the_nearest_value() -> None:
    decision = SMALL.evaluate(SMALL.parse_answers({**CASE, "areas": [], "budget": 1_200_000}))
    [to_go] = counterfactuals(decision, "go")
    assert [(c.input, c.after) for c in to_go.changes] == [("budget", 999_999)]


def test_unknown_target() -> None:
    decision = SMALL.evaluate(SMALL.parse_answers(CASE))
    with pytest.raises(UnknownOutcomeError, match="not an outcome"):
        decision.counterfactuals("nowhere")


def _minimal_sets(tree: Tree, given: dict[str, Any], current: str) -> dict[str, set[frozenset[str]]]:
    """By brute force over a finite abstraction (plus the given values): per outcome, the
    minimal sets of inputs whose answers must change."""
    space = Space(tree.inputs)
    reads = node_reads(tree, Conditions(tree, space))
    operands = operands_by_input(tree, invariants=True)
    values = []
    for domain in space.domains:
        reps = representatives(domain, operands[domain.input_id], True)
        if given[domain.input_id] not in reps:
            reps.append(given[domain.input_id])
        values.append(reps)
    found: dict[str, set[frozenset[str]]] = {}
    for combo in itertools.product(*values):
        case = {**given, **dict(zip(space.ids, combo, strict=True))}
        path, outcome, _ = walk(tree, case)
        if outcome is None or outcome == current:
            continue
        read = {k for n in path for k in reads.get(n, ())}
        changed = frozenset(k for k in read if case[k] != given[k])
        found.setdefault(outcome, set()).add(changed)
    return {o: {s for s in sets if not any(t < s for t in sets)} for o, sets in found.items()}


@pytest.mark.slow
@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(trees(max_inputs=3, complete=True), st.data())
def test_counterfactuals_are_real_and_smallest(tree: Tree, data: st.DataObject) -> None:
    given_answers = data.draw(answers(tree))
    decision = tree.evaluate(given_answers)
    found = counterfactuals(decision, answers=given_answers, max_changes=10)
    for counterfactual in found:
        assert counterfactual.outcome_id != decision.outcome_id
        changed = {**given_answers, **{c.input: c.after for c in counterfactual.changes}}
        assert tree.evaluate(changed).outcome_id == counterfactual.outcome_id
        assert all(c.before != c.after for c in counterfactual.changes)
    got: dict[str, set[frozenset[str]]] = {}
    for counterfactual in found:
        got.setdefault(counterfactual.outcome_id, set()).add(
            frozenset(c.input for c in counterfactual.changes)
        )
    expected = _minimal_sets(tree, given_answers, decision.outcome_id)
    assert {o: {min(map(len, s))} for o, s in got.items()} == {
        o: {min(map(len, s))} for o, s in expected.items()
    }
    for outcome, sets in got.items():
        assert sets <= expected[outcome]
