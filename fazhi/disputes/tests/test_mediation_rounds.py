"""The monthly screening round: one row per village and community, the grid that
records every village at once, 0 as a report (无), finishing refused while a village
has not reported, the export with the per-village results, and scoping."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook, load_workbook

from fazhi.core.choices import OrgKind
from fazhi.core.models import AuditEvent
from fazhi.core.registers import excel
from fazhi.core.tests.factories import OrgUnitFactory
from fazhi.disputes.actions import mediation as actions
from fazhi.disputes.definitions.mediation import rounds
from fazhi.disputes.models import ScreeningResult, ScreeningRound
from fazhi.disputes.tests.factories_mediation import (
    make_round,
    mediator_user_of,
    office_of,
    report,
    village_of,
)
from fazhi.law import RuleError

pytestmark = pytest.mark.django_db
MAY = dt.date(2023, 5, 1)


@pytest.fixture
def villages(town_a):
    """Two villages and a community of town A."""
    return [village_of(town_a), village_of(town_a), village_of(town_a, OrgKind.COMMUNITY)]


def _grid(screening, rows: dict) -> dict:
    """The round page's grid as posted: every village's row, with `rows` filled in."""
    results = list(screening.results.order_by("village__path"))
    data = {"results-TOTAL_FORMS": len(results), "results-INITIAL_FORMS": len(results)}
    for i, r in enumerate(results):
        data[f"results-{i}-village"] = r.village_id
        for name, value in rows.get(r.village_id, {}).items():
            data[f"results-{i}-{name}"] = value
    return data


def test_opening_a_round_makes_one_empty_row_per_village_and_community(town_a, town_b, villages):
    OrgUnitFactory(kind=OrgKind.OFFICE, parent=town_a, name="平安法治办公室")
    OrgUnitFactory(kind=OrgKind.GRID, parent=villages[0], name="第1网格")
    OrgUnitFactory(kind=OrgKind.VILLAGE, parent=town_a, name="已撤并村", is_active=False)
    village_of(town_b)
    screening = make_round(town_a, MAY)
    rows = list(screening.results.all())
    assert sorted(r.village_id for r in rows) == sorted(v.pk for v in villages)
    assert all(r.found is None and r.reported_on is None for r in rows)
    assert AuditEvent.objects.filter(action="disputes.screeninground.created").count() == 1


def test_a_round_is_opened_by_a_town(town_a, villages):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError) as exc:
        make_round(villages[0], MAY)
    assert "org_unit" in exc.value.message_dict


def test_a_town_has_one_round_a_month(client, town_a, villages):
    make_round(town_a, MAY)
    client.force_login(office_of(town_a))
    r = client.post(rounds.url("create"), {"org_unit": town_a.pk, "month": "2023-05"})
    assert r.status_code == 200 and "已登记" in r.context["form"].errors["month"][0]


def test_the_page_form_takes_a_month_and_starts_on_its_first_day(client, town_a, villages):
    client.force_login(office_of(town_a))
    r = client.post(rounds.url("create"), {"org_unit": town_a.pk, "month": "2023-06"})
    assert r.status_code == 302, r.context["form"].errors
    screening = ScreeningRound.objects.get()
    assert (screening.month, screening.started_on, screening.results.count()) == (
        dt.date(2023, 6, 1), dt.date(2023, 6, 1), 3,
    )  # fmt: skip


def test_a_zero_counts_as_reported(town_a, villages):
    screening = make_round(town_a, MAY)
    report(screening, villages[0], 0)
    row = screening.results.get(village=villages[0])
    assert row.is_reported and row.found == 0 and row.reported_on == dt.date(2023, 5, 20)
    assert actions.unreported(screening) == [villages[1].name, villages[2].name]


def test_finishing_is_refused_while_a_village_has_not_reported(town_a, villages):
    screening = make_round(town_a, MAY)
    report(screening, villages[0], 2, resolved_on_spot=1)
    report(screening, villages[1], 0)
    with pytest.raises(RuleError) as exc:
        actions.finish_round(screening, actor=office_of(town_a), on=dt.date(2023, 5, 28))
    assert exc.value.code == "villages_not_reported"
    assert "1个村（社区）未上报" in str(exc.value) and villages[2].name in str(exc.value)
    screening.refresh_from_db()
    assert screening.finished_on is None


def test_a_round_finishes_once_every_village_has_reported(town_a, villages):
    screening = make_round(town_a, MAY)
    for village in villages:
        report(screening, village, 0)
    screening = actions.finish_round(screening, actor=office_of(town_a), on=dt.date(2023, 5, 28))
    assert screening.finished_on == dt.date(2023, 5, 28)
    assert AuditEvent.objects.filter(action="disputes.screeninground.completed").count() == 1
    with pytest.raises(RuleError, match="已完成"):
        report(screening, villages[0], 1)


def test_a_result_cannot_resolve_more_than_it_found(town_a, villages):
    from django.core.exceptions import ValidationError

    screening = make_round(town_a, MAY)
    with pytest.raises(ValidationError, match="当场化解数不能多于排查发现数"):
        report(screening, villages[0], 1, resolved_on_spot=2)
    assert not screening.results.filter(found__isnull=False).exists()


def test_the_grid_records_every_village_at_once(client, town_a, villages):
    screening = make_round(town_a, MAY)
    client.force_login(mediator_user_of(town_a))
    data = _grid(screening, {
        villages[0].pk: {"found": 3, "resolved_on_spot": 2, "high_risk": 1, "reported_on": "2023-05-20"},
        villages[1].pk: {"found": 0, "reported_on": "2023-05-21", "reporter": "王主任"},
    })  # fmt: skip
    r = client.post(f"/disputes/rounds/{screening.pk}/results/", data)
    assert r.status_code == 302
    found = dict(screening.results.values_list("village_id", "found"))
    assert found == {villages[0].pk: 3, villages[1].pk: 0, villages[2].pk: None}
    assert AuditEvent.objects.filter(action="disputes.screeninground.results_recorded").count() == 1


def test_the_round_page_highlights_villages_yet_to_report_and_totals(client, town_a, villages):
    screening = make_round(town_a, MAY)
    report(screening, villages[0], 3, resolved_on_spot=2)
    report(screening, villages[1], 0)
    client.force_login(mediator_user_of(town_a))
    r = client.get(screening.get_absolute_url())
    page = r.content.decode()
    assert page.count('data-unreported="1"') == 1 and "未上报1个" in page
    assert (r.context["totals"]["found"], r.context["totals"]["resolved_on_spot"]) == (3, 2)
    assert 'name="results-0-found"' in page


def test_finishing_on_the_page_names_the_villages_yet_to_report(client, town_a, villages):
    screening = make_round(town_a, MAY)
    client.force_login(mediator_user_of(town_a))
    r = client.post(f"/disputes/rounds/{screening.pk}/finish/", {"on": "2023-05-28"})
    assert r.status_code == 400
    assert "未上报排查结果" in r.content.decode() and villages[0].name in r.content.decode()


def test_an_officer_may_read_a_round_but_not_record_results(client, town_a, villages, officer_town_a):
    screening = make_round(town_a, MAY)
    client.force_login(officer_town_a)
    page = client.get(screening.get_absolute_url())
    assert page.status_code == 200 and 'name="results-0-found"' not in page.content.decode()
    assert client.post(f"/disputes/rounds/{screening.pk}/results/", _grid(screening, {})).status_code == 403


def test_another_towns_round_is_not_found(client, town_a, town_b, villages):
    screening = make_round(town_a, MAY)
    client.force_login(mediator_user_of(town_b))
    assert client.get(screening.get_absolute_url()).status_code == 404
    data = _grid(screening, {villages[0].pk: {"found": 1}})
    assert client.post(f"/disputes/rounds/{screening.pk}/results/", data).status_code == 404
    assert client.post(f"/disputes/rounds/{screening.pk}/finish/", {}).status_code == 404
    assert not ScreeningResult.objects.filter(found__isnull=False).exists()


def test_the_export_holds_every_villages_results(client, town_a, villages):
    screening = make_round(town_a, MAY)
    report(screening, villages[0], 2)
    client.force_login(office_of(town_a))
    wb = load_workbook(io.BytesIO(client.get(rounds.url("export")).content))
    assert [ws.title for ws in wb.worksheets] == ["矛盾纠纷排查", "各村排查结果"]
    assert wb.worksheets[0]["B2"].value == town_a.code
    sheet = wb.worksheets[1]
    rows = {row[3]: (row[4], row[5]) for row in sheet.iter_rows(min_row=2, values_only=True)}
    assert rows == {
        villages[0].name: ("是", 2),
        villages[1].name: ("否", None),
        villages[2].name: ("否", None),
    }
    assert AuditEvent.objects.filter(action="disputes.screeninground.exported").count() == 1


def test_import_opens_rounds_with_their_rows(town_a, villages):
    wb = Workbook()
    wb.active.append(["所属单位代码", "排查月份", "工作情况"])
    wb.active.append([town_a.code, "2023年7月", "七月排查"])
    buf = io.BytesIO()
    wb.save(buf)
    result = excel.import_workbook(rounds, office_of(town_a), SimpleUploadedFile("x.xlsx", buf.getvalue()))
    assert result.ok, result.errors
    screening = ScreeningRound.objects.get()
    assert (screening.month, screening.results.count()) == (dt.date(2023, 7, 1), 3)


def test_the_list_shows_each_rounds_progress_and_totals(client, town_a, villages, officer_town_a):
    screening = make_round(town_a, MAY)
    report(screening, villages[0], 4, resolved_on_spot=1)
    report(screening, villages[1], 0)
    client.force_login(officer_town_a)
    page = client.get(rounds.url("list") + "?year=2023&state=open")
    (row,) = page.context["rows"]
    assert row[1][4:8] == ["2/3", 4, 1, 0]


def test_an_exported_ledger_of_rounds_imports_back_unchanged(client, town_a, villages):
    screening = make_round(town_a, MAY, note="五月排查")
    report(screening, villages[0], 1)
    office = office_of(town_a)
    client.force_login(office)
    exported = client.get(rounds.url("export")).content
    result = excel.import_workbook(rounds, office, SimpleUploadedFile("x.xlsx", exported))
    assert result.ok, result.errors
    assert (result.created, result.updated, result.unchanged) == (0, 0, 1)


def test_editing_a_round_keeps_its_town_and_rows(client, town_a, town_b, villages):
    screening = make_round(town_a, MAY)
    client.force_login(office_of(town_a))
    r = client.post(rounds.url("edit", screening.pk), {"org_unit": town_b.pk, "month": "2023-05",
                                                       "started_on": "2023-05-03", "note": "补充说明"})  # fmt: skip
    assert r.status_code == 302
    screening.refresh_from_db()
    assert (screening.org_unit_id, screening.started_on, screening.note) == (
        town_a.pk,
        dt.date(2023, 5, 3),
        "补充说明",
    )
    assert screening.results.count() == 3
