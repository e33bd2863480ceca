"""The applicant's side on the portal: status and rating by receipt code. Owned by the portal work."""

from __future__ import annotations

from django.contrib.auth.decorators import login_not_required
from django.http import Http404


@login_not_required
def status_lookup(request):
    raise Http404


@login_not_required
def status_rate(request):
    raise Http404
