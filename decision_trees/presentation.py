"""What every output says about a decision, as facts first and words second.

The trace holds structured facts (which node, which answer, which condition held); this module
turns them into the few things a reader needs, in the reader's language, at presentation time:

- :func:`established`: *permitted* and *desirable* as the path established them (a path that got
  past every node from which a "not permitted" outcome can still be reached has established
  "permitted", even when the outcome itself leaves it open);
- :func:`answer_summary`: an answer as a reader sees it, long lists summarised;
- :func:`reasons`: why a rule held (or did not), as short phrases naming the conditions that
  decided it and the answers that made them so, never the nested logic;
- :func:`held_mark`: the one ✓ / ✗ / ? flag of every output.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Literal

from decision_trees._walk import as_rule_ref, as_test, kind
from decision_trees.answers import UNKNOWN
from decision_trees.conditions import ConditionResult, value_text
from decision_trees.model import Citation, Lang, Question, Rule, SetInput, Source
from decision_trees.words import word

if TYPE_CHECKING:
    from decision_trees.decision import Decision, TraceStep
    from decision_trees.model import Tree

__all__ = [
    "MARKS",
    "Reason",
    "answer_summary",
    "citation_note",
    "condition_text",
    "established",
    "flag_text",
    "held_mark",
    "reasons",
    "rule_text",
    "source_line",
    "step_reasons",
]

#: The flag of a condition that held, did not hold, or could not be evaluated.
MARKS: Mapping[bool | None, str] = {True: "✓", False: "✗", None: "?"}


def held_mark(held: bool | None) -> str:
    """``✓`` (held), ``✗`` (did not hold) or ``?`` (open: an answer it needs is missing)."""
    return MARKS[held]


def rule_text(tree: Tree, lang: Lang) -> Callable[[str], str]:
    """A function naming a rule by its text in ``lang`` (for :meth:`ConditionResult.text`)."""

    def text(rule_id: str) -> str:
        rule = tree.nodes.get(rule_id)
        return rule.text.get(lang) if isinstance(rule, Rule) else rule_id

    return text


def condition_text(tree: Tree, result: ConditionResult, lang: Lang) -> str:
    """A condition result's condition in words, in ``lang``, with the tree's labels."""
    return result.text(tree.inputs, lang, rule_text(tree, lang))


def flag_text(value: bool | None, lang: Lang) -> str:
    """yes / no / not assessed."""
    return word("not_assessed" if value is None else "yes" if value else "no", lang)


# ----------------------------------------------------------------------------------------------
# Permitted and desirable, as the path established them


def _successors(tree: Tree, node_id: str) -> list[str]:
    node = tree.nodes[node_id]
    if isinstance(node, Question):
        found = [branch.next for branch in node.branches]
        return found + ([node.otherwise] if node.otherwise else [])
    if isinstance(node, Rule):
        return [n for n in (node.then, node.else_) if n]
    return []


def _reaching(tree: Tree, targets: set[str]) -> set[str]:
    """The nodes from which one of ``targets`` can be reached (``targets`` included)."""
    parents: dict[str, list[str]] = {}
    for node_id in tree.nodes:
        for nxt in _successors(tree, node_id):
            parents.setdefault(nxt, []).append(node_id)
    found, todo = set(targets), list(targets)
    while todo:
        for parent in parents.get(todo.pop(), ()):
            if parent not in found:
                found.add(parent)
                todo.append(parent)
    return found


def _established(decision: Decision, field: Literal["permitted", "desirable"]) -> bool | None:
    value: bool | None = getattr(decision.outcome, field)
    if value is not None or field == "desirable":
        return value
    tree = decision.tree
    negative = {o.id for o in tree.outcomes.values() if getattr(o, field) is False}
    steps = decision.path[:-1]
    if not negative or not steps:
        return None
    reaching = _reaching(tree, negative)
    passed = steps[-1] not in reaching and any(node_id in reaching for node_id in steps)
    return True if passed else None


def established(decision: Decision) -> tuple[bool | None, bool | None]:
    """``(permitted, desirable)`` as the path established them.

    The outcome's own value when it has one. Otherwise, for *permitted* (a gate of checks),
    ``True`` when the path has left behind every node from which an outcome saying "not
    permitted" could still be reached, derived from the tree's shape so it holds for any tree.
    An outcome that leaves *desirable* open hands that judgement to people (an adviser or a
    committee, who may still say "not desirable"), so the path never claims it: ``None``.
    """
    return _established(decision, "permitted"), _established(decision, "desirable")


# ----------------------------------------------------------------------------------------------
# Answers


def answer_summary(tree: Tree, input_id: str, value: Any, lang: Lang, limit: int = 4) -> str:
    """An answer as a reader sees it; a set answer from a long list says how many of how many
    were chosen ("2 of the 10 listed: AI, quantum") and names at most ``limit`` of them."""
    decl = tree.inputs.get(input_id)
    if isinstance(decl, SetInput) and isinstance(value, frozenset | set | tuple | list):
        if not value:
            return word("none", lang)
        chosen = [label.get(lang) for key, label in decl.values.items() if key in value]
        shown = ", ".join(chosen[:limit])
        if len(chosen) > limit:
            shown += f" {word('and_more', lang, k=len(chosen) - limit)}"
        if len(decl.values) > limit + 2:
            return f"{word('of_listed', lang, k=len(chosen), n=len(decl.values))}: {shown}"
        return shown
    if value is UNKNOWN:
        return word("unknown", lang)
    return value_text(decl, value, lang)


# ----------------------------------------------------------------------------------------------
# Why a rule held


@dataclass(frozen=True, slots=True)
class Reason:
    """One decisive part of a rule: a named condition (``group``, or ``None`` at the top) and the
    answers that decided it, as ``(question label, answer)`` pairs, with whether it ``held``."""

    group: str | None
    held: bool | None
    answers: tuple[tuple[str, str], ...]

    def text(self, lang: Lang) -> str:
        """One short phrase: ``Group (label: answer; label: answer)`` for a part that held; for a
        named part that did not, just ``not group`` (its answers are listed with the questions)."""
        parts = "; ".join(f"{label}: {answer}" for label, answer in self.answers)
        if self.group is None:
            return parts
        if self.held is False:
            group = self.group
            if len(group) > 1 and group[0].isupper() and group[1].islower():
                group = group[0].lower() + group[1:]
            return f"{word('not', lang)} {group}"
        return f"{self.group}" + (f" ({parts})" if parts else "")


def _decisive(result: ConditionResult) -> tuple[ConditionResult, ...]:
    """The parts of an all / any / at-least that decided it."""
    parts = result.children
    of = kind(result.condition)
    if of in ("any", "at_least") and result.held:
        return tuple(p for p in parts if p.held)
    if of == "all" and result.held is False:
        return tuple(p for p in parts if p.held is False) or tuple(p for p in parts if p.held is None)
    if of == "any" and result.held is False:
        return tuple(p for p in parts if p.held is False)
    return parts


def _leaves(
    tree: Tree, result: ConditionResult, answers: Mapping[str, Any], lang: Lang
) -> list[tuple[str, str]]:
    condition = as_test(result.condition)
    if condition is not None:
        assert condition.input is not None
        decl = tree.inputs[condition.input]
        if condition.input in answers:
            shown = answer_summary(tree, condition.input, answers[condition.input], lang)
        else:
            shown = word("not_asked", lang)
        return [(decl.label.get(lang), shown)]
    if kind(result.condition) in ("rule", "not"):
        return _leaves(tree, result.children[0], answers, lang)
    found: list[tuple[str, str]] = []
    for part in _decisive(result):
        for leaf in _leaves(tree, part, answers, lang):
            if leaf not in found:
                found.append(leaf)
    return found


def reasons(tree: Tree, result: ConditionResult, answers: Mapping[str, Any], lang: Lang) -> list[Reason]:
    """The decisive parts of a rule's condition, one :class:`Reason` per named condition (a rule
    it refers to) or per question answered directly, in the order of the condition."""
    found: list[Reason] = []

    def go(part: ConditionResult) -> None:
        condition = as_rule_ref(part.condition)
        if condition is not None:
            rule = tree.nodes[condition.rule]
            group = rule.text.get(lang) if isinstance(rule, Rule) else condition.rule
            found.append(Reason(group, part.held, tuple(_leaves(tree, part, answers, lang))))
        elif kind(part.condition) in ("test", "not"):
            found.append(Reason(None, part.held, tuple(_leaves(tree, part, answers, lang))))
        else:
            for child in _decisive(part):
                go(child)

    go(result)
    merged: list[Reason] = []
    for reason in found:  # top-level answers side by side in one phrase
        if merged and reason.group is None and merged[-1].group is None and merged[-1].held == reason.held:
            extra = tuple(a for a in reason.answers if a not in merged[-1].answers)
            merged[-1] = Reason(None, reason.held, merged[-1].answers + extra)
        elif reason not in merged:
            merged.append(reason)
    return merged


def step_reasons(decision: Decision, step: TraceStep, lang: Lang) -> list[Reason]:
    """:func:`reasons` for a rule step of ``decision``'s trace (empty for other steps)."""
    if step.conditions is None:
        return []
    return reasons(decision.tree, step.conditions, decision.answers, lang)


def citation_note(citation: Citation, lang: Lang) -> str:
    """What a citation mark says beside its number: the provenance in words, and the section."""
    section = citation.section_in(lang)
    return word(citation.provenance, lang) + (f", {section}" if section else "")


def source_line(
    source: Source, text: Callable[[str], str], link: Callable[[str, str], str], lang: Lang = "en"
) -> str:
    """A source as listed under a report, in ``lang`` where the tree gives it: title
    (``link(title, url)`` where it has an address), publisher, note and date. ``text`` escapes a
    field for the output's format."""
    first, *rest = source.parts(lang)
    title = text(first)
    parts = [link(title, source.url) if source.url else title, *(text(part) for part in rest)]
    parts.append(source.date.isoformat())
    return ", ".join(parts)
