"""Regions and the domain they live in (the base of :mod:`decision_trees._regions`), and the
finite domain of booleans and enumerations."""

from __future__ import annotations

import math
from abc import ABC, abstractmethod
from collections.abc import Sequence
from typing import Any, Generic, TypeVar

from decision_trees._walk import ConditionVisitor
from decision_trees.answers import UNKNOWN
from decision_trees.conditions import value_text, word
from decision_trees.model import (
    AllOf,
    AnyOf,
    AtLeast,
    BooleanInput,
    Condition,
    EnumInput,
    Input,
    Lang,
    NotOf,
    RuleRef,
    Test,
)

__all__ = ["INF", "Domain", "FiniteDomain", "Region", "at_least"]

K = TypeVar("K")
INF = math.inf


class Region:
    """A set of answers of one input: ``known`` (domain-specific) and whether ``UNKNOWN`` is in it."""

    __slots__ = ("_hash", "domain", "known", "unknown")

    def __init__(self, domain: Domain[Any], known: Any, unknown: bool) -> None:
        self.domain = domain
        self.known = known
        self.unknown = unknown
        self._hash: int | None = None  # computed when first asked for: most regions never are

    def __hash__(self) -> int:
        cached = self._hash
        if cached is None:
            cached = self._hash = hash((self.known, self.unknown))
        return cached

    def __eq__(self, other: object) -> bool:
        return (
            isinstance(other, Region)
            and hash(self) == hash(other)
            and self.known == other.known
            and self.unknown == other.unknown
        )

    def __and__(self, other: Region) -> Region:
        d = self.domain
        return Region(d, d.meet(self.known, other.known), self.unknown and other.unknown)

    def __or__(self, other: Region) -> Region:
        d = self.domain
        return Region(d, d.join(self.known, other.known), self.unknown or other.unknown)

    def __invert__(self) -> Region:
        d = self.domain
        return Region(d, d.complement(self.known), d.allow_unknown and not self.unknown)

    def __sub__(self, other: Region) -> Region:
        return self & ~other

    @property
    def empty(self) -> bool:
        """Whether no answer is in the region."""
        return not self.unknown and self.domain.is_empty(self.known)

    @property
    def known_empty(self) -> bool:
        """Whether no known (non-``UNKNOWN``) answer is in the region."""
        return self.domain.is_empty(self.known)

    @property
    def full(self) -> bool:
        """Whether every valid answer is in the region (representations are canonical)."""
        whole = self.domain.full
        return self.unknown == whole.unknown and self.known == whole.known

    def __contains__(self, value: Any) -> bool:
        if value is UNKNOWN:
            return self.unknown
        return self.domain.contains(self.known, value)

    def witness(self, near: Any = None) -> Any:
        """A concrete answer in the region (a known one where there is one), close to ``near``."""
        if not self.known_empty:
            return self.domain.pick(self.known, None if near is UNKNOWN else near)
        if self.unknown:
            return UNKNOWN
        raise ValueError("an empty region has no witness")

    def describe(self, lang: Lang = "en") -> str:
        """The region as a phrase, e.g. ``Budget is at least 1000000``."""
        return self.domain.describe(self, lang)

    def __repr__(self) -> str:
        return f"Region({self.domain.input_id}: {self.describe()})"


class Domain(ABC, Generic[K]):
    """The valid answers of one input, and the set operations on its regions."""

    def __init__(self, input_id: str, decl: Input) -> None:
        self.input_id = input_id
        self.decl = decl
        self.allow_unknown = decl.allow_unknown
        self.full = Region(self, self.full_known(), self.allow_unknown)
        self.nothing = Region(self, self.empty_known(), False)
        self._cache: dict[int, tuple[Condition, Region]] = {}

    # -- the known part, per type -------------------------------------------------------------

    @abstractmethod
    def full_known(self) -> K: ...

    @abstractmethod
    def empty_known(self) -> K: ...

    @abstractmethod
    def meet(self, a: K, b: K) -> K: ...

    @abstractmethod
    def join(self, a: K, b: K) -> K: ...

    @abstractmethod
    def complement(self, a: K) -> K: ...

    @abstractmethod
    def is_empty(self, a: K) -> bool: ...

    @abstractmethod
    def contains(self, a: K, value: Any) -> bool: ...

    @abstractmethod
    def pick(self, a: K, near: Any = None) -> Any: ...

    @abstractmethod
    def test_known(self, test: Test) -> K:
        """The known answers for which ``test`` (not ``is_unknown``) holds."""

    @abstractmethod
    def less(self, a: K, b: K) -> tuple[Any, Any] | None:
        """Answers ``x`` in ``a`` and ``y`` in ``b`` with ``x`` strictly below ``y``, if any."""

    @abstractmethod
    def above(self, a: K) -> K:
        """The known answers strictly above some answer of ``a``."""

    @abstractmethod
    def below(self, a: K) -> K:
        """The known answers strictly below some answer of ``a``."""

    @abstractmethod
    def describe_known(self, a: K, lang: Lang) -> list[str]:
        """Phrases (joined by "or") for the known part, without the input's label."""

    # -- regions ------------------------------------------------------------------------------

    def region(self, known: K, unknown: bool = False) -> Region:
        """A region of this domain."""
        return Region(self, known, unknown and self.allow_unknown)

    def value(self, value: Any) -> Region:
        """The region holding just ``value``."""
        if value is UNKNOWN:
            return Region(self, self.empty_known(), True)
        return Region(self, self.singleton(value), False)

    @abstractmethod
    def singleton(self, value: Any) -> K: ...

    def test(self, test: Test) -> Region:
        """The answers for which ``test`` holds (``UNKNOWN`` only for ``is_unknown: true``)."""
        if test.is_unknown is not None:
            if test.is_unknown:
                return Region(self, self.empty_known(), self.allow_unknown)
            return Region(self, self.full.known, False)
        return Region(self, self.test_known(test), False)

    def condition(self, condition: Condition) -> Region:
        """The answers for which a condition over this input alone holds."""
        cached = self._cache.get(id(condition))
        if cached is not None and cached[0] is condition:
            return cached[1]
        region = self._condition(condition)
        self._cache[id(condition)] = (condition, region)
        return region

    def _condition(self, condition: Condition) -> Region:
        return _RegionOf(self).visit(condition)

    def describe(self, region: Region, lang: Lang) -> str:
        label = self.decl.label.get(lang)
        if region.full:
            return f"{label}: {'any answer' if lang == 'en' else 'elk antwoord'}"
        parts = [] if region.known_empty else self.describe_known(region.known, lang)
        if region.unknown:
            parts.append(word("unknown", lang))
        if not parts:
            return f"{label}: {'no answer' if lang == 'en' else 'geen antwoord'}"
        return f"{label} {(' ' + ('or' if lang == 'en' else 'of') + ' ').join(parts)}"


class _RegionOf(ConditionVisitor[Region]):
    """The region of a condition over one input (parts through the domain's cache)."""

    __slots__ = ("domain",)

    def __init__(self, domain: Domain[Any]) -> None:
        self.domain = domain

    def test(self, condition: Test) -> Region:
        return self.domain.test(condition)

    def all_of(self, condition: AllOf) -> Region:
        region = self.domain.full
        for part in condition.all:
            region &= self.domain.condition(part)
        return region

    def any_of(self, condition: AnyOf) -> Region:
        region = self.domain.nothing
        for part in condition.any:
            region |= self.domain.condition(part)
        return region

    def not_of(self, condition: NotOf) -> Region:
        return ~self.domain.condition(condition.not_)

    def at_least(self, condition: AtLeast) -> Region:
        regions = [self.domain.condition(c) for c in condition.of]
        return at_least(condition.at_least, regions, self.domain.full, self.domain.nothing)

    def rule_ref(self, condition: RuleRef) -> Region:
        raise TypeError(f"a condition on one input cannot refer to rules: {condition!r}")


def at_least(k: int, parts: Sequence[Region], full: Region, nothing: Region) -> Region:
    """The region where at least ``k`` of ``parts`` hold (dynamic programming over the count)."""
    if k <= 0:
        return full
    if k > len(parts):
        return nothing
    # holds[j]: at least j of the parts so far hold
    holds = [full] + [nothing] * k
    for part in parts:
        for j in range(k, 0, -1):
            holds[j] = holds[j] | (holds[j - 1] & part)
    return holds[k]


# ----------------------------------------------------------------------------------------------
# Booleans and enumerations


class FiniteDomain(Domain[frozenset[Any]]):
    """Booleans and enumerations: the known part is a set of values, in declaration order."""

    def __init__(self, input_id: str, decl: BooleanInput | EnumInput) -> None:
        self.order: tuple[Any, ...] = (False, True) if isinstance(decl, BooleanInput) else tuple(decl.values)
        self.rank = {v: i for i, v in enumerate(self.order)}
        super().__init__(input_id, decl)

    def full_known(self) -> frozenset[Any]:
        return frozenset(self.order)

    def empty_known(self) -> frozenset[Any]:
        return frozenset()

    def meet(self, a: frozenset[Any], b: frozenset[Any]) -> frozenset[Any]:
        return a & b

    def join(self, a: frozenset[Any], b: frozenset[Any]) -> frozenset[Any]:
        return a | b

    def complement(self, a: frozenset[Any]) -> frozenset[Any]:
        return frozenset(self.order) - a

    def is_empty(self, a: frozenset[Any]) -> bool:
        return not a

    def contains(self, a: frozenset[Any], value: Any) -> bool:
        return any(value is v or (type(value) is type(v) and value == v) for v in a)

    def singleton(self, value: Any) -> frozenset[Any]:
        return frozenset({value}) if value in self.rank else frozenset()

    def pick(self, a: frozenset[Any], near: Any = None) -> Any:
        if near is not None and self.contains(a, near):
            return near
        return min(a, key=self.rank.__getitem__)

    def test_known(self, test: Test) -> frozenset[Any]:
        op = test.operator
        operand = getattr(test, op)
        full = frozenset(self.order)
        if op == "equals":
            return self.singleton(operand) if self._typed(operand) else frozenset()
        if op == "not_equals":
            return full - (self.singleton(operand) if self._typed(operand) else frozenset())
        if op == "one_of":
            return frozenset(v for v in operand if self._typed(v) and v in self.rank)
        if op == "none_of":
            return full - frozenset(v for v in operand if self._typed(v))
        raise ValueError(f"operator {op!r} does not apply to input {self.input_id!r}")

    def _typed(self, value: Any) -> bool:
        boolean = isinstance(self.decl, BooleanInput)
        return isinstance(value, bool) == boolean and value in self.rank

    def less(self, a: frozenset[Any], b: frozenset[Any]) -> tuple[Any, Any] | None:
        if not a or not b:
            return None
        low = min(a, key=self.rank.__getitem__)
        high = max(b, key=self.rank.__getitem__)
        return (low, high) if self.rank[low] < self.rank[high] else None

    def above(self, a: frozenset[Any]) -> frozenset[Any]:
        if not a:
            return a
        low = min(self.rank[v] for v in a)
        return frozenset(self.order[low + 1 :])

    def below(self, a: frozenset[Any]) -> frozenset[Any]:
        if not a:
            return a
        high = max(self.rank[v] for v in a)
        return frozenset(self.order[:high])

    def describe_known(self, a: frozenset[Any], lang: Lang) -> list[str]:
        values = sorted(a, key=self.rank.__getitem__)
        rest = sorted(self.complement(a), key=self.rank.__getitem__)
        text = [value_text(self.decl, v, lang) for v in values]
        if len(values) == 1:
            return [f"{word('equals', lang)} {text[0]}"]
        if len(rest) == 1:
            return [f"{word('not_equals', lang)} {value_text(self.decl, rest[0], lang)}"]
        return [f"{word('one_of', lang)}: {', '.join(text)}"]


def _describe_span(lo: Any, lo_in: bool, hi: Any, hi_in: bool, show: Any, lang: Lang) -> str:
    """One interval as a phrase: "is 5", "is at least 1 and is below 10"."""
    if lo == hi:
        return f"{word('equals', lang)} {show(lo, lang)}"
    parts = []
    if lo != -INF:
        parts.append(f"{word('ge' if lo_in else 'gt', lang)} {show(lo, lang)}")
    if hi != INF:
        parts.append(f"{word('le' if hi_in else 'lt', lang)} {show(hi, lang)}")
    return f" {word('and', lang)} ".join(parts)
