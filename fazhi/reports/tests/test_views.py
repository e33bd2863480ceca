"""The reports' pages, downloads, API and portal: scoping (404 for another town's
report), the template page's Chinese refusal, the list's fixed query count, the
public page showing the published snapshot only."""

import datetime as dt
import io
import zipfile

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from fazhi.core.tests.factories import login, user_with_role
from fazhi.reports import actions
from fazhi.reports.models import Report, ReportTemplate

pytestmark = pytest.mark.django_db


@pytest.fixture
def office(town_a):
    return user_with_role("fzb_a", "rule_of_law_office", town_a, display_name="赵法治")


@pytest.fixture
def report(town_a, office):
    return actions.create_report(town_a, "annual", 2023, actor=office)


def test_the_report_page_shows_the_built_report_with_its_steps(client, office, report):
    login(client, office)
    page = client.get(report.get_absolute_url())
    assert page.status_code == 200
    text = page.content.decode()
    assert "关于2023年度法治政府建设情况的报告" in text and "一、主要举措及成效" in text
    assert 'data-testid="step-review"' in text and 'data-testid="step-approve"' not in text
    assert reverse("reports:reports-edit", args=[report.pk]) in text


def test_another_towns_report_is_404_on_every_page_and_in_the_api(client, town_b, report):
    stranger = user_with_role("fzb_b", "rule_of_law_office", town_b)
    login(client, stranger)
    for url in (report.get_absolute_url(), reverse("reports:reports-edit", args=[report.pk]),
                reverse("reports:reports-download", args=[report.pk, "md"]),
                f"/api/v1/reports/reports/{report.pk}/", f"/api/v1/reports/reports/{report.pk}/built/"):  # fmt: skip
        assert client.get(url).status_code == 404, url
    assert client.post(reverse("reports:reports-step", args=[report.pk, "review"])).status_code == 404
    assert client.get("/api/v1/reports/reports/").json()["count"] == 0


def test_editing_saves_the_texts_and_refuses_an_unknown_name_in_chinese(client, office, report):
    login(client, office)
    url = reverse("reports:reports-edit", args=[report.pk])
    form = client.get(url).context["form"]
    data = {name: form[name].value() for name in form.fields if form[name].value() is not None}
    data["comparison"] = ""
    data["text_other"] = "本年度另有{不存在的数据}。"
    page = client.post(url, data)
    assert page.status_code == 200 and "不是本报告可引用的数据项" in page.content.decode()
    report.refresh_from_db()
    assert report.revision == 0
    data["text_other"] = "本年度{单位}无其他需要报告的情况。"
    data["position_other"] = 5
    assert client.post(url, data).status_code == 302
    report.refresh_from_db()
    assert report.order[-1] == "other" and report.revision == 1


def test_the_template_page_saves_the_towns_template(client, office, town_a):
    login(client, office)
    url = reverse("reports:template", args=["annual"])
    form = client.get(url).context["form"]
    data = {name: form[name].value() for name in form.fields if form[name].value() is not None}
    data.update(comparison="on", submit_by="02-25", publish_by="")
    assert client.post(url, data).status_code == 302
    template = ReportTemplate.objects.get(org_unit=town_a, kind="annual")
    assert template.submit_by == "02-25" and template.comparison is True
    data["submit_by"] = "02-30"
    assert "期限应写作" in client.post(url, data).content.decode()


def test_a_step_through_the_page_and_the_downloads(client, office, report):
    login(client, office)
    response = client.post(reverse("reports:reports-step", args=[report.pk, "review"]), {"on": "2024-02-05"})
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.status == "reviewed" and report.reviewed_on == dt.date(2024, 2, 5)
    md = client.get(reverse("reports:reports-download", args=[report.pk, "md"]))
    assert md.status_code == 200 and "主要举措及成效" in md.content.decode()
    assert "attachment" in md["Content-Disposition"]
    docx = client.get(reverse("reports:reports-download", args=[report.pk, "docx"]))
    assert docx.status_code == 200
    assert "word/document.xml" in zipfile.ZipFile(io.BytesIO(docx.content)).namelist()


def test_the_list_has_a_fixed_query_count(client, office, town_a, county_unit):
    login(client, office)
    url = reverse("reports:reports-list")
    actions.create_report(town_a, "annual", 2022, actor=office)
    client.get(url)
    with CaptureQueriesContext(connection) as few:
        assert client.get(url).status_code == 200
    for year in (2019, 2020, 2021, 2023):
        actions.create_report(town_a, "annual", year, actor=office)
        actions.create_report(town_a, "disclosure", year, actor=office)
    with CaptureQueriesContext(connection) as many:
        assert client.get(url).status_code == 200
    assert len(many) == len(few)


def test_the_api_creates_edits_steps_and_reads_the_built_report(client, office, town_a):
    login(client, office)
    created = client.post("/api/v1/reports/reports/", {"org_unit": town_a.pk, "kind": "annual", "year": 2023},
                          content_type="application/json")  # fmt: skip
    assert created.status_code == 201, created.content
    pk = created.json()["id"]
    bad = client.post(f"/api/v1/reports/reports/{pk}/texts/", {"texts": {"other": "{乱写}"}},
                      content_type="application/json")  # fmt: skip
    assert bad.status_code == 400 and "不是本报告可引用的数据项" in bad.content.decode()
    ok = client.post(
        f"/api/v1/reports/reports/{pk}/texts/", {"comparison": True}, content_type="application/json"
    )
    assert ok.status_code == 200 and ok.json()["comparison"] is True
    step = client.post(f"/api/v1/reports/reports/{pk}/steps/review/", {}, content_type="application/json")
    assert step.status_code == 200 and step.json()["status"] == "reviewed"
    wrong = client.post(f"/api/v1/reports/reports/{pk}/steps/publish/", {}, content_type="application/json")
    assert wrong.status_code in (400, 409) and "不能「向社会公开」" in wrong.content.decode()
    built = client.get(f"/api/v1/reports/reports/{pk}/built/").json()
    assert (
        built["title"][1] == "关于2023年度法治政府建设情况的报告"
        and "## 一、主要举措及成效" in built["markdown"]
    )
    assert client.patch(f"/api/v1/reports/reports/{pk}/", {"year": 2022},
                        content_type="application/json").status_code == 405  # fmt: skip


def test_the_portal_shows_published_reports_only_as_published(client, office, leader, report, town_a):
    assert client.get(reverse("portal:report", args=[report.pk])).status_code == 404  # a draft
    for step, actor in (("review", office), ("approve", leader), ("submit", office), ("publish", office)):
        report = actions.take_step(report, step, actor=actor)
    listing = client.get(reverse("portal:reports")).content.decode()
    assert "江口镇2023年法治政府建设年度报告" in listing
    page = client.get(reverse("portal:report", args=[report.pk])).content.decode()
    assert "关于2023年度法治政府建设情况的报告" in page
    assert 'report-figure" href' not in page and "系统根据台账提示" not in page
    docx = client.get(reverse("portal:report-docx", args=[report.pk]))
    assert docx.status_code == 200 and docx.content[:2] == b"PK"
    assert Report.objects.get(pk=report.pk).published_snapshot["unit_name"] == "江口镇"
