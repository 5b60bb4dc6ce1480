"""Drawing trees and decision paths: describe once, then render as DOT, Graphviz, SVG/PNG/PDF or Mermaid.

:func:`describe` turns a tree (and optionally a decision) into a plain, frozen :class:`Drawing`:
nodes with their shape, label, severity colour, section (cluster) and whether they lie on the path
taken; edges with their branch labels and the answer given. The renderers only translate a
drawing: :func:`to_dot` needs nothing, :func:`to_graphviz` needs the ``graphviz`` Python package,
:func:`render` needs the Graphviz ``dot`` program, :func:`to_mermaid` needs nothing.

Every text that comes from a tree or a case is cleaned (control characters removed, whitespace
collapsed) and escaped for the target language, so a label such as ``"]; evil [`` or
``<script>`` is drawn as text. The same input always gives byte-identical DOT and Mermaid.
"""

from __future__ import annotations

import html
import re
import shutil
import subprocess
import textwrap
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, TypeAlias

from decision_trees.answers import UNKNOWN
from decision_trees.conditions import describe as describe_condition
from decision_trees.conditions import rule_refs, value_text
from decision_trees.decision import Decision
from decision_trees.errors import DecisionTreeError, MissingDependencyError
from decision_trees.model import Citation, Condition, Lang, Outcome, Question, Rule, Test, Tree

if TYPE_CHECKING:
    import graphviz

__all__ = [
    "SEVERITY_BANDS",
    "Cluster",
    "DotProgramMissingError",
    "Drawing",
    "DrawnEdge",
    "DrawnNode",
    "Footnote",
    "GraphvizPackageMissingError",
    "RenderError",
    "RenderOptionError",
    "SeverityBand",
    "describe",
    "dot_available",
    "mimebundle",
    "render",
    "severity_band",
    "to_dot",
    "to_graphviz",
    "to_mermaid",
]

SourcesMode: TypeAlias = Literal["tooltip", "footnotes"] | None
Shape: TypeAlias = Literal["rounded-box", "hexagon", "stadium"]
Format: TypeAlias = Literal["svg", "png", "pdf"]
EdgeKind: TypeAlias = Literal["branch", "otherwise", "then", "else", "uses"]

FORMATS: tuple[str, ...] = ("svg", "png", "pdf")
DOT_TIMEOUT_SECONDS = 120
# Graphviz's messages when its spline router gives up on an edge (a fault of Graphviz, not ours).
_ROUTING_FAULT = re.compile(
    r"lost \S+ \S+ edge|Pshortestpath failed|triangulation failed|trouble in init_rank"
)

# ----------------------------------------------------------------------------------------------
# Errors


class GraphvizPackageMissingError(MissingDependencyError):
    """The ``graphviz`` Python package is not installed (needed by :func:`to_graphviz` only)."""

    code = "DT610"

    def __init__(self) -> None:
        super().__init__("the graphviz Python package", "pip install graphviz", code="DT610")


class DotProgramMissingError(MissingDependencyError):
    """The Graphviz ``dot`` program is not on the PATH (needed by :func:`render` only)."""

    code = "DT611"

    def __init__(self) -> None:
        super().__init__(
            "the Graphviz program 'dot'",
            "apt-get install graphviz (Debian/Ubuntu) or brew install graphviz (macOS)",
            code="DT611",
        )


class RenderError(DecisionTreeError, RuntimeError):
    """``dot`` ran but failed (its message is included) or did not finish in time."""

    code = "DT612"


class RenderOptionError(DecisionTreeError, ValueError):
    """An option of a renderer is not valid (unknown format or language, a foreign decision …)."""

    code = "DT613"


# ----------------------------------------------------------------------------------------------
# The description


@dataclass(frozen=True, slots=True)
class SeverityBand:
    """A range of outcome severities (from ``minimum`` up to the next band) and its colours."""

    name: str
    minimum: int
    fill: str
    font: str


#: The fixed palette: an outcome takes the colours of the last band whose minimum it reaches.
SEVERITY_BANDS: tuple[SeverityBand, ...] = (
    SeverityBand("none", 0, "#e5e7eb", "#111827"),
    SeverityBand("low", 1, "#bbf7d0", "#14532d"),
    SeverityBand("moderate", 20, "#fef08a", "#713f12"),
    SeverityBand("elevated", 40, "#fed7aa", "#7c2d12"),
    SeverityBand("high", 60, "#fca5a5", "#7f1d1d"),
    SeverityBand("severe", 80, "#b91c1c", "#ffffff"),
)


def severity_band(severity: int) -> SeverityBand:
    """The band of :data:`SEVERITY_BANDS` that ``severity`` falls in."""
    chosen = SEVERITY_BANDS[0]
    for band in SEVERITY_BANDS:
        if severity >= band.minimum:
            chosen = band
    return chosen


@dataclass(frozen=True, slots=True)
class DrawnNode:
    """One node as drawn. Texts are cleaned plain text (renderers escape them)."""

    id: str
    kind: Literal["question", "rule", "outcome"]
    shape: Shape
    label: str
    detail: str | None = None
    severity: int | None = None
    band: str | None = None
    fill: str | None = None
    font_colour: str | None = None
    cluster: str | None = None
    named_condition: bool = False
    highlighted: bool = False
    faded: bool = False
    tooltip: str | None = None
    footnotes: tuple[int, ...] = ()


@dataclass(frozen=True, slots=True)
class DrawnEdge:
    """One way out of a node (one per branch, even when branches share a target).

    ``kind`` is ``branch``, ``otherwise``, ``then``, ``else`` or ``uses`` (a rule referring to a
    named condition); ``key`` identifies it among the node's ways out. ``answer`` is the answer
    given, on the edge the decision took.
    """

    source: str
    target: str
    kind: EdgeKind
    key: str
    label: str
    answer: str | None = None
    highlighted: bool = False
    faded: bool = False


@dataclass(frozen=True, slots=True)
class Cluster:
    """A section of the tree (``section`` of its nodes), drawn as a box around them."""

    id: str
    label: str
    nodes: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Footnote:
    """A source, numbered, for ``sources="footnotes"``."""

    number: int
    source: str
    text: str
    url: str | None = None


@dataclass(frozen=True, slots=True)
class Drawing:
    """A renderer-neutral description of a tree drawing, optionally with a decision's path."""

    tree_id: str
    title: str
    lang: Lang
    sources: SourcesMode
    nodes: tuple[DrawnNode, ...]
    edges: tuple[DrawnEdge, ...]
    clusters: tuple[Cluster, ...]
    footnotes: tuple[Footnote, ...] = ()
    path: tuple[str, ...] = ()
    outcome: str | None = None
    caption: str | None = None
    partial: bool = False

    def node(self, node_id: str) -> DrawnNode:
        """The drawn node with id ``node_id``."""
        for node in self.nodes:
            if node.id == node_id:
                return node
        raise KeyError(node_id)


_WORDS: dict[str, dict[Lang, str]] = {
    "yes": {"en": "yes", "nl": "ja"},
    "no": {"en": "no", "nl": "nee"},
    "otherwise": {"en": "otherwise", "nl": "anders"},
    "uses": {"en": "uses", "nl": "gebruikt"},
    "severity": {"en": "severity", "nl": "zwaarte"},
    "version": {"en": "version", "nl": "versie"},
    "answer": {"en": "answer", "nl": "antwoord"},
    "holds": {"en": "holds", "nl": "geldt"},
    "fails": {"en": "does not hold", "nl": "geldt niet"},
    "decision": {"en": "Decision", "nl": "Besluit"},
    "sources": {"en": "Sources", "nl": "Bronnen"},
    "path_only": {"en": "path and its neighbourhood", "nl": "pad en omgeving"},
    "direct": {"en": "direct", "nl": "direct"},
    "adapted": {"en": "adapted", "nl": "bewerkt"},
    "synthesis": {"en": "synthesis", "nl": "synthese"},
    "permitted": {"en": "permitted", "nl": "toegestaan"},
    "not_permitted": {"en": "not permitted", "nl": "niet toegestaan"},
}


def word(key: str, lang: Lang) -> str:
    """A fixed word of the drawings in ``lang``."""
    return _WORDS[key][lang]


_INVISIBLE = {"Cc", "Cs", "Co", "Cn"}


def clean(text: str) -> str:
    """``text`` on one line: control and unassigned characters dropped, whitespace collapsed."""
    kept = []
    for char in text:
        if char.isspace():
            kept.append(" ")
        elif unicodedata.category(char) not in _INVISIBLE:
            kept.append(char)
    return " ".join("".join(kept).split())


def _check_lang(lang: str) -> Lang:
    if lang not in ("nl", "en"):
        raise RenderOptionError(f"language must be 'nl' or 'en', not {lang!r}")
    return "nl" if lang == "nl" else "en"


def _branch_label(tree: Tree, node: Question, condition: Condition, lang: Lang) -> str:
    """A short label for a question's branch: the value(s) for a plain test, else the condition."""
    decl = tree.inputs.get(node.input)
    if isinstance(condition, Test) and condition.input in (None, node.input):
        op = condition.operator
        if op == "equals":
            return value_text(decl, condition.equals, lang)
        if op == "one_of" and condition.one_of is not None:
            return " / ".join(value_text(decl, v, lang) for v in condition.one_of)
        if op == "is_unknown" and condition.is_unknown:
            return value_text(decl, UNKNOWN, lang)
        text = describe_condition(condition, tree.inputs, lang, implied_input=node.input)
        subject = decl.label.get(lang) if decl is not None else node.input
        return text[len(subject) + 1 :] if text.startswith(subject + " ") else text
    return describe_condition(
        condition, tree.inputs, lang, implied_input=node.input, rule_text=_rule_text(tree, lang)
    )


def _rule_text(tree: Tree, lang: Lang) -> Any:
    def text(rule_id: str) -> str:
        rule = tree.nodes.get(rule_id)
        return rule.text.get(lang) if isinstance(rule, Rule) else rule_id

    return text


def _source_text(tree: Tree, source_id: str) -> tuple[str, str | None]:
    source = tree.sources.get(source_id)
    if source is None:
        return source_id, None
    parts = [source.title, source.publisher]
    if source.section:
        parts.append(source.section)
    parts.append(source.date.isoformat())
    return clean(", ".join(parts)), source.url


def _citation_text(tree: Tree, citation: Citation, lang: Lang) -> str:
    text, _ = _source_text(tree, citation.source)
    if citation.section:
        text += f", {clean(citation.section)}"
    return f"{text} ({word(citation.provenance, lang)})"


def _ways_out(node: Question | Rule | Outcome) -> list[tuple[str, EdgeKind, str]]:
    """``(target, kind, key)`` for every routing edge of ``node``, in order."""
    if isinstance(node, Question):
        out: list[tuple[str, EdgeKind, str]] = [
            (b.next, "branch", str(i)) for i, b in enumerate(node.branches)
        ]
        if node.otherwise is not None:
            out.append((node.otherwise, "otherwise", "otherwise"))
        return out
    if isinstance(node, Rule) and node.then is not None and node.else_ is not None:
        return [(node.then, "then", "then"), (node.else_, "else", "else")]
    return []


def _uses(node: Question | Rule | Outcome) -> list[str]:
    """Named-condition rules that ``node`` refers to, in order of first reference."""
    if not isinstance(node, Rule):
        return []
    seen: dict[str, None] = {}
    for ref, _ in rule_refs(node.condition):
        seen.setdefault(ref, None)
    return list(seen)


def _taken(decision: Decision) -> dict[str, str]:
    """Node id -> key of the way out the decision took there."""
    taken: dict[str, str] = {}
    tree = decision.tree
    for node_id, branch in zip(decision.path, decision.branches, strict=False):
        node = tree.nodes[node_id]
        if isinstance(node, Question):
            taken[node_id] = str(branch) if branch < len(node.branches) else "otherwise"
        else:
            taken[node_id] = "then" if branch == 0 else "else"
    return taken


def _consulted(tree: Tree, path: tuple[str, ...]) -> set[str]:
    """Named conditions that the rules on ``path`` use, directly or through each other."""
    found: set[str] = set()
    stack = [ref for node_id in path for ref in _uses(tree.nodes[node_id])]
    while stack:
        ref = stack.pop()
        if ref not in found and ref in tree.nodes:
            found.add(ref)
            stack.extend(_uses(tree.nodes[ref]))
    return found - set(path)


def _neighbourhood(tree: Tree, path: tuple[str, ...], distance: int) -> set[str]:
    """The path and every node reachable from it in at most ``distance`` steps (routes and uses)."""
    keep = set(path)
    frontier = list(path)
    for _ in range(distance):
        nxt: list[str] = []
        for node_id in frontier:
            node = tree.nodes[node_id]
            for target in [t for t, _, _ in _ways_out(node)] + _uses(node):
                if target not in keep and target in tree.nodes:
                    keep.add(target)
                    nxt.append(target)
        frontier = nxt
    return keep


def describe(
    tree: Tree,
    decision: Decision | None = None,
    *,
    lang: Lang = "en",
    neighbourhood: int | None = None,
    sources: SourcesMode = "tooltip",
) -> Drawing:
    """Describe the drawing of ``tree``, with ``decision``'s path highlighted when given.

    ``neighbourhood=k`` (with a decision) keeps only the path and the nodes reachable from it in
    at most ``k`` steps; ``sources`` puts the cited sources in tooltips, in a numbered footnote
    list (``"footnotes"``), or leaves them out (``None``).
    """
    lang = _check_lang(lang)
    if sources not in ("tooltip", "footnotes", None):
        raise RenderOptionError(f"sources must be 'tooltip', 'footnotes' or None, not {sources!r}")
    if decision is not None and decision.tree.content_hash != tree.content_hash:
        raise RenderOptionError(
            f"the decision was made with tree {decision.tree.id!r} ({decision.tree.content_hash[:19]}…), "
            f"not with the tree drawn, {tree.id!r} ({tree.content_hash[:19]}…)"
        )
    if neighbourhood is not None:
        if decision is None:
            raise RenderOptionError("neighbourhood needs a decision: it is measured from its path")
        if isinstance(neighbourhood, bool) or not isinstance(neighbourhood, int) or neighbourhood < 0:
            raise RenderOptionError(f"neighbourhood must be a whole number >= 0, not {neighbourhood!r}")

    path: tuple[str, ...] = decision.path if decision is not None else ()
    on_path = set(path)
    consulted = _consulted(tree, path)
    lit = on_path | consulted  # not faded
    taken = _taken(decision) if decision is not None else {}
    shown = (
        _neighbourhood(tree, path, neighbourhood)
        if decision is not None and neighbourhood is not None
        else set(tree.nodes)
    )

    footnote_numbers: dict[str, int] = {}
    footnotes: list[Footnote] = []

    def cite(citations: tuple[Citation, ...]) -> tuple[int, ...]:
        numbers: list[int] = []
        for citation in citations:
            number = footnote_numbers.get(citation.source)
            if number is None:
                number = footnote_numbers[citation.source] = len(footnote_numbers) + 1
                text, url = _source_text(tree, citation.source)
                footnotes.append(Footnote(number, citation.source, text, url))
            if number not in numbers:
                numbers.append(number)
        return tuple(numbers)

    clusters: dict[str, list[str]] = {}
    nodes: list[DrawnNode] = []
    for node_id, node in tree.nodes.items():
        if node_id not in shown:
            continue
        cluster_id = None
        if node.section:
            section = clean(node.section)
            clusters.setdefault(section, []).append(node_id)
            cluster_id = f"cluster_{list(clusters).index(section)}"
        tip_parts: list[str] = []
        detail: str | None = None
        severity = band_name = fill = font = None
        named = False
        if isinstance(node, Question):
            kind: Literal["question", "rule", "outcome"] = "question"
            shape: Shape = "rounded-box"
            label = clean(node.text.get(lang))
            if node.help is not None:
                tip_parts.append(clean(node.help.get(lang)))
        elif isinstance(node, Rule):
            kind, shape = "rule", "hexagon"
            label = clean(node.text.get(lang))
            named = not node.routes
            if node.note is not None:
                tip_parts.append(clean(node.note.get(lang)))
        else:
            kind, shape = "outcome", "stadium"
            label = clean(node.label.get(lang))
            severity = node.severity
            band = severity_band(node.severity)
            band_name, fill, font = band.name, band.fill, band.font
            detail = f"{word('severity', lang)} {node.severity}"
            if node.permitted is not None:
                detail += f" · {word('permitted' if node.permitted else 'not_permitted', lang)}"
            if node.description is not None:
                tip_parts.append(clean(node.description.get(lang)))
        numbers: tuple[int, ...] = ()
        if sources == "footnotes":
            numbers = cite(node.sources)
        elif sources == "tooltip" and node.sources:
            cited = "; ".join(_citation_text(tree, c, lang) for c in node.sources)
            tip_parts.append(f"{word('sources', lang)}: {cited}")
        nodes.append(
            DrawnNode(
                id=node_id,
                kind=kind,
                shape=shape,
                label=label or node_id,
                detail=detail,
                severity=severity,
                band=band_name,
                fill=fill,
                font_colour=font,
                cluster=cluster_id,
                named_condition=named,
                highlighted=node_id in on_path,
                faded=decision is not None and node_id not in lit,
                tooltip=" — ".join([label or node_id, *[p for p in tip_parts if p]]),
                footnotes=numbers,
            )
        )

    edges: list[DrawnEdge] = []
    for node_id, node in tree.nodes.items():
        if node_id not in shown:
            continue
        for target, edge_kind, key in _ways_out(node):
            if target not in shown:
                continue
            if isinstance(node, Question):
                if edge_kind == "otherwise":
                    label = word("otherwise", lang)
                else:
                    branch = node.branches[int(key)]
                    label = (
                        clean(branch.label.get(lang))
                        if branch.label is not None
                        else clean(_branch_label(tree, node, branch.when, lang))
                    )
            else:
                label = word("yes" if edge_kind == "then" else "no", lang)
            highlighted = taken.get(node_id) == key
            answer = None
            if highlighted and isinstance(node, Question) and decision is not None:
                given = decision.answers.get(node.input, UNKNOWN)
                answer = clean(value_text(tree.inputs.get(node.input), given, lang))
            edges.append(
                DrawnEdge(
                    source=node_id,
                    target=target,
                    kind=edge_kind,
                    key=key,
                    label=label,
                    answer=answer,
                    highlighted=highlighted,
                    faded=decision is not None and not highlighted,
                )
            )
        for target in _uses(node):
            if target in shown and target in tree.nodes:
                edges.append(
                    DrawnEdge(
                        source=node_id,
                        target=target,
                        kind="uses",
                        key=f"uses-{target}",
                        label=word("uses", lang),
                        faded=decision is not None and node_id not in lit,
                    )
                )

    caption = None
    if decision is not None:
        caption = f"{word('decision', lang)}: {clean(decision.outcome.label.get(lang))}"
        if neighbourhood is not None:
            caption += f" ({word('path_only', lang)})"
    return Drawing(
        tree_id=tree.id,
        title=clean(f"{tree.title.get(lang)} — {word('version', lang)} {tree.version}"),
        lang=lang,
        sources=sources,
        nodes=tuple(nodes),
        edges=tuple(edges),
        clusters=tuple(
            Cluster(f"cluster_{i}", section, tuple(members))
            for i, (section, members) in enumerate(clusters.items())
        ),
        footnotes=tuple(footnotes),
        path=path,
        outcome=decision.outcome_id if decision is not None else None,
        caption=caption,
        partial=len(shown) < len(tree.nodes),
    )


def _drawing(
    subject: Tree | Decision | Drawing, decision: Decision | None, opts: Mapping[str, Any]
) -> Drawing:
    if isinstance(subject, Drawing):
        if decision is not None or opts:
            raise RenderOptionError("a Drawing is already described: pass no decision or options")
        return subject
    if isinstance(subject, Decision):
        if decision is not None:
            raise RenderOptionError("pass either a decision or a tree with a decision, not both")
        return describe(subject.tree, subject, **opts)
    if not isinstance(subject, Tree):
        raise RenderOptionError(f"expected a Tree, Decision or Drawing, not {type(subject).__name__}")
    return describe(subject, decision, **opts)


# ----------------------------------------------------------------------------------------------
# DOT

_PATH_COLOUR = "#1d4ed8"
_FADED_LINE = "#d1d5db"
_FADED_TEXT = "#9ca3af"
_KIND_FILL = {"question": "#eff6ff", "rule": "#f5f3ff"}
_KIND_LINE = {"question": "#1e3a8a", "rule": "#5b21b6", "outcome": "#374151"}
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
    fill = node.fill or _KIND_FILL.get(node.kind, "#ffffff")
    line = _KIND_LINE[node.kind]
    font = node.font_colour or "#111827"
    penwidth = "1"
    classes: list[str] = [node.kind]
    if node.highlighted:
        line, penwidth = _PATH_COLOUR, "3"
        classes.append("path")
    elif node.faded:
        fill = fill + "55" if node.fill else "#f9fafb"
        line, font = _FADED_LINE, _FADED_TEXT
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
        pairs += [("color", dot_quote(_PATH_COLOUR)), ("fontcolor", dot_quote(_PATH_COLOUR))]
        pairs.append(("penwidth", "3"))
    elif edge.faded:
        classes.append("faded")
        pairs += [("color", dot_quote(_FADED_LINE)), ("fontcolor", dot_quote(_FADED_TEXT))]
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


def _dot_body(drawing: Drawing, edge_label_attr: str = "label") -> list[str]:
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
    drawing = _drawing(tree, decision, opts)
    return "digraph {\n" + "".join(_dot_body(drawing)) + "}\n"


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
    drawing = _drawing(tree, decision, opts)
    digraph = graphviz.Digraph()
    digraph.body.extend(_dot_body(drawing))
    return digraph


def dot_available() -> bool:
    """Whether the Graphviz ``dot`` program is on the PATH."""
    return shutil.which("dot") is not None


def _run_dot(dot_text: str, fmt: str) -> bytes:
    if fmt not in FORMATS:
        raise RenderOptionError(f"format must be one of {', '.join(FORMATS)}, not {fmt!r}")
    program = shutil.which("dot")
    if program is None:
        raise DotProgramMissingError()
    try:
        done = subprocess.run(  # noqa: S603  # our own DOT on stdin, a fixed argument list
            [program, f"-T{fmt}"],
            input=dot_text.encode("utf-8"),
            capture_output=True,
            timeout=DOT_TIMEOUT_SECONDS,
            check=False,
        )
    except subprocess.TimeoutExpired:
        raise RenderError(f"dot did not finish within {DOT_TIMEOUT_SECONDS} seconds") from None
    if done.returncode != 0:
        message = done.stderr.decode("utf-8", "replace").strip()
        raise RenderError(f"dot failed (exit {done.returncode}): {message}")
    return done.stdout


def render(
    tree: Tree | Decision | Drawing,
    decision: Decision | None = None,
    *,
    format: Format = "svg",  # the name users know from Graphviz
    path: str | Path | None = None,
    **opts: Any,
) -> bytes:
    """Draw with the Graphviz ``dot`` program as SVG, PNG or PDF; also write to ``path`` if given.

    Raises :class:`DotProgramMissingError` when ``dot`` is not installed and :class:`RenderError`
    when it fails. Other options are those of :func:`describe`.

    Graphviz has known layout faults on some graphs with clusters and edge labels ("lost … edge",
    "Pshortestpath failed", "trouble in init_rank"). When ``dot`` stops with one of them, the same
    drawing is laid out again with the edge labels placed after layout (``xlabel``), which avoids
    them; the content is unchanged and :func:`to_dot` is not affected. Any other failure raises.
    """
    if format not in FORMATS:
        raise RenderOptionError(f"format must be one of {', '.join(FORMATS)}, not {format!r}")
    drawing = _drawing(tree, decision, opts)
    try:
        data = _run_dot(to_dot(drawing), format)
    except RenderError as exc:
        if not _ROUTING_FAULT.search(str(exc)):
            raise
        data = _run_dot("digraph {\n" + "".join(_dot_body(drawing, "xlabel")) + "}\n", format)
    if path is not None:
        Path(path).write_bytes(data)
    return data


def mimebundle(tree: Tree, decision: Decision | None = None) -> dict[str, Any]:
    """Jupyter display data: SVG when ``dot`` is installed, otherwise DOT text saying why."""
    dot_text = to_dot(tree, decision)
    summary = f"{clean(tree.title.get('en'))} {tree.version}: {len(tree.nodes)} nodes"
    if decision is not None:
        summary += f"; decision: {decision.outcome_id} via {' → '.join(decision.path)}"
    if not dot_available():
        error = DotProgramMissingError()
        return {
            "text/plain": f"{summary}\n({error}; showing DOT source)\n{dot_text}",
            "text/vnd.graphviz": dot_text,
        }
    svg = render(tree, decision, format="svg").decode("utf-8")
    return {"image/svg+xml": svg, "text/plain": summary}


# ----------------------------------------------------------------------------------------------
# Mermaid

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
    drawing = _drawing(tree, decision, opts)
    footnotes = drawing.sources == "footnotes"
    ids = {node.id: f"n{i}" for i, node in enumerate(drawing.nodes)}
    lines = ["flowchart TD"]
    in_cluster = {n for cluster in drawing.clusters for n in cluster.nodes}
    by_id = {node.id: node for node in drawing.nodes}
    for i, cluster in enumerate(drawing.clusters):
        lines.append(f'    subgraph c{i}["{mermaid_escape(cluster.label)}"]')
        lines += [f"        {_mermaid_node(by_id[n], ids[n], footnotes)}" for n in cluster.nodes]
        lines.append("    end")
    lines += [
        f"    {_mermaid_node(node, ids[node.id], footnotes)}"
        for node in drawing.nodes
        if node.id not in in_cluster
    ]
    highlighted: list[int] = []
    faded: list[int] = []
    for index, edge in enumerate(drawing.edges):
        source, target = ids[edge.source], ids[edge.target]
        if edge.kind == "uses":
            lines.append(f"    {source} -.-> {target}")
        else:
            text = mermaid_escape(edge.label)
            if edge.answer is not None and edge.answer != edge.label:
                text += f"<br/><i>{mermaid_escape(word('answer', drawing.lang) + ': ' + edge.answer)}</i>"
            arrow = "==>" if edge.highlighted else "-->"
            lines.append(f'    {source} {arrow}|"{text}"| {target}')
        if edge.highlighted:
            highlighted.append(index)
        elif edge.faded:
            faded.append(index)
    if footnotes and drawing.footnotes:
        notes = "<br/>".join(
            mermaid_escape(f"[{n.number}] {n.text}" + (f", {n.url}" if n.url else ""))
            for n in drawing.footnotes
        )
        lines.append(f'    sources["<b>{mermaid_escape(word("sources", drawing.lang))}</b><br/>{notes}"]')
        lines.append("    classDef sources fill:#ffffff,stroke:#9ca3af,color:#374151,text-align:left")
        lines.append("    class sources sources")
    lines += [
        f"    classDef question fill:{_KIND_FILL['question']},stroke:{_KIND_LINE['question']},color:#111827",
        f"    classDef rule fill:{_KIND_FILL['rule']},stroke:{_KIND_LINE['rule']},color:#111827",
        f"    classDef outcome stroke:{_KIND_LINE['outcome']}",
    ]
    for kind in ("question", "rule", "outcome"):
        members = [ids[n.id] for n in drawing.nodes if n.kind == kind]
        if members:
            lines.append(f"    class {','.join(members)} {kind}")
    for node in drawing.nodes:
        style: list[str] = []
        if node.fill:
            style += [f"fill:{node.fill}", f"color:{node.font_colour}"]
        if node.named_condition:
            style.append("stroke-dasharray:4 3")
        if node.highlighted:
            style += [f"stroke:{_PATH_COLOUR}", "stroke-width:3px"]
        elif node.faded:
            style.append("opacity:0.45")
        if style:
            lines.append(f"    style {ids[node.id]} {','.join(style)}")
    if highlighted:
        joined = ",".join(map(str, highlighted))
        lines.append(f"    linkStyle {joined} stroke:{_PATH_COLOUR},stroke-width:3px,color:{_PATH_COLOUR}")
    if faded:
        lines.append(f"    linkStyle {','.join(map(str, faded))} stroke:{_FADED_LINE},color:{_FADED_TEXT}")
    return "\n".join(lines) + "\n"
