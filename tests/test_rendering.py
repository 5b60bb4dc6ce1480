"""Drawing trees and decision paths: the description, DOT, Graphviz, Mermaid, golden files, errors."""

from __future__ import annotations

import difflib
import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_rendering_support import DOT, NO_DOT, assert_mermaid_structure, dot_json, rich_decision, rich_tree

import decision_trees
from decision_trees import rendering
from decision_trees.errors import MissingDependencyError
from decision_trees.rendering import (
    SEVERITY_BANDS,
    DotProgramMissingError,
    Drawing,
    Format,
    GraphvizPackageMissingError,
    RenderError,
    RenderOptionError,
    describe,
    mimebundle,
    render,
    severity_band,
    to_dot,
    to_graphviz,
    to_mermaid,
)
from decision_trees.testing import answers, tree_mappings

GOLDEN = Path(__file__).parent / "golden"
needs_dot = pytest.mark.skipif(DOT is None, reason=NO_DOT)


# ----------------------------------------------------------------------------------------------
# The description


def test_description_has_every_node_with_a_shape_per_kind() -> None:
    tree = rich_tree()
    drawing = describe(tree)
    assert [n.id for n in drawing.nodes] == list(tree.nodes)
    shapes = {n.kind: n.shape for n in drawing.nodes}
    assert shapes == {"question": "rounded-box", "rule": "hexagon", "outcome": "stadium"}
    assert drawing.node("sensitive_area").named_condition
    assert not drawing.node("sensitive").named_condition
    assert not any(n.highlighted or n.faded for n in drawing.nodes)
    assert not any(e.highlighted or e.faded for e in drawing.edges)


def test_one_edge_per_branch_with_labels() -> None:
    drawing = describe(rich_tree())
    edges = {(e.source, e.key): e for e in drawing.edges}
    assert edges["formal", "0"].label == "yes"
    assert edges["formal", "1"].label == "no"
    assert edges["sensitive", "then"].label == "yes"
    assert edges["sensitive", "else"].label == "no"
    assert edges["risk", "0"].label == "low risk"  # Branch.label wins
    assert edges["risk", "1"].label == "medium / high"  # described condition
    assert edges["risk", "2"].label == "unknown"
    uses = edges["sensitive", "uses-sensitive_area"]
    assert (uses.kind, uses.target) == ("uses", "sensitive_area")


def test_labels_in_dutch() -> None:
    drawing = describe(rich_tree(), lang="nl")
    assert drawing.node("formal").label == "Is het een formele samenwerking?"
    edges = {(e.source, e.key): e.label for e in drawing.edges}
    assert edges["formal", "0"] == "ja"
    assert edges["risk", "1"] == "middel / hoog"
    assert drawing.node("committee").detail == "zwaarte 85 · niet toegestaan"
    assert drawing.title == "Rijke boom — versie 2"


def test_sections_become_clusters_in_order_of_first_appearance() -> None:
    drawing = describe(rich_tree())
    assert [(c.id, c.label) for c in drawing.clusters] == [
        ("cluster_0", "scope"),
        ("cluster_1", "policy gate"),
        ("cluster_2", "outcomes"),
    ]
    assert drawing.clusters[1].nodes == ("sensitive_area", "sensitive", "risk")
    assert drawing.node("risk").cluster == "cluster_1"


def test_outcomes_coloured_by_fixed_severity_bands() -> None:
    drawing = describe(rich_tree())
    assert drawing.node("out").band == "none"
    assert drawing.node("go").band == "low"
    assert drawing.node("measures").band == "moderate"
    assert drawing.node("postpone").band == "elevated"
    assert drawing.node("committee").band == "severe"
    assert drawing.node("committee").fill == severity_band(85).fill
    assert drawing.node("formal").fill is None


@given(st.integers(0, 1000), st.integers(0, 1000))
def test_severity_bands_are_monotone(a: int, b: int) -> None:
    names = [band.name for band in SEVERITY_BANDS]
    low, high = sorted((a, b))
    assert names.index(severity_band(low).name) <= names.index(severity_band(high).name)
    assert severity_band(a).minimum <= a


def test_sources_as_tooltips_footnotes_or_not_at_all() -> None:
    tree = rich_tree()
    tooltips = describe(tree)
    assert tooltips.footnotes == ()
    risk = tooltips.node("risk").tooltip
    assert risk is not None
    assert "Nationale Leidraad Kennisveiligheid, Rijksoverheid, 2022-01-31 (direct)" in risk
    assert "De Haagse Hogeschool, Bijlage 2, 2024-01-01, 2.1 (adapted)" in risk
    notes = describe(tree, sources="footnotes")
    assert [(f.number, f.source) for f in notes.footnotes] == [(1, "leidraad"), (2, "policy")]
    assert notes.node("risk").footnotes == (1, 2)
    assert notes.node("measures").footnotes == (2,)
    assert notes.footnotes[0].url is not None
    assert "Sources" not in (notes.node("risk").tooltip or "")
    bare = describe(tree, sources=None)
    assert bare.footnotes == ()
    assert all("Sources" not in (n.tooltip or "") for n in bare.nodes)
    dot = to_dot(tree, sources="footnotes")
    assert "&#91;1&#93; Nationale Leidraad Kennisveiligheid" in dot
    assert "labelloc=b" in dot


def test_decision_highlights_path_answers_and_fades_the_rest() -> None:
    tree = rich_tree()
    decision = rich_decision(tree, risk="high")
    drawing = describe(tree, decision)
    assert drawing.path == ("formal", "sensitive", "risk", "committee")
    assert drawing.outcome == "committee"
    assert [n.id for n in drawing.nodes if n.highlighted] == list(drawing.path)
    consulted = drawing.node("sensitive_area")  # a named condition the path's rule uses
    assert not consulted.faded
    assert not consulted.highlighted
    assert all(n.faded != n.highlighted for n in drawing.nodes if n is not consulted)
    taken = [(e.source, e.target) for e in drawing.edges if e.highlighted]
    assert taken == list(zip(drawing.path, drawing.path[1:], strict=False))
    risk_edge = next(e for e in drawing.edges if e.highlighted and e.source == "risk")
    assert (risk_edge.label, risk_edge.answer) == ("medium / high", "high")
    assert all(e.faded for e in drawing.edges if not e.highlighted and e.kind != "uses")
    assert not next(e for e in drawing.edges if e.kind == "uses").faded
    dot = to_dot(tree, decision)
    assert "answer: high" in dot
    assert drawing.caption == "Decision: Committee"


def test_otherwise_edge_is_taken() -> None:
    tree = decision_trees.load(
        {
            "id": "o",
            "version": "1",
            "title": {"nl": "O", "en": "O"},
            "start": "q",
            "inputs": {"x": {"type": "integer", "label": {"nl": "X", "en": "X"}}},
            "nodes": {
                "q": {
                    "kind": "question",
                    "input": "x",
                    "text": {"nl": "X?", "en": "X?"},
                    "branches": [{"when": {"ge": 10}, "next": "big"}],
                    "otherwise": "small",
                },
                "big": {"kind": "outcome", "label": {"nl": "Groot", "en": "Big"}, "severity": 1},
                "small": {"kind": "outcome", "label": {"nl": "Klein", "en": "Small"}, "severity": 0},
            },
        }
    )
    drawing = describe(tree, tree.evaluate({"x": 3}))
    edges = {e.key: e for e in drawing.edges}
    assert edges["0"].label == "is at least 10"
    assert edges["otherwise"].label == "otherwise"
    assert edges["otherwise"].highlighted
    assert edges["otherwise"].answer == "3"


def test_neighbourhood_keeps_the_path_and_its_next_nodes() -> None:
    tree = rich_tree()
    decision = rich_decision(tree, formal=False)
    drawing = describe(tree, decision, neighbourhood=1)
    assert drawing.partial
    assert [n.id for n in drawing.nodes] == ["formal", "sensitive", "out"]
    assert {(e.source, e.target) for e in drawing.edges} == {("formal", "sensitive"), ("formal", "out")}
    assert [c.label for c in drawing.clusters] == ["scope", "policy gate", "outcomes"]
    zero = describe(tree, decision, neighbourhood=0)
    assert [n.id for n in zero.nodes] == ["formal", "out"]
    assert "(path and its neighbourhood)" in (drawing.caption or "")
    two = describe(tree, decision, neighbourhood=2)
    assert {"sensitive_area", "risk", "go"} <= {n.id for n in two.nodes}


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"lang": "de"}, "language"),
        ({"sources": "margin"}, "sources"),
        ({"neighbourhood": 1}, "needs a decision"),
    ],
)
def test_bad_options_are_clear_errors(kwargs: dict[str, Any], message: str) -> None:
    with pytest.raises(RenderOptionError, match=message) as info:
        describe(rich_tree(), **kwargs)
    assert info.value.code == "DT613"


@pytest.mark.parametrize("bad", [-1, True, 1.5, "1"])
def test_neighbourhood_must_be_a_count(bad: Any) -> None:
    tree = rich_tree()
    with pytest.raises(RenderOptionError, match="whole number"):
        describe(tree, rich_decision(tree), neighbourhood=bad)


def test_a_decision_of_another_tree_is_refused() -> None:
    other = decision_trees.load(Path(__file__).parent / "trees" / "small.yaml")
    decision = other.evaluate(other.parse_answers({"formal": False}))
    with pytest.raises(RenderOptionError, match="not with the tree drawn"):
        to_dot(rich_tree(), decision)


def test_renderers_accept_a_tree_a_decision_or_a_drawing() -> None:
    tree = rich_tree()
    decision = rich_decision(tree)
    assert to_dot(decision) == to_dot(tree, decision) == to_dot(describe(tree, decision))
    assert to_mermaid(decision) == to_mermaid(describe(tree, decision))
    with pytest.raises(RenderOptionError):
        to_dot(describe(tree), lang="nl")
    with pytest.raises(RenderOptionError):
        to_dot(decision, decision)
    with pytest.raises(RenderOptionError):
        to_dot("not a tree")  # type: ignore[arg-type]


def test_drawing_is_frozen() -> None:
    drawing = describe(rich_tree())
    with pytest.raises(AttributeError):
        drawing.title = "x"  # type: ignore[misc]
    assert isinstance(drawing, Drawing)
    with pytest.raises(KeyError):
        drawing.node("nope")


# ----------------------------------------------------------------------------------------------
# Determinism and golden files


def _check_golden(name: str, text: str) -> None:
    path = GOLDEN / name
    if os.environ.get("UPDATE_GOLDEN") == "1":
        path.parent.mkdir(exist_ok=True)
        path.write_text(text, encoding="utf-8")
    assert path.exists(), f"{path} is missing: run with UPDATE_GOLDEN=1 to write it"
    expected = path.read_text(encoding="utf-8")
    if text != expected:
        diff = "".join(difflib.unified_diff(expected.splitlines(True), text.splitlines(True), name, "now"))
        pytest.fail(f"{name} differs from the golden file (UPDATE_GOLDEN=1 rewrites it):\n{diff}")


GOLDEN_CASES: dict[str, dict[str, Any]] = {
    "rich": {},
    "rich_nl_footnotes": {"lang": "nl", "sources": "footnotes"},
    "rich_decision": {"decision": {"risk": "unknown"}},
    "rich_decision_path_only": {"decision": {"formal": False}, "neighbourhood": 1, "sources": None},
}


def _golden_inputs(name: str) -> tuple[Any, dict[str, Any]]:
    tree = rich_tree()
    opts = dict(GOLDEN_CASES[name])
    answers_given = opts.pop("decision", None)
    decision = rich_decision(tree, **answers_given) if answers_given is not None else None
    return (tree, decision), opts


@pytest.mark.parametrize("name", GOLDEN_CASES)
def test_dot_matches_golden_file(name: str) -> None:
    (tree, decision), opts = _golden_inputs(name)
    _check_golden(f"{name}.dot", to_dot(tree, decision, **opts))


@pytest.mark.parametrize("name", GOLDEN_CASES)
def test_mermaid_matches_golden_file(name: str) -> None:
    (tree, decision), opts = _golden_inputs(name)
    _check_golden(f"{name}.mmd", to_mermaid(tree, decision, **opts))


def test_dot_is_identical_across_processes() -> None:
    """Byte-identical DOT in fresh interpreters (no dependence on hash seeds or ids)."""
    code = (
        "import sys; sys.path.insert(0, 'tests'); "
        "from test_rendering_support import rich_tree, rich_decision; "
        "from decision_trees.rendering import to_dot, to_mermaid; "
        "t = rich_tree(); d = rich_decision(t, risk='unknown'); "
        "sys.stdout.write(to_dot(t, d) + to_mermaid(t, d, sources='footnotes'))"
    )
    root = Path(__file__).parent.parent
    outputs = {
        subprocess.run(
            [sys.executable, "-c", code],
            cwd=root,
            capture_output=True,
            check=True,
            env={**os.environ, "PYTHONHASHSEED": seed},
        ).stdout
        for seed in ("1", "2", "3")
    }
    assert len(outputs) == 1


@pytest.mark.slow
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_same_tree_gives_same_dot_even_after_a_round_trip(data: st.DataObject) -> None:
    mapping = data.draw(tree_mappings(complete=True))
    tree = decision_trees.load(mapping)
    again = decision_trees.load(tree.to_dict())
    decision = tree.evaluate(data.draw(answers(tree)))
    options: tuple[dict[str, Any], ...] = ({}, {"lang": "nl", "sources": "footnotes"})
    for opts in options:
        assert to_dot(tree, **opts) == to_dot(again, **opts)
        assert to_dot(tree, decision, **opts) == to_dot(again, again.evaluate(decision.answers), **opts)
        assert to_mermaid(tree, decision, **opts) == to_mermaid(
            again, again.evaluate(decision.answers), **opts
        )


@pytest.mark.slow
@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_description_invariants_on_generated_trees(data: st.DataObject) -> None:
    tree = decision_trees.load(data.draw(tree_mappings(complete=True, max_nodes=10)))
    decision = tree.evaluate(data.draw(answers(tree)))
    distance = data.draw(st.none() | st.integers(0, 3))
    drawing = describe(tree, decision, neighbourhood=distance)
    ids = [n.id for n in drawing.nodes]
    assert len(ids) == len(set(ids))
    assert set(decision.path) <= set(ids)
    assert [n.id for n in drawing.nodes if n.highlighted] == [n for n in tree.nodes if n in decision.path]
    taken = [(e.source, e.target) for e in drawing.edges if e.highlighted]
    assert sorted(taken) == sorted(zip(decision.path, decision.path[1:], strict=False))
    assert all(e.source in ids and e.target in ids for e in drawing.edges)
    keys = [(e.source, e.key) for e in drawing.edges]
    assert len(keys) == len(set(keys))
    if distance is None:
        assert ids == list(tree.nodes)
        routing = sum(1 for _ in tree.graph.edges)
        assert sum(1 for e in drawing.edges if e.kind != "uses") >= routing
    else:
        # every node off the path is at most `distance` steps after it
        frontier, seen = set(decision.path), set(decision.path)
        for _ in range(distance):
            frontier = {e.target for e in describe(tree).edges if e.source in frontier} - seen
            seen |= frontier
        assert set(ids) <= seen
    for cluster in drawing.clusters:
        assert all(drawing.node(n).cluster == cluster.id for n in cluster.nodes)


# ----------------------------------------------------------------------------------------------
# DOT, Graphviz and rendering


def test_dot_text_shape_and_attributes() -> None:
    tree = rich_tree()
    dot = to_dot(tree, rich_decision(tree))
    assert dot.startswith("digraph {\n")
    assert dot.endswith("}\n")
    assert 'subgraph "cluster_1" {' in dot
    assert '"formal" [id="node-formal", class="question path"' in dot
    assert 'class="outcome faded severity-severe"' in dot
    assert "shape=hexagon" in dot
    assert "shape=ellipse" in dot
    assert "shape=box" in dot
    assert 'style="filled,dashed"' in dot  # the named condition
    assert '"sensitive" -> "sensitive_area" [id="edge-sensitive-uses-sensitive_area"' in dot
    for line in dot.splitlines()[1:-1]:
        assert line.startswith("\t")


@needs_dot
def test_dot_output_is_valid_for_graphviz() -> None:
    tree = rich_tree()
    options: tuple[dict[str, Any], ...] = ({}, {"lang": "nl", "sources": "footnotes"})
    for opts in options:
        layout = dot_json(to_dot(tree, rich_decision(tree), **opts))
        names = sorted(o["name"] for o in layout["objects"] if "nodes" not in o)
        assert names == sorted(tree.nodes)
        clusters = [o["name"] for o in layout["objects"] if "nodes" in o]
        assert clusters == ["cluster_0", "cluster_1", "cluster_2"]
        assert len(layout["edges"]) == len(describe(tree).edges)


def test_to_graphviz_source_equals_to_dot() -> None:
    tree = rich_tree()
    decision = rich_decision(tree)
    graph = to_graphviz(tree, decision, lang="nl")
    assert graph.source == to_dot(tree, decision, lang="nl")
    assert type(graph).__name__ == "Digraph"


def test_missing_graphviz_package_is_its_own_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "graphviz", None)  # makes `import graphviz` fail
    with pytest.raises(GraphvizPackageMissingError) as info:
        to_graphviz(rich_tree())
    assert isinstance(info.value, MissingDependencyError)
    assert isinstance(info.value, ImportError)
    assert info.value.code == "DT610"
    assert "pip install graphviz" in str(info.value)
    assert to_dot(rich_tree())  # DOT text still needs nothing


def test_missing_dot_program_is_another_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("shutil.which", lambda name: None)
    for fmt in ("svg", "png", "pdf"):
        with pytest.raises(DotProgramMissingError) as info:
            render(rich_tree(), format=fmt)
        assert info.value.code == "DT611"
        assert isinstance(info.value, MissingDependencyError)
        assert "apt-get install graphviz" in str(info.value)
        assert "brew install graphviz" in str(info.value)
    assert DotProgramMissingError().code != GraphvizPackageMissingError().code


def test_render_refuses_unknown_formats() -> None:
    with pytest.raises(RenderOptionError, match="format"):
        render(rich_tree(), format="gif")  # type: ignore[arg-type]


def test_a_failing_dot_is_reported(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    fake = tmp_path / "dot"
    fake.write_text(
        f"#!{sys.executable}\nimport sys\nsys.stderr.write('syntax error in line 1')\nsys.exit(1)\n"
    )
    fake.chmod(0o755)
    monkeypatch.setattr("shutil.which", lambda name: str(fake))
    with pytest.raises(RenderError, match="syntax error in line 1") as info:
        render(rich_tree())
    assert info.value.code == "DT612"


@needs_dot
@pytest.mark.parametrize(
    ("fmt", "magic"), [("svg", b"<?xml"), ("png", b"\x89PNG\r\n\x1a\n"), ("pdf", b"%PDF")]
)
def test_render_formats(fmt: Format, magic: bytes, tmp_path: Path) -> None:
    tree = rich_tree()
    target = tmp_path / f"tree.{fmt}"
    data = render(tree, rich_decision(tree), format=fmt, path=target)
    assert data.startswith(magic)
    assert target.read_bytes() == data


@needs_dot
def test_svg_marks_the_path_for_styling_and_queries() -> None:
    tree = rich_tree()
    svg = render(tree, rich_decision(tree, risk="unknown")).decode()
    on_path = re.findall(r'<g id="node&#45;(\w+)" class="node question path"', svg)
    assert on_path == ["formal", "risk"]
    assert len(re.findall(r'class="edge (?:branch|then|else) path"', svg)) == 3
    assert 'class="node outcome path severity&#45;elevated"' in svg


@needs_dot
def test_mimebundle_is_svg_when_dot_is_installed() -> None:
    tree = rich_tree()
    bundle = tree._repr_mimebundle_()
    assert bundle["image/svg+xml"].lstrip().startswith("<?xml")
    assert "Rich tree 2: 9 nodes" in bundle["text/plain"]
    decision = rich_decision(tree)
    bundle = decision._repr_mimebundle_()
    assert "decision: measures via formal → sensitive → risk → measures" in bundle["text/plain"]
    assert 'class="node outcome path' in bundle["image/svg+xml"]


def test_mimebundle_falls_back_to_dot_text_and_says_why(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("shutil.which", lambda name: None)
    tree = rich_tree()
    decision = rich_decision(tree)
    bundle = mimebundle(tree, decision)
    assert "image/svg+xml" not in bundle
    assert bundle["text/vnd.graphviz"] == to_dot(tree, decision)
    assert "apt-get install graphviz" in bundle["text/plain"]
    assert bundle["text/plain"].endswith(to_dot(tree, decision))


def test_lazy_exports_resolve_to_the_renderers() -> None:
    assert decision_trees.to_dot is to_dot
    assert decision_trees.to_mermaid is to_mermaid
    assert decision_trees.to_graphviz is to_graphviz
    assert decision_trees.render is render


def test_importing_rendering_does_not_import_graphviz() -> None:
    code = "import decision_trees.rendering, decision_trees.reporting, sys; print('graphviz' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "False"


# ----------------------------------------------------------------------------------------------
# Mermaid


def test_mermaid_has_shapes_clusters_and_path() -> None:
    tree = rich_tree()
    text = to_mermaid(tree, rich_decision(tree, risk="high"), sources="footnotes")
    assert_mermaid_structure(text)
    assert 'n0("<b>Is this a formal collaboration? #91;1#93;</b>")' in text
    assert 'n1{{"Sensitive technology area #91;1#93;"}}' in text
    assert '    subgraph c1["policy gate"]' in text
    assert 'n3 ==>|"medium / high<br/><i>answer: high</i>"| n8' in text
    assert "n2 -.-> n1" in text
    assert "linkStyle 0,2,6 stroke:#1d4ed8" in text
    assert "style n8 fill:#b91c1c,color:#ffffff,stroke:#1d4ed8,stroke-width:3px" in text


def test_mermaid_escape_uses_entity_codes() -> None:
    escaped = rendering.mermaid_escape('a"b];c<d>`e%%{f}#g|h\\i(j)')
    assert escaped == "a#quot;b#93;#59;c#60;d#62;#96;e#37;#37;#123;f#125;#35;g#124;h#92;i#40;j#41;"
    assert rendering.mermaid_escape("Doorgaan, met maatregelen: 1/2?") == "Doorgaan, met maatregelen: 1/2?"


# A tree on which Graphviz 2.43's spline router fails ("lost q1 q2 edge") with edge labels.
ROUTING_FAULT_TREE: dict[str, Any] = {
    "id": "routing",
    "version": "1",
    "title": {"nl": "R", "en": "R"},
    "start": "q0",
    "inputs": {"n0": {"type": "number", "label": {"nl": "N", "en": "N"}, "allow_unknown": True}},
    "nodes": {
        "o0": {"kind": "outcome", "section": "s", "label": {"nl": "O0", "en": "O0"}, "severity": 0},
        "o1": {"kind": "outcome", "label": {"nl": "O1", "en": "O1"}, "severity": 0},
        "o2": {"kind": "outcome", "section": "s", "label": {"nl": "O2", "en": "O2"}, "severity": 0},
        "o3": {"kind": "outcome", "label": {"nl": "O3", "en": "O3"}, "severity": 0},
        "o4": {"kind": "outcome", "section": "t", "label": {"nl": "O4", "en": "O4"}, "severity": 0},
        "c0": {"kind": "rule", "text": {"nl": "C0", "en": "C0"}, "condition": {"input": "n0", "equals": 0}},
        "c1": {"kind": "rule", "section": "s", "text": {"nl": "C1", "en": "C1"}, "condition": {"rule": "c0"}},
        "q0": {
            "kind": "question",
            "input": "n0",
            "text": {"nl": "Q0", "en": "Q0"},
            "otherwise": "o2",
            "branches": [
                {"when": {"lt": 0}, "next": "o0"},
                {"when": {"all": [{"ge": 0}, {"lt": 3}]}, "next": "q1"},
                {"when": {"ge": 3}, "next": "o1"},
            ],
        },
        "q1": {
            "kind": "question",
            "section": "s",
            "input": "n0",
            "text": {"nl": "Q1", "en": "Q1"},
            "otherwise": "q2",
            "branches": [{"when": {"lt": 0}, "next": "o0"}, {"when": {"ge": 0}, "next": "o4"}],
        },
        "q2": {
            "kind": "question",
            "input": "n0",
            "text": {"nl": "Q2", "en": "Q2"},
            "otherwise": "o1",
            "branches": [
                {"when": {"lt": 0}, "next": "q3"},
                {"when": {"all": [{"ge": 0}, {"lt": 1}]}, "next": "o1"},
                {"when": {"all": [{"ge": 1}, {"lt": 2}]}, "next": "o0"},
                {"when": {"ge": 2}, "next": "o0"},
            ],
        },
        "q3": {
            "kind": "question",
            "section": "t",
            "input": "n0",
            "text": {"nl": "Q3", "en": "Q3"},
            "otherwise": "o1",
            "branches": [
                {"when": {"lt": 0}, "next": "o0"},
                {"when": {"all": [{"ge": 0}, {"lt": 1}]}, "next": "q4"},
                {"when": {"ge": 1}, "next": "o0"},
            ],
        },
        "q4": {
            "kind": "question",
            "input": "n0",
            "text": {"nl": "Q4", "en": "Q4"},
            "branches": [
                {"when": {"lt": 0}, "next": "o3"},
                {"when": {"ge": 0}, "next": "r5"},
                {"when": {"is_unknown": True}, "next": "o0"},
            ],
        },
        "r5": {
            "kind": "rule",
            "section": "s",
            "text": {"nl": "R5", "en": "R5"},
            "condition": {"rule": "c0"},
            "then": "o3",
            "else": "o0",
        },
    },
}


@needs_dot
def test_render_survives_graphvizs_spline_routing_fault() -> None:
    tree = decision_trees.load(ROUTING_FAULT_TREE)
    for label in ('"><script>alert(1)</script>', "a much longer label that wraps over lines"):
        hostile = decision_trees.load(
            {
                **ROUTING_FAULT_TREE,
                "nodes": {k: _relabel(v, label) for k, v in ROUTING_FAULT_TREE["nodes"].items()},
            }
        )
        decision = hostile.evaluate({"n0": -1})
        svg = render(hostile, decision)
        assert svg.startswith(b"<?xml")
        assert svg.count(b'class="node ') == len(tree.nodes)


def _relabel(node: dict[str, Any], label: str) -> dict[str, Any]:
    key = "label" if node["kind"] == "outcome" else "text"
    return {**node, key: {"nl": label, "en": label}}


def test_graphviz_layout_fault_is_retried_with_xlabels(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    fake = tmp_path / "dot"
    fake.write_text(
        f"#!{sys.executable}\n"
        "import sys\n"
        "if 'xlabel=' in sys.stdin.read():\n"
        "    print('<svg>retried</svg>')\n"
        "else:\n"
        "    sys.exit('Error: in routesplines, Pshortestpath failed\\nError: lost a b edge')\n"
    )
    fake.chmod(0o755)
    monkeypatch.setattr("shutil.which", lambda name: str(fake))
    tree = rich_tree()
    assert render(tree) == b"<svg>retried</svg>\n"
    assert "xlabel" not in to_dot(tree)  # the DOT text itself never changes


def _init_rank_fault_tree() -> dict[str, Any]:
    """A tree on which Graphviz 2.43 stops with "trouble in init_rank" (found by hypothesis)."""
    label = '"><script>alert(1)</script>'
    text = {"nl": label, "en": label}

    def question(otherwise: str, *branches: tuple[dict[str, Any], str], section: str | None = None) -> Any:
        node: dict[str, Any] = {"kind": "question", "input": "n0", "text": text, "otherwise": otherwise}
        node["branches"] = [{"when": when, "next": target} for when, target in branches]
        return {**node, "section": section} if section else node

    def outcome(section: str | None = None) -> dict[str, Any]:
        node = {"kind": "outcome", "label": text, "severity": 0}
        return {**node, "section": section} if section else node

    lt0, ge0, ge1 = {"lt": 0}, {"ge": 0}, {"ge": 1}
    between = {"all": [{"ge": 0}, {"lt": 1}]}
    a, b = label, "];"
    return {
        "id": "init-rank",
        "version": "1",
        "title": text,
        "start": "q0",
        "inputs": {"n0": {"type": "number", "label": text}},
        "nodes": {
            "o0": outcome(a),
            "o1": outcome(),
            "o2": outcome(a),
            "o3": outcome(),
            "o4": outcome(b),
            "c0": {"kind": "rule", "text": text, "condition": {"input": "n0", "equals": 0}},
            "c1": {"kind": "rule", "section": a, "text": text, "condition": {"rule": "c0"}},
            "q0": question("o2", (lt0, "q1"), (between, "o0"), (ge1, "o1")),
            "q1": question("q2", (lt0, "o0"), (ge0, "o4"), section=a),
            "q2": question("o1", (lt0, "q3"), (between, "o0"), (ge1, "o1")),
            "q3": question("o1", (lt0, "o0"), (between, "q4"), (ge1, "o0"), section=b),
            "q4": question("o1", (lt0, "o0"), (ge0, "r5")),
            "r5": {
                "kind": "rule",
                "section": a,
                "text": text,
                "condition": {"rule": "c0"},
                "then": "o3",
                "else": "o3",
            },
        },
    }


@needs_dot
def test_render_survives_graphvizs_init_rank_fault() -> None:
    tree = decision_trees.load(_init_rank_fault_tree())
    decision = tree.evaluate({"n0": -1})
    svg = render(tree, decision)
    assert svg.count(b'class="node ') == len(tree.nodes)
    assert svg.count(b'class="node question path"') == 2
