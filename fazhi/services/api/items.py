"""API of the single window: items. Owned by its work."""

ROUTES: list = []
