"""Run a decision tree inside durable-rules, and export it as a durable-rules ruleset.

Install the ``durable`` extra (``pip install 'kennisveiligheid[durable]'``) to evaluate;
:func:`compile_ruleset` and :func:`to_durable_json` need nothing but this library.

Design (``docs/durable.md`` has the long version and the protocol for other hosts):

* **Steps, not facts.** A tree becomes a ruleset of *steps*. A step reads one input and is one
  event ``{"sid", "n": "<node>", "at": "<node>/<k>", "a": "k"|"u", "v": value}`` (``a`` is ``k``
  for a known answer, ``u`` for "unknown", and absent when the answer is missing or invalid). A
  question is one step with one rule per branch (branch *i* holds and no earlier branch does:
  first match wins without relying on durable's choice between rules). A routing rule's
  condition is compiled to a chain of steps, one test per step, that short-cuts left to right
  exactly as the native evaluator does, so a missing answer is reported for the same input and
  node. Each rule's action names what to do next (``next <step> <input>``, ``outcome <id>``,
  ``missing <input> <node>``, ``no_branch <node> <input>``); the action posts the next step's
  event. All routing runs in durable; Python only reads the answer that a step asks for.
* **Values.** Booleans and enumeration values are posted as they are; a set as one boolean
  ``in:<value>`` per value the step tests; a date as the number ``YYYYMMDD``. Numbers are posted
  as they are when durable's parser reads them exactly (it reads neither ``1e-05`` nor integers
  beyond 64 bits); other answers are replaced by a number that compares the same with every
  constant the tree tests that input against. An input whose constants durable cannot read is
  encoded by rank (``2i+1`` for the *i*-th constant, ``2i`` between constants).
* **Guards.** durable keeps rulesets by name, so every :class:`DurableBackend` registers its
  own name (tree id, content hash, counter) in its own host, and frees the engine's ruleset when
  closed or collected. Every evaluation is a new session id whose state is deleted afterwards.
  durable is not thread-safe: one process-wide lock is held around every call into it. The
  host runs no background dispatch threads (whose timer is what makes ``post()`` return ``None``
  at times); results are read from the actions' own record of the session, never from what
  ``post()`` returns, and if that record is incomplete the ruleset's pending actions are
  dispatched before giving up with ``DT704``. durable's bare exceptions become
  :class:`DurableBackendError`. durable's own limits are checked when compiling (``DT702``):
  at most 15 ``$and``/``$or`` in a rule, 4096 rules, and 512 successors of one test — beyond
  that its engine hangs — hence events addressed by node (``n``) and then step (``at``).
* **Same results.** :meth:`DurableBackend.evaluate` returns the native :class:`Decision` type
  with the path rebuilt from the steps that fired, and raises the native errors
  (:class:`MissingAnswerError`, :class:`InvalidAnswerError`, :class:`NoBranchMatchedError`).
  It never calls the native evaluator; ``tests/test_durable_differential.py`` compares the two.

Size: about 1,450 lines, over the ~600-line budget of issue 16. The step compiler, the one-rule-
per-path compiler and the guarded session share the value encoding and the condition visitors
below; splitting them needs that shared part moved into its own module first (otherwise the
imports go in a circle). That split is recorded as open work; until then the sections below are
in this order: value encoding, expressions, the step compiler, the path compiler, export, and
the guarded session.
"""

from __future__ import annotations

import bisect
import contextlib
import copy
import datetime as dt
import difflib
import importlib
import itertools
import json
import math
import threading
import uuid
import weakref
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Final, Literal

from decision_trees._walk import ConditionVisitor, as_rule_ref, as_test, parts
from decision_trees.answers import UNKNOWN, coerce_answer
from decision_trees.conditions import tests_in
from decision_trees.decision import Decision
from decision_trees.errors import (
    DecisionTreeError,
    InvalidAnswerError,
    MissingAnswerError,
    MissingDependencyError,
    NoBranchMatchedError,
)
from decision_trees.model import (
    AllOf,
    AnyOf,
    AtLeast,
    Condition,
    DateInput,
    Input,
    IntegerInput,
    Node,
    NotOf,
    NumberInput,
    Outcome,
    Question,
    Rule,
    RuleRef,
    SetInput,
    Test,
)

if TYPE_CHECKING:
    from decision_trees.model import Tree

__all__ = [
    "CODES",
    "DurableBackend",
    "DurableBackendError",
    "DurableRun",
    "compile_ruleset",
    "ruleset_name",
    "to_durable_json",
]

CODES: Final[Mapping[str, str]] = {
    "DT700": "durable-rules failed; its own message is included",
    "DT701": "durable-rules is not installed",
    "DT702": "the tree is beyond what durable-rules accepts, or durable rejected the ruleset",
    "DT703": "no durable rule matched a step, or durable took a step the tree does not have",
    "DT704": "durable returned no result and no action recorded one",
    "DT705": "a number cannot be written so that durable compares it exactly",
    "DT706": "the backend was closed",
}

INSTALL: Final = "pip install 'kennisveiligheid[durable]'"
START_EVENT: Final = "start"  # the ``at`` of the first event of every evaluation
MAX_RULES: Final = 4_000  # durable allows 4096 rules (actions) in a ruleset
MAX_COMPOUNDS: Final = 15  # durable refuses a rule with more $and/$or (error 113)
MAX_FANOUT: Final = 500  # durable hangs when one test has more than 512 different successors
_MAX_COMBINATIONS: Final = 64
_EXACT_INT: Final = 2**53


class DurableBackendError(DecisionTreeError, RuntimeError):
    """durable-rules failed or disagreed with the tree; ``code`` says how (see :data:`CODES`)."""

    code = "DT700"

    def __init__(self, message: str, code: str = "DT700") -> None:
        self.code = code
        super().__init__(f"[{code}] {message}")


# ----------------------------------------------------------------------------------------------
# Values as durable reads them


def _plain(value: int | float) -> bool:
    """Whether durable reads ``json.dumps(value)`` as exactly this number and compares it exactly
    with other plain numbers (its parser reads no ``1e-05`` and no integer beyond 64 bits, and it
    compares an integer with a float as two floats)."""
    if isinstance(value, int):
        return abs(value) <= _EXACT_INT
    return "e" not in repr(value)


def _plain_constant(value: int | float) -> bool:
    """A constant that leaves room for a plain number next to it and between it and another."""
    return _plain(value) and abs(value) <= _EXACT_INT and (value == 0 or abs(value) >= 0.001)


def _date_code(day: dt.date) -> int:
    return day.year * 10_000 + day.month * 100 + day.day


def _as_date(raw: Any) -> dt.date:
    return raw if isinstance(raw, dt.date) else dt.date.fromisoformat(str(raw))


class _NumberCodec:
    """How one number input's answers and constants are written: plain, or by rank."""

    def __init__(self, input_id: str, constants: Iterable[int | float]) -> None:
        self.input = input_id
        self.constants: list[int | float] = sorted(set(constants))
        self.by_rank = not all(_plain_constant(c) for c in self.constants)

    def constant(self, raw: int | float) -> int | float:
        return self._rank(raw) if self.by_rank else raw

    def _rank(self, value: int | float) -> int:
        index = bisect.bisect_left(self.constants, value)
        hit = index < len(self.constants) and self.constants[index] == value
        return 2 * index + (1 if hit else 0)

    def value(self, value: int | float) -> int | float:
        """The number to post for ``value``: it compares with every constant as ``value`` does."""
        if self.by_rank:
            return self._rank(value)
        if _plain(value):
            return value
        index = bisect.bisect_left(self.constants, value)
        if index < len(self.constants) and self.constants[index] == value:
            return self.constants[index]
        low = self.constants[index - 1] if index > 0 else None
        high = self.constants[index] if index < len(self.constants) else None
        # Plain constants are at most 2**53 from zero and 0 or at least 0.001: one of these lies
        # strictly between the neighbours of any number that is not plain itself.
        candidates: list[int | float] = [0]
        if low is None and high is not None:
            candidates = [high - 1, math.nextafter(float(high), -math.inf)]
        elif high is None and low is not None:
            candidates = [low + 1, math.nextafter(float(low), math.inf)]
        elif low is not None and high is not None:
            candidates = [
                (low + high) / 2,
                math.nextafter(float(low), math.inf),
                math.nextafter(float(high), -math.inf),
            ]
        for candidate in candidates:
            if _plain(candidate) and (low is None or candidate > low) and (high is None or candidate < high):
                return candidate
        raise DurableBackendError(
            f"input {self.input!r}: the answer {value!r} cannot be written so that durable compares "
            "it exactly with the tree's constants",
            code="DT705",
        )


# ----------------------------------------------------------------------------------------------
# durable expressions (JSON), with True/False folded away

Expr = dict[str, Any] | bool

KNOWN: Final[dict[str, Any]] = {"a": "k"}
UNKNOWN_ANSWER: Final[dict[str, Any]] = {"a": "u"}
READABLE: Final[dict[str, Any]] = {"$ex": {"a": 1}}
UNREADABLE: Final[dict[str, Any]] = {"$nex": {"a": 1}}


def _unique(parts: list[dict[str, Any]]) -> list[dict[str, Any]]:
    seen: set[str] = set()
    out = []
    for part in parts:
        key = json.dumps(part, sort_keys=True)
        if key not in seen:
            seen.add(key)
            out.append(part)
    return out


def _join(op: str, absorbing: bool, parts: tuple[Expr, ...]) -> Expr:
    """``$and`` (absorbed by False) or ``$or`` (absorbed by True): flattened, without repeats."""
    out: list[dict[str, Any]] = []
    for part in parts:
        if part is absorbing:
            return absorbing
        if isinstance(part, bool):  # the neutral value
            continue
        out.extend(part[op] if list(part) == [op] else [part])
    out = _unique(out)
    if not out:
        return not absorbing
    return out[0] if len(out) == 1 else {op: out}


def _and(*parts: Expr) -> Expr:
    return _join("$and", False, parts)


def _or(*parts: Expr) -> Expr:
    return _join("$or", True, parts)


def _compounds(expr: Expr) -> int:
    """How many ``$and``/``$or`` an expression has: durable refuses more than 15 in a rule."""
    if isinstance(expr, bool) or list(expr) not in (["$and"], ["$or"]):
        return 0
    return 1 + sum(_compounds(part) for part in next(iter(expr.values())))


def _width(expr: Expr) -> int:
    """How many successors an expression can give one test in durable's network, at most."""
    if isinstance(expr, bool):
        return 0
    if list(expr) == ["$or"]:
        return sum(_width(part) for part in expr["$or"])
    if list(expr) == ["$and"]:
        return max(_width(part) for part in expr["$and"])
    return 1


def _fanout(step: _Step) -> int:
    """An upper bound on the successors of one test within a step's rules."""
    return sum(max(1, _width(expr)) for _, expr, _ in step.rules)


class _HoldsOnUnknown(ConditionVisitor[bool]):
    """Whether a question's branch condition holds for the answer "unknown"."""

    def test(self, condition: Test) -> bool:
        return bool(condition.is_unknown)

    def not_of(self, condition: NotOf) -> bool:
        return not self.visit(condition.not_)

    def all_of(self, condition: AllOf) -> bool:
        return all(self.visit(c) for c in condition.all)

    def any_of(self, condition: AnyOf) -> bool:
        return any(self.visit(c) for c in condition.any)

    def at_least(self, condition: AtLeast) -> bool:
        return sum(self.visit(c) for c in condition.of) >= condition.at_least

    def rule_ref(self, condition: RuleRef) -> bool:
        return False  # questions cannot reference rules (the loader rejects it)


_holds_on_unknown = _HoldsOnUnknown().visit


def _member(value: str, present: bool) -> dict[str, Any]:
    return {f"in:{value}": present}


class _TooLarge(Exception):
    """A question's one-step form would be too large; it is compiled as a chain instead."""


# ----------------------------------------------------------------------------------------------
# The compiled program


@dataclass(frozen=True, slots=True)
class _ToNode:
    node: str


@dataclass(frozen=True, slots=True)
class _Fail:
    kind: Literal["missing", "no_branch"]
    input: str
    node: str


@dataclass(eq=False)
class _Step:
    """One event kind: what it reads, and its rules as (label, expression, destination)."""

    node: str
    prefix: str
    input: str | None
    members: tuple[str, ...] = ()
    chain: bool = True
    rules: list[tuple[str, Expr, _Step | _ToNode | _Fail]] = field(default_factory=list)
    index: int = -1

    @property
    def id(self) -> str:
        return START_EVENT if self.index < 0 else f"{self.node}/{self.index}"


Dest = _Step | _ToNode | _Fail


@dataclass(frozen=True, slots=True)
class _StepSpec:
    """What the runtime needs to post a step's event."""

    id: str
    node: str | None
    input: str | None
    members: tuple[str, ...]
    encode: Callable[[Any], Any] | None


@dataclass(frozen=True, slots=True)
class _Program:
    """A compiled tree: durable's rules, and what the runtime needs to post each step."""

    rules: dict[str, dict[str, Any]]
    steps: dict[str, _StepSpec]
    rule_steps: dict[str, str]


def _at_least_truth(condition: AtLeast, holds: bool, part: Callable[[Condition], Expr]) -> Expr:
    """``at_least`` holding (or not) as a disjunction of conjunctions of its parts' expressions."""
    n, k = len(condition.of), condition.at_least
    need = k if holds else n - k + 1  # "not at least k hold" is "at least n-k+1 fail"
    if need <= 0:
        return True
    if need > n:
        return False
    if math.comb(n, need) > _MAX_COMBINATIONS:
        raise _TooLarge
    parts = [part(c) for c in condition.of]
    return _or(*(_and(*combo) for combo in itertools.combinations(parts, need)))


class _KnownTruth(ConditionVisitor[Expr]):
    """An expression for a question's branch condition holding (``holds``) or not, on a known answer."""

    def __init__(self, compiler: _Compiler, input_id: str, decl: Input, holds: bool) -> None:
        self.compiler, self.input_id, self.decl, self.holds = compiler, input_id, decl, holds

    def test(self, condition: Test) -> Expr:
        if condition.operator == "is_unknown":
            return (not condition.is_unknown) == self.holds
        match, miss = self.compiler.comparisons(condition, self.input_id, self.decl)
        return match if self.holds else miss

    def not_of(self, condition: NotOf) -> Expr:
        return _KnownTruth(self.compiler, self.input_id, self.decl, not self.holds).visit(condition.not_)

    def all_of(self, condition: AllOf) -> Expr:
        parts = [self.visit(c) for c in condition.all]
        return _and(*parts) if self.holds else _or(*parts)

    def any_of(self, condition: AnyOf) -> Expr:
        parts = [self.visit(c) for c in condition.any]
        return _or(*parts) if self.holds else _and(*parts)

    def at_least(self, condition: AtLeast) -> Expr:
        return _at_least_truth(condition, self.holds, self.visit)

    def rule_ref(self, condition: RuleRef) -> Expr:
        raise AssertionError("questions cannot reference rules")  # the loader rejects it


class _Chain(ConditionVisitor[Dest]):
    """The steps of :meth:`_Compiler.chain` for one condition, going to ``t`` or ``f``."""

    def __init__(
        self, compiler: _Compiler, node: str, prefix: str, implied: str | None, t: Dest, f: Dest, report: str
    ) -> None:
        self.compiler, self.node, self.prefix, self.implied = compiler, node, prefix, implied
        self.t, self.f, self.report = t, f, report

    def go(self, c: Condition, t: Dest, f: Dest, report: str | None = None) -> Dest:
        """The steps for ``c``, going to ``t`` or ``f`` (reported as ``report``, else as this chain's)."""
        report = self.report if report is None else report
        return _Chain(self.compiler, self.node, self.prefix, self.implied, t, f, report).visit(c)

    def test(self, condition: Test) -> Dest:
        return self.compiler.test_step(
            condition, self.t, self.f, self.node, self.prefix, self.report, self.implied
        )

    def not_of(self, condition: NotOf) -> Dest:
        return self.go(condition.not_, self.f, self.t)

    def all_of(self, condition: AllOf) -> Dest:
        dest = self.t
        for part in reversed(condition.all):
            dest = self.go(part, dest, self.f)
        return dest

    def any_of(self, condition: AnyOf) -> Dest:
        dest = self.f
        for part in reversed(condition.any):
            dest = self.go(part, self.t, dest)
        return dest

    def rule_ref(self, condition: RuleRef) -> Dest:
        rule = self.compiler.tree.nodes[condition.rule]
        assert isinstance(rule, Rule)
        return self.go(rule.condition, self.t, self.f, condition.rule)  # the native evaluator names the rule

    def at_least(self, condition: AtLeast) -> Dest:
        parts, k = condition.of, condition.at_least
        memo: dict[tuple[int, int], Dest] = {}

        def state(i: int, count: int) -> Dest:
            if count >= k:
                return self.t
            if count + (len(parts) - i) < k:
                return self.f
            key = (i, count)
            if key not in memo:
                memo[key] = self.go(parts[i], state(i + 1, count + 1), state(i + 1, count))
            return memo[key]

        return state(0, 0)


def _check_steps(node_id: str, entry: _Step) -> None:
    """Refuse a node whose steps durable cannot hold (too many, or one testing too many values)."""
    count = _number_steps(entry)
    if count > MAX_FANOUT:
        raise DurableBackendError(
            f"node {node_id!r} needs {count} durable steps; durable handles at most {MAX_FANOUT}",
            code="DT702",
        )
    widest = max(_walk(entry), key=_fanout)
    if _fanout(widest) > MAX_FANOUT:
        raise DurableBackendError(
            f"step '{node_id}/{widest.index}' tests too many values at once for durable "
            f"(at most {MAX_FANOUT})",
            code="DT702",
        )


class _Compiler:
    def __init__(self, tree: Tree) -> None:
        self.tree = tree
        self.codecs = self._number_codecs()
        self.entries: dict[str, _Step] = {}

    # -- values ---------------------------------------------------------------------------

    def _number_codecs(self) -> dict[str, _NumberCodec]:
        constants: dict[str, list[int | float]] = {
            key: [] for key, decl in self.tree.inputs.items() if isinstance(decl, NumberInput | IntegerInput)
        }
        for node in self.tree.nodes.values():
            pairs: list[tuple[Condition, str | None]] = []
            if isinstance(node, Question):
                pairs = [(b.when, node.input) for b in node.branches]
            elif isinstance(node, Rule):
                pairs = [(node.condition, None)]
            for condition, implied in pairs:
                for test, _ in tests_in(condition):
                    key = test.input or implied
                    if key in constants and test.operator != "is_unknown":
                        operand = test.operand
                        constants[key].extend(operand if isinstance(operand, tuple) else (operand,))
        return {key: _NumberCodec(key, values) for key, values in constants.items()}

    def encoder(self, input_id: str) -> Callable[[Any], Any] | None:
        decl = self.tree.inputs[input_id]
        if isinstance(decl, NumberInput | IntegerInput):
            return self.codecs[input_id].value
        if isinstance(decl, DateInput):
            return _date_code
        if isinstance(decl, SetInput):
            return None
        return _identity

    def constant(self, input_id: str, decl: Input, raw: Any) -> Any:
        if isinstance(decl, NumberInput | IntegerInput):
            return self.codecs[input_id].constant(raw)
        if isinstance(decl, DateInput):
            return _date_code(_as_date(raw))
        return raw

    def comparisons(self, test: Test, input_id: str, decl: Input) -> tuple[Expr, Expr]:
        """(holds, does not hold) for a known answer."""
        op, raw = test.operator, test.operand
        if op in ("contains_any", "contains_all", "contains_none"):
            has = [_member(m, True) for m in raw]
            lacks = [_member(m, False) for m in raw]
            if op == "contains_any":
                return _or(*has), _and(*lacks)
            if op == "contains_all":
                return _and(*has), _or(*lacks)
            return _and(*lacks), _or(*has)

        def value(x: Any) -> Any:
            return self.constant(input_id, decl, x)

        def cmp(operator: str, x: Any) -> dict[str, Any]:
            return {"v": value(x)} if operator == "$eq" else {operator: {"v": value(x)}}

        if op in ("equals", "not_equals"):
            equal, unequal = cmp("$eq", raw), cmp("$neq", raw)
            return (equal, unequal) if op == "equals" else (unequal, equal)
        if op in ("one_of", "none_of"):
            inside = _or(*(cmp("$eq", x) for x in raw))
            outside = _and(*(cmp("$neq", x) for x in raw))
            return (inside, outside) if op == "one_of" else (outside, inside)
        if op == "between":
            low, high = raw
            return _and(cmp("$gte", low), cmp("$lte", high)), _or(cmp("$lt", low), cmp("$gt", high))
        holds, fails = {
            "lt": ("$lt", "$gte"),
            "le": ("$lte", "$gt"),
            "gt": ("$gt", "$lte"),
            "ge": ("$gte", "$lt"),
        }[op]
        return cmp(holds, raw), cmp(fails, raw)

    # -- questions: one step --------------------------------------------------------------

    def known_truth(self, condition: Condition, input_id: str, decl: Input, holds: bool) -> Expr:
        """An expression for ``condition`` holding (or not) on a known answer."""
        return _KnownTruth(self, input_id, decl, holds).visit(condition)

    def question_step(self, node: Question, decl: Input) -> _Step:
        """One step: a rule per branch for known answers (branch *i* holds, no earlier one
        does), and one rule for "unknown", whose branch is known when compiling."""
        step = _Step(node.id, "q", node.input, _members(node, decl), chain=False)
        earlier: list[Expr] = []
        for index, branch in enumerate(node.branches):
            expr = _and(KNOWN, *earlier, self.known_truth(branch.when, node.input, decl, True))
            step.rules.append((f"b{index}", expr, _ToNode(branch.next)))
            earlier.append(self.known_truth(branch.when, node.input, decl, False))
        gap: Dest = (
            _ToNode(node.otherwise) if node.otherwise is not None else _Fail("no_branch", node.input, node.id)
        )
        step.rules.append(("otherwise" if node.otherwise else "no_branch", _and(KNOWN, *earlier), gap))
        if decl.allow_unknown:
            taken = next((i for i, b in enumerate(node.branches) if _holds_on_unknown(b.when)), None)
            if taken is not None:
                step.rules.append((f"b{taken}_unknown", UNKNOWN_ANSWER, _ToNode(node.branches[taken].next)))
            else:
                step.rules.append(
                    ("otherwise_unknown" if node.otherwise else "no_branch_unknown", UNKNOWN_ANSWER, gap)
                )
        step.rules.append((f"missing_{node.input}", UNREADABLE, _Fail("missing", node.input, node.id)))
        if _fanout(step) > MAX_FANOUT or any(
            _compounds(_and({"n": "", "at": ""}, expr)) > MAX_COMPOUNDS for _, expr, _ in step.rules
        ):
            raise _TooLarge
        return step

    # -- chains of steps (rules, and questions too large for one step) ---------------------

    def test_step(
        self,
        test: Test,
        on_true: Dest,
        on_false: Dest,
        node: str,
        prefix: str,
        report: str,
        implied: str | None,
    ) -> _Step:
        input_id = test.input or implied
        assert input_id is not None
        decl = self.tree.inputs[input_id]
        members = tuple(test.operand) if isinstance(decl, SetInput) and test.operator != "is_unknown" else ()
        step = _Step(node, prefix, input_id, members)
        if test.operator == "is_unknown":
            step.rules.append(("true", UNKNOWN_ANSWER if test.is_unknown else KNOWN, on_true))
            step.rules.append(("false", KNOWN if test.is_unknown else UNKNOWN_ANSWER, on_false))
        else:
            match, miss = self.comparisons(test, input_id, decl)
            step.rules.append(("true", _and(KNOWN, match), on_true))
            step.rules.append(("false", _and(KNOWN, miss), on_false))
            if decl.allow_unknown:
                step.rules.append(("unknown", UNKNOWN_ANSWER, on_false))
        step.rules.append(("missing", UNREADABLE, _Fail("missing", input_id, report)))
        return step

    def chain(
        self,
        condition: Condition,
        on_true: Dest,
        on_false: Dest,
        node: str,
        prefix: str,
        report: str,
        implied: str | None = None,
    ) -> Dest:
        """Steps that test ``condition`` left to right, stopping as soon as its value is known."""
        return _Chain(self, node, prefix, implied, on_true, on_false, report).visit(condition)

    def question_chain(self, node: Question) -> _Step:
        dest: Dest = (
            _ToNode(node.otherwise) if node.otherwise is not None else _Fail("no_branch", node.input, node.id)
        )
        for branch in reversed(node.branches):
            dest = self.chain(branch.when, _ToNode(branch.next), dest, node.id, "q", node.id, node.input)
        read = _Step(node.id, "q", node.input)
        read.rules = [
            ("read", READABLE, dest),
            ("missing", UNREADABLE, _Fail("missing", node.input, node.id)),
        ]
        return read

    def routing_rule(self, node: Rule) -> _Step:
        assert node.then is not None
        assert node.else_ is not None
        entry = self.chain(node.condition, _ToNode(node.then), _ToNode(node.else_), node.id, "r", node.id)
        if isinstance(entry, _Step):
            return entry
        constant = _Step(node.id, "r", None)  # the condition needs no answer (e.g. at_least 0)
        constant.rules = [("always", True, entry)]
        return constant

    # -- the whole tree -------------------------------------------------------------------

    def compile(self) -> _Program:
        tree = self.tree
        for node_id, node in tree.nodes.items():
            entry = self.entry(node)
            if entry is not None:
                _check_steps(node_id, entry)
                self.entries[node_id] = entry
        if len(self.entries) > MAX_FANOUT:
            raise DurableBackendError(
                f"tree {tree.id!r} has {len(self.entries)} questions and routing rules; "
                f"durable handles at most {MAX_FANOUT}",
                code="DT702",
            )
        start = _Step("", "", None)  # index -1: the "start" event
        start.rules = [("start", True, _ToNode(tree.start))]

        rules: dict[str, dict[str, Any]] = {}
        steps: dict[str, _StepSpec] = {}
        rule_steps: dict[str, str] = {}
        for step in [start, *itertools.chain.from_iterable(_walk(e) for e in self.entries.values())]:
            steps[step.id] = _StepSpec(
                step.id,
                step.node or None,
                step.input,
                step.members,
                self.encoder(step.input) if step.input is not None else None,
            )
            self.add_rules(step, rules, rule_steps)
        return _Program(rules, steps, rule_steps)

    def entry(self, node: Node) -> _Step | None:
        """The first step of a question or a routing rule (``None`` for other nodes)."""
        if isinstance(node, Question):
            try:
                return self.question_step(node, self.tree.inputs[node.input])
            except _TooLarge:
                return self.question_chain(node)
        if isinstance(node, Rule) and node.routes:
            return self.routing_rule(node)
        return None

    def add_rules(self, step: _Step, rules: dict[str, dict[str, Any]], rule_steps: dict[str, str]) -> None:
        """Add the durable rules of ``step`` to ``rules`` (and which step each belongs to)."""
        # Two levels (node, then step) keep every test below durable's limit on successors.
        where = {"at": START_EVENT} if step.index < 0 else _and({"n": step.node}, {"at": step.id})
        for label, expr, dest in step.rules:
            if expr is False:
                continue
            name = self.rule_name(step, label, dest)
            base, n = name, 1
            while name in rules:  # only ids that imitate our naming can collide
                n += 1
                name = f"{base}_{n}"
            condition = _and(where, expr)
            if _compounds(condition) > MAX_COMPOUNDS:
                raise DurableBackendError(
                    f"rule {name!r} needs more than {MAX_COMPOUNDS} $and/$or, durable's limit",
                    code="DT702",
                )
            rules[name] = {"all": [{"m": condition}], "run": f"{name}: {self.command(dest)}"}
            rule_steps[name] = step.id
            if len(rules) > MAX_RULES:
                raise DurableBackendError(
                    f"tree {self.tree.id!r} needs more than {MAX_RULES} durable rules", code="DT702"
                )

    def rule_name(self, step: _Step, label: str, dest: Dest) -> str:
        if step.index < 0:
            name = "start"
        elif step.chain:
            name = f"{step.prefix}_{step.node}__s{step.index}"
            if step.input is not None:
                name += f"_{step.input}"
            name += f"_{label}"
        else:
            name = f"{step.prefix}_{step.node}__{label}"
        if isinstance(dest, _ToNode):
            name += f"_to_{dest.node}"
        elif isinstance(dest, _Step):
            name += f"_to_s{dest.index}"
        return name

    def command(self, dest: Dest) -> str:
        if isinstance(dest, _Fail):
            if dest.kind == "missing":
                return f"missing {dest.input} {dest.node}"
            return f"no_branch {dest.node} {dest.input}"
        if isinstance(dest, _ToNode):
            if isinstance(self.tree.nodes[dest.node], Outcome):
                return f"outcome {dest.node}"
            dest = self.entries[dest.node]
        return f"next {dest.id}" + (f" {dest.input}" if dest.input is not None else "")


# ----------------------------------------------------------------------------------------------
# One rule per path: the one-firing form used by DurableBackend.evaluate

MAX_PATH_RULES: Final = 400  # below durable's 512 successors of one test
#: Path rules holding an ``$or`` (a one_of, a negated all): durable-rules 2.0.28 corrupts its heap
#: ("free(): invalid size", segfaults) on a ruleset of 128 such rules and is stable at 64 here;
#: paths beyond this many are left to the steps.
MAX_PATH_RULES_WITH_OR: Final = 32
PATH_EVENT: Final = "case"  # the ``at`` of the one event that carries a whole case
_NO_PATH: Final = "no_path"  # the rule for a case that no path's rule takes


@dataclass(frozen=True, slots=True)
class _PathProgram:
    """A rule per path from the start to an outcome, over one event that carries every answer.

    A path's rule is the conjunction of the branch taken at each of its nodes, for answers that
    are known (given, valid and not "unknown") for every input those nodes test: then each node
    decides as the native evaluator does, whatever the order it reads in, and exactly one rule
    holds. A case that no rule matches (an answer missing, invalid or unknown where the path
    needs it; a path left out for durable's limits) is evaluated step by step instead.
    """

    rules: dict[str, dict[str, Any]]
    paths: dict[str, tuple[str, ...]]  # rule name -> node ids, ending with the outcome
    fields: dict[str, int]  # input -> its number in the event's field names
    encoders: dict[str, Callable[[Any], Any] | None]
    members: dict[str, tuple[str, ...]]  # set input -> the values the tree tests


def _renamed(expr: Expr, number: int, members: Mapping[str, int]) -> Expr:
    """``expr`` over one answer, its fields named for input ``number``: ``a3``, ``v3``, and
    ``m3_1`` for the flag of a set's value number 1 (``members``)."""
    if isinstance(expr, bool):
        return expr
    ((key, value),) = expr.items()
    if key in ("$and", "$or"):
        return {key: [_renamed(part, number, members) for part in value]}
    if key.startswith("$"):
        renamed = _renamed(value, number, members)
        assert isinstance(renamed, dict)
        return {key: renamed}
    if key.startswith("in:"):
        return {f"m{number}_{members[key[3:]]}": value}
    return {f"{key}{number}": value}


def _condition_inputs(tree: Tree, condition: Condition) -> dict[str, None]:
    """The inputs ``condition`` tests, through the rules it refers to, in order."""
    found: dict[str, None] = {}
    stack: list[Condition] = [condition]
    while stack:
        c = stack.pop()
        test, ref = as_test(c), as_rule_ref(c)
        if test is not None:
            assert test.input is not None
            found[test.input] = None
        elif ref is not None:
            rule = tree.nodes[ref.rule]
            assert isinstance(rule, Rule)
            stack.append(rule.condition)
        else:
            stack.extend(parts(c))
    return found


class _PathTruth(ConditionVisitor[Expr]):
    """A condition holding (``holds``) or not when every input it tests is known, in event fields."""

    def __init__(self, paths: _PathCompiler, holds: bool) -> None:
        self.paths, self.holds = paths, holds

    def test(self, condition: Test) -> Expr:
        assert condition.input is not None
        decl = self.paths.tree.inputs[condition.input]
        truth = self.paths.compiler.known_truth(condition, condition.input, decl, self.holds)
        return self.paths.renamed(truth, condition.input)

    def rule_ref(self, condition: RuleRef) -> Expr:
        rule = self.paths.tree.nodes[condition.rule]
        assert isinstance(rule, Rule)
        return self.visit(rule.condition)

    def not_of(self, condition: NotOf) -> Expr:
        return _PathTruth(self.paths, not self.holds).visit(condition.not_)

    def all_of(self, condition: AllOf) -> Expr:
        parts = [self.visit(c) for c in condition.all]
        return _and(*parts) if self.holds else _or(*parts)

    def any_of(self, condition: AnyOf) -> Expr:
        parts = [self.visit(c) for c in condition.any]
        return _or(*parts) if self.holds else _and(*parts)

    def at_least(self, condition: AtLeast) -> Expr:
        return _at_least_truth(condition, self.holds, self.visit)


class _PathCompiler:
    def __init__(self, compiler: _Compiler) -> None:
        self.compiler = compiler
        self.tree = compiler.tree
        self.fields = {key: i for i, key in enumerate(self.tree.inputs)}
        self.with_or = 0  # path rules holding an $or so far
        self.members = {
            key: tuple(decl.values) for key, decl in self.tree.inputs.items() if isinstance(decl, SetInput)
        }
        self.tested: dict[str, None] = {}  # the inputs some node tests, in the event

    def renamed(self, expr: Expr, input_id: str) -> Expr:
        self.tested[input_id] = None
        members = {value: i for i, value in enumerate(self.members.get(input_id, ()))}
        return _renamed(expr, self.fields[input_id], members)

    def known(self, input_id: str) -> Expr:
        return self.renamed(KNOWN, input_id)

    def truth(self, condition: Condition, holds: bool) -> Expr:
        """``condition`` holding (or not) when every input it tests is known."""
        return _PathTruth(self, holds).visit(condition)

    def ways(self, node_id: str) -> list[tuple[Expr, str]] | None:
        """(condition, next node) for each way out of a node, or ``None`` for a node kind
        that has no one-rule form."""
        node = self.tree.nodes[node_id]
        if isinstance(node, Question):
            decl = self.tree.inputs[node.input]
            known = self.known(node.input)
            out: list[tuple[Expr, str]] = []
            earlier: list[Expr] = []
            for branch in node.branches:
                holds = self.compiler.known_truth(branch.when, node.input, decl, True)
                out.append((_and(known, *earlier, self.renamed(holds, node.input)), branch.next))
                fails = self.compiler.known_truth(branch.when, node.input, decl, False)
                earlier.append(self.renamed(fails, node.input))
            if node.otherwise is not None:
                out.append((_and(known, *earlier), node.otherwise))
            if decl.allow_unknown:  # the branch "unknown" takes is known when compiling
                taken = next((b.next for b in node.branches if _holds_on_unknown(b.when)), node.otherwise)
                if taken is not None:
                    out.append((self.renamed(UNKNOWN_ANSWER, node.input), taken))
            return out
        if isinstance(node, Rule) and node.then is not None and node.else_ is not None:
            known_all = [self.known(key) for key in _condition_inputs(self.tree, node.condition)]
            return [
                (_and(*known_all, self.truth(node.condition, True)), node.then),
                (_and(*known_all, self.truth(node.condition, False)), node.else_),
            ]
        return None

    def fits(self, condition: Expr) -> bool:
        """Whether a path's rule stays within durable's limits (counting the rules with an ``$or``)."""
        if condition is False or _compounds(condition) > MAX_COMPOUNDS:
            return False
        if _has_or(condition):
            self.with_or += 1
            return self.with_or <= MAX_PATH_RULES_WITH_OR
        return True

    def compile(self) -> _PathProgram | None:
        tree = self.tree
        ways: dict[str, list[tuple[Expr, str]]] = {}
        for node_id, node in tree.nodes.items():
            if isinstance(node, Outcome):
                continue
            try:
                found = self.ways(node_id)
            except _TooLarge:
                return None
            if found is None:
                return None
            ways[node_id] = found
        rules: dict[str, dict[str, Any]] = {}
        paths: dict[str, tuple[str, ...]] = {}
        stack: list[tuple[str, tuple[str, ...], tuple[Expr, ...]]] = [(tree.start, (), ())]
        self.with_or = 0
        while stack:
            node_id, path, parts = stack.pop()
            path = (*path, node_id)
            if isinstance(tree.nodes[node_id], Outcome):
                condition = _and({"at": PATH_EVENT}, *parts)
                if not self.fits(condition):
                    continue  # (left to the steps)
                rule = f"path_{len(paths)}_to_{node_id}"
                rules[rule] = {"all": [{"m": condition}], "run": f"{rule}: path"}
                paths[rule] = path
                if len(rules) > MAX_PATH_RULES:
                    return None
                continue
            for condition, target in reversed(ways[node_id]):
                if condition is not False:
                    stack.append((target, path, (*parts, condition)))
        # Every case event matches a rule: durable is left unstable by an event that matches
        # none. This one gives way to the paths' rules (priority 1) and sends the case to the steps.
        rules[_NO_PATH] = {"all": [{"m": {"at": PATH_EVENT}}], "pri": 1, "run": f"{_NO_PATH}: path"}
        fields = {key: self.fields[key] for key in self.tested}
        encoders = {key: self.compiler.encoder(key) for key in self.tested}
        return _PathProgram(rules, paths, fields, encoders, self.members)


def _has_or(expr: Any) -> bool:
    if isinstance(expr, dict):
        return "$or" in expr or any(_has_or(v) for v in expr.values())
    if isinstance(expr, list):
        return any(_has_or(v) for v in expr)
    return False


_Field = tuple[str, str, Callable[[Any], Any], Callable[[Any], Any] | None, tuple[tuple[str, str], ...]]


def _path_event(
    fields: Mapping[str, _Field],
    answers: Mapping[str, Any],
) -> dict[str, Any]:
    """The one event of a case: ``{"at": "case", "a<i>": "k"|"u", "v<i>": value, "m<i>_<j>": flag}``
    for each input ``i`` some node tests; an answer that is invalid, or that durable cannot
    compare exactly, is left out (so no rule that needs it matches)."""
    event: dict[str, Any] = {"at": PATH_EVENT}
    for key, raw in answers.items():
        field = fields.get(key)
        if field is None:
            continue
        answered, valued, check, encode, members = field
        try:
            value = check(raw)
            if value is UNKNOWN:
                event[answered] = "u"
                continue
            if encode is None:  # a set: one flag per value
                for flag, member in members:
                    event[flag] = member in value
            else:
                event[valued] = encode(value)
        except (InvalidAnswerError, DurableBackendError):
            continue
        event[answered] = "k"
    return event


def _identity(value: Any) -> Any:
    return value


def _members(node: Question, decl: Input) -> tuple[str, ...]:
    if not isinstance(decl, SetInput):
        return ()
    used: dict[str, None] = {}
    for branch in node.branches:
        for test, _ in tests_in(branch.when):
            if test.operator != "is_unknown":
                used.update(dict.fromkeys(test.operand))
    return tuple(used)


def _walk(entry: _Step) -> list[_Step]:
    """The steps of one node, breadth first from its entry (the order of their numbers)."""
    seen: dict[int, _Step] = {id(entry): entry}
    queue = [entry]
    for step in queue:
        for _, _, dest in step.rules:
            if isinstance(dest, _Step) and id(dest) not in seen:
                seen[id(dest)] = dest
                queue.append(dest)
    return queue


def _number_steps(entry: _Step) -> int:
    steps = _walk(entry)
    for index, step in enumerate(steps):
        step.index = index
    return len(steps)


def _compile(tree: Tree) -> _Program:
    return _Compiler(tree).compile()


# ----------------------------------------------------------------------------------------------
# Public compile and export

_counter = itertools.count(1)


def ruleset_name(tree: Tree) -> str:
    """The stable name of ``tree``'s ruleset: its id and the start of its content hash."""
    return f"{tree.id}_{tree.content_hash.removeprefix('sha256:')[:12]}"


def compile_ruleset(tree: Tree) -> dict[str, dict[str, Any]]:
    """``{name: rules}`` for durable's ``Host.register_rulesets``, under a name used once.

    durable keeps one registry of ruleset names per host, so the name is
    ``<tree id>_<hash>_<counter>``. Each rule's ``run`` is ``"<rule name>: <command>"`` (see
    ``docs/durable.md``).
    """
    program = _compile(tree)
    return {f"{ruleset_name(tree)}_{next(_counter)}": copy.deepcopy(program.rules)}


def to_durable_json(tree: Tree, indent: int | None = 2) -> str:
    """The ruleset as durable JSON for other hosts (Node.js, Ruby, Python); same tree, same text."""
    program = _compile(tree)
    return json.dumps({ruleset_name(tree): program.rules}, ensure_ascii=False, indent=indent) + "\n"


# ----------------------------------------------------------------------------------------------
# Evaluating inside durable

_ENGINE_LOCK = threading.Lock()  # durable's engine is not thread-safe; one lock for the process


def _durable() -> tuple[Any, Any]:
    """``(durable.engine, durable_rules_engine)``, or :class:`MissingDependencyError`."""
    try:
        engine = importlib.import_module("durable.engine")
        native = importlib.import_module("durable_rules_engine")
    except ImportError as exc:
        raise MissingDependencyError("durable-rules", INSTALL, code="DT701") from exc
    return engine, native


_Result = (
    tuple[Literal["outcome"], str]
    | tuple[Literal["path"], str]
    | tuple[Literal["missing"], str, str]
    | tuple[Literal["no_branch"], str, str]
    | tuple[Literal["error"], DurableBackendError]
)


class _Session:
    """One evaluation: the answers, what the actions recorded, and how it ended."""

    __slots__ = ("answers", "done", "fired", "inputs", "result", "steps")

    def __init__(self, answers: Mapping[str, Any], inputs: Mapping[str, Input]) -> None:
        self.answers = answers
        self.inputs = inputs
        self.fired: list[str] = []
        self.steps: list[str] = []
        self.result: _Result | None = None
        self.done = threading.Event()

    def finish(self, result: _Result) -> None:
        if self.result is None:
            self.result = result
        self.done.set()

    def event(self, spec: _StepSpec) -> dict[str, Any]:
        """The event for ``spec``: only the answer that step reads, as durable compares it."""
        event: dict[str, Any] = {"n": spec.node, "at": spec.id}
        if spec.input is None or spec.input not in self.answers:
            return event
        try:
            value = coerce_answer(spec.input, self.inputs[spec.input], self.answers[spec.input])
        except InvalidAnswerError:
            return event  # unreadable, like a missing answer; the error is raised afterwards
        if value is UNKNOWN:
            event["a"] = "u"
            return event
        event["a"] = "k"
        if spec.encode is None:  # a set: one flag per value the step tests
            for member in spec.members:
                event[f"in:{member}"] = member in value
        else:
            event["v"] = spec.encode(value)
        return event


class _Case:
    """One evaluation by the paths' rules: what the action recorded."""

    __slots__ = ("fired", "result")

    def __init__(self) -> None:
        self.fired: list[str] = []
        self.result: _Result | None = None

    def finish(self, result: _Result) -> None:
        if self.result is None:
            self.result = result


class _Actions:
    """The actions of one backend's rules. Holds no reference to the backend itself."""

    def __init__(self, program: _Program, engine: Any) -> None:
        self.program = program
        self.sessions: dict[str, _Session | _Case] = {}
        self.not_handled: type[Exception] = engine.MessageNotHandledException

    def __call__(self, action_name: str) -> Callable[[Any], None]:
        rule, _, command = action_name.partition(": ")
        verb, *args = command.split(" ")
        sessions = self.sessions
        if verb == "path":  # a whole path's rule (the one-firing form)

            def path_action(c: Any) -> None:
                session = sessions.get(str(c.s["sid"]))
                if session is not None and session.result is None:
                    session.fired.append(rule)
                    session.finish(("path", rule))

            return path_action
        step = self.program.rule_steps[rule]
        steps, not_handled = self.program.steps, self.not_handled
        target = steps[args[0]] if verb == "next" else None

        def action(c: Any) -> None:
            session = sessions.get(str(c.s["sid"]))
            if not isinstance(session, _Session) or session.result is not None:
                return
            session.fired.append(rule)
            session.steps.append(step)
            try:
                if target is not None:
                    c.post(session.event(target))
                elif verb == "outcome":
                    session.finish(("outcome", args[0]))
                elif verb == "missing":
                    session.finish(("missing", args[0], args[1]))
                else:
                    session.finish(("no_branch", args[0], args[1]))
            except not_handled:
                session.finish(
                    (
                        "error",
                        DurableBackendError(
                            f"no durable rule matched step {args[0]!r} after rule {rule!r}", code="DT703"
                        ),
                    )
                )
            except Exception as exc:  # durable's own errors are bare; keep its message
                session.finish(("error", DurableBackendError(f"durable failed after rule {rule!r}: {exc}")))

        return action


_HOST_CLASSES: dict[int, type] = {}


def _host_class(engine: Any) -> type:
    """A durable ``Host`` without background dispatch threads, whose actions come from us."""
    cls = _HOST_CLASSES.get(id(engine))
    if cls is None:

        class QuietHost(engine.Host):  # type: ignore[misc]
            def __init__(self, actions: _Actions) -> None:
                self._dt_actions = actions
                super().__init__()

            def _run(self) -> None:  # no timer threads: actions run inside post(), in our lock
                return None

            def get_action(self, action_name: str) -> Callable[[Any], None]:
                return self._dt_actions(action_name)

        cls = _HOST_CLASSES[id(engine)] = QuietHost
    return cls


_PENDING_RELEASE: list[tuple[Any, Any]] = []  # durable rulesets to free at the next safe point


def _release(native: Any, handle: Any) -> None:
    """Free a ruleset in durable's engine: now if no call into durable is under way, else later.

    This runs from ``close()`` or from the garbage collector, which may run in the middle of an
    evaluation that holds the lock (even on this thread): then the handle is queued instead.
    """
    if handle is None:
        return
    _PENDING_RELEASE.append((native, handle))
    if _ENGINE_LOCK.acquire(blocking=False):
        try:
            _free_pending()
        finally:
            _ENGINE_LOCK.release()


def _free_pending() -> None:
    """Free queued rulesets; call with :data:`_ENGINE_LOCK` held."""
    while _PENDING_RELEASE:
        native, handle = _PENDING_RELEASE.pop()
        with contextlib.suppress(Exception):  # freeing memory must never raise
            native.delete_ruleset(handle)


@dataclass(frozen=True, slots=True)
class DurableRun:
    """An evaluation inside durable: the decision and the durable rules that fired, in order."""

    decision: Decision
    fired: tuple[str, ...]


class DurableBackend:
    """Evaluate ``tree`` inside durable-rules; results are the native :class:`Decision` type.

    Safe to share between threads (calls into durable are serialised). Close it, or use it as a
    context manager, to free durable's ruleset at once; otherwise that happens when collected.
    """

    def __init__(self, tree: Tree) -> None:
        engine, native = _durable()
        self.tree = tree
        compiler = _Compiler(tree)
        self._program = compiler.compile()
        self._paths = _PathCompiler(compiler).compile()
        self.name = f"{ruleset_name(tree)}_{next(_counter)}"
        self._paths_name = f"{self.name}_paths"
        checks = tree.compiled.checks
        self._event_fields = (
            {
                key: (
                    f"a{number}",
                    f"v{number}",
                    checks[key],
                    self._paths.encoders[key],
                    tuple((f"m{number}_{i}", m) for i, m in enumerate(self._paths.members.get(key, ()))),
                )
                for key, number in self._paths.fields.items()
            }
            if self._paths is not None
            else {}
        )
        self._sessions = itertools.count(1)
        self._actions = _Actions(self._program, engine)
        self._host = _host_class(engine)(self._actions)
        with _ENGINE_LOCK:
            try:
                rulesets = {self.name: copy.deepcopy(self._program.rules)}
                if self._paths is not None:
                    rulesets[self._paths_name] = copy.deepcopy(self._paths.rules)
                self._host.register_rulesets(rulesets)
            except Exception as exc:
                raise DurableBackendError(
                    f"durable rejected the ruleset of tree {tree.id!r}: {exc}", code="DT702"
                ) from exc
            self._ruleset = self._host.get_ruleset(self.name)
            self._paths_ruleset = (
                self._host.get_ruleset(self._paths_name) if self._paths is not None else None
            )
            _free_pending()
        self._not_handled: type[Exception] = engine.MessageNotHandledException
        self._closed = False
        self._finalizer = weakref.finalize(self, _release, native, getattr(self._ruleset, "_handle", None))
        self._paths_finalizer = weakref.finalize(
            self, _release, native, getattr(self._paths_ruleset, "_handle", None)
        )

    @property
    def ruleset(self) -> dict[str, dict[str, Any]]:
        """``{name: rules}`` as registered in durable (a copy)."""
        return {self.name: copy.deepcopy(self._program.rules)}

    def close(self) -> None:
        """Free durable's ruleset. Evaluating afterwards raises ``DT706``."""
        self._closed = True
        self._finalizer()
        self._paths_finalizer()

    def __enter__(self) -> DurableBackend:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"DurableBackend(tree={self.tree.id!r}, ruleset={self.name!r})"

    # -- evaluating -----------------------------------------------------------------------

    def evaluate(self, answers: Mapping[str, Any]) -> Decision:
        """The :class:`Decision` for ``answers``, decided by durable's rules.

        The whole case is posted once, to a rule per path (one rule fires); a case that needs
        more (an answer missing, invalid or unknown where the path reads it) is then taken
        step by step, as :meth:`run` does.
        """
        paths = self._paths
        if paths is None:
            return self.run(answers).decision
        self._check_keys(answers)
        session = _Case()
        sid = f"p{next(self._sessions)}"  # a fresh durable session per evaluation
        event = _path_event(self._event_fields, answers)
        event["sid"] = sid
        sessions = self._actions.sessions
        sessions[sid] = session
        try:
            with _ENGINE_LOCK:  # every call into durable, delete_state included, under the lock
                self._open()  # (checked under the lock: close() on another thread waits for it)
                try:
                    self._post_case(event, session)
                except DurableBackendError:
                    # durable's engine refused the event against the paths' rules (seen: error
                    # 303 on rules with many nested tests): the session's state may be half made,
                    # and deleting it is where a native abort was seen (right after such an
                    # error, under pytest-xdist). Its id is never used again: leave it, and take
                    # the case step by step below.
                    session.result = None
                else:
                    with contextlib.suppress(Exception):  # a session that never started has none
                        self._host.delete_state(self._paths_name, sid)
                finally:
                    if _PENDING_RELEASE:
                        _free_pending()
        finally:
            del sessions[sid]
        result = session.result
        path = paths.paths.get(result[1]) if result is not None and result[0] == "path" else None
        if path is None:  # no path's rule took the case: step by step
            return self.run(answers).decision
        outcome = self.tree.nodes[path[-1]]
        assert isinstance(outcome, Outcome)
        return Decision._create(self.tree, list(path), outcome, dict(answers))

    def _open(self) -> None:
        """Refuse a closed backend (``DT706``); call with :data:`_ENGINE_LOCK` held, so that
        its ruleset, freed by ``close()`` only when no call into durable is under way, stays
        alive until the call ends."""
        if self._closed:
            raise DurableBackendError(f"{self!r} is closed", code="DT706")

    def _post_case(self, event: dict[str, Any], session: _Case) -> None:
        try:
            self._host.post(self._paths_name, event)
        except self._not_handled:
            return  # no rule matched
        except Exception as exc:
            raise DurableBackendError(f"durable failed: {exc}") from exc
        attempts, ruleset = 0, self._paths_ruleset
        assert ruleset is not None
        while session.result is None and attempts < 3:  # as in _post: run pending actions
            attempts += 1
            try:
                ruleset.dispatch()
            except Exception as exc:
                raise DurableBackendError(f"durable failed while dispatching: {exc}") from exc

    def decide(self, answers: Mapping[str, Any]) -> Outcome:
        """Only the outcome."""
        return self.evaluate(answers).outcome

    def evaluate_many(self, cases: Iterable[Mapping[str, Any]]) -> list[Decision]:
        """Evaluate each answer mapping in turn."""
        return [self.evaluate(answers) for answers in cases]

    def run(self, answers: Mapping[str, Any]) -> DurableRun:
        """Evaluate and also return the names of the durable rules that fired."""
        self._check_keys(answers)
        session = _Session(answers, self.tree.inputs)
        sid = uuid.uuid4().hex  # a fresh durable session per evaluation: no state is shared
        self._actions.sessions[sid] = session
        try:
            with _ENGINE_LOCK:  # every call into durable, delete_state included, under the lock
                self._open()
                try:
                    self._post(sid, session)
                except DurableBackendError:
                    raise  # (as in evaluate: a state durable failed to make is not deleted)
                else:
                    with contextlib.suppress(Exception):  # a session that never started has none
                        self._host.delete_state(self.name, sid)
                finally:
                    if _PENDING_RELEASE:
                        _free_pending()
        finally:
            del self._actions.sessions[sid]
        return DurableRun(self._result(session, answers), tuple(session.fired))

    def _post(self, sid: str, session: _Session) -> None:
        try:
            state = self._host.post(self.name, {"sid": sid, "at": START_EVENT})
        except self._not_handled:
            raise DurableBackendError("no durable rule matched the start event", code="DT703") from None
        except Exception as exc:
            raise DurableBackendError(f"durable failed: {exc}") from exc
        attempts = 0
        while session.result is None and attempts < 3:
            # post() returned before our actions ran (durable's dispatcher took them, and
            # post() answered None): run the ruleset's pending actions ourselves.
            attempts += 1
            try:
                self._ruleset.dispatch()
            except Exception as exc:
                raise DurableBackendError(f"durable failed while dispatching: {exc}") from exc
        if session.result is None:
            detail = state.get("exception") if isinstance(state, dict) else None
            raise DurableBackendError(
                "durable returned no result and no rule recorded one"
                + (f" (durable: {detail})" if detail else ""),
                code="DT704",
            )

    def _check_keys(self, answers: Mapping[str, Any]) -> None:
        inputs = self.tree.inputs
        if inputs.keys() >= answers.keys():
            return
        for key in answers:
            if key not in inputs:
                close = difflib.get_close_matches(str(key), list(inputs), n=1)
                hint = f"; did you mean {close[0]!r}?" if close else ""
                raise InvalidAnswerError(str(key), answers[key], f"the tree has no such input{hint}")

    def _result(self, session: _Session, answers: Mapping[str, Any]) -> Decision:
        result = session.result
        assert result is not None
        if result[0] == "error":
            raise result[1]
        if result[0] == "missing":
            input_id, node = result[1], result[2]
            if input_id in answers:  # present but invalid: raise the reason it is invalid
                coerce_answer(input_id, self.tree.inputs[input_id], answers[input_id])
            raise MissingAnswerError(input_id, node)
        if result[0] == "no_branch":
            node, input_id = result[1], result[2]
            value = coerce_answer(input_id, self.tree.inputs[input_id], answers[input_id])
            raise NoBranchMatchedError(node, input_id, value)
        outcome_id = result[1]
        path = self._path(session.steps, outcome_id)
        outcome = self.tree.nodes[outcome_id]
        assert isinstance(outcome, Outcome)
        return Decision._create(self.tree, path, outcome, dict(answers))

    def _path(self, steps: list[str], outcome_id: str) -> list[str]:
        """The nodes of the steps that fired, checked to be a walk of the tree."""
        path: list[str] = []
        specs = self._program.steps
        for step in steps:
            node = specs[step].node
            if node is not None and (not path or path[-1] != node):
                path.append(node)
        path.append(outcome_id)
        targets = self.tree.compiled.targets
        walk_ok = path[0] == self.tree.start and all(
            b in targets.get(a, ()) for a, b in itertools.pairwise(path)
        )
        if not walk_ok:
            raise DurableBackendError(
                f"durable took path {path}, which is not a walk of the tree", code="DT703"
            )
        return path
