"""Regions of set inputs (multi-select): a small binary decision diagram over "value is included"."""

from __future__ import annotations

import functools
from collections.abc import Iterable
from typing import Any

from decision_trees._regions_core import Domain
from decision_trees.conditions import value_text, word
from decision_trees.model import (
    Lang,
    SetInput,
    Test,
)

__all__ = ["SetDomain"]

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


@functools.cache
def _without_mask(size: int, bit: int) -> int:
    """The subsets of ``size`` values (numbered by bits) that leave out value ``bit``."""
    return sum(1 << s for s in range(1 << size) if not s >> bit & 1)


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

    def subset_mask(self, a: int) -> int:
        """Bit ``s`` set when the subset numbered ``s`` (bit ``i`` = value ``i``) is in ``a``."""
        n = len(self.values)
        tables: dict[int, int] = {FALSE: 0, TRUE: (1 << (1 << n)) - 1}
        nodes = self.diagram.nodes

        def table(node: int) -> int:
            found = tables.get(node)
            if found is None:
                var, low, high = nodes[node]
                without = _without_mask(n, var)
                found = tables[node] = (table(low) & without) | (table(high) & ~without & tables[TRUE])
            return found

        return table(a)

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
