"""The review cycle: due dates around year ends, leap days and missing history, checked against an
independent day-by-day oracle written here."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import partner_criteria as pc
import partner_criteria.reviews as reviews
from partner_criteria.reviews import ReviewKind, ReviewPolicy, state_of

ONE_DAY = dt.timedelta(days=1)

# Dates that crowd the edges: leap days, year ends and month ends, plus anything in between.
edge_days = st.sampled_from(
    [
        dt.date(2024, 2, 29),
        dt.date(2028, 2, 29),
        dt.date(2000, 2, 29),
        dt.date(2023, 12, 31),
        dt.date(2024, 12, 31),
        dt.date(2025, 1, 1),
        dt.date(2024, 1, 1),
        dt.date(2025, 2, 28),
        dt.date(2024, 2, 28),
        dt.date(2024, 3, 1),
        dt.date(2099, 12, 31),
    ]
)
days = st.one_of(edge_days, st.dates(min_value=dt.date(1999, 1, 1), max_value=dt.date(2099, 12, 31)))


# -- the oracle: only steps one day at a time ---------------------------------------------------


def oracle_add_years(start: dt.date, years: int) -> dt.date:
    """Counting forward from ``start``: the last day in the target year not past the anniversary."""
    target = start.year + years
    day, found = start, start
    while True:
        day += ONE_DAY
        if day.year > target or (day.year == target and (day.month, day.day) > (start.month, start.day)):
            return found
        if day.year == target:
            found = day


def oracle_days_back(end: dt.date, n: int) -> dt.date:
    day = end
    for _ in range(n):
        day -= ONE_DAY
    return day


def oracle_state(due: dt.date | None, on: dt.date, soon: int, done: bool = False) -> str:
    if due is None:
        return "not_applicable"
    if done:
        return "done"
    day = on
    for _ in range(soon + 1):  # on, on + 1, …, on + soon
        if day == due:
            return "due"
        day += ONE_DAY
    return "overdue" if due < on else "upcoming"


def oracle_schedule(
    start: dt.date | None,
    end: dt.date | None,
    last_m: dt.date | None,
    last_e: dt.date | None,
    last_ks: dt.date | None,
    on: dt.date,
    policy: ReviewPolicy,
) -> dict[ReviewKind, tuple[dt.date | None, str]]:
    out: dict[ReviewKind, tuple[dt.date | None, str]] = {}
    base = last_m or start
    due = oracle_add_years(base, policy.monitoring_years) if base else None
    out["monitoring"] = (due, oracle_state(due, on, policy.due_soon_days))
    base = last_e or start
    due = oracle_add_years(base, policy.evaluation_years) if base else None
    out["evaluation"] = (due, oracle_state(due, on, policy.due_soon_days))
    if end is None:
        out["knowledge_security"] = (None, "not_applicable")
    else:
        due = oracle_days_back(end, policy.ks_lead_days)
        opens = oracle_days_back(end, policy.ks_window_days)
        done = last_ks is not None and not last_ks < opens
        out["knowledge_security"] = (due, oracle_state(due, on, policy.due_soon_days, done))
    return out


# -- add_years -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("start", "years", "expected"),
    [
        (dt.date(2024, 2, 29), 1, dt.date(2025, 2, 28)),
        (dt.date(2024, 2, 29), 2, dt.date(2026, 2, 28)),
        (dt.date(2024, 2, 29), 4, dt.date(2028, 2, 29)),
        (dt.date(2096, 2, 29), 4, dt.date(2100, 2, 28)),  # 2100 is not a leap year
        (dt.date(1996, 2, 29), 4, dt.date(2000, 2, 29)),  # 2000 is
        (dt.date(2024, 12, 31), 1, dt.date(2025, 12, 31)),
        (dt.date(2025, 1, 1), 2, dt.date(2027, 1, 1)),
        (dt.date(2025, 2, 28), 1, dt.date(2026, 2, 28)),
        (dt.date(2023, 3, 1), 1, dt.date(2024, 3, 1)),
    ],
)
def test_add_years_examples(start: dt.date, years: int, expected: dt.date) -> None:
    assert pc.add_years(start, years) == expected
    assert oracle_add_years(start, years) == expected


@settings(max_examples=200, deadline=None)
@given(start=days, years=st.integers(min_value=1, max_value=3))
def test_add_years_matches_the_oracle(start: dt.date, years: int) -> None:
    assert pc.add_years(start, years) == oracle_add_years(start, years)


# -- schedules ---------------------------------------------------------------------------------


@st.composite
def histories(draw: st.DrawFn) -> dict[str, Any]:
    start = draw(st.one_of(st.none(), days))
    after = (lambda d: st.dates(min_value=d, max_value=d + dt.timedelta(days=1500))) if start else None
    last_m = draw(st.one_of(st.none(), after(start))) if after and start else None
    last_e = draw(st.one_of(st.none(), after(start))) if after and start else None
    end = (
        draw(st.one_of(st.none(), days))
        if start is None
        else draw(
            st.one_of(
                st.none(), st.dates(min_value=start + ONE_DAY, max_value=start + dt.timedelta(days=3000))
            )
        )
    )
    last_ks = draw(st.one_of(st.none(), days))
    on = draw(st.one_of(days, st.dates(min_value=dt.date(2020, 1, 1), max_value=dt.date(2030, 12, 31))))
    return {"start": start, "end": end, "last_m": last_m, "last_e": last_e, "last_ks": last_ks, "on": on}


policies = st.builds(
    ReviewPolicy,
    monitoring_years=st.just(1),
    evaluation_years=st.just(2),
    ks_lead_days=st.integers(min_value=0, max_value=180),
    ks_window_days=st.integers(min_value=180, max_value=400),
    due_soon_days=st.integers(min_value=0, max_value=90),
)


def make_partner(h: dict[str, Any]) -> pc.Partner:
    data: dict[str, Any] = {
        "id": "p",
        "name": "Example",
        "country": "XB",
        "city": "Harbourside",
        "type": "university",
        "partnership": {"category": "strategic", "start": h["start"], "agreement_end": h["end"]},
        "history": {
            "last_monitoring": h["last_m"],
            "last_evaluation": h["last_e"],
            # the strategy team's yearly evaluation (issue 13) is recorded with the monitoring here
            "last_strategy_review": h.get("last_s", h["last_m"]),
            "last_knowledge_security": h["last_ks"],
        },
    }
    return pc.parse_partner(data)


@settings(max_examples=300, deadline=None)
@given(h=histories(), policy=st.one_of(st.just(pc.DEFAULT_POLICY), policies))
def test_schedule_matches_the_oracle(h: dict[str, Any], policy: ReviewPolicy) -> None:
    schedule = pc.review_schedule(make_partner(h), h["on"], policy)
    expected = oracle_schedule(h["start"], h["end"], h["last_m"], h["last_e"], h["last_ks"], h["on"], policy)
    for kind, (due, state) in expected.items():
        item = schedule.item(kind)
        assert (item.due, item.state) == (due, state), kind
        assert item.days == ((due - h["on"]).days if due else None)
    assert schedule.most_urgent.rank == min(i.rank for i in schedule.items)
    assert set(schedule.overdue) == {i for i in schedule.items if i.state == "overdue"}


@settings(max_examples=100, deadline=None)
@given(on=days, due=days, soon=st.integers(min_value=0, max_value=90))
def test_state_of_matches_the_oracle(on: dt.date, due: dt.date, soon: int) -> None:
    policy = ReviewPolicy(due_soon_days=soon)
    assert state_of(due, on, policy) == oracle_state(due, on, soon)


def test_leap_day_start_without_history() -> None:
    h = {
        "start": dt.date(2024, 2, 29),
        "end": dt.date(2027, 2, 28),
        "last_m": None,
        "last_e": None,
        "last_ks": None,
    }
    p = make_partner(h)
    s = pc.review_schedule(p, dt.date(2026, 3, 1))
    assert s.item("monitoring").due == dt.date(2025, 2, 28)
    assert s.item("monitoring").state == "overdue"
    assert s.item("evaluation").due == dt.date(2026, 2, 28)
    assert s.item("evaluation").days == -1
    assert s.item("knowledge_security").due == dt.date(2026, 11, 30)
    assert s.item("knowledge_security").state == "upcoming"
    assert "partnership start 2024-02-29" in s.item("monitoring").basis.en
    assert "start partnerschap 2024-02-29" in s.item("monitoring").basis.nl


def test_year_end_monitoring_and_renewal_lead_time() -> None:
    h = {
        "start": dt.date(2020, 1, 1),
        "end": dt.date(2026, 1, 31),
        "last_m": dt.date(2024, 12, 31),
        "last_e": dt.date(2024, 1, 1),
        "last_ks": dt.date(2024, 11, 1),
    }
    s = pc.review_schedule(make_partner(h), dt.date(2025, 12, 1))
    assert s.item("monitoring").due == dt.date(2025, 12, 31)
    assert s.item("monitoring").state == "due"
    assert s.item("evaluation").due == dt.date(2026, 1, 1)
    assert s.item("knowledge_security").due == dt.date(2025, 11, 2)  # 90 days before 31 January
    assert s.item("knowledge_security").state == "overdue"  # the 2024 assessment is too old
    assert s.next is None
    assert s.most_urgent.kind == "knowledge_security"


def test_candidate_has_nothing_scheduled() -> None:
    s = pc.review_schedule(
        make_partner({"start": None, "end": None, "last_m": None, "last_e": None, "last_ks": None}),
        dt.date(2026, 1, 1),
    )
    assert {i.state for i in s.items} == {"not_applicable"}
    assert s.next is None


def test_history_before_start_is_refused() -> None:
    with pytest.raises(pc.PartnerFileError, match="before the partnership start"):
        make_partner(
            {
                "start": dt.date(2024, 1, 1),
                "end": None,
                "last_m": dt.date(2023, 1, 1),
                "last_e": None,
                "last_ks": None,
            }
        )


@pytest.mark.parametrize(
    "kwargs",
    [{"monitoring_years": 0}, {"ks_lead_days": -1}, {"ks_window_days": 10, "ks_lead_days": 90}],
)
def test_policy_checks_its_parameters(kwargs: dict[str, int]) -> None:
    with pytest.raises(ValueError, match=r"interval|negative|at least"):
        ReviewPolicy(**kwargs)


def test_item_texts_are_bilingual() -> None:
    h = {
        "start": dt.date(2024, 2, 29),
        "end": dt.date(2027, 2, 28),
        "last_m": None,
        "last_e": None,
        "last_ks": None,
    }
    s = pc.review_schedule(make_partner(h), dt.date(2026, 3, 1))
    assert s.item("monitoring").text("en").startswith("monitoring: overdue, 2025-02-28 (")
    assert "dagen te laat" in s.item("monitoring").text("nl")
    assert s.to_dict()["items"][0] == {
        "kind": "monitoring",
        "state": "overdue",
        "due": "2025-02-28",
        "days": -366,
        "basis": {
            "nl": "start partnerschap 2024-02-29 + 1 jaar",
            "en": "partnership start 2024-02-29 + 1 year",
        },
    }


def test_the_library_conventions_are_named_as_such() -> None:
    """Issue 13: the 90-day and 365-day counts are this library's, not the policy's."""
    assert set(pc.ReviewPolicy.CONVENTIONS) == {"ks_lead_days", "ks_window_days", "due_soon_days"}
    assert set(pc.ReviewPolicy.CONVENTIONS) <= set(pc.DEFAULT_POLICY.to_dict())
    assert "library's own conventions" in (reviews.__doc__ or "")


def test_the_strategy_team_evaluates_strategic_partners_every_year() -> None:
    """Annex 2: "Team Strategie neemt jaarlijks het initiatief om de bestaande strategische
    partners te evalueren vanuit het centrale contractbeheer"."""
    h = {
        "start": dt.date(2024, 3, 1),
        "end": None,
        "last_m": dt.date(2025, 3, 1),
        "last_e": None,
        "last_ks": None,
    }
    never = pc.review_schedule(make_partner({**h, "last_s": None}), dt.date(2025, 6, 1)).item(
        "strategy_review"
    )
    assert (never.due, never.state, never.source) == (dt.date(2025, 3, 1), "overdue", "start")
    done = pc.review_schedule(make_partner({**h, "last_s": dt.date(2025, 5, 1)}), dt.date(2025, 6, 1))
    item = done.item("strategy_review")
    assert (item.due, item.state) == (dt.date(2026, 5, 1), "upcoming")
    assert "Team Strategie" in reviews.KIND_LABELS["strategy_review"].nl
    exchange = make_partner({**h, "last_s": None}).model_copy(
        update={"partnership": make_partner(h).partnership.model_copy(update={"category": "exchange"})}
    )
    other = pc.review_schedule(exchange, dt.date(2025, 6, 1)).item("strategy_review")
    assert (other.state, other.source) == ("not_applicable", "not_strategic")
    assert "strategische partner" in other.basis.nl
