"""The request that is being served, for audit events written deep in actions."""

from __future__ import annotations

import contextvars
from dataclasses import dataclass


@dataclass(frozen=True)
class RequestContext:
    request_id: str = ""
    ip: str | None = None
    channel: str = "web"  # web, api, cli, job


_NO_REQUEST = RequestContext(channel="cli")  # frozen, so sharing it as the default is safe
_current: contextvars.ContextVar[RequestContext] = contextvars.ContextVar(
    "fazhi_request_context", default=_NO_REQUEST
)


def current() -> RequestContext:
    return _current.get()


def activate(ctx: RequestContext) -> contextvars.Token:
    return _current.set(ctx)


def deactivate(token: contextvars.Token) -> None:
    _current.reset(token)
