"""A finite abstraction of the input space: one representative answer per cell between the values
a tree tests, and the table of every combination of them (for checking invariants exhaustively and
for the search of differences and counterfactuals)."""

from __future__ import annotations

import itertools
import math
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any

from decision_trees._paths import Analysis, walk
from decision_trees._regions import (
    DateDomain,
    Domain,
    FiniteDomain,
    IntegerDomain,
    NumberDomain,
    SetDomain,
)
from decision_trees.answers import UNKNOWN
from decision_trees.conditions import operands_by_input
from decision_trees.model import Condition, Tree

__all__ = ["Case", "Pair", "Table", "link_of", "representatives"]

Case = dict[str, Any]
Pair = tuple[Case, Case]

# ----------------------------------------------------------------------------------------------
# A finite abstraction of the input space


def link_of(path: Sequence[str]) -> Any:
    """The path (node ids) as the linked list the analysis keys its states by."""
    link: Any = None
    for node_id in path:
        link = (node_id, None, link)
    return link


def representatives(domain: Domain[Any], operands: Iterable[Any], used: bool) -> list[Any]:
    """One answer per cell of ``domain`` that the tested ``operands`` cut it into, in order."""
    values: list[Any]
    if not used:
        values = [domain.full.witness()]
    elif isinstance(domain, FiniteDomain):
        values = list(domain.order)
    elif isinstance(domain, SetDomain):
        items = domain.values
        values = [
            frozenset(v for v, bit in zip(items, bits, strict=True) if bit)
            for bits in itertools.product((False, True), repeat=len(items))
        ]
        values.sort(key=len)
    elif isinstance(domain, IntegerDomain):  # and dates
        points: set[int] = set()
        for raw in operands:
            x = domain.operand(raw)
            points |= {math.floor(x) - 1, math.floor(x), math.ceil(x), math.ceil(x) + 1}
        low, high = domain.bounds()
        points |= {int(b) for b in (low, high) if b not in (-math.inf, math.inf)}
        if not points:
            points = {int(domain.to_int(domain.origin()))}
        ranges = domain.full_known()
        values = [domain.from_int(p) for p in sorted(points) if domain.contains(ranges, domain.from_int(p))]
        if isinstance(domain, DateDomain):
            values = [v for v in values if v is not None]
    else:
        assert isinstance(domain, NumberDomain)
        cuts = sorted({float(x) for x in operands})
        decl = domain.decl
        cuts = sorted(set(cuts) | {float(b) for b in (decl.minimum, decl.maximum) if b is not None})
        candidates: set[float] = set(cuts)
        if cuts:
            candidates |= {cuts[0] - 1, cuts[-1] + 1}
            candidates |= {(a + b) / 2 for a, b in itertools.pairwise(cuts)}
        else:
            candidates.add(0.0)
        full = domain.full_known()
        values = [_tidy(c) for c in sorted(candidates) if domain.contains(full, c)]
    if domain.allow_unknown and used:
        values.append(UNKNOWN)
    return values


def _tidy(value: float) -> Any:
    return int(value) if value.is_integer() else value


class Table:
    """Every case of the abstraction, decided once (when there are few enough)."""

    def __init__(self, tree: Tree, analysis: Analysis) -> None:
        self.tree = tree
        self.analysis = analysis
        space = analysis.space
        operands = operands_by_input(tree, invariants=True)
        used = set().union(*analysis.reads.values()) if analysis.reads else set()
        for invariant in tree.invariants:
            if invariant.only_if is not None:
                used |= analysis.conditions.inputs_of(invariant.only_if.condition)
        self.keys = list(space.ids)
        self.reps = [representatives(d, operands[d.input_id], d.input_id in used) for d in space.domains]
        self.size = math.prod(len(r) for r in self.reps)
        self._results: dict[tuple[int, ...], tuple[str | None, tuple[str, ...]]] | None = None

    def case(self, indices: Sequence[int]) -> Case:
        return {key: self.reps[i][j] for i, (key, j) in enumerate(zip(self.keys, indices, strict=True))}

    def results(self) -> dict[tuple[int, ...], tuple[str | None, tuple[str, ...]]]:
        if self._results is None:
            results = {}
            for indices in itertools.product(*(range(len(r)) for r in self.reps)):
                case = self.case(indices)
                path, outcome, _ = walk(self.tree, case)
                results[indices] = (outcome, tuple(self.analysis.keys(link_of(path))))
            self._results = results
        return self._results

    def items(self) -> Iterable[tuple[Case, tuple[str | None, tuple[str, ...]]]]:
        for indices, result in self.results().items():
            yield self.case(indices), result

    def outcome(self, case: Case) -> str | None:
        return walk(self.tree, case)[1]

    def read(self, case: Case) -> list[str]:
        path, _, _ = walk(self.tree, case)
        return self.analysis.keys(link_of(path))

    def used(self, case: Case, condition: Condition) -> Case:
        keys = self.read(case) + sorted(self.analysis.conditions.inputs_of(condition))
        return {k: case[k] for k in dict.fromkeys(keys)}

    def monotone(self, key: str, increasing: bool, severity: Callable[[str], int]) -> Pair | None:
        """A pair (before, after) differing in ``key`` only, ``after`` further along the order
        (``increasing``) or back (decreasing), where severity drops."""
        results = self.results()
        position = self.keys.index(key)
        reps = self.reps[position]
        known = [j for j, v in enumerate(reps) if v is not UNKNOWN]
        others = [range(len(r)) for i, r in enumerate(self.reps) if i != position]
        is_set = isinstance(self.analysis.space.domains[position], SetDomain)

        def sev(indices: tuple[int, ...]) -> int | None:
            outcome = results[indices][0]
            return None if outcome is None else severity(outcome)

        for rest in itertools.product(*others):
            line = {j: (*rest[:position], j, *rest[position:]) for j in known}
            pair = (
                _set_line(line, reps, sev, increasing)
                if is_set
                else _total_line(line, known, sev, increasing)
            )
            if pair is not None:
                return self.case(pair[0]), self.case(pair[1])
        return None


Indices = tuple[int, ...]


def _total_line(
    line: Mapping[int, Indices], order: Sequence[int], sev: Callable[[Indices], int | None], increasing: bool
) -> tuple[Indices, Indices] | None:
    """In a totally ordered line: a (before, after) pair moving along the order with a drop."""
    steps = order if increasing else list(reversed(order))
    best: tuple[int, Indices] | None = None
    for j in steps:
        here = sev(line[j])
        if here is None:
            continue
        if best is not None and here < best[0]:
            return best[1], line[j]
        if best is None or here > best[0]:
            best = (here, line[j])
    return None


def _set_line(
    line: Mapping[int, Indices],
    reps: Sequence[Any],
    sev: Callable[[Indices], int | None],
    increasing: bool,
) -> tuple[Indices, Indices] | None:
    """Among all subsets: a (before, after) pair, after a strict superset (or subset), with a drop."""
    by_set = {reps[j]: j for j in line}
    ordered = sorted(by_set, key=len, reverse=not increasing)
    best: dict[frozenset[str], tuple[int, frozenset[str]] | None] = {}
    for current in ordered:
        neighbours = (
            [current - {v} for v in current]
            if increasing
            else [current | {v} for v in _universe(reps) - current]
        )
        inherited: tuple[int, frozenset[str]] | None = None
        for near in neighbours:
            candidate = best.get(near)
            if candidate is not None and (inherited is None or candidate[0] > inherited[0]):
                inherited = candidate
        here = sev(line[by_set[current]])
        if here is not None and inherited is not None and here < inherited[0]:
            return line[by_set[inherited[1]]], line[by_set[current]]
        own = (here, current) if here is not None else None
        if own is not None and (inherited is None or own[0] >= inherited[0]):
            best[current] = own
        else:
            best[current] = inherited
    return None


def _universe(reps: Sequence[Any]) -> frozenset[str]:
    return frozenset().union(*(r for r in reps if isinstance(r, frozenset)))
