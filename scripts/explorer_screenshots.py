"""Screenshots of the explorer page for the advisors' docs, made from the real page in Chromium.

    python scripts/explorer_screenshots.py    # writes docs/img/explorer/*.png

Needs playwright (the ``dev`` extra) and chromium. The case shown is examples/biotech-lab-access.yaml.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from explorer_browser import Page, browser, missing  # noqa: E402

from decision_trees import explorer  # noqa: E402
from decision_trees.answers import answer_to_json  # noqa: E402
from kennisveiligheid import assess, load_case, reference_tree  # noqa: E402

TARGET = ROOT / "docs" / "img" / "explorer"
CASE = ROOT / "examples" / "biotech-lab-access.yaml"


def main() -> int:
    why = missing()
    if why:
        print(f"cannot make screenshots: {why}", file=sys.stderr)
        return 1
    TARGET.mkdir(parents=True, exist_ok=True)
    answers = {k: answer_to_json(v) for k, v in assess(load_case(CASE)).answers.items()}
    with tempfile.TemporaryDirectory() as tmp, browser() as b:
        for lang in ("nl", "en"):
            path = Path(tmp) / f"ks.{lang}.html"
            path.write_text(explorer(reference_tree(), lang=lang), encoding="utf-8")
            page = Page(b, path)
            pg = page.page
            keys = list(answers)
            for key in keys[:2]:
                page.answer(key, answers[key])
            pg.screenshot(path=str(TARGET / f"question.{lang}.png"), full_page=True)
            page.answer_all(answers)
            pg.screenshot(path=str(TARGET / f"result.{lang}.png"), full_page=True)
            pg.click("#tab-browse")
            pg.click("#fit")
            for _ in range(4):
                pg.get_by_role("button", name="Inzoomen" if lang == "nl" else "Zoom in").click()
            pg.locator(f'button[data-node="{page.page.evaluate("explorer.result().outcome")}"]').click()
            pg.evaluate("window.scrollTo(0, 0)")
            pg.screenshot(path=str(TARGET / f"browse.{lang}.png"))
            page.close()
    for png in sorted(TARGET.glob("*.png")):
        print(png.relative_to(ROOT))
    return 0


if __name__ == "__main__":
    sys.exit(main())
