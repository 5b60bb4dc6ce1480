"""Whole-tree drawings are legible: the reference tree fits A3 landscape with text of at least 6 pt,
sections read in order, outcomes stand in severity order with colours that tell them apart, rules
show their condition in a few words, and the named conditions are a table instead of a web."""

from __future__ import annotations

import html
import re
import subprocess
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from test_rendering_support import DOT, NO_DOT, dot_json, rich_decision, rich_tree

import kennisveiligheid
from decision_trees import Outcome, Tree
from decision_trees.rendering import (
    SEVERITY_BANDS,
    RenderOptionError,
    describe,
    mimebundle,
    render,
    severity_band,
    to_dot,
)

needs_dot = pytest.mark.skipif(DOT is None, reason=NO_DOT)


def _severity(outcome: Outcome) -> int:
    """The outcome's severity: every shipped tree gives each outcome one."""
    assert outcome.severity is not None, outcome.id
    return outcome.severity


#: A3 landscape in points, less a 1 cm margin on every side (as ``render(page="A3")`` uses).
A3_INNER = ((16.54 - 2 * 0.39) * 72, (11.69 - 2 * 0.39) * 72)
#: The smallest text we accept on paper, in points.
MIN_PRINTED = 6.0


def reference() -> Tree:
    return kennisveiligheid.reference_tree()


def font_sizes(dot_text: str) -> list[float]:
    """Every font size the DOT text sets (node, edge and graph defaults and HTML ``FONT``s)."""
    sizes = re.findall(r'fontsize="?([\d.]+)"?', dot_text)
    sizes += re.findall(r'POINT-SIZE="([\d.]+)"', dot_text)
    return [float(size) for size in sizes]


def layout(dot_text: str) -> tuple[float, float, dict[str, tuple[float, float]]]:
    """Width and height of the laid-out drawing (points) and the centre of every node."""
    graph = dot_json(dot_text)
    _, _, width, height = (float(v) for v in graph["bb"].split(","))
    centres = {}
    for obj in graph["objects"]:
        if "pos" in obj and "nodes" not in obj:
            x, y = (float(v) for v in obj["pos"].split(","))
            centres[obj["name"]] = (x, y)
    return width, height, centres


# ----------------------------------------------------------------------------------------------
# Size on paper


@needs_dot
@pytest.mark.parametrize("lang", ["nl", "en"])
def test_reference_tree_fits_a3_landscape_with_legible_text(lang: str) -> None:
    dot_text = to_dot(reference(), lang=lang)
    width, height, _ = layout(dot_text)
    scale = min(1.0, A3_INNER[0] / width, A3_INNER[1] / height)
    smallest = min(font_sizes(dot_text))
    assert smallest >= 11
    assert smallest * scale >= MIN_PRINTED, (width, height, scale)


@needs_dot
def test_a3_pdf_is_one_page_no_larger_than_a3_with_text_of_six_points(tmp_path: Path) -> None:
    pdf = tmp_path / "reference.pdf"
    render(reference(), lang="nl", format="pdf", page="A3", path=pdf)
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=False)
    if info.returncode != 0:
        pytest.skip("pdfinfo (poppler-utils) is not installed")
    assert re.search(r"Pages:\s+1\b", info.stdout)
    size = re.search(r"Page size:\s+([\d.]+) x ([\d.]+) pts", info.stdout)
    assert size is not None
    assert float(size[1]) <= 1191
    assert float(size[2]) <= 842
    boxes = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], capture_output=True, text=True, check=True)
    heights = [
        float(m[2]) - float(m[1])
        for m in re.finditer(r'<word [^>]*yMin="([\d.]+)"[^>]*yMax="([\d.]+)"', boxes.stdout)
    ]
    assert heights
    # poppler's word box is about 1.14 times the font size for Helvetica
    assert min(heights) / 1.15 >= MIN_PRINTED - 0.1
    assert "Toegestaan? (wettelijke toets)" in subprocess.run(
        ["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout.replace("\n", " ")


def test_page_must_be_a_known_paper_size() -> None:
    with pytest.raises(RenderOptionError, match="page must be one of A3, A4"):
        render(rich_tree(), page="Letter")


# ----------------------------------------------------------------------------------------------
# Reading order, severity order, colours


@needs_dot
def test_sections_stand_in_reading_order_and_outcomes_in_severity_order() -> None:
    tree = reference()
    dot_text = to_dot(tree, lang="nl")
    _, _, centres = layout(dot_text)
    firsts = ["formal_collaboration", "sanctions_check", "questions-technology", "institution_ethics"]
    xs = [centres[name][0] for name in firsts] + [centres["weigh_committee"][0]]
    assert xs == sorted(xs), "sections are not left to right in the order of the tree"
    outcomes = sorted(tree.outcomes.values(), key=lambda o: -_severity(o))
    row = [centres[o.id] for o in outcomes]
    assert [x for x, _ in row] == sorted(x for x, _ in row), "outcomes not from most to least severe"
    assert len({round(y) for _, y in row}) == 1, "outcomes are not in one row"
    assert min(y for _, y in row) < min(y for n, (_, y) in centres.items() if n not in tree.outcomes)


def _shipped_trees() -> dict[str, Tree]:
    import decision_trees
    import partner_criteria

    return {
        "reference": reference(),
        "partner-criteria": partner_criteria.criteria_tree(),
        "example": decision_trees.load(Path(__file__).parent.parent / "docs" / "img" / "example-tree.yaml"),
        "rich": rich_tree(),
    }


@needs_dot
@pytest.mark.parametrize("name", ["reference", "partner-criteria", "example", "rich"])
@pytest.mark.parametrize("lang", ["nl", "en"])
def test_every_shipped_tree_draws_its_outcomes_most_severe_first(name: str, lang: str) -> None:
    tree = _shipped_trees()[name]
    _, _, centres = layout(to_dot(tree, lang=lang))
    ordered = sorted(tree.outcomes.values(), key=lambda o: -_severity(o))
    xs = [centres[o.id][0] for o in ordered]
    assert xs == sorted(xs), [o.id for o in ordered]


def test_outcomes_have_distinct_colours_where_it_matters() -> None:
    drawing = describe(reference())
    export, banned = drawing.node("export_control_check"), drawing.node("not_permitted")
    assert export.fill != banned.fill
    fills = [
        drawing.node(o).fill for o in ("go", "go_with_measures", "escalate_adviser", "escalate_committee")
    ]
    assert len(set(fills)) == len(fills)


def _luminance(colour: str) -> float:
    channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def _contrast(a: str, b: str) -> float:
    high, low = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def test_palette_has_aa_contrast_and_darkens_with_severity() -> None:
    for band in SEVERITY_BANDS:
        assert _contrast(band.fill, band.font) >= 4.5, band
    ramp = [_luminance(band.fill) for band in SEVERITY_BANDS[1:]]  # "none" is neutral grey
    assert ramp == sorted(ramp, reverse=True), "fills must get darker with severity"
    assert len({band.fill for band in SEVERITY_BANDS}) == len(SEVERITY_BANDS)


@given(st.integers(0, 89))
def test_only_the_top_band_is_prohibitive(severity: int) -> None:
    assert severity_band(severity).name != "prohibitive"
    assert severity_band(100).name == "prohibitive"


# ----------------------------------------------------------------------------------------------
# What the drawing says


def test_cluster_labels_are_dutch_in_dutch() -> None:
    labels = [c.label for c in describe(reference(), lang="nl").clusters]
    assert labels == [
        "Reikwijdte",
        "Toegestaan? (wettelijke toets)",
        "Wenselijk? (beleidstoets)",
        "Ethische overwegingen",
        "Weging",
        "Uitkomsten",
    ]
    assert "van zwaar naar licht" in to_dot(reference(), lang="nl")


def test_rules_show_their_condition_in_a_few_words() -> None:
    nl = describe(reference(), lang="nl")
    committee = nl.node("weigh_committee").condition or ""
    assert committee.startswith("(Gevoelig kennisgebied EN (Land met een hoog risicoprofiel OF")
    assert nl.node("risky_country").condition == (
        "Risicoprofiel van het land: ernstige zorgen OF Land op de lijst van de instelling"
    )
    en = describe(reference(), lang="en")
    assert en.node("highest_risk_area").condition == "Critical technology areas (EU): one of 4"
    assert "OR" in (en.node("weigh_measures").condition or "")
    assert all(len(n.condition or "") <= 240 for n in en.nodes)


def test_named_conditions_are_a_table_without_arrows_in_whole_large_trees() -> None:
    tree = reference()
    drawing = describe(tree)
    assert drawing.condition_table
    dot_text = to_dot(tree)
    assert 'class="uses"' not in dot_text
    assert 'ID="node-sensitive_knowledge"' in dot_text
    assert 'class="conditions"' in dot_text
    assert not describe(tree, named_conditions="nodes").condition_table
    assert 'class="uses"' in to_dot(tree, named_conditions="nodes")
    assert describe(rich_tree(), named_conditions="table").condition_table
    assert not describe(rich_tree()).condition_table  # one named condition: an arrow is clear
    with pytest.raises(RenderOptionError, match="named_conditions"):
        describe(tree, named_conditions="web")  # type: ignore[arg-type]


def test_runs_of_questions_are_numbered_tables_in_columns() -> None:
    dot_text = to_dot(reference(), lang="nl")
    assert 'class="questions"' in dot_text
    assert "Elke vraag: antwoord meegenomen in de weging" in dot_text
    for number in range(1, 13):
        assert f">{number}. " in dot_text
    assert 'ID="node-technology"' in dot_text
    assert 'ID="node-safety"' in dot_text


@needs_dot
def test_every_node_of_the_reference_tree_keeps_its_id_in_svg() -> None:
    svg = html.unescape(render(reference(), lang="nl").decode())
    for node_id in reference().nodes:
        assert f'id="node-{node_id}"' in svg or f'id="a_node-{node_id}"' in svg, node_id


def test_path_only_caption_says_what_is_drawn() -> None:
    tree = rich_tree()
    decision = rich_decision(tree, formal=False)
    nl = describe(tree, decision, lang="nl", neighbourhood=1)
    assert nl.note == "Alleen het gevolgde pad en de eerste stap van elke zijtak; de rest is weggelaten."
    assert (
        describe(tree, decision, neighbourhood=0).note
        == "Only the path taken; the other branches are left out."
    )
    assert "up to 2 steps" in (describe(tree, decision, neighbourhood=2).note or "")
    assert describe(tree, decision).note is None
    whole = describe(tree, rich_decision(tree), neighbourhood=3)
    assert not whole.partial
    assert whole.note is None  # nothing was left out, so the caption does not say so
    assert "Alleen het gevolgde pad" in to_dot(tree, decision, lang="nl", neighbourhood=1)


# ----------------------------------------------------------------------------------------------
# Notebook display


@needs_dot
def test_notebook_display_fits_the_cell_width(monkeypatch: pytest.MonkeyPatch) -> None:
    bundle = mimebundle(rich_tree())
    svg = bundle["image/svg+xml"]
    head = svg[svg.index("<svg") : svg.index(">", svg.index("<svg"))]
    assert 'width="100%"' in head
    assert "max-width:" in head
    assert "viewBox" in head
    assert 'height="' not in head


def test_notebook_display_follows_a_dutch_locale(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("shutil.which", lambda name: None)
    monkeypatch.setenv("LANG", "nl_NL.UTF-8")
    bundle = mimebundle(rich_tree())
    assert bundle["text/plain"].startswith("Rijke boom 2: 9 knooppunten")
    assert bundle["text/vnd.graphviz"] == to_dot(rich_tree(), lang="nl")
    assert mimebundle(rich_tree(), lang="en")["text/plain"].startswith("Rich tree 2: 9 nodes")


def test_mermaid_draws_named_conditions_as_one_node_per_section_in_large_drawings() -> None:
    from test_rendering_support import assert_mermaid_structure

    from decision_trees.rendering import to_mermaid

    text = to_mermaid(reference(), lang="nl")
    assert_mermaid_structure(text)
    assert "-.->" not in text
    assert text.count("Voorwaarden die de regels gebruiken") == 2  # ethics and weighing
    assert "<b>Gevoelig kennisgebied</b>: " in text
    assert "-.->" in to_mermaid(reference(), lang="nl", named_conditions="nodes")
