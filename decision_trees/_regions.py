"""Exact sets of answers for one input ("regions"), closed under and, or and not.

Each input type gets a :class:`Domain` that knows its values:

- booleans and enumerations: a finite set of values;
- numbers: a union of intervals with open or closed ends;
- integers and dates (as day numbers): a union of closed whole-number ranges;
- sets (multi-select): a small binary decision diagram over "value is included" variables.

A :class:`Region` is the known part plus whether ``UNKNOWN`` is in it (only where the input
allows unknown). ``UNKNOWN`` satisfies only ``is_unknown: true``; every other test excludes it.
Nothing here enumerates an input's values except the finite ones.
"""

from __future__ import annotations

import datetime as dt
import math
from abc import ABC, abstractmethod
from collections.abc import Iterable, Sequence
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
    DateInput,
    EnumInput,
    Input,
    IntegerInput,
    Lang,
    NotOf,
    NumberInput,
    RuleRef,
    SetInput,
    Test,
    TextInput,
)

__all__ = ["Domain", "Region", "domain_for"]

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


# ----------------------------------------------------------------------------------------------
# Numbers: unions of intervals

Interval = tuple[float, bool, float, bool]  # low, low included, high, high included
Intervals = tuple[Interval, ...]


def _normalise(parts: Iterable[Interval]) -> Intervals:
    items = sorted(
        (p for p in parts if p[0] < p[2] or (p[0] == p[2] and p[1] and p[3])),
        key=lambda p: (p[0], not p[1]),
    )
    out: list[Interval] = []
    for lo, lo_in, hi, hi_in in items:
        if out:
            plo, plo_in, phi, phi_in = out[-1]
            if lo < phi or (lo == phi and (phi_in or lo_in)):
                if hi > phi or (hi == phi and hi_in):
                    out[-1] = (plo, plo_in, hi, hi_in or (hi == phi and phi_in))
                continue
        out.append((lo, lo_in, hi, hi_in))
    return tuple(out)


def _intersect(a: Intervals, b: Intervals) -> Intervals:
    out: list[Interval] = []
    i = j = 0
    while i < len(a) and j < len(b):
        alo, alo_in, ahi, ahi_in = a[i]
        blo, blo_in, bhi, bhi_in = b[j]
        if alo > blo or (alo == blo and not alo_in):
            lo, lo_in = alo, alo_in
        else:
            lo, lo_in = blo, blo_in
        if ahi < bhi or (ahi == bhi and not ahi_in):
            hi, hi_in = ahi, ahi_in
        else:
            hi, hi_in = bhi, bhi_in
        if lo < hi or (lo == hi and lo_in and hi_in):
            out.append((lo, lo_in, hi, hi_in))
        if ahi < bhi or (ahi == bhi and not ahi_in):
            i += 1
        else:
            j += 1
    return tuple(out)


def _complement(a: Intervals) -> Intervals:
    out: list[Interval] = []
    lo, lo_in = -INF, False
    for plo, plo_in, phi, phi_in in a:
        out.append((lo, lo_in, plo, not plo_in))
        lo, lo_in = phi, not phi_in
    out.append((lo, lo_in, INF, False))
    return _normalise(out)


class NumberDomain(Domain[Intervals]):
    """Real numbers within the declared bounds."""

    decl: NumberInput

    def full_known(self) -> Intervals:
        low = -INF if self.decl.minimum is None else self.decl.minimum
        high = INF if self.decl.maximum is None else self.decl.maximum
        return _normalise([(low, low != -INF, high, high != INF)])

    def empty_known(self) -> Intervals:
        return ()

    def meet(self, a: Intervals, b: Intervals) -> Intervals:
        return _intersect(a, b)

    def join(self, a: Intervals, b: Intervals) -> Intervals:
        return _normalise(a + b)

    def complement(self, a: Intervals) -> Intervals:
        return _intersect(_complement(a), self.full.known)

    def is_empty(self, a: Intervals) -> bool:
        return not a

    def contains(self, a: Intervals, value: Any) -> bool:
        if isinstance(value, bool) or not isinstance(value, int | float):
            return False
        return any(
            (lo < value or (lo == value and lo_in)) and (value < hi or (value == hi and hi_in))
            for lo, lo_in, hi, hi_in in a
        )

    def singleton(self, value: Any) -> Intervals:
        return _intersect(((value, True, value, True),), self.full.known)

    def _interval(self, op: str, x: Any) -> Intervals:
        if op == "lt":
            return ((-INF, False, x, False),)
        if op == "le":
            return ((-INF, False, x, True),)
        if op == "gt":
            return ((x, False, INF, False),)
        if op == "ge":
            return ((x, True, INF, False),)
        raise AssertionError(op)  # pragma: no cover

    def points(self, values: Iterable[Any]) -> Intervals:
        return _normalise((v, True, v, True) for v in values)

    def operand(self, raw: Any) -> Any:
        return raw

    def test_known(self, test: Test) -> Intervals:
        op = test.operator
        raw = getattr(test, op)
        full = self.full.known
        if op in ("lt", "le", "gt", "ge"):
            return self._intersect_full(self._interval(op, self.operand(raw)))
        if op == "between":
            low, high = (self.operand(r) for r in raw)
            return self._intersect_full(((low, True, high, True),))
        if op in ("equals", "one_of"):
            values = raw if op == "one_of" else (raw,)
            return self._intersect_full(self.points(self.operand(v) for v in values))
        if op in ("not_equals", "none_of"):
            values = raw if op == "none_of" else (raw,)
            return _intersect(_complement(self.points(self.operand(v) for v in values)), full)
        raise ValueError(f"operator {op!r} does not apply to input {self.input_id!r}")

    def _intersect_full(self, parts: Intervals) -> Intervals:
        return _intersect(_normalise(parts), self.full.known)

    def pick(self, a: Intervals, near: Any = None) -> Any:
        if near is not None and self.contains(a, near):
            return near
        target = 0 if near is None else near
        candidates: list[Any] = []
        for part in a:
            lo, lo_in, hi, hi_in = part
            if lo <= target <= hi and self.contains((part,), target):
                candidates.append(target)
            options = [lo if lo_in else None, hi if hi_in else None]
            if lo != -INF:
                options.append(math.floor(lo) + 1)
            if hi != INF:
                options.append(math.ceil(hi) - 1)
            if lo == -INF and hi == INF:
                options.append(0)
            if lo != -INF and hi != INF:
                options.append((lo + hi) / 2)
            candidates += [c for c in options if c is not None and self.contains((part,), c)]
        best = min(candidates, key=lambda c: (abs(c - target), not float(c).is_integer(), c))
        return _tidy(best)

    def less(self, a: Intervals, b: Intervals) -> tuple[Any, Any] | None:
        if not a or not b:
            return None
        lo, hi = a[0][0], b[-1][2]
        if not lo < hi:
            return None
        if lo == -INF and hi == INF:
            middle: float = 0
        elif lo == -INF:
            middle = hi - 1
        elif hi == INF:
            middle = lo + 1
        else:
            middle = (lo + hi) / 2
        above = _intersect(b, ((middle, False, INF, False),))
        y = self.pick(above, near=middle)
        below = _intersect(a, ((-INF, False, y, False),))  # not empty: ``a`` reaches below ``middle``
        return self.pick(below, near=y), y

    def above(self, a: Intervals) -> Intervals:
        if not a:
            return a
        return _intersect(((a[0][0], False, INF, False),), self.full.known)

    def below(self, a: Intervals) -> Intervals:
        if not a:
            return a
        return _intersect(((-INF, False, a[-1][2], False),), self.full.known)

    def describe_known(self, a: Intervals, lang: Lang) -> list[str]:
        return [_describe_span(lo, lo_in, hi, hi_in, self.show, lang) for lo, lo_in, hi, hi_in in a]

    def show(self, value: Any, lang: Lang) -> str:
        return value_text(self.decl, _tidy(value), lang)


def _tidy(value: Any) -> Any:
    """``3.0`` as ``3``: whole floats become ints, which every number input accepts."""
    if isinstance(value, float) and value.is_integer() and abs(value) < 2**53:
        return int(value)
    return value


# ----------------------------------------------------------------------------------------------
# Integers and dates: unions of closed whole-number ranges

Ranges = tuple[tuple[float, float], ...]  # (low, high), inclusive; ints or ±inf


def _ranges(parts: Iterable[tuple[float, float]]) -> Ranges:
    items = sorted(p for p in parts if p[0] <= p[1] and p[0] != INF and p[1] != -INF)
    out: list[tuple[float, float]] = []
    for lo, hi in items:
        if out and lo <= out[-1][1] + 1:
            if hi > out[-1][1]:
                out[-1] = (out[-1][0], hi)
            continue
        out.append((lo, hi))
    return tuple(out)


def _range_meet(a: Ranges, b: Ranges) -> Ranges:
    out = []
    i = j = 0
    while i < len(a) and j < len(b):
        lo, hi = max(a[i][0], b[j][0]), min(a[i][1], b[j][1])
        if lo <= hi:
            out.append((lo, hi))
        if a[i][1] < b[j][1]:
            i += 1
        else:
            j += 1
    return tuple(out)


class IntegerDomain(Domain[Ranges]):
    """Whole numbers within the declared bounds."""

    def bounds(self) -> tuple[float, float]:
        decl = self.decl
        assert isinstance(decl, IntegerInput)
        low = -INF if decl.minimum is None else decl.minimum
        high = INF if decl.maximum is None else decl.maximum
        return low, high

    def full_known(self) -> Ranges:
        return _ranges([self.bounds()])

    def empty_known(self) -> Ranges:
        return ()

    def meet(self, a: Ranges, b: Ranges) -> Ranges:
        return _range_meet(a, b)

    def join(self, a: Ranges, b: Ranges) -> Ranges:
        return _ranges(a + b)

    def complement(self, a: Ranges) -> Ranges:
        out = []
        lo: float = -INF
        for plo, phi in a:
            out.append((lo, plo - 1))
            lo = phi + 1
        out.append((lo, INF))
        return _range_meet(_ranges(out), self.full.known)

    def is_empty(self, a: Ranges) -> bool:
        return not a

    def to_int(self, value: Any) -> Any:
        """An answer as a whole number (dates: their day number)."""
        return value

    def from_int(self, value: Any) -> Any:
        return value

    def operand(self, raw: Any) -> float:
        value = self.to_int(raw)
        return float(value) if not isinstance(value, int) else value

    def contains(self, a: Ranges, value: Any) -> bool:
        number = self._number(value)
        return number is not None and any(lo <= number <= hi for lo, hi in a)

    def _number(self, value: Any) -> Any:
        if isinstance(value, bool) or not isinstance(value, int):
            return None
        return value

    def singleton(self, value: Any) -> Ranges:
        number = self._number(value)
        return () if number is None else _range_meet(((number, number),), self.full.known)

    def test_known(self, test: Test) -> Ranges:
        op = test.operator
        raw = getattr(test, op)
        if op in ("lt", "le", "gt", "ge"):
            x = self.operand(raw)
            part = {
                "lt": (-INF, math.ceil(x) - 1),
                "le": (-INF, math.floor(x)),
                "gt": (math.floor(x) + 1, INF),
                "ge": (math.ceil(x), INF),
            }[op]
            return _range_meet(_ranges([part]), self.full.known)
        if op == "between":
            low, high = (self.operand(r) for r in raw)
            return _range_meet(_ranges([(math.ceil(low), math.floor(high))]), self.full.known)
        if op in ("equals", "one_of", "not_equals", "none_of"):
            values = raw if op in ("one_of", "none_of") else (raw,)
            whole = [v for v in (self.operand(r) for r in values) if float(v).is_integer()]
            points = _ranges((int(v), int(v)) for v in whole)
            if op in ("not_equals", "none_of"):
                return self.complement(points)
            return _range_meet(points, self.full.known)
        raise ValueError(f"operator {op!r} does not apply to input {self.input_id!r}")

    def pick(self, a: Ranges, near: Any = None) -> Any:
        target = self._number(near) if near is not None else None
        if target is None:
            target = self._number(self.origin())

        def distance(part: tuple[float, float]) -> float:
            return 0 if part[0] <= target <= part[1] else min(abs(target - part[0]), abs(target - part[1]))

        best = min(a, key=distance)
        return self.from_int(int(min(max(target, best[0]), best[1])))

    def origin(self) -> Any:
        """The simplest answer, used where nothing else decides."""
        return 0

    def less(self, a: Ranges, b: Ranges) -> tuple[Any, Any] | None:
        if not a or not b:
            return None
        lo, hi = a[0][0], b[-1][1]
        if not lo < hi:
            return None
        if lo == -INF and hi == INF:
            middle: float = 0
        elif lo == -INF:
            middle = hi - 1
        elif hi == INF:
            middle = lo
        else:
            middle = math.floor((lo + hi) / 2)
        above = _range_meet(b, ((middle + 1, INF),))
        y = self.pick(above, near=self.from_int(int(middle)))
        below = _range_meet(a, ((-INF, self._number(y) - 1),))  # not empty: ``a`` reaches ``middle``
        return self.pick(below, near=y), y

    def above(self, a: Ranges) -> Ranges:
        if not a:
            return a
        return _range_meet(((a[0][0] + 1, INF),), self.full.known)

    def below(self, a: Ranges) -> Ranges:
        if not a:
            return a
        return _range_meet(((-INF, a[-1][1] - 1),), self.full.known)

    def describe_known(self, a: Ranges, lang: Lang) -> list[str]:
        return [_describe_span(lo, True, hi, True, self.show, lang) for lo, hi in a]

    def show(self, value: Any, lang: Lang) -> str:
        return value_text(self.decl, self.from_int(int(value)), lang)


class DateDomain(IntegerDomain):
    """Dates, as day numbers (``date.toordinal``), within the declared bounds."""

    def bounds(self) -> tuple[float, float]:
        decl = self.decl
        assert isinstance(decl, DateInput)
        low = (decl.minimum or dt.date.min).toordinal()
        high = (decl.maximum or dt.date.max).toordinal()
        return low, high

    def to_int(self, value: Any) -> Any:
        if isinstance(value, str):
            value = dt.date.fromisoformat(value)
        if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
            return value.toordinal()
        return value

    def from_int(self, value: Any) -> Any:
        return dt.date.fromordinal(int(value))

    def _number(self, value: Any) -> Any:
        if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
            return value.toordinal()
        return None

    def origin(self) -> Any:
        return dt.date(2000, 1, 1)


# ----------------------------------------------------------------------------------------------
# Sets: a binary decision diagram over "value i is included"

FALSE, TRUE = 0, 1


class _Diagram:
    """A reduced, ordered binary decision diagram over ``n`` variables (one per set value)."""

    def __init__(self, n: int) -> None:
        self.n = n
        self.nodes: list[tuple[int, int, int]] = [(n, 0, 0), (n, 1, 1)]
        self.unique: dict[tuple[int, int, int], int] = {}
        self.memo: dict[tuple[str, int, int], int] = {}

    def mk(self, var: int, low: int, high: int) -> int:
        if low == high:
            return low
        key = (var, low, high)
        node = self.unique.get(key)
        if node is None:
            node = len(self.nodes)
            self.nodes.append(key)
            self.unique[key] = node
        return node

    def var(self, i: int) -> int:
        return self.mk(i, FALSE, TRUE)

    def apply(self, op: str, a: int, b: int) -> int:
        if op == "and":
            if a == FALSE or b == FALSE:
                return FALSE
            if a == TRUE:
                return b
            if b == TRUE or a == b:
                return a
        else:
            if a == TRUE or b == TRUE:
                return TRUE
            if a == FALSE:
                return b
            if b == FALSE or a == b:
                return a
        if a > b:
            a, b = b, a
        key = (op, a, b)
        found = self.memo.get(key)
        if found is not None:
            return found
        va, la, ha = self.nodes[a]
        vb, lb, hb = self.nodes[b]
        var = min(va, vb)
        a0, a1 = (la, ha) if va == var else (a, a)
        b0, b1 = (lb, hb) if vb == var else (b, b)
        result = self.mk(var, self.apply(op, a0, b0), self.apply(op, a1, b1))
        self.memo[key] = result
        return result

    def neg(self, a: int) -> int:
        if a <= TRUE:
            return 1 - a
        key = ("not", a, a)
        found = self.memo.get(key)
        if found is None:
            var, low, high = self.nodes[a]
            found = self.mk(var, self.neg(low), self.neg(high))
            self.memo[key] = found
        return found

    def up(self, a: int) -> int:
        """Every set that includes some set of ``a`` (upward closure)."""
        if a <= TRUE:
            return a
        key = ("up", a, a)
        found = self.memo.get(key)
        if found is None:
            var, low, high = self.nodes[a]
            lower = self.up(low)
            found = self.mk(var, lower, self.apply("or", self.up(high), lower))
            self.memo[key] = found
        return found

    def down(self, a: int) -> int:
        """Every set included in some set of ``a`` (downward closure)."""
        if a <= TRUE:
            return a
        key = ("down", a, a)
        found = self.memo.get(key)
        if found is None:
            var, low, high = self.nodes[a]
            higher = self.down(high)
            found = self.mk(var, self.apply("or", self.down(low), higher), higher)
            self.memo[key] = found
        return found

    def shrink(self, a: int) -> int:
        """Every set made from a set of ``a`` by removing one value it includes."""
        out = FALSE
        for i in range(self.n):
            with_it = self.restrict(a, i, True)
            out = self.apply("or", out, self.apply("and", self.neg(self.var(i)), with_it))
        return out

    def grow(self, a: int) -> int:
        """Every set made from a set of ``a`` by adding one value it does not include."""
        out = FALSE
        for i in range(self.n):
            without = self.restrict(a, i, False)
            out = self.apply("or", out, self.apply("and", self.var(i), without))
        return out

    def restrict(self, a: int, i: int, value: bool) -> int:
        if a <= TRUE:
            return a
        var, low, high = self.nodes[a]
        if var > i:
            return a
        if var == i:
            return high if value else low
        key = ("r1" if value else "r0", a, i)
        found = self.memo.get(key)
        if found is None:
            found = self.mk(var, self.restrict(low, i, value), self.restrict(high, i, value))
            self.memo[key] = found
        return found

    def nearest(self, a: int, near: frozenset[int]) -> frozenset[int]:
        """A set of ``a`` (not empty) differing from ``near`` in the fewest values."""
        memo: dict[int, tuple[int, frozenset[int]] | None] = {
            FALSE: None,
            TRUE: (0, frozenset()),
        }

        def best(node: int) -> tuple[int, frozenset[int]] | None:
            if node in memo:
                return memo[node]
            var, low, high = self.nodes[node]
            options = []
            for value, child in ((False, low), (True, high)):
                sub = best(child)
                if sub is not None:
                    free = frozenset(j for j in range(var + 1, self.nodes[child][0]) if j in near)
                    chosen = sub[1] | free | ({var} if value else frozenset())
                    options.append((sub[0] + int(value != (var in near)), chosen))
            result = min(options, key=lambda o: (o[0], len(o[1]), sorted(o[1]))) if options else None
            memo[node] = result
            return result

        found = best(a)
        assert found is not None
        return found[1] | frozenset(j for j in range(self.nodes[a][0]) if j in near)

    def cubes(self, a: int, limit: int) -> list[tuple[frozenset[int], frozenset[int]]] | None:
        """Up to ``limit`` disjoint (included, excluded) cubes covering ``a``; ``None`` if more."""
        out: list[tuple[frozenset[int], frozenset[int]]] = []
        stack: list[tuple[int, frozenset[int], frozenset[int]]] = [(a, frozenset(), frozenset())]
        while stack:
            node, inc, exc = stack.pop()
            if node == FALSE:
                continue
            if node == TRUE:
                out.append((inc, exc))
                if len(out) > limit:
                    return None
                continue
            var, low, high = self.nodes[node]
            stack.append((low, inc, exc | {var}))
            stack.append((high, inc | {var}, exc))
        return out


class SetDomain(Domain[int]):
    """Sets of declared values; the known part is a node of a decision diagram."""

    decl: SetInput

    def __init__(self, input_id: str, decl: SetInput) -> None:
        self.values: tuple[str, ...] = tuple(decl.values)
        self.index = {v: i for i, v in enumerate(self.values)}
        self.diagram = _Diagram(len(self.values))
        super().__init__(input_id, decl)

    def full_known(self) -> int:
        return TRUE

    def empty_known(self) -> int:
        return FALSE

    def meet(self, a: int, b: int) -> int:
        return self.diagram.apply("and", a, b)

    def join(self, a: int, b: int) -> int:
        return self.diagram.apply("or", a, b)

    def complement(self, a: int) -> int:
        return self.diagram.neg(a)

    def is_empty(self, a: int) -> bool:
        return a == FALSE

    def contains(self, a: int, value: Any) -> bool:
        if not isinstance(value, frozenset | set | list | tuple):
            return False
        chosen = {self.index.get(v, -1) for v in value}
        if -1 in chosen:
            return False
        node = a
        while node > TRUE:
            var, low, high = self.diagram.nodes[node]
            node = high if var in chosen else low
        return node == TRUE

    def singleton(self, value: Any) -> int:
        if not isinstance(value, frozenset | set | list | tuple) or any(v not in self.index for v in value):
            return FALSE
        node, d = TRUE, self.diagram
        for i in reversed(range(len(self.values))):
            node = d.mk(i, FALSE, node) if self.values[i] in value else d.mk(i, node, FALSE)
        return node

    def _vars(self, values: Iterable[Any]) -> list[int]:
        return [self.index[v] for v in values if v in self.index]

    def test_known(self, test: Test) -> int:
        op = test.operator
        raw = getattr(test, op)
        d = self.diagram
        chosen = self._vars(raw)
        if op == "contains_any":
            node = FALSE
            for i in chosen:
                node = d.apply("or", node, d.var(i))
            return node
        if op in ("contains_all", "contains_none"):
            node = TRUE
            for i in chosen:
                node = d.apply("and", node, d.var(i) if op == "contains_all" else d.neg(d.var(i)))
            return node
        raise ValueError(f"operator {op!r} does not apply to input {self.input_id!r}")

    def _support(self, a: int) -> set[int]:
        found: set[int] = set()
        stack, seen = [a], set()
        while stack:
            node = stack.pop()
            if node <= TRUE or node in seen:
                continue
            seen.add(node)
            var, low, high = self.diagram.nodes[node]
            found.add(var)
            stack += [low, high]
        return found

    def pick(self, a: int, near: Any = None) -> Any:
        wanted = frozenset(self.index[v] for v in near if v in self.index) if near else frozenset()
        return frozenset(self.values[i] for i in self.diagram.nearest(a, wanted))

    def less(self, a: int, b: int) -> tuple[Any, Any] | None:
        d = self.diagram
        both = d.apply("and", d.up(d.grow(a)), b)  # sets of ``b`` that strictly include one of ``a``
        if both == FALSE:
            return None
        larger = self.pick(both)
        inside = TRUE  # every subset of ``larger``
        for i, value in enumerate(self.values):
            if value not in larger:
                inside = d.apply("and", inside, d.neg(d.var(i)))
        # ``inside`` now holds every subset of ``larger``; drop ``larger`` itself
        smaller = d.apply("and", a, d.apply("and", inside, d.neg(self.singleton(larger))))
        return self.pick(smaller, near=larger), larger

    def above(self, a: int) -> int:
        d = self.diagram
        return d.up(d.grow(a))

    def below(self, a: int) -> int:
        d = self.diagram
        return d.down(d.shrink(a))

    def describe_known(self, a: int, lang: Lang) -> list[str]:
        d = self.diagram
        support = sorted(self._support(a))
        shown = ", ".join(value_text(self.decl, self.values[i], lang) for i in support)
        if support:
            forms = {
                "contains_any": FALSE,
                "contains_all": TRUE,
                "contains_none": TRUE,
            }
            for i in support:
                forms["contains_any"] = d.apply("or", forms["contains_any"], d.var(i))
                forms["contains_all"] = d.apply("and", forms["contains_all"], d.var(i))
                forms["contains_none"] = d.apply("and", forms["contains_none"], d.neg(d.var(i)))
            for op, node in forms.items():
                if node == a:
                    return [f"{word(op, lang)}: {shown}"]
                if d.neg(node) == a and op == "contains_all":
                    return [f"{word('not', lang)} {word(op, lang)}: {shown}"]
        cubes = self.diagram.cubes(a, 4)
        if cubes is None:
            return [f"({'one of many combinations' if lang == 'en' else 'een van vele combinaties'})"]
        phrases = []
        for inc, exc in cubes:
            parts = []
            if inc:
                shown = ", ".join(value_text(self.decl, self.values[i], lang) for i in sorted(inc))
                parts.append(f"{word('contains_all', lang)}: {shown}")
            if exc:
                shown = ", ".join(value_text(self.decl, self.values[i], lang) for i in sorted(exc))
                parts.append(f"{word('contains_none', lang)}: {shown}")
            phrases.append(f" {word('and', lang)} ".join(parts) or ("any" if lang == "en" else "elk"))
        return phrases


# ----------------------------------------------------------------------------------------------


def domain_for(input_id: str, decl: Input) -> Domain[Any] | None:
    """The domain of an input, or ``None`` for free text (never branched on)."""
    if isinstance(decl, BooleanInput | EnumInput):
        return FiniteDomain(input_id, decl)
    if isinstance(decl, SetInput):
        return SetDomain(input_id, decl)
    if isinstance(decl, IntegerInput):
        return IntegerDomain(input_id, decl)
    if isinstance(decl, NumberInput):
        return NumberDomain(input_id, decl)
    if isinstance(decl, DateInput):
        return DateDomain(input_id, decl)
    assert isinstance(decl, TextInput)
    return None


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
