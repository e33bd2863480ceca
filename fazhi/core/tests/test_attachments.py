"""Evidence files: type by content, digests checked at download, served as
attachments, scoped by town, every step audited."""

import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from fazhi.core import files
from fazhi.core.models import Attachment, AuditEvent
from fazhi.core.tests.factories import PersonFactory, login

pytestmark = pytest.mark.django_db

JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01" + b"\x00" * 200
PDF = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def _docx() -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        # Fixed dates: the bytes must be the same in every test process.
        z.writestr(zipfile.ZipInfo("[Content_Types].xml", (2023, 1, 1, 0, 0, 0)), "<Types/>")
        z.writestr(zipfile.ZipInfo("word/document.xml", (2023, 1, 1, 0, 0, 0)), "<w:document/>")
    return buf.getvalue()


@pytest.fixture
def person(town_a):
    return PersonFactory(org_unit=town_a)


def _upload(client, person, name, data):
    return client.post(
        "/files/upload/", {"owner": f"core.person:{person.pk}", "file": SimpleUploadedFile(name, data)}
    )


@pytest.mark.parametrize(
    ("name", "data", "kind"),
    [("现场.jpg", JPEG, "image"), ("决定书.pdf", PDF, "pdf"), ("笔录.docx", _docx(), "office"),
     ("录音.mp3", b"ID3\x03\x00" + b"\x00" * 100, "audio"), ("视频.mp4", b"\x00\x00\x00\x18ftypisom" + b"\x00" * 50, "video")],
    ids=["jpeg", "pdf", "docx", "mp3", "mp4"],
)  # fmt: skip
def test_kept_types_are_stored_with_both_digests(client, officer_town_a, person, name, data, kind):
    login(client, officer_town_a)
    _upload(client, person, name, data)
    a = Attachment.objects.get()
    assert a.kind == kind and a.size == len(data) and len(a.sm3) == 64 and len(a.sha256) == 64
    assert files.stored_path(a.sm3).read_bytes() == data
    assert AuditEvent.objects.filter(action="core.attachment.uploaded", target_id=str(a.pk)).exists()


@pytest.mark.parametrize(
    "data",
    [b"<!DOCTYPE html><html><script>alert(1)</script></html>", b'<svg xmlns="http://www.w3.org/2000/svg"><script/></svg>',
     b"MZ\x90\x00executable", b"PK\x03\x04not really a zip"],
    ids=["html", "svg", "exe", "fake-zip"],
)  # fmt: skip
def test_a_file_of_another_type_named_photo_jpg_is_refused(client, officer_town_a, person, data):
    login(client, officer_town_a)
    r = _upload(client, person, "photo.jpg", data)
    assert r.status_code == 302
    assert not Attachment.objects.exists()
    assert "文件类型不允许" in str([m.message for m in r.wsgi_request._messages])


def test_download_is_an_attachment_with_nosniff(client, officer_town_a, person):
    login(client, officer_town_a)
    _upload(client, person, "现场.jpg", JPEG)
    r = client.get(Attachment.objects.get().get_absolute_url())
    assert r.status_code == 200
    assert r["Content-Disposition"].startswith("attachment")
    assert r["X-Content-Type-Options"] == "nosniff" and r["Content-Type"] == "image/jpeg"
    assert b"".join(r.streaming_content) == JPEG
    assert AuditEvent.objects.filter(action="core.attachment.downloaded").count() == 1


def test_a_file_changed_on_disk_is_refused_at_download(client, officer_town_a, person):
    login(client, officer_town_a)
    _upload(client, person, "现场.jpg", JPEG)
    a = Attachment.objects.get()
    path = files.stored_path(a.sm3)
    path.chmod(0o640)
    path.write_bytes(JPEG[:-1] + b"\x01")
    r = client.get(a.get_absolute_url())
    assert r.status_code == 409
    assert "篡改" in r.content.decode()
    assert AuditEvent.objects.filter(action="core.attachment.tamper_detected", result="failure").exists()


def test_another_towns_file_is_not_found(client, officer_town_a, officer_town_b, person):
    login(client, officer_town_a)
    _upload(client, person, "现场.jpg", JPEG)
    login(client, officer_town_b)
    assert client.get(Attachment.objects.get().get_absolute_url()).status_code == 404
    r = _upload(client, person, "b.jpg", JPEG)
    assert r.status_code == 404


def test_oversized_files_are_refused(client, officer_town_a, person, settings):
    settings.FAZHI_UPLOAD_MAX_BYTES = 100
    login(client, officer_town_a)
    _upload(client, person, "大.jpg", JPEG)
    assert not Attachment.objects.exists()


def test_upload_through_the_api(client, officer_town_a, person):
    login(client, officer_town_a)
    r = client.post(
        "/api/v1/attachments/",
        {"owner": f"core.person:{person.pk}", "file": SimpleUploadedFile("a.pdf", PDF)},
    )
    assert r.status_code == 201, r.content
    assert r.json()["kind"] == "pdf"
    assert client.get("/api/v1/attachments/").json()["count"] == 1


def test_the_person_page_lists_its_files(client, officer_town_a, person):
    login(client, officer_town_a)
    _upload(client, person, "现场照片.jpg", JPEG)
    assert "现场照片.jpg" in client.get(person.get_absolute_url()).content.decode()
