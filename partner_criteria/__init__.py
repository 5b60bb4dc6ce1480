"""partner_criteria: strategic-partner criteria and review cycle, built on decision_trees."""

from __future__ import annotations

__all__: list[str] = []
