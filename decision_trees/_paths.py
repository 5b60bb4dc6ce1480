"""Path analysis: every way through a tree as a product of per-input regions.

A *store* holds, for each input, the region of answers still possible on the path so far (``None``
for "not constrained"). Walking the tree from the start, a question splits the store of its input
by its branches; a rule splits the whole store by its condition, written as a disjunction of
conjunctions of per-input regions (a DNF, capped in size). Every store that reaches an outcome is
a *leaf*: the set of complete answer sets that lead there along that path. Where a question has no
branch for some answers, the leaf has no outcome (a gap).

The analysis is exact for booleans, enumerations, sets, numbers, integers and dates; its cost grows
with the number of paths, not with the size of the input space. Where a rule's DNF exceeds the cap
even within a path, both of its ways out are followed without narrowing the store (the analysis is
then *inexact*: every possibility is still covered, but some may not be real).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from decision_trees._regions import Domain, Region, at_least, domain_for
from decision_trees._walk import ConditionVisitor
from decision_trees.conditions import rule_refs, tests_in
from decision_trees.errors import InvalidAnswerError, MissingAnswerError, NoBranchMatchedError
from decision_trees.model import (
    AllOf,
    AnyOf,
    AtLeast,
    Condition,
    Input,
    NotOf,
    Outcome,
    Question,
    Rule,
    RuleRef,
    Test,
    Text,
    Tree,
)

__all__ = [
    "DNF_CAP",
    "Analysis",
    "Conditions",
    "Leaf",
    "Link",
    "Space",
    "Store",
    "TooComplexError",
    "evaluable",
    "explore",
    "walk",
]

DNF_CAP = 512
"""The most conjunctions one rule's condition may expand to before the analysis approximates."""

MAX_STATES = 1_000_000
"""The most (node, store) states one exploration visits before it stops (and says so)."""

Store = tuple[Region | None, ...]
Term = tuple[tuple[int, Region], ...]  # sorted by input index
Link = tuple[str, Any, Any] | None  # (node id, branch key, parent link): the path, newest first


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


class Conditions:
    """A tree's conditions as regions (one input) and DNFs (several inputs), within a space."""

    def __init__(self, tree: Tree, space: Space, cap: int = DNF_CAP) -> None:
        self.tree = tree
        self.space = space
        self.cap = cap
        self._inputs: dict[int, tuple[Condition, frozenset[str]]] = {}
        self._regions: dict[int, tuple[Condition, Region]] = {}
        self._dnf: dict[tuple[int, bool], tuple[Condition, list[Term]]] = {}
        self.plans: dict[str, _QuestionPlan] = {}

    def rule(self, rule_id: str) -> Rule:
        node = self.tree.nodes[rule_id]
        assert isinstance(node, Rule)
        return node

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
        terms = self._dnf_of(condition, positive, within)
        if within is None:
            self._dnf[key] = (condition, terms)
        return terms

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


# ----------------------------------------------------------------------------------------------
# Exploring


@dataclass(slots=True)
class Leaf:
    """One path's end: its store, the outcome (``None`` where answers fall through) and the path."""

    store: Store
    outcome: str | None
    node: str
    link: Link

    def path(self) -> tuple[str, ...]:
        """The node ids from the start to (and including) ``node``."""
        return (*path_of(self.link), self.node)


@dataclass(slots=True)
class Seen:
    """The first store and path where something was seen."""

    store: Store
    link: Link


@dataclass(slots=True)
class NodeRecord:
    """What the exploration saw at one question or routing rule, over all paths through it."""

    visits: int = 0
    taken: dict[int, Seen] = field(default_factory=dict)  # branch index (otherwise = len) -> first
    covered: dict[int, Seen] = field(default_factory=dict)  # a branch's condition could hold
    overlaps: dict[tuple[int, int], Seen] = field(default_factory=dict)
    gap: Seen | None = None
    asked_before: dict[str, Seen] = field(default_factory=dict)  # earlier question -> first path
    approximated: bool = False


@dataclass
class Analysis:
    """The result of :func:`explore`."""

    tree: Tree
    space: Space
    conditions: Conditions
    leaves: list[Leaf]
    records: dict[str, NodeRecord]
    visited: set[str]
    exact: bool
    complete: bool
    states: int
    notes: list[Text]
    reads: dict[str, tuple[str, ...]]

    def keys(self, link: Link, *extra: str) -> list[str]:
        """The inputs read along a path (in order), then ``extra``."""
        keys: dict[str, None] = {}
        for node_id in path_of(link):
            keys.update(dict.fromkeys(self.reads.get(node_id, ())))
        keys.update(dict.fromkeys(extra))
        return list(keys)

    def witness(self, seen: Seen | Leaf, *extra: str) -> dict[str, Any]:
        """Concrete answers for a path: every input it reads, plus ``extra``, plus what the
        rest of the way needs (so that the answers can be evaluated)."""
        return self.evaluable(self.space.witness(seen.store, self.keys(seen.link, *extra)), seen.store)

    def evaluable(self, answers: Mapping[str, Any], store: Store) -> dict[str, Any]:
        """``answers`` with values (inside ``store``) added for inputs the way on reads."""
        return evaluable(self.tree, self.space, answers, store)


def evaluable(tree: Tree, space: Space, answers: Mapping[str, Any], store: Store) -> dict[str, Any]:
    """``answers`` with values (inside ``store``) added for the inputs ``tree`` reads on the way."""
    complete = dict(answers)
    for _ in range(len(tree.inputs) + 1):
        try:
            walk(tree, complete)
        except MissingAnswerError as missing:
            index = space.index.get(missing.input)
            complete[missing.input] = "" if index is None else space.region(store, index).witness()
            continue
        except InvalidAnswerError:
            pass  # the tree does not accept the answers: nothing further to add
        break
    return complete


def walk(tree: Tree, answers: Mapping[str, Any]) -> tuple[list[str], str | None, NoBranchMatchedError | None]:
    """The nodes ``answers`` visit by the engine, the outcome (``None`` on a gap) and the gap."""
    compiled = tree.compiled
    node_id = tree.start
    path: list[str] = []
    while not isinstance(tree.nodes[node_id], Outcome):
        path.append(node_id)
        try:
            index = compiled.choosers[node_id](answers)
        except NoBranchMatchedError as gap:
            return path, None, gap
        node_id = compiled.targets[node_id][index]
    path.append(node_id)
    return path, node_id, None


def path_of(link: Link) -> tuple[str, ...]:
    """The node ids of a path link, from the start."""
    out: list[str] = []
    while link is not None:
        out.append(link[0])
        link = link[2]
    return tuple(reversed(out))


def steps_of(link: Link) -> Iterator[tuple[str, Any]]:
    """``(node id, branch key)`` along a path, from the start."""
    out: list[tuple[str, Any]] = []
    while link is not None:
        out.append((link[0], link[1]))
        link = link[2]
    return iter(reversed(out))


@dataclass(slots=True)
class _QuestionPlan:
    index: int  # the input's index in the space
    branches: tuple[Region, ...]
    first: tuple[Region, ...]  # what each branch takes under first-match order
    rest: Region  # answers no branch takes
    pairs: tuple[tuple[int, int, Region], ...]  # non-empty pairwise overlaps


def _plan(question: Question, conditions: Conditions) -> _QuestionPlan:
    space = conditions.space
    index = space.index[question.input]
    domain = space.domains[index]
    branches = tuple(domain.condition(b.when) for b in question.branches)
    first: list[Region] = []
    taken = domain.nothing
    for region in branches:
        first.append(region - taken)
        taken = taken | region
    pairs = tuple(
        (i, j, branches[i] & branches[j])
        for i in range(len(branches))
        for j in range(i + 1, len(branches))
        if not (branches[i] & branches[j]).empty
    )
    return _QuestionPlan(index, branches, tuple(first), ~taken, pairs)


def node_reads(tree: Tree, conditions: Conditions) -> dict[str, tuple[str, ...]]:
    """The inputs each question or routing rule reads."""
    reads: dict[str, tuple[str, ...]] = {}
    for node_id, node in tree.nodes.items():
        if isinstance(node, Question):
            reads[node_id] = (node.input,)
        elif isinstance(node, Rule) and node.routes:
            found = conditions.inputs_of(node.condition)
            order = [t.input for t, _ in tests_in(node.condition) if t.input in found]
            ordered = list(dict.fromkeys(order))
            reads[node_id] = (*ordered, *sorted(found - set(ordered)))
    return reads


def explore(
    tree: Tree,
    space: Space | None = None,
    start: Store | None = None,
    *,
    checks: bool = True,
    max_states: int = MAX_STATES,
    cap: int = DNF_CAP,
    conditions: Conditions | None = None,
) -> Analysis:
    """Walk every path of ``tree`` from ``start`` (default: nothing known), collecting leaves.

    With ``checks`` the per-node records note gaps, overlaps, covered and taken branches, and
    questions asked twice on one path (what :func:`decision_trees.verify` reports).
    """
    if conditions is not None:
        space = conditions.space
    space = space or Space(tree.inputs)
    conditions = conditions or Conditions(tree, space, cap)
    plans = conditions.plans
    records: dict[str, NodeRecord] = {}
    leaves: list[Leaf] = []
    visited: set[str] = set()
    notes: list[Text] = []
    exact = complete = True
    seen: set[tuple[str, Store, frozenset[int]]] = set()
    initial = start if start is not None else space.full()
    stack: list[tuple[str, Store, Link, tuple[tuple[int, str], ...]]] = [(tree.start, initial, None, ())]
    states = 0
    nothing_asked: frozenset[int] = frozenset()
    while stack:
        node_id, store, link, asked = stack.pop()
        key = (node_id, store, frozenset(i for i, _ in asked) if asked else nothing_asked)
        before = len(seen)
        seen.add(key)  # (one hash of the key, which hashes the whole store)
        if len(seen) == before:
            continue
        states += 1
        if states > max_states:
            complete = exact = False
            notes.append(
                Text(
                    en=f"stopped after {max_states} path states; the rest was not analysed",
                    nl=f"gestopt na {max_states} padtoestanden; de rest is niet geanalyseerd",
                )
            )
            break
        visited.add(node_id)
        node = tree.nodes[node_id]
        if isinstance(node, Outcome):
            leaves.append(Leaf(store, node_id, node_id, link))
            continue
        record = records.setdefault(node_id, NodeRecord())
        record.visits += 1
        children: list[tuple[str, Store, Link, tuple[tuple[int, str], ...]]] = []
        if isinstance(node, Question):
            plan = plans.get(node_id)
            if plan is None:
                plan = plans[node_id] = _plan(node, conditions)
            index = plan.index
            region = space.region(store, index)
            if checks:
                for i_asked, earlier in asked:
                    if i_asked == index and earlier not in record.asked_before:
                        record.asked_before[earlier] = Seen(store, link)
            if not checks or any(i == index for i, _ in asked):
                now_asked = asked
            else:
                now_asked = (*asked, (index, node_id))
            for b, branch in enumerate(node.branches):
                if checks and b not in record.covered and not (region & plan.branches[b]).empty:
                    record.covered[b] = Seen(store, link)
                part = region & plan.first[b]
                if not part.empty:
                    narrowed = space.narrow(store, index, part)
                    record.taken.setdefault(b, Seen(narrowed, link))
                    children.append((branch.next, narrowed, (node_id, b, link), now_asked))
            if checks and node.match == "exclusive":
                for i, j, both in plan.pairs:
                    if (i, j) not in record.overlaps:
                        part = region & both
                        if not part.empty:
                            record.overlaps[(i, j)] = Seen(space.narrow(store, index, part), link)
            rest = region & plan.rest
            if not rest.empty:
                narrowed = space.narrow(store, index, rest)
                if node.otherwise is not None:
                    other = len(node.branches)
                    record.taken.setdefault(other, Seen(narrowed, link))
                    children.append((node.otherwise, narrowed, (node_id, other, link), now_asked))
                else:
                    if record.gap is None:
                        record.gap = Seen(narrowed, link)
                    leaves.append(Leaf(narrowed, None, node_id, link))
        else:
            assert isinstance(node, Rule)
            assert node.then is not None
            assert node.else_ is not None
            for b, target, positive in ((0, node.then, True), (1, node.else_, False)):
                try:
                    try:
                        terms = conditions.dnf(node.condition, positive)
                    except TooComplexError:
                        terms = conditions.dnf(node.condition, positive, store)
                    stores = [s for s in (space.meet(store, t) for t in terms) if s is not None]
                except TooComplexError:
                    if not record.approximated:
                        record.approximated = True
                        exact = False
                        notes.append(
                            Text(
                                en=f"rule {node_id!r}: its condition has more than {cap} cases; "
                                "both ways out were followed without narrowing (checked by search)",
                                nl=f"regel {node_id!r}: de voorwaarde heeft meer dan {cap} gevallen; "
                                "beide uitgangen zijn gevolgd zonder inperking (gecontroleerd door zoeken)",
                            )
                        )
                    stores = [store]
                for narrowed in dict.fromkeys(stores):
                    record.taken.setdefault(b, Seen(narrowed, link))
                    children.append((target, narrowed, (node_id, b, link), asked))
        stack.extend(reversed(children))
    return Analysis(
        tree=tree,
        space=space,
        conditions=conditions,
        leaves=leaves,
        records=records,
        visited=visited,
        exact=exact,
        complete=complete,
        states=states,
        notes=notes,
        reads=node_reads(tree, conditions),
    )
