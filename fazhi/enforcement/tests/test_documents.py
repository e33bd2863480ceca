"""Case documents: the 行政处罚决定书 carries every item of 行政处罚法 第59条, the two
decisions are numbered from the body's sequence, and a document is kept by its
SM3 digest, served only to the case's town, refused when changed, and audited."""

import datetime as dt
import io
from decimal import Decimal

import pytest
from docx import Document

from fazhi.core import documents, sm3
from fazhi.core.models import AuditEvent, DocumentSequence
from fazhi.core.tests.factories import PersonFactory, login, valid_resident_id
from fazhi.core.validators import uscc_check_char
from fazhi.enforcement.choices import (
    Authority,
    BodyKind,
    CaseSource,
    CaseStatus,
    DecisionKind,
    PartyKind,
    PenaltyKind,
    Procedure,
)
from fazhi.enforcement.documents import DOCUMENTS, generate_for_case
from fazhi.enforcement.documents.context import amount_in_words, case_context
from fazhi.enforcement.models import Case, EnforcementBody, LegalReview, Matter, Officer, Party

pytestmark = pytest.mark.django_db

FACTS = "当事人于2023年2月26日在江口镇滨江路占用人行道摆摊销售水果，经责令改正后仍拒不改正。"
ADDRESS = "重庆市云阳县江口镇滨江路8号"
PENALTY_BASIS = "《重庆市市容环境卫生管理条例》第十八条第二款"
USCC = "91500235MA5U3XK0B" + uscc_check_char("91500235MA5U3XK0B")


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "files"


@pytest.fixture
def body(town_a):
    return EnforcementBody.objects.create(
        org_unit=town_a, name="云阳县江口镇人民政府", kind=BodyKind.TOWN, short_code="云江执罚"
    )


@pytest.fixture
def matter(town_a):
    return Matter.objects.create(
        org_unit=town_a, code="JK-003", name="占道经营", violation_basis="《重庆市市容环境卫生管理条例》第十八条",
        penalty_basis=PENALTY_BASIS, penalty_kinds="警告、罚款", authority=Authority.STATUTORY,
    )  # fmt: skip


@pytest.fixture
def party(town_a):
    return Party.objects.create(
        org_unit=town_a, kind=PartyKind.INDIVIDUAL, name="张大山", resident_id=valid_resident_id(),
        phone="13800001111", address=ADDRESS,
    )  # fmt: skip


@pytest.fixture
def officers(town_a):
    made = []
    for i, name in enumerate(("陈执法", "刘执法"), start=1):
        person = PersonFactory(org_unit=town_a, name=name)
        made.append(Officer.objects.create(
            org_unit=town_a, person=person, certificate_no=f"5002351300{i}", issuer="重庆市人民政府",
            valid_from=dt.date(2022, 1, 1), valid_to=dt.date(2027, 12, 31),
        ))  # fmt: skip
    return made


@pytest.fixture
def make_case(town_a, officer_town_a, body, matter, party, officers):
    def make(**extra) -> Case:
        values = dict(
            org_unit=town_a, procedure=Procedure.ORDINARY, authority=Authority.STATUTORY, body=body,
            matter=matter, party=party, status=CaseStatus.DECIDED, source=CaseSource.INSPECTION, facts=FACTS,
            place="江口镇滨江路", occurred_on=dt.date(2023, 2, 26), discovered_on=dt.date(2023, 2, 26),
            filed_on=dt.date(2023, 2, 27), handler=officer_town_a, created_by=officer_town_a,
            notified_on=dt.date(2023, 3, 6), defence_until=dt.date(2023, 3, 13),
            decision_kind=DecisionKind.PENALTY, penalty_kind=PenaltyKind.FINE, fine=Decimal("500"),
            decided_on=dt.date(2023, 3, 20),
        )  # fmt: skip
        values.update(extra)
        case = Case.objects.create(**values)
        case.officers.set(officers)
        return case

    return make


@pytest.fixture
def case(make_case):
    return make_case()


def _text(doc) -> str:
    """All paragraph and table text of a stored document."""
    d = Document(io.BytesIO(documents.verified_bytes(doc)))
    parts = [p.text for p in d.paragraphs]
    for table in d.tables:
        parts += [cell.text for row in table.rows for cell in row.cells]
    return "\n".join(parts)


# -- 第59条 -------------------------------------------------------------------------


def test_the_decision_carries_every_item_of_article_59(case, officer_town_a):
    text = _text(generate_for_case(case, "decision", actor=officer_town_a))
    # (一) the party's name and address (and the full ID number: the decision is not a public page)
    assert "张大山" in text and ADDRESS in text and case.party.resident_id in text
    # (二) the facts and the evidence
    assert FACTS in text and "证据" in text
    # (三) the penalty and its basis
    assert "罚款" in text and PENALTY_BASIS in text
    assert "500元" in text and "伍佰元整" in text
    # (四) how and by when to comply
    assert "自收到本决定书之日起十五日内" in text and "指定的银行" in text
    # (五) how and within what time to seek reconsideration or sue
    assert "六十日内向云阳县人民政府申请行政复议" in text
    assert "六个月内直接向云阳县人民法院提起行政诉讼" in text
    # (六) the deciding body and the date
    assert "云阳县江口镇人民政府" in text and "2023年3月20日" in text


def test_the_decision_is_numbered_from_the_bodys_sequence(make_case, officer_town_a):
    first = generate_for_case(make_case(), "decision", actor=officer_town_a)
    second = generate_for_case(make_case(), "decision", actor=officer_town_a)
    assert first.doc_number == "云江执罚〔2023〕1号"
    assert second.doc_number == "云江执罚〔2023〕2号"
    assert "云江执罚〔2023〕1号" in _text(first)
    assert first.title == "行政处罚决定书"


def test_a_decided_case_keeps_its_own_number_and_takes_none(make_case, officer_town_a, body):
    doc = generate_for_case(make_case(decision_no="云江执罚〔2023〕7号"), "decision", actor=officer_town_a)
    assert doc.doc_number == "云江执罚〔2023〕7号"
    assert not DocumentSequence.objects.filter(scheme=f"{body.pk}:decision").exists()


def test_regenerating_an_undecided_cases_decision_reuses_its_number(make_case, officer_town_a):
    case = make_case()
    first = generate_for_case(case, "decision", actor=officer_town_a)
    again = generate_for_case(case, "decision", actor=officer_town_a)
    assert first.doc_number == again.doc_number == "云江执罚〔2023〕1号"
    case.refresh_from_db()
    assert case.decision_no == ""  # the case itself is numbered by decide_case, not here


def test_summary_and_ordinary_decisions_share_one_run_of_numbers(make_case, officer_town_a):
    summary = make_case(procedure=Procedure.SUMMARY, fine=Decimal("50"))
    on_spot = generate_for_case(summary, "summary_decision", actor=officer_town_a)
    ordinary = generate_for_case(make_case(), "decision", actor=officer_town_a)
    assert (on_spot.doc_number, ordinary.doc_number) == ("云江执罚〔2023〕1号", "云江执罚〔2023〕2号")
    text = _text(on_spot)
    assert "当场行政处罚决定书" in text and "伍拾元整" in text
    assert "陈执法（执法证号：50023513001）" in text


def test_forms_other_than_decisions_have_no_number(case, officer_town_a):
    doc = generate_for_case(case, "service_receipt", actor=officer_town_a)
    assert doc.doc_number == ""
    assert not DocumentSequence.objects.exists()


def test_the_service_receipt_cites_the_number_the_decision_took(case, officer_town_a):
    decision = generate_for_case(case, "decision", actor=officer_town_a)
    receipt = generate_for_case(case, "service_receipt", actor=officer_town_a)
    assert f"行政处罚决定书（{decision.doc_number}）" in _text(receipt)
    assert DocumentSequence.objects.get().last == 1


def test_every_kind_renders_with_the_cases_values(case, officer_town_a, reviewer):
    LegalReview.objects.create(case=case, reviewer=reviewer, opinion="事实清楚，证据确凿，适用依据正确，程序合法。",
                               passed=True, reviewed_on=dt.date(2023, 3, 3))  # fmt: skip
    case.decision_no = "云江执罚〔2023〕3号"
    case.save()
    for kind, spec in DOCUMENTS.items():
        doc = generate_for_case(case, kind, actor=officer_town_a)
        text = _text(doc)
        assert spec.title in text and "张大山" in text, kind
        assert "{{" not in text and "{%" not in text, kind
    review = _text(case_documents(case, "legal_review"))
    assert "事实清楚，证据确凿" in review and "李审核" in review and "审核通过" in review
    assert "云江执罚〔2023〕3号" in _text(case_documents(case, "service_receipt"))


def case_documents(case, kind):
    from fazhi.core.models import GeneratedDocument

    return GeneratedDocument.objects.filter(object_id=str(case.pk), kind=kind).latest("id")


def test_an_organisation_party_shows_its_credit_code_and_representative(make_case, officer_town_a, town_a):
    firm = Party.objects.create(org_unit=town_a, kind=PartyKind.ORGANISATION, name="云阳县江口示例有限公司",
                                uscc=USCC, legal_representative="王经理",
                                address=ADDRESS)  # fmt: skip
    context = case_context(make_case(party=firm))
    assert context["party_id_label"] == "统一社会信用代码"
    assert context["party_id_number"] == firm.uscc
    assert context["party_you"] == "你单位"
    text = _text(generate_for_case(make_case(party=firm), "decision", actor=officer_town_a))
    assert "法定代表人（负责人）：王经理" in text


def test_an_individual_has_no_representative_line(case, officer_town_a):
    assert "法定代表人" not in _text(generate_for_case(case, "decision", actor=officer_town_a))


def test_text_with_markup_characters_is_escaped(make_case, officer_town_a):
    case = make_case(facts="当事人在<店外>摆放货架&遮阳棚。")
    assert "当事人在<店外>摆放货架&遮阳棚。" in _text(
        generate_for_case(case, "decision", actor=officer_town_a)
    )


def test_another_towns_officer_cannot_generate(case, officer_town_b):
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        generate_for_case(case, "decision", actor=officer_town_b)


# -- storage, download, audit ---------------------------------------------------------


def test_the_stored_file_matches_the_recorded_sm3(case, officer_town_a):
    doc = generate_for_case(case, "decision", actor=officer_town_a)
    data = documents.stored_path(doc.sm3).read_bytes()
    assert sm3.sm3_hex(data) == doc.sm3 and len(data) == doc.size
    assert doc.org_unit_id == case.org_unit_id and doc.object_id == str(case.pk)
    event = AuditEvent.objects.get(action="core.document.generated", target_id=str(doc.pk))
    assert doc.sm3 in event.new_values and "decision" in event.new_values


def test_download_serves_the_docx_as_an_attachment_and_is_audited(client, case, officer_town_a):
    doc = generate_for_case(case, "decision", actor=officer_town_a)
    login(client, officer_town_a)
    r = client.get(doc.get_absolute_url())
    assert r.status_code == 200
    assert r["Content-Disposition"].startswith("attachment")
    assert "docx" in r["Content-Disposition"] and r["X-Content-Type-Options"] == "nosniff"
    assert r.content == documents.stored_path(doc.sm3).read_bytes()
    assert AuditEvent.objects.filter(action="core.document.downloaded", target_id=str(doc.pk)).count() == 1


def test_a_tampered_document_is_refused_with_409(client, case, officer_town_a):
    doc = generate_for_case(case, "decision", actor=officer_town_a)
    path = documents.stored_path(doc.sm3)
    path.chmod(0o640)
    path.write_bytes(path.read_bytes().replace(b"word/", b"WORD/", 1))
    login(client, officer_town_a)
    r = client.get(doc.get_absolute_url())
    assert r.status_code == 409 and "篡改" in r.content.decode()
    assert AuditEvent.objects.filter(action="core.document.tamper_detected", result="failure").exists()
    assert not AuditEvent.objects.filter(action="core.document.downloaded").exists()


def test_another_towns_user_gets_404(client, case, officer_town_a, officer_town_b):
    doc = generate_for_case(case, "decision", actor=officer_town_a)
    login(client, officer_town_b)
    assert client.get(doc.get_absolute_url()).status_code == 404
    assert client.get(doc.get_absolute_url() + "?format=pdf").status_code == 404


def test_pdf_download_without_libreoffice_is_404_with_a_chinese_message(client, case, officer_town_a,
                                                                       monkeypatch):  # fmt: skip
    monkeypatch.setattr(documents, "libreoffice", lambda: None)
    doc = generate_for_case(case, "decision", actor=officer_town_a)
    login(client, officer_town_a)
    r = client.get(doc.get_absolute_url() + "?format=pdf")
    assert r.status_code == 404 and "LibreOffice" in r.content.decode() and "Word" in r.content.decode()


@pytest.mark.skipif(documents.libreoffice() is None, reason="LibreOffice (soffice) is not installed")
def test_pdf_download_with_libreoffice(client, case, officer_town_a):
    doc = generate_for_case(case, "decision", actor=officer_town_a)
    login(client, officer_town_a)
    r = client.get(doc.get_absolute_url() + "?format=pdf")
    assert r.status_code == 200 and r["Content-Type"] == "application/pdf"
    assert r.content.startswith(b"%PDF")
    assert AuditEvent.objects.filter(action="core.document.downloaded", new_values__contains="pdf").exists()


# -- amounts in words -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("amount", "words"),
    [("200", "贰佰元整"), ("133.50", "壹佰叁拾叁元伍角"), ("0.05", "伍分"), ("0.5", "伍角"), ("0", "零元整"),
     ("100.05", "壹佰元零伍分"), ("1.01", "壹元零壹分"), ("15", "壹拾伍元整"), ("1005", "壹仟零伍元整"),
     ("1010", "壹仟零壹拾元整"), ("10500", "壹万零伍佰元整"), ("20030", "贰万零叁拾元整"),
     ("100000", "壹拾万元整"), ("101000", "壹拾万壹仟元整"), ("3000.5", "叁仟元伍角"),
     ("1234567.89", "壹佰贰拾叁万肆仟伍佰陆拾柒元捌角玖分"), ("100000001", "壹亿零壹元整"),
     ("10000500", "壹仟万零伍佰元整")],
)  # fmt: skip
def test_amount_in_words(amount, words):
    assert amount_in_words(Decimal(amount)) == words


def test_a_negative_amount_has_no_words():
    with pytest.raises(ValueError, match="负数"):
        amount_in_words(Decimal("-1"))


def test_a_decision_with_a_case_code_prints_it_with_the_public_address(case, officer_town_a, settings):
    settings.FAZHI_PUBLIC_URL = "https://fazhi.example.gov.cn"
    case.access_code = "ABCD2345EFGH"
    case.save(update_fields=["access_code"])
    text = _text(generate_for_case(case, "decision", actor=officer_town_a))
    assert "本案行政行为码：ABCD2345EFGH" in text
    assert "https://fazhi.example.gov.cn/portal/case/" in text


def test_a_decision_without_a_case_code_prints_no_code_line(case, officer_town_a):
    case.access_code = ""
    case.save(update_fields=["access_code"])
    assert "行政行为码" not in _text(generate_for_case(case, "decision", actor=officer_town_a))
