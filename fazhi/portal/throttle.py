"""Rate limits of the portal's public forms (case code lookups, conduct ratings),
per client address, in fixed windows counted in the database.

django-axes only guards logins; these forms have no account to lock, so the
client address (`fazhi.core.middleware.client_ip`, which trusts X-Forwarded-For
only from FAZHI_TRUSTED_PROXIES) is what is counted.

A `Limit` names its scope and the limit the code chooses; the installation may
set another per scope, FAZHI_PORTAL_RATE_<SCOPE>=COUNT/WINDOW in the environment
(settings.FAZHI_PORTAL_RATES, read by `allow` on every call), e.g.
FAZHI_PORTAL_RATE_CASE_LOOKUP=30/10m."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from fazhi.core.middleware import client_ip
from fazhi.core.sm3 import hmac_sm3_hex
from fazhi.portal.models import Throttle

KEEP = dt.timedelta(days=1)  # counters older than this are deleted


@dataclass(frozen=True)
class Limit:
    scope: str
    count: int  # requests allowed per window
    seconds: int  # the window


# The defaults. A party needs a few tries to type a code; 96 random bits make
# guessing hopeless anyway.
LOOKUP = Limit("case_lookup", 20, 600)
RATING = Limit("rating", 5, 3600)


def effective(limit: Limit) -> Limit:
    """The limit in force for `limit`'s scope: FAZHI_PORTAL_RATE_<SCOPE> when the
    installation sets it, else `limit` as the code gives it."""
    configured = getattr(settings, "FAZHI_PORTAL_RATES", {}).get(limit.scope.lower())
    if configured is None:
        return limit
    count, seconds = configured
    return Limit(limit.scope, count, seconds)


def _key(scope: str, request) -> str:
    address = client_ip(request) or "unknown"
    return hmac_sm3_hex(settings.SECRET_KEY.encode(), f"{scope}|{address}".encode())


def allow(limit: Limit, request) -> bool:
    """Count this request; False once the address has used up the window's allowance."""
    limit = effective(limit)
    now = timezone.now()
    epoch = int(now.timestamp())
    start = dt.datetime.fromtimestamp(epoch - epoch % limit.seconds, tz=dt.UTC)
    key = _key(limit.scope, request)
    with transaction.atomic():
        updated = Throttle.objects.filter(scope=limit.scope, key=key, window_start=start).update(
            count=F("count") + 1
        )
        if not updated:
            try:
                with transaction.atomic():
                    Throttle.objects.create(scope=limit.scope, key=key, window_start=start, count=1)
            except IntegrityError:  # another request of the same address created it meanwhile
                Throttle.objects.filter(scope=limit.scope, key=key, window_start=start).update(
                    count=F("count") + 1
                )
            else:
                Throttle.objects.filter(window_start__lt=now - KEEP).delete()
        count = Throttle.objects.filter(scope=limit.scope, key=key, window_start=start).values_list(
            "count", flat=True
        )[0]
    return count <= limit.count
