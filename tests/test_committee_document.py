"""The committee document (``assess --html`` / ``--pdf``): what it says, how it prints, how it reads.

The PDF is checked by text extraction (``pdftotext``), page rendering (``pdftoppm``) and word
sizes; the HTML in headless Chromium (layout at a window width, and axe-core's WCAG 2.1 AA rules).
"""

from __future__ import annotations

import datetime as dt
import html
import json
import os
import re
import shutil
import subprocess
from pathlib import Path
from types import SimpleNamespace
from typing import Literal

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import kennisveiligheid
from decision_trees.presentation import answer_summary, established
from kennisveiligheid import HumanDecision, Report, Verdict, committee_html, reference_tree
from kennisveiligheid.cli import main
from kennisveiligheid.commands.assess import build_report
from kennisveiligheid.document import PdfSupportMissingError, import_weasyprint

ROOT = Path(__file__).parent.parent
CASE = ROOT / "examples" / "quantum-sensing-defence.yaml"
TODAY = dt.date(2026, 11, 30)
BROWSER = next(
    filter(
        None, map(shutil.which, ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable"))
    ),
    None,
)
AXE_JS = next(
    (
        Path(p)
        for p in (os.environ.get("AXE_JS", ""), ROOT / "node_modules/axe-core/axe.min.js")
        if p and Path(p).is_file()
    ),
    None,
)
try:
    import_weasyprint()
    WEASYPRINT: str | None = None
except PdfSupportMissingError as exc:  # not installed, or Pango (a system library) is missing
    WEASYPRINT = f"WeasyPrint is not usable ({exc}); pip install 'kennisveiligheid[pdf]'"

needs_pdf = pytest.mark.skipif(WEASYPRINT is not None, reason=WEASYPRINT or "")
needs_poppler = pytest.mark.skipif(
    shutil.which("pdftotext") is None or shutil.which("pdftoppm") is None,
    reason="poppler-utils (pdftotext, pdftoppm) not installed: apt-get install poppler-utils",
)
needs_dot = pytest.mark.skipif(shutil.which("dot") is None, reason="Graphviz 'dot' not installed")
needs_browser = pytest.mark.skipif(
    BROWSER is None, reason="no headless browser installed (apt-get install chromium)"
)


def _report(lang: str = "nl") -> Report:
    return build_report(SimpleNamespace(tree=None, lists=None, lang=lang, case=str(CASE)))


def _words(text: str) -> str:
    return " ".join(html.unescape(re.sub(r"<[^>]*>", " ", text)).split())


# ----------------------------------------------------------------------------------------------
# What it says


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_the_document_names_case_tree_date_outcome_and_every_question_on_the_path(
    lang: Literal["nl", "en"],
) -> None:
    report = _report(lang)
    decision = report.decision
    page = committee_html(report, lang=lang, today=TODAY)
    text = _words(page)
    assert report.case is not None
    assert report.case.title
    assert report.case.partner
    for shown in (report.case.title, report.case.partner.name, report.case.partner.country, "2026-11-30"):
        assert shown in text
    tree = decision.tree
    assert tree.title.get(lang) in text
    assert tree.version in text
    assert tree.content_hash in text
    assert decision.outcome.label.get(lang) in text
    for step in decision.trace:
        assert " ".join(step.text.get(lang).split()) in text, step.node
    for step in decision.trace[:-1]:
        if step.input is not None:
            assert answer_summary(tree, step.input, step.answer, lang) in text
    form = {"nl": "gezamenlijk onderzoek", "en": "joint research"}[lang]
    assert form in text
    # permitted as the path established it: every legal check passed
    assert re.search(r'id="permitted">(ja|yes)<', page)
    assert "niet beoordeeld" not in text
    assert "not assessed" not in text


def test_why_names_the_answers_that_made_a_rule_hold_and_summarises_long_lists() -> None:
    page = committee_html(_report("en"), lang="en", today=TODAY)
    why = _words(page.split('id="why"')[1].split('id="drawing"')[0])
    assert re.search(r"holds ?, because:", why)
    assert "Sensitive knowledge area" in why or "sensitive" in why.lower()
    assert "2 of the 10 listed: " in why  # the ten EU critical technology areas, summarised
    assert "AllOf" not in why
    assert "any of (" not in why
    assert "all of (" not in why


def test_no_english_interface_word_in_the_dutch_document() -> None:
    page = committee_html(_report("nl"), lang="nl", today=TODAY)
    interface = _words(re.sub(r"<(dd|li|p class=\"description\")[^>]*>.*?</\1>", "", page, flags=re.S))
    for english in ("Permitted", "Desirable", "Why", "Sources", "Next steps", "holds", "Case", "Partner:"):
        assert english not in interface.split(" ")


def test_the_committee_block_is_empty_to_fill_in_or_shows_a_recorded_decision() -> None:
    report = _report("nl")
    empty = committee_html(report, lang="nl", today=TODAY)
    block = empty.split('id="people-decision"')[1]
    assert block.count('class="blank') == 5
    assert "Besluit van de commissie" in empty
    decided = HumanDecision(
        verdict=Verdict.GO_WITH_MEASURES,
        decided_by="committee",
        decided_on=dt.date(2026, 12, 14),
        reasons="Alleen met screening en een afgeschermd lab <script>",
        measures=("Screening van de gastonderzoekers",),
    )
    shown = committee_html(report, lang="nl", human_decision=decided, today=TODAY)
    block = shown.split('id="people-decision"')[1]
    assert 'class="blank' not in block
    assert "doorgaan met maatregelen" in block
    assert "2026-12-14" in block
    assert "Screening van de gastonderzoekers" in block
    assert "&lt;script&gt;" in block
    assert "<script>" not in shown


def test_case_text_is_escaped(tmp_path: Path) -> None:
    hostile = '"><script>alert(1)</script>'
    case = re.sub(r"(?m)^title: .*$", f"title: '{hostile} Quantum sensors'", CASE.read_text(encoding="utf-8"))
    path = tmp_path / "case.yaml"
    path.write_text(case, encoding="utf-8")
    report = build_report(SimpleNamespace(tree=None, lists=None, lang="en", case=str(path)))
    page = committee_html(report, lang="en", today=TODAY)
    assert "<script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page


def test_a_bare_decision_makes_a_document_too() -> None:
    decision = kennisveiligheid.assess(CASE)
    page = committee_html(decision, lang="en", today=TODAY)
    assert decision.outcome.label.en in page
    assert "Partner" not in _words(page.split("</header>")[0])


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_permitted_is_established_exactly_when_the_path_got_past_the_legal_gate(data: st.DataObject) -> None:
    """Checked against the reference tree's sections, which :func:`established` does not read."""
    from decision_trees.testing import answers

    tree = reference_tree()
    decision = tree.evaluate(data.draw(answers(tree)))
    permitted, desirable = established(decision)
    assert desirable is decision.outcome.desirable  # an open desirability is left to people
    if decision.outcome.permitted is not None:
        assert permitted == decision.outcome.permitted
        return
    sections = {tree.nodes[n].section for n in decision.path[:-1]}
    past_legal = bool(sections & {"policy", "ethics", "weighing"})
    assert permitted is (True if past_legal else None)


# ----------------------------------------------------------------------------------------------
# The command line


def test_assess_pdf_without_weasyprint_is_a_clear_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import builtins

    real_import = builtins.__import__

    def no_weasyprint(name: str, *args: object, **kwargs: object) -> object:
        if name == "weasyprint":
            raise ImportError("No module named 'weasyprint'")
        return real_import(name, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(builtins, "__import__", no_weasyprint)
    target = tmp_path / "ks.pdf"
    assert main(["assess", str(CASE), "--pdf", str(target)]) == 2
    err = capsys.readouterr().err
    with pytest.raises(kennisveiligheid.PdfSupportMissingError) as raised:
        kennisveiligheid.write_committee_pdf(kennisveiligheid.assess(CASE), target)
    assert raised.value.code == "KV300"
    assert "pip install 'kennisveiligheid[pdf]'" in err
    assert not target.exists()


def test_weasyprint_warning_about_a_missing_system_library_is_not_an_error(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """WeasyPrint 70 warns on import when the system lacks HarfBuzz-Subset (it then embeds whole
    fonts); with warnings as errors (as this suite runs) the PDF must still be written, and any
    other warning still passes on."""
    import builtins
    import types
    import warnings

    real_import = builtins.__import__
    fake = types.ModuleType("weasyprint")

    def warning_weasyprint(name: str, *args: object, **kwargs: object) -> object:
        if name == "weasyprint":
            warnings.warn(
                "HarfBuzz-Subset will be required by future versions of WeasyPrint. Please install "
                "this library with your package manager.",
                DeprecationWarning,
                stacklevel=2,
            )
            return fake
        return real_import(name, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(builtins, "__import__", warning_weasyprint)
    assert import_weasyprint() is fake

    def other_warning(name: str, *args: object, **kwargs: object) -> object:
        if name == "weasyprint":
            warnings.warn("something else", DeprecationWarning, stacklevel=2)
        return real_import(name, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(builtins, "__import__", other_warning)
    with pytest.raises(DeprecationWarning, match="something else"):
        import_weasyprint()


# ----------------------------------------------------------------------------------------------
# How it prints


def _pdf(tmp_path: Path, lang: str) -> Path:
    target = tmp_path / f"ks-{lang}.pdf"
    code = main(["assess", str(CASE), "--pdf", str(target), "--lang", lang])
    assert code == 20
    return target


def _pages(pdf: Path) -> int:
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    found = re.search(r"^Pages:\s+(\d+)", info, re.M)
    assert found is not None
    return int(found.group(1))


@pytest.mark.slow
@needs_pdf
@needs_poppler
@needs_dot
@pytest.mark.parametrize("lang", ["nl", "en"])
def test_the_pdf_is_a4_at_most_four_pages_with_every_question_and_no_blank_page(
    tmp_path: Path, lang: Literal["nl", "en"], capsys: pytest.CaptureFixture[str]
) -> None:
    pdf = _pdf(tmp_path, lang)
    capsys.readouterr()
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    assert "(A4)" in info
    pages = _pages(pdf)
    assert 1 <= pages <= 4
    text = " ".join(
        subprocess.run(
            ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
        ).stdout.split()
    )
    flat = " ".join(
        subprocess.run(
            ["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True
        ).stdout.split()
    )
    report = _report(lang)
    assert report.case is not None
    assert report.case.title
    assert report.case.title in flat or report.case.title in text
    assert report.decision.outcome.label.get(lang) in flat
    for step in report.decision.trace[:-1]:
        assert " ".join(step.text.get(lang).split()) in flat, step.node
    # numbering is right: the last step's number is printed before its text
    last = report.decision.trace[-2]
    assert f"{len(report.decision.trace) - 1}. {last.text.get(lang)[:20]}" in flat

    # no page is blank
    subprocess.run(["pdftoppm", "-r", "30", "-gray", str(pdf), str(tmp_path / "page")], check=True)
    shots = sorted(tmp_path.glob("page-*.pgm"))
    assert len(shots) == pages
    for shot in shots:
        data = shot.read_bytes()
        header = re.match(rb"P5\s+(\d+)\s+(\d+)\s+(\d+)\s", data)
        assert header is not None
        pixels = data[header.end() :]
        dark = sum(1 for value in pixels if value < 200)
        assert dark > 0.01 * len(pixels), f"{shot.name} is (nearly) blank"

    # no text under 7 pt, the drawing's included (WeasyPrint draws SVG text as text)
    boxes = subprocess.run(
        ["pdftotext", "-bbox", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    heights = [
        float(y2) - float(y1)
        for y1, y2 in re.findall(r'yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)"', boxes)
    ]
    assert heights
    assert min(heights) >= 7 * 1.16
    drawn = report.decision.tree.inputs["sanctions_listed"].label.get(lang)  # only the drawing uses it
    assert drawn in flat


@pytest.mark.slow
@needs_pdf
@needs_dot
def test_a_pdf_is_written_whole_or_not_at_all(tmp_path: Path) -> None:
    target = tmp_path / "ks.pdf"
    kennisveiligheid.write_committee_pdf(_report("en"), target, lang="en", today=TODAY)
    assert target.read_bytes().startswith(b"%PDF-")
    assert [p.name for p in tmp_path.iterdir()] == ["ks.pdf"]  # no temporary file left


# ----------------------------------------------------------------------------------------------
# How it reads in a browser


def _chromium(*args: str, profile: Path) -> subprocess.CompletedProcess[bytes]:
    assert BROWSER is not None
    return subprocess.run(
        [
            BROWSER,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--disable-dev-shm-usage",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
            "--allow-file-access-from-files",
            f"--user-data-dir={profile}",
            *args,
        ],
        capture_output=True,
        timeout=240,
        check=False,
    )


_PROBE = """<script>
window.addEventListener("load", () => {
  const root = document.documentElement;
  const out = {width: root.scrollWidth, window: root.clientWidth, images: []};
  for (const img of document.querySelectorAll("figure img")) {
    const box = img.getBoundingClientRect(), column = img.parentElement.getBoundingClientRect();
    out.images.push({width: box.width, right: box.right, column: column.right, natural: img.naturalWidth});
  }
  const tags = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];
  const run = window.axe ? axe.run(document, {runOnly: {type: "tag", values: tags}}) : Promise.resolve(null);
  run.then((result) => {
    out.violations = result && result.violations.map((v) => ({id: v.id, nodes: v.nodes.map((n) => n.html)}));
    document.getElementById("probe-out").textContent = JSON.stringify(out);
  });
});
</script>"""


def _probe(tmp_path: Path, width: int, axe: Path | None) -> dict[str, object]:
    page = committee_html(_report("nl"), lang="nl", today=TODAY)
    page = re.sub(r'<meta http-equiv="Content-Security-Policy"[^>]*>', "", page)  # let the probe run
    script = f'<script src="{axe.resolve().as_uri()}"></script>' if axe else ""
    page = page.replace("</body>", f'<pre id="probe-out" hidden>pending</pre>{script}{_PROBE}</body>')
    path = tmp_path / "doc.html"
    path.write_text(page, encoding="utf-8")
    done = _chromium(
        f"--window-size={width},1000",
        "--virtual-time-budget=30000",
        "--dump-dom",
        path.as_uri(),
        profile=tmp_path / "profile",
    )
    assert done.returncode == 0, done.stderr.decode(errors="replace")[-2000:]
    found = re.search(r'<pre id="probe-out" hidden="">(.*?)</pre>', done.stdout.decode("utf-8"), re.S)
    assert found is not None
    text = html.unescape(found.group(1))
    assert text != "pending", "the probe did not finish"
    result: dict[str, object] = json.loads(text)
    return result


@pytest.mark.slow
@needs_browser
@needs_dot
@pytest.mark.parametrize("width", [1280, 500])
def test_on_screen_the_drawing_fits_the_column(tmp_path: Path, width: int) -> None:
    result = _probe(tmp_path, width, None)
    assert result["width"] == result["window"], "the page scrolls sideways"
    images = result["images"]
    assert isinstance(images, list)
    assert images
    for image in images:
        assert image["right"] <= image["column"] + 0.5
        assert image["width"] > 0


@pytest.mark.slow
@needs_browser
@needs_dot
@pytest.mark.skipif(
    AXE_JS is None, reason="axe-core not found: set AXE_JS to axe.min.js (npm pack axe-core@4)"
)
def test_the_document_passes_axe_core_wcag_21_aa(tmp_path: Path) -> None:
    result = _probe(tmp_path, 1280, AXE_JS)
    assert result["violations"] == []


def test_assess_decision_file_fills_the_committee_block(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    recorded = tmp_path / "decision.yaml"
    recorded.write_text(
        "verdict: no_go_not_desirable\ndecided_by: committee\ndecided_on: 2026-12-14\n"
        "reasons: Te nauwe banden met defensie.\n",
        encoding="utf-8",
    )
    target = tmp_path / "doc.html"
    assert (
        main(["assess", str(CASE), "--lang", "nl", "--decision", str(recorded), "--html", str(target)]) == 20
    )
    block = target.read_text(encoding="utf-8").split('id="people-decision"')[1]
    assert "niet doorgaan: niet wenselijk" in block
    assert "Te nauwe banden met defensie." in block
    recorded.write_text("verdict: maybe\n", encoding="utf-8")
    capsys.readouterr()
    assert main(["assess", str(CASE), "--decision", str(recorded), "--html", str(target)]) == 2
    assert "KV100" in capsys.readouterr().err
