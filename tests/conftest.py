"""Shared fixtures: ``backend`` runs a test once per evaluation backend (native, durable-rules, and
the explorer page's JavaScript evaluator run in node).

Under CI (``CI`` set) hypothesis runs derandomized, so that a red run can be reproduced exactly;
elsewhere every run explores new examples.
"""

from __future__ import annotations

import importlib.util
import os
from collections.abc import Callable, Iterator, Mapping
from typing import Any, Protocol

import pytest
from hypothesis import HealthCheck, settings

import decision_trees as dt

# the machines that run us are shared and slow at times: slow generation or a slow example is not
# a failure (speed is shown in benchmarks, never in timed unit tests)
settings.register_profile("shared", suppress_health_check=[HealthCheck.too_slow], deadline=None)
settings.register_profile("ci", parent=settings.get_profile("shared"), derandomize=True, print_blob=True)
settings.load_profile("ci" if os.environ.get("CI") else "shared")


@pytest.fixture(autouse=True)
def _english_locale(monkeypatch: pytest.MonkeyPatch) -> None:
    """Tests read English unless they ask for Dutch, whatever the machine's locale."""
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        monkeypatch.delenv(name, raising=False)


BACKENDS = ("native", "durable", "page")
DURABLE_MISSING = "durable-rules is not installed (pip install 'kennisveiligheid[durable]')"


def durable_installed() -> bool:
    """Whether the durable-rules package (and its compiled engine) can be imported."""
    return all(importlib.util.find_spec(name) is not None for name in ("durable", "durable_rules_engine"))


class Evaluator(Protocol):
    """What the conformance suite needs from a backend."""

    name: str

    def evaluate(self, answers: Mapping[str, Any]) -> dt.Decision: ...

    def decide(self, answers: Mapping[str, Any]) -> dt.Outcome: ...


class NativeEvaluator:
    """The engine itself: ``tree.evaluate`` and ``tree.decide``."""

    name = "native"

    def __init__(self, tree: dt.Tree) -> None:
        self.tree = tree

    def evaluate(self, answers: Mapping[str, Any]) -> dt.Decision:
        return self.tree.evaluate(answers)

    def decide(self, answers: Mapping[str, Any]) -> dt.Outcome:
        return self.tree.decide(answers)


class DurableEvaluator:
    """The tree compiled to durable-rules (``decision_trees.backends.durable``)."""

    name = "durable"

    def __init__(self, tree: dt.Tree) -> None:
        from decision_trees.backends.durable import DurableBackend

        self.backend = DurableBackend(tree)

    def evaluate(self, answers: Mapping[str, Any]) -> dt.Decision:
        return self.backend.evaluate(answers)

    def decide(self, answers: Mapping[str, Any]) -> dt.Outcome:
        return self.backend.decide(answers)


class PageEvaluator:
    """The explorer page's JavaScript evaluator (``decision_trees/explorer.js``), run in node.

    Its results become a :class:`Decision` or the library's errors, so the conformance suite can
    judge it like the others; the answers it read must equal the ones ``Tree.evaluate`` reads.
    """

    name = "page"

    def __init__(self, tree: dt.Tree) -> None:
        from explorer_support import NodeEvaluator

        self.tree = tree
        self.node = NodeEvaluator(tree)

    def evaluate(self, answers: Mapping[str, Any]) -> dt.Decision:
        from decision_trees.answers import answer_to_json

        result = self.node.run(answers)
        status = result["status"]
        if status == "missing":
            raise dt.MissingAnswerError(result["input"], result["node"])
        if status == "invalid":
            key = result["input"]
            raise dt.InvalidAnswerError(key, answers.get(key), result["reason"])
        if status == "no_branch":
            key = result["input"]
            value = self.tree.parse_answers({key: result["value"]})[key]
            raise dt.NoBranchMatchedError(result["node"], key, value)
        assert status == "decided", result
        outcome = self.tree.nodes[result["outcome"]]
        assert isinstance(outcome, dt.Outcome)
        decision = dt.Decision._create(self.tree, list(result["path"]), outcome, dict(answers))
        read = [[key, answer_to_json(value)] for key, value in decision.answers.items()]
        from explorer_support import _decode

        assert _decode(read) == _decode(result["read"]), (read, result["read"])
        return decision

    def decide(self, answers: Mapping[str, Any]) -> dt.Outcome:
        return self.evaluate(answers).outcome


Backend = Callable[[dt.Tree], Evaluator]


@pytest.fixture(
    params=[pytest.param(name, marks=[pytest.mark.durable] if name == "durable" else []) for name in BACKENDS]
)
def backend(request: pytest.FixtureRequest) -> Iterator[Backend]:
    """``backend(tree)``: an evaluator for ``tree`` on each backend in turn (one per tree, reused)."""
    name: str = request.param
    if name == "durable" and not durable_installed():
        pytest.skip(DURABLE_MISSING)
    made: dict[str, Evaluator] = {}
    if name == "page":
        from explorer_support import NO_NODE, NODE

        if NODE is None:
            pytest.skip(NO_NODE)
        made = request.getfixturevalue("page_evaluators")  # node processes live for the session
    kinds: dict[str, Callable[[dt.Tree], Evaluator]] = {
        "native": NativeEvaluator,
        "durable": DurableEvaluator,
        "page": PageEvaluator,
    }

    def make(tree: dt.Tree) -> Evaluator:
        key = tree.content_hash
        if key not in made:
            made[key] = kinds[name](tree)
        return made[key]

    yield make
    for evaluator in made.values():
        if isinstance(evaluator, DurableEvaluator):
            evaluator.backend.close()


@pytest.fixture(scope="session")
def page_evaluators() -> Iterator[dict[str, Evaluator]]:
    """The page backend's node processes, one per tree, shared by the whole session."""
    made: dict[str, Evaluator] = {}
    yield made
    for evaluator in made.values():
        if isinstance(evaluator, PageEvaluator):
            evaluator.node.close()


def result_of(
    evaluate: Callable[[Mapping[str, Any]], dt.Decision], answers: Mapping[str, Any]
) -> tuple[Any, ...]:
    """A comparable summary of evaluating ``answers``: outcome and path, or the error and its fields."""
    try:
        decision = evaluate(answers)
    except dt.MissingAnswerError as exc:
        return ("missing", exc.input, exc.node)
    except dt.NoBranchMatchedError as exc:
        return ("no_branch", exc.node, exc.input, repr(exc.value))
    except dt.InvalidAnswerError as exc:
        return ("invalid", exc.input, str(exc))
    return ("decided", decision.outcome_id, decision.path)


@pytest.fixture
def summarise() -> Callable[[Callable[[Mapping[str, Any]], dt.Decision], Mapping[str, Any]], tuple[Any, ...]]:
    """:func:`result_of` as a fixture, for test modules."""
    return result_of
