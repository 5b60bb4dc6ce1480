"""``kennisveiligheid dmn``: exchange decision tables with DMN tools.

``dmn export TREE -o FILE.dmn`` writes the tree's table nodes as DMN decision tables (one output,
the node each row routes to; the table's else as the default). ``dmn import FILE.dmn -o
TREE.yaml`` writes a tree whose start is a table node with the DMN table's rows, routing to one
outcome per output value. What one side cannot say is refused with a coded error (DT850, DT82x),
never guessed. Exit status: 0 when written, 2 when a file cannot be read or converted.
"""

from __future__ import annotations

import argparse
import sys
from typing import Any

from decision_trees.support import environment_lang, word
from kennisveiligheid._commandline import say
from kennisveiligheid._contract import EXIT_BAD_INPUT, EXIT_OK

__all__ = ["register", "run"]


def register(subparsers: Any) -> None:
    """Add the ``dmn`` command with its ``import`` and ``export`` actions."""
    parser = subparsers.add_parser(
        "dmn",
        help="exchange decision tables with DMN tools (import a DMN file, export table nodes)",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    actions = parser.add_subparsers(dest="dmn_action", required=True, metavar="ACTION")
    into = actions.add_parser("import", help="a DMN decision table as a tree file (YAML)")
    into.add_argument("source", metavar="FILE.dmn", help="a DMN 1.3, 1.4 or 1.5 file")
    into.add_argument("-o", "--output", metavar="TREE.yaml", required=True, help="the tree file to write")
    into.add_argument("--decision", metavar="ID", help="the decision to import when the file holds several")
    out = actions.add_parser("export", help="the table nodes of a tree as a DMN file")
    out.add_argument("tree", metavar="TREE", help="a tree file (YAML or JSON) with table nodes")
    out.add_argument("-o", "--output", metavar="FILE.dmn", required=True, help="the DMN file to write")
    out.add_argument(
        "--dmn-version", choices=("1.3", "1.4", "1.5"), default="1.5", help="the DMN version to write"
    )
    parser.set_defaults(func=run)


def _fail(message: str) -> int:
    print(f"kennisveiligheid dmn: {message}", file=sys.stderr)
    return EXIT_BAD_INPUT


def run(args: argparse.Namespace) -> int:
    """Import or export; returns the exit status."""
    from decision_trees import TreeLoadError
    from decision_trees.support import write_atomic

    try:
        if args.dmn_action == "export":
            from decision_trees.tables import to_dmn, tree_tables

            text = to_dmn(tree_tables(args.tree), version=args.dmn_version)
            write_atomic(args.output, text, inputs=[args.tree])
            return EXIT_OK
        return _import(args, write_atomic)
    except (TreeLoadError, OSError) as exc:  # a bad or missing file; writing.OutputError is an OSError
        return _fail(say(exc, environment_lang()))


def _import(args: argparse.Namespace, write_atomic: Any) -> int:
    import yaml

    from decision_trees import load
    from decision_trees.tables import from_dmn, tree_from_table

    tables = from_dmn(args.source)
    if args.decision is not None:
        tables = tuple(t for t in tables if args.decision in (t.id, t.name))
    if len(tables) != 1:
        ids = ", ".join(t.id for t in from_dmn(args.source))
        key = "cli.dmn_none" if not tables else "cli.dmn_several"
        return _fail(word(key, environment_lang(), source=args.source, ids=ids))
    data = tree_from_table(tables[0])
    load(data)  # what is written loads

    class NoAliases(yaml.SafeDumper):
        def ignore_aliases(self, data: Any) -> bool:
            return True

    text = yaml.dump(data, Dumper=NoAliases, sort_keys=False, allow_unicode=True, width=100)
    write_atomic(args.output, text, inputs=[args.source])
    return EXIT_OK
