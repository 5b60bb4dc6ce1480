"""Writing files so that nothing is lost: atomically, and never over one of the command's inputs.

:func:`write_atomic` writes to a temporary file in the target's folder, flushes it to disk and
renames it over the target (``os.replace``): a failure, a full disk or Ctrl-C leaves the old file
as it was. A target that is one of ``inputs`` (the same file, by any path or link) is refused.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from decision_trees.errors import DecisionTreeError

if TYPE_CHECKING:
    from decision_trees.model import Lang

__all__ = ["OutputError", "same_file", "write_atomic"]


class OutputError(DecisionTreeError, OSError):
    """A file cannot be written (``DT170``), or would replace one of the inputs (``DT171``)."""

    code = "DT170"

    def __init__(self, path: str, message: str, code: str = "DT170") -> None:
        self.path = path
        self.code = code
        super().__init__(f"{path}: [{code}] {message}")

    @classmethod
    def of(cls, path: str, key: str, **facts: object) -> OutputError:
        """The error with its message from the catalogue (``key``, e.g. ``"DT171.input"``)."""
        from decision_trees.words import error_text

        error = cls(path, error_text(key, "en", facts), key.split(".", 1)[0])
        error._keep(key, **facts)
        return error

    def render(self, lang: Lang = "en") -> str:
        if lang == "en":
            return str(self)
        from decision_trees.words import error_text

        return f"{self.path}: [{self.code}] " + error_text(self.key or self.code, lang, dict(self.facts))

    def __str__(self) -> str:
        return str(self.args[0])


def same_file(a: str | os.PathLike[str], b: str | os.PathLike[str]) -> bool:
    """Whether ``a`` and ``b`` name the same file (through links too); ``"-"`` is no file."""
    if os.fspath(a) == "-" or os.fspath(b) == "-":
        return False
    try:
        return os.path.samefile(a, b)
    except OSError:  # one of them does not exist (yet)
        return Path(a).resolve() == Path(b).resolve()


def write_atomic(
    path: str | os.PathLike[str],
    data: bytes | str,
    *,
    inputs: Iterable[str | os.PathLike[str] | None] = (),
) -> None:
    """Write ``data`` (text is written as UTF-8) to ``path`` atomically.

    Raises :class:`OutputError`: ``DT171`` when ``path`` is one of ``inputs``, ``DT170`` when the
    file cannot be written (the old file, if any, is left intact).
    """
    name = os.fspath(path)
    for source in inputs:
        if source is not None and same_file(name, source):
            raise OutputError.of(name, "DT171.input")
    raw = data.encode("utf-8") if isinstance(data, str) else data
    target = Path(name)
    folder = target.parent
    temporary: str | None = None
    try:
        if target.is_dir():
            raise IsADirectoryError(21, "Is a directory")
        handle, temporary = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=folder)
        with os.fdopen(handle, "wb") as out:
            out.write(raw)
            out.flush()
            os.fsync(out.fileno())
        try:
            mode = target.stat().st_mode & 0o7777
        except OSError:
            umask = os.umask(0)
            os.umask(umask)
            mode = 0o666 & ~umask
        os.chmod(temporary, mode)
        os.replace(temporary, target)
        temporary = None
    except OSError as exc:
        raise OutputError.of(name, "DT170.write", reason=exc.strerror or str(exc)) from None
    finally:
        if temporary is not None:
            with contextlib.suppress(OSError):
                os.unlink(temporary)
