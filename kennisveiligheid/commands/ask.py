"""``kennisveiligheid ask``: an interactive questionnaire in the terminal.

It asks only the questions the path needs (``tree.next_question``), shows the options numbered,
and accepts a number or a value id; ``?`` shows help and sources, ``u`` answers "unknown" where
that is allowed, ``b`` goes back one question. It ends with the explained decision, and can save
the answers as a case file. End of input before the decision ends with exit code 2.
"""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING, Any

from kennisveiligheid._commandline import EXIT_CODES_HELP, MAX_LINE, add_common_arguments

if TYPE_CHECKING:
    from kennisveiligheid.commands._ask_session import AskSession

__all__ = ["MAX_LINE", "AskSession", "register", "run"]

HOW_TO_ANSWER = """\
how to answer:
  a number or a value id   choose an option (several for multiple choice: "1 3" or "1,3")
  0 or none                none of the options (multiple choice)
  u or unknown             "I don't know" (where allowed; it leads to gathering information)
  ?                        help and sources for the question
  b or back                go back one question
  end of input (Ctrl-D)    stop without a decision (exit code 2)
"""


def register(subparsers: Any) -> None:
    """Add the ``ask`` command."""
    parser = subparsers.add_parser(
        "ask",
        help="answer the questions one by one in the terminal",
        description=(
            "An interactive questionnaire: asks only the questions the path needs and ends with "
            "the explained decision."
        ),
        epilog=HOW_TO_ANSWER + "\n" + EXIT_CODES_HELP,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    add_common_arguments(parser)
    parser.add_argument(
        "--save",
        metavar="FILE",
        help="save the answers as a case file (YAML) after the decision; if the session stops early "
        "(Ctrl-C, end of input) the answers so far are saved here (else in a recovery file it names)",
    )
    parser.add_argument(
        "--resume",
        metavar="FILE",
        help="continue from answers saved earlier (a case file, e.g. one written by --save)",
    )
    parser.set_defaults(func=run)


def run(args: Any) -> int:
    """Run the questionnaire; the exit code says what was decided (2 if input ended early)."""
    from kennisveiligheid.commands._ask_session import run as session

    return session(args)


def __getattr__(name: str) -> Any:
    if name == "AskSession":  # the session and its imports load when the command runs
        from kennisveiligheid.commands import _ask_session

        return _ask_session.AskSession
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
