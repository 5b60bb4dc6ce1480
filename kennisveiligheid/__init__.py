"""kennisveiligheid: the reference knowledge-security decision tree, built on decision_trees."""

from __future__ import annotations

__all__: list[str] = []
