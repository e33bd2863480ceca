"""An unpublished document cannot be cited as a basis (国办发〔2018〕37号): the check,
and the enforcement matter's form, Excel import and API that apply it."""

import datetime as dt
import io

import pytest
from openpyxl import load_workbook

from fazhi.core.tests.factories import login
from fazhi.decisions.actions import normative as actions
from fazhi.decisions.choices import CleanupOutcome
from fazhi.decisions.citable import check_citable
from fazhi.decisions.tests.factories_normative import (
    days_ago,
    make_commenting,
    make_draft,
    make_historical,
    make_published,
    office_of,
)
from fazhi.enforcement.definitions import matters
from fazhi.enforcement.forms import MatterForm
from fazhi.enforcement.tests.factories import make_matter
from fazhi.law import RuleError

pytestmark = pytest.mark.django_db
CITATION = "国办发〔2018〕37号"


def test_a_published_document_in_force_may_be_cited(town_a):
    check_citable([make_published(town_a)], unit=town_a)


@pytest.mark.parametrize("make", [make_draft, make_commenting], ids=["draft", "commenting"])
def test_an_unpublished_document_is_refused_citing_the_rule(town_a, make):
    with pytest.raises(RuleError) as exc:
        check_citable([make(town_a)], unit=town_a)
    assert exc.value.code == "document_not_citable" and CITATION in str(exc.value)


def test_a_repealed_or_expired_document_is_refused(town_a):
    repealed = actions.clean_up(make_published(town_a), actor=office_of(town_a), outcome=CleanupOutcome.REPEAL,
                                reason="废止")  # fmt: skip
    expired = make_historical(town_a, published_on=dt.date(2019, 1, 10))  # valid five years
    for doc in (repealed, expired):
        with pytest.raises(RuleError):
            check_citable([doc], unit=town_a)


def test_a_county_document_may_be_cited_by_a_town_but_not_another_towns(town_a, town_b, county_unit):
    check_citable([make_published(county_unit)], unit=town_a)
    with pytest.raises(RuleError) as exc:
        check_citable([make_published(town_b)], unit=town_a)
    assert "不是本单位或上级机关" in str(exc.value)


def _form(user, matter, docs):
    data = MatterForm.initial_for(matter)
    data["basis_documents"] = [d.pk for d in docs]
    return MatterForm(data=data, instance=matter, user=user)


def test_the_matter_form_refuses_an_unpublished_document_with_the_rule(town_a):
    matter, office = make_matter(town_a), office_of(town_a)
    form = _form(office, matter, [make_draft(town_a)])
    assert not form.is_valid()
    assert CITATION in form.errors["basis_documents"][0]


def test_the_matter_form_offers_only_citable_documents_and_accepts_one(town_a, county_unit):
    matter, office = make_matter(town_a), office_of(town_a)
    published, county_doc, draft = make_published(town_a), make_published(county_unit), make_draft(town_a)
    choices = MatterForm(instance=matter, user=office).fields["basis_documents"].choices
    offered = {int(str(v)) for v, _ in choices}
    assert {published.pk, county_doc.pk} <= offered and draft.pk not in offered
    form = _form(office, matter, [published, county_doc])
    assert form.is_valid(), form.errors
    matter = matters.do_update(matter, actor=office, data=form.cleaned_data)
    assert set(matter.basis_documents.all()) == {published, county_doc}


def test_the_matter_page_refuses_another_towns_document(client, town_a, town_b):
    matter, office = make_matter(town_a), office_of(town_a)
    other = make_published(town_b)
    login(client, office)
    data = {
        k: ("" if v is None else v)
        for k, v in MatterForm.initial_for(matter).items()
        if k != "basis_documents"
    }
    r = client.post(matters.url("edit", matter.pk), {**data, "basis_documents": [other.pk]})
    assert r.status_code == 200 and not matter.basis_documents.exists()


def _api(client, user):
    client.force_login(user)
    return client


def test_the_matter_api_refuses_an_unpublished_document(client, town_a):
    matter, office = make_matter(town_a), office_of(town_a)
    draft, published = make_draft(town_a), make_published(town_a)
    api = _api(client, office)
    url = f"/api/v1/enforcement/matters/{matter.pk}/"
    r = api.patch(url, {"basis_documents": [draft.pk]}, content_type="application/json")
    assert r.status_code == 400 and CITATION in str(r.json())
    r = api.patch(url, {"basis_documents": [published.pk]}, content_type="application/json")
    assert r.status_code == 200, r.json()
    assert r.json()["basis_documents"] == [published.pk]


def _matter_workbook(client, numbers: str) -> io.BytesIO:
    """The exported matters ledger with its one row citing `numbers`."""
    wb = load_workbook(io.BytesIO(client.get(matters.url("export")).content))
    ws = wb.active
    col = [c.value for c in ws[1]].index("依据的规范性文件文号") + 1
    ws.cell(row=2, column=col, value=numbers)
    buf = io.BytesIO()
    wb.save(buf)
    buf.seek(0)
    buf.name = "执法事项.xlsx"
    return buf


def test_the_matter_import_links_documents_by_number_and_refuses_an_unpublished_one(client, town_a):
    matter, office = make_matter(town_a), office_of(town_a)
    published = make_published(town_a, number="江府发〔2026〕3号", published_on=days_ago(20))
    unpublished = make_published(town_a, number="江府发〔2026〕4号", published_on=days_ago(20))
    actions.clean_up(unpublished, actor=office, outcome=CleanupOutcome.REPEAL, reason="废止")
    login(client, office)
    r = client.post(matters.url("import"), {"file": _matter_workbook(client, "江府发〔2026〕4号")})
    assert r.status_code == 400 and CITATION in r.content.decode()
    r = client.post(matters.url("import"), {"file": _matter_workbook(client, "江府发〔2026〕3号")})
    assert r.status_code == 302
    assert list(matter.basis_documents.all()) == [published]
    r = client.post(matters.url("import"), {"file": _matter_workbook(client, "江府发〔2026〕99号")})
    assert r.status_code == 400 and "不存在" in r.content.decode()


def test_the_matter_export_lists_its_document_numbers(client, town_a):
    matter, office = make_matter(town_a), office_of(town_a)
    doc = make_published(town_a, number="江府发〔2026〕5号")
    matters.do_update(matter, actor=office, data={"basis_documents": [doc]})
    login(client, office)
    ws = load_workbook(io.BytesIO(client.get(matters.url("export")).content)).active
    headers = [c.value for c in ws[1]]
    col = headers.index("依据的规范性文件文号")
    assert ws.cell(row=2, column=col + 1).value == "江府发〔2026〕5号"
