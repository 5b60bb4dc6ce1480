"""Verification cost: ``verify`` on generated trees of 100, 1,000 and 10,000 nodes.

Run: ``.venv/bin/python bench/bench_verify.py`` (about ten seconds). Each tree mixes questions
on booleans, enumerations (some allowing "unknown"), numbers, integers, dates and sets with
routing rules that combine two inputs (``any``/``all``), and lets a few branches join into a shared
sub-tree. The trees are complete and exclusive, so ``verify`` reports no errors (only V014
warnings: two enumeration values that always share a branch); the table shows the paths it
analysed and the time it took — the time grows with the number of paths, not with the size of
the answer space (which for these trees has far more than 10^30 cases).
"""

from __future__ import annotations

import argparse
import platform
import random
import time
from typing import Any

import decision_trees

OUTCOMES = {"go": 0, "measures": 30, "review": 50, "committee": 70, "stop": 100}
KINDS = ("boolean", "enum", "number", "integer", "date", "set")


def _text(word: str) -> dict[str, str]:
    return {"nl": word, "en": word}


def make_tree(size: int, seed: int = 7) -> dict[str, Any]:
    """A valid, gap-free tree of about ``size`` nodes (questions, rules and five outcomes).

    A question or rule at depth ``d`` only reads inputs made for depth ``d``, so no input is read
    twice on a path and every branch can be taken.
    """
    rng = random.Random(seed)
    inputs: dict[str, Any] = {}
    nodes: dict[str, Any] = {
        k: {"kind": "outcome", "label": _text(k), "severity": s} for k, s in OUTCOMES.items()
    }
    internal = size - len(OUTCOMES)

    def declare(depth: int, rule: bool) -> None:
        """The inputs of one depth, as they are first used: a question's, or two signals for rules."""
        if rule:
            inputs[f"a{depth}"] = {"type": "boolean", "label": _text(f"Signal A at depth {depth}")}
            inputs[f"b{depth}"] = {
                "type": "integer",
                "minimum": 0,
                "label": _text(f"Count B at depth {depth}"),
            }
            return
        kind = KINDS[depth % len(KINDS)]
        decl: dict[str, Any] = {"type": kind, "label": _text(f"Question at depth {depth}")}
        if kind in ("enum", "set"):
            decl["values"] = {f"v{i}": _text(f"value {i}") for i in range(4)}
        if kind == "enum" and depth % 4 == 1:
            decl["allow_unknown"] = True
        if kind in ("number", "integer"):
            decl["minimum"] = 0
        inputs[f"q{depth}"] = decl

    slots: list[tuple[dict[str, Any], str | int, int]] = []  # (holder, key, depth) of a way out
    made = 0
    by_depth: dict[int, list[str]] = {}

    def new_node(depth: int) -> str:
        nonlocal made
        node_id = f"n{made}"
        made += 1
        rule = rng.random() < 0.25
        declare(depth, rule)
        if rule:
            condition = {
                rng.choice(("any", "all")): [
                    {"input": f"a{depth}", "equals": True},
                    {"input": f"b{depth}", "ge": rng.randint(1, 9)},
                ]
            }
            node = {"kind": "rule", "text": _text(f"Rule {node_id}"), "condition": condition}
            slots.extend([(node, "then", depth + 1), (node, "else", depth + 1)])
        else:
            key = f"q{depth}"
            node = {"kind": "question", "input": key, "text": _text(f"Question {node_id}?"), "branches": []}
            for when in _partition(inputs[key], rng):
                branch = {"when": when}
                node["branches"].append(branch)
                slots.append((branch, "next", depth + 1))
        nodes[node_id] = node
        by_depth.setdefault(depth, []).append(node_id)
        return node_id

    start = new_node(0)
    while slots:
        holder, key, depth = slots.pop(0)
        shared = [n for n in by_depth.get(depth, []) if n != holder.get("id")]
        if made < internal and rng.random() < 0.03 and shared:
            holder[key] = rng.choice(shared)  # join an existing sub-tree at the same depth
        elif made < internal:
            holder[key] = new_node(depth)
        else:
            holder[key] = rng.choice(list(OUTCOMES))
    return {
        "id": f"bench-{size}",
        "version": "1",
        "title": _text(f"Generated tree of {size} nodes"),
        "start": start,
        "inputs": inputs,
        "nodes": nodes,
    }


def _partition(decl: dict[str, Any], rng: random.Random) -> list[dict[str, Any]]:
    """Branch conditions that take every answer exactly once."""
    kind = decl["type"]
    whens: list[dict[str, Any]]
    if kind == "boolean":
        whens = [{"equals": True}, {"equals": False}]
    elif kind == "enum":
        whens = [{"one_of": ["v0", "v1"]}, {"equals": "v2"}, {"equals": "v3"}]
    elif kind == "set":
        chosen = rng.sample(sorted(decl["values"]), 2)
        whens = [
            {"contains_all": chosen},
            {"all": [{"contains_any": chosen}, {"not": {"contains_all": chosen}}]},
            {"contains_none": chosen},
        ]
    else:
        if kind == "date":
            cut = f"20{rng.randint(10, 30)}-0{rng.randint(1, 9)}-15"
        else:
            cut = rng.randint(2, 50)
        whens = [{"lt": cut}, {"ge": cut}]
    if decl.get("allow_unknown"):
        whens.append({"is_unknown": True})
    return whens


def run(sizes: list[int]) -> list[dict[str, Any]]:
    """One row per size: nodes, inputs, paths, states and seconds of ``verify``."""
    rows = []
    decision_trees.verify(decision_trees.load(make_tree(60)))  # warm up: imports and first compiles
    for size in sizes:
        tree = decision_trees.load(make_tree(size))
        start = time.perf_counter()
        report = decision_trees.verify(tree)
        seconds = time.perf_counter() - start
        assert not report.errors, report.text()[:2000]
        assert report.exact
        rows.append(
            {
                "nodes": len(tree.nodes),
                "inputs": len(tree.inputs),
                "paths": report.paths,
                "states": report.states,
                "seconds": seconds,
            }
        )
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 1_000, 10_000])
    args = parser.parse_args()
    rows = run(args.sizes)
    print(f"decision_trees.verify on generated trees (Python {platform.python_version()})")
    print(f"{'nodes':>7} {'inputs':>7} {'paths':>8} {'states':>8} {'seconds':>9} {'µs/path':>9}")
    for row in rows:
        per_path = row["seconds"] / row["paths"] * 1e6
        print(
            f"{row['nodes']:>7} {row['inputs']:>7} {row['paths']:>8} {row['states']:>8} "
            f"{row['seconds']:>9.3f} {per_path:>9.1f}"
        )
    print("The time grows in proportion to the paths analysed (µs/path stays flat).")


if __name__ == "__main__":
    main()
