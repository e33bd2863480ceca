"""The figures of government services for a year, one module per area."""

from fazhi.services.statistics.market import MarketFigures, market_figures
from fazhi.services.statistics.window import ItemFigures, WindowFigures, window_figures

__all__ = ["ItemFigures", "MarketFigures", "WindowFigures", "market_figures", "window_figures"]
