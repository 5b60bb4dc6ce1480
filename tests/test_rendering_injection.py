"""Hostile texts in trees and cases render as text in DOT, Mermaid, HTML and Markdown, never as markup."""

from __future__ import annotations

import re
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_rendering_support import (
    DOT,
    HOSTILE,
    NO_DOT,
    RICH_TREE,
    assert_mermaid_structure,
    dot_json,
    drawn_text,
    esc_string,
    hostile_mapping,
    hostile_text,
    parse_html,
    with_texts,
)

import decision_trees
from decision_trees import Decision, Lang, Tree
from decision_trees.rendering import clean, describe, to_dot, to_mermaid
from decision_trees.reporting import to_html, to_markdown
from decision_trees.testing import answers, tree_mappings

needs_dot = pytest.mark.skipif(DOT is None, reason=NO_DOT)

_SAFE_TAGS = {
    # the report's own markup
    *[
        "html",
        "head",
        "meta",
        "title",
        "style",
        "body",
        "header",
        "h1",
        "h2",
        "p",
        "code",
        "section",
        "span",
        "ul",
        "ol",
        "li",
        "figure",
    ],
    *[
        "figcaption",
        "table",
        "thead",
        "tbody",
        "tr",
        "th",
        "td",
        "strong",
        "br",
        "a",
        "div",
        "pre",
        "footer",
        "sup",
    ],
    # what dot writes in SVG
    *[
        "svg",
        "g",
        "polygon",
        "path",
        "ellipse",
        "polyline",
        "text",
        "title",
        "defs",
        "lineargradient",
        "radialgradient",
        "stop",
    ],
}


def hostile_rich_tree(label: str) -> Tree:
    """The rich test tree with ``label`` in every text, title, section, source and value label."""
    data: dict[str, Any] = with_texts(decision_trees.load(RICH_TREE).to_dict(), lambda: label)
    for node in data["nodes"].values():
        node["section"] = label
    for source in data["sources"].values():
        source.update(title=label, publisher=label, section=label)
    return decision_trees.load(data)


def decide(tree: Tree) -> Decision:
    return tree.evaluate(tree.parse_answers({"formal": True, "areas": ["ai"], "risk": "high", "budget": 1}))


def _visible(text: str) -> str:
    return re.sub(r"\s+", "", clean(text))


# ----------------------------------------------------------------------------------------------
# DOT


def check_dot(tree: Tree, decision: Decision | None, **opts: Any) -> None:
    """dot reads the output as exactly our nodes, clusters and edges, with the texts as labels."""
    drawing = describe(tree, decision, **opts)
    layout = dot_json(to_dot(drawing))
    objects = layout["objects"]
    nodes = {o["name"]: o for o in objects if "nodes" not in o}
    assert sorted(nodes) == sorted(n.id for n in drawing.nodes)
    assert [o["name"] for o in objects if "nodes" in o] == [c.id for c in drawing.clusters]
    assert len(layout.get("edges", [])) == len(drawing.edges)
    for node in drawing.nodes:
        drawn = nodes[node.id]
        assert drawn_text(drawn).startswith(_visible(node.label)[:200])
        assert esc_string(drawn["tooltip"]) == (node.tooltip or "").replace("&", "&amp;")
        assert drawn["id"] == f"node-{node.id}"
    edges = {(e["tail"], e["head"]) for e in layout.get("edges", [])}
    gvid = {o["_gvid"]: o["name"] for o in objects}
    assert {(gvid[t], gvid[h]) for t, h in edges} == {(e.source, e.target) for e in drawing.edges}
    for cluster in drawing.clusters:
        drawn_cluster = next(o for o in objects if o["name"] == cluster.id)
        assert drawn_text(drawn_cluster) == _visible(cluster.label)
    for edge in layout.get("edges", []):
        assert "script" not in str(edge.get("class", "")) + str(edge.get("id", ""))


@needs_dot
@pytest.mark.parametrize("label", HOSTILE)
def test_hostile_labels_stay_labels_in_dot(label: str) -> None:
    tree = hostile_rich_tree(label)
    check_dot(tree, None)
    check_dot(tree, decide(tree), lang="nl", sources="footnotes")


@pytest.mark.parametrize("label", HOSTILE)
def test_dot_text_has_no_raw_newlines_or_unescaped_quotes(label: str) -> None:
    tree = hostile_rich_tree(label)
    dot = to_dot(tree, decide(tree), sources="footnotes")
    for line in dot.splitlines()[1:-1]:
        assert line.startswith("\t")
        quoted = re.sub(r'"(?:[^"\\]|\\.)*"', '""', line)  # drop every quoted string
        html_free = re.sub(r"<(?:[^<>]|<[^<>]*>)*>", "<>", quoted)  # and HTML-like labels
        assert "script" not in html_free
        assert "evil" not in html_free


# ----------------------------------------------------------------------------------------------
# Mermaid


@pytest.mark.parametrize("label", HOSTILE)
def test_hostile_labels_are_entity_coded_in_mermaid(label: str) -> None:
    tree = hostile_rich_tree(label)
    text = to_mermaid(tree, decide(tree), sources="footnotes")
    assert_mermaid_structure(text)
    for forbidden in ("%%", "<script", "`", "];", "javascript:alert(1)", "\r"):
        assert forbidden not in text


# ----------------------------------------------------------------------------------------------
# HTML and Markdown


def check_html(page: str, label: str | None) -> None:
    parsed = parse_html(page)
    tags = {tag for tag, _ in parsed.tags}
    assert "script" not in tags
    assert tags <= _SAFE_TAGS, tags - _SAFE_TAGS
    for tag, attrs in parsed.tags:
        assert not any(name.startswith("on") for name in attrs), (tag, attrs)
        if tag == "a" and "href" in attrs:
            assert re.match(r"^(#source-\d+|https?://)", attrs["href"] or ""), attrs
    if label is not None and _visible(label):
        assert _visible(label) in re.sub(r"\s+", "", "".join(parsed.text))


@pytest.mark.parametrize("label", HOSTILE)
@pytest.mark.parametrize("lang", ["en", "nl"])
def test_hostile_labels_are_text_in_the_html_report(label: str, lang: Lang) -> None:
    tree = hostile_rich_tree(label)
    check_html(to_html(decide(tree), lang=lang), label)


def test_hostile_labels_in_the_html_report_without_dot(monkeypatch: pytest.MonkeyPatch) -> None:

    monkeypatch.setattr("shutil.which", lambda name: None)
    for label in HOSTILE:
        tree = hostile_rich_tree(label)
        page = to_html(decide(tree))
        check_html(page, label)
        assert "diagram-missing" in page


def check_markdown(text: str) -> None:
    body = text.split("```mermaid")[0] + text.split("```")[-1]
    assert text.count("```") == 2  # only our own Mermaid fence
    assert "<script" not in body
    assert re.search(r"(?<!\\)\]\((?!<https?://)", body) is None  # no link but our source links
    for line in body.splitlines():
        if line.startswith("|"):
            cells = re.split(r"(?<!\\)\|", line)
            assert len(cells) == 7, line  # 5 columns: no escaped pipe splits a cell
        if line.startswith("#"):
            assert line.startswith(("# Decision", "# Besluit", "## ")), line
    assert_mermaid_structure(text.split("```mermaid\n")[1].split("```")[0])


@pytest.mark.parametrize("label", HOSTILE)
def test_hostile_labels_are_text_in_markdown(label: str) -> None:
    tree = hostile_rich_tree(label)
    check_markdown(to_markdown(decide(tree)))


def test_hostile_url_characters_are_encoded() -> None:
    data = decision_trees.load(RICH_TREE).to_dict()
    data["sources"]["leidraad"]["url"] = "https://example.org/a\"b<c>d)(e'f"
    tree = decision_trees.load(data)
    page = to_html(decide(tree))
    check_html(page, None)
    assert 'href="https://example.org/a%22b%3Cc%3Ed%29%28e&#x27;f"' in page
    markdown = to_markdown(decide(tree))
    assert "(<https://example.org/a%22b%3Cc%3Ed%29%28e'f>)" in markdown


# ----------------------------------------------------------------------------------------------
# Properties over generated trees with hostile texts everywhere


@st.composite
def hostile_trees(draw: st.DrawFn) -> tuple[Tree, Decision]:
    mapping = draw(tree_mappings(complete=True, max_nodes=6))
    tree = decision_trees.load(hostile_mapping(mapping, lambda: draw(hostile_text)))
    return tree, tree.evaluate(draw(answers(tree)))


@pytest.mark.slow
@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(hostile_trees())
def test_generated_hostile_trees_render_safely_as_text(case: tuple[Tree, Decision]) -> None:
    tree, decision = case
    assert_mermaid_structure(to_mermaid(tree, decision, sources="footnotes"))
    assert_mermaid_structure(to_mermaid(tree))
    check_markdown(to_markdown(decision))
    for line in to_dot(tree, decision).splitlines()[1:-1]:
        assert line.startswith("\t")


@pytest.mark.slow
@needs_dot
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(hostile_trees())
def test_generated_hostile_trees_are_read_by_dot_as_drawn(case: tuple[Tree, Decision]) -> None:
    tree, decision = case
    check_dot(tree, decision)


@needs_dot
@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(hostile_trees())
def test_generated_hostile_trees_make_safe_html_reports(case: tuple[Tree, Decision]) -> None:
    _, decision = case
    check_html(to_html(decision), None)
