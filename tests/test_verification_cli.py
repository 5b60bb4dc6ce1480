"""The ``check`` and ``diff`` commands: output formats and exit statuses."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from kennisveiligheid.cli import main

HERE = Path(__file__).parent
SMALL = HERE / "trees" / "small.yaml"
VERIFY = HERE / "trees" / "verify"


def test_check_clean_tree(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", str(SMALL)]) == 0
    assert "0 errors, 0 warnings" in capsys.readouterr().out


def test_check_findings_text_nl(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", str(VERIFY / "gap.yaml"), "--lang", "nl"]) == 1
    out = capsys.readouterr().out
    assert "[V001 fout]" in out
    assert "voorbeeld: budget=10" in out


def test_check_json(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", str(VERIFY / "overlap.yaml"), "--format", "json"]) == 1
    data = json.loads(capsys.readouterr().out)
    assert data["findings"][0]["code"] == "V002"
    assert data["findings"][0]["witness"] == {"areas": ["quantum"]}
    assert isinstance(data["findings"][0]["message"], str)  # in the chosen language


def test_check_fail_on_error_ignores_warnings(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", str(VERIFY / "unused.yaml")]) == 1
    assert main(["check", str(VERIFY / "unused.yaml"), "--fail-on", "error"]) == 0
    capsys.readouterr()


def test_check_bad_files(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", str(tmp_path / "missing.yaml")]) == 2
    broken = tmp_path / "broken.yaml"
    broken.write_text("id: x\nnodes: {}\n", encoding="utf-8")
    assert main(["check", str(broken)]) == 2
    err = capsys.readouterr().err
    assert "missing.yaml" in err
    assert "DT110" in err


def test_diff_text_and_exit_status(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["diff", str(SMALL), str(SMALL)]) == 0
    data = yaml.safe_load(SMALL.read_text(encoding="utf-8"))
    data["version"] = "2"
    data["nodes"]["sensitive"]["condition"]["any"][1]["ge"] = 500_000
    changed = tmp_path / "small2.yaml"
    changed.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    capsys.readouterr()
    assert main(["diff", str(SMALL), str(changed)]) == 1
    out = capsys.readouterr().out
    assert "node 'sensitive', condition:" in out
    assert "'Go' (go) → 'Go with measures' (measures)" in out
    text_only = dict(data, nodes=yaml.safe_load(SMALL.read_text(encoding="utf-8"))["nodes"])
    changed.write_text(yaml.safe_dump(text_only, allow_unicode=True), encoding="utf-8")
    assert main(["diff", str(SMALL), str(changed), "--behaviour-only"]) == 0
    capsys.readouterr()
    assert main(["diff", str(SMALL), str(changed), "--format", "json"]) == 1
    result = json.loads(capsys.readouterr().out)
    assert result["same_behaviour"] is True
    assert result["structural"] == [
        {"what": "tree", "id": "small", "kind": "changed", "field": "version", "old": "1", "new": "2"}
    ]


def test_diff_json(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = yaml.safe_load(SMALL.read_text(encoding="utf-8"))
    data["nodes"]["risk"]["branches"][2]["next"] = "committee"
    del data["nodes"]["postpone"]
    changed = tmp_path / "small2.yaml"
    changed.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    assert main(["diff", str(SMALL), str(changed), "--format", "json"]) == 1
    result = json.loads(capsys.readouterr().out)
    assert {(b["old"]["outcome"], b["new"]["outcome"]) for b in result["behaviour"]} == {
        ("postpone", "committee")
    }
    assert main(["diff", str(SMALL), str(tmp_path / "none.yaml")]) == 2


def test_check_as_a_program() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "kennisveiligheid", "check", str(VERIFY / "gap.yaml"), "--format", "json"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 1
    assert json.loads(done.stdout)["errors"] == 1
