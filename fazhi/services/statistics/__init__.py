"""The figures of government services for a year, one module per area."""

from fazhi.services.statistics.market import MarketFigures, market_figures

__all__ = ["MarketFigures", "market_figures"]
