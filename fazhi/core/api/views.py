from drf_spectacular.utils import extend_schema
from rest_framework.decorators import action
from rest_framework.response import Response

from fazhi.core import actions
from fazhi.core.api.base import RegisterViewSet
from fazhi.core.api.serializers import OrgUnitSerializer, PersonSerializer, PostSerializer, RevealSerializer
from fazhi.core.definitions import org_units, people, posts


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
