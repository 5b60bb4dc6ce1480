"""Mermaid flowcharts of a drawing (for Markdown on code hosts). Needs nothing."""

from __future__ import annotations

import re
from typing import Any

from decision_trees._describe import drawing_of
from decision_trees._drawing import (
    FADED_LINE,
    FADED_TEXT,
    KIND_FILL,
    KIND_LINE,
    PATH_COLOUR,
    Drawing,
    DrawnEdge,
    DrawnNode,
    clean,
    word,
)
from decision_trees.decision import Decision
from decision_trees.model import Lang, Tree

_MERMAID_SAFE = re.compile(r"[\w .,:/?!+'·’–—-]", re.UNICODE)
_MERMAID_NAMED = {'"': "#quot;"}


def mermaid_escape(text: str) -> str:
    """``text`` for inside a quoted Mermaid label: every character that Mermaid could read as
    syntax (quotes, brackets, ``;``, ``<``, ``>``, backticks, ``%``, ``#`` …) as an entity code."""
    out = []
    for char in clean(text):
        if not _MERMAID_SAFE.fullmatch(char):
            out.append(_MERMAID_NAMED.get(char, f"#{ord(char)};"))
        else:
            out.append(char)
    return "".join(out)


_MERMAID_SHAPES: dict[str, tuple[str, str]] = {
    "rounded-box": ('("', '")'),
    "hexagon": ('{{"', '"}}'),
    "stadium": ('(["', '"])'),
}


def _mermaid_node(node: DrawnNode, mid: str, footnotes: bool) -> str:
    text = mermaid_escape(node.label)
    if footnotes and node.footnotes:
        text += " " + mermaid_escape("[" + ", ".join(str(n) for n in node.footnotes) + "]")
    if node.highlighted:
        text = f"<b>{text}</b>"
    if node.detail:
        text += f"<br/><small>{mermaid_escape(node.detail)}</small>"
    start, end = _MERMAID_SHAPES[node.shape]
    return f"{mid}{start}{text}{end}"


def to_mermaid(tree: Tree | Decision | Drawing, decision: Decision | None = None, **opts: Any) -> str:
    """The drawing as a Mermaid flowchart (for Markdown on code hosts). Needs nothing.

    Sources appear as a numbered list node with ``sources="footnotes"``; Mermaid has no portable
    tooltips, so ``"tooltip"`` leaves them out.
    """
    drawing = drawing_of(tree, decision, opts)
    footnotes = drawing.sources == "footnotes"
    ids = {node.id: f"n{i}" for i, node in enumerate(drawing.nodes)}
    lines = ["flowchart TD"]
    in_cluster = {n for cluster in drawing.clusters for n in cluster.nodes}
    by_id = {node.id: node for node in drawing.nodes}
    # named conditions as one table-like node per section, instead of arrows (large drawings)
    tabled = {n.id for n in drawing.nodes if n.named_condition} if drawing.condition_table else set()
    tables: list[str] = []

    def table(members: list[str], indent: str) -> list[str]:
        rows = [n for n in members if n in tabled]
        if not rows:
            return []
        mid = f"n{len(drawing.nodes) + len(tables)}"
        tables.append(mid)
        text = f"<b>{mermaid_escape(word('conditions', drawing.lang))}</b>" + "".join(
            f"<br/><b>{mermaid_escape(by_id[n].label)}</b>: {mermaid_escape(by_id[n].condition or '')}"
            for n in rows
        )
        return [f'{indent}{mid}("{text}")']

    for i, cluster in enumerate(drawing.clusters):
        lines.append(f'    subgraph c{i}["{mermaid_escape(cluster.label)}"]')
        lines += [
            f"        {_mermaid_node(by_id[n], ids[n], footnotes)}" for n in cluster.nodes if n not in tabled
        ]
        lines += table(list(cluster.nodes), "        ")
        lines.append("    end")
    loose = [node.id for node in drawing.nodes if node.id not in in_cluster]
    lines += [f"    {_mermaid_node(by_id[n], ids[n], footnotes)}" for n in loose if n not in tabled]
    lines += table(loose, "    ")
    links = [
        e for e in drawing.edges if not (e.kind == "uses" and (e.source in tabled or e.target in tabled))
    ]
    lines += [_mermaid_edge(edge, ids, drawing.lang) for edge in links]
    if footnotes and drawing.footnotes:
        lines += _mermaid_footnotes(drawing)
    lines += _mermaid_styles(drawing, ids, tabled, tables)
    highlighted = [index for index, edge in enumerate(links) if edge.highlighted]
    faded = [index for index, edge in enumerate(links) if edge.faded and not edge.highlighted]
    if highlighted:
        joined = ",".join(map(str, highlighted))
        lines.append(f"    linkStyle {joined} stroke:{PATH_COLOUR},stroke-width:3px,color:{PATH_COLOUR}")
    if faded:
        lines.append(f"    linkStyle {','.join(map(str, faded))} stroke:{FADED_LINE},color:{FADED_TEXT}")
    return "\n".join(lines) + "\n"


def _mermaid_edge(edge: DrawnEdge, ids: dict[str, str], lang: Lang) -> str:
    """One arrow: dotted for a rule's use of another, bold on the path, labelled with the branch
    (and the given answer where it differs)."""
    source, target = ids[edge.source], ids[edge.target]
    if edge.kind == "uses":
        return f"    {source} -.-> {target}"
    text = mermaid_escape(edge.label)
    if edge.answer is not None and edge.answer != edge.label:
        text += f"<br/><i>{mermaid_escape(word('answer', lang) + ': ' + edge.answer)}</i>"
    arrow = "==>" if edge.highlighted else "-->"
    return f'    {source} {arrow}|"{text}"| {target}'


def _mermaid_footnotes(drawing: Drawing) -> list[str]:
    """The numbered sources as one node of their own."""
    notes = "<br/>".join(
        mermaid_escape(f"[{n.number}] {n.text}" + (f", {n.url}" if n.url else "")) for n in drawing.footnotes
    )
    return [
        f'    sources["<b>{mermaid_escape(word("sources", drawing.lang))}</b><br/>{notes}"]',
        "    classDef sources fill:#ffffff,stroke:#9ca3af,color:#374151,text-align:left",
        "    class sources sources",
    ]


def _mermaid_styles(drawing: Drawing, ids: dict[str, str], tabled: set[str], tables: list[str]) -> list[str]:
    """The classes per node kind, and each node's own fill, dashes, path or fading."""
    lines = [
        f"    classDef question fill:{KIND_FILL['question']},stroke:{KIND_LINE['question']},color:#111827",
        f"    classDef rule fill:{KIND_FILL['rule']},stroke:{KIND_LINE['rule']},color:#111827",
        f"    classDef outcome stroke:{KIND_LINE['outcome']}",
    ]
    for kind in ("question", "rule", "outcome"):
        members = [ids[n.id] for n in drawing.nodes if n.kind == kind and n.id not in tabled]
        members += tables if kind == "rule" else []
        if members:
            lines.append(f"    class {','.join(members)} {kind}")
    for node in drawing.nodes:
        if node.id in tabled:
            continue
        style: list[str] = []
        if node.fill:
            style += [f"fill:{node.fill}", f"color:{node.font_colour}"]
        if node.named_condition:
            style.append("stroke-dasharray:4 3")
        if node.highlighted:
            style += [f"stroke:{PATH_COLOUR}", "stroke-width:3px"]
        elif node.faded:
            style.append("opacity:0.45")
        if style:
            lines.append(f"    style {ids[node.id]} {','.join(style)}")
    return lines
