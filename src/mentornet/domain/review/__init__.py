"""The health of the whole panel: composition, coverage, rhythm, balance, pipeline."""

from mentornet.domain.review.balance import Balance, Unanswered, balances, unanswered_outreach
from mentornet.domain.review.composition import (
    QUARTERS_SHOWN,
    Composition,
    Move,
    Quarter,
    compose,
    quarter_of,
)
from mentornet.domain.review.coverage import (
    Candidate,
    Coverage,
    FocusCover,
    GoalCoverage,
    IdleMentor,
    cover,
)
from mentornet.domain.review.data import as_data
from mentornet.domain.review.panel import Review, review
from mentornet.domain.review.people import MENTOR_KINDS, Ref
from mentornet.domain.review.pipeline import (
    TAKEOFF_DAYS,
    Mentee,
    Pipeline,
    Prospect,
    pipeline_of,
    takeoff,
)
from mentornet.domain.review.rhythm import Rhythm, calendar_start, rhythm_of
from mentornet.domain.review.suggestions import (
    MAX_SUGGESTIONS,
    MIN_SUGGESTIONS,
    MONTH_NAMES,
    Suggestion,
    suggest,
)
from mentornet.domain.rhythm import MonthCount, monthly_counts

__all__ = [
    "MAX_SUGGESTIONS", "MENTOR_KINDS", "MIN_SUGGESTIONS", "MONTH_NAMES", "QUARTERS_SHOWN",
    "TAKEOFF_DAYS", "Balance", "Candidate", "Composition", "Coverage", "FocusCover",
    "GoalCoverage", "IdleMentor", "Mentee", "MonthCount", "Move", "Pipeline", "Prospect",
    "Quarter", "Ref", "Review", "Rhythm", "Suggestion", "Unanswered", "as_data", "balances",
    "calendar_start", "compose", "cover", "monthly_counts", "pipeline_of", "quarter_of",
    "review", "rhythm_of", "suggest", "takeoff", "unanswered_outreach",
]
