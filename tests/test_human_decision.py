"""A recorded human decision: complete by construction, and what it says about permitted/desirable."""

from __future__ import annotations

import datetime as dt

import pytest
from pydantic import ValidationError

from kennisveiligheid import HumanDecision, Verdict

ON = dt.date(2026, 11, 30)


def _decision(verdict: str, **extra: object) -> HumanDecision:
    return HumanDecision.model_validate(
        {"verdict": verdict, "decided_by": "committee", "decided_on": ON, "reasons": "gewogen", **extra}
    )


@pytest.mark.parametrize(
    ("verdict", "extra", "desirable", "permitted", "blocks", "pending"),
    [
        ("go", {}, True, None, False, False),
        ("go_with_measures", {"measures": ["exit clause"]}, True, None, False, False),
        ("postpone", {"missing": ["ownership"]}, None, None, False, True),
        ("no_go_not_permitted", {}, None, False, True, False),
        ("no_go_not_desirable", {}, False, None, True, False),
    ],
)
def test_what_a_verdict_says(
    verdict: str,
    extra: dict[str, object],
    desirable: bool | None,
    permitted: bool | None,
    blocks: bool,
    pending: bool,
) -> None:
    decision = _decision(verdict, **extra)
    assert decision.verdict is Verdict(verdict)
    assert (decision.desirable, decision.permitted, decision.blocks, decision.pending) == (
        desirable,
        permitted,
        blocks,
        pending,
    )
    assert decision.verdict_text("nl") != decision.verdict_text("en")


@pytest.mark.parametrize(
    ("verdict", "extra", "message"),
    [
        ("go_with_measures", {}, "names its measures"),
        ("postpone", {}, "names what is missing"),
        ("go", {"measures": ["x"]}, "'measures' belong"),
        ("go", {"missing": ["x"]}, "'missing' belongs"),
        ("go", {"reasons": ""}, "reasons"),
        ("maybe", {}, "verdict"),
    ],
)
def test_an_incomplete_decision_is_refused(verdict: str, extra: dict[str, object], message: str) -> None:
    with pytest.raises(ValidationError, match=message):
        _decision(verdict, **extra)
