"""`@idempotent`: an API write that a phone on a bad network may safely retry.

The same `Idempotency-Key` (per user) with the same body gives the same answer
and one record; with another body it is refused with 422. The key's record is
written in the same transaction as the action, so that two concurrent requests
with one key wait for each other instead of both creating a case."""

from __future__ import annotations

import functools
import hashlib
import json

from django.db import IntegrityError, transaction
from rest_framework.response import Response

from fazhi.core import audit
from fazhi.core.models import IdempotencyRecord

HEADER = "Idempotency-Key"


def request_digest(request) -> str:
    """SHA-256 over the request's fields and the content of its files."""
    h = hashlib.sha256()
    data = request.data
    if hasattr(data, "lists"):  # a QueryDict: every value of a repeated field counts
        fields = {k: [v for v in vs if not hasattr(v, "read")] for k, vs in data.lists()}
    elif hasattr(data, "items"):
        fields = {k: v for k, v in data.items() if not hasattr(v, "read")}
    else:
        fields = {}
    h.update(json.dumps(fields, sort_keys=True, default=str, ensure_ascii=False).encode())
    for name in sorted(request.FILES):
        for f in request.FILES.getlist(name):
            h.update(name.encode())
            for chunk in f.chunks():
                h.update(chunk)
            f.seek(0)
    return h.hexdigest()


def idempotent(view_method):
    @functools.wraps(view_method)
    def wrapper(self, request, *args, **kwargs):
        key = request.headers.get(HEADER, "").strip()
        if not key:
            return view_method(self, request, *args, **kwargs)
        if len(key) > 100:
            return Response(
                {"code": "idempotency_key", "detail": "Idempotency-Key 不能超过100个字符"}, status=400
            )
        digest = request_digest(request)
        # One transaction and one audit batch for the key, the action and its
        # answer: the action's events are chained after the answer is stored,
        # just before the commit, so the town's chain is locked only briefly.
        with audit.batch():
            try:
                with transaction.atomic():
                    record = IdempotencyRecord.objects.create(user=request.user, key=key, request_hash=digest)
            except IntegrityError:
                earlier = IdempotencyRecord.objects.get(user=request.user, key=key)
                if earlier.request_hash != digest:
                    return Response(
                        {
                            "code": "idempotency_key_reused",
                            "detail": "同一个 Idempotency-Key 已用于内容不同的请求",
                        },
                        status=422,
                    )
                replay = Response(
                    json.loads(earlier.response_body or "null"), status=earlier.status_code or 200
                )
                replay["Idempotent-Replayed"] = "true"
                return replay
            response = view_method(self, request, *args, **kwargs)
            record.status_code = response.status_code
            record.response_body = json.dumps(response.data, default=str, ensure_ascii=False)
            record.save(update_fields=["status_code", "response_body"])
            return response

    return wrapper
