"""Benchmark: every guarded reader at its size limit, with the worst inputs we know of.

Run: ``.venv/bin/python bench/bench_readers.py``. Each case runs in a fresh process, which prints
the wall and CPU time of the read and the process's peak resident memory (``VmHWM``, which
includes the interpreter and the libraries, about 35-45 MB). On a shared machine the wall time
grows with the load; the CPU time is the figure to compare. The target: every refusal in under a second of CPU
and 100 MB, for any input up to the limit.
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

CHILD = r"""
import json, resource, sys, time
from pathlib import Path
import decision_trees as dt, kennisveiligheid as kv, partner_criteria as pc
reader, path = sys.argv[1], sys.argv[2]
read = {
    "tree": dt.load, "case": kv.load_case, "lists": kv.load_lists, "overlay": kv.load_institution_tree,
    "partner": pc.load_partner, "register": pc.load_register,
}[reader]
before = resource.getrusage(resource.RUSAGE_SELF)
start = time.perf_counter()
try:
    read(Path(path))
    result = "accepted"
except dt.DecisionTreeError as exc:
    result = str(exc).splitlines()[-1].strip()[:90]
wall = time.perf_counter() - start
after = resource.getrusage(resource.RUSAGE_SELF)
status = Path("/proc/self/status").read_text() if Path("/proc/self/status").exists() else ""
hwm = [int(l.split()[1]) / 1024 for l in status.splitlines() if l.startswith("VmHWM:")]
peak = hwm[0] if hwm else after.ru_maxrss / 1024
print(json.dumps({"wall": wall, "cpu": after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime,
                  "rss_mb": peak, "result": result}))
"""

MiB = 1024 * 1024


def inputs(limit: int) -> dict[str, Callable[[], str]]:
    """The worst inputs for a YAML reader whose limit is ``limit`` bytes (made one at a time)."""
    return {
        "flat flow list": lambda: "[" + "1," * (limit // 2 - 2) + "1]",
        "flat block list": lambda: "- 1\n" * (limit // 4 - 1),
        "many keys": lambda: "".join(f"k{i}: 1\n" for i in range(limit // 12)),
        "one long string": lambda: "a: '" + "x" * (limit - 10) + "'",
        "deep nesting": lambda: "a: " + "[" * (limit // 2 - 4) + "]" * (limit // 2 - 4),
        "alias bomb": lambda: "a: &a [x,x,x,x,x,x,x,x,x]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\n"
        + "c: [" + ",".join(["*b"] * (limit // 4 - 40)) + "]\n",
        "over the limit": lambda: "# padding\n" * (limit // 10 + 1),
    }  # fmt: skip


def csv_register(limit: int, valid: bool) -> str:
    """A CSV register just under ``limit`` bytes: rows of the example register (ids made unique),
    or rows that are each wrong."""
    example = (Path(__file__).parent.parent / "examples" / "partners" / "register.csv").read_text(
        encoding="utf-8"
    )
    header, first = example.splitlines()[:2]
    first = first.replace(",../", ",")  # no case file to look up
    ident = first.split(",", 1)[0]
    template = first.replace(ident, "{0}", 1) if valid else "p{0},Partner {0},NL,Den Haag,university,wrong\n"
    rows, size, i = [], len(header) + 1, 0
    while True:
        line = template.format(f"p{i}") + ("\n" if valid else "")
        if size + len(line) >= limit:
            break
        rows.append(line)
        size += len(line)
        i += 1
    return header + "\n" + "".join(rows)


def main() -> int:
    readers = {
        "tree": 2 * MiB,
        "case": 2_000_000,
        "lists": 2_000_000,
        "overlay": 2_000_000,
        "register": 8 * MiB,
    }
    print(f"{'reader':9} {'input':18} {'bytes':>9} {'wall s':>7} {'cpu s':>6} {'rss MB':>7}  result")
    with tempfile.TemporaryDirectory() as folder:
        for reader, limit in readers.items():
            cases = inputs(limit)
            if reader == "register":
                cases = {
                    "csv valid rows": lambda limit=limit: csv_register(limit, valid=True),
                    "csv wrong rows": lambda limit=limit: csv_register(limit, valid=False),
                    **cases,
                }
            for name, make in cases.items():
                text = make()
                suffix = ".csv" if name.startswith("csv") else ".yaml"
                path = Path(folder) / f"input{suffix}"
                path.write_text(text, encoding="utf-8")
                done = subprocess.run(  # noqa: S603 - our own child script
                    [sys.executable, "-c", CHILD, reader, str(path)],
                    capture_output=True,
                    text=True,
                    check=False,
                )
                if done.returncode != 0:
                    print(f"{reader:9} {name:18} FAILED: {done.stderr[-300:]}")
                    continue
                size = len(text.encode())
                del text
                r = json.loads(done.stdout)
                print(
                    f"{reader:9} {name:18} {size:>9} {r['wall']:7.2f} {r['cpu']:6.2f} "
                    f"{r['rss_mb']:7.0f}  {r['result'][:60]}"
                )
    return 0


if __name__ == "__main__":
    sys.exit(main())
