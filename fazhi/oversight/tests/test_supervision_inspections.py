"""Inspections and appraisals: their findings become rectification items whose
source follows the kind of supervision and which point back to the inspection;
the inspection's page lists them with their on-time close-out."""

from __future__ import annotations

import datetime as dt

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError

from fazhi.core.models import AuditEvent
from fazhi.core.tests.factories import login, user_with_role
from fazhi.law import RuleError
from fazhi.oversight.choices import InspectionKind, RectificationSource, RectificationStatus
from fazhi.oversight.models import Inspection, Rectification
from fazhi.oversight.supervision import actions
from fazhi.oversight.supervision.definitions import inspections
from fazhi.oversight.tests.factories import close_out, leader_of, office_of
from fazhi.oversight.tests.factories_supervision import add_finding, make_inspection

pytestmark = pytest.mark.django_db


def test_a_finding_is_a_rectification_item_pointing_at_its_inspection(town_a):
    inspection = make_inspection(town_a)
    item = add_finding(inspection)
    assert (item.source, item.status, item.org_unit) == (RectificationSource.INSPECTION, RectificationStatus.OPEN,
                                                         town_a)  # fmt: skip
    assert item.content_type == ContentType.objects.get_for_model(Inspection)
    assert item.object_id == str(inspection.pk) and item.source_label == inspection.title
    assert list(actions.findings_of(inspection)) == [item]
    assert AuditEvent.objects.filter(action="oversight.rectification.created").count() == 1


@pytest.mark.parametrize(("kind", "source"), [
    (InspectionKind.COUNTY, RectificationSource.INSPECTION),
    (InspectionKind.APPRAISAL, RectificationSource.APPRAISAL),
    (InspectionKind.JUDICIAL, RectificationSource.JUDICIAL_SUGGESTION),
])  # fmt: skip
def test_the_source_follows_the_kind_of_supervision(town_a, kind, source):
    assert add_finding(make_inspection(town_a, kind=kind)).source == source


def test_a_finding_due_before_the_inspection_is_refused(town_a):
    inspection = make_inspection(town_a, held_on=dt.date(2023, 6, 15))
    with pytest.raises(RuleError):
        add_finding(inspection, due_on=dt.date(2023, 6, 1))
    assert not Rectification.objects.exists()


def test_a_role_that_may_not_file_problems_adds_no_finding(town_a, officer_town_a):
    inspection = make_inspection(town_a)
    with pytest.raises(PermissionDenied):
        actions.add_inspection_finding(inspection, actor=officer_town_a, data={
            "problem": "问题", "lead_leader": leader_of(town_a), "due_on": dt.date(2023, 7, 31)})  # fmt: skip


def test_participants_are_only_for_an_appraisal(town_a):
    with pytest.raises(ValidationError):
        make_inspection(town_a, kind=InspectionKind.COUNTY, participants=8)
    assert make_inspection(town_a, kind=InspectionKind.APPRAISAL, participants=8).participants == 8


def test_the_page_lists_the_findings_with_their_on_time_close_out(client, town_a, officer_town_a):
    inspection = make_inspection(town_a)
    close_out(add_finding(inspection, due_on=dt.date(2023, 7, 31)), on=dt.date(2023, 7, 20))
    close_out(add_finding(inspection, due_on=dt.date(2023, 7, 31)), on=dt.date(2023, 8, 3))
    add_finding(inspection, due_on=dt.date(2023, 7, 31))
    client.force_login(officer_town_a)
    r = client.get(inspections.url("detail", inspection.pk))
    assert r.status_code == 200
    assert len(r.context["findings"]) == 3
    assert (r.context["on_time"].closed, r.context["on_time"].on_time) == (2, 1)
    page = r.content.decode()
    assert "按期销号率：50%" in page or "按期销号率：50.0%" in page
    assert "按期销号" in page and "逾期销号" in page
    assert r.context["finding_form"] is None  # an officer files no problems


def test_the_office_adds_a_finding_from_the_page(client, town_a):
    inspection = make_inspection(town_a)
    client.force_login(office_of(town_a))
    r = client.post(inspections.url("detail", inspection.pk) + "findings/", {
        "problem": "村务公开栏信息未及时更新", "measures": "每月更新", "lead_leader": leader_of(town_a).pk,
        "due_on": "2023-07-31"})  # fmt: skip
    assert r.status_code == 302
    item = Rectification.objects.get()
    assert (item.problem, item.source, item.object_id) == (
        "村务公开栏信息未及时更新",
        "inspection",
        str(inspection.pk),
    )


def test_a_bad_finding_from_the_page_saves_nothing_and_says_why(client, town_a):
    inspection = make_inspection(town_a, held_on=dt.date(2023, 6, 15))
    client.force_login(office_of(town_a))
    r = client.post(inspections.url("detail", inspection.pk) + "findings/", {
        "problem": "问题", "lead_leader": leader_of(town_a).pk, "due_on": "2023-06-01"})  # fmt: skip
    assert r.status_code == 400 and "整改期限不能早于督查" in r.content.decode()
    assert not Rectification.objects.exists()


def test_another_towns_inspection_takes_no_finding(client, town_a, town_b):
    inspection = make_inspection(town_a)
    login(client, user_with_role("office_b_x", "rule_of_law_office", town_b))
    r = client.post(inspections.url("detail", inspection.pk) + "findings/", {"problem": "问题"})
    assert r.status_code == 404 and not Rectification.objects.exists()
