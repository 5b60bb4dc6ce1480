"""Lazy package faces (PEP 562): a package's public names are imported on first use.

Kept free of imports (not even :mod:`typing` at run time), so that importing a package face costs
almost nothing; used by every package face, through :mod:`decision_trees.support` in the domain
packages.
"""

from __future__ import annotations

TYPE_CHECKING = False  # as typing.TYPE_CHECKING (mypy reads the name), without importing typing

if TYPE_CHECKING:
    from collections.abc import Callable, Collection, Mapping, MutableMapping
    from typing import Any

__all__ = ["keep_functions", "lazy_face"]


def lazy_face(
    package: str, lazy: Mapping[str, str], namespace: MutableMapping[str, Any]
) -> tuple[Callable[[str], Any], Callable[[], list[str]]]:
    """The ``__getattr__`` and ``__dir__`` of a package whose names ``lazy`` maps to the modules
    that define them: a name is imported on first use and kept in the package's ``namespace``."""

    def __getattr__(name: str) -> Any:
        module = lazy.get(name)
        if module is None:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        import importlib

        value = getattr(importlib.import_module(module), name)
        namespace[name] = value
        return value

    def __dir__() -> list[str]:
        return sorted(set(namespace) | set(namespace.get("__all__", ())))

    return __getattr__, __dir__


def keep_functions(package: str, names: Collection[str]) -> None:
    """Keep the package's public functions ``names`` that share their name with one of its modules
    (``kennisveiligheid.vocabulary``): importing that module must not replace the function on the
    package, as the import system would by binding a loaded submodule to its package."""
    import sys
    import types

    class _Face(types.ModuleType):
        def __setattr__(self, name: str, value: Any) -> None:
            if name in names and isinstance(value, types.ModuleType):
                return
            super().__setattr__(name, value)

    sys.modules[package].__class__ = _Face
