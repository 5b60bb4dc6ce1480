"""The ``kennisveiligheid partner`` and ``kennisveiligheid reviews`` commands."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

from kennisveiligheid.cli import main

EXAMPLES = Path(__file__).resolve().parent.parent / "examples" / "partners"
CANDIDATE = EXAMPLES / "candidate-canalside.yaml"
REGISTER = EXAMPLES / "register.yaml"


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_partner_text_en_and_nl(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "partner", str(CANDIDATE), "--on", "2026-03-01")
    assert code == 0
    assert "Outcome: Pending knowledge security" in out
    assert "Objectives met (3 of 6, 3 needed):" in out
    assert "Knowledge security: not assessed" in out
    assert "Reviews on 2026-03-01:" in out
    assert "Derivation (decision tree):" in out
    assert "Note: Annex 2 does not say how many sub-points" in out
    code, out, _ = run(capsys, "partner", str(CANDIDATE), "--lang", "nl", "--no-trace")
    assert code == 0
    assert "Uitkomst: In afwachting van kennisveiligheid" in out
    assert "Afleiding" not in out


def test_partner_json_and_parameter(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "partner", str(CANDIDATE), "--format", "json", "--objective-1-min", "4")
    assert code == 0
    data = json.loads(out)
    assert data["objectives"]["objective_1"]["min_subpoints"] == 4
    assert "objective_1" not in data["objectives"]["met"]  # three sub-points are not four
    assert data["outcome"]["id"] == "not_eligible"
    assert data["objectives"]["needs"] == 1
    assert [i["kind"] for i in data["reviews"]["items"]] == [
        "monitoring",
        "evaluation",
        "strategy_review",
        "knowledge_security",
    ]
    note = next(s for s in data["decision"]["trace"] if s["node"] == "criteria")
    assert note["result"] is False


def test_partner_with_a_case_file(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "partner", str(EXAMPLES / "candidate-northvale.yaml"), "--no-trace")
    assert code == 0
    assert "Outcome: Pending knowledge security" in out
    assert "Knowledge security: pending — Escalate to the knowledge-security committee" in out
    blocked = str(EXAMPLES.parent / "sanctioned-funder.yaml")
    code, out, _ = run(capsys, "partner", str(EXAMPLES / "candidate-northvale.yaml"), "--ks-case", blocked)
    assert code == 0
    assert "Outcome: Blocked by knowledge security" in out


def test_partner_errors_exit_2(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, _, err = run(capsys, "partner", str(tmp_path / "absent.yaml"))
    assert code == 2
    assert "no such file" in err
    code, _, err = run(capsys, "partner", str(CANDIDATE), "--objective-1-min", "9")
    assert code == 2
    assert "objective_1_min_subpoints must be between 1 and 5" in err


@pytest.mark.parametrize("fmt", ["text", "json", "csv"])
def test_reviews_formats(capsys: pytest.CaptureFixture[str], fmt: str) -> None:
    code, out, _ = run(capsys, "reviews", str(REGISTER), "--on", "2026-03-01", "--format", fmt)
    assert code == 0
    if fmt == "json":
        assert json.loads(out)["report"]["partners"] == 13
    elif fmt == "csv":
        rows = list(csv.DictReader(io.StringIO(out)))
        assert len(rows) == 13
        assert rows[0]["urgency"] == "overdue"
    else:
        assert out.startswith("Portfolio report 2026-03-01 — 13 partners")


def test_reviews_csv_register_output_file_and_options(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    target = tmp_path / "report.csv"
    code, out, _ = run(
        capsys,
        "reviews",
        str(EXAMPLES / "register.csv"),
        "--on",
        "2026-03-01",
        "--format",
        "csv",
        "--lang",
        "nl",
        "--ks-lead-days",
        "120",
        "--due-soon-days",
        "10",
        "-o",
        str(target),
    )
    assert code == 0
    assert out == ""
    rows = list(csv.DictReader(io.StringIO(target.read_text(encoding="utf-8"))))
    rivermouth = next(r for r in rows if r["id"] == "rivermouth")
    # in Dutch the column names and states are Dutch (issue 11); the ids stay as they are
    assert rivermouth["kennisveiligheid_datum"] == "2026-03-02"  # 120 days before 30 June
    assert rivermouth["kennisveiligheid_status"] == "nu aan de beurt"


def test_reviews_bad_date_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as info:
        main(["reviews", str(REGISTER), "--on", "2026-02-30"])
    assert info.value.code == 2
    assert "not a date" in capsys.readouterr().err


def test_the_console_script_runs() -> None:
    out = subprocess.run(
        [sys.executable, "-m", "kennisveiligheid", "reviews", str(REGISTER), "--on", "2026-03-01"],
        capture_output=True,
        text=True,
        check=True,
    )
    assert "Portfolio report" in out.stdout


def test_the_objective_2_parameter_on_the_command_line(capsys: pytest.CaptureFixture[str]) -> None:
    northvale = EXAMPLES / "candidate-northvale.yaml"  # evidence on volume and quality
    code, out, _ = run(capsys, "partner", str(northvale), "--format", "json", "--objective-2-min", "3")
    assert code == 0
    data = json.loads(out)["objectives"]
    assert data["objective_2"]["min_measures"] == 3
    assert data["objective_2"]["met"] == ["volume", "quality"]
    assert "objective_2" in data["not_met"]
    code, _, err = run(capsys, "partner", str(northvale), "--objective-2-min", "4")
    assert code == 2
    assert "objective_2_min_measures must be between 1 and 3" in err
    code, out, _ = run(capsys, "reviews", str(REGISTER), "--on", "2026-03-01", "--objective-2-min", "1")
    assert code == 0
    assert "objective 2 from 1 of 3 measures" in out


def test_older_ids_and_shapes_are_notices_on_stderr(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    old = tmp_path / "old.yaml"
    old.write_text(
        "id: old\nname: Old\ncountry: XB\ncity: C\ntype: university\n"
        "partnership: {category: strategic, forms: [joint_degree]}\n"
        "evidence: {joint_research: [One joint publication]}\n",
        encoding="utf-8",
    )
    code, out, err = run(capsys, "partner", str(old), "--on", "2026-03-01", "--no-trace")
    assert code == 0
    assert "Outcome:" in out
    assert "kennisveiligheid partner: notice:" in err
    assert "'joint_degree' is now called 'joint_double_degree'" in err
    assert "evidence for objective 2 (joint_research) as one list is the older shape" in err
