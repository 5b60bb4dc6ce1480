"""The portfolio report of a register: per partner the assessment and the reviews due, most urgent
first, as text (Dutch or English), JSON or CSV."""

from __future__ import annotations

import contextlib
import csv
import datetime as dt
import gc
import io
import json
import os
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any, NamedTuple

from decision_trees import Lang, Tree
from decision_trees.support import word
from partner_criteria.assessment import (
    KS_STATUS_LABELS,
    MEASURE_NAMES,
    PREREQUISITE_NAMES,
    Assessment,
    assess_many,
)
from partner_criteria.countries import country_label, country_name
from partner_criteria.criteria import Criteria, criteria_tree
from partner_criteria.loading import Register, load_register
from partner_criteria.models import MEASURE_IDS, Partner
from partner_criteria.reviews import (
    DEFAULT_POLICY,
    KIND_LABELS,
    REVIEW_KINDS,
    STATE_LABELS,
    STATES,
    ReviewKind,
    ReviewPolicy,
    ReviewSchedule,
    ReviewState,
    review_schedule,
)

__all__ = ["CSV_REPORT_COLUMNS", "Portfolio", "PortfolioEntry", "csv_headers", "portfolio"]

CSV_REPORT_COLUMNS: tuple[str, ...] = (
    "rank",
    "id",
    "name",
    "country",
    "country_name",
    "category",
    "outcome",
    "outcome_label",
    "objectives_met",
    "objectives",
    "objective_2_measures",
    "needs",
    "knowledge_security",
    "missing_prerequisites",
    "urgency",
    "next_review",
    "next_due",
    "days",
    *(f"{kind}_{part}" for kind in REVIEW_KINDS for part in ("state", "due")),
)


def csv_headers(lang: Lang = "en") -> tuple[str, ...]:
    """The CSV report's column names: the ids in English, Dutch words in Dutch."""
    return tuple(word(f"column.{column}", lang) for column in CSV_REPORT_COLUMNS)


def _measures(a: Assessment, lang: Lang) -> list[str]:
    """The measures of objective 2 with evidence: ids in English, Dutch words in Dutch."""
    found = a.partner.evidence.joint_research.measures()
    return [MEASURE_NAMES[m].get(lang) if lang == "nl" else m for m in MEASURE_IDS if m in found]


def _ks_status(status: str | None, lang: Lang) -> str:
    if lang != "nl":
        return status or "not_assessed"
    return KS_STATUS_LABELS[status].get(lang)


class PortfolioEntry(NamedTuple):
    """One partner in the report: its assessment and its review schedule."""

    assessment: Assessment
    reviews: ReviewSchedule

    @property
    def partner(self) -> Partner:
        """The partner."""
        return self.assessment.partner

    @property
    def urgency(self) -> tuple[int, int, int, str]:
        """Sort key: most urgent review (state, then days), then the stricter outcome, then the name."""
        state, days = self.reviews.most_urgent.rank
        return (state, days, -(self.assessment.outcome.severity or 0), self.partner.name.casefold())


@dataclass(frozen=True)
class Portfolio:
    """The report: every partner of a register on date ``on``, most urgent first."""

    on: dt.date
    entries: tuple[PortfolioEntry, ...]
    criteria: Criteria
    policy: ReviewPolicy
    source: str | None = None

    def summary(self) -> dict[str, dict[str, int]]:
        """Counts of outcomes (in tree order) and of each partner's most urgent review state."""
        outcomes = Counter(e.assessment.outcome_id for e in self.entries)
        states = Counter(e.reviews.most_urgent.state for e in self.entries)
        return {
            "outcomes": {o: outcomes[o] for o in self.criteria.tree.outcomes if outcomes[o]},
            "reviews": {s: states[s] for s in STATES if states[s]},
        }

    # -- text ----------------------------------------------------------------------------------

    def to_text(self, lang: Lang = "en") -> str:
        """A readable report, most urgent partner first."""
        c = self.criteria
        nl = lang == "nl"
        head = "Portfoliorapportage" if nl else "Portfolio report"
        count = len(self.entries)
        lines = [
            f"{head} {self.on.isoformat()} — {count} partner{'s' if count != 1 else ''}",
            f"Criteria: {c.tree.title.get(lang)} {c.tree.version} "
            f"({c.tree.content_hash[:19]}…); "
            + (
                f"doelstelling 1 telt vanaf {c.objective_1_min_subpoints} van {c.subpoint_count} subpunten"
                if nl
                else f"objective 1 counts from {c.objective_1_min_subpoints} of {c.subpoint_count} sub-points"
            )
            + (
                ""
                if c.objective_2_min_measures is None
                else f", doelstelling 2 vanaf {c.objective_2_min_measures} van {c.measure_count} maatstaven"
                if nl
                else f", objective 2 from {c.objective_2_min_measures} of {c.measure_count} measures"
            ),
        ]
        summary = self.summary()
        lines.append(
            ("Uitkomsten: " if nl else "Outcomes: ")
            + " · ".join(f"{c.label(o, lang)} {n}" for o, n in summary["outcomes"].items())
        )
        states = summary["reviews"]
        counts = " · ".join(f"{STATE_LABELS[s].get(lang)} {states[s]}" for s in STATES if s in states)
        reviews = "Evaluaties (de dringendste per partner)" if nl else "Reviews (most urgent per partner)"
        lines.append(f"{reviews}: {counts}")
        for rank, entry in enumerate(self.entries, start=1):
            a, p = entry.assessment, entry.partner
            urgent = entry.reviews.most_urgent
            lines += [
                "",
                f"{rank:>4}. [{STATE_LABELS[urgent.state].get(lang)}] "
                f"{p.name} ({p.city}, {country_label(p.country, lang)}) · {p.id}",
                f"      {a.outcome.label.get(lang)} · "
                + (
                    f"{len(a.objectives_met)}/{len(c.objective_ids)} "
                    + ("doelstellingen" if nl else "objectives")
                )
                + f" · {'kennisveiligheid' if nl else 'knowledge security'} "
                + KS_STATUS_LABELS[a.knowledge_security.status].get(lang),
            ]
            if a.needs:
                names = ", ".join(o.replace("objective_", "") for o in a.objectives_not_met)
                lines.append(
                    f"      {'nodig: nog' if nl else 'needs'} {a.needs} {'van' if nl else 'more of'}: "
                    f"{'doelstelling' if nl else 'objective'} {names}"
                )
            if a.missing_prerequisites and a.outcome_id != "not_eligible":
                missing = "; ".join(PREREQUISITE_NAMES[k].get(lang) for k in a.missing_prerequisites)
                lines.append(
                    f"      {'randvoorwaarden ontbreken' if nl else 'prerequisites missing'}: {missing}"
                )
            for item in sorted(entry.reviews.items, key=lambda i: i.rank):
                lines.append(f"      - {item.text(lang)}")
        return "\n".join(lines)

    # -- JSON -----------------------------------------------------------------------------------

    def to_dict(self) -> dict[str, Any]:
        """Plain, ordered data for JSON (assessments without their full trace)."""
        c = self.criteria
        return {
            "report": {
                "on": self.on.isoformat(),
                "source": self.source,
                "partners": len(self.entries),
                "criteria": {
                    "id": c.tree.id,
                    "version": c.tree.version,
                    "hash": c.tree.content_hash,
                    "objective_1_min_subpoints": c.objective_1_min_subpoints,
                    "objective_2_min_measures": c.objective_2_min_measures,
                },
                "policy": self.policy.to_dict(),
                "summary": self.summary(),
            },
            "partners": [
                {
                    "rank": rank,
                    "urgency": entry.reviews.most_urgent.state,
                    **entry.assessment.to_dict(trace=False),
                    "reviews": [i.to_dict() for i in entry.reviews.items],
                }
                for rank, entry in enumerate(self.entries, start=1)
            ],
        }

    def to_json(self, indent: int | None = None) -> str:
        """:meth:`to_dict` as JSON (compact by default: a large register encodes much faster)."""
        with _collection_paused():
            return json.dumps(self.to_dict(), ensure_ascii=False, indent=indent)

    # -- CSV ------------------------------------------------------------------------------------

    def to_csv(self, lang: Lang = "en", delimiter: str = ",") -> str:
        """One row per partner, most urgent first, with the columns of :data:`CSV_REPORT_COLUMNS`.

        In Dutch (``lang="nl"``) the column names and the states are Dutch words; in English they
        are the ids themselves. ``delimiter=";"`` suits a spreadsheet in a Dutch or other European
        locale.
        """
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\n", delimiter=delimiter)
        writer.writerow(csv_headers(lang))
        dutch = lang == "nl"

        def state(value: ReviewState) -> str:
            return STATE_LABELS[value].get(lang) if dutch else value

        def kind(value: ReviewKind) -> str:
            return KIND_LABELS[value].get(lang) if dutch else value

        for rank, entry in enumerate(self.entries, start=1):
            a, p, r = entry.assessment, entry.partner, entry.reviews
            urgent = r.most_urgent
            focus = urgent if urgent.state in ("overdue", "due") else r.next
            row: list[Any] = [
                rank,
                p.id,
                p.name,
                p.country,
                country_name(p.country, lang),
                p.partnership.category,
                a.outcome_id,
                a.outcome.label.get(lang),
                len(a.objectives_met),
                ";".join(a.objectives_met),
                ";".join(_measures(a, lang)),
                a.needs,
                _ks_status(a.knowledge_security.status, lang),
                ";".join(a.missing_prerequisites),
                state(urgent.state),
                kind(focus.kind) if focus else "",
                focus.due.isoformat() if focus and focus.due else "",
                focus.days if focus else "",
            ]
            for item in r.items:
                row += [state(item.state), item.due.isoformat() if item.due else ""]
            writer.writerow(row)
        return out.getvalue()


@contextlib.contextmanager
def _collection_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector while a register is reported.

    A report creates tens of thousands of small objects and no reference cycles; with collection
    running, each full pass rescans every partner of the register (about a third of the time for
    10,000 partners). Memory is still freed by reference counting.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def portfolio(
    register: Register | Iterable[Partner] | str | os.PathLike[str],
    on: dt.date | None = None,
    *,
    tree: Tree | None = None,
    objective_1_min_subpoints: int | None = None,
    objective_2_min_measures: int | None = None,
    ks_tree: Tree | None = None,
    policy: ReviewPolicy = DEFAULT_POLICY,
) -> Portfolio:
    """The portfolio report of ``register`` (a :class:`Register`, partners, or a register file) on ``on``.

    ``on`` defaults to today. Other arguments as for :func:`partner_criteria.assess`.
    """
    if isinstance(register, str | os.PathLike):
        register = load_register(register)
    source = register.source if isinstance(register, Register) else None
    partners = register.partners if isinstance(register, Register) else tuple(register)
    day = on or dt.date.today()
    if tree is None:
        tree = criteria_tree(objective_1_min_subpoints, objective_2_min_measures)
        objective_1_min_subpoints = objective_2_min_measures = None
    with _collection_paused():
        assessments = assess_many(
            partners,
            tree=tree,
            objective_1_min_subpoints=objective_1_min_subpoints,
            objective_2_min_measures=objective_2_min_measures,
            ks_tree=ks_tree,
        )
        entries = [PortfolioEntry(a, review_schedule(a.partner, day, policy)) for a in assessments]
        entries.sort(key=lambda e: e.urgency)
    return Portfolio(day, tuple(entries), Criteria.of(tree), policy, source)
