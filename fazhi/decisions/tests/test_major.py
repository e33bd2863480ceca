"""Major decisions: the five steps in order, what each step needs by law, the
deliberation, the moves after it, the archive, the pages and the API."""

from __future__ import annotations

import datetime as dt
import io
import zipfile

import pytest
from django.core.exceptions import PermissionDenied
from docx import Document

from fazhi.core import masking
from fazhi.core.models import AuditEvent, Deadline
from fazhi.core.tests.factories import login
from fazhi.decisions.actions import major as actions
from fazhi.decisions.choices import DecisionStatus, DeliberationOutcome, ReviewOpinion, StepState
from fazhi.decisions.models import DecisionStep, MajorDecision, PublicComment
from fazhi.decisions.tests.factories_major import (
    START,
    deliberate,
    leader_of,
    make_decision,
    members,
    office_of,
    reviewer_of,
    through_participation,
    through_review,
)
from fazhi.law import RuleError

pytestmark = pytest.mark.django_db


def test_a_new_decision_has_its_five_steps_waiting(town_a):
    d = make_decision(town_a)
    steps = list(d.steps.order_by("position"))
    assert [s.code for s in steps] == ["public_participation", "expert_argumentation", "risk_assessment",
                                       "legality_review", "collective_deliberation"]  # fmt: skip
    assert all(s.state == StepState.PENDING for s in steps)
    assert d.status == DecisionStatus.PLANNED
    assert d.step_progress() == "0/5，下一步：公众参与"


def test_deliberation_with_missing_steps_is_refused_listing_them_all(town_a):
    d = make_decision(town_a)
    through_participation(d)
    with pytest.raises(RuleError) as caught:
        deliberate_now(d)
    text = str(caught.value)
    assert "专家论证、风险评估、合法性审查" in text
    assert caught.value.code == "step_out_of_order"
    assert not DecisionStep.objects.filter(
        decision=d, code="collective_deliberation", state=StepState.DONE
    ).exists()


def deliberate_now(d):
    return actions.record_deliberation(d, actor=leader_of(d.org_unit), meeting="常务会议", on=dt.date(2023, 5, 1),
                                       attendees="全体", opinions=members(), outcome=DeliberationOutcome.ADOPTED,
                                       conclusion="同意")  # fmt: skip


def test_not_applicable_needs_a_reason_and_only_for_the_optional_steps(town_a):
    d = make_decision(town_a)
    through_participation(d)
    office = office_of(town_a)
    with pytest.raises(RuleError, match="应当记录理由"):
        actions.mark_not_applicable(d, actor=office, code="expert_argumentation", reason="  ")
    with pytest.raises(RuleError, match="不得标记为不适用"):
        actions.mark_not_applicable(d, actor=office, code="legality_review", reason="时间紧")
    actions.mark_not_applicable(d, actor=office, code="expert_argumentation", reason="不涉及专业问题")
    step = d.steps.get(code="expert_argumentation")
    assert step.state == StepState.NOT_APPLICABLE and step.not_applicable_reason == "不涉及专业问题"


def test_a_comment_period_under_30_days_is_refused_unless_a_reason_is_given(town_a):
    d = make_decision(town_a)
    office = office_of(town_a)
    with pytest.raises(RuleError) as caught:
        actions.start_public_participation(d, actor=office, comment_starts_on=START,
                                           comment_ends_on=START + dt.timedelta(days=20))  # fmt: skip
    assert caught.value.code == "comment_period_short"
    assert "第十五条" in str(caught.value) and "30日" in str(caught.value)
    assert d.steps.get(code="public_participation").state == StepState.PENDING
    actions.start_public_participation(d, actor=office, comment_starts_on=START,
                                       comment_ends_on=START + dt.timedelta(days=20),
                                       short_reason="汛期临近，情况紧急")  # fmt: skip
    step = d.steps.get(code="public_participation")
    assert step.state == StepState.STARTED and step.comment_short_reason == "汛期临近，情况紧急"


def test_thirty_full_days_are_enough(town_a):
    d = make_decision(town_a)
    actions.start_public_participation(d, actor=office_of(town_a), comment_starts_on=START,
                                       comment_ends_on=START + dt.timedelta(days=30))  # fmt: skip
    assert MajorDecision.objects.get(pk=d.pk).status == DecisionStatus.IN_PROCEDURE


def test_participation_cannot_close_before_the_window_ends(town_a):
    d = make_decision(town_a)
    office = office_of(town_a)
    actions.start_public_participation(d, actor=office, comment_starts_on=START,
                                       comment_ends_on=START + dt.timedelta(days=30))  # fmt: skip
    with pytest.raises(RuleError, match="期满前不能办结"):
        actions.complete_public_participation(
            d, actor=office, on=START + dt.timedelta(days=10), summary="无意见"
        )


def test_hearing_materials_go_out_seven_days_before(town_a):
    d = make_decision(town_a)
    office = office_of(town_a)
    with pytest.raises(RuleError, match="7日前送达"):
        actions.start_public_participation(d, actor=office, comment_starts_on=START,
                                           comment_ends_on=START + dt.timedelta(days=30),
                                           hearing_on=START + dt.timedelta(days=10),
                                           hearing_materials_sent_on=START + dt.timedelta(days=5))  # fmt: skip
    actions.start_public_participation(d, actor=office, comment_starts_on=START,
                                       comment_ends_on=START + dt.timedelta(days=30),
                                       hearing_on=START + dt.timedelta(days=12),
                                       hearing_materials_sent_on=START + dt.timedelta(days=5))  # fmt: skip


def test_the_reviewer_gets_at_least_seven_working_days(town_a):
    d = make_decision(town_a)
    through_participation(d)
    office = office_of(town_a)
    actions.mark_not_applicable(d, actor=office, code="expert_argumentation", reason="无")
    actions.mark_not_applicable(d, actor=office, code="risk_assessment", reason="无")
    monday = dt.date(2023, 4, 10)
    with pytest.raises(RuleError) as caught:
        actions.request_legality_review(d, actor=office, reviewer="司法所", requested_on=monday,
                                        due_on=monday + dt.timedelta(days=5))  # fmt: skip
    assert caught.value.code == "review_time_short" and "第二十七条" in str(caught.value)
    actions.request_legality_review(d, actor=office, reviewer="司法所", requested_on=monday)
    step = d.steps.get(code="legality_review")
    assert step.review_due_on == dt.date(2023, 4, 19)  # seven working days after Monday 10 April
    deadline = Deadline.objects.get(object_id=str(d.pk), key="legality_review")
    assert deadline.due_date == dt.date(2023, 4, 19) and deadline.closed_at is None


def test_an_unlawful_draft_cannot_go_to_deliberation(town_a):
    d = through_review(make_decision(town_a), opinion=ReviewOpinion.UNLAWFUL)
    with pytest.raises(RuleError, match="不得提交集体讨论"):
        deliberate(d)


def test_the_head_speaks_last_and_dissent_is_recorded(town_a):
    d = through_review(make_decision(town_a))
    with pytest.raises(RuleError, match="最后发表意见"):
        deliberate(d, opinions=members(head_last=False))
    with pytest.raises(RuleError, match="如实记录"):
        deliberate(d, opinions=members(dissent=True))
    d = deliberate(d, opinions=members(dissent=True), dissent="郑副镇长主张分期实施")
    assert d.status == DecisionStatus.DECIDED and d.decided_on is not None
    step = d.steps.get(code="collective_deliberation")
    assert [m.member for m in step.member_opinions.all()] == ["吴副镇长", "郑副镇长", "周镇长"]
    assert step.member_opinions.last().is_head
    assert d.step_progress() == "5/5，已全部履行"


def test_only_a_leader_records_the_deliberation(town_a):
    d = through_review(make_decision(town_a))
    with pytest.raises(PermissionDenied):
        actions.record_deliberation(d, actor=office_of(town_a), meeting="会", on=dt.date(2023, 6, 1), attendees="全体",
                                    opinions=members(), outcome=DeliberationOutcome.ADOPTED, conclusion="同意")  # fmt: skip


def test_a_rejected_draft_is_shelved(town_a):
    d = deliberate(
        through_review(make_decision(town_a)), outcome=DeliberationOutcome.REJECTED, conclusion="不予通过"
    )
    assert d.status == DecisionStatus.SHELVED and d.decided_on is None


def test_it_cannot_be_published_before_deliberation(town_a):
    d = through_review(make_decision(town_a))
    with pytest.raises(RuleError) as caught:
        actions.publish_decision(d, actor=office_of(town_a), on=dt.date(2023, 6, 1), where="网站")
    assert caught.value.code == "not_decided"
    d = deliberate(d)
    with pytest.raises(RuleError, match="向党委报告"):
        actions.publish_decision(d, actor=office_of(town_a), where="网站")
    office = office_of(town_a)
    d = actions.report_to_party_committee(d, actor=office, on=d.decided_on + dt.timedelta(days=1))
    d = actions.publish_decision(d, actor=office, on=d.decided_on + dt.timedelta(days=3), where="镇政府网站")
    assert d.status == DecisionStatus.PUBLISHED
    actions.add_follow_up(d, actor=office, progress="按计划推进", on=d.published_on + dt.timedelta(days=30))
    d = MajorDecision.objects.get(pk=d.pk)
    assert d.status == DecisionStatus.IMPLEMENTING
    d = actions.start_evaluation(
        d, actor=office, reason="群众反映较多", due_on=dt.date.today() + dt.timedelta(days=30)
    )
    d = actions.complete_evaluation(d, actor=office, result="总体达到预期")
    assert d.status == DecisionStatus.EVALUATED
    verbs = set(
        AuditEvent.objects.filter(action__startswith="decisions.majordecision.").values_list(
            "action", flat=True
        )
    )
    assert {"decisions.majordecision.created", "decisions.majordecision.step_started",
            "decisions.majordecision.step_done", "decisions.majordecision.deliberated",
            "decisions.majordecision.reported", "decisions.majordecision.published",
            "decisions.majordecision.followed_up", "decisions.majordecision.evaluated"} <= verbs  # fmt: skip


def test_a_decided_file_no_longer_changes_its_substance(town_a):
    d = deliberate(through_review(make_decision(town_a)))
    with pytest.raises(RuleError, match="不能再修改"):
        actions.update_decision(d, actor=office_of(town_a), data={"title": "改名"})


def test_the_catalogue_is_approved_before_it_is_published(town_a):
    d = make_decision(town_a)
    cat = d.catalogue
    with pytest.raises(RuleError, match="审定后"):
        actions.publish_catalogue(cat, actor=office_of(town_a))
    with pytest.raises(PermissionDenied):
        actions.approve_catalogue(cat, actor=office_of(town_a), meeting="常务会议")
    cat = actions.approve_catalogue(cat, actor=leader_of(town_a), on=dt.date(2023, 2, 20), meeting="常务会议")
    cat = actions.publish_catalogue(cat, actor=office_of(town_a), on=dt.date(2023, 2, 24))
    assert cat.status == "published"


def test_a_failed_step_writes_nothing(town_a):
    d = make_decision(town_a)
    events = AuditEvent.objects.count()
    with pytest.raises(RuleError):
        actions.start_public_participation(d, actor=office_of(town_a), comment_starts_on=START,
                                           comment_ends_on=START + dt.timedelta(days=3))  # fmt: skip
    assert AuditEvent.objects.count() == events
    assert MajorDecision.objects.get(pk=d.pk).status == DecisionStatus.PLANNED


def test_the_archive_holds_an_index_and_a_document_per_part_without_contacts(town_a):
    d = through_review(make_decision(town_a), experts=True)
    PublicComment.objects.create(org_unit=town_a, decision=d, received_on=START, commenter="张三丰",
                                 contact="13812345678", content="建议延长营业时间")  # fmt: skip
    d = deliberate(d)
    from fazhi.decisions import archive

    data, name = archive.build(d, actor=leader_of(town_a))
    assert name.endswith(".zip")
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        names = zf.namelist()
        assert names[0] == "00_档案目录.docx"
        assert {"02_公众参与.docx", "03_专家论证.docx", "04_风险评估.docx", "05_合法性审查.docx",
                "06_集体讨论决定.docx", "07_决定公布执行.docx", "index.json"} <= set(names)  # fmt: skip
        text = ""
        for n in names:
            if n.endswith(".docx"):
                doc = Document(io.BytesIO(zf.read(n)))
                text += "\n".join(p.text for p in doc.paragraphs)
                text += "\n".join(c.text for t in doc.tables for r in t.rows for c in r.cells)
    assert "周镇长" in text and "同意实施" in text
    assert "13812345678" not in text and "张三丰" not in text
    assert masking.mask_name("张三丰") in text
    assert AuditEvent.objects.filter(action="decisions.majordecision.archived").count() == 1


# -- pages -------------------------------------------------------------------------------


def test_the_page_shows_the_steps_and_refuses_out_of_order_steps_in_chinese(client, town_a):
    d = make_decision(town_a)
    login(client, office_of(town_a))
    r = client.get(d.get_absolute_url())
    assert r.status_code == 200
    body = r.content.decode()
    for name in ("公众参与", "专家论证", "风险评估", "合法性审查", "集体讨论决定"):
        assert name in body
    r = client.post(f"/decisions/decisions/{d.pk}/step/risk/", {"on": "2023-03-01", "risk_level": "low",
                                                                "measures": "宣传"}, follow=True)  # fmt: skip
    assert "之前应当先完成公众参与、专家论证" in r.content.decode()


def test_another_towns_decision_is_404(client, town_a, town_b):
    d = make_decision(town_b)
    login(client, office_of(town_a))
    assert client.get(d.get_absolute_url()).status_code == 404
    assert client.get(f"/decisions/decisions/{d.pk}/archive/").status_code == 404
    assert client.post(f"/decisions/decisions/{d.pk}/step/experts/", {}).status_code == 404


def test_the_deliberation_page_records_opinions_in_order(client, town_a):
    d = through_review(make_decision(town_a))
    login(client, leader_of(town_a))
    url = f"/decisions/decisions/{d.pk}/deliberation/"
    assert client.get(url).status_code == 200
    on = d.steps.get(code="legality_review").completed_on + dt.timedelta(days=2)
    post = {"meeting": "镇政府常务会议", "on": on.isoformat(), "attendees": "全体班子成员", "outcome": "adopted",
            "conclusion": "同意", "dissent": "", "decision_text": "", "members-TOTAL_FORMS": "6",
            "members-INITIAL_FORMS": "0", "members-MIN_NUM_FORMS": "0", "members-MAX_NUM_FORMS": "1000"}  # fmt: skip
    for i, (name, pos, head) in enumerate([("吴副镇长", "agree", ""), ("周镇长", "agree", "on")]):
        post.update({f"members-{i}-member": name, f"members-{i}-role": "", f"members-{i}-position": pos,
                     f"members-{i}-opinion": ""})  # fmt: skip
        if head:
            post[f"members-{i}-is_head"] = head
    r = client.post(url, post)
    assert r.status_code == 302, r.content.decode()[:2000]
    assert MajorDecision.objects.get(pk=d.pk).status == DecisionStatus.DECIDED


# -- API ---------------------------------------------------------------------------------


def _token_client(user):
    from rest_framework.test import APIClient

    c = APIClient()
    c.force_authenticate(user)
    return c


def test_the_api_runs_the_steps_with_the_same_rules(town_a, town_b):
    office = office_of(town_a)
    api = _token_client(office)
    cat = make_decision(town_a).catalogue
    r = api.post("/api/v1/decisions/decisions/", {"org_unit": town_a.pk, "catalogue": cat.pk, "title": "接口决策"},
                 format="json")  # fmt: skip
    assert r.status_code == 201, r.content
    pk = r.json()["id"]
    r = api.post(f"/api/v1/decisions/decisions/{pk}/participation/",
                 {"comment_starts_on": "2023-03-06", "comment_ends_on": "2023-03-20"}, format="json")  # fmt: skip
    assert r.status_code in (400, 409, 422) and "30日" in r.content.decode()
    r = api.post(f"/api/v1/decisions/decisions/{pk}/participation/",
                 {"comment_starts_on": "2023-03-06", "comment_ends_on": "2023-04-05"}, format="json")  # fmt: skip
    assert r.status_code == 200, r.content
    assert r.json()["steps"][0]["state"] == "started"
    r = api.post(f"/api/v1/decisions/decisions/{pk}/moves/publish/", {"extra": "网站"}, format="json")
    assert r.status_code != 200 and "集体讨论" in r.content.decode()
    other = make_decision(town_b)
    assert api.get(f"/api/v1/decisions/decisions/{other.pk}/").status_code == 404
    assert api.post(f"/api/v1/decisions/decisions/{other.pk}/risk/", {}, format="json").status_code == 404


def test_the_reviewer_records_the_review_through_the_api(town_a):
    d = make_decision(town_a)
    through_participation(d)
    office = office_of(town_a)
    actions.mark_not_applicable(d, actor=office, code="expert_argumentation", reason="无")
    actions.mark_not_applicable(d, actor=office, code="risk_assessment", reason="无")
    actions.request_legality_review(d, actor=office, reviewer="司法所", requested_on=dt.date(2023, 4, 10))
    r = _token_client(reviewer_of(town_a)).post(f"/api/v1/decisions/decisions/{d.pk}/review/",
                                                {"opinion": "lawful", "text": "合法", "on": "2023-04-19"},
                                                format="json")  # fmt: skip
    assert r.status_code == 200, r.content
    assert r.json()["steps"][3]["state"] == "done"


# -- portal --------------------------------------------------------------------------------


def test_the_portal_shows_published_catalogues_and_decisions_only(client, town_a):
    d = deliberate(through_review(make_decision(town_a, title="公开的决策")))
    hidden = make_decision(town_a, title="尚未公开的决策")
    cat = d.catalogue
    assert (
        client.get("/portal/major-decisions/").content.decode().count("公开的决策") == 0
    )  # not yet published
    office, leader = office_of(town_a), leader_of(town_a)
    actions.approve_catalogue(cat, actor=leader, on=dt.date(2023, 2, 20), meeting="常务会议")
    actions.publish_catalogue(cat, actor=office, on=dt.date(2023, 2, 24))
    body = client.get("/portal/major-decisions/").content.decode()
    assert "公开的决策" in body and "尚未公开的决策" in body
    assert client.get(f"/portal/major-decisions/{d.pk}/").status_code == 404  # decided, not yet published
    d = actions.report_to_party_committee(d, actor=office, on=d.decided_on)
    actions.publish_decision(d, actor=office, on=d.decided_on + dt.timedelta(days=2), where="镇政府网站")
    page = client.get(f"/portal/major-decisions/{d.pk}/").content.decode()
    assert "同意实施" in page and "合法性审查" in page
    assert "吴副镇长" not in page  # members' opinions are not published
    assert client.get(f"/portal/major-decisions/{hidden.pk}/").status_code == 404
