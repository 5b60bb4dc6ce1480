"""Benchmark: the portfolio report of a register of 10,000 generated partners.

Run: ``.venv/bin/python bench/bench_register.py [N]``. Prints the time to validate the partners,
to assess them and schedule their reviews (the report), and to render it as text, JSON and CSV;
also the time to read the same register from CSV. The target is under a second for the report.
Knowledge-security outcomes are recorded ones, read with the reference tree.
"""

from __future__ import annotations

import datetime as dt
import random
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path
from typing import Any

import partner_criteria as pc
from partner_criteria.knowledge_security import reference_tree
from partner_criteria.models import (
    CATEGORIES,
    FORMS,
    INSTITUTION_TYPES,
    OBJECTIVE_IDS,
    PREREQUISITE_IDS,
    SUBPOINT_IDS,
)

ON = dt.date(2026, 3, 1)


def generate(n: int, seed: int = 2024) -> list[dict[str, Any]]:
    """``n`` plain partner records with random evidence, history and knowledge-security outcomes."""
    rng = random.Random(seed)
    tree = reference_tree()
    outcomes = [*tree.outcomes, None]
    out = []
    for i in range(n):
        start = (
            dt.date(2015, 1, 1) + dt.timedelta(days=rng.randrange(0, 4000)) if rng.random() < 0.9 else None
        )
        end = start + dt.timedelta(days=rng.randrange(400, 2500)) if start and rng.random() < 0.9 else None
        history: dict[str, Any] = {}
        if start:
            span = max(1, (ON - start).days)
            for key in ("last_monitoring", "last_evaluation"):
                if rng.random() < 0.7:
                    history[key] = start + dt.timedelta(days=rng.randrange(0, span))
        outcome = rng.choice(outcomes)
        record = None
        if outcome is not None:
            record = {
                "outcome": outcome,
                "date": ON - dt.timedelta(days=rng.randrange(0, 1500)),
                "tree": tree.id,
                "tree_hash": tree.content_hash,
            }
        out.append(
            {
                "id": f"partner-{i:05d}",
                "name": f"Generated Partner {i}",
                "country": rng.choice(["XA", "XB", "XC", "XD", "XE", "XF"]),
                "city": f"City {i % 97}",
                "type": rng.choice(INSTITUTION_TYPES),
                "partnership": {
                    "category": rng.choice(CATEGORIES),
                    "forms": rng.sample(FORMS, rng.randrange(0, 4)),
                    "start": start,
                    "agreement_end": end,
                },
                "evidence": {
                    k: [f"evidence for {k}"] for k in (*SUBPOINT_IDS, *OBJECTIVE_IDS) if rng.random() < 0.45
                },
                "prerequisites": {k: rng.random() < 0.8 for k in PREREQUISITE_IDS},
                "history": history,
                "knowledge_security": record,
            }
        )
    return out


CPU: dict[str, float] = {}


def timed(label: str, fn: Any) -> Any:
    began, cpu = time.perf_counter(), time.process_time()
    result = fn()
    CPU[label] = time.process_time() - cpu
    print(f"  {label:<38} {time.perf_counter() - began:7.3f} s (CPU {CPU[label]:.3f} s)")
    return result


def main(n: int = 10_000) -> None:
    records = generate(n)
    reference_tree()  # loaded once, as in a long-running process
    pc.criteria_tree()
    print(f"register of {n:,} generated partners, report date {ON}")
    partners = timed("validate partners (pydantic)", lambda: [pc.parse_partner(r) for r in records])
    began = time.perf_counter()
    report = timed("report: assess + schedule + sort", lambda: pc.portfolio(partners, ON))
    report_seconds = time.perf_counter() - began
    report_cpu = CPU["report: assess + schedule + sort"]
    text = timed("render text", report.to_text)
    timed("render JSON", report.to_json)
    csv_out = timed("render CSV", report.to_csv)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "register.csv"
        path.write_text(pc.partners_to_csv(partners), encoding="utf-8")
        from_csv = timed("read register CSV (parse + validate)", lambda: pc.load_register(path))
        assert len(from_csv.partners) == n
    print(f"  outcomes: {dict(Counter(e.assessment.outcome_id for e in report.entries))}")
    print(f"  most urgent review: {report.summary()['reviews']}")
    print(f"  text {len(text):,} chars, CSV {csv_out.count(chr(10)):,} lines")
    with_csv = report_cpu + CPU["render CSV"]
    verdict = "under" if with_csv < 1 else "OVER"
    print(
        f"report of {n:,} partners: {report_seconds:.3f} s wall, {report_cpu:.3f} s CPU; "
        f"with the CSV rendered {with_csv:.3f} s CPU ({verdict} one second; on a shared machine "
        "CPU time is the fair measure)"
    )


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 10_000)
