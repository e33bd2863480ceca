"""Personal data in the education registers stays masked: the person served and
their phone, and the roster's phones, in lists, detail pages, exports and audit
events; an exported ledger imports back without changing them."""

from __future__ import annotations

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import load_workbook

from fazhi.core.models import AuditEvent
from fazhi.education import definitions
from fazhi.education.models import LegalServiceRecord, RosterMember
from fazhi.education.tests.factories import make_member, make_service, office_of

pytestmark = pytest.mark.django_db

NAME, PHONE = "谭德明", "13812345678"


def test_the_list_and_detail_mask_the_person_served(client, town_a, officer_town_a):
    service = make_service(town_a, person_name=NAME, phone=PHONE)
    client.force_login(officer_town_a)
    for url in (definitions.legal_services.list_url, definitions.legal_services.url("detail", service.pk)):
        html = client.get(url).content.decode()
        assert "谭**" in html and "138****5678" in html, url
        assert NAME not in html and PHONE not in html, url


def test_the_export_masks_the_person_served_and_the_roster_phone(client, town_a, officer_town_a):
    make_service(town_a, person_name=NAME, phone=PHONE)
    make_member(town_a, phone="13987654321")
    client.force_login(officer_town_a)
    services = load_workbook(io.BytesIO(client.get(definitions.legal_services.url("export")).content)).active
    cells = [c for row in services.iter_rows(values_only=True) for c in row]
    assert "谭**" in cells and "138****5678" in cells and NAME not in cells and PHONE not in cells
    roster = load_workbook(io.BytesIO(client.get(definitions.roster.url("export")).content)).active
    cells = [c for row in roster.iter_rows(values_only=True) for c in row]
    assert "139****4321" in cells and "13987654321" not in cells


def test_the_audit_events_mask_personal_data(town_a):
    service = make_service(town_a, person_name=NAME, phone=PHONE)
    created = AuditEvent.objects.get(action="education.legalservicerecord.created")
    assert (created.new["person_name"], created.new["phone"]) == ("谭**", "138****5678")
    assert NAME not in created.new_values and PHONE not in created.new_values
    from fazhi.education import actions

    actions.update_legal_service(service, actor=office_of(town_a), data={"phone": "13900001111"})
    changed = AuditEvent.objects.get(action="education.legalservicerecord.changed")
    assert (changed.old, changed.new) == ({"phone": "138****5678"}, {"phone": "139****1111"})


def test_the_roster_list_masks_phones(client, town_a, officer_town_a):
    make_member(town_a, phone="13987654321")
    client.force_login(officer_town_a)
    html = client.get(definitions.roster.list_url).content.decode()
    assert "139****4321" in html and "13987654321" not in html


def test_a_service_without_a_person_is_allowed(town_a):
    service = make_service(town_a, person_name="", phone="")
    assert (service.person_name, service.phone) == ("", "")


def test_an_exported_ledger_imports_back_unchanged(client, town_a):
    make_service(town_a, person_name=NAME, phone=PHONE)
    make_service(town_a, person_name="", phone="")
    make_member(town_a, phone="13987654321")
    client.force_login(office_of(town_a))
    for register, model in (
        (definitions.legal_services, LegalServiceRecord),
        (definitions.roster, RosterMember),
    ):
        exported = client.get(register.url("export")).content
        r = client.post(register.url("import"), {"file": SimpleUploadedFile("台账.xlsx", exported)})
        assert r.status_code == 302, r.content.decode()[:3000]
        imported = AuditEvent.objects.get(action=f"education.{model._meta.model_name}.imported")
        assert imported.new == {"created": 0, "updated": 0, "unchanged": model.objects.count()}
        assert not AuditEvent.objects.filter(action=f"education.{model._meta.model_name}.changed").exists()
    service = LegalServiceRecord.objects.exclude(person_name="").get()
    assert (service.person_name, service.phone) == (NAME, PHONE)
