"""Government information disclosure: the due dates of the regulation (a proactive
item within 20 working days, a request's reply within 20 working days of receipt,
restarting with a corrected request, paused while a third party gives its
opinion, extended once by a leader), their deadlines, publication, withdrawal,
and the refusals, each naming its rule."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from fazhi.core.models import AuditEvent, Deadline
from fazhi.law import RuleError
from fazhi.oversight.choices import InfoItemStatus, RequestReply
from fazhi.oversight.models import InfoItem, InfoRequest
from fazhi.oversight.supervision import actions
from fazhi.oversight.tests.factories import leader_of, office_of
from fazhi.oversight.tests.factories_supervision import clerk_of, make_item, make_request

pytestmark = pytest.mark.django_db


def _deadline(obj, key: str) -> Deadline:
    return Deadline.objects.get(object_id=str(obj.pk), key=key, content_type__model=obj._meta.model_name)


# -- requests: the reply's due date -----------------------------------------------------------


def test_a_request_received_on_2023_09_27_is_due_on_2023_10_31(town_a):
    # 9-29 to 10-6 were the National Day holidays; 10-7 and 10-8 (a weekend) were working days.
    request = make_request(town_a, received_on=dt.date(2023, 9, 27))
    assert request.reply_due_on == dt.date(2023, 10, 31)
    assert _deadline(request, "reply").due_date == dt.date(2023, 10, 31)


def test_the_clock_restarts_when_the_corrected_request_arrives(town_a):
    request = make_request(town_a, received_on=dt.date(2023, 9, 27), correction_asked_on=dt.date(2023, 9, 28))
    # Waiting for the correction: no reply period runs, and no deadline is shown.
    assert request.reply_due_on is None and request.reply_state() == "待补正"
    assert not Deadline.objects.filter(object_id=str(request.pk), key="reply").exists()
    request = actions.update_info_request(request, actor=clerk_of(town_a),
                                          data={"correction_received_on": dt.date(2023, 10, 9)})  # fmt: skip
    assert request.reply_due_on == dt.date(2023, 11, 6)  # 20 working days from 10-9
    assert _deadline(request, "reply").due_date == dt.date(2023, 11, 6)


def test_a_correction_asked_after_seven_working_days_is_refused_citing_article_30(town_a):
    # Received 9-27: 9-28, 10-7, 10-8, 10-9, 10-10, 10-11 and 10-12 are the seven working days after it.
    with pytest.raises(RuleError) as refused:
        make_request(town_a, received_on=dt.date(2023, 9, 27), correction_asked_on=dt.date(2023, 10, 13))
    assert refused.value.code == "correction_too_late"
    assert "7个工作日" in str(refused.value) and "政府信息公开条例第三十条" in str(refused.value)
    assert not InfoRequest.objects.exists()


def test_a_correction_on_the_seventh_working_day_is_accepted(town_a):
    request = make_request(
        town_a, received_on=dt.date(2023, 9, 27), correction_asked_on=dt.date(2023, 10, 12)
    )
    assert request.correction_asked_on == dt.date(2023, 10, 12)


def test_the_time_of_a_third_partys_opinion_does_not_count(town_a):
    # Asked on 10-9, answered on 10-16: five working days (10-10 … 10-16) added to 10-31.
    request = make_request(town_a, received_on=dt.date(2023, 9, 27), third_party_asked_on=dt.date(2023, 10, 9),
                           third_party_answered_on=dt.date(2023, 10, 16))  # fmt: skip
    assert request.reply_due_on == dt.date(2023, 11, 7)


def test_an_unanswered_consultation_pauses_the_clock_for_at_most_fifteen_working_days(town_a):
    request = make_request(
        town_a, received_on=dt.date(2023, 9, 27), third_party_asked_on=dt.date(2023, 10, 9)
    )
    assert actions.third_party_pause(dt.date(2023, 10, 9), None) == 15
    assert request.reply_due_on == dt.date(2023, 11, 21)  # 10-31 + 15 working days
    late_answer = actions.third_party_pause(dt.date(2023, 10, 9), dt.date(2023, 12, 1))
    assert late_answer == 15


# -- requests: the extension --------------------------------------------------------------------


def test_a_leader_extends_the_reply_once_by_twenty_working_days(town_a):
    request = make_request(town_a, received_on=dt.date(2023, 9, 27))
    leader = leader_of(town_a)
    request = actions.extend_info_request(
        request, actor=leader, reason="需调取多个村的档案", on=dt.date(2023, 10, 25)
    )
    assert request.reply_due_on == dt.date(2023, 11, 28)  # 10-31 + 20 working days
    assert (request.extension_approved_by, request.extension_approved_on) == (leader, dt.date(2023, 10, 25))
    assert _deadline(request, "reply").due_date == dt.date(2023, 11, 28)
    event = AuditEvent.objects.get(action="oversight.inforequest.extended")
    assert event.new["reply_due_on"] == "2023-11-28" and event.old["reply_due_on"] == "2023-10-31"
    with pytest.raises(RuleError) as again:
        actions.extend_info_request(request, actor=leader, reason="再次延期", on=dt.date(2023, 11, 1))
    assert again.value.code == "extension_once" and "第三十三条" in str(again.value)


def test_the_extension_and_the_third_party_pause_add_up(town_a):
    request = make_request(town_a, received_on=dt.date(2023, 9, 27), third_party_asked_on=dt.date(2023, 10, 9),
                           third_party_answered_on=dt.date(2023, 10, 16))  # fmt: skip
    request = actions.extend_info_request(
        request, actor=leader_of(town_a), reason="情况复杂", on=dt.date(2023, 10, 30)
    )
    assert request.reply_due_on == dt.date(2023, 12, 5)  # 11-7 + 20 working days


def test_an_extension_after_the_period_ran_out_is_refused(town_a):
    request = make_request(town_a, received_on=dt.date(2023, 9, 27))
    with pytest.raises(RuleError) as refused:
        actions.extend_info_request(
            request, actor=leader_of(town_a), reason="来不及", on=dt.date(2023, 11, 1)
        )
    assert refused.value.code == "extension_too_late"
    request.refresh_from_db()
    assert request.reply_due_on == dt.date(2023, 10, 31) and not request.extended


def test_only_a_leader_may_extend(town_a):
    request = make_request(town_a)
    with pytest.raises(PermissionDenied):
        actions.extend_info_request(
            request, actor=clerk_of(town_a), reason="需调取档案", on=dt.date(2023, 10, 9)
        )
    assert not AuditEvent.objects.filter(action="oversight.inforequest.extended").exists()


def test_a_reply_closes_the_deadline_and_a_withheld_reply_needs_its_reason(town_a):
    request = make_request(town_a)
    clerk = clerk_of(town_a)
    with pytest.raises(ValidationError) as refused:
        actions.update_info_request(request, actor=clerk, data={"replied_on": dt.date(2023, 10, 20),
                                                                "reply_kind": RequestReply.WITHHELD})  # fmt: skip
    assert "第三十六条" in str(refused.value)
    request = actions.update_info_request(request, actor=clerk, data={
        "replied_on": dt.date(2023, 10, 20), "reply_kind": RequestReply.DISCLOSED})  # fmt: skip
    assert _deadline(request, "reply").closed_at is not None
    assert request.reply_state() == "按期答复"


def test_the_requesters_name_and_phone_are_masked_in_the_audit_record(town_a):
    make_request(town_a, requester="张三丰", contact="13812345678")
    event = AuditEvent.objects.get(action="oversight.inforequest.registered")
    assert event.new["requester"] == "张**" and event.new["contact"] == "138****5678"


# -- proactive items ----------------------------------------------------------------------------


def test_a_proactive_item_is_due_twenty_working_days_after_it_was_made(town_a):
    item = make_item(town_a, made_on=dt.date(2023, 9, 27))
    assert item.due_on == dt.date(2023, 10, 31) and item.status == InfoItemStatus.DRAFT
    deadline = _deadline(item, "publish")
    assert (deadline.due_date, deadline.closed_at, deadline.citation) == (
        dt.date(2023, 10, 31),
        None,
        "政府信息公开条例第二十六条",
    )


def test_giving_a_publication_date_publishes_the_item_in_one_event(town_a):
    item = make_item(town_a)
    item = actions.update_info_item(item, actor=clerk_of(town_a), data={
        "published_on": dt.date(2023, 10, 10), "channel": "portal"})  # fmt: skip
    assert item.status == InfoItemStatus.PUBLISHED
    assert AuditEvent.objects.filter(action="oversight.infoitem.published").count() == 1
    assert _deadline(item, "publish").closed_at is not None
    assert item.deadline_state() == "按期公开"


def test_an_item_without_content_or_attachment_is_not_published(town_a):
    with pytest.raises(RuleError) as refused:
        make_item(town_a, content="", published_on=dt.date(2023, 10, 10))
    assert refused.value.code == "content_required"
    assert not InfoItem.objects.exists()


def test_a_published_item_is_withdrawn_not_unpublished(town_a):
    item = make_item(town_a, published_on=dt.date(2023, 10, 10))
    clerk = clerk_of(town_a)
    with pytest.raises(RuleError):
        actions.update_info_item(item, actor=clerk, data={"published_on": None, "channel": ""})
    item = actions.withdraw_info_item(
        item, actor=clerk, reason="信息有误，更正后重新公开", on=dt.date(2023, 10, 12)
    )
    assert (item.status, item.ended_on) == (InfoItemStatus.WITHDRAWN, dt.date(2023, 10, 12))
    assert AuditEvent.objects.filter(action="oversight.infoitem.withdrawn").count() == 1
    with pytest.raises(RuleError) as frozen:
        actions.update_info_item(item, actor=clerk, data={"title": "改个标题"})
    assert frozen.value.code == "info_item_ended"


def test_only_a_published_item_expires(town_a):
    item = make_item(town_a)
    with pytest.raises(RuleError):
        actions.expire_info_item(item, actor=clerk_of(town_a), on=dt.date(2023, 12, 1))
    published = make_item(town_a, published_on=dt.date(2023, 10, 10))
    assert (
        actions.expire_info_item(published, actor=office_of(town_a), on=dt.date(2023, 12, 1)).status
        == "expired"
    )


def test_a_failed_audit_event_saves_no_request(town_a, monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("audit store unavailable")

    monkeypatch.setattr("fazhi.core.audit._insert", broken)
    with pytest.raises(RuntimeError):
        make_request(town_a)
    assert not InfoRequest.objects.exists() and not Deadline.objects.exists()
