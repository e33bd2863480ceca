from fazhi.services.api import applications, items, market, window_figures

ROUTES = [*market.ROUTES, *items.ROUTES, *applications.ROUTES, *window_figures.ROUTES]
