"""The combined assessment of a (candidate) strategic partner: criteria, knowledge security and the
institution's prerequisites, decided by the criteria tree and explained in Dutch or English."""

from __future__ import annotations

import functools
import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from decision_trees import Decision, Lang, Outcome, Rule, Text, Tree
from decision_trees.support import word
from partner_criteria.countries import country_label, country_name
from partner_criteria.criteria import Criteria, criteria_tree
from partner_criteria.errors import ParameterError
from partner_criteria.knowledge_security import KnowledgeSecurity, resolve
from partner_criteria.loading import load_partner, parse_partner
from partner_criteria.models import (
    MEASURE_IDS,
    MEASURE_INPUTS,
    OBJECTIVE_IDS,
    PREREQUISITE_IDS,
    SUBPOINT_IDS,
    Category,
    Partner,
)

EVIDENCE_IDS = (*SUBPOINT_IDS, *OBJECTIVE_IDS)

__all__ = [
    "KS_STATUS_LABELS",
    "MEASURE_NAMES",
    "PREREQUISITE_NAMES",
    "SUBPOINT_NAMES",
    "Assessment",
    "assess",
    "assess_many",
    "partner_answers",
]


def _category_label(category: Category, lang: Lang) -> str:
    """The category's label from the shared vocabulary, lower-cased for use inside a line."""
    from kennisveiligheid import vocabulary  # lazy: the import stays light

    label = vocabulary().label("category", category, lang)
    return label[:1].lower() + label[1:]


MEASURE_NAMES: dict[str, Text] = {
    "volume": Text(nl="volume", en="volume"),
    "quality": Text(nl="kwaliteit", en="quality"),
    "breadth": Text(nl="breedte", en="breadth"),
}
_MEASURES_WORD = Text(nl="maatstaven", en="measures")
_UNCLASSIFIED = Text(
    nl="onderbouwing in de oudere vorm (één lijst) telt nog mee",
    en="evidence in the older shape (one list) still counts",
)
KS_STATUS_LABELS: dict[str | None, Text] = {
    "clear": Text(nl="geen bezwaar", en="clear"),
    "pending": Text(nl="in behandeling", en="pending"),
    "blocked": Text(nl="geblokkeerd", en="blocked"),
    None: Text(nl="niet beoordeeld", en="not assessed"),
}
SUBPOINT_NAMES: dict[str, Text] = {
    "quality": Text(nl="1a kwaliteit", en="1a quality"),
    "sustainability": Text(nl="1a duurzame en rechtvaardige wereld", en="1a sustainable and just world"),
    "inclusion": Text(nl="1a inclusieve community", en="1a inclusive community"),
    "co_creation": Text(nl="1a cocreatie met het werkveld", en="1a co-creation with the professional field"),
    "metropolitan": Text(nl="1b grootstedelijk gebied", en="1b metropolitan area"),
}
PREREQUISITE_NAMES: dict[str, Text] = {
    "overlap_analysis": Text(
        nl="analyse overeenkomsten en complementariteit", en="overlap and complementarity analysis"
    ),
    "board_commitment": Text(nl="commitment op bestuursniveau", en="board-level commitment"),
    "multi_year_plan": Text(
        nl="meerjarenplan met financieringsmogelijkheden", en="multi-year plan with funding inventory"
    ),
    "monitoring_evaluation": Text(
        nl="structurele monitoring en evaluatie", en="structural monitoring and evaluation"
    ),
}


def _w(key: str, lang: Lang) -> str:
    return word(f"partner.{key}", lang)


def partner_answers(partner: Partner, knowledge_security: Any) -> dict[str, Any]:
    """The answers for the criteria tree: one boolean per sub-point, objective and measure of
    objective 2 (evidenced or not), the prerequisites in place and the knowledge-security status."""
    evidence = partner.evidence
    answers: dict[str, Any] = {"knowledge_security": knowledge_security}
    for key in EVIDENCE_IDS:
        answers[key] = bool(getattr(evidence, key))
    research = evidence.joint_research
    answers["joint_research"] = bool(research.unclassified)  # the older shape, counted as before
    measures = research.measures()
    for measure, input_id in MEASURE_INPUTS.items():
        answers[input_id] = measure in measures
    answers["prerequisites"] = partner.prerequisites.in_place()
    return answers


@dataclass(frozen=True)
class Assessment:
    """A partner's assessment: the outcome, the objectives met and not met, what is missing.

    ``decision`` (the criteria tree's full :class:`~decision_trees.Decision` with its trace) is
    built when first asked for; a register of thousands of partners only pays for the outcome.
    """

    partner: Partner
    outcome: Outcome
    objectives_met: tuple[str, ...]
    objectives_not_met: tuple[str, ...]
    required: int
    subpoints_met: tuple[str, ...]
    missing_prerequisites: tuple[str, ...]
    knowledge_security: KnowledgeSecurity
    answers: Mapping[str, Any] = field(repr=False, compare=False)
    criteria: Criteria = field(repr=False, compare=False)

    @classmethod
    def _create(cls, **fields: Any) -> Assessment:
        """Build without the frozen dataclass's per-field ``object.__setattr__`` (registers are big)."""
        self = object.__new__(cls)
        self.__dict__.update(fields)
        return self

    @property
    def outcome_id(self) -> str:
        """The id of the outcome."""
        return self.outcome.id

    @property
    def tree(self) -> Tree:
        """The criteria tree that decided."""
        return self.criteria.tree

    @property
    def needs(self) -> int:
        """How many more objectives the collaboration must cover (0 when enough)."""
        return max(0, self.required - len(self.objectives_met))

    @functools.cached_property
    def decision(self) -> Decision:
        """The criteria tree's decision, with path and trace."""
        return self.tree.evaluate(self.answers)

    # -- explaining ----------------------------------------------------------------------------

    def summary(self, lang: Lang = "en") -> str:
        """One line: the outcome, objectives met and, when short, how many more are needed."""
        total = len(self.criteria.objective_ids)
        text = f"{self.outcome.label.get(lang)} ({len(self.objectives_met)}/{total} {_w('objectives', lang)}"
        if self.needs:
            text += f"; {_w('needs', lang).format(n=self.needs).lower()} {_w('listed', lang)}"
        return text + ")"

    def explain(self, lang: Lang = "en", trace: bool = True) -> str:
        """The assessment as readable text; with ``trace`` the tree's step-by-step derivation."""
        c, p = self.criteria, self.partner
        total = len(c.objective_ids)
        since = (
            f"{_w('since', lang)} {p.partnership.start.isoformat()}"
            if p.partnership.start
            else _w("candidate", lang)
        )
        lines = [
            f"{_w('partner', lang)}: {p.name} ({p.city}, {country_label(p.country, lang)}) · "
            f"{_category_label(p.partnership.category, lang)} · {since}",
            f"{_w('outcome', lang)}: {self.outcome.label.get(lang)}",
        ]
        if self.outcome.description:
            lines.append(f"  {self.outcome.description.get(lang)}")
        lines += [
            "",
            f"{_w('met', lang)} ({len(self.objectives_met)} {_w('of', lang)} {total}, "
            f"{self.required} {_w('needed', lang)}):",
        ]
        for oid in self.objectives_met:
            lines.append(f"  ✓ {self._objective_text(oid, lang)}")
        if not self.objectives_met:
            lines.append(f"  {_w('none', lang)}")
        lines.append(f"{_w('not_met', lang)}:")
        for oid in self.objectives_not_met:
            lines.append(f"  ✗ {self._objective_text(oid, lang)}")
        if not self.objectives_not_met:
            lines.append(f"  {_w('none', lang)}")
        if self.needs:
            names = "; ".join(c.label(oid, lang) for oid in self.objectives_not_met)
            lines.append(f"{_w('needs', lang).format(n=self.needs)}: {names}")
        note = c.note(lang)
        if note:
            lines.append(f"{_w('note', lang)}: {note}")
        lines += ["", self._ks_line(lang)]
        for warning in self.knowledge_security.warnings:
            lines.append(f"  ! {warning.get(lang)}")
        if self.missing_prerequisites:
            lines.append(f"{_w('prereq_missing', lang)}:")
            lines += [f"  - {c.value_label('prerequisites', k, lang)}" for k in self.missing_prerequisites]
        else:
            lines.append(_w("prereq_ok", lang))
        if self.outcome.next_steps:
            lines += ["", f"{_w('next_steps', lang)}:"]
            lines += [f"  - {s.get(lang)}" for s in self.outcome.next_steps]
        lines += ["", f"{_w('source', lang)}: {self._source_text()}"]
        if trace:
            lines += ["", f"{_w('trace', lang)}:", _w("trace_legend", lang), self.decision.explain(lang)]
        return "\n".join(lines)

    def _source_text(self) -> str:
        """The sources the criteria rule cites (year only: the policy gives no exact date)."""
        rule = self.tree.nodes["criteria"]
        parts = []
        for source_id in dict.fromkeys(c.source for c in rule.sources):
            source = self.tree.sources[source_id]
            fields = [source.title, source.publisher, source.section, str(source.date.year), source.url]
            parts.append(", ".join(f for f in fields if f))
        return "; ".join(parts)

    def _objective_text(self, oid: str, lang: Lang) -> str:
        text = self.criteria.label(oid, lang)
        if oid == "objective_1" and self.criteria.objective_1_min_subpoints is not None:
            subs = ", ".join(SUBPOINT_NAMES[s].get(lang) for s in self.subpoints_met)
            text += (
                f" ({len(self.subpoints_met)} {_w('of', lang)} {self.criteria.subpoint_count} "
                f"{_w('subpoints', lang)}, {self.criteria.objective_1_min_subpoints} {_w('needed', lang)}"
                f"{': ' + subs if subs else ''})"
            )
        if oid == "objective_2" and self.criteria.objective_2_min_measures is not None:
            text += f" ({self._measures_text(lang)})"
        return text

    def _measures_text(self, lang: Lang) -> str:
        research = self.partner.evidence.joint_research
        flags = ", ".join(
            f"{MEASURE_NAMES[m].get(lang)} {'✓' if m in research.measures() else '✗'}" for m in MEASURE_IDS
        )
        text = (
            f"{len(research.measures())} {_w('of', lang)} {self.criteria.measure_count} "
            f"{_MEASURES_WORD.get(lang)}, {self.criteria.objective_2_min_measures} "
            f"{_w('needed', lang)}: {flags}"
        )
        if research.unclassified:
            text += f"; {_UNCLASSIFIED.get(lang)}"
        return text

    def _ks_line(self, lang: Lang) -> str:
        ks = self.knowledge_security
        line = f"{_w('ks', lang)}: {KS_STATUS_LABELS[ks.status].get(lang)}"
        if ks.outcome_id is not None:
            label = ks.label.get(lang) if ks.label else ks.outcome_id
            line += f" — {label}"
            details = []
            if ks.tree_id:
                details.append(f"{ks.tree_id}{' ' + ks.tree_version if ks.tree_version else ''}")
            if ks.tree_hash:
                details.append(f"{ks.tree_hash[:19]}…")
            if ks.via == "record" and ks.date:
                details.append(f"{_w('recorded', lang)} {ks.date.isoformat()}")
            elif ks.via == "case":
                details.append(_w("assessed", lang) + (f": {ks.case}" if ks.case else ""))
            elif ks.via == "decision":
                details.append(_w("given", lang))
            line += f" ({', '.join(details)})"
        human = ks.human_decision
        if human is not None:
            body = _w("adviser" if human.decided_by == "adviser" else "committee", lang)
            line += (
                f"; {_w('decided', lang)} ({body}, {human.decided_on.isoformat()}): "
                f"{human.verdict_text(lang)} — {human.reasons}"
            )
        return line

    def to_dict(self, trace: bool = True) -> dict[str, Any]:
        """Plain, ordered data for JSON; with ``trace`` the criteria tree's full decision record."""
        p, c = self.partner, self.criteria
        data: dict[str, Any] = {
            "partner": {
                "id": p.id,
                "name": p.name,
                "country": p.country,
                "country_name": {"nl": country_name(p.country, "nl"), "en": country_name(p.country, "en")},
                "city": p.city,
                "category": p.partnership.category,
            },
            "outcome": {
                "id": self.outcome_id,
                "label": {"nl": self.outcome.label.nl, "en": self.outcome.label.en},
                "severity": self.outcome.severity,
            },
            "objectives": {
                "required": self.required,
                "met": list(self.objectives_met),
                "not_met": list(self.objectives_not_met),
                "needs": self.needs,
                "objective_1": {
                    "min_subpoints": c.objective_1_min_subpoints,
                    "subpoints": c.subpoint_count,
                    "met": list(self.subpoints_met),
                    "note": {"nl": c.note("nl"), "en": c.note("en")},
                },
                "objective_2": {
                    "min_measures": c.objective_2_min_measures,
                    "measures": c.measure_count,
                    "met": sorted(p.evidence.joint_research.measures(), key=MEASURE_IDS.index),
                    "unclassified": bool(p.evidence.joint_research.unclassified),
                    "note": _objective_2_note(c),
                },
            },
            "knowledge_security": self.knowledge_security.to_dict(),
            "prerequisites": {
                "in_place": [k for k in PREREQUISITE_IDS if k not in self.missing_prerequisites],
                "missing": list(self.missing_prerequisites),
            },
            "criteria": {"id": c.tree.id, "version": c.tree.version, "hash": c.tree.content_hash},
        }
        if trace:
            data["decision"] = self.decision.to_dict()
        return data


def _as_partner(partner: Partner | Mapping[str, Any] | str | os.PathLike[str]) -> Partner:
    if isinstance(partner, Partner):
        return partner
    if isinstance(partner, Mapping):
        return parse_partner(partner)
    return load_partner(partner)


def _tree(
    tree: Tree | None, objective_1_min_subpoints: int | None, objective_2_min_measures: int | None = None
) -> Tree:
    if tree is not None and (objective_1_min_subpoints is not None or objective_2_min_measures is not None):
        given = (
            "objective_1_min_subpoints"
            if objective_1_min_subpoints is not None
            else "objective_2_min_measures"
        )
        raise ParameterError.of("PC100.both", given=given)
    return tree if tree is not None else criteria_tree(objective_1_min_subpoints, objective_2_min_measures)


def _objective_2_note(c: Criteria) -> dict[str, str] | None:
    rule = c.tree.nodes.get("objective_2_measures")
    if isinstance(rule, Rule) and rule.note is not None:
        return {"nl": rule.note.nl, "en": rule.note.en}
    return None


def _assess(partner: Partner, ks: KnowledgeSecurity, criteria: Criteria) -> Assessment:
    answers = partner_answers(partner, ks.answer)
    outcome = criteria.decide(answers)
    met = criteria.objectives_met(answers)
    in_place = answers["prerequisites"]
    return Assessment._create(
        partner=partner,
        outcome=outcome,
        objectives_met=met,
        objectives_not_met=tuple(o for o in criteria.objective_ids if o not in met),
        required=criteria.required,
        subpoints_met=tuple(s for s in SUBPOINT_IDS if answers[s]),
        missing_prerequisites=tuple(k for k in PREREQUISITE_IDS if k not in in_place),
        knowledge_security=ks,
        answers=answers,
        criteria=criteria,
    )


def assess(
    partner: Partner | Mapping[str, Any] | str | os.PathLike[str],
    ks_decision: Decision | Mapping[str, Any] | Any | None = None,
    *,
    tree: Tree | None = None,
    objective_1_min_subpoints: int | None = None,
    objective_2_min_measures: int | None = None,
    ks_tree: Tree | None = None,
) -> Assessment:
    """Assess ``partner`` against the criteria, combined with knowledge security.

    ``partner`` is a :class:`Partner`, plain data or a partner file. ``ks_decision`` is a
    :class:`~decision_trees.Decision` of any knowledge-security tree (read by its outcome's
    ``permitted``/``desirable``, see :mod:`partner_criteria.knowledge_security`), or a
    knowledge-security case (mapping, ``kennisveiligheid.Collaboration`` or case file) assessed
    with ``ks_tree`` (the reference tree by default). Without it the partner's own
    ``knowledge_security`` section is used. A knowledge-security block always wins.

    ``tree`` replaces the criteria tree; ``objective_1_min_subpoints`` picks how many of the
    sub-points of objective 1 make it count (default 3; the policy does not say), and
    ``objective_2_min_measures`` on how many of volume, quality and breadth objective 2 needs
    evidence (default 2; the policy does not say).
    """
    the_partner = _as_partner(partner)
    criteria = Criteria.of(_tree(tree, objective_1_min_subpoints, objective_2_min_measures))
    return _assess(the_partner, resolve(the_partner, ks_decision, ks_tree), criteria)


def assess_many(
    partners: Any,
    *,
    tree: Tree | None = None,
    objective_1_min_subpoints: int | None = None,
    objective_2_min_measures: int | None = None,
    ks_tree: Tree | None = None,
) -> list[Assessment]:
    """Assess many partners, each with its own ``knowledge_security`` section.

    A case file named by several partners is assessed once.
    """
    criteria = Criteria.of(_tree(tree, objective_1_min_subpoints, objective_2_min_measures))
    cases: dict[str, KnowledgeSecurity] = {}
    out: list[Assessment] = []
    for partner in partners:
        record = partner.knowledge_security
        if record is not None and record.case is not None:
            key = str(record.case)
            ks = cases.get(key)
            if ks is None:
                ks = cases[key] = resolve(partner, None, ks_tree)
        else:
            ks = resolve(partner, None, ks_tree)
        out.append(_assess(partner, ks, criteria))
    return out
