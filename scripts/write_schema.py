"""Write docs/tree.schema.json from the model (a test checks that the committed file is current)."""

from __future__ import annotations

import json
from pathlib import Path

import decision_trees

TARGET = Path(__file__).resolve().parent.parent / "docs" / "tree.schema.json"


def main() -> None:
    text = json.dumps(decision_trees.json_schema(), indent=2, ensure_ascii=False, sort_keys=True)
    TARGET.write_text(text + "\n", encoding="utf-8")
    print(f"wrote {TARGET}")


if __name__ == "__main__":
    main()
