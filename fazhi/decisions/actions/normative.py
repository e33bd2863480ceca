"""Normative documents (行政规范性文件) and the public's comments.

A document is created and edited as a register while it is drafted; from then on
it moves only by its steps (workflow/normative.py), each one transaction with its
history row, its deadlines and one audit event (decisions.normativedocument.<verb>).
A historical document (issued before Fazhi) may be registered with its number and
dates, as the Excel import does. Comments come from the portal (anonymous, audited
with no actor) or are registered by staff."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import Model
from django.utils import timezone

from fazhi import law
from fazhi.core import audit, workdays
from fazhi.core.registers.actions import (
    action_date,
    change_state,
    clean_record,
    create_record,
    ensure_in_scope,
    update_record,
)
from fazhi.decisions.choices import CleanupOutcome, CommentChannel, DocumentStatus, ReviewOpinion, StepState
from fazhi.decisions.models import (
    DecisionPolicy,
    DecisionStep,
    MajorDecision,
    NormativeDocument,
    PublicComment,
)
from fazhi.decisions.models.normative import DocumentCleanup, DocumentStep
from fazhi.decisions.workflow import normative as workflow
from fazhi.law import RuleError
from fazhi.law.decisions import LEGALITY_REVIEW_OPINION, NORMATIVE_DOCUMENTS_NOTICE

S = DocumentStatus
COMMENT_ARTICLE = "关于公开征求意见的要求"
REVIEW_ARTICLE = "关于审核时限的要求"
REVIEW_BEFORE_DELIBERATION = "关于审核程序的要求"
COMMENT_MIN_CHARS, COMMENT_MAX_CHARS = 5, 2000

# Fields set only by the steps (or when a historical document is registered).
ISSUE_FIELDS = ("doc_number", "issued_on", "published_on", "effective_on", "valid_until", "filing_authority",
                "filed_on", "filing_no")  # fmt: skip
# What may still change once a document has left drafting.
LATE_EDITABLE = {"source_note"}


# -- figures ---------------------------------------------------------------------------


def comment_minimum_end(starts_on: dt.date) -> dt.date:
    """The earliest last day of a comment period starting on `starts_on` (normative_public_comment)."""
    return workdays.period_due(law.period("normative_public_comment"), starts_on)


def review_window(requested_on: dt.date, policy: DecisionPolicy) -> tuple[dt.date, dt.date]:
    """The earliest and latest due date of a legality review requested on `requested_on`:
    the town's minimum and maximum working days (normative_legality_review_min/max)."""
    return (
        workdays.add_working_days(requested_on, policy.review_min_working_days),
        workdays.add_working_days(requested_on, policy.review_max_working_days),
    )


def filing_due(published_on: dt.date, policy: DecisionPolicy) -> dt.date:
    """The last day to send the document for record filing: the town's filing days
    (normative_filing, calendar days from publication, the agency's own strict date)."""
    period = law.period("normative_filing")
    unit = period.versions[-1].unit
    return workdays.due_date(published_on, policy.filing_days, unit, strict=period.strict)


def default_valid_until(published_on: dt.date, policy: DecisionPolicy) -> dt.date:
    """Publication day plus the town's validity years (29 February becomes 28 February)."""
    year = published_on.year + policy.validity_years
    try:
        return published_on.replace(year=year)
    except ValueError:
        return published_on.replace(year=year, day=28)


def _town_of(unit):
    return unit.town or unit


def _check_number_free(doc: NormativeDocument, number: str) -> None:
    town = _town_of(doc.org_unit)
    taken = NormativeDocument.objects.filter(org_unit__path__startswith=town.path, doc_number=number)
    if doc.pk:
        taken = taken.exclude(pk=doc.pk)
    other = taken.first()
    if other is not None:
        raise RuleError(f"文号“{number}”已由本镇的“{other.title}”使用，文号在本镇内不能重复",
                        code="doc_number_taken")  # fmt: skip


# -- the register: drafts and historical documents --------------------------------------------


def _blank(value: Any) -> bool:
    return value in (None, "")


@audit.audited
def register_document(*, actor: Any, data: dict[str, Any]) -> NormativeDocument:
    """A new draft (起草中), or, when it carries a number and an issue date, a document
    issued before Fazhi, registered as issued (已印发) or, with a publication date, as
    published (已公布) with its filing due date and validity worked out."""
    data = {**data}
    historical = not _blank(data.get("doc_number")) or not _blank(data.get("issued_on"))
    if not historical:
        for name in ISSUE_FIELDS:
            if name in data and not _blank(data[name]):
                raise RuleError("起草中的文件没有文号和印发日期；印发、公布、备案请在文件页面逐项办理",
                                code="draft_has_issue_fields")  # fmt: skip
        data.update(status=S.DRAFTING)
        return create_record(NormativeDocument, actor=actor, data=data)
    return _register_historical(actor, data)


def _register_historical(actor: Any, data: dict[str, Any]) -> NormativeDocument:
    if _blank(data.get("doc_number")) or _blank(data.get("issued_on")):
        raise RuleError("补录已印发的文件须同时填写文号和印发日期", code="historical_incomplete")
    today = timezone.localdate()
    for name, label in (
        ("issued_on", "印发日期"),
        ("published_on", "公布日期"),
        ("filed_on", "报送备案日期"),
    ):
        if data.get(name) and data[name] > today:
            raise RuleError(f"{label}不能晚于今天", code="date_in_future")
    if data.get("filed_on") and not data.get("published_on"):
        raise RuleError("未公布的文件不能登记报送备案", code="filing_before_publication")
    unit = data["org_unit"]
    probe = NormativeDocument(org_unit=unit)
    _check_number_free(probe, data["doc_number"])
    policy = DecisionPolicy.for_unit(unit)
    published = data.get("published_on")
    if published:
        if data.get("filed_on") and data["filed_on"] < published:
            raise RuleError("报送备案日期不能早于公布日期", code="filing_before_publication")
        data.update(status=S.PUBLISHED, filing_due_on=filing_due(published, policy))
        data["effective_on"] = data.get("effective_on") or published
        data["valid_until"] = data.get("valid_until") or default_valid_until(published, policy)
    else:
        data.update(status=S.ISSUED)
    doc = create_record(NormativeDocument, actor=actor, data=data)
    steps = [("issue", data["issued_on"], f"补录：文号{data['doc_number']}")]
    if published:
        steps.append(("publish", published, "补录"))
    if data.get("filed_on"):
        steps.append(("file", data["filed_on"], f"补录：备案登记号{data.get('filing_no') or '未填写'}"))
    DocumentStep.objects.bulk_create([
        DocumentStep(document=doc, action=a, label=workflow.ACTION_LABELS[a], on=on, actor=actor, note=note)
        for a, on, note in steps
    ])  # fmt: skip
    return doc


def _stored(obj: Model) -> Model:
    """The record as stored: a validated ModelForm has already copied its data onto the
    instance it was given, so that instance cannot tell what changes."""
    return type(obj).objects.get(pk=obj.pk)


def _differs(obj: Model, data: dict[str, Any]) -> list[str]:
    """The fields of `data` whose value differs from the stored record's."""
    obj = _stored(obj)
    changed = []
    for name, value in data.items():
        field = obj._meta.get_field(name)
        if field.many_to_many:
            continue
        if audit._plain(getattr(obj, field.attname)) != audit._plain(value):
            changed.append(name)
    return changed


@audit.audited
def update_document(doc: NormativeDocument, *, actor: Any, data: dict[str, Any]) -> NormativeDocument:
    """Edit a draft. A document past drafting changes only by its steps (an unchanged
    import row of it is fine, and its data-source note may be corrected)."""
    data = {k: v for k, v in data.items() if k != "status"}
    status = _stored(doc).status
    if status == S.DRAFTING:
        if any(not _blank(data.get(n)) for n in ISSUE_FIELDS if n in data):
            raise RuleError("起草中的文件不能直接填写文号、印发或公布日期；请在文件页面逐项办理",
                            code="draft_has_issue_fields")  # fmt: skip
    else:
        changed = [n for n in _differs(doc, data) if n not in LATE_EDITABLE]
        if changed:
            labels = "、".join(str(doc._meta.get_field(n).verbose_name) for n in changed)
            raise RuleError(f"规范性文件已{workflow.status_label(status)}，不能再修改（{labels}）；"
                            "变更须通过办理环节或重新制定", code="document_locked")  # fmt: skip
    return update_record(doc, actor=actor, data=data)


# -- the steps ------------------------------------------------------------------------------


def _transition(doc: NormativeDocument, action: str, actor: Any, *, on: dt.date, note: str = "",
                changes: dict[str, Any] | None = None, check=None) -> NormativeDocument:  # fmt: skip
    """Move the document by `action` (workflow.TABLE): the permission of its step, scope,
    the row locked, `check(locked_doc)` for the step's own rules, then the record, its
    deadlines, its history row and one audit event, together."""
    step = workflow.STEP_OF[action]
    if not actor.has_perm(workflow.PERMISSIONS[step]):
        raise PermissionDenied(f"您的角色不能对规范性文件“{workflow.STEP_LABELS[step]}”")
    ensure_in_scope(actor, doc)
    item = NormativeDocument.objects.select_for_update().select_related("org_unit").get(pk=doc.pk)
    target = workflow.next_status(item.status, action)
    if check is not None:
        check(item)
    before, after = change_state(item, status=target, changes=changes)
    DocumentStep.objects.create(document=item, action=action, label=workflow.ACTION_LABELS[action], on=on,
                                actor=actor, note=note)  # fmt: skip
    audit.record(actor=actor, action=f"decisions.normativedocument.{workflow.AUDIT_VERBS[action]}", target=item,
                 old=before, new=after, message=note[:500])  # fmt: skip
    return item


def _not_before(on: dt.date, earlier: dt.date | None, what: str) -> None:
    if earlier is not None and on < earlier:
        raise RuleError(f"日期不能早于{what}（{earlier:%Y-%m-%d}）", code="date_out_of_order")


@audit.audited
def open_comment(doc: NormativeDocument, *, actor: Any, starts_on: dt.date, ends_on: dt.date,
                 short_reason: str = "", on: dt.date | None = None) -> NormativeDocument:  # fmt: skip
    """起草中 → 征求意见. The period is at least 30 days (normative_public_comment); a
    shorter one needs its reason, published with the draft."""
    on = action_date(on)
    short_reason = (short_reason or "").strip()
    if starts_on is None or ends_on is None:
        raise RuleError("请填写征求意见的开始和截止日期", code="comment_dates_required")
    if ends_on < starts_on:
        raise RuleError("征求意见截止日期不能早于开始日期", code="comment_dates_order")
    minimum = comment_minimum_end(starts_on)
    version = law.period("normative_public_comment").version_on(starts_on)
    if ends_on < minimum and not short_reason:
        raise RuleError(f"公开征求意见的期限一般不少于{version.describe()}（自{starts_on:%Y-%m-%d}起应至少到"
                        f"{minimum:%Y-%m-%d}）；期限较短的，应当说明理由",
                        law=version.law, article=version.article, code="comment_period_too_short")  # fmt: skip

    def check(item: NormativeDocument) -> None:
        if not item.text.strip():
            raise RuleError("征求意见稿须有正文，门户网站将公布全文", code="text_required")

    note = f"{starts_on:%Y-%m-%d}至{ends_on:%Y-%m-%d}" + (
        f"；期限较短的理由：{short_reason}" if ends_on < minimum else ""
    )
    return _transition(doc, "open_comment", actor, on=on, note=note, check=check, changes={
        "comment_starts_on": starts_on, "comment_ends_on": ends_on,
        "comment_short_reason": short_reason if ends_on < minimum else "",
    })  # fmt: skip


@audit.audited
def close_comment(doc: NormativeDocument, *, actor: Any, on: dt.date | None = None,
                  note: str = "") -> NormativeDocument:  # fmt: skip
    """征求意见 → 起草中, once the period is over, to revise the draft with the comments."""
    on = action_date(on)

    def check(item: NormativeDocument) -> None:
        if item.comment_ends_on and on < item.comment_ends_on:
            raise RuleError(f"征求意见截止日期（{item.comment_ends_on:%Y-%m-%d}）前不能结束征求意见",
                            code="comment_still_open")  # fmt: skip

    count = PublicComment.objects.filter(document=doc).count()
    text = f"收到意见{count}条" + (f"；{note.strip()}" if note and note.strip() else "")
    return _transition(doc, "close_comment", actor, on=on, note=text, check=check)


@audit.audited
def send_review(doc: NormativeDocument, *, actor: Any, reviewer: str = "", requested_on: dt.date | None = None,
                due_on: dt.date | None = None, no_comment_reason: str = "") -> NormativeDocument:  # fmt: skip
    """起草中 → 合法性审核. A document that affects the public must have been open for
    comment, or say why not; the reviewer's due date lies within the town's minimum and
    maximum working days (default: the maximum)."""
    on = action_date(requested_on)
    no_comment_reason = (no_comment_reason or "").strip()
    policy = DecisionPolicy.for_unit(doc.org_unit)
    earliest, latest = review_window(on, policy)
    due = due_on or latest
    if not earliest <= due <= latest:
        raise RuleError(f"合法性审核时间应为{policy.review_min_working_days}至{policy.review_max_working_days}个工作日，"
                        f"审核期限应在{earliest:%Y-%m-%d}至{latest:%Y-%m-%d}之间",
                        law=LEGALITY_REVIEW_OPINION, article=REVIEW_ARTICLE, code="review_window")  # fmt: skip

    def check(item: NormativeDocument) -> None:
        held = item.comment_starts_on is not None and item.comment_ends_on is not None
        if item.affects_public and not held and not (no_comment_reason or item.no_comment_reason.strip()):
            raise RuleError("涉及群众切身利益的规范性文件应当公开征求意见；不公开征求意见的，应当记录理由",
                            law=NORMATIVE_DOCUMENTS_NOTICE, article=COMMENT_ARTICLE, code="comment_required")  # fmt: skip
        if item.comment_ends_on:
            _not_before(on, item.comment_ends_on, "征求意见截止日期")

    changes = {"review_requested_on": on, "review_due_on": due, "reviewer": (reviewer or "").strip() or doc.reviewer,
               "reviewed_on": None, "review_opinion": "", "review_text": ""}  # fmt: skip
    if no_comment_reason:
        changes["no_comment_reason"] = no_comment_reason
    note = f"审核期限{due:%Y-%m-%d}" + (
        f"；不公开征求意见的理由：{no_comment_reason}" if no_comment_reason else ""
    )
    return _transition(doc, "send_review", actor, on=on, note=note, check=check, changes=changes)


@audit.audited
def record_review(doc: NormativeDocument, *, actor: Any, opinion: str, text: str = "", reviewer: str = "",
                  on: dt.date | None = None) -> NormativeDocument:  # fmt: skip
    """合法性审核 → 待集体审议 (合法, 修改后合法) or back to 起草中 (不合法)."""
    on = action_date(on)
    if opinion not in ReviewOpinion.values:
        raise RuleError("请选择审核结论", code="opinion_required")
    text = (text or "").strip()
    if opinion != ReviewOpinion.LAWFUL and not text:
        raise RuleError("审核结论为修改后合法或不合法的，须写明审核意见", code="review_text_required")

    def check(item: NormativeDocument) -> None:
        _not_before(on, item.review_requested_on, "送请审核日期")

    action = "fail_review" if opinion == ReviewOpinion.UNLAWFUL else "pass_review"
    changes = {"reviewed_on": on, "review_opinion": opinion, "review_text": text}
    if reviewer.strip():
        changes["reviewer"] = reviewer.strip()
    note = ReviewOpinion(opinion).label + (f"：{text}" if text else "")
    return _transition(doc, action, actor, on=on, note=note, check=check, changes=changes)


@audit.audited
def deliberate(doc: NormativeDocument, *, actor: Any, meeting: str, on: dt.date | None = None,
               note: str = "") -> NormativeDocument:  # fmt: skip
    """待集体审议 → 审议通过, by a leader, only after a lawful legality review."""
    on = action_date(on)
    meeting = (meeting or "").strip()
    if not meeting:
        raise RuleError("请填写审议会议", code="meeting_required")

    def check(item: NormativeDocument) -> None:
        if item.reviewed_on is None or item.review_opinion not in (
            ReviewOpinion.LAWFUL,
            ReviewOpinion.LAWFUL_WITH_CHANGES,
        ):
            raise RuleError("未经合法性审核或者经审核不合法的规范性文件，不得提交集体审议",
                            law=LEGALITY_REVIEW_OPINION, article=REVIEW_BEFORE_DELIBERATION,
                            code="review_required")  # fmt: skip
        _not_before(on, item.reviewed_on, "合法性审核日期")

    return _transition(doc, "deliberate", actor, on=on, note=f"{meeting}" + (f"：{note}" if note else ""),
                       check=check, changes={"meeting": meeting, "deliberated_on": on,
                                             "deliberation_note": (note or "").strip()})  # fmt: skip


@audit.audited
def send_back(
    doc: NormativeDocument, *, actor: Any, reason: str, on: dt.date | None = None
) -> NormativeDocument:
    """待集体审议 → 起草中: the meeting did not adopt the draft; it is revised and reviewed again."""
    on = action_date(on)
    reason = (reason or "").strip()
    if not reason:
        raise RuleError("退回修改须说明理由", code="reason_required")
    return _transition(doc, "send_back", actor, on=on, note=reason)


@audit.audited
def issue(doc: NormativeDocument, *, actor: Any, doc_number: str, issued_on: dt.date | None = None
          ) -> NormativeDocument:  # fmt: skip
    """审议通过 → 已印发, with its number (文号), unique in the town."""
    on = action_date(issued_on)
    doc_number = (doc_number or "").strip()
    if not doc_number:
        raise RuleError("印发须填写文号", code="doc_number_required")

    def check(item: NormativeDocument) -> None:
        _not_before(on, item.deliberated_on, "审议日期")
        _check_number_free(item, doc_number)

    return _transition(doc, "issue", actor, on=on, note=f"文号{doc_number}", check=check,
                       changes={"doc_number": doc_number, "issued_on": on})  # fmt: skip


@audit.audited
def publish(doc: NormativeDocument, *, actor: Any, published_on: dt.date | None = None,
            effective_on: dt.date | None = None, valid_until: dt.date | None = None,
            filing_authority: str = "") -> NormativeDocument:  # fmt: skip
    """已印发 → 已公布: the text appears on the portal; record filing falls due after the
    town's filing days, and the validity runs the town's years unless the document says."""
    on = action_date(published_on)
    policy = DecisionPolicy.for_unit(doc.org_unit)

    def check(item: NormativeDocument) -> None:
        _not_before(on, item.issued_on, "印发日期")
        if not item.text.strip():
            raise RuleError("公布的规范性文件须有正文", code="text_required")

    changes = {"published_on": on, "effective_on": effective_on or on,
               "valid_until": valid_until or default_valid_until(on, policy), "filing_due_on": filing_due(on, policy)}  # fmt: skip
    if (filing_authority or "").strip():
        changes["filing_authority"] = filing_authority.strip()
    note = f"报送备案期限{changes['filing_due_on']:%Y-%m-%d}；有效期至{changes['valid_until']:%Y-%m-%d}"
    return _transition(doc, "publish", actor, on=on, note=note, check=check, changes=changes)


@audit.audited
def record_filing(doc: NormativeDocument, *, actor: Any, filed_on: dt.date | None = None, filing_no: str = "",
                  filing_authority: str = "") -> NormativeDocument:  # fmt: skip
    """Record that the published document was sent for record filing (报送备案); a late
    filing is recorded too, and shows as 逾期备案."""
    on = action_date(filed_on)

    def check(item: NormativeDocument) -> None:
        if item.filed_on is not None:
            raise RuleError(f"该文件已于{item.filed_on:%Y-%m-%d}报送备案", code="already_filed")
        _not_before(on, item.published_on, "公布日期")
        if not ((filing_authority or "").strip() or item.filing_authority):
            raise RuleError("请填写备案机关", code="filing_authority_required")

    changes = {"filed_on": on, "filing_no": (filing_no or "").strip()}
    if (filing_authority or "").strip():
        changes["filing_authority"] = filing_authority.strip()
    late = doc.filing_due_on is not None and on > doc.filing_due_on
    number = f"备案登记号{changes['filing_no']}" if changes["filing_no"] else ""
    note = number + ("（逾期报送）" if late else "")
    return _transition(doc, "file", actor, on=on, note=note, check=check, changes=changes)


@audit.audited
def clean_up(doc: NormativeDocument, *, actor: Any, outcome: str, reason: str, on: dt.date | None = None,
             valid_until: dt.date | None = None) -> NormativeDocument:  # fmt: skip
    """A clean-up review of a published document (评估清理): keep it (optionally with a
    new validity), mark it for amendment, or repeal it (已废止, ended that day)."""
    on = action_date(on)
    reason = (reason or "").strip()
    if outcome not in CleanupOutcome.values:
        raise RuleError("请选择清理结论", code="outcome_required")
    if not reason:
        raise RuleError("请填写清理理由", code="reason_required")
    changes: dict[str, Any] = {}
    if outcome == CleanupOutcome.REPEAL:
        changes = {"ended_on": on, "end_reason": reason}
    elif outcome == CleanupOutcome.KEEP and valid_until is not None:
        changes = {"valid_until": valid_until}

    def check(item: NormativeDocument) -> None:
        _not_before(on, item.published_on, "公布日期")
        if "valid_until" in changes and item.valid_until and valid_until <= item.valid_until:
            raise RuleError("继续有效的，新的有效期应晚于原有效期", code="valid_until_not_later")

    item = _transition(doc, outcome, actor, on=on, note=f"{CleanupOutcome(outcome).label}：{reason}", check=check,
                       changes=changes)  # fmt: skip
    DocumentCleanup.objects.create(document=item, on=on, outcome=outcome, reason=reason, actor=actor)
    return item


@audit.audited
def abandon(
    doc: NormativeDocument, *, actor: Any, reason: str, on: dt.date | None = None
) -> NormativeDocument:
    """Stop drafting (终止制定) before the document is issued."""
    on = action_date(on)
    reason = (reason or "").strip()
    if not reason:
        raise RuleError("终止制定须说明理由", code="reason_required")
    return _transition(
        doc, "abandon", actor, on=on, note=reason, changes={"ended_on": on, "end_reason": reason}
    )


def take_step(doc: NormativeDocument, step: str, *, actor: Any, data: dict[str, Any]) -> NormativeDocument:
    """Take one step by its name (workflow.STEP_LABELS), as the page and the API do, with
    the cleaned data of the step's form (forms/normative.STEP_FORMS)."""
    d = data
    steps = {
        "open_comment": lambda: open_comment(doc, actor=actor, starts_on=d.get("starts_on"), ends_on=d.get("ends_on"),
                                             short_reason=d.get("short_reason", "")),
        "close_comment": lambda: close_comment(doc, actor=actor, on=d.get("on"), note=d.get("note", "")),
        "send_review": lambda: send_review(doc, actor=actor, reviewer=d.get("reviewer", ""),
                                           requested_on=d.get("on"), due_on=d.get("due_on"),
                                           no_comment_reason=d.get("no_comment_reason", "")),
        "record_review": lambda: record_review(doc, actor=actor, opinion=d.get("opinion", ""),
                                               text=d.get("text", ""), reviewer=d.get("reviewer", ""),
                                               on=d.get("on")),
        "deliberate": lambda: deliberate(doc, actor=actor, meeting=d.get("meeting", ""), on=d.get("on"),
                                         note=d.get("note", "")),
        "send_back": lambda: send_back(doc, actor=actor, reason=d.get("reason", ""), on=d.get("on")),
        "issue": lambda: issue(doc, actor=actor, doc_number=d.get("doc_number", ""), issued_on=d.get("on")),
        "publish": lambda: publish(doc, actor=actor, published_on=d.get("on"), effective_on=d.get("effective_on"),
                                   valid_until=d.get("valid_until"), filing_authority=d.get("filing_authority", "")),
        "file": lambda: record_filing(doc, actor=actor, filed_on=d.get("on"), filing_no=d.get("filing_no", ""),
                                      filing_authority=d.get("filing_authority", "")),
        "cleanup": lambda: clean_up(doc, actor=actor, outcome=d.get("outcome", ""), reason=d.get("reason", ""),
                                    on=d.get("on"), valid_until=d.get("valid_until")),
        "abandon": lambda: abandon(doc, actor=actor, reason=d.get("reason", ""), on=d.get("on")),
    }  # fmt: skip
    if step not in steps:
        raise RuleError("未知的办理环节", code="unknown_step")
    return steps[step]()


# -- public comments ----------------------------------------------------------------------


def participation_step(decision: MajorDecision) -> DecisionStep | None:
    return decision.steps.filter(code="public_participation").first()


def comment_window_open(subject: NormativeDocument | MajorDecision, today: dt.date | None = None) -> bool:
    """Whether the public may comment on `subject` today: a draft in public comment, or a
    major decision whose public participation step is under way, the window including today."""
    today = today or timezone.localdate()
    if isinstance(subject, NormativeDocument):
        starts, ends = subject.comment_starts_on, subject.comment_ends_on
        return subject.status == S.COMMENTING and bool(starts and ends) and starts <= today <= ends
    step = participation_step(subject)
    return (
        step is not None
        and step.state == StepState.STARTED
        and step.comment_starts_on is not None
        and step.comment_ends_on is not None
        and step.comment_starts_on <= today <= step.comment_ends_on
    )


def _subject_fields(subject: NormativeDocument | MajorDecision) -> dict[str, Any]:
    if isinstance(subject, NormativeDocument):
        return {"document": subject, "decision": None}
    return {"document": None, "decision": subject}


@audit.audited
def submit_portal_comment(subject: NormativeDocument | MajorDecision, *, content: str, commenter: str = "",
                          contact: str = "", on: dt.date | None = None) -> PublicComment:  # fmt: skip
    """A comment from the portal's 意见征集 page, while the window is open. The audit event
    has no actor; it keeps the comment's length and whether a contact was left, not the
    text or the contact (the audit record is append-only)."""
    on = on or timezone.localdate()
    if not comment_window_open(subject, on):
        raise RuleError("该事项不在公开征求意见期间，不能提交意见", code="comment_closed")
    content = (content or "").strip()
    if not COMMENT_MIN_CHARS <= len(content) <= COMMENT_MAX_CHARS:
        raise RuleError(f"意见内容应为{COMMENT_MIN_CHARS}至{COMMENT_MAX_CHARS}个字", code="comment_length")
    comment = PublicComment(org_unit_id=subject.org_unit_id, channel=CommentChannel.PORTAL, received_on=on,
                            commenter=(commenter or "").strip(), contact=(contact or "").strip(), content=content,
                            **_subject_fields(subject))  # fmt: skip
    clean_record(comment)
    comment.save()
    audit.record(actor=None, action="decisions.publiccomment.created", target=comment, new={
        "channel": CommentChannel.PORTAL.value, "subject": subject._meta.model_name, "subject_id": subject.pk,
        "content_chars": len(content), "commenter_given": bool(comment.commenter), "contact_given": bool(comment.contact),
    })  # fmt: skip
    return comment


# Staff may register comments received any other way; a portal comment keeps what the
# public wrote, and only its adoption and the answer change.
PORTAL_EDITABLE = {"adopted", "response"}


@audit.audited
def register_comment(*, actor: Any, data: dict[str, Any]) -> PublicComment:
    """A comment received by letter, e-mail, at a meeting or a hearing, registered by staff."""
    data = {**data}
    if data.get("channel") == CommentChannel.PORTAL:
        raise RuleError(
            "门户网站的意见由公众在门户网站提交，工作人员登记请选择其他渠道", code="portal_channel"
        )
    subject = data.get("document") or data.get("decision")
    if subject is None:
        raise RuleError("请选择意见针对的规范性文件或重大行政决策", code="subject_required")
    if data.get("received_on") and data["received_on"] > timezone.localdate():
        raise RuleError("收到日期不能晚于今天", code="date_in_future")
    data["org_unit"] = subject.org_unit
    return create_record(PublicComment, actor=actor, data=data)


@audit.audited
def update_comment(comment: PublicComment, *, actor: Any, data: dict[str, Any]) -> PublicComment:
    """Edit a comment: the adoption and its explanation; a staff-registered one also its
    other fields. The subject, and so the unit, does not change."""
    data = {k: v for k, v in data.items() if k != "org_unit"}
    stored = _stored(comment)
    if stored.channel == CommentChannel.PORTAL:
        changed = [n for n in _differs(comment, data) if n not in PORTAL_EDITABLE]
        if changed:
            raise RuleError(
                "门户网站收到的意见只能登记是否采纳及说明，不能修改意见本身", code="portal_comment_locked"
            )
    elif data.get("channel") == CommentChannel.PORTAL:
        raise RuleError("工作人员登记的意见不能改为门户网站渠道", code="portal_channel")
    for name in ("document", "decision"):
        if name in data and audit._plain(data[name]) != audit._plain(getattr(stored, f"{name}_id")):
            raise RuleError("意见针对的事项不能修改；登记错了请另行登记", code="subject_locked")
    return update_record(comment, actor=actor, data=data)
