"""Build a report of any kind from a unit's records and a narrative template.

    built = build(kind("annual"), town, 2023)                  # the default template
    built = build_for(report)                                  # a Report row's own texts and settings

The figures are computed at every build, never stored (a published report keeps
the snapshot it was published with: `Report.published_snapshot`)."""

from __future__ import annotations

from collections.abc import Mapping

from fazhi.core.models import OrgUnit
from fazhi.reports import text as template_text
from fazhi.reports.document import Block, BuiltReport, Part
from fazhi.reports.kinds import KindSpec


def default_rounding(spec: KindSpec) -> dict[str, int]:
    return {key: k for key, (_, k) in spec.rounding.items()}


def build(spec: KindSpec, unit: OrgUnit, year: int, *, texts: Mapping[str, str] | None = None,
          order: tuple[str, ...] | list[str] | None = None, rounding: Mapping[str, int] | None = None,
          comparison: bool = False, dated: str = "") -> BuiltReport:  # fmt: skip
    """The unit's report of `year`. `texts` (by part code, and "preamble") default to
    the kind's own; a part missing from `texts` takes the default text."""
    order = spec.check_order(order if order is not None else spec.default_order)
    ks = {**default_rounding(spec), **(rounding or {})}
    figures = spec.figures(unit, year)
    values = spec.values(unit, year, ks, figures)
    tables = spec.tables(unit, year, figures)
    defaults = spec.default_texts()
    texts = {**defaults, **{k: v for k, v in (texts or {}).items() if v is not None}}
    suggestions = spec.suggestions(unit, year, values, figures)
    titles = spec.part_titles
    parts = []
    for code in order:
        part_spec = next(p for p in spec.parts if p.code == code)
        blocks = template_text.render(texts.get(code, ""), values, tables)
        parts.append(Part(code, titles[code], blocks, suggestions if part_spec.written else []))
    appendix: Block | None = spec.comparison(unit, year, ks) if comparison else None
    return BuiltReport(
        kind=spec.code,
        unit_code=unit.code,
        unit_name=unit.name,
        year=year,
        title=spec.title(unit, year),
        addressee=spec.addressee(unit),
        preamble=template_text.render(texts.get("preamble", ""), values, tables),
        parts=parts,
        signature=spec.signature(unit),
        dated=dated,
        quoted=dict(values),
        appendix_title=f"附表：{year}年与{year - 1}年主要数据对比" if appendix is not None else "",
        appendix=appendix,
    )


def build_for(report) -> BuiltReport:
    """A Report row's build: its texts, order, rounding and appendix setting."""
    from fazhi.reports.kinds import kind

    spec = kind(report.kind)
    dated = ""
    if report.approved_on:
        d = report.approved_on
        dated = f"{d.year}年{d.month}月{d.day}日"
    built = build(spec, report.org_unit, report.year, texts=report.texts, order=report.order or None,
                  rounding=report.rounding, comparison=report.comparison, dated=dated)  # fmt: skip
    if not report.editable:  # the writer's points are for drafts
        for part in built.parts:
            part.suggestions = []
    return built


def build_current(unit: OrgUnit, kind_code: str, year: int) -> BuiltReport:
    """The unit's report of `year` as it stands: its Report row's texts and settings
    where one exists, else the unit's template, else the kind's default wording."""
    from fazhi.reports.kinds import kind
    from fazhi.reports.models import Report, ReportTemplate

    report = (
        Report.objects.filter(org_unit=unit, kind=kind_code, year=year).select_related("org_unit").first()
    )
    if report is not None:
        return build_for(report)
    template = ReportTemplate.objects.filter(org_unit=unit, kind=kind_code).first()
    spec = kind(kind_code)
    if template is None:
        return build(spec, unit, year)
    return build(spec, unit, year, texts=template.texts, order=template.order or None,
                 rounding=template.rounding, comparison=template.comparison)  # fmt: skip
