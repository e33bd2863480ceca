"""API errors: rule and validation errors are 400 with a stable code and the
Chinese message (a stale version, an edit of a record someone else changed
meanwhile, is a 409 Conflict); no stack trace ever reaches a client. A lost
database is a 503: see fazhi.core.unavailable."""

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_handler

from fazhi.law import RuleError

CONFLICT_CODES = {"stale_version"}


def exception_handler(exc, context):
    if isinstance(exc, RuleError):
        answer = status.HTTP_409_CONFLICT if exc.code in CONFLICT_CODES else status.HTTP_400_BAD_REQUEST
        return Response({"code": exc.code, "detail": str(exc)}, status=answer)
    if isinstance(exc, DjangoValidationError):
        detail = exc.message_dict if hasattr(exc, "error_dict") else {"non_field_errors": exc.messages}
        return Response({"code": "invalid", "detail": detail}, status=status.HTTP_400_BAD_REQUEST)
    if isinstance(exc, DjangoPermissionDenied):
        exc = exceptions.PermissionDenied(str(exc) or "无权进行此操作")
    response = drf_handler(exc, context)
    if response is not None and isinstance(exc, exceptions.APIException) and isinstance(response.data, dict):
        response.data.setdefault("code", exc.get_codes() if isinstance(exc.get_codes(), str) else "invalid")
    return response
