"""The one condition walker: every kind dispatched in one place, every visitor complete."""

from __future__ import annotations

import ast
import importlib
import inspect
import pkgutil
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings

import decision_trees
from decision_trees import _walk
from decision_trees._walk import ConditionVisitor, combination, kind, parts, rule_refs, steps
from decision_trees.model import AllOf, AnyOf, AtLeast, Condition, NotOf, Rule, RuleRef, Tree
from decision_trees.model import Test as OneTest
from decision_trees.testing import trees

FAST = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
ROOT = Path(__file__).resolve().parent.parent
KINDS = {"Test", "AllOf", "AnyOf", "NotOf", "AtLeast", "RuleRef"}

T1 = OneTest(input="a", equals=True)
T2 = OneTest(input="b", one_of=("x",))
NESTED = AllOf(
    all=(T1, AnyOf(any=(NotOf.model_validate({"not": T2}), RuleRef(rule="r"))), AtLeast(at_least=1, of=(T2,)))
)


def _all_visitors() -> list[type[ConditionVisitor[Any]]]:
    for info in pkgutil.walk_packages(decision_trees.__path__, "decision_trees."):
        if "durable" not in info.name or importlib.util.find_spec("durable") is not None:
            importlib.import_module(info.name)
    found: list[type[ConditionVisitor[Any]]] = []
    todo: list[type[ConditionVisitor[Any]]] = list(ConditionVisitor.__subclasses__())
    found += todo
    while todo:
        cls = todo.pop()
        for sub in cls.__subclasses__():
            found.append(sub)
            todo.append(sub)
    return found


def test_every_visitor_of_the_engine_handles_every_kind() -> None:
    visitors = _all_visitors()
    assert len(visitors) >= 5
    abstract = [v.__qualname__ for v in visitors if inspect.isabstract(v)]
    assert abstract == [], f"visitors missing a condition kind: {abstract}"


def test_visit_dispatches_each_kind_to_its_method() -> None:
    examples: dict[str, Condition] = {
        "test": T1,
        "all": AllOf(all=(T1,)),
        "any": AnyOf(any=(T1,)),
        "not": NotOf.model_validate({"not": T1}),
        "at_least": AtLeast(at_least=1, of=(T1,)),
        "rule": RuleRef(rule="r"),
    }
    for key, condition in examples.items():
        assert kind(condition) == key
        assert condition.model_dump(by_alias=True, exclude_none=True).keys() >= ({key} - {"test"})


def test_steps_parts_and_combination() -> None:
    assert [s for _, s in steps(NESTED)] == [("all", 0), ("all", 1), ("all", 2)]
    assert parts(T1) == ()
    assert parts(RuleRef(rule="r")) == ()
    assert parts(NotOf.model_validate({"not": T1})) == (T1,)
    all_of = combination(AllOf(all=(T1, T2)))
    assert all_of is not None
    assert all_of.need == 2
    assert all_of.is_all
    assert not all_of.is_any
    any_of = combination(AnyOf(any=(T1, T2)))
    assert any_of is not None
    assert any_of.need == 1
    assert any_of.is_any
    assert not any_of.is_all
    assert combination(T1) is None
    assert combination(RuleRef(rule="r")) is None


def test_tests_and_rule_refs_in_document_order_with_paths() -> None:
    assert [(t.input, p) for t, p in _walk.tests_in(NESTED)] == [
        ("a", ("all", 0)),
        ("b", ("all", 1, "any", 0, "not")),
        ("b", ("all", 2, "of", 0)),
    ]
    assert list(rule_refs(NESTED)) == [("r", ("all", 1, "any", 1))]


def _at(condition: Condition, path: tuple[str | int, ...]) -> Any:
    """The sub-condition at ``path``, read from the dumped data (independent of the walker)."""
    data: Any = condition.model_dump(by_alias=True)
    for step in path:
        data = data[step]
    return data


@FAST
@given(trees())
def test_every_test_is_found_at_its_path(tree: Tree) -> None:
    for node in tree.nodes.values():
        conditions: list[Condition] = [b.when for b in getattr(node, "branches", ())]
        if isinstance(node, Rule):
            conditions.append(node.condition)
        for condition in conditions:
            found = list(_walk.tests_in(condition))
            for test, path in found:
                assert _at(condition, path) == test.model_dump(by_alias=True)
            dumped = condition.model_dump(by_alias=True, exclude_none=True)
            assert (len(found), len(list(rule_refs(condition)))) == _leaves(dumped)


def _leaves(data: Any) -> tuple[int, int]:
    """(tests, rule references) in dumped condition data, counted without the walker."""
    if "rule" in data:
        return (0, 1)
    subs = data.get("all") or data.get("any") or data.get("of") or ([data["not"]] if "not" in data else None)
    if subs is None:
        return (1, 0)
    counts = [_leaves(c) for c in subs]
    return (sum(t for t, _ in counts), sum(r for _, r in counts))


def _condition_isinstance_sites(path: Path) -> list[int]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    lines = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "isinstance":
            names = (
                {n.id for n in ast.walk(node.args[1]) if isinstance(n, ast.Name)}
                if len(node.args) > 1
                else set()
            )
            if names & KINDS:
                lines.append(node.lineno)
    return lines


@pytest.mark.parametrize("package", ["decision_trees", "kennisveiligheid", "partner_criteria"])
def test_condition_kinds_are_told_apart_only_in_walk(package: str) -> None:
    offenders = {}
    for path in sorted((ROOT / package).rglob("*.py")):
        rel = path.relative_to(ROOT).as_posix()
        if rel == "decision_trees/_walk.py":
            continue
        sites = _condition_isinstance_sites(path)
        if sites:
            offenders[rel] = sites
    assert offenders == {}, f"use decision_trees._walk instead of isinstance on condition kinds: {offenders}"


def test_walk_names_its_public_helpers() -> None:
    assert set(_walk.__all__) >= {"ConditionVisitor", "visit", "tests_in", "rule_refs", "steps"}


def test_one_operator_table_covers_every_input_type_and_operator() -> None:
    from decision_trees.conditions import COLLECTION_OPERATORS, OPERATORS
    from decision_trees.model import TEST_OPERATORS
    from decision_trees.testing import INPUT_TYPES

    assert set(OPERATORS) == set(INPUT_TYPES)
    assert {op for ops in OPERATORS.values() for op in ops} == set(TEST_OPERATORS)
    assert OPERATORS["text"] == ()
    assert set(COLLECTION_OPERATORS) <= set(TEST_OPERATORS)


def test_operands_by_input_reads_questions_rules_and_invariants() -> None:
    from decision_trees import load
    from decision_trees.conditions import operands_by_input

    tree = load(
        {
            "id": "t",
            "version": "1.0.0",
            "title": {"nl": "t", "en": "t"},
            "sources": {"s": {"title": "s", "publisher": "p", "date": "2024-01-01"}},
            "inputs": {
                "n": {"type": "integer", "label": {"nl": "n", "en": "n"}},
                "m": {"type": "integer", "label": {"nl": "m", "en": "m"}},
            },
            "start": "q",
            "nodes": {
                "q": {
                    "kind": "question",
                    "input": "n",
                    "text": {"nl": "n?", "en": "n?"},
                    "branches": [
                        {"when": {"lt": 3}, "next": "r"},
                        {"when": {"between": [3, 9]}, "next": "r"},
                    ],
                    "otherwise": "r",
                },
                "r": {
                    "kind": "rule",
                    "text": {"nl": "r", "en": "r"},
                    "condition": {"input": "m", "one_of": [1, 2]},
                    "then": "o",
                    "else": "o",
                },
                "o": {"kind": "outcome", "label": {"nl": "o", "en": "o"}, "severity": 0},
            },
        }
    )
    assert operands_by_input(tree) == {"n": [3, 3, 9], "m": [1, 2]}


@FAST
@given(trees())
def test_branch_conditions_get_their_input_named_and_nothing_else_changes(tree: Tree) -> None:
    from decision_trees._checker import _with_input
    from decision_trees.model import Question

    for node in tree.nodes.values():
        if not isinstance(node, Question):
            continue
        for branch in node.branches:
            named = _with_input(branch.when, node.input)
            assert all(t.input == node.input for t, _ in _walk.tests_in(named))
            before = [(t.model_copy(update={"input": None}), p) for t, p in _walk.tests_in(branch.when)]
            after = [(t.model_copy(update={"input": None}), p) for t, p in _walk.tests_in(named)]
            assert before == after
            assert [kind(c) for c, _ in _walk.subconditions(named)] == [
                kind(c) for c, _ in _walk.subconditions(branch.when)
            ]
