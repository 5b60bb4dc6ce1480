"""docs/img holds the shipped trees as rendered by scripts/render_docs.py, and they are current."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

ROOT = Path(__file__).parent.parent
IMG = ROOT / "docs" / "img"


def _script() -> ModuleType:
    spec = importlib.util.spec_from_file_location("render_docs", ROOT / "scripts" / "render_docs.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("render_docs", module)
    spec.loader.exec_module(module)
    return module


def test_committed_drawings_are_current() -> None:
    script = _script()
    assert script.stale() == [], "docs/img is out of date: run python scripts/render_docs.py"


def test_every_drawing_has_its_svg_and_the_shipped_trees_are_drawn() -> None:
    expected = _script().expected_dot()
    shipped = {
        "example.en.dot",
        "example-decision.nl.dot",
        "partner-criteria.en.dot",
        "kennisveiligheid.nl.dot",
    }
    assert shipped <= set(expected)
    for name in expected:
        svg = (IMG / name).with_suffix(".svg")
        assert svg.exists(), f"{svg} is missing: run python scripts/render_docs.py"
        assert svg.read_text(encoding="utf-8").lstrip().startswith("<?xml")


def test_the_example_drawing_highlights_its_path() -> None:
    text = (IMG / "example-decision.en.dot").read_text(encoding="utf-8")
    assert text.count('class="question path"') == 2
    assert 'class="outcome path severity-moderate"' in text
    assert "answer: elevated" in text
