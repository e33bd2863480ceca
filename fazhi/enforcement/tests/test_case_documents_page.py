"""The case page generates a case's documents; a decided case's decision keeps its number."""

import io

import pytest
from docx import Document

from fazhi.core.models import GeneratedDocument
from fazhi.core.tests.factories import login
from fazhi.enforcement.tests.factories import make_summary_case

pytestmark = pytest.mark.django_db


def test_the_case_page_generates_the_decision_document(client, officer_town_a, town_a):
    case = make_summary_case(town_a, officer_town_a)
    login(client, officer_town_a)
    page = client.get(case.get_absolute_url()).content.decode()
    assert "当场行政处罚决定书" in page
    r = client.post(f"/enforcement/cases/{case.pk}/documents/summary_decision/")
    assert r.status_code == 302
    doc = GeneratedDocument.objects.get()
    assert doc.doc_number == case.decision_no
    download = client.get(r["Location"])
    data = b"".join(download.streaming_content) if download.streaming else download.content
    text = "\n".join(p.text for p in Document(io.BytesIO(data)).paragraphs)
    assert case.party.name in text


def test_another_towns_user_cannot_generate(client, officer_town_a, officer_town_b, town_a):
    case = make_summary_case(town_a, officer_town_a)
    login(client, officer_town_b)
    assert client.post(f"/enforcement/cases/{case.pk}/documents/summary_decision/").status_code == 404
    assert not GeneratedDocument.objects.exists()


def test_the_statistics_page_shows_the_years_figures(client, officer_town_a, town_a):
    make_summary_case(town_a, officer_town_a)
    login(client, officer_town_a)
    r = client.get("/enforcement/statistics/?year=2023&by=village")
    assert r.status_code == 200
    figures = r.context["figures"]
    assert figures["summary"].cases == 1
    assert "简易程序" in r.content.decode()


def test_the_case_page_keeps_a_fixed_query_count_as_the_timeline_grows(client, officer_town_a, town_a):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from fazhi.enforcement.tests.factories import make_ordinary_case

    short = make_ordinary_case(town_a, officer_town_a, until="filed")
    long = make_ordinary_case(town_a, officer_town_a, until="closed")
    assert long.steps.count() > short.steps.count() + 3
    login(client, officer_town_a)
    client.get(short.get_absolute_url())
    with CaptureQueriesContext(connection) as few:
        client.get(short.get_absolute_url())
    with CaptureQueriesContext(connection) as many:
        client.get(long.get_absolute_url())
    assert len(many.captured_queries) == len(few.captured_queries)
