"""Checking the invariants a tree declares (``monotone``, ``only_if``, ``unknown_never``).

Three methods, best first:

- **exact**: over the analysis' paths (when that analysis is exact). ``only_if`` intersects each
  path to the outcome with the negated condition; ``unknown_never`` looks for an unknown answer
  on a path to a forbidden outcome; ``monotone`` raises the input on each path and follows where
  the raised answers go.
- **exhaustive**: every case of a finite abstraction of the input space (one representative per
  cell between the values the tree tests), when there are at most ``EXHAUSTIVE_LIMIT`` cases.
- **search**: hypothesis, derandomized and bounded, otherwise.

Every violation comes with concrete answers; ``monotone`` with a pair (before, after).
"""

from __future__ import annotations

import collections
from collections.abc import Callable, Mapping, Sequence
from typing import Any

from decision_trees._cells import Case, Table, link_of, representatives
from decision_trees._findings import EXHAUSTIVE_LIMIT, Finding, InvariantResult
from decision_trees._paths import Analysis, Leaf, TooComplexError, walk
from decision_trees._regions import (
    Domain,
    FiniteDomain,
    Region,
    SetDomain,
)
from decision_trees._relevance import bit_set, disjoint
from decision_trees.answers import UNKNOWN
from decision_trees.conditions import check_test, describe, rule_refs, tests_in, value_text
from decision_trees.model import Condition, Invariant, Lang, Outcome, Rule, Text, TextInput, Tree
from decision_trees.words import error_text

__all__ = ["check_invariants", "representatives"]

MONOTONE_PAIR_BUDGET = 4_000_000
"""Pairs of paths the exact monotonicity check compares before it hands over to enumeration."""


class _Fallback(Exception):
    """The exact method cannot decide this invariant; use another."""


def check_invariants(
    tree: Tree, analysis: Analysis, search_examples: int, method: str | None = None
) -> tuple[list[Finding], list[InvariantResult]]:
    """Findings (V020–V023) and how each invariant was checked (``method`` forces one)."""
    findings: list[Finding] = []
    results: list[InvariantResult] = []
    table: Table | None = None
    for index, invariant in enumerate(tree.invariants):
        name = invariant.id or f"#{index + 1}"
        problems = check_invariant_references(tree, invariant)
        if problems:
            findings.append(
                Finding(
                    "V023",
                    "error",
                    (),
                    Text(
                        en=f"invariant {name}: " + "; ".join(p.en for p in problems),
                        nl=f"invariant {name}: " + "; ".join(p.nl for p in problems),
                    ),
                    details={"invariant": index},
                )
            )
            results.append(InvariantResult(index, invariant.id, invariant.kind, "invalid", False))
            continue
        checker = _Invariant(tree, analysis, invariant, name, index)
        violation: Finding | None = None
        used, cases = "exact", None
        try:
            if not (analysis.exact and analysis.complete) or method not in (None, "exact"):
                raise _Fallback
            violation = checker.exact()
        except _Fallback:
            if table is None and method != "search":
                table = Table(tree, analysis)
            if table is not None and (table.size <= EXHAUSTIVE_LIMIT or method == "exhaustive"):
                used, cases = "exhaustive", table.size
                violation = checker.exhaustive(table)
            else:
                used, cases = "search", search_examples
                violation = checker.search(search_examples)
        if violation is not None:
            findings.append(violation)
        results.append(InvariantResult(index, invariant.id, invariant.kind, used, violation is None, cases))
    return findings, results


class _Invariant:
    def __init__(self, tree: Tree, analysis: Analysis, invariant: Invariant, name: str, index: int) -> None:
        self.tree = tree
        self.analysis = analysis
        self.invariant = invariant
        self.name = name
        self.index = index
        self.space = analysis.space

    # -- findings ---------------------------------------------------------------------------

    def outcome(self, outcome_id: str, lang: Lang) -> str:
        outcome = self.tree.nodes[outcome_id]
        assert isinstance(outcome, Outcome)
        return f"'{outcome.label.get(lang)}' ({outcome_id}, {outcome.severity})"

    def only_if_finding(self, case: Case, outcome_id: str) -> Finding:
        rule = self.invariant.only_if
        assert rule is not None
        inputs = self.tree.inputs
        return Finding(
            "V021",
            "error",
            (outcome_id,),
            Text(
                en=f"invariant {self.name}: outcome {self.outcome(outcome_id, 'en')} is reached although "
                f"its condition ({describe(rule.condition, inputs, 'en')}) does not hold",
                nl=f"invariant {self.name}: uitkomst {self.outcome(outcome_id, 'nl')} wordt bereikt terwijl "
                f"de voorwaarde ({describe(rule.condition, inputs, 'nl')}) niet geldt",
            ),
            case,
            details={"invariant": self.index},
        )

    def unknown_finding(self, case: Case, key: str, outcome_id: str) -> Finding:
        label = self.tree.inputs[key].label
        return Finding(
            "V022",
            "error",
            (outcome_id,),
            Text(
                en=f"invariant {self.name}: answering 'unknown' to {label.en} ({key}) leads to outcome "
                f"{self.outcome(outcome_id, 'en')}",
                nl=f"invariant {self.name}: 'onbekend' antwoorden op {label.nl} ({key}) leidt tot uitkomst "
                f"{self.outcome(outcome_id, 'nl')}",
            ),
            case,
            details={"invariant": self.index, "input": key},
        )

    def monotone_finding(self, key: str, before: Case, after: Case, high: str, low: str) -> Finding:
        decl = self.tree.inputs[key]

        def show(value: Any, lang: Lang) -> str:
            return value_text(decl, value, lang)

        direction = "increasing" if key in self.monotone_inputs(True) else "decreasing"
        return Finding(
            "V020",
            "error",
            (high, low),
            Text(
                en=f"invariant {self.name}: changing {decl.label.en} ({key}) from {show(before[key], 'en')} "
                f"to {show(after[key], 'en')} lowers the outcome from {self.outcome(high, 'en')} to "
                f"{self.outcome(low, 'en')}",
                nl=f"invariant {self.name}: {decl.label.nl} ({key}) veranderen van {show(before[key], 'nl')} "
                f"in {show(after[key], 'nl')} verlaagt de uitkomst van {self.outcome(high, 'nl')} naar "
                f"{self.outcome(low, 'nl')}",
            ),
            None,
            (before, after),
            details={"invariant": self.index, "input": key, "direction": direction},
        )

    def monotone_inputs(self, increasing: bool) -> tuple[str, ...]:
        rule = self.invariant.monotone
        assert rule is not None
        return rule.increasing if increasing else rule.decreasing

    def unknown_inputs(self) -> tuple[str, ...]:
        rule = self.invariant.unknown_never
        assert rule is not None
        if rule.inputs is not None:
            return rule.inputs
        return tuple(k for k, d in self.tree.inputs.items() if d.allow_unknown)

    def severity(self, outcome_id: str) -> int:
        node = self.tree.nodes[outcome_id]
        assert isinstance(node, Outcome)
        return node.severity or 0  # the loader requires a severity wherever a monotone invariant is declared

    # -- exact ------------------------------------------------------------------------------

    def exact(self) -> Finding | None:
        kind = self.invariant.kind
        if kind == "only_if":
            return self.exact_only_if()
        if kind == "unknown_never":
            return self.exact_unknown()
        return self.exact_monotone()

    def exact_only_if(self) -> Finding | None:
        rule = self.invariant.only_if
        assert rule is not None
        analysis, space = self.analysis, self.space
        condition_keys = sorted(analysis.conditions.inputs_of(rule.condition))
        for leaf in analysis.leaves:
            if leaf.outcome != rule.outcome:
                continue
            try:
                terms = analysis.conditions.dnf(rule.condition, False, leaf.store)
            except TooComplexError:
                raise _Fallback from None
            for term in terms:
                store = space.meet(leaf.store, term)
                if store is not None:
                    case = space.witness(store, analysis.keys(leaf.link, *condition_keys))
                    return self.only_if_finding(case, leaf.outcome)
        return None

    def exact_unknown(self) -> Finding | None:
        rule = self.invariant.unknown_never
        assert rule is not None
        analysis, space = self.analysis, self.space
        keys = self.unknown_inputs()
        for leaf in analysis.leaves:
            if leaf.outcome not in rule.outcomes:
                continue
            read = analysis.keys(leaf.link)
            for key in keys:
                index = space.index.get(key)
                if index is None or key not in read:
                    continue
                region = space.region(leaf.store, index)
                if region.unknown:
                    store = space.narrow(leaf.store, index, space.domains[index].value(UNKNOWN))
                    return self.unknown_finding(space.witness(store, read), key, leaf.outcome)
        return None

    def exact_monotone(self) -> Finding | None:
        """Two paths to outcomes of different severity whose regions differ in exactly one
        input, a monotone one, in the wrong direction: their answer sets can be made to differ
        in that input alone, so a counterexample pair exists. No other pair can give one."""
        space = self.space
        directions: dict[int, list[bool]] = {}
        for increasing in (True, False):
            for key in self.monotone_inputs(increasing):
                directions.setdefault(space.index[key], []).append(increasing)
        decided = [
            (leaf, self.severity(leaf.outcome), {i: r for i, r in enumerate(leaf.store) if r is not None})
            for leaf in self.analysis.leaves
            if leaf.outcome is not None
        ]
        counts = collections.Counter(severity for _, severity, _ in decided)
        pairs = sum(n * m for high, n in counts.items() for low, m in counts.items() if high > low)
        if pairs > MONOTONE_PAIR_BUDGET:
            raise _Fallback
        bits = _LeafBits(decided, len(space.domains))
        below = _below(decided, counts)
        search = _PairSearch(self, bits, directions)
        for bit, (_, high, _) in enumerate(decided):
            lower = below.get(high, 0)
            if lower:
                found = search.first_pair(bit, lower)
                if found is not None:
                    return found
        return None

    def pair_finding(self, high: Leaf, low: Leaf, index: int, before_value: Any, after_value: Any) -> Finding:
        analysis, space = self.analysis, self.space
        key = space.ids[index]
        common = space.meet_stores(space.narrow(high.store, index, space.domains[index].full), low.store)
        assert common is not None
        keys = analysis.keys(high.link, *analysis.keys(low.link), key)
        shared = space.witness(common, keys)
        before = analysis.evaluable({**shared, key: before_value}, high.store)
        after = analysis.evaluable({**shared, key: after_value}, low.store)
        names = list(dict.fromkeys([*before, *after]))
        before = {k: before.get(k, after.get(k)) for k in names}
        after = {k: after.get(k, before.get(k)) for k in names}
        assert high.outcome is not None
        assert low.outcome is not None
        return self.monotone_finding(key, before, after, high.outcome, low.outcome)

    # -- exhaustive -------------------------------------------------------------------------

    def exhaustive(self, table: Table) -> Finding | None:
        kind = self.invariant.kind
        if kind == "only_if":
            only_if = self.invariant.only_if
            assert only_if is not None
            holds = _predicate(self.tree, only_if.condition)
            for case, (outcome, _) in table.items():
                if outcome == only_if.outcome and not holds(case):
                    return self.only_if_finding(table.used(case, only_if.condition), outcome)
            return None
        if kind == "unknown_never":
            never = self.invariant.unknown_never
            assert never is not None
            keys = self.unknown_inputs()
            for case, (reached, read) in table.items():
                if reached is not None and reached in never.outcomes:
                    for key in keys:
                        if key in read and case.get(key) is UNKNOWN:
                            return self.unknown_finding({k: case[k] for k in read}, key, reached)
            return None
        for increasing in (True, False):
            for key in self.monotone_inputs(increasing):
                pair = table.monotone(key, increasing, self.severity)
                if pair is not None:
                    before, after = pair
                    high, low = table.outcome(before), table.outcome(after)
                    assert high is not None
                    assert low is not None
                    shown = list(dict.fromkeys([*table.read(before), *table.read(after), key]))
                    return self.monotone_finding(
                        key, {k: before[k] for k in shown}, {k: after[k] for k in shown}, high, low
                    )
        return None

    # -- search -----------------------------------------------------------------------------

    def search(self, examples: int) -> Finding | None:
        from hypothesis import given
        from hypothesis import strategies as st

        from decision_trees._strategies import engine_search
        from decision_trees.testing import answers

        found: list[Finding] = []

        class Violation(Exception):
            pass

        monotone: list[tuple[str, bool]] = []
        if self.invariant.kind == "monotone":
            monotone = [(k, True) for k in self.monotone_inputs(True)]
            monotone += [(k, False) for k in self.monotone_inputs(False)]
        holds = _predicate(self.tree, self.invariant.only_if.condition) if self.invariant.only_if else None

        @engine_search(examples)
        @given(answers(self.tree), st.data())
        def probe(case: Case, data: st.DataObject) -> None:
            path, outcome, _ = walk(self.tree, case)
            if outcome is None:
                return
            if self.invariant.kind == "only_if":
                finding = self.probe_only_if(case, path, outcome, holds)
            elif self.invariant.kind == "unknown_never":
                finding = self.probe_unknown(case, path, outcome)
            else:
                finding = self.probe_monotone(case, data, monotone)
            if finding is not None:
                found.append(finding)
                raise Violation

        try:
            probe()
        except Violation:
            return found[-1]
        except BaseExceptionGroup as group:  # several distinct failures: all are violations
            if found and group.subgroup(Violation) is not None:
                return found[-1]
            raise
        return None

    def _used(self, case: Case, path: Sequence[str], *extra: str) -> Case:
        keys = self.analysis.keys(link_of(path[:-1]), *extra)
        return {k: case[k] for k in keys}

    def probe_only_if(
        self, case: Case, path: Sequence[str], outcome: str, holds: Callable[[Case], bool] | None
    ) -> Finding | None:
        rule = self.invariant.only_if
        assert rule is not None
        assert holds is not None
        if outcome == rule.outcome and not holds(case):
            keys = sorted(self.analysis.conditions.inputs_of(rule.condition))
            return self.only_if_finding(self._used(case, path, *keys), outcome)
        return None

    def probe_unknown(self, case: Case, path: Sequence[str], outcome: str) -> Finding | None:
        rule = self.invariant.unknown_never
        assert rule is not None
        read = self.analysis.keys(link_of(path[:-1]))
        for key in self.unknown_inputs():
            if outcome in rule.outcomes and key in read and case[key] is UNKNOWN:
                return self.unknown_finding(self._used(case, path), key, outcome)
        return None

    def probe_monotone(self, case: Case, data: Any, monotone: Sequence[tuple[str, bool]]) -> Finding | None:
        from hypothesis import strategies as st

        from decision_trees.testing import value_strategy

        key, increasing = data.draw(st.sampled_from(monotone))
        if case[key] is UNKNOWN:
            return None
        value = data.draw(value_strategy(self.tree.inputs[key], unknown=False))
        domain = self.space.domains[self.space.index[key]]
        if isinstance(value, frozenset):
            value = value | case[key]
        other = {**case, key: value}
        lower, upper = (case, other) if _before(domain, case[key], value) else (other, case)
        if not _before(domain, lower[key], upper[key]):
            return None
        before, after = (lower, upper) if increasing else (upper, lower)
        first, second = walk(self.tree, before), walk(self.tree, after)
        if first[1] is None or second[1] is None:
            return None
        if self.severity(second[1]) >= self.severity(first[1]):
            return None
        keys = self.analysis.keys(link_of(first[0][:-1]), *self.analysis.keys(link_of(second[0][:-1])), key)
        return self.monotone_finding(
            key, {k: before[k] for k in keys}, {k: after[k] for k in keys}, first[1], second[1]
        )


def _before(domain: Domain[Any], a: Any, b: Any) -> bool:
    """Whether known answer ``a`` is strictly below ``b`` in the input's order."""
    if isinstance(domain, SetDomain):
        return bool(a < b)
    if isinstance(domain, FiniteDomain):
        return domain.rank[a] < domain.rank[b]
    return bool(a < b)


def _predicate(tree: Tree, condition: Condition) -> Callable[[Mapping[str, Any]], bool]:
    return tree.compiled.condition_predicate(condition, "invariant")


def check_invariant_references(tree: Tree, invariant: Invariant) -> list[Text]:
    """What an invariant refers to that the tree lacks (empty when it is well-formed)."""
    refs = _References(tree)
    if invariant.monotone is not None:
        for key in (*invariant.monotone.increasing, *invariant.monotone.decreasing):
            refs.need_input(key, orderable=True)
    elif invariant.only_if is not None:
        refs.need_outcome(invariant.only_if.outcome)
        refs.need_condition(invariant.only_if.condition)
    elif invariant.unknown_never is not None:
        for key in invariant.unknown_never.outcomes:
            refs.need_outcome(key)
        for key in invariant.unknown_never.inputs or ():
            refs.need_unknown(key)
    return refs.problems


class _References:
    """The problems found so far with what an invariant refers to."""

    def __init__(self, tree: Tree) -> None:
        self.inputs, self.nodes = tree.inputs, tree.nodes
        self.problems: list[Text] = []

    def need_input(self, key: str, orderable: bool = False) -> None:
        decl = self.inputs.get(key)
        if decl is None:
            self.problems.append(
                Text(en=f"input {key!r} is not declared", nl=f"invoer {key!r} is niet gedeclareerd")
            )
        elif orderable and isinstance(decl, TextInput):
            self.problems.append(
                Text(
                    en=f"input {key!r} is free text, which has no order",
                    nl=f"invoer {key!r} is vrije tekst en heeft geen volgorde",
                )
            )

    def need_outcome(self, key: str) -> None:
        if not isinstance(self.nodes.get(key), Outcome):
            self.problems.append(
                Text(en=f"{key!r} is not an outcome of the tree", nl=f"{key!r} is geen uitkomst van de boom")
            )

    def need_condition(self, condition: Condition) -> None:
        for test, _ in tests_in(condition):
            if test.input is None:
                self.problems.append(
                    Text(
                        en="a test in an invariant names its input (`input: ...`)",
                        nl="een test in een invariant noemt zijn invoer (`input: ...`)",
                    )
                )
            elif test.input not in self.inputs:
                self.need_input(test.input)
            else:
                self.problems.extend(
                    Text(en=error_text(key, "en", facts), nl=error_text(key, "nl", facts))
                    for key, facts in check_test(test, self.inputs[test.input])
                )
        for ref, _ in rule_refs(condition):
            if not isinstance(self.nodes.get(ref), Rule):
                self.problems.append(
                    Text(en=f"{ref!r} is not a rule of the tree", nl=f"{ref!r} is geen regel van de boom")
                )

    def need_unknown(self, key: str) -> None:
        self.need_input(key)
        decl = self.inputs.get(key)
        if decl is not None and not decl.allow_unknown:
            self.problems.append(
                Text(
                    en=f"input {key!r} does not allow 'unknown'",
                    nl=f"invoer {key!r} staat 'onbekend' niet toe",
                )
            )


Decided = tuple[Leaf, int, dict[int, Region]]  # a leaf with an outcome, its severity, its regions


class _LeafBits:
    """Bit sets over the decided leaves (bit k: the k-th leaf): per input, the leaves whose
    region there shares no answer with a given region. Distinct regions per input are few, so
    each pair of them is intersected once, and no region is built per pair of leaves."""

    def __init__(self, decided: Sequence[Decided], inputs: int) -> None:
        self.decided = decided
        ids: list[dict[Region, int]] = [{} for _ in range(inputs)]
        lists: list[list[list[int]]] = [[] for _ in range(inputs)]  # per input, per region id: leaves
        self.shapes: list[dict[int, int]] = []  # per leaf: input -> region id
        for bit, (_, _, regions) in enumerate(decided):
            shape = {}
            for index, region in regions.items():
                known = ids[index]
                number = known.setdefault(region, len(known))
                if number == len(lists[index]):
                    lists[index].append([])
                lists[index][number].append(bit)
                shape[index] = number
            self.shapes.append(shape)
        size = (len(decided) + 8) // 8
        # per input, per region id: leaf bits
        self.members: list[list[int]] = [[bit_set(leaves, size) for leaves in per] for per in lists]
        # per input, per region id: the leaves disjoint from it there
        self.apart: list[list[int]] = [self._apart(index, list(known)) for index, known in enumerate(ids)]

    def _apart(self, index: int, regions: list[Region]) -> list[int]:
        members = self.members[index]
        masks = [0] * len(regions)
        for number, a in enumerate(regions):
            if a.empty:  # (no leaf has an empty region; kept exact all the same)
                masks[number] |= members[number]
            for other in range(number + 1, len(regions)):
                if disjoint(a, regions[other]):
                    masks[number] |= members[other]
                    masks[other] |= members[number]
        return masks


def _below(decided: Sequence[Decided], counts: Mapping[int, int]) -> dict[int, int]:
    """Per severity: the bits of the leaves of lower severity."""
    lists: dict[int, list[int]] = {}
    for bit, (_, severity, _) in enumerate(decided):
        for higher in counts:
            if higher > severity:
                lists.setdefault(higher, []).append(bit)
    size = (len(decided) + 8) // 8
    return {higher: bit_set(bits, size) for higher, bits in lists.items()}


class _PairSearch:
    """Pairs of a higher- and a lower-severity leaf that conflict in one monotone input alone."""

    def __init__(self, invariant: _Invariant, bits: _LeafBits, directions: dict[int, list[bool]]) -> None:
        self.invariant, self.bits, self.directions = invariant, bits, directions
        # The pair of values found for one input, two region ids and a direction (or None).
        self.found_for: dict[tuple[int, int, int, bool], tuple[Any, Any] | None] = {}

    def first_pair(self, high_bit: int, lower: int) -> Finding | None:
        """A counterexample with the leaf ``high_bit`` and one of the ``lower`` leaves, if any."""
        bits = self.bits
        shape = bits.shapes[high_bit]
        once = twice = 0
        for index, number in shape.items():
            mask = bits.apart[index][number]
            twice |= once & mask
            once |= mask
        single = once & ~twice & lower  # lower leaves in conflict in exactly one input
        by_input = [(i, single & bits.apart[i][shape[i]]) for i in self.directions if i in shape]
        candidates = 0
        for _, mask in by_input:
            candidates |= mask
        while candidates:
            low_bit = candidates & -candidates
            conflict = next(i for i, mask in by_input if mask & low_bit)
            low = low_bit.bit_length() - 1
            found = self.finding(high_bit, low, conflict)
            if found is not None:
                return found
            # Every other candidate with this region there conflicts there alone, the same way.
            candidates &= ~bits.members[conflict][bits.shapes[low][conflict]]
        return None

    def finding(self, high: int, low: int, conflict: int) -> Finding | None:
        high_leaf, _, high_regions = self.bits.decided[high]
        low_leaf, _, low_regions = self.bits.decided[low]
        domain = self.invariant.space.domains[conflict]
        high_id, low_id = self.bits.shapes[high][conflict], self.bits.shapes[low][conflict]
        for increasing in self.directions[conflict]:
            pair_key = (conflict, high_id, low_id, increasing)
            if pair_key not in self.found_for:
                a, b = high_regions[conflict].known, low_regions[conflict].known
                # increasing: the higher-severity case has the lower value
                self.found_for[pair_key] = domain.less(a, b) if increasing else domain.less(b, a)
            found = self.found_for[pair_key]
            if found is None:
                continue
            before_value, after_value = found if increasing else (found[1], found[0])
            assert high_leaf.outcome is not None
            assert low_leaf.outcome is not None
            return self.invariant.pair_finding(high_leaf, low_leaf, conflict, before_value, after_value)
        return None
