"""`fazhi report annual|disclosure --town NAME_OR_CODE --year YYYY --format docx|html|md|pdf -o FILE`:
a town's (or county's) report of a year, from its records, on its own template."""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db.models import Q

from fazhi.core.models import OrgUnit

FORMATS = ("md", "html", "docx", "pdf")
TEXT_FORMATS = ("md", "html")


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


def render(built, fmt: str) -> str | bytes:
    from fazhi.reports import markdown

    if fmt == "md":
        return markdown.write(built)
    if fmt == "html":
        from fazhi.reports import html

        return html.standalone(built)
    from fazhi.reports import docx

    if fmt == "docx":
        return docx.write(built)
    from fazhi.core.documents import PdfConversionFailed

    try:
        pdf = docx.pdf(built)
    except PdfConversionFailed as exc:
        raise CommandError(f"LibreOffice 转换PDF失败：{exc}") from exc
    if pdf is None:
        raise CommandError(
            "未安装 LibreOffice，无法生成PDF；请安装 libreoffice-writer-nogui 后重试，或改用 docx 格式"
        )
    return pdf


class Command(BaseCommand):
    help = "根据台账生成年度报告：report annual --town 江口镇 --year 2023 --format md -o -"

    def add_arguments(self, parser) -> None:
        sub = parser.add_subparsers(dest="kind", required=True)
        for code, label in (("annual", "法治政府建设年度报告"), ("disclosure", "政府信息公开工作年度报告")):
            p = sub.add_parser(code, help=label)
            p.add_argument("--town", required=True, help="镇（街道）或区县的名称或单位代码")
            p.add_argument("--year", required=True, type=int)
            p.add_argument("--format", default="md", help="输出格式：docx、html、md、pdf")
            p.add_argument("-o", "--output", default="-", help="输出文件；- 为标准输出（仅 md、html）")

    def handle(self, *args, **options) -> None:
        from fazhi.reports.builder import build_current

        fmt = options["format"]
        if fmt not in FORMATS:
            raise CommandError(f"暂不支持格式“{fmt}”，可用：{'、'.join(FORMATS)}")
        year = options["year"]
        if not 2000 <= year <= 2100:
            raise CommandError("年度应为四位数字，如 2023")
        output = options["output"]
        if output == "-" and fmt not in TEXT_FORMATS:
            raise CommandError(f"{fmt} 是二进制格式，不能写到标准输出；请用 -o 指定文件")
        unit = find_unit(options["town"])
        result = render(build_current(unit, options["kind"], year), fmt)
        if output == "-":
            self.stdout.write(result, ending="")
            return
        target = Path(output)
        if isinstance(result, bytes):
            target.write_bytes(result)
        else:
            target.write_text(result, encoding="utf-8")
        self.stderr.write(f"已写入 {output}")
