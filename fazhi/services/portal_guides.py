"""The portal's service guides (办事指南) and the power and responsibility list (权责清单).
Owned by the service-list work."""

from __future__ import annotations

from django.http import Http404

from fazhi.portal.views import public


@public
def guide_list(request):
    raise Http404


@public
def guide_detail(request, pk: int):
    raise Http404


@public
def power_list(request):
    raise Http404
