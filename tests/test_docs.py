"""The documentation: examples run, error codes are all explained, the site builds strictly."""

from __future__ import annotations

import importlib.util
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).parent.parent
DOCS = ROOT / "docs"
RUN_EXAMPLES_IN = [
    "getting-started.md",
    "verification.md",
    "testing.md",
    "rendering.md",
    "durable.md",
    "kennisveiligheid.md",
    "partners.md",
    "tables.md",
    "vocabulary.md",
]


# pages whose examples need an optional extra: (modules that must import, why the page is skipped)
NEEDS: dict[str, tuple[tuple[str, ...], str]] = {
    "durable.md": (
        ("durable", "durable_rules_engine"),
        "durable-rules is not installed (pip install 'kennisveiligheid[durable]'; it needs a C compiler)",
    ),
}


def python_blocks(page: Path) -> list[str]:
    return re.findall(r"```python\n(.*?)```", page.read_text(encoding="utf-8"), flags=re.S)


@pytest.mark.parametrize("name", RUN_EXAMPLES_IN)
def test_python_examples_in_the_docs_run(name: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    modules, reason = NEEDS.get(name, ((), ""))
    if any(importlib.util.find_spec(module) is None for module in modules):
        pytest.skip(reason)
    page = DOCS / name
    blocks = python_blocks(page)
    assert blocks, f"{name} has no python example"
    monkeypatch.chdir(ROOT)
    namespace: dict[str, object] = {"__name__": f"docs_{page.stem}"}
    for block in blocks:  # blocks of one page share a namespace, as a reader would run them
        exec(compile(block, str(page), "exec"), namespace)  # noqa: S102 - our own documentation


def test_every_error_code_in_the_code_is_explained() -> None:
    used: set[str] = set()
    for package in ("decision_trees", "kennisveiligheid", "partner_criteria"):
        for path in (ROOT / package).rglob("*.py"):
            used |= set(re.findall(r'"((?:DT|KV|PC|V|T)\d{3})"', path.read_text(encoding="utf-8")))
    page = (DOCS / "errors.md").read_text(encoding="utf-8")
    documented = set(re.findall(r"\|\s*((?:DT|KV|PC|V|T)\d{3})\s*\|", page))
    assert used - documented == set()


@pytest.mark.slow
def test_the_documentation_site_builds_strictly(tmp_path: Path) -> None:
    mkdocs = shutil.which("mkdocs", path=str(Path(sys.executable).parent)) or shutil.which("mkdocs")
    if mkdocs is None:
        pytest.fail("mkdocs is not installed: install the 'docs' extra (pip install -e '.[dev]')")
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    result = subprocess.run(
        [mkdocs, "build", "--strict", "--site-dir", str(tmp_path / "site")],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env=env,
        timeout=600,
    )
    assert result.returncode == 0, result.stderr[-3000:]
