"""``kennisveiligheid reviews``: the portfolio report of a register of partners.

``REGISTER`` is a YAML (``partners:`` list) or CSV file of partners. Per partner: the assessment
(criteria of annex 2 combined with knowledge security) and the reviews due on ``--on`` (annual
monitoring, evaluation every other year, knowledge-security assessment before the agreement is
renewed), most urgent first.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from typing import Any

from decision_trees.support import word
from kennisveiligheid._commandline import say
from kennisveiligheid._contract import EXIT_BAD_INPUT, EXIT_OK

__all__ = ["register", "run"]


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date (YYYY-MM-DD): {text!r}") from None


def _days(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number of days: {text!r}") from None
    if value < 0:
        raise argparse.ArgumentTypeError("days cannot be negative")
    return value


def register(subparsers: Any) -> None:
    """Add the ``reviews`` command."""
    parser = subparsers.add_parser(
        "reviews",
        help="portfolio report of a partner register: status and reviews due, most urgent first",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("register_file", metavar="REGISTER", help="a register file (YAML, CSV or xlsx)")
    parser.add_argument("--on", type=_date, metavar="DATE", help="report date (default: today)")
    parser.add_argument(
        "--format", choices=("text", "json", "csv", "xlsx"), default="text", help="output format"
    )
    parser.add_argument("--lang", choices=("nl", "en"), default="en", help="language of text and labels")
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
    parser.add_argument(
        "--ks-lead-days",
        type=_days,
        default=90,
        metavar="N",
        help="the knowledge-security assessment is due N days before the agreement ends (default 90)",
    )
    parser.add_argument(
        "--due-soon-days",
        type=_days,
        default=60,
        metavar="N",
        help="a review due within N days is listed as due (default 60)",
    )
    parser.add_argument("-o", "--output", metavar="FILE", help="write here instead of to standard output")
    parser.add_argument(
        "--excel",
        choices=("comma", "semicolon"),
        help="with --format csv: write for Excel (UTF-8 with a byte-order mark) with this delimiter: "
        "'semicolon' for a Dutch (or other European) locale, 'comma' for an English one",
    )
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """Print (or write) the portfolio report; exit code 0 (errors: 2)."""
    from partner_criteria import ReviewPolicy, portfolio

    try:
        policy = ReviewPolicy(
            ks_lead_days=args.ks_lead_days,
            ks_window_days=max(365, args.ks_lead_days),
            due_soon_days=args.due_soon_days,
        )
    except ValueError as exc:
        print(f"kennisveiligheid reviews: {word('error', args.lang)}: {say(exc, args.lang)}", file=sys.stderr)
        return EXIT_BAD_INPUT
    from kennisveiligheid.commands.partner import deprecation_notices

    with deprecation_notices("reviews"):
        report = portfolio(
            args.register_file,
            args.on,
            objective_1_min_subpoints=args.objective_1_min,
            objective_2_min_measures=args.objective_2_min,
            policy=policy,
        )
    if args.format == "json":
        text = report.to_json(indent=2)
    elif args.format == "xlsx":
        from decision_trees.support import write_atomic
        from kennisveiligheid.table import csv_to_xlsx

        if not args.output:
            message = word("cli.xlsx_report", args.lang)
            print(f"kennisveiligheid reviews: {word('error', args.lang)}: {message}", file=sys.stderr)
            return EXIT_BAD_INPUT
        cases = [e.partner.knowledge_security for e in report.entries]
        inputs = [args.register_file, *(ks.case for ks in cases if ks is not None and ks.case is not None)]
        write_atomic(args.output, csv_to_xlsx(report.to_csv(args.lang), "reviews"), inputs=inputs)
        return EXIT_OK
    elif args.format == "csv":
        text = report.to_csv(args.lang, delimiter=";" if args.excel == "semicolon" else ",")
        if args.excel:
            text = "\ufeff" + text
    else:
        text = report.to_text(args.lang)
    if args.output:
        from decision_trees.support import write_atomic

        cases = [e.partner.knowledge_security for e in report.entries]
        inputs = [args.register_file, *(ks.case for ks in cases if ks is not None and ks.case is not None)]
        write_atomic(args.output, text if text.endswith("\n") else text + "\n", inputs=inputs)
    else:
        sys.stdout.write(text if text.endswith("\n") else text + "\n")
    return EXIT_OK
