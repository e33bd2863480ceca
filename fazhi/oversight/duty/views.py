"""Pages of the leaders' duty: the registers' generic pages, a task with its
progress, a plan with its tasks, the task board (挂图作战), completion per person,
the meetings list with the quarter warning, the meetings figures (per quarter and
per chairing leader) and the year's duty overview."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, render
from django.urls import path, reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from fazhi.core.forms import leaders_visible_to
from fazhi.core.models import Post
from fazhi.core.registers.views import (
    _sorted,
    detail_context,
    figures_scope,
    figures_year,
    register_urls,
    require,
    step_posted,
)
from fazhi.law import RuleError
from fazhi.oversight import statistics_duty as stats
from fazhi.oversight.choices import MeetingKind, TaskStatus
from fazhi.oversight.duty import actions
from fazhi.oversight.duty.definitions import (
    admonitions,
    conduct_trainings,
    duty_reports,
    group_members,
    meetings,
    officer_assessments,
    officer_posts,
    plans,
    tasks,
)
from fazhi.oversight.duty.filters import BOARD_STATES
from fazhi.oversight.duty.forms import ProgressForm

ERRORS = (RuleError, ValidationError, PermissionDenied)
DUE_SOON_DAYS = 7  # a card shows "即将到期" this many days ahead
BOARD_LIMIT = 500  # a town's plan has dozens of tasks; the board shows at most this many


def _years() -> range:
    return range(timezone.localdate().year + 1, 2019, -1)


# -- tasks and plans ------------------------------------------------------------------------------


def task_detail(request, pk: int):
    require(tasks, request, "view")
    task = get_object_or_404(tasks.queryset(request.user), pk=pk)
    ctx = detail_context(request, tasks, task)
    ctx.update(
        progress=list(task.progress.select_related("by").order_by("-on", "-at", "-id")),
        progress_form=ProgressForm(task=task) if task.status != TaskStatus.DONE and actions.may_report(request.user, task)
        else None,
        overdue=task.is_overdue(),
    )  # fmt: skip
    return render(request, "oversight/tasks_detail.html", ctx)


@require_POST
def task_progress(request, pk: int):
    require(tasks, request, "view")
    task = get_object_or_404(tasks.queryset(request.user), pk=pk)
    form = ProgressForm(request.POST, task=task)
    return step_posted(request, task, form, lambda data: actions.report_progress(task, actor=request.user, **data),
                       "已填报任务进展")  # fmt: skip


def plan_detail(request, pk: int):
    require(plans, request, "view")
    plan = get_object_or_404(plans.queryset(request.user), pk=pk)
    ctx = detail_context(request, plans, plan)
    today = timezone.localdate()
    rows = tasks.queryset(request.user).filter(plan=plan)[:BOARD_LIMIT]
    labels = dict(BOARD_STATES)
    ctx.update(tasks=[(t, t.board_status(today), labels[t.board_status(today)]) for t in rows],
               can_add_task=tasks.can(request.user, "add"))  # fmt: skip
    return render(request, "oversight/plans_detail.html", ctx)


def _month_columns(items: list, year: int) -> list[tuple[str, list]]:
    """The board by month of deadline: one column per month of the year, with what is due
    earlier or later gathered at the ends."""
    columns: dict[str, list] = {"此前": []}
    columns.update({f"{m}月": [] for m in range(1, 13)})
    columns["此后"] = []
    for task, state in items:
        due = task.due_on
        key = "此前" if due.year < year else "此后" if due.year > year else f"{due.month}月"
        columns[key].append((task, state))
    return [(k, v) for k, v in columns.items() if v or k not in ("此前", "此后")]


def taskboard(request):
    """挂图作战: the year's tasks by status (or by month of deadline), for a leader or a post."""
    require(tasks, request, "view")
    year, today = figures_year(request), timezone.localdate()
    qs = tasks.queryset(request.user).filter(plan__year=year)
    leaders = list(leaders_visible_to(request.user))
    posts = list(
        Post.objects.visible_to(request.user).select_related("org_unit").order_by("org_unit__path", "code")
    )
    leader = next((u for u in leaders if str(u.pk) == request.GET.get("leader")), None)
    post = next((p for p in posts if str(p.pk) == request.GET.get("post")), None)
    if leader is not None:
        qs = qs.filter(lead_leader=leader)
    if post is not None:
        qs = qs.filter(responsible_post=post)
    items = [(t, t.board_status(today)) for t in qs.order_by("due_on", "position", "id")[:BOARD_LIMIT]]
    group = "month" if request.GET.get("group") == "month" else "status"
    if group == "month":
        columns = _month_columns(items, year)
    else:
        columns = [(label, [i for i in items if i[1] == key]) for key, label in BOARD_STATES]
    counts = [(key, label, sum(1 for i in items if i[1] == key)) for key, label in BOARD_STATES]
    return render(request, "oversight/taskboard.html", {
        "year": year, "years": _years(), "columns": columns, "group": group, "leaders": leaders, "posts": posts,
        "leader": leader, "post": post, "counts": counts, "total": len(items),
        "plan_list": plans.filtered_url(year=year), "can_add": tasks.can(request.user, "add"),
        "truncated": len(items) == BOARD_LIMIT, "soon": today + dt.timedelta(days=DUE_SOON_DAYS),
    })  # fmt: skip


def task_completion(request):
    """Tasks done on time, late and open, per lead leader and per post (cadre assessment)."""
    unit, year = figures_scope(request, tasks)
    report = stats.task_completion(unit, year)
    return render(request, "oversight/tasks_completion.html", {
        "unit": unit, "year": year, "years": _years(), "report": report,
        "list_url": tasks.filtered_url(year=year, org_unit=unit.pk),
    })  # fmt: skip


# -- meetings ---------------------------------------------------------------------------------------


def meeting_list(request):
    """The meetings register's list, with the warning of the selected year's quarters
    (the current year when none is selected) that ended without a special meeting."""
    require(meetings, request, "view")
    fs, qs = meetings.filtered(request.user, request.GET)
    sort = request.GET.get("sort", "")
    page = Paginator(_sorted(meetings, qs, sort), meetings.page_size).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    year = fs.form.cleaned_data.get("year") if fs.is_valid() else None
    year = int(year) if year else timezone.localdate().year
    unit = request.user.org_unit
    ctx = {
        "register": meetings, "filter": fs, "page": page, "query": query.urlencode(), "sort": sort,
        "rows": [(obj, [c.value(obj) for c in meetings.columns]) for obj in page.object_list],
        "can_add": meetings.can(request.user, "add"), "can_change": meetings.can(request.user, "change"),
        "can_import": meetings.can(request.user, "add") and meetings.can(request.user, "change"),
        "quarters": stats.meeting_quarters(unit, year) if unit is not None else None,
        "figures_url": f"{reverse('oversight:meetings-figures')}?year={year}",
    }  # fmt: skip
    template = "oversight/meetings_table.html" if request.htmx else "oversight/meetings_list.html"
    return render(request, template, ctx)


def meeting_figures(request):
    """Special meetings per quarter and the meetings each leader chaired, for a year."""
    unit, year = figures_scope(request, meetings)
    chaired = stats.meetings_chaired(unit, year)
    return render(request, "oversight/meetings_figures.html", {
        "unit": unit, "year": year, "years": _years(), "quarters": stats.meeting_quarters(unit, year),
        "chaired": chaired, "kinds": MeetingKind.choices,
        "kind_totals": [sum(c.by_kind.get(k, 0) for c in chaired) for k in MeetingKind.values],
        "list_url": meetings.filtered_url(year=year, org_unit=unit.pk),
        "special_url": meetings.filtered_url(year=year, kind=MeetingKind.SPECIAL, org_unit=unit.pk),
    })  # fmt: skip


# -- the year's duty overview -------------------------------------------------------------------------


def duty_overview(request):
    """第一责任人履职: the year's plan, leading group, meetings, tasks, talks and reports, and
    the officers' training and exam (row 7), each linked to the list it counts."""
    unit, year = figures_scope(request, tasks)
    summary = stats.duty_summary(unit, year)
    training = stats.officer_training(unit, year)
    scope = {"org_unit": unit.pk}
    rows = [
        ("年度工作计划", str(summary.plan) if summary.plan else "未登记", plans.filtered_url(year=year, **scope)),
        ("领导小组组长", "、".join(summary.heads) or "未登记", group_members.filtered_url(year=year, **scope)),
        ("领导小组成员", f"{summary.group_members}人", group_members.filtered_url(year=year, **scope)),
        ("法治建设专题会议", f"{summary.special_meetings}次" + ("（每季度均召开）" if summary.quarters.every_quarter else ""),
         meetings.filtered_url(year=year, kind=MeetingKind.SPECIAL, **scope)),
        ("年度任务", f"{summary.tasks.total}项：按期完成{summary.tasks.on_time}项、逾期完成{summary.tasks.late}项、"
                    f"未完成{summary.tasks.open}项", tasks.filtered_url(year=year, **scope)),
        ("约谈", f"{summary.admonitions}人次", admonitions.filtered_url(year=year, **scope)),
        ("述职述法", f"{summary.duty_reports}次", duty_reports.filtered_url(year=year, **scope)),
        ("持证执法人员", f"{training.certified}名", officer_posts.filtered_url(year=year, **scope)),
        ("完成年度在线培训且考试合格", f"{training.trained_and_passed}名" + ("（均完成）" if training.all_done else ""),
         officer_assessments.filtered_url(year=year, **scope)),
    ]  # fmt: skip
    return render(request, "oversight/duty_overview.html", {
        "unit": unit, "year": year, "years": _years(), "rows": rows, "quarters": summary.quarters,
        "training": training, "trainings_url": conduct_trainings.filtered_url(year=year, **scope),
    })  # fmt: skip


urlpatterns = [
    path("tasks/board/", taskboard, name="tasks-board"),
    path("tasks/completion/", task_completion, name="tasks-completion"),
    path("tasks/<int:pk>/progress/", task_progress, name="tasks-progress"),
    path("meetings/figures/", meeting_figures, name="meetings-figures"),
    path("duty/", duty_overview, name="duty-overview"),
    *register_urls(plans, detail=plan_detail),
    *register_urls(tasks, detail=task_detail),
    *register_urls(meetings, list=meeting_list),
    *register_urls(group_members),
    *register_urls(admonitions),
    *register_urls(duty_reports),
    *register_urls(officer_posts),
    *register_urls(conduct_trainings),
    *register_urls(officer_assessments),
]
