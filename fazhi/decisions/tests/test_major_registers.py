"""The catalogue and decision registers keep the register contract."""

from fazhi.core.tests.register_contract import RegisterContract
from fazhi.decisions.definitions import major
from fazhi.decisions.tests.factories_major import catalogue_of, make_decision


class TestCataloguesRegister(RegisterContract):
    register = major.catalogues

    def make(self, town, n):
        return [catalogue_of(town, 2000 + i + (1 if town.code.endswith("2") else 0) * 50) for i in range(n)]


class TestDecisionsRegister(RegisterContract):
    register = major.decisions

    def make(self, town, n):
        return [make_decision(town) for _ in range(n)]


def _sheet(register, rows):
    import io

    from django.core.files.uploadedfile import SimpleUploadedFile
    from openpyxl import load_workbook

    from fazhi.core.registers import excel

    wb = load_workbook(io.BytesIO(excel.template_workbook(register)))
    ws = wb.active
    headers = [c.value for c in ws[1]]
    for row in rows:
        ws.append([row.get(h) for h in headers])
    buf = io.BytesIO()
    wb.save(buf)
    return SimpleUploadedFile("d.xlsx", buf.getvalue(), content_type=excel.XLSX_CONTENT_TYPE)


def test_decisions_import_into_the_years_catalogue_all_or_nothing(town_a):
    from fazhi.core.registers import excel
    from fazhi.decisions.models import MajorDecision
    from fazhi.decisions.tests.factories_major import office_of

    catalogue_of(town_a, 2024)
    office = office_of(town_a)
    good = {"所属单位代码": town_a.code, "目录年度": 2024, "决策事项": "场镇绿化提升方案"}
    bad = {"所属单位代码": town_a.code, "目录年度": 2019, "决策事项": "没有目录的事项"}
    result = excel.import_workbook(major.decisions, office, _sheet(major.decisions, [good, bad]))
    assert result.errors and "2019年度重大行政决策事项目录不存在" in result.errors[0].message
    assert not MajorDecision.objects.filter(title="场镇绿化提升方案").exists()
    result = excel.import_workbook(major.decisions, office, _sheet(major.decisions, [good]))
    assert not result.errors and result.created == 1
    d = MajorDecision.objects.get(title="场镇绿化提升方案")
    assert d.catalogue.year == 2024 and d.steps.count() == 5
