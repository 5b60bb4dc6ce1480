"""The ``kennisveiligheid`` command line. Each subcommand lives in :mod:`kennisveiligheid.commands`.

A command module defines ``register(subparsers)``, which adds its parser and sets ``func`` on it
to a function ``(args) -> int`` (the exit code). Modules are found by name, so adding a command
is adding a file. Only the module of the command that runs is imported (all of them for the
overall help, or when no known command is named); this module itself needs only argparse and the
word catalogue, so the engine is loaded by the command that uses it.
"""

from __future__ import annotations

import argparse
import importlib
import os
import re
import sys
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any, NoReturn

from decision_trees.support import environment_lang, word
from kennisveiligheid._contract import EXIT_BAD_INPUT, EXIT_INTERRUPTED, EXIT_OUTPUT_CLOSED
from kennisveiligheid._help_words import ARGPARSE_ERRORS_NL, ARGPARSE_NL, HELP_NL

if TYPE_CHECKING:
    from decision_trees import Lang

__all__ = ["EXIT_BAD_INPUT", "build_parser", "main", "requested_lang"]


_HELP_NL = {english.strip(): dutch for english, dutch in HELP_NL.items()}
_ROLE = re.compile(r":[a-z]+:`~?([^`]+)`")


def _plain(text: str) -> str:
    """A docstring's reStructuredText as the plain text a terminal shows (``x`` and :func:`x` → x)."""
    return _ROLE.sub(r"\1", text).replace("``", "")


def requested_lang(argv: Sequence[str], environ: Mapping[str, str] | None = None) -> Lang:
    """The language the command line asks for: ``--lang`` when given, else the locale's."""
    for index, arg in enumerate(argv):
        if arg == "--lang" and index + 1 < len(argv) and argv[index + 1] in ("nl", "en"):
            return "nl" if argv[index + 1] == "nl" else "en"
        if arg in ("--lang=nl", "--lang=en"):
            return "nl" if arg.endswith("nl") else "en"
    return environment_lang(environ)


def _formatter(base: type[argparse.HelpFormatter], lang: Lang) -> type[argparse.HelpFormatter]:
    if lang == "en":
        return base

    class Dutch(base):  # type: ignore[valid-type,misc]
        def add_usage(self, usage: Any, actions: Any, groups: Any, prefix: str | None = None) -> None:
            super().add_usage(usage, actions, groups, ARGPARSE_NL["usage: "] if prefix is None else prefix)

    return Dutch


def _localise(parser: argparse.ArgumentParser, lang: Lang) -> None:
    """Plain text for every help text, in ``lang``, and ``--lang`` defaulting to ``lang``."""

    def say(text: str | None) -> str | None:
        if text is None or text == argparse.SUPPRESS:
            return text
        plain = _plain(text)
        return _HELP_NL.get(plain.strip(), plain) if lang == "nl" else plain

    parser.description = say(parser.description)
    parser.epilog = say(parser.epilog)
    parser.formatter_class = _formatter(parser.formatter_class, lang)  # type: ignore[arg-type]
    for group in parser._action_groups:
        if lang == "nl" and group.title in ARGPARSE_NL:
            group.title = ARGPARSE_NL[group.title]
    for action in parser._actions:
        action.help = say(action.help)
        if action.dest == "lang":
            action.default = lang
        if isinstance(action, argparse._SubParsersAction):
            for choice in action._choices_actions:
                choice.help = say(choice.help)
            for sub in action.choices.values():
                _localise(sub, lang)


class _Parser(argparse.ArgumentParser):
    """argparse, with its error messages in the language of the help."""

    lang: Lang = "en"

    def error(self, message: str) -> NoReturn:
        if self.lang == "nl":
            for pattern, dutch in ARGPARSE_ERRORS_NL:
                message = re.sub(pattern, dutch, message)
        self.print_usage(sys.stderr)
        self.exit(2, f"{self.prog}: {word('error', self.lang)}: {message}\n")


def command_names() -> list[str]:
    """The names of the commands, found without importing their modules (a directory listing:
    :func:`pkgutil.iter_modules` would import :mod:`inspect`, a third of the start-up)."""
    from kennisveiligheid import commands

    names: set[str] = set()
    for folder in commands.__path__:
        if not os.path.isdir(folder):  # pragma: no cover - a zipped install
            import pkgutil

            names.update(m.name for m in pkgutil.iter_modules([folder]))
            continue
        for entry in os.scandir(folder):
            name, dot, suffix = entry.name.partition(".")
            if dot and suffix in ("py", "pyc") and name.isidentifier() and entry.is_file():
                names.add(name)
    return sorted(name for name in names if not name.startswith("_"))


def _command_word(argv: Sequence[str]) -> str | None:
    """The command named in ``argv``: the first word that is neither an option nor ``--lang``'s value."""
    words = iter(argv)
    for arg in words:
        if arg == "--lang":
            next(words, None)
        elif not arg.startswith("-"):
            return arg
    return None


def build_parser(lang: Lang = "en", command: str | None = None) -> argparse.ArgumentParser:
    """The argument parser, its help in ``lang``, with ``command`` registered (every command when
    ``command`` is not one of them, so that ``--help`` lists them all)."""
    from kennisveiligheid import commands
    from kennisveiligheid._commandline import EXIT_CODES_HELP

    names = command_names()
    if command in names:
        names = [command]

    _Parser.lang = lang
    parser = _Parser(
        prog="kennisveiligheid",
        description="Knowledge-security and strategic-partner decisions as explainable decision trees.",
        epilog=EXIT_CODES_HELP,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument(
        "--lang",
        choices=("nl", "en"),
        default=lang,
        help="language of the output (default: nl when the locale is Dutch, else en)",
    )
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    for name in names:
        importlib.import_module(f"{commands.__name__}.{name}").register(subparsers)
    _localise(parser, lang)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit code. Help and messages are in Dutch for
    ``--lang nl``, or by default when the locale is Dutch (``LC_ALL`` / ``LANG`` ``nl_…``)."""
    arguments = list(sys.argv[1:] if argv is None else argv)
    lang = requested_lang(arguments)
    parser = build_parser(lang, _command_word(arguments))
    args = parser.parse_args(arguments)
    from decision_trees import DecisionTreeError  # the command has loaded the engine by now

    try:
        return int(args.func(args))
    except DecisionTreeError as exc:
        text = exc.render(lang)
        code = getattr(exc, "code", "DT000")
        shown = text if f"[{code}]" in text else f"[{code}] {text}"
        print(f"kennisveiligheid: {word('error', lang)}: {shown}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except KeyboardInterrupt:
        return EXIT_INTERRUPTED
    except BrokenPipeError:  # the reader of our output went away (e.g. `| head`)
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return EXIT_OUTPUT_CLOSED


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
