"""Evaluation speed: the engine against a hand-written if/else of the same ten-question tree.

Run: ``.venv/bin/python bench/bench_engine.py`` (about ten seconds). All figures come from one
run on the same cases; the ratio to the hand-written function is what the issue bounds
(``decide`` without trace at most 3x, ``evaluate`` with trace at most 10x).
"""

from __future__ import annotations

import argparse
import datetime as dt
import platform
import random
import statistics
import time
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

import decision_trees

TREE = Path(__file__).with_name("ten_questions.yaml")
MIXED = Path(__file__).with_name("mixed_questions.yaml")
CUT = dt.date(2025, 1, 1)


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


def hand_written_mixed(a: Mapping[str, Any]) -> str:
    """bench/mixed_questions.yaml as a person would write it."""
    budget = a["budget"]
    if budget >= 500:
        return "committee"
    if budget < 10:
        return "go"
    if a["staff"] <= 20:
        if a["start_date"] < CUT:
            return "go"
        areas = a["areas"]
        if "ai" not in areas and "quantum" not in areas:
            if "bio" in areas and "energy" in areas:
                return "measures"
            return "measures" if a["formal"] else "go"
    risk = a["risk"]
    if risk == "high":
        return "stop"
    if risk == "medium":
        return "committee"
    if risk is decision_trees.UNKNOWN:
        return "postpone"
    return "measures" if a["formal"] else "go"


def make_mixed_cases(count: int, seed: int = 1) -> list[dict[str, Any]]:
    """Complete answer sets for bench/mixed_questions.yaml, in checked form, every path taken."""
    rng = random.Random(seed)
    areas = ["ai", "quantum", "bio", "energy"]
    return [
        {
            "budget": rng.choice([5, 50.5, 100, 250, 499.5, 600]),
            "staff": rng.randint(0, 40),
            "start_date": dt.date(2024, 1, 1) + dt.timedelta(days=rng.randint(0, 900)),
            "areas": frozenset(rng.sample(areas, rng.randint(0, 3))),
            "risk": rng.choice(["low", "low", "medium", "high", decision_trees.UNKNOWN]),
            "formal": rng.random() < 0.5,
        }
        for _ in range(count)
    ]


# The same two trees as ordered rule-engine rules (the first that matches decides): rule-engine
# (pip install rule-engine) reads datetimes, sets and null, so its cases are converted first.
RULE_ENGINE_TEN = [
    ("q1", "stop"),
    ("q2", "measures"),
    ("q3 == 'medium'", "measures"),
    ("q3 == 'high'", "committee"),
    ("q4", "measures"),
    ("q5", "stop"),
    ("q6 == 'medium'", "measures"),
    ("q6 == 'high'", "committee"),
    ("q7", "stop"),
    ("q8", "measures"),
    ("q9 == 'medium'", "measures"),
    ("q9 == 'high'", "committee"),
    ("q10", "measures"),
    ("true", "go"),
]
_SPREAD = "(staff > 20 or 'ai' in areas or 'quantum' in areas)"
RULE_ENGINE_MIXED = [
    ("budget >= 500", "committee"),
    ("budget < 10", "go"),
    ("staff <= 20 and start_date < d'2025-01-01'", "go"),
    (f"not {_SPREAD} and 'bio' in areas and 'energy' in areas", "measures"),
    (f"not {_SPREAD}", "measures_if_formal"),
    ("risk == 'high'", "stop"),
    ("risk == 'medium'", "committee"),
    ("risk == null", "postpone"),
    ("true", "measures_if_formal"),
]


def rule_engine_case(case: Mapping[str, Any]) -> dict[str, Any]:
    """A case as rule-engine reads it: datetimes for dates, sets, ``None`` for unknown."""
    out: dict[str, Any] = {}
    for key, value in case.items():
        if isinstance(value, dt.date):
            value = dt.datetime(value.year, value.month, value.day)
        elif isinstance(value, frozenset):
            value = set(value)
        elif value is decision_trees.UNKNOWN:
            value = None
        out[key] = value
    return out


def rule_engine_decider(rules: list[tuple[str, str]]) -> Callable[[Mapping[str, Any]], str]:
    """The first matching rule's outcome (``measures_if_formal``: by the ``formal`` answer)."""
    import rule_engine

    compiled = [(rule_engine.Rule(text), outcome) for text, outcome in rules]

    def decide(case: Mapping[str, Any]) -> str:
        for rule, outcome in compiled:
            if rule.matches(case):
                if outcome == "measures_if_formal":
                    return "measures" if case["formal"] else "go"
                return outcome
        raise AssertionError("the last rule always matches")

    return decide


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
