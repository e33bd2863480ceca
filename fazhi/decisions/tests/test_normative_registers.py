"""The registers of normative documents and public comments: the register contract,
the document's page and its steps, filters, masking and the Excel ledger."""

import datetime as dt
import io

import pytest
from openpyxl import load_workbook

from fazhi.core.models import AuditEvent
from fazhi.core.tests.factories import login, user_with_role, xlsx_bytes
from fazhi.core.tests.register_contract import RegisterContract
from fazhi.decisions.actions import normative as actions
from fazhi.decisions.choices import CommentChannel, DocumentStatus
from fazhi.decisions.definitions.normative import comments, documents
from fazhi.decisions.models import NormativeDocument, PublicComment
from fazhi.decisions.tests.factories_normative import (
    days_ago,
    leader_of,
    make_commenting,
    make_draft,
    make_historical,
    make_published,
    office_of,
)

PHONE = "13812345678"


def make_comment(doc, *, contact=PHONE, **extra) -> PublicComment:
    return actions.register_comment(actor=office_of(doc.org_unit), data={
        "document": doc, "channel": CommentChannel.LETTER, "received_on": days_ago(1), "commenter": "王先生",
        "contact": contact, "content": "建议延长征求意见期限。", **extra,
    })  # fmt: skip


class TestDocumentsRegister(RegisterContract):
    register = documents

    def make(self, town, n):
        from fazhi.core.models import Post

        post, _ = Post.objects.get_or_create(org_unit=town, code="PA-04", defaults={"name": "法治建设岗"})
        return [make_draft(town, drafting_post=post) if i % 2 else make_historical(town) for i in range(n)]


class TestCommentsRegister(RegisterContract):
    register = comments

    def make(self, town, n):
        doc = make_commenting(town)
        return [make_comment(doc) for _ in range(n)]


pytestmark = pytest.mark.django_db


def test_the_overdue_filings_are_listed(client, town_a):
    overdue = make_published(town_a, published_on=days_ago(40))
    make_published(town_a, published_on=days_ago(5))
    make_published(town_a, published_on=days_ago(40), filed_on=days_ago(20))
    login(client, office_of(town_a))
    r = client.get(documents.url("list"), {"filing": "overdue"})
    assert [obj.pk for obj, _ in r.context["rows"]] == [overdue.pk]
    assert "逾期未备案" in r.content.decode()
    r = client.get(documents.url("list"), {"filing": "pending"})
    assert r.context["page"].paginator.count == 1


def test_documents_filter_by_status_and_year_published(client, town_a):
    old = make_historical(town_a, published_on=dt.date(2023, 6, 1))
    make_draft(town_a)
    login(client, office_of(town_a))
    r = client.get(documents.url("list"), {"year": 2023})
    assert [obj.pk for obj, _ in r.context["rows"]] == [old.pk]
    r = client.get(documents.url("list"), {"status": DocumentStatus.DRAFTING})
    assert r.context["page"].paginator.count == 1


def test_the_document_page_shows_steps_comments_filing_and_the_users_steps(client, town_a):
    doc = make_commenting(town_a, starts_on=days_ago(40), ends_on=days_ago(5))
    make_comment(doc)
    login(client, office_of(town_a))
    html = client.get(doc.get_absolute_url()).content.decode()
    assert "公开征求意见" in html and "公众意见（1条）" in html
    assert PHONE not in html and "138****5678" in html
    assert 'data-step="close_comment"' in html and 'data-step="deliberate"' not in html
    published = make_published(town_a, published_on=days_ago(40))
    html = client.get(published.get_absolute_url()).content.decode()
    assert "逾期未备案" in html and 'data-step="file"' in html


def test_a_step_is_taken_from_the_page_and_a_refusal_is_shown(client, town_a):
    doc = make_draft(town_a)
    login(client, office_of(town_a))
    url = f"/decisions/documents/{doc.pk}/step/open_comment/"
    today = dt.date.today()
    r = client.post(url, {"starts_on": today.isoformat(), "ends_on": (today + dt.timedelta(days=10)).isoformat()},
                    follow=True)  # fmt: skip
    assert "国办发〔2018〕37号" in r.content.decode()
    assert NormativeDocument.objects.get(pk=doc.pk).status == DocumentStatus.DRAFTING
    r = client.post(
        url, {"starts_on": today.isoformat(), "ends_on": (today + dt.timedelta(days=30)).isoformat()}
    )
    assert r.status_code == 302
    assert NormativeDocument.objects.get(pk=doc.pk).status == DocumentStatus.COMMENTING


def test_another_towns_document_cannot_be_stepped(client, town_a, town_b):
    doc = make_draft(town_b)
    login(client, office_of(town_a))
    r = client.post(f"/decisions/documents/{doc.pk}/step/abandon/", {"reason": "x"})
    assert r.status_code == 404


def test_a_published_document_has_no_edit_button(client, town_a):
    doc = make_published(town_a)
    login(client, office_of(town_a))
    assert client.get(doc.get_absolute_url()).context["can_change"] is False


def test_the_comment_contact_is_masked_in_the_list_and_the_export(client, town_a):
    doc = make_commenting(town_a)
    make_comment(doc)
    make_comment(doc, contact="wang.xiansheng@example.com")
    login(client, office_of(town_a))
    html = client.get(comments.url("list")).content.decode()
    assert PHONE not in html and "138****5678" in html
    assert "wang.xiansheng" not in html and "w***@example.com" in html
    data = client.get(comments.url("export")).content
    cells = [str(c.value) for row in load_workbook(io.BytesIO(data)).active.iter_rows() for c in row]
    assert PHONE not in cells and "138****5678" in cells
    upload = io.BytesIO(data)
    upload.name = "公众意见.xlsx"
    r = client.post(comments.url("import"), {"file": upload})
    assert r.status_code == 302
    assert '"unchanged":2' in AuditEvent.objects.get(action="decisions.publiccomment.imported").new_values
    assert PublicComment.objects.filter(contact=PHONE).count() == 1


def test_the_audit_event_of_a_comment_masks_its_contact(town_a):
    make_comment(make_commenting(town_a))
    event = AuditEvent.objects.get(action="decisions.publiccomment.created")
    assert PHONE not in event.new_values and "138****5678" in event.new_values


def test_staff_register_a_comment_by_letter_on_the_page(client, town_a):
    doc = make_commenting(town_a)
    login(client, office_of(town_a))
    r = client.post(comments.url("create"), {
        "document": doc.pk, "channel": CommentChannel.MEETING, "received_on": days_ago(1).isoformat(),
        "commenter": "村民代表", "contact": "023-55123456", "content": "座谈会上提出的意见。", "adopted": "unknown",
    })  # fmt: skip
    assert r.status_code == 302
    comment = PublicComment.objects.get()
    assert (
        comment.org_unit == town_a and comment.channel == CommentChannel.MEETING and comment.adopted is None
    )


def test_a_staff_comment_needs_one_subject_and_a_valid_contact(client, town_a):
    login(client, office_of(town_a))
    r = client.post(comments.url("create"), {"channel": CommentChannel.LETTER, "received_on": days_ago(1).isoformat(),
                                             "content": "意见内容", "contact": "12345"})  # fmt: skip
    assert r.status_code == 200 and not PublicComment.objects.exists()
    errors = r.context["form"].errors
    assert "document" in errors and "contact" in errors


def test_a_portal_comment_is_edited_only_in_its_adoption(client, town_a):
    doc = make_commenting(town_a)
    comment = actions.submit_portal_comment(doc, content="建议增加公示栏。", contact=PHONE)
    office = office_of(town_a)
    with pytest.raises(Exception) as exc:
        actions.update_comment(comment, actor=office, data={"content": "改过的意见"})
    assert getattr(exc.value, "code", "") == "portal_comment_locked"
    login(client, office)
    r = client.post(comments.url("edit", comment.pk), {"adopted": "true", "response": "已采纳，增加公示栏。",
                                                        "content": "篡改"})  # fmt: skip
    assert r.status_code == 302
    comment.refresh_from_db()
    assert comment.adopted is True and comment.content == "建议增加公示栏。" and comment.contact == PHONE


def _workbook(rows: list[list]) -> io.BytesIO:
    buf = io.BytesIO(xlsx_bytes(rows))
    buf.name = "规范性文件.xlsx"
    return buf


def test_the_import_makes_drafts_and_historical_documents(client, town_a):
    login(client, office_of(town_a))
    headers = [
        "所属单位代码",
        "文件名称",
        "文号",
        "文件正文",
        "印发日期",
        "公布日期",
        "备案机关",
        "报送备案日期",
        "备案登记号",
    ]
    rows = [headers,
            [town_a.code, "江口镇旧规定", "江府发〔2022〕3号", "正文", "2022-05-06", "2022-05-10", "云阳县人民政府",
             "2022-07-01", "云府备2022-8"],
            [town_a.code, "江口镇新办法（草案）", "", "草案正文", "", "", "", "", ""]]  # fmt: skip
    r = client.post(documents.url("import"), {"file": _workbook(rows)})
    assert r.status_code == 302, r.content.decode()[-3000:]
    old = NormativeDocument.objects.get(doc_number="江府发〔2022〕3号")
    assert old.status == DocumentStatus.PUBLISHED and old.filing_due_on == dt.date(2022, 6, 9)
    assert old.filing_state() == "逾期备案" and old.valid_until == dt.date(2027, 5, 10)
    assert NormativeDocument.objects.get(title="江口镇新办法（草案）").status == DocumentStatus.DRAFTING


def test_an_import_row_with_a_filing_but_no_publication_is_refused(client, town_a):
    login(client, office_of(town_a))
    rows = [["所属单位代码", "文件名称", "文号", "印发日期", "报送备案日期"],
            [town_a.code, "江口镇某规定", "江府发〔2022〕4号", "2022-05-06", "2022-07-01"]]  # fmt: skip
    r = client.post(documents.url("import"), {"file": _workbook(rows)})
    assert r.status_code == 400 and not NormativeDocument.objects.exists()


def test_an_exported_ledger_imports_back_unchanged(client, town_a):
    make_draft(town_a)
    make_published(town_a, filed_on=days_ago(1))
    make_historical(town_a)
    login(client, office_of(town_a))
    data = client.get(documents.url("export")).content
    upload = io.BytesIO(data)
    upload.name = "规范性文件.xlsx"
    r = client.post(documents.url("import"), {"file": upload})
    assert r.status_code == 302, r.content.decode()[-3000:]
    assert '"unchanged":3' in AuditEvent.objects.get(action="decisions.normativedocument.imported").new_values


def test_a_leader_sees_the_deliberation_step_and_takes_it(client, town_a):
    from fazhi.decisions.choices import ReviewOpinion
    from fazhi.decisions.tests.factories_normative import make_reviewing, reviewer_of

    doc = actions.record_review(
        make_reviewing(town_a), actor=reviewer_of(town_a), opinion=ReviewOpinion.LAWFUL
    )
    leader = leader_of(town_a)
    login(client, leader)
    html = client.get(doc.get_absolute_url()).content.decode()
    assert 'data-step="deliberate"' in html
    r = client.post(f"/decisions/documents/{doc.pk}/step/deliberate/", {"meeting": "镇政府常务会议"})
    assert r.status_code == 302
    assert NormativeDocument.objects.get(pk=doc.pk).status == DocumentStatus.APPROVED


def test_an_officer_reads_but_takes_no_step(client, town_a):
    doc = make_draft(town_a)
    officer = user_with_role("nd_officer", "officer", town_a)
    login(client, officer)
    r = client.get(doc.get_absolute_url())
    assert r.status_code == 200 and r.context["step_forms"] == []


def test_an_import_row_changing_a_published_document_is_refused(client, town_a):
    doc = make_published(town_a)
    login(client, office_of(town_a))
    wb = load_workbook(io.BytesIO(client.get(documents.url("export")).content))
    ws = wb.active
    ws.cell(row=2, column=[c.value for c in ws[1]].index("文件名称") + 1, value="改过的名称")
    upload = io.BytesIO()
    wb.save(upload)
    upload.seek(0)
    upload.name = "规范性文件.xlsx"
    r = client.post(documents.url("import"), {"file": upload})
    assert r.status_code == 400 and "不能再修改" in r.content.decode()
    doc.refresh_from_db()
    assert doc.title != "改过的名称"
