"""The command-line frame: every command module registers, and errors become exit code 2."""

from __future__ import annotations

import pkgutil
import subprocess
import sys

import pytest

from kennisveiligheid import cli, commands


def command_names() -> list[str]:
    return sorted(m.name for m in pkgutil.iter_modules(commands.__path__) if not m.name.startswith("_"))


def test_every_command_module_registers_a_runnable_command() -> None:
    parser = cli.build_parser()
    subparsers = next(a for a in parser._actions if a.dest == "command")
    choices = subparsers.choices
    assert isinstance(choices, dict)
    assert sorted(choices) == command_names()
    for name, sub in choices.items():
        assert callable(sub.get_default("func")), name


def test_help_names_every_command() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "kennisveiligheid", "--help"], capture_output=True, text=True, check=True
    )
    for name in command_names():
        assert name in result.stdout


def test_no_command_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as caught:
        cli.main([])
    assert caught.value.code == 2
    assert "COMMAND" in capsys.readouterr().err


def test_library_errors_become_exit_code_two(capsys: pytest.CaptureFixture[str], tmp_path: object) -> None:
    assert cli.main(["assess", "/nonexistent/case.yaml"]) == cli.EXIT_BAD_INPUT
    assert "error" in capsys.readouterr().err.lower()
