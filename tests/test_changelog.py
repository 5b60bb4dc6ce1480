"""The behaviour changes of reference tree 1.1.0 listed in CHANGELOG.md, each example evaluated
with the kept 1.0.0 release and the current tree."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

import decision_trees
import kennisveiligheid as kv
from decision_trees import InvalidAnswerError, MissingAnswerError

ROOT = Path(__file__).resolve().parent.parent
OLD = decision_trees.load(ROOT / "kennisveiligheid" / "data" / "releases" / "1.0.0.yaml")
NEW = kv.reference_tree()
BASE: dict[str, Any] = {
    "formal_elements": ["agreement"],
    "international": True,
    "sanctions_listed": False,
    "country_restrictive_measures": "none",
    "dual_use_items": [],
    "transfer_outside_exemptions": False,
    "end_use_signs": [],
    "technology_areas": [],
    "sensitive_other": [],
    "crown_jewel": False,
    "partner_access": [],
    "country_risk": "no_concerns",
    "country_on_institution_list": False,
    "military_security_ties": False,
    "partner_on_watch_list": False,
    "due_diligence_red_flags": [],
    "restrictive_terms": [],
    "human_rights_risk": "none",
    "safety_risk": "none",
    "institution_ethics": "none",
    "institution_no_collaboration": False,
}
LISTED = {"dual_use_items": ["cat3"], "transfer_outside_exemptions": True, "export_authorisation": "pending"}


def _outcome(tree: decision_trees.Tree, changes: dict[str, Any]) -> str:
    case = {k: v for k, v in {**BASE, **changes}.items() if k in tree.inputs}
    try:
        return tree.evaluate(tree.parse_answers(case)).outcome_id
    except MissingAnswerError as missing:
        return f"missing {missing.input}"
    except InvalidAnswerError:
        return "invalid"


@pytest.mark.parametrize(
    ("row", "changes", "before", "after"),
    [
        (
            1,
            {**LISTED, "transfer_destination": "inside_eu", "annex_iv_items": False},
            "export_control_check",
            "go_with_measures",
        ),
        (2, {**LISTED, "transfer_destination": "outside_eu"}, "export_control_check", "export_control_check"),
        (
            2,
            {**LISTED, "transfer_destination": "inside_eu", "annex_iv_items": True},
            "export_control_check",
            "export_control_check",
        ),
        (3, {**LISTED, "dual_use_items": ["military"]}, "export_control_check", "export_control_check"),
        (
            4,
            {"country_on_institution_list": True, "institution_no_collaboration": True},
            "go_with_measures",
            "not_desirable",
        ),
        (5, {"institution_ethics": "not_desirable"}, "invalid", "not_desirable"),
        (6, {"institution_no_collaboration": "unknown"}, "go", "postpone"),
        (7, {**LISTED, "dual_use_items": ["cat7"]}, "export_control_check", "missing transfer_destination"),
    ],
)
def test_each_listed_behaviour_change(row: int, changes: dict[str, Any], before: str, after: str) -> None:
    assert (_outcome(OLD, changes), _outcome(NEW, changes)) == (before, after), row


def test_the_old_release_is_kept_verbatim() -> None:
    assert OLD.version == "1.0.0"
    assert NEW.version == "1.1.1"
    assert "not_desirable" in NEW.outcomes
    assert "not_desirable" not in OLD.outcomes
    assert "| 7 |" in (ROOT / "CHANGELOG.md").read_text(encoding="utf-8")


def test_1_1_1_changes_only_dutch_words() -> None:
    """1.1.1 gave the sources their Dutch titles and notes and reworded some Dutch texts: the
    structure and every English text are 1.1.0's, so every case decides as before."""
    kept = decision_trees.load(ROOT / "kennisveiligheid" / "data" / "releases" / "1.1.0.yaml")

    def without_dutch(value: Any) -> Any:
        if isinstance(value, dict):
            return {
                k: without_dutch(v) for k, v in value.items() if k not in ("nl", "translations", "version")
            }
        if isinstance(value, list):
            return [without_dutch(v) for v in value]
        return value

    assert without_dutch(kept.to_dict()) == without_dutch(NEW.to_dict())
    assert kept.content_hash != NEW.content_hash
    assert all(NEW.sources[s].translations.get("nl") for s in NEW.sources)
