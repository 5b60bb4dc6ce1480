"""Mermaid output drawn by the real Mermaid library in a headless browser, hostile labels included.

Needs a browser (chromium) and Mermaid's bundle: set MERMAID_JS to a ``mermaid.min.js`` (e.g.
``npm pack mermaid@11 && tar xzf mermaid-*.tgz`` gives ``package/dist/mermaid.min.js``) or have
``node_modules/mermaid/dist/mermaid.min.js`` in the repository. Skipped otherwise.
"""

from __future__ import annotations

import html
import json
import os
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
from test_rendering_injection import decide, hostile_rich_tree
from test_rendering_support import HOSTILE, parse_html, rich_decision, rich_tree

from decision_trees import Decision, Tree
from decision_trees.rendering import clean, describe, to_mermaid

ROOT = Path(__file__).parent.parent
BROWSER = next(
    filter(
        None, map(shutil.which, ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable"))
    ),
    None,
)
MERMAID_JS = next(
    (
        Path(p)
        for p in (os.environ.get("MERMAID_JS", ""), ROOT / "node_modules/mermaid/dist/mermaid.min.js")
        if p and Path(p).is_file()
    ),
    None,
)

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(BROWSER is None, reason="no headless browser installed (apt-get install chromium)"),
    pytest.mark.skipif(
        MERMAID_JS is None,
        reason="Mermaid's bundle not found: set MERMAID_JS to mermaid.min.js (npm pack mermaid@11)",
    ),
]

_PAGE = """<!DOCTYPE html><html><head><meta charset="utf-8"><script src="{script}"></script></head>
<body><pre id="out">pending</pre><script type="application/json" id="diagrams">{data}</script>
<script>
mermaid.initialize({{startOnLoad: false, securityLevel: "strict"}});
(async () => {{
  const diagrams = JSON.parse(document.getElementById("diagrams").textContent);
  const results = [];
  for (const [i, text] of diagrams.entries()) {{
    try {{ const {{svg}} = await mermaid.render("d" + i, text); results.push({{ok: true, svg}}); }}
    catch (e) {{ results.push({{ok: false, error: String((e && e.message) || e)}}); }}
  }}
  document.getElementById("out").textContent = JSON.stringify(results);
}})();
</script></body></html>
"""


def draw_in_browser(diagrams: list[str], tmp_path: Path) -> list[dict[str, str]]:
    assert BROWSER is not None
    assert MERMAID_JS is not None
    page = tmp_path / "mermaid.html"
    data = json.dumps(diagrams).replace("<", "\\u003c")
    page.write_text(_PAGE.format(script=MERMAID_JS.resolve().as_uri(), data=data), encoding="utf-8")
    done = subprocess.run(
        [
            BROWSER,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-dev-shm-usage",
            "--no-first-run",
            "--allow-file-access-from-files",
            "--virtual-time-budget=60000",
            f"--user-data-dir={tmp_path / 'profile'}",
            "--dump-dom",
            page.as_uri(),
        ],
        capture_output=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stderr.decode(errors="replace")[-2000:]
    found = re.search(r'<pre id="out">(.*?)</pre>', done.stdout.decode("utf-8"), re.S)
    assert found is not None
    text = html.unescape(found.group(1))
    assert text != "pending", "Mermaid did not finish drawing"
    results: list[dict[str, str]] = json.loads(text)
    return results


def _text(svg: str) -> str:
    return re.sub(r"\s+", "", html.unescape(re.sub(r"<[^>]*>", "", svg)))


def test_mermaid_draws_every_diagram_and_hostile_labels_stay_text(tmp_path: Path) -> None:
    tree = rich_tree()
    cases: list[tuple[Tree, Decision | None, dict[str, Any]]] = [
        (tree, None, {}),
        (tree, rich_decision(tree), {"sources": "footnotes"}),
        (tree, rich_decision(tree, formal=False), {"lang": "nl", "neighbourhood": 1}),
    ]
    for label in HOSTILE:
        hostile = hostile_rich_tree(label)
        cases.append((hostile, decide(hostile), {"sources": "footnotes"}))
    results = draw_in_browser([to_mermaid(t, d, **opts) for t, d, opts in cases], tmp_path)
    assert len(results) == len(cases)
    for (tree_drawn, decision, opts), result in zip(cases, results, strict=True):
        assert result["ok"], result.get("error")
        svg = result["svg"]
        elements = parse_html(svg).tags
        assert not {tag for tag, _ in elements} & {"script", "img", "iframe", "a", "object", "embed"}
        assert not [name for _, attrs in elements for name in attrs if name.startswith("on")]
        drawing = describe(tree_drawn, decision, **opts)
        nodes = re.findall(r'<g class="node default (question|rule|outcome)', svg)
        assert len(nodes) == len(drawing.nodes)
        visible = _text(svg)
        for node in drawing.nodes:
            assert re.sub(r"\s+", "", clean(node.label)) in visible
