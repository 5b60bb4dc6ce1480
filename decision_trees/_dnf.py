"""Conditions as exact regions: the input space (``Space``), and each condition over one input as a
region of it or over several inputs as a disjunction of conjunctions of regions (a DNF, capped)."""

from __future__ import annotations

from collections.abc import Hashable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from decision_trees._regions import Domain, Region, at_least, domain_for
from decision_trees._walk import ConditionVisitor, as_test
from decision_trees.conditions import rule_refs, tests_in
from decision_trees.model import (
    AllOf,
    AnyOf,
    AtLeast,
    Condition,
    Input,
    NotOf,
    Rule,
    RuleRef,
    Test,
    Tree,
)

__all__ = ["DNF_CAP", "Conditions", "QuestionPlan", "Space", "Store", "Term", "TooComplexError"]

DNF_CAP = 512
"""The most conjunctions one rule's condition may expand to before the analysis approximates."""

Store = tuple[Region | None, ...]
Term = tuple[tuple[int, Region], ...]  # sorted by input index


class TooComplexError(Exception):
    """A condition's DNF would exceed :data:`DNF_CAP` conjunctions."""


class Space:
    """The answer space: one domain per (non-text) input, in a fixed order."""

    def __init__(self, inputs: Mapping[str, Input]) -> None:
        domains = {key: domain_for(key, decl) for key, decl in inputs.items()}
        self.domains: tuple[Domain[Any], ...] = tuple(d for d in domains.values() if d is not None)
        self.ids: tuple[str, ...] = tuple(d.input_id for d in self.domains)
        self.index: dict[str, int] = {key: i for i, key in enumerate(self.ids)}
        self.text_inputs = tuple(k for k, d in domains.items() if d is None)

    def full(self) -> Store:
        """The store with nothing constrained."""
        return (None,) * len(self.domains)

    def region(self, store: Store, index: int) -> Region:
        """The region of one input in ``store``."""
        region = store[index]
        return self.domains[index].full if region is None else region

    def narrow(self, store: Store, index: int, region: Region) -> Store:
        """``store`` with input ``index`` set to ``region`` (already within the old one)."""
        items = list(store)
        items[index] = None if region.full else region
        return tuple(items)

    def meet(self, store: Store, term: Term) -> Store | None:
        """``store`` and ``term`` together, or ``None`` when no answer satisfies both."""
        items = list(store)
        for index, region in term:
            old = items[index]
            new = region if old is None else old & region
            if new.empty:
                return None
            items[index] = None if new.full else new
        return tuple(items)

    def meet_stores(self, a: Store, b: Store) -> Store | None:
        """Two stores together, or ``None`` when they share no answer set."""
        out: list[Region | None] = []
        for x, y in zip(a, b, strict=True):
            if x is None or y is None:
                out.append(y if x is None else x)
                continue
            both = x & y
            if both.empty:
                return None
            out.append(both)
        return tuple(out)

    def witness(
        self, store: Store, keys: Sequence[str], near: Mapping[str, Any] | None = None
    ) -> dict[str, Any]:
        """Concrete answers for ``keys`` inside ``store`` (close to ``near`` where given)."""
        answers: dict[str, Any] = {}
        for key in keys:
            index = self.index.get(key)
            if index is None:
                answers[key] = "" if near is None else near.get(key, "")
                continue
            wanted = None if near is None else near.get(key)
            answers[key] = self.region(store, index).witness(wanted)
        return answers

    def constrained(self, store: Store) -> list[str]:
        """The inputs ``store`` narrows."""
        return [self.ids[i] for i, region in enumerate(store) if region is not None]

    def describe(self, store: Store, lang: str = "en", keys: Sequence[str] | None = None) -> str:
        """The store as readable conditions, one per constrained input."""
        chosen = [self.index[k] for k in keys if k in self.index] if keys is not None else range(len(store))
        parts = [store[i].describe(lang) for i in chosen if store[i] is not None]  # type: ignore[union-attr,arg-type]
        return "; ".join(parts)


@dataclass(slots=True)
class QuestionPlan:
    """How a question splits its input's region (computed once per question)."""

    index: int  # the input's index in the space
    branches: tuple[Region, ...]
    first: tuple[Region, ...]  # what each branch takes under first-match order
    rest: Region  # answers no branch takes
    pairs: tuple[tuple[int, int, Region], ...]  # non-empty pairwise overlaps
    # The same, met with the whole domain (a store that does not yet narrow the input), computed
    # once: whether each branch can hold, what each takes (``None``: nothing), what none takes.
    covers_full: tuple[bool, ...] = ()
    first_full: tuple[Region | None, ...] = ()
    rest_full: Region | None = None


class Conditions:
    """A tree's conditions as regions (one input) and DNFs (several inputs), within a space."""

    def __init__(self, tree: Tree, space: Space, cap: int = DNF_CAP) -> None:
        self.tree = tree
        self.space = space
        self.cap = cap
        self._inputs: dict[int, tuple[Condition, frozenset[str]]] = {}
        self._regions: dict[int, tuple[Condition, Region]] = {}
        self._dnf: dict[tuple[int, bool], tuple[Condition, list[Term]]] = {}
        self._dnf_within: dict[tuple[Any, ...], tuple[Condition, list[Term]]] = {}
        self._index_of: dict[int, tuple[Condition, tuple[int, ...]]] = {}
        self._shapes: dict[int, tuple[Condition, Hashable]] = {}
        self._dnf_shaped: dict[tuple[Hashable, bool], list[Term]] = {}
        self.plans: dict[str, QuestionPlan] = {}
        #: plans by (input, the shapes of the branches' conditions): questions that split one input
        #: the same way (many, at one depth of a generated tree) share one
        self.shaped_plans: dict[tuple[str, tuple[Hashable, ...]], QuestionPlan] = {}

    def rule(self, rule_id: str) -> Rule:
        node = self.tree.nodes[rule_id]
        assert isinstance(node, Rule)
        return node

    def shape(self, condition: Condition, once: bool = False) -> Hashable:
        """A key equal for two conditions exactly when they are the same condition (the same
        kinds, inputs, operators and operands of the same types), whatever objects hold them.
        ``once``: a single test's is not kept (for a condition looked at once)."""
        if once:
            test = as_test(condition)
            if test is not None:
                return _test_shape(test)
        cached = self._shapes.get(id(condition))
        if cached is not None and cached[0] is condition:
            return cached[1]
        found = shape_of(condition)
        self._shapes[id(condition)] = (condition, found)
        return found

    def inputs_of(self, condition: Condition, implied: str | None = None) -> frozenset[str]:
        """The inputs a condition tests, through the rules it refers to."""
        cached = self._inputs.get(id(condition))
        if cached is not None and cached[0] is condition:
            return cached[1]
        keys = {test.input or implied for test, _ in tests_in(condition)}
        for ref, _ in rule_refs(condition):
            keys |= self.inputs_of(self.rule(ref).condition)
        found = frozenset(k for k in keys if k is not None)
        self._inputs[id(condition)] = (condition, found)
        return found

    def region(self, condition: Condition, key: str) -> Region:
        """The answers of input ``key`` for which ``condition`` (over ``key`` only) holds."""
        cached = self._regions.get(id(condition))
        if cached is not None and cached[0] is condition:
            return cached[1]
        region = _KeyRegion(self, key).visit(condition)
        self._regions[id(condition)] = (condition, region)
        return region

    # -- DNF ------------------------------------------------------------------------------------

    def dnf(self, condition: Condition, positive: bool = True, within: Store | None = None) -> list[Term]:
        """``condition`` (or its negation) as conjunctions of per-input regions.

        With ``within``, conjunctions outside that store are dropped as they are built. Raises
        :class:`TooComplexError` past the cap.
        """
        key = (id(condition), positive)
        if within is None:
            cached = self._dnf.get(key)
            if cached is not None and cached[0] is condition:
                return cached[1]
            shaped = (self.shape(condition), positive)
            terms_of_shape = self._dnf_shaped.get(shaped)
            if terms_of_shape is None:
                terms_of_shape = self._dnf_shaped[shaped] = self._dnf_of(condition, positive, within)
            self._dnf[key] = (condition, terms_of_shape)
            return terms_of_shape
        # Within a store, only the regions of the inputs the condition reads matter: stores
        # that agree on those (as many leaves do) share the result.
        inside = (*key, *(within[i] for i in self._indices(condition)))
        found = self._dnf_within.get(inside)
        if found is not None and found[0] is condition:
            return found[1]
        terms = self._dnf_of(condition, positive, within)
        self._dnf_within[inside] = (condition, terms)
        return terms

    @property
    def within_stores(self) -> bool:
        """Whether some condition was expanded within a store (too large to expand alone)."""
        return bool(self._dnf_within)

    def _indices(self, condition: Condition) -> tuple[int, ...]:
        found = self._index_of.get(id(condition))
        if found is not None and found[0] is condition:
            return found[1]
        index = self.space.index
        indices = tuple(sorted(index[k] for k in self.inputs_of(condition) if k in index))
        self._index_of[id(condition)] = (condition, indices)
        return indices

    def _single(self, condition: Condition, positive: bool, within: Store | None) -> list[Term] | None:
        keys = self.inputs_of(condition)
        if len(keys) != 1:
            return None
        (key,) = keys
        index = self.space.index[key]
        region = self.region(condition, key)
        if not positive:
            region = ~region
        if within is not None and within[index] is not None:
            region = region & within[index]  # type: ignore[operator]
        if region.empty:
            return []
        return [()] if region.full else [((index, region),)]

    def _dnf_of(self, condition: Condition, positive: bool, within: Store | None) -> list[Term]:
        single = self._single(condition, positive, within)
        if single is not None:
            return single
        return _Dnf(self, positive, within).visit(condition)

    def combine(
        self, parts: Sequence[Condition], positive: bool, conjunctive: bool, within: Store | None
    ) -> list[Term]:
        """``all`` (conjunctive) or ``any`` of ``parts``, merging parts on one input first."""
        grouped: dict[int, Region] = {}
        others: list[Condition] = []
        for part in parts:
            keys = self.inputs_of(part)
            if len(keys) == 1:
                (key,) = keys
                index = self.space.index[key]
                region = self.region(part, key)
                if not positive:
                    region = ~region
                old = grouped.get(index)
                grouped[index] = region if old is None else (old & region if conjunctive else old | region)
            else:
                others.append(part)
        singles: list[list[Term]] = []
        for index, region in grouped.items():
            if within is not None and within[index] is not None:
                region = region & within[index]  # type: ignore[operator]
            singles.append([] if region.empty else [()] if region.full else [((index, region),)])
        if conjunctive:
            result: list[Term] = [()]
            for terms in singles:
                result = self.and_(result, terms)
            for part in others:
                if not result:
                    break
                result = self.and_(result, self.dnf(part, positive, within))
            return result
        result = []
        for terms in singles:
            result = self.or_(result, terms)
        for part in others:
            result = self.or_(result, self.dnf(part, positive, within))
        return result

    def and_(self, a: list[Term], b: list[Term]) -> list[Term]:
        if not a or not b:
            return []
        if len(a) * len(b) > self.cap * 8:
            raise TooComplexError
        out: dict[Term, None] = {}
        for x in a:
            for y in b:
                term = _meet_terms(x, y)
                if term is not None:
                    out[term] = None
                    if len(out) > self.cap:
                        raise TooComplexError
        return list(out)

    def or_(self, a: list[Term], b: list[Term]) -> list[Term]:
        if () in a or () in b:
            return [()]
        out = dict.fromkeys(a)
        out.update(dict.fromkeys(b))
        if len(out) > self.cap:
            raise TooComplexError
        return list(out)


class _KeyRegion(ConditionVisitor[Region]):
    """The region of input ``key`` for a condition over it alone (rules followed)."""

    __slots__ = ("conditions", "domain", "key")

    def __init__(self, conditions: Conditions, key: str) -> None:
        self.conditions, self.key = conditions, key
        self.domain = conditions.space.domains[conditions.space.index[key]]

    def test(self, condition: Test) -> Region:
        return self.domain.test(condition)

    def rule_ref(self, condition: RuleRef) -> Region:
        return self.conditions.region(self.conditions.rule(condition.rule).condition, self.key)

    def not_of(self, condition: NotOf) -> Region:
        return ~self.conditions.region(condition.not_, self.key)

    def all_of(self, condition: AllOf) -> Region:
        region = self.domain.full
        for part in condition.all:
            region &= self.conditions.region(part, self.key)
        return region

    def any_of(self, condition: AnyOf) -> Region:
        region = self.domain.nothing
        for part in condition.any:
            region |= self.conditions.region(part, self.key)
        return region

    def at_least(self, condition: AtLeast) -> Region:
        parts = [self.conditions.region(c, self.key) for c in condition.of]
        return at_least(condition.at_least, parts, self.domain.full, self.domain.nothing)


class _Dnf(ConditionVisitor[list[Term]]):
    """A condition over several inputs (or its negation) as conjunctions of per-input regions."""

    __slots__ = ("conditions", "positive", "within")

    def __init__(self, conditions: Conditions, positive: bool, within: Store | None) -> None:
        self.conditions, self.positive, self.within = conditions, positive, within

    def test(self, condition: Test) -> list[Term]:  # pragma: no cover - a test is on one input
        raise AssertionError("a single test is handled on its input")

    def rule_ref(self, condition: RuleRef) -> list[Term]:
        return self.conditions.dnf(self.conditions.rule(condition.rule).condition, self.positive, self.within)

    def not_of(self, condition: NotOf) -> list[Term]:
        return self.conditions.dnf(condition.not_, not self.positive, self.within)

    def all_of(self, condition: AllOf) -> list[Term]:
        return self.conditions.combine(condition.all, self.positive, self.positive, self.within)

    def any_of(self, condition: AnyOf) -> list[Term]:
        return self.conditions.combine(condition.any, self.positive, not self.positive, self.within)

    def at_least(self, condition: AtLeast) -> list[Term]:
        n, k = len(condition.of), condition.at_least
        if not self.positive:  # fewer than k hold: at least n - k + 1 fail
            k = n - k + 1
        if k <= 0:
            return [()]
        if k > n:
            return []
        conditions = self.conditions
        empty: Term = ()
        holds: list[list[Term]] = [[empty]] + [[] for _ in range(k)]
        for part in condition.of:
            terms = conditions.dnf(part, self.positive, self.within)
            for j in range(k, 0, -1):
                holds[j] = conditions.or_(holds[j], conditions.and_(holds[j - 1], terms))
        return holds[k]


def _test_shape(test: Test) -> Hashable:
    """A test as ``(input, operator, operand, its type)`` (``1``, ``1.0`` and ``True`` are equal
    in Python, not here), a tuple operand with its members' types; floats by ``repr`` (``-0.0``
    and ``0.0`` are equal too). Four items: no other kind's shape has four."""
    fields = test.__dict__
    operator = None
    for name in test.__pydantic_fields_set__:  # the fields the file gave: one is the operator
        if name != "input" and fields[name] is not None:
            operator = name
            break
    if operator is None:  # pragma: no cover - a test built without validation
        operator = test.operator
    operand = fields[operator]
    kind = type(operand)
    if kind is tuple:
        kinds = tuple(map(type, operand))
        if float in kinds:
            operand = tuple(map(repr, operand))
        return (test.input, operator, operand, kinds)
    if kind is float:
        operand = repr(operand)
    return (test.input, operator, operand, kind)


def shape_of(condition: Condition) -> Hashable:
    """:meth:`Conditions.shape` without its cache (for conditions looked at once)."""
    test = as_test(condition)
    return _test_shape(test) if test is not None else _SHAPE.visit(condition)


class _Shape(ConditionVisitor[Hashable]):
    """A condition as nested tuples (see :meth:`Conditions.shape`)."""

    def test(self, condition: Test) -> Hashable:
        return _test_shape(condition)

    def all_of(self, condition: AllOf) -> Hashable:
        return ("all", tuple([self.visit(c) for c in condition.all]))

    def any_of(self, condition: AnyOf) -> Hashable:
        return ("any", tuple([self.visit(c) for c in condition.any]))

    def not_of(self, condition: NotOf) -> Hashable:
        return ("not", self.visit(condition.not_))

    def at_least(self, condition: AtLeast) -> Hashable:
        return ("at_least", condition.at_least, tuple([self.visit(c) for c in condition.of]))

    def rule_ref(self, condition: RuleRef) -> Hashable:
        return ("rule", condition.rule)


_SHAPE = _Shape()


def _meet_terms(x: Term, y: Term) -> Term | None:
    if not x:
        return y
    if not y:
        return x
    merged: dict[int, Region] = dict(x)
    for index, region in y:
        old = merged.get(index)
        if old is not None:
            region = old & region
            if region.empty:
                return None
        merged[index] = region
    return tuple(sorted(merged.items(), key=lambda item: item[0]))
