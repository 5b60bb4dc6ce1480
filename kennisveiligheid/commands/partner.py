"""``kennisveiligheid partner``: assess a (candidate) strategic partner against the criteria of
annex 2, combined with knowledge security, and list the reviews due.

``CANDIDATE`` is a partner file (YAML). Its ``knowledge_security`` section names a case file
(assessed with the reference tree) or records an earlier outcome; ``--ks-case`` overrides it.
Objective 1 counts from ``--objective-1-min`` of its five sub-points (default 3: the policy does
not say; the trace states it).
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import json
import sys
import warnings
from collections.abc import Iterator
from typing import Any

from kennisveiligheid._contract import EXIT_OK

__all__ = ["deprecation_notices", "register", "run"]


@contextlib.contextmanager
def deprecation_notices(command: str) -> Iterator[None]:
    """Show older vocabulary ids and evidence shapes read from the user's files as notices on
    stderr (Python hides DeprecationWarnings from a command-line user)."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", DeprecationWarning)
        yield
    for warning in caught:
        if issubclass(warning.category, DeprecationWarning):
            print(f"kennisveiligheid {command}: notice: {warning.message}", file=sys.stderr)
        else:
            warnings.warn_explicit(warning.message, warning.category, warning.filename, warning.lineno)


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date (YYYY-MM-DD): {text!r}") from None


def register(subparsers: Any) -> None:
    """Add the ``partner`` command."""
    parser = subparsers.add_parser(
        "partner",
        help="assess a (candidate) strategic partner: criteria, knowledge security, reviews due",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("candidate", metavar="CANDIDATE.yaml", help="a partner file")
    parser.add_argument("--lang", choices=("nl", "en"), default="en", help="language of the text output")
    parser.add_argument("--format", choices=("text", "json"), default="text", help="output format")
    parser.add_argument("--ks-case", metavar="CASE", help="a knowledge-security case file to assess instead")
    parser.add_argument(
        "--objective-1-min",
        type=int,
        metavar="K",
        help="how many of the 5 sub-points make objective 1 count (1-5; default 3)",
    )
    parser.add_argument(
        "--objective-2-min",
        type=int,
        metavar="N",
        help="how many of the 3 measures (volume, quality, breadth) make objective 2 count (1-3; default 2)",
    )
    parser.add_argument("--on", type=_date, metavar="DATE", help="date for the reviews due (default: today)")
    parser.add_argument(
        "--no-trace", action="store_true", help="leave out the tree's step-by-step derivation"
    )
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """Assess the partner and print the result; exit code 0 (errors: 2)."""
    from partner_criteria import assess, load_partner, review_schedule

    with deprecation_notices("partner"):
        partner = load_partner(args.candidate)
        assessment = assess(
            partner,
            args.ks_case,
            objective_1_min_subpoints=args.objective_1_min,
            objective_2_min_measures=args.objective_2_min,
        )
    on = args.on or dt.date.today()
    reviews = review_schedule(partner, on)
    if args.format == "json":
        data = assessment.to_dict(trace=not args.no_trace)
        data["reviews"] = reviews.to_dict()
        print(json.dumps(data, ensure_ascii=False, indent=2))
        return EXIT_OK
    print(assessment.explain(args.lang, trace=False))
    head = "Evaluaties op" if args.lang == "nl" else "Reviews on"
    print(f"\n{head} {on.isoformat()}:")
    for item in sorted(reviews.items, key=lambda i: i.rank):
        print(f"  - {item.text(args.lang)}")
    if not args.no_trace:
        title = "Afleiding (beslisboom)" if args.lang == "nl" else "Derivation (decision tree)"
        print(f"\n{title}:\n{assessment.decision.explain(args.lang)}")
    return EXIT_OK
