"""The yearly report on government information disclosure (政府信息公开工作年度报告,
政府信息公开条例第50条, published by 31 January: `fazhi.law.disclosure`), built from
the disclosure registers like the annual report.

Its shape is the one customary nationwide since the 2021 format of the State
Council's disclosure office: an overview, then proactive disclosure, requests,
reconsideration and litigation over disclosure (each with its table), the problems
and improvements (written by people, with points suggested from the data; a town
is a level of government, so it also reports the year's assessment, public
appraisal and accountability), and other matters (fees: none is charged, 第42条;
the deputies' suggestions and CPPCC proposals answered).

Where the numbers come from:

- `statistics_supervision.disclosure_report`, once: the items published by
  category, the requests (received, carried over, replied by kind, carried
  forward), the remedies about disclosure and the fees, the same figures as the
  staff page `oversight/disclosure_report.html`;
- one grouped read of the requests by requester (the table's columns 自然人 and
  法人或其他组织, with the same definitions as `request_figures`: its totals are
  the report's) and of the late, overdue, extended, corrected and third-party
  requests; one read of the items' channels, lateness and withdrawals;
- one grouped read each of the reconsiderations and lawsuits marked
  `about_disclosure`, received in the year, by result: upheld (维持, or the
  request dismissed: the act stands), corrected (the town corrected: a
  reconsideration's `CORRECTING_OUTCOMES`, a lawsuit's `LOSING_OUTCOMES`), other
  (withdrawn, settled, the suit dismissed by ruling, or ended without a result),
  pending (no result yet; a lawsuit under appeal is pending until the appeal is
  judged). Lawsuits are split as the format splits them: brought directly, or
  after a reconsideration (`Litigation.reconsideration`);
- `proposal_figures`: the suggestions and proposals answered in the year.

About a dozen queries whatever the data: the builder calls `figures` once and
hands the result to `values` and `tables`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from fazhi.core.models import OrgUnit
from fazhi.core.models.scoped import subtree_ids
from fazhi.law import disclosure as law
from fazhi.reports.document import Block, Quoted
from fazhi.reports.kinds import KindSpec, PartSpec, register

if TYPE_CHECKING:
    from fazhi.oversight.statistics_supervision import DisclosureReport, ProposalFigures

PARTS = (
    PartSpec("overview", "总体情况"),
    PartSpec("proactive", "主动公开政府信息情况"),
    PartSpec("requests", "收到和处理政府信息公开申请情况"),
    PartSpec("remedies", "政府信息公开行政复议、行政诉讼情况"),
    PartSpec("problems", "存在的主要问题及改进情况", written=True),
    PartSpec("other", "其他需要报告的事项"),
)
DEFAULT_ORDER = tuple(p.code for p in PARTS)

TABLE_PROACTIVE = "主动公开情况"
TABLE_REQUESTS = "依申请公开情况"
TABLE_REMEDIES = "行政复议和行政诉讼情况"
TABLE_NAMES = (TABLE_PROACTIVE, TABLE_REQUESTS, TABLE_REMEDIES)

# The project's own wording; a town's template starts from it.
DEFAULT_TEXTS = {
    "preamble": (
        "根据《中华人民共和国政府信息公开条例》（以下简称《条例》）第五十条，{单位}人民政府编制本年度报告，"
        "分总体情况、主动公开政府信息情况、收到和处理政府信息公开申请情况、政府信息公开行政复议、行政诉讼情况、"
        "存在的主要问题及改进情况、其他需要报告的事项六个部分。"
        "报告中的数据统计自{年度}年1月1日起，至{年度}年12月31日止。"
        "报告在本镇政府信息公开平台发布，对报告内容有疑问的，可以向镇党政办公室咨询。"
    ),
    "overview": "\n".join([
        "{年度}年，{单位}把政务公开作为依法行政的日常工作来抓，由党政办公室统一登记和发布，各办（站、所）对本领域信息的准确和及时负责。",
        "（一）主动公开。全年主动公开政府信息{主动公开总数}条，其中《条例》第二十一条规定的乡镇重点公开事项{乡镇公开事项}条。",
        "（二）依申请公开。新收政府信息公开申请{本年新收申请}件，年内作出答复{本年办结申请}件，{结转下年申请}件转入下一年度办理。",
        "（三）监督保障。因政府信息公开工作被申请行政复议{涉公开行政复议}件，被提起行政诉讼{涉公开行政诉讼}件。",
    ]),
    "proactive": "\n".join([
        "本年度主动公开政府信息{主动公开总数}条。其中，农业农村政策、土地承包经营权流转、宅基地审核、社会救助等"
        "乡镇重点公开事项{乡镇公开事项}条，其他类别{其他主动公开信息}条。",
        "从公开渠道看，通过政府网站（公开平台）公开{网站公开}条，通过政务公开栏公开{公开栏公开}条，"
        "通过其他渠道公开{其他渠道公开}条；年内撤回或失效的信息{撤回或失效信息}条。各类别的条数如下表。",
        "{表：" + TABLE_PROACTIVE + "}",
    ]),
    "requests": "\n".join([
        "本年度新收政府信息公开申请{本年新收申请}件，其中自然人提出{自然人申请}件，法人或其他组织提出{法人或其他组织申请}件；"
        "上年结转{上年结转申请}件。",
        "年内作出答复{本年办结申请}件：予以公开{办理结果：予以公开}件，部分公开{办理结果：部分公开}件，"
        "不予公开{办理结果：不予公开}件，无法提供{办理结果：无法提供}件，不属于本机关负责公开{办理结果：不属于本机关公开}件，"
        "不予处理{办理结果：不予处理}件，其他处理{办理结果：其他处理}件。结转下年度继续办理{结转下年申请}件。",
        "办理过程中，告知申请人补正{告知补正申请}件，征求第三方意见{征求第三方意见申请}件，经批准延长答复期限{延期答复申请}件。",
        "{表：" + TABLE_REQUESTS + "}",
    ]),
    "remedies": "\n".join([
        "本年度因政府信息公开工作被申请行政复议{涉公开行政复议}件，被提起行政诉讼{涉公开行政诉讼}件，办理结果如下表。",
        "{表：" + TABLE_REMEDIES + "}",
    ]),
    "problems": "\n".join([
        "（一）存在的主要问题。（由党政办公室对照本年度工作情况填写，可参考下方系统提示的要点。）",
        "（二）改进情况。（填写针对上述问题已经采取和下一步将要采取的措施。）",
        "（三）工作考核、社会评议和责任追究结果情况。（填写本年度政务公开工作考核和社会评议的结果，"
        "以及有无因政府信息公开工作被追究责任的情况。）",
    ]),
    "other": "\n".join([
        "按照《条例》第四十二条，本镇依申请提供政府信息不收取费用；本年度收取信息处理费{信息处理费}元。",
        "年内答复人大代表建议{答复人大代表建议}件、政协委员提案{答复政协委员提案}件。",
    ]),
}  # fmt: skip

GENERAL_NAMES = (
    ("年度", "报告年度，如 2023"),
    ("单位", "本单位名称"),
)


# -- the figures, read once a build --------------------------------------------------------------


@dataclass(frozen=True)
class Results:
    """One row of the remedies table: the cases received in the year, by result."""

    upheld: int = 0
    corrected: int = 0
    other: int = 0
    pending: int = 0

    @property
    def total(self) -> int:
        return self.upheld + self.corrected + self.other + self.pending

    def __add__(self, more: Results) -> Results:
        return Results(self.upheld + more.upheld, self.corrected + more.corrected,
                       self.other + more.other, self.pending + more.pending)  # fmt: skip


@dataclass(frozen=True)
class Figures:
    report: DisclosureReport
    items: dict[str, int]  # channel counts, lateness, withdrawals (see _item_counts)
    requests: dict[str, dict[str, int]]  # requester kind -> row -> count (see _request_counts)
    reconsideration: Results
    direct: Results  # lawsuits brought without a reconsideration
    after: Results  # lawsuits brought after one
    proposals: ProposalFigures

    def request(self, row: str, kind: str | None = None) -> int:
        if kind is not None:
            return self.requests.get(kind, {}).get(row, 0)
        return sum(counts.get(row, 0) for counts in self.requests.values())


def _units(unit: OrgUnit):
    return subtree_ids(unit.path)


def _cutoff(year: int) -> dt.date:
    """Due dates before this day have passed by the end of the year (or by today)."""
    from django.utils import timezone

    return min(dt.date(year + 1, 1, 1), timezone.localdate())


def _in(field: str, year: int):
    from django.db.models import Q

    return Q(**{f"{field}__gte": dt.date(year, 1, 1), f"{field}__lte": dt.date(year, 12, 31)})


def _request_counts(unit: OrgUnit, year: int) -> dict[str, dict[str, int]]:
    """By requester kind, in one grouped read: the rows of the requests table, with
    the definitions of `statistics_supervision.request_figures`, and the requests
    answered late, still overdue, extended, sent back for correction or put to a
    third party."""
    from django.db.models import Count, F, Q

    from fazhi.oversight.choices import RequestReply
    from fazhi.oversight.models import InfoRequest

    start, end = dt.date(year, 1, 1), dt.date(year, 12, 31)
    unanswered_at = lambda day: Q(replied_on__isnull=True) | Q(replied_on__gte=day)  # noqa: E731
    counts = {
        "received": Count("id", filter=_in("received_on", year)),
        "carried_over": Count("id", filter=Q(received_on__lt=start) & unanswered_at(start)),
        "carried_forward": Count("id", filter=Q(received_on__lte=end) & unanswered_at(end + dt.timedelta(days=1))),
        **{f"reply_{k.value}": Count("id", filter=_in("replied_on", year) & Q(reply_kind=k.value))
           for k in RequestReply},
        "replied_late": Count("id", filter=_in("replied_on", year) & Q(replied_on__gt=F("reply_due_on"))),
        "overdue": Count("id", filter=Q(replied_on__isnull=True, reply_due_on__lt=_cutoff(year))),
        "extended": Count("id", filter=_in("extension_approved_on", year)),
        "corrections": Count("id", filter=_in("correction_asked_on", year)),
        "third_party": Count("id", filter=_in("third_party_asked_on", year)),
    }  # fmt: skip
    rows = InfoRequest.objects.filter(org_unit__in=_units(unit)).values("requester_kind").annotate(**counts)
    return {row.pop("requester_kind"): row for row in rows.order_by()}


def _item_counts(unit: OrgUnit, year: int) -> dict[str, int]:
    """The items published in the year by channel and those published after their
    due date (第26条: 20 working days), the items due by the year's end still
    unpublished, and those withdrawn or expired in the year: one read."""
    from django.db.models import Count, F, Q

    from fazhi.oversight.choices import InfoItemStatus, PublishChannel
    from fazhi.oversight.models import InfoItem

    published = _in("published_on", year)
    return InfoItem.objects.filter(org_unit__in=_units(unit)).aggregate(
        portal=Count("id", filter=published & Q(channel=PublishChannel.PORTAL)),
        notice_board=Count("id", filter=published & Q(channel=PublishChannel.NOTICE_BOARD)),
        other_channel=Count("id", filter=published & Q(channel=PublishChannel.OTHER)),
        published_late=Count("id", filter=published & Q(published_on__gt=F("due_on"))),
        overdue=Count("id", filter=Q(published_on__isnull=True, status=InfoItemStatus.DRAFT,
                                     due_on__lt=_cutoff(year))),
        ended=Count("id", filter=_in("ended_on", year)),
    )  # fmt: skip


def _reconsideration_results(unit: OrgUnit, year: int) -> Results:
    from django.db.models import Count

    from fazhi.disputes.choices import CORRECTING_OUTCOMES, ReconsiderationOutcome, ReconsiderationStatus
    from fazhi.disputes.models import Reconsideration

    upheld = (ReconsiderationOutcome.UPHELD, ReconsiderationOutcome.DISMISSED)
    rows = (
        Reconsideration.objects.filter(org_unit__in=_units(unit), about_disclosure=True)
        .filter(_in("copy_served_on", year))
        .values("outcome", "status")
        .annotate(n=Count("id"))
        .order_by()
    )
    out = Results()
    for row in rows:
        outcome, n = row["outcome"], row["n"]
        if outcome in upheld:
            out += Results(upheld=n)
        elif outcome in CORRECTING_OUTCOMES:
            out += Results(corrected=n)
        elif outcome or row["status"] in (ReconsiderationStatus.DECIDED, ReconsiderationStatus.ENDED):
            out += Results(other=n)
        else:
            out += Results(pending=n)
    return out


def _litigation_results(unit: OrgUnit, year: int) -> tuple[Results, Results]:
    """(brought directly, brought after a reconsideration)."""
    from django.db.models import Count, Q

    from fazhi.disputes.choices import LitigationOutcome, LitigationStatus
    from fazhi.disputes.models import Litigation
    from fazhi.disputes.workflow.remedies import LOSING_OUTCOMES

    rows = (
        Litigation.objects.filter(org_unit__in=_units(unit), about_disclosure=True)
        .filter(_in("complaint_received_on", year))
        .values("outcome", "appealed", "appeal_outcome", "status")
        .annotate(direct=Count("id", filter=Q(reconsideration__isnull=True)),
                  after=Count("id", filter=Q(reconsideration__isnull=False)))
        .order_by()
    )  # fmt: skip
    direct, after = Results(), Results()
    for row in rows:
        standing = row["appeal_outcome"] if row["appealed"] else row["outcome"]
        if standing == LitigationOutcome.CLAIM_DISMISSED:
            field = "upheld"
        elif standing in LOSING_OUTCOMES:
            field = "corrected"
        elif standing or (row["status"] == LitigationStatus.ENDED and not row["appealed"]):
            field = "other"
        else:
            field = "pending"
        direct += Results(**{field: row["direct"]})
        after += Results(**{field: row["after"]})
    return direct, after


def figures(unit: OrgUnit, year: int) -> Figures:
    """Everything the report states for `unit` and the units under it in `year`."""
    from fazhi.oversight.statistics_supervision import disclosure_report, proposal_figures

    direct, after = _litigation_results(unit, year)
    return Figures(
        report=disclosure_report(unit, year),
        items=_item_counts(unit, year),
        requests=_request_counts(unit, year),
        reconsideration=_reconsideration_results(unit, year),
        direct=direct,
        after=after,
        proposals=proposal_figures(unit, year),
    )


# -- the values a template may quote -------------------------------------------------------------


@dataclass(frozen=True)
class Value:
    name: str
    counted: str
    get: Callable[[Figures], int]
    link: Callable[[OrgUnit, int], str] | None = None


def _items_link(**params) -> Callable[[OrgUnit, int], str]:
    def link(unit: OrgUnit, year: int) -> str:
        from fazhi.oversight.supervision.definitions import disclosures

        return disclosures.filtered_url(**params, published_year=year, org_unit=unit.pk)

    return link


def _requests_link(year_param: str, **params) -> Callable[[OrgUnit, int], str]:
    def link(unit: OrgUnit, year: int) -> str:
        from fazhi.oversight.supervision.definitions import disclosure_requests

        return disclosure_requests.filtered_url(**params, **{year_param: year}, org_unit=unit.pk)

    return link


def _overdue_link(register_name: str) -> Callable[[OrgUnit, int], str]:
    # The register's "overdue today" list: it shows these records (and, for a past
    # year, any that fell due after it).
    def link(unit: OrgUnit, year: int) -> str:
        from fazhi.oversight.supervision import definitions

        return getattr(definitions, register_name).filtered_url(overdue="true", org_unit=unit.pk)

    return link


def _proposals_link(kind: str) -> Callable[[OrgUnit, int], str]:
    def link(unit: OrgUnit, year: int) -> str:
        from fazhi.oversight.supervision.definitions import proposals

        return proposals.filtered_url(kind=kind, replied_year=year, org_unit=unit.pk)

    return link


def _category_count(label: str) -> Callable[[Figures], int]:
    return lambda f: next((n for lab, n, _ in f.report.proactive if lab == label), 0)


def _town_items(f: Figures) -> int:
    return sum(n for _, n, town in f.report.proactive if town)


# Short names of the replies (the choices' labels are long).
REPLY_NAMES = {
    "disclosed": "予以公开",
    "partly": "部分公开",
    "withheld": "不予公开",
    "not_exist": "无法提供",
    "not_ours": "不属于本机关公开",
    "repeated": "不予处理",
    "other": "其他处理",
}
REMEDY_ROWS = (
    ("行政复议", "reconsideration", "因政府信息公开被申请行政复议"),
    ("直接起诉", "direct", "因政府信息公开被直接提起行政诉讼（未经行政复议）"),
    ("复议后起诉", "after", "经行政复议后因政府信息公开被提起行政诉讼"),
    ("行政诉讼", "litigation", "因政府信息公开被提起行政诉讼（含复议后起诉）"),
)
RESULTS = (
    ("结果维持", "upheld", "结果维持（维持，或驳回请求）"),
    ("结果纠正", "corrected", "结果纠正（撤销、变更、确认违法、责令履行等）"),
    ("其他结果", "other", "其他结果（撤回、撤诉、和解、裁定驳回起诉等）"),
    ("尚未审结", "pending", "尚未审结"),
)


def _results(f: Figures, row: str) -> Results:
    return f.direct + f.after if row == "litigation" else getattr(f, row)


def _remedy_values() -> list[Value]:
    out = []
    for prefix, row, what in REMEDY_ROWS:
        for suffix, result, label in RESULTS:
            out.append(Value(f"{prefix}{suffix}", f"本年度收到的{what}的案件中，{label}的件数",
                             lambda f, row=row, result=result: getattr(_results(f, row), result)))  # fmt: skip
    out += [
        Value("涉公开行政复议", "本年度收到申请书副本、标注“涉及政府信息公开”的行政复议案件数",
              lambda f: f.report.reconsiderations),
        Value("涉公开行政诉讼", "本年度收到起诉状副本、标注“涉及政府信息公开”的行政诉讼案件数（含复议后起诉）",
              lambda f: f.report.litigations),
        Value("未经复议直接起诉", "其中未经行政复议直接起诉的件数", lambda f: f.direct.total),
        Value("复议后起诉", "其中经行政复议后起诉的件数", lambda f: f.after.total),
    ]  # fmt: skip
    return out


def _value_specs() -> list[Value]:
    from fazhi.oversight.choices import InfoCategory, RequestReply

    proactive = [
        Value("主动公开总数", "本年度公开日期在年内的主动公开信息条数（含下级单位）", lambda f: f.report.proactive_total,
              _items_link()),
        Value("乡镇公开事项", "其中属于政府信息公开条例第二十一条规定的乡镇重点公开事项的条数", _town_items,
              _items_link(town_category="true")),
        Value("其他主动公开信息", "其中其他类别的条数", lambda f: f.report.proactive_total - _town_items(f),
              _items_link(town_category="false")),
        *[Value(f"主动公开：{c.label}", f"本年度公开的“{c.label}”类信息条数", _category_count(c.label),
                _items_link(category=c.value)) for c in InfoCategory],
        Value("网站公开", "本年度通过政府网站（公开平台）公开的条数", lambda f: f.items["portal"]),
        Value("公开栏公开", "本年度通过政务公开栏公开的条数", lambda f: f.items["notice_board"]),
        Value("其他渠道公开", "本年度通过其他渠道公开的条数", lambda f: f.items["other_channel"]),
        Value("撤回或失效信息", "撤回或失效日期在本年度内的主动公开信息条数", lambda f: f.items["ended"]),
        Value("逾期公开信息", "本年度公开、但公开日期晚于公开期限（形成或变更之日起20个工作日）的条数",
              lambda f: f.items["published_late"]),
        Value("逾期未公开信息", "公开期限在本年度内已届满、至今仍未公开的信息条数", lambda f: f.items["overdue"],
              _overdue_link("disclosures")),
    ]  # fmt: skip
    requests = [
        Value("本年新收申请", "收到申请日期在本年度内的政府信息公开申请件数", lambda f: f.report.requests.received,
              _requests_link("received_year")),
        Value("自然人申请", "其中申请人为公民（自然人）的件数", lambda f: f.request("received", "citizen")),
        Value("法人或其他组织申请", "其中申请人为法人或其他组织的件数",
              lambda f: f.request("received", "organisation")),
        Value("上年结转申请", "上一年度及以前收到、本年1月1日尚未答复的申请件数", lambda f: f.report.requests.carried_over),
        Value("本年办结申请", "答复日期在本年度内的申请件数（各类办理结果合计）", lambda f: f.report.requests.replied,
              _requests_link("replied_year")),
        *[Value(f"办理结果：{REPLY_NAMES[k.value]}", f"本年度答复的申请中，答复类型为“{k.label}”的件数",
                lambda f, label=k.label: dict(f.report.requests.replies).get(label, 0),
                _requests_link("replied_year", reply_kind=k.value)) for k in RequestReply],
        Value("结转下年申请", "本年12月31日前收到、年底尚未答复的申请件数", lambda f: f.report.requests.carried_forward),
        Value("告知补正申请", "告知补正日期在本年度内的申请件数", lambda f: f.request("corrections")),
        Value("征求第三方意见申请", "征求第三方意见日期在本年度内的申请件数", lambda f: f.request("third_party")),
        Value("延期答复申请", "延期批准日期在本年度内的申请件数", lambda f: f.request("extended")),
        Value("逾期答复申请", "本年度答复、但答复日期晚于答复期限的申请件数", lambda f: f.request("replied_late")),
        Value("逾期未答复申请", "答复期限在本年度内已届满、至今仍未答复的申请件数", lambda f: f.request("overdue"),
              _overdue_link("disclosure_requests")),
    ]  # fmt: skip
    other = [
        Value("信息处理费", "本年度收取的信息处理费（元）：依申请提供政府信息原则上不收费（政府信息公开条例第四十二条），台账不登记收费，此项为0",
              lambda f: f.report.fees),
        Value("答复人大代表建议", "答复日期在本年度内的人大代表建议件数", lambda f: f.proposals.deputies,
              _proposals_link("deputy")),
        Value("答复政协委员提案", "答复日期在本年度内的政协委员提案件数", lambda f: f.proposals.cppcc,
              _proposals_link("cppcc")),
    ]  # fmt: skip
    return proactive + requests + _remedy_values() + other


VALUES = _value_specs()


def values(unit: OrgUnit, year: int, rounding: dict[str, int], f: Figures | None = None) -> dict[str, Quoted]:
    f = f if f is not None else figures(unit, year)
    out = {name: Quoted(name, text) for name, text in (("年度", str(year)), ("单位", unit.name))}
    for v in VALUES:
        out[v.name] = Quoted(v.name, str(v.get(f)), v.counted, v.link(unit, year) if v.link else "")
    return out


def _names() -> list[tuple[str, str]]:
    return list(GENERAL_NAMES) + [(v.name, v.counted) for v in VALUES]


# -- the tables ----------------------------------------------------------------------------------


def _proactive_table(f: Figures) -> Block:
    from fazhi.oversight.choices import TOWN_INFO_CATEGORIES, InfoCategory

    counts = {label: n for label, n, _ in f.report.proactive}
    town = [c for c in InfoCategory if c in TOWN_INFO_CATEGORIES]
    others = [c for c in InfoCategory if c not in TOWN_INFO_CATEGORIES]
    rows = [["（一）《条例》第二十一条规定的乡镇重点公开事项", str(_town_items(f))]]
    rows += [[c.label, str(counts.get(c.label, 0))] for c in town]
    rows += [["（二）其他主动公开的政府信息", str(f.report.proactive_total - _town_items(f))]]
    rows += [[c.label, str(counts.get(c.label, 0))] for c in others]
    rows += [["合计", str(f.report.proactive_total)]]
    return Block(kind="table", header=["公开类别", "本年主动公开（条）"], rows=rows)


def _requests_table(f: Figures) -> Block:
    from fazhi.oversight.choices import RequestReply

    kinds = ("citizen", "organisation")

    def row(label: str, key: str | None) -> list[str]:
        if key is None:
            return [label, "", "", ""]
        return [label, *(str(f.request(key, k)) for k in kinds), str(f.request(key))]

    numerals = "一二三四五六七八"
    rows = [row("一、本年新收政府信息公开申请数量", "received"),
            row("二、上年结转政府信息公开申请数量", "carried_over"),
            row("三、本年度办理结果", None)]  # fmt: skip
    rows += [row(f"（{numerals[i]}）{k.label}", f"reply_{k.value}") for i, k in enumerate(RequestReply)]
    total = ["（" + numerals[len(RequestReply)] + "）总计"]
    total += [str(sum(f.request(f"reply_{r.value}", k) for r in RequestReply)) for k in kinds]
    total += [str(sum(f.request(f"reply_{r.value}") for r in RequestReply))]
    rows += [total, row("四、结转下年度继续办理", "carried_forward")]
    return Block(kind="table", header=["申请情况", "自然人", "法人或其他组织", "总计"], rows=rows)


def _remedies_table(f: Figures) -> Block:
    rows = []
    for label, r in (("行政复议", f.reconsideration), ("行政诉讼：未经复议直接起诉", f.direct),
                     ("行政诉讼：复议后起诉", f.after)):  # fmt: skip
        rows.append([label, *(str(n) for n in (r.upheld, r.corrected, r.other, r.pending, r.total))])
    header = ["类别", *(label for label, _, _ in RESULTS), "总计"]
    return Block(kind="table", header=header, rows=rows)


def tables(unit: OrgUnit, year: int, f: Figures | None = None) -> dict[str, Block]:
    f = f if f is not None else figures(unit, year)
    return {
        TABLE_PROACTIVE: _proactive_table(f),
        TABLE_REQUESTS: _requests_table(f),
        TABLE_REMEDIES: _remedies_table(f),
    }


# -- points for the writer -----------------------------------------------------------------------


def suggestions(unit: OrgUnit, year: int, quoted: dict[str, Quoted], f: Figures | None = None) -> list[str]:
    """Points for the problems part read from the values: the writer decides what to keep."""

    def n(name: str) -> int:
        value = quoted.get(name)
        return int(value.text) if value is not None and value.text.isdigit() else 0

    out = []
    if n("逾期答复申请"):
        out.append(
            f"有{n('逾期答复申请')}件政府信息公开申请在答复期限届满后才答复（政府信息公开条例第三十三条）"
        )
    if n("逾期未答复申请"):
        out.append(f"答复期限在{year}年内届满的申请中，至今仍有{n('逾期未答复申请')}件没有答复")
    if n("逾期公开信息"):
        out.append(
            f"有{n('逾期公开信息')}条政府信息超过形成或变更之日起20个工作日才公开（政府信息公开条例第二十六条）"
        )
    if n("逾期未公开信息"):
        out.append(f"公开期限在{year}年内届满的信息中，至今仍有{n('逾期未公开信息')}条没有公开")
    corrected = n("行政复议结果纠正") + n("行政诉讼结果纠正")
    if corrected:
        out.append(f"因政府信息公开工作被行政复议或行政诉讼纠正{corrected}件，应查明原因并落实整改")
    return out


DISCLOSURE = register(
    KindSpec(
        code="disclosure",
        name="政府信息公开工作年度报告",
        parts=PARTS,
        default_order=DEFAULT_ORDER,
        default_texts=lambda: dict(DEFAULT_TEXTS),
        figures=figures,
        values=values,
        title=lambda unit, year: [f"{unit.name}人民政府{year}年政府信息公开工作年度报告"],
        addressee=lambda unit: "",
        signature=lambda unit: [f"{unit.name}人民政府"],
        deadlines=law.ANNUAL_DEADLINES,
        tables=tables,
        table_names=TABLE_NAMES,
        suggestions=suggestions,
        needs_submission=False,
        names=_names,
    )
)
