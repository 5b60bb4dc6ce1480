"""Hypothesis strategies behind :mod:`decision_trees.testing` (import that module, not this one).

``answers`` draws complete, valid answer sets for a tree, with the values its conditions test
(and their neighbours) drawn often, so that boundaries are hit. ``tree_mappings`` draws random
*valid* tree files as plain data: every input type, unknown answers, rules with
``all``/``any``/``not``/``at_least`` and references to named rules, ``match: first``, and
shared sub-trees (a DAG, not only a tree). Some drawn trees have gaps and overlaps on purpose.
"""

from __future__ import annotations

import datetime as dt
import itertools
import math
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any

from hypothesis import HealthCheck, Verbosity, settings
from hypothesis import strategies as st
from hypothesis.errors import InvalidArgument

from decision_trees.answers import UNKNOWN
from decision_trees.conditions import COLLECTION_OPERATORS, OPERATORS, operands_by_input
from decision_trees.loader import load
from decision_trees.model import (
    BooleanInput,
    DateInput,
    EnumInput,
    Input,
    IntegerInput,
    NumberInput,
    SetInput,
    TextInput,
    Tree,
)

__all__ = ["INPUT_TYPES", "answers", "partial_answers", "tree_mappings", "trees", "value_strategy"]

INPUT_TYPES: tuple[str, ...] = ("boolean", "enum", "set", "number", "integer", "date", "text")

Draw = Callable[[st.SearchStrategy[Any]], Any]

# ----------------------------------------------------------------------------------------------
# Answers


def _within(decl: NumberInput | IntegerInput | DateInput, value: Any) -> bool:
    return (decl.minimum is None or value >= decl.minimum) and (decl.maximum is None or value <= decl.maximum)


def _boundaries(decl: Input, operands: Iterable[Any]) -> list[Any]:
    """Values next to the operands a tree tests: where a gap or an overlap usually hides."""
    if isinstance(decl, NumberInput | IntegerInput):
        return sorted(_number_boundaries(decl, operands))
    if isinstance(decl, DateInput):
        return sorted(_date_boundaries(decl, operands))
    return []


def _number_boundaries(decl: NumberInput | IntegerInput, operands: Iterable[Any]) -> set[Any]:
    points: set[Any] = set()
    for raw in operands:
        if isinstance(raw, bool) or not isinstance(raw, int | float):
            continue
        if isinstance(decl, IntegerInput):
            low, high = math.floor(raw), math.ceil(raw)
            candidates: set[Any] = {low - 1, low, high, high + 1}
        else:
            candidates = {raw, raw - 1, raw + 1, raw - 0.5, raw + 0.5}
        points |= {c for c in candidates if _within(decl, c)}
    points |= {bound for bound in (decl.minimum, decl.maximum) if bound is not None}
    return points


def _date_boundaries(decl: DateInput, operands: Iterable[Any]) -> set[Any]:
    points: set[Any] = set()
    for raw in operands:
        try:
            day = raw if isinstance(raw, dt.date) else dt.date.fromisoformat(str(raw))
        except ValueError:
            continue
        for delta in (-1, 0, 1):
            try:
                candidate = day + dt.timedelta(days=delta)
            except OverflowError:
                continue
            if _within(decl, candidate):
                points.add(candidate)
    return points


def engine_search(examples: int) -> Callable[[Callable[..., None]], Callable[..., None]]:
    """The settings of the engine's own searches (verification's gap search, invariants): at most
    ``examples`` cases, derandomized (the same tree gives the same findings), no example database,
    no deadline, silent, and no health check (a tree is whatever its author wrote)."""
    return settings(
        max_examples=examples,
        derandomize=True,
        database=None,
        deadline=None,
        verbosity=Verbosity.quiet,
        suppress_health_check=list(HealthCheck),
    )


def value_strategy(
    decl: Input, operands: Sequence[Any] = (), *, unknown: bool = True
) -> st.SearchStrategy[Any]:
    """Valid answers for one input; ``operands`` are values its conditions test (drawn often)."""
    known: st.SearchStrategy[Any]
    if isinstance(decl, BooleanInput):
        known = st.booleans()
    elif isinstance(decl, EnumInput):
        known = st.sampled_from(tuple(decl.values))
    elif isinstance(decl, SetInput):
        known = st.frozensets(st.sampled_from(tuple(decl.values)))
    elif isinstance(decl, IntegerInput):
        known = st.integers(decl.minimum, decl.maximum)
    elif isinstance(decl, NumberInput):
        known = st.floats(decl.minimum, decl.maximum, allow_nan=False, allow_infinity=False)
        if decl.minimum is None or decl.maximum is None or decl.minimum <= 0 <= decl.maximum:
            known = st.one_of(st.integers(-1000, 1000).filter(lambda v: _within(decl, v)), known)
    elif isinstance(decl, DateInput):
        known = st.dates(
            decl.minimum or dt.date(1900, 1, 1),
            decl.maximum or dt.date(2200, 12, 31),
        )
    else:
        assert isinstance(decl, TextInput)
        known = st.text(max_size=min(decl.max_length, 20))
    points = _boundaries(decl, operands)
    if points:
        known = st.one_of(st.sampled_from(points), known)
    if unknown and decl.allow_unknown:
        return st.one_of(known, st.just(UNKNOWN))
    return known


def answers(tree: Tree, *, unknown: bool = True) -> st.SearchStrategy[dict[str, Any]]:
    """Complete, valid answer sets for ``tree``: one value for every input.

    Values that the tree's conditions test, and their neighbours, are drawn often; examples
    shrink toward ``False``, the first declared value, the empty set and small numbers. With
    ``unknown=False`` no answer is ``UNKNOWN``.
    """
    operands = operands_by_input(tree)
    return st.fixed_dictionaries(
        {key: value_strategy(decl, operands[key], unknown=unknown) for key, decl in tree.inputs.items()}
    )


def partial_answers(tree: Tree, *, unknown: bool = True) -> st.SearchStrategy[dict[str, Any]]:
    """Valid answers for any subset of ``tree``'s inputs (for ``next_question`` and the like)."""
    operands = operands_by_input(tree)
    return st.fixed_dictionaries(
        {},
        optional={
            key: value_strategy(decl, operands[key], unknown=unknown) for key, decl in tree.inputs.items()
        },
    )


# ----------------------------------------------------------------------------------------------
# Trees

_NUMBERS: tuple[int | float, ...] = (0, 1, 2, 2.5, 3, 5, 7.5, 10)
_INTEGERS: tuple[int | float, ...] = (0, 1, 2, 3, 5, 8, 10, 2.5)
_DATES: tuple[str, ...] = ("2020-01-01", "2022-06-30", "2024-01-01", "2024-12-31", "2027-03-15")


def _text(word: str) -> dict[str, str]:
    return {"nl": word, "en": word}


class _TreeBuilder:
    """Draws one tree mapping; kept in one object so the recursive parts share their state."""

    def __init__(
        self,
        draw: Draw,
        *,
        max_nodes: int,
        max_inputs: int,
        input_types: Sequence[str],
        unknowns: bool,
        rules: bool,
        sharing: bool,
        first_match: bool,
        complete: bool,
    ) -> None:
        self.draw = draw
        self.max_nodes = max_nodes
        self.max_inputs = max_inputs
        self.input_types = input_types
        self.unknowns = unknowns
        self.rules = rules
        self.sharing = sharing
        self.first_match = first_match
        self.complete = complete
        self.inputs: dict[str, dict[str, Any]] = {}
        self.nodes: dict[str, dict[str, Any]] = {}
        self.named: list[str] = []
        self.done: list[str] = []  # finished routing nodes: safe to share (no cycle possible)
        self.outcomes: list[str] = []
        self.budget = max_nodes

    # -- inputs ---------------------------------------------------------------------------

    def make_inputs(self) -> None:
        count = self.draw(st.integers(1, self.max_inputs))
        branchable = [t for t in self.input_types if t != "text"]
        for index in range(count):
            kind = self.draw(st.sampled_from(branchable if index == 0 else list(self.input_types)))
            decl: dict[str, Any] = {"type": kind, "label": _text(f"Input {index}")}
            if kind in ("enum", "set"):
                size = self.draw(st.integers(2 if kind == "enum" else 1, 4))
                decl["values"] = {f"v{i}": _text(f"value {i}") for i in range(size)}
            elif kind in ("number", "integer"):
                if self.draw(st.booleans()):
                    decl["minimum"] = 0
                if self.draw(st.booleans()):
                    decl["maximum"] = 10
            elif kind == "date" and self.draw(st.booleans()):
                decl["minimum"] = "2021-01-01"
            if kind != "text" and self.unknowns and self.draw(st.booleans()):
                decl["allow_unknown"] = True
            self.inputs[f"{kind[0]}{index}"] = decl

    def branchable(self) -> list[str]:
        return [k for k, d in self.inputs.items() if d["type"] != "text"]

    # -- conditions -----------------------------------------------------------------------

    def operand(self, decl: Mapping[str, Any]) -> Any:
        kind = decl["type"]
        if kind == "boolean":
            return self.draw(st.booleans())
        if kind in ("enum", "set"):
            return self.draw(st.sampled_from(sorted(decl["values"])))
        if kind == "number":
            return self.draw(st.sampled_from(_NUMBERS))
        if kind == "integer":
            return self.draw(st.sampled_from(_INTEGERS))
        return self.draw(st.sampled_from(_DATES))

    def some(self, decl: Mapping[str, Any]) -> list[Any]:
        values = self.draw(
            st.lists(st.sampled_from(sorted(decl["values"])), min_size=1, max_size=3, unique=True)
        )
        return list(values)

    def test(self, key: str, implied: bool) -> dict[str, Any]:
        decl = self.inputs[key]
        kind = decl["type"]
        ops = [op for op in OPERATORS[kind] if op != "is_unknown" or decl.get("allow_unknown")]
        op = self.draw(st.sampled_from(ops))
        test: dict[str, Any] = {} if implied else {"input": key}
        if op == "is_unknown":
            test[op] = self.draw(st.booleans())
        elif op in ("one_of", "none_of"):
            if kind == "enum":
                test[op] = self.some(decl)
            else:
                test[op] = sorted({self.operand(decl) for _ in range(self.draw(st.integers(1, 3)))})
        elif op in COLLECTION_OPERATORS:
            test[op] = self.some(decl)
        elif op == "between":
            test[op] = sorted([self.operand(decl), self.operand(decl)])
        else:
            test[op] = self.operand(decl)
        return test

    def condition(self, keys: Sequence[str], implied: bool, depth: int = 0) -> dict[str, Any]:
        """A condition over ``keys`` (a question's own input when ``implied``)."""
        choices = ["test"]
        if depth < 2:
            choices += ["all", "any", "not", "at_least"]
        if not implied and self.named and depth < 3:
            choices.append("rule")
        shape = self.draw(st.sampled_from(choices))
        if shape == "test":
            return self.test(self.draw(st.sampled_from(list(keys))), implied)
        if shape == "rule":
            return {"rule": self.draw(st.sampled_from(self.named))}
        if shape == "not":
            return {"not": self.condition(keys, implied, depth + 1)}
        parts = [self.condition(keys, implied, depth + 1) for _ in range(self.draw(st.integers(1, 3)))]
        if shape == "at_least":
            return {"at_least": self.draw(st.integers(0, len(parts) + 1)), "of": parts}
        return {shape: parts}

    # -- nodes ----------------------------------------------------------------------------

    def make_named_rules(self) -> None:
        if not self.rules:
            return
        for index in range(self.draw(st.integers(0, 2))):
            condition = self.condition(self.branchable(), implied=False)
            rule_id = f"c{index}"
            self.nodes[rule_id] = {
                "kind": "rule",
                "text": _text(f"Condition {index}"),
                "condition": condition,
            }
            self.named.append(rule_id)

    def make_outcomes(self) -> None:
        for index in range(self.draw(st.integers(2, 5))):
            outcome_id = f"o{index}"
            self.outcomes.append(outcome_id)
            self.nodes[outcome_id] = {
                "kind": "outcome",
                "label": _text(f"Outcome {index}"),
                "severity": self.draw(st.sampled_from((0, 10, 20, 50, 100))),
            }

    def target(self, depth: int) -> str:
        """A way out: a new node, a shared finished node, or an outcome."""
        choice = self.draw(st.integers(0, 3)) if self.budget > 0 and depth < 6 else 0
        if choice == 0 or (choice == 1 and not (self.sharing and self.done)):
            return str(self.draw(st.sampled_from(self.outcomes)))
        if choice == 1:
            return str(self.draw(st.sampled_from(self.done)))
        return self.node(depth + 1)

    def node(self, depth: int) -> str:
        self.budget -= 1
        keys = self.branchable()
        kind = "rule" if self.rules and self.draw(st.integers(0, 2)) == 2 else "question"
        index = len([n for n in self.nodes if n[0] in "qr"])
        if kind == "rule":
            node_id = f"r{index}"
            self.nodes[node_id] = {}  # reserve the id
            condition = self.condition(keys, implied=False)
            then, else_ = self.target(depth), self.target(depth)
            self.nodes[node_id] = {
                "kind": "rule",
                "text": _text(f"Rule {index}"),
                "condition": condition,
                "then": then,
                "else": else_,
            }
        else:
            node_id = f"q{index}"
            self.nodes[node_id] = {}
            key = self.draw(st.sampled_from(keys))
            whens, otherwise = self.branches(key)
            question: dict[str, Any] = {
                "kind": "question",
                "input": key,
                "text": _text(f"Question {index}?"),
                "branches": [{"when": when, "next": self.target(depth)} for when in whens],
            }
            if otherwise:
                question["otherwise"] = self.target(depth)
            if self.first_match and self.draw(st.integers(0, 3)) == 3:
                question["match"] = "first"
            self.nodes[node_id] = question
        self.done.append(node_id)
        return node_id

    def branches(self, key: str) -> tuple[list[dict[str, Any]], bool]:
        """The branch conditions of a question on ``key`` and whether it has an ``otherwise``."""
        decl = self.inputs[key]
        partition = self.complete or self.draw(st.booleans())
        whens = (
            self.partition(decl)
            if partition
            else [self.condition([key], implied=True) for _ in range(self.draw(st.integers(1, 3)))]
        )
        otherwise = self.draw(st.integers(0, 2)) == 2
        takes_unknown = any(_holds_on_unknown(w) for w in whens)
        if decl.get("allow_unknown") and not otherwise and not takes_unknown:
            if self.draw(st.booleans()):
                whens.append({"is_unknown": True})
            else:
                otherwise = True
        return whens, otherwise

    def partition(self, decl: Mapping[str, Any]) -> list[dict[str, Any]]:
        """Branches that cover every known answer exactly once."""
        kind = decl["type"]
        if kind == "boolean":
            first = self.draw(st.booleans())
            return [{"equals": first}, {"equals": not first}]
        if kind == "enum":
            values = list(self.draw(st.permutations(sorted(decl["values"]))))
            cut = self.draw(st.integers(1, len(values)))
            groups = [values[:cut], values[cut:]] if cut < len(values) else [values]
            return [{"one_of": g} if len(g) > 1 else {"equals": g[0]} for g in groups]
        if kind == "set":
            chosen = self.some(decl)
            return [{"contains_any": chosen}, {"contains_none": chosen}]
        pool = {"number": _NUMBERS, "integer": _INTEGERS}.get(kind, _DATES)
        cuts = sorted(set(self.draw(st.lists(st.sampled_from(pool), min_size=1, max_size=3))))
        whens: list[dict[str, Any]] = [{"lt": cuts[0]}]
        for low, high in itertools.pairwise(cuts):
            whens.append({"all": [{"ge": low}, {"lt": high}]})
        whens.append({"ge": cuts[-1]})
        return whens

    # -- the tree -------------------------------------------------------------------------

    def build(self) -> dict[str, Any]:
        self.make_inputs()
        self.make_outcomes()
        self.make_named_rules()
        start = self.node(0)
        used = _referenced(self.nodes, start)
        nodes = {k: v for k, v in self.nodes.items() if k in used or k in self.named}
        return {
            "id": "generated",
            "version": "1",
            "title": _text("Generated tree"),
            "start": start,
            "inputs": self.inputs,
            "nodes": nodes,
        }


def _holds_on_unknown(condition: Mapping[str, Any]) -> bool:
    """Whether a question's branch condition (plain data) holds for the answer ``UNKNOWN``."""
    if "all" in condition:
        return all(_holds_on_unknown(c) for c in condition["all"])
    if "any" in condition:
        return any(_holds_on_unknown(c) for c in condition["any"])
    if "not" in condition:
        return not _holds_on_unknown(condition["not"])
    if "at_least" in condition:
        return sum(_holds_on_unknown(c) for c in condition["of"]) >= int(condition["at_least"])
    return bool(condition.get("is_unknown", False))


def _referenced(nodes: Mapping[str, Mapping[str, Any]], start: str) -> set[str]:
    """The node ids reachable from ``start`` along routes."""
    seen = {start}
    stack = [start]
    while stack:
        node = nodes[stack.pop()]
        targets = [b["next"] for b in node.get("branches", ())]
        targets += [node[k] for k in ("otherwise", "then", "else") if k in node]
        for target in targets:
            if target not in seen:
                seen.add(target)
                stack.append(target)
    return seen


def tree_mappings(
    *,
    max_nodes: int = 8,
    max_inputs: int = 4,
    input_types: Sequence[str] = INPUT_TYPES,
    unknowns: bool = True,
    rules: bool = True,
    sharing: bool = True,
    first_match: bool = True,
    complete: bool = False,
) -> st.SearchStrategy[dict[str, Any]]:
    """Random valid tree files as plain, JSON-ready data (see :func:`trees`)."""
    if max_nodes < 1 or max_inputs < 1:
        raise InvalidArgument("max_nodes and max_inputs must be at least 1")
    unknown_types = set(input_types) - set(INPUT_TYPES)
    if unknown_types:
        raise InvalidArgument(f"unknown input types {sorted(unknown_types)}; choose from {INPUT_TYPES}")
    if not set(input_types) - {"text"}:
        raise InvalidArgument("input_types needs at least one type that can be branched on")

    @st.composite
    def strategy(draw: Draw) -> dict[str, Any]:
        return _TreeBuilder(
            draw,
            max_nodes=max_nodes,
            max_inputs=max_inputs,
            input_types=tuple(input_types),
            unknowns=unknowns,
            rules=rules,
            sharing=sharing,
            first_match=first_match,
            complete=complete,
        ).build()

    return strategy()


def trees(
    *,
    max_nodes: int = 8,
    max_inputs: int = 4,
    input_types: Sequence[str] = INPUT_TYPES,
    unknowns: bool = True,
    rules: bool = True,
    sharing: bool = True,
    first_match: bool = True,
    complete: bool = False,
) -> st.SearchStrategy[Tree]:
    """Random valid :class:`~decision_trees.Tree` objects, loaded with :func:`decision_trees.load`.

    ``max_nodes`` bounds the questions and routing rules; ``input_types`` picks from
    ``boolean, enum, set, number, integer, date, text``; ``unknowns`` lets inputs allow
    "unknown"; ``rules`` adds routing and named rules; ``sharing`` lets branches join into one
    sub-tree; ``first_match`` lets questions declare ``match: first``. With ``complete=True``
    every question covers every answer (no gaps), so every complete answer set is decided.
    """
    return tree_mappings(
        max_nodes=max_nodes,
        max_inputs=max_inputs,
        input_types=input_types,
        unknowns=unknowns,
        rules=rules,
        sharing=sharing,
        first_match=first_match,
        complete=complete,
    ).map(load)
