"""The committee document: one decision, as a committee files it (HTML, or an A4 PDF).

It names the case (title, partner, country, forms of collaboration), the tree (name, version,
fingerprint) and the date; states the outcome with *permitted* and *desirable* as the path
established them; lists next steps and measures; says why in short sentences (each question on
the path with its answer, each rule with the answers that made it hold); draws the path; lists
the derived answers, notes and numbered sources; and ends with a block for the committee's own
decision, empty to be filled in, or showing a recorded :class:`~kennisveiligheid.HumanDecision`.

The page is self-contained (no scripts, nothing from the network). On screen the drawing scales
to the column; in print (A4) the page breaks between blocks, never inside a step. The PDF is
written by WeasyPrint, an optional extra (``pip install 'kennisveiligheid[pdf]'``): it lays out
CSS paged media (A4, page numbers) itself, without a browser.
"""

from __future__ import annotations

import base64
import dataclasses
import datetime as dt
import math
import os
import re
import warnings
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from decision_trees import Decision, Lang, MissingDependencyError, Outcome, Question, Rule, Text
from decision_trees.support import (
    answer_summary,
    check_lang,
    citation_note,
    held_mark,
    safe_url,
    source_line,
    step_reasons,
    word,
    write_atomic,
)
from decision_trees.support import html_text as _e
from kennisveiligheid.countries import country_name
from kennisveiligheid.human_decision import HumanDecision
from kennisveiligheid.report import SECTIONS, Report, gate_texts

if TYPE_CHECKING:
    from decision_trees import Tree

__all__ = [
    "PdfSupportMissingError",
    "committee_html",
    "write_committee_html",
    "write_committee_pdf",
]

#: The drawn path stands in columns side by side; the count that draws it largest is chosen.
_COLUMN_CHOICES = (1, 2, 3, 4)
#: The room for the drawing on an A4 page (pt), and the gap between its columns.
_PAGE_WIDTH, _PAGE_HEIGHT, _GAP = 505.0, 680.0, 9.0

#: Short labels of the shared vocabulary's forms (kennisveiligheid.vocabulary), for the narrow
#: table of the A4 document; a test keeps the ids in step with the vocabulary.
_FORMS: dict[str, Text] = {
    "exchange": Text(nl="uitwisseling", en="exchange"),
    "exchange_inbound": Text(nl="uitwisseling (inkomend)", en="exchange (inbound)"),
    "exchange_outbound": Text(nl="uitwisseling (uitgaand)", en="exchange (outbound)"),
    "joint_research": Text(nl="gezamenlijk onderzoek", en="joint research"),
    "joint_education": Text(nl="gezamenlijk onderwijs", en="joint education"),
    "joint_publications": Text(nl="gezamenlijke publicaties", en="joint publications"),
    "virtual_collaboration": Text(nl="virtuele samenwerking", en="virtual collaboration"),
    "joint_double_degree": Text(nl="joint of double degree", en="joint or double degree"),
    "international_project_or_module": Text(
        nl="internationaal project of module", en="international project or module"
    ),
}


class PdfSupportMissingError(MissingDependencyError):
    """Writing a PDF needs WeasyPrint (the ``pdf`` extra), and it is not installed."""

    code = "KV300"

    def __init__(self, detail: str = "") -> None:
        what = "WeasyPrint (for PDF output)" + (f" with its system libraries ({detail})" if detail else "")
        super().__init__(what, "pip install 'kennisveiligheid[pdf]'", code="KV300")


# ----------------------------------------------------------------------------------------------
# The drawing: the path in columns, each a small Graphviz drawing


def _short_label(tree: Tree, node_id: str, number: int, lang: Lang) -> str:
    node = tree.nodes[node_id]
    if isinstance(node, Question):
        text = tree.inputs[node.input].label.get(lang)
    elif isinstance(node, Rule):
        text = node.text.get(lang)
    else:
        assert isinstance(node, Outcome)
        text = node.label.get(lang)
    return f"{number}. {text}"


def _shorten(text: str, limit: int = 48) -> str:
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    if " " in cut:
        cut = cut[: cut.rindex(" ")]
    return cut.rstrip(" ,;:(") + "…"


def _drawing_columns(decision: Decision, lang: Lang) -> list[tuple[float, float, str]] | None:
    """The path drawn as columns of SVG: (natural width, width in print, data URL) each, in the
    number of columns that prints it largest on A4; ``None`` without the Graphviz ``dot`` program."""
    from decision_trees import rendering

    if not rendering.dot_available():
        return None
    tree, path = decision.tree, decision.path
    drawing = rendering.describe(tree, decision, lang=lang, neighbourhood=0, sources=None)
    number = {node_id: i for i, node_id in enumerate(path, start=1)}
    answers = {step.node: step.answer for step in decision.trace if step.input is not None}
    details: dict[str, str] = {}
    for step in decision.trace[:-1]:
        node = tree.nodes[step.node]
        if isinstance(node, Question):
            value = answers[step.node]
            if isinstance(value, frozenset) and len(value) > 1:
                details[step.node] = word("chosen", lang, k=len(value))
            else:
                details[step.node] = answer_summary(tree, node.input, value, lang, limit=1)
        else:
            details[step.node] = word("holds" if step.result else "fails", lang)
    nodes = {
        node.id: dataclasses.replace(
            node,
            label=_short_label(tree, node.id, number[node.id], lang)
            + (f" → {_shorten(details[node.id], 40)}" if node.id in details else ""),
            detail=None,
            condition=None,
            shape="rounded-box" if node.kind == "rule" else node.shape,
            tooltip=None,
            footnotes=(),
        )
        for node in drawing.nodes
        if node.id in number
    }
    edges = [(step.node, step.next or "") for step in decision.trace[:-1]]
    best: tuple[float, list[tuple[float, float, str]]] | None = None
    for count in _COLUMN_CHOICES:
        if count > len(path):
            break
        svgs = _render_columns(drawing, nodes, edges, path, count, lang)
        width = sum(w for w, _, _ in svgs) + _GAP * (len(svgs) - 1)
        scale = min(1.0, _PAGE_WIDTH / width, _PAGE_HEIGHT / max(h for _, h, _ in svgs))
        if best is None or scale > best[0] + 0.01:
            best = (scale, svgs)
    assert best is not None
    scale, svgs = best
    return [(w, w * scale, url) for w, _, url in svgs]


def _render_columns(
    drawing: Any,
    nodes: dict[str, Any],
    edges: list[tuple[str, str]],
    path: Sequence[str],
    count: int,
    lang: Lang,
) -> list[tuple[float, float, str]]:
    from decision_trees import rendering

    per_column = math.ceil(len(path) / count)
    svgs: list[tuple[float, float, str]] = []
    for start in range(0, len(path), per_column):
        members = path[start : start + per_column]
        member_set = set(members)
        column_edges = tuple(
            rendering.DrawnEdge(
                source=source, target=target, kind="branch", key=f"path-{source}", label="", highlighted=True
            )
            for source, target in edges
            if source in member_set and target in member_set
        )
        clusters = []
        for cluster in drawing.clusters:
            inside = tuple(n for n in cluster.nodes if n in member_set)
            if inside:
                clusters.append(dataclasses.replace(cluster, nodes=inside))
        column = dataclasses.replace(
            drawing,
            title="",
            caption=None,
            note=None,
            condition_table=False,
            nodes=tuple(nodes[n] for n in members),
            edges=column_edges,
            clusters=tuple(clusters),
            footnotes=(),
        )
        svgs.append(_svg_image(rendering.render(column, format="svg").decode("utf-8")))
    return svgs


_SIZE = re.compile(r'<svg width="([\d.]+)pt" height="([\d.]+)pt"')


def _svg_image(svg: str) -> tuple[float, float, str]:
    """``dot``'s SVG as its natural width and height (pt) and a ``data:`` URL for an ``<img>``."""
    size = _SIZE.search(svg)
    width, height = (float(size.group(1)), float(size.group(2))) if size else (200.0, 600.0)
    url = "data:image/svg+xml;base64," + base64.b64encode(svg.encode("utf-8")).decode("ascii")
    return width, height, url


# ----------------------------------------------------------------------------------------------
# The page

_CSS = """
@page { size: A4; margin: 14mm 15mm 16mm;
  @bottom-left { content: string(doctitle); font: 8pt system-ui, sans-serif; color: #4b5563; }
  @bottom-right { content: "@PAGE@ " counter(page) " @OF@ " counter(pages);
    font: 8pt system-ui, sans-serif; color: #4b5563; } }
:root { --ink: #111827; --muted: #4b5563; --line: #d1d5db; }
* { box-sizing: border-box; }
html { color: var(--ink); background: #fff; }
body { font: 15px/1.45 "DejaVu Sans", system-ui, -apple-system, "Segoe UI", Helvetica, Arial, sans-serif;
  margin: 0 auto; padding: 24px; max-width: 60em; }
h1 { font-size: 1.5em; margin: .1em 0 .5em; line-height: 1.25; string-set: doctitle content(); }
h2 { font-size: 1.15em; margin: 1.4em 0 .4em; padding-bottom: .15em; border-bottom: 1px solid var(--line);
  break-after: avoid; }
h3 { font-size: 1em; margin: 1em 0 .3em; break-after: avoid; }
.kicker { text-transform: uppercase; letter-spacing: .06em; font-size: .8em; color: var(--muted); margin: 0; }
dl.case { display: grid; grid-template-columns: max-content 1fr; gap: .15em 1em; margin: 0 0 1em; }
dl.case dt { color: var(--muted); } dl.case dd { margin: 0; min-width: 0; }
code.hash { font-size: .8em; overflow-wrap: anywhere; word-break: break-all; }
.outcome { border: 2px solid var(--band); border-left-width: 10px; border-radius: 6px; padding: .7em 1em;
  background: var(--tint); break-inside: avoid; }
.outcome .kicker { color: #374151; }
.outcome h2 { border: 0; margin: .1em 0 .3em; font-size: 1.35em; }
.outcome p { margin: .3em 0; }
.facts { display: flex; flex-wrap: wrap; gap: .2em 1.6em; }
.facts strong { font-weight: 700; }
.by-path { color: #374151; font-size: .9em; }
ul, ol { padding-left: 2.2em; margin: .3em 0; }
li { margin: .2em 0; }
ol.steps { list-style: none; padding-left: 2.2em; }
ol.steps > li { break-inside: avoid; position: relative; }
ol.steps .num { position: absolute; left: -2.4em; width: 2em; text-align: right; }
.answer { white-space: normal; }
.answer::before { content: "→ "; color: var(--muted); }
.verdict { font-weight: 700; }
ul.reasons { list-style: none; padding-left: 1.2em; }
ul.reasons li::before { content: attr(data-mark) " "; font-weight: 700; }
.note { color: #78350f; font-size: .92em; }
.cite { font-size: .8em; color: var(--muted); white-space: nowrap; }
.cite a { color: #1d4ed8; }
figure.path-drawing { margin: .6em 0; break-inside: avoid; }
figure.path-drawing .columns { display: flex; gap: 12px; align-items: flex-start; justify-content: center; }
figure.path-drawing .column { min-width: 0; text-align: center; flex: 0 1 var(--screen); }
figure.path-drawing img { width: var(--screen); max-width: 100%; height: auto; }
figure.path-drawing figcaption { color: var(--muted); font-size: .88em; margin-top: .4em; }
.missing { background: #fef3c7; border: 1px solid #b45309; padding: .6em 1em; border-radius: 6px; }
ol.sources li { overflow-wrap: anywhere; }
table.human { border-collapse: collapse; width: 100%; break-inside: avoid; }
table.human th, table.human td { border: 1px solid #6b7280; padding: .5em .7em; text-align: left;
  vertical-align: top; }
table.human th { width: 28%; background: #f3f4f6; font-weight: 600; }
table.human td.blank { height: 2.6em; } table.human td.blank.tall { height: 9em; }
section.people { break-inside: avoid; }
.hint { color: var(--muted); font-size: .88em; }
footer { color: var(--muted); font-size: .82em; margin-top: 2em; }
a { color: #1d4ed8; }
@media print {
  body { padding: 0; max-width: none; font-size: 9.5pt; line-height: 1.35; }
  h1 { font-size: 16pt; } h2 { font-size: 12pt; }
  footer { display: none; }
  figure.path-drawing .column { flex: 0 1 var(--print); }
  figure.path-drawing img { width: var(--print); }
  ol.sources { font-size: 8pt; line-height: 1.3; }
  table.human td.blank.tall { height: 7em; }
}
"""

_BANDS = (  # (highest severity, edge colour, tint); ink is dark on every tint (WCAG AA)
    (10, "#15803d", "#f0fdf4"),
    (30, "#0e7490", "#ecfeff"),
    (55, "#b45309", "#fffbeb"),
    (70, "#7e22ce", "#faf5ff"),
    (1000, "#b91c1c", "#fef2f2"),
)


def _band(severity: int) -> tuple[str, str]:
    for top, edge, tint in _BANDS:
        if severity <= top:
            return edge, tint
    return _BANDS[-1][1], _BANDS[-1][2]


def _html_link(name: str, url: str) -> str:
    return f'<a href="{_e(safe_url(url))}" rel="noreferrer">{name}</a>'


def _cites(step_sources: Sequence[Any], numbers: dict[str, int], lang: Lang) -> str:
    if not step_sources:
        return ""
    marks = []
    for citation in step_sources:
        number = numbers[citation.source]
        marks.append(f'<a href="#source-{number}" title="{_e(citation_note(citation, lang))}">{number}</a>')
    return f' <span class="cite">[{", ".join(marks)}]</span>'


def _country(code: str, lang: Lang, report: Report) -> str:
    """``Spanje, ES``: the name in ``lang`` with the code; just the code when nothing names it."""
    name = country_name(code, lang, report.lists)
    return code if name == code else f"{name}, {code}"


def _case_block(report: Report, lang: Lang, today: dt.date) -> list[str]:
    tree = report.decision.tree
    rows: list[tuple[str, str]] = []
    case = report.case
    if case is not None:
        if case.partner is not None:
            partner = case.partner
            rows.append((word("partner", lang), _e(partner.name)))
            rows.append((word("country", lang), _e(_country(partner.country, lang, report))))
            if partner.owner:
                where = f" ({_country(partner.owner_country, lang, report)})" if partner.owner_country else ""
                owner = partner.owner + where
                rows.append((word("owner", lang), _e(owner)))
        if case.forms:
            forms = [_FORMS[f].get(lang) if f in _FORMS else f for f in case.forms]
            rows.append((word("forms", lang), _e(", ".join(forms))))
        if case.funding:
            funders = [
                f.funder + (f" ({_country(f.country, lang, report)})" if f.country else "")
                for f in case.funding
            ]
            rows.append((word("funding", lang), _e("; ".join(funders))))
    rows.append(
        (
            word("tree", lang),
            f"{_e(tree.title.get(lang))}, {word('version', lang)} {_e(tree.version)}"
            f'<br><code class="hash">{_e(tree.content_hash)}</code>',
        )
    )
    rows.append((word("date", lang), today.isoformat()))
    out = ['<dl class="case">']
    out += [f"<dt>{label}</dt><dd>{value}</dd>" for label, value in rows]
    out.append("</dl>")
    if case is not None and case.description:
        out.append(f'<p class="description">{_e(case.description)}</p>')
    return out


def _people_block(outcome_id: str, human: HumanDecision | None, lang: Lang) -> list[str]:
    body = "adviser" if outcome_id == "escalate_adviser" else "committee"
    if human is not None:
        body = human.decided_by
    heading = word("people_decision_adviser" if body == "adviser" else "people_decision", lang)
    out = [f'<section class="people" id="people-decision"><h2>{heading}</h2>']
    if human is None:
        out.append(f'<p class="hint">{word("to_fill_in", lang)}</p><table class="human"><tbody>')
        for key, tall in (("verdict", False), ("decided_on", False), ("reasons", True), ("names", False)):
            css = "blank tall" if tall else "blank"
            out.append(f'<tr><th scope="row">{word(key, lang)}</th><td class="{css}"></td></tr>')
        out.append(f'<tr><th scope="row">{word("signature", lang)}</th><td class="blank"></td></tr>')
        out.append("</tbody></table></section>")
        return out
    rows = [
        ("verdict", f"<strong>{_e(human.verdict_text(lang))}</strong>"),
        ("decided_by", word(human.decided_by, lang)),
        ("decided_on", human.decided_on.isoformat()),
        ("reasons", _e(human.reasons)),
    ]
    if human.names:
        rows.append(("names", _e(", ".join(human.names))))
    if human.measures:
        rows.append(("measures", "<ul>" + "".join(f"<li>{_e(m)}</li>" for m in human.measures) + "</ul>"))
    if human.missing:
        rows.append(("missing", "<ul>" + "".join(f"<li>{_e(m)}</li>" for m in human.missing) + "</ul>"))
    out.append('<table class="human"><tbody>')
    out += [f'<tr><th scope="row">{word(key, lang)}</th><td>{value}</td></tr>' for key, value in rows]
    out.append("</tbody></table></section>")
    return out


def _why_block(report: Report, numbers: dict[str, int], lang: Lang) -> list[str]:
    decision = report.decision
    tree = decision.tree
    out = [f'<section id="why"><h2>{word("why_steps", lang)}</h2>']
    section: str | None = "\0"
    open_list = False
    for number, step in enumerate(decision.trace[:-1], start=1):
        node = tree.nodes[step.node]
        if node.section != section:
            if open_list:
                out.append("</ol>")
            section = node.section
            if section is not None:
                title = SECTIONS[section].get(lang) if section in SECTIONS else section
                out.append(f"<h3>{_e(title)}</h3>")
            out.append('<ol class="steps">')
            open_list = True
        cites = _cites(step.sources, numbers, lang)
        if isinstance(node, Question):
            shown = answer_summary(tree, node.input, step.answer, lang)
            out.append(
                f'<li data-node="{_e(step.node)}"><span class="num">{number}.</span> '
                f"{_e(step.text.get(lang))}{cites} "
                f'<span class="answer"><strong>{_e(shown)}</strong></span></li>'
            )
            continue
        assert isinstance(node, Rule)
        verdict = word("holds" if step.result else "fails", lang)
        items = step_reasons(decision, step, lang)
        reasons = ""
        if items:
            reasons = f", {word('because', lang)}:" + '<ul class="reasons">'
            reasons += "".join(f'<li data-mark="{held_mark(r.held)}">{_e(r.text(lang))}</li>' for r in items)
            reasons += "</ul>"
        note = ""
        if node.note is not None:
            note = f'<p class="note">{word("note", lang)}: {_e(node.note.get(lang))}</p>'
        out.append(
            f'<li data-node="{_e(step.node)}"><span class="num">{number}.</span> '
            f"{_e(step.text.get(lang))}{cites} "
            f'<span class="answer"><span class="verdict">{verdict}</span>{reasons}</span>{note}</li>'
        )
    if open_list:
        out.append("</ol>")
    out.append("</section>")
    return out


def _drawing_block(decision: Decision, lang: Lang) -> list[str]:
    """The drawing section: the path's drawing in columns, or why it is missing and how to fix that."""
    out: list[str] = []
    out.append(f'<section id="drawing"><h2>{word("drawing", lang)}</h2>')
    columns = _drawing_columns(decision, lang)
    if columns is None:
        from decision_trees.rendering import DotProgramMissingError

        missing = DotProgramMissingError()
        out.append(
            f'<p class="missing" id="diagram-missing">{word("no_dot", lang)} [{missing.code}]; '
            f"{word('install', lang)}: <code>{_e(missing.install)}</code>.</p>"
        )
    else:
        out.append('<figure class="path-drawing"><div class="columns">')
        for index, (natural, printed, url) in enumerate(columns, start=1):
            alt = word("drawing_part", lang, k=index, n=len(columns))
            out.append(
                f'<div class="column" style="--screen:{natural:.1f}pt;--print:{printed:.1f}pt">'
                f'<img src="{url}" alt="{_e(alt)}"></div>'
            )
        out.append(f"</div><figcaption>{word('drawing_caption', lang)}</figcaption></figure>")
    out.append("</section>")
    return out


def committee_html(
    report: Report | Decision,
    *,
    lang: Lang = "en",
    human_decision: HumanDecision | None = None,
    today: dt.date | None = None,
) -> str:
    """The committee document as one self-contained HTML page (A4 when printed).

    ``report`` is a :class:`~kennisveiligheid.report.Report` (a decision with its case, derived
    answers and notes) or a bare decision. ``human_decision`` fills the committee's block;
    ``today`` is the document's date (default: today).
    """
    lang = check_lang(lang)
    if isinstance(report, Decision):
        report = Report(report)
    decision = report.decision
    tree, outcome = decision.tree, decision.outcome
    today = today or dt.date.today()
    numbers: dict[str, int] = {}
    for step in decision.trace:
        for citation in step.sources:
            numbers.setdefault(citation.source, len(numbers) + 1)
    permitted_text, desirable_text = gate_texts(decision, lang)
    edge, tint = _band(outcome.severity or 0)
    title = report.case.title if report.case is not None and report.case.title else outcome.label.get(lang)
    css = _CSS.replace("@PAGE@", word("page", lang)).replace("@OF@", word("of", lang))
    out = [
        "<!DOCTYPE html>",
        f'<html lang="{lang}">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        '<meta http-equiv="Content-Security-Policy" '
        "content=\"default-src 'none'; style-src 'unsafe-inline'; img-src data:\">",
        f"<title>{word('committee_document', lang)}: {_e(title)}</title>",
        f"<style>{css}</style>",
        "</head>",
        "<body>",
        "<main>",
        "<header>",
        f'<p class="kicker">{word("committee_document", lang)}</p>',
        f"<h1>{_e(title)}</h1>",
        *_case_block(report, lang, today),
        "</header>",
        f'<section class="outcome" id="outcome" data-outcome="{_e(outcome.id)}" '
        f'style="--band:{edge};--tint:{tint}">',
        f'<p class="kicker">{word("advice", lang)}</p>',
        f'<h2 id="outcome-label">{_e(outcome.label.get(lang))}</h2>',
        f'<p class="facts"><span>{word("permitted", lang)}: <strong id="permitted">'
        f"{permitted_text}</strong></span>"
        f'<span>{word("desirable", lang)}: <strong id="desirable">{desirable_text}</strong></span>'
        f'<span class="by-path">({word("established_by_path", lang)})</span></p>',
    ]
    if outcome.description is not None:
        out.append(f"<p>{_e(outcome.description.get(lang))}</p>")
    out.append("</section>")
    for key, items in (("next_steps", outcome.next_steps), ("measures", outcome.measures)):
        if items:
            out.append(f'<section id="{key.replace("_", "-")}"><h2>{word(key, lang)}</h2><ul>')
            out += [f"<li>{_e(item.get(lang))}</li>" for item in items]
            out.append("</ul></section>")
    out += _why_block(report, numbers, lang)

    out += _drawing_block(decision, lang)

    derived = [item for item in report.derived if item.input in decision.answers]
    if derived:
        out.append(f'<section id="derived"><h2>{word("derived", lang)}</h2><ul>')
        for item in derived:
            label = tree.inputs[item.input].label.get(lang)
            shown = answer_summary(tree, item.input, item.value, lang)
            out.append(f"<li>{_e(label)}: <strong>{_e(shown)}</strong> ({_e(item.reason.get(lang))})</li>")
        out.append("</ul></section>")
    if report.notes:
        out.append(f'<section id="notes"><h2>{word("notes", lang)}</h2><ul>')
        out += [f"<li>{_e(note)}</li>" for note in report.notes]
        out.append("</ul></section>")
    if numbers:
        out.append(f'<section id="sources"><h2>{word("sources", lang)}</h2><ol class="sources">')
        for source_id, number in numbers.items():
            line = source_line(tree.sources[source_id], _e, _html_link, lang)
            out.append(f'<li id="source-{number}" value="{number}">{line}</li>')
        out.append("</ol></section>")
    out += _people_block(outcome.id, human_decision, lang)
    out += [
        "</main>",
        f"<footer>{word('generated', lang)} · {_e(tree.id)} {_e(tree.version)}</footer>",
        "</body>",
        "</html>",
    ]
    return "\n".join(out) + "\n"


def write_committee_html(
    report: Report | Decision,
    path: str | os.PathLike[str],
    *,
    lang: Lang = "en",
    human_decision: HumanDecision | None = None,
    today: dt.date | None = None,
) -> Path:
    """Write :func:`committee_html` to ``path`` (UTF-8, all or nothing) and return the path."""
    target = Path(path)
    text = committee_html(report, lang=lang, human_decision=human_decision, today=today)
    write_atomic(target, text)
    return target


def import_weasyprint() -> Any:
    """The ``weasyprint`` module, or :class:`PdfSupportMissingError` saying what is missing.

    WeasyPrint 70 warns (``DeprecationWarning``) on import when the system lacks the optional
    HarfBuzz-Subset library; it then embeds whole fonts instead of their subsets. That is a note
    for whoever installs system libraries, not for this document's reader, so it is not passed
    on (and does not fail a program that turns warnings into errors).
    """
    try:
        with warnings.catch_warnings():
            warnings.filterwarnings("ignore", message="HarfBuzz-Subset", category=DeprecationWarning)
            import weasyprint  # type: ignore[import-untyped,unused-ignore]
    except ImportError:
        raise PdfSupportMissingError() from None
    except OSError as exc:  # WeasyPrint is installed, but Pango (a system library) is not
        raise PdfSupportMissingError(str(exc)) from None
    return weasyprint


def write_committee_pdf(
    report: Report | Decision,
    path: str | os.PathLike[str],
    *,
    lang: Lang = "en",
    human_decision: HumanDecision | None = None,
    today: dt.date | None = None,
) -> Path:
    """Write the committee document as an A4 PDF to ``path`` (all or nothing) and return the path.

    Needs WeasyPrint (``pip install 'kennisveiligheid[pdf]'``); raises
    :class:`PdfSupportMissingError` without it.
    """
    weasyprint = import_weasyprint()
    target = Path(path)
    text = committee_html(report, lang=lang, human_decision=human_decision, today=today)
    data = weasyprint.HTML(string=text).write_pdf()
    write_atomic(target, bytes(data))
    return target
