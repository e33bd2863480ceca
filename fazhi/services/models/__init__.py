"""The records of government services (政务服务), one module per area."""

from fazhi.services.models.market import EnterpriseVisit, MarketEntity

__all__ = ["EnterpriseVisit", "MarketEntity"]
