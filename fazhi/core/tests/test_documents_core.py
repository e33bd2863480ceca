"""The generic document machinery: numbering under a lock, rendering, storage by
SM3 digest, verification on read, PDF conversion and the permission-checked download."""

import io

import pytest
from docx import Document

from fazhi.core import documents, sm3
from fazhi.core.files import FileTampered
from fazhi.core.models import AuditEvent, DocumentSequence, GeneratedDocument, User
from fazhi.core.tests.factories import PersonFactory, login

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "files"


@pytest.fixture
def template(tmp_path):
    doc = Document()
    doc.add_paragraph("姓名：{{ name }}")
    doc.add_paragraph("事由：{{ reason }}")
    path = tmp_path / "t.docx"
    doc.save(str(path))
    return path


@pytest.fixture
def person(town_a):
    return PersonFactory(org_unit=town_a, name="王小明")


def _paragraphs(data: bytes) -> list[str]:
    return [p.text for p in Document(io.BytesIO(data)).paragraphs]


def _generate(person, template, actor, reason="测试"):
    return documents.generate(
        person, kind="test", title="测试文书", template=template, context={"name": person.name, "reason": reason},
        actor=actor, doc_number="测〔2024〕1号",
    )  # fmt: skip


# -- numbering -----------------------------------------------------------------------


def test_numbers_run_from_one_per_scheme_and_year():
    assert [documents.next_number("1:decision", 2023) for _ in range(3)] == [1, 2, 3]
    assert documents.next_number("1:decision", 2024) == 1
    assert documents.next_number("2:decision", 2023) == 1
    assert DocumentSequence.objects.get(scheme="1:decision", year=2023).last == 3


def test_a_sequence_created_by_a_concurrent_writer_is_used_not_duplicated(monkeypatch):
    """The row did not exist when we looked, another writer created it before our
    insert: our insert fails on the unique constraint and we lock theirs."""
    real = DocumentSequence.objects.select_for_update
    calls = []

    def first_look_misses():
        calls.append(1)
        return DocumentSequence.objects.none() if len(calls) == 1 else real()

    DocumentSequence.objects.create(scheme="9:decision", year=2023, last=5)
    monkeypatch.setattr(DocumentSequence.objects, "select_for_update", first_look_misses)
    assert documents.next_number("9:decision", 2023) == 6
    assert DocumentSequence.objects.filter(scheme="9:decision").count() == 1


# -- rendering and storage --------------------------------------------------------------


def test_render_fills_the_template_and_escapes_markup(template):
    data = documents.render_docx(template, {"name": "A&B<公司>", "reason": "x"})
    assert _paragraphs(data) == ["姓名：A&B<公司>", "事由：x"]


def test_the_same_values_render_to_the_same_bytes(template):
    context = {"name": "王小明", "reason": "测试"}
    assert documents.render_docx(template, context) == documents.render_docx(template, context)


def test_generate_stores_by_digest_records_the_row_and_audits(person, template, officer_town_a):
    doc = _generate(person, template, officer_town_a)
    path = documents.stored_path(doc.sm3)
    assert path.parent.parent.parent.name == "documents"
    assert path.name == f"{doc.sm3}.docx" and path.parent.name == doc.sm3[2:4]
    data = path.read_bytes()
    assert sm3.sm3_hex(data) == doc.sm3 and doc.size == len(data)
    assert _paragraphs(data)[0] == "姓名：王小明"
    assert (doc.org_unit_id, doc.object_id, doc.created_by) == (
        person.org_unit_id,
        str(person.pk),
        officer_town_a,
    )
    event = AuditEvent.objects.get(action="core.document.generated", target_id=str(doc.pk))
    assert all(v in event.new_values for v in ("test", "测〔2024〕1号", doc.sm3))


def test_the_same_content_is_one_file(person, template, officer_town_a):
    a, b = _generate(person, template, officer_town_a), _generate(person, template, officer_town_a)
    assert a.pk != b.pk and a.sm3 == b.sm3
    assert len(list(documents.documents_root().rglob("*.docx"))) == 1


def test_generating_again_repairs_a_damaged_file(person, template, officer_town_a):
    doc = _generate(person, template, officer_town_a)
    path = documents.stored_path(doc.sm3)
    path.chmod(0o640)
    path.write_bytes(b"damaged")
    _generate(person, template, officer_town_a)
    assert documents.verified_bytes(doc) == path.read_bytes()


def test_a_failed_audit_leaves_no_document_row(person, template, officer_town_a, monkeypatch):
    def broken(**kwargs):
        raise RuntimeError("audit store unavailable")

    monkeypatch.setattr(documents.audit, "record", broken)
    with pytest.raises(RuntimeError):
        _generate(person, template, officer_town_a)
    assert not GeneratedDocument.objects.exists()


def test_verified_bytes_refuses_a_changed_file(person, template, officer_town_a):
    doc = _generate(person, template, officer_town_a)
    path = documents.stored_path(doc.sm3)
    path.chmod(0o640)
    path.write_bytes(path.read_bytes() + b"\x00")
    with pytest.raises(FileTampered) as exc:
        documents.verified_bytes(doc)
    assert exc.value.code == "file_tampered" and "篡改" in exc.value.message


def test_verified_bytes_refuses_a_missing_file(person, template, officer_town_a):
    doc = _generate(person, template, officer_town_a)
    documents.stored_path(doc.sm3).unlink()
    with pytest.raises(FileTampered) as exc:
        documents.verified_bytes(doc)
    assert exc.value.code == "file_missing" and "丢失" in exc.value.message


# -- PDF -------------------------------------------------------------------------------


def test_to_pdf_is_none_without_libreoffice(template, monkeypatch):
    monkeypatch.setattr(documents.shutil, "which", lambda name: None)
    assert documents.to_pdf(documents.render_docx(template, {"name": "x", "reason": "y"})) is None


@pytest.mark.skipif(documents.libreoffice() is None, reason="LibreOffice (soffice) is not installed")
def test_to_pdf_converts_with_libreoffice(template):
    pdf = documents.to_pdf(documents.render_docx(template, {"name": "王小明", "reason": "测试"}))
    assert pdf is not None and pdf.startswith(b"%PDF")


# -- download --------------------------------------------------------------------------


def test_download_is_the_verified_docx_named_by_title_and_number(client, person, template, officer_town_a):
    doc = _generate(person, template, officer_town_a)
    login(client, officer_town_a)
    r = client.get(doc.get_absolute_url())
    assert r.status_code == 200
    assert r["Content-Type"].startswith("application/vnd.openxmlformats-officedocument.wordprocessingml")
    assert r["Cache-Control"] == "private, no-store"
    assert "attachment" in r["Content-Disposition"]
    assert "%E6%B5%8B%E8%AF%95%E6%96%87%E4%B9%A6" in r["Content-Disposition"]  # 测试文书, RFC 5987
    assert r.content == documents.stored_path(doc.sm3).read_bytes()
    assert AuditEvent.objects.filter(action="core.document.downloaded", target_id=str(doc.pk)).exists()


def test_anonymous_is_sent_to_login(client, person, template, officer_town_a):
    doc = _generate(person, template, officer_town_a)
    r = client.get(doc.get_absolute_url())
    assert r.status_code == 302 and "login" in r["Location"]


def test_another_towns_user_gets_404(client, person, template, officer_town_a, officer_town_b):
    doc = _generate(person, template, officer_town_a)
    login(client, officer_town_b)
    assert client.get(doc.get_absolute_url()).status_code == 404
    assert not AuditEvent.objects.filter(action="core.document.downloaded").exists()


def test_a_user_who_may_not_see_the_owner_is_refused(client, person, template, officer_town_a, town_a):
    doc = _generate(person, template, officer_town_a)
    no_role = User.objects.create_user(username="norole_a", password="Test#Pass2023", org_unit=town_a)
    login(client, no_role)
    assert client.get(doc.get_absolute_url()).status_code == 403


def test_a_tampered_file_is_refused_with_409_and_audited(client, person, template, officer_town_a):
    doc = _generate(person, template, officer_town_a)
    path = documents.stored_path(doc.sm3)
    path.chmod(0o640)
    path.write_bytes(b"PK\x03\x04 not the document")
    login(client, officer_town_a)
    r = client.get(doc.get_absolute_url())
    assert r.status_code == 409 and "篡改" in r.content.decode() and doc.sm3 in r.content.decode()
    assert AuditEvent.objects.filter(action="core.document.tamper_detected", target_id=str(doc.pk)).exists()
