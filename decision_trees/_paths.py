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

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from decision_trees import _seam
from decision_trees._dnf import DNF_CAP, Conditions, QuestionPlan, Space, Store, TooComplexError
from decision_trees._regions import Region
from decision_trees.conditions import tests_in
from decision_trees.errors import InvalidAnswerError, MissingAnswerError, NoBranchMatchedError
from decision_trees.model import (
    Outcome,
    Question,
    Rule,
    Text,
    Tree,
)

if TYPE_CHECKING:
    from decision_trees.evaluate import Compiled

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

MAX_STATES = 1_000_000
"""The most (node, store) states one exploration visits before it stops (and says so)."""

Link = tuple[str, Any, Any, int] | None
"""(node id, branch key, parent link, number): the path, newest first; ``None`` at the start."""


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
    links: list[Link] = field(default_factory=list)
    """Every path link made, by its number (its last item; 0 stands for the start)."""
    boxes: list[Store] = field(default_factory=list)
    """The store each link was made with (the link is the path to one state, so its store holds
    every leaf below it)."""

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
    compiled = _choosers(tree)
    node_id = tree.start
    path: list[str] = []
    while not isinstance(tree.nodes[node_id], Outcome):
        path.append(node_id)
        try:
            index = compiled.chooser(node_id)(answers)
        except NoBranchMatchedError as gap:
            return path, None, gap
        node_id = compiled.targets[node_id][index]
    path.append(node_id)
    return path, node_id, None


def _choosers(tree: Tree) -> Compiled:
    """The engine's choosers for ``tree``: the compiled tree's where it was compiled, else built
    per node as walks reach them (a witness walks a few paths of a large tree), kept with it."""
    held = tree.__dict__  # (where ``tree.compiled``, a cached property, is kept once made)
    compiled: Compiled | None = held.get("compiled")
    if compiled is None:
        compiled = held.get("_walk_choosers")
        if compiled is None or compiled.tree is not tree:  # (a copy of a tree holds its original's)
            compiled = held["_walk_choosers"] = _seam.compile_tree(tree, False)
    return compiled


def _distinct(stores: list[Store]) -> list[Store]:
    """``stores`` without repeats, in order (few stores compared in turn: most share regions)."""
    if len(stores) < 2:
        return stores
    if len(stores) > 8:
        return list(dict.fromkeys(stores))
    out: list[Store] = []
    for store in stores:
        if store not in out:
            out.append(store)
    return out


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


def _plan(question: Question, conditions: Conditions) -> QuestionPlan:
    space = conditions.space
    index = space.index[question.input]
    domain = space.domains[index]
    branches = tuple(domain.condition(b.when) for b in question.branches)
    first: list[Region] = []
    taken = domain.nothing
    for region in branches:
        first.append(region - taken)
        taken = taken | region
    pairs = []
    for i in range(len(branches)):
        for j in range(i + 1, len(branches)):
            both = branches[i] & branches[j]
            if not both.empty:
                pairs.append((i, j, both))
    rest = ~taken
    full = domain.full

    def within(region: Region) -> Region:
        """``full & region``: ``region`` itself unless it holds an unknown the input does not allow."""
        return region if full.unknown or not region.unknown else full & region

    first_full = tuple(within(region) for region in first)
    rest_full = within(rest)
    return QuestionPlan(
        index,
        branches,
        tuple(first),
        rest,
        tuple(pairs),
        covers_full=tuple(not within(region).empty for region in branches),
        first_full=tuple(None if region.empty else region for region in first_full),
        rest_full=None if rest_full.empty else rest_full,
    )


def node_reads(tree: Tree, conditions: Conditions) -> dict[str, tuple[str, ...]]:
    """The inputs each question or routing rule reads."""
    reads: dict[str, tuple[str, ...]] = {}
    by_shape: dict[Any, tuple[str, ...]] = {}  # rules whose conditions have one shape read alike
    for node_id, node in tree.nodes.items():
        if isinstance(node, Question):
            reads[node_id] = (node.input,)
        elif isinstance(node, Rule) and node.routes:
            shape = conditions.shape(node.condition)
            known = by_shape.get(shape)
            if known is None:
                found = conditions.inputs_of(node.condition)
                order = [t.input for t, _ in tests_in(node.condition) if t.input in found]
                ordered = list(dict.fromkeys(order))
                known = by_shape[shape] = (*ordered, *sorted(found - set(ordered)))
            reads[node_id] = known
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
    explorer = _Explorer(tree, conditions, checks, cap)
    states = explorer.run(start if start is not None else space.full(), max_states)
    return Analysis(
        tree=tree,
        space=space,
        conditions=conditions,
        leaves=explorer.leaves,
        records=explorer.records,
        visited=explorer.visited,
        exact=explorer.exact,
        complete=explorer.complete,
        states=states,
        notes=explorer.notes,
        reads=node_reads(tree, conditions),
        links=explorer.links,
        boxes=explorer.boxes,
    )


Asked = tuple[tuple[int, str], ...]  # (input index, question id) asked on the path so far


def _mask(asked: Asked) -> int:
    """The inputs ``asked`` holds, as bits (input index ``i``: bit ``i``)."""
    mask = 0
    for index, _ in asked:
        mask |= 1 << index
    return mask


State = tuple[str, Store, Link, Asked]


class _Explorer:
    """The state of one exploration: what it found so far (records, leaves, notes)."""

    def __init__(self, tree: Tree, conditions: Conditions, checks: bool, cap: int) -> None:
        self.tree, self.conditions, self.checks, self.cap = tree, conditions, checks, cap
        self.space = conditions.space
        self.records: dict[str, NodeRecord] = {}
        self.leaves: list[Leaf] = []
        self.visited: set[str] = set()
        self.notes: list[Text] = []
        self.exact = self.complete = True
        #: the input indices each ``Asked`` holds, by its id (states share them)
        self.asked_sets: dict[int, tuple[Asked, int]] = {}  # (as a bit mask over input indices)
        self.links: list[Link] = [None]
        self.boxes: list[Store] = []

    def run(self, initial: Store, max_states: int) -> int:
        """Explore from the start with ``initial``; the number of states visited."""
        seen: set[tuple[str, Store, int]] = set()
        self.boxes.append(initial)
        stack: list[State] = [(self.tree.start, initial, None, ())]
        states = 0
        asked_sets, nodes, records = self.asked_sets, self.tree.nodes, self.records
        visit, leaves = self.visited.add, self.leaves
        while stack:
            node_id, store, link, asked = stack.pop()
            if asked:
                known = asked_sets.get(id(asked))
                if known is None or known[0] is not asked:
                    known = asked_sets[id(asked)] = (asked, _mask(asked))
                key = (node_id, store, known[1])
            else:
                key = (node_id, store, 0)
            before = len(seen)
            seen.add(key)  # (one hash of the key, which hashes the whole store)
            if len(seen) == before:
                continue
            states += 1
            if states > max_states:
                self.stopped(max_states)
                break
            visit(node_id)
            node = nodes[node_id]
            if isinstance(node, Outcome):
                leaves.append(Leaf(store, node_id, node_id, link))
                continue
            record = records.get(node_id)
            if record is None:
                record = records[node_id] = NodeRecord()
            record.visits += 1
            if isinstance(node, Question):
                children = self.question(node, record, store, link, asked)
            else:
                assert isinstance(node, Rule)
                children = self.rule(node, record, store, link, asked)
            stack.extend(reversed(children))
        return states

    def stopped(self, max_states: int) -> None:
        self.complete = self.exact = False
        self.notes.append(
            Text(
                en=f"stopped after {max_states} path states; the rest was not analysed",
                nl=f"gestopt na {max_states} padtoestanden; de rest is niet geanalyseerd",
            )
        )

    def link(self, node_id: str, way: Any, link: Link, store: Store) -> Link:
        """The path ``link`` extended by the branch ``way`` of ``node_id``, to a state with ``store``."""
        made = (node_id, way, link, len(self.links))
        self.links.append(made)
        self.boxes.append(store)
        return made

    def plan(self, node: Question) -> QuestionPlan:
        conditions = self.conditions
        plan = conditions.plans.get(node.id)
        if plan is None:
            shape = (node.input, tuple([conditions.shape(b.when, True) for b in node.branches]))
            plan = conditions.shaped_plans.get(shape)
            if plan is None:
                plan = conditions.shaped_plans[shape] = _plan(node, conditions)
            conditions.plans[node.id] = plan
        return plan

    def now_asked(
        self, node: Question, record: NodeRecord, index: int, store: Store, link: Link, asked: Asked
    ) -> Asked:
        """``asked`` with this question (noting where the same input was asked before)."""
        if not self.checks:
            return asked
        inputs = 0
        if asked:
            known = self.asked_sets.get(id(asked))
            inputs = known[1] if known is not None and known[0] is asked else _mask(asked)
        if not inputs >> index & 1:
            now = (*asked, (index, node.id))
            self.asked_sets[id(now)] = (now, inputs | 1 << index)
            return now
        for i_asked, earlier in asked:
            if i_asked == index and earlier not in record.asked_before:
                record.asked_before[earlier] = Seen(store, link)
        return asked

    def question(
        self, node: Question, record: NodeRecord, store: Store, link: Link, asked: Asked
    ) -> list[State]:
        space, checks = self.space, self.checks
        plan = self.conditions.plans.get(node.id) or self.plan(node)
        index = plan.index
        held = store[index]
        fresh = held is None  # the input is not narrowed yet: the plan's parts of the whole domain
        region = space.domains[index].full if held is None else held
        now_asked = self.now_asked(node, record, index, store, link, asked)
        children: list[State] = []
        part: Region | None
        for b, branch in enumerate(node.branches):
            if (
                checks
                and b not in record.covered
                and (plan.covers_full[b] if fresh else not (region & plan.branches[b]).empty)
            ):
                record.covered[b] = Seen(store, link)
            if fresh:
                part = plan.first_full[b]
            else:
                part = region & plan.first[b]
                if part.empty:
                    part = None
            if part is not None:
                narrowed = space.narrow(store, index, part)
                if b not in record.taken:
                    record.taken[b] = Seen(narrowed, link)
                children.append((branch.next, narrowed, self.link(node.id, b, link, narrowed), now_asked))
        if checks and node.match == "exclusive":
            self.overlaps(plan, record, region, store, link)
        if fresh:
            part = plan.rest_full
        else:
            part = region & plan.rest
            if part.empty:
                part = None
        if part is not None:
            self.otherwise(node, record, space.narrow(store, index, part), link, now_asked, children)
        return children

    def otherwise(
        self,
        node: Question,
        record: NodeRecord,
        narrowed: Store,
        link: Link,
        now_asked: Asked,
        children: list[State],
    ) -> None:
        """Answers no branch takes: on to ``otherwise``, or a leaf without outcome (a gap)."""
        if node.otherwise is not None:
            other = len(node.branches)
            if other not in record.taken:
                record.taken[other] = Seen(narrowed, link)
            made = self.link(node.id, other, link, narrowed)
            children.append((node.otherwise, narrowed, made, now_asked))
        else:
            if record.gap is None:
                record.gap = Seen(narrowed, link)
            self.leaves.append(Leaf(narrowed, None, node.id, link))

    def overlaps(
        self, plan: QuestionPlan, record: NodeRecord, region: Region, store: Store, link: Link
    ) -> None:
        for i, j, both in plan.pairs:
            if (i, j) not in record.overlaps:
                part = region & both
                if not part.empty:
                    record.overlaps[(i, j)] = Seen(self.space.narrow(store, plan.index, part), link)

    def rule(self, node: Rule, record: NodeRecord, store: Store, link: Link, asked: Asked) -> list[State]:
        assert node.then is not None
        assert node.else_ is not None
        children: list[State] = []
        for b, target, positive in ((0, node.then, True), (1, node.else_, False)):
            for narrowed in _distinct(self.rule_stores(node, record, store, positive)):
                if b not in record.taken:
                    record.taken[b] = Seen(narrowed, link)
                children.append((target, narrowed, self.link(node.id, b, link, narrowed), asked))
        return children

    def rule_stores(self, node: Rule, record: NodeRecord, store: Store, positive: bool) -> list[Store]:
        """``store`` narrowed by the rule's condition (or its negation), one store per term."""
        conditions, space = self.conditions, self.space
        try:
            try:
                terms = conditions.dnf(node.condition, positive)
            except TooComplexError:
                terms = conditions.dnf(node.condition, positive, store)
            return [s for s in (space.meet(store, t) for t in terms) if s is not None]
        except TooComplexError:
            if not record.approximated:
                record.approximated = True
                self.exact = False
                self.notes.append(
                    Text(
                        en=f"rule {node.id!r}: its condition has more than {self.cap} cases; "
                        "both ways out were followed without narrowing (checked by search)",
                        nl=f"regel {node.id!r}: de voorwaarde heeft meer dan {self.cap} gevallen; "
                        "beide uitgangen zijn gevolgd zonder inperking (gecontroleerd door zoeken)",
                    )
                )
            return [store]
