import datetime as dt
import io
from decimal import Decimal

import pytest
from django.core.management import CommandError, call_command

from fazhi.core.models import AuditEvent, OrgUnit, Person, User

pytestmark = pytest.mark.django_db


def _run(*args) -> str:
    out = io.StringIO()
    call_command(*args, stdout=out)
    return out.getvalue()


@pytest.mark.parametrize(
    ("start", "amount", "unit", "expected"),
    [
        ("2023-09-28", "5", "working_days", "2023-10-11"),
        ("2024-01-26", "15", "days", "2024-02-18"),
        ("2023-11-30", "3", "months", "2024-02-29"),
        ("2023-10-06", "1", "working_days", "2023-10-07"),
        ("2024-02-08", "1", "working_days", "2024-02-09"),
    ],
)
def test_deadline_prints_the_due_date_first(start, amount, unit, expected):
    assert _run("deadline", start, amount, unit).splitlines()[0] == expected


def test_deadline_strict_keeps_the_rest_day():
    assert _run("deadline", "2024-01-26", "15", "days", "--strict").strip() == "2024-02-10"


def test_deadline_in_an_uncovered_year_names_the_year():
    with pytest.raises(CommandError, match="2031"):
        _run("deadline", "2031-03-02", "5", "working_days")


def test_deadline_as_a_process_exits_non_zero(tmp_path):
    import os
    import subprocess
    import sys

    env = {**os.environ, "FAZHI_DATA_DIR": str(tmp_path)}
    env.pop("DJANGO_SETTINGS_MODULE", None)
    ok = subprocess.run(
        [sys.executable, "-m", "fazhi", "deadline", "2023-09-28", "5", "working_days"],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    assert ok.returncode == 0 and ok.stdout.splitlines()[0] == "2023-10-11"
    bad = subprocess.run(
        [sys.executable, "-m", "fazhi", "deadline", "2031-01-06", "3", "days"],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    assert bad.returncode != 0 and "2031" in bad.stderr


def test_init_creates_three_separated_admins_once():
    out = _run("init")
    for role in ("sysadmin", "secadmin", "auditor"):
        user = User.objects.get(username=role)
        assert user.must_change_password and not user.is_superuser
        assert list(user.groups.values_list("name", flat=True)) == [role]
        assert role in out
    assert not User.objects.filter(is_superuser=True).exists()
    assert "已存在" in _run("init")
    assert User.objects.count() == 3


def test_demo_is_deterministic_and_idempotent():
    """The whole demo, twice: the second run adds nothing, and every figure of the
    2023 report comes out exactly (report-figures.md rows 1–22; 11, the campaign's
    seven aspects, is checked by the oversight demo test)."""

    from fazhi.core import audit_verify
    from fazhi.enforcement.statistics import penalty_figures

    _run("demo", "--no-serve")
    counts = (OrgUnit.objects.count(), Person.objects.count(), User.objects.count())
    ids = sorted(Person.objects.values_list("resident_id", flat=True))
    _run("demo", "--no-serve")
    assert (OrgUnit.objects.count(), Person.objects.count(), User.objects.count()) == counts
    assert sorted(Person.objects.values_list("resident_id", flat=True)) == ids
    town = OrgUnit.objects.get(code="500235131")
    assert town.name == "江口镇" and town.parent.name == "云阳县"
    # 32 villages and 4 communities: with the town's own committee, the 37 of the report.
    assert OrgUnit.objects.filter(parent=town, kind__in=["village", "community"]).count() == 36
    assert AuditEvent.objects.filter(action="core.demo.loaded").count() == 2
    figures = penalty_figures(town, 2023)
    assert (figures["summary"].cases, figures["summary"].fines) == (1120, Decimal("133970"))
    assert (figures["ordinary"].cases, figures["ordinary"].fines) == (12, Decimal("9900"))
    assert (figures["entrusted"].cases, figures["entrusted"].fines) == (4, Decimal("13100"))
    _assert_the_other_report_figures(town)
    assert audit_verify.verify().ok


def _assert_the_other_report_figures(town):
    """After the whole demo, every other 2023 figure of report-figures.md for Jiangkou."""
    from fazhi.decisions.statistics import advisor_figures
    from fazhi.disputes.statistics.disputes import dispute_figures
    from fazhi.disputes.statistics.mediation import committee_figures
    from fazhi.disputes.statistics.remedies import remedy_figures
    from fazhi.education.statistics import outreach_figures, service_figures, study_figures
    from fazhi.emergency.statistics import drill_figures
    from fazhi.oversight import statistics_duty, statistics_supervision
    from fazhi.services.statistics import market_figures

    assert study_figures(town, 2023).counted == 4  # row 1
    market = market_figures(town, 2023)  # row 2
    assert (market.enterprises, market.individual_businesses) == (402, 603)
    advisor = advisor_figures(town, 2023)  # rows 3–6
    assert (advisor.firms, advisor.contracts_reviewed, advisor.trainings, advisor.decision_meetings) == (
        ("龙脊律师事务所",), 30, 3, 1)  # fmt: skip
    officers = statistics_duty.officer_training(town, 2023)  # row 7
    assert (officers.certified, officers.trained_and_passed, officers.all_done) == (55, 55, True)
    assert drill_figures(town, 2023).total == 12  # row 12
    committees = committee_figures(town, 2023)  # rows 13–14
    assert committees.committees == 37
    assert (committees.rooms_by_kind["court"], committees.rooms_by_kind["police"]) == (1, 1)
    assert dispute_figures(town, 2023).closed == 718  # row 15
    remedies = remedy_figures(town, 2023)  # row 16
    assert (remedies.reconsideration.received, remedies.litigation.received) == (4, 0)
    outreach = outreach_figures(town, 2023)  # row 17
    assert (outreach.events, outreach.audience) == (103, 30412)
    assert service_figures(town, 2023).records == 108  # row 18
    assert statistics_supervision.proactive_published(town, 2023) == 12  # row 19
    proposals = statistics_supervision.proposal_figures(town, 2023)  # row 20
    assert proposals.replied == 35 and proposals.satisfaction.rate == 1
    assert statistics_duty.meeting_quarters(town, 2023).every_quarter  # row 21
    inspections = statistics_supervision.inspection_close_out(town, 2023)  # row 22
    assert inspections.closed > 0 and inspections.on_time == inspections.closed
    _assert_the_report_words_them_as_the_seed(town)


def _assert_the_report_words_them_as_the_seed(town):
    """The 22 figures as the annual report writes them (fazhi/reports/figures.py)."""
    from fazhi.reports.figures import compute_all

    texts = {key: f.text for key, f in compute_all(town, 2023).items()}
    assert texts["study_sessions"] == "4次"
    assert texts["market_entities"] == "1005个，其中企业402个、个体工商户603个"
    assert texts["legal_advisor"] == "龙脊律师事务所"
    assert (texts["contracts_reviewed"], texts["advisor_trainings"], texts["advisor_meetings"]) == (
        "30份",
        "3次",
        "1次",
    )
    assert texts["officers_trained"] == "55名，均完成年度网络培训并考试合格"
    assert texts["summary_penalties"] == "1120起，罚款133970元"
    assert texts["ordinary_penalties"] == "12起，罚款9900元"
    assert texts["entrusted_penalties"] == "4起，罚款13100元"
    assert texts["campaign_aspects"] == "7个方面"
    assert texts["drills"] == "10余次"
    assert texts["mediation_committees"] == "37个"
    assert texts["mediation_rooms"] == "驻法庭调解室1个、驻派出所调解室1个"
    assert texts["disputes_resolved"] == "718件"
    assert texts["remedies"] == "行政复议4件，行政诉讼无"
    assert texts["outreach"] == "100余场次，覆盖30000余人次"
    assert texts["legal_services"] == "100余次"
    assert texts["proactive_disclosure"] == "12条"
    assert texts["proposals"] == "35件，满意率100%"
    assert texts["rule_of_law_meetings"] == "每季度召开法治建设专题会议"
    assert texts["rectifications"].endswith("均按期整改销号")
    assert len(texts) == 22
    report = _run("report", "annual", "--town", "江口镇", "--year", "2023", "--format", "md", "-o", "-")
    for title in ("一、主要举措及成效", "二、党政主要负责人履行推进法治建设第一责任人职责情况",
                  "三、存在的不足和原因", "四、下一年度工作安排"):  # fmt: skip
        assert title in report
    assert all(text in report for text in texts.values())
    with pytest.raises(CommandError, match="未找到"):
        _run("report", "annual", "--town", "不存在镇", "--year", "2023")
    # Figures are computed, never stored: one more 50-yuan summary penalty shows in the next build.
    from fazhi.enforcement.tests.factories import make_summary_case

    make_summary_case(town, User.objects.get(username="officer"), fine=Decimal("50"), on=dt.date(2023, 8, 8))
    report = _run("report", "annual", "--town", town.code, "--year", "2023", "--format", "md", "-o", "-")
    assert "简易程序作出行政处罚1121起，罚款134020元" in report


def test_demo_users_can_log_in(client):
    from fazhi.core.demo import DEMO_PASSWORD

    _run("demo", "--no-serve", "--foundation-only")
    r = client.post("/login/", {"username": "officer", "password": DEMO_PASSWORD})
    assert r.status_code == 302 and r["Location"] == "/"
    assert client.get("/core/people/").status_code == 200
