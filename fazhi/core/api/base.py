"""The API side of the register base: a viewset over the register's scoped
queryset, writing only through the register's actions."""

from __future__ import annotations

from rest_framework import mixins, viewsets

from fazhi.core.registers.base import Register


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

    def perform_create(self, serializer):
        serializer.instance = self.register.do_create(actor=self.request.user, data=serializer.validated_data)

    def perform_update(self, serializer):
        serializer.instance = self.register.do_update(
            serializer.instance, actor=self.request.user, data=serializer.validated_data
        )
