"""Rectification items: the steps and who may take them, the close-out by an
approver other than the submitter, the deadline, the audit events, scope."""

import datetime as dt
import io
import re

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from openpyxl import load_workbook

from fazhi.core.models import AuditEvent, Deadline
from fazhi.core.tests.factories import login, user_with_role
from fazhi.law import RuleError
from fazhi.oversight import actions, definitions, selectors
from fazhi.oversight.choices import RectificationSource, RectificationStatus
from fazhi.oversight.models import Rectification
from fazhi.oversight.tests.factories import (
    attach_evidence,
    close_out,
    leader_of,
    make_campaign,
    make_rectification,
    office_of,
    worker_of,
)

pytestmark = pytest.mark.django_db
DAY = dt.date(2023, 9, 1)


def _events(item, verb=None):
    qs = AuditEvent.objects.filter(target_type="oversight.rectification", target_id=str(item.pk))
    return qs.filter(action=f"oversight.rectification.{verb}") if verb else qs


def _submitted(town, submitter=None):
    item = make_rectification(town)
    item = actions.start_rectification(item, actor=worker_of(town), on=DAY)
    attach_evidence(item)
    return actions.submit_rectification(item, actor=submitter or worker_of(town), on=DAY, result="已整改")


def test_creating_an_item_opens_it_with_one_event_and_a_deadline_for_the_lead_leader(town_a):
    item = make_rectification(town_a, due_on=dt.date(2023, 9, 30))
    assert item.status == RectificationStatus.OPEN
    assert [e.action for e in _events(item)] == ["oversight.rectification.created"]
    deadline = Deadline.objects.get(object_id=str(item.pk), key="rectify")
    assert deadline.due_date == dt.date(2023, 9, 30) and deadline.owner == leader_of(town_a)
    assert deadline.closed_at is None


def test_each_step_writes_one_event_and_one_history_row(town_a):
    item = make_rectification(town_a)
    item = actions.start_rectification(item, actor=worker_of(town_a), on=DAY, note="已制定方案")
    attach_evidence(item)
    item = actions.submit_rectification(item, actor=worker_of(town_a), on=DAY, result="已整改到位")
    item = actions.close_out_rectification(item, actor=leader_of(town_a), on=DAY, note="同意销号")
    verbs = list(_events(item).order_by("id").values_list("action", flat=True))
    assert verbs == [
        f"oversight.rectification.{v}" for v in ("created", "started", "submitted", "closed_out")
    ]
    assert list(item.steps.values_list("action", flat=True)) == ["start", "submit", "close_out"]
    closed = _events(item, "closed_out").get()
    assert (
        closed.old_values
        and '"status":"submitted"' in closed.old_values
        and '"status":"closed"' in closed.new_values
    )
    assert (item.status, item.closed_on, item.closed_by, item.submitted_by) == (
        RectificationStatus.CLOSED,
        DAY,
        leader_of(town_a),
        worker_of(town_a),
    )


def test_closing_out_closes_the_deadline(town_a):
    item = close_out(make_rectification(town_a), on=DAY)
    assert Deadline.objects.get(object_id=str(item.pk), key="rectify").closed_at is not None


def test_the_submitter_may_not_close_out_their_own_submission(town_a):
    leader = leader_of(town_a)
    item = _submitted(town_a, submitter=leader)
    with pytest.raises(RuleError) as exc:
        actions.close_out_rectification(item, actor=leader, on=DAY)
    assert exc.value.code == "approver_is_submitter"
    item.refresh_from_db()
    assert item.status == RectificationStatus.SUBMITTED and not _events(item, "closed_out").exists()


def test_the_submitter_may_not_reject_their_own_submission_either(town_a):
    leader = leader_of(town_a)
    item = _submitted(town_a, submitter=leader)
    with pytest.raises(RuleError):
        actions.reject_rectification(item, actor=leader, reason="不行", on=DAY)


def test_another_leader_closes_out_a_leaders_submission(town_a):
    item = _submitted(town_a, submitter=leader_of(town_a))
    other = user_with_role("leader_two", "leader", town_a)
    assert actions.close_out_rectification(item, actor=other, on=DAY).status == RectificationStatus.CLOSED


def test_an_officer_may_not_close_out(town_a):
    item = _submitted(town_a)
    with pytest.raises(PermissionDenied):
        actions.close_out_rectification(item, actor=user_with_role("officer_x", "officer", town_a), on=DAY)


def test_a_role_without_the_work_permission_may_not_start(town_a):
    item = make_rectification(town_a)
    with pytest.raises(PermissionDenied):
        actions.start_rectification(item, actor=user_with_role("window_x", "window_clerk", town_a), on=DAY)


def test_a_step_out_of_order_is_refused_and_writes_nothing(town_a):
    item = make_rectification(town_a)
    with pytest.raises(RuleError) as exc:
        actions.close_out_rectification(item, actor=leader_of(town_a), on=DAY)
    assert exc.value.code == "transition_forbidden"
    assert _events(item).count() == 1 and not item.steps.exists()


def test_rejecting_needs_a_reason_and_sends_the_item_back(town_a):
    item = _submitted(town_a)
    with pytest.raises(RuleError) as exc:
        actions.reject_rectification(item, actor=leader_of(town_a), reason=" ", on=DAY)
    assert exc.value.code == "reason_required"
    item = actions.reject_rectification(item, actor=leader_of(town_a), reason="佐证材料不全", on=DAY)
    assert item.status == RectificationStatus.IN_PROGRESS and item.submitted_by is None
    assert item.steps.last().note == "佐证材料不全"
    # After a rejection the same officer submits again and the leader closes out.
    item = actions.submit_rectification(item, actor=worker_of(town_a), on=DAY, result="已补充材料")
    assert (
        actions.close_out_rectification(item, actor=leader_of(town_a), on=DAY).status
        == RectificationStatus.CLOSED
    )


def test_submitting_needs_what_was_done(town_a):
    item = actions.start_rectification(make_rectification(town_a), actor=worker_of(town_a), on=DAY)
    with pytest.raises(RuleError) as exc:
        actions.submit_rectification(item, actor=worker_of(town_a), result="", on=DAY)
    assert exc.value.code == "result_required"


def test_submitting_needs_a_file_of_evidence_on_the_item(town_a):
    item = actions.start_rectification(make_rectification(town_a), actor=worker_of(town_a), on=DAY)
    with pytest.raises(RuleError) as exc:
        actions.submit_rectification(item, actor=worker_of(town_a), result="已整改", on=DAY)
    assert exc.value.code == "evidence_required" and "佐证材料" in exc.value.message
    item.refresh_from_db()
    assert item.status == RectificationStatus.IN_PROGRESS and not _events(item, "submitted").exists()
    # Evidence of another item does not count.
    attach_evidence(make_rectification(town_a))
    with pytest.raises(RuleError):
        actions.submit_rectification(item, actor=worker_of(town_a), result="已整改", on=DAY)
    attach_evidence(item)
    item = actions.submit_rectification(item, actor=worker_of(town_a), result="已整改", on=DAY)
    assert item.status == RectificationStatus.SUBMITTED


def test_the_item_page_says_whether_evidence_is_there_and_takes_it(client, town_a):
    item = actions.start_rectification(make_rectification(town_a), actor=worker_of(town_a), on=DAY)
    url = definitions.rectifications.url("detail", item.pk)
    client.force_login(worker_of(town_a))
    page = client.get(url).content.decode()
    assert 'data-testid="evidence-required"' in page and "未上传" in page
    assert re.search(r'<button class="btn btn-sm btn-danger" type="submit" disabled>提交销号</button>', page)
    r = client.post(f"/oversight/rectifications/{item.pk}/step/submit/", {"on": "2023-09-02", "note": "已整改"},
                    follow=True)  # fmt: skip
    assert "提交销号前须在本事项的“附件”中上传至少一份整改佐证材料" in r.content.decode()

    photo = io.BytesIO(b"\x89PNG\r\n\x1a\n" + b"\x00" * 24)
    photo.name = "整改后现场.png"
    r = client.post("/files/upload/", {"owner": f"oversight.rectification:{item.pk}", "file": photo,
                                       "description": "整改后现场照片"}, follow=True)  # fmt: skip
    page = r.content.decode()
    assert (
        "已上传：整改后现场.png" in page
        and "已上传1份" in page
        and 'data-testid="evidence-required"' not in page
    )
    r = client.post(f"/oversight/rectifications/{item.pk}/step/submit/", {"on": "2023-09-02", "note": "已整改"},
                    follow=True)  # fmt: skip
    assert "已完成：提交销号" in r.content.decode()
    item.refresh_from_db()
    assert item.status == RectificationStatus.SUBMITTED


def test_a_step_may_not_be_dated_in_the_future(town_a):
    item = make_rectification(town_a)
    with pytest.raises(RuleError):
        actions.start_rectification(item, actor=worker_of(town_a), on=dt.date.today() + dt.timedelta(days=2))


def test_a_failed_audit_event_rolls_the_step_back(town_a, monkeypatch):
    item = make_rectification(town_a)

    def broken(events):
        raise RuntimeError("audit store unavailable")

    monkeypatch.setattr("fazhi.core.audit._insert", broken)
    with pytest.raises(RuntimeError):
        actions.start_rectification(item, actor=worker_of(town_a), on=DAY)
    item.refresh_from_db()
    assert item.status == RectificationStatus.OPEN and not item.steps.exists()


def test_a_closed_out_item_is_not_edited(town_a):
    item = close_out(make_rectification(town_a), on=DAY)
    with pytest.raises(RuleError) as exc:
        actions.update_rectification(item, actor=office_of(town_a), data={"measures": "改写"})
    assert exc.value.code == "rectification_closed"
    same = actions.update_rectification(item, actor=office_of(town_a), data={"measures": item.measures})
    assert same.fazhi_changed is False


def test_a_campaign_problem_needs_the_campaign_and_one_of_its_categories(town_a):
    campaign, other = make_campaign(town_a), make_campaign(town_a, categories=("其他",))
    with pytest.raises(ValidationError) as exc:
        make_rectification(town_a, source=RectificationSource.CAMPAIGN)
    assert "campaign" in exc.value.message_dict and "category" in exc.value.message_dict
    with pytest.raises(ValidationError) as exc:
        make_rectification(town_a, source=RectificationSource.CAMPAIGN, campaign=campaign,
                           category=other.categories.get())  # fmt: skip
    assert exc.value.message_dict["category"] == ["问题类别不属于所选专项整治"]


def test_the_on_time_rate_counts_items_closed_out_by_their_due_date_in_the_period(town_a, town_b):
    due = dt.date(2023, 8, 31)
    close_out(make_rectification(town_a, due_on=due), on=dt.date(2023, 8, 20))  # on time
    close_out(make_rectification(town_a, due_on=due), on=due)  # on the day: on time
    close_out(make_rectification(town_a, due_on=due), on=dt.date(2023, 9, 5))  # late
    close_out(make_rectification(town_a, due_on=due), on=dt.date(2024, 1, 5))  # another period
    make_rectification(town_a, due_on=due)  # not closed: not counted
    close_out(make_rectification(town_b, due_on=due), on=dt.date(2023, 9, 10))  # another town
    rate = selectors.on_time_rate(town_a, dt.date(2023, 1, 1), dt.date(2023, 12, 31))
    assert (rate.closed, rate.on_time, rate.percent) == (3, 2, "66.7%")
    assert selectors.on_time_rate(town_b, dt.date(2023, 1, 1), dt.date(2023, 12, 31)).rate == 0
    assert selectors.on_time_rate(town_a, dt.date(2022, 1, 1), dt.date(2022, 12, 31)).rate is None


def test_the_item_page_offers_the_steps_the_role_may_take(client, town_a):
    item = _submitted(town_a)
    login(client, leader_of(town_a))
    page = client.get(definitions.rectifications.url("detail", item.pk)).content.decode()
    assert "审核销号" in page and "退回整改" in page
    client.force_login(worker_of(town_a))
    page = client.get(definitions.rectifications.url("detail", item.pk)).content.decode()
    assert "审核销号" not in page


def test_steps_through_the_pages(client, town_a):
    item = make_rectification(town_a)
    client.force_login(worker_of(town_a))
    url = f"/oversight/rectifications/{item.pk}/step/"
    client.post(url + "start/", {"on": "2023-09-01", "note": "开始"})
    attach_evidence(item)
    client.post(url + "submit/", {"on": "2023-09-02", "note": "已整改到位"})
    login(client, leader_of(town_a))
    r = client.post(url + "close_out/", {"on": "2023-09-03", "note": ""}, follow=True)
    assert "已完成：审核销号" in r.content.decode()
    item.refresh_from_db()
    assert (item.status, item.closed_on) == (RectificationStatus.CLOSED, dt.date(2023, 9, 3))


def test_the_submitter_refused_on_the_page_sees_why(client, town_a):
    leader = leader_of(town_a)
    item = _submitted(town_a, submitter=leader)
    login(client, leader)
    r = client.post(f"/oversight/rectifications/{item.pk}/step/close_out/", {"on": "2023-09-03"}, follow=True)
    assert "提交销号的人员不能审核本事项的销号" in r.content.decode()


def test_another_towns_item_is_not_found_by_its_steps_or_the_api(client, town_a, town_b):
    item = make_rectification(town_a)
    client.force_login(worker_of(town_b))
    assert client.post(f"/oversight/rectifications/{item.pk}/step/start/", {}).status_code == 404
    assert client.get(f"/api/v1/oversight/rectifications/{item.pk}/").status_code == 404
    assert client.post(f"/api/v1/oversight/rectifications/{item.pk}/steps/start/", {}).status_code == 404
    assert Rectification.objects.get(pk=item.pk).status == RectificationStatus.OPEN


def test_steps_through_the_api(client, town_a):
    item = make_rectification(town_a)
    client.force_login(worker_of(town_a))
    base = f"/api/v1/oversight/rectifications/{item.pk}/steps/"
    assert (
        client.post(base + "start/", {"on": "2023-09-01"}, content_type="application/json").status_code == 200
    )
    r = client.post(base + "submit/", {"on": "2023-09-02", "note": ""}, content_type="application/json")
    assert r.status_code == 400 and r.json()["code"] == "result_required"
    r = client.post(base + "submit/", {"on": "2023-09-02", "note": "已整改"}, content_type="application/json")
    assert (
        r.status_code == 400 and r.json()["code"] == "evidence_required" and "佐证材料" in r.json()["detail"]
    )
    attach_evidence(item)
    r = client.post(base + "submit/", {"on": "2023-09-02", "note": "已整改"}, content_type="application/json")
    assert r.json()["status"] == "submitted"
    r = client.post(base + "close_out/", {}, content_type="application/json")
    assert r.status_code == 403


def test_creating_through_the_api_validates_with_the_page_form(client, town_a):
    client.force_login(office_of(town_a))
    data = {"org_unit": town_a.pk, "source": "inspection", "problem": "督查发现", "lead_leader": leader_of(town_a).pk,
            "due_on": "2023-10-31"}  # fmt: skip
    r = client.post("/api/v1/oversight/rectifications/", data, content_type="application/json")
    assert r.status_code == 201 and r.json()["status"] == "open"
    r = client.post(
        "/api/v1/oversight/rectifications/", {**data, "source": "campaign"}, content_type="application/json"
    )
    assert r.status_code == 400 and "须选择专项整治" in str(r.json())


def test_an_exported_ledger_imports_back_unchanged(client, town_a):
    campaign = make_campaign(town_a)
    make_rectification(town_a)
    make_rectification(town_a, source=RectificationSource.CAMPAIGN, campaign=campaign,
                       category=campaign.categories.first())  # fmt: skip
    close_out(make_rectification(town_a), on=DAY)
    client.force_login(office_of(town_a))
    data = client.get(definitions.rectifications.url("export")).content
    upload = io.BytesIO(data)
    upload.name = "整改事项.xlsx"
    r = client.post(definitions.rectifications.url("import"), {"file": upload})
    assert r.status_code == 302, r.content.decode()[:2000]
    event = AuditEvent.objects.filter(action="oversight.rectification.imported").get()
    assert '"unchanged":3' in event.new_values and '"updated":0' in event.new_values
    assert load_workbook(io.BytesIO(data)).active.max_row == 4


def test_only_mine_shows_the_items_of_the_users_post(client, town_a):
    from fazhi.core.models import Post
    from fazhi.core.tests.factories import PersonFactory

    person = PersonFactory(org_unit=town_a)
    post = Post.objects.create(org_unit=town_a, code="PA-01", name="综合行政执法岗")
    post.holders.add(person)
    officer = user_with_role("officer_post", "officer", town_a, person=person)
    mine = make_rectification(town_a, responsible_post=post)
    make_rectification(town_a)
    client.force_login(officer)
    page = client.get(definitions.rectifications.url("list") + "?mine=true")
    assert [o.pk for o in page.context["page"].object_list] == [mine.pk]


def test_the_workbench_lists_the_open_items_of_the_officers_post(client, town_a):
    from fazhi.core.models import Post
    from fazhi.core.tests.factories import PersonFactory

    person = PersonFactory(org_unit=town_a)
    post = Post.objects.create(org_unit=town_a, code="PA-01", name="综合行政执法岗")
    post.holders.add(person)
    officer = user_with_role("officer_post", "officer", town_a, person=person)
    open_item = make_rectification(town_a, responsible_post=post, problem="岗位上的整改事项")
    close_out(make_rectification(town_a, responsible_post=post, problem="已销号的整改事项"), on=DAY)
    make_rectification(town_a, problem="别人的整改事项")
    client.force_login(officer)
    page = client.get("/").content.decode()
    assert "我的整改事项" in page and open_item.problem in page
    assert "已销号的整改事项" not in page and "别人的整改事项" not in page
