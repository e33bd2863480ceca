"""The supervision models (监督预警模型), each as data and a query.

A model looks through one register of a unit (the unit and everything under
it: one prefix match on OrgUnit.path, as a subquery) over a bounded period
ending `today` (LOOKBACK_DAYS, the last year), and returns the records that
show its pattern, each with a Chinese reason naming the numbers found and the
threshold crossed.

These are supervision heuristics, not law: a flag asks the legal reviewer to
look, it does not say that anything was done wrong. Where a model relates to
an article, the article is named; the thresholds are named constants (`Param`)
whose default and reason are given here, each overridable per installation
through the setting FAZHI_SUPERVISION_THRESHOLDS ({"SUMMARY_CAP_REPEATS": 8}).
docs/supervision-models.md describes each model and how to tune it.

Models that see a pattern across several records (one officer's fines, one
business's cases) flag the latest record of the pattern: a new record that
continues the pattern raises a new flag, while a record once flagged is never
flagged again by the same model, whatever became of its flag.
"""

from __future__ import annotations

import datetime as dt
import statistics
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import F, Sum

from fazhi.core.models import OrgUnit
from fazhi.core.models.scoped import subtree_ids

# -- the parts of a model ------------------------------------------------------------------


@dataclass(frozen=True)
class Param:
    """A threshold of a model: its constant's name, what it measures, its default
    and why that default. `value` is the installation's value (the setting
    FAZHI_SUPERVISION_THRESHOLDS may override it by name)."""

    name: str
    label: str
    default: int
    unit: str
    why: str

    @property
    def value(self) -> int:
        overrides = getattr(settings, "FAZHI_SUPERVISION_THRESHOLDS", None) or {}
        return int(overrides.get(self.name, self.default))

    @property
    def text(self) -> str:
        return f"{self.value}{self.unit}"


@dataclass(frozen=True)
class Hit:
    """A record a model flags, and why (Chinese, with the numbers and the threshold)."""

    record: models.Model
    reason: str


@dataclass(frozen=True)
class SupervisionModel:
    code: str  # SupervisionFlag.model_code
    name: str  # Chinese name
    record_label: str  # what kind of record it flags
    description: str  # what it looks for (Chinese)
    basis: str  # the article it relates to ("" when none)
    params: tuple[Param, ...]
    find: Callable[[OrgUnit, dt.date], list[Hit]]

    def thresholds(self) -> list[Param]:
        return [LOOKBACK_DAYS, *self.params]


# -- shared ---------------------------------------------------------------------------------

LOOKBACK_DAYS = Param(
    "LOOKBACK_DAYS", "检查期间（截至检查日）", 365, "日",
    why="每个模型只看最近一年的记录：与年度报告、年度考核的周期一致，查询量有上限；"
        "夜间扫描每天重复，一年以前的记录早已检查过。",
)  # fmt: skip


def _units(unit: OrgUnit) -> models.QuerySet:
    return subtree_ids(unit.path)


def _since(today: dt.date) -> dt.date:
    return today - dt.timedelta(days=LOOKBACK_DAYS.value - 1)


def _period(today: dt.date) -> str:
    return f"{_since(today):%Y-%m-%d}至{today:%Y-%m-%d}"


def _yuan(amount: Decimal) -> str:
    text = f"{Decimal(amount):.2f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def _latest(rows: list[tuple[dt.date, int]]) -> int:
    """The id of the latest (date, id) of a pattern: the record the flag goes on."""
    return max(rows)[1]


def _by_pk(model: type[models.Model], pks, *related: str) -> dict[int, models.Model]:
    return {o.pk: o for o in model.objects.filter(pk__in=set(pks)).select_related(*related)}


# -- 1. summary fines at the cap -------------------------------------------------------------

SUMMARY_CAP_REPEATS = Param(
    "SUMMARY_CAP_REPEATS", "同一执法人员一年内简易程序顶格罚款起数", 5, "起以上",
    why="简易程序罚款以自然人200元、法人或者其他组织3000元为上限（行政处罚法第五十一条）。"
        "偶尔顶格是正常的；一名执法人员一年内五起以上都罚到上限，提示可能未按情节裁量（第五条过罚相当），"
        "或者把应当适用普通程序的案件压到简易程序办理。",
)  # fmt: skip


def _summary_fines(unit: OrgUnit, today: dt.date) -> list[tuple]:
    """(officer id, officer name, case id, decided on, fine, party kind) of every
    summary fine decided in the period, one row per officer of the case. Reads the
    (org unit, decided on) index of cases."""
    from fazhi.enforcement.choices import DecisionKind, PenaltyKind, Procedure
    from fazhi.enforcement.models import Case

    return list(
        Case.objects.filter(
            org_unit__in=_units(unit), decided_on__gte=_since(today), decided_on__lte=today,
            procedure=Procedure.SUMMARY, decision_kind=DecisionKind.PENALTY, penalty_kind=PenaltyKind.FINE,
        ).values_list("officers__pk", "officers__person__name", "pk", "decided_on", "fine", "party__kind")
    )  # fmt: skip


def _caps() -> dict[str, Decimal]:
    from fazhi.law.penalty import SUMMARY_CAPS

    return {kind: Decimal(t.value) for kind, t in SUMMARY_CAPS.items()}


def _case_hits(found: list[tuple[int, str]]) -> list[Hit]:
    """Hits on cases by id; one officer's pattern and another's may end on the same
    case: the reasons are then joined."""
    from fazhi.enforcement.models import Case

    reasons: dict[int, list[str]] = defaultdict(list)
    for pk, reason in found:
        reasons[pk].append(reason)
    cases = _by_pk(Case, reasons, "matter")
    return [Hit(cases[pk], "；".join(texts)) for pk, texts in reasons.items()]


def find_summary_cap(unit: OrgUnit, today: dt.date) -> list[Hit]:
    caps = _caps()
    at_cap: dict[int, list[tuple[dt.date, int]]] = defaultdict(list)
    names: dict[int, str] = {}
    for officer, name, pk, decided_on, fine, kind in _summary_fines(unit, today):
        if officer is not None and kind in caps and fine == caps[kind]:
            at_cap[officer].append((decided_on, pk))
            names[officer] = name
    threshold = SUMMARY_CAP_REPEATS.value
    found = []
    for officer, rows in at_cap.items():
        if len(rows) >= threshold:
            found.append((_latest(rows), (
                f"执法人员{names[officer]}在{_period(today)}的简易程序罚款中有{len(rows)}起为上限"
                f"（自然人{_yuan(caps['individual'])}元、法人或者其他组织{_yuan(caps['organisation'])}元，"
                f"行政处罚法第五十一条），本案为其中最近一起（阈值：同一人员一年内{threshold}起以上）"
            )))  # fmt: skip
    return _case_hits(found)


# -- 2. summary fines of one amount ----------------------------------------------------------

SAME_AMOUNT_REPEATS = Param(
    "SAME_AMOUNT_REPEATS", "同一执法人员一年内同一金额的简易程序罚款起数", 6, "起以上",
    why="罚款应与违法行为的事实、性质、情节以及社会危害程度相当（行政处罚法第五条），并按裁量基准"
        "（第三十四条）确定；一名执法人员的罚款总是同一个金额，提示未区分情节。六起以上才计，"
        "避免少数几起同额罚款的巧合。上限金额的重复由“简易程序罚款反复顶格”模型另行检查。",
)  # fmt: skip
SAME_AMOUNT_SHARE = Param(
    "SAME_AMOUNT_SHARE", "该金额占本人简易程序罚款的比例", 80, "%以上",
    why="办案多的执法人员难免有同额罚款；只有同一金额占其简易程序罚款的绝大多数时才提示。",
)  # fmt: skip


def find_same_amount(unit: OrgUnit, today: dt.date) -> list[Hit]:
    caps = _caps()
    fines: dict[int, list[tuple[Decimal, dt.date, int, bool]]] = defaultdict(list)
    names: dict[int, str] = {}
    for officer, name, pk, decided_on, fine, kind in _summary_fines(unit, today):
        if officer is None:
            continue
        fines[officer].append((fine, decided_on, pk, fine == caps.get(kind)))
        names[officer] = name
    repeats, share = SAME_AMOUNT_REPEATS.value, SAME_AMOUNT_SHARE.value
    found = []
    for officer, rows in fines.items():
        by_amount: dict[Decimal, list[tuple[dt.date, int]]] = defaultdict(list)
        for fine, decided_on, pk, at_cap in rows:
            if not at_cap:
                by_amount[fine].append((decided_on, pk))
        for amount, same in by_amount.items():
            pct = 100 * len(same) / len(rows)
            if len(same) >= repeats and pct >= share:
                found.append((_latest(same), (
                    f"执法人员{names[officer]}在{_period(today)}的{len(rows)}起简易程序罚款中有{len(same)}起"
                    f"金额同为{_yuan(amount)}元（占{pct:.0f}%），本案为其中最近一起"
                    f"（阈值：同一金额{repeats}起以上且占{share}%以上；行政处罚法第五条、第三十四条）"
                )))  # fmt: skip
    return _case_hits(found)


# -- 3. decisions on the last allowed day ----------------------------------------------------

LAST_DAY_MARGIN = Param(
    "LAST_DAY_MARGIN", "距办案期限届满的日数", 0, "日以内",
    why="普通程序案件应当自立案之日起九十日内作出决定，经批准可以延长（行政处罚法第六十条）。"
        "在期限的最后一天（或者之后）才作出决定，提示案件临期突击办理，或者立案日期、决定日期的记录不实；"
        "默认只看最后一天，调大后也提示最后几天作出的决定。",
)  # fmt: skip


def find_last_day(unit: OrgUnit, today: dt.date) -> list[Hit]:
    """Ordinary-procedure decisions of the period taken on or after the last day of
    their decision period (with approved extensions). Reads the (org unit, decided
    on) index of cases."""
    from fazhi.enforcement.choices import Procedure
    from fazhi.enforcement.models import Case

    margin = LAST_DAY_MARGIN.value
    cases = (
        Case.objects.filter(
            org_unit__in=_units(unit), decided_on__gte=_since(today), decided_on__lte=today,
            procedure=Procedure.ORDINARY, decision_due__isnull=False,
        )
        .filter(decided_on__gte=F("decision_due") - dt.timedelta(days=margin))
        .select_related("matter")
        .annotate(extended=Sum("extensions__days"))
        .order_by("decided_on", "pk")
    )  # fmt: skip
    hits = []
    for case in cases:
        extended = f"（含经批准延长的{case.extended}日）" if case.extended else ""
        late = (case.decided_on - case.decision_due).days
        when = ("在期限的最后一日作出" if late == 0 else f"超过期限{late}日作出" if late > 0
                else f"在期限届满前{-late}日作出")  # fmt: skip
        hits.append(Hit(case, (
            f"立案日{case.filed_on:%Y-%m-%d}，办案期限至{case.decision_due:%Y-%m-%d}{extended}"
            f"（行政处罚法第六十条），决定日{case.decided_on:%Y-%m-%d}，{when}"
            f"（阈值：距期限届满{margin}日以内或者逾期作出）"
        )))  # fmt: skip
    return hits


# -- 4. cases pending far longer than the town's median --------------------------------------

PENDING_MEDIAN_FACTOR = Param(
    "PENDING_MEDIAN_FACTOR", "未决天数为本单位中位数的倍数", 2, "倍以上",
    why="各镇案件的难易和节奏不同，与本单位近一年已决案件的中位数比较，而不是一个全省统一的天数；"
        "超过中位数两倍的在办案件，提示久拖不决，宜在第六十条的九十日期限届满前督办。",
)  # fmt: skip
PENDING_MIN_DAYS = Param(
    "PENDING_MIN_DAYS", "未决天数下限", 30, "日以上",
    why="中位数很短时（如十日），两倍也只有二十日，尚在正常办案时间内；不满三十日的不提示。",
)  # fmt: skip
PENDING_MIN_SAMPLE = Param(
    "PENDING_MIN_SAMPLE", "计算中位数所需的已决案件数", 5, "起以上",
    why="已决案件太少时中位数没有代表性，不作比较。",
)  # fmt: skip

OPEN_STATUSES = (
    "filed",
    "investigating",
    "case_review",
    "legal_review",
    "deliberation",
    "notified",
    "hearing",
)


def find_pending(unit: OrgUnit, today: dt.date) -> list[Hit]:
    """Filed ordinary cases not yet decided whose age exceeds the factor times the
    median filing-to-decision time of the unit's ordinary cases decided in the
    period. Two queries: the decided ones by the (org unit, decided on) index, the
    open ones by the (org unit, status) index."""
    from fazhi.enforcement.choices import Procedure
    from fazhi.enforcement.models import Case

    units = _units(unit)
    durations = [
        (decided - filed).days
        for filed, decided in Case.objects.filter(
            org_unit__in=units, decided_on__gte=_since(today), decided_on__lte=today,
            procedure=Procedure.ORDINARY, filed_on__isnull=False,
        ).values_list("filed_on", "decided_on")
    ]  # fmt: skip
    if len(durations) < PENDING_MIN_SAMPLE.value:
        return []
    median = statistics.median(durations)
    factor, floor = PENDING_MEDIAN_FACTOR.value, PENDING_MIN_DAYS.value
    limit = max(factor * median, floor)
    hits = []
    pending = Case.objects.filter(
        org_unit__in=units, status__in=OPEN_STATUSES, procedure=Procedure.ORDINARY,
        filed_on__isnull=False, filed_on__lte=today, decided_on__isnull=True,
    ).select_related("matter").order_by("filed_on", "pk")  # fmt: skip
    for case in pending:
        age = (today - case.filed_on).days
        if age > limit:
            ratio = f"{age / median:.1f}倍" if median else "远超"
            hits.append(Hit(case, (
                f"立案于{case.filed_on:%Y-%m-%d}，至{today:%Y-%m-%d}已{age}日未作出决定，为本单位"
                f"{_period(today)}已决一般程序案件立案至决定天数中位数（{median:g}日，{len(durations)}起）的{ratio}"
                f"（阈值：超过中位数的{factor}倍且超过{floor}日；行政处罚法第六十条）"
            )))  # fmt: skip
    return hits


# -- 5. repeated enforcement at one business --------------------------------------------------
# Fazhi has no register of inspections of businesses (oversight's Inspection is the
# supervision *of the town*, services' EnterpriseVisit a service call): the nearest
# record of an inspection of a business is an enforcement case the town opened on
# its own initiative (found on the spot or in a supervisory inspection) against an
# organisation. See docs/supervision-models.md.

REPEAT_WINDOW_DAYS = Param(
    "REPEAT_WINDOW_DAYS", "同一企业的检查间隔", 30, "日内",
    why="国务院办公厅关于严格规范涉企行政检查的意见（2024年，据转述）要求控制涉企检查频次、避免重复检查；"
        "三十日内对同一企业多次现场执法，提示重复检查、多头检查或者选择性执法。",
)  # fmt: skip
REPEAT_MIN_CASES = Param(
    "REPEAT_MIN_CASES", "期间内对同一企业的检查立案起数", 3, "起以上",
    why="两次可能是复查整改情况；三次以上才提示。",
)  # fmt: skip

TOWN_INITIATED = ("on_the_spot", "inspection")  # CaseSource: 现场发现, 监督检查 (not complaints or referrals)


def find_repeat_business(unit: OrgUnit, today: dt.date) -> list[Hit]:
    """Cases the town itself started (on the spot, inspection) against one organisation
    (by credit code, else by party), discovered in the period: a case with at least
    REPEAT_MIN_CASES such cases (itself included) in the REPEAT_WINDOW_DAYS ending on
    its discovery day. One query on the org unit's cases by discovery date."""
    from fazhi.enforcement.choices import PartyKind
    from fazhi.enforcement.models import Case

    window, minimum = REPEAT_WINDOW_DAYS.value, REPEAT_MIN_CASES.value
    rows = Case.objects.filter(
        org_unit__in=_units(unit), discovered_on__gte=_since(today) - dt.timedelta(days=window - 1),
        discovered_on__lte=today, source__in=TOWN_INITIATED, party__kind=PartyKind.ORGANISATION,
    ).values_list("pk", "discovered_on", "party_id", "party__uscc", "party__name")  # fmt: skip
    by_business: dict[str, list[tuple[dt.date, int]]] = defaultdict(list)
    names: dict[str, str] = {}
    for pk, discovered_on, party_id, uscc, name in rows:
        key = uscc or f"party:{party_id}"
        by_business[key].append((discovered_on, pk))
        names[key] = name
    found = []
    since = _since(today)
    for key, cases in by_business.items():
        cases.sort()
        for i, (day, pk) in enumerate(cases):
            first = day - dt.timedelta(days=window - 1)
            within = [c for c in cases[: i + 1] if c[0] >= first]
            if day >= since and len(within) >= minimum:
                found.append((pk, (
                    f"{names[key]}在{within[0][0]:%Y-%m-%d}至{day:%Y-%m-%d}的{(day - within[0][0]).days + 1}日内"
                    f"被现场检查或者监督检查立案{len(within)}起（含本案）（阈值：同一企业{window}日内{minimum}起以上）"
                )))  # fmt: skip
    return _case_hits(found)


# -- 6. decisions that should have been published ---------------------------------------------

PUBLICATION_GRACE_DAYS = Param(
    "PUBLICATION_GRACE_DAYS", "公示期限届满后的宽限日数", 0, "日",
    why="具有一定社会影响的处罚决定应当依法公开（行政处罚法第四十八条），本镇公示规则为决定后七个工作日内"
        "（执法主体可设，最长二十个工作日；国办发〔2018〕118号）。期限本身已含办理时间，默认不再宽限：过期仍未公示即提示。",
)  # fmt: skip


def find_unpublished(unit: OrgUnit, today: dt.date) -> list[Hit]:
    """Penalty decisions of the period that the body's policy publishes and that are
    still not published after their due date: queued past it (by the disclosures'
    (org unit, status, decided on) index), or never queued (a decision that reached
    the register without the decision action, as an imported one may)."""
    from fazhi.enforcement import disclosure
    from fazhi.enforcement.choices import DecisionKind, DisclosureStatus
    from fazhi.enforcement.models import Case, Disclosure

    units, since = _units(unit), _since(today)
    grace = PUBLICATION_GRACE_DAYS.value
    cutoff = today - dt.timedelta(days=grace)
    hits = []
    queued = Disclosure.objects.filter(
        org_unit__in=units, status=DisclosureStatus.QUEUED, decided_on__gte=since, decided_on__lte=today,
        due_on__lt=cutoff,
    ).select_related("case__matter", "body").order_by("decided_on", "pk")  # fmt: skip
    for item in queued:
        hits.append(Hit(item.case, (
            f"处罚决定{item.decided_on:%Y-%m-%d}作出，应于{item.due_on:%Y-%m-%d}前公示"
            f"（{item.body.name}公示期限{item.body.publication_days}个工作日；行政处罚法第四十八条），"
            f"至{today:%Y-%m-%d}仍在待公示队列中，已逾期{(today - item.due_on).days}日"
            f"（阈值：公示期限届满{grace}日后仍未公示）"
        )))  # fmt: skip
    never = Case.objects.filter(
        org_unit__in=units, decided_on__gte=since, decided_on__lte=today, decision_kind=DecisionKind.PENALTY,
        confidential=False, revoked_on__isnull=True, disclosure__isnull=True,
    ).select_related("matter", "body", "party").order_by("decided_on", "pk")  # fmt: skip
    for case in never:
        if disclosure.not_published_because(case):
            continue
        due = disclosure.publication_due(case)
        if due < cutoff:
            hits.append(Hit(case, (
                f"处罚决定{case.decided_on:%Y-%m-%d}作出，按{case.body.name}的公示规则应于{due:%Y-%m-%d}前公示"
                f"（行政处罚法第四十八条），至{today:%Y-%m-%d}未进入公示队列，也未公示"
                f"（阈值：公示期限届满{grace}日后仍未公示）"
            )))  # fmt: skip
    return hits


# -- 7. disputes registered again after their close --------------------------------------------
# A dispute has no "reopen" step (closed is final in disputes/workflow): a dispute
# that comes back is registered anew. The model looks for a new dispute between the
# same parties as one closed shortly before.

REOPEN_WINDOW_DAYS = Param(
    "REOPEN_WINDOW_DAYS", "结案后再次登记的间隔", 180, "日内",
    why="调解协议应当履行（人民调解法第三十一条）；结案后半年内同一当事人又来登记纠纷，提示“案结事未了”："
        "协议未履行、调解不彻底或者结案过早。",
)  # fmt: skip
REOPEN_MIN_SHARED = Param(
    "REOPEN_MIN_SHARED", "相同当事人人数", 2, "人以上",
    why="纠纷至少两方：两名当事人都相同才视为同一纠纷；只登记一名当事人的纠纷，该当事人相同即可。"
        "当事人按公民身份号码比对，没有号码的按类型和姓名（名称）比对。",
)  # fmt: skip


def _party_key(kind: str, name: str, resident_id: str) -> str:
    return f"id:{resident_id.upper()}" if resident_id else f"{kind}:{name.strip()}"


def find_reregistered(unit: OrgUnit, today: dt.date) -> list[Hit]:
    """Disputes registered in the period (the (org unit, registered on) index) that
    share their parties with a dispute closed in the window before the registration
    (the (org unit, closed on) index). Three queries: the new disputes' parties, the
    closed disputes' parties, and the flagged disputes themselves."""
    from fazhi.disputes.models import Dispute, DisputeParty

    units, since = _units(unit), _since(today)
    window, shared_min = REOPEN_WINDOW_DAYS.value, REOPEN_MIN_SHARED.value
    new_rows = DisputeParty.objects.filter(
        dispute__org_unit__in=units, dispute__registered_on__gte=since, dispute__registered_on__lte=today,
    ).values_list("dispute_id", "dispute__registered_on", "kind", "name", "resident_id")  # fmt: skip
    closed_rows = DisputeParty.objects.filter(
        dispute__org_unit__in=units, dispute__closed_on__gte=since - dt.timedelta(days=window),
        dispute__closed_on__lte=today,
    ).values_list("dispute_id", "dispute__closed_on", "dispute__number", "kind", "name", "resident_id")  # fmt: skip
    new: dict[int, tuple[dt.date, set[str], dict[str, str]]] = {}
    for pk, registered_on, kind, name, rid in new_rows:
        entry = new.setdefault(pk, (registered_on, set(), {}))
        key = _party_key(kind, name, rid)
        entry[1].add(key)
        entry[2][key] = _masked(kind, name)
    closed: dict[int, tuple[dt.date, str, set[str]]] = {}
    for pk, closed_on, number, kind, name, rid in closed_rows:
        closed.setdefault(pk, (closed_on, number, set()))[2].add(_party_key(kind, name, rid))
    found: dict[int, str] = {}
    for pk, (registered_on, keys, shown) in new.items():
        best = None
        for other, (closed_on, number, other_keys) in closed.items():
            if other == pk or not (registered_on - dt.timedelta(days=window) <= closed_on <= registered_on):
                continue
            common = keys & other_keys
            enough = bool(common) and len(common) >= min(shared_min, len(keys), len(other_keys))
            if enough and (best is None or closed_on > best[0]):
                best = (closed_on, number or f"纠纷{other}", common)
        if best is not None:
            closed_on, number, common = best
            names = "、".join(sorted(shown[k] for k in common))
            found[pk] = (
                f"当事人{names}的纠纷（{number}）于{closed_on:%Y-%m-%d}结案，{registered_on:%Y-%m-%d}又登记本纠纷，"
                f"相隔{(registered_on - closed_on).days}日（阈值：结案后{window}日内相同当事人{shared_min}人以上再次登记）"
            )  # fmt: skip
    disputes = _by_pk(Dispute, found)
    return [Hit(disputes[pk], reason) for pk, reason in found.items()]


def _masked(kind: str, name: str) -> str:
    from fazhi.core import masking

    return masking.mask_name(name) if kind == "individual" else name


# -- the models ----------------------------------------------------------------------------

MODELS: tuple[SupervisionModel, ...] = (
    SupervisionModel(
        "summary_fine_cap", "简易程序罚款反复顶格", "执法案件",
        "同一执法人员一年内有多起简易程序罚款恰为法定上限（自然人200元、法人或者其他组织3000元）。",
        "行政处罚法第五条、第五十一条", (SUMMARY_CAP_REPEATS,), find_summary_cap,
    ),
    SupervisionModel(
        "summary_fine_same_amount", "简易程序罚款金额雷同", "执法案件",
        "同一执法人员一年内的简易程序罚款绝大多数为同一金额（上限金额除外），提示未按情节裁量。",
        "行政处罚法第五条、第三十四条", (SAME_AMOUNT_REPEATS, SAME_AMOUNT_SHARE), find_same_amount,
    ),
    SupervisionModel(
        "decided_on_last_day", "临期作出处罚决定", "执法案件",
        "普通程序案件在办案期限（九十日，含经批准的延长）的最后一日或者逾期才作出决定。",
        "行政处罚法第六十条", (LAST_DAY_MARGIN,), find_last_day,
    ),
    SupervisionModel(
        "pending_over_median", "案件久拖不决", "执法案件",
        "已立案未作出决定的普通程序案件，办理天数远超本单位近一年已决案件的中位数。",
        "行政处罚法第六十条", (PENDING_MEDIAN_FACTOR, PENDING_MIN_DAYS, PENDING_MIN_SAMPLE), find_pending,
    ),
    SupervisionModel(
        "repeat_business_inspection", "同一企业短期内反复检查", "执法案件",
        "短期内对同一企业（法人或者其他组织）多次现场检查或者监督检查并立案。系统没有涉企检查台账，"
        "以本镇主动发现（现场发现、监督检查）的执法案件代表检查。",
        "国务院办公厅关于严格规范涉企行政检查的意见（据转述）", (REPEAT_WINDOW_DAYS, REPEAT_MIN_CASES),
        find_repeat_business,
    ),
    SupervisionModel(
        "unpublished_decision", "处罚决定应公示未公示", "执法案件",
        "按执法主体的公示规则应当公示的处罚决定，公示期限届满仍未公示。",
        "行政处罚法第四十八条；国办发〔2018〕118号", (PUBLICATION_GRACE_DAYS,), find_unpublished,
    ),
    SupervisionModel(
        "dispute_reregistered", "纠纷结案后再次登记", "矛盾纠纷",
        "矛盾纠纷结案后不久，相同当事人又登记纠纷（纠纷没有“重新打开”环节，回头的纠纷重新登记）。",
        "人民调解法第三十一条", (REOPEN_WINDOW_DAYS, REOPEN_MIN_SHARED), find_reregistered,
    ),
)  # fmt: skip

BY_CODE: dict[str, SupervisionModel] = {m.code: m for m in MODELS}
CHOICES: list[tuple[str, str]] = [(m.code, m.name) for m in MODELS]


def name_of(code: str) -> str:
    model = BY_CODE.get(code)
    return model.name if model else code


def run(model: SupervisionModel, unit: OrgUnit, today: dt.date) -> list[Hit]:
    """The model's hits for the unit, as of `today`."""
    return model.find(unit, today)


def describe() -> list[dict[str, Any]]:
    """Each model with its thresholds as the installation has them (the models page)."""
    return [{"model": m, "thresholds": [(p, p.text) for p in m.thresholds()]} for m in MODELS]
