"""partner_criteria: strategic-partner criteria and review cycle, built on decision_trees.

The criteria of annex 2 of the internationalisation policy of De Haagse Hogeschool are a rule
graph (``data/criteria.yaml``) that the engine evaluates; :func:`assess` combines them with a
knowledge-security decision, :func:`review_schedule` lists the reviews due, and :func:`portfolio`
reports a whole register. ``kennisveiligheid`` is imported only when a case must be assessed.
"""

from __future__ import annotations

from decision_trees.support import keep_functions, lazy_face

TYPE_CHECKING = False  # as typing.TYPE_CHECKING (mypy reads the name), without importing typing

if TYPE_CHECKING:  # the names below are loaded on first use (PEP 562); typed here for mypy and editors
    from partner_criteria.assessment import Assessment, assess, assess_many, partner_answers
    from partner_criteria.criteria import (
        DEFAULT_OBJECTIVE_1_MIN_SUBPOINTS,
        DEFAULT_OBJECTIVE_2_MIN_MEASURES,
        Criteria,
        Parameter,
        criteria_data,
        criteria_tree,
        parameters,
    )
    from partner_criteria.errors import (
        CriteriaShapeError,
        KnowledgeSecurityError,
        ParameterError,
        PartnerFileError,
    )
    from partner_criteria.knowledge_security import (
        KnowledgeSecurity,
        KnowledgeSecurityStatus,
        classify,
        classify_outcome,
    )
    from partner_criteria.loading import (
        Register,
        load_partner,
        load_register,
        parse_partner,
        partners_from_csv,
        partners_to_csv,
    )
    from partner_criteria.models import (
        Evidence,
        History,
        KnowledgeSecurityRecord,
        Partner,
        Partnership,
        Prerequisites,
        ResearchEvidence,
    )
    from partner_criteria.portfolio import Portfolio, PortfolioEntry, portfolio
    from partner_criteria.reviews import (
        DEFAULT_POLICY,
        ReviewItem,
        ReviewPolicy,
        ReviewSchedule,
        add_years,
        due_dates,
        review_schedule,
    )

__all__ = [
    "DEFAULT_OBJECTIVE_1_MIN_SUBPOINTS",
    "DEFAULT_OBJECTIVE_2_MIN_MEASURES",
    "DEFAULT_POLICY",
    "Assessment",
    "Criteria",
    "CriteriaShapeError",
    "Evidence",
    "History",
    "KnowledgeSecurity",
    "KnowledgeSecurityError",
    "KnowledgeSecurityRecord",
    "KnowledgeSecurityStatus",
    "Parameter",
    "ParameterError",
    "Partner",
    "PartnerFileError",
    "Partnership",
    "Portfolio",
    "PortfolioEntry",
    "Prerequisites",
    "Register",
    "ResearchEvidence",
    "ReviewItem",
    "ReviewPolicy",
    "ReviewSchedule",
    "add_years",
    "assess",
    "assess_many",
    "classify",
    "classify_outcome",
    "criteria_data",
    "criteria_tree",
    "due_dates",
    "load_partner",
    "load_register",
    "parameters",
    "parse_partner",
    "partner_answers",
    "partners_from_csv",
    "partners_to_csv",
    "portfolio",
    "review_schedule",
]


# Every public name, by the module that defines it; imported on first use (PEP 562), so that
# ``import partner_criteria`` stays light.
_LAZY = {
    "Assessment": "partner_criteria.assessment",
    "assess": "partner_criteria.assessment",
    "assess_many": "partner_criteria.assessment",
    "partner_answers": "partner_criteria.assessment",
    "Criteria": "partner_criteria.criteria",
    "DEFAULT_OBJECTIVE_1_MIN_SUBPOINTS": "partner_criteria.criteria",
    "DEFAULT_OBJECTIVE_2_MIN_MEASURES": "partner_criteria.criteria",
    "Parameter": "partner_criteria.criteria",
    "criteria_data": "partner_criteria.criteria",
    "criteria_tree": "partner_criteria.criteria",
    "parameters": "partner_criteria.criteria",
    "CriteriaShapeError": "partner_criteria.errors",
    "KnowledgeSecurityError": "partner_criteria.errors",
    "ParameterError": "partner_criteria.errors",
    "PartnerFileError": "partner_criteria.errors",
    "KnowledgeSecurity": "partner_criteria.knowledge_security",
    "KnowledgeSecurityStatus": "partner_criteria.knowledge_security",
    "classify": "partner_criteria.knowledge_security",
    "classify_outcome": "partner_criteria.knowledge_security",
    "Register": "partner_criteria.loading",
    "load_partner": "partner_criteria.loading",
    "load_register": "partner_criteria.loading",
    "parse_partner": "partner_criteria.loading",
    "partners_from_csv": "partner_criteria.loading",
    "partners_to_csv": "partner_criteria.loading",
    "Evidence": "partner_criteria.models",
    "History": "partner_criteria.models",
    "KnowledgeSecurityRecord": "partner_criteria.models",
    "Partner": "partner_criteria.models",
    "Partnership": "partner_criteria.models",
    "Prerequisites": "partner_criteria.models",
    "ResearchEvidence": "partner_criteria.models",
    "Portfolio": "partner_criteria.portfolio",
    "PortfolioEntry": "partner_criteria.portfolio",
    "portfolio": "partner_criteria.portfolio",
    "DEFAULT_POLICY": "partner_criteria.reviews",
    "ReviewItem": "partner_criteria.reviews",
    "ReviewPolicy": "partner_criteria.reviews",
    "ReviewSchedule": "partner_criteria.reviews",
    "add_years": "partner_criteria.reviews",
    "due_dates": "partner_criteria.reviews",
    "review_schedule": "partner_criteria.reviews",
}


__getattr__, __dir__ = lazy_face(__name__, _LAZY, globals())


keep_functions(__name__, ("portfolio",))
