"""API of the single window: applications. Owned by its work."""

ROUTES: list = []
