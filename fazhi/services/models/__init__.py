"""The records of government services (政务服务), one module per area."""

from fazhi.services.models.market import EnterpriseVisit, MarketEntity
from fazhi.services.models.window import Application, ClockPause, CompletenessNotice, ReviewTask, ServiceItem

__all__ = [
    "Application",
    "ClockPause",
    "CompletenessNotice",
    "EnterpriseVisit",
    "MarketEntity",
    "ReviewTask",
    "ServiceItem",
]
