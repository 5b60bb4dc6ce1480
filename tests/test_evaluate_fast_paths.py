"""The compiled evaluator's inline fast paths agree with a plain interpretation of the model.

The reference below walks the tree node by node, checks every answer with ``coerce_answer`` and
tests conditions with ``compile_test``: no generated code, no dispatch tables, no recorded
segments. Answers are drawn in every form the engine accepts (checked values, ISO date strings,
lists for sets, the word ``"unknown"``) and in forms it must refuse (NaN, infinities, booleans for
numbers, fractions for whole numbers, out-of-range values, datetimes, missing answers).
"""

from __future__ import annotations

import datetime as dt_
import json
import math
from collections.abc import Mapping
from pathlib import Path
from typing import Any
from unittest import mock

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import decision_trees as dt
from decision_trees import _codegen, model
from decision_trees.answers import coerce_answer
from decision_trees.conditions import compile_test
from decision_trees.decision import Decision
from decision_trees.errors import AnswerError
from decision_trees.model import (
    AllOf,
    AnyOf,
    AtLeast,
    BooleanInput,
    Condition,
    DateInput,
    EnumInput,
    Input,
    IntegerInput,
    NotOf,
    NumberInput,
    Outcome,
    Question,
    Rule,
    RuleRef,
    SetInput,
)
from decision_trees.testing import answers, trees, value_strategy

HERE = Path(__file__).parent


class _Missing(Exception):
    pass


def _holds(tree: dt.Tree, condition: Condition, read: Any, node: str) -> bool:
    """``condition`` of rule ``node``; a missing answer names the rule whose test needs it."""
    if isinstance(condition, model.Test):
        assert condition.input is not None
        return compile_test(condition, tree.inputs[condition.input])(read(condition.input, node))
    if isinstance(condition, RuleRef):
        rule = tree.nodes[condition.rule]
        assert isinstance(rule, Rule)
        return _holds(tree, rule.condition, read, condition.rule)
    if isinstance(condition, NotOf):
        return not _holds(tree, condition.not_, read, node)
    if isinstance(condition, AllOf):
        return all(_holds(tree, c, read, node) for c in condition.all)
    if isinstance(condition, AnyOf):
        return any(_holds(tree, c, read, node) for c in condition.any)
    assert isinstance(condition, AtLeast)
    count, parts = 0, condition.of
    for index, part in enumerate(parts):  # stops as soon as the result is known, like the engine
        if count >= condition.at_least or count + (len(parts) - index) < condition.at_least:
            break
        count += _holds(tree, part, read, node)
    return count >= condition.at_least


def _value_holds(decl: Input, condition: Condition, value: Any) -> bool:
    if isinstance(condition, model.Test):
        return compile_test(condition, decl)(value)
    if isinstance(condition, NotOf):
        return not _value_holds(decl, condition.not_, value)
    if isinstance(condition, AllOf):
        return all(_value_holds(decl, c, value) for c in condition.all)
    if isinstance(condition, AnyOf):
        return any(_value_holds(decl, c, value) for c in condition.any)
    assert isinstance(condition, AtLeast)
    return sum(_value_holds(decl, c, value) for c in condition.of) >= condition.at_least


def interpret(tree: dt.Tree, answers: Mapping[str, Any]) -> tuple[Any, ...]:
    """(outcome id, path, branches, answers read) or ("error", type, input, node)."""
    path: list[str] = []
    branches: list[int] = []
    used: dict[str, Any] = {}
    node_id = tree.start

    def read(key: str, node: str) -> Any:
        if key not in answers:
            raise _Missing(key, node)
        value = coerce_answer(key, tree.inputs[key], answers[key])
        used.setdefault(key, value)
        return value

    try:
        while not isinstance(node := tree.nodes[node_id], Outcome):
            path.append(node_id)
            if isinstance(node, Question):
                value = read(node.input, node_id)
                decl = tree.inputs[node.input]
                index = next(
                    (i for i, b in enumerate(node.branches) if _value_holds(decl, b.when, value)), None
                )
                if index is None:
                    if node.otherwise is None:
                        return ("error", "NoBranchMatchedError", node.input, node_id)
                    index = len(node.branches)
                    node_id = node.otherwise
                else:
                    node_id = node.branches[index].next
            else:
                assert isinstance(node, Rule)
                assert node.then is not None
                assert node.else_ is not None
                index = 0 if _holds(tree, node.condition, read, node_id) else 1
                node_id = node.then if index == 0 else node.else_
            branches.append(index)
    except _Missing as missing:
        return ("error", "MissingAnswerError", *missing.args)
    except dt.InvalidAnswerError as bad:
        return ("error", "InvalidAnswerError", bad.input)
    path.append(node_id)
    return (node_id, tuple(path), tuple(branches), used)


def _engine(tree: dt.Tree, answers: Mapping[str, Any]) -> tuple[Any, ...]:
    try:
        decision = tree.evaluate(answers)
    except dt.NoBranchMatchedError as gap:
        return ("error", "NoBranchMatchedError", gap.input, gap.node)
    except dt.MissingAnswerError as missing:
        return ("error", "MissingAnswerError", missing.input, missing.node)
    except dt.InvalidAnswerError as bad:
        return ("error", "InvalidAnswerError", bad.input)
    return (decision.outcome_id, decision.path, decision.branches, dict(decision.answers))


def _raw_forms(decl: Input) -> st.SearchStrategy[Any]:
    """Accepted unchecked forms of an answer, and refused ones."""
    odd: list[Any] = [None, "unknown", math.nan, math.inf, -math.inf, True, "x", 1.5, 10**400, []]
    forms: list[st.SearchStrategy[Any]] = [st.sampled_from(odd)]
    if isinstance(decl, SetInput):
        forms.append(st.lists(st.sampled_from([*decl.values, "nope"]), max_size=3))
        forms.append(st.sets(st.sampled_from(tuple(decl.values))))
    if isinstance(decl, DateInput):
        forms.append(st.dates().map(dt_.date.isoformat))
        forms.append(st.datetimes(dt_.datetime(1990, 1, 1), dt_.datetime(2100, 1, 1)))
        forms.append(st.dates())  # possibly outside the bounds
    if isinstance(decl, NumberInput | IntegerInput):
        forms.append(st.integers(-100_000, 100_000))
        forms.append(st.floats())
    if isinstance(decl, EnumInput | BooleanInput):
        forms.append(st.sampled_from([0, 1, "yes", "true"]))
    return st.one_of(forms)


@st.composite
def _case(draw: st.DrawFn, tree: dt.Tree) -> dict[str, Any]:
    case: dict[str, Any] = {}
    for key, decl in tree.inputs.items():
        choice = draw(st.integers(0, 9))
        if choice == 0:
            continue  # missing
        if choice == 1:
            case[key] = draw(_raw_forms(decl))
        else:
            case[key] = draw(value_strategy(decl))
    return case


def _compiled(tree: dt.Tree, unrolled: bool) -> dt.Tree:
    """``tree`` compiled afresh: its walk in one function with shared nodes inlined (as small
    trees are), or with a function per shared node (as trees too large to inline are)."""
    fresh = dt.load(tree.to_dict())
    with mock.patch.object(_codegen, "MAX_UNROLLED", _codegen.MAX_UNROLLED if unrolled else 0):
        compiled = fresh.compiled  # (decide's walk is made here, evaluate's on first use)
        compiled.evaluate = _codegen.generate(compiled, record=True)
    return fresh


@pytest.mark.slow
@pytest.mark.parametrize("unrolled", [True, False], ids=["one-function", "function-per-shared-node"])
@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_compiled_walk_agrees_with_a_plain_interpretation(unrolled: bool, data: st.DataObject) -> None:
    tree = _compiled(data.draw(trees()), unrolled)
    case = data.draw(_case(tree))
    expected = interpret(tree, case)
    assert _engine(tree, case) == expected
    try:
        outcome: Any = tree.decide(case)
    except AnswerError as exc:
        assert expected[0] == "error"
        assert type(exc).__name__ == expected[1]  # noqa: PT017
    else:
        assert outcome.id == expected[0]
    if expected[0] != "error":
        decision = tree.evaluate(case)
        trace = decision.trace
        assert [step.node for step in trace] == list(expected[1])
        assert tuple(step.branch for step in trace[:-1]) == expected[2]
        for step in trace[:-1]:
            if step.input is not None:
                assert step.answer == expected[3][step.input]


@settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_shared_nodes_record_their_path_in_segments(data: st.DataObject) -> None:
    """Trees with shared nodes (several generated functions): the recorded path is one walk."""
    tree = _compiled(data.draw(trees()), unrolled=False)
    case = data.draw(_case(tree))
    expected = interpret(tree, case)
    if expected[0] == "error":
        return
    decision = tree.evaluate(case)
    path = decision.path
    assert path[0] == tree.start
    assert path[-1] == decision.outcome_id
    targets = tree.compiled.targets
    assert all(targets[a][b] == nxt for a, b, nxt in zip(path, decision.branches, path[1:], strict=False))


class _View(Mapping[str, Any]):
    """A mapping that is not a dict (as a caller's own answer store may be)."""

    def __init__(self, data: Mapping[str, Any]) -> None:
        self._data = dict(data)

    def __getitem__(self, key: str) -> Any:
        return self._data[key]

    def __iter__(self) -> Any:
        return iter(self._data)

    def __len__(self) -> int:
        return len(self._data)


class _Defaulting(dict[str, Any]):
    """A dict that answers every question it is asked (``__missing__``), like a defaultdict."""

    def __missing__(self, key: str) -> Any:
        return True


@pytest.mark.parametrize("unrolled", [True, False], ids=["one-function", "function-per-shared-node"])
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_an_answer_for_an_input_the_tree_lacks_is_refused_before_anything_else(
    unrolled: bool, data: st.DataObject
) -> None:
    """The walk looks at the answers' keys only where it must (a plain dict holding exactly the
    inputs its path read needs no look), yet an answer the tree has no input for is refused with
    the same error as before, whatever else is missing or wrong, in every kind of mapping."""
    tree = _compiled(data.draw(trees()), unrolled)
    case = data.draw(_case(tree))
    wrap = data.draw(st.sampled_from([dict, _View, _Defaulting]))
    expected = _engine(tree, dict(case))  # (a plain dict of the same answers)
    if wrap is not _Defaulting:  # (a mapping that makes up answers may decide otherwise)
        assert _engine(tree, wrap(case)) == expected
    if expected[0] != "error":  # the answers the path read, alone: the fast check's case
        read = {key: case[key] for key in tree.evaluate(case).given if key in expected[3]}
        assert _engine(tree, read) == expected
    extra = data.draw(st.text(min_size=1, max_size=5).filter(lambda key: key not in tree.inputs))
    with pytest.raises(dt.InvalidAnswerError) as caught:
        tree.evaluate(wrap({**case, extra: True}))
    assert caught.value.input == extra
    assert caught.value.__cause__ is None
    assert caught.value.__context__ is None or caught.value.__suppress_context__
    with pytest.raises(dt.InvalidAnswerError):  # the same with one answer fewer
        tree.evaluate(wrap({**dict(list(case.items())[1:]), extra: True}))


@pytest.mark.parametrize("unrolled", [True, False], ids=["one-function", "function-per-shared-node"])
@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_a_dict_with_as_many_keys_as_the_tree_has_inputs_is_looked_at_where_the_path_did_not_read(
    unrolled: bool, data: st.DataObject
) -> None:
    """An exit takes a plain dict with as many keys as the tree has inputs without ``issuperset``
    when it holds every input its path did not read. So one unread input traded for a key the
    tree lacks (the same number of keys) must still be refused, naming that key, and the
    complete answers must not be."""
    tree = _compiled(data.draw(trees(max_inputs=6, complete=True)), unrolled)
    case = data.draw(answers(tree))
    decision = tree.evaluate(case)  # complete and valid: no error
    assert len(case) == len(tree.inputs)
    unread = [key for key in tree.inputs if key not in decision.answers]
    for key in unread:
        traded = {k: v for k, v in case.items() if k != key} | {f"{key}!": True}
        assert len(traded) == len(tree.inputs)
        with pytest.raises(dt.InvalidAnswerError) as caught:
            tree.evaluate(traded)
        assert caught.value.input == f"{key}!"
    assert tree.evaluate(dict(reversed(case.items()))).path == decision.path  # (any key order)


def test_a_decision_is_made_by_calling_its_class_with_nothing() -> None:
    """The generated walk makes each Decision with ``Decision()`` (a type call is quicker than
    ``object.__new__``) and then fills its slots, so the class must take no arguments and do
    nothing on creation; a decision made so reads as one made by a plain walk."""
    assert Decision.__new__ is object.__new__
    assert Decision.__init__ is object.__init__
    tree = dt.load(HERE / "trees" / "small.yaml")
    case = {"formal": True, "areas": ["ai"], "risk": "unknown", "budget": 5}
    made = tree.evaluate(case)
    assert type(made) is Decision
    assert made == Decision._create(tree, list(made.path), made.outcome, dict(case))
    assert made.trace == Decision._create(tree, list(made.path), made.outcome, dict(case)).trace


def test_evaluate_held_before_first_use_generates_the_walk_once() -> None:
    tree = dt.load(HERE / "trees" / "small.yaml")
    evaluate = tree.evaluate  # (before the walk is generated)
    case = {"formal": True, "areas": ["ai"], "risk": "unknown", "budget": 5}
    with mock.patch.object(_codegen, "generate", wraps=_codegen.generate) as generating:
        from decision_trees import evaluate as evaluate_module

        with mock.patch.object(evaluate_module, "generate", generating):
            outcomes = {evaluate(case).outcome_id for _ in range(3)}
            assert tree.evaluate(case).outcome_id in outcomes
    assert generating.call_count == 1
    assert tree.evaluate is tree.compiled.evaluate is not evaluate


def test_each_input_type_is_decided_inline_and_in_every_accepted_form() -> None:
    """One question per input type: checked and unchecked forms give the same branch."""
    tree = dt.load(
        {
            "id": "forms",
            "version": "1",
            "title": {"nl": "Vormen", "en": "Forms"},
            "start": "n",
            "inputs": {
                "n": {"type": "number", "label": {"nl": "n", "en": "n"}, "allow_unknown": True},
                "i": {"type": "integer", "label": {"nl": "i", "en": "i"}, "minimum": 0, "maximum": 9},
                "d": {"type": "date", "label": {"nl": "d", "en": "d"}},
                "s": {
                    "type": "set",
                    "label": {"nl": "s", "en": "s"},
                    "values": {"a": {"nl": "a", "en": "a"}},
                },
            },
            "nodes": {
                "n": {
                    "kind": "question",
                    "input": "n",
                    "text": {"nl": "n?", "en": "n?"},
                    "branches": [
                        {"when": {"is_unknown": True}, "next": "stop"},
                        {"when": {"lt": 2.5}, "next": "i"},
                    ],
                    "otherwise": "stop",
                },
                "i": {
                    "kind": "question",
                    "input": "i",
                    "text": {"nl": "i?", "en": "i?"},
                    "branches": [{"when": {"between": [0, 4]}, "next": "d"}],
                    "otherwise": "stop",
                },
                "d": {
                    "kind": "question",
                    "input": "d",
                    "text": {"nl": "d?", "en": "d?"},
                    "branches": [{"when": {"ge": "2024-01-01"}, "next": "s"}],
                    "otherwise": "stop",
                },
                "s": {
                    "kind": "question",
                    "input": "s",
                    "text": {"nl": "s?", "en": "s?"},
                    "branches": [{"when": {"contains_any": ["a"]}, "next": "go"}],
                    "otherwise": "stop",
                },
                "go": {"kind": "outcome", "label": {"nl": "ja", "en": "go"}, "severity": 0},
                "stop": {"kind": "outcome", "label": {"nl": "nee", "en": "stop"}, "severity": 1},
            },
        }
    )
    checked = {"n": 1.0, "i": 3, "d": dt_.date(2024, 5, 1), "s": frozenset({"a"})}
    plain = {"n": 1, "i": 3, "d": "2024-05-01", "s": ["a"]}
    for case in (checked, plain):
        decision = tree.evaluate(case)
        assert decision.outcome_id == "go"
        assert decision.path == ("n", "i", "d", "s", "go")
        assert dict(decision.answers) == {**checked, "n": case["n"]}
    assert tree.decide({**checked, "n": dt.UNKNOWN}).id == "stop"
    assert tree.decide({**checked, "n": "unknown"}).id == "stop"
    assert tree.evaluate({**checked, "i": 5}).path == ("n", "i", "stop")
    for bad in ({"n": math.nan}, {"n": True}, {"i": 3.0}, {"i": 10}, {"s": frozenset({"b"})}):
        try:
            tree.decide({**checked, **bad})
        except dt.InvalidAnswerError as exc:
            assert exc.input == next(iter(bad))  # noqa: PT017
        else:
            raise AssertionError(f"{bad} was accepted")


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_to_json_is_the_json_of_to_dict(data: st.DataObject) -> None:
    """to_json puts its text together from cached parts: it is exactly json.dumps of to_dict."""
    tree = data.draw(trees())
    for case in data.draw(st.lists(answers(tree), min_size=1, max_size=4)):
        try:
            decision = tree.evaluate(case)
        except dt.NoBranchMatchedError:
            continue
        for _ in range(2):  # the second time from the cache
            assert decision.to_json() == json.dumps(decision.to_dict(), ensure_ascii=False, indent=2)
        assert decision.to_json(indent=None) == json.dumps(decision.to_dict(), ensure_ascii=False)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_path_templates_give_what_a_decision_from_its_path_alone_gives(data: st.DataObject) -> None:
    """Trace, answers, explanations and JSON made from a recorded path's templates (and, for
    yes/no and enum paths, kept per combination of answers) equal those of the same decision
    rebuilt from its node ids alone, which replays the walk and uses no path template."""
    tree = _compiled(data.draw(trees()), unrolled=data.draw(st.booleans()))
    for case in data.draw(st.lists(answers(tree), min_size=1, max_size=10)):
        try:
            decision = tree.evaluate(case)
        except dt.NoBranchMatchedError:
            continue
        plain = dt.Decision._create(tree, list(decision.path), decision.outcome, dict(case))
        assert plain._shape() is None
        assert decision.trace == plain.trace
        assert decision.branches == plain.branches
        assert dict(decision.answers) == dict(plain.answers)
        for lang in ("nl", "en"):
            assert decision.explain(lang) == plain.explain(lang)
        assert decision.to_json() == plain.to_json()
        again = tree.evaluate(case)  # from what the path keeps
        assert (again.trace, again.explain(), again.to_json()) == (
            decision.trace,
            decision.explain(),
            decision.to_json(),
        )


def test_one_path_with_other_answers_keeps_each_answer() -> None:
    """Two enum answers take the same branch (``one_of``), a number and a set answer vary
    along one path: each decision's trace, answers, explanation and JSON show its own."""
    tree = dt.load(
        {
            "id": "same-path",
            "version": "1",
            "title": {"nl": "Zelfde pad", "en": "Same path"},
            "start": "e",
            "inputs": {
                "e": {
                    "type": "enum",
                    "label": {"nl": "e", "en": "e"},
                    "allow_unknown": True,
                    "values": {"a": {"nl": "A", "en": "A"}, "b": {"nl": "B", "en": "B"}},
                },
                "f": {"type": "boolean", "label": {"nl": "f", "en": "f"}},
                "n": {"type": "number", "label": {"nl": "n", "en": "n"}},
                "s": {
                    "type": "set",
                    "label": {"nl": "s", "en": "s"},
                    "values": {"x": {"nl": "X", "en": "X"}, "y": {"nl": "Y", "en": "Y"}},
                },
            },
            "nodes": {
                "e": {
                    "kind": "question",
                    "input": "e",
                    "text": {"nl": "e?", "en": "e?"},
                    "branches": [{"when": {"one_of": ["a", "b"]}, "next": "f"}],
                    "otherwise": "stop",
                },
                "f": {
                    "kind": "question",
                    "input": "f",
                    "text": {"nl": "f?", "en": "f?"},
                    "branches": [{"when": {"equals": True}, "next": "n"}],
                    "otherwise": "go",
                },
                "n": {
                    "kind": "question",
                    "input": "n",
                    "text": {"nl": "n?", "en": "n?"},
                    "branches": [{"when": {"gt": 0}, "next": "s"}],
                    "otherwise": "stop",
                },
                "s": {
                    "kind": "question",
                    "input": "s",
                    "text": {"nl": "s?", "en": "s?"},
                    "branches": [{"when": {"contains_any": ["x"]}, "next": "stop"}],
                    "otherwise": "go",
                },
                "go": {"kind": "outcome", "label": {"nl": "ga", "en": "go"}, "severity": 0},
                "stop": {"kind": "outcome", "label": {"nl": "stop", "en": "stop"}, "severity": 90},
            },
        }
    )
    enum_only = [tree.evaluate({"e": value, "f": False}) for value in ("a", "b", "unknown", dt.UNKNOWN, "a")]
    assert [d.trace[0].answer for d in enum_only] == ["a", "b", dt.UNKNOWN, dt.UNKNOWN, "a"]
    assert [d.answers["e"] for d in enum_only] == ["a", "b", dt.UNKNOWN, dt.UNKNOWN, "a"]
    expected = ["a", "b", "unknown", "unknown", "a"]
    assert [json.loads(d.to_json())["answers"]["e"] for d in enum_only] == expected
    assert "→ B" in enum_only[1].explain()
    assert "→ A" in enum_only[4].explain()
    cases = [
        {"e": "a", "f": True, "n": 1, "s": ["y"]},
        {"e": "b", "f": True, "n": 2.5, "s": frozenset({"y"})},
        {"e": "a", "f": True, "n": 7, "s": []},
    ]
    decisions = [tree.evaluate(case) for case in cases]
    assert {d.path for d in decisions} == {("e", "f", "n", "s", "go")}
    assert [d.trace[2].answer for d in decisions] == [1, 2.5, 7]
    assert [d.trace[3].answer for d in decisions] == [frozenset({"y"}), frozenset({"y"}), frozenset()]
    assert [json.loads(d.to_json())["answers"] for d in decisions] == [
        {"e": "a", "f": True, "n": 1, "s": ["y"]},
        {"e": "b", "f": True, "n": 2.5, "s": ["y"]},
        {"e": "a", "f": True, "n": 7, "s": []},
    ]
    assert ["→ 2.5" in d.explain() for d in decisions] == [False, True, False]
    for decision, case in zip(decisions, cases, strict=True):
        plain = dt.Decision._create(tree, list(decision.path), decision.outcome, case)
        assert decision.to_json() == plain.to_json()
        assert decision.explain("nl") == plain.explain("nl")
    # Steps are kept by answer: numbers that are equal but written apart keep their own step.
    numbers = [1, 1.0, 1, 1.0, 0, 0.0, -0.0, 0.0, -0.0, 0]
    again = [tree.evaluate({"e": "a", "f": True, "n": n, "s": []}) for n in numbers]
    for decision, n in zip(again, numbers, strict=True):
        step = decision.trace[2]
        assert (type(step.answer), repr(step.answer)) == (type(n), repr(n))
        assert f'"answer": {n!r}' in decision.to_json()
        assert (
            decision.to_json()
            == dt.Decision._create(
                tree, list(decision.path), decision.outcome, {"e": "a", "f": True, "n": n, "s": []}
            ).to_json()
        )
