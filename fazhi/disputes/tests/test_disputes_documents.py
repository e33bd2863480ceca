"""The mediation agreement (人民调解协议书): generated from its editable template for a
dispute resolved with a written agreement, stored, numbered and audited; it opens with
python-docx and carries the parties in full, the terms and the committee."""

import datetime as dt
import io

import pytest
from django.core.exceptions import PermissionDenied
from docx import Document

from fazhi.core import documents as core_documents
from fazhi.core.models import AuditEvent, GeneratedDocument
from fazhi.core.tests.factories import login
from fazhi.disputes import documents
from fazhi.disputes.actions import disputes as actions
from fazhi.disputes.choices import AgreementForm, DisputeStatus
from fazhi.disputes.documents import build_templates
from fazhi.disputes.tests.factories_disputes import advance, make_dispute, mediator_account, party
from fazhi.law import RuleError

pytestmark = pytest.mark.django_db


def _text(data: bytes) -> str:
    doc = Document(io.BytesIO(data))
    return "\n".join(p.text for p in doc.paragraphs)


def _written(town, parties):
    dispute = advance(make_dispute(town, parties=parties), DisputeStatus.MEDIATING)
    return actions.resolve_dispute(dispute, actor=mediator_account(town), agreement_form=AgreementForm.WRITTEN,
                                   agreement_text="一、张三于2023年3月31日前赔偿李四修缮费1200元。\n二、双方今后友好相处。",
                                   confirmation_wanted=True, on=dt.date(2023, 3, 8))  # fmt: skip


def test_the_agreement_carries_the_parties_the_terms_and_the_committee(town_a):
    one, two = party(name="张三"), party(name="李四", address="重庆市云阳县江口镇团滩村3组8号")
    dispute = _written(town_a, [one, two])
    doc = documents.generate_agreement(dispute, actor=mediator_account(town_a))
    assert doc.doc_number == dispute.number and doc.kind == "mediation_agreement"
    text = _text(core_documents.verified_bytes(doc))
    assert "人民调解协议书" in text and f"编号：{dispute.number}" in text
    assert "当事人1：张三" in text and one["resident_id"] in text and "当事人2：李四" in text
    assert "重庆市云阳县江口镇团滩村3组8号" in text
    assert "张三于2023年3月31日前赔偿李四修缮费1200元" in text and "双方今后友好相处" in text
    assert dispute.committee.name in text and "2023年4月7日前" in text
    assert AuditEvent.objects.filter(action="core.document.generated", target_id=str(doc.pk)).exists()


def test_an_oral_agreement_has_no_agreement_document(town_a):
    dispute = advance(make_dispute(town_a), DisputeStatus.MEDIATING)
    dispute = actions.resolve_dispute(dispute, actor=mediator_account(town_a), agreement_form=AgreementForm.ORAL,
                                      agreement_text="双方口头约定互不追究", on=dt.date(2023, 3, 8))  # fmt: skip
    with pytest.raises(RuleError) as exc:
        documents.generate_agreement(dispute, actor=mediator_account(town_a))
    assert exc.value.code == "no_written_agreement"


def test_only_those_who_mediate_generate_it(town_a, officer_town_a):
    dispute = _written(town_a, [party()])
    with pytest.raises(PermissionDenied):
        documents.generate_agreement(dispute, actor=officer_town_a)


def test_the_dispute_page_generates_it_and_hands_it_over(client, town_a):
    dispute = _written(town_a, [party()])
    login(client, mediator_account(town_a))
    assert "生成人民调解协议书" in client.get(dispute.get_absolute_url()).content.decode()
    r = client.post(f"/disputes/disputes/{dispute.pk}/agreement/")
    doc = GeneratedDocument.objects.get()
    assert r.status_code == 302 and r["Location"] == doc.get_absolute_url()
    download = client.get(r["Location"])
    assert download.status_code == 200 and "人民调解协议书" in _text(download.content)


def test_the_template_rebuilds_to_the_same_bytes(tmp_path):
    (path,) = build_templates.build(tmp_path)
    assert path.read_bytes() == documents.AGREEMENT_TEMPLATE.read_bytes()


def test_only_those_who_mediate_download_it(client, town_a, officer_town_a):
    """The agreement carries the parties' ID numbers: seeing the dispute is not enough."""
    dispute = _written(town_a, [party()])
    doc = documents.generate_agreement(dispute, actor=mediator_account(town_a))
    login(client, officer_town_a)
    assert client.get(doc.get_absolute_url()).status_code == 403
