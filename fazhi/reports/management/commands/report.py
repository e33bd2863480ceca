"""`fazhi report annual --town NAME_OR_CODE --year YYYY --format md -o FILE`: the annual
report on rule-of-law government building of a town (or county), from its records."""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db.models import Q

from fazhi.core.models import OrgUnit

FORMATS = ("md",)  # html, docx and pdf come with the rest of the report issue


def find_unit(name_or_code: str) -> OrgUnit:
    """A town or county by its code or its name; a name several units share is an error
    that lists their codes."""
    text = (name_or_code or "").strip()
    found = list(OrgUnit.objects.filter(Q(code=text) | Q(name=text)).order_by("code"))
    exact = [u for u in found if u.code == text]
    if exact:
        return exact[0]
    if not found:
        raise CommandError(f"未找到名称或代码为“{text}”的单位")
    if len(found) > 1:
        listed = "、".join(f"{u.name}（{u.code}）" for u in found)
        raise CommandError(f"名称“{text}”对应多个单位，请改用单位代码：{listed}")
    return found[0]


class Command(BaseCommand):
    help = "根据台账生成年度报告：report annual --town 江口镇 --year 2023 --format md -o -"

    def add_arguments(self, parser) -> None:
        sub = parser.add_subparsers(dest="kind", required=True)
        annual = sub.add_parser("annual", help="法治政府建设年度报告")
        annual.add_argument("--town", required=True, help="镇（街道）或区县的名称或单位代码")
        annual.add_argument("--year", required=True, type=int)
        annual.add_argument("--format", default="md", help="输出格式：md")
        annual.add_argument("-o", "--output", default="-", help="输出文件；- 为标准输出")

    def handle(self, *args, **options) -> None:
        from fazhi.reports import annual

        if options["format"] not in FORMATS:
            raise CommandError(f"暂不支持格式“{options['format']}”，目前可用：{'、'.join(FORMATS)}")
        year = options["year"]
        if not 2000 <= year <= 2100:
            raise CommandError("年度应为四位数字，如 2023")
        unit = find_unit(options["town"])
        text = annual.to_markdown(annual.build(unit, year))
        if options["output"] == "-":
            self.stdout.write(text, ending="")
        else:
            Path(options["output"]).write_text(text, encoding="utf-8")
            self.stderr.write(f"已写入 {options['output']}")
