import io

import pytest
from openpyxl import load_workbook

from fazhi.core import audit
from fazhi.core.models import AuditEvent
from fazhi.core.tests.factories import login, user_with_role

pytestmark = pytest.mark.django_db


@pytest.fixture
def auditor_client(client, auditor, officer_town_a, town_a):
    audit.record(actor=officer_town_a, action="core.person.created", target=town_a, target_repr="张三")
    audit.record(actor=officer_town_a, action="core.person.changed", target=town_a, target_repr="李四")
    login(client, auditor)
    return client


def test_the_auditor_searches_the_log(auditor_client):
    page = auditor_client.get("/audit/?action=core.person.created").content.decode()
    assert "张三" in page and "李四" not in page


def test_every_search_is_itself_an_event(auditor_client):
    auditor_client.get("/audit/?actor=officer_a")
    event = AuditEvent.objects.filter(action="core.audit.searched").latest("id")
    assert event.new["filters"] == {"actor": "officer_a"}


def test_export_is_audited_and_has_the_hashes(auditor_client):
    wb = load_workbook(io.BytesIO(auditor_client.get("/audit/export/?target=张三").content))
    rows = list(wb.active.iter_rows(values_only=True))
    assert rows[0][-1] == "哈希" and rows[1][9] == "张三" and len(rows[1][-1]) == 64
    assert AuditEvent.objects.filter(action="core.audit.exported").count() == 1


def test_sysadmin_and_officers_cannot_read_the_log(client, officer_town_a):
    for user in (user_with_role("sys", "sysadmin", None), officer_town_a):
        login(client, user)
        assert client.get("/audit/").status_code == 403
        assert client.get("/audit/export/").status_code == 403


def test_a_town_auditor_reads_only_the_town(client, officer_town_a, officer_town_b, town_a, town_b):
    audit.record(actor=officer_town_a, action="core.test.a", target=town_a, target_repr="甲镇事件")
    audit.record(actor=officer_town_b, action="core.test.b", target=town_b, target_repr="乙镇事件")
    login(client, user_with_role("town_auditor", "auditor", town_a))
    page = client.get("/audit/").content.decode()
    assert "甲镇事件" in page and "乙镇事件" not in page
