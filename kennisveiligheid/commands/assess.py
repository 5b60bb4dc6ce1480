"""``kennisveiligheid assess CASE.yaml``: decide a case file and explain the decision.

The exit code tells a script what was decided (see ``EXIT_CODES_HELP``). Options live in
:func:`add_arguments`, and :func:`build_report` / :func:`emit` are separate from :func:`run`, so
that further options (such as an HTML report) can be added without touching the rest.
"""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING, Any

from decision_trees.support import word
from kennisveiligheid._commandline import EXIT_CODES_HELP, add_common_arguments, load_tree_and_lists
from kennisveiligheid._contract import EXIT_BAD_INPUT

if TYPE_CHECKING:  # the case model, the assessment and the report load when the command runs
    from kennisveiligheid.human_decision import HumanDecision
    from kennisveiligheid.report import Report

__all__ = ["add_arguments", "build_report", "emit", "register", "run"]


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The options of ``assess``."""
    parser.add_argument("case", metavar="CASE.yaml", help="the case file to decide (or a folder of them)")
    parser.add_argument(
        "more_cases",
        nargs="*",
        metavar="CASE.yaml",
        help="more case files or folders: all are assessed into one table (--format csv or xlsx)",
    )
    add_common_arguments(parser)
    parser.add_argument(
        "--format",
        choices=("text", "json", "markdown", "csv", "xlsx"),
        default=None,
        help="text (default; colours on a terminal unless NO_COLOR is set), json or markdown; "
        "csv or xlsx for a table of many cases (the default for several cases or a folder: csv)",
    )
    parser.add_argument("-o", "--output", metavar="FILE", help="write the table here (needed for xlsx)")
    parser.add_argument(
        "--excel",
        choices=("comma", "semicolon"),
        help="with --format csv: write for Excel (UTF-8 with a byte-order mark) with this delimiter: "
        "'semicolon' for a Dutch (or other European) locale, 'comma' for an English one",
    )
    parser.add_argument(
        "--html",
        metavar="FILE",
        help="also write the committee document as one self-contained HTML page to FILE",
    )
    parser.add_argument(
        "--decision",
        metavar="DECISION.yaml",
        help="the committee's or adviser's recorded decision, shown in the document's decision block",
    )
    parser.add_argument(
        "--pdf",
        metavar="FILE",
        help="also write the committee document as an A4 PDF to FILE (needs the 'pdf' extra: WeasyPrint)",
    )


def register(subparsers: Any) -> None:
    """Add the ``assess`` command."""
    parser = subparsers.add_parser(
        "assess",
        help="decide a case file and explain why",
        description="Decide whether a collaboration (a case file) is permitted and desirable, and why.",
        epilog=EXIT_CODES_HELP,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    add_arguments(parser)
    parser.set_defaults(func=run)


def build_report(args: Any) -> Report:
    """Load the tree, lists and case the options name, decide, and collect notes."""
    from kennisveiligheid.assessment import assess_prepared
    from kennisveiligheid.case import load_case, prepare
    from kennisveiligheid.report import Report

    tree, lists = load_tree_and_lists(args)
    case = load_case(args.case)
    prepared = prepare(case, tree, lists, source=args.case)
    decision = assess_prepared(prepared, tree, args.lang, source=args.case)
    notes = list(lists.stale(lang=args.lang)) if lists is not None else []
    expected = prepared.case.expected_outcome
    if expected is not None and expected != decision.outcome_id:
        notes.append(
            word("expected_outcome", args.lang, expected=repr(expected), outcome=repr(decision.outcome_id))
        )
    return Report(decision, prepared.case, prepared.derived, tuple(notes), lists)


def emit(report: Report, args: Any) -> None:
    """Write the report to standard output in the chosen format."""
    from kennisveiligheid.report import Style, render_json, render_markdown, render_text, use_colour

    if args.format == "json":
        text = render_json(report)
    elif args.format == "markdown":
        text = render_markdown(report, args.lang)
    else:
        text = render_text(report, args.lang, Style(use_colour(sys.stdout)))
    sys.stdout.write(text if text.endswith("\n") else text + "\n")


def _human_decision(path: str | None) -> HumanDecision | None:
    """The recorded decision in ``path`` (YAML), or ``None``; a :class:`CaseError` lists problems."""
    if not path:
        return None
    from pydantic import ValidationError

    from kennisveiligheid._files import read_yaml, validation_problems
    from kennisveiligheid.errors import CaseError
    from kennisveiligheid.human_decision import HumanDecision

    data, problems = read_yaml(path)
    if not problems:
        try:
            return HumanDecision.model_validate(data)
        except ValidationError as exc:
            problems = [*validation_problems(exc)]
    raise CaseError(problems, path)


def run_table(args: Any) -> int:
    """Assess every case named into one table; exit code 0, or 2 when a case could not be decided."""
    from decision_trees.support import write_atomic
    from kennisveiligheid.table import assess_table, case_files, table_to_csv, table_to_xlsx

    paths = [args.case, *args.more_cases]
    if args.format == "xlsx" and not args.output:
        error, message = word("error", args.lang), word("cli.xlsx_table", args.lang)
        print(f"kennisveiligheid: {error}: {message}", file=sys.stderr)
        return EXIT_BAD_INPUT
    if args.output:
        from decision_trees import OutputError
        from decision_trees.support import same_file

        for source in [*case_files(paths), args.tree, args.lists]:
            if source is not None and same_file(args.output, source):
                raise OutputError.of(args.output, "DT171.elsewhere")
    tree, lists = load_tree_and_lists(args)
    rows = assess_table(paths, tree, lists)
    if args.format == "xlsx":
        write_atomic(args.output, table_to_xlsx(rows))
    else:
        text = table_to_csv(rows, delimiter=";" if args.excel == "semicolon" else ",", excel=bool(args.excel))
        if args.output:
            write_atomic(args.output, text)
        else:
            sys.stdout.write(text)
    return EXIT_BAD_INPUT if any(row["error"] for row in rows) else 0


def run(args: Any) -> int:
    """Decide the case; the exit code says what was decided."""
    from pathlib import Path

    from decision_trees import DecisionTreeError

    table = args.more_cases or Path(args.case).is_dir() or args.format in ("csv", "xlsx")
    if table:
        args.format = args.format or "csv"
        return run_table(args)
    args.format = args.format or "text"
    targets = [t for t in (args.html, getattr(args, "pdf", None)) if t]
    if targets:
        from decision_trees import OutputError
        from decision_trees.support import same_file

        for target in targets:  # refuse before any work
            for source in _inputs(args):
                if source is not None and same_file(target, source):
                    raise OutputError.of(target, "DT171.elsewhere")
    human = _human_decision(getattr(args, "decision", None))
    report = build_report(args)
    emit(report, args)
    for target, writer in (
        (args.html, "write_committee_html"),
        (getattr(args, "pdf", None), "write_committee_pdf"),
    ):
        if not target:
            continue
        from kennisveiligheid import document

        try:
            getattr(document, writer)(report, target, lang=args.lang, human_decision=human)
        except DecisionTreeError:
            raise
        except OSError as exc:
            message = word("cannot_write", args.lang, path=target, reason=exc.strerror)
            print(f"kennisveiligheid: {word('error', args.lang)}: {message}", file=sys.stderr)
            return EXIT_BAD_INPUT
    return report.exit_code


def _inputs(args: Any) -> list[str | None]:
    """The files the command reads (an output may not replace any of them)."""
    return [
        args.case,
        getattr(args, "tree", None),
        getattr(args, "lists", None),
        getattr(args, "decision", None),
    ]
