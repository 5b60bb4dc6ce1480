"""Other engines that evaluate decision trees. Each backend lives in its own module and imports its
engine lazily: ``decision_trees.backends.durable`` runs trees inside durable-rules."""

from __future__ import annotations

__all__: list[str] = []
