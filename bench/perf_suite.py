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
import resource
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


def _bench_module() -> Any:
    """bench/bench_engine.py: the hand-written functions, case makers and rule-engine rules."""
    sys.path.insert(0, str(HERE))
    try:
        import bench_engine
    finally:
        sys.path.remove(str(HERE))
    return bench_engine


def hand_written_and_cases() -> tuple[
    Callable[[Mapping[str, Any]], str], Callable[[int], list[dict[str, Any]]], str
]:
    """The hand-written function and the case maker of bench/bench_engine.py."""
    bench_engine = _bench_module()
    return bench_engine.hand_written, bench_engine.make_cases, "bench/bench_engine.py"


# ----------------------------------------------------------------------------------------------
# Measuring


def best_us(func: Callable[[], Any], calls: int, repeats: int) -> float:
    """Best-of-``repeats`` microseconds per call, where one ``func()`` makes ``calls`` calls.

    The time is the process's CPU time, not the wall clock's: on a shared machine a long loop is
    more often preempted than a short one, which would bias the ratios against the long ones.
    """
    best = float("inf")
    for _ in range(repeats):
        gc.collect()
        start = time.process_time()
        func()
        best = min(best, time.process_time() - start)
    return best / calls * 1e6


def _raw_durable(hand: Callable[[Mapping[str, Any]], str], cases: list[dict[str, Any]]) -> Callable[[], None]:
    """durable-rules used directly: one ``post()`` of each case to a one-rule ruleset whose action
    records the hand-written decision (the least any durable-based evaluation costs)."""
    from durable.lang import m, post, ruleset, when_all

    name = f"raw_bench_{len(cases)}_{id(hand)}"
    decided: dict[int, str] = {}
    with ruleset(name):

        @when_all(+m.case)  # type: ignore[misc]
        def decide(c: Any) -> None:
            decided[c.m.case] = hand(cases[c.m.case])

    events = [{"case": i} for i in range(len(cases))]

    def run() -> None:
        for event in events:
            post(name, event)

    run()
    assert all(decided[i] == hand(case) for i, case in enumerate(cases))  # agreement
    return run


def side_by_side(
    label: str,
    path: Path,
    hand: Callable[[Mapping[str, Any]], str],
    cases: list[dict[str, Any]],
    rules: list[tuple[str, str]],
    repeats: int,
    slow_count: int,
) -> tuple[list[Row], dict[str, float]]:
    """Every way to decide ``cases`` of one tree, timed in this process, each checked against
    the hand-written function on every case first. Ratios are to the hand-written function."""
    bench_engine = _bench_module()
    tree = decision_trees.load(path)
    count = len(cases)
    for case in cases:  # agreement before anything is timed
        assert tree.decide(case).id == hand(case), case
        assert tree.evaluate(case).outcome_id == hand(case), case
    assert [d.outcome_id for d in tree.evaluate_many(cases)] == [hand(c) for c in cases]
    assert [o.id for o in tree.decide_many(cases)] == [hand(c) for c in cases]
    decide, evaluate = tree.decide, tree.evaluate
    few = cases[:slow_count]

    def loop(func: Callable[[Any], Any], over: list[dict[str, Any]] = cases) -> Callable[[], None]:
        def run() -> None:
            for case in over:
                func(case)

        return run

    def each_evaluate() -> None:  # `tree.evaluate` looked up at every call, as a plain loop does
        for case in cases:
            tree.evaluate(case)

    def kept_evaluate() -> None:  # a loop that keeps its results, as `evaluate_many` does
        kept = []
        for case in cases:
            kept.append(evaluate(case))

    from decision_trees import Decision

    outcome, segments, snapshot = tree.outcomes[next(iter(tree.outcomes))], ((), (), ()), dict(cases[0])

    def copies() -> None:  # part of `evaluate`: the copy of the answers a decision keeps
        for case in cases:
            _ = {**case}

    def empty() -> None:  # the loop alone, taken off the two parts above and below
        for _ in cases:
            pass

    def made() -> None:  # part of `evaluate`: the Decision, made as the generated walk makes it
        for _ in cases:  # (its copy of the answers is the part above)
            d = Decision()
            d._tree = tree
            d._segments = segments
            d._outcome = outcome
            d._snapshot = snapshot
            d._replay = None
            d._trace = None

    thunks: dict[str, tuple[Callable[[], None], int]] = {  # name: (one round, decisions in it)
        "hand": (loop(hand), count),
        "decide": (loop(decide), count),
        "evaluate": (loop(evaluate), count),
        "evaluate_attr": (each_evaluate, count),
        "evaluate_kept": (kept_evaluate, count),
        "part_copy": (copies, count),
        "part_decision": (made, count),
        "part_empty": (empty, count),
        "trace": (loop(lambda c: evaluate(c).trace), count),
        "explain": (loop(lambda c: evaluate(c).explain()), count),
        "json": (loop(lambda c: evaluate(c).to_json()), count),
        "decide_many": (lambda: tree.decide_many(cases), count),
        "evaluate_many": (lambda: tree.evaluate_many(cases), count),
    }
    notes: dict[str, str] = {}
    if importlib.util.find_spec("rule_engine") is not None:
        decider = bench_engine.rule_engine_decider(rules)
        converted = [bench_engine.rule_engine_case(c) for c in few]
        assert [decider(c) for c in converted] == [hand(c) for c in few]
        thunks["rule_engine"] = (loop(decider, converted), len(few))
    else:
        notes["rule_engine"] = "not installed: pip install -e '.[bench]'"
    backend = None
    if importlib.util.find_spec("durable") is not None:
        from decision_trees.backends.durable import DurableBackend

        backend = DurableBackend(tree)
        for case in few:
            assert backend.decide(case).id == hand(case), case
        for case in few:
            assert backend.run(case).decision.outcome_id == hand(case), case
        thunks["durable"] = (loop(backend.evaluate, few), len(few))
        thunks["durable_steps"] = (loop(backend.run, few), len(few))
        thunks["raw_durable"] = (_raw_durable(hand, few), len(few))
    else:
        notes["durable"] = notes["durable_steps"] = notes["raw_durable"] = (
            "not installed: pip install -e '.[durable]'"
        )
    # Rounds go through every way in turn, so that each meets the machine's quiet and busy
    # moments alike; the best round of each counts.
    timings = {name: float("inf") for name in thunks}
    for _ in range(repeats):
        for name, (thunk, calls) in thunks.items():
            timings[name] = min(timings[name], best_us(thunk, calls, 1))
    if backend is not None:
        backend.close()
    base = timings["hand"]
    mean_path = statistics.mean(len(evaluate(c).path) for c in cases)
    names = [
        ("hand", f"hand-written if/else ({label})"),
        ("decide", "`tree.decide` (outcome only)"),
        ("evaluate", "`tree.evaluate` (path and answers; trace on demand)"),
        ("evaluate_attr", "`tree.evaluate(case)`, the attribute looked up at each call"),
        ("trace", "`tree.evaluate(...).trace` (full trace materialised)"),
        ("explain", "`tree.evaluate(...).explain()`"),
        ("json", "`tree.evaluate(...).to_json()`"),
        ("decide_many", "`tree.decide_many`, per decision"),
        ("evaluate_many", "`tree.evaluate_many`, per decision"),
        ("evaluate_kept", "`tree.evaluate` in a loop that keeps its results (as a batch must)"),
        ("rule_engine", "rule-engine (ordered rules, first match)"),
        ("durable", "durable backend: `evaluate` (one rule per path)"),
        ("durable_steps", "durable backend: `run` (step by step)"),
        ("raw_durable", "raw durable-rules: one `post()` per case"),
    ]
    parts = {k: timings.pop(k) for k in ("part_copy", "part_decision", "part_empty")}
    parts = {k: max(0.0, v - parts["part_empty"]) for k, v in parts.items() if k != "part_empty"}
    rows: list[Row] = []
    for key, what in names:
        if key in timings:
            us = timings[key]
            note = f"{us / base:.1f}× hand-written"
            if key == "hand":
                note = f"{count} cases, mean path {mean_path:.1f} nodes"
            elif key in ("rule_engine", "durable", "durable_steps", "raw_durable"):
                note += f" ({len(few)} cases)"
            if key in ("durable", "durable_steps") and "raw_durable" in timings:
                note += f"; {us / timings['raw_durable']:.1f}× raw `post()`"
            rows.append((what, f"{us:.2f} µs", note))
        elif key in notes:
            rows.append((what, "—", notes[key]))
    walk, whole = timings["decide"], timings["evaluate"]
    rest = whole - walk - parts["part_copy"] - parts["part_decision"]
    rows.append(
        (
            "`tree.evaluate`, part by part",
            f"{whole:.2f} µs",
            f"the walk (as `decide`) {walk:.2f} µs, the copy of the answers {parts['part_copy']:.2f} µs, "
            f"the `Decision` {parts['part_decision']:.2f} µs, the check for answers the tree has no "
            f"input for and the rest {rest:.2f} µs",
        )
    )
    return rows, timings


def durable_compile_rows() -> list[Row]:
    if importlib.util.find_spec("durable") is None:
        return [("durable-rules backend", "not installed", "pip install 'kennisveiligheid[durable]'")]
    from decision_trees.backends.durable import DurableBackend

    rows: list[Row] = []
    for label, make in (
        ("ten-question tree", lambda: decision_trees.load(TREE)),
        ("reference tree", _reference),
        ("partner criteria", _criteria),
    ):
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


def _cold_ms(code: list[str], runs: int) -> float:
    """Median CPU time (user + system) of a fresh interpreter running ``code``, bytecode cached.

    CPU time rather than the wall clock's, which on a shared machine counts the waiting too."""
    env = {**os.environ, "NO_COLOR": "1"}
    env.pop("PYTHONDONTWRITEBYTECODE", None)  # bytecode cached, as an installed package has it
    subprocess.run(code, capture_output=True, check=False, cwd=ROOT, env=env)  # noqa: S603 - warm the cache
    figures = []
    for _ in range(runs):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        subprocess.run(code, capture_output=True, check=False, cwd=ROOT, env=env)  # noqa: S603
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
        figures.append(cpu * 1e3)
    return statistics.median(figures)


def _in_process_ms(statement: str, runs: int) -> float:
    """Median CPU time of ``statement`` alone, timed inside fresh interpreters (bytecode cached):
    what it costs beyond the interpreter's start-up, without that start-up's noise."""
    code = f"import time; t = time.process_time(); {statement}; print(time.process_time() - t)"
    env = {**os.environ, "NO_COLOR": "1"}
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    command = [sys.executable, "-c", code]
    subprocess.run(command, capture_output=True, check=False, cwd=ROOT, env=env)  # noqa: S603 - warm the cache
    figures = []
    for _ in range(runs):
        done = subprocess.run(command, capture_output=True, text=True, check=True, cwd=ROOT, env=env)  # noqa: S603
        figures.append(float(done.stdout.split()[-1]) * 1e3)
    return statistics.median(figures)


def import_rows(runs: int) -> list[Row]:
    """Cold-process timings: a bare interpreter, each package's import, the first load, and the CLI."""
    python = sys.executable
    bare = _cold_ms([python, "-c", "pass"], runs)
    rows: list[Row] = [("bare interpreter (`python -c pass`)", f"{bare:.0f} ms", f"median of {runs}")]
    imported: dict[str, float] = {}
    for package in PACKAGES:
        imported[package] = _in_process_ms(f"import {package}", runs)
        rows.append(
            (
                f"`import {package}`",
                f"{imported[package]:.1f} ms",
                f"median of {runs}, timed in the fresh interpreter (beyond its start-up)",
            )
        )
    # The faces are lazy, so an import alone costs little: the first real work shows what loading costs.
    loaded = _in_process_ms("import kennisveiligheid; kennisveiligheid.reference_tree()", runs)
    rows.append(
        (
            "`import kennisveiligheid` + load the reference tree",
            f"{loaded:.0f} ms",
            f"median of {runs}, timed in the fresh interpreter (pydantic, YAML, models, validation)",
        )
    )
    # What `import kennisveiligheid` loaded when the CLI's target was set (every name eager).
    eager = _in_process_ms(
        "import kennisveiligheid; [getattr(kennisveiligheid, n) for n in kennisveiligheid.__all__]", runs
    )
    rows.append(
        (
            "`import kennisveiligheid` + every public name resolved",
            f"{eager:.0f} ms",
            f"median of {runs}, timed in the fresh interpreter (what the import loaded before it was lazy)",
        )
    )
    case = "examples/quantum-sensing-defence.yaml"
    cli = _cold_ms([python, "-m", "kennisveiligheid", "assess", case], runs)
    rows.append(
        (
            f"CLI `kennisveiligheid assess {case}`",
            f"{cli:.0f} ms",
            f"median of {runs}; {cli / (bare + imported['kennisveiligheid']):.1f}× (bare interpreter + "
            f"lazy `import kennisveiligheid`), {cli / (bare + eager):.1f}× (bare interpreter + "
            f"eager import), {cli / (bare + loaded):.1f}× (bare interpreter + import + load the "
            "reference tree)",
        )
    )
    helped = _cold_ms([python, "-m", "kennisveiligheid", "--help"], runs)
    rows.append(
        ("CLI `kennisveiligheid --help` (imports every command)", f"{helped:.0f} ms", f"median of {runs}")
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


def verify_rows(
    plain_sizes: list[int], rule_sizes: list[int], generated: list[int], runs: int = 3
) -> list[Row]:
    """``verify`` of each tree: the best of ``runs``, each on a tree loaded afresh (nothing the
    tree keeps from an earlier run helps) after the garbage left before it has been collected."""
    if importlib.util.find_spec("decision_trees.verification") is None:
        return [("`verify`", "not available", "decision_trees.verification is not installed")]
    from decision_trees import verify

    sys.path.insert(0, str(HERE))
    try:
        import bench_verify
    finally:
        sys.path.remove(str(HERE))
    makers: list[tuple[str, Callable[[], decision_trees.Tree | None]]] = []
    makers += [
        (f"question ladder, {n} questions", lambda n=n: ladder_tree(n, rules=False)) for n in plain_sizes
    ]
    makers += [(f"ladder with rules, {n} questions", lambda n=n: ladder_tree(n)) for n in rule_sizes]
    reference = _reference()
    if reference is not None:
        makers.append(("reference tree", lambda: decision_trees.load(reference.to_dict())))
    makers.append(("partner criteria", _criteria))
    for n in generated:
        label = f"generated (bench/bench_verify.py), {n}"
        makers.append((label, lambda n=n: decision_trees.load(bench_verify.make_tree(n))))
    verify(ladder_tree(5))  # warm up: the first call imports the verifier's parts
    rows: list[Row] = []
    for label, make in makers:
        best, report, tree = float("inf"), None, None
        for _ in range(runs):
            tree = make()
            if tree is None:
                break
            gc.collect()
            start = time.process_time()
            report = verify(tree)
            best = min(best, (time.process_time() - start) * 1e3)
        if tree is None or report is None:
            continue
        rows.append(
            (
                f"`verify`: {label} ({len(tree.nodes)} nodes)",
                f"{best:.0f} ms",
                f"{report.paths} paths, {report.states} states, {len(report.findings)} findings"
                + ("" if report.exact else ", not exact")
                + f"; best of {runs}",
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
        ("load average at the start (1, 5, 15 min)", ", ".join(f"{x:.2f}" for x in LOAD)),
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
        "**Ratios** are what the figures are for: every row of a side-by-side table is measured in",
        "one process, on the same cases, after every way of deciding has been checked against the",
        "hand-written if/else on every case; the notes give each row as a multiple of the",
        "hand-written function (and the durable backend as a multiple of durable's own `post()`).",
        "The µs figures (CPU time of the process, best of several rounds that take every way in",
        "turn, per decision) and the **absolute** timings of",
        "cold processes, memory and verification are context only: they depend on the machine and",
        "on what else it is doing. The trees are `bench/ten_questions.yaml` and",
        "`bench/mixed_questions.yaml`; the hand-written functions and the rule-engine rules are in",
        "`bench/bench_engine.py` (rule-engine is in the `bench` extra: `pip install -e '.[bench]'`).",
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
        "  syntax trees); an answer already in checked form (a boolean, a declared value, an",
        "  in-range number or date, a frozenset of declared values, `UNKNOWN`) is tested inline,",
        "  anything else is checked once on a slower path (a yes/no answer into `True`, `False` or",
        "  `UNKNOWN`, whose arms then test the value itself). A tree whose paths stay small, shared",
        "  nodes inlined, compiles to one function. `tree.evaluate` also records the path and the",
        "  branches, as constants of the generated code (a walk in one function picks one constant",
        "  per outcome reached), refuses answers for inputs the tree lacks and makes the `Decision`",
        "  in the same function; the trace is built from that record when asked for, without",
        "  walking the tree again.",
        "- `tree.evaluate` and `tree.decide` are the generated functions themselves (attributes",
        "  found in C, no Python call between): the rows call them as a loop that looked them up",
        "  once does; the row with the attribute looked up at each call shows what that costs.",
        "- Per recorded path of questions the tree keeps the trace steps, the explanation and the",
        "  JSON text as templates with places for the answers; a path of yes/no and enum questions",
        "  keeps its trace, explanations and JSON per combination of the answers it read. Each step",
        "  of a path keeps the trace steps it made by the answer as given (a float by value, a zero",
        "  not at all), so a number, date or set answer seen before costs a look-up; the mixed",
        "  tree's explanations and JSON are filled in for each decision.",
        "- Cold-process figures are medians of the CPU time (user + system) of fresh interpreters",
        "  with bytecode cached; the import rows time the import inside the fresh interpreter.",
        "- The durable-rules backend's `evaluate` posts each case once to a ruleset with one rule",
        "  per path (one rule fires); a case no path's rule takes goes step by step, as `run` always",
        "  does: every question and every test of a rule a durable rule firing, with an event posted",
        "  per step (see [durable.md](durable.md)). It is for hosts that already run durable-rules,",
        "  not for speed.",
        "- Memory is what `tracemalloc` sees still allocated while the results are kept in a list:",
        "  a `Decision` keeps its path and a copy of the answers; outcomes from `decide` are shared.",
        "- `verify` is timed as the best of three runs, each on a tree loaded afresh after the",
        "  garbage before it has been collected. It explores every path as regions of answers; the",
        "  generated ladder trees grow",
        "  linearly in questions, with a rule over earlier answers every fifth step; the generated",
        "  trees of `bench/bench_verify.py` mix every input type. The cyclic garbage collector is",
        "  paused while it runs (and in `evaluate_many`). Question splits and rule conjunctions are",
        "  made once per shape of condition; the relevance analysis (V013-V015) compares paths in",
        "  pairs up to 2,000 paths and sub-trees of the path tree beyond (see",
        "  [verification](verification.md)); the report's content hash is computed when read.",
        "",
        "## What bounds the figures that miss their targets",
        "",
        "Profiles of this suite's cases (per-part timings in one process, and cold-process",
        "breakdowns; 2026-12-01):",
        "",
        "- `tree.evaluate` (target 4× hand-written): the row *part by part* splits it in the same",
        "  run. The walk is what `tree.decide` costs (1.6-2.0× hand-written); beside it each",
        "  decision pays for the copy that keeps its answers whatever the caller does next",
        "  (`{**answers}`), the `Decision` itself (an object with six slots, made by a type call,",
        "  and freed again in the loop), and the check that no answer names an input the tree",
        "  lacks. That check looks at nothing when a plain `dict` holds exactly the inputs the",
        "  path read, looks up the inputs the path did not read (at most 8) when it holds as many",
        "  keys as the tree has inputs, and builds a set of the keys (`issuperset`) otherwise. The",
        "  check and the copy are promises of the API; with them `evaluate` sits at 3.5-4.3× on",
        "  this machine from run to run (the mixed tree's paths are short, 3.9 nodes, so these",
        "  fixed costs weigh more there).",
        "- The trace on the mixed tree (target 10×): every step is a look-up once its answer has",
        "  been seen; what is left is finding the path's shape (the walk's constant segments, by",
        "  identity), the loop over its steps (the answer read, its class, a dict look-up: a date",
        "  or a set hashes itself on first use) and the trace tuple.",
        "- `evaluate_many` (target: no slower than `evaluate` in a loop): the `evaluate` row drops",
        "  each `Decision` at once and reuses its memory; a batch keeps every one (about 360 bytes",
        "  with its copy of the answers). The row *a loop that keeps its results* is the fair",
        "  comparison: the batch (a list comprehension over the generated function, the cyclic",
        "  collector paused) is within a few per cent of it either way.",
        "- The durable backend (target 2× raw `post()`): one rule fires per case, but the event",
        "  carries every answer the tree tests (a set as one flag per value), so durable's own",
        "  `post()` (JSON in, the engine's matching, JSON of the state out) costs about 1.5× the",
        "  raw one-field post; building the event, the session's `delete_state` and the lock",
        "  make the rest.",
        "- Imports (targets 60 ms / 80 ms): the package faces are lazy (PEP 562), so an import",
        "  loads no pydantic, YAML or networkx; the cost moves to the first load of a tree. There",
        "  pydantic and pydantic-core (import, and its plugin discovery through `importlib.metadata`",
        "  on the first validator), PyYAML and creating the model classes are most of it.",
        "- The CLI (target 3× the bare interpreter + `import kennisveiligheid`): the target was set",
        "  when that import loaded everything; now it loads nothing (about 1 ms), so the letter of",
        "  it asks `assess` to run in about three bare start-ups. Against the eager import (every",
        "  public name resolved) `assess` is 1.7×, against bare + import + loading the reference",
        "  tree 1.2×. Where its CPU time goes (fresh interpreter, bytecode cached, three runs):",
        "  importing pydantic 36-60 ms, PyYAML 13-22 ms, creating our pydantic model classes",
        "  85-111 ms, the rest of our modules 55-82 ms (of which pydantic's plugin look-up through",
        "  `importlib.metadata` on the first validator about 25 ms), loading the reference tree",
        "  38-46 ms, deciding and printing 27-35 ms. Below three bare start-ups it would have to",
        "  run without pydantic.",
        "",
    ]
    return "\n".join([*head, *body, *notes])


LOAD = os.getloadavg()  # at the start of the run: how busy the machine was


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
    bench_engine = _bench_module()
    count, repeats, few = (300, 3, 50) if quick else (2000, 15, 300)
    sections = []
    for label, path, hand, make, rules in (
        (
            "ten-question tree: boolean and enum",
            TREE,
            bench_engine.hand_written,
            bench_engine.make_cases,
            bench_engine.RULE_ENGINE_TEN,
        ),
        (
            "mixed tree: number, integer, date, set, enum, boolean",
            HERE / "mixed_questions.yaml",
            bench_engine.hand_written_mixed,
            bench_engine.make_mixed_cases,
            bench_engine.RULE_ENGINE_MIXED,
        ),
    ):
        rows, _ = side_by_side(label, path, hand, make(count), rules, repeats, few)
        sections.append((f"Side by side: {label}", rows))
    sections += [
        ("durable-rules backend: compiling", durable_compile_rows()),
        ("Cold processes (absolute)", import_rows(runs=3 if quick else 7)),
        ("Memory", memory_rows(count=10_000 if quick else 100_000)),
        (
            "Verification (absolute)",
            verify_rows(
                [10, 40] if quick else [10, 40, 160, 640],
                [10, 20] if quick else [10, 20, 30, 40],
                [100, 1_000] if quick else [100, 1_000, 10_000],
            ),
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
