"""``kennisveiligheid render``: formats, cases, path only, languages, and clear errors."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import pytest
from test_rendering_support import DOT, NO_DOT, RICH_TREE, rich_decision, rich_tree

import kennisveiligheid
from decision_trees import Tree
from decision_trees.rendering import to_dot, to_mermaid
from kennisveiligheid import _commandline
from kennisveiligheid.cli import main

needs_dot = pytest.mark.skipif(DOT is None, reason=NO_DOT)


@pytest.fixture
def tree_file(tmp_path: Path) -> Path:
    path = tmp_path / "rich.yaml"
    path.write_text(RICH_TREE, encoding="utf-8")
    return path


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def run(capsysbinary: pytest.CaptureFixture[bytes], *argv: str) -> tuple[int, bytes, str]:
    code = main(["render", *argv])
    out, err = capsysbinary.readouterr()
    return code, out, err.decode()


def test_dot_of_a_tree_file(tree_file: Path, capsysbinary: pytest.CaptureFixture[bytes]) -> None:
    code, out, _ = run(capsysbinary, str(tree_file), "--format", "dot")
    assert code == 0
    assert out.decode() == to_dot(rich_tree())


def test_mermaid_of_a_case_path_in_dutch(
    tree_file: Path, tmp_path: Path, capsysbinary: pytest.CaptureFixture[bytes]
) -> None:
    case = write(tmp_path, "case.yaml", "answers: {formal: false}\n")
    code, out, _ = run(
        capsysbinary,
        str(tree_file),
        "--case",
        str(case),
        "--format",
        "mermaid",
        "--lang",
        "nl",
        "--path-only",
    )
    assert code == 0
    tree = rich_tree()
    expected = to_mermaid(tree, rich_decision(tree, formal=False), lang="nl", neighbourhood=1)
    assert out.decode() == expected


def test_answers_at_the_top_level_and_sources_as_footnotes(
    tree_file: Path, tmp_path: Path, capsysbinary: pytest.CaptureFixture[bytes]
) -> None:
    case = write(tmp_path, "case.yaml", "formal: true\nareas: [ai]\nrisk: unknown\nbudget: 5\n")
    code, out, _ = run(capsysbinary, str(tree_file), "--case", str(case), "--format", "dot")
    assert code == 0
    tree = rich_tree()
    assert out.decode() == to_dot(tree, rich_decision(tree, risk="unknown", budget=5))
    code, out, _ = run(capsysbinary, str(tree_file), "--format", "dot", "--sources", "footnotes")
    assert out.decode() == to_dot(rich_tree(), sources="footnotes")
    code, out, _ = run(capsysbinary, str(tree_file), "--format", "dot", "--sources", "none")
    assert out.decode() == to_dot(rich_tree(), sources=None)


@needs_dot
@pytest.mark.parametrize(
    ("name", "args", "magic"),
    [
        ("tree.svg", [], b"<?xml"),
        ("tree.png", [], b"\x89PNG"),
        ("tree.pdf", [], b"%PDF"),
        ("tree.out", [], b"<?xml"),  # unknown suffix: svg
        ("tree.png", ["--format", "pdf"], b"%PDF"),  # --format wins over the suffix
        ("tree.dot", [], b"digraph {"),
        ("tree.mmd", [], b"flowchart TD"),
    ],
)
def test_output_file_format_from_suffix_or_option(
    name: str,
    args: list[str],
    magic: bytes,
    tree_file: Path,
    tmp_path: Path,
    capsysbinary: pytest.CaptureFixture[bytes],
) -> None:
    target = tmp_path / name
    code, out, _ = run(capsysbinary, str(tree_file), "-o", str(target), *args)
    assert code == 0
    assert out == b""
    assert target.read_bytes().startswith(magic)


@needs_dot
def test_svg_to_standard_output_by_default(
    tree_file: Path, capsysbinary: pytest.CaptureFixture[bytes]
) -> None:
    code, out, _ = run(capsysbinary, str(tree_file))
    assert code == 0
    assert out.startswith(b"<?xml")


def test_binary_output_is_not_written_to_a_terminal(
    tree_file: Path, capsysbinary: pytest.CaptureFixture[bytes], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sys.stdout, "isatty", lambda: True)
    code, out, err = run(capsysbinary, str(tree_file), "--format", "png")
    assert code == 2
    assert out == b""
    assert "-o FILE" in err


def test_missing_dot_program_is_reported_with_the_install_command(
    tree_file: Path, capsysbinary: pytest.CaptureFixture[bytes], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("shutil.which", lambda name: None)
    code, out, err = run(capsysbinary, str(tree_file), "--format", "svg")
    assert code == 2
    assert out == b""
    assert "apt-get install graphviz" in err
    code, out, _ = run(capsysbinary, str(tree_file), "--format", "dot")  # DOT text needs no program
    assert code == 0


@pytest.mark.parametrize(
    ("args", "case_text", "message"),
    [
        (["nope.yaml"], None, "no tree file 'nope.yaml'"),
        (["{TREE}", "--path-only"], None, "--path-only needs --case"),
        (["{TREE}", "--case", "missing.yaml"], None, "no case file"),
        (["{TREE}", "--case", "{CASE}"], "formal: maybe\n", "input 'formal'"),
        (["{TREE}", "--case", "{CASE}"], "formal: [unclosed\n", "while parsing"),
        (["{TREE}", "--case", "{CASE}"], "- just\n- a list\n", "mapping"),
        (["{TREE}", "--case", "{CASE}"], "formal: true\n", "needs an answer for input 'areas'"),
    ],
)
def test_errors_exit_with_2_and_say_what_is_wrong(
    args: list[str],
    case_text: str | None,
    message: str,
    tree_file: Path,
    tmp_path: Path,
    capsysbinary: pytest.CaptureFixture[bytes],
) -> None:
    case = write(tmp_path, "case.yaml", case_text) if case_text is not None else tmp_path / "missing.yaml"
    argv = [a.replace("{TREE}", str(tree_file)).replace("{CASE}", str(case)) for a in args]
    code, out, err = run(capsysbinary, *argv, "--format", "dot")
    assert code == 2
    assert out == b""
    assert message in err


def test_a_bad_tree_file_is_a_load_error(tmp_path: Path, capsysbinary: pytest.CaptureFixture[bytes]) -> None:
    bad = write(tmp_path, "bad.yaml", "id: x\nversion: '1'\n")
    code, _, err = run(capsysbinary, str(bad), "--format", "dot")
    assert code == 2
    assert "problem" in err


def test_reference_tree_and_kennisveiligheid_cases(
    tmp_path: Path, capsysbinary: pytest.CaptureFixture[bytes], monkeypatch: pytest.MonkeyPatch
) -> None:
    tree = rich_tree()
    seen: list[Any] = []

    def load_case(path: Path) -> dict[str, Any]:
        seen.append(path)
        return {"formal": True, "areas": ["quantum"], "risk": "high", "budget": 1}

    def assess(case: dict[str, Any], tree: Tree) -> Any:
        return tree.evaluate(tree.parse_answers(case))

    monkeypatch.setattr(_commandline, "reference_tree", lambda: tree)
    monkeypatch.setattr(kennisveiligheid, "load_case", load_case, raising=False)
    monkeypatch.setattr(kennisveiligheid, "assess", assess, raising=False)
    case = write(tmp_path, "case.yaml", "partner: {name: Example University}\n")
    code, out, _ = run(capsysbinary, "reference", "--case", str(case), "--format", "dot")
    assert code == 0
    assert seen == [case]
    assert out.decode() == to_dot(tree, rich_decision(tree, areas=["quantum"], risk="high", budget=1))


EXAMPLES = sorted((Path(__file__).parent.parent / "examples").glob("*.yaml"))


@pytest.mark.skipif(not EXAMPLES, reason="no example cases in examples/")
def test_reference_tree_with_a_shipped_example_case(capsysbinary: pytest.CaptureFixture[bytes]) -> None:
    case = EXAMPLES[0]
    code, out, err = run(capsysbinary, "reference", "--case", str(case), "--format", "dot", "--path-only")
    assert code == 0, err
    decision = kennisveiligheid.assess(
        kennisveiligheid.load_case(case), tree=kennisveiligheid.reference_tree()
    )
    assert out.decode() == to_dot(decision, neighbourhood=1)
    assert out.decode().count('class="outcome path') == 1
