"""One conformance suite for every evaluation backend (native, durable-rules).

Every test takes the ``backend`` fixture (tests/conftest.py) and runs once per backend, with
expected results written out by hand: outcomes and paths, missing and invalid answers, unknown
answers, gaps, rules with all/any/not/at_least and references, numbers, dates and sets.
"""

from __future__ import annotations

import datetime as dt_
import itertools
import json
import math
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

import pytest

import decision_trees as dt

HERE = Path(__file__).parent
SMALL = dt.load(HERE / "trees" / "small.yaml")
TEN = dt.load(HERE.parent / "bench" / "ten_questions.yaml")
COMBINATORS = dt.load(HERE / "trees" / "conformance" / "combinators.yaml")
VALUES = dt.load(HERE / "trees" / "conformance" / "values.yaml")
QUESTIONS = dt.load(HERE / "trees" / "conformance" / "questions.yaml")
START_OUTCOME = dt.load(HERE / "trees" / "conformance" / "start_outcome.yaml")

Backend = Callable[[dt.Tree], Any]
Case = tuple[dict[str, Any], str, tuple[str, ...]]


def check(evaluator: Any, answers: Mapping[str, Any], outcome: str, path: tuple[str, ...]) -> dt.Decision:
    decision: dt.Decision = evaluator.evaluate(answers)
    assert (decision.outcome_id, decision.path) == (outcome, path)
    assert evaluator.decide(answers).id == outcome
    return decision


# ----------------------------------------------------------------------------------------------
# Outcomes and paths

SMALL_CASES: list[Case] = [
    ({"formal": False}, "out", ("formal", "out")),
    ({"formal": True, "areas": [], "budget": 10}, "go", ("formal", "sensitive", "go")),
    (
        {"formal": True, "areas": ["ai"], "risk": "low"},
        "measures",
        ("formal", "sensitive", "risk", "measures"),
    ),
    (
        {"formal": True, "areas": ["humanities"], "budget": 1_000_000, "risk": "high"},
        "committee",
        ("formal", "sensitive", "risk", "committee"),
    ),
    (
        {"formal": True, "areas": ["quantum"], "risk": "unknown"},
        "postpone",
        ("formal", "sensitive", "risk", "postpone"),
    ),
    (
        {"formal": True, "areas": frozenset({"ai"}), "risk": dt.UNKNOWN},
        "postpone",
        ("formal", "sensitive", "risk", "postpone"),
    ),
]


@pytest.mark.parametrize(("answers", "outcome", "path"), SMALL_CASES)
def test_small_tree_outcomes_and_paths(
    backend: Backend, answers: dict[str, Any], outcome: str, path: tuple[str, ...]
) -> None:
    check(backend(SMALL), answers, outcome, path)


def ladder(a: Mapping[str, Any]) -> tuple[str, ...]:
    """The path through bench/ten_questions.yaml, written by hand."""
    path: list[str] = []
    for i in range(1, 11):
        node = f"q{i}"
        path.append(node)
        value = a[node]
        if i % 3 == 0:  # q3, q6, q9: low goes on, medium → measures, high → committee
            if value != "low":
                return (*path, "measures" if value == "medium" else "committee")
        elif value:
            return (*path, "stop" if i in (1, 5, 7) else "measures")
    return (*path, "go")


def ten_question_cases(stride: int) -> list[dict[str, Any]]:
    keys = [f"q{i}" for i in range(1, 11)]
    domains = [("low", "medium", "high") if i % 3 == 0 else (False, True) for i in range(1, 11)]
    every = [dict(zip(keys, values, strict=True)) for values in itertools.product(*domains)]
    return every[::stride]


def test_ten_questions_match_a_hand_written_ladder(backend: Backend) -> None:
    evaluator = backend(TEN)
    for answers in ten_question_cases(stride=4):
        path = ladder(answers)
        check(evaluator, answers, path[-1], path)


def test_decision_type_and_trace(backend: Backend) -> None:
    answers = {"formal": True, "areas": ["ai"], "risk": "unknown", "budget": 5}
    decision = backend(SMALL).evaluate(answers)
    assert isinstance(decision, dt.Decision)
    assert decision.tree is SMALL
    assert decision == SMALL.evaluate(answers)
    assert [step.node for step in decision.trace] == list(decision.path)
    assert decision.branches == (0, 0, 2)
    # the answers the path read: "sensitive" holds on areas alone, so budget is not read
    assert dict(decision.answers) == {"formal": True, "areas": frozenset({"ai"}), "risk": dt.UNKNOWN}
    assert decision.trace[1].result is True
    restored = dt.Decision.from_json(decision.to_json(), SMALL)
    assert restored.path == decision.path
    assert json.loads(decision.to_json())["outcome"]["id"] == "postpone"


def test_an_outcome_as_start_decides_without_answers(backend: Backend) -> None:
    evaluator = backend(START_OUTCOME)
    check(evaluator, {}, "done", ("done",))
    check(evaluator, {"unused": "not even a boolean"}, "done", ("done",))  # never read


# ----------------------------------------------------------------------------------------------
# Combinators and references

COMBINATOR_CASES: list[Case] = [
    ({"a": True, "b": False, "c": False, "level": "low"}, "go", ("gate.one", "check-two", "lvl", "go")),
    ({"a": True, "b": True, "n": 4}, "measures", ("gate.one", "check-two", "always", "count", "measures")),
    ({"a": True, "b": True, "n": 0}, "go", ("gate.one", "check-two", "always", "count", "go")),
    ({"a": True, "b": True, "n": 3}, "measures", ("gate.one", "check-two", "always", "count", "measures")),
    ({"a": True, "b": True, "n": 5}, "measures", ("gate.one", "check-two", "always", "count", "measures")),
    ({"a": True, "b": True, "n": 6}, "committee", ("gate.one", "check-two", "always", "count", "committee")),
    (
        {"a": False, "b": False, "c": False, "level": "mid"},
        "measures",
        ("gate.one", "never", "lvl", "measures"),
    ),
    # b is never read: "both" stops at a = false, and "never" needs 4 of 3 (decided unread).
    ({"a": False, "c": "unknown", "level": "unknown"}, "postpone", ("gate.one", "never", "lvl", "postpone")),
    (
        {"a": True, "b": False, "c": "unknown", "level": "high"},
        "measures",
        ("gate.one", "check-two", "lvl", "measures"),
    ),
]


@pytest.mark.parametrize(("answers", "outcome", "path"), COMBINATOR_CASES)
def test_all_any_not_at_least_and_rule_references(
    backend: Backend, answers: dict[str, Any], outcome: str, path: tuple[str, ...]
) -> None:
    check(backend(COMBINATORS), answers, outcome, path)


# ----------------------------------------------------------------------------------------------
# Missing and invalid answers

MISSING: list[tuple[dt.Tree, dict[str, Any], str, str]] = [
    (SMALL, {}, "formal", "formal"),
    (SMALL, {"formal": True}, "areas", "sensitive"),
    (SMALL, {"formal": True, "areas": ["ai"]}, "risk", "risk"),
    # Inside a referenced rule the error names that rule, as the native evaluator does.
    (COMBINATORS, {}, "a", "either"),
    (COMBINATORS, {"a": False}, "c", "either"),
    (COMBINATORS, {"a": False, "c": True}, "b", "two.of-three"),
    (COMBINATORS, {"a": True, "b": False, "c": False}, "level", "lvl"),
    (COMBINATORS, {"a": True, "b": True}, "n", "count"),
    (QUESTIONS, {}, "x", "q_first"),
    (QUESTIONS, {"x": "a"}, "y", "r_mix"),
    (QUESTIONS, {"x": "d"}, "y", "q_gap"),
    (VALUES, {"amount": "unknown"}, "when", "r_dates"),
]


@pytest.mark.parametrize(("tree", "answers", "input_id", "node"), MISSING)
def test_missing_answer_names_input_and_node(
    backend: Backend, tree: dt.Tree, answers: dict[str, Any], input_id: str, node: str
) -> None:
    with pytest.raises(dt.MissingAnswerError) as info:
        backend(tree).evaluate(answers)
    assert (info.value.input, info.value.node, info.value.code) == (input_id, node, "DT201")
    assert str(info.value) == f"node {node!r} needs an answer for input {input_id!r}"


INVALID: list[tuple[dt.Tree, dict[str, Any], str, str]] = [
    (COMBINATORS, {"a": "yes"}, "a", "expected true or false"),
    (COMBINATORS, {"a": "unknown"}, "a", "does not accept 'unknown'"),
    (COMBINATORS, {"a": True, "b": True, "n": -1}, "n", "below the minimum 0"),
    (COMBINATORS, {"a": True, "b": True, "n": 2.5}, "n", "expected a whole number"),
    (
        COMBINATORS,
        {"a": True, "b": False, "c": False, "level": "medium"},
        "level",
        "expected one of low, mid, high",
    ),
    (COMBINATORS, {"a": True, "bb": True}, "bb", "did you mean 'b'?"),
    (SMALL, {"formal": True, "areas": ["ai", "bio"]}, "areas", "bio not among"),
    (SMALL, {"formal": True, "areas": "ai"}, "areas", "expected a list of values"),
    (VALUES, {"amount": float("nan")}, "amount", "expected a finite number"),
    (VALUES, {"amount": 5, "count": 2, "when": "1999-12-31"}, "when", "below the minimum 2000-01-01"),
    (VALUES, {"amount": 5, "count": 2, "when": "31-12-2021"}, "when", "expected a date"),
]


@pytest.mark.parametrize(("tree", "answers", "input_id", "reason"), INVALID)
def test_invalid_answer_is_refused_when_read(
    backend: Backend, tree: dt.Tree, answers: dict[str, Any], input_id: str, reason: str
) -> None:
    with pytest.raises(dt.InvalidAnswerError) as info:
        backend(tree).evaluate(answers)
    assert info.value.input == input_id
    assert info.value.code == "DT202"
    assert reason in str(info.value)


def test_invalid_answers_off_the_path_are_not_read(backend: Backend) -> None:
    check(
        backend(COMBINATORS),
        {"a": True, "b": True, "n": 1, "level": "bogus"},
        "go",
        ("gate.one", "check-two", "always", "count", "go"),
    )
    check(backend(SMALL), {"formal": False, "risk": 42}, "out", ("formal", "out"))


def test_a_gap_raises_no_branch_matched(backend: Backend) -> None:
    with pytest.raises(dt.NoBranchMatchedError) as info:
        backend(QUESTIONS).evaluate({"x": "d", "y": False})
    assert (info.value.node, info.value.input, info.value.value, info.value.code) == (
        "q_gap",
        "y",
        False,
        "DT203",
    )


# ----------------------------------------------------------------------------------------------
# Unknown answers and question behaviours

QUESTION_CASES: list[Case] = [
    ({"x": "a", "y": True, "z": False}, "o_mix_yes", ("q_first", "r_mix", "o_mix_yes")),
    ({"x": "a", "y": False, "z": "unknown"}, "o_mix_yes", ("q_first", "r_mix", "o_mix_yes")),
    ({"x": "a", "y": False, "z": True}, "o_mix_no", ("q_first", "r_mix", "o_mix_no")),
    # match: first: b matches the first and the second branch; the first wins. z is not read.
    ({"x": "b", "y": False}, "o_mix_no", ("q_first", "r_mix", "o_mix_no")),
    ({"x": "c"}, "o_bc", ("q_first", "o_bc")),
    ({"x": "d", "y": True}, "o_yes", ("q_first", "q_gap", "o_yes")),
    ({"x": "e"}, "o_many", ("q_first", "q_big", "o_many")),
    # unknown: otherwise of q_first, then q_big's second branch (is_unknown: true).
    ({"x": "unknown"}, "o_rest", ("q_first", "q_big", "o_rest")),
    ({"x": dt.UNKNOWN}, "o_rest", ("q_first", "q_big", "o_rest")),
]


@pytest.mark.parametrize(("answers", "outcome", "path"), QUESTION_CASES)
def test_question_branches_unknown_and_match_first(
    backend: Backend, answers: dict[str, Any], outcome: str, path: tuple[str, ...]
) -> None:
    check(backend(QUESTIONS), answers, outcome, path)


# ----------------------------------------------------------------------------------------------
# Numbers, dates and sets

BASE: dict[str, Any] = {
    "amount": 10,
    "count": 2,
    "when": dt_.date(2020, 6, 1),
    "areas": ["bio.tech"],
    "tiny": 0,
    "big": 0,
    "ratio": 0,
}
TAIL = ("q_amount", "q_count", "q_when", "q_areas", "r_tiny", "r_big")

VALUE_CASES: list[tuple[dict[str, Any], str, tuple[str, ...]]] = [
    ({}, "other_year", (*TAIL, "r_dates", "other_year")),
    # numbers at and around their boundaries, floats durable cannot parse as written, huge ints
    ({"amount": -0.5}, "negative", ("q_amount", "negative")),
    ({"amount": -1e-300}, "negative", ("q_amount", "negative")),
    ({"amount": -0.0}, "other_year", (*TAIL, "r_dates", "other_year")),
    ({"amount": 1000.5}, "other_year", (*TAIL, "r_dates", "other_year")),
    ({"amount": math.nextafter(1000.5, 2000)}, "large", ("q_amount", "large")),
    ({"amount": 1e300}, "large", ("q_amount", "large")),
    ({"amount": 2**70}, "large", ("q_amount", "large")),
    ({"amount": "unknown", "when": "2021-06-01"}, "in_2021", ("q_amount", "r_dates", "in_2021")),
    ({"count": 0}, "count_other", ("q_amount", "q_count", "count_other")),
    ({"count": 4}, "count_other", ("q_amount", "q_count", "count_other")),
    ({"count": 2**64}, "count_other", ("q_amount", "q_count", "count_other")),
    ({"count": 3}, "other_year", (*TAIL, "r_dates", "other_year")),
    # dates, as date objects and as ISO text
    ({"when": "2019-12-31"}, "old", ("q_amount", "q_count", "q_when", "old")),
    ({"when": dt_.date(2020, 1, 1)}, "other_year", (*TAIL, "r_dates", "other_year")),
    # sets: all / any / none, first match, the empty set, unknown (otherwise)
    ({"areas": ["ai", "quantum"]}, "both_areas", ("q_amount", "q_count", "q_when", "q_areas", "both_areas")),
    (
        {"areas": ["quantum", "ai", "bio.tech"]},
        "both_areas",
        ("q_amount", "q_count", "q_when", "q_areas", "both_areas"),
    ),
    ({"areas": []}, "none_areas", ("q_amount", "q_count", "q_when", "q_areas", "none_areas")),
    ({"areas": ["space-x"]}, "none_areas", ("q_amount", "q_count", "q_when", "q_areas", "none_areas")),
    ({"areas": ["ai"]}, "some_areas", ("q_amount", "q_count", "q_when", "q_areas", "some_areas")),
    ({"areas": "unknown"}, "some_areas", ("q_amount", "q_count", "q_when", "q_areas", "some_areas")),
    # tiny constants (1e-05, 2e-05) and an integer constant beyond 2**53
    ({"tiny": 1.5e-05}, "tiny_yes", ("q_amount", "q_count", "q_when", "q_areas", "r_tiny", "tiny_yes")),
    ({"tiny": 2e-05}, "tiny_yes", ("q_amount", "q_count", "q_when", "q_areas", "r_tiny", "tiny_yes")),
    ({"tiny": 1e-05}, "other_year", (*TAIL, "r_dates", "other_year")),
    ({"tiny": math.nextafter(2e-05, 1)}, "other_year", (*TAIL, "r_dates", "other_year")),
    ({"big": 2**60}, "big_yes", (*TAIL, "big_yes")),
    ({"big": 2**60 - 1}, "other_year", (*TAIL, "r_dates", "other_year")),
    ({"big": 2**100}, "big_yes", (*TAIL, "big_yes")),
    ({"ratio": 0.1}, "big_yes", (*TAIL, "big_yes")),
    ({"ratio": 0.30000000000000004}, "other_year", (*TAIL, "r_dates", "other_year")),
    ({"areas": ["bio.tech", "space-x"]}, "big_yes", (*TAIL, "big_yes")),
    ({"when": "2021-01-01"}, "in_2021", (*TAIL, "r_dates", "in_2021")),
    ({"when": "2021-12-31"}, "in_2021", (*TAIL, "r_dates", "in_2021")),
]


@pytest.mark.parametrize(("change", "outcome", "path"), VALUE_CASES)
def test_numbers_dates_and_sets(
    backend: Backend, change: dict[str, Any], outcome: str, path: tuple[str, ...]
) -> None:
    check(backend(VALUES), {**BASE, **change}, outcome, path)
