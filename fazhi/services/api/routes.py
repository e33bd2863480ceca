from fazhi.services.api import market

ROUTES = [*market.ROUTES]
