"""The rulebook: every deadline, threshold and required step Fazhi enforces, each citing
its law and article and knowing the dates it is in force. Pure Python, no Django."""

from fazhi.law.base import (
    AGENCY,
    DAYS,
    HOLDERS,
    MONTHS,
    PARTY,
    UNITS,
    WORKING_DAYS,
    AnnualDeadline,
    Article,
    Law,
    Period,
    RuleError,
    Threshold,
    Version,
    WorkingDayCalendar,
    article_cn,
    cite,
)
from fazhi.law.counting import add_months, add_working_days, due_date
from fazhi.law.registry import all_annual_deadlines, all_periods, all_thresholds, period, threshold

__all__ = [
    "AGENCY",
    "DAYS",
    "HOLDERS",
    "MONTHS",
    "PARTY",
    "UNITS",
    "WORKING_DAYS",
    "AnnualDeadline",
    "Article",
    "Law",
    "Period",
    "RuleError",
    "Threshold",
    "Version",
    "WorkingDayCalendar",
    "add_months",
    "add_working_days",
    "all_annual_deadlines",
    "all_periods",
    "all_thresholds",
    "article_cn",
    "cite",
    "due_date",
    "period",
    "threshold",
]
