"""The single window's demo step: the thirteen township items of the default
catalogue (promised within statutory, materials listed, published on 2023-01-03),
review posts each held by a person with a staff account, a year of 2023
applications with plausible figures, applications still open today (awaiting
acceptance, under review, paused, due soon, overdue), every step with its audit
event, loaded in a few seconds. The same draws on every run; a second run adds
nothing."""

from __future__ import annotations

import datetime as dt
import random
import time

import pytest
from django.utils import timezone

from fazhi.core import demo as core_demo
from fazhi.core.models import AuditEvent, Deadline, User
from fazhi.services.choices import ApplicationState, ItemStatus
from fazhi.services.demo import window as demo
from fazhi.services.models import Application, ClockPause, CompletenessNotice, ReviewTask, ServiceItem
from fazhi.services.statistics import window_figures

pytestmark = pytest.mark.django_db(transaction=False)


def _step_rng() -> random.Random:
    """The generator the loader gives the step (fazhi.core.demo.load)."""
    return random.Random(f"{core_demo.SEED}:{demo.single_window.__module__}.single_window")


@pytest.fixture(scope="module")
def loaded(django_db_setup, django_db_blocker):
    """The foundation (org tree, people, accounts) and the single window step, once for the module."""
    with django_db_blocker.unblock():
        from django.db import transaction

        # Rolled back at the end of the module, as a test's own transaction would be.
        atomic = transaction.atomic()
        atomic.__enter__()
        ctx = core_demo.load(out=lambda s: None, up_to=core_demo.FOUNDATION)
        ctx.rng = _step_rng()
        started = time.perf_counter()
        demo.single_window(ctx)
        print(f"\n[single window demo step] {time.perf_counter() - started:.2f}s")
        yield ctx
        transaction.set_rollback(True)
        atomic.__exit__(None, None, None)


def test_the_catalogue_has_the_thirteen_township_items(loaded):
    items = list(ServiceItem.objects.filter(org_unit=loaded.objects["town"]).prefetch_related("review_posts"))
    assert len(items) == 13
    assert all(i.status == ItemStatus.PUBLISHED and i.published_on == dt.date(2022, 1, 4) for i in items)
    assert all(i.statutory_days is None or i.promised_days <= i.statutory_days for i in items)
    assert all(len(i.material_list()) >= 3 and i.fees == "不收费" for i in items)
    assert all(i.location == "江口镇便民服务中心" for i in items)
    names = {i.name for i in items}
    assert {"农村村民宅基地审批", "乡村建设规划许可证核发", "特困人员认定", "人民调解服务"} <= names
    homestead = next(i for i in items if i.name == "农村村民宅基地审批")
    assert {p.name for p in homestead.review_posts.all()} == {"农业服务岗", "规划建设岗"}


def test_every_review_post_has_a_holder_with_a_staff_account(loaded):
    posts = {p for i in ServiceItem.objects.all() for p in i.review_posts.all()}
    assert len(posts) >= 6
    for post in posts:
        assert User.objects.filter(person__in=post.holders.all(), is_active=True).exists(), post.name
    printed = {u[0] for u in loaded.users}
    assert {"nongye", "guihua", "jiuzhu"} <= printed


def test_the_2023_figures_are_plausible(loaded):
    f = window_figures(loaded.objects["town"], 2023)
    assert f.items_listed == 13 and f.items_online >= 5 and f.items_zero_visit == 4
    assert 200 <= f.received <= 350
    assert f.accepted / f.received > 0.85
    assert 1 <= f.refused <= 20 and 1 <= f.withdrawn <= 15 and f.notices >= 20
    assert f.decided >= 170 and f.denied >= 1
    assert 0.9 <= f.on_time_statutory_rate < 1 and 0.75 <= f.on_time_promised_rate < f.on_time_statutory_rate
    assert 2 <= f.average_working_days <= 12
    assert 0.8 <= f.at_most_one_visit_share < 1 and f.zero_visit_share > 0.2
    assert 0.3 <= f.rated / f.ended <= 0.6 and f.good_rate > 0.85 and f.bad >= 1
    received_2023 = Application.objects.filter(submitted_on__year=2023)
    assert (
        received_2023.filter(submitted_on__month=1).exists()
        and received_2023.filter(submitted_on__month=12).exists()
    )
    assert window_figures(loaded.objects["town"], 2022).received >= 20


def test_the_steps_happened_pauses_extensions_and_joint_reviews_included(loaded):
    assert ClockPause.objects.filter(ended_on__isnull=False, days__gte=3).count() >= 3
    assert ClockPause.objects.filter(reason="hearing").exists()
    assert Application.objects.filter(extension_approved_on__isnull=False).count() >= 1
    assert ReviewTask.objects.filter(state="disagreed").exists()
    assert (
        CompletenessNotice.objects.count()
        == Application.objects.filter(notices__isnull=False).distinct().count()
    )
    # Every application went through the actions: one "received" event each.
    assert (
        AuditEvent.objects.filter(action="services.application.received").count()
        == Application.objects.count()
    )


def test_open_applications_show_on_the_workbench(loaded):
    today = timezone.localdate()
    open_apps = Application.objects.filter(
        submitted_on__gte=today - dt.timedelta(days=60), decided_on__isnull=True
    )
    states = set(open_apps.values_list("status", flat=True))
    assert {ApplicationState.RECEIVED, ApplicationState.NOTIFIED, ApplicationState.REVIEWING} <= states
    assert ClockPause.objects.filter(ended_on__isnull=True).count() == 1
    assert Application.objects.filter(status=ApplicationState.DECIDED, delivered_on__isnull=True).exists()
    deadlines = Deadline.objects.filter(closed_at__isnull=True, content_type__model="application")
    assert deadlines.filter(due_date__lt=today).count() >= 3  # overdue: acceptance, promise, statutory
    assert deadlines.filter(due_date__gte=today, due_date__lte=today + dt.timedelta(days=5)).exists()
    assert not Application.objects.filter(submitted_on__gt=today).exists()


def test_the_applications_are_those_the_seed_draws(loaded):
    ctx = core_demo.DemoContext(rng=_step_rng(), out=lambda s: None)
    drawn = demo.plans(ctx, loaded.objects["villages"])
    again = demo.plans(core_demo.DemoContext(rng=_step_rng(), out=lambda s: None), loaded.objects["villages"])
    key = [(p.code, p.data["applicant"], p.data["submitted_on"], p.end, p.decide_on, p.rating) for p in drawn]
    assert key == [(p.code, p.data["applicant"], p.data["submitted_on"], p.end, p.decide_on, p.rating)
                   for p in again]  # fmt: skip
    stored = Application.objects.values_list("item__code", "applicant", "submitted_on", "decided_on")
    assert sorted(stored) == sorted((p.code, p.data["applicant"], p.data["submitted_on"], p.decide_on)
                                    for p in drawn)  # fmt: skip


def test_a_second_run_adds_nothing(loaded):
    counts = (ServiceItem.objects.count(), Application.objects.count(), User.objects.count(),
              AuditEvent.objects.count())  # fmt: skip
    loaded.rng = _step_rng()
    demo.single_window(loaded)
    assert (ServiceItem.objects.count(), Application.objects.count(), User.objects.count(),
            AuditEvent.objects.count()) == counts  # fmt: skip
