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
    perf = _bench("perf_suite")
    for n in (10, 20):
        yield f"ladder-{n}", partial(perf.ladder_tree, n)


def _generated(bench_verify: Any, size: int, seed: int) -> decision_trees.Tree:
    tree: decision_trees.Tree = decision_trees.load(bench_verify.make_tree(size, seed))
    return tree


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
