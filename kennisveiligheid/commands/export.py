"""``kennisveiligheid export``: write a decision tree in another engine's format.

``--durable`` writes the tree as a durable-rules ruleset (JSON) that Python, Node.js and Ruby
hosts of durable-rules can register; ``docs/durable.md`` describes the events to post and the
actions to implement. ``TREE`` is a tree file or ``reference`` (the shipped knowledge-security
tree). Exporting needs no durable-rules installation. The same tree always gives the same text.
"""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING, Any

from decision_trees.support import environment_lang, word
from kennisveiligheid._commandline import load_tree, say
from kennisveiligheid._contract import EXIT_BAD_INPUT, EXIT_OK

if TYPE_CHECKING:
    from decision_trees import Lang

__all__ = ["register", "run"]


def register(subparsers: Any) -> None:
    """Add the ``export`` command."""
    parser = subparsers.add_parser(
        "export",
        help="write a decision tree for another engine (durable-rules JSON)",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument(
        "tree", metavar="TREE", help="a tree file (YAML or JSON), or 'reference' for the shipped tree"
    )
    formats = parser.add_mutually_exclusive_group(required=True)
    formats.add_argument(
        "--durable", action="store_true", help="a durable-rules ruleset as JSON (see docs/durable.md)"
    )
    parser.add_argument("-o", "--output", metavar="FILE", help="write here instead of to standard output")
    parser.set_defaults(func=run)


def _fail(message: str, lang: Lang) -> int:
    print(f"kennisveiligheid export: {word('error', lang)}: {message}", file=sys.stderr)
    return EXIT_BAD_INPUT


def run(args: argparse.Namespace) -> int:
    """Write the exported tree to ``-o FILE`` or standard output."""
    from decision_trees.backends.durable import to_durable_json

    try:
        tree = load_tree(args.tree)
    except FileNotFoundError as exc:
        lang = environment_lang()
        return _fail(say(exc, lang), lang)
    text = to_durable_json(tree)
    if args.output:
        from decision_trees.support import write_atomic

        write_atomic(args.output, text, inputs=[args.tree])
    else:
        sys.stdout.write(text)
    return EXIT_OK
