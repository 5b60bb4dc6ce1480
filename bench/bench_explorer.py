"""The explorer page for the reference tree: size, time to interactive and time per answer,
measured by the browser itself (navigation timing and ``performance.now``) in headless Chromium.

Run: ``.venv/bin/python bench/bench_explorer.py`` (about half a minute; needs playwright and
chromium). Bounds from issue 10: page < 1.5 MB, interactive < 1 s, each answer < 50 ms.
"""

from __future__ import annotations

import argparse
import os
import re
import statistics
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from explorer_browser import Page, browser, missing  # noqa: E402

from decision_trees import explorer  # noqa: E402
from decision_trees.answers import answer_to_json  # noqa: E402
from kennisveiligheid import assess, load_case, reference_tree  # noqa: E402

CASES = sorted((ROOT / "examples").glob("*.yaml"))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--loads", type=int, default=10, help="page loads to time")
    args = parser.parse_args()
    why = missing()
    if why:
        print(f"cannot run: {why}", file=sys.stderr)
        return 1
    page_text = explorer(reference_tree(), lang="nl")
    size = len(page_text.encode("utf-8"))
    script = re.search(r"<script>(.*?)</script>", page_text, re.S)
    js = (ROOT / "decision_trees" / "explorer.js").read_bytes()
    css = (ROOT / "decision_trees" / "explorer.css").read_bytes()
    print(f"page size (reference tree):   {size / 1e6:.3f} MB  (bound 1.5 MB)")
    print(
        f"  JavaScript:                  {len(js) / 1e3:.1f} kB ({len(js.splitlines())} lines), "
        f"CSS {len(css) / 1e3:.1f} kB"
    )
    print(f"  inline script as embedded:   {len(script.group(1).encode()) / 1e3:.1f} kB" if script else "")
    interactive: list[float] = []
    ready: list[float] = []
    updates: list[float] = []
    with tempfile.TemporaryDirectory() as tmp, browser() as b:
        path = Path(tmp) / "ks.html"
        path.write_text(page_text, encoding="utf-8")
        for i in range(args.loads):
            page = Page(b, path)
            pg = page.page
            pg.wait_for_function("window.__explorerReady !== undefined")
            nav = pg.evaluate("performance.getEntriesByType('navigation')[0].toJSON()")
            interactive.append(max(nav["domInteractive"], pg.evaluate("window.__explorerReady")))
            ready.append(nav["loadEventEnd"])
            case = CASES[i % len(CASES)]
            answers = {k: answer_to_json(v) for k, v in assess(load_case(case)).answers.items()}
            while (key := page.asked()) is not None:
                page.answer(key, answers[key])
                updates.append(pg.evaluate("window.__explorerLastUpdate"))
            page.close()
    print(
        f"time to interactive (ms):     median {statistics.median(interactive):.1f}, "
        f"max {max(interactive):.1f}"
        f"  over {len(interactive)} loads (bound 1000)"
    )
    print(f"load event end (ms):          median {statistics.median(ready):.1f}, max {max(ready):.1f}")
    p95 = statistics.quantiles(updates, n=20)[-1]
    print(
        f"per-answer update (ms):       median {statistics.median(updates):.2f}, p95 {p95:.2f}, "
        f"max {max(updates):.2f}  over {len(updates)} answers (bound 50)"
    )
    print(f"load average during the run:  {os.getloadavg()[0]:.1f} (on {os.cpu_count()} cores)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
