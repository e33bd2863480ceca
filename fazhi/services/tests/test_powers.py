"""The power and responsibility list (权责清单): the town's published service items and
its active enforcement matters in one table, with basis and responsible post, a
filter by power kind, its Excel export, and two queries for its rows."""

from __future__ import annotations

import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from fazhi.core.models import AuditEvent
from fazhi.core.tests.factories import login, user_with_role
from fazhi.enforcement.choices import Authority
from fazhi.enforcement.models import Matter
from fazhi.enforcement.tests.factories import make_matter
from fazhi.services import selectors_guides as selectors
from fazhi.services.actions import window as actions
from fazhi.services.choices import ItemKind
from fazhi.services.tests.factories_window import leader_of, make_item, make_post

pytestmark = pytest.mark.django_db
LIST = reverse("services:power-list")
EXPORT = reverse("services:power-export")


def _with_post(matter: Matter, post) -> Matter:
    Matter.objects.filter(pk=matter.pk).update(responsible_post=post)
    matter.refresh_from_db()
    return matter


@pytest.fixture
def powers(town_a, town_b):
    """Town A: a licence, a benefit, a draft, a withdrawn item, an active and an inactive
    matter; town B: an item and a matter."""
    post = make_post(town_a, "综合窗口岗")
    law_post = make_post(town_a, "综合行政执法岗")
    licence = make_item(town_a, code="A-XK-1", name="农村村民宅基地审批", kind=ItemKind.LICENCE,
                        basis="《中华人民共和国土地管理法》第六十二条", responsible_post=post)  # fmt: skip
    benefit = make_item(town_a, code="A-GF-1", name="临时救助", kind=ItemKind.BENEFIT)
    make_item(town_a, code="A-DR-1", name="草稿事项", publish=False)
    gone = make_item(town_a, code="A-WD-1", name="停用事项")
    actions.withdraw_item(gone, actor=leader_of(town_a), reason="上级取消")
    matter = _with_post(make_matter(town_a, name="占道经营", authority=Authority.ASSIGNED), law_post)
    inactive = make_matter(town_a, name="已停用执法事项")
    Matter.objects.filter(pk=inactive.pk).update(is_active=False)
    make_item(town_b, code="B-XK-1", name="双江事项")
    make_matter(town_b, name="双江执法事项")
    return {"licence": licence, "benefit": benefit, "matter": matter}


def test_the_list_holds_the_published_items_and_active_matters_of_the_town(client, powers, officer_town_a):
    client.force_login(officer_town_a)
    r = client.get(LIST)
    rows = r.context["rows"]
    assert [(row["kind_label"], row["name"]) for row in rows] == [
        ("行政许可", "农村村民宅基地审批"), ("行政给付", "临时救助"), ("行政处罚", "占道经营"),
    ]  # fmt: skip
    licence, _, matter = rows
    assert licence["basis"] == "《中华人民共和国土地管理法》第六十二条"
    assert (
        licence["post"] == "民生服务办公室·综合窗口岗"
        and licence["url"] == powers["licence"].get_absolute_url()
    )
    assert (
        matter["basis"]
        == "违法依据：重庆市市容环境卫生管理条例第十八条\n处罚依据：重庆市市容环境卫生管理条例第十八条"
    )
    assert (matter["authority"], matter["post"]) == ("赋权", "民生服务办公室·综合行政执法岗")
    assert matter["url"] == powers["matter"].get_absolute_url()
    html = r.content.decode()
    assert "江口镇" in html and "双江" not in html and "草稿事项" not in html and "停用事项" not in html
    assert "行政许可1项，行政给付1项，行政处罚1项" in html


def test_the_list_filters_by_power_kind_and_text(client, powers, officer_town_a):
    client.force_login(officer_town_a)
    assert [r["name"] for r in client.get(LIST, {"kind": "penalty"}).context["rows"]] == ["占道经营"]
    assert [r["name"] for r in client.get(LIST, {"kind": "benefit"}).context["rows"]] == ["临时救助"]
    assert [r["name"] for r in client.get(LIST, {"q": "宅基地"}).context["rows"]] == ["农村村民宅基地审批"]
    # An unknown kind is no filter at all.
    assert len(client.get(LIST, {"kind": "nonsense"}).context["rows"]) == 3


def test_a_role_without_the_service_list_is_refused(client, powers, auditor):
    login(client, auditor)
    assert client.get(LIST).status_code == 403
    assert client.get(EXPORT).status_code == 403


def test_the_export_is_the_same_table_and_is_audited(client, powers, officer_town_a):
    client.force_login(officer_town_a)
    r = client.get(EXPORT, {"kind": "penalty"})
    assert r.status_code == 200 and "attachment" in r["Content-Disposition"]
    wb = load_workbook(io.BytesIO(r.content))
    assert wb.active.title == "江口镇权责清单"
    header, *rows = list(wb.active.iter_rows(values_only=True))
    assert list(header) == selectors.POWER_HEADERS
    assert rows == [(1, "行政处罚", powers["matter"].code, "占道经营",
                     "违法依据：重庆市市容环境卫生管理条例第十八条\n处罚依据：重庆市市容环境卫生管理条例第十八条", "赋权",
                     "民生服务办公室·综合行政执法岗")]  # fmt: skip
    (event,) = AuditEvent.objects.filter(action="services.serviceitem.exported")
    assert event.target_repr == "权责清单" and event.new == {"rows": 1, "filters": {"kind": "penalty"}}
    all_rows = list(load_workbook(io.BytesIO(client.get(EXPORT).content)).active.iter_rows(values_only=True))
    assert [row[3] for row in all_rows[1:]] == ["农村村民宅基地审批", "临时救助", "占道经营"]


def test_the_rows_cost_two_queries_whatever_their_number(town_a, officer_town_a):
    posts = [make_post(town_a) for _ in range(3)]
    for n in range(12):
        make_item(town_a, kind=list(ItemKind)[n % 5], responsible_post=posts[n % 3])
        _with_post(make_matter(town_a), posts[n % 3])
    items, matters = selectors.staff_powers(officer_town_a)
    with CaptureQueriesContext(connection) as ctx:
        rows = selectors.power_rows(items, matters)
    assert len(rows) == 24 and len(ctx.captured_queries) == 2
    assert [r["kind"] for r in rows] == sorted((r["kind"] for r in rows), key=dict(
        (code, n) for n, (code, _) in enumerate(selectors.POWER_KINDS)).get)  # fmt: skip


def test_the_page_keeps_a_fixed_query_count(client, town_a, officer_town_a):
    post = make_post(town_a)
    make_item(town_a, responsible_post=post)
    _with_post(make_matter(town_a), post)
    client.force_login(officer_town_a)
    client.get(LIST)  # warm the per-process caches
    with CaptureQueriesContext(connection) as few:
        client.get(LIST)
    for _ in range(15):
        make_item(town_a, responsible_post=post)
        _with_post(make_matter(town_a), make_post(town_a))
    with CaptureQueriesContext(connection) as many:
        assert client.get(LIST).status_code == 200
    assert len(many.captured_queries) == len(few.captured_queries)


def test_a_county_user_sees_the_powers_of_every_town_below(client, powers, town_a):
    county_reader = user_with_role("county_reader", "officer", town_a.parent)
    client.force_login(county_reader)
    names = {r["name"] for r in client.get(LIST).context["rows"]}
    assert {"农村村民宅基地审批", "双江事项", "双江执法事项", "占道经营"} <= names


def test_the_matters_register_takes_a_responsible_post(client, town_a):
    """Matter.responsible_post on the enforcement list's form, columns and Excel."""
    from fazhi.enforcement.definitions import matters

    post = make_post(town_a, "综合行政执法岗")
    office = user_with_role("fzb_matters", "rule_of_law_office", town_a)
    client.force_login(office)
    form = client.get(matters.url("create")).context["form"]
    assert post in form.fields["responsible_post"].queryset
    matter = _with_post(make_matter(town_a), post)
    html = client.get(matters.url("detail", matter.pk)).content.decode()
    assert "民生服务办公室·综合行政执法岗" in html
    wb = load_workbook(io.BytesIO(client.get(matters.url("export")).content))
    header, row = list(wb.active.iter_rows(values_only=True))
    assert dict(zip(header, row, strict=True))["责任岗位代码"] == post.code
