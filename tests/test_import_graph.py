"""No import loops: the module import graph of the three packages, read with :mod:`ast`.

Every import counts, also those inside functions (a lazy import that points back up is still a
loop in the design); only imports under ``if TYPE_CHECKING:`` are left out, as they never run.
Conveniences on the models reach the modules above them through :mod:`decision_trees._seam`.

Between packages the library layers are ``decision_trees`` ← ``kennisveiligheid`` ←
``partner_criteria``. The ``kennisveiligheid`` command line (``cli``, ``__main__``, ``commands``)
is the application on top of both: its ``partner`` and ``reviews`` commands use ``partner_criteria``.
"""

from __future__ import annotations

import ast
from collections.abc import Iterable, Mapping
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ("decision_trees", "kennisveiligheid", "partner_criteria")
APPLICATION = ("kennisveiligheid.cli", "kennisveiligheid.__main__", "kennisveiligheid.commands")
"""The command line: modules above every library package."""


def _module_name(path: Path, root: Path) -> str:
    parts = list(path.relative_to(root).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _type_checking_lines(tree: ast.AST) -> set[int]:
    lines: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and ast.unparse(node.test) in {"TYPE_CHECKING", "typing.TYPE_CHECKING"}:
            for inner in node.body:
                lines.update(range(inner.lineno, (inner.end_lineno or inner.lineno) + 1))
    return lines


def import_graph(root: Path = ROOT, packages: Iterable[str] = PACKAGES) -> dict[str, set[str]]:
    """Module → the modules of ``packages`` it imports (at any depth, TYPE_CHECKING left out)."""
    files = {_module_name(p, root): p for pkg in packages for p in sorted((root / pkg).rglob("*.py"))}
    graph: dict[str, set[str]] = {}
    for name, path in files.items():
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        skip = _type_checking_lines(tree)
        package = name if path.name == "__init__.py" else name.rpartition(".")[0]
        targets: set[str] = set()
        for node in ast.walk(tree):
            if getattr(node, "lineno", None) in skip:
                continue
            if isinstance(node, ast.Import):
                targets.update(alias.name for alias in node.names)
            elif isinstance(node, ast.ImportFrom):
                base = node.module or ""
                if node.level:
                    up = package.split(".")[: len(package.split(".")) - node.level + 1]
                    base = ".".join([*up, *([node.module] if node.module else [])])
                for alias in node.names:
                    targets.add(f"{base}.{alias.name}" if f"{base}.{alias.name}" in files else base)
        graph[name] = {t for t in targets if t in files and t != name}
    return graph


def cycles(graph: Mapping[str, set[str]]) -> list[list[str]]:
    """One concrete loop (``a → b → … → a``) per strongly connected component with a loop."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    components: list[set[str]] = []

    def visit(v: str) -> None:  # Tarjan; the graphs here are small and shallow
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        for w in sorted(graph.get(v, ())):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component: set[str] = set()
            while True:
                w = stack.pop()
                on_stack.discard(w)
                component.add(w)
                if w == v:
                    break
            if len(component) > 1:
                components.append(component)

    for v in sorted(graph):
        if v not in index:
            visit(v)
    return [_loop_in(graph, component) for component in components]


def _loop_in(graph: Mapping[str, set[str]], component: set[str]) -> list[str]:
    start = min(component)
    paths: dict[str, list[str]] = {start: [start]}
    queue = [start]
    while queue:  # breadth first, so the loop named is a shortest one through `start`
        v = queue.pop(0)
        for w in sorted(graph[v] & component):
            if w == start:
                return [*paths[v], start]
            if w not in paths:
                paths[w] = [*paths[v], w]
                queue.append(w)
    raise AssertionError("a strongly connected component without a loop")  # pragma: no cover


def _package_graph(graph: Mapping[str, set[str]]) -> dict[str, set[str]]:
    def package(module: str) -> str | None:
        if any(module == a or module.startswith(a + ".") for a in APPLICATION):
            return None
        return module.split(".")[0]

    packages: dict[str, set[str]] = {p: set() for p in PACKAGES}
    for module, targets in graph.items():
        source = package(module)
        if source is None:
            continue
        packages[source].update(t for t in map(package, targets) if t is not None and t != source)
    return packages


def _named(loops: list[list[str]]) -> list[str]:
    return [" → ".join(loop) for loop in loops]


def test_no_import_loops_between_modules() -> None:
    assert _named(cycles(import_graph())) == []


def test_library_packages_are_layered() -> None:
    packages = _package_graph(import_graph())
    assert _named(cycles(packages)) == []
    assert packages["decision_trees"] == set()
    assert packages["kennisveiligheid"] == {"decision_trees"}
    assert packages["partner_criteria"] == {"decision_trees", "kennisveiligheid"}


def test_the_seam_imports_nothing_at_run_time() -> None:
    assert import_graph()["decision_trees._seam"] == set()


@pytest.mark.parametrize(
    ("where", "line"),
    [("top", "from pkg.a import f\n"), ("lazy", "def g():\n    from pkg import a\n")],
)
def test_a_loop_is_found_and_named(tmp_path: Path, where: str, line: str) -> None:
    package = tmp_path / "pkg"
    package.mkdir()
    (package / "__init__.py").write_text("", encoding="utf-8")
    (package / "a.py").write_text("from pkg.b import g\n\ndef f(): ...\n", encoding="utf-8")
    (package / "b.py").write_text(line, encoding="utf-8")
    (package / "c.py").write_text(
        "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from pkg.a import f\n", encoding="utf-8"
    )
    graph = import_graph(tmp_path, ["pkg"])
    assert graph["pkg.c"] == set()
    assert _named(cycles(graph)) == ["pkg.a → pkg.b → pkg.a"]
