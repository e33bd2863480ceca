from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import update_session_auth_hash
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.contrib.auth.forms import PasswordChangeForm
from django.db import transaction
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST
from django_otp import login as otp_login

from fazhi.core import actions, audit, deadlines, live
from fazhi.core import workbench as workbench_panels
from fazhi.core.auth_forms import LoginForm
from fazhi.core.definitions import people
from fazhi.core.navigation import BY_KEY, registers_of
from fazhi.core.passwords import password_change_required


class LoginView(auth_views.LoginView):
    template_name = "core/login.html"
    redirect_authenticated_user = True
    form_class = LoginForm

    def form_valid(self, form):
        response = super().form_valid(form)
        if form.otp_device is not None:
            otp_login(self.request, form.otp_device)
        return response


login_view = login_not_required(LoginView.as_view())


def _deadline_lists(request) -> dict:
    """The workbench's two lists: overdue, and due within FAZHI_WORKBENCH_DAYS."""
    from django.conf import settings

    from fazhi.core.workdays import CalendarNotCovered

    calendar_warning = ""
    try:
        overdue, due_soon = deadlines.due_soon_for(request.user)
    except CalendarNotCovered as exc:
        # Without the year's holiday notice, working days cannot be counted: say
        # so, and still list what is overdue by its stored date.
        calendar_warning = str(exc)
        overdue, due_soon = deadlines.due_soon_for(request.user, working_days=0)
    return {
        "overdue": list(overdue[:100]),
        "due_soon": list(due_soon[:100]),
        "today": timezone.localdate(),
        "workbench_days": settings.FAZHI_WORKBENCH_DAYS,
        "calendar_warning": calendar_warning,
    }


def workbench(request):
    from django.conf import settings

    ctx = {
        **_deadline_lists(request),
        "panels": workbench_panels.panels_for(request.user),
        "live_after": live.latest_id(),
        "live_poll_seconds": settings.FAZHI_LIVE_POLL_SECONDS,
    }
    return render(request, "core/workbench.html", ctx)


def workbench_deadlines(request):
    """The two lists again, for htmx when the unit's deadlines changed."""
    return render(request, "core/_workbench_deadlines.html", _deadline_lists(request))


def module_view(request, module: str):
    mod = BY_KEY.get(module)
    if mod is None:
        raise Http404
    return render(
        request, "core/module.html", {"module": mod, "registers": registers_of(module, request.user)}
    )


def password_change(request):
    form = PasswordChangeForm(request.user, request.POST or None)
    for f in form.fields.values():
        f.widget.attrs["class"] = "form-control"
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            user = form.save()
            user.must_change_password = False
            user.password_changed_at = timezone.now()
            user.save(update_fields=["must_change_password", "password_changed_at"])
            audit.record(
                actor=user, action="core.user.password_changed", target=user, target_repr=user.username
            )
        update_session_auth_hash(request, user)
        messages.success(request, "密码已修改")
        return redirect("workbench")
    return render(
        request, "core/password_change.html", {"form": form, "forced": password_change_required(request.user)}
    )


@require_POST
def person_reveal(request, pk: int):
    person = get_object_or_404(people.queryset(request.user), pk=pk)
    values = actions.reveal_person_pii(person, actor=request.user)
    return render(request, "core/_person_pii.html", {"values": values})


def csrf_failure(request, reason: str = ""):
    return render(request, "403_csrf.html", status=403)
