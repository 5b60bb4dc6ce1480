"""kennisveiligheid: the reference knowledge-security decision tree, built on decision_trees.

Describe a planned collaboration (a case file or a mapping of answers), and learn whether it is
permitted (legal gate) and desirable (policy gate), what to do next, and why::

    import kennisveiligheid

    decision = kennisveiligheid.assess("examples/quantum-sensing-defence.yaml")
    print(decision.outcome_id)        # escalate_committee
    print(decision.explain("nl"))
    kennisveiligheid.write_committee_pdf(decision, "ks.pdf", lang="nl")  # the committee document

An institution loads its own tree (:func:`load_institution_tree`) and its own dated lists
(:func:`load_lists`) without touching code. Countries are ISO 3166-1 codes; :func:`country_name`
gives a country's name in Dutch or English (ISO data through pycountry).
"""

from __future__ import annotations

from decision_trees.support import keep_functions, lazy_face

TYPE_CHECKING = False  # as typing.TYPE_CHECKING (mypy reads the name), without importing typing

if TYPE_CHECKING:  # the names below are loaded on first use (PEP 562); typed here for mypy and editors
    from kennisveiligheid._contract import (
        EXIT_BAD_INPUT,
        EXIT_CODES,
        EXIT_FINDINGS,
        EXIT_INTERRUPTED,
        EXIT_OK,
        OUTCOME_IDS,
        exit_code,
    )
    from kennisveiligheid.assessment import assess
    from kennisveiligheid.case import (
        Collaboration,
        Derivation,
        Funding,
        Partner,
        PreparedCase,
        load_case,
        prepare,
    )
    from kennisveiligheid.countries import country_code, country_name
    from kennisveiligheid.document import (
        PdfSupportMissingError,
        committee_html,
        write_committee_html,
        write_committee_pdf,
    )
    from kennisveiligheid.errors import (
        CaseError,
        CountryCodeError,
        IncompleteCaseError,
        InstitutionTreeError,
        ListsError,
    )
    from kennisveiligheid.human_decision import DECIDABLE_OUTCOMES, HumanDecision, Verdict
    from kennisveiligheid.lists import (
        InstitutionLists,
        ReferenceList,
        critical_technology_areas,
        dual_use_categories,
        load_lists,
    )
    from kennisveiligheid.record import (
        Assessment,
        ReadOnlyRecordWarning,
        assessment,
        next_question,
        released_tree,
        released_versions,
    )
    from kennisveiligheid.reference import load_institution_tree, reference_tree
    from kennisveiligheid.report import Report
    from kennisveiligheid.vocabulary import (
        COLLABORATION_FORMS,
        DEPRECATED_FORMS,
        PARTNER_CATEGORIES,
        CollaborationForm,
        PartnerCategory,
        Term,
        Vocabulary,
        canonical_categories,
        canonical_category,
        canonical_form,
        canonical_forms,
        vocabulary,
    )

__all__ = [
    "COLLABORATION_FORMS",
    "DECIDABLE_OUTCOMES",
    "DEPRECATED_FORMS",
    "EXIT_BAD_INPUT",
    "EXIT_CODES",
    "EXIT_FINDINGS",
    "EXIT_INTERRUPTED",
    "EXIT_OK",
    "OUTCOME_IDS",
    "PARTNER_CATEGORIES",
    "Assessment",
    "CaseError",
    "Collaboration",
    "CollaborationForm",
    "CountryCodeError",
    "Derivation",
    "Funding",
    "HumanDecision",
    "IncompleteCaseError",
    "InstitutionLists",
    "InstitutionTreeError",
    "ListsError",
    "Partner",
    "PartnerCategory",
    "PdfSupportMissingError",
    "PreparedCase",
    "ReadOnlyRecordWarning",
    "ReferenceList",
    "Report",
    "Term",
    "Verdict",
    "Vocabulary",
    "assess",
    "assessment",
    "canonical_categories",
    "canonical_category",
    "canonical_form",
    "canonical_forms",
    "committee_html",
    "country_code",
    "country_name",
    "critical_technology_areas",
    "dual_use_categories",
    "exit_code",
    "load_case",
    "load_institution_tree",
    "load_lists",
    "next_question",
    "prepare",
    "reference_tree",
    "released_tree",
    "released_versions",
    "vocabulary",
    "write_committee_html",
    "write_committee_pdf",
]


# Every public name, by the module that defines it; imported on first use (PEP 562), so that
# ``import kennisveiligheid`` stays light.
_LAZY = {
    "assess": "kennisveiligheid.assessment",
    "Collaboration": "kennisveiligheid.case",
    "Derivation": "kennisveiligheid.case",
    "Funding": "kennisveiligheid.case",
    "Partner": "kennisveiligheid.case",
    "PreparedCase": "kennisveiligheid.case",
    "load_case": "kennisveiligheid.case",
    "prepare": "kennisveiligheid.case",
    "country_code": "kennisveiligheid.countries",
    "country_name": "kennisveiligheid.countries",
    "PdfSupportMissingError": "kennisveiligheid.document",
    "committee_html": "kennisveiligheid.document",
    "write_committee_html": "kennisveiligheid.document",
    "write_committee_pdf": "kennisveiligheid.document",
    "CaseError": "kennisveiligheid.errors",
    "CountryCodeError": "kennisveiligheid.errors",
    "IncompleteCaseError": "kennisveiligheid.errors",
    "InstitutionTreeError": "kennisveiligheid.errors",
    "ListsError": "kennisveiligheid.errors",
    "DECIDABLE_OUTCOMES": "kennisveiligheid.human_decision",
    "HumanDecision": "kennisveiligheid.human_decision",
    "Verdict": "kennisveiligheid.human_decision",
    "InstitutionLists": "kennisveiligheid.lists",
    "ReferenceList": "kennisveiligheid.lists",
    "critical_technology_areas": "kennisveiligheid.lists",
    "dual_use_categories": "kennisveiligheid.lists",
    "load_lists": "kennisveiligheid.lists",
    "Assessment": "kennisveiligheid.record",
    "ReadOnlyRecordWarning": "kennisveiligheid.record",
    "assessment": "kennisveiligheid.record",
    "next_question": "kennisveiligheid.record",
    "released_tree": "kennisveiligheid.record",
    "released_versions": "kennisveiligheid.record",
    "EXIT_BAD_INPUT": "kennisveiligheid._contract",
    "EXIT_CODES": "kennisveiligheid._contract",
    "EXIT_FINDINGS": "kennisveiligheid._contract",
    "EXIT_INTERRUPTED": "kennisveiligheid._contract",
    "EXIT_OK": "kennisveiligheid._contract",
    "OUTCOME_IDS": "kennisveiligheid._contract",
    "exit_code": "kennisveiligheid._contract",
    "load_institution_tree": "kennisveiligheid.reference",
    "reference_tree": "kennisveiligheid.reference",
    "Report": "kennisveiligheid.report",
    "COLLABORATION_FORMS": "kennisveiligheid.vocabulary",
    "CollaborationForm": "kennisveiligheid.vocabulary",
    "DEPRECATED_FORMS": "kennisveiligheid.vocabulary",
    "PARTNER_CATEGORIES": "kennisveiligheid.vocabulary",
    "PartnerCategory": "kennisveiligheid.vocabulary",
    "Term": "kennisveiligheid.vocabulary",
    "Vocabulary": "kennisveiligheid.vocabulary",
    "canonical_categories": "kennisveiligheid.vocabulary",
    "canonical_category": "kennisveiligheid.vocabulary",
    "canonical_form": "kennisveiligheid.vocabulary",
    "canonical_forms": "kennisveiligheid.vocabulary",
    "vocabulary": "kennisveiligheid.vocabulary",
}


__getattr__, __dir__ = lazy_face(__name__, _LAZY, globals())


keep_functions(__name__, ("assessment", "vocabulary"))
