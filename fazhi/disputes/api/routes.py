from fazhi.disputes.api import disputes, mediation, remedies

ROUTES = [*disputes.ROUTES, *mediation.ROUTES, *remedies.ROUTES]
