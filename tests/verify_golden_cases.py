"""The trees whose verification reports are recorded in tests/data/verify_golden.json.

Run ``.venv/bin/python tests/verify_golden_cases.py --write`` to record them again (only when a
change to the findings is intended, and say so in the commit).
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Iterator
from functools import partial
from pathlib import Path
from typing import Any

import decision_trees
from decision_trees.verification import VerificationReport

ROOT = Path(__file__).resolve().parent.parent
GOLDEN = ROOT / "tests" / "data" / "verify_golden.json"


def _bench(name: str) -> Any:
    sys.path.insert(0, str(ROOT / "bench"))
    try:
        return __import__(name)
    finally:
        sys.path.remove(str(ROOT / "bench"))


def cases(slow: bool = False) -> Iterator[tuple[str, Callable[[], decision_trees.Tree]]]:
    """(name, make tree) for every recorded case; ``slow`` adds the 1,000-node generated tree."""
    from kennisveiligheid.reference import reference_tree

    yield "reference", reference_tree
    yield (
        "partner-criteria",
        partial(decision_trees.load, ROOT / "partner_criteria" / "data" / "criteria.yaml"),
    )
    for path in sorted((ROOT / "tests" / "trees").rglob("*.yaml")):
        yield path.relative_to(ROOT).as_posix(), partial(decision_trees.load, path)
    for name in ("ten_questions", "mixed_questions"):
        yield f"bench/{name}.yaml", partial(decision_trees.load, ROOT / "bench" / f"{name}.yaml")
    bench_verify = _bench("bench_verify")
    sizes = [60, 100, 300] + ([1000] if slow else [])
    for size in sizes:
        for seed in (7, 11):
            yield f"generated-{size}-{seed}", partial(_generated, bench_verify, size, seed)
    for n in (10, 20):
        yield f"ladder-{n}", partial(ladder_tree, n)


def _generated(bench_verify: Any, size: int, seed: int) -> decision_trees.Tree:
    tree: decision_trees.Tree = decision_trees.load(bench_verify.make_tree(size, seed))
    return tree


def ladder_tree(size: int, rules: bool = True) -> decision_trees.Tree:
    """(A copy of ``bench/perf_suite.py``'s, so that the recorded reports keep their trees.)

    A generated tree: ``size`` questions in a ladder (the ten-question tree, grown), every
    third an enumeration, and (with ``rules``) before every fifth a rule "at least 2 of 3" over
    three more inputs."""
    inputs: dict[str, Any] = {}
    nodes: dict[str, Any] = {}
    for i in range(1, size + 1):
        key = f"q{i}"
        nxt = f"q{i + 1}" if i < size else "go"
        if i % 3 == 0:
            inputs[key] = {
                "type": "enum",
                "label": {"nl": key, "en": key},
                "values": {v: {"nl": v, "en": v} for v in ("low", "medium", "high")},
            }
            branches = [
                {"when": {"equals": "low"}, "next": nxt},
                {"when": {"equals": "medium"}, "next": "measures"},
                {"when": {"equals": "high"}, "next": "committee"},
            ]
        else:
            inputs[key] = {"type": "boolean", "label": {"nl": key, "en": key}}
            branches = [
                {"when": {"equals": False}, "next": nxt},
                {"when": {"equals": True}, "next": "stop" if i % 4 == 1 else "measures"},
            ]
        if rules and i % 5 == 0:
            rule = f"r{i}"
            flags = [f"{rule}{part}" for part in "abc"]
            for flag in flags:
                inputs[flag] = {"type": "boolean", "label": {"nl": flag, "en": flag}}
            nodes[rule] = {
                "kind": "rule",
                "text": {"nl": rule, "en": rule},
                "condition": {"at_least": 2, "of": [{"input": f, "equals": True} for f in flags]},
                "then": "stop",
                "else": key,
            }
            nodes[f"q{i - 1}"]["branches"][0]["next"] = rule
        nodes[key] = {
            "kind": "question",
            "input": key,
            "text": {"nl": f"{key}?", "en": f"{key}?"},
            "branches": branches,
        }
    for outcome, severity in (("go", 0), ("measures", 30), ("committee", 60), ("stop", 90)):
        nodes[outcome] = {"kind": "outcome", "label": {"nl": outcome, "en": outcome}, "severity": severity}
    return decision_trees.load(
        {
            "id": f"ladder-{size}",
            "version": "1",
            "title": {"nl": "Ladder", "en": "Ladder"},
            "start": "q1",
            "inputs": inputs,
            "nodes": nodes,
        }
    )


def summary(report: VerificationReport) -> dict[str, Any]:
    """Everything in a report except its timing."""
    data: dict[str, Any] = report.to_dict()
    data.pop("seconds", None)
    data["states"] = report.states
    return data


def record(slow: bool = True) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for name, make in cases(slow):
        out[name] = summary(decision_trees.verify(make()))
    return out


if __name__ == "__main__":
    if "--write" in sys.argv:
        GOLDEN.write_text(json.dumps(record(), indent=1, sort_keys=True, ensure_ascii=False) + "\n")
        print(f"wrote {GOLDEN}")
