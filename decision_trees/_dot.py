"""Graphviz DOT text for a drawing (needs nothing), and a ``graphviz.Digraph`` (needs the package)."""

from __future__ import annotations

import itertools
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from decision_trees._describe import drawing_of
from decision_trees._dot_syntax import COLUMN_WRAP as _COLUMN_WRAP
from decision_trees._dot_syntax import OUTCOME_WRAP as _OUTCOME_WRAP
from decision_trees._dot_syntax import RULE_WRAP as _RULE_WRAP
from decision_trees._dot_syntax import SMALL as _SMALL
from decision_trees._dot_syntax import WRAP as _WRAP
from decision_trees._dot_syntax import attrs as _attrs
from decision_trees._dot_syntax import dot_quote, short
from decision_trees._dot_syntax import h as _h
from decision_trees._dot_syntax import tag as _tag
from decision_trees._dot_syntax import wrap as _wrap
from decision_trees._drawing import (
    FADED_LINE,
    FADED_TEXT,
    KIND_FILL,
    KIND_LINE,
    PATH_COLOUR,
    Cluster,
    Drawing,
    DrawnEdge,
    DrawnNode,
    GraphvizPackageMissingError,
    clean,
    word,
)
from decision_trees._layout import Plan, condition_table, question_table, row_table
from decision_trees.decision import Decision
from decision_trees.model import Lang, Tree

if TYPE_CHECKING:
    import graphviz


def _node_lines(node: DrawnNode, footnotes: bool, width: int = _WRAP) -> str:
    # a hexagon's sides take room from its text: its details wrap as narrow as its label
    extra_width = width if node.shape == "hexagon" and width == _RULE_WRAP else width + 10
    lines = [_h(line) for line in _wrap(node.label, width)]
    if footnotes and node.footnotes:
        lines[-1] += " " + _h("[" + ", ".join(str(n) for n in node.footnotes) + "]")
    if node.highlighted:
        lines = [_tag("B", line) for line in lines]
    body = "<BR/>".join(lines)
    for extra in (node.detail, node.condition):
        if extra:
            text = "<BR/>".join(_h(line) for line in _wrap(extra, extra_width))
            body += f'<BR/><FONT POINT-SIZE="{_SMALL}">{text}</FONT>'
    return f"<{body}>"


def _node_attrs(node: DrawnNode, footnotes: bool, width: int = _WRAP) -> list[tuple[str, str]]:
    styles: list[str] = []
    if node.shape == "rounded-box":
        shape = "box"
        styles.append("rounded")
    elif node.shape == "hexagon":
        shape = "hexagon"
    else:
        shape = "ellipse"
    styles.append("filled")
    if node.named_condition:
        styles.append("dashed")
    fill = node.fill or KIND_FILL.get(node.kind, "#ffffff")
    line = KIND_LINE[node.kind]
    font = node.font_colour or "#111827"
    penwidth = "1"
    classes: list[str] = [node.kind]
    if node.highlighted:
        line, penwidth = PATH_COLOUR, "3"
        classes.append("path")
    elif node.faded:
        fill = fill + "55" if node.fill else "#f9fafb"
        line, font = FADED_LINE, FADED_TEXT
        classes.append("faded")
    if node.band:
        classes.append(f"severity-{node.band}")
    pairs = [
        ("id", dot_quote(f"node-{node.id}")),
        ("class", dot_quote(" ".join(classes))),
        ("label", _node_lines(node, footnotes, width)),
        ("shape", shape),
        ("style", dot_quote(",".join(styles))),
        ("fillcolor", dot_quote(fill)),
        ("color", dot_quote(line)),
        ("fontcolor", dot_quote(font)),
        ("penwidth", penwidth),
    ]
    if node.tooltip:
        # `&` as `&amp;`: Graphviz copies character references into SVG as they are
        pairs.append(("tooltip", dot_quote(node.tooltip.replace("&", "&amp;"))))
    return pairs


def _edge_label(edge: DrawnEdge, lang: Lang, width: int = 24) -> str | None:
    if edge.kind == "uses":
        return None
    lines = [_h(line) for line in _wrap(edge.label, width)]
    if edge.answer is not None and edge.answer != edge.label:
        lines += [_tag("I", _h(line)) for line in _wrap(f"{word('answer', lang)}: {edge.answer}", width)]
    if edge.highlighted:
        lines = [_tag("B", line) for line in lines]
    lines = [line for line in lines if line]
    return "<" + "<BR/>".join(lines) + ">" if lines else None  # Graphviz rejects an empty <>


def _edge_attrs(
    edge: DrawnEdge, lang: Lang, label_attr: str = "label", width: int = 24
) -> list[tuple[str, str]]:
    classes: list[str] = [edge.kind]
    pairs = [("id", dot_quote(f"edge-{edge.source}-{edge.key}"))]
    label = _edge_label(edge, lang, width)
    if label is not None:
        pairs.append((label_attr, label))
    if edge.highlighted:
        classes.append("path")
        pairs += [("color", dot_quote(PATH_COLOUR)), ("fontcolor", dot_quote(PATH_COLOUR))]
        pairs.append(("penwidth", "3"))
    elif edge.faded:
        classes.append("faded")
        pairs += [("color", dot_quote(FADED_LINE)), ("fontcolor", dot_quote(FADED_TEXT))]
    if edge.kind == "uses":
        pairs += [("style", "dashed"), ("arrowhead", "empty")]
    pairs.insert(1, ("class", dot_quote(" ".join(classes))))
    return pairs


def _graph_label(drawing: Drawing) -> tuple[str, str]:
    """The graph label and where it goes (``t`` on top, ``b`` at the bottom with footnotes)."""
    rows = [f'<TR><TD ALIGN="LEFT">{_tag("B", _h(drawing.title))}</TD></TR>']
    if drawing.caption:
        rows.append(f'<TR><TD ALIGN="LEFT">{_h(drawing.caption)}</TD></TR>')
    if drawing.note:
        rows.append(f'<TR><TD ALIGN="LEFT"><I>{_h(drawing.note)}</I></TD></TR>')
    if drawing.sources == "footnotes" and drawing.footnotes:
        rows.append(f'<TR><TD ALIGN="LEFT"><I>{_h(word("sources", drawing.lang))}</I></TD></TR>')
        for note in drawing.footnotes:
            text = f"[{note.number}] {note.text}" + (f", {note.url}" if note.url else "")
            rows.append(f'<TR><TD ALIGN="LEFT"><FONT POINT-SIZE="{_SMALL}">{_h(text)}</FONT></TD></TR>')
        where = "b"
    else:
        where = "t"
    return '<<TABLE BORDER="0" CELLBORDER="0" CELLSPACING="0">' + "".join(rows) + "</TABLE>>", where


def _cluster_attrs(cluster: Cluster, note: str = "") -> str:
    after = f" · {_h(note)}" if note else ""
    label = f"<{_tag('B', _h(cluster.label))}{after}>" if clean(cluster.label) else '""'
    return _attrs(
        [
            ("id", dot_quote(cluster.id)),
            ("label", label),
            ("style", dot_quote("rounded,dashed")),
            ("color", dot_quote("#6b7280")),
            ("fontcolor", dot_quote("#374151")),
            ("labeljust", "l"),
        ]
    )


def _node_line(node: DrawnNode, footnotes: bool, indent: str, width: int = _WRAP) -> str:
    return f"{indent}{dot_quote(node.id)} [{_attrs(_node_attrs(node, footnotes, width))}];"


def _members(plan: Plan, node_ids: list[str], home: str | None, indent: str) -> list[str]:
    """The statements for the nodes of one cluster (``home``) or of the root (``None``)."""
    drawing = plan.drawing
    by_id = {node.id: node for node in drawing.nodes}
    footnotes = drawing.sources == "footnotes"
    lines: list[str] = []
    ordered = node_ids
    if plan.outcome_row and home == plan.outcome_home:
        rank = {n: i for i, n in enumerate(plan.outcome_order)}
        ordered = sorted(node_ids, key=lambda n: (n in rank, rank.get(n, 0)))
    for n in ordered:
        if n in plan.in_row_table:
            if n in plan.row_tables:
                lines.append(indent + row_table(plan.row_tables[n], drawing.lang, bool(drawing.path)))
            continue
        chain = plan.chained.get(n)
        if chain is not None and chain[0] == n:
            labels = [
                next(e.label for e in drawing.edges if e.source == c and e.kind != "uses") for c in chain
            ]
            start = plan.run_start[n]
            table = question_table(f"questions-{n}", [by_id[c] for c in chain], labels, drawing.lang, start)
            lines.append(indent + table)
        elif chain is None and n not in plan.tabled:
            node = by_id[n]
            width = _WRAP
            if plan.columns and node.kind == "outcome":
                width = _OUTCOME_WRAP
            elif plan.columns:
                width = _COLUMN_WRAP if node.kind == "question" else _RULE_WRAP
                node = replace(node, label=short(node.label)) if node.kind == "question" else node
            lines.append(_node_line(node, footnotes, indent, width))
    for i, (table_id, piece) in enumerate(plan.condition_tables(home, node_ids)):
        # narrower in columns, where width is scarcer than height
        widths = (20, 26) if plan.columns else (22, 36)
        rows = [by_id[n] for n in piece]
        lines.append(indent + condition_table(table_id, rows, drawing.lang, i == 0, widths))
    if plan.columns and plan.outcome_row and home == plan.outcome_home:
        row = "; ".join(dot_quote(n) for n in plan.outcome_order)
        lines.append(f"{indent}{{rank=same; {row};}}")
        for left, right in itertools.pairwise(plan.outcome_order):
            lines.append(f"{indent}{dot_quote(left)} -> {dot_quote(right)} [style=invis];")
    return lines


def _value_table_exits(plan: Plan, drawing: Drawing) -> set[DrawnEdge]:
    """Per drawn value table, the one arrow that leaves it (the one on the path, if any)."""
    exits: dict[str, DrawnEdge] = {}
    for edge in drawing.edges:
        if edge.source in plan.value_rows and plan.chained[edge.source] is not plan.chained.get(edge.target):
            holder = plan.in_row_table[edge.source][0]
            if holder not in exits or (edge.highlighted and not exits[holder].highlighted):
                exits[holder] = edge
    return set(exits.values())


def _row_table_edge(
    plan: Plan, edge: DrawnEdge, pairs: list[tuple[str, str]], lang: Lang
) -> tuple[str, list[tuple[str, str]]]:
    """A row's arrow leaves its row, unlabelled (the row names where it goes); the last row's
    ``else`` is the table's: it leaves the table, labelled "otherwise". A value table's one arrow
    leaves the table, unlabelled (it goes on there whatever the rows give)."""
    holder, rows = plan.in_row_table[edge.source]
    if edge.source in plan.value_rows:
        return holder, [(k, v) for k, v in pairs if k not in ("label", "xlabel")]
    if edge.kind == "else" and edge.source == rows[-1]:
        label = dot_quote(word("otherwise", lang))
        return holder, [(k, label if k in ("label", "xlabel") else v) for k, v in pairs]
    return plan.anchor[edge.source], [(k, v) for k, v in pairs if k not in ("label", "xlabel")]


def dot_body(drawing: Drawing, edge_label_attr: str = "label") -> list[str]:
    """The statements of the DOT graph, one per line, each starting with a tab.

    ``edge_label_attr="xlabel"`` places edge labels after layout (see :func:`render`).
    """
    plan = Plan(drawing)
    label, where = _graph_label(drawing)
    margin = "0.06,0.03" if plan.columns else "0.15,0.08"  # the sections layout is kept tight
    lines = [
        "\t"
        + "graph ["
        + _attrs(
            [
                ("id", dot_quote(f"tree-{drawing.tree_id}")),
                ("label", label),
                ("labelloc", where),
                ("labeljust", "l"),
                ("rankdir", "TB"),
                *([("newrank", "true")] if plan.columns else []),
                ("nodesep", "0.15" if plan.columns else "0.35"),
                ("ranksep", "0.35" if plan.columns else "0.45"),
                ("fontname", dot_quote("Helvetica,Arial,sans-serif")),
                ("fontsize", "14"),
            ]
        )
        + "];",
        f'\tnode [fontname="Helvetica,Arial,sans-serif", fontsize="12", margin="{margin}"];',
        f'\tedge [fontname="Helvetica,Arial,sans-serif", fontsize="{_SMALL}", arrowsize="0.7"];',
    ]
    in_cluster = {n for cluster in drawing.clusters for n in cluster.nodes}
    for cluster in drawing.clusters:
        lines.append(f"\tsubgraph {dot_quote(cluster.id)} {{")
        note = (
            word("by_severity", drawing.lang)
            if plan.columns and plan.outcome_row and cluster.id == plan.outcome_home
            else ""
        )
        lines.append(f"\t\tgraph [{_cluster_attrs(cluster, note)}];")
        lines += _members(plan, list(cluster.nodes), cluster.id, "\t\t")
        lines.append("\t}")
    lines += _members(plan, [n.id for n in drawing.nodes if n.id not in in_cluster], None, "\t")
    left_value_table = _value_table_exits(plan, drawing)
    for edge in drawing.edges:
        if edge.kind == "uses" and (edge.source in plan.tabled or edge.target in plan.tabled):
            continue
        if edge.source in plan.chained and plan.chained[edge.source] is plan.chained.get(edge.target):
            continue  # a step inside a question table
        if edge.source in plan.value_rows and edge not in left_value_table:
            continue  # a value table is left by one arrow, from the table
        constraint = plan.constraint(edge)
        # an edge between sections gets its label after layout, so that it takes no rank space
        # in columns, labels are placed after layout on one long line, so they take no rank space
        pairs = (
            _edge_attrs(edge, drawing.lang, "xlabel", 44)
            if plan.columns
            else _edge_attrs(edge, drawing.lang, edge_label_attr)
        )
        if not constraint:
            pairs.append(("constraint", "false"))
        source, target = plan.anchor[edge.source], plan.anchor[edge.target]
        if edge.source in plan.in_row_table:
            source, pairs = _row_table_edge(plan, edge, pairs, drawing.lang)
        if edge.target in plan.in_row_table:
            target = plan.in_row_table[edge.target][0]  # into the table, not into a row
        lines.append(f"\t{source} -> {target} [{_attrs(pairs)}];")
    if plan.columns and plan.outcome_order:
        first = dot_quote(plan.outcome_order[0])
        lines += [f"\t{a} -> {b} [style=invis];" for a, b in plan.stacked]
        lines += [f"\t{n} -> {first} [style=invis, weight=0];" for n in plan.bottoms]
        tops = plan.tops
        lines.append(f"\t{{rank=min; {'; '.join(tops + plan.side_tops)};}}")
        for left, right in itertools.pairwise(tops):
            lines.append(f"\t{left} -> {right} [style=invis];")
    return [line + "\n" for line in lines]


def to_dot(tree: Tree | Decision | Drawing, decision: Decision | None = None, **opts: Any) -> str:
    """The drawing as Graphviz DOT text (byte-identical for the same input). Needs nothing.

    ``tree`` may be a tree (with ``decision`` and the options of :func:`describe`), a decision
    (its tree with its path), or a :class:`Drawing`.
    """
    drawing = drawing_of(tree, decision, opts)
    return "digraph {\n" + "".join(dot_body(drawing)) + "}\n"


def to_graphviz(
    tree: Tree | Decision | Drawing, decision: Decision | None = None, **opts: Any
) -> graphviz.Digraph:
    """The drawing as a ``graphviz.Digraph`` (its ``source`` equals :func:`to_dot`).

    Needs the ``graphviz`` Python package; raises :class:`GraphvizPackageMissingError` without it.
    """
    try:
        import graphviz
    except ImportError:
        raise GraphvizPackageMissingError() from None
    drawing = drawing_of(tree, decision, opts)
    digraph = graphviz.Digraph()
    digraph.body.extend(dot_body(drawing))
    return digraph
