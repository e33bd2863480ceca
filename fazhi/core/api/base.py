"""The API side of the register base: a viewset over the register's scoped
queryset, writing only through the register's actions.

A record with a `version` (people today) is answered with an ETag of it, and an
edit is refused rather than overwriting someone else's: `If-Match` with an older
ETag is a 412, a `version` in the body older than the record's a 409. The check
and the write are one transaction, with the record's row locked between them."""

from __future__ import annotations

from django.db import models, transaction
from rest_framework import exceptions, mixins, viewsets

from fazhi.core.registers.base import Register

STALE = "该记录已被他人修改，请刷新后重新操作，以免覆盖他人的修改"


class StaleVersion(exceptions.APIException):
    status_code = 409
    default_detail = STALE
    default_code = "stale_version"


class PreconditionFailed(StaleVersion):
    status_code = 412


def _versioned(model) -> bool:
    """An integer `version` that the actions bump (not, say, an emergency plan's
    own version number, which is text the user writes)."""
    return any(
        f.name == "version" and isinstance(f, models.IntegerField) for f in model._meta.concrete_fields
    )


class RegisterViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet,
):
    register: Register

    def get_queryset(self):
        return self.register.queryset(self.request.user)

    @property
    def filterset_class(self):
        return self.register.filterset_class

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        data = getattr(response, "data", None)
        if self.detail and isinstance(data, dict) and isinstance(data.get("version"), int):
            response["ETag"] = f'"{data["version"]}"'
        return response

    def perform_create(self, serializer):
        serializer.instance = self.register.do_create(actor=self.request.user, data=serializer.validated_data)

    def perform_update(self, serializer):
        with transaction.atomic():
            self._check_version(serializer.instance)
            serializer.instance = self.register.do_update(
                serializer.instance, actor=self.request.user, data=serializer.validated_data
            )

    def _check_version(self, obj) -> None:
        model = type(obj)
        if not _versioned(model):
            return
        if_match = self.request.headers.get("If-Match")
        data = self.request.data
        given = data.get("version") if hasattr(data, "get") else None
        if if_match is None and given in (None, ""):
            return
        current = str(
            model.objects.select_for_update().filter(pk=obj.pk).values_list("version", flat=True)[0]
        )
        if if_match is not None:
            tags = [t.strip().removeprefix("W/").strip('"') for t in if_match.split(",")]
            if "*" not in tags and current not in tags:
                raise PreconditionFailed()
        if given not in (None, "") and str(given) != current:
            raise StaleVersion()
