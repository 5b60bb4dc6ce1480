"""A rule's condition in a few words, for drawings: ``Sensitive knowledge area AND risky country``.

Unlike :func:`decision_trees.conditions.describe` (every value spelt out, for explanations), this
names other rules by their text, says how many values a long list has instead of listing them,
and shortens long ``any``/``all`` groups, so that a rule node stays a few lines high.
"""

from __future__ import annotations

from collections.abc import Mapping

from decision_trees._drawing import clean, word
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
    if not all(isinstance(c, Test) for c in parts):
        return None
    tests = [c for c in parts if isinstance(c, Test)]
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

    def part(c: Condition) -> str:
        text = brief(c, tree, lang)
        return f"({text})" if isinstance(c, AllOf | AnyOf | AtLeast) else text

    def group(parts: tuple[Condition, ...], joiner: str, count_key: str) -> str:
        text = f" {word(joiner, lang)} ".join(part(c) for c in parts)
        if len(text) > GROUP_LIMIT and len(parts) > 3:
            head = word(count_key, lang).format(n=len(parts))
            return f"{head}: {part(parts[0])}, {part(parts[1])}, …"
        return text

    if isinstance(condition, Test):
        return _test(condition, tree.inputs, lang)
    if isinstance(condition, RuleRef):
        rule = tree.nodes.get(condition.rule)
        return clean(rule.text.get(lang)) if isinstance(rule, Rule) else condition.rule
    if isinstance(condition, AnyOf):
        merged = _one_input(condition.any, tree.inputs, lang)
        return merged if merged is not None else group(condition.any, "or", "any_of_n")
    if isinstance(condition, AllOf):
        return group(condition.all, "and", "all_of_n")
    if isinstance(condition, NotOf):
        return f"{word('not', lang)} {part(condition.not_)}"
    assert isinstance(condition, AtLeast)
    head = word("at_least_n", lang).format(k=condition.at_least, n=len(condition.of))
    text = "; ".join(part(c) for c in condition.of)
    if len(text) > GROUP_LIMIT and len(condition.of) > 2:
        text = f"{part(condition.of[0])}; {part(condition.of[1])}; …"
    return f"{head}: {text}"
