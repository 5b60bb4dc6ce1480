"""The ``kennisveiligheid`` command line. Each subcommand lives in :mod:`kennisveiligheid.commands`.

A command module defines ``register(subparsers)``, which adds its parser and sets ``func`` on it
to a function ``(args) -> int`` (the exit code). Modules are found by name, so adding a command
is adding a file.
"""

from __future__ import annotations

import argparse
import importlib
import pkgutil
import sys
from collections.abc import Sequence

from decision_trees import DecisionTreeError

__all__ = ["EXIT_BAD_INPUT", "build_parser", "main"]

EXIT_BAD_INPUT = 2


def build_parser() -> argparse.ArgumentParser:
    """The argument parser with every command registered."""
    from kennisveiligheid import commands

    parser = argparse.ArgumentParser(
        prog="kennisveiligheid",
        description="Knowledge-security and strategic-partner decisions as explainable decision trees.",
    )
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    for module_info in sorted(pkgutil.iter_modules(commands.__path__), key=lambda m: m.name):
        if not module_info.name.startswith("_"):
            module = importlib.import_module(f"{commands.__name__}.{module_info.name}")
            module.register(subparsers)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit code."""
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return int(args.func(args))
    except DecisionTreeError as exc:
        print(f"kennisveiligheid: error: {exc}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
