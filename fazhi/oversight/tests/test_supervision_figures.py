"""The figures of the supervision records (report-figures rows 19, 20 and 22, and
the statistics of the annual disclosure report): each changes exactly by its rule
when records change, and is bounded by the unit's subtree and the year."""

from __future__ import annotations

import datetime as dt

import pytest

from fazhi.core.models import OrgUnit
from fazhi.oversight import statistics_supervision as stats
from fazhi.oversight.choices import RequestReply
from fazhi.oversight.supervision import actions
from fazhi.oversight.tests.factories import close_out, make_rectification
from fazhi.oversight.tests.factories_supervision import (
    add_finding,
    clerk_of,
    make_inspection,
    make_item,
    make_proposal,
    make_request,
    reply,
)

pytestmark = pytest.mark.django_db


def _village(town) -> OrgUnit:
    return OrgUnit.objects.create(code=town.code + "201", name="向阳村", kind="village", parent=town)


# -- row 19 -------------------------------------------------------------------------------------


def test_row_19_counts_one_more_for_each_item_published_in_the_year(town_a):
    make_item(town_a, published_on=dt.date(2023, 10, 10))
    before = stats.proactive_published(town_a, 2023)
    assert before == 1
    draft = make_item(town_a)
    assert stats.proactive_published(town_a, 2023) == before  # not yet published
    actions.update_info_item(draft, actor=clerk_of(town_a), data={"published_on": dt.date(2023, 10, 20),
                                                                  "channel": "notice_board"})  # fmt: skip
    assert stats.proactive_published(town_a, 2023) == before + 1


def test_row_19_is_bounded_by_the_year_and_the_subtree(town_a, town_b):
    make_item(town_a, made_on=dt.date(2022, 12, 20), published_on=dt.date(2022, 12, 28))
    make_item(town_a, made_on=dt.date(2023, 12, 20), published_on=dt.date(2024, 1, 5))
    make_item(town_b, published_on=dt.date(2023, 10, 10))
    make_item(_village(town_a), published_on=dt.date(2023, 10, 10))
    assert stats.proactive_published(town_a, 2023) == 1  # the village's item, under the town
    assert stats.proactive_published(town_a, 2022) == 1


def test_a_withdrawal_does_not_undo_the_publication(town_a):
    item = make_item(town_a, published_on=dt.date(2023, 10, 10))
    actions.withdraw_info_item(item, actor=clerk_of(town_a), reason="更正", on=dt.date(2023, 10, 12))
    assert stats.proactive_published(town_a, 2023) == 1


# -- row 20 -------------------------------------------------------------------------------------


def test_row_20_counts_the_proposals_replied_in_the_year(town_a, town_b):
    reply(make_proposal(town_a), on=dt.date(2023, 12, 20), satisfaction="satisfied")
    reply(make_proposal(town_a), on=dt.date(2024, 1, 5), satisfaction="satisfied")
    reply(make_proposal(town_b), on=dt.date(2023, 12, 20), satisfaction="satisfied")
    pending = make_proposal(town_a)
    assert stats.proposals_replied(town_a, 2023) == 1
    reply(pending, on=dt.date(2023, 12, 28))
    assert stats.proposals_replied(town_a, 2023) == 2


def test_the_satisfaction_rate_moves_to_its_new_ratio(town_a):
    for satisfaction in ("satisfied", "basic", "satisfied"):
        reply(make_proposal(town_a), on=dt.date(2023, 12, 20), satisfaction=satisfaction)
    rate = stats.proposal_satisfaction(town_a, 2023)
    assert (rate.part, rate.whole, rate.rate, rate.percent) == (3, 3, 1.0, "100%")
    reply(make_proposal(town_a), on=dt.date(2023, 12, 21), satisfaction="dissatisfied")
    rate = stats.proposal_satisfaction(town_a, 2023)
    assert (rate.part, rate.whole) == (3, 4) and rate.rate == 3 / 4 and rate.percent == "75%"
    reply(make_proposal(town_a), on=dt.date(2023, 12, 22))  # not rated: the rate does not move
    assert stats.proposal_satisfaction(town_a, 2023).rate == 3 / 4
    figures = stats.proposal_figures(town_a, 2023)
    assert (figures.replied, figures.deputies, figures.cppcc, figures.satisfaction.rate) == (5, 5, 0, 3 / 4)


# -- row 22 -------------------------------------------------------------------------------------


def test_row_22_counts_inspection_findings_closed_in_the_year_and_the_share_on_time(town_a):
    inspection = make_inspection(town_a)
    close_out(add_finding(inspection, due_on=dt.date(2023, 7, 31)), on=dt.date(2023, 7, 20))
    rate = stats.inspection_close_out(town_a, 2023)
    assert (rate.closed, rate.on_time, rate.rate) == (1, 1, 1.0)
    close_out(add_finding(inspection, due_on=dt.date(2023, 7, 31)), on=dt.date(2023, 8, 2))
    rate = stats.inspection_close_out(town_a, 2023)
    assert (rate.closed, rate.on_time, rate.rate) == (2, 1, 0.5)


def test_row_22_leaves_out_other_sources_open_items_and_other_years(town_a):
    inspection = make_inspection(town_a)
    add_finding(inspection)  # still open
    close_out(add_finding(inspection, due_on=dt.date(2024, 1, 31)), on=dt.date(2024, 1, 10))
    close_out(make_rectification(town_a, source="other"), on=dt.date(2023, 7, 1))
    appraisal = make_inspection(town_a, kind="appraisal")
    close_out(add_finding(appraisal), on=dt.date(2023, 7, 1))
    rate = stats.inspection_close_out(town_a, 2023)
    assert (rate.closed, rate.on_time) == (1, 1)


# -- the annual disclosure report -----------------------------------------------------------------


def test_the_request_figures_of_the_year(town_a):
    carried = make_request(town_a, received_on=dt.date(2022, 12, 26))
    actions.update_info_request(carried, actor=clerk_of(town_a), data={
        "replied_on": dt.date(2023, 1, 10), "reply_kind": RequestReply.DISCLOSED})  # fmt: skip
    done = make_request(town_a, received_on=dt.date(2023, 3, 1))
    actions.update_info_request(done, actor=clerk_of(town_a), data={
        "replied_on": dt.date(2023, 3, 20), "reply_kind": RequestReply.NOT_EXIST})  # fmt: skip
    make_request(town_a, received_on=dt.date(2023, 12, 20))  # carried to next year
    figures = stats.request_figures(town_a, 2023)
    replies = dict(figures.replies)
    assert (figures.received, figures.carried_over, figures.replied, figures.carried_forward) == (2, 1, 2, 1)
    assert (
        replies["予以公开"] == 1 and replies[RequestReply.NOT_EXIST.label] == 1 and replies["部分公开"] == 0
    )


def test_the_report_page_shows_the_five_parts(client, town_a, officer_town_a):
    make_item(town_a, published_on=dt.date(2023, 10, 10))
    make_item(town_a, category="budget", published_on=dt.date(2023, 10, 11))
    make_request(town_a)
    client.force_login(officer_town_a)
    r = client.get("/oversight/disclosure-report/?year=2023")
    assert r.status_code == 200
    report = r.context["report"]
    assert report.proactive_total == 2 and report.requests.received == 1
    assert (report.reconsiderations, report.litigations, report.fees) == (0, 0, 0)
    page = r.content.decode()
    for part in ("一、主动公开政府信息情况", "二、收到和处理政府信息公开申请情况", "三、政府信息公开行政复议、行政诉讼情况",
                 "四、存在的主要问题及改进情况", "五、其他需要报告的事项", "宅基地使用情况审核"):  # fmt: skip
        assert part in page


def test_the_figure_pages_answer(client, town_a, officer_town_a):
    reply(make_proposal(town_a), on=dt.date(2023, 12, 20), satisfaction="basic")
    client.force_login(officer_town_a)
    r = client.get("/oversight/proposals/figures/?year=2023")
    assert r.status_code == 200 and r.context["figures"].replied == 1
    assert client.get("/oversight/inspections/figures/?year=2023").status_code == 200


def test_the_disclosure_report_counts_remedies_marked_as_about_disclosure(town_a):
    import datetime as dt

    from fazhi.disputes.models import Reconsideration
    from fazhi.oversight.statistics_supervision import disclosure_report

    def case(no, about, served):
        return Reconsideration.objects.create(org_unit=town_a, case_no=no, applicant="张三", act="不予公开答复",
                                              copy_served_on=served, reply_due_on=served, about_disclosure=about)  # fmt: skip

    case("复1", True, dt.date(2023, 5, 8))
    case("复2", False, dt.date(2023, 6, 8))
    case("复3", True, dt.date(2024, 1, 8))
    report = disclosure_report(town_a, 2023)
    assert report.reconsiderations == 1 and report.litigations == 0
