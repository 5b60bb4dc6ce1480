"""Decision reports: the self-contained HTML page (also opened in a headless browser) and Markdown."""

from __future__ import annotations

import itertools
import operator
import re
import shutil
import struct
import subprocess
import zlib
from collections import Counter
from html.parser import HTMLParser
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from test_rendering_support import DOT, NO_DOT, parse_html, rich_decision, rich_tree

import decision_trees
from decision_trees import Lang
from decision_trees.rendering import RenderOptionError, severity_band, to_mermaid
from decision_trees.reporting import AUTO_NEIGHBOURHOOD_ABOVE, to_html, to_markdown, write_html_report
from decision_trees.testing import answers, trees

needs_dot = pytest.mark.skipif(DOT is None, reason=NO_DOT)
BROWSER = next(
    filter(
        None, map(shutil.which, ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable"))
    ),
    None,
)
needs_browser = pytest.mark.skipif(
    BROWSER is None,
    reason="no headless browser installed (looked for chromium, chromium-browser, google-chrome); "
    "on Debian/Ubuntu: apt-get install chromium",
)


# ----------------------------------------------------------------------------------------------
# HTML content


def test_html_report_has_outcome_steps_trace_answers_and_sources() -> None:
    decision = rich_decision()
    page = to_html(decision)
    assert page.startswith('<!DOCTYPE html>\n<html lang="en">')
    assert '<h2 id="outcome-label">Go with measures</h2>' in page
    assert f"background:{severity_band(30).fill}" in page
    assert "Severity: 30</span><span>Permitted: yes</span><span>Desirable: not assessed" in page
    assert "Go ahead and record the measures." in page
    assert '<section id="next-steps"><h2>Next steps</h2><ul>' in page
    assert "<li>Inform the adviser</li>" in page
    assert "<li>Exit clause</li>" in page
    assert "<li>Access control</li>" in page
    # the trace as a table: the question, the answer, the branch, the next step, linked sources
    assert (
        '<tr class="question" data-node="formal"><td>1</td><td>Is this a formal collaboration?</td>' in page
    )
    assert "<td><strong>low</strong></td><td>low risk<br>→ Go with measures</td>" in page
    assert '<a href="#source-1" title="adapted">[1]</a>' in page
    assert '<a href="#source-2" title="adapted, 2.1">[2]</a>' in page
    # a rule step: why it held in one short line per decisive part, never the nested condition
    assert '<li class="held">✓ Sensitive technology area (Technology areas: AI)</li>' in page
    assert "any of (" not in page
    assert "Note: The policy names no amount." in page
    # the answers used and the sources, with working links
    assert '<tr data-input="areas"><td>Technology areas</td><td>AI</td></tr>' in page
    assert (
        '<li id="source-1"><a href="https://www.rijksoverheid.nl/documenten/publicaties/2022/01/31/'
        'nationale-leidraad-kennisveiligheid" rel="noreferrer">Nationale Leidraad Kennisveiligheid</a>'
    ) in page
    assert '<li id="source-2">Internationaliseringsbeleid 2024–2028, De Haagse Hogeschool, Bijlage 2' in page


def test_html_report_is_self_contained_and_script_free() -> None:
    page = to_html(rich_decision())
    parsed = parse_html(page)
    tags = [tag for tag, _ in parsed.tags]
    assert "script" not in tags
    assert "link" not in tags
    assert "img" not in tags
    assert "iframe" not in tags
    csp = next(a for t, a in parsed.tags if t == "meta" and a.get("http-equiv") == "Content-Security-Policy")
    assert "default-src 'none'" in (csp["content"] or "")
    external = [
        (tag, name) for tag, attrs in parsed.tags for name, value in attrs.items() if value and "//" in value
    ]
    # namespaces of the inline SVG, and links to the sources: nothing that the page loads
    assert set(external) <= {("svg", "xmlns"), ("svg", "xmlns:xlink"), ("a", "href")}
    assert external.count(("a", "href")) == 1  # the one source with an address
    assert "@import" not in page
    assert "url(" not in page


@needs_dot
def test_html_report_inlines_the_highlighted_path_as_svg() -> None:
    decision = rich_decision(risk="unknown")
    page = to_html(decision)
    assert "<?xml" not in page
    assert "<!DOCTYPE svg" not in page
    svg = page[page.index("<svg") : page.index("</svg>")]
    assert len(re.findall(r'class="node [a-z]+ path', svg)) == len(decision.path)
    assert len(re.findall(r'class="edge [a-z]+ path"', svg)) == len(decision.path) - 1
    assert "<figcaption>" not in page  # the whole (small) tree is drawn


def test_html_report_without_dot_says_so_and_keeps_the_dot_text(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("shutil.which", lambda name: None)
    decision = rich_decision()
    page = to_html(decision)
    assert "<svg" not in page
    assert "the Graphviz program &#x27;dot&#x27; is not installed" in page or "'dot' is not installed" in page
    assert "[DT611]" in page
    assert "apt-get install graphviz" in page
    assert '<pre class="dot">digraph {' in page
    assert '<h2 id="outcome-label">Go with measures</h2>' in page


def test_html_report_in_dutch() -> None:
    page = to_html(rich_decision(), lang="nl")
    assert '<html lang="nl">' in page
    assert '<h2 id="outcome-label">Doorgaan met maatregelen</h2>' in page
    assert "Vervolgstappen" in page
    assert "Waarom, stap voor stap" in page
    assert "Toegestaan: ja" in page
    with pytest.raises(RenderOptionError):
        to_html(rich_decision(), lang="fr")  # type: ignore[arg-type]


def test_large_trees_are_drawn_as_path_and_neighbourhood(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("shutil.which", lambda name: None)  # compare DOT text, not SVG
    decision = rich_decision()
    assert "(path and its neighbourhood)" in to_html(decision, neighbourhood=1)
    assert "(path and its neighbourhood)" not in to_html(decision)
    monkeypatch.setattr("decision_trees.reporting.AUTO_NEIGHBOURHOOD_ABOVE", 3)
    assert "(path and its neighbourhood)" in to_html(decision)
    assert AUTO_NEIGHBOURHOOD_ABOVE == 40


def test_report_is_deterministic_and_written_to_a_file(tmp_path: Path) -> None:
    decision = rich_decision()
    assert to_html(decision) == to_html(decision)
    target = write_html_report(decision, tmp_path / "report.html", "nl")
    assert target == tmp_path / "report.html"
    assert target.read_text(encoding="utf-8") == to_html(decision, lang="nl")


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(trees(complete=True, max_nodes=6).flatmap(lambda t: answers(t).map(lambda a: (t, a))))
def test_every_generated_decision_gets_a_well_formed_report(
    case: tuple[decision_trees.Tree, dict[str, Any]],
) -> None:
    tree, given_answers = case
    decision = tree.evaluate(given_answers)
    page = to_html(decision)
    parsed = parse_html(page)
    rows = [a for t, a in parsed.tags if t == "tr" and "data-node" in a]
    assert [a["data-node"] for a in rows] == list(decision.path)
    markdown = to_markdown(decision)
    assert markdown.count("\n| ") == len(decision.path) + 1  # header and one row per step


# ----------------------------------------------------------------------------------------------
# Markdown


def test_markdown_report() -> None:
    decision = rich_decision(risk="high")
    text = to_markdown(decision)
    assert text.startswith("# Decision: Committee\n")
    assert "**Severity:** 85 · **Permitted:** no · **Desirable:** not assessed" in text
    assert (
        "| 3 | What is the country risk? | **high** | Country risk is one of: medium, high | [1] [2] |"
        in text
    )
    row = next(line for line in text.splitlines() if line.startswith("| 2 | Sensitive knowledge<br>"))
    assert "<br>✓ Sensitive technology area (Technology areas: AI)<br>" in row
    assert "any of (" not in row
    assert "&nbsp;" not in row
    assert "<br>*Note: The policy names no amount.* | **holds** | yes |  |" in row
    assert "| 4 | Outcome: **Committee** | | |  |" in text
    assert "```mermaid\n" + to_mermaid(decision.tree, decision).rstrip("\n") + "\n```" in text
    assert (
        "1. [Nationale Leidraad Kennisveiligheid](<https://www.rijksoverheid.nl/documenten/publicaties/"
        "2022/01/31/nationale-leidraad-kennisveiligheid>), Rijksoverheid, 2022-01-31"
    ) in text


def test_markdown_escapes_markup_but_keeps_words_readable() -> None:
    from decision_trees.reporting import md

    assert (
        md("Go with measures, knowledge-security (R&D)") == "Go with measures, knowledge-security (R&amp;D)"
    )
    assert md("*bold* _it_ [x](y) `c` | <b>") == r"\*bold\* \_it\_ \[x\](y) \`c\` \| &lt;b&gt;"
    assert md("# title") == r"\# title"
    assert md("- item") == r"\- item"
    assert md("1. item") == r"1\. item"
    assert md("line\nbreak") == "line break"


# ----------------------------------------------------------------------------------------------
# In a real browser


def decode_png(data: bytes) -> tuple[int, int, int, list[bytes]]:
    """(width, height, bytes per pixel, rows) of an 8-bit, non-interlaced RGB or RGBA PNG."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    pos, idat = 8, []
    width = height = colour = 0
    while pos < len(data):
        (length,) = struct.unpack(">I", data[pos : pos + 4])
        kind, body = data[pos + 4 : pos + 8], data[pos + 8 : pos + 8 + length]
        pos += 12 + length
        if kind == b"IHDR":
            width, height, depth, colour, _, _, interlace = struct.unpack(">IIBBBBB", body)
            assert depth == 8
            assert colour in (2, 6)
            assert interlace == 0
        elif kind == b"IDAT":
            idat.append(body)
    bpp = 3 if colour == 2 else 4
    raw = zlib.decompress(b"".join(idat))
    stride = width * bpp
    mask = (255).__and__
    rows, prev = [], bytes(stride)
    for y in range(height):
        start = y * (stride + 1)
        filter_type, line = raw[start], raw[start + 1 : start + 1 + stride]
        if filter_type == 0:
            row = bytes(line)
        elif filter_type == 1:  # Sub
            out = bytearray(stride)
            for c in range(bpp):
                out[c::bpp] = bytes(map(mask, itertools.accumulate(line[c::bpp])))
            row = bytes(out)
        elif filter_type == 2:  # Up
            row = bytes(map(mask, map(operator.add, line, prev)))
        else:  # Average or Paeth
            out = bytearray(stride)
            for i in range(stride):
                a = out[i - bpp] if i >= bpp else 0
                b = prev[i]
                if filter_type == 3:
                    out[i] = (line[i] + ((a + b) >> 1)) & 255
                else:
                    c = prev[i - bpp] if i >= bpp else 0
                    p = a + b - c
                    pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                    out[i] = (line[i] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
            row = bytes(out)
        rows.append(row)
        prev = row
    return width, height, bpp, rows


class _DomQuery(HTMLParser):
    """Text of the element with id ``outcome-label`` and the classes of every SVG ``g``."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.depth = 0
        self.outcome = ""
        self.groups: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if tag == "g":
            self.groups.append(found.get("class") or "")
        if self.depth or found.get("id") == "outcome-label":
            self.depth += 1

    def handle_endtag(self, tag: str) -> None:
        if self.depth:
            self.depth -= 1

    def handle_data(self, data: str) -> None:
        if self.depth:
            self.outcome += data


def _chromium(*args: str, profile: Path) -> subprocess.CompletedProcess[bytes]:
    assert BROWSER is not None
    return subprocess.run(
        [
            BROWSER,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-dev-shm-usage",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
            f"--user-data-dir={profile}",
            *args,
        ],
        capture_output=True,
        timeout=180,
        check=False,
    )


@pytest.mark.slow
@needs_browser
@needs_dot
def test_the_report_in_a_headless_browser_shows_the_outcome_and_the_path(tmp_path: Path) -> None:
    tree = rich_tree()
    decision = rich_decision(tree, risk="unknown")  # → Postpone
    report = write_html_report(decision, tmp_path / "report.html")
    url = report.resolve().as_uri()

    dumped = _chromium("--dump-dom", url, profile=tmp_path / "profile")
    assert dumped.returncode == 0, dumped.stderr.decode(errors="replace")[-2000:]
    query = _DomQuery()
    query.feed(dumped.stdout.decode("utf-8"))
    assert query.outcome.strip() == "Postpone"
    on_path = [c for c in query.groups if c.split()[:1] == ["node"] and "path" in c.split()]
    taken = [c for c in query.groups if c.split()[:1] == ["edge"] and "path" in c.split()]
    assert len(on_path) == len(decision.path) == 4
    assert len(taken) == 3
    assert any("faded" in c.split() for c in query.groups)

    shot = tmp_path / "report.png"
    taken_shot = _chromium(
        f"--screenshot={shot}", "--window-size=1200,1600", url, profile=tmp_path / "profile"
    )
    assert taken_shot.returncode == 0, taken_shot.stderr.decode(errors="replace")[-2000:]
    width, height, bpp, rows = decode_png(shot.read_bytes())
    assert (width, height) == (1200, 1600)
    colours: Counter[bytes] = Counter()
    for row in rows[::2]:
        for x in range(0, len(row), bpp * 2):
            colours[row[x : x + 3]] += 1
    assert len(colours) > 50, "the screenshot is blank"
    assert colours.most_common(1)[0][1] < 0.95 * sum(colours.values()), "the screenshot is nearly blank"
    band = severity_band(decision.outcome.severity)
    assert colours[bytes.fromhex(band.fill[1:])] > 1000  # the outcome box in its severity colour
    assert colours[bytes.fromhex("1d4ed8")] > 200  # the highlighted path (and the outcome border)


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_reports_show_each_step_as_the_committee_document_does(lang: Lang) -> None:
    """The generic reports (HTML and Markdown) say why a rule held in short lines through the
    presentation layer: long lists summarised, the conditions that held named, no nested logic."""
    import kennisveiligheid as kv
    from kennisveiligheid.commands.assess import build_report

    case = Path(__file__).resolve().parent.parent / "examples" / "quantum-sensing-defence.yaml"
    report = build_report(SimpleNamespace(tree=None, lists=None, lang=lang, case=str(case)))
    decision = report.decision
    assert decision.tree.id == kv.reference_tree().id
    listed = {"nl": "2 van de 10 in de lijst: ", "en": "2 of the 10 listed: "}[lang]
    holds = {"nl": "geldt", "en": "holds"}[lang]
    for text in (to_markdown(decision, lang=lang), to_html(decision, lang=lang, neighbourhood=0)):
        assert listed in text
        assert f"**{holds}**" in text or f"<strong>{holds}</strong>" in text
        for nested in ("any of (", "all of (", "at least ", "AllOf", "&nbsp;&nbsp;&nbsp;"):
            assert nested not in text, nested
