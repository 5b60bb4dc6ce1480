"""Many cases assessed into one table (CSV for any spreadsheet, or ``.xlsx`` through openpyxl).

One row per case file: the case, the partner, the outcome, whether permitted and desirable, the
severity, the tree's content hash and the date. A case that cannot be decided gets its error (with
its code) in the ``error`` column instead of a decision, so one bad file does not hide the others.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import os
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from decision_trees import DecisionTreeError, MissingDependencyError, Tree
from kennisveiligheid.assessment import assess_prepared
from kennisveiligheid.case import load_case, prepare
from kennisveiligheid.lists import InstitutionLists

__all__ = ["TABLE_COLUMNS", "assess_table", "case_files", "csv_to_xlsx", "table_to_csv", "table_to_xlsx"]

TABLE_COLUMNS: tuple[str, ...] = (
    "case",
    "partner",
    "outcome",
    "permitted",
    "desirable",
    "severity",
    "tree",
    "tree_version",
    "tree_hash",
    "date",
    "error",
)
_CASE_SUFFIXES = (".yaml", ".yml", ".json")


def case_files(paths: Iterable[str | os.PathLike[str]]) -> list[Path]:
    """The case files named: files as given, folders as their ``*.yaml``/``*.yml``/``*.json`` (sorted)."""
    found: list[Path] = []
    for name in paths:
        path = Path(name)
        if path.is_dir():
            found += sorted(p for p in path.iterdir() if p.suffix.lower() in _CASE_SUFFIXES and p.is_file())
        else:
            found.append(path)
    return found


def _flag(value: bool | None) -> str:
    return "" if value is None else "yes" if value else "no"


def assess_table(
    paths: Iterable[str | os.PathLike[str]],
    tree: Tree,
    lists: InstitutionLists | None = None,
    on: dt.date | None = None,
) -> list[dict[str, Any]]:
    """One row per case file (see :data:`TABLE_COLUMNS`); errors are rows too."""
    today = (on or dt.date.today()).isoformat()
    rows = []
    for path in case_files(paths):
        row: dict[str, Any] = dict.fromkeys(TABLE_COLUMNS, "")
        row.update(case=str(path), tree=tree.id, tree_version=tree.version, tree_hash=tree.content_hash)
        row["date"] = today
        try:
            prepared = prepare(load_case(path), tree, lists, source=str(path))
            decision = assess_prepared(prepared, tree, source=str(path))
        except DecisionTreeError as exc:
            first = str(exc).splitlines()
            detail = next((line.strip(" -") for line in first[1:2]), "")
            code = getattr(exc, "code", "DT000")
            text = first[0] if f"[{code}]" in first[0] else f"[{code}] {first[0]}"
            row["error"] = f"{text} {detail}".strip()[:300]
        else:
            outcome = decision.outcome
            partner = prepared.case.partner
            row.update(
                partner=partner.name if partner is not None else "",
                outcome=decision.outcome_id,
                permitted=_flag(outcome.permitted),
                desirable=_flag(outcome.desirable),
                severity=outcome.severity,
            )
        rows.append(row)
    return rows


def table_to_csv(rows: Iterable[dict[str, Any]], delimiter: str = ",", excel: bool = False) -> str:
    """The table as CSV; ``excel=True`` starts it with a byte-order mark so that Excel reads UTF-8
    (use ``delimiter=";"`` for Excel in a Dutch or other European locale)."""
    out = io.StringIO()
    writer = csv.DictWriter(out, TABLE_COLUMNS, delimiter=delimiter, lineterminator="\r\n" if excel else "\n")
    writer.writeheader()
    writer.writerows(rows)
    return ("\ufeff" if excel else "") + out.getvalue()


def table_to_xlsx(rows: Iterable[dict[str, Any]]) -> bytes:
    """The table as an Excel workbook (needs the ``xlsx`` extra: openpyxl)."""
    return _workbook("assessments", [list(TABLE_COLUMNS), *([row[c] for c in TABLE_COLUMNS] for row in rows)])


def csv_to_xlsx(text: str, title: str = "report") -> bytes:
    """CSV text (a header row first) as an Excel workbook; numbers stay numbers."""

    def typed(cell: str) -> Any:
        return int(cell) if cell.lstrip("-").isdigit() and len(cell) < 16 else cell

    rows = list(csv.reader(io.StringIO(text)))
    return _workbook(title, [rows[0], *([typed(c) for c in row] for row in rows[1:])] if rows else [])


def _workbook(title: str, rows: Iterable[list[Any]]) -> bytes:
    try:
        from openpyxl import Workbook
    except ImportError:
        raise MissingDependencyError("openpyxl", "pip install 'kennisveiligheid[xlsx]'") from None
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = title
    for row in rows:
        sheet.append([_cell(value) for value in row])
    sheet.freeze_panes = "A2"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _cell(value: Any) -> Any:
    """A value as a cell: text that a spreadsheet would run as a formula is kept as text."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@"):
        return "'" + value
    return value
