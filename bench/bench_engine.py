"""Evaluation speed: the engine against a hand-written if/else of the same ten-question tree.

Run: ``.venv/bin/python bench/bench_engine.py`` (about ten seconds). All figures come from one
run on the same cases; the ratio to the hand-written function is what the issue bounds
(``decide`` without trace at most 3x, ``evaluate`` with trace at most 10x).
"""

from __future__ import annotations

import argparse
import platform
import random
import statistics
import time
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

import decision_trees

TREE = Path(__file__).with_name("ten_questions.yaml")


def hand_written(a: Mapping[str, Any]) -> str:
    """bench/ten_questions.yaml as a person would write it."""
    if a["q1"]:
        return "stop"
    if a["q2"]:
        return "measures"
    v = a["q3"]
    if v == "medium":
        return "measures"
    if v == "high":
        return "committee"
    if a["q4"]:
        return "measures"
    if a["q5"]:
        return "stop"
    v = a["q6"]
    if v == "medium":
        return "measures"
    if v == "high":
        return "committee"
    if a["q7"]:
        return "stop"
    if a["q8"]:
        return "measures"
    v = a["q9"]
    if v == "medium":
        return "measures"
    if v == "high":
        return "committee"
    if a["q10"]:
        return "measures"
    return "go"


def make_cases(count: int, seed: int = 1) -> list[dict[str, Any]]:
    """Complete answer sets, biased toward 'no risk' so that paths are long (about 7 nodes)."""
    rng = random.Random(seed)
    cases = []
    for _ in range(count):
        case: dict[str, Any] = {}
        for i in range(1, 11):
            if i % 3 == 0:
                case[f"q{i}"] = rng.choice(["low"] * 8 + ["medium", "high"])
            else:
                case[f"q{i}"] = rng.random() < 0.1
        cases.append(case)
    return cases


def per_decision(func: Callable[[Any], Any], cases: list[dict[str, Any]], repeats: int) -> float:
    """Best-of-``repeats`` microseconds per call over all cases."""
    best = float("inf")
    for _ in range(repeats):
        start = time.perf_counter()
        for case in cases:
            func(case)
        best = min(best, time.perf_counter() - start)
    return best / len(cases) * 1e6


def run(count: int = 2000, repeats: int = 30) -> list[tuple[str, float, float]]:
    """Rows of (what, µs per decision, ratio to hand-written)."""
    tree = decision_trees.load(TREE)
    cases = make_cases(count)
    for case in cases:  # the two must agree before they are compared
        assert tree.decide(case).id == hand_written(case)
        assert tree.evaluate(case).outcome_id == hand_written(case)
    timings = {
        "hand-written if/else": per_decision(hand_written, cases, repeats),
        "tree.decide (no trace)": per_decision(tree.decide, cases, repeats),
        "tree.evaluate (path, answers; trace on demand)": per_decision(tree.evaluate, cases, repeats),
        "tree.evaluate + trace materialised": per_decision(
            lambda c: tree.evaluate(c).trace, cases, max(3, repeats // 10)
        ),
        "tree.evaluate + to_json()": per_decision(lambda c: tree.evaluate(c).to_json(), cases, 3),
    }
    base = timings["hand-written if/else"]
    return [(name, us, us / base) for name, us in timings.items()]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--cases", type=int, default=2000)
    parser.add_argument("--repeats", type=int, default=30)
    args = parser.parse_args()
    rows = run(args.cases, args.repeats)
    tree = decision_trees.load(TREE)
    path = statistics.mean(len(tree.evaluate(c).path) for c in make_cases(args.cases))
    print(f"ten-question tree, {args.cases} cases, mean path {path:.1f} nodes, best of {args.repeats}")
    print(f"Python {platform.python_version()} on {platform.machine()}")
    print(f"{'what':<48} {'µs/decision':>12} {'× hand':>8}")
    for name, us, ratio in rows:
        print(f"{name:<48} {us:>12.3f} {ratio:>8.1f}")


if __name__ == "__main__":
    main()
