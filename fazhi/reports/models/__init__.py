"""The reports app's records: the yearly reports and their templates (`reports`),
the notices sent about deadlines (`notify`) and the supervision models' flags
(`supervision`)."""

from fazhi.reports.models.notify import Notice, NotificationPreference
from fazhi.reports.models.reports import Report, ReportStep, ReportTemplate, _deadline_day, due_dates
from fazhi.reports.models.supervision import SupervisionFlag

__all__ = [
    "Notice",
    "NotificationPreference",
    "Report",
    "ReportStep",
    "ReportTemplate",
    "SupervisionFlag",
    "_deadline_day",
    "due_dates",
]
