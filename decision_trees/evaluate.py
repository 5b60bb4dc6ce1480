"""The compiled evaluator: every node becomes a closure once, so deciding a case is a short walk.

Compiled trees hold no per-evaluation state: evaluation is a pure function of the answers and is
safe to run from many threads at once.
"""

from __future__ import annotations

import difflib
import functools
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from decision_trees._codegen import generate
from decision_trees._collector import collector_paused
from decision_trees._walk import ConditionVisitor, as_test
from decision_trees.answers import UNKNOWN, answer_checker, coerce_answer
from decision_trees.conditions import compile_test
from decision_trees.decision import Decision
from decision_trees.errors import InvalidAnswerError, MissingAnswerError, NoBranchMatchedError
from decision_trees.model import (
    AllOf,
    AnyOf,
    AtLeast,
    BooleanInput,
    Condition,
    EnumInput,
    Input,
    NotOf,
    Outcome,
    Question,
    Rule,
    RuleRef,
    SetInput,
    Test,
    Text,
)

if TYPE_CHECKING:
    from decision_trees.model import Tree

__all__ = ["Ask", "Compiled"]

AnswerPredicate = Callable[[Mapping[str, Any]], bool]
# A question or routing rule: answers -> index of the branch taken (``then`` is 0, ``else`` 1).
Chooser = Callable[[Mapping[str, Any]], int]


@dataclass(frozen=True, slots=True)
class Ask:
    """The next thing to ask: which input, by which node, with the text to show."""

    node: str
    input: str
    text: Text
    help: Text | None
    declaration: Input

    @property
    def allow_unknown(self) -> bool:
        """Whether "unknown" is an acceptable answer."""
        return self.declaration.allow_unknown

    @property
    def options(self) -> tuple[tuple[Any, Text], ...]:
        """The answers to choose from (booleans, enumerations and sets), with their labels."""
        decl = self.declaration
        if isinstance(decl, BooleanInput):
            return ((True, Text(nl="ja", en="yes")), (False, Text(nl="nee", en="no")))
        if isinstance(decl, EnumInput | SetInput):
            return tuple(decl.values.items())
        return ()


class _Reader:
    """Reads one input from the answers, checks it, and names the node that needed it."""

    __slots__ = ("check", "decl", "key")

    def __init__(self, key: str, decl: Input) -> None:
        self.key = key
        self.decl = decl
        self.check = answer_checker(key, decl)  # coerce_answer, quick for checked answers

    def __call__(self, answers: Mapping[str, Any], node: str) -> Any:
        try:
            value = answers[self.key]
        except KeyError:
            raise MissingAnswerError(self.key, node) from None
        return self.check(value)


class Compiled:
    """A tree compiled to closures. Use through :class:`~decision_trees.Tree` methods."""

    def __init__(self, tree: Tree, eager: bool = True) -> None:
        self.tree = tree
        self._readers = {key: _Reader(key, decl) for key, decl in tree.inputs.items()}
        self._input_keys = frozenset(tree.inputs)
        self.steps: dict[Any, Any] = {}  # trace steps shared between decisions (decision.py)
        self.step_texts: dict[int, Any] = {}  # and their JSON (decision.py)
        self.explained: dict[Any, str] = {}  # explanations of traces made of shared steps only
        self.shapes: dict[Any, Any] = {}  # what decisions along one recorded path share (decision.py)
        # Per input: coerce_answer, quick for answers already in checked form.
        self.checks = {key: reader.check for key, reader in self._readers.items()}
        self._rules: dict[str, AnswerPredicate] = {}
        self.dispatch: dict[str, dict[Any, int]] = {}
        # Per question that allows "unknown": the branch UNKNOWN takes (None: no branch does).
        self.unknown_branch: dict[str, int | None] = {}
        # Per yes/no question with a table: any answer -> True, False or UNKNOWN (or the error).
        self.normalizers: dict[str, Callable[[Any], Any]] = {}
        # Per node: a chooser (answers -> branch index) and the targets by index. ``eager=False``
        # builds them per node on first use (:meth:`chooser`), for a walk that takes a few paths
        # (``verify``'s witnesses); such a Compiled is not for evaluating.
        self.choosers: dict[str, Chooser] = {}
        self.targets: dict[str, tuple[str, ...]] = {}
        if eager:
            for node_id, node in tree.nodes.items():
                if isinstance(node, Rule):
                    self._rule_predicate(node_id)
            for node_id, node in tree.nodes.items():
                self._add_chooser(node_id, node)
        self._generated: Callable[[Mapping[str, Any]], Decision] | None = None
        self.evaluate: Callable[[Mapping[str, Any]], Decision] = self._first_evaluate
        """The :class:`Decision` for ``answers``; it keeps a snapshot of the answers.

        Generated code on first use (see ``_codegen``): the recording walk, which also refuses
        answers for inputs the tree lacks and makes the decision. An attribute rather than a
        method, like :attr:`decide`."""

    @functools.cached_property
    def decide(self) -> Callable[[Mapping[str, Any]], Outcome]:
        """The outcome for ``answers``, with no path or trace: generated code (see ``_codegen``).

        It reads only the answers its path needs (each one checked); unlike :meth:`evaluate` it
        does not look at answers for inputs the tree does not declare. Generated on first use
        (``verify`` never needs it); then an attribute, so that a call runs it directly."""
        return generate(self, record=False)

    # -- compiling ------------------------------------------------------------------------

    def _add_chooser(self, node_id: str, node: Question | Rule | Outcome) -> None:
        if isinstance(node, Question):
            self.choosers[node_id] = self._question_chooser(node)
            targets = tuple(b.next for b in node.branches)
            self.targets[node_id] = targets if node.otherwise is None else (*targets, node.otherwise)
        elif isinstance(node, Rule) and node.then is not None and node.else_ is not None:
            self.choosers[node_id] = self._rule_chooser(node_id)
            self.targets[node_id] = (node.then, node.else_)

    def chooser(self, node_id: str) -> Chooser:
        """The chooser of a question or routing rule (built now if it was not)."""
        found = self.choosers.get(node_id)
        if found is None:
            self._add_chooser(node_id, self.tree.nodes[node_id])
            found = self.choosers[node_id]
        return found

    def _rule_predicate(self, rule_id: str) -> AnswerPredicate:
        predicate = self._rules.get(rule_id)
        if predicate is None:
            node = self.tree.nodes[rule_id]
            assert isinstance(node, Rule)
            predicate = self.condition_predicate(node.condition, rule_id)
            self._rules[rule_id] = predicate
        return predicate

    def condition_predicate(self, condition: Condition, node: str) -> AnswerPredicate:
        """A predicate over the answers for ``condition`` (inputs named by its tests)."""
        return _AnswerPredicates(self, node).visit(condition)

    def _question_chooser(self, node: Question) -> Chooser:
        reader = self._readers[node.input]
        decl = reader.decl
        node_id = node.id
        pick = _branch_picker(node, decl)
        if decl.allow_unknown:
            self.unknown_branch[node_id] = _unknown_branch(pick)
        table = _dispatch_table(node, decl)
        if table is None:

            def choose(answers: Mapping[str, Any]) -> int:
                return pick(reader(answers, node_id))

            return choose
        self.dispatch[node_id] = table
        if isinstance(decl, BooleanInput):
            self.normalizers[node_id] = _normalizer(node, decl, pick)
        return _table_chooser(node, decl, table, pick)

    def _rule_chooser(self, rule_id: str) -> Chooser:
        predicate = self._rule_predicate(rule_id)

        def choose(answers: Mapping[str, Any]) -> int:
            return 0 if predicate(answers) else 1

        return choose

    # -- evaluating -----------------------------------------------------------------------

    def unknown_key_error(self, answers: Mapping[str, Any]) -> InvalidAnswerError | None:
        """The error for the first answer that names an input the tree lacks, or ``None``."""
        if self._input_keys.issuperset(answers):
            return None
        for key in answers:
            if key not in self._input_keys:
                close = difflib.get_close_matches(str(key), self._input_keys, n=1)
                hint = f"; did you mean {close[0]!r}?" if close else ""
                return InvalidAnswerError(str(key), answers[key], f"the tree has no such input{hint}")
        return None  # pragma: no cover - issuperset said otherwise

    def _unknown_keys(self, answers: Mapping[str, Any]) -> None:
        error = self.unknown_key_error(answers)
        if error is not None:
            raise error

    def _first_evaluate(self, answers: Mapping[str, Any]) -> Decision:
        """:attr:`evaluate` until the recording walk is generated (on first use; a caller may
        hold this method itself, so it generates the walk once and then only calls it)."""
        evaluate = self._generated
        if evaluate is None:
            evaluate = self._generated = generate(self, record=True)
            self.evaluate = evaluate
        return evaluate(answers)

    def walk(self, answers: Mapping[str, Any]) -> tuple[list[str], Outcome]:
        """The node ids visited (ending with the outcome's) and the :class:`Outcome` reached."""
        decision = self.evaluate(answers)
        return list(decision.path), decision.outcome

    def evaluate_many(self, cases: Iterable[Mapping[str, Any]]) -> list[Decision]:
        """:attr:`evaluate` for each case, in order.

        The cyclic garbage collector is paused meanwhile: it would otherwise walk every kept
        :class:`Decision` again and again as the list grows, while a decision holds no cycle.
        """
        evaluate = self.evaluate
        with collector_paused():
            return [evaluate(answers) for answers in cases]

    def next_question(self, answers: Mapping[str, Any]) -> Ask | None:
        """The first question the path still needs, or ``None`` when ``answers`` decide."""
        try:
            self.walk(answers)
        except MissingAnswerError as missing:  # the first answer the path needs
            node = self.tree.nodes[missing.node]
            decl = self.tree.inputs[missing.input]
            if isinstance(node, Question):
                return Ask(missing.node, missing.input, node.text, node.help, decl)
            return Ask(missing.node, missing.input, decl.label, decl.help, decl)
        return None

    def parse_answers(self, data: Mapping[str, Any]) -> dict[str, Any]:
        """Typed answers from plain data; every value is checked against its input."""
        self._unknown_keys(data)
        return {key: coerce_answer(key, self._readers[key].decl, value) for key, value in data.items()}

    def replay(
        self, path: tuple[str, ...], answers: Mapping[str, Any]
    ) -> tuple[tuple[int, ...], dict[str, Any]]:
        """Walk ``path`` again: the branch taken at each step, and the checked answers that were
        actually read, in reading order (a rule settled early does not read its other inputs)."""
        reading = _Reading(answers)
        branches = tuple(self.choosers[node_id](reading) for node_id in path[:-1])
        used = {key: coerce_answer(key, self._readers[key].decl, answers[key]) for key in reading.read}
        return branches, used

    def used_answers(self, path: tuple[str, ...], answers: Mapping[str, Any]) -> dict[str, Any]:
        """The checked answers the nodes of ``path`` read, in reading order, without walking
        again: a question reads its input; a rule reads what its condition needs, left to right,
        stopping where the result is known (so a rule settled early reads nothing more)."""
        nodes, readers = self.tree.nodes, self._readers
        used: dict[str, Any] = {}
        for node_id in path[:-1]:
            node = nodes[node_id]
            if isinstance(node, Question):
                keys: Iterable[str] = (node.input,)
            else:
                reading = _Reading(answers)
                self._rule_predicate(node_id)(reading)
                keys = reading.read
            for key in keys:
                if key not in used:
                    used[key] = readers[key].check(answers[key])
        return used


class _Reading(Mapping[str, Any]):
    """A view of the answers that notes which ones were read."""

    __slots__ = ("_answers", "read")

    def __init__(self, answers: Mapping[str, Any]) -> None:
        self._answers = answers
        self.read: dict[str, None] = {}

    def __getitem__(self, key: str) -> Any:
        value = self._answers[key]
        self.read[key] = None
        return value

    def __contains__(self, key: object) -> bool:
        return key in self._answers

    def __iter__(self) -> Iterator[str]:
        return iter(self._answers)

    def __len__(self) -> int:
        return len(self._answers)


@dataclass(frozen=True, slots=True)
class _AnswerPredicates(ConditionVisitor[AnswerPredicate]):
    """Compiles a condition of a rule (or an invariant) into a predicate over the answers."""

    compiled: Compiled
    node: str

    def test(self, condition: Test) -> AnswerPredicate:
        assert condition.input is not None
        reader = self.compiled._readers[condition.input]
        test = compile_test(condition, reader.decl)
        node = self.node
        return lambda answers: test(reader(answers, node))

    def rule_ref(self, condition: RuleRef) -> AnswerPredicate:
        return self.compiled._rule_predicate(condition.rule)

    def not_of(self, condition: NotOf) -> AnswerPredicate:
        inner = self.visit(condition.not_)
        return lambda answers: not inner(answers)

    def all_of(self, condition: AllOf) -> AnswerPredicate:
        parts = tuple(self.visit(c) for c in condition.all)
        return lambda answers: all(p(answers) for p in parts)

    def any_of(self, condition: AnyOf) -> AnswerPredicate:
        parts = tuple(self.visit(c) for c in condition.any)
        return lambda answers: any(p(answers) for p in parts)

    def at_least(self, condition: AtLeast) -> AnswerPredicate:
        return _at_least(condition.at_least, tuple(self.visit(c) for c in condition.of))


@dataclass(frozen=True, slots=True)
class _ValuePredicates(ConditionVisitor[Callable[[Any], bool]]):
    """Compiles a question's branch condition into a predicate over its own input's value."""

    decl: Input

    def test(self, condition: Test) -> Callable[[Any], bool]:
        return compile_test(condition, self.decl)

    def not_of(self, condition: NotOf) -> Callable[[Any], bool]:
        inner = self.visit(condition.not_)
        return lambda v: not inner(v)

    def all_of(self, condition: AllOf) -> Callable[[Any], bool]:
        parts = tuple(self.visit(c) for c in condition.all)
        return lambda v: all(p(v) for p in parts)

    def any_of(self, condition: AnyOf) -> Callable[[Any], bool]:
        parts = tuple(self.visit(c) for c in condition.any)
        return lambda v: any(p(v) for p in parts)

    def at_least(self, condition: AtLeast) -> Callable[[Any], bool]:
        parts = tuple(self.visit(c) for c in condition.of)
        k = condition.at_least
        return lambda v: sum(1 for p in parts if p(v)) >= k

    def rule_ref(self, condition: RuleRef) -> Callable[[Any], bool]:
        raise AssertionError("questions cannot reference rules")  # the loader rejects it


def value_predicate(condition: Condition, decl: Input) -> Callable[[Any], bool]:
    """A predicate over the value of a question's own input."""
    return _ValuePredicates(decl).visit(condition)


def _at_least(k: int, parts: tuple[AnswerPredicate, ...]) -> AnswerPredicate:
    """``k`` of ``parts``, evaluated left to right and stopping as soon as the result is known."""
    n = len(parts)

    def holds(answers: Mapping[str, Any]) -> bool:
        count = 0
        for index, part in enumerate(parts):
            if count >= k or count + (n - index) < k:
                break
            if part(answers):
                count += 1
        return count >= k

    return holds


def _branch_picker(node: Question, decl: Input) -> Callable[[Any], int]:
    """The branch index for an answer already checked: the first branch that holds, else ``otherwise``."""
    node_id, key = node.id, node.input
    predicates = tuple(value_predicate(b.when, decl) for b in node.branches)
    otherwise = len(predicates) if node.otherwise is not None else None

    def pick(value: Any) -> int:
        for index, holds in enumerate(predicates):
            if holds(value):
                return index
        if otherwise is None:
            raise NoBranchMatchedError(node_id, key, value)
        return otherwise

    return pick


def _normalizer(node: Question, decl: Input, pick: Callable[[Any], int]) -> Callable[[Any], Any]:
    """An answer checked (``coerce_answer``) into the value the generated code tests; an answer
    that no branch takes (UNKNOWN where none does) raises as the chooser would."""
    key = node.input

    def normalize(value: Any) -> Any:
        value = coerce_answer(key, decl, value)
        pick(value)
        return value

    return normalize


def _unknown_branch(pick: Callable[[Any], int]) -> int | None:
    """The branch an "unknown" answer takes (``None``: no branch does)."""
    try:
        return pick(UNKNOWN)
    except NoBranchMatchedError:
        return None


def _table_chooser(node: Question, decl: Input, table: dict[Any, int], pick: Callable[[Any], int]) -> Chooser:
    """A chooser that looks a plain answer up in ``table`` and checks any other answer first."""
    node_id, key = node.id, node.input
    if isinstance(decl, BooleanInput):
        on_true, on_false = table[True], table[False]

        def choose_bool(answers: Mapping[str, Any]) -> int:
            try:
                value = answers[key]
            except KeyError:
                raise MissingAnswerError(key, node_id) from None
            if value is True:
                return on_true
            if value is False:
                return on_false
            return pick(coerce_answer(key, decl, value))

        return choose_bool

    def choose_enum(answers: Mapping[str, Any]) -> int:
        try:
            value = answers[key]
        except KeyError:
            raise MissingAnswerError(key, node_id) from None
        try:
            return table[value]
        except (KeyError, TypeError):
            return pick(coerce_answer(key, decl, value))

    return choose_enum


def _dispatch_table(node: Question, decl: Input) -> dict[Any, int] | None:
    """Value -> branch index, when every branch is a plain equality on a boolean or enum."""
    if not isinstance(decl, BooleanInput | EnumInput):
        return None
    domain: tuple[Any, ...] = (True, False) if isinstance(decl, BooleanInput) else tuple(decl.values)
    table: dict[Any, int] = {}
    for index, branch in enumerate(node.branches):
        when = as_test(branch.when)
        if when is None:
            return None
        if when.operator == "equals":
            values: tuple[Any, ...] = (when.equals,)
        elif when.operator == "one_of":
            values = tuple(when.one_of or ())
        elif when.operator == "is_unknown":
            if when.is_unknown:
                continue  # UNKNOWN never hits the table; the general path takes it
            values = domain  # `is_unknown: false` holds for every known answer
        else:
            return None
        for value in values:
            table.setdefault(value, index)  # first match wins
    for value in domain:
        if value not in table and node.otherwise is not None:
            table[value] = len(node.branches)
    if isinstance(decl, BooleanInput) and not {True, False} <= set(table):
        return None
    return table
