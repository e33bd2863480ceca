"""The rules of the single window (fazhi/services/actions/window.py): the list, receipt,
the one-time notice, acceptance, joint review, the decision, delivery, withdrawal and
the applicant's rating. Every refusal is checked for its code or words and for
leaving nothing behind: no change to the application, no audit event.

Dates are in 2023, whose calendar (seeded from the State Council notice) has
2023-09-29..10-06 off and Saturday 10-07 and Sunday 10-08 worked."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from fazhi.core import audit
from fazhi.core.models import AuditEvent
from fazhi.core.tests.factories import town, user_with_role, valid_resident_id
from fazhi.law import RuleError
from fazhi.services.actions import window as actions
from fazhi.services.choices import (
    ApplicationChannel,
    ApplicationOutcome,
    ApplicationState,
    DeliveryMethod,
    ItemStatus,
    OpinionState,
)
from fazhi.services.models import Application, ClockPause, CompletenessNotice, ReviewTask, ServiceItem
from fazhi.services.models.window import RECEIPT_ALPHABET, format_receipt_code, normalize_receipt_code
from fazhi.services.tests.factories_window import (
    accepted,
    clerk_of,
    item_data,
    leader_of,
    make_application,
    make_item,
    reviewer_of,
)

pytestmark = pytest.mark.django_db

D = dt.date
S = ApplicationState
FOUR = "申请人居民身份证\n申请书\n户口簿\n房屋权属证明"


# -- helpers ------------------------------------------------------------------------------------


def state_of(app: Application) -> tuple:
    """What the application and its side records hold in the database now."""
    row = Application.objects.filter(pk=app.pk).values().get()
    return (
        row,
        list(CompletenessNotice.objects.filter(application=app).values_list("pk", flat=True)),
        list(ReviewTask.objects.filter(application=app).values_list("pk", "state")),
        list(ClockPause.objects.filter(application=app).values_list("pk", "ended_on")),
    )


def refused(call, *, code: str | None = None, match: str | None = None, app: Application | None = None,
            error: type[Exception] = RuleError) -> Exception:  # fmt: skip
    """Run a step that must be refused; check that it wrote nothing."""
    events = AuditEvent.objects.count()
    before = state_of(app) if app is not None else None
    with pytest.raises(error) as caught:
        call()
    assert AuditEvent.objects.count() == events, "a refused step wrote an audit event"
    if app is not None:
        assert state_of(app) == before, "a refused step changed the application"
    if code is not None:
        assert caught.value.code == code
    if match is not None:
        assert match in str(caught.value)
    return caught.value


def event(app: Application, verb: str) -> AuditEvent:
    return AuditEvent.objects.get(action=f"services.application.{verb}", target_id=str(app.pk))


def routed(town_unit, posts: int = 2, **extra) -> Application:
    """Accepted on Mon 2023-09-25 and routed the next day to `posts` review posts."""
    item = make_item(town_unit, review_posts=posts, **extra)
    app = accepted(item, on=D(2023, 9, 25))
    return actions.route(app, actor=clerk_of(town_unit), on=D(2023, 9, 26))


def agree_all(app: Application, on: D | None = None, but: int = 0) -> None:
    """Every pending post agrees (on 2023-09-27 unless told), but the last `but` ones."""
    tasks = list(app.reviews.select_related("post").filter(state=OpinionState.PENDING).order_by("id"))
    on = on or D(2023, 9, 27)
    for task in tasks[: len(tasks) - but]:
        actions.give_opinion(task, actor=reviewer_of(task.post), agree=True, on=on)


# -- the list (政务服务事项清单) ---------------------------------------------------------------------


def test_the_promise_may_not_exceed_the_statutory_limit(town_a):
    data = item_data(town_a, statutory_days=20, promised_days=25)
    error = refused(lambda: actions.create_item(actor=clerk_of(town_a), data=data), error=ValidationError)
    assert (
        "承诺办结时限（25个工作日）不能超过法定办结时限（20个工作日）" in error.message_dict["promised_days"]
    )
    assert not ServiceItem.objects.exists()


def test_an_edit_may_not_raise_the_promise_above_the_statutory_limit(town_a):
    item = make_item(town_a)
    refused(lambda: actions.update_item(item, actor=clerk_of(town_a), data={"promised_days": 21}),
            error=ValidationError, match="不能超过法定办结时限")  # fmt: skip
    item.refresh_from_db()
    assert item.promised_days == 15


def test_an_item_without_a_statutory_limit_keeps_its_own_promise(town_a):
    item = make_item(town_a, statutory_days=None, promised_days=30)
    assert item.status == ItemStatus.PUBLISHED and item.time_limit_text == "法定无，承诺30个工作日"


def test_a_viewer_may_not_add_to_the_list(town_a, officer_town_a):
    refused(lambda: actions.create_item(actor=officer_town_a, data=item_data(town_a)),
            error=PermissionDenied, match="新增政务服务事项")  # fmt: skip


def test_only_the_office_and_leaders_publish(town_a):
    item = make_item(town_a, publish=False)
    refused(lambda: actions.publish_item(item, actor=clerk_of(town_a), on=D(2023, 1, 3)),
            error=PermissionDenied, match="公布政务服务事项")  # fmt: skip
    office = user_with_role("fzb_a", "rule_of_law_office", town_a)
    item = actions.publish_item(item, actor=office, on=D(2023, 1, 3))
    assert (item.status, item.published_on) == (ItemStatus.PUBLISHED, D(2023, 1, 3))
    assert AuditEvent.objects.filter(action="services.serviceitem.published", actor_id=office.pk).count() == 1
    refused(lambda: actions.publish_item(item, actor=office), code="already_published")


def test_an_item_without_materials_is_not_published(town_a):
    item = make_item(town_a, publish=False, materials="")
    error = refused(lambda: actions.publish_item(item, actor=leader_of(town_a), on=D(2023, 1, 3)),
                    error=ValidationError)  # fmt: skip
    assert "公布的事项须列明申请材料（一次性告知以此为准）" in error.message_dict["materials"]


def test_a_draft_item_takes_no_application(town_a):
    item = make_item(town_a, publish=False)
    refused(lambda: make_application(item), code="item_not_listed", match="清单之外无审批")
    assert not Application.objects.exists()


def test_an_application_dated_before_the_item_was_listed_is_refused(town_a):
    item = make_item(town_a)  # published 2022-01-04
    refused(lambda: make_application(item, submitted_on=D(2021, 12, 31)), code="item_not_listed",
            match="公布日期（2022-01-04）")  # fmt: skip
    assert make_application(item, submitted_on=D(2022, 1, 4)).number == "2022-00001"


def test_a_withdrawn_item_takes_no_new_application_but_those_made_go_on(town_a):
    running = routed(town_a, posts=1)
    item = running.item
    refused(lambda: actions.withdraw_item(item, actor=leader_of(town_a), reason=" "), code="reason_required")
    refused(lambda: actions.withdraw_item(item, actor=clerk_of(town_a), reason="事项调整"),
            error=PermissionDenied, match="停用政务服务事项")  # fmt: skip
    item = actions.withdraw_item(item, actor=leader_of(town_a), reason="上级取消该事项")
    assert item.status == ItemStatus.WITHDRAWN
    refused(lambda: make_application(item), code="item_not_listed", match="不在已公布的政务服务事项清单内")
    agree_all(running)
    app = actions.decide(
        running, actor=clerk_of(town_a), outcome=ApplicationOutcome.APPROVED, on=D(2023, 9, 28)
    )
    app = actions.deliver(app, actor=clerk_of(town_a), method=DeliveryMethod.POST, on=D(2023, 10, 7))
    assert app.status == S.DELIVERED


# -- receipt (收件) -----------------------------------------------------------------------------------


def test_numbers_run_per_town_and_year(town_a, town_b):
    item_a, item_b = make_item(town_a), make_item(town_b)
    numbers = [
        make_application(item_a, submitted_on=D(2023, 3, 1)).number,
        make_application(item_a, submitted_on=D(2023, 3, 2)).number,
        make_application(item_b, submitted_on=D(2023, 3, 2)).number,
        make_application(item_a, submitted_on=D(2024, 1, 2)).number,
        make_application(item_a, submitted_on=D(2023, 12, 29)).number,
    ]
    assert numbers == ["2023-00001", "2023-00002", "2023-00001", "2024-00001", "2023-00003"]


def test_receipt_codes_are_unique_and_read_back_however_typed(town_a):
    item = make_item(town_a)
    codes = [make_application(item).receipt_code for _ in range(12)]
    assert len(set(codes)) == 12
    for code in codes:
        assert len(code) == 12 and set(code) <= set(RECEIPT_ALPHABET)
        typed = " " + format_receipt_code(code).lower().replace("-", " - ") + " "
        assert normalize_receipt_code(typed) == code


def test_coming_to_the_window_is_a_visit_applying_online_is_not(town_a):
    item = make_item(town_a)
    assert make_application(item, channel=ApplicationChannel.WINDOW).visit_count == 1
    assert make_application(item, channel=ApplicationChannel.ONLINE).visit_count == 0
    assert make_application(item, channel=ApplicationChannel.AGENT).visit_count == 0


def test_receipt_is_audited_with_the_personal_data_masked(town_a):
    number = valid_resident_id()
    app = make_application(make_item(town_a), id_number=number, address="江口镇滨江路8号")
    ev = event(app, "received")
    assert ev.actor_id == clerk_of(town_a).pk and ev.target_type == "services.application"
    assert number not in ev.new_values and "13800001234" not in ev.new_values and "谭**" in ev.new_values
    assert ev.org_unit_id == town_a.pk


def test_another_towns_item_is_not_received(town_a, town_b):
    item = make_item(town_a)
    refused(lambda: actions.receive_application(actor=clerk_of(town_b), data={
        "item": item, "applicant": "谭德明", "submitted_on": D(2023, 9, 25)}), error=PermissionDenied)  # fmt: skip
    assert not Application.objects.exists()


def test_a_material_not_on_the_list_is_not_received(town_a):
    item = make_item(town_a)
    error = refused(lambda: make_application(item, materials=["结婚证"]), error=ValidationError)
    assert "以下材料不在该事项的申请材料清单中：结婚证" in error.message_dict["received_materials"]


def test_a_viewer_receives_nothing(town_a, officer_town_a):
    item = make_item(town_a)
    refused(lambda: actions.receive_application(actor=officer_town_a, data={
        "item": item, "applicant": "谭德明", "submitted_on": D(2023, 9, 25)}),
        error=PermissionDenied, match="收件登记")  # fmt: skip


# -- the one-time notice (一次性告知) -------------------------------------------------------------


def test_a_notice_lists_every_missing_material_at_once(town_a):
    item = make_item(town_a, materials=FOUR)
    app = make_application(item, materials=["申请书"])
    notice = actions.issue_notice(app, actor=clerk_of(town_a), other="申请书须本人签名", on=D(2023, 9, 26))
    assert notice.missing == ["申请人居民身份证", "户口簿", "房屋权属证明"]
    notice.refresh_from_db()
    assert notice.missing == ["申请人居民身份证", "户口簿", "房屋权属证明"] and notice.revision == 1
    app.refresh_from_db()
    assert app.status == S.NOTIFIED
    ev = event(app, "notified")
    assert ev.message == "申请人居民身份证；户口簿；房屋权属证明；申请书须本人签名"
    assert '"missing":["申请人居民身份证","户口簿","房屋权属证明"]' in ev.new_values


def test_the_notice_keeps_its_list_when_the_item_changes(town_a):
    item = make_item(town_a, materials=FOUR)
    app = make_application(item, materials=[])
    notice = actions.issue_notice(app, actor=clerk_of(town_a), on=D(2023, 9, 26))
    actions.update_item(item, actor=clerk_of(town_a), data={"materials": "申请书"})
    notice.refresh_from_db()
    assert len(notice.missing) == 4


def test_the_notice_is_due_within_five_working_days_across_the_national_day(town_a):
    item = make_item(town_a, materials=FOUR)
    # Received Wed 2023-09-27. Working days after it: 09-28 (1), [09-29..10-06 off],
    # Sat 10-07 (2) and Sun 10-08 (3) worked, 10-09 (4), 10-10 (5): the last day is 10-10.
    late = make_application(item, materials=[], submitted_on=D(2023, 9, 27))
    assert late.acceptance_due_on == D(2023, 10, 10)
    refused(lambda: actions.issue_notice(late, actor=clerk_of(town_a), on=D(2023, 10, 11)), app=late,
            code="notice_too_late", match="本件最迟2023-10-10")  # fmt: skip
    error = refused(lambda: actions.issue_notice(late, actor=clerk_of(town_a), on=D(2023, 10, 11)))
    assert error.citation == "行政许可法第三十二条"
    on_time = make_application(item, materials=[], submitted_on=D(2023, 9, 27))
    notice = actions.issue_notice(on_time, actor=clerk_of(town_a), on=D(2023, 10, 10))
    assert notice.issued_on == D(2023, 10, 10)


def test_a_notice_before_receipt_is_refused(town_a):
    app = make_application(make_item(town_a), materials=[], submitted_on=D(2023, 9, 26))
    refused(lambda: actions.issue_notice(app, actor=clerk_of(town_a), on=D(2023, 9, 25)), app=app,
            code="date_order")  # fmt: skip


def test_a_second_notice_waits_for_the_applicant_to_change_the_application(town_a):
    app = make_application(make_item(town_a, materials=FOUR), materials=["申请书"])
    clerk = clerk_of(town_a)
    actions.issue_notice(app, actor=clerk, on=D(2023, 9, 26))
    refused(lambda: actions.issue_notice(app, actor=clerk, other="补充说明", on=D(2023, 9, 27)), app=app,
            code="notice_once", match="申请人未补正或变更申请的，不得再次告知（行政许可法第三十二条）")  # fmt: skip
    # A change on the window's side (who handles it) is not the applicant's change.
    app = actions.update_application(app, actor=clerk, data={"handler": leader_of(town_a)})
    assert app.revision == 1
    refused(lambda: actions.issue_notice(app, actor=clerk, on=D(2023, 9, 27)), app=app, code="notice_once")
    app = actions.update_application(app, actor=clerk, data={"content": "申请内容已更正"})
    assert app.revision == 2
    second = actions.issue_notice(app, actor=clerk, on=D(2023, 9, 27))
    assert second.revision == 2 and second.missing == ["申请人居民身份证", "户口簿", "房屋权属证明"]


def test_supplied_materials_open_a_new_notice_for_what_is_still_missing(town_a):
    app = make_application(make_item(town_a, materials=FOUR), materials=[])
    clerk = clerk_of(town_a)
    actions.issue_notice(app, actor=clerk, on=D(2023, 9, 26))
    app = actions.supplement(
        app, actor=clerk, materials=["户口簿", "申请书"], on=D(2023, 9, 28), in_person=True
    )
    assert (app.status, app.revision, app.supplemented_on, app.visit_count) == (
        S.RECEIVED,
        2,
        D(2023, 9, 28),
        2,
    )
    assert app.received_materials == ["申请书", "户口簿"]  # in the item's order
    # The five working days run again from the supplement: 09-28 → 10-11.
    assert app.acceptance_due_on == D(2023, 10, 11)
    second = actions.issue_notice(app, actor=clerk, on=D(2023, 10, 11))
    assert second.missing == ["申请人居民身份证", "房屋权属证明"]


def test_a_supplement_must_bring_something_on_the_list(town_a):
    app = make_application(make_item(town_a), materials=["申请书"])
    clerk = clerk_of(town_a)
    refused(lambda: actions.supplement(app, actor=clerk, materials=["结婚证"], on=D(2023, 9, 26)), app=app,
            code="material_unknown", match="结婚证")  # fmt: skip
    refused(lambda: actions.supplement(app, actor=clerk, materials=["申请书"], on=D(2023, 9, 26)), app=app,
            code="nothing_supplied")  # fmt: skip


def test_no_notice_when_nothing_is_missing(town_a):
    app = make_application(make_item(town_a))
    refused(lambda: actions.issue_notice(app, actor=clerk_of(town_a), on=D(2023, 9, 26)), app=app,
            code="nothing_missing")  # fmt: skip


# -- acceptance (受理) ----------------------------------------------------------------------------


def test_an_incomplete_application_is_not_accepted(town_a):
    app = make_application(make_item(town_a), materials=["申请书"])
    refused(lambda: actions.accept(app, actor=clerk_of(town_a), on=D(2023, 9, 26)), app=app,
            code="materials_missing", match="缺少：申请人居民身份证。请出具一次性告知书（行政许可法第三十二条）")  # fmt: skip


def test_an_application_left_without_a_notice_is_accepted_from_receipt(town_a):
    item = make_item(town_a)
    # Received Mon 09-25; five working days: 09-26, 09-27, 09-28, 10-07, 10-08.
    on_the_last_day = actions.accept(make_application(item), actor=clerk_of(town_a), on=D(2023, 10, 8))
    assert on_the_last_day.accepted_on == D(2023, 10, 8)
    late = actions.accept(make_application(item), actor=clerk_of(town_a), on=D(2023, 10, 9))
    assert late.accepted_on == D(2023, 9, 25)
    assert "起即为受理（行政许可法第三十二条）" in event(late, "accepted").message


def test_an_incomplete_application_left_without_a_notice_is_accepted_all_the_same(town_a):
    # Past the five working days the law has accepted it from receipt (第32条): the
    # window can no longer ask for the missing material, and says so in the record.
    app = make_application(make_item(town_a), materials=["申请书"])
    refused(lambda: actions.issue_notice(app, actor=clerk_of(town_a), on=D(2023, 10, 9)), app=app,
            code="notice_too_late")  # fmt: skip
    app = actions.accept(app, actor=clerk_of(town_a), on=D(2023, 10, 9))
    assert (app.status, app.accepted_on) == (ApplicationState.ACCEPTED, D(2023, 9, 25))
    assert "逾期未告知补正的材料：申请人居民身份证" in event(app, "accepted").message


def test_after_a_supplement_the_deemed_acceptance_runs_from_the_supplement(town_a):
    app = make_application(make_item(town_a), materials=["申请书"], submitted_on=D(2023, 9, 20))
    clerk = clerk_of(town_a)
    actions.issue_notice(app, actor=clerk, on=D(2023, 9, 21))
    actions.supplement(app, actor=clerk, materials=["申请人居民身份证"], on=D(2023, 9, 25))
    app = actions.accept(app, actor=clerk, on=D(2023, 10, 9))
    assert app.accepted_on == D(2023, 9, 25)


def test_a_notified_application_is_accepted_only_after_the_supplement(town_a):
    app = make_application(make_item(town_a), materials=["申请书"])
    actions.issue_notice(app, actor=clerk_of(town_a), on=D(2023, 9, 26))
    refused(lambda: actions.accept(app, actor=clerk_of(town_a), on=D(2023, 9, 26)), app=app,
            code="transition_forbidden", match="办件当前状态为“已一次性告知待补正”，不能受理")  # fmt: skip


def test_a_refusal_gives_its_reason(town_a):
    app = make_application(make_item(town_a), materials=[])
    clerk = clerk_of(town_a)
    refused(lambda: actions.refuse(app, actor=clerk, reason="  ", on=D(2023, 9, 26)), app=app,
            code="reason_required", match="不予受理须书面说明理由（行政许可法第三十二条）")  # fmt: skip
    app = actions.refuse(app, actor=clerk, reason="申请事项不属于本镇职权范围", on=D(2023, 9, 26))
    assert (app.status, app.refused_on, app.refusal_reason) == (
        S.REFUSED,
        D(2023, 9, 26),
        "申请事项不属于本镇职权范围",
    )
    assert event(app, "refused").message == "申请事项不属于本镇职权范围"
    refused(lambda: actions.accept(app, actor=clerk, on=D(2023, 9, 27)), app=app, code="transition_forbidden")


def test_a_viewer_takes_no_step(town_a, officer_town_a):
    app = make_application(make_item(town_a))
    refused(lambda: actions.accept(app, actor=officer_town_a, on=D(2023, 9, 26)), app=app,
            error=PermissionDenied, match="您没有受理办件的权限")  # fmt: skip


# -- joint review (联审会签) and the decision ---------------------------------------------------------


def test_routing_makes_one_task_per_review_post(town_a):
    app = routed(town_a, posts=3)
    tasks = list(app.reviews.order_by("id"))
    assert len(tasks) == 3 and {t.state for t in tasks} == {OpinionState.PENDING}
    assert {t.post_id for t in tasks} == set(app.item.review_posts.values_list("pk", flat=True))
    assert (app.status, app.routed_on) == (S.REVIEWING, D(2023, 9, 26))
    assert event(app, "routed").actor_id == clerk_of(town_a).pk


def test_an_item_without_review_posts_is_not_routed(town_a):
    app = accepted(make_item(town_a))
    refused(lambda: actions.route(app, actor=clerk_of(town_a), on=D(2023, 9, 26)), app=app,
            code="no_review_posts")  # fmt: skip


@pytest.mark.parametrize("posts", [2, 3])
def test_no_decision_before_every_post_has_given_its_opinion(town_a, posts):
    app = routed(town_a, posts=posts)
    clerk = clerk_of(town_a)
    names = [t.post.name for t in app.reviews.select_related("post").order_by("id")]

    def decide():
        return actions.decide(app, actor=clerk, outcome=ApplicationOutcome.APPROVED, on=D(2023, 10, 9))

    refused(decide, app=app, code="opinions_pending", match="尚未出具意见：" + "、".join(names))
    agree_all(app, but=1)
    error = refused(decide, app=app, code="opinions_pending")
    assert str(error).endswith("尚未出具意见：" + names[-1])
    agree_all(app)  # the last one
    app = decide()
    assert (app.status, app.decided_on, app.outcome) == (
        S.DECIDED,
        D(2023, 10, 9),
        ApplicationOutcome.APPROVED,
    )


def test_no_decision_before_routing(town_a):
    app = accepted(make_item(town_a, review_posts=2))
    refused(lambda: actions.decide(app, actor=clerk_of(town_a), outcome=ApplicationOutcome.APPROVED,
                                   on=D(2023, 9, 28)), app=app, code="not_routed", match="请先分送会签岗位")  # fmt: skip


def test_only_a_holder_of_the_post_gives_its_opinion_and_once(town_a):
    app = routed(town_a, posts=2)
    first, second = app.reviews.select_related("post").order_by("id")
    for outsider in (reviewer_of(second.post), clerk_of(town_a)):
        refused(lambda u=outsider: actions.give_opinion(first, actor=u, agree=True, on=D(2023, 9, 27)), app=app,
                error=PermissionDenied, match=f"只有“{first.post.name}”的在岗人员")  # fmt: skip
    holder = reviewer_of(first.post)
    task = actions.give_opinion(first, actor=holder, agree=True, opinion="符合条件", on=D(2023, 9, 27))
    assert (task.state, task.reviewer, task.given_on) == (OpinionState.AGREED, holder, D(2023, 9, 27))
    ev = event(app, "countersigned")
    assert ev.actor_id == holder.pk and ev.message == f"{first.post.name}：同意"
    refused(lambda: actions.give_opinion(first, actor=holder, agree=False, opinion="改变主意", on=D(2023, 9, 28)),
            app=app, code="opinion_given")  # fmt: skip


def test_disagreeing_gives_reasons(town_a):
    app = routed(town_a, posts=1)
    task = app.reviews.select_related("post").get()
    holder = reviewer_of(task.post)
    refused(lambda: actions.give_opinion(task, actor=holder, agree=False, on=D(2023, 9, 27)), app=app,
            code="reason_required", match="不同意的，须写明审查意见和理由")  # fmt: skip
    task = actions.give_opinion(
        task, actor=holder, agree=False, opinion="选址不符合村庄规划", on=D(2023, 9, 27)
    )
    assert task.state == OpinionState.DISAGREED


def test_another_towns_reviewer_gives_no_opinion(town_a, town_b):
    app = routed(town_a, posts=1)
    task = app.reviews.get()
    stranger = user_with_role("stranger_b", "officer", town_b)
    refused(lambda: actions.give_opinion(task, actor=stranger, agree=True, on=D(2023, 9, 27)), app=app,
            error=PermissionDenied, match="只能在本单位及下级单位范围内操作")  # fmt: skip


def test_a_denial_gives_reasons(town_a):
    app = accepted(make_item(town_a))
    clerk = clerk_of(town_a)
    refused(lambda: actions.decide(app, actor=clerk, outcome=ApplicationOutcome.DENIED, on=D(2023, 9, 28)), app=app,
            code="reason_required", match="行政许可法第三十八条")  # fmt: skip
    app = actions.decide(
        app, actor=clerk, outcome=ApplicationOutcome.DENIED, note="不符合法定条件", on=D(2023, 9, 28)
    )
    assert (app.outcome, app.decision_note, app.decided_by) == (
        ApplicationOutcome.DENIED,
        "不符合法定条件",
        clerk,
    )


def test_the_decision_is_not_dated_before_the_last_opinion(town_a):
    app = routed(town_a, posts=1)
    agree_all(app, on=D(2023, 10, 9))
    refused(lambda: actions.decide(app, actor=clerk_of(town_a), outcome=ApplicationOutcome.APPROVED,
                                   on=D(2023, 10, 8)), app=app, code="date_order", match="最后一个会签意见")  # fmt: skip


def test_a_viewer_does_not_decide_a_leader_does(town_a, officer_town_a):
    app = accepted(make_item(town_a))
    refused(lambda: actions.decide(app, actor=officer_town_a, outcome=ApplicationOutcome.APPROVED), app=app,
            error=PermissionDenied, match="作出办件决定")  # fmt: skip
    app = actions.decide(app, actor=leader_of(town_a), outcome=ApplicationOutcome.APPROVED, on=D(2023, 9, 28))
    assert event(app, "decided").actor_id == leader_of(town_a).pk


# -- delivery (送达) ---------------------------------------------------------------------------------


def _decided(town_unit, outcome=ApplicationOutcome.APPROVED, **extra) -> Application:
    app = accepted(make_item(town_unit), **extra)
    return actions.decide(app, actor=clerk_of(town_unit), outcome=outcome, note="依法决定", on=D(2023, 9, 28))


def test_collecting_the_result_at_the_window_is_a_visit(town_a):
    app = actions.deliver(
        _decided(town_a), actor=clerk_of(town_a), method=DeliveryMethod.WINDOW, on=D(2023, 10, 9)
    )
    assert (app.status, app.delivered_on, app.visit_count) == (S.DELIVERED, D(2023, 10, 9), 2)
    posted = actions.deliver(
        _decided(town_a), actor=clerk_of(town_a), method=DeliveryMethod.POST, on=D(2023, 10, 9)
    )
    assert posted.visit_count == 1
    online = _decided(town_a, channel=ApplicationChannel.ONLINE)
    online = actions.deliver(online, actor=clerk_of(town_a), method=DeliveryMethod.ONLINE, on=D(2023, 10, 9))
    assert online.visit_count == 0


def test_delivery_follows_the_decision(town_a):
    app = accepted(make_item(town_a))
    clerk = clerk_of(town_a)
    refused(lambda: actions.deliver(app, actor=clerk, method=DeliveryMethod.WINDOW, on=D(2023, 9, 28)), app=app,
            code="transition_forbidden", match="不能登记送达")  # fmt: skip
    decided = _decided(town_a)
    refused(lambda: actions.deliver(decided, actor=clerk, method="drone", on=D(2023, 10, 9)), app=decided,
            code="delivery_method")  # fmt: skip
    refused(lambda: actions.deliver(decided, actor=clerk, method=DeliveryMethod.POST, on=D(2023, 9, 27)),
            app=decided, code="date_order")  # fmt: skip


# -- one transaction per step -------------------------------------------------------------------------


def _failing_audit(monkeypatch):
    def broken(events):
        raise RuntimeError("audit store unavailable")

    monkeypatch.setattr(audit, "_insert", broken)


def test_a_failure_after_the_tasks_are_made_leaves_no_routing(town_a, monkeypatch):
    app = accepted(make_item(town_a, review_posts=2))
    before = state_of(app)
    _failing_audit(monkeypatch)
    with pytest.raises(RuntimeError):
        actions.route(app, actor=clerk_of(town_a), on=D(2023, 9, 26))
    assert state_of(app) == before and not ReviewTask.objects.exists()


def test_a_failure_leaves_no_notice_and_no_application(town_a, monkeypatch):
    item = make_item(town_a)
    app = make_application(item, materials=[])
    _failing_audit(monkeypatch)
    with pytest.raises(RuntimeError):
        actions.issue_notice(app, actor=clerk_of(town_a), on=D(2023, 9, 26))
    with pytest.raises(RuntimeError):
        make_application(item)
    assert not CompletenessNotice.objects.exists() and Application.objects.count() == 1
    assert Application.objects.get().status == S.RECEIVED


def test_the_whole_path_is_one_audit_event_per_step_with_its_actor(town_a):
    item = make_item(town_a, review_posts=1)
    clerk, leader = clerk_of(town_a), leader_of(town_a)
    app = make_application(item, materials=["申请书"])
    actions.issue_notice(app, actor=clerk, on=D(2023, 9, 25))
    actions.supplement(app, actor=clerk, materials=["申请人居民身份证"], on=D(2023, 9, 26))
    actions.accept(app, actor=clerk, on=D(2023, 9, 26))
    actions.route(app, actor=clerk, on=D(2023, 9, 26))
    task = app.reviews.select_related("post").get()
    actions.give_opinion(task, actor=reviewer_of(task.post), agree=True, on=D(2023, 9, 27))
    actions.pause(app, actor=clerk, reason="testing", note="送检", on=D(2023, 9, 27))
    actions.resume(app, actor=clerk, on=D(2023, 10, 7))
    actions.extend(app, actor=leader, reason="需现场核实", on=D(2023, 10, 9))
    actions.decide(app, actor=leader, outcome=ApplicationOutcome.APPROVED, on=D(2023, 10, 10))
    actions.deliver(app, actor=clerk, method=DeliveryMethod.WINDOW, on=D(2023, 10, 11))
    actions.rate(app, score=5)
    rows = AuditEvent.objects.filter(target_type="services.application", target_id=str(app.pk)).order_by("id")
    assert [(r.action.rsplit(".", 1)[1], r.actor_id) for r in rows] == [
        ("received", clerk.pk), ("notified", clerk.pk), ("supplemented", clerk.pk), ("accepted", clerk.pk),
        ("routed", clerk.pk), ("countersigned", reviewer_of(task.post).pk), ("paused", clerk.pk),
        ("resumed", clerk.pk), ("extended", leader.pk), ("decided", leader.pk), ("delivered", clerk.pk),
        ("rated", None),
    ]  # fmt: skip
    assert {r.target_repr for r in rows} == {f"办件{app.number}"}
    app.refresh_from_db()
    assert app.visit_count == 2 and app.rating == 5


def test_a_step_on_another_towns_application_is_refused(town_a, county_unit):
    other = town("500235199", "凤鸣镇", county_unit)
    app = make_application(make_item(town_a))
    refused(lambda: actions.accept(app, actor=clerk_of(other), on=D(2023, 9, 26)), app=app,
            error=PermissionDenied)  # fmt: skip


def test_a_result_handed_over_in_the_same_visit_is_not_a_second_visit(town_a):
    item = make_item(town_a, review_posts=0, statutory_days=None, promised_days=0)
    clerk = clerk_of(town_a)
    app = accepted(item, on=D(2023, 9, 25))
    app = actions.decide(app, actor=clerk, outcome=ApplicationOutcome.APPROVED, on=D(2023, 9, 25))
    refused(lambda: actions.deliver(app, actor=clerk, method="post", on=D(2023, 9, 25), same_visit=True),
            app=app, code="not_same_visit")  # fmt: skip
    app = actions.deliver(app, actor=clerk, method="window", on=D(2023, 9, 25), same_visit=True)
    assert app.visit_count == 1
