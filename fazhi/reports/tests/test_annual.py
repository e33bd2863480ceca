"""The annual report's build on a small town: parts, order, addressee, the command."""

import io

import pytest
from django.core.management import CommandError, call_command

from fazhi.core.tests.factories import town
from fazhi.reports import annual, markdown

pytestmark = pytest.mark.django_db


def _report(*args) -> str:
    out = io.StringIO()
    call_command("report", "annual", *args, stdout=out)
    return out.getvalue()


def test_the_parts_come_in_the_seeds_order_and_the_order_is_configurable(town_a):
    text = markdown.write(annual.build(town_a, 2023))
    assert (
        text.index("一、主要举措及成效")
        < text.index("二、党政主要负责人")
        < text.index("三、存在的不足和原因")
    )
    assert "四、下一年度工作安排" in text and "其他需要报告的情况" not in text
    assert text.startswith("# 中共江口镇委员会 江口镇人民政府\n## 关于2023年度法治政府建设情况的报告")
    assert "中共云阳县委、云阳县人民政府：" in text
    reordered = markdown.write(annual.build(town_a, 2023, order=("measures", "shortcomings", "leaders_duty",
                                                                     "next_year", "other")))  # fmt: skip
    assert reordered.index("二、存在的不足和原因") < reordered.index("三、党政主要负责人")
    assert "五、其他需要报告的情况" in reordered
    with pytest.raises(ValueError, match="nonsense"):
        annual.build(town_a, 2023, order=("measures", "nonsense"))


def test_an_empty_year_says_none_rather_than_inventing(town_a):
    text = markdown.write(annual.build(town_a, 2023))
    assert "行政复议无，行政诉讼无" in text
    assert "新增市场主体0个" in text


def test_the_command_finds_a_town_by_name_or_code_and_lists_the_codes_of_a_shared_name(town_a, county_unit):
    assert "江口镇" in _report("--town", "江口镇", "--year", "2023")
    assert "江口镇" in _report("--town", town_a.code, "--year", "2023", "--format", "md", "-o", "-")
    town("500235199", "江口镇", county_unit)  # another town of the same name
    with pytest.raises(CommandError, match=r"500235131.*500235199"):
        _report("--town", "江口镇", "--year", "2023")
    with pytest.raises(CommandError, match="暂不支持格式"):
        _report("--town", town_a.code, "--year", "2023", "--format", "odt")


def test_the_command_writes_a_file(town_a, tmp_path):
    target = tmp_path / "report.md"
    _report("--town", town_a.code, "--year", "2023", "-o", str(target))
    assert target.read_text(encoding="utf-8").startswith("# 中共江口镇委员会")
