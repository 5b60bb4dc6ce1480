"""A real DMN client opens our exports: bpmn.io's dmn-js viewer in headless Chromium.

Needs a browser and dmn-js's bundle: set DMN_JS_DIST to the ``dist`` folder of the npm package
``dmn-js`` (``npm pack dmn-js@17``; ``.ci/run`` does this), else the test is skipped.
"""

from __future__ import annotations

import html
import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from decision_trees.tables import load_table, to_dmn

DATA = Path(__file__).parent / "tables_data"
BROWSER = next(
    filter(
        None, map(shutil.which, ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable"))
    ),
    None,
)
DIST = Path(os.environ["DMN_JS_DIST"]) if os.environ.get("DMN_JS_DIST") else None

pytestmark = [
    pytest.mark.skipif(BROWSER is None, reason="no headless browser installed (apt-get install chromium)"),
    pytest.mark.skipif(
        DIST is None or not (DIST / "dmn-viewer.production.min.js").exists(),
        reason="dmn-js not found: set DMN_JS_DIST to the dist folder of the npm package dmn-js",
    ),
]

_PAGE = """<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">
<link rel="stylesheet" href="{dist}/assets/dmn-js-shared.css">
<link rel="stylesheet" href="{dist}/assets/dmn-js-decision-table.css">
<link rel="stylesheet" href="{dist}/assets/dmn-font/css/dmn.css">
<script src="{dist}/dmn-viewer.production.min.js"></script>
<title>dmn-js</title></head>
<body><div id="canvas" style="width: 1200px"></div><pre id="out">pending</pre>
<script type="application/json" id="xml">{xml}</script>
<script>
(async () => {{
  const out = document.getElementById("out");
  try {{
    const viewer = new DmnJS({{container: "#canvas"}});
    const result = await viewer.importXML(JSON.parse(document.getElementById("xml").textContent));
    const view = viewer.getViews().find((v) => v.type === "decisionTable");
    await viewer.open(view);
    const cells = [...document.querySelectorAll("#canvas td, #canvas th")].map((c) => c.textContent.trim());
    out.textContent = JSON.stringify({{
      ok: true,
      warnings: result.warnings.map((w) => String(w.message)),
      views: viewer.getViews().map((v) => v.type),
      hitPolicy: (document.querySelector("#canvas .hit-policy") || {{}}).textContent || "",
      cells,
    }});
  }} catch (e) {{
    out.textContent = JSON.stringify({{ok: false, error: String((e && e.message) || e)}});
  }}
}})();
</script></body></html>
"""


def open_in_dmn_js(xml: str, tmp_path: Path, screenshot: Path | None = None) -> dict[str, object]:
    assert BROWSER is not None
    assert DIST is not None
    page = tmp_path / "dmn.html"
    data = json.dumps(xml).replace("<", "\\u003c")
    page.write_text(_PAGE.format(dist=DIST.resolve().as_uri(), xml=data), encoding="utf-8")
    flags = [
        BROWSER,
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--allow-file-access-from-files",
        "--virtual-time-budget=30000",
        f"--user-data-dir={tmp_path / 'profile'}",
    ]
    if screenshot is not None:
        subprocess.run(
            [*flags, f"--screenshot={screenshot}", "--window-size=1250,700", page.as_uri()],
            capture_output=True,
            timeout=300,
            check=False,
        )
    done = subprocess.run(
        [*flags, "--dump-dom", page.as_uri()], capture_output=True, timeout=300, check=False
    )
    assert done.returncode == 0, done.stderr.decode(errors="replace")[-2000:]
    found = re.search(r'<pre id="out">(.*?)</pre>', done.stdout.decode("utf-8"), re.S)
    assert found is not None
    text = html.unescape(found.group(1))
    assert text != "pending", "dmn-js did not finish"
    result: dict[str, object] = json.loads(text)
    return result


def test_dmn_js_displays_an_exported_table(tmp_path: Path) -> None:
    table = load_table(DATA / "approval.yaml")
    shot = os.environ.get("DMN_JS_SCREENSHOT")  # to look at it: a PNG path
    # dmn-js 17 reads DMN 1.3 (and migrates 1.1/1.2); it refuses the 1.4 and 1.5 namespaces
    result = open_in_dmn_js(to_dmn(table, version="1.3"), tmp_path, Path(shot) if shot else None)
    assert result["ok"], result.get("error")
    assert result["warnings"] == []
    views = result["views"]
    assert isinstance(views, list)
    assert "decisionTable" in views
    cells = result["cells"]
    assert isinstance(cells, list)
    shown = ["Age", "Risk category", "Affordable", "Decision", ">= 18", '"Low", "Medium"', 'not("High")']
    for expected in [*shown, '"Approved"', '"Declined"', "< 18"]:
        assert any(expected in cell for cell in cells), (expected, cells)
    assert any("Adult applicant with low or medium risk" in cell for cell in cells)  # the description
    assert result["hitPolicy"] == "Hit policy:Unique"


def test_dmn_js_displays_a_trees_table_node(tmp_path: Path) -> None:
    from decision_trees.tables.trees import tree_tables

    (table,) = tree_tables(Path(__file__).parent / "trees" / "table_node_dmn.yaml")
    shot = os.environ.get("DMN_JS_SCREENSHOT")
    result = open_in_dmn_js(to_dmn(table, version="1.3"), tmp_path, Path(shot) if shot else None)
    assert result["ok"], result.get("error")
    assert result["warnings"] == []
    cells = result["cells"]
    assert isinstance(cells, list)
    for expected in ["Risk", "Sensitive", "Budget", '"high"', '"medium", "high"', ">= 100000", '"refuse"']:
        assert any(expected in cell for cell in cells), (expected, cells)
    assert result["hitPolicy"] == "Hit policy:First"
