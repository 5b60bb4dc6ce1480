"""Decision reports people want to read: one self-contained HTML file, or Markdown.

The HTML report holds the outcome, what to do next, the path drawn with the steps taken
highlighted (inline SVG; where the Graphviz ``dot`` program is absent the report says so and
includes the DOT text), the trace as a table with its sources linked, and the answers. It loads
nothing from the network: styles are inline and a Content-Security-Policy forbids scripts.
Every text from a tree or a case is escaped, so a label such as ``"><script>`` shows as text.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Literal, TypeAlias

from decision_trees._outputs import gives, results
from decision_trees.conditions import describe
from decision_trees.decision import answer_text
from decision_trees.escape import html_text, markdown_text, safe_url
from decision_trees.explain import sources_cited
from decision_trees.model import Citation, Lang, Outcome, Question, Rule
from decision_trees.presentation import (
    answer_summary,
    citation_note,
    established,
    flag_text,
    held_mark,
    source_line,
    step_reasons,
)
from decision_trees.rendering import (
    DotProgramMissingError,
    RenderOptionError,
    dot_available,
    render,
    severity_band,
    to_dot,
    to_mermaid,
)
from decision_trees.words import word

if TYPE_CHECKING:
    from decision_trees.decision import Decision, TraceStep
    from decision_trees.model import Tree

__all__ = ["AUTO_NEIGHBOURHOOD_ABOVE", "to_html", "to_markdown", "write_html_report"]

Neighbourhood: TypeAlias = int | Literal["auto"] | None

#: With ``neighbourhood="auto"``, trees with more nodes than this are drawn as path + neighbourhood.
AUTO_NEIGHBOURHOOD_ABOVE = 40

#: Where a report's label has a longer name in the word catalogue.
_CATALOGUE_KEYS = {
    "why": "why_steps",
    "answer": "answer_or_result",
    "answers": "answers_used",
    "input": "question",
    "given": "answer",
}


def _t(key: str, lang: Lang) -> str:
    if key == "severity":
        return word("severity", lang).capitalize()
    return word(_CATALOGUE_KEYS.get(key, key), lang)


def _check_lang(lang: str) -> Lang:
    if lang not in ("nl", "en"):
        raise RenderOptionError.of("DT613.lang", lang=lang)
    return "nl" if lang == "nl" else "en"


def _neighbourhood(tree: Tree, neighbourhood: Neighbourhood) -> int | None:
    if neighbourhood == "auto":
        return 1 if len(tree.nodes) > AUTO_NEIGHBOURHOOD_ABOVE else None
    return neighbourhood


def _way_taken(tree: Tree, step: TraceStep, lang: Lang) -> str:
    """The branch a question step took, as a reader sees it."""
    if step.matched is None:
        return _t("otherwise", lang)
    if step.branch_label is not None:
        return step.branch_label.get(lang)
    return describe(step.matched, tree.inputs, lang, implied_input=step.input)


_safe_url = safe_url


# ----------------------------------------------------------------------------------------------
# HTML


_e = html_text  # tree or case text, cleaned and escaped for HTML text and attributes


_CSS = """
:root { --ink: #111827; --muted: #4b5563; --line: #d1d5db; --path: #1d4ed8; }
* { box-sizing: border-box; }
body { font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Helvetica, Arial, sans-serif;
  color: var(--ink); margin: 0 auto; padding: 24px; max-width: 1100px; }
header .tree { color: var(--muted); margin: 0; }
h1 { font-size: 1.6em; margin: .2em 0 .6em; }
h2 { font-size: 1.2em; margin: 1.6em 0 .5em; border-bottom: 1px solid var(--line); }
.outcome { border-radius: 10px; padding: 14px 18px; border: 2px solid var(--path); }
.outcome h2 { border: 0; margin: 0 0 .2em; font-size: 1.5em; }
.outcome p { margin: .3em 0; }
.facts span { margin-right: 1.2em; white-space: nowrap; }
ol.path-list { padding-left: 1.4em; }
ol.path-list li.on-path { color: var(--path); font-weight: 600; }
figure.diagram { margin: 1em 0; overflow-x: auto; border: 1px solid var(--line); border-radius: 8px;
  padding: 8px; }
figure.diagram svg { height: auto; }
figure.diagram figcaption { color: var(--muted); font-size: .9em; }
.missing { background: #fef3c7; border: 1px solid #f59e0b; padding: 10px 14px; border-radius: 8px; }
pre.dot { white-space: pre-wrap; font-size: .8em; background: #f9fafb; padding: 10px; }
table { border-collapse: collapse; width: 100%; }
th, td { border: 1px solid var(--line); padding: 6px 8px; text-align: left; vertical-align: top; }
th { background: #f3f4f6; }
ul.conditions { list-style: none; padding-left: 1.1em; margin: .3em 0 0; font-size: .92em; }
.held { color: #166534; } .not-held { color: #991b1b; } .open { color: var(--muted); }
.note { color: #92400e; font-size: .92em; }
sup a { text-decoration: none; }
footer { color: var(--muted); font-size: .85em; margin-top: 2.5em; }
@media print { body { padding: 0; } figure.diagram { break-inside: avoid; }
  figure.diagram svg { max-width: 100%; } }
"""

_SVG_START = re.compile(r"<svg[\s>]")


def _inline_svg(svg: str) -> str:
    """``dot``'s SVG without its XML prolog, doctype and comments, for inlining in HTML."""
    match = _SVG_START.search(svg)
    body = svg[match.start() :] if match else svg
    return re.sub(r"<!--.*?-->", "", body, flags=re.DOTALL).strip()


def _cite_html(citations: Iterable[Citation], numbers: dict[str, int], lang: Lang) -> str:
    marks = []
    for citation in citations:
        number = numbers[citation.source]
        marks.append(f'<a href="#source-{number}" title="{_e(citation_note(citation, lang))}">[{number}]</a>')
    return " ".join(marks)


_CSS_HELD = {True: "held", False: "not-held", None: "open"}


def _reasons_html(decision: Decision, step: TraceStep, lang: Lang) -> str:
    """Why a rule step held or not, as the committee document says it: one short line per decisive
    part, with the answers that decided it (long lists summarised), never the whole condition."""
    items = step_reasons(decision, step, lang)
    if not items:
        return ""
    lines = "".join(
        f'<li class="{_CSS_HELD[r.held]}">{held_mark(r.held)} {_e(r.text(lang))}</li>' for r in items
    )
    return f'<ul class="conditions">{lines}</ul>'


def _diagram_html(decision: Decision, lang: Lang, neighbourhood: int | None) -> str:
    note = f"<figcaption>{_t('partial', lang)}</figcaption>" if neighbourhood is not None else ""
    if dot_available():
        svg = render(decision.tree, decision, format="svg", lang=lang, neighbourhood=neighbourhood)
        return f'<figure class="diagram" id="diagram">{_inline_svg(svg.decode("utf-8"))}{note}</figure>'
    missing = DotProgramMissingError()
    dot_text = to_dot(decision.tree, decision, lang=lang, neighbourhood=neighbourhood)
    return (
        f'<div class="missing" id="diagram-missing"><p>{_t("no_dot", lang)} '
        f"[{missing.code}]; {_t('install', lang)}: <code>{html.escape(missing.install)}</code>.</p>"
        f"<p>{_t('dot_source', lang)}:</p>"
        f'<pre class="dot">{html.escape(dot_text)}</pre></div>'
    )


def _trace_row(decision: Decision, number: int, step: TraceStep, numbers: dict[str, int], lang: Lang) -> str:
    """One row of the trace table: a question with its answer, or a rule with its verdict and reasons."""
    tree = decision.tree
    node = tree.nodes[step.node]
    cited = _cite_html(step.sources, numbers, lang)
    nxt = tree.nodes[step.next] if step.next else None
    nxt_text = ""
    if nxt is not None:
        nxt_label = nxt.label if isinstance(nxt, Outcome) else nxt.text
        nxt_text = f"→ {_e(nxt_label.get(lang))}"
    if isinstance(node, Question):
        assert step.input is not None
        given = answer_summary(tree, step.input, step.answer, lang)
        way = _way_taken(tree, step, lang)
        return (
            f'<tr class="question" data-node="{_e(step.node)}"><td>{number}</td>'
            f"<td>{_e(step.text.get(lang))}</td><td><strong>{_e(given)}</strong></td>"
            f"<td>{_e(way)}<br>{nxt_text}</td><td>{cited}</td></tr>"
        )
    assert isinstance(node, Rule)
    verdict = _t("holds" if step.result else "fails", lang)
    note = ""
    if step.note is not None:
        note = f'<p class="note">{_t("note", lang)}: {_e(step.note.get(lang))}</p>'
    produced = gives(tree, step.node, step.result, lang)
    if produced is not None:
        note += f'<p class="gives">{_e(produced)}</p>'
    return (
        f'<tr class="rule" data-node="{_e(step.node)}"><td>{number}</td>'
        f"<td>{_e(step.text.get(lang))}{_reasons_html(decision, step, lang)}{note}</td>"
        f"<td><strong>{verdict}</strong></td><td>{_e(_t('yes' if step.result else 'no', lang))}"
        f"<br>{nxt_text}</td><td>{cited}</td></tr>"
    )


def to_html(decision: Decision, *, lang: Lang = "en", neighbourhood: Neighbourhood = "auto") -> str:
    """The decision as one self-contained HTML page (no network, no scripts).

    ``neighbourhood`` is passed to the drawing; ``"auto"`` draws the whole tree unless it has more
    than :data:`AUTO_NEIGHBOURHOOD_ABOVE` nodes, then only the path and the nodes next to it.
    """
    lang = _check_lang(lang)
    tree, outcome = decision.tree, decision.outcome
    numbers = {source: i for i, source in enumerate(sources_cited(decision), start=1)}
    band = severity_band(outcome.severity)
    permitted, desirable = established(decision)
    out: list[str] = [
        "<!DOCTYPE html>",
        f'<html lang="{lang}">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        '<meta http-equiv="Content-Security-Policy" '
        "content=\"default-src 'none'; style-src 'unsafe-inline'; img-src data:\">",
        f"<title>{_t('decision', lang)}: {_e(outcome.label.get(lang))} — {_e(tree.title.get(lang))}</title>",
        f"<style>{_CSS}</style>",
        "</head>",
        "<body>",
        "<header>",
        f'<p class="tree">{_t("tree", lang)}: {_e(tree.title.get(lang))}, {_t("version", lang)} '
        f"{_e(tree.version)} · <code>{_e(tree.content_hash)}</code></p>",
        f"<h1>{_t('report', lang)}</h1>",
        "</header>",
        f'<section class="outcome severity-{band.name}" id="outcome" '
        f'style="background:{band.fill};color:{band.font}" data-outcome="{_e(outcome.id)}">',
        f'<h2 id="outcome-label">{_e(outcome.label.get(lang))}</h2>',
        '<p class="facts">'
        + ("" if outcome.severity is None else f"<span>{_t('severity', lang)}: {outcome.severity}</span>")
        + f"<span>{_t('permitted', lang)}: {flag_text(permitted, lang)}</span>"
        f"<span>{_t('desirable', lang)}: {flag_text(desirable, lang)}</span></p>",
    ]
    if outcome.description is not None:
        out.append(f"<p>{_e(outcome.description.get(lang))}</p>")
    out.append("</section>")
    for key in ("next_steps", "measures"):
        items = outcome.next_steps if key == "next_steps" else outcome.measures
        if items:
            out.append(f'<section id="{key.replace("_", "-")}"><h2>{_t(key, lang)}</h2><ul>')
            out += [f"<li>{_e(item.get(lang))}</li>" for item in items]
            out.append("</ul></section>")

    if tree.tables and decision.outputs:
        out += [
            f'<section id="outputs"><h2>{_e(word("table_results", lang))}</h2><table><thead><tr>'
            f"<th>{_e(word('table_column', lang))}</th><th>{_e(word('table_value', lang))}</th>"
            "</tr></thead><tbody>",
            *(
                f"<tr><td>{_e(title)}</td><td>{_e(value)}</td></tr>"
                for title, value in results(decision, lang)
            ),
            "</tbody></table></section>",
        ]
    out.append(f'<section id="path"><h2>{_t("path", lang)}</h2><ol class="path-list">')
    for step in decision.trace:
        out.append(f'<li class="on-path" data-node="{_e(step.node)}">{_e(step.text.get(lang))}</li>')
    out.append("</ol>")
    out.append(_diagram_html(decision, lang, _neighbourhood(tree, neighbourhood)))
    out.append("</section>")

    out += [
        f'<section id="trace"><h2>{_t("why", lang)}</h2><table>',
        f"<thead><tr><th>#</th><th>{_t('step', lang)}</th><th>{_t('answer', lang)}</th>"
        f"<th>{_t('way', lang)}</th><th>{_t('sources', lang)}</th></tr></thead><tbody>",
    ]
    out += [
        _trace_row(decision, number, step, numbers, lang)
        for number, step in enumerate(decision.trace[:-1], start=1)
    ]
    last = decision.trace[-1]
    out.append(
        f'<tr class="outcome-step" data-node="{_e(last.node)}"><td>{len(decision.trace)}</td>'
        f"<td>{_t('outcome', lang)}: <strong>{_e(last.text.get(lang))}</strong></td><td></td><td></td>"
        f"<td>{_cite_html(last.sources, numbers, lang)}</td></tr>"
    )
    out.append("</tbody></table></section>")

    if decision.answers:
        out.append(
            f'<section id="answers"><h2>{_t("answers", lang)}</h2><table><thead><tr>'
            f"<th>{_t('input', lang)}</th><th>{_t('given', lang)}</th></tr></thead><tbody>"
        )
        for input_id, decl in tree.inputs.items():
            if input_id in decision.answers:
                value = answer_text(tree, input_id, decision.answers[input_id], lang)
                out.append(
                    f'<tr data-input="{_e(input_id)}"><td>{_e(decl.label.get(lang))}</td>'
                    f"<td>{_e(value)}</td></tr>"
                )
        out.append("</tbody></table></section>")

    if numbers:
        out.append(f'<section id="sources"><h2>{_t("sources", lang)}</h2><ol>')
        for source_id, number in numbers.items():
            source = tree.sources[source_id]
            first, *rest = source.parts(lang)
            title = _e(first)
            if source.url:
                title = (
                    f'<a href="{html.escape(_safe_url(source.url), quote=True)}" rel="noreferrer">{title}</a>'
                )
            parts = [title, *(_e(part) for part in rest), source.date.isoformat()]
            out.append(f'<li id="source-{number}">{", ".join(parts)}</li>')
        out.append("</ol></section>")

    out += [
        f"<footer>{_t('generated', lang)} · {_e(tree.id)} {_e(tree.version)} · "
        f"<code>{_e(tree.content_hash)}</code></footer>",
        "</body>",
        "</html>",
    ]
    return "\n".join(out) + "\n"


def write_html_report(decision: Decision, path: str | Path, lang: Lang = "en") -> Path:
    """Write :func:`to_html` of ``decision`` to ``path`` (UTF-8) and return the path."""
    from decision_trees.writing import write_atomic

    target = Path(path)
    write_atomic(target, to_html(decision, lang=lang))
    return target


# ----------------------------------------------------------------------------------------------
# Markdown

md = markdown_text  # the one Markdown escaper (decision_trees.escape)


def _reasons_md(decision: Decision, step: TraceStep, lang: Lang) -> list[str]:
    """:func:`_reasons_html` for Markdown: one ``✓ part (question: answer)`` per decisive part."""
    return [f"{held_mark(r.held)} {md(r.text(lang))}" for r in step_reasons(decision, step, lang)]


def _cite_md(citations: Iterable[Citation], numbers: dict[str, int]) -> str:
    return " ".join(f"[{numbers[c.source]}]" for c in citations)


def to_markdown(decision: Decision, *, lang: Lang = "en", neighbourhood: Neighbourhood = "auto") -> str:
    """The decision as Markdown, with the path as a Mermaid diagram (code hosts draw it)."""
    lang = _check_lang(lang)
    tree, outcome = decision.tree, decision.outcome
    numbers = {source: i for i, source in enumerate(sources_cited(decision), start=1)}
    permitted, desirable = established(decision)
    out = [
        f"# {_t('decision', lang)}: {md(outcome.label.get(lang))}",
        "",
        f"{_t('tree', lang)}: {md(tree.title.get(lang))}, {_t('version', lang)} {md(tree.version)} "
        f"(`{tree.content_hash}`)",
        "",
        ("" if outcome.severity is None else f"**{_t('severity', lang)}:** {outcome.severity} · ")
        + f"**{_t('permitted', lang)}:** {flag_text(permitted, lang)} · "
        f"**{_t('desirable', lang)}:** {flag_text(desirable, lang)}",
    ]
    if outcome.description is not None:
        out += ["", md(outcome.description.get(lang))]
    for key in ("next_steps", "measures"):
        items = outcome.next_steps if key == "next_steps" else outcome.measures
        if items:
            out += ["", f"## {_t(key, lang)}", ""]
            out += [f"- {md(item.get(lang))}" for item in items]
    if tree.tables and decision.outputs:
        out += ["", f"## {word('table_results', lang)}", ""]
        out += [f"- {md(title)}: **{md(value)}**" for title, value in results(decision, lang)]
    out += [
        "",
        f"## {_t('why', lang)}",
        "",
        f"| # | {_t('step', lang)} | {_t('answer', lang)} | {_t('way', lang)} | {_t('sources', lang)} |",
        "|---|---|---|---|---|",
    ]
    for number, step in enumerate(decision.trace[:-1], start=1):
        node = tree.nodes[step.node]
        cited = _cite_md(step.sources, numbers)
        if isinstance(node, Question):
            assert step.input is not None
            given = md(answer_summary(tree, step.input, step.answer, lang))
            way = md(_way_taken(tree, step, lang))
            out.append(f"| {number} | {md(step.text.get(lang))} | **{given}** | {way} | {cited} |")
        else:
            verdict = _t("holds" if step.result else "fails", lang)
            assert isinstance(node, Rule)
            extra = "".join(f"<br>{line}" for line in _reasons_md(decision, step, lang))
            if step.note is not None:
                extra += f"<br>*{_t('note', lang)}: {md(step.note.get(lang))}*"
            produced = gives(tree, step.node, step.result, lang)
            if produced is not None:
                extra += f"<br>{md(produced)}"
            way = _t("yes" if step.result else "no", lang)
            out.append(f"| {number} | {md(step.text.get(lang))}{extra} | **{verdict}** | {way} | {cited} |")
    last = decision.trace[-1]
    out.append(
        f"| {len(decision.trace)} | {_t('outcome', lang)}: **{md(last.text.get(lang))}** | | | "
        f"{_cite_md(last.sources, numbers)} |"
    )
    chosen = _neighbourhood(tree, neighbourhood)
    out += [
        "",
        f"## {_t('path', lang)}",
        "",
        "```mermaid",
        to_mermaid(tree, decision, lang=lang, neighbourhood=chosen).rstrip("\n"),
        "```",
    ]
    if chosen is not None:
        out += ["", _t("partial", lang)]
    if numbers:
        out += ["", f"## {_t('sources', lang)}", ""]
        for source_id, number in numbers.items():
            line = source_line(
                tree.sources[source_id], md, lambda title, url: f"[{title}](<{_safe_url(url)}>)", lang
            )
            out.append(f"{number}. {line}")
    return "\n".join(out) + "\n"
