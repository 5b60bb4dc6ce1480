"""Render the shipped trees into docs/img/ (a test checks that the committed files are current).

For every tree and language this writes ``<name>.<lang>.dot`` and ``<name>.<lang>.svg``. The DOT
text is deterministic and is what the test compares; the SVG is drawn from it by Graphviz ``dot``
(its bytes depend on the Graphviz version, so they are not compared).

    python scripts/render_docs.py           # write docs/img/*.dot and *.svg
    python scripts/render_docs.py --check   # exit 1 when a committed .dot is missing or stale
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path

import decision_trees
from decision_trees import Decision, Tree
from decision_trees.rendering import render, to_dot

ROOT = Path(__file__).resolve().parent.parent
TARGET = ROOT / "docs" / "img"
EXAMPLE = TARGET / "example-tree.yaml"
LANGS = ("en", "nl")

# The example decision drawn in docs/rendering.md: a quantum project in a country of elevated risk.
EXAMPLE_ANSWERS = {"formal": True, "areas": ["quantum"], "country_risk": "elevated"}


def _reference_tree() -> Tree | None:
    import kennisveiligheid

    loader: Callable[[], Tree] | None = getattr(kennisveiligheid, "reference_tree", None)
    return loader() if loader is not None else None


def _criteria_tree() -> Tree | None:
    import partner_criteria

    loader: Callable[[], Tree] | None = getattr(partner_criteria, "criteria_tree", None)
    return loader() if loader is not None else None


def drawings() -> dict[str, tuple[Tree, Decision | None]]:
    """What docs/img holds: name -> (tree, decision to highlight or None)."""
    example = decision_trees.load(EXAMPLE)
    found: dict[str, tuple[Tree, Decision | None]] = {
        "example": (example, None),
        "example-decision": (example, example.evaluate(example.parse_answers(EXAMPLE_ANSWERS))),
    }
    for name, load in (("kennisveiligheid", _reference_tree), ("partner-criteria", _criteria_tree)):
        tree = load()
        if tree is not None:
            found[name] = (tree, None)
    return found


def expected_dot() -> dict[str, str]:
    """File name -> the DOT text it must hold."""
    return {
        f"{name}.{lang}.dot": to_dot(tree, decision, lang=lang)
        for name, (tree, decision) in drawings().items()
        for lang in LANGS
    }


def stale() -> list[str]:
    """The .dot files in docs/img that are missing, out of date, or no longer produced."""
    expected = expected_dot()
    problems = [
        name
        for name, text in expected.items()
        if not (TARGET / name).exists() or (TARGET / name).read_text(encoding="utf-8") != text
    ]
    problems += sorted(p.name for p in TARGET.glob("*.dot") if p.name not in expected)
    return problems


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--check", action="store_true", help="only check that the committed files are current"
    )
    args = parser.parse_args(argv)
    if args.check:
        problems = stale()
        for name in problems:
            print(f"stale: docs/img/{name} (run python scripts/render_docs.py)", file=sys.stderr)
        return 1 if problems else 0
    TARGET.mkdir(parents=True, exist_ok=True)
    expected = expected_dot()
    for old in TARGET.glob("*.dot"):
        if old.name not in expected:
            old.unlink()
            old.with_suffix(".svg").unlink(missing_ok=True)
            print(f"removed {old.relative_to(ROOT)} and its .svg")
    for name, (tree, decision) in drawings().items():
        for lang in LANGS:
            dot_path = TARGET / f"{name}.{lang}.dot"
            dot_path.write_text(expected[dot_path.name], encoding="utf-8")
            render(tree, decision, lang=lang, path=dot_path.with_suffix(".svg"))
            print(f"wrote {dot_path.relative_to(ROOT)} and its .svg")
    return 0


if __name__ == "__main__":
    sys.exit(main())
