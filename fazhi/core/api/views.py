from drf_spectacular.utils import extend_schema
from rest_framework import mixins, parsers, permissions, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from fazhi.core import actions
from fazhi.core.api.base import RegisterViewSet
from fazhi.core.api.serializers import (
    AttachmentSerializer,
    AttachmentUploadSerializer,
    OrgUnitSerializer,
    PersonSerializer,
    PostSerializer,
    RevealSerializer,
)
from fazhi.core.definitions import org_units, people, posts
from fazhi.core.models import Attachment


class OrgUnitViewSet(RegisterViewSet):
    register = org_units
    serializer_class = OrgUnitSerializer


class PersonViewSet(RegisterViewSet):
    register = people
    serializer_class = PersonSerializer
    action_verbs = {"reveal": "view"}

    @extend_schema(request=None, responses=RevealSerializer, summary="查看完整个人信息（留痕）")
    @action(detail=True, methods=["post"])
    def reveal(self, request, pk=None):
        person = self.get_object()
        return Response(actions.reveal_person_pii(person, actor=request.user))


class PostViewSet(RegisterViewSet):
    register = posts
    serializer_class = PostSerializer


class AttachmentViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """Evidence files: metadata here; the file itself through /files/<id>/ (checked and audited).
    Upload with multipart/form-data."""

    serializer_class = AttachmentSerializer
    parser_classes = [parsers.MultiPartParser]
    permission_classes = [permissions.IsAuthenticated]

    def get_queryset(self):
        if not self.request.user.has_perm("core.view_attachment"):
            return Attachment.objects.none()
        return Attachment.objects.visible_to(self.request.user).order_by("-id")

    @extend_schema(
        request=AttachmentUploadSerializer, responses={201: AttachmentSerializer}, summary="上传附件"
    )
    def create(self, request):
        from django.core.exceptions import PermissionDenied

        from fazhi.core import files
        from fazhi.core.file_views import owner_from_label

        if not request.user.has_perm("core.add_attachment"):
            raise PermissionDenied("无权上传附件")
        data = AttachmentUploadSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        owner = owner_from_label(request.user, data.validated_data["owner"])
        attachment = files.store(
            data.validated_data["file"],
            actor=request.user,
            org_unit=owner.org_unit,
            owner=owner,
            description=data.validated_data.get("description", ""),
        )
        return Response(AttachmentSerializer(attachment).data, status=201)
