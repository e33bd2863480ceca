"""API of the single window: window_figures. Owned by its work."""

ROUTES: list = []
