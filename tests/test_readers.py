"""Every reader is guarded, and nothing is lost: hostile files end in the library's own coded error
(file and line named), within bounds; outputs never replace an input; writes are atomic."""

from __future__ import annotations

import contextlib
import csv
import errno
import io
import json
import os
import shutil
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import decision_trees as dt
import kennisveiligheid as kv
import partner_criteria as pc
from decision_trees import _yaml
from decision_trees.reading import InputError, check_structure, parse_data, read_bytes, read_data
from decision_trees.writing import OutputError, write_atomic
from kennisveiligheid.cli import main

ROOT = Path(__file__).parent.parent
QUANTUM = ROOT / "examples" / "quantum-sensing-defence.yaml"
REGISTER_CSV = ROOT / "examples" / "partners" / "register.csv"
CANDIDATE = ROOT / "examples" / "partners" / "candidate-northvale.yaml"


@pytest.fixture(params=["c", "python"])
def parser(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    """Run a test with libyaml's C parser (when built) and with the pure-Python fallback."""
    if request.param == "python":
        monkeypatch.setattr(_yaml, "_CParser", None)
    elif not _yaml.C_PARSER:
        pytest.skip("PyYAML was built without libyaml")
    param: str = request.param
    return param


# -- the hostile inputs, and every reader they go through ---------------------------------------

BOMB = "a: &a [x,x,x,x,x,x,x,x,x]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: [*b,*b,*b,*b,*b,*b]\n"
HOSTILE = {
    "alias bomb": (BOMB, "DT103", 2),
    "deep flow nesting": ("a: " + "[" * 100_000 + "]" * 100_000, "DT104", 1),
    "deep block nesting": (
        "a:\n" + "".join(" " * i + "b:\n" for i in range(1, 200)) + " " * 200 + "c\n",
        "DT104",
        65,
    ),
    "python tag": ("a: !!python/object/apply:os.system [ls]\n", "DT108", 1),
    "custom tag": ("a: !custom x\n", "DT108", 1),
    "duplicate key": ("title: x\nsanctions_listed: true\nsanctions_listed: false\n", "DT107", 3),
    "flat list at the size limit": ("[" + "1," * 1_000_000 + "1]", "DT101", 1),
    "non-text key": ("? [a, b]\n: 1\n", "DT105", 1),
    "two documents": ("a: 1\n---\nb: 2\n", "DT102", 2),
    "control character": ("a: b\x00c\n", "DT102", 1),
}


def _readers(tmp_path: Path) -> dict[str, Callable[[Path], object]]:
    """Every reader that takes a file, by name."""
    return {
        "tree": dt.load,
        "case": kv.load_case,
        "lists": kv.load_lists,
        "overlay": kv.load_institution_tree,
        "partner": pc.load_partner,
        "register": pc.load_register,
        "data": read_data,
    }


@pytest.mark.parametrize(
    "name", [pytest.param(n, marks=[pytest.mark.slow] if n.startswith("flat") else []) for n in HOSTILE]
)
@pytest.mark.parametrize("reader", ["tree", "case", "lists", "overlay", "partner", "register", "data"])
def test_every_reader_refuses_hostile_yaml_with_a_code_and_a_line(
    name: str, reader: str, tmp_path: Path, parser: str
) -> None:
    text, code, line = HOSTILE[name]
    path = tmp_path / "hostile.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(dt.DecisionTreeError) as caught:
        _readers(tmp_path)[reader](path)
    message = str(caught.value)
    assert f"[{code}]" in message or any(
        getattr(p, "code", None) == code for p in getattr(caught.value, "problems", ())
    ), message
    assert "hostile.yaml" in message
    assert f"{line}" in message  # the line is named
    assert len(message) < 2_000


def test_a_flat_list_at_the_size_limit_is_refused_by_its_value_count(tmp_path: Path) -> None:
    path = tmp_path / "flat.yaml"
    path.write_text(HOSTILE["flat list at the size limit"][0])
    with pytest.raises(dt.TreeLoadError) as caught:
        dt.load(path)
    assert [p.code for p in caught.value.problems] == ["DT101"]
    assert "more than 100000 values" in str(caught.value)


def test_the_same_file_gives_the_same_data_with_either_parser(monkeypatch: pytest.MonkeyPatch) -> None:
    text = (ROOT / "kennisveiligheid" / "data" / "reference_tree.yaml").read_text(encoding="utf-8")
    fast = _yaml.read_text(text, None)
    monkeypatch.setattr(_yaml, "_CParser", None)
    slow = _yaml.read_text(text, None)
    assert fast == slow
    assert fast[0] is not None
    assert len(fast[0][1]) > 1000  # positions for every value


def test_duplicate_answers_name_both_lines(tmp_path: Path) -> None:
    case = tmp_path / "case.yaml"
    case.write_text("answers:\n  sanctions_listed: true\n  formal_elements: []\n  sanctions_listed: false\n")
    with pytest.raises(kv.CaseError) as caught:
        kv.load_case(case)
    assert "[DT107]" in str(caught.value)
    assert "first on line 2, again on line 4" in str(caught.value)


def test_a_case_that_is_a_link_to_dev_zero_is_refused_by_size(tmp_path: Path) -> None:
    if not Path("/dev/zero").exists():
        pytest.skip("no /dev/zero on this system")
    case = tmp_path / "case.yaml"
    case.symlink_to("/dev/zero")
    with pytest.raises(kv.CaseError, match=r"\[DT101\]"):
        kv.load_case(case)


def test_stdin_is_read_with_the_same_bound(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(b"x" * 101)))
    with pytest.raises(InputError, match=r"\[DT101\]"):
        read_bytes("-", max_bytes=100)
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(b"a: 1\n")))
    assert read_bytes("-", max_bytes=100) == b"a: 1\n"


def test_windows_1252_is_named(tmp_path: Path) -> None:
    case = tmp_path / "case.yaml"
    case.write_bytes("title: caf\u00e9\n".encode("cp1252"))
    with pytest.raises(kv.CaseError, match=r"Windows-1252"):
        kv.load_case(case)


def test_json_gets_the_same_guards(tmp_path: Path) -> None:
    deep = tmp_path / "deep.json"
    deep.write_text('{"not": ' * 250 + "true" + "}" * 250)
    with pytest.raises(InputError, match=r"\[DT104\]"):
        read_data(deep)
    twice = tmp_path / "twice.json"
    twice.write_text('{\n  "a": 1,\n  "a": 2\n}\n')
    with pytest.raises(InputError, match=r"first on line 2, again on line 3"):
        read_data(twice)
    for word in ("NaN", "Infinity", "1e999"):
        with pytest.raises(InputError, match=r"\[DT106\]"):
            parse_data('{"a": ' + word + "}", json=True)


def test_a_json_tree_that_yaml_cannot_read_keeps_the_depth_limit() -> None:
    text = '{"a": "\\/", "b": ' + "[" * 250 + "]" * 250 + "}"
    with pytest.raises(dt.TreeLoadError) as caught:
        dt.load(text)
    assert [p.code for p in caught.value.problems] == ["DT104"]


# -- in-memory structures ------------------------------------------------------------------------


def _shared(levels: int = 60) -> list[Any]:
    value: list[Any] = ["ai"]
    for _ in range(levels):
        value = [value, value]
    return value


@pytest.mark.slow
def test_in_memory_structures_with_shared_references_are_walked_on_a_budget() -> None:
    problems = check_structure({"a": _shared()})
    assert [p.code for p in problems] == ["DT101"]
    with pytest.raises(dt.TreeLoadError, match=r"\[DT101\]"):
        dt.load({"id": "t", "nodes": {"a": _shared()}})
    loop: dict[str, Any] = {"id": "t"}
    loop["self"] = loop
    with pytest.raises(dt.TreeLoadError, match=r"\[DT104\]"):
        dt.load(loop)


@pytest.mark.slow
def test_answers_with_shared_references_give_a_short_error() -> None:
    tree = kv.reference_tree()
    with pytest.raises(dt.InvalidAnswerError) as caught:
        tree.parse_answers({"technology_areas": _shared()})
    assert len(str(caught.value)) < 400
    with pytest.raises(dt.InvalidAnswerError) as caught:
        tree.evaluate({"formal_elements": _shared()})
    assert len(str(caught.value)) < 400
    with pytest.raises(kv.CaseError) as case_error:
        kv.prepare({"answers": {"technology_areas": _shared()}})
    assert len(str(case_error.value)) < 2_000


def test_an_invalid_answer_message_is_bounded() -> None:
    error = dt.InvalidAnswerError("x", "q" * 21_000, "expected true or false")
    assert len(str(error)) < 200


# -- all problems at once, with did-you-mean -----------------------------------------------------


def test_case_fields_and_answers_are_reported_together() -> None:
    with pytest.raises(kv.CaseError) as caught:
        kv.prepare({"titel": "x", "forms": ["exchanges"], "answers": {"sanctions_lsted": True, "formal": 3}})
    text = str(caught.value)
    assert "did you mean 'title'" in text
    assert "did you mean 'sanctions_listed'" in text
    assert "answers.formal" in text or "formal" in text
    assert "forms" in text


def test_a_case_without_technology_areas_means_none() -> None:
    prepared = kv.prepare({"partner": {"name": "X", "country": "DE"}, "answers": {}})
    assert prepared.answers["technology_areas"] == frozenset()
    assert any(d.input == "technology_areas" for d in prepared.derived)


# -- nothing lost --------------------------------------------------------------------------------


def test_assess_refuses_to_write_its_report_over_the_case(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    case = tmp_path / "case.yaml"
    case.write_bytes(QUANTUM.read_bytes())
    assert main(["assess", str(case), "--html", str(case)]) == 2
    assert "[DT171]" in capsys.readouterr().err
    assert case.read_bytes() == QUANTUM.read_bytes()


def test_reviews_refuses_to_write_over_its_register(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    shutil.copytree(ROOT / "examples", tmp_path / "examples")
    register = tmp_path / "examples" / "partners" / "register.csv"
    link = tmp_path / "link.csv"
    link.symlink_to(register)
    code = main(["reviews", str(register), "--format", "csv", "-o", str(link), "--on", "2026-03-01"])
    assert code == 2
    assert "[DT171]" in capsys.readouterr().err
    assert register.read_bytes() == REGISTER_CSV.read_bytes()


@pytest.mark.parametrize(
    ("target", "error"),
    [
        ("os.fsync", OSError(errno.ENOSPC, "No space left on device")),
        ("os.replace", OSError(errno.ENOSPC, "No space left on device")),
        ("tempfile.mkstemp", PermissionError(errno.EACCES, "Permission denied")),
    ],
)
def test_a_failing_write_leaves_the_old_file_and_no_debris(
    target: str, error: OSError, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "report.html"
    out.write_text("old")

    def fail(*args: object, **kwargs: object) -> None:
        raise error

    monkeypatch.setattr(target, fail)
    with pytest.raises(OutputError) as caught:
        write_atomic(out, "new")
    assert caught.value.code == "DT170"
    assert error.strerror is not None
    assert error.strerror in str(caught.value)
    assert out.read_text() == "old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report.html"]


def test_ctrl_c_during_a_write_leaves_the_old_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    out = tmp_path / "case.yaml"
    out.write_text("old")

    def interrupt(fd: int) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr("os.fsync", interrupt)
    with pytest.raises(KeyboardInterrupt):
        write_atomic(out, "new")
    assert out.read_text() == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["case.yaml"]


def test_a_new_file_gets_the_usual_permissions(tmp_path: Path) -> None:
    out = tmp_path / "new.txt"
    write_atomic(out, "x")
    umask = os.umask(0)
    os.umask(umask)
    assert out.stat().st_mode & 0o777 == 0o666 & ~umask


class _Interrupting(io.StringIO):
    """stdin that gives some lines, then Ctrl-C."""

    # typeshed types StringIO.readline through _IOBase (bytes) as well as TextIOBase (str)
    def readline(self, size: int | None = -1, /) -> str:  # type: ignore[override]
        line = super().readline()
        if not line:
            raise KeyboardInterrupt
        return line


def test_ask_saves_the_answers_on_ctrl_c_and_resume_continues(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    saved = tmp_path / "answers.yaml"
    monkeypatch.setattr(sys, "stdin", _Interrupting("1\n1\n"))
    assert main(["ask", "--save", str(saved)]) == 130
    err = capsys.readouterr().err
    assert "ask --resume" in err
    first = kv.load_case(saved)
    assert set(first.answers) == {"formal_elements", "international"}
    monkeypatch.setattr(sys, "stdin", io.StringIO(""))
    assert main(["ask", "--resume", str(saved), "--save", str(saved)]) == 2
    out = capsys.readouterr().out
    assert "Continuing with 2 answers" in out
    assert "[1] Scope" not in out  # the questions answered before are not asked again
    assert "[3]" in out
    assert kv.load_case(saved).answers == first.answers  # saved again, nothing lost


def test_ask_without_save_names_a_recovery_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(sys, "stdin", io.StringIO("1\n"))
    assert main(["ask"]) == 2
    err = capsys.readouterr().err
    files = list(tmp_path.glob("kennisveiligheid-ask-*.yaml"))
    assert len(files) == 1
    assert files[0].name in err
    assert kv.load_case(files[0]).answers == {"formal_elements": ["agreement"]}


def test_cli_errors_show_their_code(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "bad.csv"
    bad.write_text("id;name;country\n1;x;NL\n")
    assert main(["reviews", str(bad)]) == 2
    assert "[PC200]" in capsys.readouterr().err
    case = tmp_path / "case.yaml"
    case.write_text(BOMB)
    assert main(["assess", str(case)]) == 2
    err = capsys.readouterr().err
    assert "[DT103]" in err
    assert "case.yaml" in err


# -- fuzz: hostile text never gives a foreign exception ------------------------------------------

_PIECES = st.sampled_from(
    [
        "a", "b", ": ", "- ", "\n", "  ", "[", "]", "{", "}", ",", "&x ", "*x", "!!python/name:os.system ",
        "!t ", "? ", "'", '"', "\\", "#", "---\n", "...\n", "1e999", ".nan", "0x1F", "9" * 50, "\t",
        "yes", "no", "null", "~", "2024-02-30", "12:30:00", "|\n", ">\n", "\x00", "\x85", "\ufeff",
        "é", "\ud800", "%YAML 1.1\n", "<<: *x\n", "=", ";", "id,name,country\n",
    ]
)  # fmt: skip
HOSTILE_TEXT = st.lists(_PIECES, max_size=40).map("".join) | st.text(max_size=200)


@settings(max_examples=150, deadline=None)
@given(text=HOSTILE_TEXT)
def test_fuzz_every_text_reader_gives_only_our_errors(text: str) -> None:
    for read in (
        lambda t: parse_data(t),
        lambda t: parse_data(t, json=True),
        lambda t: dt.load(t) if "\n" in t or len(t) > 50 else dt.load(t + "\n"),
        lambda t: pc.partners_from_csv(t),
    ):
        with contextlib.suppress(dt.DecisionTreeError):
            read(text)


@settings(max_examples=60, deadline=None)
@given(data=HOSTILE_TEXT.map(lambda t: t.encode("utf-8", "surrogatepass")) | st.binary(max_size=200))
def test_fuzz_every_file_reader_gives_only_our_errors(
    data: bytes, tmp_path_factory: pytest.TempPathFactory
) -> None:
    folder = tmp_path_factory.mktemp("fuzz")
    for suffix in (".yaml", ".json", ".csv"):
        path = folder / f"input{suffix}"
        path.write_bytes(data)
        for read in _readers(folder).values():
            with contextlib.suppress(dt.DecisionTreeError):
                read(path)


# -- spreadsheets as users have them -------------------------------------------------------------


def _as_excel_nl(text: str) -> str:
    """The register as Excel saves it in a Dutch locale: semicolons, every cell quoted when needed."""
    rows = list(csv.reader(io.StringIO(text)))
    out = io.StringIO()
    csv.writer(out, delimiter=";", lineterminator="\r\n").writerows(rows)
    return out.getvalue()


def test_a_semicolon_register_with_a_bom_reads_like_the_comma_one(tmp_path: Path) -> None:
    original = pc.load_register(REGISTER_CSV)
    dutch = tmp_path / "partners" / "register.csv"
    dutch.parent.mkdir()
    dutch.write_text("\ufeff" + _as_excel_nl(REGISTER_CSV.read_text(encoding="utf-8")), encoding="utf-8")
    assert [p.id for p in pc.load_register(dutch).partners] == [p.id for p in original.partners]


def test_a_windows_1252_register_is_named_and_a_misspelt_column_gets_a_suggestion(tmp_path: Path) -> None:
    register = tmp_path / "register.csv"
    register.write_bytes(
        "id,name,country,city,type,category\nx,Universit\u00e9,FR,Paris,university,exchange\n".encode(
            "cp1252"
        )
    )
    with pytest.raises(pc.PartnerFileError, match=r"Windows-1252") as caught:
        pc.load_register(register)
    assert "[DT102]" in str(caught.value)
    assert "line 2" in str(caught.value)
    register.write_text("id;name;contry;city;type;category\n")
    with pytest.raises(pc.PartnerFileError) as caught:
        pc.load_register(register)
    assert "did you mean 'country'" in str(caught.value)


def test_reviews_writes_csv_for_excel_in_either_locale(tmp_path: Path) -> None:
    target = tmp_path / "report.csv"
    args = ["reviews", str(REGISTER_CSV), "--format", "csv", "--on", "2026-03-01", "-o", str(target)]
    assert main([*args, "--excel", "semicolon"]) == 0
    raw = target.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # the BOM tells Excel it is UTF-8
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig")), delimiter=";"))
    assert rows[0][:3] == ["rank", "id", "name"]
    assert main([*args, "--excel", "comma"]) == 0
    rows = list(csv.reader(io.StringIO(target.read_bytes().decode("utf-8-sig"))))
    assert rows[0][:3] == ["rank", "id", "name"]


# -- the case-level API --------------------------------------------------------------------------


def test_next_question_takes_the_case_shape() -> None:
    ask = kv.next_question({"partner": {"name": "Northvale", "country": "DE"}, "answers": {}})
    assert ask is not None
    assert ask.input == "formal_elements"
    assert kv.next_question(QUANTUM) is None


def test_an_assessment_record_round_trips_and_is_rechecked() -> None:
    human = kv.HumanDecision.model_validate(
        {
            "verdict": "go_with_measures",
            "decided_by": "committee",
            "decided_on": "2026-03-01",
            "reasons": "Screening of the visiting researchers.",
            "measures": ["visitor protocol"],
        }
    )
    record = kv.assessment(QUANTUM, human_decision=human, notes=("checked by the adviser",))
    text = record.to_json()
    again = kv.Assessment.from_json(text)
    assert again.to_json() == text
    assert again.decision is not None
    assert again.decision.outcome_id == record.outcome_id == "escalate_committee"
    assert again.human_decision == human
    assert again.case is not None
    assert record.case is not None
    assert again.case.model_copy(update={"answers": {}}) == record.case.model_copy(update={"answers": {}})
    assert kv.prepare(again.case).answers == kv.prepare(record.case).answers  # lists come back as sets
    assert [d.input for d in again.derived] == [d.input for d in record.derived]
    assert again.tree_hash == kv.reference_tree().content_hash


def test_a_record_whose_tree_is_gone_is_read_only_with_a_warning() -> None:
    data = json.loads(kv.assessment(QUANTUM).to_json())
    data["tree"]["hash"] = "sha256:" + "0" * 64
    with pytest.warns(kv.ReadOnlyRecordWarning, match="read-only"):
        record = kv.Assessment.from_json(json.dumps(data))
    assert record.read_only
    assert record.outcome_id == "escalate_committee"
    assert record.path == tuple(data["path"])


def test_a_tampered_record_is_not_accepted() -> None:
    data = json.loads(kv.assessment(QUANTUM).to_json())
    data["path"] = data["path"][:1]
    with pytest.raises(dt.DecisionMismatchError):
        kv.Assessment.from_json(json.dumps(data))
    with pytest.raises(InputError, match=r"\[DT104\]"):
        kv.Assessment.from_json("[" * 300 + "]" * 300)


def test_every_released_reference_tree_is_kept_by_hash() -> None:
    tree = kv.reference_tree()
    assert kv.released_versions()[tree.content_hash] == tree.version, (
        "the reference tree changed: run scripts/release_reference_tree.py (raise its version first)"
    )
    for content_hash in kv.released_versions():
        released = kv.released_tree(content_hash)
        assert released is not None
        assert released.content_hash == content_hash


def test_explain_in_an_unknown_language_names_the_languages() -> None:
    decision = kv.assess(QUANTUM)
    with pytest.raises(dt.LanguageError, match="the languages are nl, en") as caught:
        decision.explain("de")  # type: ignore[arg-type]
    assert caught.value.code == "DT230"
    assert isinstance(caught.value, ValueError)


# -- many cases into one table -------------------------------------------------------------------


def test_assess_a_folder_into_one_csv_table(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["assess", str(ROOT / "examples"), "--format", "csv"]) == 0
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert len(rows) == len(list((ROOT / "examples").glob("*.yaml")))
    quantum = next(r for r in rows if r["case"].endswith("quantum-sensing-defence.yaml"))
    assert quantum["outcome"] == "escalate_committee"
    assert quantum["tree_hash"] == kv.reference_tree().content_hash
    assert set(rows[0]) >= {"case", "partner", "outcome", "permitted", "desirable", "severity", "date"}


def test_a_bad_case_is_a_row_with_its_error_and_exit_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text(BOMB)
    target = tmp_path / "table.csv"
    code = main(["assess", str(QUANTUM), str(bad), "-o", str(target), "--excel", "semicolon"])
    assert code == 2
    raw = target.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig")), delimiter=";"))
    assert [r["outcome"] for r in rows] == ["escalate_committee", ""]
    assert "[DT103]" in rows[1]["error"] or "[KV100]" in rows[1]["error"]


def test_assess_many_cases_into_xlsx(tmp_path: Path) -> None:
    openpyxl = pytest.importorskip(
        "openpyxl", reason="openpyxl is not installed (pip install 'kennisveiligheid[xlsx]')"
    )
    target = tmp_path / "table.xlsx"
    assert main(["assess", str(ROOT / "examples"), "--format", "xlsx", "-o", str(target)]) == 0
    sheet = openpyxl.load_workbook(target).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:3] == ("case", "partner", "outcome")
    assert len(rows) == 1 + len(list((ROOT / "examples").glob("*.yaml")))
    assert main(["assess", str(QUANTUM), "--format", "xlsx", "-o", str(QUANTUM)]) == 2  # never over an input


def test_a_register_in_xlsx_reads_like_the_csv_one_and_reviews_write_xlsx(tmp_path: Path) -> None:
    openpyxl = pytest.importorskip(
        "openpyxl", reason="openpyxl is not installed (pip install 'kennisveiligheid[xlsx]')"
    )
    shutil.copytree(ROOT / "examples", tmp_path / "examples")
    book = openpyxl.Workbook()
    for row in csv.reader(io.StringIO(REGISTER_CSV.read_text(encoding="utf-8"))):
        book.active.append(row)
    register = tmp_path / "examples" / "partners" / "register.xlsx"
    book.save(register)
    assert pc.load_register(register).partners == pc.load_register(register.with_suffix(".csv")).partners
    report = tmp_path / "reviews.xlsx"
    assert main(["reviews", str(register), "--format", "xlsx", "-o", str(report), "--on", "2026-03-01"]) == 0
    rows = list(openpyxl.load_workbook(report).active.iter_rows(values_only=True))
    assert rows[0][:3] == ("rank", "id", "name")
    assert len(rows) == 1 + len(pc.load_register(REGISTER_CSV).partners)


def test_a_broken_or_bombed_workbook_is_refused(tmp_path: Path) -> None:
    pytest.importorskip("openpyxl", reason="openpyxl is not installed (pip install 'kennisveiligheid[xlsx]')")
    import zipfile

    broken = tmp_path / "broken.xlsx"
    broken.write_bytes(b"PK\x03\x04 not really a zip")
    with pytest.raises(pc.PartnerFileError, match=r"\[DT102\]"):
        pc.load_register(broken)
    bomb = tmp_path / "bomb.xlsx"
    with zipfile.ZipFile(bomb, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/worksheets/sheet1.xml", b"\0" * (70 * 1024 * 1024))
    assert bomb.stat().st_size < 1024 * 1024
    with pytest.raises(pc.PartnerFileError, match=r"\[DT101\]"):
        pc.load_register(bomb)


def test_ask_reads_stdin_within_a_bound_and_keeps_the_answers(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    saved = tmp_path / "answers.yaml"
    monkeypatch.setattr(sys, "stdin", io.StringIO("1\n" + "\0" * 50_000))
    assert main(["ask", "--save", str(saved)]) == 2
    assert "[DT101]" in capsys.readouterr().err
    assert kv.load_case(saved).answers == {"formal_elements": ["agreement"]}


@pytest.mark.slow
def test_in_memory_overlays_lists_and_partners_are_walked_on_a_budget() -> None:
    with pytest.raises(kv.InstitutionTreeError, match=r"\[DT101\]"):
        kv.load_institution_tree(
            {"extends": "reference", "id": "x", "version": "1", "nodes": {"a": _shared()}}
        )
    with pytest.raises(kv.ListsError, match=r"\[DT101\]"):
        kv.load_lists({"countries": _shared()})
    with pytest.raises(pc.PartnerFileError, match=r"\[DT101\]"):
        pc.parse_partner({"id": "x", "notes": _shared()})


def test_a_register_with_a_column_or_a_partner_twice_names_the_lines(tmp_path: Path) -> None:
    register = tmp_path / "register.csv"
    register.write_text("id,name,id,country,city,type,category\n")
    with pytest.raises(pc.PartnerFileError, match=r"line 1: column 'id' appears twice"):
        pc.load_register(register)
    lines = REGISTER_CSV.read_text(encoding="utf-8").splitlines()
    register.write_text("\n".join([*lines[:3], lines[1]]) + "\n", encoding="utf-8")
    with pytest.raises(
        pc.PartnerFileError, match=r"line 4: partner id '\w+' appears twice \(first on line 2\)"
    ):
        pc.load_register(register)
