"""Counterfactuals: the fewest changed answers that would have led to another outcome.

For every path of the tree to another outcome (or to ``target``), the answers of the decision
that lie outside that path's region must change; the new values are the closest ones inside it.
The change sets that are smallest for their outcome (no other set for that outcome is a part of
them) are returned, fewest changes first, each checked by evaluating the changed answers.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from decision_trees._paths import Space, explore
from decision_trees.answers import answer_to_json
from decision_trees.conditions import value_text
from decision_trees.errors import AnswerError, DecisionTreeError
from decision_trees.model import Input, Lang, Outcome

if TYPE_CHECKING:
    from decision_trees.decision import Decision

__all__ = ["Change", "Counterfactual", "UnknownOutcomeError", "counterfactuals"]


class UnknownOutcomeError(DecisionTreeError, LookupError):
    """The target of a counterfactual is not an outcome of the tree."""

    code = "DT220"

    def __init__(self, target: str, outcomes: list[str]) -> None:
        self.target = target
        super().__init__(f"{target!r} is not an outcome of the tree; choose one of {', '.join(outcomes)}")

    def __str__(self) -> str:
        return str(self.args[0])


@dataclass(frozen=True)
class Change:
    """One answer to change: ``before`` is ``None`` where the decision did not have the answer."""

    input: str
    before: Any
    after: Any
    answered: bool = True

    def to_dict(self) -> dict[str, Any]:
        """Plain data for JSON."""
        return {
            "input": self.input,
            "before": answer_to_json(self.before) if self.answered else None,
            "after": answer_to_json(self.after),
        }


@dataclass(frozen=True)
class Counterfactual:
    """Changed answers and the decision they lead to."""

    changes: tuple[Change, ...]
    decision: Decision

    @property
    def outcome(self) -> Outcome:
        """The outcome the changed answers reach."""
        return self.decision.outcome

    @property
    def outcome_id(self) -> str:
        """The id of :attr:`outcome`."""
        return self.decision.outcome_id

    @property
    def answers(self) -> dict[str, Any]:
        """The answers with the changes made (the answers the new path reads)."""
        return dict(self.decision.answers)

    def explain(self, lang: Lang = "en") -> str:
        """E.g. "With Exit clause signed: yes (instead of no), this would be 'Go with measures'."."""
        inputs = self.decision.tree.inputs
        parts = []
        for change in self.changes:
            decl = inputs[change.input]
            after = _value(decl, change.after, lang)
            if change.answered:
                before = _value(decl, change.before, lang)
                instead = f"in plaats van {before}" if lang == "nl" else f"instead of {before}"
            else:
                instead = "nog niet beantwoord" if lang == "nl" else "not answered yet"
            parts.append(f"{decl.label.get(lang)}: {after} ({instead})")
        joined = _join(parts, lang)
        label = self.outcome.label.get(lang)
        if lang == "nl":
            return f"Met {joined} zou de uitkomst '{label}' zijn."
        return f"With {joined}, this would be '{label}'."

    def to_dict(self) -> dict[str, Any]:
        """Plain data for JSON."""
        return {
            "outcome": self.outcome_id,
            "severity": self.outcome.severity,
            "changes": [c.to_dict() for c in self.changes],
        }


def _value(decl: Input, value: Any, lang: Lang) -> str:
    if isinstance(value, frozenset) and not value:
        return "(geen)" if lang == "nl" else "(none)"
    return value_text(decl, value, lang)


def _join(parts: list[str], lang: Lang) -> str:
    if len(parts) <= 1:
        return "".join(parts)
    last = " en " if lang == "nl" else " and "
    return ", ".join(parts[:-1]) + last + parts[-1]


def counterfactuals(
    decision: Decision,
    target: str | None = None,
    *,
    max_changes: int = 3,
    answers: Mapping[str, Any] | None = None,
) -> list[Counterfactual]:
    """The smallest sets of changed answers that lead to another outcome (or to ``target``).

    ``answers`` are the answers to start from (default: those the decision was given); an input
    without an answer counts as a change where a path needs it. At most ``max_changes`` answers
    change in each counterfactual. Results come fewest changes first, then in the order of the
    outcomes in the tree.
    """
    tree = decision.tree
    if target is not None and target not in tree.outcomes:
        raise UnknownOutcomeError(target, list(tree.outcomes))
    given = _given(decision, answers)
    space = Space(tree.inputs)
    analysis = explore(tree, space, checks=False)
    current = decision.outcome_id
    candidates: dict[tuple[str, tuple[tuple[str, str], ...]], tuple[Change, ...]] = {}
    for leaf in analysis.leaves:
        outcome = leaf.outcome
        if outcome is None or outcome == current or (target is not None and outcome != target):
            continue
        changes = _changes(space, leaf.store, analysis.keys(leaf.link), given)
        if changes is None or len(changes) > max_changes:
            continue
        key = (outcome, tuple(sorted((c.input, repr(answer_to_json(c.after))) for c in changes)))
        candidates.setdefault(key, changes)
    results: list[Counterfactual] = []
    order = {outcome_id: i for i, outcome_id in enumerate(tree.outcomes)}
    ranked = sorted(candidates.items(), key=lambda item: (len(item[1]), order[item[0][0]], item[0][1]))
    kept: dict[str, list[frozenset[str]]] = {}
    for (outcome, _), changes in ranked:
        names = frozenset(c.input for c in changes)
        if any(smaller <= names for smaller in kept.get(outcome, [])):
            continue  # a smaller change set already reaches this outcome
        updated = {**given, **{c.input: c.after for c in changes}}
        try:
            new = tree.evaluate(updated)
        except AnswerError:
            continue  # only possible where the analysis had to approximate
        if new.outcome_id != outcome:
            continue
        kept.setdefault(outcome, []).append(names)
        results.append(Counterfactual(changes, new))
    return results


def _given(decision: Decision, answers: Mapping[str, Any] | None) -> dict[str, Any]:
    """The answers to start from: ``answers``, else every answer the decision was given (also
    those its path did not read), each checked; an answer the tree would reject is left out."""
    raw = answers
    if raw is None:
        # ``Decision`` keeps the answers it was given; the public ``answers`` holds only those read.
        raw = decision.given
    given: dict[str, Any] = {}
    for key, value in raw.items():
        try:
            given.update(decision.tree.parse_answers({key: value}))
        except AnswerError:
            continue
    return given


def _changes(
    space: Space, store: Any, read: list[str], given: Mapping[str, Any]
) -> tuple[Change, ...] | None:
    """What must change in ``given`` to land in ``store``; unanswered inputs the path reads count."""
    changes: list[Change] = []
    for key in read:
        index = space.index.get(key)
        if index is None:
            continue
        region = space.region(store, index)
        if key in given:
            value = given[key]
            if value in region:
                continue
            changes.append(Change(key, value, region.witness(value)))
        else:
            changes.append(Change(key, None, region.witness(), answered=False))
    return tuple(changes)
