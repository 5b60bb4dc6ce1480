"""Reading partner and register files: YAML with YAML 1.2 booleans, size-limited."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import yaml

from partner_criteria.errors import PartnerFileError

__all__ = ["MAX_BYTES", "read_text", "read_yaml"]

MAX_BYTES = 64 * 1024 * 1024
_BOOL = "tag:yaml.org,2002:bool"


_Base: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # the C parser when built


class _Loader(_Base):  # type: ignore[valid-type,misc]
    """A safe loader with YAML 1.2 booleans: ``yes``, ``no``, ``on``, ``off`` stay text (``NO`` is Norway)."""


_Loader.yaml_implicit_resolvers = {
    first: [(tag, regex) for tag, regex in resolvers if tag != _BOOL]
    for first, resolvers in _Base.yaml_implicit_resolvers.items()
}
_Loader.add_implicit_resolver(_BOOL, re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF"))


def read_text(path: Path) -> str:
    """The text of ``path``, or :class:`PartnerFileError` when it is missing, too large or not UTF-8."""
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise PartnerFileError(str(path), [f"the file is larger than {MAX_BYTES} bytes"])
        return path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise PartnerFileError(str(path), ["no such file"]) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise PartnerFileError(str(path), [f"cannot read the file: {exc}"]) from None


def read_yaml(path: Path) -> Any:
    """The data in a YAML (or JSON) file."""
    text = read_text(path)
    try:
        return yaml.load(text, Loader=_Loader)  # noqa: S506 - _Loader is a safe loader
    except yaml.YAMLError as exc:
        raise PartnerFileError(str(path), [f"not valid YAML: {exc}"]) from None
