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


Finding = tuple[str, str, tuple[str | int, ...], str]  # code, node id, field path, message


def structural_problems(start: str | None, nodes: Mapping[str, Node]) -> list[Finding]:
    """Cycles, unreachable nodes and dead ends, for nodes whose references all resolve."""
    import networkx as nx

    problems: list[Finding] = []
    graph: nx.DiGraph[str] = nx.DiGraph()
    graph.add_nodes_from(nodes)
    for node_id, node in nodes.items():
        for target, _, _ in routes(node):
            if target in nodes:
                graph.add_edge(node_id, target)
    for first, loop in _cycles(graph):
        problems.append(("DT131", first, (), f"the path loops: {loop}"))
    if start in nodes:
        reachable = nx.descendants(graph, start) | {start}
        for node_id, node in nodes.items():
            routing_rule = isinstance(node, Rule) and node.routes
            if node_id not in reachable and (isinstance(node, Question | Outcome) or routing_rule):
                problems.append(("DT132", node_id, (), f"not reachable from the start {start!r}"))
    outcomes = {n for n, node in nodes.items() if isinstance(node, Outcome)}
    finishing = set(outcomes)
    for outcome in outcomes:
        finishing |= nx.ancestors(graph, outcome)
    for node_id, node in nodes.items():
        routing = isinstance(node, Question) or (isinstance(node, Rule) and node.routes)
        if routing and node_id not in finishing:
            problems.append(("DT133", node_id, (), "no path from here leads to an outcome"))
    deps: nx.DiGraph[str] = nx.DiGraph()
    for node_id, node in nodes.items():
        if isinstance(node, Rule):
            for ref, _ in rule_refs(node.condition):
                if isinstance(nodes.get(ref), Rule):
                    deps.add_edge(node_id, ref)
    for first, loop in _cycles(deps):
        problems.append(("DT134", first, ("condition",), f"rules refer to each other: {loop}"))
    return problems


def _cycles(graph: nx.DiGraph[str], most: int = 20) -> list[tuple[str, str]]:
    """Up to ``most`` cycles, each as (its smallest node id, "a → b → a")."""
    import networkx as nx

    found = []
    for cycle in itertools.islice(nx.simple_cycles(graph), most):
        turn = cycle.index(min(cycle))
        ordered = cycle[turn:] + cycle[:turn]
        found.append((ordered[0], " → ".join([*ordered, ordered[0]])))
    return sorted(found)
