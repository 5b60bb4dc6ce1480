"""Answers that matter to nothing: inputs and values that never change the outcome.

The paths of an exact, complete analysis split the answer space into boxes (one region per input),
each with its outcome. An input *matters* exactly when two boxes with different outcomes meet on
every other input: a case in the shared part, answered once inside each box, changes the outcome by
changing that input alone. Two values ``a`` and ``b`` of an input are *distinguished* exactly when
such a pair of boxes holds ``a`` in one and ``b`` in the other; "not distinguished" is an
equivalence, so its classes are the groups of values that lead to the same outcome in every case.
For a set input, option ``x`` matters when some such pair holds a set without ``x`` in one box and
the same set with ``x`` in the other.

Findings (see :data:`decision_trees.verification.CODES`): V013 (an input never changes the
outcome), V014 (values of an input that no case distinguishes), V015 (an option of a set input
that never changes the outcome). A tree silences one by declaring the input, the values or the
option ``informational`` with a reason; :func:`relevance` returns the silenced findings apart.
"""

from __future__ import annotations

import functools
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from decision_trees._paths import Analysis, Leaf
from decision_trees._regions import Region
from decision_trees.answers import UNKNOWN
from decision_trees.conditions import value_text
from decision_trees.model import BooleanInput, EnumInput, Informational, SetInput, Text, Tree

__all__ = ["SET_OPTIONS_LIMIT", "Relevance", "bit_set", "disjoint", "relevance"]

SET_OPTIONS_LIMIT = 12
"""Set inputs with more options than this are checked as a whole only (not option by option)."""


@dataclass
class _Input:
    """What the pairs of boxes showed for one input."""

    matters: bool = False
    distinguished: set[tuple[Any, Any]] = field(default_factory=set)
    options: set[str] = field(default_factory=set)  # set options that change an outcome


@dataclass(frozen=True)
class Relevance:
    """The raw findings: ``(code, input, values, reason-or-None, witness pair, text)``."""

    findings: tuple[
        tuple[str, str, tuple[Any, ...], Informational | None, tuple[dict[str, Any], dict[str, Any]], Text],
        ...,
    ]


def relevance(tree: Tree, analysis: Analysis) -> Relevance:
    """The V013/V014/V015 findings of ``tree`` (only meaningful for an exact, complete analysis)."""
    space = analysis.space
    leaves = [leaf for leaf in analysis.leaves if leaf.outcome is not None]
    if not leaves or len(leaves) < len(analysis.leaves):
        return Relevance(())  # cases without an outcome (gaps, V001) come first: fix them, then look
    seen: dict[str, _Input] = {key: _Input() for key in space.ids}
    members: dict[tuple[int, Region], Any] = {}
    for i, pairs in _PathTree(tree, analysis, leaves).told_apart().items():
        key = space.ids[i]
        record, decl = seen[key], tree.inputs[key]
        record.matters = True
        for ra, rb in pairs:
            _distinguish(record, decl, members, i, ra, rb)
    return Relevance(tuple(_findings(tree, analysis, seen)))


def _result(tree: Tree, leaf: Leaf) -> Any:
    """What a path decides: its outcome and, where the tree has value tables, their outputs (an
    input that changes only a table's value matters too)."""
    if not tree.tables:
        return leaf.outcome
    from decision_trees._outputs import leaf_outputs

    return leaf.outcome, leaf_outputs(tree, leaf.link)


_BOTH = -2  # apart in two inputs or more: no case changes the result by changing one input
_NONE = -1  # not (yet) apart in any input


class _PathTree:
    """The analysed paths as a tree, and the pairs of regions that cases apart in one input tell apart.

    Node 0 is the start; every other node is one path link, with the store it was made with (so it
    holds every leaf below it). Two leaves with different results that are apart (disjoint) in
    exactly one input, and meet in every other, tell their two regions of that input apart. A store
    only narrows along a path, so two nodes that are apart in an input have every pair of leaves
    below them apart in it too: pairs of sub-trees apart in two inputs are skipped whole, as are
    pairs with one result between them and pairs whose regions of the one input are all told apart
    already. Each pair of leaves is reached at most once, from the node where their paths part.
    """

    def __init__(self, tree: Tree, analysis: Analysis, leaves: list[Leaf]) -> None:
        space = analysis.space
        self.space = space
        links, self.stores = analysis.links, analysis.boxes
        count = len(links)
        self.way: list[Any] = [None if link is None else link[1] for link in links]  # branch taken to it
        parent = [0 if link is None or link[2] is None else link[2][3] for link in links]
        self.leaf = [-1] * count  # the leaf's position in ``leaves``, or -1 inside
        numbered: dict[Any, int] = {}
        self.result = [0] * count  # bit sets of the results below each node,
        self.size = [0] * count  # how many leaves below it,
        self.narrowed = [0] * count  # and the bit set of the inputs narrowed below it
        for t, leaf in enumerate(leaves):
            node = 0 if leaf.link is None else leaf.link[3]
            self.leaf[node] = t
            self.result[node] = 1 << numbered.setdefault(_result(tree, leaf), len(numbered))
            self.size[node] = 1
        index = space.index
        reads = {node: tuple(index[k] for k in keys if k in index) for node, keys in analysis.reads.items()}
        self.reads: list[tuple[int, ...]] = [()] * count  # the inputs the node's children narrow
        self.at: list[str] = [""] * count  # the tree node the path is at (where it has children)
        self.made = [0] * count  # links made from each node (some to states seen before)
        for node in range(count - 1, 0, -1):  # (children after their parents)
            above = parent[node]
            self.made[above] += 1
            if not self.size[node]:
                continue  # a state seen before (its leaves are below its first link)
            at = links[node][0]  # type: ignore[index]
            self.reads[above] = narrows = reads.get(at, ())
            self.at[above] = at
            for i in narrows:
                self.narrowed[above] |= 1 << i
            self.result[above] |= self.result[node]
            self.narrowed[above] |= self.narrowed[node]
            self.size[above] += self.size[node]
        self.children: list[list[int]] = [[] for _ in range(count)]
        for node in range(1, count):
            if self.size[node]:
                self.children[parent[node]].append(node)
        self.within = analysis.conditions.within_stores  # (conjunctions then depend on the store)
        self.disjoint: dict[tuple[int, int, int], bool] = {}  # by input and regions' numbers
        # Per input: its distinct regions (by equality), and their numbers by region object.
        self.regions: list[list[Region]] = [[] for _ in space.domains]
        self.numbers: list[dict[Region, int]] = [{} for _ in space.domains]
        self.by_id: list[dict[int, int]] = [{} for _ in space.domains]
        self.below: dict[tuple[int, int], int] = {}
        self.told: dict[int, dict[int, int]] = {}  # input -> region -> bit set of regions told apart

    def told_apart(self) -> dict[int, list[tuple[Region, Region]]]:
        """Per input (by index): the pairs of its regions that some case tells apart.

        Deeper nodes first, so that most pairs of sub-trees higher up find their regions told
        apart already. Sibling sub-trees whose regions of what their parent reads repeat a set of
        siblings already seen with nothing left to learn are skipped at once (what they tell
        apart depends on those regions only, while nothing below narrows them)."""
        done: set[Any] = set()
        stack: list[tuple[int, int, int]] = []
        for node in range(len(self.children) - 1, -1, -1):
            children = self.children[node]
            if len(children) < 2:
                continue
            shape = self.shape(node)
            if shape is not None and shape in done:
                continue
            pending = False
            reads = self.reads[node]
            for x, first in enumerate(children):
                for second in children[x + 1 :]:
                    apart = self.apart(first, second, _NONE, reads)
                    if apart == _BOTH or (apart == _NONE and self.one_way(node, first, second)):
                        continue
                    if apart >= 0 and self.all_told(first, second, apart):
                        continue
                    pending = True
                    stack.append((first, second, apart))
            if not pending and shape is not None:
                done.add(shape)
            self.drain(stack)
        out: dict[int, list[tuple[Region, Region]]] = {}
        for i, pairs in self.told.items():
            regions = self.regions[i]
            found = [(regions[k], regions[j]) for k, others in pairs.items() for j in _bits(others) if k < j]
            if found:
                out[i] = found
        return out

    def shape(self, node: int) -> Any:
        """What the pairs of ``node``'s children tell apart depends on, or ``None`` where their
        regions of the inputs ``node`` reads are narrowed further below.

        The children's regions of those inputs are the node's own, narrowed by the branches or
        conjunctions of the tree node it is at; the rest of their stores is the node's."""
        reads, children = self.reads[node], self.children[node]
        mask = 0
        for i in reads:
            mask |= 1 << i
        narrowed = self.narrowed
        if any(narrowed[child] & mask for child in children):
            return None
        number, stores = self.number, self.stores
        if self.made[node] == len(children):  # (no child is a state seen before)
            return self.at[node], tuple(number(i, stores[node][i]) for i in reads)
        return reads, tuple(
            (self.way[child], *(number(i, stores[child][i]) for i in reads)) for child in children
        )

    def drain(self, stack: list[tuple[int, int, int]]) -> None:
        """Look at the pairs of sub-trees on ``stack`` and every pair below them that can tell
        something apart, recording the pairs of regions told apart."""
        result, size, leaf, children = self.result, self.size, self.leaf, self.children
        while stack:
            a, b, apart = stack.pop()
            ra, rb = result[a], result[b]
            if ra == rb and not ra & (ra - 1):
                continue  # one result between them
            if apart >= 0 and self.all_told(a, b, apart):
                continue
            la, lb = leaf[a], leaf[b]
            if la >= 0 and lb >= 0:
                if apart >= 0:  # (two leaves with different results)
                    ka = self.number(apart, self.stores[a][apart])
                    kb = self.number(apart, self.stores[b][apart])
                    pairs = self.told.setdefault(apart, {})
                    pairs[ka] = pairs.get(ka, 0) | 1 << kb
                    pairs[kb] = pairs.get(kb, 0) | 1 << ka
                continue
            if lb >= 0 or (la < 0 and size[a] >= size[b]):
                reads = self.reads[a]
                for child in children[a]:
                    narrower = self.apart(child, b, apart, reads)
                    if narrower != _BOTH:
                        stack.append((child, b, narrower))
            else:
                reads = self.reads[b]
                for child in children[b]:
                    narrower = self.apart(a, child, apart, reads)
                    if narrower != _BOTH:
                        stack.append((a, child, narrower))

    def one_way(self, node: int, a: int, b: int) -> bool:
        """Whether ``a`` and ``b`` are two overlapping conjunctions of one rule's way out whose
        inputs nothing below narrows further: they are then never apart in those inputs, and any
        case apart from another in one input only has a twin under ``b`` with the same region of
        that input (the same path, the same result), so ``b``'s own pairs already tell it apart."""
        if self.way[a] != self.way[b] or self.within:
            return False
        mask = 0
        for i in self.reads[node]:
            mask |= 1 << i
        return not (self.narrowed[a] | self.narrowed[b]) & mask

    def apart(self, a: int, b: int, apart: int, reads: tuple[int, ...]) -> int:
        """The input nodes ``a`` and ``b`` are apart in, ``_NONE`` or ``_BOTH``, given ``apart`` for
        the nodes above them and that they narrow those only in ``reads``."""
        xs, ys = self.stores[a], self.stores[b]
        cache = self.disjoint
        for j in reads:
            x, y = xs[j], ys[j]
            if j == apart or x is None or y is None or x is y:
                continue
            by_id = self.by_id[j]
            kx, ky = by_id.get(id(x)), by_id.get(id(y))
            if kx is None:
                kx = self.number(j, x)
            if ky is None:
                ky = self.number(j, y)
            key = (j, kx, ky)
            held = cache.get(key)
            if held is None:
                held = cache[key] = cache[(j, ky, kx)] = disjoint(x, y)
            if held:
                if apart != _NONE:
                    return _BOTH
                apart = j
        return apart

    def all_told(self, a: int, b: int, i: int) -> bool:
        """Whether every pair of input ``i``'s regions below ``a`` and below ``b`` is told apart."""
        told = self.told.get(i)
        if told is None:
            return False
        below_b = self.kinds_below(b, i)
        return not any(below_b & ~told.get(k, 0) for k in _bits(self.kinds_below(a, i)))

    def kinds_below(self, node: int, i: int) -> int:
        """The bit set of input ``i``'s regions held by the leaves below ``node``."""
        if not self.narrowed[node] >> i & 1:  # every leaf below holds the node's own region
            return 1 << self.number(i, self.stores[node][i])
        known = self.below.get((node, i))
        if known is None:
            known = 0
            for child in self.children[node]:
                known |= self.kinds_below(child, i)
            self.below[(node, i)] = known
        return known

    def number(self, i: int, region: Region | None) -> int:
        """The number of a region of input ``i`` (equal regions have one number)."""
        by_id = self.by_id[i]
        k = by_id.get(id(region))  # (a region object is shared by many stores, all kept alive)
        if k is None:
            held = self.space.domains[i].full if region is None else region
            k = self.numbers[i].setdefault(held, len(self.regions[i]))
            if k == len(self.regions[i]):
                self.regions[i].append(held)
            by_id[id(region)] = k
        return k


def _bits(mask: int) -> Iterator[int]:
    """The positions of the bits set in ``mask``, lowest first."""
    while mask:
        low = mask & -mask
        yield low.bit_length() - 1
        mask ^= low


def bit_set(members: list[int], size: int) -> int:
    """The bit set with the bits ``members`` (made in one pass rather than one shift each)."""
    buffer = bytearray(size)
    for b in members:
        buffer[b >> 3] |= 1 << (b & 7)
    return int.from_bytes(buffer, "little")


def disjoint(x: Region, y: Region) -> bool:
    """Whether two regions of one input share no answer (without making their meet a region)."""
    if x.unknown and y.unknown:
        return False
    domain = x.domain
    return domain.is_empty(domain.meet(x.known, y.known))


def _distinguish(
    record: _Input, decl: Any, members: dict[tuple[int, Region], Any], i: int, ra: Region, rb: Region
) -> None:
    """Record what one pair of regions (cases apart in this input only) tells apart."""
    if isinstance(decl, BooleanInput | EnumInput):
        va, vb = _values_in(members, i, ra, decl), _values_in(members, i, rb, decl)
        record.distinguished.update((x, y) for x in va for y in vb)
        record.distinguished.update((y, x) for x in va for y in vb)
    elif isinstance(decl, SetInput) and len(decl.values) <= SET_OPTIONS_LIMIT:
        ma, mb = _subset_mask(members, i, ra, decl), _subset_mask(members, i, rb, decl)
        for bit, option in enumerate(decl.values):
            if option in record.options:
                continue
            step = 1 << bit
            without = _without_mask(len(decl.values), bit)
            if ((ma & without) << step) & mb or ((mb & without) << step) & ma:
                record.options.add(option)


def _values(decl: BooleanInput | EnumInput) -> list[Any]:
    values: list[Any] = [False, True] if isinstance(decl, BooleanInput) else list(decl.values)
    if decl.allow_unknown:
        values.append(UNKNOWN)
    return values


def _values_in(
    cache: dict[tuple[int, Region], Any], index: int, region: Region, decl: BooleanInput | EnumInput
) -> list[Any]:
    found = cache.get((index, region))
    if found is None:
        found = cache[(index, region)] = [v for v in _values(decl) if v in region]
    return list(found)


def _subset_mask(cache: dict[tuple[int, Region], Any], index: int, region: Region, decl: SetInput) -> int:
    """Bit ``s`` is set when the subset numbered ``s`` (bit ``i`` = option ``i``) is in ``region``."""
    found = cache.get((index, region))
    if found is None:
        subset_mask = getattr(region.domain, "subset_mask", None)
        if subset_mask is not None and not region.known_empty:
            found = cache[(index, region)] = subset_mask(region.known)
            return int(found)
        options = list(decl.values)
        mask = 0
        for s in range(1 << len(options)):
            if frozenset(o for i, o in enumerate(options) if s >> i & 1) in region:
                mask |= 1 << s
        found = cache[(index, region)] = mask
    return int(found)


@functools.cache
def _without_mask(size: int, bit: int) -> int:
    return sum(1 << s for s in range(1 << size) if not s >> bit & 1)


def _classes(values: list[Any], distinguished: set[tuple[Any, Any]]) -> list[list[Any]]:
    classes: list[list[Any]] = []
    for value in values:
        for group in classes:
            if (group[0], value) not in distinguished:
                group.append(value)
                break
        else:
            classes.append([value])
    return classes


def _declared(decl: Any, values: tuple[Any, ...]) -> Informational | None:
    """The declaration that covers ``values`` (``()`` = the whole input), if any."""
    wanted = {_name(v) for v in values}
    declared: tuple[Informational, ...] = decl.informational
    for item in declared:
        if not item.values and not values:
            return item
        if values and item.values and wanted <= set(item.values):
            return item
    return None


def _name(value: Any) -> str:
    if value is UNKNOWN:
        return "unknown"
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def _findings(tree: Tree, analysis: Analysis, seen: dict[str, _Input]) -> Iterator[Any]:
    used = _read_inputs(analysis)
    for key, record in seen.items():
        decl = tree.inputs[key]
        if key not in used:
            continue  # V011 reports inputs nothing reads
        label_en, label_nl = f"{decl.label.en} ({key})", f"{decl.label.nl} ({key})"
        if not record.matters:
            pair = _pair(tree, analysis, key, None, None)
            yield (
                "V013",
                key,
                (),
                _declared(decl, ()),
                pair,
                Text(
                    en=f"input {label_en}: no answer to it ever changes the outcome",
                    nl=f"invoer {label_nl}: geen enkel antwoord erop verandert ooit de uitkomst",
                ),
            )
            continue
        if isinstance(decl, BooleanInput | EnumInput):
            for group in _classes(_values(decl), record.distinguished):
                if len(group) < 2:
                    continue
                values = tuple(group)
                shown_en = _join([f"'{value_text(decl, v, 'en')}'" for v in group], "and")
                shown_nl = _join([f"'{value_text(decl, v, 'nl')}'" for v in group], "en")
                yield (
                    "V014",
                    key,
                    tuple(_name(v) for v in values),
                    _declared(decl, values),
                    _pair(tree, analysis, key, group[0], group[1]),
                    Text(
                        en=f"values {shown_en} of input {label_en} lead to the same outcome in every case",
                        nl=f"de waarden {shown_nl} van invoer {label_nl} leiden in alle gevallen tot "
                        "dezelfde uitkomst",
                    ),
                )
        elif isinstance(decl, SetInput) and len(decl.values) <= SET_OPTIONS_LIMIT:
            for option in decl.values:
                if option in record.options:
                    continue
                yield (
                    "V015",
                    key,
                    (option,),
                    _declared(decl, (option,)),
                    _pair(tree, analysis, key, frozenset(), frozenset({option})),
                    Text(
                        en=f"option '{value_text(decl, option, 'en')}' of input {label_en} never "
                        "changes the outcome",
                        nl=f"de keuze '{value_text(decl, option, 'nl')}' van invoer {label_nl} verandert "
                        "de uitkomst nooit",
                    ),
                )


def _join(items: list[str], word: str) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + f" {word} " + items[-1]


def _read_inputs(analysis: Analysis) -> set[str]:
    used: set[str] = set()
    for keys in analysis.reads.values():
        used.update(keys)
    return used


def _pair(
    tree: Tree, analysis: Analysis, key: str, first: Any, second: Any
) -> tuple[dict[str, Any], dict[str, Any]]:
    """Two evaluable cases that differ only in ``key`` (``first`` vs ``second``; for a whole input,
    two of its answers), on a path that reads ``key`` where there is one."""
    index = analysis.space.index[key]
    decl = tree.inputs[key]
    chosen: Leaf | None = None
    for leaf in analysis.leaves:
        if leaf.outcome is None or key not in analysis.keys(leaf.link):
            continue
        region = analysis.space.region(leaf.store, index)
        if first is None or (first in region):
            chosen = leaf
            break
    if chosen is None:
        chosen = next(leaf for leaf in analysis.leaves if leaf.outcome is not None)
    region = analysis.space.region(chosen.store, index)
    if first is None:
        values = _values(decl) if isinstance(decl, BooleanInput | EnumInput) else []
        inside = [v for v in values if v in region]
        first = inside[0] if inside else region.witness()
        others = [v for v in values if v is not first and v != first]
        second = others[0] if others else first
    case = analysis.witness(chosen, key)
    one = analysis.evaluable({**case, key: first}, chosen.store)
    other = dict(one)
    other[key] = second
    return one, analysis.evaluable(other, chosen.store)
