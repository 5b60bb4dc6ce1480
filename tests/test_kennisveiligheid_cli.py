"""The ``kennisveiligheid assess`` and ``ask`` commands, end to end (``ask`` through a terminal)."""

from __future__ import annotations

import io
import json
import os
import select
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest
import yaml

import kennisveiligheid as kv
from decision_trees import Decision
from kennisveiligheid.cli import main

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = sorted((ROOT / "examples").glob("*.yaml"))
SAMPLES = ROOT / "kennisveiligheid" / "data" / "samples"
QUANTUM = ROOT / "examples" / "quantum-sensing-defence.yaml"
ANSI = "\x1b["


def expected(path: Path) -> str:
    return str(yaml.safe_load(path.read_text(encoding="utf-8"))["expected_outcome"])


# ----------------------------------------------------------------------------------------------
# assess


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
def test_assess_exit_codes_follow_the_outcome(path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["assess", str(path)])
    out = capsys.readouterr().out
    outcome = expected(path)
    assert code == kv.EXIT_CODES[outcome]
    label = kv.reference_tree().outcomes[outcome].label.en
    assert out.startswith(label)
    assert ANSI not in out  # captured output is not a terminal


def test_assess_in_a_fresh_process_as_the_readme_says() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "kennisveiligheid", "assess", str(QUANTUM)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=False,
    )
    assert result.returncode == 20, result.stderr
    assert "Escalate to the knowledge-security committee" in result.stdout
    assert "Nationale Leidraad Kennisveiligheid" in result.stdout


def test_assess_text_in_dutch_shows_reasons_and_sources(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["assess", str(QUANTUM), "--lang", "nl"]) == 20
    out = capsys.readouterr().out
    assert out.startswith("Voorleggen aan de commissie kennisveiligheid")
    assert "Toegestaan? (wettelijke toets)" in out
    assert "✓ Banden met leger, veiligheidsdiensten of staat: ja" in out
    assert "Afgeleide antwoorden:" in out
    assert "[1 vrij weergegeven" in out


def test_assess_json_is_the_decision_record(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["assess", str(QUANTUM), "--format", "json"]) == 20
    text = capsys.readouterr().out
    data = json.loads(text)
    assert data["outcome"]["id"] == "escalate_committee"
    assert data["exit_code"] == 20
    assert data["case"]["partner"]["country"] == "XA"
    assert {d["input"] for d in data["derived"]} >= {"international", "technology_areas"}
    decision = Decision.from_json(text, kv.reference_tree())
    assert decision.outcome_id == "escalate_committee"


def test_assess_markdown(capsys: pytest.CaptureFixture[str]) -> None:
    assert (
        main(["assess", str(ROOT / "examples" / "funder-publication-control.yaml"), "--format", "markdown"])
        == 20
    )
    out = capsys.readouterr().out
    assert out.startswith("# Social-media research funded by a foundation")
    assert "| # | Question | Answer | Sources |" in out
    assert "## Weighing" in out
    assert "✓ Terms that restrict freedom or give influence: control over or a veto on publication" in out


def test_assess_with_institution_lists_and_tree(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    case = yaml.safe_load(QUANTUM.read_text(encoding="utf-8"))
    case["answers"].pop("institution_ethics")
    case["answers"].update(values_conflict="none", duty_of_care=False)
    path = tmp_path / "case.yaml"
    path.write_text(yaml.safe_dump(case), encoding="utf-8")
    code = main(
        [
            "assess",
            str(path),
            "--tree",
            str(SAMPLES / "institution_overlay.yaml"),
            "--lists",
            str(SAMPLES / "institution_lists.yaml"),
        ]
    )
    out = capsys.readouterr().out
    assert code == 20
    assert "Knowledge-security decision tree (example institution) 2025.1" in out
    assert (
        "Country on the institution's list = yes (XA on 'Countries that need extra attention (sample)'" in out
    )
    assert "expects" not in out


def test_assess_notes_an_unexpected_outcome(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    case = yaml.safe_load(QUANTUM.read_text(encoding="utf-8"))
    case["expected_outcome"] = "go"
    path = tmp_path / "case.yaml"
    path.write_text(yaml.safe_dump(case), encoding="utf-8")
    assert main(["assess", str(path)]) == 20
    assert "the case file expects 'go'; the tree decides 'escalate_committee'" in capsys.readouterr().out


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["assess", "missing.yaml"], "no such file"),
        (["assess", str(QUANTUM), "--tree", "missing.yaml"], "no such file"),
        (["assess", str(QUANTUM), "--lists", "missing.yaml"], "no such file"),
        (["assess", str(SAMPLES / "institution_lists.yaml")], "KV100"),
    ],
)
def test_bad_input_exits_with_2(args: list[str], message: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(args) == 2
    err = capsys.readouterr().err
    assert err.startswith("kennisveiligheid: error:")
    assert message in err


def test_an_incomplete_case_exits_with_2(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    path = tmp_path / "case.yaml"
    path.write_text("answers: {formal_elements: [agreement], international: true}\n", encoding="utf-8")
    assert main(["assess", str(path), "--lang", "nl"]) == 2
    err = capsys.readouterr().err
    assert "KV101" in err
    assert "sanctielijst" in err


@pytest.mark.parametrize("command", ["assess", "ask"])
def test_help_documents_the_exit_codes(command: str, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main([command, "--help"])
    out = capsys.readouterr().out
    for line in (
        "0  go, or out of scope",
        "10  go with measures",
        "20  escalate",
        "30  postpone",
        "50  not permitted",
    ):
        assert line in out
    assert "40  export-control check" in out
    assert "2  bad input" in out


# ----------------------------------------------------------------------------------------------
# ask, in process (piped input)


def _ask(monkeypatch: pytest.MonkeyPatch, lines: list[str], *args: str) -> int:
    monkeypatch.chdir(tempfile.mkdtemp())  # a session that stops early saves a recovery file here
    monkeypatch.setattr(sys, "stdin", io.StringIO("".join(line + "\n" for line in lines)))
    return main(["ask", *args])


def test_ask_out_of_scope(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    assert _ask(monkeypatch, ["none"]) == 0
    out = capsys.readouterr().out
    assert "Out of scope" in out
    assert "based outside the Netherlands" not in out  # only the questions the path needs


def test_ask_understands_numbers_ids_labels_and_mistakes(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    lines = [
        "9",  # not an option
        "agreement, 3",  # an id and a number
        "u",  # not allowed here
        "ja",
        "yes please",  # not understood
        "1",  # on a sanctions list
    ]
    assert _ask(monkeypatch, lines, "--lang", "nl") == 50
    out = capsys.readouterr().out
    assert "Niet begrepen: '9'" in out
    assert "'onbekend' is hier niet mogelijk" in out
    assert "Niet begrepen: 'yes please'" in out
    assert "Niet toegestaan" in out


def test_ask_one_option_only_for_a_single_choice(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    lines = ["1", "yes", "no", "1 2", "measures in force, and the subject falls under them"]
    assert _ask(monkeypatch, lines) == 50
    assert "Choose one option only." in capsys.readouterr().out


def test_ask_with_lists_derives_the_list_questions(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    saved = tmp_path / "saved.yaml"
    lines = ["", "Riverton Holdings", "Q1", "xa"]  # empty name, then a bad country code
    lines += ["1", "no", "1", "none", "no", "none", "none", "none", "none", "1", "no", "none", "none"]
    lines += ["1", "1", "1"]
    code = _ask(monkeypatch, lines, "--lists", str(SAMPLES / "institution_lists.yaml"), "--save", str(saved))
    out = capsys.readouterr().out
    assert "An answer is needed." in out
    assert "Not an ISO 3166 country code" in out
    assert "Country on the institution's list = yes" in out
    assert code == 20  # the partner is on the sample watch list: escalate to the adviser
    assert "From the institution's lists:" in out
    asked = out.split("\nWhy:")[0]
    assert "based outside the Netherlands" not in asked  # derived from the country, not asked
    case = kv.load_case(saved)
    assert case.partner is not None
    assert case.partner.country == "XA"
    assert case.expected_outcome == "escalate_adviser"
    assert kv.assess(case, lists=SAMPLES / "institution_lists.yaml").outcome_id == "escalate_adviser"


def test_ask_end_of_input_exits_with_2(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    assert _ask(monkeypatch, ["1"]) == 2
    err = capsys.readouterr().err
    assert "input ended before a decision" in err


def test_ask_cannot_save_to_a_missing_directory(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    assert _ask(monkeypatch, ["0"], "--save", str(tmp_path / "no" / "such" / "case.yaml")) == 2
    assert "cannot save" in capsys.readouterr().err


# ----------------------------------------------------------------------------------------------
# ask, through a terminal (pty)


class Terminal:
    """A subprocess on a pseudo-terminal: wait for text, type lines, collect the exit code."""

    def __init__(self, args: list[str], env: dict[str, str]) -> None:
        self.master, slave = os.openpty()
        self.proc = subprocess.Popen(
            args, stdin=slave, stdout=slave, stderr=subprocess.PIPE, env=env, cwd=ROOT, close_fds=True
        )
        os.close(slave)
        self.output = ""
        self.position = 0

    def _read(self, timeout: float) -> bool:
        ready, _, _ = select.select([self.master], [], [], timeout)
        if not ready:
            return True
        try:
            data = os.read(self.master, 65536)
        except OSError:  # EIO: the child closed the terminal
            return False
        if not data:
            return False
        self.output += data.decode("utf-8", "replace")
        return True

    def expect(self, text: str, timeout: float = 30.0) -> None:
        deadline = time.monotonic() + timeout
        while text not in self.output[self.position :]:
            remaining = deadline - time.monotonic()
            if remaining <= 0 or not self._read(min(remaining, 1.0)):
                if text in self.output[self.position :]:
                    break
                raise AssertionError(f"waited for {text!r}; the terminal shows:\n{self.output[-3000:]}")
        self.position = self.output.index(text, self.position) + len(text)

    def answer(self, question: str, line: str) -> None:
        self.expect(question)
        self.expect("> ")
        self.type(line)

    def type(self, line: str) -> None:
        os.write(self.master, line.encode() + b"\n")

    def finish(self, timeout: float = 60.0) -> tuple[int, str]:
        deadline = time.monotonic() + timeout
        while self._read(0.5) and time.monotonic() < deadline:
            if self.proc.poll() is not None and not select.select([self.master], [], [], 0.1)[0]:
                break
        code = self.proc.wait(timeout=max(1.0, deadline - time.monotonic()))
        assert self.proc.stderr is not None
        err = self.proc.stderr.read().decode()
        self.proc.stderr.close()
        os.close(self.master)
        return code, err


def _env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k != "NO_COLOR"}
    env.update(TERM="xterm", PYTHONIOENCODING="utf-8", **extra)
    return env


ASK = [sys.executable, "-m", "kennisveiligheid", "ask"]


def test_ask_in_a_terminal_with_unknown_help_back_and_save(tmp_path: Path) -> None:
    saved = tmp_path / "saved.yaml"
    term = Terminal([*ASK, "--save", str(saved)], _env())
    term.answer("Which of these does", "1 2")
    term.answer("based outside the Netherlands", "yes")
    term.answer("sanctions list", "?")
    term.expect("EU Sanctions Map")
    term.expect("> ")
    term.type("2")
    term.answer("EU restrictive measures", "u")
    term.answer("dual-use list", "0")
    term.answer("basic scientific research", "b")
    term.expect("Back to the previous question.")
    term.answer("dual-use list", "none")
    term.answer("basic scientific research", "maybe")
    term.expect("Not understood: 'maybe'")
    term.expect("> ")
    term.type("no")
    term.answer("Are there signs", "0")
    term.answer("critical technology areas", "quantum")
    term.answer("kinds of sensitive knowledge", "0")
    term.answer("crown jewels", "no")
    term.answer("get access to", "1,3")
    term.answer("risk profile", "2")
    term.answer("own country list", "2")
    term.answer("ties to the military", "1")
    term.answer("own watch list", "u")
    term.answer("red flags", "0")
    term.answer("enables covert influence", "0")
    term.answer("human-rights violations", "1")
    term.answer("safety or the academic freedom", "1")
    term.answer("does not collaborate", "no")  # 1.1.0: the own-list policy question
    term.answer("ethical considerations", "1")
    term.expect("Escalate to the knowledge-security committee")
    term.expect("Saved the answers to")
    code, err = term.finish()
    assert code == 20, err
    assert ANSI in term.output  # a terminal, and NO_COLOR is not set
    case = kv.load_case(saved)
    assert case.expected_outcome == "escalate_committee"
    assert case.answers["country_restrictive_measures"] == "unknown"
    assert case.answers["partner_on_watch_list"] == "unknown"
    assert case.answers["partner_access"] == ["sensitive_labs", "unpublished_results"]
    assert kv.assess(case).outcome_id == "escalate_committee"
    assert main(["assess", str(saved)]) == 20


def test_ask_in_a_terminal_without_colour_when_no_color_is_set() -> None:
    term = Terminal(ASK, _env(NO_COLOR="1"))
    term.answer("Which of these does", "0")
    term.expect("Out of scope")
    code, _ = term.finish()
    assert code == 0
    assert ANSI not in term.output


def test_ask_in_a_terminal_ends_cleanly_at_end_of_input() -> None:
    term = Terminal(ASK, _env())
    term.expect("Which of these does")
    term.expect("> ")
    os.write(term.master, b"\x04")  # Ctrl-D
    code, err = term.finish()
    assert code == 2
    assert "kennisveiligheid: input ended before a decision; nothing was saved" in err
    assert "Traceback" not in err
