"""Regions of numbers (unions of intervals), integers and dates (unions of whole-number ranges)."""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterable
from typing import Any

from decision_trees._regions_core import INF, Domain, _describe_span
from decision_trees.conditions import value_text
from decision_trees.model import (
    DateInput,
    IntegerInput,
    Lang,
    NumberInput,
    Test,
)

__all__ = ["DateDomain", "IntegerDomain", "NumberDomain"]

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
