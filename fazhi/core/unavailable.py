"""A lost database is a 503, not a 500: while PostgreSQL restarts (or SQLite stays
locked past its timeout) every page and API call answers "try again shortly" with
Retry-After, in Chinese, and the next request after the database is back
succeeds on a fresh connection (CONN_HEALTH_CHECKS; Django closes a connection
that failed at the end of its request).

`server_error` is the project's handler500: Django calls it for any exception
that reached the top of a request, wherever it was raised (a middleware reading
the session, DRF's token authentication, a view, a template), from inside the
`except` block, so the exception is still in sys.exc_info(). DRF re-raises
exceptions that are not APIExceptions, so API calls end here too."""

from __future__ import annotations

import logging
import sqlite3
import sys

from django.db import InterfaceError, OperationalError
from django.http import HttpResponse, JsonResponse
from django.template import loader
from django.views import defaults

MESSAGE = "数据库暂时不可用，请稍后重试"
RETRY_AFTER_SECONDS = 5

logger = logging.getLogger("fazhi.unavailable")


# SQLite's answers that pass: busy or locked past the timeout, I/O, a full disk.
SQLITE_TRANSIENT = ("SQLITE_BUSY", "SQLITE_LOCKED", "SQLITE_IOERR", "SQLITE_CANTOPEN", "SQLITE_FULL")


def _transient(exc: BaseException) -> bool:
    """A lost or refused connection, a server shutting down or out of resources: not
    a program limit hit by the request (PostgreSQL class 54) nor an SQLite error
    such as a missing table or too many variables, which stay 500s (bugs)."""
    if isinstance(exc, InterfaceError):
        return True
    if not isinstance(exc, OperationalError):
        return False
    cause = exc.__cause__
    if isinstance(cause, sqlite3.Error):
        return (getattr(cause, "sqlite_errorname", "") or "").startswith(SQLITE_TRANSIENT)
    return not (getattr(cause, "sqlstate", None) or "").startswith("54")


def is_database_unavailable(exc: BaseException | None) -> bool:
    """The exception, or one it was raised from or while handling, is a lost or
    refused database connection."""
    seen = 0
    while exc is not None and seen < 10:
        if _transient(exc):
            return True
        exc = exc.__cause__ or exc.__context__
        seen += 1
    return False


def unavailable_response(request) -> HttpResponse:
    if request.path.startswith("/api/"):
        response = JsonResponse(
            {"code": "database_unavailable", "detail": MESSAGE},
            status=503,
            json_dumps_params={"ensure_ascii": False},
        )
    else:
        # Rendered without the request: the context processors would read the
        # session and the user, that is the database.
        response = HttpResponse(loader.get_template("503.html").render({"message": MESSAGE}), status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    response["Cache-Control"] = "no-store"
    return response


def server_error(request, *args, **kwargs) -> HttpResponse:
    exc = sys.exc_info()[1]
    if is_database_unavailable(exc):
        logger.warning("database unavailable: %s %s: %s", request.method, request.path, type(exc).__name__)
        return unavailable_response(request)
    return defaults.server_error(request, *args, **kwargs)
