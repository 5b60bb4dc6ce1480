"""A rule's condition in a few words, for drawings: ``Sensitive knowledge area AND risky country``.

Unlike :func:`decision_trees.conditions.describe` (every value spelt out, for explanations), this
names other rules by their text, says how many values a long list has instead of listing them,
and shortens long ``any``/``all`` groups, so that a rule node stays a few lines high.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from decision_trees._drawing import clean, word
from decision_trees._walk import ConditionVisitor, as_test, combination
from decision_trees.conditions import value_text
from decision_trees.conditions import word as condition_word
from decision_trees.model import (
    AllOf,
    AnyOf,
    AtLeast,
    Condition,
    Input,
    Lang,
    NotOf,
    Rule,
    RuleRef,
    Test,
    Tree,
)

#: A list longer than this is counted, not spelt out.
LIST_LIMIT = 2
#: An ``any``/``all`` group longer than this (in characters) shows its first two parts and a count.
GROUP_LIMIT = 110

_LIST_OPERATORS = {
    "one_of": "one_of",
    "contains_any": "one_of",
    "none_of": "none_of",
    "contains_none": "none_of",
    "contains_all": "all_of",
}


def _value(decl: Input | None, value: object, lang: Lang) -> str:
    """A value's label without a trailing explanation in brackets: ``serious concerns``."""
    text = clean(value_text(decl, value, lang))
    if text.endswith(")") and " (" in text:
        text = text[: text.index(" (")]
    return text


def _test(test: Test, inputs: Mapping[str, Input], lang: Lang) -> str:
    input_id = test.input or "?"
    decl = inputs.get(input_id)
    subject = clean(decl.label.get(lang)) if decl is not None else input_id
    op, operand = test.operator, test.operand
    if op == "is_unknown":
        return f"{subject} {word('unknown' if operand else 'known', lang)}"
    if op == "equals" and isinstance(operand, bool):
        return subject if operand else f"{word('not', lang)}: {subject}"
    if isinstance(operand, tuple) and op in _LIST_OPERATORS:
        if len(operand) <= LIST_LIMIT:
            shown = " / ".join(_value(decl, v, lang) for v in operand)
            return (
                f"{subject}: {shown}"
                if op in ("one_of", "contains_any")
                else f"{subject}: {word(_LIST_OPERATORS[op], lang)} {shown}"
            )
        return f"{subject}: {word(_LIST_OPERATORS[op], lang)} {len(operand)}"
    if isinstance(operand, tuple):  # between
        low, high = (_value(decl, v, lang) for v in operand)
        return f"{subject} {condition_word(op, lang)} {low} {condition_word('and', lang)} {high}"
    if op == "equals" and isinstance(operand, str):
        return f"{subject}: {_value(decl, operand, lang)}"
    return f"{subject} {condition_word(op, lang)} {_value(decl, operand, lang)}"


def _one_input(parts: tuple[Condition, ...], inputs: Mapping[str, Input], lang: Lang) -> str | None:
    """``any`` of plain tests on one input (``equals``, ``one_of``, ``is_unknown: true``) as one
    phrase: ``Transfer outside the exemptions: yes / unknown``; ``None`` when they are not."""
    found = [as_test(c) for c in parts]
    tests = [t for t in found if t is not None]
    if len(tests) != len(found):
        return None
    if len({t.input for t in tests}) != 1 or tests[0].input is None:
        return None
    decl = inputs.get(tests[0].input)
    values: list[str] = []
    for t in tests:
        if t.operator == "equals":
            values.append(_value(decl, t.equals, lang))
        elif t.operator == "one_of" and t.one_of is not None:
            values += [_value(decl, v, lang) for v in t.one_of]
        elif t.operator == "is_unknown" and t.is_unknown:
            values.append(word("unknown", lang))
        else:
            return None
    subject = clean(decl.label.get(lang)) if decl is not None else tests[0].input
    if len(values) > LIST_LIMIT + 1:
        return f"{subject}: {word('one_of', lang)} {len(values)}"
    return f"{subject}: {' / '.join(values)}"


def brief(condition: Condition, tree: Tree, lang: Lang) -> str:
    """``condition`` in a few words: rules by their text, ``AND`` / ``OR`` / ``NOT`` in capitals."""
    return _Brief(tree, lang).visit(condition)


@dataclass(frozen=True, slots=True)
class _Brief(ConditionVisitor[str]):
    tree: Tree
    lang: Lang

    def part(self, c: Condition) -> str:
        text = self.visit(c)
        return f"({text})" if combination(c) is not None else text

    def group(self, parts: tuple[Condition, ...], joiner: str, count_key: str) -> str:
        text = f" {word(joiner, self.lang)} ".join(self.part(c) for c in parts)
        if len(text) > GROUP_LIMIT and len(parts) > 3:
            head = word(count_key, self.lang).format(n=len(parts))
            return f"{head}: {self.part(parts[0])}, {self.part(parts[1])}, …"
        return text

    def test(self, condition: Test) -> str:
        return _test(condition, self.tree.inputs, self.lang)

    def rule_ref(self, condition: RuleRef) -> str:
        rule = self.tree.nodes.get(condition.rule)
        return clean(rule.text.get(self.lang)) if isinstance(rule, Rule) else condition.rule

    def any_of(self, condition: AnyOf) -> str:
        merged = _one_input(condition.any, self.tree.inputs, self.lang)
        return merged if merged is not None else self.group(condition.any, "or", "any_of_n")

    def all_of(self, condition: AllOf) -> str:
        return self.group(condition.all, "and", "all_of_n")

    def not_of(self, condition: NotOf) -> str:
        return f"{word('not', self.lang)} {self.part(condition.not_)}"

    def at_least(self, condition: AtLeast) -> str:
        head = word("at_least_n", self.lang).format(k=condition.at_least, n=len(condition.of))
        text = "; ".join(self.part(c) for c in condition.of)
        if len(text) > GROUP_LIMIT and len(condition.of) > 2:
            text = f"{self.part(condition.of[0])}; {self.part(condition.of[1])}; …"
        return f"{head}: {text}"
