"""Describe a tree (and optionally a decision's path) as a :class:`~decision_trees.rendering.Drawing`."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Literal, NamedTuple, TypeAlias

from decision_trees._brief import brief
from decision_trees._drawing import (
    LARGE_DRAWING,
    Cluster,
    Drawing,
    DrawnEdge,
    DrawnNode,
    EdgeKind,
    Footnote,
    RenderOptionError,
    Shape,
    SourcesMode,
    check_lang,
    clean,
    section_label,
    severity_band,
    word,
)
from decision_trees._table_drawing import drawn_tables
from decision_trees._walk import as_test
from decision_trees.answers import UNKNOWN
from decision_trees.conditions import describe as describe_condition
from decision_trees.conditions import rule_refs, value_text
from decision_trees.decision import Decision
from decision_trees.model import Citation, Condition, Lang, Outcome, Question, Rule, Tree

NamedConditions: TypeAlias = Literal["auto", "nodes", "table"]
#: With ``named_conditions="auto"``, a whole tree with more named conditions than this draws
#: them as tables.
CONDITION_TABLE_ABOVE = 6


def _branch_label(tree: Tree, node: Question, condition: Condition, lang: Lang) -> str:
    """A short label for a question's branch: the value(s) for a plain test, else the condition."""
    decl = tree.inputs.get(node.input)
    test = as_test(condition)
    if test is not None and test.input in (None, node.input):
        op = test.operator
        if op == "equals":
            return value_text(decl, test.equals, lang)
        if op == "one_of" and test.one_of is not None:
            return " / ".join(value_text(decl, v, lang) for v in test.one_of)
        if op == "is_unknown" and test.is_unknown:
            return value_text(decl, UNKNOWN, lang)
        text = describe_condition(test, tree.inputs, lang, implied_input=node.input)
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


def _source_text(tree: Tree, source_id: str, lang: Lang) -> tuple[str, str | None]:
    source = tree.sources.get(source_id)
    if source is None:
        return source_id, None
    parts = [*source.parts(lang), source.date.isoformat()]
    return clean(", ".join(parts)), source.url


def _citation_text(tree: Tree, citation: Citation, lang: Lang) -> str:
    text, _ = _source_text(tree, citation.source, lang)
    section = citation.section_in(lang)
    if section:
        text += f", {clean(section)}"
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


def _check_options(
    tree: Tree,
    decision: Decision | None,
    neighbourhood: int | None,
    sources: SourcesMode,
    named_conditions: NamedConditions,
) -> None:
    """Reject options :func:`describe` cannot honour, each with a message that says why."""
    if sources not in ("tooltip", "footnotes", None):
        raise RenderOptionError.of("DT613.sources", value=sources)
    if decision is not None and decision.tree.content_hash != tree.content_hash:
        raise RenderOptionError.of(
            "DT613.other_tree",
            decision_tree=decision.tree.id,
            decision_hash=decision.tree.content_hash[:19],
            tree=tree.id,
            tree_hash=tree.content_hash[:19],
        )
    if neighbourhood is not None:
        if decision is None:
            raise RenderOptionError.of("DT613.neighbourhood_decision")
        if isinstance(neighbourhood, bool) or not isinstance(neighbourhood, int) or neighbourhood < 0:
            raise RenderOptionError.of("DT613.neighbourhood", value=neighbourhood)
    if named_conditions not in ("auto", "nodes", "table"):
        raise RenderOptionError.of("DT613.named_conditions", value=named_conditions)


class _Footnotes:
    """Numbers the cited sources in order of first citation and keeps their footnotes."""

    def __init__(self, tree: Tree, lang: Lang) -> None:
        self.tree, self.lang = tree, lang
        self.numbers: dict[str, int] = {}
        self.footnotes: list[Footnote] = []

    def cite(self, citations: tuple[Citation, ...]) -> tuple[int, ...]:
        """The footnote numbers of ``citations``, numbering sources not cited before."""
        numbers: list[int] = []
        for citation in citations:
            number = self.numbers.get(citation.source)
            if number is None:
                number = self.numbers[citation.source] = len(self.numbers) + 1
                text, url = _source_text(self.tree, citation.source, self.lang)
                self.footnotes.append(Footnote(number, citation.source, text, url))
            if number not in numbers:
                numbers.append(number)
        return tuple(numbers)


class _Look(NamedTuple):
    """How one node is drawn, by its kind: shape, label, detail line, colours and tooltip parts."""

    kind: Literal["question", "rule", "outcome"]
    shape: Shape
    label: str
    detail: str | None = None
    condition: str | None = None
    severity: int | None = None
    band: str | None = None
    fill: str | None = None
    font: str | None = None
    named: bool = False
    tips: tuple[str, ...] = ()


def _look(tree: Tree, node: Question | Rule | Outcome, lang: Lang) -> _Look:
    """The drawing's view of one node: a question, a rule (named or routing) or an outcome."""
    if isinstance(node, Question):
        tips = () if node.help is None else (clean(node.help.get(lang)),)
        return _Look("question", "rounded-box", clean(node.text.get(lang)), tips=tips)
    if isinstance(node, Rule):
        tips = () if node.note is None else (clean(node.note.get(lang)),)
        return _Look(
            "rule",
            "hexagon",
            clean(node.text.get(lang)),
            condition=brief(node.condition, tree, lang),
            named=not node.routes,
            tips=tips,
        )
    band = severity_band(node.severity)
    details = [] if node.severity is None else [f"{word('severity', lang)} {node.severity}"]
    if node.permitted is not None:
        details.append(word("permitted" if node.permitted else "not_permitted", lang))
    return _Look(
        "outcome",
        "stadium",
        clean(node.label.get(lang)),
        detail=" · ".join(details),
        severity=node.severity,
        band=band.name,
        fill=band.fill,
        font=band.font,
        tips=() if node.description is None else (clean(node.description.get(lang)),),
    )


def _drawn_nodes(
    tree: Tree,
    decision: Decision | None,
    shown: set[str],
    lit: set[str],
    sources: SourcesMode,
    notes: _Footnotes,
    clusters: dict[str, list[str]],
) -> list[DrawnNode]:
    """The shown nodes, each with its look, cluster (filled in), highlight, tooltip and footnotes."""
    lang = notes.lang
    on_path = set(decision.path) if decision is not None else set()
    nodes: list[DrawnNode] = []
    for node_id, node in tree.nodes.items():
        if node_id not in shown:
            continue
        cluster_id = None
        if node.section:
            section = clean(node.section)
            clusters.setdefault(section, []).append(node_id)
            cluster_id = f"cluster_{list(clusters).index(section)}"
        look = _look(tree, node, lang)
        tip_parts = list(look.tips)
        numbers: tuple[int, ...] = ()
        if sources == "footnotes":
            numbers = notes.cite(node.sources)
        elif sources == "tooltip" and node.sources:
            cited = "; ".join(_citation_text(tree, c, lang) for c in node.sources)
            tip_parts.append(f"{word('sources', lang)}: {cited}")
        label = look.label
        nodes.append(
            DrawnNode(
                id=node_id,
                kind=look.kind,
                shape=look.shape,
                label=label or node_id,
                detail=look.detail,
                condition=look.condition,
                severity=look.severity,
                band=look.band,
                fill=look.fill,
                font_colour=look.font,
                cluster=cluster_id,
                named_condition=look.named,
                highlighted=node_id in on_path,
                faded=decision is not None and node_id not in lit,
                tooltip=" — ".join([label or node_id, *[p for p in tip_parts if p]]),
                footnotes=numbers,
            )
        )
    return nodes


def _edge_label(
    tree: Tree, node: Question | Rule | Outcome, edge_kind: EdgeKind, key: str, lang: Lang
) -> str:
    """The words on a way out: the branch's label or condition, "otherwise", or yes/no for a rule."""
    if not isinstance(node, Question):
        return word("yes" if edge_kind == "then" else "no", lang)
    if edge_kind == "otherwise":
        return word("otherwise", lang)
    branch = node.branches[int(key)]
    if branch.label is not None:
        return clean(branch.label.get(lang))
    return clean(_branch_label(tree, node, branch.when, lang))


def _drawn_edges(
    tree: Tree, decision: Decision | None, shown: set[str], lit: set[str], lang: Lang
) -> list[DrawnEdge]:
    """The ways out between shown nodes (the path's taken with its answer) and the "uses" arrows."""
    taken = _taken(decision) if decision is not None else {}
    edges: list[DrawnEdge] = []
    for node_id, node in tree.nodes.items():
        if node_id not in shown:
            continue
        for target, edge_kind, key in _ways_out(node):
            if target not in shown:
                continue
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
                    label=_edge_label(tree, node, edge_kind, key, lang),
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
    return edges


def _caption_and_note(
    decision: Decision | None, neighbourhood: int | None, partial: bool, lang: Lang
) -> tuple[str | None, str | None]:
    """The caption naming the decision, and the note saying how much of the tree is shown."""
    caption = note = None
    if decision is not None:
        caption = f"{word('decision', lang)}: {clean(decision.outcome.label.get(lang))}"
        if neighbourhood is not None:
            caption += f" ({word('path_only', lang)})"
    if decision is not None and neighbourhood is not None and partial:
        key = {0: "shows_path", 1: "shows_path_1"}.get(neighbourhood, "shows_path_k")
        note = word(key, lang).format(k=neighbourhood)
    return caption, note


def describe(
    tree: Tree,
    decision: Decision | None = None,
    *,
    lang: Lang = "en",
    neighbourhood: int | None = None,
    sources: SourcesMode = "tooltip",
    named_conditions: NamedConditions = "auto",
) -> Drawing:
    """Describe the drawing of ``tree``, with ``decision``'s path highlighted when given.

    ``neighbourhood=k`` (with a decision) keeps only the path and the nodes reachable from it in
    at most ``k`` steps; ``sources`` puts the cited sources in tooltips, in a numbered footnote
    list (``"footnotes"``), or leaves them out (``None``). ``named_conditions`` draws the rules
    without ``then``/``else`` as nodes with an arrow from each rule that uses them (``"nodes"``),
    or as one table per section (``"table"``); ``"auto"`` chooses the table when more than
    :data:`CONDITION_TABLE_ABOVE` of them are drawn, or three or more in a drawing of more than
    ``LARGE_DRAWING`` nodes.
    """
    lang = check_lang(lang)
    _check_options(tree, decision, neighbourhood, sources, named_conditions)
    path: tuple[str, ...] = decision.path if decision is not None else ()
    lit = set(path) | _consulted(tree, path)  # not faded
    shown = (
        _neighbourhood(tree, path, neighbourhood)
        if decision is not None and neighbourhood is not None
        else set(tree.nodes)
    )
    notes = _Footnotes(tree, lang)
    clusters: dict[str, list[str]] = {}
    nodes = _drawn_nodes(tree, decision, shown, lit, sources, notes, clusters)
    edges = _drawn_edges(tree, decision, shown, lit, lang)
    partial = len(shown) < len(tree.nodes)
    caption, note = _caption_and_note(decision, neighbourhood, partial, lang)
    named_count = sum(1 for n in nodes if n.named_condition)
    table = named_conditions == "table" or (
        named_conditions == "auto"
        and (named_count > CONDITION_TABLE_ABOVE or (len(nodes) > LARGE_DRAWING and named_count > 2))
    )
    return Drawing(
        tree_id=tree.id,
        title=clean(f"{tree.title.get(lang)} — {word('version', lang)} {tree.version}"),
        lang=lang,
        sources=sources,
        nodes=tuple(nodes),
        edges=tuple(edges),
        clusters=tuple(
            Cluster(f"cluster_{i}", section_label(section, lang), tuple(members))
            for i, (section, members) in enumerate(clusters.items())
        ),
        footnotes=tuple(notes.footnotes),
        path=path,
        outcome=decision.outcome_id if decision is not None else None,
        caption=caption,
        partial=partial,
        note=note,
        condition_table=table and named_count > 0,
        tables=drawn_tables(tree, path, shown, lang, _held(decision)),
    )


def _held(decision: Decision | None) -> frozenset[str]:
    """The rows of value tables that held on the decision's path (their ``then`` was taken)."""
    if decision is None or not decision.tree.tables:
        return frozenset()
    return frozenset(n for n, b in zip(decision.path, decision.branches, strict=False) if b == 0)


def drawing_of(
    subject: Tree | Decision | Drawing, decision: Decision | None, opts: Mapping[str, Any]
) -> Drawing:
    if isinstance(subject, Drawing):
        if decision is not None or opts:
            raise RenderOptionError.of("DT613.described")
        return subject
    if isinstance(subject, Decision):
        if decision is not None:
            raise RenderOptionError.of("DT613.both")
        return describe(subject.tree, subject, **opts)
    if not isinstance(subject, Tree):
        raise RenderOptionError.of("DT613.subject", kind=type(subject).__name__)
    return describe(subject, decision, **opts)
