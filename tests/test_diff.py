"""diff: structural changes, and behavioural changes that match evaluating both versions."""

from __future__ import annotations

import copy
import itertools
import json
import math
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from decision_trees import TreeLoadError, diff, load
from decision_trees._invariants import representatives
from decision_trees._paths import Space, walk
from decision_trees.conditions import operands_by_input
from decision_trees.errors import InvalidAnswerError
from decision_trees.model import Tree
from decision_trees.testing import tree_mappings

SMALL = load(Path(__file__).parent / "trees" / "small.yaml")


def _version_two() -> Tree:
    data = SMALL.to_dict()
    data["version"] = "2"
    data["nodes"]["sensitive"]["condition"]["any"][1]["ge"] = 500_000
    data["nodes"]["risk"]["branches"][2]["next"] = "committee"
    del data["nodes"]["postpone"]
    data["inputs"]["risk"]["values"]["medium"] = {"nl": "middel", "en": "medium"}
    data["nodes"]["risk"]["branches"].insert(1, {"when": {"equals": "medium"}, "next": "measures"})
    data["nodes"]["out"]["label"] = {"nl": "Buiten bereik", "en": "Out of scope"}
    return load(data)


def test_same_tree_has_no_changes() -> None:
    result = diff(SMALL, SMALL)
    assert not result.changed
    assert result.same_behaviour
    assert result.exact


def test_text_only_change_keeps_behaviour() -> None:
    data = SMALL.to_dict()
    data["nodes"]["formal"]["text"] = {"nl": "Formeel?", "en": "Formal?"}
    data["sources"]["leidraad"]["section"] = "5.1"
    result = diff(SMALL, load(data))
    assert result.same_behaviour
    assert [(c.what, c.id, c.field, c.category) for c in result.structural] == [
        ("source", "leidraad", "section", None),
        ("node", "formal", "text", "text"),
    ]


def test_structural_changes_are_named_and_categorised() -> None:
    result = diff(SMALL, _version_two())
    described = [c.describe("en") for c in result.structural]
    assert described == [
        'tree \'small\', version: "1" → "2"',
        "input 'risk', values: low, high → low, high, medium",
        "node 'postpone' removed",
        "node 'sensitive', condition: any of (Technology areas includes any of: AI, Quantum; Budget is "
        "at least 1000000) → any of (Technology areas includes any of: AI, Quantum; "
        "Budget is at least 500000)",
        "node 'risk', branches: [Country risk is low → measures; Country risk is high → committee; "
        "Country risk is unknown → postpone] → [Country risk is low → measures; Country risk is medium → "
        "measures; Country risk is high → committee; Country risk is unknown → committee]",
        'node \'out\', label: "Out of scope" → "Out of scope"',
    ]
    assert result.by_category("condition")[0].id == "sensitive"
    assert "Buiten bereik" in result.structural[-1].describe("nl")


def test_behavioural_changes_with_examples() -> None:
    new = _version_two()
    result = diff(SMALL, new)
    moves = result.outcome_changes()
    assert moves == {
        (None, "measures"): 2,
        ("postpone", "committee"): 2,
        ("go", "measures"): 1,
        ("go", "committee"): 1,
    }
    for change in result.behaviour:
        assert change.contains(change.example)
        if change.old_status == "invalid":
            try:
                SMALL.evaluate(change.example)
            except InvalidAnswerError:
                pass
            else:  # pragma: no cover - the example must be rejected by the old version
                raise AssertionError(change)
        else:
            assert SMALL.evaluate(change.example).outcome_id == change.old_outcome
        assert new.evaluate(change.example).outcome_id == change.new_outcome
    go_to_measures = next(c for c in result.behaviour if (c.old_outcome, c.new_outcome) == ("go", "measures"))
    assert go_to_measures.region.en == (
        "Formal collaboration is yes; Technology areas includes none of: AI, Quantum; "
        "Budget is at least 500000 and is below 1000000; Country risk is not high"
    )
    assert go_to_measures.example == {"formal": True, "areas": frozenset(), "budget": 500_000, "risk": "low"}
    data = json.loads(result.to_json())
    assert data["behaviour"][0]["old"]["status"] == "invalid"
    assert "regions decided differently" in result.text()
    assert "gebieden met een andere uitkomst" in result.text("nl")


def _status(tree: Tree, case: Mapping[str, Any]) -> tuple[str, str | None]:
    try:
        _, outcome, gap = walk(tree, case)
    except InvalidAnswerError:
        return ("invalid", None)
    if gap is not None:
        return ("gap", gap.node)
    return ("decided", outcome)


@st.composite
def versions(draw: st.DrawFn) -> tuple[Tree, Tree]:
    """A random tree and a changed version: retargeted branches, moved thresholds, swapped rules."""
    data = draw(tree_mappings(max_inputs=3))
    changed = copy.deepcopy(data)
    nodes = changed["nodes"]
    routing = [
        k for k, n in nodes.items() if n["kind"] in ("question", "rule") and ("then" in n or "branches" in n)
    ]
    outcomes = [k for k, n in nodes.items() if n["kind"] == "outcome"]
    for _ in range(draw(st.integers(1, 3))):
        node = nodes[draw(st.sampled_from(routing))]
        if node["kind"] == "rule":
            node["then"], node["else"] = node["else"], node["then"]
        elif draw(st.booleans()):
            branch = draw(st.sampled_from(node["branches"]))
            branch["next"] = draw(st.sampled_from(outcomes))
        else:
            node["branches"].reverse()
            node["match"] = draw(st.sampled_from(["first", "exclusive"]))
    try:
        return load(data), load(changed)
    except TreeLoadError:
        assume(False)
        raise


@pytest.mark.slow
@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(versions())
def test_behaviour_matches_evaluation_of_every_case(pair: tuple[Tree, Tree]) -> None:
    old, new = pair
    result = diff(old, new)
    space = Space(old.inputs)
    operands = operands_by_input(old, invariants=True)
    for key, values in operands_by_input(new, invariants=True).items():
        operands[key] += values
    reps = [representatives(d, operands[d.input_id], True) for d in space.domains]
    assume(math.prod(len(r) for r in reps) <= 3000)
    for example in (c.example for c in result.behaviour):
        assert _status(old, example) != _status(new, example)
    for combo in itertools.product(*reps):
        case = dict(zip(space.ids, combo, strict=True))
        differs = _status(old, case) != _status(new, case)
        covered = [c for c in result.behaviour if c.contains(case)]
        assert bool(covered) == differs, (case, result.text())
        for change in covered:
            assert (change.old_status, change.new_status) == (_status(old, case)[0], _status(new, case)[0])
            if change.old_status == "decided":
                assert change.old_outcome == _status(old, case)[1]
            if change.new_status == "decided":
                assert change.new_outcome == _status(new, case)[1]
