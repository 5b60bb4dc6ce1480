"""The condition language: type-checking against inputs, compiling to predicates, and explaining.

Conditions are data (see :mod:`decision_trees.model`). An ``UNKNOWN`` answer satisfies only
``is_unknown: true`` (and ``is_unknown: false`` holds for every known answer); every other test
on an unknown answer is false, and ``all``/``any``/``not``/``at_least`` combine as usual.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import Any

from decision_trees._walk import ConditionVisitor, rule_refs, tests_in
from decision_trees.answers import UNKNOWN
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
    Lang,
    NotOf,
    NumberInput,
    Question,
    Rule,
    RuleRef,
    SetInput,
    Test,
    TextInput,
    Tree,
)
from decision_trees.words import error_text

__all__ = [
    "COLLECTION_OPERATORS",
    "OPERATORS",
    "ConditionResult",
    "check_test",
    "compile_test",
    "describe",
    "operands_by_input",
    "rule_refs",
    "tests_in",
]

ValuePredicate = Callable[[Any], bool]

_ORDERED = ("lt", "le", "gt", "ge", "between")
_COMPARABLE = ("equals", "not_equals", "one_of", "none_of", *_ORDERED, "is_unknown")

OPERATORS: Mapping[str, tuple[str, ...]] = MappingProxyType(
    {
        "boolean": ("equals", "not_equals", "is_unknown"),
        "enum": ("equals", "not_equals", "one_of", "none_of", "is_unknown"),
        "set": ("contains_any", "contains_all", "contains_none", "is_unknown"),
        "number": _COMPARABLE,
        "integer": _COMPARABLE,
        "date": _COMPARABLE,
        "text": (),
    }
)
"""The test operators that apply to an input of each type (the one table: type-checking, the
strategies that draw trees and the analyses read it)."""

COLLECTION_OPERATORS: tuple[str, ...] = ("one_of", "none_of", "contains_any", "contains_all", "contains_none")
"""The operators whose operand is a list of values."""


def operands_by_input(tree: Tree, *, invariants: bool = False) -> dict[str, list[Any]]:
    """Every operand each input is tested against, anywhere in ``tree`` (in questions' branches
    and rules; with ``invariants``, in the conditions of its ``only_if`` invariants too)."""
    found: dict[str, list[Any]] = {key: [] for key in tree.inputs}
    conditions: list[tuple[Condition, str | None]] = []
    for node in tree.nodes.values():
        if isinstance(node, Question):
            conditions += [(b.when, node.input) for b in node.branches]
        elif isinstance(node, Rule):
            conditions.append((node.condition, None))
    if invariants:
        conditions += [(i.only_if.condition, None) for i in tree.invariants if i.only_if is not None]
    for condition, implied in conditions:
        for test, _ in tests_in(condition):
            key = test.input or implied
            if key in found and test.operator != "is_unknown":
                operand = test.operand
                found[key].extend(operand if isinstance(operand, tuple) else (operand,))
    return found


# ----------------------------------------------------------------------------------------------
# Type-checking


class _Unfit(ValueError):
    """An operand that does not fit its input: the message ``key`` and its ``facts`` (English text)."""

    def __init__(self, key: str, **facts: Any) -> None:
        super().__init__(error_text(key, "en", facts))
        self.key = key
        self.facts = facts


def _as_value(decl: Input, raw: Any) -> Any:
    """The operand ``raw`` as a value of ``decl``'s type; raises ``ValueError`` with a reason."""
    if isinstance(decl, BooleanInput):
        if isinstance(raw, bool):
            return raw
        raise _Unfit("DT142.boolean", value=raw)
    if isinstance(decl, EnumInput | SetInput):
        if isinstance(raw, str) and raw in decl.values:
            return raw
        raise _Unfit("DT142.values", value=raw, values=", ".join(decl.values))
    if isinstance(decl, NumberInput | IntegerInput):
        if isinstance(raw, bool) or not isinstance(raw, int | float):
            raise _Unfit("DT142.number", value=raw)
        if not math.isfinite(raw):
            raise _Unfit("DT142.finite", value=raw)
        return raw
    if isinstance(decl, DateInput):
        if isinstance(raw, str):
            try:
                return dt.date.fromisoformat(raw)
            except ValueError:
                raise _Unfit("DT142.date_text", value=raw) from None
        if isinstance(raw, dt.date) and not isinstance(raw, dt.datetime):
            return raw
        raise _Unfit("DT142.date", value=raw)
    raise _Unfit("DT140.branch")


def check_test(test: Test, decl: Input) -> list[tuple[str, dict[str, Any]]]:
    """Problems of ``test`` against its input: a list of ``(message key, facts)`` for the error
    catalogue (:func:`decision_trees.words.error_text`; the code is the key before the dot)."""
    op = test.operator
    allowed = OPERATORS[decl.type]
    if isinstance(decl, TextInput):
        return [("DT140.text", {})]
    if op not in allowed:
        return [("DT141.operator", {"operator": op, "type": decl.type, "allowed": ", ".join(allowed)})]
    if op == "is_unknown":
        if test.is_unknown and not decl.allow_unknown:
            return [("DT143.never", {})]
        return []
    operands = test.operand if isinstance(test.operand, tuple) else (test.operand,)
    problems: list[tuple[str, dict[str, Any]]] = []
    for raw in operands:
        try:
            _as_value(decl, raw)
        except _Unfit as exc:
            problems.append((exc.key, exc.facts))
    if op == "between" and not problems:
        low, high = (_as_value(decl, v) for v in test.operand)
        if low > high:
            problems.append(("DT142.between", {"low": low, "high": high}))
    return problems


# ----------------------------------------------------------------------------------------------
# Compiling


def compile_test(test: Test, decl: Input) -> ValuePredicate:
    """A predicate over one (already checked) answer value for ``test``. Type-check first."""
    op = test.operator
    if op == "is_unknown":
        if test.is_unknown:
            return lambda v: v is UNKNOWN
        return lambda v: v is not UNKNOWN
    raw = test.operand
    if op in COLLECTION_OPERATORS:
        values = frozenset(_as_value(decl, r) for r in raw)
        return _collection_predicate(op, values)
    if op == "between":
        low, high = (_as_value(decl, r) for r in raw)
        return lambda v: v is not UNKNOWN and low <= v <= high
    x = _as_value(decl, raw)
    if op == "equals":
        return lambda v: v is not UNKNOWN and v == x
    if op == "not_equals":
        return lambda v: v is not UNKNOWN and v != x
    if op == "lt":
        return lambda v: v is not UNKNOWN and v < x
    if op == "le":
        return lambda v: v is not UNKNOWN and v <= x
    if op == "gt":
        return lambda v: v is not UNKNOWN and v > x
    if op == "ge":
        return lambda v: v is not UNKNOWN and v >= x
    raise AssertionError(op)  # pragma: no cover - every operator is handled above


def _collection_predicate(op: str, values: frozenset[Any]) -> ValuePredicate:
    if op == "one_of":
        return lambda v: v is not UNKNOWN and v in values
    if op == "none_of":
        return lambda v: v is not UNKNOWN and v not in values
    if op == "contains_any":
        return lambda v: v is not UNKNOWN and not values.isdisjoint(v)
    if op == "contains_all":
        return lambda v: v is not UNKNOWN and values <= v
    return lambda v: v is not UNKNOWN and values.isdisjoint(v)  # contains_none


# ----------------------------------------------------------------------------------------------
# Explaining


@dataclass(frozen=True, slots=True)
class ConditionResult:
    """How one (sub-)condition came out for a case: ``held`` is ``None`` when it could not be
    evaluated because an answer it needs is missing.

    A fact, with no words: :meth:`text` says it in a language, when it is shown.
    """

    condition: Condition
    held: bool | None
    children: tuple[ConditionResult, ...] = ()

    def text(
        self, inputs: Mapping[str, Input], lang: Lang = "en", rule_text: Callable[[str], str] | None = None
    ) -> str:
        """The condition as a readable phrase in ``lang`` (see :func:`describe`)."""
        return describe(self.condition, inputs, lang, rule_text=rule_text)

    def to_dict(
        self, inputs: Mapping[str, Input] | None = None, rule_text: Callable[[str], str] | None = None
    ) -> dict[str, Any]:
        """Plain data, for JSON: each part in English words, and whether it held."""
        data: dict[str, Any] = {"condition": self.text(inputs or {}, "en", rule_text), "held": self.held}
        if self.children:
            data["parts"] = [c.to_dict(inputs, rule_text) for c in self.children]
        return data


_WORDS: dict[str, dict[Lang, str]] = {
    "equals": {"en": "is", "nl": "is"},
    "not_equals": {"en": "is not", "nl": "is niet"},
    "one_of": {"en": "is one of", "nl": "is een van"},
    "none_of": {"en": "is none of", "nl": "is geen van"},
    "lt": {"en": "is below", "nl": "is lager dan"},
    "le": {"en": "is at most", "nl": "is hoogstens"},
    "gt": {"en": "is above", "nl": "is hoger dan"},
    "ge": {"en": "is at least", "nl": "is minstens"},
    "between": {"en": "is between", "nl": "ligt tussen"},
    "contains_any": {"en": "includes any of", "nl": "bevat een van"},
    "contains_all": {"en": "includes all of", "nl": "bevat alle"},
    "contains_none": {"en": "includes none of", "nl": "bevat geen van"},
    "unknown": {"en": "is unknown", "nl": "is onbekend"},
    "known": {"en": "is known", "nl": "is bekend"},
    "all": {"en": "all of", "nl": "alle"},
    "any": {"en": "any of", "nl": "een van"},
    "not": {"en": "not", "nl": "niet"},
    "at_least": {"en": "at least {k} of", "nl": "minstens {k} van"},
    "rule": {"en": "rule", "nl": "regel"},
    "yes": {"en": "yes", "nl": "ja"},
    "no": {"en": "no", "nl": "nee"},
    "and": {"en": "and", "nl": "en"},
}


def word(key: str, lang: Lang) -> str:
    """A word of the condition vocabulary in ``lang``."""
    return _WORDS[key][lang]


def value_text(decl: Input | None, value: Any, lang: Lang) -> str:
    """An answer or operand value as a reader sees it (labels for enum and set values)."""
    if value is UNKNOWN:
        return word("unknown", lang).split()[-1]
    if isinstance(value, bool):
        return word("yes" if value else "no", lang)
    if isinstance(decl, EnumInput | SetInput):
        if isinstance(value, frozenset | set | list | tuple):
            return ", ".join(value_text(decl, v, lang) for v in sorted(value)) or "—"
        label = decl.values.get(value) if isinstance(value, str) else None
        return label.get(lang) if label else str(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def describe(
    condition: Condition,
    inputs: Mapping[str, Input],
    lang: Lang = "en",
    implied_input: str | None = None,
    rule_text: Callable[[str], str] | None = None,
) -> str:
    """``condition`` as a readable phrase, e.g. ``Technology areas includes any of: AI, Quantum``."""
    return _Describe(inputs, lang, implied_input, rule_text).visit(condition)


@dataclass(frozen=True, slots=True)
class _Describe(ConditionVisitor[str]):
    inputs: Mapping[str, Input]
    lang: Lang
    implied_input: str | None
    rule_text: Callable[[str], str] | None

    def test(self, condition: Test) -> str:
        lang = self.lang
        input_id = condition.input or self.implied_input or "?"
        decl = self.inputs.get(input_id)
        subject = decl.label.get(lang) if decl else input_id
        op = condition.operator
        if op == "is_unknown":
            return f"{subject} {word('unknown' if condition.is_unknown else 'known', lang)}"
        operand = condition.operand
        if op == "between":
            low, high = (value_text(decl, v, lang) for v in operand)
            return f"{subject} {word(op, lang)} {low} {word('and', lang)} {high}"
        if isinstance(operand, tuple):
            shown = ", ".join(value_text(decl, v, lang) for v in operand)
            return f"{subject} {word(op, lang)}: {shown}"
        return f"{subject} {word(op, lang)} {value_text(decl, operand, lang)}"

    def _list(self, head: str, parts: tuple[Condition, ...]) -> str:
        return f"{head} ({'; '.join(self.visit(c) for c in parts)})"

    def all_of(self, condition: AllOf) -> str:
        return self._list(word("all", self.lang), condition.all)

    def any_of(self, condition: AnyOf) -> str:
        return self._list(word("any", self.lang), condition.any)

    def not_of(self, condition: NotOf) -> str:
        return f"{word('not', self.lang)} ({self.visit(condition.not_)})"

    def at_least(self, condition: AtLeast) -> str:
        return self._list(word("at_least", self.lang).format(k=condition.at_least), condition.of)

    def rule_ref(self, condition: RuleRef) -> str:
        if self.rule_text:
            return self.rule_text(condition.rule)
        return f"{word('rule', self.lang)} {condition.rule}"
