"""From a knowledge-security decision to one status for the partner criteria: clear, pending, blocked.

The status is read from the outcome's two dimensions, so a decision of *any* tree can be used:

=============  ============  ==========  ===============================================
permitted      desirable     status      e.g. (reference tree outcome)
=============  ============  ==========  ===============================================
False          any           blocked     not_permitted
any            False         blocked     a committee's no-go
True           True          clear       go, go_with_measures
None           None          clear       only for the outcome id ``out_of_scope``
None (either)  otherwise     pending     escalate_adviser, escalate_committee, postpone,
                                         export_control_check
=============  ============  ==========  ===============================================

A block is checked first, so ``permitted=False`` with ``desirable=None`` is blocked, not pending.

A recorded *human decision* (``human_decision:`` in the partner's ``knowledge_security`` section, a
``kennisveiligheid.HumanDecision``) on an outcome that hands the decision to people (escalation
or postponement) is read on top of the tree's outcome, which is never overwritten: a no-go (not
permitted, or not desirable) blocks; a postponement stays pending; go or go with measures makes
the escalation clear. A decision never lifts a tree's own block.
The :mod:`kennisveiligheid` package is imported only when a case has to be assessed or a recorded
outcome looked up, so ``import partner_criteria`` stays light (not to avoid a loop: kennisveiligheid's
library modules never import partner_criteria, see ``tests/test_import_graph.py``).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, TypeAlias

from decision_trees import UNKNOWN, Decision, Outcome, Text, Tree
from partner_criteria.errors import KnowledgeSecurityError

if TYPE_CHECKING:
    from partner_criteria.models import KnowledgeSecurityRecord, Partner

__all__ = [
    "OUT_OF_SCOPE",
    "KnowledgeSecurity",
    "KnowledgeSecurityStatus",
    "classify",
    "classify_outcome",
    "resolve",
    "with_human_decision",
]

KnowledgeSecurityStatus: TypeAlias = Literal["clear", "pending", "blocked"]

#: The outcome id that, with both dimensions undecided, counts as clear (not a formal collaboration).
OUT_OF_SCOPE = "out_of_scope"


def classify(
    permitted: bool | None, desirable: bool | None, outcome_id: str | None = None
) -> KnowledgeSecurityStatus:
    """The status for an outcome's ``permitted`` and ``desirable`` (see the module's table)."""
    if permitted is False or desirable is False:
        return "blocked"
    if permitted is True and desirable is True:
        return "clear"
    if permitted is None and desirable is None and outcome_id == OUT_OF_SCOPE:
        return "clear"
    return "pending"


def classify_outcome(outcome: Outcome) -> KnowledgeSecurityStatus:
    """The status of a tree's outcome."""
    return classify(outcome.permitted, outcome.desirable, outcome.id)


@dataclass(frozen=True, slots=True)
class KnowledgeSecurity:
    """The knowledge-security side of a partner assessment: the status and where it came from.

    ``via`` is ``"decision"`` (a decision was given), ``"case"`` (a case was assessed now),
    ``"record"`` (an earlier outcome was recorded) or ``"none"`` (not assessed: status ``None``).
    """

    status: KnowledgeSecurityStatus | None
    via: Literal["decision", "case", "record", "none"]
    outcome_id: str | None = None
    label: Text | None = None
    tree_id: str | None = None
    tree_version: str | None = None
    tree_hash: str | None = None
    date: dt.date | None = None
    case: str | None = None
    decision: Decision | None = field(default=None, compare=False)
    warnings: tuple[Text, ...] = ()
    human_decision: Any = None
    """The adviser's or committee's recorded decision (a ``kennisveiligheid.HumanDecision``)."""
    tree_status: KnowledgeSecurityStatus | None = None
    """The status the tree's outcome alone gives (``status`` also reads ``human_decision``)."""

    @property
    def answer(self) -> Any:
        """The answer for the criteria tree's ``knowledge_security`` input (unknown when not assessed)."""
        return UNKNOWN if self.status is None else self.status

    def to_dict(self) -> dict[str, Any]:
        """Plain, ordered data for JSON."""
        data: dict[str, Any] = {"status": self.status, "via": self.via}
        if self.outcome_id is not None:
            data["outcome"] = self.outcome_id
        if self.label is not None:
            data["label"] = {"nl": self.label.nl, "en": self.label.en}
        if self.tree_hash is not None:
            data["tree"] = {"id": self.tree_id, "version": self.tree_version, "hash": self.tree_hash}
        if self.date is not None:
            data["date"] = self.date.isoformat()
        if self.case is not None:
            data["case"] = self.case
        if self.human_decision is not None:
            data["human_decision"] = self.human_decision.model_dump(mode="json", exclude_defaults=True)
            data["tree_status"] = self.tree_status
        if self.warnings:
            data["warnings"] = [{"nl": w.nl, "en": w.en} for w in self.warnings]
        return data


NOT_ASSESSED = KnowledgeSecurity(status=None, via="none")


def from_decision(
    decision: Decision, via: Literal["decision", "case"] = "decision", case: str | None = None
) -> KnowledgeSecurity:
    """The knowledge-security side read from a decision of any tree."""
    tree, outcome = decision.tree, decision.outcome
    return KnowledgeSecurity(
        status=classify_outcome(outcome),
        via=via,
        outcome_id=outcome.id,
        label=outcome.label,
        tree_id=tree.id,
        tree_version=tree.version,
        tree_hash=tree.content_hash,
        case=case,
        decision=decision,
    )


def assess_case(case: Any, ks_tree: Tree | None = None) -> KnowledgeSecurity:
    """Assess a knowledge-security case (a mapping, a ``kennisveiligheid.Collaboration`` or a file path)."""
    import kennisveiligheid as kv  # on use only, so `import partner_criteria` stays light

    name: str | None = None
    if isinstance(case, str | Path):
        name = str(case)
        path = Path(case)
        if not path.is_file():
            raise KnowledgeSecurityError.of("PC300.no_case", path=path)
        case = kv.load_case(path)
    decision = kv.assess(case, tree=ks_tree)
    return from_decision(decision, via="case", case=name)


@functools.cache
def reference_tree() -> Tree:
    """The knowledge-security reference tree shipped with :mod:`kennisveiligheid`."""
    import kennisveiligheid  # on use only, so `import partner_criteria` stays light

    return kennisveiligheid.reference_tree()


_HASH_WARNING = Text(
    nl="De vastgelegde uitkomst is gemaakt met een andere versie van de beslisboom ({recorded}); "
    "zij is gelezen met de huidige ({current}).",
    en="The recorded outcome was made with another version of the tree ({recorded}); "
    "it was read with the current one ({current}).",
)


def from_record(record: KnowledgeSecurityRecord, ks_tree: Tree | None = None) -> KnowledgeSecurity:
    """The knowledge-security side of a recorded outcome (outcome id, date, tree hash).

    The outcome's dimensions come from the record when it gives them, else from ``ks_tree`` (by
    default the reference tree). A different tree hash is reported as a warning, not an error.
    """
    assert record.outcome is not None
    outcome_id = record.outcome
    warnings: tuple[Text, ...] = ()
    label: Text | None = None
    tree_id, tree_version = record.tree, None
    if record.permitted is not None or record.desirable is not None:
        permitted, desirable = record.permitted, record.desirable
    else:
        tree = ks_tree if ks_tree is not None else reference_tree()
        outcome = tree.nodes.get(outcome_id)
        if not isinstance(outcome, Outcome):
            raise KnowledgeSecurityError.of(
                "PC300.outcome", outcome=outcome_id, tree=tree.id, outcomes=", ".join(tree.outcomes)
            )
        permitted, desirable, label = outcome.permitted, outcome.desirable, outcome.label
        tree_id = tree_id or tree.id
        if record.tree_hash != tree.content_hash:
            fill = {"recorded": f"{record.tree_hash:.19}…", "current": f"{tree.content_hash:.19}…"}
            warnings = (Text(nl=_HASH_WARNING.nl.format(**fill), en=_HASH_WARNING.en.format(**fill)),)
        else:
            tree_version = tree.version
    return KnowledgeSecurity(
        status=classify(permitted, desirable, outcome_id),
        via="record",
        outcome_id=outcome_id,
        label=label,
        tree_id=tree_id,
        tree_version=tree_version,
        tree_hash=record.tree_hash,
        date=record.date,
        warnings=warnings,
    )


def with_human_decision(ks: KnowledgeSecurity, human: Any) -> KnowledgeSecurity:
    """``ks`` with an adviser's or committee's recorded decision read on top of the tree's status.

    Raises :class:`KnowledgeSecurityError` when the outcome does not hand the decision to people.
    """
    if human is None:
        return ks
    from kennisveiligheid import DECIDABLE_OUTCOMES

    if ks.outcome_id not in DECIDABLE_OUTCOMES:
        raise KnowledgeSecurityError.of(
            "PC300.human", outcome=ks.outcome_id, decidable=", ".join(sorted(DECIDABLE_OUTCOMES))
        )
    status: KnowledgeSecurityStatus
    if ks.status == "blocked" or human.blocks:
        status = "blocked"
    elif human.pending:
        status = "pending"
    else:  # go, or go with measures
        status = "clear"
    return dataclasses.replace(ks, status=status, human_decision=human, tree_status=ks.status)


def resolve(
    partner: Partner,
    ks_decision: Decision | Mapping[str, Any] | Any | None = None,
    ks_tree: Tree | None = None,
) -> KnowledgeSecurity:
    """The knowledge-security side for ``partner``.

    ``ks_decision`` wins when given: a :class:`~decision_trees.Decision` of any tree, or a case
    (mapping, ``kennisveiligheid.Collaboration`` or case file path) assessed with ``ks_tree`` (the
    reference tree by default). Otherwise the partner's ``knowledge_security`` section is used (a
    case file or a recorded outcome); without one the partner is not assessed.
    """
    if isinstance(ks_decision, Decision):
        return from_decision(ks_decision)
    if ks_decision is not None:
        return assess_case(ks_decision, ks_tree)
    record = partner.knowledge_security
    if record is None:
        return NOT_ASSESSED
    if record.case is not None:
        return with_human_decision(assess_case(record.case, ks_tree), record.human_decision)
    return with_human_decision(from_record(record, ks_tree), record.human_decision)
