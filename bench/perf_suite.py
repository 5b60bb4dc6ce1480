"""The performance suite: what evaluating, importing, storing and verifying trees costs.

Run ``.venv/bin/python bench/perf_suite.py`` (about a minute; ``--quick`` for a smoke run). It
prints one table and writes ``docs/performance.md`` with the machine it ran on. All evaluation
figures come from the same run on the same cases of ``bench/ten_questions.yaml``:

* a hand-written if/else of the same tree (``bench/bench_engine.py``), checked against
  ``tree.decide`` on every case before anything is timed;
* ``tree.decide`` (no trace), ``tree.evaluate`` (path; trace on demand), ``evaluate`` with the
  trace materialised, and the batch forms ``decide_many`` / ``evaluate_many``;
* the durable-rules backend (``decision_trees.backends.durable``), when installed;
* import time of each package, memory for 100,000 decisions, and ``verify`` on generated trees
  of growing size.
"""

from __future__ import annotations

import argparse
import datetime as dt_
import gc
import importlib.util
import itertools
import os
import platform
import statistics
import subprocess
import sys
import time
import tracemalloc
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

import decision_trees

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
TREE = HERE / "ten_questions.yaml"
DOC = ROOT / "docs" / "performance.md"
PACKAGES = ("decision_trees", "kennisveiligheid", "partner_criteria")

Row = tuple[str, str, str]  # what, figure, note


# ----------------------------------------------------------------------------------------------
# The ten-question tree by hand


def hand_written_and_cases() -> tuple[
    Callable[[Mapping[str, Any]], str], Callable[[int], list[dict[str, Any]]], str
]:
    """The hand-written function and the case maker of bench/bench_engine.py."""
    sys.path.insert(0, str(HERE))
    try:
        import bench_engine
    finally:
        sys.path.remove(str(HERE))
    return bench_engine.hand_written, bench_engine.make_cases, "bench/bench_engine.py"


# ----------------------------------------------------------------------------------------------
# Measuring


def best_us(func: Callable[[], Any], calls: int, repeats: int) -> float:
    """Best-of-``repeats`` microseconds per call, where one ``func()`` makes ``calls`` calls."""
    best = float("inf")
    for _ in range(repeats):
        gc.collect()
        start = time.perf_counter()
        func()
        best = min(best, time.perf_counter() - start)
    return best / calls * 1e6


def evaluation_rows(count: int, repeats: int) -> tuple[list[Row], dict[str, float]]:
    tree = decision_trees.load(TREE)
    hand_written, make_cases, origin = hand_written_and_cases()
    cases = make_cases(count)
    for case in cases:  # the two must agree before they are compared
        assert tree.decide(case).id == hand_written(case), case
        assert tree.evaluate(case).outcome_id == hand_written(case), case
    decide, evaluate = tree.decide, tree.evaluate

    def loop(func: Callable[[Any], Any]) -> Callable[[], None]:
        def run() -> None:
            for case in cases:
                func(case)

        return run

    timings: dict[str, float] = {
        "hand": best_us(loop(hand_written), count, repeats),
        "decide": best_us(loop(decide), count, repeats),
        "evaluate": best_us(loop(evaluate), count, repeats),
        "trace": best_us(loop(lambda c: evaluate(c).trace), count, max(3, repeats // 5)),
        "json": best_us(loop(lambda c: evaluate(c).to_json()), count, 3),
        "decide_many": best_us(lambda: tree.decide_many(cases), count, repeats),
        "evaluate_many": best_us(lambda: tree.evaluate_many(cases), count, repeats),
    }
    hand = timings["hand"]
    path = statistics.mean(len(evaluate(c).path) for c in cases)

    def row(key: str, what: str) -> Row:
        return (what, f"{timings[key]:.2f} µs", f"{timings[key] / hand:.1f}× hand-written")

    rows = [
        (f"hand-written if/else ({origin})", f"{hand:.2f} µs", f"{count} cases, mean path {path:.1f} nodes"),
        row("decide", "`tree.decide` (outcome only, no trace)"),
        row("evaluate", "`tree.evaluate` (path and answers; trace on demand)"),
        row("trace", "`tree.evaluate(...).trace` (trace materialised)"),
        row("json", "`tree.evaluate(...).to_json()`"),
        row("decide_many", "`tree.decide_many` (batch), per decision"),
        row("evaluate_many", "`tree.evaluate_many` (batch), per decision"),
    ]
    return rows, timings


def durable_rows(count: int, repeats: int, hand: float) -> list[Row]:
    if importlib.util.find_spec("durable") is None:
        return [("durable-rules backend", "not installed", "pip install 'kennisveiligheid[durable]'")]
    from decision_trees.backends.durable import DurableBackend

    tree = decision_trees.load(TREE)
    _, make_cases, _ = hand_written_and_cases()
    cases = make_cases(count)
    start = time.perf_counter()
    backend = DurableBackend(tree)
    created = (time.perf_counter() - start) * 1e3
    for case in cases:
        assert backend.decide(case).id == tree.decide(case).id, case
    rules = len(backend.ruleset[backend.name])

    def run() -> None:
        for case in cases:
            backend.evaluate(case)

    us = best_us(run, count, repeats)
    fired = statistics.mean(len(backend.run(c).fired) for c in cases[:200])
    backend.close()
    rows: list[Row] = [
        (
            "durable backend: `evaluate`",
            f"{us:.0f} µs",
            f"{us / hand:.0f}× hand-written; {fired:.1f} rules fired per case",
        ),
        ("durable backend: compile and register", f"{created:.1f} ms", f"{rules} durable rules"),
    ]
    for label, make in (("reference tree", _reference), ("partner criteria", _criteria)):
        other = make()
        if other is None:
            continue
        start = time.perf_counter()
        with DurableBackend(other) as backend:
            made = (time.perf_counter() - start) * 1e3
            rows.append(
                (
                    f"durable backend: compile and register ({label})",
                    f"{made:.1f} ms",
                    f"{len(backend.ruleset[backend.name])} durable rules",
                )
            )
    return rows


def _reference() -> decision_trees.Tree | None:
    try:
        import kennisveiligheid

        return kennisveiligheid.reference_tree()
    except (ImportError, AttributeError, OSError):
        return None


def _criteria() -> decision_trees.Tree | None:
    path = ROOT / "partner_criteria" / "data" / "criteria.yaml"
    return decision_trees.load(path) if path.is_file() else None


def import_rows(runs: int) -> list[Row]:
    """Cumulative import time of each package, from ``python -X importtime`` (median of runs)."""
    rows: list[Row] = []
    for package in PACKAGES:
        figures = []
        for _ in range(runs):
            result = subprocess.run(  # noqa: S603 - our own interpreter, fixed arguments
                [sys.executable, "-X", "importtime", "-c", f"import {package}"],
                capture_output=True,
                text=True,
                check=True,
                cwd=ROOT,
            )
            for line in result.stderr.splitlines():
                parts = [p.strip() for p in line.split("|")]
                if len(parts) == 3 and parts[2] == package:
                    figures.append(int(parts[1]) / 1000)
        rows.append(
            (
                f"`import {package}`",
                f"{statistics.median(figures):.0f} ms",
                f"median of {runs}, cumulative, fresh interpreter",
            )
        )
    return rows


def memory_rows(count: int) -> list[Row]:
    """Memory held by ``count`` decisions kept in a list, and the peak while making them."""
    tree = decision_trees.load(TREE)
    _, make_cases, _ = hand_written_and_cases()
    cases = make_cases(1000)
    tree.evaluate(cases[0])  # compile first: that memory is the tree's, not the decisions'
    rows: list[Row] = []
    for label, func in (("`tree.evaluate`", tree.evaluate), ("`tree.decide`", tree.decide)):
        gc.collect()
        tracemalloc.start()
        kept = [func(case) for case in itertools.islice(itertools.cycle(cases), count)]
        current, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        rows.append(
            (
                f"memory: {count:,} results of {label} kept",
                f"{current / 2**20:.1f} MiB",
                f"{current / count:.0f} bytes each; peak {peak / 2**20:.1f} MiB",
            )
        )
        del kept
    return rows


def ladder_tree(size: int, rules: bool = True) -> decision_trees.Tree:
    """A generated tree: ``size`` questions in a ladder (the ten-question tree, grown), every
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


def verify_rows(plain_sizes: list[int], rule_sizes: list[int]) -> list[Row]:
    if importlib.util.find_spec("decision_trees.verification") is None:
        return [("`verify`", "not available", "decision_trees.verification is not installed")]
    from decision_trees import verify

    rows: list[Row] = []
    trees = [(f"question ladder, {n} questions", ladder_tree(n, rules=False)) for n in plain_sizes]
    trees += [(f"ladder with rules, {n} questions", ladder_tree(n)) for n in rule_sizes]
    for label, make in (("reference tree", _reference), ("partner criteria", _criteria)):
        tree = make()
        if tree is not None:
            trees.append((label, tree))
    verify(ladder_tree(5))  # warm up: the first call imports the verifier's parts
    for label, tree in trees:
        start = time.perf_counter()
        report = verify(tree)
        ms = (time.perf_counter() - start) * 1e3
        rows.append(
            (
                f"`verify`: {label} ({len(tree.nodes)} nodes)",
                f"{ms:.0f} ms",
                f"{report.paths} paths, {report.states} states, {len(report.findings)} findings"
                + ("" if report.exact else ", not exact"),
            )
        )
    return rows


# ----------------------------------------------------------------------------------------------
# Reporting


def machine() -> list[tuple[str, str]]:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text(encoding="utf-8").splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    durable_version = "not installed"
    if importlib.util.find_spec("durable") is not None:
        from importlib.metadata import PackageNotFoundError, version

        try:
            durable_version = version("durable-rules")
        except PackageNotFoundError:
            durable_version = "installed (version unknown)"
    return [
        ("CPU", cpu),
        ("cores", str(os.cpu_count())),
        ("Python", f"{platform.python_implementation()} {platform.python_version()}"),
        ("system", f"{platform.system()} {platform.release()} ({platform.machine()})"),
        ("decision_trees", decision_trees.__version__),
        ("durable-rules", durable_version),
        ("date", dt_.date.today().isoformat()),
    ]


def table(rows: list[Row]) -> str:
    lines = ["| what | figure | notes |", "| --- | ---: | --- |"]
    lines += [f"| {what} | {figure} | {note} |" for what, figure, note in rows]
    return "\n".join(lines)


def markdown(sections: list[tuple[str, list[Row]]], quick: bool) -> str:
    head = [
        "# Performance",
        "",
        "What evaluating, importing, storing and verifying trees costs. Generated by",
        "`bench/perf_suite.py`"
        + (" (quick run: fewer cases and repeats)" if quick else "")
        + "; run it again to measure your own machine:",
        "",
        "```sh",
        ".venv/bin/python bench/perf_suite.py",
        "```",
        "",
        "Evaluation figures are the best of several repeats over the same cases of",
        "`bench/ten_questions.yaml`, in microseconds per decision; the hand-written if/else is",
        "checked against `tree.decide` on every case before anything is timed. The machine is",
        "shared with other work, so treat small differences as noise.",
        "",
        "## Machine",
        "",
        "| | |",
        "| --- | --- |",
        *[f"| {k} | {v} |" for k, v in machine()],
    ]
    body: list[str] = []
    for title, rows in sections:
        body += ["", f"## {title}", "", table(rows)]
    notes = [
        "",
        "## Reading the figures",
        "",
        "- `tree.decide` runs code compiled from the tree (nested `if` statements built as Python",
        "  syntax trees), so it stays within a small factor of the hand-written function.",
        "  `tree.evaluate` also records the path; the trace is built only when asked for.",
        "- The durable-rules backend runs every question and every test of a rule as a durable",
        "  rule firing, with an event posted per step (see [durable.md](durable.md)); it is for",
        "  hosts that already run durable-rules, not for speed.",
        "- Memory is what `tracemalloc` sees still allocated while the results are kept in a list:",
        "  a `Decision` keeps its path and a copy of the answers; outcomes from `decide` are shared.",
        "- `verify` explores every path as regions of answers; the generated ladder trees grow",
        "  linearly in questions, with a rule over earlier answers every fifth step.",
        "",
    ]
    return "\n".join([*head, *body, *notes])


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--quick", action="store_true", help="fewer cases and repeats (a smoke run)")
    parser.add_argument(
        "--no-write", action="store_true", help=f"print only; do not write {DOC.relative_to(ROOT)}"
    )
    args = parser.parse_args()
    quick = args.quick
    began = time.perf_counter()
    evaluation, timings = evaluation_rows(count=500 if quick else 2000, repeats=3 if quick else 20)
    sections = [
        ("Evaluation (ten-question tree)", evaluation),
        (
            "durable-rules backend",
            durable_rows(count=100 if quick else 500, repeats=1 if quick else 3, hand=timings["hand"]),
        ),
        ("Import time", import_rows(runs=1 if quick else 5)),
        ("Memory", memory_rows(count=10_000 if quick else 100_000)),
        (
            "Verification",
            verify_rows([10, 40] if quick else [10, 40, 160, 640], [10, 20] if quick else [10, 20, 30, 40]),
        ),
    ]
    for title, rows in sections:
        print(f"\n{title}")
        width = max(len(r[0]) for r in rows)
        for what, figure, note in rows:
            print(f"  {what:<{width}}  {figure:>12}  {note}")
    print(f"\n(the suite took {time.perf_counter() - began:.0f} s)")
    if not args.no_write:
        DOC.parent.mkdir(exist_ok=True)
        DOC.write_text(markdown(sections, quick), encoding="utf-8")
        print(f"wrote {DOC.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
