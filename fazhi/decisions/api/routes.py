from fazhi.decisions.api import advisor, major, normative

ROUTES = [*advisor.ROUTES, *normative.ROUTES, *major.ROUTES]
