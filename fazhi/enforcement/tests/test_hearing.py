"""The hearing of the ordinary procedure (行政处罚法 第64条): the party is told the
hearing's time and place at least 7 days before it (the days are working days,
第85条), and the hearing is held on the day notified, never earlier; through the
action, the API step and the case page alike."""

import datetime as dt
import io
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import timezone
from docx import Document

from fazhi.core import documents
from fazhi.core.models import AuditEvent
from fazhi.enforcement import actions, workflow
from fazhi.enforcement.choices import CaseStatus, DecisionKind, PenaltyKind, Procedure
from fazhi.enforcement.documents import generate_for_case
from fazhi.enforcement.documents.context import case_context
from fazhi.enforcement.tests.factories import HEARING_PLACE, individual_party, make_ordinary_case
from fazhi.law import RuleError

pytestmark = pytest.mark.django_db

FINE = Decimal("5000")  # an individual's fine that carries the hearing right (第63条, Chongqing figure)
NOTIFIED_ON = dt.date(2023, 7, 19)  # the advance notice in the factory's rhythm
REQUESTED_ON = dt.date(2023, 7, 20)  # the party asks for a hearing the next working day (a Thursday)
EARLIEST = dt.date(2023, 7, 31)  # 7 working days after 2023-07-20, the day itself not counted
PLACE = "江口镇人民政府三楼会议室"


def _hearing_case(town, handler, until: str = "hearing"):
    return make_ordinary_case(town, handler, until, party=individual_party(town), fine=FINE, hearing=True)


def _steps(case) -> list[str]:
    return list(case.steps.order_by("at", "id").values_list("action", flat=True))


def _schedule(case, actor, hearing_on, *, on=REQUESTED_ON, place=PLACE, **kwargs):
    return actions.schedule_hearing(case, actor=actor, hearing_on=hearing_on, place=place, on=on, **kwargs)


# -- the workflow -------------------------------------------------------------------------------------


def test_the_hearing_is_notified_in_the_hearing_state_and_stays_there():
    assert (
        workflow.next_status(Procedure.ORDINARY, CaseStatus.HEARING, "schedule_hearing") == CaseStatus.HEARING
    )
    assert workflow.next_status(Procedure.ORDINARY, CaseStatus.HEARING, "hold_hearing") == CaseStatus.NOTIFIED


def test_a_summary_case_has_no_hearing_notice():
    assert all("schedule_hearing" not in steps for steps in workflow.SUMMARY.values())


def test_the_hearing_cannot_be_notified_before_it_is_requested(town_a, officer_town_a):
    case = make_ordinary_case(town_a, officer_town_a, "notified", party=individual_party(town_a), fine=FINE)
    with pytest.raises(RuleError) as exc:
        _schedule(case, officer_town_a, EARLIEST)
    assert exc.value.code == "transition_forbidden"


# -- 第64条: seven days' notice ---------------------------------------------------------------------------


def test_the_earliest_hearing_day_is_7_working_days_after_the_notice():
    assert actions.hearing_earliest(REQUESTED_ON) == EARLIEST


def test_the_notice_counts_working_days_across_the_national_day_holiday():
    # 2023-09-29 to 10-06 are holidays; Saturday 10-07 and Sunday 10-08 are working days (调休).
    assert actions.hearing_earliest(dt.date(2023, 9, 27)) == dt.date(2023, 10, 12)


def test_a_hearing_notified_less_than_7_days_before_is_refused_citing_article_64(town_a, officer_town_a):
    case = _hearing_case(town_a, officer_town_a)
    with pytest.raises(RuleError) as exc:
        _schedule(case, officer_town_a, EARLIEST - dt.timedelta(days=1))
    assert exc.value.code == "hearing_notice_too_short"
    message = str(exc.value)
    assert "七日前通知" in message and "最早于2023-07-31举行" in message
    assert message.endswith("（行政处罚法第六十四条）")
    case.refresh_from_db()
    assert case.status == CaseStatus.HEARING and case.hearing_on is None
    assert "schedule_hearing" not in _steps(case)


def test_a_hearing_on_the_earliest_day_is_notified(town_a, officer_town_a):
    case = _hearing_case(town_a, officer_town_a)
    version = case.version
    case = _schedule(case, officer_town_a, EARLIEST, note="已电话告知当事人")
    case.refresh_from_db()
    assert case.status == CaseStatus.HEARING and case.version == version + 1
    assert (case.hearing_notified_on, case.hearing_on, case.hearing_place) == (REQUESTED_ON, EARLIEST, PLACE)
    step = case.steps.get(action="schedule_hearing")
    assert step.label == "通知听证时间地点"
    assert step.note == f"听证定于2023-07-31在{PLACE}举行。已电话告知当事人"
    event = AuditEvent.objects.get(target_id=str(case.pk), action="enforcement.case.schedule_hearing")
    assert event.new["hearing_on"] == "2023-07-31" and event.new["hearing_place"] == PLACE


def test_a_hearing_notice_needs_a_place(town_a, officer_town_a):
    case = _hearing_case(town_a, officer_town_a)
    with pytest.raises(RuleError) as exc:
        _schedule(case, officer_town_a, EARLIEST, place="   ")
    assert exc.value.code == "hearing_place_required"
    assert "地点" in str(exc.value) and "第六十四条" in str(exc.value)


def test_a_hearing_notice_needs_a_date(town_a, officer_town_a):
    case = _hearing_case(town_a, officer_town_a)
    with pytest.raises(RuleError) as exc:
        _schedule(case, officer_town_a, None)
    assert exc.value.code == "hearing_date_required"


def test_a_hearing_can_be_moved_with_a_new_notice(town_a, officer_town_a):
    case = _schedule(_hearing_case(town_a, officer_town_a), officer_town_a, EARLIEST)
    later = dt.date(2023, 7, 26)
    with pytest.raises(RuleError) as exc:  # a new notice counts its own 7 days
        _schedule(case, officer_town_a, dt.date(2023, 8, 3), on=later)
    assert exc.value.code == "hearing_notice_too_short"
    case = _schedule(case, officer_town_a, dt.date(2023, 8, 4), on=later, place="江口镇便民服务中心")
    case.refresh_from_db()
    assert (case.hearing_notified_on, case.hearing_on, case.hearing_place) == (
        later,
        dt.date(2023, 8, 4),
        "江口镇便民服务中心",
    )


def test_only_the_handling_side_notifies_a_hearing(town_a, officer_town_a, reviewer):
    case = _hearing_case(town_a, officer_town_a)
    with pytest.raises(PermissionDenied):
        _schedule(case, reviewer, EARLIEST)


# -- holding the hearing ----------------------------------------------------------------------------------


def test_a_hearing_cannot_be_held_before_it_is_notified(town_a, officer_town_a):
    case = _hearing_case(town_a, officer_town_a)
    with pytest.raises(RuleError) as exc:
        actions.hold_hearing(case, actor=officer_town_a, on=EARLIEST)
    assert exc.value.code == "hearing_not_scheduled"
    assert str(exc.value).endswith("（行政处罚法第六十四条）")
    case.refresh_from_db()
    assert case.status == CaseStatus.HEARING and case.hearing_held_on is None


def test_a_hearing_cannot_be_held_before_the_day_notified(town_a, officer_town_a):
    case = _schedule(_hearing_case(town_a, officer_town_a), officer_town_a, dt.date(2023, 8, 2))
    with pytest.raises(RuleError) as exc:
        actions.hold_hearing(case, actor=officer_town_a, on=dt.date(2023, 8, 1))
    assert exc.value.code == "hearing_before_scheduled"
    assert "2023-08-02" in str(exc.value) and "第六十四条" in str(exc.value)


def test_a_hearing_held_on_the_day_notified_records_its_place(town_a, officer_town_a):
    case = _schedule(_hearing_case(town_a, officer_town_a), officer_town_a, EARLIEST)
    case = actions.hold_hearing(case, actor=officer_town_a, on=EARLIEST)
    assert case.status == CaseStatus.NOTIFIED and case.hearing_held_on == EARLIEST
    assert case.steps.get(action="hold_hearing").place == PLACE


def test_the_full_hearing_path_ends_in_a_decision(town_a, officer_town_a):
    case = make_ordinary_case(town_a, officer_town_a, "case_review", party=individual_party(town_a))
    case = actions.notify(
        case, actor=officer_town_a, penalty_kind=PenaltyKind.FINE, fine=FINE, on=NOTIFIED_ON
    )
    case = actions.request_hearing(case, actor=officer_town_a, on=REQUESTED_ON)
    case = _schedule(case, officer_town_a, EARLIEST)
    case = actions.hold_hearing(case, actor=officer_town_a, on=EARLIEST)
    case = actions.decide_case(case, actor=officer_town_a, decision_kind=DecisionKind.PENALTY,
                               penalty_kind=PenaltyKind.FINE, fine=FINE, on=dt.date(2023, 8, 1))  # fmt: skip
    assert case.status == CaseStatus.DECIDED
    assert _steps(case)[-5:] == ["notify", "request_hearing", "schedule_hearing", "hold_hearing", "decide"]


def test_the_factory_notifies_the_hearing_before_holding_it(town_a, officer_town_a):
    case = _hearing_case(town_a, officer_town_a, "heard")
    assert _steps(case)[-3:] == ["request_hearing", "schedule_hearing", "hold_hearing"]
    assert case.hearing_held_on == case.hearing_on == EARLIEST and case.hearing_place == HEARING_PLACE


# -- the API ---------------------------------------------------------------------------------------------------


def _api_step(client, case, **body):
    return client.post(f"/api/v1/enforcement/cases/{case.pk}/steps/schedule_hearing/",
                       {"version": case.version, "on": REQUESTED_ON.isoformat(), **body},
                       content_type="application/json")  # fmt: skip


def test_the_api_notifies_a_hearing(client, town_a, officer_town_a):
    case = _hearing_case(town_a, officer_town_a)
    client.force_login(officer_town_a)
    r = _api_step(client, case, hearing_on=EARLIEST.isoformat(), place=PLACE)
    assert r.status_code == 200, r.content
    body = r.json()
    assert body["status"] == CaseStatus.HEARING and body["version"] == case.version + 1
    assert (body["hearing_notified_on"], body["hearing_on"], body["hearing_place"]) == (
        "2023-07-20",
        "2023-07-31",
        PLACE,
    )
    assert body["steps"][-1]["action"] == "schedule_hearing"


def test_the_api_refuses_a_short_notice_citing_article_64(client, town_a, officer_town_a):
    case = _hearing_case(town_a, officer_town_a)
    client.force_login(officer_town_a)
    r = _api_step(client, case, hearing_on="2023-07-28", place=PLACE)
    assert r.status_code == 400
    assert r.json()["code"] == "hearing_notice_too_short"
    assert "2023-07-31" in r.json()["detail"] and "第六十四条" in r.json()["detail"]


def test_the_api_refuses_a_notice_without_a_place(client, town_a, officer_town_a):
    case = _hearing_case(town_a, officer_town_a)
    client.force_login(officer_town_a)
    r = _api_step(client, case, hearing_on=EARLIEST.isoformat())
    assert r.status_code == 400 and r.json()["code"] == "hearing_place_required"


def test_the_api_holds_the_notified_hearing(client, town_a, officer_town_a):
    case = _schedule(_hearing_case(town_a, officer_town_a), officer_town_a, EARLIEST)
    client.force_login(officer_town_a)
    r = client.post(f"/api/v1/enforcement/cases/{case.pk}/steps/hold_hearing/",
                    {"version": case.version, "on": EARLIEST.isoformat()}, content_type="application/json")  # fmt: skip
    assert r.status_code == 200, r.content
    assert r.json()["status"] == CaseStatus.NOTIFIED and r.json()["hearing_held_on"] == "2023-07-31"


# -- the case page ----------------------------------------------------------------------------------------------


@pytest.fixture
def today(monkeypatch):
    """The server's "today" on the day the party asked for the hearing."""
    real = timezone.localdate
    monkeypatch.setattr(
        timezone, "localdate", lambda value=None, tz=None: REQUESTED_ON if value is None else real(value, tz)
    )
    return REQUESTED_ON


def test_the_case_page_offers_the_hearing_notice_with_its_earliest_day(client, town_a, officer_town_a, today):
    case = _hearing_case(town_a, officer_town_a)
    client.force_login(officer_town_a)
    page = client.get(f"/enforcement/cases/{case.pk}/").content.decode()
    assert f"/enforcement/cases/{case.pk}/step/schedule_hearing/" in page
    assert 'name="hearing_on"' in page and 'name="place"' in page
    assert "最早2023-07-31举行" in page


def test_the_case_page_notifies_a_hearing(client, town_a, officer_town_a):
    case = _hearing_case(town_a, officer_town_a)
    client.force_login(officer_town_a)
    r = client.post(f"/enforcement/cases/{case.pk}/step/schedule_hearing/", {
        "version": case.version, "on": "2023-07-20", "hearing_on": "2023-07-31", "place": PLACE,
    }, follow=True)  # fmt: skip
    assert r.status_code == 200
    assert "已完成：通知听证时间地点" in r.content.decode()
    case.refresh_from_db()
    assert (case.status, case.hearing_on, case.hearing_place) == (CaseStatus.HEARING, EARLIEST, PLACE)
    assert "听证定于 2023-07-31" in r.content.decode()


def test_the_case_page_shows_the_refusal_of_a_short_notice(client, town_a, officer_town_a):
    case = _hearing_case(town_a, officer_town_a)
    client.force_login(officer_town_a)
    r = client.post(f"/enforcement/cases/{case.pk}/step/schedule_hearing/", {
        "version": case.version, "on": "2023-07-20", "hearing_on": "2023-07-27", "place": PLACE,
    }, follow=True)  # fmt: skip
    assert "最早于2023-07-31举行" in r.content.decode() and "第六十四条" in r.content.decode()
    case.refresh_from_db()
    assert case.hearing_on is None


def test_the_other_step_forms_still_work_on_the_page(client, town_a, officer_town_a):
    case = make_ordinary_case(town_a, officer_town_a, "filed")
    client.force_login(officer_town_a)
    r = client.post(
        f"/enforcement/cases/{case.pk}/step/investigate/", {"version": case.version, "on": "2023-07-06"}
    )
    assert r.status_code == 302
    case.refresh_from_db()
    assert case.status == CaseStatus.INVESTIGATING


# -- the 听证告知书 ---------------------------------------------------------------------------------------------------


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "files"


def _notice_text(case, actor) -> str:
    doc = generate_for_case(case, "hearing_notice", actor=actor)
    return "\n".join(p.text for p in Document(io.BytesIO(documents.verified_bytes(doc))).paragraphs)


def test_the_hearing_notice_names_the_time_and_place_once_notified(town_a, officer_town_a, media):
    case = _schedule(_hearing_case(town_a, officer_town_a), officer_town_a, EARLIEST)
    case.refresh_from_db()
    context = case_context(case)
    assert (context["hearing_on"], context["hearing_place"]) == ("2023年7月31日", PLACE)
    assert f"本机关定于2023年7月31日在{PLACE}举行听证" in _notice_text(case, officer_town_a)


def test_the_hearing_notice_before_the_hearing_is_notified_leaves_the_time_out(town_a, officer_town_a, media):
    case = _hearing_case(town_a, officer_town_a)
    text = _notice_text(case, officer_town_a)
    assert "有权要求举行听证" in text and "本机关定于" not in text and "{{" not in text
