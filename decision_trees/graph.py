"""The networkx view of a tree, and the structural checks the loader runs on it."""

from __future__ import annotations

import itertools
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from decision_trees.conditions import rule_refs
from decision_trees.model import Node, Outcome, Question, Rule

if TYPE_CHECKING:
    import networkx as nx

    from decision_trees.model import Tree

__all__ = ["routes", "rule_dependencies", "structural_problems", "to_networkx"]


def routes(node: Node) -> list[tuple[str, Any, tuple[str | int, ...]]]:
    """The ways out of ``node``: ``(target, branch key, field path)`` each.

    The branch key is the branch index for questions (``"otherwise"`` for the fallback) and
    ``"then"``/``"else"`` for rules.
    """
    if isinstance(node, Question):
        out: list[tuple[str, Any, tuple[str | int, ...]]] = [
            (b.next, i, ("branches", i, "next")) for i, b in enumerate(node.branches)
        ]
        if node.otherwise is not None:
            out.append((node.otherwise, "otherwise", ("otherwise",)))
        return out
    if isinstance(node, Rule) and node.then is not None and node.else_ is not None:
        return [(node.then, "then", ("then",)), (node.else_, "else", ("else",))]
    return []


def to_networkx(tree: Tree) -> nx.DiGraph[str]:
    """The routing graph of ``tree`` as a frozen ``networkx.DiGraph``.

    Nodes carry ``kind`` (question, rule, outcome) and ``section``; edges carry ``branch`` (see
    :func:`routes`). Named-condition rules (without ``then``/``else``) are nodes with no edges;
    :func:`rule_dependencies` gives the graph of rule references.
    """
    import networkx as nx

    graph: nx.DiGraph[str] = nx.DiGraph(tree=tree.id, start=tree.start)
    for node_id, node in tree.nodes.items():
        graph.add_node(node_id, kind=node.kind, section=node.section)
    for node_id, node in tree.nodes.items():
        for target, branch, _ in routes(node):
            if graph.has_edge(node_id, target):  # two branches to one node: keep them all
                graph.edges[node_id, target]["branches"].append(branch)
            else:
                graph.add_edge(node_id, target, branch=branch, branches=[branch])
    return nx.freeze(graph)


def rule_dependencies(tree: Tree) -> nx.DiGraph[str]:
    """Which rule references which (an edge ``a -> b`` means rule ``a`` uses rule ``b``)."""
    import networkx as nx

    graph: nx.DiGraph[str] = nx.DiGraph()
    for node_id, node in tree.nodes.items():
        if isinstance(node, Rule):
            graph.add_node(node_id)
            for ref, _ in rule_refs(node.condition):
                graph.add_edge(node_id, ref)
    return nx.freeze(graph)


#: message key (code, dot, which message; see ``decision_trees.words.ERRORS``), node id, field path, facts
Finding = tuple[str, str, tuple[str | int, ...], dict[str, object]]


def structural_problems(start: str | None, nodes: Mapping[str, Node]) -> list[Finding]:
    """Cycles, unreachable nodes and dead ends, for nodes whose references all resolve.

    Plain Python on the load path: networkx is imported only to list the cycles of a graph
    that has one (an error case).
    """
    edges: dict[str, list[str]] = {node_id: [] for node_id in nodes}
    for node_id, node in nodes.items():
        for target, _, _ in routes(node):
            if target in nodes:
                edges[node_id].append(target)
    problems: list[Finding] = [("DT131.loop", first, (), {"loop": loop}) for first, loop in _cycles_in(edges)]
    if start is not None and start in nodes:
        problems += _unreachable(start, nodes, edges)
    problems += _dead_ends(nodes, edges)
    problems += _rule_cycles(nodes)
    return problems


def _unreachable(start: str, nodes: Mapping[str, Node], edges: Mapping[str, list[str]]) -> list[Finding]:
    """Questions, outcomes and routing rules that no path from ``start`` reaches (DT132)."""
    reachable = _closure(edges, start)
    problems: list[Finding] = []
    for node_id, node in nodes.items():
        routing_rule = isinstance(node, Rule) and node.routes
        if node_id not in reachable and (isinstance(node, Question | Outcome) or routing_rule):
            problems.append(("DT132.unreachable", node_id, (), {"start": start}))
    return problems


def _dead_ends(nodes: Mapping[str, Node], edges: Mapping[str, list[str]]) -> list[Finding]:
    """Routing nodes from which no path leads to an outcome (DT133)."""
    backwards: dict[str, list[str]] = {node_id: [] for node_id in nodes}
    for node_id, targets in edges.items():
        for target in targets:
            backwards[target].append(node_id)
    finishing: set[str] = set()
    for outcome in (n for n, node in nodes.items() if isinstance(node, Outcome)):
        if outcome not in finishing:
            finishing |= _closure(backwards, outcome)
    problems: list[Finding] = []
    for node_id, node in nodes.items():
        routing = isinstance(node, Question) or (isinstance(node, Rule) and node.routes)
        if routing and node_id not in finishing:
            problems.append(("DT133.dead_end", node_id, (), {}))
    return problems


def _rule_cycles(nodes: Mapping[str, Node]) -> list[Finding]:
    """Rules whose conditions refer to each other in a loop (DT134)."""
    deps: dict[str, list[str]] = {}
    for node_id, node in nodes.items():
        if isinstance(node, Rule):
            for ref, _ in rule_refs(node.condition):
                if isinstance(nodes.get(ref), Rule):
                    deps.setdefault(node_id, []).append(ref)
                    deps.setdefault(ref, [])
    return [("DT134.loop", first, ("condition",), {"loop": loop}) for first, loop in _cycles_in(deps)]


def _closure(edges: Mapping[str, list[str]], first: str) -> set[str]:
    """``first`` and every node reachable from it."""
    seen = {first}
    stack = [first]
    while stack:
        for target in edges[stack.pop()]:
            if target not in seen:
                seen.add(target)
                stack.append(target)
    return seen


def _has_cycle(edges: Mapping[str, list[str]]) -> bool:
    """Whether following ``edges`` can come back to a node (iterative depth-first search)."""
    state: dict[str, int] = {}  # 1: on the current path, 2: finished
    for root in edges:
        if root in state:
            continue
        state[root] = 1
        stack = [(root, iter(edges[root]))]
        while stack:
            node, targets = stack[-1]
            for target in targets:
                seen = state.get(target)
                if seen == 1:
                    return True
                if seen is None:
                    state[target] = 1
                    stack.append((target, iter(edges[target])))
                    break
            else:
                state[node] = 2
                stack.pop()
    return False


def _cycles_in(edges: Mapping[str, list[str]]) -> list[tuple[str, str]]:
    if not _has_cycle(edges):
        return []
    import networkx as nx

    graph: nx.DiGraph[str] = nx.DiGraph()
    graph.add_nodes_from(edges)
    graph.add_edges_from((a, b) for a, targets in edges.items() for b in targets)
    return _cycles(graph)


def _cycles(graph: nx.DiGraph[str], most: int = 20) -> list[tuple[str, str]]:
    """Up to ``most`` cycles, each as (its smallest node id, "a → b → a")."""
    import networkx as nx

    found = []
    for cycle in itertools.islice(nx.simple_cycles(graph), most):
        turn = cycle.index(min(cycle))
        ordered = cycle[turn:] + cycle[:turn]
        found.append((ordered[0], " → ".join([*ordered, ordered[0]])))
    return sorted(found)
