"""Mermaid flowcharts of a drawing (for Markdown on code hosts). Needs nothing.

A table node is one node whose label is an HTML table (Mermaid lays out HTML labels, also with
``securityLevel: "strict"``): its title, a header with the columns, a row per table row with its
cells and where it leads; with a decision the matched row is bold on a tinted ground and the rows
not tried are faded. Mermaid arrows leave nodes, not rows: one arrow from the table per node its
rows lead to, labelled with those rows, and one labelled "otherwise" for the table's ``else``.
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Any

from decision_trees._describe import drawing_of
from decision_trees._drawing import (
    FADED_LINE,
    FADED_TEXT,
    KIND_FILL,
    KIND_LINE,
    MATCHED_ROW,
    OUTPUT_HEAD,
    PATH_COLOUR,
    Drawing,
    DrawnEdge,
    DrawnNode,
    DrawnTable,
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


#: Every other row of a table on a slightly darker ground, so that a row reads across.
_STRIPE = "#ede9fe"


def _mermaid_table(table: DrawnTable, mid: str, decided: bool) -> str:
    """A table node as one node labelled with an HTML table; every text is escaped. A value
    table has its output columns where a routing table says where a row leads, and its result
    under the rows.

    The look is in HTML attributes (``bgcolor``, ``<font color>``, ``align``), not in ``style``:
    Mermaid drops the last ``;`` of a line in which ``style…:…#…;`` occurs (meant for its own
    style statements), which would break the last entity code of the label.
    """
    ends = (
        "".join(f"<th bgcolor={OUTPUT_HEAD}>{mermaid_escape(c)}</th>" for c in table.outputs)
        if table.outputs
        else f"<th>{mermaid_escape('→')}</th>"
    )
    width = len(table.columns) + max(len(table.outputs), 1) + 1
    rows = [
        f"<tr align=left><th colspan={width}>{mermaid_escape(table.title)}</th></tr>",
        "<tr align=left><th></th>"
        + "".join(f"<th><i>{mermaid_escape(c)}</i></th>" for c in table.columns)
        + ends
        + "</tr>",
    ]
    for i, row in enumerate(table.rows):
        ground = MATCHED_ROW if row.matched else _STRIPE if i % 2 == 0 else None
        given = row.outputs if table.outputs else (row.target,)
        texts = [mermaid_escape(c) for c in (row.name, *row.cells, *given)]
        if row.matched:
            texts = [f"<b>{t}</b>" for t in texts]
        elif decided and not row.tried:
            texts = [f"<font color={FADED_TEXT}>{t}</font>" for t in texts]
        look = f" bgcolor={ground}" if ground else ""
        rows.append(f"<tr align=left{look}>" + "".join(f"<td>{t}</td>" for t in texts) + "</tr>")
    if table.result is not None:
        result = f"<td colspan={width}><b>{mermaid_escape(table.result)}</b></td>"
        rows.append(f"<tr align=left bgcolor={OUTPUT_HEAD}>{result}</tr>")
    return f'{mid}["<table cellspacing=0 cellpadding=4>{"".join(rows)}</table>"]'


class _Tables:
    """The table nodes of a drawing: the table is drawn at its first row (whose id is the
    table's); the other rows are not nodes of their own."""

    def __init__(self, drawing: Drawing) -> None:
        self.by_id = {table.id: table for table in drawing.tables}
        self.of = {row.node: table.id for table in drawing.tables for row in table.rows}
        self.hidden = {node for node, table in self.of.items() if node != table}

    def links(self, edges: list[DrawnEdge], lang: Lang) -> list[DrawnEdge]:
        """``edges`` with each table's rows' arrows as the table's: one arrow per node they lead
        to, labelled with the rows; the last row's ``else`` as the table's "otherwise"; arrows
        between rows left out, and arrows into a row drawn into the table."""
        out: list[DrawnEdge] = []
        grouped: dict[tuple[str, str, str], list[DrawnEdge]] = {}
        for edge in edges:
            source, target = self.of.get(edge.source, edge.source), self.of.get(edge.target, edge.target)
            if edge.source not in self.of:
                out.append(replace(edge, target=target) if target != edge.target else edge)
                continue
            if self.of.get(edge.target) == source:
                continue  # from one row to another: inside the table
            valued = bool(self.by_id[source].outputs)  # a value table is left by one arrow
            group = grouped.setdefault((source, target, "value" if valued else edge.kind), [])
            if not group:
                out.append(edge)  # a placeholder, replaced below
            group.append(edge)
        merged = {id(group[0]): self._merged(key, group, lang) for key, group in grouped.items()}
        return [merged.get(id(edge), edge) for edge in out]

    def _merged(self, key: tuple[str, str, str], group: list[DrawnEdge], lang: Lang) -> DrawnEdge:
        source, target, kind = key
        if kind == "then":
            names = {row.node: row.name for row in self.by_id[source].rows}
            taken = [names[edge.source] for edge in group]
            label = f"{word('row' if len(taken) == 1 else 'rows', lang)} {', '.join(taken)}"
        elif kind == "value":
            label = ""  # it goes on there whatever the rows give
        else:
            label = word("otherwise", lang) if kind == "else" else group[0].label
        highlighted = any(edge.highlighted for edge in group)
        faded = not highlighted and all(edge.faded for edge in group)
        return DrawnEdge(source, target, group[0].kind, f"table-{kind}", label, None, highlighted, faded)


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
    drawn_tables = _Tables(drawing)
    # named conditions as one table-like node per section, instead of arrows (large drawings)
    tabled = {n.id for n in drawing.nodes if n.named_condition} if drawing.condition_table else set()
    tables: list[str] = []
    absent = tabled | drawn_tables.hidden  # not nodes of their own

    def node(n: str) -> str:
        table = drawn_tables.by_id.get(n)
        if table is not None:
            return _mermaid_table(table, ids[n], bool(drawing.path))
        return _mermaid_node(by_id[n], ids[n], footnotes)

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
        lines += [f"        {node(n)}" for n in cluster.nodes if n not in absent]
        lines += table(list(cluster.nodes), "        ")
        lines.append("    end")
    loose = [node.id for node in drawing.nodes if node.id not in in_cluster]
    lines += [f"    {node(n)}" for n in loose if n not in absent]
    lines += table(loose, "    ")
    links = drawn_tables.links(
        [e for e in drawing.edges if not (e.kind == "uses" and (e.source in tabled or e.target in tabled))],
        drawing.lang,
    )
    lines += [_mermaid_edge(edge, ids, drawing.lang) for edge in links]
    if footnotes and drawing.footnotes:
        lines += _mermaid_footnotes(drawing)
    lines += _mermaid_styles(drawing, ids, absent, tables)
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
    return f'    {source} {arrow}|"{text}"| {target}' if text else f"    {source} {arrow} {target}"


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


def _mermaid_styles(drawing: Drawing, ids: dict[str, str], absent: set[str], tables: list[str]) -> list[str]:
    """The classes per node kind, and each node's own fill, dashes, path or fading (``absent``:
    nodes drawn inside another)."""
    lines = [
        f"    classDef question fill:{KIND_FILL['question']},stroke:{KIND_LINE['question']},color:#111827",
        f"    classDef rule fill:{KIND_FILL['rule']},stroke:{KIND_LINE['rule']},color:#111827",
        f"    classDef outcome stroke:{KIND_LINE['outcome']}",
    ]
    for kind in ("question", "rule", "outcome"):
        members = [ids[n.id] for n in drawing.nodes if n.kind == kind and n.id not in absent]
        members += tables if kind == "rule" else []
        if members:
            lines.append(f"    class {','.join(members)} {kind}")
    for node in drawing.nodes:
        if node.id in absent:
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
