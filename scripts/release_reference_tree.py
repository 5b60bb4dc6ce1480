"""Keep the current reference tree as a release: ``kennisveiligheid/data/releases/<version>.yaml``,
and list it by content hash in ``index.yaml``. Run it whenever the reference tree's version changes
(a test fails until the current tree is kept), so that archived decisions can be re-checked against
the tree they were made with.

    .venv/bin/python scripts/release_reference_tree.py
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import yaml

import decision_trees

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "kennisveiligheid" / "data"
RELEASES = DATA / "releases"


def main() -> int:
    """Copy the reference tree into the releases and rewrite the index; 1 if a version would change."""
    tree = decision_trees.load(DATA / "reference_tree.yaml")
    RELEASES.mkdir(exist_ok=True)
    target = RELEASES / f"{tree.version}.yaml"
    if target.exists() and decision_trees.load(target).content_hash != tree.content_hash:
        print(
            f"{target} holds another tree with version {tree.version}: raise the version first",
            file=sys.stderr,
        )
        return 1
    shutil.copyfile(DATA / "reference_tree.yaml", target)
    index = {}
    for path in sorted(RELEASES.glob("*.yaml")):
        if path.name != "index.yaml":
            released = decision_trees.load(path)
            index[released.content_hash] = {"version": released.version, "file": path.name}
    header = (
        "# Released versions of the reference tree by content hash (scripts/release_reference_tree.py).\n"
    )
    (RELEASES / "index.yaml").write_text(header + yaml.safe_dump(index, sort_keys=True), encoding="utf-8")
    print(f"kept {tree.id} {tree.version} ({tree.content_hash})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
