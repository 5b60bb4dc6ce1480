"""The hypothesis strategies of decision_trees.testing draw what they promise."""

from __future__ import annotations

import json
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.errors import InvalidArgument

from decision_trees import UNKNOWN, load
from decision_trees.model import Question, Rule, Tree
from decision_trees.testing import answers, partial_answers, tree_mappings, trees

SMALL = load("tests/trees/small.yaml")
FAST = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@pytest.mark.slow
@FAST
@given(tree_mappings())
def test_tree_mappings_are_json_ready_and_load(data: dict[str, Any]) -> None:
    tree = load(json.loads(json.dumps(data)))
    assert tree.start in tree.nodes
    assert load(tree.to_dict()) == tree


@pytest.mark.slow
@FAST
@given(trees(complete=True), st.data())
def test_complete_trees_decide_every_answer_set(tree: Tree, data: st.DataObject) -> None:
    case = data.draw(answers(tree))
    assert set(case) == set(tree.inputs)
    assert tree.parse_answers(case) == case
    assert tree.evaluate(case).outcome_id in tree.outcomes


@pytest.mark.slow
@FAST
@given(trees(), st.data())
def test_partial_answers_are_valid_subsets(tree: Tree, data: st.DataObject) -> None:
    case = data.draw(partial_answers(tree))
    assert set(case) <= set(tree.inputs)
    assert tree.parse_answers(case) == case


@given(answers(SMALL, unknown=False))
def test_answers_without_unknown(case: dict[str, Any]) -> None:
    assert UNKNOWN not in case.values()


def test_three_line_property_test() -> None:
    @given(answers(SMALL))
    def test_every_case_is_decided(case: dict[str, Any]) -> None:
        assert SMALL.decide(case).id in SMALL.outcomes

    test_every_case_is_decided()


FORMAT_FEATURES = {"boolean", "enum", "set", "number", "integer", "date", "text", "unknown", "shared"}
FORMAT_FEATURES |= {"match:first", "match:exclusive", "otherwise", "no-otherwise", "routing rule"}
FORMAT_FEATURES |= {"named rule", "all", "any", "not", "at_least", "rule"}


def _features(tree: Tree) -> set[str]:
    """The parts of the tree format that ``tree`` uses."""
    seen: set[str] = {decl.type for decl in tree.inputs.values()}
    for node in tree.nodes.values():
        if isinstance(node, Question):
            seen.add(f"match:{node.match}")
            seen.add("otherwise" if node.otherwise else "no-otherwise")
        elif isinstance(node, Rule):
            seen.add("routing rule" if node.routes else "named rule")
            dumped = json.dumps(node.model_dump(mode="json", by_alias=True))
            seen.update(key for key in ("all", "any", "not", "at_least", "rule") if f'"{key}":' in dumped)
    if any(decl.allow_unknown for decl in tree.inputs.values()):
        seen.add("unknown")
    if any(tree.graph.in_degree(n) > 1 for n in tree.graph if n not in tree.outcomes):
        seen.add("shared")
    return seen


def test_features_are_read_from_a_tree() -> None:
    assert _features(SMALL) <= FORMAT_FEATURES
    assert {"match:first", "no-otherwise"} & _features(SMALL)


@FAST
@given(trees())
def test_trees_use_only_the_format(tree: Tree) -> None:
    assert _features(tree) <= FORMAT_FEATURES


@pytest.mark.slow
def test_trees_cover_the_format() -> None:
    seen: set[str] = set()

    @settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow], database=None)
    @given(trees())
    def collect(tree: Tree) -> None:
        seen.update(_features(tree))

    collect()
    assert FORMAT_FEATURES - seen == set()


@pytest.mark.parametrize(
    "kwargs",
    [{"max_nodes": 0}, {"input_types": ("text",)}, {"input_types": ("boolean", "colour")}],
)
def test_bad_arguments(kwargs: dict[str, Any]) -> None:
    with pytest.raises(InvalidArgument):
        tree_mappings(**kwargs)


def test_import_decision_trees_does_not_import_hypothesis() -> None:
    import subprocess
    import sys

    def hypothesis_loaded(module: str) -> str:
        code = f"import sys, {module}; print('hypothesis' in sys.modules)"
        done = subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, text=True)
        return done.stdout.strip()

    assert hypothesis_loaded("decision_trees") == "False"
    assert hypothesis_loaded("decision_trees.testing") == "True"  # the probe can tell
