"""Partner files (YAML) and registers of many partners (YAML or CSV).

A partner file holds one partner (see ``examples/partners/``). A register holds many: YAML with a
``partners:`` list (or a bare list), or CSV with one row per partner and the columns of
:data:`CSV_COLUMNS`. In CSV, lists (forms, prerequisites in place) are separated by ``;`` and
several pieces of evidence in one cell by `` | ``. A knowledge-security ``case`` path is resolved
against the folder of the file that names it.
"""

from __future__ import annotations

import csv
import difflib
import io
import os
import typing
import warnings
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from decision_trees import DecisionTreeError
from decision_trees.support import check_structure
from partner_criteria._files import Lines, read_text, read_yaml_lines
from partner_criteria.errors import PartnerFileError, ProblemLine
from partner_criteria.models import MEASURE_IDS, OBJECTIVE_IDS, PREREQUISITE_IDS, SUBPOINT_IDS, Partner

__all__ = [
    "CSV_COLUMNS",
    "Register",
    "load_partner",
    "load_register",
    "parse_partner",
    "partners_from_csv",
    "partners_to_csv",
]

_EVIDENCE = (*SUBPOINT_IDS, *OBJECTIVE_IDS)
CSV_COLUMNS: tuple[str, ...] = (
    "id",
    "name",
    "country",
    "city",
    "metropolitan_area",
    "type",
    "category",
    "unit",
    "forms",
    "start",
    "agreement_end",
    *(f"evidence_{k}" for k in _EVIDENCE),
    *(f"evidence_joint_research_{m}" for m in MEASURE_IDS),
    "prerequisites",
    "last_monitoring",
    "last_evaluation",
    "last_strategy_review",
    "last_knowledge_security",
    "ks_case",
    "ks_outcome",
    "ks_date",
    "ks_tree",
    "ks_tree_hash",
    "notes",
)
_LIST_SEP = ";"
MAX_PROBLEMS = 100  # a file this wrong is not read to its end
_EVIDENCE_SEP = " | "


def _where(loc: Sequence[int | str]) -> str:
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out or "(top)"


def _field_names(model: type[BaseModel], seen: set[type[BaseModel]] | None = None) -> set[str]:
    """Every field name of ``model`` and the models inside it (for "did you mean")."""
    seen = seen if seen is not None else set()
    seen.add(model)
    names: set[str] = set()
    for name, info in model.model_fields.items():
        names.add(info.alias or name)
        for inner in _models_in(info.annotation):
            if inner not in seen:
                names |= _field_names(inner, seen)
    return names


def _models_in(annotation: Any) -> list[type[BaseModel]]:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return [annotation]
    return [m for arg in typing.get_args(annotation) for m in _models_in(arg)]


_FIELDS = sorted(_field_names(Partner))


def _line(lines: Lines | None, path: tuple[str | int, ...]) -> int | None:
    """The line of the deepest part of ``path`` the file has a position for, else ``None``."""
    while lines and path:
        if path in lines:
            return lines[path][0]
        path = path[:-1]
    return None


_CONTEXT = ("expected", "min_length", "max_length", "ge", "gt", "le", "lt")


def _problems(
    exc: ValidationError,
    place: dict[str, Any] | None = None,
    lines: Lines | None = None,
    at: tuple[str | int, ...] = (),
) -> list[str]:
    """One line per pydantic error: where (``place``: line, who, item), the field and the message,
    keeping the facts that word it in Dutch."""
    problems: list[str] = []
    for error in exc.errors(include_url=False):
        where = {
            "line": _line(lines, (*at, *error["loc"])),
            **(place or {}),
            "field": _where(error["loc"])[:120],
        }
        if error["type"] == "extra_forbidden" and error["loc"]:
            close = difflib.get_close_matches(str(error["loc"][-1]), _FIELDS, n=1)
            if close:
                problems.append(ProblemLine("PC200.unknown_field_mean", **where, suggestion=close[0]))
            else:
                problems.append(ProblemLine("PC200.unknown_field", **where))
            continue
        ctx = error.get("ctx") or {}
        facts: dict[str, Any] = {k: ctx[k] for k in _CONTEXT if k in ctx}
        cause = ctx.get("error")
        if isinstance(cause, DecisionTreeError) and cause.key:  # our own error, raised in a validator
            facts.update({**dict(cause.facts), "reason_key": cause.key, "reason": ""})
        problems.append(
            ProblemLine("PC200.schema", **where, message=error["msg"][:300], kind=error["type"], **facts)
        )
    return problems


def _resolve_case(data: Any, base: Path | None) -> Any:
    """``knowledge_security.case`` made absolute against ``base`` (the data is not modified)."""
    if base is None or not isinstance(data, Mapping):
        return data
    ks = data.get("knowledge_security")
    if not isinstance(ks, Mapping) or not isinstance(ks.get("case"), str | os.PathLike):
        return data
    case = Path(ks["case"])
    if not case.is_absolute():
        case = Path(os.path.normpath(base / case))
    return {**data, "knowledge_security": {**ks, "case": case}}


def parse_partner(data: Any, base: Path | None = None, source: str | None = None) -> Partner:
    """A :class:`Partner` from plain data; ``base`` is the folder relative case paths start from."""
    return _parse_partner(data, base, source)


def _parse_partner(data: Any, base: Path | None, source: str | None, lines: Lines | None = None) -> Partner:
    refused = check_structure(data)
    if refused:
        raise PartnerFileError(source, [ProblemLine.reading(p) for p in refused])
    try:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always", DeprecationWarning)
            partner = Partner.model_validate(_resolve_case(data, base))
    except ValidationError as exc:
        raise PartnerFileError(source, _problems(exc, lines=lines)) from None
    for warning in caught:  # old vocabulary ids: say where they are
        where = f"{source or '<data>'}, partner {partner.id}"
        warnings.warn(f"{where}: {warning.message}", DeprecationWarning, stacklevel=2)
    return partner


def load_partner(path: str | os.PathLike[str]) -> Partner:
    """Read one partner from a YAML file."""
    path = Path(path)
    data, lines = read_yaml_lines(path)
    return _parse_partner(data, path.parent, str(path), lines)


@dataclass(frozen=True, slots=True)
class Register:
    """The partners of a register, in file order, and where they came from."""

    partners: tuple[Partner, ...]
    source: str | None = None


def _check_unique(partners: Iterable[Partner], source: str | None) -> None:
    seen: set[str] = set()
    repeats = []
    for partner in partners:
        if partner.id in seen:
            repeats.append(ProblemLine("PC200.id_repeated", id=partner.id))
        seen.add(partner.id)
    if repeats:
        raise PartnerFileError(source, repeats)


def _register_from_data(
    data: Any, base: Path | None, source: str | None, lines: Lines | None = None
) -> Register:
    items = data.get("partners") if isinstance(data, Mapping) else data
    if isinstance(data, Mapping) and set(data) - {"partners", "title", "as_of"}:
        extra = ", ".join(sorted(set(data) - {"partners", "title", "as_of"}))
        raise PartnerFileError(source, [ProblemLine("PC200.top_keys", keys=extra)])
    if not isinstance(items, list):
        raise PartnerFileError(source, [ProblemLine("PC200.register")])
    partners: list[Partner] = []
    problems: list[str] = []
    for index, item in enumerate(items):
        try:
            partners.append(Partner.model_validate(_resolve_case(item, base)))
        except ValidationError as exc:
            name = item.get("id", index) if isinstance(item, Mapping) else index
            at: tuple[str | int, ...] = ("partners", index) if isinstance(data, Mapping) else (index,)
            problems += _problems(exc, {"item": f"partners[{index}] ({name})"}, lines, at)
    if problems:
        raise PartnerFileError(source, problems)
    _check_unique(partners, source)
    return Register(tuple(partners), source)


def _csv_evidence(cell: typing.Callable[[str], str | None]) -> dict[str, Any]:
    """The evidence cells of a CSV row: one list per sub-point and objective, objective 2 by measure
    (``evidence_joint_research_volume`` ...) and, in the older shape, ``evidence_joint_research``."""

    def items(name: str) -> list[str] | None:
        value = cell(name)
        return [e.strip() for e in value.split(_EVIDENCE_SEP.strip()) if e.strip()] if value else None

    evidence: dict[str, Any] = {k: v for k in _EVIDENCE if (v := items(f"evidence_{k}"))}
    measures = {m: v for m in MEASURE_IDS if (v := items(f"evidence_joint_research_{m}"))}
    if measures:
        older = evidence.pop("joint_research", None)
        evidence["joint_research"] = measures | ({"unclassified": older} if older else {})
    return evidence


def _cell_list(value: str) -> list[str]:
    return [v.strip() for v in value.split(_LIST_SEP) if v.strip()]


def _row_to_data(row: Mapping[str, str | None]) -> dict[str, Any]:
    def cell(name: str) -> str | None:
        value = (row.get(name) or "").strip()
        return value or None

    prerequisites_in_place = _cell_list(cell("prerequisites") or "")
    unknown = sorted(set(prerequisites_in_place) - set(PREREQUISITE_IDS))
    data: dict[str, Any] = {
        "id": cell("id"),
        "name": cell("name"),
        "country": cell("country"),
        "city": cell("city"),
        "metropolitan_area": cell("metropolitan_area"),
        "type": cell("type"),
        "partnership": {
            "category": cell("category"),
            "unit": cell("unit"),
            "forms": _cell_list(cell("forms") or ""),
            "start": cell("start"),
            "agreement_end": cell("agreement_end"),
        },
        "evidence": _csv_evidence(cell),
        # unknown names are passed on so that validation reports them as extra fields
        "prerequisites": dict.fromkeys(prerequisites_in_place, True) | dict.fromkeys(unknown, True),
        "history": {
            "last_monitoring": cell("last_monitoring"),
            "last_evaluation": cell("last_evaluation"),
            "last_strategy_review": cell("last_strategy_review"),
            "last_knowledge_security": cell("last_knowledge_security"),
        },
        "notes": cell("notes"),
    }
    ks = {
        "case": cell("ks_case"),
        "outcome": cell("ks_outcome"),
        "date": cell("ks_date"),
        "tree": cell("ks_tree"),
        "tree_hash": cell("ks_tree_hash"),
    }
    if any(v is not None for v in ks.values()):
        data["knowledge_security"] = {k: v for k, v in ks.items() if v is not None}
    return data


def _delimiter(text: str) -> str:
    """The delimiter of the header row: ``,``, ``;`` (Excel in a Dutch locale) or a tab, whichever
    splits it into the most known column names."""
    first = text.lstrip("\ufeff").split("\n", 1)[0]

    def known(delimiter: str) -> int:
        return sum(cell.strip() in CSV_COLUMNS for cell in next(csv.reader([first], delimiter=delimiter), []))

    return max((",", ";", "\t"), key=known)


def _cut(text: str, limit: int = 80) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def partners_from_csv(text: str, base: Path | None = None, source: str | None = None) -> Register:
    """A register from CSV text (a header row with the columns of :data:`CSV_COLUMNS`), separated by
    commas, semicolons (as Excel writes it in a Dutch locale) or tabs; a byte-order mark is allowed."""
    text = text.removeprefix("\ufeff")
    try:
        reader = csv.DictReader(io.StringIO(text), delimiter=_delimiter(text))
        header = [c.strip() if isinstance(c, str) else c for c in (reader.fieldnames or [])]
    except csv.Error as exc:
        raise PartnerFileError(source, [ProblemLine("PC200.csv", line=1, reason=str(exc))]) from None
    reader.fieldnames = header
    problems = _header_problems(header)
    if problems:
        raise PartnerFileError(source, problems)
    partners = _csv_partners(reader, base, problems)
    if problems:
        raise PartnerFileError(source, problems)
    _check_unique(partners, source)
    return Register(tuple(partners), source)


def _header_problems(header: list[str]) -> list[str]:
    """What is wrong with a CSV header: unknown (with a suggestion), repeated and missing columns."""
    problems: list[str] = []
    for column in header:
        if column not in CSV_COLUMNS:
            close = difflib.get_close_matches(column, CSV_COLUMNS, n=1)
            if close:
                problems.append(
                    ProblemLine("PC200.column_mean", line=1, column=_cut(column), suggestion=close[0])
                )
            else:
                problems.append(ProblemLine("PC200.column", line=1, column=_cut(column)))
    problems += [
        ProblemLine("PC200.column_twice", line=1, column=c)
        for c in sorted({c for c in header if header.count(c) > 1})
    ]
    problems += [
        ProblemLine("PC200.column_missing", line=1, column=c)
        for c in ("id", "name", "country", "city", "type", "category")
        if c not in header
    ]
    return problems


def _csv_partners(reader: csv.DictReader[str], base: Path | None, problems: list[str]) -> list[Partner]:
    """The partners of the CSV rows; each problem is added to ``problems`` with its line, and once
    there is one, no partner is kept (a register with problems is refused)."""
    partners: list[Partner] = []
    first_line: dict[str, int] = {}
    try:
        for row in reader:
            line = reader.line_num
            if len(problems) >= MAX_PROBLEMS:
                problems.append(ProblemLine("PC200.stopped", line=line, count=MAX_PROBLEMS))
                break
            if None in row:
                problems.append(ProblemLine("PC200.cells", line=line))
                continue
            ident = (row.get("id") or "").strip()
            if ident and ident in first_line:
                shown = _cut(ident, 40)
                problems.append(ProblemLine("PC200.id_twice", line=line, id=shown, first=first_line[ident]))
                continue
            first_line.setdefault(ident, line)
            try:
                partner = Partner.model_validate(_resolve_case(_row_to_data(row), base))
            except ValidationError as exc:
                problems += _problems(exc, {"line": line, "who": _cut(ident or "?", 40)})
                partners.clear()  # a register with problems is refused: keep no partners
            else:
                if not problems:
                    partners.append(partner)
    except csv.Error as exc:
        problems.append(ProblemLine("PC200.csv", line=reader.line_num, reason=str(exc)))
    return partners


def load_register(path: str | os.PathLike[str]) -> Register:
    """Read a register: CSV (``.csv``), an Excel workbook (``.xlsx``, its first sheet, with the CSV
    columns; needs the ``xlsx`` extra) or YAML (anything else)."""
    path = Path(path)
    if path.suffix.lower() == ".csv":
        return partners_from_csv(read_text(path), path.parent, str(path))
    if path.suffix.lower() == ".xlsx":
        return partners_from_csv(xlsx_to_csv(path), path.parent, str(path))
    data, lines = read_yaml_lines(path)
    return _register_from_data(data, path.parent, str(path), lines)


_XLSX_UNPACKED = 64 * 1024 * 1024  # a workbook is a zip: its unpacked size is bounded too


def xlsx_to_csv(path: Path) -> str:
    """The first sheet of a workbook as CSV text (dates as ISO dates), read within bounds."""
    import zipfile

    from partner_criteria._files import read_bytes_of

    raw = read_bytes_of(path)
    try:
        from openpyxl import load_workbook
    except ImportError:
        from decision_trees import MissingDependencyError

        raise MissingDependencyError("openpyxl", "pip install 'kennisveiligheid[xlsx]'") from None
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    try:
        with zipfile.ZipFile(io.BytesIO(raw)) as archive:
            unpacked = sum(info.file_size for info in archive.infolist())
        if unpacked > _XLSX_UNPACKED:
            raise PartnerFileError(str(path), [ProblemLine("PC200.workbook_size", limit=_XLSX_UNPACKED)])
        book = load_workbook(io.BytesIO(raw), read_only=True, data_only=True)
        if book.worksheets:
            for row in book.worksheets[0].iter_rows(values_only=True):
                writer.writerow([_xlsx_cell(value) for value in row])
        book.close()
    except PartnerFileError:
        raise
    except Exception as exc:  # zip, XML and openpyxl's own errors: all mean "not a workbook"
        message = ProblemLine("PC200.workbook", reason=str(exc)[:160])
        raise PartnerFileError(str(path), [message]) from None
    return out.getvalue()


def _xlsx_cell(value: object) -> str:
    import datetime as dt

    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def _relative(path: Path, base: Path | None) -> str:
    if base is not None:
        try:
            return os.path.relpath(path, base)
        except ValueError:  # another drive on Windows
            pass
    return str(path)


def partners_to_csv(partners: Iterable[Partner], base: Path | None = None) -> str:
    """The partners as register CSV (case paths relative to ``base`` when given)."""
    out = io.StringIO()
    writer = csv.DictWriter(out, CSV_COLUMNS, lineterminator="\n")
    writer.writeheader()
    for p in partners:
        ks = p.knowledge_security
        row: dict[str, str] = {
            "id": p.id,
            "name": p.name,
            "country": p.country,
            "city": p.city,
            "metropolitan_area": p.metropolitan_area or "",
            "type": p.type,
            "category": p.partnership.category,
            "unit": p.partnership.unit or "",
            "forms": _LIST_SEP.join(p.partnership.forms),
            "start": p.partnership.start.isoformat() if p.partnership.start else "",
            "agreement_end": p.partnership.agreement_end.isoformat() if p.partnership.agreement_end else "",
            "prerequisites": _LIST_SEP.join(k for k in PREREQUISITE_IDS if k in p.prerequisites.in_place()),
            "notes": p.notes or "",
        }
        for k in _EVIDENCE:
            if k != "joint_research":
                row[f"evidence_{k}"] = _EVIDENCE_SEP.join(getattr(p.evidence, k))
        research = p.evidence.joint_research
        row["evidence_joint_research"] = _EVIDENCE_SEP.join(research.unclassified)
        for m in MEASURE_IDS:
            row[f"evidence_joint_research_{m}"] = _EVIDENCE_SEP.join(getattr(research, m))
        for k in ("last_monitoring", "last_evaluation", "last_strategy_review", "last_knowledge_security"):
            value = getattr(p.history, k)
            row[k] = value.isoformat() if value else ""
        row["ks_case"] = _relative(ks.case, base) if ks and ks.case else ""
        row["ks_outcome"] = ks.outcome or "" if ks else ""
        row["ks_date"] = ks.date.isoformat() if ks and ks.date else ""
        row["ks_tree"] = ks.tree or "" if ks else ""
        row["ks_tree_hash"] = ks.tree_hash or "" if ks else ""
        writer.writerow(row)
    return out.getvalue()
