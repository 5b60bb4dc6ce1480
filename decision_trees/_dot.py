"""Graphviz DOT text for a drawing (needs nothing), and a ``graphviz.Digraph`` (needs the package)."""

from __future__ import annotations

import html
import itertools
import re
import textwrap
from collections.abc import Iterable
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from decision_trees._describe import drawing_of
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
from decision_trees.decision import Decision
from decision_trees.model import Lang, Tree

if TYPE_CHECKING:
    import graphviz

_WRAP = 30
_WIDE = 40  # questions in a table have room to be wide
_COLUMN_WRAP = 34  # nodes in a column of the sections layout
_RULE_WRAP = 26  # rules (hexagons) in the sections layout
_SMALL = 11  # the smallest text: details, edge labels, footnotes
_PIECE = 3  # rows per table in the sections layout, so that no row of the layout gets tall


def dot_quote(text: str) -> str:
    """``text`` as a DOT quoted string: backslashes and quotes escaped, newlines as ``\\n``."""
    escaped = text.replace("\\", "\\\\").replace('"', '\\"')
    escaped = escaped.replace("\r\n", "\n").replace("\r", "\n").replace("\n", "\\n")
    return f'"{escaped}"'


def _h(text: str) -> str:
    """``text`` escaped for a Graphviz HTML-like label.

    Besides the XML escapes: Graphviz reads backslashes in label text as its own escapes
    (``\\N`` is the node name, ``\\\\`` one backslash), so each is doubled; and a lone ``]``
    trips its HTML lexer, so brackets go as character references.
    """
    escaped = html.escape(clean(text), quote=True)
    return escaped.replace("\\", "&#92;&#92;").replace("[", "&#91;").replace("]", "&#93;")


def _tag(name: str, inner: str) -> str:
    """``inner`` in an HTML-like element (Graphviz rejects empty ones such as ``<B></B>``)."""
    return f"<{name}>{inner}</{name}>" if inner else ""


_ASIDE = re.compile(r"\s*\([^()]*\)")


def short(text: str) -> str:
    """``text`` without asides in brackets (examples, abbreviations), for the whole-tree layout;
    the full text stays in the tooltip."""
    shorter = _ASIDE.sub("", text)
    return shorter if len(shorter) >= 12 else text


def _wrap(text: str, width: int = _WRAP) -> list[str]:
    return textwrap.wrap(text, width=width, break_long_words=True, break_on_hyphens=False) or [""]


def _attrs(pairs: Iterable[tuple[str, str]]) -> str:
    return ", ".join(f"{key}={value}" for key, value in pairs)


def _node_lines(node: DrawnNode, footnotes: bool, width: int = _WRAP) -> str:
    lines = [_h(line) for line in _wrap(node.label, width)]
    if footnotes and node.footnotes:
        lines[-1] += " " + _h("[" + ", ".join(str(n) for n in node.footnotes) + "]")
    if node.highlighted:
        lines = [_tag("B", line) for line in lines]
    body = "<BR/>".join(lines)
    if node.detail:
        detail = "<BR/>".join(_h(line) for line in _wrap(node.detail, width + 10))
        body += f'<BR/><FONT POINT-SIZE="{_SMALL}">{detail}</FONT>'
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


def _edge_label(edge: DrawnEdge, lang: Lang) -> str | None:
    if edge.kind == "uses":
        return None
    lines = [_h(line) for line in _wrap(edge.label, 24)]
    if edge.answer is not None and edge.answer != edge.label:
        lines += [_tag("I", _h(line)) for line in _wrap(f"{word('answer', lang)}: {edge.answer}", 24)]
    if edge.highlighted:
        lines = [_tag("B", line) for line in lines]
    lines = [line for line in lines if line]
    return "<" + "<BR/>".join(lines) + ">" if lines else None  # Graphviz rejects an empty <>


def _edge_attrs(edge: DrawnEdge, lang: Lang, label_attr: str = "label") -> list[tuple[str, str]]:
    classes: list[str] = [edge.kind]
    pairs = [("id", dot_quote(f"edge-{edge.source}-{edge.key}"))]
    label = _edge_label(edge, lang)
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
    label = f"<{_tag('B', _h(cluster.label))}{_h(note)}>" if clean(cluster.label) else '""'
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


def _condition_table(table_id: str, nodes: list[DrawnNode], lang: Lang, first: bool = True) -> str:
    """One node holding named conditions as rows of a table: the condition and when it holds.

    Each row keeps the condition's id (``node-<id>``) and tooltip, so the SVG can still be queried.
    """
    rows = (
        [
            f'<TR><TD COLSPAN="2" ALIGN="LEFT" BGCOLOR="{KIND_FILL["rule"]}">'
            f"<B>{_h(word('conditions', lang))}</B></TD></TR>",
            f'<TR><TD ALIGN="LEFT"><I>{_h(word("condition", lang))}</I></TD>'
            f'<TD ALIGN="LEFT"><I>{_h(word("holds_when", lang))}</I></TD></TR>',
        ]
        if first
        else []
    )
    for node in nodes:
        colour = FADED_TEXT if node.faded else "#111827"
        name = '<BR ALIGN="LEFT"/>'.join(_h(line) for line in _wrap(node.label, 22))
        when = '<BR ALIGN="LEFT"/>'.join(_h(line) for line in _wrap(node.detail or "", 36))
        if node.highlighted or (not node.faded and node.id in _lit_rows(nodes)):
            name = _tag("B", name)
        cell = f'ID="{_h("node-" + node.id)}" ALIGN="LEFT" BALIGN="LEFT"'
        if node.tooltip:
            cell += f' TOOLTIP="{_h(node.tooltip)}"'
        rows.append(
            f'<TR><TD {cell}><FONT COLOR="{colour}">{name}</FONT></TD>'
            f'<TD ALIGN="LEFT" BALIGN="LEFT">'
            f'<FONT COLOR="{colour}" POINT-SIZE="{_SMALL}">{when}</FONT></TD></TR>'
        )
    table = (
        '<TABLE BORDER="0" CELLBORDER="1" CELLSPACING="0" CELLPADDING="4" '
        f'COLOR="{KIND_LINE["rule"]}">' + "".join(rows) + "</TABLE>"
    )
    pairs = [
        ("id", dot_quote(table_id)),
        ("class", dot_quote("conditions")),
        ("label", f"<{table}>"),
        ("shape", "plain"),
    ]
    return f"{dot_quote(table_id)} [{_attrs(pairs)}];"


def _question_table(
    table_id: str, nodes: list[DrawnNode], labels: list[str], lang: Lang, start: int = 0
) -> str:
    """A run of questions that each lead straight on to the next, as the numbered rows of one
    table; one shared way on (``labels`` all equal) goes in the header, else in a second column."""
    shared = len(set(labels)) == 1
    head = f"{word('each_question', lang)}: {labels[0]}" if shared else word("questions", lang)
    rows = (
        [
            f'<TR><TD COLSPAN="{1 if shared else 2}" ALIGN="LEFT" BGCOLOR="{KIND_FILL["question"]}">'
            f"<I>{_h(head)}</I></TD></TR>"
        ]
        if start == 0
        else []
    )
    for i, node in enumerate(nodes):
        colour = FADED_TEXT if node.faded else "#111827"
        number = f"{start + i + 1}. {short(node.label)}"
        text = '<BR ALIGN="LEFT"/>'.join(_h(line) for line in _wrap(number, _WIDE))
        if node.highlighted:
            text = _tag("B", text)
        cell = f'PORT="p{i}" ID="{_h("node-" + node.id)}" ALIGN="LEFT" BALIGN="LEFT"'
        if node.tooltip:
            cell += f' TOOLTIP="{_h(node.tooltip)}"'
        row = f'<TD {cell}><FONT COLOR="{colour}">{text}</FONT></TD>'
        if not shared:
            row += (
                f'<TD ALIGN="LEFT"><FONT POINT-SIZE="{_SMALL}" COLOR="{colour}">{_h(labels[i])}</FONT></TD>'
            )
        rows.append(f"<TR>{row}</TR>")
    table = (
        '<TABLE BORDER="1" CELLBORDER="1" CELLSPACING="0" CELLPADDING="5" STYLE="ROUNDED" '
        f'COLOR="{KIND_LINE["question"]}">' + "".join(rows) + "</TABLE>"
    )
    pairs = [
        ("id", dot_quote(table_id)),
        ("class", dot_quote("questions")),
        ("label", f"<{table}>"),
        ("shape", "plain"),
    ]
    return f"{dot_quote(table_id)} [{_attrs(pairs)}];"


def _lit_rows(nodes: list[DrawnNode]) -> set[str]:
    """Rows to set in bold: with a decision, the conditions its path consulted (not faded)."""
    if not any(node.faded for node in nodes):
        return set()
    return {node.id for node in nodes if not node.faded}


class _Plan:
    """How a whole tree with sections is laid out: one column per section in reading order, the
    outcomes in one row below them in severity order (least severe on the left)."""

    def __init__(self, drawing: Drawing) -> None:
        self.drawing = drawing
        by_id = {node.id: node for node in drawing.nodes}
        self.section = {n: c.id for c in drawing.clusters for n in c.nodes}
        self.tabled = {n.id for n in drawing.nodes if n.named_condition} if drawing.condition_table else set()
        outcomes = [n for n in drawing.nodes if n.kind == "outcome"]
        homes = {self.section.get(n.id) for n in outcomes}
        sections = [c for c in drawing.clusters if any(by_id[n].kind != "outcome" for n in c.nodes)]
        # columns only for a whole tree with two or more sections and its outcomes in one place
        self.columns = not drawing.partial and len(sections) >= 2 and len(homes) == 1 and bool(outcomes)
        self.outcome_home = homes.pop() if self.columns else None
        # most severe first: the legal gate's outcomes are then nearest to it, the way out of
        # scope (its first question) last, and the weighing's in its strictest-first order
        self.outcome_order = [n.id for n in sorted(outcomes, key=lambda n: -(n.severity or 0))]
        self.run_start: dict[str, int] = {}
        self.chains: list[list[str]] = self._chains(by_id, sections) if self.columns else []
        #: node id -> where its edges attach in DOT (a row of a question table, or the node itself)
        self.anchor = {n: dot_quote(n) for n in by_id}
        #: node id -> the DOT node that draws it
        self.holder = dict(self.anchor)
        self.chained: dict[str, list[str]] = {}
        for chain in self.chains:
            table = dot_quote(f"questions-{chain[0]}")
            for i, n in enumerate(chain):
                self.anchor[n] = f"{table}:p{i}"
                self.holder[n] = table
                self.chained[n] = chain
        #: the first and the last DOT nodes of every column, and invisible edges that stack them
        self.tops: list[str] = []
        self.bottoms: list[str] = []
        self.stacked: list[tuple[str, str]] = []
        self.side_tops: list[str] = []
        if self.columns:
            self._stack(by_id, sections)

    def _stack(self, by_id: dict[str, DrawnNode], sections: list[Cluster]) -> None:
        """Tops and bottoms of the columns; a section's tables of conditions go below its
        questions and rules when the column stays no longer than the longest, else beside them."""
        routes = [e for e in self.drawing.edges if e.kind != "uses"]
        plans = []
        for cluster in sections:
            members = [n for n in cluster.nodes if by_id[n].kind != "outcome" and n not in self.tabled]
            table = [dot_quote(piece) for piece, _ in self.condition_tables(cluster.id, list(cluster.nodes))]
            inside = [(e.source, e.target) for e in routes if e.target in members and e.source in members]
            left = {a for a, _ in inside}
            entered = {b for _, b in inside}
            ends = list(dict.fromkeys(self.holder[n] for n in members if n not in left))
            starts = [self.holder[n] for n in members if n not in entered][:1]
            plans.append((len(dict.fromkeys(self.holder[n] for n in members)), table, starts, ends))
        longest = max((length for length, *_ in plans), default=0)
        for length, table, starts, ends in plans:
            self.stacked += list(itertools.pairwise(table))
            self.tops += (starts or table)[:1]
            if table and starts and length + len(table) <= longest:
                self.stacked += [(end, table[0]) for end in ends]
                self.bottoms += table[-1:]
            else:
                self.side_tops += table[:1] if starts else []
                self.bottoms += ends + table[-1:]

    def condition_tables(self, home: str | None, node_ids: list[str]) -> list[tuple[str, list[str]]]:
        """The tables of named conditions in one section: ``(DOT id, node ids)``, four rows each
        in the sections layout (so that no row of the layout gets very tall), else one table."""
        tabled = [n for n in node_ids if n in self.tabled]
        size = _PIECE if self.columns else max(len(tabled), 1)
        pieces = [tabled[i : i + size] for i in range(0, len(tabled), size)]
        return [(f"conditions-{home or 'tree'}-{i + 1}", piece) for i, piece in enumerate(pieces)]

    def _chains(self, by_id: dict[str, DrawnNode], sections: list[Cluster]) -> list[list[str]]:
        """Runs of at least three questions in one section, each with one way on, to the next."""
        routes = [e for e in self.drawing.edges if e.kind != "uses"]
        targets: dict[str, set[str]] = {}
        sources: dict[str, set[str]] = {}
        for e in routes:
            targets.setdefault(e.source, set()).add(e.target)
            sources.setdefault(e.target, set()).add(e.source)

        def single(n: str) -> str | None:
            way = targets.get(n, set())
            return next(iter(way)) if by_id[n].kind == "question" and len(way) == 1 else None

        chains: list[list[str]] = []
        self.run_start: dict[str, int] = {}
        for cluster in sections:
            members = set(cluster.nodes)
            taken: set[str] = set()
            for n in cluster.nodes:
                if n in taken or single(n) is None:
                    continue
                chain = [n]
                nxt = single(n)
                while (
                    nxt in members
                    and nxt not in chain
                    and single(nxt) is not None
                    and sources.get(nxt) == {chain[-1]}
                ):
                    chain.append(nxt)
                    nxt = single(nxt)
                if len(chain) >= 3:
                    # tables of at most four rows, so that no row of the layout gets very tall
                    pieces = [chain[i : i + _PIECE] for i in range(0, len(chain), _PIECE)]
                    for i, piece in enumerate(pieces):
                        if len(piece) > 1:
                            chains.append(piece)
                            self.run_start[piece[0]] = i * _PIECE
                    taken.update(chain)
        return chains

    def constraint(self, edge: DrawnEdge) -> bool:
        """Whether ``edge`` sets the ranks (only edges inside a section do, in columns)."""
        if not self.columns:
            return True
        return self.section.get(edge.source) == self.section.get(edge.target) and (
            edge.target not in self.outcome_order
        )


def _node_line(node: DrawnNode, footnotes: bool, indent: str, width: int = _WRAP) -> str:
    return f"{indent}{dot_quote(node.id)} [{_attrs(_node_attrs(node, footnotes, width))}];"


def _members(plan: _Plan, node_ids: list[str], home: str | None, indent: str) -> list[str]:
    """The statements for the nodes of one cluster (``home``) or of the root (``None``)."""
    drawing = plan.drawing
    by_id = {node.id: node for node in drawing.nodes}
    footnotes = drawing.sources == "footnotes"
    lines: list[str] = []
    ordered = node_ids
    if plan.columns and home == plan.outcome_home:
        rank = {n: i for i, n in enumerate(plan.outcome_order)}
        ordered = sorted(node_ids, key=lambda n: (n in rank, rank.get(n, 0)))
    for n in ordered:
        chain = plan.chained.get(n)
        if chain is not None and chain[0] == n:
            labels = [
                next(e.label for e in drawing.edges if e.source == c and e.kind != "uses") for c in chain
            ]
            start = plan.run_start[n]
            table = _question_table(f"questions-{n}", [by_id[c] for c in chain], labels, drawing.lang, start)
            lines.append(indent + table)
        elif chain is None and n not in plan.tabled:
            node = by_id[n]
            width = _WRAP
            if plan.columns and node.kind != "outcome":
                width = _COLUMN_WRAP if node.kind == "question" else _RULE_WRAP
                node = replace(node, label=short(node.label)) if node.kind == "question" else node
            lines.append(_node_line(node, footnotes, indent, width))
    for i, (table_id, piece) in enumerate(plan.condition_tables(home, node_ids)):
        lines.append(indent + _condition_table(table_id, [by_id[n] for n in piece], drawing.lang, i == 0))
    if plan.columns and home == plan.outcome_home:
        row = "; ".join(dot_quote(n) for n in plan.outcome_order)
        lines.append(f"{indent}{{rank=same; {row};}}")
        for left, right in itertools.pairwise(plan.outcome_order):
            lines.append(f"{indent}{dot_quote(left)} -> {dot_quote(right)} [style=invis];")
    return lines


def dot_body(drawing: Drawing, edge_label_attr: str = "label") -> list[str]:
    """The statements of the DOT graph, one per line, each starting with a tab.

    ``edge_label_attr="xlabel"`` places edge labels after layout (see :func:`render`).
    """
    plan = _Plan(drawing)
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
                ("ranksep", "0.3" if plan.columns else "0.45"),
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
        note = f" · {word('by_severity', drawing.lang)}" if cluster.id == plan.outcome_home else ""
        lines.append(f"\t\tgraph [{_cluster_attrs(cluster, note)}];")
        lines += _members(plan, list(cluster.nodes), cluster.id, "\t\t")
        lines.append("\t}")
    lines += _members(plan, [n.id for n in drawing.nodes if n.id not in in_cluster], None, "\t")
    for edge in drawing.edges:
        if edge.kind == "uses" and (edge.source in plan.tabled or edge.target in plan.tabled):
            continue
        if edge.source in plan.chained and plan.chained[edge.source] is plan.chained.get(edge.target):
            continue  # a step inside a question table
        constraint = plan.constraint(edge)
        # an edge between sections gets its label after layout, so that it takes no rank space
        pairs = _edge_attrs(edge, drawing.lang, "xlabel" if plan.columns else edge_label_attr)
        if not constraint:
            pairs.append(("constraint", "false"))
        source, target = plan.anchor[edge.source], plan.anchor[edge.target]
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
