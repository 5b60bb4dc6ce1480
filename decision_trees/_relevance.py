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
import operator
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from decision_trees._paths import Analysis, Leaf, Space
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


PAIRS_LIMIT = 2_000
"""Up to this many paths, the paths are compared in pairs (bit sets: cost grows with the square of
the paths, at a small constant); beyond it, sub-trees of the path tree are (see :class:`_PathTree`)."""


def relevance(tree: Tree, analysis: Analysis) -> Relevance:
    """The V013/V014/V015 findings of ``tree`` (only meaningful for an exact, complete analysis)."""
    space = analysis.space
    leaves = [leaf for leaf in analysis.leaves if leaf.outcome is not None]
    if not leaves or len(leaves) < len(analysis.leaves):
        return Relevance(())  # cases without an outcome (gaps, V001) come first: fix them, then look
    seen: dict[str, _Input] = {key: _Input() for key in space.ids}
    members: dict[tuple[int, Region], Any] = {}
    if len(leaves) <= PAIRS_LIMIT:
        told = _told_by_pairs(tree, space, leaves)
    else:
        told = _PathTree(tree, analysis, leaves).told_apart()
    for i, pairs in told.items():
        key = space.ids[i]
        record, decl = seen[key], tree.inputs[key]
        record.matters = True
        for ra, rb in pairs:
            _distinguish(record, decl, members, i, ra, rb)
    return Relevance(tuple(_findings(tree, analysis, seen)))


def _told_by_pairs(tree: Tree, space: Space, leaves: list[Leaf]) -> dict[int, list[tuple[Region, Region]]]:
    """Per input (by index): the pairs of its regions some case tells apart, from every pair of
    paths (as bit sets over the paths)."""
    count = len(leaves)
    kinds, columns = _region_table(space, leaves)
    holds, apart_from = _bit_sets(kinds, columns)
    rows = list(zip(*columns, strict=True))
    by_result: dict[Any, list[int]] = {}
    results = [_result(tree, leaf) for leaf in leaves]
    for b, result in enumerate(results):
        by_result.setdefault(result, []).append(b)
    size = (count + 8) // 8
    everyone = (1 << count) - 1
    elsewhere = {result: everyone & ~bit_set(bits, size) for result, bits in by_result.items()}
    # Per input and region: the paths apart from it there whose pair of regions is not yet told
    # apart (each pair of regions is looked at once; most pairs of paths repeat one).
    untold = [list(masks) for masks in apart_from]
    told: dict[int, list[tuple[Region, Region]]] = {}
    for a, row in enumerate(rows):
        # Each pair once, against the earlier path: bit sets only as wide as this path's index.
        earlier = elsewhere[results[a]] & ((1 << a) - 1)
        sole = _apart_in_one_input(row, apart_from, earlier) if earlier else 0
        if not sole:
            continue
        for i, k in enumerate(row):
            hit = untold[i][k] & sole
            while hit:  # the regions of input i of the paths apart from this one there alone
                j = rows[(hit & -hit).bit_length() - 1][i]
                hit &= ~holds[i][j]
                untold[i][k] &= ~holds[i][j]
                untold[i][j] &= ~holds[i][k]
                told.setdefault(i, []).append((kinds[i][k], kinds[i][j]))
    return told


def _region_table(space: Space, leaves: list[Leaf]) -> tuple[list[list[Region]], list[list[int]]]:
    """Each input's distinct regions over the leaves (in order of first use), and per input the
    index of each leaf's region there (a column per input)."""
    stores = [leaf.store for leaf in leaves]
    kinds: list[list[Region]] = []
    columns: list[list[int]] = []
    for i, domain in enumerate(space.domains):
        held = list(map(operator.itemgetter(i), stores))
        ids = list(map(id, held))
        # The same region object is shared by many stores: each object is looked at once (the
        # leaves keep every region alive, so no id is reused), by equality only then.
        where: dict[Region, int] = {}
        number: dict[int, int] = {}
        regions: list[Region] = []
        for object_id, region in dict(zip(ids, held, strict=True)).items():
            region = domain.full if region is None else region
            k = where.get(region)
            if k is None:
                k = where[region] = len(regions)
                regions.append(region)
            number[object_id] = k
        kinds.append(regions)
        columns.append(list(map(number.__getitem__, ids)))
    return kinds, columns


def _bit_sets(kinds: list[list[Region]], columns: list[list[int]]) -> tuple[list[list[int]], list[list[int]]]:
    """Bit sets over leaves: which leaves hold region k of input i, and which are disjoint from it."""
    holds = [_column_bits(column, len(regions)) for column, regions in zip(columns, kinds, strict=True)]
    apart_from = []
    for i, regions in enumerate(kinds):
        masks = [0] * len(regions)
        for k, region in enumerate(regions):
            for j in range(k + 1, len(regions)):
                if disjoint(region, regions[j]):
                    masks[k] |= holds[i][j]
                    masks[j] |= holds[i][k]
        apart_from.append(masks)
    return holds, apart_from


def _column_bits(column: list[int], kinds: int) -> list[int]:
    """Per value k in ``column``: the bit set of the positions that hold it."""
    if kinds <= 256:  # a byte per position, read as binary digits, all in C
        data = bytes(column)[::-1]
        masks = []
        for k in range(kinds):
            table = bytearray(b"0" * 256)
            table[k] = ord("1")
            masks.append(int(data.translate(table), 2) if column else 0)
        return masks
    members: list[list[int]] = [[] for _ in range(kinds)]
    for b, k in enumerate(column):
        members[k].append(b)
    size = (len(column) + 8) // 8
    return [bit_set(leaves, size) for leaves in members]


def _apart_in_one_input(row: tuple[int, ...], apart_from: list[list[int]], among: int) -> int:
    """The leaves in ``among`` that are apart from this row's leaf in exactly one input."""
    ones = twos = 0
    for i, k in enumerate(row):
        m = apart_from[i][k]
        if m and (m := m & among):
            twos |= ones & m
            ones |= m
    return ones & ~twos


def _result(tree: Tree, leaf: Leaf) -> Any:
    """What a path decides: its outcome and, where the tree has value tables, their outputs (an
    input that changes only a table's value matters too)."""
    if not tree.tables:
        return leaf.outcome
    from decision_trees._outputs import leaf_outputs

    return leaf.outcome, leaf_outputs(tree, leaf.link)


_Pairing = tuple[int, int, int, int]  # two nodes, the input they are apart in, the allowed inputs
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
        self.leaf = leaf = [-1] * count  # the leaf's position in ``leaves``, or -1 inside
        self.result = result = [0] * count  # bit sets of the results below each node,
        self.size = size = [0] * count  # how many leaves below it,
        self.narrowed = narrowed = [0] * count  # and the bit set of the inputs narrowed below it
        numbered: dict[Any, int] = {}
        plain = not tree.tables
        for t, one in enumerate(leaves):
            node = 0 if one.link is None else one.link[3]
            leaf[node] = t
            found = one.outcome if plain else _result(tree, one)
            result[node] = 1 << numbered.setdefault(found, len(numbered))
            size[node] = 1
        index = space.index
        reads = {node: tuple(index[k] for k in keys if k in index) for node, keys in analysis.reads.items()}
        masks = {node: sum(1 << i for i in set(indices)) for node, indices in reads.items()}
        self.reads: list[tuple[int, ...]] = [()] * count  # the inputs the node's children narrow
        self.at: list[str] = [""] * count  # the tree node the path is at (where it has children)
        self.made = made = [0] * count  # links made from each node (some to states seen before)
        self.mask = [0] * count  # the bit set of ``reads``
        self.deeper = deeper = [0] * count  # the inputs narrowed below the node's children
        for node in range(count - 1, 0, -1):  # (children after their parents)
            above = parent[node]
            made[above] += 1
            if not size[node]:
                continue  # a state seen before (its leaves are below its first link)
            at = links[node][0]  # type: ignore[index]
            if not self.at[above]:  # (its first child seen)
                self.reads[above] = reads.get(at, ())
                self.at[above] = at
                self.mask[above] = masks.get(at, 0)
                narrowed[above] |= self.mask[above]
            result[above] |= result[node]
            narrowed[above] |= narrowed[node]
            deeper[above] |= narrowed[node]
            size[above] += size[node]
        self.children: list[list[int]] = [[] for _ in range(count)]
        for node in range(1, count):
            if size[node]:
                self.children[parent[node]].append(node)
        self.within = analysis.conditions.within_stores  # (conjunctions then depend on the store)
        self.disjoint: dict[tuple[int, int, int], bool] = {}  # by input and regions' numbers
        # Per input: its distinct regions (by equality), and their numbers by region object.
        self.regions: list[list[Region]] = [[] for _ in space.domains]
        self.numbers: list[dict[Region, int]] = [{} for _ in space.domains]
        self.by_id: list[dict[int, int]] = [{} for _ in space.domains]
        self.below: dict[tuple[int, int], int] = {}
        self.splits: dict[Any, Any] = {}  # (tree node, regions of what it reads) -> its split
        self.told: dict[int, dict[int, int]] = {}  # input -> region -> bit set of regions told apart

    def told_apart(self) -> dict[int, list[tuple[Region, Region]]]:
        """Per input (by index): the pairs of its regions that some case tells apart.

        Deeper nodes first, so that most pairs of sub-trees higher up find their regions told
        apart already. Sibling sub-trees whose regions of what their parent reads repeat a set of
        siblings already seen with nothing left to learn are skipped at once (what they tell
        apart depends on those regions only, while nothing below narrows them)."""
        done: set[Any] = set()
        stack: list[_Pairing] = []
        children = self.children
        for node in [node for node in range(len(children) - 1, -1, -1) if len(children[node]) > 1]:
            shape = self.shape(node)
            if shape is not None and shape in done:
                continue
            for first, second, apart, allowed in self.siblings(node):
                if apart >= 0 and self.all_told(first, second, apart):
                    continue
                stack.append((first, second, apart, allowed))
            if not stack and shape is not None:
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
        if self.deeper[node] & self.mask[node]:
            return None
        if self.made[node] != len(self.children[node]):  # (a child is a state seen before)
            return self.split(node)
        # Where no child is missing, the tree node and the node's own regions fix the children's.
        reads, store, number = self.reads[node], self.stores[node], self.number
        key: tuple[str, Any]
        if len(reads) == 1:
            key = self.at[node], number(reads[0], store[reads[0]])
        else:
            key = self.at[node], tuple(number(i, store[i]) for i in reads)
        split = self.splits.get(key)
        if split is None:
            split = self.splits[key] = self.split(node)
        return split

    def split(self, node: int) -> Any:
        """The children's ways and regions of the inputs ``node`` reads (trees share them)."""
        reads, number, stores = self.reads[node], self.number, self.stores
        return reads, tuple(
            (self.way[child], *(number(i, stores[child][i]) for i in reads)) for child in self.children[node]
        )

    def drain(self, stack: list[_Pairing]) -> None:
        """Look at the pairs of sub-trees on ``stack`` and every pair below them that can tell
        something apart, recording the pairs of regions told apart."""
        result, leaf, narrowed = self.result, self.leaf, self.narrowed
        while stack:
            a, b, apart, allowed = stack.pop()
            ra, rb = result[a], result[b]
            if ra == rb and not ra & (ra - 1):
                continue  # one result between them
            if apart >= 0:
                if not allowed >> apart & 1 or self.all_told(a, b, apart):
                    continue
            elif not (narrowed[a] | narrowed[b]) & allowed:
                continue  # never apart in an input that could tell something new
            if leaf[a] < 0 or leaf[b] < 0:
                self.expand(stack, a, b, apart, allowed)
            elif apart >= 0:  # two leaves with different results, apart in one input
                ka = self.number(apart, self.stores[a][apart])
                kb = self.number(apart, self.stores[b][apart])
                pairs = self.told.setdefault(apart, {})
                pairs[ka] = pairs.get(ka, 0) | 1 << kb
                pairs[kb] = pairs.get(kb, 0) | 1 << ka

    def expand(self, stack: list[_Pairing], a: int, b: int, apart: int, allowed: int) -> None:
        """Put the pairs one level below ``a`` and ``b`` (one side's children against the other)
        that are not apart in two inputs on ``stack``."""
        if self.expand_first(a, b, allowed):
            reads = self.reads[a]
            for child in self.children[a]:
                narrower = self.apart(child, b, apart, reads)
                if narrower != _BOTH:
                    stack.append((child, b, narrower, allowed))
        else:
            reads = self.reads[b]
            for child in self.children[b]:
                narrower = self.apart(a, child, apart, reads)
                if narrower != _BOTH:
                    stack.append((a, child, narrower, allowed))

    def expand_first(self, a: int, b: int, allowed: int) -> bool:
        """Whether to look below ``a`` (rather than below ``b``) next: where only one side narrows
        an allowed input further down, that side; otherwise the side with more leaves."""
        if self.leaf[a] >= 0 or self.leaf[b] >= 0:
            return self.leaf[b] >= 0
        if allowed != -1:
            below_a, below_b = self.narrowed[a] & allowed, self.narrowed[b] & allowed
            if bool(below_a) != bool(below_b):
                return bool(below_a)
        return self.size[a] >= self.size[b]

    def siblings(self, node: int) -> Iterator[tuple[int, int, int, int]]:
        """The pairs of ``node``'s children to look at: ``(first, second, apart, allowed)``, where
        ``allowed`` is the bit set of the inputs their pairs of leaves may be apart in to tell
        something new (-1: any).

        Two children made by one rule's way out (overlapping conjunctions) need only be looked
        at for the inputs the rule reads: a case under one apart from a case under the other in
        one other input has a twin from the other conjunction (the same path, the same result,
        the same region of that input, meeting the other case in every other input). The twin's
        state, or the earlier state the explorer merged it with, is explored before the later
        child's sub-tree, so the twin pair ends strictly earlier in exploration order; by
        induction on that order the pair of regions is found from a pair that is looked at.
        (This needs conjunctions that do not depend on the store: not where a rule was expanded
        within a store.) Where nothing below narrows the rule's inputs and the two are not apart
        in them, there is nothing to look at."""
        children, reads, way = self.children[node], self.reads[node], self.way
        mask = 0
        for i in reads:
            mask |= 1 << i
        twins = not self.within
        for x, first in enumerate(children):
            for second in children[x + 1 :]:
                apart = self.apart(first, second, _NONE, reads)
                if apart == _BOTH:
                    continue
                if twins and way[first] == way[second]:
                    if apart == _NONE and not (self.narrowed[first] | self.narrowed[second]) & mask:
                        continue
                    yield first, second, apart, mask
                else:
                    yield first, second, apart, -1

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
