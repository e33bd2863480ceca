"""Case-file evaluation: the score and grade, the evaluator who may not have
handled the case, completion that creates rectification items, sampling and
the report. The enforcement case is read, never changed."""

import datetime as dt

import pytest
from django.contrib.contenttypes.models import ContentType

from fazhi.core.models import AuditEvent, Deadline
from fazhi.law import RuleError
from fazhi.oversight import actions, definitions, scoring, selectors
from fazhi.oversight.choices import (
    DeductionKind,
    RectificationSource,
    RectificationStatus,
    ReviewGrade,
    ReviewStatus,
)
from fazhi.oversight.models import CaseFileReview, Rectification
from fazhi.oversight.tests.factories import (
    answer_all,
    closed_cases,
    handler_of,
    leader_of,
    office_of,
    rubric_of,
    start_review,
)

pytestmark = pytest.mark.django_db
DONE = dt.date(2023, 11, 10)
RELIEF = "告知救济途径和期限"


@pytest.mark.parametrize(
    ("score", "grade"),
    [(100, "excellent"), (90, "excellent"), (89, "good"), (80, "good"), (79, "pass"), (60, "pass"),
     (59, "fail"), (0, "fail")],
)  # fmt: skip
def test_grade_cut_offs(score, grade):
    assert scoring.grade_for(score) == grade


def test_a_failed_veto_scores_zero_and_fails_whatever_the_documents():
    assert scoring.evaluate(vetoed=True, deductions=[]) == (0, ReviewGrade.FAIL)
    assert scoring.evaluate(vetoed=False, deductions=[5, 1, 1]) == (93, ReviewGrade.EXCELLENT)


def test_the_score_never_goes_below_zero():
    assert scoring.total_score([50, 50, 5]) == 0


def test_the_cut_offs_are_the_rubrics():
    strict = scoring.Cutoffs(excellent=95, good=85, passing=70)
    assert scoring.grade_for(93, cutoffs=strict) == ReviewGrade.GOOD
    assert scoring.grade_for(69, cutoffs=strict) == ReviewGrade.FAIL
    assert scoring.Cutoffs(excellent=80, good=90, passing=60).problems()


def test_the_default_rubric_is_the_chongqing_standard(town_a):
    rubric = rubric_of(town_a)
    assert rubric.items.filter(kind="veto").count() == 11
    assert rubric.items.filter(kind="document", title="当场行政处罚决定书").exists()
    assert (rubric.missing_document_points, rubric.missing_element_points, rubric.wording_error_points) == (
        5,
        1,
        1,
    )
    assert rubric.cutoffs() == scoring.DEFAULT_CUTOFFS and rubric.rectification_days == 30
    assert rubric_of(town_a).pk == rubric.pk  # the town's copy, not a second one


def test_a_review_with_a_failed_veto_scores_zero_and_creates_a_rectification_due_30_days_later(town_a):
    review = answer_all(start_review(town_a), failed=(RELIEF,))
    leader = leader_of(town_a)
    review = actions.complete_review(review, actor=office_of(town_a), lead_leader=leader, on=DONE)
    assert (review.status, review.score, review.grade, review.vetoed) == (
        ReviewStatus.COMPLETED,
        0,
        ReviewGrade.FAIL,
        True,
    )
    item = Rectification.objects.get(object_id=str(review.pk))
    assert item.source == RectificationSource.CASE_FILE_REVIEW and item.source_object == review
    assert item.due_on == DONE + dt.timedelta(days=30) == dt.date(2023, 12, 10)
    assert item.lead_leader == leader and item.status == RectificationStatus.OPEN
    assert RELIEF in item.problem
    assert (
        Deadline.objects.get(
            object_id=str(item.pk), content_type=ContentType.objects.get_for_model(item)
        ).owner
        == leader
    )


def test_completion_and_its_rectifications_are_one_transaction(town_a, monkeypatch):
    review = answer_all(start_review(town_a), failed=(RELIEF,))

    def broken(*args, **kwargs):
        raise RuntimeError("the rectification could not be written")

    monkeypatch.setattr("fazhi.oversight.actions.reviews.create_rectification", broken)
    with pytest.raises(RuntimeError):
        actions.complete_review(review, actor=office_of(town_a), lead_leader=leader_of(town_a), on=DONE)
    review.refresh_from_db()
    assert review.status == ReviewStatus.DRAFT and review.score is None
    assert not AuditEvent.objects.filter(action="oversight.casefilereview.completed").exists()


def test_completion_writes_its_event_and_one_per_rectification(town_a):
    review = answer_all(start_review(town_a), failed=(RELIEF,),
                        deductions=[("送达回证", DeductionKind.MISSING_DOCUMENT, 1)])  # fmt: skip
    before = AuditEvent.objects.count()
    actions.complete_review(review, actor=office_of(town_a), lead_leader=leader_of(town_a), on=DONE)
    actions_written = list(AuditEvent.objects.order_by("id")[before:].values_list("action", flat=True))
    assert actions_written == ["oversight.casefilereview.completed"] + ["oversight.rectification.created"] * 2


def test_deductions_cost_the_rubrics_points(town_a):
    review = answer_all(start_review(town_a), deductions=[
        ("送达回证", DeductionKind.MISSING_DOCUMENT, 1),
        ("当场行政处罚决定书", DeductionKind.MISSING_ELEMENT, 3),
        ("案卷封面及卷内目录", DeductionKind.WORDING_ERROR, 4),
    ])  # fmt: skip
    review = actions.complete_review(review, actor=office_of(town_a), lead_leader=leader_of(town_a), on=DONE)
    assert (review.score, review.grade) == (88, ReviewGrade.GOOD)
    assert Rectification.objects.filter(object_id=str(review.pk)).count() == 3


def test_a_rubric_with_other_points_and_cut_offs_grades_by_them(town_a):
    rubric = rubric_of(town_a)
    definitions.rubrics.do_update(rubric, actor=office_of(town_a),
                                  data={"missing_document_points": 10, "excellent_min": 95})  # fmt: skip
    rubric.refresh_from_db()
    review = answer_all(
        start_review(town_a, rubric=rubric), deductions=[("送达回证", DeductionKind.MISSING_DOCUMENT, 1)]
    )
    review = actions.complete_review(review, actor=office_of(town_a), lead_leader=leader_of(town_a), on=DONE)
    assert (review.score, review.grade) == (90, ReviewGrade.GOOD)


def test_a_clean_file_needs_no_lead_leader_and_makes_no_rectification(town_a):
    review = actions.complete_review(answer_all(start_review(town_a)), actor=office_of(town_a), on=DONE)
    assert (review.score, review.grade) == (100, ReviewGrade.EXCELLENT)
    assert not Rectification.objects.exists()


def test_findings_without_a_lead_leader_are_refused(town_a):
    review = answer_all(start_review(town_a), failed=(RELIEF,))
    with pytest.raises(RuleError) as exc:
        actions.complete_review(review, actor=office_of(town_a), on=DONE)
    assert exc.value.code == "lead_leader_required"


def test_every_veto_item_must_be_answered_before_completion(town_a):
    review = start_review(town_a)
    with pytest.raises(RuleError) as exc:
        actions.complete_review(review, actor=office_of(town_a), lead_leader=leader_of(town_a), on=DONE)
    assert exc.value.code == "vetoes_incomplete"


def test_the_handler_of_the_case_may_not_evaluate_it(town_a):
    case = closed_cases(town_a, 1)[0]
    with pytest.raises(RuleError) as exc:
        start_review(town_a, case, evaluator=handler_of(town_a))
    assert exc.value.code == "evaluator_is_handler"
    assert not CaseFileReview.objects.exists()


def test_an_officer_of_the_case_may_not_evaluate_it(town_a):
    from fazhi.core.tests.factories import user_with_role
    from fazhi.enforcement.tests.factories import make_officer

    colleague = user_with_role("colleague", "officer", town_a)
    case = closed_cases(town_a, 1, officers=[make_officer(town_a, user=colleague), make_officer(town_a)])[0]
    with pytest.raises(RuleError) as exc:
        start_review(town_a, case, evaluator=colleague)
    assert exc.value.code == "evaluator_is_handler"


def test_only_a_closed_case_is_evaluated(town_a):
    from fazhi.enforcement.tests.factories import make_summary_case

    open_case = make_summary_case(town_a, handler_of(town_a))  # a fine of 100 yuan, not yet paid
    with pytest.raises(RuleError) as exc:
        start_review(town_a, open_case)
    assert exc.value.code == "case_not_closed"


def test_a_completed_review_no_longer_changes(town_a):
    review = actions.complete_review(answer_all(start_review(town_a)), actor=office_of(town_a), on=DONE)
    with pytest.raises(RuleError) as exc:
        answer_all(review, failed=(RELIEF,))
    assert exc.value.code == "review_completed"


def test_the_review_never_changes_the_case(town_a):
    case = closed_cases(town_a, 1)[0]
    before = (case.version, case.updated_at, case.status)
    review = answer_all(start_review(town_a, case), failed=(RELIEF,))
    actions.complete_review(review, actor=office_of(town_a), lead_leader=leader_of(town_a), on=DONE)
    case.refresh_from_db()
    assert (case.version, case.updated_at, case.status) == before
    assert not AuditEvent.objects.filter(target_type="enforcement.case", target_id=str(case.pk),
                                         action__startswith="oversight").exists()  # fmt: skip


def test_the_sample_is_the_same_for_the_same_seed_and_leaves_out_reviewed_files(town_a):
    from fazhi.enforcement.tests.factories import town_body

    cases = closed_cases(town_a, 8)
    body = town_body(town_a)
    first = selectors.sample_cases(body, 2023, 3, seed="2023")
    assert len(first) == 3 and first == selectors.sample_cases(body, 2023, 3, seed="2023")
    assert {c.pk for c in first} <= {c.pk for c in cases}
    assert len(selectors.sample_cases(body, 2023, 20, seed="x")) == 8
    assert selectors.sample_cases(body, 2022, 3, seed="2023") == []
    start_review(town_a, first[0])
    assert first[0] not in selectors.sample_cases(body, 2023, 8, seed="2023")


def test_the_report_averages_scores_per_body_and_per_officer(town_a):
    from fazhi.enforcement.tests.factories import make_officer

    handler = handler_of(town_a)
    a, b, c = (
        make_officer(town_a, user=handler, name="甲"),
        make_officer(town_a, name="乙"),
        make_officer(town_a, name="丙"),
    )
    first = closed_cases(town_a, 1, officers=[a, b])[0]
    second = closed_cases(town_a, 1, officers=[a, c])[0]
    office = office_of(town_a)
    actions.complete_review(answer_all(start_review(town_a, first)), actor=office, on=DONE)  # 100
    failed = answer_all(start_review(town_a, second), failed=(RELIEF,))
    actions.complete_review(failed, actor=office, lead_leader=leader_of(town_a), on=DONE)  # 0
    report = selectors.review_report(town_a, 2023)
    assert report["overall"]["n"] == 2 and report["overall"]["avg"] == 50 and report["overall"]["vetoed"] == 1
    assert [(r["n"], r["avg"]) for r in report["bodies"]] == [(2, 50)]
    by_name = {r["name"]: (r["n"], r["avg"]) for r in report["officers"]}
    assert by_name == {"甲": (2, 50), "乙": (1, 100), "丙": (1, 0)}
    assert dict(report["grades"])["优秀"] == 1 and dict(report["grades"])["不合格"] == 1


def test_a_review_through_the_pages(client, town_a):
    from fazhi.core.tests.factories import login

    case = closed_cases(town_a, 1)[0]
    office, leader = office_of(town_a), leader_of(town_a)
    rubric = rubric_of(town_a)
    client.force_login(office)
    r = client.post("/oversight/reviews/new/", {"case": case.pk, "rubric": rubric.pk, "evaluator": office.pk,
                                               "reviewed_on": "2023-11-06"})  # fmt: skip
    assert r.status_code == 302, r.content.decode()[:3000]
    review = CaseFileReview.objects.get()
    vetoes = list(rubric.items.filter(kind="veto"))
    form = {f"veto_{i.pk}": "fail" if i.title == RELIEF else "pass" for i in vetoes}
    document = rubric.items.get(title="送达回证")
    form.update({"summary": "存在问题", "deductions-TOTAL_FORMS": "3", "deductions-INITIAL_FORMS": "0",
                 "deductions-0-item": document.pk, "deductions-0-kind": "missing_document", "deductions-0-count": "1"})  # fmt: skip
    assert client.post(f"/oversight/reviews/{review.pk}/findings/", form).status_code == 302
    assert review.deductions.get().points == 5
    r = client.post(f"/oversight/reviews/{review.pk}/complete/", {"lead_leader": leader.pk, "on": "2023-11-10"},
                    follow=True)  # fmt: skip
    assert "评查完成：0分，不合格" in r.content.decode()
    assert Rectification.objects.filter(object_id=str(review.pk)).count() == 2
    login(client, leader)
    page = client.get(f"/oversight/reviews/{review.pk}/").content.decode()
    assert "不通过" in page and "送达回证" in page


def test_the_handler_is_refused_on_the_start_page_too(client, town_a):
    case = closed_cases(town_a, 1)[0]
    client.force_login(office_of(town_a))
    r = client.post("/oversight/reviews/new/", {"case": case.pk, "rubric": rubric_of(town_a).pk,
                                               "evaluator": handler_of(town_a).pk, "reviewed_on": "2023-11-06"})  # fmt: skip
    assert r.status_code == 200 and "不能评查本案卷" in r.content.decode()


def test_a_review_through_the_api(client, town_a):
    case = closed_cases(town_a, 1)[0]
    office, rubric = office_of(town_a), rubric_of(town_a)
    client.force_login(office)
    data = {"case": case.pk, "rubric": rubric.pk, "evaluator": office.pk, "reviewed_on": "2023-11-06"}
    r = client.post("/api/v1/oversight/reviews/", data, content_type="application/json")
    assert r.status_code == 201, r.json()
    pk = r.json()["id"]
    vetoes = [{"item": i.pk, "passed": i.title != RELIEF} for i in rubric.items.filter(kind="veto")]
    r = client.post(
        f"/api/v1/oversight/reviews/{pk}/findings/", {"vetoes": vetoes}, content_type="application/json"
    )
    assert r.status_code == 200 and len(r.json()["veto_results"]) == 11
    r = client.post(f"/api/v1/oversight/reviews/{pk}/complete/", {}, content_type="application/json")
    assert r.status_code == 400 and r.json()["code"] == "lead_leader_required"
    r = client.post(f"/api/v1/oversight/reviews/{pk}/complete/", {"lead_leader": leader_of(town_a).pk},
                    content_type="application/json")  # fmt: skip
    assert r.status_code == 200 and (r.json()["score"], r.json()["grade"]) == (0, "fail")


def test_another_towns_review_is_not_found(client, town_a, town_b):
    review = start_review(town_a)
    client.force_login(office_of(town_b))
    assert client.get(f"/oversight/reviews/{review.pk}/").status_code == 404
    assert client.post(f"/oversight/reviews/{review.pk}/complete/", {}).status_code == 404
    assert client.get(f"/api/v1/oversight/reviews/{review.pk}/").status_code == 404
    assert client.post(f"/api/v1/oversight/reviews/{review.pk}/complete/", {}).status_code == 404


def test_the_report_page_shows_the_year(client, town_a):
    actions.complete_review(answer_all(start_review(town_a)), actor=office_of(town_a), on=DONE)
    client.force_login(office_of(town_a))
    page = client.get("/oversight/reviews/report/?year=2023").content.decode()
    assert "完成评查1卷" in page and "100.0" in page


def test_starting_and_recording_findings_are_one_event_each(town_a):
    review = start_review(town_a)
    assert (
        AuditEvent.objects.filter(action="oversight.casefilereview.created", target_id=str(review.pk)).count()
        == 1
    )
    answer_all(review, failed=(RELIEF,))
    event = AuditEvent.objects.get(
        action="oversight.casefilereview.findings_recorded", target_id=str(review.pk)
    )
    assert RELIEF not in event.new_values and "问题说明" in event.new_values  # item ids and notes, not titles
    answer_all(review)
    assert AuditEvent.objects.filter(action="oversight.casefilereview.findings_recorded").count() == 2


def test_the_sample_draws_only_files_the_user_sees(town_a, town_b):
    from fazhi.enforcement.tests.factories import town_body

    closed_cases(town_a, 3)
    body = town_body(town_a)
    assert len(selectors.sample_cases(body, 2023, 3, seed="1", user=office_of(town_a))) == 3
    assert selectors.sample_cases(body, 2023, 3, seed="1", user=office_of(town_b)) == []
