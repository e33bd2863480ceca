"""Fixtures of core's tests beyond the named people of the root conftest.py."""

from fazhi.core.tests.live_helpers import news_kind, receiver  # noqa: F401  (fixtures)
