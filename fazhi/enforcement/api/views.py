from __future__ import annotations

from django.http import Http404
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import mixins, parsers, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from fazhi.core.api.idempotency import HEADER, idempotent
from fazhi.enforcement import actions, steps
from fazhi.enforcement.api.serializers import (
    CaseDetailSerializer,
    CaseSerializer,
    StepRequestSerializer,
    SummaryCaseRequestSerializer,
)
from fazhi.enforcement.definitions import cases

IDEMPOTENCY = OpenApiParameter(HEADER, str, OpenApiParameter.HEADER, required=False,
                               description="同一键重复提交只生成一个案件并返回相同结果；键相同而内容不同返回422")  # fmt: skip


class CaseViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """Enforcement cases. Workflow steps are their own endpoints; a case is never
    changed by PATCHing its status."""

    register = cases
    # A step checks its own permission in its action (a reviewer reviews, a leader
    # extends, officers do the rest): seeing the case is enough to ask.
    action_verbs = {"summary": "add", "step": "view"}
    parser_classes = [parsers.JSONParser, parsers.MultiPartParser, parsers.FormParser]

    def get_queryset(self):
        qs = cases.queryset(self.request.user)
        if self.request.query_params.get("mine"):
            qs = qs.filter(handler=self.request.user)
        return qs

    @property
    def filterset_class(self):
        return cases.filterset_class

    def get_serializer_class(self):
        return CaseDetailSerializer if self.action == "retrieve" else CaseSerializer

    @extend_schema(request=SummaryCaseRequestSerializer, responses={201: CaseDetailSerializer},
                   parameters=[IDEMPOTENCY], summary="当场处罚：一次请求完成记录、决定、交付（含现场照片）")  # fmt: skip
    @action(detail=False, methods=["post"])
    @idempotent
    def summary(self, request):
        data = SummaryCaseRequestSerializer(data=request.data, context={"request": request})
        data.is_valid(raise_exception=True)
        photos = data.validated_data.get("photos") or request.FILES.getlist("photos")
        case = actions.record_on_the_spot(actor=request.user, fields=data.validated_data, photos=photos)
        return Response(CaseDetailSerializer(case).data, status=201)

    @extend_schema(request=StepRequestSerializer, responses=CaseDetailSerializer, summary="办理下一环节")
    @action(detail=True, methods=["post"], url_path=r"steps/(?P<step>[a-z_]+)")
    def step(self, request, pk=None, step=None):
        case = self.get_object()
        if step not in steps.STEP_ACTIONS:
            raise Http404("未知的办案环节")
        data = StepRequestSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        case = steps.take(case, step, request.user, data.validated_data)
        return Response(CaseDetailSerializer(case).data)


def _viewset(register_, serializer_fields):
    """A viewset of a simple register whose serializer validates through the register's
    page form: its rules, and only the related records the user sees."""
    from fazhi.core.api.base import RegisterViewSet
    from fazhi.core.api.serializers import RegisterFormSerializer

    meta = type("Meta", (), {"model": register_.model, "fields": ["id", *serializer_fields]})
    serializer = type(f"{register_.model.__name__}Serializer", (RegisterFormSerializer,),
                      {"Meta": meta, "form_class": register_.form_class})  # fmt: skip
    return type(f"{register_.model.__name__}ViewSet", (RegisterViewSet,),
                {"register": register_, "serializer_class": serializer})  # fmt: skip
