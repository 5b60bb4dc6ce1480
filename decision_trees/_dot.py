"""Graphviz DOT text for a drawing (needs nothing), and a ``graphviz.Digraph`` (needs the package)."""

from __future__ import annotations

import html
import textwrap
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

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
    GraphvizPackageMissingError,
    clean,
    word,
)
from decision_trees.decision import Decision
from decision_trees.model import Lang, Tree

if TYPE_CHECKING:
    import graphviz

_WRAP = 30


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


def _wrap(text: str, width: int = _WRAP) -> list[str]:
    return textwrap.wrap(text, width=width, break_long_words=True, break_on_hyphens=False) or [""]


def _attrs(pairs: Iterable[tuple[str, str]]) -> str:
    return ", ".join(f"{key}={value}" for key, value in pairs)


def _node_lines(node: DrawnNode, footnotes: bool) -> str:
    lines = [_h(line) for line in _wrap(node.label)]
    if footnotes and node.footnotes:
        lines[-1] += " " + _h("[" + ", ".join(str(n) for n in node.footnotes) + "]")
    if node.highlighted:
        lines = [_tag("B", line) for line in lines]
    body = "<BR/>".join(lines)
    if node.detail:
        body += f'<BR/><FONT POINT-SIZE="10">{_h(node.detail)}</FONT>'
    return f"<{body}>"


def _node_attrs(node: DrawnNode, footnotes: bool) -> list[tuple[str, str]]:
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
        ("label", _node_lines(node, footnotes)),
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
            rows.append(f'<TR><TD ALIGN="LEFT"><FONT POINT-SIZE="10">{_h(text)}</FONT></TD></TR>')
        where = "b"
    else:
        where = "t"
    return '<<TABLE BORDER="0" CELLBORDER="0" CELLSPACING="0">' + "".join(rows) + "</TABLE>>", where


def dot_body(drawing: Drawing, edge_label_attr: str = "label") -> list[str]:
    """The statements of the DOT graph, one per line, each starting with a tab.

    ``edge_label_attr="xlabel"`` places edge labels after layout (see :func:`render`).
    """
    footnotes = drawing.sources == "footnotes"
    label, where = _graph_label(drawing)
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
                ("nodesep", "0.35"),
                ("ranksep", "0.45"),
                ("fontname", dot_quote("Helvetica,Arial,sans-serif")),
                ("fontsize", "14"),
            ]
        )
        + "];",
        '\tnode [fontname="Helvetica,Arial,sans-serif", fontsize="12", margin="0.15,0.08"];',
        '\tedge [fontname="Helvetica,Arial,sans-serif", fontsize="10", arrowsize="0.7"];',
    ]
    in_cluster = {n for cluster in drawing.clusters for n in cluster.nodes}
    by_id = {node.id: node for node in drawing.nodes}
    for cluster in drawing.clusters:
        lines.append(f"\tsubgraph {dot_quote(cluster.id)} {{")
        lines.append(
            "\t\tgraph ["
            + _attrs(
                [
                    ("id", dot_quote(cluster.id)),
                    ("label", f"<{_tag('B', _h(cluster.label))}>" if clean(cluster.label) else '""'),
                    ("style", dot_quote("rounded,dashed")),
                    ("color", dot_quote("#6b7280")),
                    ("fontcolor", dot_quote("#374151")),
                    ("labeljust", "l"),
                ]
            )
            + "];"
        )
        for node_id in cluster.nodes:
            node = by_id[node_id]
            lines.append(f"\t\t{dot_quote(node.id)} [{_attrs(_node_attrs(node, footnotes))}];")
        lines.append("\t}")
    for node in drawing.nodes:
        if node.id not in in_cluster:
            lines.append(f"\t{dot_quote(node.id)} [{_attrs(_node_attrs(node, footnotes))}];")
    for edge in drawing.edges:
        attrs = _attrs(_edge_attrs(edge, drawing.lang, edge_label_attr))
        lines.append(f"\t{dot_quote(edge.source)} -> {dot_quote(edge.target)} [{attrs}];")
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
