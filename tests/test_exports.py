"""The public surface: every exported name resolves, and plain imports stay light."""

from __future__ import annotations

import importlib
import json
import subprocess
import sys
from pathlib import Path

import pytest

PACKAGES = ["decision_trees", "kennisveiligheid", "partner_criteria"]
HEAVY = ["graphviz", "hypothesis", "durable", "durable_rules", "rules", "networkx"]


@pytest.mark.parametrize("package", PACKAGES)
def test_every_exported_name_resolves(package: str) -> None:
    module = importlib.import_module(package)
    for name in module.__all__:
        assert getattr(module, name) is not None, name


@pytest.mark.parametrize("package", PACKAGES)
def test_a_plain_import_does_not_load_heavy_packages(package: str) -> None:
    code = (
        f"import sys, json; import {package}; "
        f"print(json.dumps(sorted(m for m in {HEAVY!r} if m in sys.modules)))"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert json.loads(result.stdout) == []


def test_loading_deciding_and_the_assess_command_stay_light() -> None:
    """networkx (and the other heavy parts) stay off the load and evaluate path, and the command
    line imports only the module of the command that runs."""
    code = (
        "import sys, io, json, contextlib; import kennisveiligheid; from kennisveiligheid import cli; "
        "kennisveiligheid.reference_tree(); "
        "out = io.StringIO(); ctx = contextlib.redirect_stdout(out); ctx.__enter__(); "
        "cli.main(['assess', 'examples/quantum-sensing-defence.yaml']); ctx.__exit__(None, None, None); "
        "loaded = sorted(m for m in sys.modules if m.split('.')[0] in " + repr(HEAVY) + "); "
        "commands = sorted(m for m in sys.modules if m.startswith('kennisveiligheid.commands.')); "
        "print(json.dumps([loaded, commands]))"
    )
    root = Path(__file__).resolve().parent.parent
    command = [sys.executable, "-c", code]
    result = subprocess.run(command, capture_output=True, text=True, check=True, cwd=root)
    assert json.loads(result.stdout.splitlines()[-1]) == [[], ["kennisveiligheid.commands.assess"]]


def test_unknown_attributes_raise_attribute_error() -> None:
    import decision_trees

    with pytest.raises(AttributeError, match="no attribute 'nonexistent'"):
        decision_trees.nonexistent  # noqa: B018


def test_errors_have_one_root_and_natural_builtins() -> None:
    import decision_trees as dt

    assert issubclass(dt.TreeLoadError, dt.DecisionTreeError)
    assert issubclass(dt.TreeLoadError, ValueError)
    assert issubclass(dt.MissingAnswerError, LookupError)
    assert issubclass(dt.InvalidAnswerError, ValueError)
    assert issubclass(dt.MissingDependencyError, ImportError)
    codes = [
        cls.code
        for cls in (
            dt.TreeLoadError,
            dt.MissingAnswerError,
            dt.InvalidAnswerError,
            dt.NoBranchMatchedError,
            dt.DecisionMismatchError,
        )
    ]
    assert len(set(codes)) == len(codes)
