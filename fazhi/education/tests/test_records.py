"""Writing education records: one audit event per create and change (none for a
save without changes), nothing saved when the event cannot be written, the
Constitution Day flag, presenters, villages limited to the town, and who may
write what."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from fazhi.core.choices import OrgKind
from fazhi.core.models import AuditEvent, OrgUnit
from fazhi.core.tests.factories import OrgUnitFactory, login, user_with_role
from fazhi.education import actions, definitions
from fazhi.education.choices import RosterKind
from fazhi.education.models import OutreachEvent, RosterMember, StudySession
from fazhi.education.tests.factories import (
    make_event,
    make_member,
    make_service,
    make_session,
    make_training,
    office_of,
    village_of,
)

pytestmark = pytest.mark.django_db


def _events(action: str):
    return AuditEvent.objects.filter(action=action)


def _event_form(town, village, **extra) -> dict:
    return {"org_unit": town.pk, "held_on": "2023-06-15", "venue_kind": "village", "village": village.pk,
            "topic": "anti_fraud", "title": "反诈宣传进村", "audience": "150",
            "presenters": ["village_advisor", "literate_residents"], **extra}  # fmt: skip


# -- the audit trail -----------------------------------------------------------------------------


def test_the_page_form_creates_an_event_with_one_audit_event(client, town_a):
    village = village_of(town_a)
    client.force_login(office_of(town_a))
    r = client.post(definitions.outreach_events.url("create"), _event_form(town_a, village))
    assert r.status_code == 302, r.content.decode()[:2000]
    event = OutreachEvent.objects.get()
    assert (event.audience, event.presenters, event.village) == (
        150,
        "village_advisor,literate_residents",
        village,
    )
    assert _events("education.outreachevent.created").count() == 1


def test_an_edit_records_only_the_changed_fields_and_a_save_without_changes_nothing(client, town_a):
    event = make_event(town_a, audience=120)
    office = office_of(town_a)
    actions.update_outreach_event(event, actor=office, data={"audience": 130, "title": event.title})
    changed = _events("education.outreachevent.changed").get()
    assert (changed.old, changed.new) == ({"audience": 120}, {"audience": 130})
    actions.update_outreach_event(event, actor=office, data={"audience": 130})
    assert _events("education.outreachevent.changed").count() == 1


def test_a_failed_audit_event_saves_nothing(town_a, monkeypatch):
    def broken(events):
        raise RuntimeError("audit store unavailable")

    monkeypatch.setattr("fazhi.core.audit._insert", broken)
    with pytest.raises(RuntimeError):
        make_session(town_a)
    assert not StudySession.objects.exists()


# -- outreach events -----------------------------------------------------------------------------


def test_an_event_on_4_december_is_a_constitution_day_event(town_a):
    event = make_event(town_a, held_on=dt.date(2023, 12, 4), constitution_day=False)
    assert event.constitution_day
    assert _events("education.outreachevent.created").get().new["constitution_day"] is True


def test_an_event_moved_to_4_december_becomes_one_and_the_event_says_so(town_a):
    event = make_event(town_a, held_on=dt.date(2023, 12, 3))
    assert not event.constitution_day
    event = actions.update_outreach_event(
        event, actor=office_of(town_a), data={"held_on": dt.date(2023, 12, 4)}
    )
    assert event.constitution_day
    assert _events("education.outreachevent.changed").get().new["constitution_day"] is True


def test_an_event_of_constitution_week_may_be_flagged_by_hand(town_a):
    assert make_event(town_a, held_on=dt.date(2023, 12, 1), constitution_day=True).constitution_day


def test_the_list_shows_the_presenters_by_name(client, town_a, officer_town_a):
    make_event(town_a, presenters="legal_advisor,staff")
    client.force_login(officer_town_a)
    html = client.get(definitions.outreach_events.list_url).content.decode()
    assert "政府法律顾问、镇村干部" in html


def test_an_unknown_presenter_is_refused(town_a):
    with pytest.raises(ValidationError) as exc:
        make_event(town_a, presenters="lawyer")
    assert "宣讲人员类别" in exc.value.message_dict["presenters"][0]


def test_the_list_filters_by_presenter(client, town_a, officer_town_a):
    make_event(town_a, presenters="literate_residents")
    make_event(town_a, presenters="legal_advisor,staff")
    client.force_login(officer_town_a)
    page = client.get(definitions.outreach_events.list_url + "?presenter=literate_residents").context["page"]
    assert [e.presenters for e in page.object_list] == ["literate_residents"]


# -- villages --------------------------------------------------------------------------------------


def test_another_towns_village_is_refused(town_a, town_b):
    with pytest.raises(ValidationError) as exc:
        make_event(town_a, village=village_of(town_b))
    assert exc.value.message_dict["village"] == ["所选村（社区）不在本单位管辖范围内"]
    assert not OutreachEvent.objects.exists()


def test_a_unit_that_is_not_a_village_is_refused(town_a):
    office = OrgUnitFactory(kind=OrgKind.OFFICE, parent=town_a, name="平安法治办公室")
    with pytest.raises(ValidationError) as exc:
        make_service(town_a, village=office)
    assert exc.value.message_dict["village"] == ["所选单位不是村或社区"]


def test_the_form_offers_only_the_users_villages(client, town_a, town_b):
    ours, theirs = village_of(town_a), village_of(town_b)
    client.force_login(office_of(town_a))
    choices = client.get(definitions.legal_services.url("create")).context["form"].fields["village"].queryset
    assert list(choices) == [ours] and theirs not in choices
    r = client.post(definitions.outreach_events.url("create"), _event_form(town_a, theirs))
    assert r.status_code == 200 and "village" in r.context["form"].errors
    assert not OutreachEvent.objects.exists()


def test_an_office_of_the_town_may_name_any_village_of_its_town(town_a, town_b):
    office = OrgUnitFactory(kind=OrgKind.OFFICE, parent=town_a, name="平安法治办公室")
    village = village_of(town_a)
    assert make_event(office, village=village).village == village
    with pytest.raises(ValidationError):
        make_event(office, village=village_of(town_b))


def test_a_village_may_keep_its_own_records(town_a):
    village = village_of(town_a)
    assert make_service(village).village == village
    assert OrgUnit.objects.get(pk=village.pk).kind == OrgKind.VILLAGE


# -- roster and trainings ----------------------------------------------------------------------


def test_the_same_person_is_not_entered_twice_in_a_village(town_a):
    village = village_of(town_a)
    make_member(town_a, name="谭德明", village=village)
    with pytest.raises(ValidationError) as exc:
        make_member(town_a, name="谭德明", village=village)
    assert "该村（社区）已登记同名的同类人员" in str(exc.value)
    assert make_member(town_a, name="谭德明", village=village, kind=RosterKind.VILLAGE_ADVISOR)
    assert RosterMember.objects.count() == 2


def test_a_training_may_not_end_before_it_starts(town_a):
    with pytest.raises(ValidationError) as exc:
        make_training(town_a, starts_on=dt.date(2023, 5, 2), ends_on=dt.date(2023, 5, 1))
    assert exc.value.message_dict["ends_on"] == ["结束日期不能早于开始日期"]


# -- roles ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("role", ["officer", "mediator"])
def test_officers_and_mediators_register_events_and_services_but_not_study(client, town_a, role):
    user = user_with_role(f"edu_{role}", role, town_a)
    client.force_login(user)
    for register in (definitions.outreach_events, definitions.legal_services):
        assert client.get(register.url("create")).status_code == 200
        assert client.get(register.url("import")).status_code == 200
    for register in (definitions.study_sessions, definitions.roster, definitions.trainings):
        assert client.get(register.list_url).status_code == 200
        assert client.get(register.url("create")).status_code == 403


@pytest.mark.parametrize("role", ["leader", "grid_worker", "window_clerk", "legal_reviewer"])
def test_other_staff_roles_only_read(client, town_a, role):
    user = user_with_role(f"edu_{role}", role, town_a)
    login(client, user)
    for register in (definitions.outreach_events, definitions.legal_services, definitions.study_sessions):
        assert client.get(register.list_url).status_code == 200
        assert client.get(register.url("create")).status_code == 403


def test_another_towns_edit_page_is_not_found_for_a_user_who_may_edit(client, town_a, town_b):
    event = make_event(town_a)
    client.force_login(office_of(town_b))
    assert client.get(definitions.outreach_events.url("edit", event.pk)).status_code == 404


def test_an_action_refuses_a_record_outside_the_actors_town(town_a, town_b):
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        make_session(town_a, actor=office_of(town_b))
    assert not StudySession.objects.exists()


# -- attachments ---------------------------------------------------------------------------------

JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01" + b"\x00" * 200
PDF = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.mark.parametrize(("maker", "name", "data"), [(make_event, "宣讲现场.jpg", JPEG),
                                                     (make_session, "学习材料.pdf", PDF)])  # fmt: skip
def test_photos_and_materials_are_attached_to_their_record(client, town_a, officer_town_a, maker, name, data):
    from django.core.files.uploadedfile import SimpleUploadedFile

    record = maker(town_a)
    client.force_login(officer_town_a)
    owner = f"{record._meta.label_lower}:{record.pk}"
    client.post("/files/upload/", {"owner": owner, "file": SimpleUploadedFile(name, data)})
    assert name in client.get(record.get_absolute_url()).content.decode()
    assert AuditEvent.objects.filter(action="core.attachment.uploaded").count() == 1
