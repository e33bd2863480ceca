"""The year's figures of the single window. Owned by the statistics work."""

from __future__ import annotations

urlpatterns: list = []
