"""Questions and rules whose conditions have the same shape share one plan and one DNF in
``verify`` (issue #15); the reports are those of a verifier that shares nothing."""

from __future__ import annotations

from collections.abc import Hashable, Iterator
from contextlib import contextmanager
from datetime import date as dt_date
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from verify_golden_cases import _bench, summary

import decision_trees as dt
from decision_trees import model
from decision_trees._dnf import Conditions, Space
from decision_trees._walk import kind
from decision_trees.model import Condition
from decision_trees.testing import trees


@contextmanager
def shapes(shape: Any) -> Iterator[None]:
    """``verify`` with ``Conditions.shape`` replaced (the verifier's only key for sharing)."""
    original = Conditions.shape
    Conditions.shape = shape  # type: ignore[method-assign]
    try:
        yield
    finally:
        Conditions.shape = original  # type: ignore[method-assign]


def _alone(self: Conditions, condition: Condition, once: bool = False) -> Hashable:
    return ("alone", id(condition))  # every condition its own: nothing shared


def _coarse(self: Conditions, condition: Condition, once: bool = False) -> Hashable:
    """One shape per kind of condition: wrong on purpose (shares what differs)."""
    return ("coarse", kind(condition))


def unshared(tree: dt.Tree) -> dict[str, Any]:
    with shapes(_alone):
        return summary(dt.verify(tree))


def _text(word: str) -> dict[str, str]:
    return {"nl": word, "en": word}


def _confusable() -> dt.Tree:
    """Questions on one input whose operands are equal in Python but are not the same answers,
    each on its own path (so each shows its own cut in the witness of its gap)."""
    cuts: list[Any] = [1, 1.0, 0.0, -0.0, 2.5]
    nodes: dict[str, Any] = {"done": {"kind": "outcome", "label": _text("out")}}
    nodes["start"] = {
        "kind": "question",
        "input": "path",
        "text": _text("path"),
        "branches": [{"when": {"equals": f"p{i}"}, "next": f"q{i}"} for i in range(len(cuts))],
    }
    for i, cut in enumerate(cuts):
        nodes[f"q{i}"] = {
            "kind": "question",
            "input": "x",
            "text": _text(f"q{i}"),
            "branches": [{"when": {"lt": cut}, "next": "done"}],  # a gap from the cut up
        }
    return dt.load(
        {
            "id": "confusable",
            "version": "1",
            "title": _text("confusable"),
            "start": "start",
            "inputs": {
                "path": {
                    "type": "enum",
                    "label": _text("path"),
                    "values": {f"p{i}": _text(f"p{i}") for i in range(len(cuts))},
                },
                "x": {"type": "number", "label": _text("x")},
            },
            "nodes": nodes,
        }
    )


def test_operands_equal_in_python_are_not_shared() -> None:
    tree = _confusable()
    assert summary(dt.verify(tree)) == unshared(tree)


def test_sharing_too_much_would_show() -> None:
    """The comparison below can fail: shapes that share too much change the report."""
    tree = _confusable()
    with shapes(_coarse):
        assert summary(dt.verify(_confusable())) != unshared(tree)


@pytest.mark.parametrize("size", [100, 400])
def test_generated_bench_trees_report_as_unshared(size: int) -> None:
    make = _bench("bench_verify").make_tree
    tree = dt.load(make(size, seed=size))
    assert summary(dt.verify(tree)) == unshared(dt.load(make(size, seed=size)))


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(trees(max_nodes=10, max_inputs=2))
def test_random_trees_report_as_unshared(tree: dt.Tree) -> None:
    """Few inputs and many nodes: conditions of the same shape on one input are common."""
    shared = summary(dt.verify(tree))
    assert shared == unshared(dt.load(tree.to_dict()))


@pytest.mark.parametrize(
    ("one", "other", "same"),
    [
        ({"equals": 1}, {"equals": True}, False),
        ({"lt": 1}, {"lt": 1.0}, False),
        ({"lt": 0.0}, {"lt": -0.0}, False),
        ({"one_of": (1, 2)}, {"one_of": (True, 2)}, False),
        ({"one_of": (0.0, 2)}, {"one_of": (-0.0, 2)}, False),
        ({"lt": dt_date(2020, 1, 1)}, {"lt": "2020-01-01"}, False),
        ({"ge": 3, "input": "x"}, {"ge": 3, "input": "y"}, False),
        ({"ge": 3, "input": "x"}, {"ge": 3, "input": "x"}, True),
        ({"contains_all": ("a", "b")}, {"contains_all": ("a", "b")}, True),
        ({"lt": 0.5}, {"lt": 0.5}, True),
        ({"equals": None, "ge": 2}, {"ge": 2}, True),
    ],
)
def test_shapes_of_tests(one: dict[str, Any], other: dict[str, Any], same: bool) -> None:
    """Equal shapes exactly for the same test: operands equal in Python but of another type
    (or another zero) are other tests."""
    shape = Conditions.shape
    conditions = Conditions(_confusable(), Space({}))
    assert (shape(conditions, model.Test(**one)) == shape(conditions, model.Test(**other))) is same
    assert (
        shape(conditions, model.Test(**one), True) == shape(conditions, model.Test(**other), True)
    ) is same
