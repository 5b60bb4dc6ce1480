"""partner_criteria: strategic-partner criteria and review cycle, built on decision_trees.

The criteria of annex 2 of the internationalisation policy of De Haagse Hogeschool are a rule
graph (``data/criteria.yaml``) that the engine evaluates; :func:`assess` combines them with a
knowledge-security decision, :func:`review_schedule` lists the reviews due, and :func:`portfolio`
reports a whole register. ``kennisveiligheid`` is imported only when a case must be assessed.
"""

from __future__ import annotations

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
