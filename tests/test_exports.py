"""The public surface: every exported name resolves, and plain imports stay light."""

from __future__ import annotations

import importlib
import json
import subprocess
import sys

import pytest

PACKAGES = ["decision_trees", "kennisveiligheid", "partner_criteria"]
HEAVY = ["graphviz", "hypothesis", "durable", "durable_rules", "rules"]


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
