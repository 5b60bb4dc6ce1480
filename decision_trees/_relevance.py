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

    matters: tuple[Leaf, Leaf] | None = None
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
    count = len(leaves)
    kinds, columns = _region_table(space, leaves)
    holds, apart_from = _bit_sets(kinds, columns)
    rows = list(zip(*columns, strict=True))
    by_outcome: dict[Any, list[int]] = {}
    results = [_result(tree, leaf) for leaf in leaves]
    for b, result in enumerate(results):
        by_outcome.setdefault(result, []).append(b)
    size = (count + 8) // 8
    everyone = (1 << count) - 1
    elsewhere = {outcome: everyone & ~bit_set(bits, size) for outcome, bits in by_outcome.items()}
    # Per input and region: the leaves apart from it there whose pair of regions is not yet told
    # apart (each pair of regions is looked at once; most pairs of leaves repeat one).
    untold = [list(masks) for masks in apart_from]
    for a, row in enumerate(rows):
        # Each pair once, against the earlier leaf: bit sets only as wide as this leaf's index.
        earlier = elsewhere[results[a]] & ((1 << a) - 1)
        if not earlier:
            continue
        sole = _apart_in_one_input(row, apart_from, earlier)
        if not sole:
            continue
        for i, k in enumerate(row):
            hit = untold[i][k]
            if not hit:
                continue
            hit &= sole
            if not hit:
                continue  # (a pair told apart before has set record.matters already)
            key = space.ids[i]
            record = seen[key]
            decl = tree.inputs[key]
            if record.matters is None:
                b = (hit & -hit).bit_length() - 1
                record.matters = (leaves[a], leaves[b])
            while hit:  # the regions of input i of the leaves apart from this one there alone
                j = rows[(hit & -hit).bit_length() - 1][i]
                hit &= ~holds[i][j]
                untold[i][k] &= ~holds[i][j]
                untold[i][j] &= ~holds[i][k]
                _distinguish(record, decl, members, i, kinds[i][k], kinds[i][j])
    return Relevance(tuple(_findings(tree, analysis, seen)))


def _result(tree: Tree, leaf: Leaf) -> Any:
    """What a path decides: its outcome and, where the tree has value tables, their outputs (an
    input that changes only a table's value matters too)."""
    if not tree.tables:
        return leaf.outcome
    from decision_trees._outputs import leaf_outputs

    return leaf.outcome, leaf_outputs(tree, leaf.link)


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


def _apart_in_one_input(row: tuple[int, ...], apart_from: list[list[int]], among: int) -> int:
    """The leaves in ``among`` that are apart from this row's leaf in exactly one input."""
    ones = twos = 0
    for i, k in enumerate(row):
        m = apart_from[i][k]
        if m and (m := m & among):
            twos |= ones & m
            ones |= m
    return ones & ~twos


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
        if record.matters is None:
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
