"""The review cycle of a partnership: annual monitoring, an evaluation every other year, the
strategy team's yearly evaluation of existing strategic partners, and a new knowledge-security
assessment before the agreement is renewed.

From the policy: monitoring every year, evaluation every other year, and "Team Strategie neemt
jaarlijks het initiatief om de bestaande strategische partners te evalueren vanuit het centrale
contractbeheer" (annex 2). The day counts (90, 365,
60) are **this library's own conventions**, not the policy's: the policy says only that
concluding or renewing an agreement is the moment for a knowledge-security risk analysis. All are
parameters of :class:`ReviewPolicy` (:attr:`ReviewPolicy.CONVENTIONS` names the library's own):

- *Monitoring* is due ``monitoring_years`` (1) after the last monitoring, or after the start of
  the partnership when none is recorded.
- *Evaluation* is due ``evaluation_years`` (2) after the last evaluation, or after the start.
- *Strategy team* (institution-wide strategic partners only): the strategy team's yearly
  evaluation is due ``strategy_review_years`` (1) after the last one
  (``history.last_strategy_review``), or after the start; other categories: ``not_applicable``.
- *Knowledge security* is due ``ks_lead_days`` (90) days before the agreement's end date. An
  assessment dated at most ``ks_window_days`` (365) days before that end counts for the renewal
  (state ``done``). Without an end date there is nothing to schedule.
- Adding years keeps month and day; 29 February becomes 28 February in a year that is not a leap
  year (the anniversary never moves into the next month).
- On a date ``on``: a due date before ``on`` is ``overdue``; from ``on`` up to ``due_soon_days``
  (60) days ahead it is ``due``; later it is ``upcoming``. A partnership without a start date (a
  candidate) has no monitoring or evaluation yet: ``not_applicable``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, ClassVar, Literal, NamedTuple, TypeAlias

from decision_trees import Lang, Text

if TYPE_CHECKING:
    from partner_criteria.models import Partner

__all__ = [
    "DEFAULT_POLICY",
    "REVIEW_KINDS",
    "STATES",
    "ReviewItem",
    "ReviewKind",
    "ReviewPolicy",
    "ReviewSchedule",
    "ReviewState",
    "add_years",
    "due_dates",
    "review_schedule",
    "state_of",
]

ReviewKind: TypeAlias = Literal["monitoring", "evaluation", "strategy_review", "knowledge_security"]
ReviewState: TypeAlias = Literal["overdue", "due", "upcoming", "done", "not_applicable"]
REVIEW_KINDS: tuple[ReviewKind, ...] = ("monitoring", "evaluation", "strategy_review", "knowledge_security")
#: Review states from most to least urgent.
STATES: tuple[ReviewState, ...] = ("overdue", "due", "upcoming", "done", "not_applicable")
_RANK = {state: rank for rank, state in enumerate(STATES)}

KIND_LABELS: dict[ReviewKind, Text] = {
    "monitoring": Text(nl="monitoring", en="monitoring"),
    "evaluation": Text(nl="evaluatie", en="evaluation"),
    "strategy_review": Text(
        nl="jaarlijkse evaluatie door Team Strategie", en="strategy team's yearly evaluation"
    ),
    "knowledge_security": Text(nl="beoordeling kennisveiligheid", en="knowledge-security assessment"),
}
STATE_LABELS: dict[ReviewState, Text] = {
    "overdue": Text(nl="te laat", en="overdue"),
    "due": Text(nl="nu aan de beurt", en="due"),
    "upcoming": Text(nl="gepland", en="upcoming"),
    "done": Text(nl="gedaan", en="done"),
    "not_applicable": Text(nl="n.v.t.", en="n/a"),
}


def add_years(day: dt.date, years: int) -> dt.date:
    """``day`` moved ``years`` on, same month and day; 29 February becomes 28 February if needed."""
    year = day.year + years
    if day.month == 2 and day.day == 29 and not _is_leap(year):
        return dt.date(year, 2, 28)
    return day.replace(year=year)


def _is_leap(year: int) -> bool:
    return year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)


@dataclass(frozen=True, slots=True)
class ReviewPolicy:
    """The parameters of the review cycle (see the module's conventions)."""

    monitoring_years: int = 1
    evaluation_years: int = 2
    ks_lead_days: int = 90
    ks_window_days: int = 365
    due_soon_days: int = 60
    strategy_review_years: int = 1

    #: The parameters that are this library's own conventions (the policy gives no number for them).
    CONVENTIONS: ClassVar[tuple[str, ...]] = ("ks_lead_days", "ks_window_days", "due_soon_days")

    def __post_init__(self) -> None:
        from partner_criteria.errors import ParameterError

        if min(self.monitoring_years, self.evaluation_years, self.strategy_review_years) < 1:
            raise ParameterError.of("PC100.review_years")
        if self.ks_lead_days < 0 or self.due_soon_days < 0:
            raise ParameterError.of("PC100.review_negative")
        if self.ks_window_days < self.ks_lead_days:
            raise ParameterError.of("PC100.review_window")

    def to_dict(self) -> dict[str, int]:
        """The parameters as plain data."""
        return {
            "monitoring_years": self.monitoring_years,
            "evaluation_years": self.evaluation_years,
            "ks_lead_days": self.ks_lead_days,
            "ks_window_days": self.ks_window_days,
            "due_soon_days": self.due_soon_days,
            "strategy_review_years": self.strategy_review_years,
        }


DEFAULT_POLICY = ReviewPolicy()


def due_dates(
    start: dt.date | None,
    agreement_end: dt.date | None,
    last_monitoring: dt.date | None = None,
    last_evaluation: dt.date | None = None,
    last_knowledge_security: dt.date | None = None,
    policy: ReviewPolicy = DEFAULT_POLICY,
) -> dict[ReviewKind, tuple[dt.date | None, bool]]:
    """Per kind: the due date (``None``: nothing to schedule) and whether it is already done."""
    out: dict[ReviewKind, tuple[dt.date | None, bool]] = {}
    base = last_monitoring or start
    out["monitoring"] = (add_years(base, policy.monitoring_years) if base else None, False)
    base = last_evaluation or start
    out["evaluation"] = (add_years(base, policy.evaluation_years) if base else None, False)
    if agreement_end is None:
        out["knowledge_security"] = (None, False)
    else:
        deadline = agreement_end - dt.timedelta(days=policy.ks_lead_days)
        opens = agreement_end - dt.timedelta(days=policy.ks_window_days)
        done = last_knowledge_security is not None and last_knowledge_security >= opens
        out["knowledge_security"] = (deadline, done)
    return out


def state_of(
    due: dt.date | None, on: dt.date, policy: ReviewPolicy = DEFAULT_POLICY, done: bool = False
) -> ReviewState:
    """The state of an item due on ``due`` as seen on ``on``."""
    if due is None:
        return "not_applicable"
    if done:
        return "done"
    if due < on:
        return "overdue"
    if (due - on).days <= policy.due_soon_days:
        return "due"
    return "upcoming"


Basis: TypeAlias = Literal[
    "last", "start", "not_started", "agreement_end", "no_agreement_end", "assessed", "not_strategic"
]


class ReviewItem(NamedTuple):
    """One review of a partnership: what, when due, its state on the report date, and why.

    ``source`` says what the due date was counted from (the last review, the partnership start,
    the agreement end, or an assessment already done), ``reference`` is that date and
    ``interval`` the years (monitoring, evaluation) or lead days (knowledge security) added.
    """

    kind: ReviewKind
    state: ReviewState
    due: dt.date | None
    days: int | None
    source: Basis
    reference: dt.date | None = None
    interval: int = 0

    @property
    def basis(self) -> Text:
        """Why the item is due when it is, in Dutch and English."""
        nl, en = self._basis()
        return Text(nl=nl, en=en)

    def _basis(self) -> tuple[str, str]:
        ref = self.reference.isoformat() if self.reference else ""
        n = self.interval
        years = f"{n} year{'s' if n != 1 else ''}"
        if self.source == "last":
            return (
                f"laatste {KIND_LABELS[self.kind].nl} {ref} + {n} jaar",
                f"last {self.kind} {ref} + {years}",
            )
        if self.source == "start":
            return f"start partnerschap {ref} + {n} jaar", f"partnership start {ref} + {years}"
        if self.source == "not_started":
            return "partnerschap nog niet gestart", "partnership not started"
        if self.source == "agreement_end":
            return (
                f"{n} dagen voor het einde van de overeenkomst op {ref}",
                f"{n} days before the agreement ends on {ref}",
            )
        if self.source == "not_strategic":
            return "geen hogeschoolbrede strategische partner", "not an institution-wide strategic partner"
        if self.source == "assessed":
            return f"beoordeeld op {ref} voor de verlenging", f"assessed on {ref} for the renewal"
        return "geen einddatum van de overeenkomst", "no agreement end date"

    @property
    def rank(self) -> tuple[int, int]:
        """Sort key: state first (overdue first), then days to the due date."""
        return (_RANK[self.state], self.days if self.days is not None else 1 << 30)

    def text(self, lang: Lang = "en") -> str:
        """One line: kind, state, due date and days."""
        head = f"{KIND_LABELS[self.kind].get(lang)}: {STATE_LABELS[self.state].get(lang)}"
        if self.due is None:
            return f"{head} ({self.basis.get(lang)})"
        days = self.days or 0
        nl = lang == "nl"
        if self.state == "done":
            when = self.basis.get(lang)
        elif days == 0:
            when = "vandaag" if nl else "today"
        elif days < 0:
            unit = ("dag" if nl else "day") if days == -1 else ("dagen" if nl else "days")
            when = f"{-days} {unit} {'te laat' if nl else 'late'}"
        else:
            unit = ("dag" if nl else "day") if days == 1 else ("dagen" if nl else "days")
            when = f"{'over' if nl else 'in'} {days} {unit}"
        return f"{head}, {self.due.isoformat()} ({when})"

    def to_dict(self) -> dict[str, Any]:
        """Plain, ordered data for JSON."""
        return {
            "kind": self.kind,
            "state": self.state,
            "due": self.due.isoformat() if self.due else None,
            "days": self.days,
            "basis": dict(zip(("nl", "en"), self._basis(), strict=True)),
        }


class ReviewSchedule(NamedTuple):
    """The reviews of one partnership on a date: every item, and the most urgent first."""

    on: dt.date
    items: tuple[ReviewItem, ...]

    def item(self, kind: ReviewKind) -> ReviewItem:
        """The item of ``kind``."""
        return next(i for i in self.items if i.kind == kind)

    @property
    def overdue(self) -> tuple[ReviewItem, ...]:
        """Items past their due date."""
        return tuple(i for i in self.items if i.state == "overdue")

    @property
    def due(self) -> tuple[ReviewItem, ...]:
        """Items due now or within the due-soon window."""
        return tuple(i for i in self.items if i.state == "due")

    @property
    def next(self) -> ReviewItem | None:
        """The earliest item that is scheduled but not yet due."""
        upcoming = [i for i in self.items if i.state == "upcoming"]
        return min(upcoming, key=lambda i: i.rank) if upcoming else None

    @property
    def most_urgent(self) -> ReviewItem:
        """The item that decides the partnership's place in a portfolio report."""
        return min(self.items, key=lambda i: i.rank)

    def to_dict(self) -> dict[str, Any]:
        """Plain, ordered data for JSON."""
        return {"on": self.on.isoformat(), "items": [i.to_dict() for i in self.items]}


def _item(
    kind: ReviewKind,
    due: dt.date | None,
    done: bool,
    on_ordinal: int,
    soon: int,
    source: Basis,
    reference: dt.date | None,
    interval: int,
) -> ReviewItem:
    if due is None:
        return ReviewItem(kind, "not_applicable", None, None, source, reference, interval)
    days = due.toordinal() - on_ordinal
    state: ReviewState = "done" if done else "overdue" if days < 0 else "due" if days <= soon else "upcoming"
    return ReviewItem(kind, state, due, days, source, reference, interval)


def review_schedule(partner: Partner, on: dt.date, policy: ReviewPolicy = DEFAULT_POLICY) -> ReviewSchedule:
    """What is due, overdue and next for ``partner`` on ``on`` (dates as :func:`due_dates` gives them)."""
    p, h = partner.partnership, partner.history
    start, end, last_ks = p.start, p.agreement_end, partner.last_knowledge_security
    dates = due_dates(start, end, h.last_monitoring, h.last_evaluation, last_ks, policy)
    ordinal, soon = on.toordinal(), policy.due_soon_days
    items: list[ReviewItem] = []
    for kind, last, years in (
        ("monitoring", h.last_monitoring, policy.monitoring_years),
        ("evaluation", h.last_evaluation, policy.evaluation_years),
    ):
        source: Basis = "last" if last is not None else "start" if start is not None else "not_started"
        due, _ = dates[kind]  # type: ignore[index]
        items.append(_item(kind, due, False, ordinal, soon, source, last or start, years))  # type: ignore[arg-type]
    if p.category != "strategic":
        items.append(_item("strategy_review", None, False, ordinal, soon, "not_strategic", None, 0))
    else:
        base = h.last_strategy_review or start
        basis: Basis = "last" if h.last_strategy_review else "start" if start else "not_started"
        years = policy.strategy_review_years
        due = add_years(base, years) if base else None
        items.append(_item("strategy_review", due, False, ordinal, soon, basis, base, years))
    due, done = dates["knowledge_security"]
    if end is None:
        source, reference = "no_agreement_end", None
    elif done:
        source, reference = "assessed", last_ks
    else:
        source, reference = "agreement_end", end
    items.append(
        _item("knowledge_security", due, done, ordinal, soon, source, reference, policy.ks_lead_days)
    )
    return ReviewSchedule(on, tuple(items))
